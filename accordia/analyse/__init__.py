"""Analyses: pure functions of a snapshot (plus reference data) that return JSON-ready results.

Every conclusion in a result carries the evidence behind it. ``run_analysis`` is the single entry
point the API, REST service and CLI use; ``apply_overrides`` builds what-if copies of a snapshot.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from accordia.analyse.blocs import blocs
from accordia.analyse.collisions import collisions
from accordia.analyse.force import force
from accordia.analyse.forecast import forecast
from accordia.analyse.reference_access import resolve_reference
from accordia.analyse.vetoes import vetoes
from accordia.analyse.whatif import OverrideError, apply_overrides
from accordia.facts import Snapshot

KINDS: tuple[str, ...] = ("collisions", "vetoes", "blocs", "force", "forecast")

_ANALYSES: dict[str, Callable[..., dict[str, Any]]] = {
    "collisions": collisions, "vetoes": vetoes, "blocs": blocs, "force": force, "forecast": forecast,
}


def run_analysis(kind: str, snapshot: Snapshot, reference: Any, *, issue: str | None = None,
                 overrides: list[dict] | None = None) -> dict[str, Any]:
    """Run one analysis; with ``overrides`` it runs on a what-if copy and says so in the notes.

    ``reference=None`` loads the shipped default reference data (or none, with a note).
    """
    if kind not in _ANALYSES:
        raise ValueError(f"unknown analysis {kind!r}; choose one of {', '.join(KINDS)}")
    if not isinstance(snapshot, Snapshot):
        raise TypeError(f"expected a Snapshot, got {type(snapshot).__name__}")
    if issue is not None and (not isinstance(issue, str) or not issue.strip()):
        raise ValueError("issue must be a non-empty string or None")
    reference, notes = resolve_reference(reference)
    if overrides:
        snapshot = apply_overrides(snapshot, overrides)
        notes.append(f"what-if: {len(overrides)} override(s) applied to a copy of the snapshot; "
                     "facts they create carry evidence with rule 'what-if'")
    result = _ANALYSES[kind](snapshot, reference, issue=issue.strip() if issue else None)
    return {
        "kind": kind,
        "as_of": snapshot.as_of.isoformat() if snapshot.as_of else None,
        "issue": issue,
        "rows": result["rows"],
        "notes": result["notes"] + notes,
    }


__all__ = ["KINDS", "OverrideError", "apply_overrides", "run_analysis"]
