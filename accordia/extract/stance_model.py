"""The trained stance decision: which candidate pairs state a position, with what stance, how surely.

The model is a multinomial logistic regression over the sparse features of ``pairs.py``, stored as
plain JSON (feature -> one weight per class), so loading it runs no code and needs no learning
library; ``accordia.learn`` fits it. An article's candidates for one actor and issue are pooled (the
best sentence per stance), and the pooled score is mapped to a calibrated probability with a Platt
curve fitted on held-out articles. ``threshold`` is the confidence above which a position counts as
confirmed; it was chosen by cross-validation for precision (see ``accordia.learn.crossval``).
"""

from __future__ import annotations

import gzip
import json
import math
import os
from collections import defaultdict
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np

from accordia.extract.pairs import PairCandidate

NONE = "none"
CLASSES: tuple[str, ...] = (NONE, "support", "oppose", "conditional", "undecided")
FORMAT = "accordia-stance-model/1"
#: Pooled readings below this calibrated probability are not kept at all (not even as unconfirmed).
KEEP_FLOOR = 0.2


@dataclass
class Decision:
    """The model's reading of one actor on one issue in one article."""

    actor: str
    issue: str
    stance: str
    confidence: float
    confirmed: bool
    best: PairCandidate
    scores: dict[str, float] = field(default_factory=dict)


@dataclass
class StanceModel:
    classes: tuple[str, ...]
    weights: dict[str, list[float]]
    intercept: list[float]
    calibration: tuple[float, float] = (1.0, 0.0)
    threshold: float = 0.5
    meta: dict[str, Any] = field(default_factory=dict)
    pair: dict[str, Any] | None = None  # the pooling layer: {"classes", "weights", "intercept"}

    def __post_init__(self) -> None:
        self._w = {k: np.asarray(v, dtype=np.float64) for k, v in self.weights.items()}
        self._b = np.asarray(self.intercept, dtype=np.float64)

    # ---- scoring -----------------------------------------------------------------------------
    def probabilities(self, features: dict[str, float]) -> dict[str, float]:
        z = self._b.copy()
        for name, value in features.items():
            w = self._w.get(name)
            if w is not None:
                z += value * w
        z -= z.max()
        p = np.exp(z)
        p /= p.sum()
        return dict(zip(self.classes, p.tolist(), strict=True))

    def calibrate(self, raw: float) -> float:
        a, b = self.calibration
        raw = min(max(raw, 1e-6), 1 - 1e-6)
        return 1.0 / (1.0 + math.exp(-(a * math.log(raw / (1 - raw)) + b)))

    def probabilities_many(self, many: list[dict[str, float]]) -> list[dict[str, float]]:
        return [self.probabilities(f) for f in many]

    def decide(self, candidates: list[PairCandidate], floor: float = KEEP_FLOOR) -> list[Decision]:
        """One decision per actor and issue. With a pair layer, the pooled view of all its sentences
        decides; without one, the stance whose best sentence scores highest, Platt-calibrated."""
        groups: dict[tuple[str, str], list[tuple[PairCandidate, dict[str, float]]]] = defaultdict(list)
        all_probs = self.probabilities_many([c.features for c in candidates]) if candidates else []
        for cand, probs in zip(candidates, all_probs, strict=True):
            groups[(cand.actor, cand.issue)].append((cand, probs))
        out: list[Decision] = []
        for (actor, issue), items in groups.items():
            best = best_by_stance(items)
            if not best:
                continue
            if self.pair is not None:
                probs = linear_probabilities(self.pair, pool_features(items))
                options = [s for s in probs if s != NONE and s in best]
                if not options:
                    continue
                stance = max(options, key=probs.__getitem__)
                conf = probs[stance]
            else:
                stance = max(best, key=lambda s: best[s][0])
                conf = self.calibrate(best[stance][0])
            if conf < floor:
                continue
            out.append(Decision(actor, issue, stance, round(conf, 3), conf >= self.threshold, best[stance][1],
                                {s: round(v[0], 4) for s, v in best.items()}))
        return out

    # ---- persistence -------------------------------------------------------------------------
    def to_json(self) -> dict[str, Any]:
        return {"format": FORMAT, "classes": list(self.classes), "intercept": self.intercept,
                "calibration": list(self.calibration), "threshold": self.threshold, "meta": self.meta,
                "weights": self.weights, "pair": self.pair}

    def save(self, path: str | Path) -> Path:
        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        data = json.dumps(self.to_json(), sort_keys=True, separators=(",", ":")).encode("utf-8")
        if path.suffix == ".gz":
            # no name and a fixed mtime in the header keep identical models byte-identical
            with open(path, "wb") as raw, gzip.GzipFile(filename="", fileobj=raw, mode="wb", mtime=0) as fh:
                fh.write(data)
        else:
            path.write_bytes(data)
        return path

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> StanceModel:
        if data.get("format") != FORMAT:
            raise ValueError(f"not a stance model file (format {data.get('format')!r}, expected {FORMAT!r})")
        classes = tuple(data["classes"])
        width = len(classes)
        weights = data["weights"]
        bad = [k for k, v in weights.items() if len(v) != width]
        if bad or len(data["intercept"]) != width:
            raise ValueError(f"stance model weights do not match its {width} classes (e.g. {bad[:2]})")
        cal = data.get("calibration", [1.0, 0.0])
        pair = data.get("pair")
        if pair is not None:
            n = len(pair.get("classes", []))
            if n < 2 or len(pair.get("intercept", [])) != n or any(len(v) != n for v in pair["weights"].values()):
                raise ValueError("stance model pair layer does not match its classes")
        return cls(classes, weights, list(data["intercept"]), (float(cal[0]), float(cal[1])),
                   float(data.get("threshold", 0.5)), dict(data.get("meta", {})), pair)

    @classmethod
    def load(cls, path: str | Path) -> StanceModel:
        path = Path(path)
        raw = path.read_bytes()
        if raw[:2] == b"\x1f\x8b":
            raw = gzip.decompress(raw)
        try:
            data = json.loads(raw)
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise ValueError(f"{path}: not a stance model file ({exc})") from exc
        return cls.from_json(data)


