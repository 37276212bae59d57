"""Fitting the stance model: the classifier, its calibration curve and its confirmation threshold."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from sklearn.feature_extraction import DictVectorizer
from sklearn.linear_model import LogisticRegression

from accordia.extract.stance_model import (
    CLASSES,
    NONE,
    StanceModel,
    best_by_stance,
    linear_probabilities,
    pool_features,
)
from accordia.learn.dataset import REVIEWED_WEIGHT, ArticleSample

LEARNERS = ("logistic", "boosted")


@dataclass
class PooledDecision:
    """A pooled decision on a training article, and whether the gold agrees with it."""

    raw: float
    required: bool  # the gold requires exactly this (actor, issue, stance)
    optional: bool  # the gold lists it as implied: neither right nor wrong when scored


def _training_rows(samples: Sequence[ArticleSample]) -> tuple[list[dict[str, float]], list[str], list[float]]:
    feats: list[dict[str, float]] = []
    labels: list[str] = []
    weights: list[float] = []
    for s in samples:
        ws = s.weights or [1.0] * len(s.candidates)
        for cand, lab, w in zip(s.candidates, s.labels, ws, strict=True):
            if lab is not None and lab in CLASSES:
                feats.append(cand.features)
                labels.append(lab)
                weights.append(w)
    return feats, labels, weights


class _EstimatorModel(StanceModel):
    """A stance model backed by a fitted scikit-learn estimator (used to compare learners)."""

    def __init__(self, vectorizer: DictVectorizer, estimator: object, classes: tuple[str, ...]) -> None:
        super().__init__(classes, {}, [0.0] * len(classes))
        self.vectorizer = vectorizer
        self.estimator = estimator

    def probabilities_many(self, many: list[dict[str, float]]) -> list[dict[str, float]]:
        x = self.vectorizer.transform(many)
        if not hasattr(self.estimator, "coef_"):
            x = x.toarray().astype(np.float32)
        p = self.estimator.predict_proba(x)
        order = [list(self.estimator.classes_).index(c) if c in self.estimator.classes_ else None
                 for c in self.classes]
        return [{c: (float(row[j]) if j is not None else 0.0) for c, j in zip(self.classes, order, strict=True)}
                for row in p]

    def probabilities(self, features: dict[str, float]) -> dict[str, float]:
        return self.probabilities_many([features])[0]


def fit_classifier(samples: Sequence[ArticleSample], learner: str = "logistic", c: float = 0.3,
                   min_count: int = 2, seed: int = 0) -> StanceModel:
    """Fit the candidate classifier (uncalibrated: identity calibration, threshold 0.5)."""
    feats, labels, sample_weight = _training_rows(samples)
    if len(set(labels)) < 2:
        raise ValueError("the gold gives fewer than two stance classes to learn from")
    counts: dict[str, int] = {}
    for f in feats:
        for k in f:
            counts[k] = counts.get(k, 0) + 1
    keep = {k for k, n in counts.items() if n >= min_count}
    feats = [{k: v for k, v in f.items() if k in keep} for f in feats]
    vec = DictVectorizer(sparse=True)
    x = vec.fit_transform(feats)
    y = np.asarray(labels)
    classes = tuple(c_ for c_ in CLASSES if c_ in set(labels))
    if learner == "logistic":
        est = LogisticRegression(C=c, max_iter=3000, class_weight=None, random_state=seed)
        est.fit(x, y, sample_weight=np.asarray(sample_weight))
        names = vec.get_feature_names_out()
        order = [list(est.classes_).index(k) for k in classes]
        coef = est.coef_[order]
        weights = {}
        for j, name in enumerate(names):
            col = coef[:, j]
            if np.abs(col).max() >= 1e-4:
                weights[str(name)] = [round(float(v), 5) for v in col]
        intercept = [round(float(v), 5) for v in est.intercept_[order]]
        return StanceModel(classes, weights, intercept, meta={"learner": "logistic", "C": c,
                                                               "min_count": min_count, "seed": seed,
                                                               "training_rows": len(labels)})
    if learner == "boosted":
        from sklearn.ensemble import HistGradientBoostingClassifier
        frequent = sorted(keep, key=lambda k: -counts[k])[:1500]
        vec = DictVectorizer(sparse=True)
        vec.fit([{k: 1.0 for k in frequent}])
        x = vec.transform(feats).toarray().astype(np.float32)
        est = HistGradientBoostingClassifier(max_iter=200, learning_rate=0.08, max_leaf_nodes=15,
                                             l2_regularization=1.0, random_state=seed)
        est.fit(x, y, sample_weight=np.asarray(sample_weight))
        return _EstimatorModel(vec, est, classes)
    raise ValueError(f"unknown learner {learner!r}; choose from {', '.join(LEARNERS)}")


@dataclass
class PairRow:
    """One actor and issue of a training article, pooled from held-out sentence probabilities."""

    group: int
    features: dict[str, float]
    label: str
    required: set[str]  # stances the gold requires for this pair
    optional: set[str]
    offered: set[str]  # stances some sentence reads, the only ones the pair layer may choose
    weight: float = 1.0


def pair_rows(model: StanceModel, samples: Sequence[ArticleSample], group: int) -> list[PairRow]:
    rows: list[PairRow] = []
    for s in samples:
        if not s.candidates:
            continue
        probs = model.probabilities_many([c.features for c in s.candidates])
        items: dict[tuple[str, str], list] = {}
        for cand, p in zip(s.candidates, probs, strict=True):
            items.setdefault((cand.actor, cand.issue), []).append((cand, p))
        for (actor, issue), its in items.items():
            req = {p.stance for p in s.gold.positions if p.actor == actor and p.issue == issue and p.required}
            opt = {p.stance for p in s.gold.positions if p.actor == actor and p.issue == issue} - req
            lab = next(iter(sorted(req)), None) or next(iter(sorted(opt)), None) or NONE
            reviewed = any(p.reviewed for p in s.gold.positions if p.actor == actor and p.issue == issue)
            rows.append(PairRow(group, pool_features(its), lab, req, opt, set(best_by_stance(its)),
                                REVIEWED_WEIGHT if reviewed else 1.0))
    return rows


def fit_pair_layer(rows: Sequence[PairRow], c: float = 1.0, seed: int = 0) -> dict:
    vec = DictVectorizer(sparse=False)
    x = vec.fit_transform([r.features for r in rows])
    y = np.asarray([r.label for r in rows])
    est = LogisticRegression(C=c, max_iter=3000, random_state=seed)
    est.fit(x, y, sample_weight=np.asarray([r.weight for r in rows]))
    classes = [str(k) for k in est.classes_]
    names = vec.get_feature_names_out()
    weights = {str(n): [round(float(v), 5) for v in est.coef_[:, j]] for j, n in enumerate(names)}
    if len(classes) == 2:  # scikit-learn keeps one row for two classes: spell both out
        weights = {k: [-v[0] / 2, v[0] / 2] for k, v in weights.items()}
        intercept = [-float(est.intercept_[0]) / 2, float(est.intercept_[0]) / 2]
    else:
        intercept = [round(float(v), 5) for v in est.intercept_]
    return {"classes": classes, "weights": weights, "intercept": intercept}


def pair_decisions(layer: dict, rows: Sequence[PairRow]) -> list[PooledDecision]:
    out: list[PooledDecision] = []
    for r in rows:
        probs = linear_probabilities(layer, r.features)
        options = [s for s in probs if s != NONE and s in r.offered]
        if not options:
            continue
        stance = max(options, key=probs.__getitem__)
        out.append(PooledDecision(probs[stance], stance in r.required, stance in r.optional))
    return out


def gold_keys(sample: ArticleSample) -> tuple[set[tuple[str, str, str]], set[tuple[str, str, str]]]:
    required = {(p.actor, p.issue, p.stance) for p in sample.gold.positions if p.required}
    optional = {(p.actor, p.issue, p.stance) for p in sample.gold.positions if not p.required} - required
    return required, optional


def precision_recall_at(pooled: Sequence[PooledDecision], required_total: int, threshold: float,
                        calibration: tuple[float, float]) -> tuple[float, float, float]:
    model = StanceModel(("none",), {}, [0.0], calibration)
    tp = fp = 0
    for p in pooled:
        if model.calibrate(p.raw) >= threshold:
            if p.required:
                tp += 1
            elif not p.optional:
                fp += 1
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / required_total if required_total else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


MIN_CONFIRMED = 40


def choose_threshold(pooled: Sequence[PooledDecision], required_total: int, calibration: tuple[float, float],
                     min_precision: float) -> float:
    """The lowest threshold above which held-out precision stays at ``min_precision``: every
    threshold from it upwards must keep that precision over at least ``MIN_CONFIRMED`` readings, so a
    lucky handful at the top of the range cannot set it. Where no threshold does, the one with the best
    F0.5 (precision first, recall still counted), so that the confirmed view is never empty by design."""
    grid = [round(float(t), 3) for t in np.arange(0.2, 0.96, 0.01)]
    status: list[bool | None] = []  # None: too few readings above it to say
    for t in grid:
        model = StanceModel(("none",), {}, [0.0], calibration)
        scored = [p for p in pooled if model.calibrate(p.raw) >= t and (p.required or not p.optional)]
        if len(scored) < MIN_CONFIRMED:
            status.append(None)
        else:
            status.append(precision_recall_at(pooled, required_total, t, calibration)[0] >= min_precision)
    for i, t in enumerate(grid):
        if status[i] and False not in status[i:]:
            return t
    # The target is out of reach on this data: weigh precision twice as much as recall instead (F0.5).
    best, best_score = grid[-1], -1.0
    for t, st in zip(grid, status, strict=True):
        if st is None:
            continue
        p, r, _ = precision_recall_at(pooled, required_total, t, calibration)
        score = 1.25 * p * r / (0.25 * p + r) if p + r else 0.0
        if score > best_score:
            best, best_score = t, score
    return best


