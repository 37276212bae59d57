"""Training the stance model that ships with Accordia, or one for a user's own codebook."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from accordia.extract.pipeline import Extractor
from accordia.extract.stance_model import StanceModel
from accordia.learn.crossval import DEFAULT_MIN_PRECISION, fit_for
from accordia.learn.dataset import ArticleSample, build_samples
from accordia.learn.gold import load_gold_dir

INNER_FOLDS = 5


def _groups(samples: Sequence[ArticleSample], k: int) -> list[list[ArticleSample]]:
    """``k`` interleaved groups by name: stable for a given set of articles, whatever the seed."""
    ordered = sorted(samples, key=lambda s: s.gold.name)
    return [ordered[i::k] for i in range(k)]


def train_model(gold_dirs: Sequence[str | Path], out: str | Path | None = None, seed: int = 0,
                learner: str = "logistic", min_precision: float = DEFAULT_MIN_PRECISION,
                extractor: Extractor | None = None) -> StanceModel:
    """Fit a stance model on every gold article in ``gold_dirs``; its calibration and threshold come
    from a cross-validation inside them. Saved to ``out`` when given (``.json`` or ``.json.gz``)."""
    extractor = extractor or Extractor(model=None)
    samples = [s for d in gold_dirs for s in build_samples(load_gold_dir(d), extractor)]
    if len(samples) < 2:
        raise ValueError("training needs at least two gold articles")
    groups = _groups(samples, min(INNER_FOLDS, len(samples)))
    model = fit_for(samples, groups, [], learner, min_precision, seed)
    model.meta.update({"articles": len(samples), "gold_dirs": [Path(d).name for d in gold_dirs]})
    if out is not None:
        model.save(out)
    return model
