"""Reading stances out of a snapshot: who stands where on what, and since when.

Shared by several analyses so that they agree on what "currently supports" means.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date

from accordia.analyse.evidence import is_what_if
from accordia.facts import Position, Snapshot

SUPPORTING = ("support", "conditional")


def current_positions(snapshot: Snapshot) -> dict[tuple[str, str], list[Position]]:
    """Current positions keyed by (actor, issue); several when same-day evidence disagrees."""
    index: dict[tuple[str, str], list[Position]] = defaultdict(list)
    for pos in snapshot.positions:
        if pos.actor and pos.issue:
            index[(pos.actor, pos.issue)].append(pos)
    return dict(index)


def stances_of(positions: list[Position]) -> list[str]:
    """Distinct stances in first-seen order."""
    seen: list[str] = []
    for pos in positions:
        if pos.stance not in seen:
            seen.append(pos.stance)
    return seen


def stance_label(positions: list[Position]) -> str | None:
    """One word for a current stance: the stance itself, ``contested`` when reports disagree."""
    found = stances_of(positions)
    if not found:
        return None
    return found[0] if len(found) == 1 else "contested"


def issues_in(snapshot: Snapshot) -> list[str]:
    """Every issue the snapshot says anything about, sorted."""
    issues: set[str] = set()
    issues.update(p.issue for p in snapshot.positions)
    issues.update(c.issue for c in snapshot.commitments)
    issues.update(r.against for r in snapshot.red_lines)
    issues.update(p.about for p in snapshot.provisions)
    for rule in snapshot.decision_rules:
        issues.update(rule.scope)
    issues.discard("")
    return sorted(issues)


def fact_date(position: Position) -> date | None:
    return position.evidence.published if position.evidence is not None else None


def reference_date(snapshot: Snapshot) -> date | None:
    """The snapshot's date, or the latest evidence date when the snapshot carries none."""
    if snapshot.as_of is not None:
        return snapshot.as_of
    dates = [d for d in (fact_date(p) for p in list(snapshot.history) + list(snapshot.positions)) if d]
    return max(dates) if dates else None


def chronological(positions: list[Position]) -> list[Position]:
    """Oldest first; undated facts first, what-if overrides last (they are the newest by design)."""
    def key(item: tuple[int, Position]) -> tuple:
        idx, pos = item
        when = fact_date(pos)
        return (is_what_if(pos.evidence), when is not None, when or date.min, idx)

    return [p for _, p in sorted(enumerate(positions), key=key)]
