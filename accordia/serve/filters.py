"""One set of filters (actor, stance, source, confidence, date range, words) for every view at once.

The dashboard sends the same query parameters to the map, timeline, changes, matrix, search and
download endpoints, so what an analyst narrows in one place is narrowed everywhere, and the
download is exactly the view on screen.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from fastapi import HTTPException

from accordia.facts import STANCES
from accordia.serve.params import blank_to_none, parse_day

MAP_STANCES = (*STANCES, "contested")


@dataclass(frozen=True)
class RowFilter:
    actors: frozenset[str] = frozenset()
    stances: frozenset[str] = frozenset()
    source: str = ""
    min_confidence: float = 0.0
    start: date | None = None
    end: date | None = None
    words: str = ""

    @property
    def active(self) -> bool:
        return bool(self.actors or self.stances or self.source or self.min_confidence or self.start
                    or self.end or self.words)

    def keep(self, row: dict[str, Any], *, date_key: str = "date", stance_key: str = "stance",
             sentence_key: str = "sentence") -> bool:
        """Whether a row (positions, timeline, changes) passes every filter."""
        if self.actors and row.get("actor") not in self.actors:
            return False
        if self.stances and row.get(stance_key) not in self.stances:
            return False
        if self.source and self.source not in str(row.get("source") or "").lower():
            return False
        confidence = row.get("confidence")
        if self.min_confidence and isinstance(confidence, int | float) and confidence < self.min_confidence:
            return False
        day = str(row.get(date_key) or "")[:10]
        if self.start and day and day < self.start.isoformat():
            return False
        if self.end and day and day > self.end.isoformat():
            return False
        if self.words:
            haystack = " ".join(str(row.get(k) or "") for k in (sentence_key, "actor_name", "title")).lower()
            if not all(word in haystack for word in self.words.split()):
                return False
        return True

    def rows(self, rows: list[dict[str, Any]], **keys: str) -> list[dict[str, Any]]:
        return [r for r in rows if self.keep(r, **keys)] if self.active else rows


def _split(value: str | None) -> frozenset[str]:
    value = blank_to_none(value)
    return frozenset(v.strip() for v in value.split(",") if v.strip()) if value else frozenset()


def row_filter(actor: str | None = None, stance: str | None = None, source: str | None = None,
               min_confidence: str | None = None, date_from: str | None = None, date_to: str | None = None,
               q: str | None = None) -> RowFilter:
    """Filters from query parameters, with a 400 naming what was wrong."""
    stances = _split(stance)
    unknown = stances - set(MAP_STANCES)
    if unknown:
        raise HTTPException(400, f"stance must be among {', '.join(MAP_STANCES)}; got {', '.join(sorted(unknown))}")
    confidence = 0.0
    if blank_to_none(min_confidence) is not None:
        try:
            confidence = float(str(min_confidence))
        except ValueError:
            raise HTTPException(400, f"min_confidence must be a number from 0 to 1, got {min_confidence!r}") from None
        if not 0 <= confidence <= 1:
            raise HTTPException(400, f"min_confidence must be from 0 to 1, got {confidence}")
    start, end = parse_day(date_from, "from"), parse_day(date_to, "to")
    if start and end and start > end:
        raise HTTPException(400, f"from ({start}) is after to ({end})")
    return RowFilter(actors=_split(actor), stances=stances, source=(blank_to_none(source) or "").lower(),
                     min_confidence=confidence, start=start, end=end,
                     words=" ".join((blank_to_none(q) or "").lower().split()))
