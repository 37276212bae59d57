"""Guarded access to reference data, so one gap in a gazetteer or table never crashes an analysis.

The analyses only rely on a few duck-typed names (``gazetteer.members_of``, ``rules``,
``capabilities``, ``codebook.issues``); anything missing degrades to "unknown" instead of raising.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from accordia.analyse.evidence import evidence_json, rule_evidence
from accordia.facts import Snapshot


class EmptyReference:
    """Stands in when no reference data can be loaded: no members, rules or capabilities."""

    rules: list = []
    capabilities: dict = {}

    class _Gazetteer:
        def members_of(self, org_id: str, on: date | None = None) -> set[str]:
            return set()

        def memberships_of(self, actor: str, on: date | None = None) -> set[str]:
            return set()

        def is_state(self, actor: str) -> bool:
            return len(actor) == 3 and actor.isupper()

        def name(self, actor: str) -> str:
            return actor

    class _Codebook:
        issues: list = []

    gazetteer = _Gazetteer()
    codebook = _Codebook()


def resolve_reference(reference: Any) -> tuple[Any, list[str]]:
    """The reference to use plus notes; ``None`` means the shipped default, or an empty one."""
    if reference is not None:
        return reference, []
    try:
        from accordia.reference import default_reference  # type: ignore[attr-defined]

        return default_reference(), []
    except Exception as exc:  # noqa: BLE001 - any failure to load means "no reference data"
        return EmptyReference(), [f"no reference data could be loaded ({type(exc).__name__}); "
                                  "memberships, institutional rules and capabilities are unknown"]


def members_of(reference: Any, org: str, on: date | None) -> set[str]:
    """Members of ``org`` on a date according to the gazetteer; empty when it does not know ``org``."""
    gazetteer = getattr(reference, "gazetteer", None)
    if gazetteer is None or not hasattr(gazetteer, "members_of"):
        return set()
    try:
        return set(gazetteer.members_of(org, on) or ())
    except (KeyError, LookupError, ValueError, TypeError):
        return set()


def members_with_evidence(reference: Any, snapshot: Snapshot, org: str) -> dict[str, list[dict]]:
    """Members of ``org`` as of the snapshot, each with why: gazetteer entry or a reported membership.

    Reported memberships count too because articles name ad-hoc groups the gazetteer cannot know.
    """
    found: dict[str, list[dict]] = {}
    when = f"on {snapshot.as_of.isoformat()}" if snapshot.as_of else "(current membership)"
    for member in sorted(members_of(reference, org, snapshot.as_of)):
        found.setdefault(member, []).append(rule_evidence(f"member of {org} {when}", "gazetteer"))
    for ms in snapshot.memberships:
        if ms.group.lower() == org.lower() and ms.member:
            ev = evidence_json(ms.evidence)
            items = found.setdefault(ms.member, [])
            if ev is not None and ev not in items:
                items.append(ev)
    return found


def display_name(reference: Any, actor: str) -> str:
    gazetteer = getattr(reference, "gazetteer", None)
    try:
        return str(gazetteer.name(actor)) if gazetteer is not None else actor
    except (KeyError, LookupError, ValueError, TypeError, AttributeError):
        return actor


def institutional_rules(reference: Any) -> list[Any]:
    return list(getattr(reference, "rules", None) or [])


def capabilities(reference: Any) -> dict[str, Any]:
    return dict(getattr(reference, "capabilities", None) or {})


def issue_phrases(reference: Any, issue: str) -> set[str]:
    """Lower-case words that name an issue (its id, label and aliases), used to match free-text subjects."""
    phrases = {issue.lower(), issue.replace("-", " ").lower()}
    codebook = getattr(reference, "codebook", None)
    for item in getattr(codebook, "issues", None) or []:
        if getattr(item, "id", None) == issue:
            phrases.add(str(getattr(item, "label", "") or "").lower())
            phrases.update(str(a).lower() for a in getattr(item, "aliases", None) or ())
    phrases.discard("")
    return phrases


# Organisations whose membership can decide whether a fact collides: wording such as
# "no NATO presence" targets members of that organisation, not everybody.
ORGANISATION_CUES: dict[str, re.Pattern[str]] = {
    "NATO": re.compile(r"\bNATO\b|North Atlantic (?:Treaty|Alliance)", re.IGNORECASE),
    "EU": re.compile(r"\bEU\b|European Union", re.IGNORECASE),
}


def organisations_named(text: str) -> list[str]:
    """Organisations a red line's or provision's wording singles out, in a fixed order."""
    return [org for org, pattern in ORGANISATION_CUES.items() if pattern.search(text or "")]
