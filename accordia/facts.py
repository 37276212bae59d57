"""The facts Accordia knows, as plain dataclasses.

Every layer speaks these types: readers yield :class:`Article`, the extractor returns
:class:`ArticleFacts`, the store keeps them and hands back a :class:`Snapshot`, analyses read
snapshots. Each fact carries the :class:`Evidence` it was read from, so nothing reaches an analyst
that cannot be traced to a sentence. ``to_gold`` writes the shared gold-annotation JSON shape.
"""

from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass, field, fields
from datetime import date
from typing import Any, Literal

Stance = Literal["support", "oppose", "conditional", "undecided"]
STANCES: tuple[str, ...] = ("support", "oppose", "conditional", "undecided")
COMMITMENT_KINDS: tuple[str, ...] = (
    "troops", "money", "equipment", "air-policing", "training", "logistics", "intelligence",
)
RULES: tuple[str, ...] = (
    "consent", "unanimity", "consensus", "veto", "parliamentary-approval", "referendum", "mandate",
)
PROVISION_EFFECTS: tuple[str, ...] = ("bars", "requires", "includes")


def content_hash(text: str) -> str:
    """Hash of whitespace-normalised text: the identity used to skip re-ingested content."""
    return hashlib.sha256(" ".join(text.split()).encode("utf-8")).hexdigest()


@dataclass
class Article:
    """One piece of reporting, as read from a file, feed entry or export row."""

    text: str
    title: str = ""
    source: str = ""
    url: str = ""
    published: date | None = None
    language: str = "en"
    path: str = ""
    id: str = ""

    def __post_init__(self) -> None:
        if not self.id:
            self.id = self.hash[:16]

    @property
    def hash(self) -> str:
        return content_hash(self.text)


@dataclass
class Evidence:
    """Where a fact was read: ``article_text[start:end] == sentence``.

    For positions the trained stance model decides, ``confidence`` is its calibrated probability and
    ``confirmed`` says whether it reaches the model's threshold (unconfirmed facts are stored but left out of
    analyses by default). For every other fact ``confidence`` is the extractor's fixed score (0..1) for the
    rule that read the fact, not a calibrated probability: 0.9 for a cue whose grammatical subject is the
    holder, 0.75 when the holder is the speaker or a quote's author, lower again when the issue comes from the
    paragraph's topic, a pronoun or a joint statement, and 0.6-0.8 for readings inferred from another fact (a
    pledge implies support, an author backs its proposal). ``docs/extraction.md`` lists every value. ``cue``
    is the word or phrase that triggered the rule named in ``rule``.
    """

    sentence: str
    start: int
    end: int
    cue: str = ""
    rule: str = ""
    confidence: float = 0.0
    confirmed: bool = True
    article: str = ""
    published: date | None = None
    source: str = ""

    def to_json(self) -> dict[str, Any]:
        out = {k: v for k, v in asdict(self).items() if v not in ("", None)}
        if self.published:
            out["published"] = self.published.isoformat()
        return out

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Evidence:
        known = {f.name for f in fields(cls)}
        kwargs = {k: v for k, v in data.items() if k in known}
        if isinstance(kwargs.get("published"), str):
            kwargs["published"] = date.fromisoformat(kwargs["published"])
        return cls(**kwargs)


@dataclass
class Mention:
    """An actor named in the text, and the words that named it ("Paris", "French", "the Kremlin")."""

    actor: str
    text: str
    start: int
    end: int
    kind: str = "name"


@dataclass
class Person:
    name: str
    actor: str
    role: str = ""
    evidence: Evidence | None = None
    explicit: bool = True


@dataclass
class Position:
    """Actor x issue x stance, as one sentence states it."""

    actor: str
    issue: str
    stance: str
    evidence: Evidence | None = None
    condition: str = ""
    role: str = ""
    red_line: bool = False
    hypothetical: bool = False
    speaker: str = ""
    explicit: bool = True
    contested: bool = False
    note: str = ""


@dataclass
class Quantity:
    """A number with its unit; money uses ISO 4217 codes and the full value (EUR 210bn -> 2.1e11)."""

    value: float
    unit: str
    subject: str = ""
    wording: str = ""
    evidence: Evidence | None = None


@dataclass
class Commitment:
    actor: str
    kind: str
    issue: str
    evidence: Evidence | None = None
    places: list[str] = field(default_factory=list)
    conditions: list[str] = field(default_factory=list)
    amount: Quantity | None = None
    when: str = ""
    hypothetical: bool = False
    explicit: bool = True
    note: str = ""


@dataclass
class RedLine:
    actor: str
    against: str
    wording: str = ""
    evidence: Evidence | None = None
    explicit: bool = True


@dataclass
class Provision:
    """What a proposal says about another issue: it ``bars``, ``requires`` or ``includes`` it."""

    proposal: str
    about: str
    effect: str
    wording: str = ""
    evidence: Evidence | None = None
    explicit: bool = True


@dataclass
class Membership:
    """One actor in one group; ``role`` is ``member`` or ``lead``."""

    group: str
    member: str
    role: str = "member"
    evidence: Evidence | None = None
    explicit: bool = True


