"""Bueno de Mesquita's expected-utility group-decision model, as Scholz, Calbert and Smith (2011) read it.

Why this model: it is the published model family the forecast claims to follow, and a published worked
example exists for it (the EC car-emission-standards case, Bueno de Mesquita 1994, re-analysed by Scholz,
Calbert and Smith, "Unravelling Bueno de Mesquita's group decision model", J. Theoretical Politics 23(4),
2011). ``tests/data/bdm_emissions.csv`` holds that example's inputs and ``tests/analyse/test_bdm.py``
checks this code against the published figures. The steps, in the paper's terms:

* **votes**: actor k's vote for position a over b is ``c_k s_k ((|x_k - x_b|/R)^r_k - (|x_k - x_a|/R)^r_k)``
  with ``R`` the width of the position scale and ``r_k`` k's risk exponent (1 = risk neutral);
* **median voter**: the position that no other position beats in a pairwise vote of all actors (risk
  neutral); this is the model's forecast of the outcome after each round;
* **probability** that a prevails against b: the votes for a over b divided by all votes cast on the pair;
* **expected utility** of a challenging b, seen by an observer with risk exponent r:
  ``s_b (P U_s + (1 - P) U_f) + (1 - s_b) U_s - U_sq`` with ``U_s = 2 - 4 (0.5 - 0.5 d)^r``,
  ``U_f = 2 - 4 (0.5 + 0.5 d)^r``, ``U_sq = 2 - 4 (0.5)^r`` and ``d = |x_a - x_b| / R`` (the status quo is
  taken to persist, Q = 1, as in the paper's replication);
* **risk**: each round, an actor's *danger* is the sum of every other actor's (risk-neutral) expected
  utility of challenging it; ``R_i = (2 danger_i - max - min) / (max - min)`` over all actors and
  ``r_i = (1 - R_i / 3) / (1 + R_i / 3)``, so r runs from 0.5 (most endangered) to 2;
* **offers**: actor i, judging with its own r_i, compares what j gains by challenging it (``eu_ji``) with
  what it gains by challenging j (``eu_ij``). ``eu_ji > eu_ij > 0``: a confrontation i loses, it moves to
  x_j. ``eu_ji > 0 > eu_ij``: if ``eu_ji > |eu_ij|`` a compromise, i moves the fraction ``|eu_ij / eu_ji|``
  of the way to x_j, else i capitulates and moves to x_j. Each actor takes the offer that moves it least;
  all moves of a round are computed from the positions at its start.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np

MAX_ROUNDS = 10
SETTLED = 1e-6          # a round in which nobody moves more than this (in scale units) ends the run


@dataclass
class Round:
    """The state after one round: positions, risk exponents used, median voter and weighted mean."""

    positions: list[float]
    risk: list[float]
    median: float
    mean: float
    moves: list[str] = field(default_factory=list)


@dataclass
class ModelRun:
    """The initial median and mean, then every round; ``forecast`` is the last median voter position."""

    initial_median: float
    initial_mean: float
    rounds: list[Round]

    @property
    def forecast(self) -> float:
        return self.rounds[-1].median if self.rounds else self.initial_median

    @property
    def final_positions(self) -> list[float]:
        return self.rounds[-1].positions if self.rounds else []


def weighted_mean(x: list[float] | np.ndarray, w: list[float] | np.ndarray) -> float:
    """The compromise baseline: positions weighted by capability x salience."""
    xs, ws = np.asarray(x, dtype=float), np.asarray(w, dtype=float)
    if xs.size == 0:
        return math.nan
    total = float(ws.sum())
    return float(xs.mean()) if total <= 0 else float((xs * ws).sum() / total)


def _votes(x: np.ndarray, w: np.ndarray, r: np.ndarray, span: float) -> np.ndarray:
    """``V[k, a, b]``: actor k's vote for x_a over x_b."""
    dist = (np.abs(x[None, :] - x[:, None]) / span) ** r[:, None]     # dist[k, a] = (|x_k - x_a| / R)^r_k
    return w[:, None, None] * (dist[:, None, :] - dist[:, :, None])


def median_voter(x: np.ndarray, w: np.ndarray, span: float) -> float:
    """The position beating every other in a risk-neutral pairwise vote (most pairwise margin on ties)."""
    candidates = np.unique(x)
    margins = np.zeros((len(candidates), len(candidates)))
    for a, xa in enumerate(candidates):
        for b, xb in enumerate(candidates):
            margins[a, b] = float((w * (np.abs(x - xb) - np.abs(x - xa))).sum()) / span
    wins = (margins >= -1e-12).all(axis=1)
    if wins.any():
        return float(candidates[np.flatnonzero(wins)[0]])
    return float(candidates[int(np.argmax(margins.sum(axis=1)))])


def win_probability(x: np.ndarray, w: np.ndarray, r: np.ndarray, span: float) -> np.ndarray:
    """``P[a, b]``: the share of the votes cast on the pair that go to a (0 when x_a == x_b)."""
    votes = _votes(x, w, r, span)
    for_a = np.clip(votes, 0, None).sum(axis=0)
    cast = np.abs(votes).sum(axis=0)
    return np.divide(for_a, cast, out=np.zeros_like(for_a), where=cast > 0)