def best_by_stance(items: list[tuple[PairCandidate, dict[str, float]]]) -> dict[str, tuple[float, PairCandidate]]:
    """For each stance, its highest sentence probability and the candidate that has it."""
    best: dict[str, tuple[float, PairCandidate]] = {}
    for cand, probs in items:
        for stance, p in probs.items():
            if stance != NONE and (stance not in best or p > best[stance][0]):
                best[stance] = (p, cand)
    return best


def _bucket(n: int, edges: tuple[int, ...]) -> str:
    return next((f"<={e}" for e in edges if n <= e), "more")


def pool_features(items: list[tuple[PairCandidate, dict[str, float]]]) -> dict[str, float]:
    """What all of an article's sentences say about one actor and issue, for the pair layer: how
    strongly and how often each stance is read, by which route, and whether the rules agree."""
    f: dict[str, float] = {}
    sentences = {c.sentence.index for c, _ in items}
    f[f"sentences={_bucket(len(sentences), (1, 2, 4, 8))}"] = 1.0
    for stance in CLASSES[1:]:
        ps = sorted((p.get(stance, 0.0) for _, p in items), reverse=True)
        f[f"max|{stance}"] = ps[0]
        f[f"second|{stance}"] = ps[1] if len(ps) > 1 else 0.0
        f[f"argmax_count|{stance}"] = min(sum(1 for _, p in items if max(p, key=p.get) == stance), 5) / 5
    top_cand, top = max(items, key=lambda it: 1.0 - it[1].get(NONE, 0.0))
    f[f"top_via={top_cand.via}"] = 1.0
    f[f"top_from={top_cand.issue_from}"] = 1.0
    f["top_none"] = top.get(NONE, 0.0)
    for name, value in top_cand.features.items():
        if name.startswith(("article_rule=", "role=", "doc_mentions=", "issue=", "is_speaker", "rule_holder")) \
                and "|" not in name:
            f[f"top:{name}"] = value
    routes = {c.issue_from for c, _ in items}
    for route in ("sentence", "topic", "rule", "article"):
        if route in routes:
            f[f"has_from={route}"] = 1.0
    return f


def linear_probabilities(layer: dict[str, Any], features: dict[str, float]) -> dict[str, float]:
    classes = layer["classes"]
    z = np.asarray(layer["intercept"], dtype=np.float64).copy()
    weights = layer["weights"]
    for name, value in features.items():
        w = weights.get(name)
        if w is not None:
            z += value * np.asarray(w)
    z -= z.max()
    p = np.exp(z)
    p /= p.sum()
    return dict(zip(classes, p.tolist(), strict=True))


DEFAULT_MODEL = "stance-model.json.gz"


def default_model_path() -> Path:
    return Path(str(resources.files("accordia") / "data" / "models" / DEFAULT_MODEL))


def load_default_model() -> StanceModel | None:
    """``ACCORDIA_MODEL`` (a path, or ``none`` for the rules alone), else the shipped model; None when
    the package was built without one (the rules then decide)."""
    chosen = os.environ.get("ACCORDIA_MODEL", "").strip()
    if chosen.lower() == "none":
        return None
    path = Path(chosen) if chosen else default_model_path()
    if chosen and not path.exists():
        raise FileNotFoundError(f"ACCORDIA_MODEL={chosen}: no such model file")
    return StanceModel.load(path) if path.exists() else None
