from __future__ import annotations

from datetime import date

import pytest
import sqlalchemy as sa

from accordia.facts import (
    Article,
    ArticleFacts,
    CandidateIssue,
    Commitment,
    DecisionRule,
    Event,
    Evidence,
    Membership,
    Person,
    Position,
    Provision,
    Quantity,
    RedLine,
)
from accordia.store import BadInputError, Store, writes
from accordia.store import schema as tables
from tests.store.helpers import WIRE_REPORT, evidence_in, make_article, stance_article

MARCH_3 = date(2025, 3, 3)


def _full_facts(article: Article) -> ArticleFacts:
    """One fact of every type, all resting on sentences of the wire report."""
    france = evidence_in(article, "France told its partners on Monday that it supports a reassurance force")
    poland = evidence_in(article, "Poland offered logistics support from its own territory")
    germany = evidence_in(article, "Germany was more cautious")
    return ArticleFacts(
        article_id=article.id, published=article.published,
        people=[Person(name="Emmanuel Macron", actor="FRA", role="President", evidence=france)],
        positions=[Position("FRA", "reassurance-force", "support", evidence=france),
                   Position("DEU", "reassurance-force", "undecided", evidence=germany)],
        commitments=[Commitment("POL", "logistics", "reassurance-force", evidence=poland, places=["POL"],
                                conditions=["no troops in Ukraine"],
                                amount=Quantity(2.0, "hub", subject="logistics hubs"))],
        red_lines=[RedLine("POL", "reassurance-force", wording="would not send troops", evidence=poland)],
        provisions=[Provision("peace-plan", "ukraine-army-cap", "requires", evidence=france, explicit=False)],
        memberships=[Membership("coalition-of-the-willing", "FRA", role="lead", evidence=france)],
        decision_rules=[DecisionRule("DEU", "parliamentary-approval", scope=["reassurance-force"],
                                     evidence=germany)],
        quantities=[Quantity(3.0, "count", subject="capitals", evidence=germany)],
        events=[Event("meeting", "defence ministers meeting", date=date(2025, 3, 20),
                      participants=["FRA", "DEU"], evidence=france)],
        candidate_issues=[CandidateIssue("logistics hub in Poland", actor="POL", stance="support",
                                         evidence=poland)],
    )


def test_every_fact_type_round_trips_with_its_evidence(store: Store) -> None:
    article = make_article(WIRE_REPORT, MARCH_3)
    facts = _full_facts(article)
    result = store.write(article, facts, extractor_version="test-1")
    assert result.status == "stored"
    assert result.facts == 11
    counts = store.counts()
    assert counts["articles"] == 1 and counts["stories"] == 1
    assert all(counts[name] >= 1 for name in tables.FACT_TABLES)

    commitment = store.facts("commitments")[0]
    assert commitment.places == ["POL"] and commitment.conditions == ["no troops in Ukraine"]
    assert commitment.amount.value == 2.0 and commitment.amount.subject == "logistics hubs"
    assert commitment.evidence.sentence.startswith("Poland offered")
    assert commitment.evidence.published == MARCH_3 and commitment.evidence.source == "Test Wire"
    ev = commitment.evidence
    assert WIRE_REPORT[ev.start:ev.end] == ev.sentence
    event = store.facts("events")[0]
    assert event.date == date(2025, 3, 20) and event.participants == ["FRA", "DEU"]
    rule = store.facts("decision_rules")[0]
    assert rule.scope == ["reassurance-force"] and rule.source == "reported"
    membership = store.facts("memberships")[0]
    assert membership.role == "lead"
    assert store.facts("provisions")[0].explicit is False


def test_shared_sentences_are_stored_once(store: Store) -> None:
    article = make_article(WIRE_REPORT, MARCH_3)
    store.write(article, _full_facts(article))
    with store.engine.connect() as conn:
        n_evidence = conn.execute(sa.select(sa.func.count()).select_from(tables.evidence)).scalar_one()
    assert n_evidence == 3


def test_same_content_is_skipped_even_with_other_whitespace(store: Store) -> None:
    article, facts = stance_article(WIRE_REPORT, MARCH_3, [
        ("FRA", "reassurance-force", "support", "it supports a reassurance force")])
    first = store.write(article, facts)
    respaced = Article(text="  " + WIRE_REPORT.replace(". ", ".\n\n"), published=MARCH_3)
    second = store.write(respaced, ArticleFacts(article_id=respaced.id, positions=facts.positions))
    assert second.status == "duplicate"
    assert second.article_id == first.article_id
    assert "duplicate content" in second.reason
    assert store.counts()["positions"] == 1


