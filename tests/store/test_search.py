"""Search over evidence: every sentence a fact rests on, whatever its type, all words required."""

from __future__ import annotations

from datetime import date

from accordia.facts import Article, ArticleFacts, Commitment, RedLine
from accordia.store import Store
from tests.store.helpers import evidence_in


def test_search_finds_sentences_behind_any_fact_type(store: Store) -> None:
    text = ("OSLO, May 9 - Norway will send 200 troops to the mission, the minister said. "
            "Russia called foreign troops in Ukraine a red line. Weather was mild.")
    article = Article(text=text, published=date(2025, 5, 9), source="Test Wire")
    pledge = evidence_in(article, "Norway will send 200 troops to the mission, the minister said.")
    line = evidence_in(article, "Russia called foreign troops in Ukraine a red line.")
    store.write(article, ArticleFacts(article_id=article.id,
                                      commitments=[Commitment("NOR", "troops", "reassurance-force", evidence=pledge)],
                                      red_lines=[RedLine("RUS", "reassurance-force", evidence=line)]))
    assert [r["sentence"] for r in store.search_evidence(["TROOPS"])] == [pledge.sentence, line.sentence]
    assert [r["sentence"] for r in store.search_evidence(["troops", "red"])] == [line.sentence]
    assert store.search_evidence(["weather"]) == [], "only sentences a fact rests on are evidence"
    assert store.search_evidence(["100%"]) == [], "search words are text, not patterns"
    assert store.search_evidence(["norway"])[0]["source"] == "Test Wire"
