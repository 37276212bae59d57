"""Hand-built facts and a small fake reference for the analysis tests.

The fake reference mimics only the names the analyses use (gazetteer.members_of, rules,
capabilities, codebook.issues), so the real ``accordia.reference`` drops in unchanged.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from accordia.facts import Commitment, Evidence, Position, Quantity, RedLine

DAY = date(2025, 3, 4)

# NATO members relevant to the tests, with accession dates (Sweden joined in March 2024).
NATO_JOINED = {"FRA": date(1949, 4, 4), "GBR": date(1949, 4, 4), "TUR": date(1952, 2, 18),
               "DNK": date(1949, 4, 4), "ITA": date(1949, 4, 4), "POL": date(1999, 3, 12),
               "GRC": date(1952, 2, 18), "USA": date(1949, 4, 4), "DEU": date(1955, 5, 6),
               "SWE": date(2024, 3, 7), "HUN": date(1999, 3, 12)}
EU_JOINED = {"FRA": date(1958, 1, 1), "DEU": date(1958, 1, 1), "ITA": date(1958, 1, 1),
             "DNK": date(1973, 1, 1), "SWE": date(1995, 1, 1), "POL": date(2004, 5, 1),
             "GRC": date(1981, 1, 1), "HUN": date(2004, 5, 1)}


@dataclass
class FakeGazetteer:
    joined: dict[str, dict[str, date]] = field(default_factory=lambda: {"NATO": NATO_JOINED, "EU": EU_JOINED})

    def members_of(self, org_id: str, on: date | None = None) -> set[str]:
        table = self.joined.get(org_id, {})
        return {m for m, d in table.items() if on is None or d <= on}

    def memberships_of(self, actor: str, on: date | None = None) -> set[str]:
        return {org for org in self.joined if actor in self.members_of(org, on)}

    def is_state(self, actor: str) -> bool:
        return actor not in self.joined

    def name(self, actor: str) -> str:
        return actor


@dataclass
class FakeIssue:
    id: str
    label: str = ""
    aliases: tuple[str, ...] = ()
    keywords: tuple[str, ...] = ()
    proposal: bool = False


@dataclass
class FakeCodebook:
    issues: list[FakeIssue] = field(default_factory=list)


@dataclass
class FakeRule:
    holder: str
    holder_kind: str
    rule: str
    scope: tuple[str, ...]
    members_can_block: bool
    note: str = ""
    source: str = "test treaty text"


@dataclass
class FakeCapability:
    actor: str
    gdp_usd_bn: float | None
    milex_usd_bn: float | None
    population_m: float | None = None
    year: int = 2024


@dataclass
class FakeReference:
    gazetteer: FakeGazetteer = field(default_factory=FakeGazetteer)
    codebook: FakeCodebook = field(default_factory=lambda: FakeCodebook([
        FakeIssue("reassurance-force", "Post-war reassurance force",
                  ("reassurance force", "multinational force", "peacekeeping force"))]))
    rules: list[FakeRule] = field(default_factory=list)
    capabilities: dict[str, FakeCapability] = field(default_factory=dict)


def ev(sentence: str, article: str = "a1", published: date | None = DAY, start: int = 0) -> Evidence:
    """Evidence whose span is the sentence itself, placed at ``start`` in an imagined article."""
    return Evidence(sentence=sentence, start=start, end=start + len(sentence), article=article,
                    published=published, rule="test", confidence=0.9)


def pos(actor: str, issue: str, stance: str, sentence: str, **kw: Any) -> Position:
    article = kw.pop("article", "a1")
    published = kw.pop("published", DAY)
    return Position(actor, issue, stance, evidence=ev(sentence, article, published), **kw)


def troops(actor: str, issue: str, sentence: str, amount: float | None = None, **kw: Any) -> Commitment:
    article = kw.pop("article", "a1")
    published = kw.pop("published", DAY)
    qty = Quantity(amount, "troops") if amount is not None else None
    return Commitment(actor, "troops", issue, evidence=ev(sentence, article, published), amount=qty, **kw)


def red_line(actor: str, against: str, wording: str, sentence: str) -> RedLine:
    return RedLine(actor, against, wording=wording, evidence=ev(sentence))


def evidence_is_traceable(item: dict[str, Any]) -> bool:
    """A reported piece names sentence, article, span and date; an institutional one names rule and source."""
    return ({"sentence", "article", "start", "end", "published"} <= set(item)
            or {"rule", "source"} <= set(item))
