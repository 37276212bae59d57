from datetime import timedelta

import pytest

from accordia.analyse.blocs import agreement, average_linkage, blocs, stance_vectors
from accordia.facts import Snapshot
from tests.analyse.helpers import DAY, pos

# Four actors on three issues (values: support +1, conditional +0.5, undecided 0, oppose -1):
#          i1    i2    i3
#   FRA    +1    +1    -1
#   GBR    +1   +0.5   -1
#   HUN    -1    -1    +1
#   SVK    -1     0     .
CURRENT = [
    pos("FRA", "i1", "support", "France backs i1."), pos("FRA", "i2", "support", "France backs i2."),
    pos("FRA", "i3", "oppose", "France rejects i3."),
    pos("GBR", "i1", "support", "Britain backs i1."),
    pos("GBR", "i2", "conditional", "Britain backs i2 if others join.", condition="if others join"),
    pos("GBR", "i3", "oppose", "Britain rejects i3."),
    pos("HUN", "i1", "oppose", "Hungary rejects i1."), pos("HUN", "i2", "oppose", "Hungary rejects i2."),
    pos("HUN", "i3", "support", "Hungary backs i3."),
    pos("SVK", "i1", "oppose", "Slovakia rejects i1."),
    pos("SVK", "i2", "undecided", "Slovakia will decide later."),
]
AGO = [DAY - timedelta(days=n) for n in (90, 20, 200, 100)]
HISTORY = [
    pos("HUN", "i1", "support", "Hungary once backed i1.", published=AGO[0], article="h1"),
    pos("HUN", "i1", "oppose", "Hungary now rejects i1.", published=AGO[1], article="h2"),
    pos("FRA", "i1", "oppose", "France long rejected i1.", published=AGO[2], article="h3"),
    pos("FRA", "i1", "support", "France came round to i1.", published=AGO[3], article="h4"),
]


def test_agreement_by_hand():
    v = stance_vectors(Snapshot(positions=CURRENT))
    # FRA-GBR: |diffs| 0, 0.5, 0 over 3 issues -> 1 - 0.5 / 6 = 0.91666...
    assert agreement(v["FRA"], v["GBR"]) == pytest.approx(1 - 0.5 / 6)
    # HUN-SVK share i1, i2: |diffs| 0, 1 -> 1 - 1 / 4 = 0.75 (exactly at the threshold)
    assert agreement(v["HUN"], v["SVK"]) == pytest.approx(0.75)
    # FRA-HUN: opposite everywhere -> 0
    assert agreement(v["FRA"], v["HUN"]) == pytest.approx(0.0)
    assert agreement({"i1": 1.0}, {"i2": 1.0}) is None


def test_four_actors_form_two_blocs():
    # FRA+GBR merge first (0.917); then HUN+SVK (0.75 >= 0.75); the two pairs average
    # (0 + 0.083 + 0.25 + 0.375) / 4 = 0.18 < 0.75, so they stay apart.
    result = blocs(Snapshot(as_of=DAY, positions=CURRENT, history=HISTORY))
    found = [r for r in result["rows"] if r["type"] == "bloc"]
    assert [r["members"] for r in found] == [["FRA", "GBR"], ["HUN", "SVK"]]
    west = found[0]
    shared = [(s["issue"], s["stance"]) for s in west["shared_stances"]]
    assert shared == [("i1", "support"), ("i3", "oppose")]
    assert west["cohesion"] == pytest.approx(0.917, abs=1e-3)
    assert all(s["evidence"] for s in west["shared_stances"])
    assert [(s["issue"], s["stance"]) for s in found[1]["shared_stances"]] == [("i1", "oppose")]


def test_threshold_above_every_pair_leaves_everyone_unaligned():
    groups = average_linkage(stance_vectors(Snapshot(positions=CURRENT)), threshold=0.95)
    assert groups == [["FRA"], ["GBR"], ["HUN"], ["SVK"]]


def test_grouping_does_not_depend_on_input_order():
    forward = blocs(Snapshot(as_of=DAY, positions=CURRENT))
    backward = blocs(Snapshot(as_of=DAY, positions=list(reversed(CURRENT))))
    assert [r["members"] for r in forward["rows"] if r["type"] == "bloc"] == \
        [r["members"] for r in backward["rows"] if r["type"] == "bloc"]


def test_swing_actors_and_why():
    result = blocs(Snapshot(as_of=DAY, positions=CURRENT, history=HISTORY))
    swings = {r["actor"]: r for r in result["rows"] if r["type"] == "swing"}
    assert set(swings) == {"GBR", "SVK", "HUN"}
    assert "if others join" in swings["GBR"]["reasons"][0]["why"]
    assert swings["SVK"]["reasons"][0]["why"] == "undecided on i2"
    moved = swings["HUN"]["reasons"][0]
    assert moved["why"].startswith("moved on i1 from support to oppose")
    assert {e["article"] for e in moved["evidence"]} == {"h1", "h2"}


def test_without_history_a_note_says_changes_are_unknown():
    result = blocs(Snapshot(as_of=DAY, positions=CURRENT))
    assert any("no position history" in n for n in result["notes"])


def test_agreeing_on_one_issue_is_no_bloc():
    # Belgium and Russia both oppose the loan, and say nothing else: that is a side, not an alliance
    loan = [pos("BEL", "loan", "oppose", "Belgium refuses the loan."),
            pos("RUS", "loan", "oppose", "Moscow condemns the loan."),
            pos("DEU", "loan", "support", "Berlin backs the loan.")]
    result = blocs(Snapshot(as_of=DAY, positions=CURRENT + loan))
    members = [r["members"] for r in result["rows"] if r["type"] == "bloc"]
    assert ["BEL", "RUS"] not in members and all("RUS" not in m for m in members)
    assert any("BEL, DEU, RUS" in n and "fewer than 2 issues" in n for n in result["notes"])


def test_a_bloc_is_labelled_by_what_it_shares_and_where_it_differs():
    result = blocs(Snapshot(as_of=DAY, positions=CURRENT))
    west = next(r for r in result["rows"] if r["type"] == "bloc" and "FRA" in r["members"])
    assert west["shared_issues"] == 3
    assert west["label"] == "share: support i1 (all 2); oppose i3 (all 2); differ on: i2"
    assert west["differences"] == [{"issue": "i2", "stances": {"FRA": "support", "GBR": "conditional"}}]


def test_one_issue_shows_sides_not_blocs():
    result = blocs(Snapshot(as_of=DAY, positions=CURRENT), issue="i2")
    (sides,) = [r for r in result["rows"] if r["type"] != "swing"]
    assert sides["type"] == "sides" and sides["issue"] == "i2"
    assert (sides["support"], sides["oppose"], sides["conditional"], sides["undecided"]) == \
        (["FRA"], ["HUN"], ["GBR"], ["SVK"])
    assert len(sides["evidence"]) == 4
    assert not [r for r in result["rows"] if r["type"] == "bloc"]
