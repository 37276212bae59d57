"""Stance evidence over time, with the moments an actor's stance moved flagged for the eye."""

from __future__ import annotations

from typing import Any

from accordia.serve.geo import display_name


def mark_changes(rows: list[dict[str, Any]], gazetteer: Any) -> list[dict[str, Any]]:
    """Rows in date order with ``first``, ``change`` and ``before`` (the stance it moved from).

    Reports that disagree on the same day are all flagged ``contested`` and none counts as a
    change, so one muddled news day does not look like a U-turn and back.
    """
    ordered = sorted(rows, key=lambda r: (str(r.get("date") or ""), str(r.get("actor") or "")))
    day_stances: dict[tuple[str, str, str], set[str]] = {}
    for row in ordered:
        key = (str(row.get("actor") or ""), str(row.get("issue") or ""), str(row.get("date") or ""))
        if row.get("stance"):
            day_stances.setdefault(key, set()).add(row["stance"])
    last: dict[tuple[str, str], str] = {}
    out = []
    for row in ordered:
        actor, issue, day = (str(row.get("actor") or ""), str(row.get("issue") or ""),
                             str(row.get("date") or ""))
        split_day = len(day_stances.get((actor, issue, day), ())) > 1
        before = last.get((actor, issue))
        item = dict(row)
        if not item.get("actor_name"):
            item["actor_name"] = display_name(gazetteer, actor)
        item["first"] = before is None
        item["before"] = before
        item["change"] = before is not None and not split_day and row.get("stance") != before
        item["contested"] = bool(row.get("contested")) or split_day
        if row.get("stance") and not split_day:
            last[(actor, issue)] = row["stance"]
        out.append(item)
    return out
