"""Checks on query parameters, so a typo gets a clear 400/404 instead of an empty answer."""

from __future__ import annotations

from datetime import date
from typing import Any

from fastapi import HTTPException

ANALYSES: dict[str, str] = {
    "collisions": "Where stated positions cannot all be met: actors on opposite sides of an issue, "
    "or a proposal that bars what someone else requires.",
    "vetoes": "Who can block: actors holding consent, unanimity or veto power over the issue, "
    "and how they currently stand.",
    "blocs": "Who stands together: groups of actors whose stances line up across issues.",
    "force": "The reassurance force: who pledges troops, money, equipment or support, where, "
    "and on what conditions.",
    "forecast": "Where things are heading: an outlook built from current stances, veto holders "
    "and recent changes.",
}


def blank_to_none(value: str | None) -> str | None:
    """Browsers send ``?issue=`` for an empty picker; treat it as 'not given'."""
    if value is None:
        return None
    value = value.strip()
    return value or None


def parse_day(value: str | None, name: str) -> date | None:
    """An ISO date from a query parameter, or a 400 that says what was expected."""
    value = blank_to_none(value)
    if value is None:
        return None
    try:
        return date.fromisoformat(value[:10] if len(value) > 10 and value[10] == "T" else value)
    except ValueError:
        raise HTTPException(400, f"{name} must be a date as YYYY-MM-DD, got {value[:40]!r}") from None


def issue_ids(kb: Any) -> list[str]:
    """Codebook issue ids in codebook order, then any other issue the store holds.

    The store may keep issues an analyst added after the codebook shipped; the facade accepts
    them, so the API must too.
    """
    known = [issue.id for issue in kb.reference.codebook.issues]
    extra = getattr(kb, "issues", None)
    if callable(extra):
        known += [i for i in extra() if i not in known]
    return known


def check_issue(kb: Any, issue: str | None) -> str | None:
    """The issue id if the codebook knows it; 404 naming the known ids otherwise."""
    issue = blank_to_none(issue)
    if issue is None:
        return None
    known = issue_ids(kb)
    if issue not in known:
        raise HTTPException(404, f"unknown issue {issue[:60]!r}; known issues: {', '.join(known)}")
    return issue


def check_kind(kind: str) -> str:
    """The analysis kind if it exists; 404 naming the available kinds otherwise."""
    if kind not in ANALYSES:
        raise HTTPException(404, f"unknown analysis {kind[:60]!r}; available: {', '.join(ANALYSES)}")
    return kind
