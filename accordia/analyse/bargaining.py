"""A spatial bargaining model of the expected-utility family (Bueno de Mesquita; KTAB-style rounds).

Actors sit at positions ``x`` on a 0..100 line, with capability ``c`` and salience ``s`` (0..1).
Each round every actor weighs challenging every other one:

* support for i's position against j's is the capability x salience weighted vote of all actors,
  each voting by how much closer the position is to its own (utility ``1 - |x - x_k| / 100``);
  ``P_ij`` is i's share of those votes;
* i's expected utility of challenging j is ``s_i * d_ij * (1 - 2 * s_j * (1 - P_ij))`` with
  ``d_ij = |x_i - x_j| / 100``: i gains the distance if it wins, loses it if it is resisted and
  loses, and a j that cares little (low ``s_j``) rarely resists;
* a challenge is credible when it is worth something to i and worth more to i than the reverse
  challenge is worth to j. Each actor answers the most valuable credible challenge it receives:
  it gives in completely when it expects to lose a contest itself, otherwise it meets the challenger
  part-way, in proportion to i's advantage.

All moves of a round are computed from the positions at its start and applied together; the run
stops when no one moves more than ``tolerance`` or after ``max_rounds``. The forecast is the
weighted mean and weighted median (weights ``c * s``) of the final positions.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

MAX_ROUNDS = 20
TOLERANCE = 0.5


@dataclass
class BargainingResult:
    positions: list[float]
    rounds: int
    converged: bool
    weighted_mean: float
    weighted_median: float


def weighted_mean(x: list[float], w: list[float]) -> float:
    total = float(sum(w))
    if total <= 0:
        return float(sum(x) / len(x)) if x else math.nan
    return float(sum(a * b for a, b in zip(x, w, strict=True)) / total)


def weighted_median(x: list[float], w: list[float]) -> float:
    """The position at half the total weight; midway between two when the half falls on a boundary."""
    if not x:
        return math.nan
    pairs = sorted(zip(x, w, strict=True))
    weights = [max(0.0, b) for _, b in pairs]
    if sum(weights) <= 0:
        weights = [1.0] * len(pairs)
    total = sum(weights)
    cumulative = 0.0
    for idx, ((value, _), weight) in enumerate(zip(pairs, weights, strict=True)):
        cumulative += weight
        if math.isclose(cumulative, total / 2, rel_tol=1e-9, abs_tol=1e-12) and idx + 1 < len(pairs):
            return (value + pairs[idx + 1][0]) / 2
        if cumulative > total / 2:
            return value
    return pairs[-1][0]


def win_probabilities(x: np.ndarray, w: np.ndarray) -> np.ndarray:
    """``P[i, j]``: i's share of the weighted vote when i's position meets j's (0.5 when they coincide)."""
    dist = np.abs(x[None, :] - x[:, None]) / 100.0          # dist[k, i] = |x_i - x_k| / 100
    prefer = dist[:, None, :] - dist[:, :, None]            # prefer[k, i, j] = U_k(x_i) - U_k(x_j)
    weighted = w[:, None, None] * prefer
    for_i = np.clip(weighted, 0, None).sum(axis=0)
    total = np.abs(weighted).sum(axis=0)
    with np.errstate(invalid="ignore", divide="ignore"):
        prob = np.where(total > 0, for_i / np.where(total > 0, total, 1.0), 0.5)
    return prob


def expected_utilities(x: np.ndarray, c: np.ndarray, s: np.ndarray) -> np.ndarray:
    """``EU[i, j]``: what challenging j is worth to i."""
    prob = win_probabilities(x, c * s)
    dist = np.abs(x[:, None] - x[None, :]) / 100.0
    return s[:, None] * dist * (1.0 - 2.0 * s[None, :] * (1.0 - prob))


def one_round(x: np.ndarray, c: np.ndarray, s: np.ndarray) -> np.ndarray:
    """New positions after every actor answers its most valuable credible challenge."""
    eu = expected_utilities(x, c, s)
    credible = (eu > 0) & (eu > eu.T) & ~np.eye(len(x), dtype=bool)
    offers = np.where(credible, eu, -np.inf)
    new = x.copy()
    for j in np.flatnonzero(credible.any(axis=0)):
        best_i = int(np.argmax(offers[:, j]))          # first of equals: the lowest index wins ties
        best_eu, reply = eu[best_i, j], eu[j, best_i]
        share = 1.0 if reply <= 0 else (best_eu - reply) / (best_eu + reply)
        new[j] = x[j] + share * (x[best_i] - x[j])
    return new


def bargain(x: list[float], c: list[float], s: list[float], *, max_rounds: int = MAX_ROUNDS,
            tolerance: float = TOLERANCE) -> BargainingResult:
    """Run rounds until positions settle; deterministic for a given input order."""
    if not (len(x) == len(c) == len(s)):
        raise ValueError("positions, capabilities and saliences must have the same length")
    pos = np.array(x, dtype=float)
    cap = np.array(c, dtype=float)
    sal = np.clip(np.array(s, dtype=float), 0.0, 1.0)
    rounds, converged = 0, False
    while rounds < max_rounds and len(pos) > 1:
        new = one_round(pos, cap, sal)
        rounds += 1
        moved = float(np.max(np.abs(new - pos)))
        pos = new
        if moved < tolerance:
            converged = True
            break
    if len(pos) <= 1:
        converged = True
    final = [float(v) for v in pos]
    weights = [float(v) for v in cap * sal]
    return BargainingResult(final, rounds, converged, weighted_mean(final, weights),
                            weighted_median(final, weights))
