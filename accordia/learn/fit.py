"""Fitting the stance model: the classifier, its calibration curve and its confirmation threshold."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, replace

import numpy as np
from sklearn.feature_extraction import DictVectorizer
from sklearn.linear_model import LogisticRegression

from accordia.extract.stance_model import CLASSES, NONE, Decision, StanceModel
from accordia.learn.dataset import ArticleSample

LEARNERS = ("logistic", "boosted")


@dataclass
class PooledDecision:
    """A pooled decision on a training article, and whether the gold agrees with it."""

    raw: float
    required: bool  # the gold requires exactly this (actor, issue, stance)
    optional: bool  # the gold lists it as implied: neither right nor wrong when scored


def _training_rows(samples: Sequence[ArticleSample]) -> tuple[list[dict[str, float]], list[str]]:
    feats: list[dict[str, float]] = []
    labels: list[str] = []
    for s in samples:
        for cand, lab in zip(s.candidates, s.labels, strict=True):
            if lab is not None and lab in CLASSES:
                feats.append(cand.features)
                labels.append(lab)
    return feats, labels


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
    feats, labels = _training_rows(samples)
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
        est.fit(x, y)
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
        est.fit(x, y)
        return _EstimatorModel(vec, est, classes)
    raise ValueError(f"unknown learner {learner!r}; choose from {', '.join(LEARNERS)}")


def gold_keys(sample: ArticleSample) -> tuple[set[tuple[str, str, str]], set[tuple[str, str, str]]]:
    required = {(p.actor, p.issue, p.stance) for p in sample.gold.positions if p.required}
    optional = {(p.actor, p.issue, p.stance) for p in sample.gold.positions if not p.required} - required
    return required, optional


def pooled_decisions(model: StanceModel, samples: Sequence[ArticleSample]) -> tuple[list[PooledDecision], int]:
    """Every pooled decision on ``samples`` with raw (uncalibrated) scores, and the required count."""
    raw_model = replace(model, calibration=(1.0, 0.0)) if not isinstance(model, _EstimatorModel) else model
    if isinstance(model, _EstimatorModel):
        saved = model.calibration
        model.calibration = (1.0, 0.0)
    out: list[PooledDecision] = []
    required_total = 0
    for s in samples:
        required, optional = gold_keys(s)
        required_total += len(required)
        if not s.candidates:
            continue
        decisions: list[Decision] = raw_model.decide(s.candidates, floor=0.0)
        for d in decisions:
            key = (d.actor, d.issue, d.stance)
            out.append(PooledDecision(d.confidence, key in required, key in optional))
    if isinstance(model, _EstimatorModel):
        model.calibration = saved
    return out, required_total


def fit_calibration(pooled: Sequence[PooledDecision]) -> tuple[float, float]:
    """Platt scaling on the logit of the pooled score: P(the reading is right)."""
    if len(pooled) < 10 or len({p.required or p.optional for p in pooled}) < 2:
        return 1.0, 0.0
    z = np.array([[math.log(max(min(p.raw, 1 - 1e-6), 1e-6) / (1 - max(min(p.raw, 1 - 1e-6), 1e-6)))]
                  for p in pooled])
    y = np.array([1 if (p.required or p.optional) else 0 for p in pooled])
    lr = LogisticRegression(C=100.0)
    lr.fit(z, y)
    return float(lr.coef_[0][0]), float(lr.intercept_[0])


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


def choose_threshold(pooled: Sequence[PooledDecision], required_total: int, calibration: tuple[float, float],
                     min_precision: float) -> float:
    """The threshold with the best F1 among those whose precision reaches ``min_precision``."""
    grid = [round(t, 3) for t in np.arange(0.2, 0.96, 0.01)]
    best, best_f1 = None, -1.0
    fallback, fallback_p = 0.95, -1.0
    for t in grid:
        p, _, f1 = precision_recall_at(pooled, required_total, t, calibration)
        if p >= min_precision and f1 > best_f1:
            best, best_f1 = t, f1
        if p > fallback_p:
            fallback, fallback_p = t, p
    return best if best is not None else fallback


__all__ = ["LEARNERS", "NONE", "PooledDecision", "choose_threshold", "fit_calibration", "fit_classifier",
           "pooled_decisions", "precision_recall_at"]
