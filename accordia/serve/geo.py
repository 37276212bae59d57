"""Names and coordinates from the gazetteer, tolerant of actors it does not place (EU, NATO)."""

from __future__ import annotations

import math
from typing import Any


def _number(value: Any) -> float | None:
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return None if math.isnan(number) else number


# Where to draw a state whose centroid misleads. Russia's centroid lies deep in Siberia, off any map
# of Europe, yet its diplomacy in this process happens in Moscow; drawn there it sits next to the
# states it negotiates with, in both the Europe and the world view.
DISPLAY_POINTS: dict[str, tuple[float, float]] = {"RUS": (55.8, 37.6)}


def coords(gazetteer: Any, actor: str) -> tuple[float, float] | None:
    """(lat, lon) to draw a state at, or ``None`` for organisations and states without coordinates."""
    state = (getattr(gazetteer, "states", None) or {}).get(actor)
    if state is None:
        return None
    if actor in DISPLAY_POINTS:
        return DISPLAY_POINTS[actor]
    lat, lon = _number(getattr(state, "lat", None)), _number(getattr(state, "lon", None))
    if lat is None or lon is None:
        return None
    return lat, lon


def display_name(gazetteer: Any, actor: str) -> str:
    """The name an analyst reads; falls back to the code so nothing shows up blank."""
    try:
        name = gazetteer.name(actor)
    except Exception:  # noqa: BLE001 - a gazetteer miss must not break a page
        name = None
    return str(name) if name else actor


def state_points(gazetteer: Any) -> list[dict[str, Any]]:
    """Every placed state, the faint background that makes a dot map read as a map."""
    points = []
    for iso3, state in sorted((getattr(gazetteer, "states", None) or {}).items()):
        place = coords(gazetteer, iso3)
        if place is None:
            continue
        points.append({"id": iso3, "name": str(getattr(state, "name", "") or iso3),
                       "lat": place[0], "lon": place[1]})
    return points