def test_failure_mid_article_leaves_nothing_and_keeps_earlier_articles(store: Store, monkeypatch) -> None:
    good, good_facts = stance_article(WIRE_REPORT, MARCH_3, [
        ("FRA", "reassurance-force", "support", "it supports a reassurance force")])
    store.write(good, good_facts)
    before = store.counts()

    other = make_article("Italy said it would not send soldiers to Ukraine under any flag.", MARCH_3)
    bad_facts = ArticleFacts(article_id=other.id, positions=[
        Position("ITA", "reassurance-force", "oppose", evidence=evidence_in(other, "Italy said"))])
    real_insert = writes.insert_facts

    def insert_then_fail(conn, **kwargs):
        real_insert(conn, **kwargs)
        raise RuntimeError("disk full")

    monkeypatch.setattr("accordia.store.database.insert_facts", insert_then_fail)
    with pytest.raises(RuntimeError, match="disk full"):
        store.write(other, bad_facts)
    assert store.counts() == before
    assert store.find_hash(other.text) is None

    monkeypatch.setattr("accordia.store.database.insert_facts", real_insert)
    assert store.write(other, bad_facts).status == "stored"
    assert store.counts()["positions"] == 2


def test_malformed_evidence_rolls_back_the_whole_article(store: Store) -> None:
    article = make_article("Spain backed the ceasefire proposal on Tuesday.", MARCH_3)
    broken = Evidence(sentence="Spain backed", start="not a number", end=12)  # type: ignore[arg-type]
    facts = ArticleFacts(article_id=article.id, positions=[Position("ESP", "ceasefire", "support",
                                                                    evidence=broken)])
    with pytest.raises(ValueError):
        store.write(article, facts)
    assert store.counts()["articles"] == 0 and store.counts()["stories"] == 0


def test_empty_text_is_refused(store: Store) -> None:
    with pytest.raises(BadInputError):
        store.write(Article(text="   \n "), ArticleFacts(article_id="x"))


def test_near_duplicate_joins_the_story_and_adds_sources(store: Store) -> None:
    sentence = "it supports a reassurance force"
    stances = [("FRA", "reassurance-force", "support", sentence)]
    original, facts = stance_article(WIRE_REPORT, MARCH_3, stances, source="Wire A")
    edited = WIRE_REPORT.replace("on Monday", "on Monday evening").replace("the summer", "the autumn")
    copy, copy_facts = stance_article(edited, MARCH_3, stances, source="Outlet B")
    first = store.write(original, facts)
    second = store.write(copy, copy_facts)
    assert second.status == "joined"
    assert second.story_id == first.story_id and second.similar_to == first.article_id
    assert 0.8 <= second.similarity < 1.0
    assert f"joined story {first.story_id}" in second.reason

    [current] = store.positions()
    assert current.sources == 2
    assert current.position.evidence.source == "Wire A"  # the original report represents the fact
    assert len(store.history()) == 1  # one fact, two sources
    assert {e.source for e in store.evidence("positions", current.fact_key)} == {"Wire A", "Outlet B"}
    with store.engine.connect() as conn:
        count = conn.execute(sa.select(tables.stories.c.source_count)).scalar_one()
    assert count == 2


def test_different_story_starts_its_own(store: Store) -> None:
    store.write(make_article(WIRE_REPORT, MARCH_3), ArticleFacts(article_id="a"))
    other = ("KYIV, March 4 - Ukraine's parliament voted on Tuesday to extend martial law for another "
             "ninety days, citing continued attacks on energy infrastructure in the east and the south.")
    result = store.write(make_article(other, date(2025, 3, 4)), ArticleFacts(article_id="b"))
    assert result.status == "stored"
    assert store.counts()["stories"] == 2


def test_articles_with_the_same_id_but_other_text_both_kept(store: Store) -> None:
    first = store.write(make_article("Norway pledged money for air defence.", MARCH_3, article_id="n1"),
                        ArticleFacts(article_id="n1"))
    second = store.write(make_article("Finland pledged training for pilots.", MARCH_3, article_id="n1"),
                         ArticleFacts(article_id="n1"))
    assert first.article_id == "n1"
    assert second.status == "stored" and second.article_id != "n1"
    assert store.article(second.article_id).text == "Finland pledged training for pilots."


def test_undated_article_is_dated_on_ingestion(store: Store) -> None:
    article, facts = stance_article("Japan said it backs the peace plan.", None, [
        ("JPN", "peace-plan", "support", "Japan said it backs the peace plan.")])
    store.write(article, facts)
    [current] = store.positions()
    assert current.date is not None and current.date >= date(2025, 1, 1)
    assert store.article(article.id).published is None


def test_reference_tables_are_filled_once(store: Store) -> None:
    store.sync_reference({"FRA": "France", "DEU": "Germany"}, {"ceasefire": "Ceasefire"})
    store.sync_reference({"FRA": "France", "POL": "Poland"}, {"ceasefire": "Ceasefire"})
    assert store.known_actors() == {"FRA", "DEU", "POL"}
    assert store.known_issues() == {"ceasefire"}


def test_in_memory_store_joins_near_duplicates_too() -> None:
    kb = Store.open(":memory:")
    first = kb.write(make_article(WIRE_REPORT, MARCH_3), ArticleFacts(article_id="a"))
    again = kb.write(make_article(WIRE_REPORT.replace("Monday", "Tuesday"), MARCH_3),
                     ArticleFacts(article_id="b"))
    assert (first.status, again.status) == ("stored", "joined")
    assert kb.counts()["articles"] == 2
    kb.close()
