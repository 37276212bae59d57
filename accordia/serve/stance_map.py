"""One map entry per actor: its stance on the chosen issue, where to draw it, and why."""

from __future__ import annotations

from typing import Any

from accordia.facts import STANCES
from accordia.serve.geo import coords, display_name

EVIDENCE_KEYS: tuple[str, ...] = (
    "sentence", "article", "start", "end", "date", "stance", "condition", "sources", "contested",
    "confidence", "status", "fact", "title", "source", "url", "rule",
)


def _stance_of(rows: list[dict[str, Any]]) -> str:
    """Several stances at once, or rows flagged contested, mean the record is contested."""
    stances = {r.get("stance") for r in rows if r.get("stance")}
    if len(stances) > 1 or any(r.get("contested") for r in rows):
        return "contested"
    return next(iter(stances), "undecided")


def stance_map(issue_rows: list[dict[str, Any]], all_rows: list[dict[str, Any]],
               gazetteer: Any) -> dict[str, Any]:
    """Map entries for every actor with any position; silent ones get ``stance: None``.

    Showing actors that speak on other issues but not this one tells the analyst who is quiet,
    which matters as much as who has spoken.
    """
    by_actor: dict[str, list[dict[str, Any]]] = {}
    for row in issue_rows:
        if row.get("actor"):
            by_actor.setdefault(row["actor"], []).append(row)
    names: dict[str, str] = {}
    for row in [*all_rows, *issue_rows]:
        actor = row.get("actor")
        if actor and row.get("actor_name"):
            names.setdefault(actor, str(row["actor_name"]))
        elif actor:
            names.setdefault(actor, "")
    other_issues: dict[str, set[str]] = {}
    for row in all_rows:
        if row.get("actor") and row.get("issue"):
            other_issues.setdefault(row["actor"], set()).add(row["issue"])

    counts = {stance: 0 for stance in (*STANCES, "contested", "silent")}
    actors = []
    for actor in names:
        rows = by_actor.get(actor, [])
        stance = _stance_of(rows) if rows else None
        counts[stance or "silent"] += 1
        place = coords(gazetteer, actor)
        rows = sorted(rows, key=lambda r: str(r.get("date") or ""), reverse=True)
        actors.append({
            "id": actor,
            "name": names[actor] or display_name(gazetteer, actor),
            "lat": place[0] if place else None,
            "lon": place[1] if place else None,
            "stance": stance,
            "stances": sorted({r["stance"] for r in rows if r.get("stance")}),
            "issues": len(other_issues.get(actor, ())),
            "evidence": [{k: r.get(k) for k in EVIDENCE_KEYS} for r in rows],
        })
    actors.sort(key=lambda a: a["name"].lower())
    return {"actors": actors, "counts": counts}