@dataclass
class DecisionRule:
    """Who must agree: ``holder`` holds ``rule`` (consent, unanimity, veto...) over ``scope`` issues."""

    holder: str
    rule: str
    scope: list[str] = field(default_factory=list)
    wording: str = ""
    evidence: Evidence | None = None
    explicit: bool = True
    source: str = "reported"


@dataclass
class Event:
    kind: str
    what: str
    date: date | None = None
    participants: list[str] = field(default_factory=list)
    outcome: str = ""
    status: str = ""
    evidence: Evidence | None = None


@dataclass
class CandidateIssue:
    """A proposal the codebook does not know yet, kept for the analyst rather than dropped."""

    label: str
    actor: str = ""
    stance: str = ""
    evidence: Evidence | None = None


@dataclass
class ArticleFacts:
    """All facts read from one article."""

    article_id: str
    published: date | None = None
    mentions: list[Mention] = field(default_factory=list)
    people: list[Person] = field(default_factory=list)
    positions: list[Position] = field(default_factory=list)
    commitments: list[Commitment] = field(default_factory=list)
    red_lines: list[RedLine] = field(default_factory=list)
    provisions: list[Provision] = field(default_factory=list)
    memberships: list[Membership] = field(default_factory=list)
    decision_rules: list[DecisionRule] = field(default_factory=list)
    quantities: list[Quantity] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    candidate_issues: list[CandidateIssue] = field(default_factory=list)

    def all_evidence(self) -> list[Evidence]:
        found: list[Evidence] = []
        for name in FACT_LISTS:
            for fact in getattr(self, name):
                if getattr(fact, "evidence", None) is not None:
                    found.append(fact.evidence)
        return found

    def to_gold(self, text_file: str = "", include_unconfirmed: bool = False) -> dict[str, Any]:
        """The shared gold-annotation shape (``GOLD.md``), with evidence on every fact.

        Facts the model left unconfirmed (below its threshold) are written only on request, with
        ``"confirmed": false`` in their evidence."""
        def keep(fact: Any) -> bool:
            ev = getattr(fact, "evidence", None)
            return include_unconfirmed or ev is None or ev.confirmed
        actors: dict[str, list[str]] = {}
        for m in self.mentions:
            forms = actors.setdefault(m.actor, [])
            if m.text not in forms:
                forms.append(m.text)
        groups: dict[tuple[str, bool], dict[str, Any]] = {}
        for ms in self.memberships:
            g = groups.setdefault((ms.group, ms.explicit), {
                "id": ms.group, "members": [], "leads": [], "explicit": ms.explicit, "evidence": []})
            bucket = g["leads"] if ms.role == "lead" else g["members"]
            if ms.member not in bucket:
                bucket.append(ms.member)
            if ms.evidence is not None:
                g["evidence"].append(ms.evidence.to_json())
        return {
            "id": self.article_id,
            "text_file": text_file,
            "published": self.published.isoformat() if self.published else None,
            "actors": [{"id": a, "mentions": forms} for a, forms in actors.items()],
            "people": [_plain(p) for p in self.people],
            "positions": [_plain(p) for p in self.positions if keep(p)],
            "commitments": [_plain(c) for c in self.commitments if keep(c)],
            "red_lines": [_plain(r) for r in self.red_lines],
            "provisions": [_plain(p) for p in self.provisions],
            "groups": list(groups.values()),
            "decision_rules": [_plain(d) for d in self.decision_rules],
            "quantities": [_plain(q) for q in self.quantities],
            "events": [_plain(e) for e in self.events],
            "candidate_issues": [_plain(c) for c in self.candidate_issues],
        }


FACT_LISTS: tuple[str, ...] = (
    "people", "positions", "commitments", "red_lines", "provisions", "memberships",
    "decision_rules", "quantities", "events", "candidate_issues",
)


def _plain(fact: Any) -> dict[str, Any]:
    """A fact as JSON-ready dict: evidence and nested quantities expanded, dates as ISO strings."""
    out: dict[str, Any] = {}
    for f in fields(fact):
        value = getattr(fact, f.name)
        if isinstance(value, Evidence):
            value = value.to_json()
        elif isinstance(value, Quantity):
            value = {"value": value.value, "unit": value.unit}
        elif isinstance(value, date):
            value = value.isoformat()
        out[f.name] = value
    return out


@dataclass
class Change:
    """A stance that moved: the evidence before and after."""

    actor: str
    issue: str
    before: Position | None
    after: Position


@dataclass
class Snapshot:
    """What the knowledge base holds as of one date: the input every analysis reads.

    ``positions`` holds the current stance per actor and issue (several, flagged ``contested``,
    when same-day evidence disagrees); ``history`` holds every position up to ``as_of`` so that
    analyses can weigh salience and spot recent changes.
    """

    as_of: date | None = None
    positions: list[Position] = field(default_factory=list)
    history: list[Position] = field(default_factory=list)
    commitments: list[Commitment] = field(default_factory=list)
    red_lines: list[RedLine] = field(default_factory=list)
    provisions: list[Provision] = field(default_factory=list)
    memberships: list[Membership] = field(default_factory=list)
    decision_rules: list[DecisionRule] = field(default_factory=list)
    quantities: list[Quantity] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
