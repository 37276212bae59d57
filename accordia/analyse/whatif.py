"""What-if overrides: change a copy of the snapshot, never the facts the store holds.

Two shapes are accepted:

* ``{"actor": "ITA", "issue": "reassurance-force", "stance": "support"}`` replaces the actor's current
  position(s) on the issue (``"stance": null`` removes them); optional ``condition`` and ``red_line``.
  A stance other than ``oppose`` also drops the actor's red lines against the issue.
* ``{"commitment": {"actor": "DEU", "kind": "troops", "issue": "reassurance-force",
  "amount": {"value": 5000, "unit": "troops"}}}`` adds a pledge; optional ``places``, ``conditions``,
  ``hypothetical``.

Every fact an override creates carries evidence whose ``rule`` is ``what-if``, so analyses show it
as the analyst's assumption rather than something reported.
"""

from __future__ import annotations

import copy
import math
from typing import Any

from accordia.analyse.evidence import WHAT_IF_RULE
from accordia.facts import (
    COMMITMENT_KINDS,
    STANCES,
    Commitment,
    Evidence,
    Position,
    Quantity,
    RedLine,
    Snapshot,
)


class OverrideError(ValueError):
    """An override that cannot be applied; the message names the override and what is wrong."""


def _what_if_evidence(text: str, snapshot: Snapshot) -> Evidence:
    return Evidence(sentence=text, start=0, end=len(text), cue="override", rule=WHAT_IF_RULE,
                    confidence=1.0, article=WHAT_IF_RULE, published=snapshot.as_of)


def _text(override: dict[str, Any], key: str, where: str) -> str:
    value = override.get(key)
    if not isinstance(value, str) or not value.strip():
        raise OverrideError(f"{where}: '{key}' must be a non-empty string")
    return value.strip()


def _strings(override: dict[str, Any], key: str, where: str) -> list[str]:
    value = override.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise OverrideError(f"{where}: '{key}' must be a list of strings")
    return list(value)


def _set_position(snapshot: Snapshot, override: dict[str, Any], where: str) -> None:
    actor, issue = _text(override, "actor", where), _text(override, "issue", where)
    stance = override.get("stance")
    if stance is not None and stance not in STANCES:
        raise OverrideError(f"{where}: stance must be one of {', '.join(STANCES)} or null, not {stance!r}")
    red_line = override.get("red_line", False)
    if not isinstance(red_line, bool):
        raise OverrideError(f"{where}: 'red_line' must be true or false")
    condition = override.get("condition", "")
    if not isinstance(condition, str):
        raise OverrideError(f"{where}: 'condition' must be a string")
    snapshot.positions = [p for p in snapshot.positions if not (p.actor == actor and p.issue == issue)]
    if stance != "oppose":
        snapshot.red_lines = [r for r in snapshot.red_lines if not (r.actor == actor and r.against == issue)]
    if stance is None:
        return
    evidence = _what_if_evidence(f"What-if: {actor} takes the stance '{stance}' on {issue}.", snapshot)
    position = Position(actor=actor, issue=issue, stance=stance, evidence=evidence, condition=condition,
                        red_line=red_line and stance == "oppose", note="what-if override")
    snapshot.positions.append(position)
    snapshot.history.append(copy.deepcopy(position))
    if position.red_line:
        snapshot.red_lines.append(RedLine(actor=actor, against=issue, wording="what-if red line",
                                          evidence=copy.deepcopy(evidence)))


def _amount(raw: Any, where: str) -> Quantity | None:
    if raw is None:
        return None
    if not isinstance(raw, dict):
        raise OverrideError(f"{where}: 'amount' must be an object with 'value' and 'unit'")
    value, unit = raw.get("value"), raw.get("unit")
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value) or value < 0:
        raise OverrideError(f"{where}: amount value must be a finite number >= 0")
    if not isinstance(unit, str) or not unit.strip():
        raise OverrideError(f"{where}: amount unit must be a non-empty string")
    return Quantity(value=float(value), unit=unit.strip(), subject="what-if")


def _add_commitment(snapshot: Snapshot, raw: Any, where: str) -> None:
    if not isinstance(raw, dict):
        raise OverrideError(f"{where}: 'commitment' must be an object")
    actor, issue, kind = _text(raw, "actor", where), _text(raw, "issue", where), _text(raw, "kind", where)
    if kind not in COMMITMENT_KINDS:
        raise OverrideError(f"{where}: kind must be one of {', '.join(COMMITMENT_KINDS)}, not {kind!r}")
    hypothetical = raw.get("hypothetical", False)
    if not isinstance(hypothetical, bool):
        raise OverrideError(f"{where}: 'hypothetical' must be true or false")
    amount = _amount(raw.get("amount"), where)
    said = f" of {amount.value:g} {amount.unit}" if amount else ""
    evidence = _what_if_evidence(f"What-if: {actor} commits {kind}{said} to {issue}.", snapshot)
    if amount is not None:
        amount.evidence = copy.deepcopy(evidence)
    snapshot.commitments.append(Commitment(
        actor=actor, kind=kind, issue=issue, evidence=evidence, places=_strings(raw, "places", where),
        conditions=_strings(raw, "conditions", where), amount=amount, hypothetical=hypothetical,
        note="what-if override"))


def apply_overrides(snapshot: Snapshot, overrides: list[dict[str, Any]] | None) -> Snapshot:
    """A new snapshot with the overrides applied; the input snapshot is left exactly as it was."""
    if not isinstance(snapshot, Snapshot):
        raise TypeError(f"expected a Snapshot, got {type(snapshot).__name__}")
    if overrides is not None and not isinstance(overrides, list):
        raise OverrideError("overrides must be a list of objects")
    changed = copy.deepcopy(snapshot)
    for n, override in enumerate(overrides or [], start=1):
        where = f"override #{n}"
        if not isinstance(override, dict):
            raise OverrideError(f"{where}: expected an object, got {type(override).__name__}")
        if "commitment" in override:
            _add_commitment(changed, override["commitment"], where)
        elif "actor" in override and "issue" in override and "stance" in override:
            _set_position(changed, override, where)
        else:
            raise OverrideError(f"{where}: expected {{actor, issue, stance}} or {{commitment: {{...}}}}")
    return changed
