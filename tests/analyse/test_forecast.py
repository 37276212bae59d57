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


def test_three_actor_baseline_by_hand_and_no_verdict_on_three_actors():
    # weights c * s: AAA 1.0 * 2/3 = 0.66667, BBB 0.35 * 1 = 0.35, CCC 0.375 * 1/3 = 0.125
    # baseline = (100 * 0.66667 + 0 * 0.35 + 70 * 0.125) / (0.66667 + 0.35 + 0.125)
    #          = (66.667 + 8.75) / 1.14167 = 66.06
    (row,) = forecast(_three_actors(), REFERENCE)["rows"]
    assert row["baseline"]["value"] == pytest.approx(66.1, abs=0.05)
    low, high = row["baseline"]["range"]
    assert low <= row["baseline"]["value"] <= high and low < high
    assert row["model"]["range"][0] <= row["model"]["forecast"] <= row["model"]["range"][1]
    assert {a["actor"] for a in row["actors"]} == {"AAA", "BBB", "CCC"}
    assert all(a["evidence"] for a in row["actors"])
    assert row["sensitivity_runs"]
    # three actors and three sentences are below the documented minimum: no verdict, and it says why
    assert row["verdict"] == "not enough evidence"
    assert row["coverage"]["actors"] == 3 and row["coverage"]["evidence_count"] == 3
    assert "3 actor(s) with a stance (minimum 4)" in row["reason"]
    assert row["explanation"].startswith("ceasefire: no verdict")


def _many(stances: dict[str, str], capabilities: dict[str, tuple[float, float]]) -> tuple[Snapshot, FakeReference]:
    reference = FakeReference(capabilities={a: FakeCapability(a, g, m) for a, (g, m) in capabilities.items()})
    positions = [pos(a, ISSUE, st, f"{a} says its word on the truce.", article=a) for a, st in stances.items()]
    return Snapshot(as_of=DAY, positions=positions, history=list(positions)), reference


def test_one_actor_is_not_enough_evidence():
    snap, reference = _many({"AAA": "support"}, {"AAA": (1000, 100), "BBB": (900, 90)})
    snap.positions.append(pos("BBB", "other-issue", "oppose", "BBB speaks on something else."))
    (row,) = forecast(snap, reference, issue=ISSUE)["rows"]
    assert row["verdict"] == "not enough evidence"
    # BBB is in play (it speaks on another issue) and weighs almost as much as AAA: coverage about half
    assert row["coverage"]["capability_share"] == pytest.approx(1.0 / 1.9, abs=0.001)
    assert row["coverage"]["heaviest_without_stance"] == ["BBB"]


def test_broad_support_is_likely_adopted():
    snap, reference = _many({"AAA": "support", "BBB": "support", "CCC": "support", "DDD": "support",
                             "EEE": "oppose"},
                            {"AAA": (1000, 100), "BBB": (900, 90), "CCC": (800, 80), "DDD": (700, 70),
                             "EEE": (100, 10)})
    (row,) = forecast(snap, reference)["rows"]
    assert row["coverage"]["sufficient"] and row["coverage"]["actors"] == 5
    assert row["verdict"] == "likely adopted" and row["tipping_actors"] == []
    assert row["model"]["forecast"] > 90 and row["model"]["range"][0] > 50


def test_one_heavy_actor_against_many_is_indeterminate_and_named():
    # AAA alone weighs more than the four others together: leaving it out, or trimming it by 20 %,
    # moves the result across 50, so the forecast must not pretend to know
    snap, reference = _many({"AAA": "oppose", "BBB": "support", "CCC": "support", "DDD": "support",
                             "EEE": "support"},
                            {"AAA": (1000, 100), "BBB": (250, 25), "CCC": (250, 25), "DDD": (250, 25),
                             "EEE": (250, 25)})
    (row,) = forecast(snap, reference)["rows"]
    assert row["verdict"] == "indeterminate"
    assert "AAA" in row["tipping_actors"]
    assert "AAA" in row["reason"]
    assert row["model"]["range"][0] < 50 < row["model"]["range"][1]


def test_veto_player_is_shown_beside_the_verdict_not_folded_in():
    snap, reference = _many({"AAA": "support", "BBB": "support", "CCC": "support", "DDD": "support",
                             "EEE": "oppose"},
                            {"AAA": (1000, 100), "BBB": (900, 90), "CCC": (800, 80), "DDD": (700, 70),
                             "EEE": (100, 10)})
    snap.decision_rules.append(DecisionRule("EEE", "veto", [ISSUE], evidence=ev("EEE can veto any truce.")))
    (row,) = forecast(snap, reference)["rows"]
    assert row["verdict"] == "likely adopted"          # the model's verdict stands...
    assert row["veto"]["blocking_now"] == ["EEE"]       # ...and the veto is right beside it
    assert "EEE can block it and opposes it now" in row["explanation"]
    assert "EEE can veto any truce." in [e["sentence"] for e in row["veto"]["evidence"]]


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
