"""The expected-utility model against Bueno de Mesquita's published car-emissions example.

Source: Bueno de Mesquita (1994), "Political forecasting: an expected utility method", p. 78, as
re-analysed in Scholz, Calbert and Smith (2011), "Unravelling Bueno de Mesquita's group decision model",
J. Theoretical Politics 23(4). The inputs are in ``tests/data/bdm_emissions.csv`` (typed from the
published table). Published figures checked here, with the tolerance stated beside each:

* the model's forecast is the median voter position, 7 years, before any bargaining (exact: positions
  are whole years) and after the rounds of bargaining (within 0.5 year);
* the compromise (capability x salience weighted mean) is 7.39 years (to 0.01);
* risk exponents stay in [0.5, 2], the United Kingdom (largest weight, at an extreme) being the most
  risk averse (2) and Luxembourg (smallest weight) the most risk acceptant (0.5), as the public
  replications of Scholz et al. report for the first round (to 1e-9: both are the formula's bounds).
"""

from __future__ import annotations

import csv
from pathlib import Path

import numpy as np
import pytest

from accordia.analyse.bdm import (
    challenge_utility,
    median_voter,
    one_round,
    risk_exponents,
    run_model,
    weighted_mean,
    win_probability,
)

DATA = Path(__file__).resolve().parent.parent / "data" / "bdm_emissions.csv"


def _example() -> tuple[list[str], list[float], list[float], list[float]]:
    with DATA.open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(line for line in fh if not line.startswith("#")))
    names = [r["actor"] for r in rows]
    return (names, [float(r["position"]) for r in rows], [float(r["capability"]) for r in rows],
            [float(r["salience"]) / 100 for r in rows])


def test_published_inputs_are_the_ten_actors_of_the_table():
    names, x, c, s = _example()
    assert len(names) == 10 and set(x) == {4.0, 7.0, 10.0}
    assert sum(c) == pytest.approx(1.01)  # the published capabilities, rounded to two places


def test_median_voter_forecast_is_seven_years():
    names, x, c, s = _example()
    run = run_model(x, c, s, names=names)
    assert run.initial_median == pytest.approx(7.0, abs=1e-9)
    assert run.rounds, "the model must bargain at least one round on this example"
    assert run.forecast == pytest.approx(7.0, abs=0.5)


def test_compromise_baseline_is_the_weighted_mean():
    names, x, c, s = _example()
    assert weighted_mean(x, np.array(c) * np.array(s)) == pytest.approx(7.39, abs=0.01)
    assert run_model(x, c, s).initial_mean == pytest.approx(7.39, abs=0.01)


def test_risk_exponents_bounds_match_the_replications():
    names, x, c, s = _example()
    risk = risk_exponents(np.array(x), np.array(c), np.array(s), 6.0)
    assert risk.min() >= 0.5 - 1e-12 and risk.max() <= 2.0 + 1e-12
    assert risk[names.index("UK")] == pytest.approx(2.0, abs=1e-9)
    assert risk[names.index("Luxembourg")] == pytest.approx(0.5, abs=1e-9)


def test_win_probabilities_of_a_pair_add_to_one():
    names, x, c, s = _example()
    prob = win_probability(np.array(x), np.array(c) * np.array(s), np.ones(10), 6.0)
    for a in range(10):
        for b in range(10):
            if x[a] != x[b]:
                assert prob[a, b] + prob[b, a] == pytest.approx(1.0)


def test_a_lone_weak_actor_gives_way_to_a_strong_one():
    # two actors: the strong, committed one at 0 has nothing to fear; the weak one moves towards it
    step = one_round(np.array([0.0, 100.0]), np.array([1.0, 0.1]), np.array([1.0, 0.5]), 100.0, ["A", "B"])
    assert step.positions[0] == 0.0
    assert step.positions[1] < 100.0 and step.moves and step.moves[0].startswith("B ")


def test_challenge_utility_is_zero_for_the_same_position():
    x = np.array([5.0, 5.0])
    eu = challenge_utility(x, np.array([0.5, 0.5]), np.zeros((2, 2)), 10.0, np.ones(2))
    # same position: success and failure both leave the status quo, so challenging is worth nothing
    assert eu[0, 0, 1] == pytest.approx(0.0, abs=1e-12)


def test_median_voter_is_the_weighted_median_for_risk_neutral_votes():
    assert median_voter(np.array([0.0, 50.0, 100.0]), np.array([1.0, 1.0, 3.0]), 100.0) == 100.0
    assert median_voter(np.array([0.0, 50.0, 100.0]), np.array([2.0, 1.0, 2.0]), 100.0) == 50.0


def test_degenerate_inputs_do_not_crash():
    assert run_model([], [], []).rounds == []
    one = run_model([40.0], [1.0], [1.0])
    assert one.forecast == 40.0 and one.rounds == []
    with pytest.raises(ValueError):
        run_model([1.0], [1.0, 2.0], [1.0])