def challenge_utility(x: np.ndarray, s: np.ndarray, prob: np.ndarray, span: float,
                      risk: np.ndarray) -> np.ndarray:
    """``EU[o, a, b]``: a's expected utility of challenging b, as observer o (risk exponent r_o) sees it."""
    d = np.abs(x[:, None] - x[None, :]) / span                     # d[a, b]
    r = risk[:, None, None]
    u_success = 2 - 4 * (0.5 - 0.5 * d[None]) ** r
    u_failure = 2 - 4 * (0.5 + 0.5 * d[None]) ** r
    u_status_quo = 2 - 4 * 0.5 ** r
    resist = s[None, None, :] * (prob[None] * u_success + (1 - prob[None]) * u_failure)
    return resist + (1 - s[None, None, :]) * u_success - u_status_quo


def risk_exponents(x: np.ndarray, c: np.ndarray, s: np.ndarray, span: float) -> np.ndarray:
    """Each actor's risk exponent from how much the others stand to gain by challenging it."""
    neutral = np.ones_like(x)
    prob = win_probability(x, c * s, neutral, span)
    eu = challenge_utility(x, s, prob, span, neutral)[0]           # risk neutral: any observer
    np.fill_diagonal(eu, 0.0)
    danger = eu.sum(axis=0)                                        # column b: everyone challenging b
    low, high = float(danger.min()), float(danger.max())
    if math.isclose(low, high, abs_tol=1e-12):
        return neutral
    acceptance = (2 * danger - high - low) / (high - low)
    return (1 - acceptance / 3) / (1 + acceptance / 3)


def one_round(x: np.ndarray, c: np.ndarray, s: np.ndarray, span: float,
              names: list[str] | None = None) -> Round:
    """Risk exponents, then every actor's best offer, applied together."""
    risk = risk_exponents(x, c, s, span)
    prob = win_probability(x, c * s, risk, span)
    eu = challenge_utility(x, s, prob, span, risk)
    names = names or [str(i) for i in range(len(x))]
    n = len(x)
    idx = np.arange(n)
    eu_ij = eu[idx, idx, :]                        # eu_ij[i, j]: i challenging j, as i sees it
    eu_ji = eu[idx, :, idx]                        # eu_ji[i, j]: j challenging i, as i sees it
    differ = (x[:, None] != x[None, :]) & ~np.eye(n, dtype=bool)
    confront = differ & (eu_ji > eu_ij) & (eu_ij > 0)
    yields = differ & (eu_ji > 0) & (eu_ij < 0)
    compromise = yields & (eu_ji > np.abs(eu_ij))
    with np.errstate(divide="ignore", invalid="ignore"):
        share = np.where(compromise, np.abs(eu_ij) / np.where(eu_ji != 0, eu_ji, 1.0), 1.0)
    target = x[:, None] + share * (x[None, :] - x[:, None])
    offered = confront | yields
    move = np.where(offered, np.abs(target - x[:, None]), np.inf)
    new = x.copy()
    moves: list[str] = []
    for i in np.flatnonzero(offered.any(axis=1)):
        j = int(np.argmin(move[i]))                 # the offer that moves i least; first of equals
        new[i] = target[i, j]
        how = ("loses a confrontation to" if confront[i, j] else
               "compromises with" if compromise[i, j] else "capitulates to")
        moves.append(f"{names[i]} {how} {names[j]}")
    w = c * s
    return Round([float(v) for v in new], [float(v) for v in risk], median_voter(new, w, span),
                 weighted_mean(new, w), moves)


def run_model(x: list[float], c: list[float], s: list[float], *, span: float | None = None,
              max_rounds: int = MAX_ROUNDS, names: list[str] | None = None) -> ModelRun:
    """Run the model for up to ``max_rounds`` rounds; salience on 0..1, ``span`` the scale's width."""
    if not (len(x) == len(c) == len(s)):
        raise ValueError("positions, capabilities and saliences must have the same length")
    pos = np.array(x, dtype=float)
    cap = np.array(c, dtype=float)
    sal = np.clip(np.array(s, dtype=float), 0.0, 1.0)
    if span is None:
        span = float(pos.max() - pos.min()) if pos.size else 0.0
    w = cap * sal
    if pos.size == 0:
        return ModelRun(math.nan, math.nan, [])
    if span <= 0 or pos.size == 1 or w.sum() <= 0:
        return ModelRun(float(pos[0]) if span <= 0 else weighted_mean(pos, w), weighted_mean(pos, w), [])
    run = ModelRun(median_voter(pos, w, span), weighted_mean(pos, w), [])
    for _ in range(max_rounds):
        step = one_round(pos, cap, sal, span, names)
        run.rounds.append(step)
        new = np.array(step.positions)
        settled = float(np.max(np.abs(new - pos))) <= SETTLED
        pos = new
        if settled:
            break
    return run
