"""Fact identity: which two statements are the same fact, whatever sentence or outlet carried them."""

from __future__ import annotations

import re
import unicodedata
from typing import Any

from accordia.facts import (
    CandidateIssue,
    Commitment,
    DecisionRule,
    Event,
    Membership,
    Person,
    Position,
    Provision,
    Quantity,
    RedLine,
)

KEY_SEP = "|"


def fold_name(name: str) -> str:
    """Accent- and case-free name, so "Zelenskyy" and "Zelenskiy" are one person."""
    plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    words = re.findall(r"[a-z0-9]+", plain)
    if not words:
        return ""
    words[-1] = re.sub(r"[iy]+$", "", words[-1]) or words[-1]
    return " ".join(words)


def _join(*parts: Any) -> str:
    return KEY_SEP.join(str(p if p is not None else "").strip() for p in parts)


def fact_key(fact: Any) -> str:
    """The key of one fact; kept short enough to index (400 characters)."""
    if isinstance(fact, Position):
        key = _join(fact.actor, fact.issue, fact.stance.lower())
    elif isinstance(fact, Commitment):
        key = _join(fact.actor, fact.kind.lower(), fact.issue)
    elif isinstance(fact, RedLine):
        key = _join(fact.actor, fact.against)
    elif isinstance(fact, Provision):
        key = _join(fact.proposal, fact.about, fact.effect.lower())
    elif isinstance(fact, Membership):
        key = _join(fact.group, fact.member)
    elif isinstance(fact, DecisionRule):
        key = _join(fact.holder, fact.rule.lower(), ",".join(sorted(fact.scope)))
    elif isinstance(fact, Quantity):
        key = _join(fact.subject.lower(), fact.unit, repr(float(fact.value)))
    elif isinstance(fact, Event):
        key = _join(fact.kind, fact.what.lower(), fact.date.isoformat() if fact.date else "")
    elif isinstance(fact, Person):
        surname = fold_name(fact.name).split(" ")[-1]
        key = _join(surname, fact.actor)
    elif isinstance(fact, CandidateIssue):
        key = _join(" ".join(fact.label.lower().split()), fact.actor, fact.stance)
    else:
        raise TypeError(f"not a fact type: {type(fact).__name__}")
    return key[:400]
