import copy

import pytest

from accordia.analyse import apply_overrides, run_analysis
from accordia.analyse.whatif import OverrideError
from accordia.facts import Snapshot
from tests.analyse.helpers import DAY, FakeReference, pos, red_line, troops

FORCE = "reassurance-force"


def _snapshot() -> Snapshot:
    ita = pos("ITA", FORCE, "oppose", "Rome rejects sending soldiers.")
    return Snapshot(as_of=DAY, positions=[ita, pos("FRA", FORCE, "support", "Paris backs the force.")],
                    history=[copy.deepcopy(ita)],
                    red_lines=[red_line("RUS", FORCE, "no NATO troops", "Moscow rules out NATO troops."),
                               red_line("ITA", FORCE, "never our soldiers", "Rome calls it unacceptable.")],
                    commitments=[troops("GBR", FORCE, "Britain sends 8,000 troops.", 8000)])


def test_overrides_leave_the_input_snapshot_untouched():
    original = _snapshot()
    before = copy.deepcopy(original)
    overrides = [{"actor": "ITA", "issue": FORCE, "stance": "support"},
                 {"commitment": {"actor": "DEU", "kind": "troops", "issue": FORCE,
                                 "amount": {"value": 5000, "unit": "troops"}}}]
    changed = apply_overrides(original, overrides)
    for kind in ("collisions", "vetoes", "blocs", "force", "forecast"):
        run_analysis(kind, original, FakeReference(), overrides=overrides)
    assert original == before
    assert changed != original


def test_position_override_replaces_stance_and_marks_evidence():
    changed = apply_overrides(_snapshot(), [{"actor": "ITA", "issue": FORCE, "stance": "support"}])
    (ita,) = [p for p in changed.positions if p.actor == "ITA"]
    assert ita.stance == "support" and ita.evidence.rule == "what-if"
    assert not [r for r in changed.red_lines if r.actor == "ITA"]
    result = run_analysis("collisions", _snapshot(), FakeReference(),
                          overrides=[{"actor": "ITA", "issue": FORCE, "stance": "support"}])
    (row,) = [r for r in result["rows"] if r["kind"] == "red-line" and r["source_actor"] == "RUS"]
    assert "ITA" in row["actors"]
    ita_evidence = next(d for d in row["details"] if d["actor"] == "ITA")["evidence"]
    assert ita_evidence[0]["rule"] == "what-if"
    assert any("what-if" in n for n in result["notes"])


def test_commitment_override_counts_in_force_generation():
    result = run_analysis("force", _snapshot(), FakeReference(), overrides=[
        {"commitment": {"actor": "DEU", "kind": "troops", "issue": FORCE,
                        "amount": {"value": 5000, "unit": "troops"}}}])
    (row,) = result["rows"]
    assert (row["totals"]["troops"]["firm"]["min"], row["totals"]["troops"]["firm"]["max"]) == (13_000, 13_000)
    deu = next(c for c in row["contributors"] if c["actor"] == "DEU")
    assert deu["evidence"][0]["rule"] == "what-if"


def test_null_stance_removes_the_position():
    changed = apply_overrides(_snapshot(), [{"actor": "FRA", "issue": FORCE, "stance": None}])
    assert not [p for p in changed.positions if p.actor == "FRA"]


@pytest.mark.parametrize("bad", [
    ["not an object"],
    [{"actor": "ITA", "issue": FORCE, "stance": "maybe"}],
    [{"actor": "", "issue": FORCE, "stance": "support"}],
    [{"commitment": {"actor": "DEU", "kind": "submarines", "issue": FORCE}}],
    [{"commitment": {"actor": "DEU", "kind": "troops", "issue": FORCE, "amount": {"value": "lots",
                                                                                  "unit": "troops"}}}],
    [{"commitment": {"actor": "DEU", "kind": "money", "issue": FORCE,
                     "amount": {"value": float("nan"), "unit": "EUR"}}}],
    [{"something": "else"}],
])
def test_bad_overrides_are_refused_with_a_clear_error(bad):
    original = _snapshot()
    before = copy.deepcopy(original)
    with pytest.raises(OverrideError):
        apply_overrides(original, bad)
    assert original == before
