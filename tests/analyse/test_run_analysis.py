import copy
import json
import math

import pytest

from accordia.analyse import KINDS, run_analysis
from accordia.facts import DecisionRule, Provision, Quantity, Snapshot
from tests.analyse.helpers import DAY, FakeReference, ev, evidence_is_traceable, pos, red_line, troops

FORCE = "reassurance-force"


def _snapshot() -> Snapshot:
    positions = [pos("FRA", FORCE, "support", "France backs the force."),
                 pos("HUN", "russia-sanctions", "oppose", "Hungary blocks sanctions."),
                 pos("DEU", "russia-sanctions", "support", "Germany wants sanctions."),
                 pos("FRA", "russia-sanctions", "support", "France wants sanctions."),
                 pos("DEU", FORCE, "support", "Germany backs the force.")]
    return Snapshot(
        as_of=DAY, positions=positions, history=list(positions),
        red_lines=[red_line("RUS", FORCE, "no NATO troops", "Moscow rules out NATO troops.")],
        provisions=[Provision("peace-plan", FORCE, "bars", evidence=ev("The plan bars foreign troops."))],
        commitments=[troops("FRA", FORCE, "France sends 5,000 troops.", 5000)],
        decision_rules=[DecisionRule("EU", "unanimity", ["russia-sanctions"],
                                     evidence=ev("All 27 must agree."))],
        quantities=[Quantity(20_000, "troops", subject=FORCE, evidence=ev("The force needs 20,000 troops."))])


def _walk_evidence(value):
    if isinstance(value, dict):
        for key, item in value.items():
            if key in ("evidence", "stance_evidence", "membership"):
                yield from item
            else:
                yield from _walk_evidence(item)
    elif isinstance(value, list):
        for item in value:
            yield from _walk_evidence(item)


@pytest.mark.parametrize("kind", KINDS)
def test_every_kind_returns_the_common_shape_as_strict_json(kind):
    snapshot = _snapshot()
    before = copy.deepcopy(snapshot)
    result = run_analysis(kind, snapshot, FakeReference())
    assert snapshot == before
    assert set(result) == {"kind", "as_of", "issue", "rows", "notes"}
    assert result["kind"] == kind and result["as_of"] == DAY.isoformat()
    assert result["rows"] and result["notes"]
    json.dumps(result, allow_nan=False)
    for row in result["rows"]:
        assert row["evidence"], f"{kind} row without evidence: {row}"
    assert all(evidence_is_traceable(e) for e in _walk_evidence(result["rows"]))


def test_unknown_kind_and_bad_inputs_are_refused():
    with pytest.raises(ValueError, match="unknown analysis"):
        run_analysis("horoscope", _snapshot(), FakeReference())
    with pytest.raises(TypeError):
        run_analysis("vetoes", {"positions": []}, FakeReference())
    with pytest.raises(ValueError):
        run_analysis("vetoes", _snapshot(), FakeReference(), issue="  ")


@pytest.mark.parametrize("kind", KINDS)
def test_an_empty_snapshot_gives_no_rows_and_no_error(kind):
    result = run_analysis(kind, Snapshot(), FakeReference())
    assert result["rows"] == [] and result["as_of"] is None


def test_missing_reference_falls_back_without_crashing():
    result = run_analysis("forecast", _snapshot(), None, issue=FORCE)
    assert result["issue"] == FORCE
    assert not math.isnan(result["rows"][0]["baseline"]["value"])


def test_malformed_facts_are_skipped_not_fatal():
    snap = _snapshot()
    snap.positions.append(pos("ITA", FORCE, "sort-of", "Italy shrugs."))
    snap.positions.append(pos("", FORCE, "support", "Someone backs it."))
    snap.commitments.append(troops("", FORCE, "Someone sends troops.", 10))
    for kind in KINDS:
        json.dumps(run_analysis(kind, snap, FakeReference()), allow_nan=False)
