import pytest

from accordia.analyse.forecast import actor_inputs, forecast
from accordia.facts import DecisionRule, RedLine, Snapshot
from tests.analyse.helpers import DAY, FakeCapability, FakeGazetteer, FakeReference, ev, pos

ISSUE = "ceasefire"
# Capability table (invented numbers): largest GDP 1000, largest military spending 100.
#   AAA: 0.5 * 1000/1000 + 0.5 * 100/100 = 1.0
#   BBB: 0.5 *  500/1000 + 0.5 *  20/100 = 0.35
#   CCC: 0.5 *  250/1000 + 0.5 *  50/100 = 0.375
REFERENCE = FakeReference(capabilities={
    "AAA": FakeCapability("AAA", 1000, 100), "BBB": FakeCapability("BBB", 500, 20),
    "CCC": FakeCapability("CCC", 250, 50)})


def _three_actors() -> Snapshot:
    a_old = pos("AAA", ISSUE, "support", "AAA first called for a truce.", article="old")
    a_new = pos("AAA", ISSUE, "support", "AAA again demands a truce.", article="new")
    b_red = pos("BBB", ISSUE, "oppose", "BBB calls any truce now unacceptable.", red_line=True)
    c_cond = pos("CCC", ISSUE, "conditional", "CCC backs a truce if monitors deploy.",
                 condition="if monitors")
    same_sentence = RedLine("BBB", ISSUE, wording="no truce now", evidence=b_red.evidence)
    return Snapshot(as_of=DAY, positions=[a_new, b_red, c_cond], history=[a_old, a_new, b_red, c_cond],
                    red_lines=[same_sentence])


def test_inputs_worked_out_by_hand():
    items = {i.actor: i for i in actor_inputs(_three_actors(), REFERENCE, ISSUE)}
    # salience counts: AAA two sentences = 2; BBB one red-line sentence = 3 (the RedLine fact
    # repeats the same sentence, so it is not counted twice); CCC one sentence = 1. Largest is 3.
    assert {a: i.salience_count for a, i in items.items()} == {"AAA": 2, "BBB": 3, "CCC": 1}
    assert items["AAA"].salience == pytest.approx(2 / 3)
    assert items["BBB"].salience == pytest.approx(1.0)
    assert items["CCC"].salience == pytest.approx(1 / 3)
    assert items["AAA"].capability == pytest.approx(1.0)
    assert items["BBB"].capability == pytest.approx(0.35)
    assert items["CCC"].capability == pytest.approx(0.375)
    assert [items[a].position for a in ("AAA", "BBB", "CCC")] == [100.0, 0.0, 70.0]


def test_three_actor_baseline_by_hand():
    # weights c * s: AAA 1.0 * 2/3 = 0.66667, BBB 0.35 * 1 = 0.35, CCC 0.375 * 1/3 = 0.125
    # baseline = (100 * 0.66667 + 0 * 0.35 + 70 * 0.125) / (0.66667 + 0.35 + 0.125)
    #          = (66.667 + 8.75) / 1.14167 = 66.06
    (row,) = forecast(_three_actors(), REFERENCE)["rows"]
    assert row["baseline"]["value"] == pytest.approx(66.1, abs=0.05)
    low, high = row["baseline"]["range"]
    assert low <= row["baseline"]["value"] <= high and low < high
    bargaining = row["bargaining"]
    assert 0 <= bargaining["mean"] <= 100
    assert bargaining["range_mean"][0] <= bargaining["mean"] <= bargaining["range_mean"][1]
    assert {a["actor"] for a in row["actors"]} == {"AAA", "BBB", "CCC"}
    assert all(a["evidence"] for a in row["actors"])
    assert row["sensitivity_runs"]
    assert row["outcome"]["label"] in ("likely adopted", "contested", "likely blocked")


def test_dominant_actor_pulls_the_bargaining_outcome_to_its_position():
    # capabilities AAA 1.0, BBB 0.1, CCC 0.1 and one sentence each (salience 1):
    # vote weights (1, 0.1, 0.1) give P(AAA beats BBB) = 1 / 1.2 = 5/6, exactly the case
    # in test_bargaining: EU_AAA(BBB) = 2/3 > 0 and EU_BBB(AAA) = -2/3, so BBB and CCC give in.
    reference = FakeReference(capabilities={
        "AAA": FakeCapability("AAA", 1000, 100), "BBB": FakeCapability("BBB", 100, 10),
        "CCC": FakeCapability("CCC", 100, 10)})
    snap = Snapshot(as_of=DAY, positions=[
        pos("AAA", ISSUE, "support", "AAA wants a truce."), pos("BBB", ISSUE, "oppose", "BBB refuses."),
        pos("CCC", ISSUE, "oppose", "CCC refuses too.")])
    (row,) = forecast(snap, reference)["rows"]
    # baseline = (100 * 1) / (1 + 0.1 + 0.1) = 83.3
    assert row["baseline"]["value"] == pytest.approx(83.3, abs=0.05)
    assert row["bargaining"]["mean"] == 100.0 and row["bargaining"]["median"] == 100.0
    assert [a["final_position"] for a in row["actors"]] == [100.0, 100.0, 100.0]
    assert row["outcome"]["label"] == "likely adopted"
    # leaving AAA out leaves only opponents: the reported range shows that dependence
    assert row["bargaining"]["range_mean"][0] == 0.0


def test_veto_player_opposing_labels_the_issue_blocked_unless_it_moves():
    snap = _three_actors()
    snap.decision_rules.append(DecisionRule("BBB", "veto", [ISSUE], evidence=ev("BBB can veto any truce.")))
    (row,) = forecast(snap, REFERENCE)["rows"]
    assert row["outcome"]["label"] == "likely blocked"
    assert row["outcome"]["blocked_unless"] == ["BBB"]
    assert "blocked unless BBB" in row["outcome"]["explanation"]
    assert "BBB can veto any truce." in [e["sentence"] for e in row["outcome"]["evidence"]]


def test_organisation_capability_is_the_sum_of_absent_members():
    reference = FakeReference(
        gazetteer=FakeGazetteer(joined={"EU": {"DEU": DAY, "FRA": DAY}}),
        capabilities={"DEU": FakeCapability("DEU", 400, 80), "FRA": FakeCapability("FRA", 300, 60),
                      "USA": FakeCapability("USA", 1000, 100)})
    snap = Snapshot(as_of=DAY, positions=[pos("EU", ISSUE, "support", "The EU backs a truce."),
                                          pos("DEU", ISSUE, "support", "Berlin backs a truce.")])
    items = {i.actor: i for i in actor_inputs(snap, reference, ISSUE)}
    # FRA speaks only through the EU: 0.5 * 300/1000 + 0.5 * 60/100 = 0.45
    assert items["EU"].capability == pytest.approx(0.45)
    assert "1 member" in items["EU"].capability_basis


def test_no_capability_table_still_forecasts_with_a_note():
    result = forecast(_three_actors(), FakeReference())
    assert result["rows"][0]["baseline"]["value"] is not None
    assert any("no capability table" in n for n in result["notes"])
