"""Cross-validation over fixed folds: everything learned is fit on the other folds only.

For each held-out fold the classifier is fit on the remaining folds (plus any extra gold folders,
which are never scored), its calibration curve and confirmation threshold are chosen by an inner
cross-validation over those same remaining folds, and the fold is then read exactly as ``extract``
reads it. The scores are the corpus scorer's, micro-averaged over all held-out articles.
"""

from __future__ import annotations

import copy
import json
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from accordia.evaluate import FACT_TYPES, Counts, score_document
from accordia.extract.pipeline import Extractor
from accordia.extract.stance_model import StanceModel
from accordia.facts import ArticleFacts
from accordia.learn.dataset import ArticleSample, build_samples
from accordia.learn.fit import (
    PairRow,
    choose_threshold,
    fit_classifier,
    fit_pair_layer,
    gold_keys,
    pair_decisions,
    pair_rows,
)
from accordia.learn.gold import load_gold_dir

#: Precision the confirmation threshold is chosen for, on inner held-out folds.
DEFAULT_MIN_PRECISION = 0.75


@dataclass
class FoldResult:
    fold: int
    counts: dict[str, Counts]
    threshold: float
    seconds: float


@dataclass
class CVReport:
    learner: str
    folds: list[FoldResult] = field(default_factory=list)
    baseline: dict[str, Counts] = field(default_factory=dict)  # the rules alone, same articles

    def totals(self) -> dict[str, Counts]:
        out = {t: Counts() for t in FACT_TYPES}
        for f in self.folds:
            for t in FACT_TYPES:
                out[t].add(f.counts[t])
        return out


def read_folds(path: str | Path) -> list[list[str]]:
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    folds = data["folds"] if isinstance(data, dict) else data
    if not isinstance(folds, list) or not all(isinstance(f, list) for f in folds) or len(folds) < 2:
        raise ValueError(f"{path}: expected {{'folds': [[name, ...], ...]}} with at least two folds")
    return [[str(n) for n in f] for f in folds]


def fit_for(train: Sequence[ArticleSample], inner_groups: Sequence[Sequence[ArticleSample]],
            extra: Sequence[ArticleSample], learner: str, min_precision: float, seed: int = 0) -> StanceModel:
    """Fit on ``train`` (+ ``extra``). The pair layer learns from sentence probabilities on inner
    held-out groups; its threshold is chosen on its own held-out predictions over those groups."""
    rows: list[PairRow] = []
    for j, held in enumerate(inner_groups):
        rest = [s for k, g in enumerate(inner_groups) if k != j for s in g]
        inner_model = fit_classifier([*extra, *rest], learner, seed=seed)
        rows.extend(pair_rows(inner_model, held, j))
    pooled: list = []
    for j in range(len(inner_groups)):
        fit_rows = [r for r in rows if r.group != j]
        if len({r.label for r in fit_rows}) < 2:
            continue
        pooled.extend(pair_decisions(fit_pair_layer(fit_rows, seed=seed), [r for r in rows if r.group == j]))
    required = sum(len(gold_keys(s)[0]) for s in train)
    threshold = choose_threshold(pooled, required, (1.0, 0.0), min_precision)
    model = fit_classifier([*extra, *train], learner, seed=seed)
    if len({r.label for r in rows}) >= 2:
        model.pair = fit_pair_layer(rows, seed=seed)
    model.threshold = threshold
    model.meta.update({"pair_rows": len(rows), "min_precision": min_precision})
    return model


def apply_model(extractor: Extractor, model: StanceModel | None, sample: ArticleSample) -> ArticleFacts:
    """The facts ``extract`` would give for this article with ``model`` deciding stances."""
    facts = copy.deepcopy(sample.rule_facts)
    if model is not None and sample.candidates:
        saved = extractor.model
        extractor.model = model
        try:
            extractor.decide_positions(facts, sample.candidates)
        finally:
            extractor.model = saved
    return facts


def score(sample: ArticleSample, facts: ArticleFacts) -> dict[str, Counts]:
    pred = facts.to_gold()
    return {t: score_document(sample.gold.gold, pred, t) for t in FACT_TYPES}


def cross_validate(folds_path: str | Path, also: Sequence[str | Path] = (), learner: str = "logistic",
                   min_precision: float = DEFAULT_MIN_PRECISION, seed: int = 0,
                   samples: dict[str, ArticleSample] | None = None,
                   extra_samples: list[ArticleSample] | None = None,
                   extractor: Extractor | None = None) -> CVReport:
    """Cross-validate the stance model over the folds in ``folds_path`` (its folder holds the gold)."""
    folds = read_folds(folds_path)
    folder = Path(folds_path).parent
    extractor = extractor or Extractor(model=None)
    if samples is None:
        names = {n for f in folds for n in f}
        samples = {s.gold.name: s for s in build_samples(load_gold_dir(folder, names), extractor)}
    if extra_samples is None:
        extra_samples = [s for d in also for s in build_samples(load_gold_dir(d), extractor)]
    report = CVReport(learner)
    report.baseline = {t: Counts() for t in FACT_TYPES}
    groups = [[samples[n] for n in f if n in samples] for f in folds]
    for k, held in enumerate(groups):
        began = time.perf_counter()
        inner = [g for j, g in enumerate(groups) if j != k]
        train = [s for g in inner for s in g]
        model = fit_for(train, inner, extra_samples, learner, min_precision, seed)
        counts = {t: Counts() for t in FACT_TYPES}
        for s in held:
            for t, c in score(s, apply_model(extractor, model, s)).items():
                counts[t].add(c)
            for t, c in score(s, apply_model(extractor, None, s)).items():
                report.baseline[t].add(c)
        report.folds.append(FoldResult(k + 1, counts, model.threshold, time.perf_counter() - began))
    return report


def format_report(report: CVReport) -> str:
    lines = [f"cross-validated over {len(report.folds)} folds, learner: {report.learner}", "",
             f"{'fact type':<16}{'P':>7}{'R':>7}{'F1':>7}{'TP':>6}{'FP':>6}{'FN':>6}"
             f"   fold F1 min-max   rules-only F1"]
    totals = report.totals()
    for t in FACT_TYPES:
        p, r, f1 = totals[t].scores()
        per = [f.counts[t].scores()[2] for f in report.folds]
        base = report.baseline[t].scores()[2] if report.baseline else float("nan")
        c = totals[t]
        lines.append(f"{t:<16}{p:>7.3f}{r:>7.3f}{f1:>7.3f}{c.tp:>6}{c.fp:>6}{c.fn:>6}"
                     f"   {min(per):.3f}-{max(per):.3f}       {base:.3f}")
    lines.append("")
    lines.append("per fold (positions P/R/F1, threshold):")
    for f in report.folds:
        p, r, f1 = f.counts["positions"].scores()
        lines.append(f"  fold {f.fold}: {p:.3f} {r:.3f} {f1:.3f}  threshold {f.threshold:.2f}  ({f.seconds:.1f} s)")
    p, r, f1 = totals["positions"].scores()
    lines.append(f"cv_positions_p={p:.3f} cv_positions_r={r:.3f} cv_positions_f1={f1:.3f} "
                 f"cv_commitments_f1={totals['commitments'].scores()[2]:.3f}")
    return "\n".join(lines)
