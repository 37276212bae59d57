"""Hand-built articles and facts for store tests (offsets are computed from the text, never typed)."""

from __future__ import annotations

import re
from datetime import date
from types import SimpleNamespace

from accordia.facts import Article, ArticleFacts, Evidence, Position


def make_article(text: str, day: date | None, source: str = "Test Wire", article_id: str = "") -> Article:
    return Article(text=text, published=day, source=source, id=article_id)


def evidence_in(article: Article, sentence: str, confidence: float = 0.9) -> Evidence:
    """Evidence for a sentence that must occur in the article (offsets computed, not typed)."""
    start = article.text.index(sentence)
    return Evidence(sentence=sentence, start=start, end=start + len(sentence), cue="test",
                    rule="hand-made", confidence=confidence)


def stance_article(text: str, day: date | None, stances: list[tuple[str, str, str, str]],
                   source: str = "Test Wire") -> tuple[Article, ArticleFacts]:
    """An article with positions given as (actor, issue, stance, sentence-in-text)."""
    article = make_article(text, day, source)
    facts = ArticleFacts(article_id=article.id, published=day, positions=[
        Position(actor=a, issue=i, stance=s, evidence=evidence_in(article, sentence))
        for a, i, s, sentence in stances
    ])
    return article, facts


# A long wire report written for these tests; near-duplicate tests edit a word or two of it.
WIRE_REPORT = (
    "PARIS, March 3 - France told its partners on Monday that it supports a reassurance force for "
    "Ukraine once the fighting stops. Officials in Paris said the plan would be discussed again at a "
    "meeting of defence ministers later in the month, where several capitals were expected to say how "
    "many soldiers they could send. Germany was more cautious and said it had not yet decided whether "
    "to take part, pointing to a coming debate in parliament. Poland offered logistics support from its "
    "own territory but said it would not send troops across the border. Diplomats said the coalition "
    "hoped to agree a first list of contributions before the summer, and that the United States had "
    "been asked to provide air cover and intelligence for the mission."
)


# ---- a tiny rule-based extractor and reference data, so ingest/facade/CLI tests need no spaCy ----

ACTOR_NAMES = {"France": "FRA", "Germany": "DEU", "Poland": "POL", "Italy": "ITA", "Britain": "GBR",
               "Russia": "RUS", "Ukraine": "UKR", "Spain": "ESP"}
ISSUE_WORDS = {"ceasefire": "ceasefire", "reassurance force": "reassurance-force",
               "peace plan": "peace-plan"}
VERBS = {"supports": "support", "backs": "support", "opposes": "oppose", "rejects": "oppose",
         "is undecided on": "undecided", "accepts only with conditions": "conditional"}
_STANCE_SENTENCE = re.compile(
    r"(?P<actor>" + "|".join(ACTOR_NAMES) + r") (?P<verb>" + "|".join(VERBS) + r") the (?P<issue>"
    + "|".join(ISSUE_WORDS) + r")[^.]*\.")


class KeywordExtractor:
    """Reads "<Country> <verb> the <issue>." sentences; counts calls; fails on a marker word."""

    version = "keyword-test-1"

    def __init__(self, fail_on: str = "EXPLODE") -> None:
        self.fail_on = fail_on
        self.calls = 0

    def __call__(self, article: Article) -> ArticleFacts:
        self.calls += 1
        if self.fail_on and self.fail_on in article.text:
            raise RuntimeError(f"cannot parse an article containing {self.fail_on}")
        facts = ArticleFacts(article_id=article.id, published=article.published)
        for m in _STANCE_SENTENCE.finditer(article.text):
            ev = Evidence(sentence=m.group(0), start=m.start(), end=m.end(), cue=m.group("verb"),
                          rule="keyword", confidence=0.9)
            facts.positions.append(Position(actor=ACTOR_NAMES[m.group("actor")],
                                            issue=ISSUE_WORDS[m.group("issue")],
                                            stance=VERBS[m.group("verb")], evidence=ev))
        return facts


class _Gazetteer:
    names = {iso: name for name, iso in ACTOR_NAMES.items()}

    def __init__(self) -> None:
        self.actors = dict(self.names)

    def name(self, actor: str) -> str:
        return self.names.get(actor, actor)


def fake_reference() -> SimpleNamespace:
    issues = [SimpleNamespace(id="reassurance-force", label="Reassurance force"),
              SimpleNamespace(id="ceasefire", label="Ceasefire"),
              SimpleNamespace(id="peace-plan", label="Peace plan")]
    return SimpleNamespace(gazetteer=_Gazetteer(), codebook=SimpleNamespace(issues=issues))


def stance_text(*sentences: str, place: str = "PARIS") -> str:
    """An English article body around the given stance sentences (long enough for the readers)."""
    filler = ("Diplomats met for several hours on the question of how the war could be brought to an end, "
              "and officials said that the talks would continue in the coming weeks.")
    return f"{place} (Test Wire) - " + " ".join(sentences) + " " + filler
