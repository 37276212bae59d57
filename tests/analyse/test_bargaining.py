import numpy as np
import pytest

from accordia.analyse.bargaining import bargain, one_round, weighted_mean, weighted_median


def test_dominant_actor_pulls_everyone_to_its_position():
    # x = (100, 0, 0), c = (10, 1, 1), s = (1, 1, 1), so vote weights w = (10, 1, 1).
    # A (100) against B (0): A votes +10, B and C vote -1 each -> P_AB = 10 / 12 = 5/6.
    # EU_A(B) = s_A * d * (1 - 2 * s_B * (1 - 5/6)) = 1 - 1/3 = 2/3 > 0 (credible).
    # EU_B(A) = 1 * (1 - 2 * 1 * (1 - 1/6)) = -2/3 <= 0, so B gives in completely; C likewise.
    # Round 2 nobody moves: converged with everyone at 100.
    result = bargain([100, 0, 0], [10, 1, 1], [1, 1, 1])
    assert result.positions == [100.0, 100.0, 100.0]
    assert result.converged and result.rounds == 2
    assert result.weighted_mean == 100.0 and result.weighted_median == 100.0


def test_compromise_moves_the_weaker_actor_part_way():
    # x = (0, 100), c = (1, 3), s = (0.5, 0.5): w = (0.5, 1.5), P_10 = 1.5 / 2 = 0.75.
    # EU_1(0) = 0.5 * 1 * (1 - 2 * 0.5 * 0.25) = 0.375; EU_0(1) = 0.5 * (1 - 2 * 0.5 * 0.75) = 0.125.
    # Actor 1's challenge is credible (0.375 > 0.125); actor 0 still expects something (0.125 > 0), so it
    # meets actor 1 part-way: share = (0.375 - 0.125) / (0.375 + 0.125) = 0.5 -> new x_0 = 50.
    moved = one_round(np.array([0.0, 100.0]), np.array([1.0, 3.0]), np.array([0.5, 0.5]))
    assert moved.tolist() == pytest.approx([50.0, 100.0])


def test_equal_rivals_stay_put():
    # Same capability and salience: P = 0.5 both ways, EU equal, so neither challenge is credible.
    result = bargain([0, 100], [1, 1], [0.5, 0.5])
    assert result.positions == [0.0, 100.0]
    assert result.weighted_mean == 50.0
    assert result.weighted_median == 50.0  # the half falls between the two


def test_weighted_mean_and_median():
    assert weighted_mean([0, 100], [1, 3]) == 75.0
    assert weighted_median([0, 50, 100], [1, 1, 3]) == 100
    assert weighted_median([0, 50, 100], [3, 1, 1]) == 0


def test_mismatched_inputs_are_refused():
    with pytest.raises(ValueError):
        bargain([0, 1], [1], [1, 1])
