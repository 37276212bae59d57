"""Score predicted facts against gold annotations, with the development corpus's matching rules.

A fact matches on its key alone (positions: actor, issue, stance; commitments: actor, kind, issue;
red lines: actor, against; groups: group, member; decision rules: holder, rule; people: folded
surname, actor). Gold facts marked ``explicit: false`` are optional: finding one is not a false
positive, missing one is not a false negative. Counts are summed over articles (micro-average).
The printed tables follow the corpus scorer's layout so the two can be compared line by line.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

FACT_TYPES: tuple[str, ...] = ("positions", "commitments", "red_lines", "groups", "decision_rules", "people")
_SHORT = ("pos", "com", "red", "grp", "dec", "ppl", "all")
GOLD_SUFFIX, PRED_SUFFIX = ".gold.json", ".pred.json"


def _clean(value: Any) -> str:
    return "" if value is None else str(value).strip()


def fold_surname(name: Any) -> str:
    """Last word of a name without accents or case, and without a trailing run of i/y letters."""
    plain = unicodedata.normalize("NFKD", _clean(name)).encode("ascii", "ignore").decode()
    words = plain.lower().split()
    return re.sub(r"[iy]+$", "", words[-1]) if words else ""


def _fact_keys(doc: dict[str, Any], fact_type: str) -> Iterator[tuple[tuple[str, ...], bool]]:
    """(match key, required?) for each fact of one type in a gold or predicted document."""
    items = doc.get(fact_type) or []
    if not isinstance(items, list):
        return
    for fact in items:
        if not isinstance(fact, dict):
            continue
        required = fact.get("explicit", True) is not False
        get = fact.get
        if fact_type == "positions":
            yield (_clean(get("actor")), _clean(get("issue")), _clean(get("stance")).lower()), required
        elif fact_type == "commitments":
            yield (_clean(get("actor")), _clean(get("kind")).lower(), _clean(get("issue"))), required
        elif fact_type == "red_lines":
            yield (_clean(get("actor")), _clean(get("against"))), required
        elif fact_type == "groups":
            members = (get("members") or []) + (get("leads") or [])
            for member in members:
                yield (_clean(get("id")), _clean(member)), required
        elif fact_type == "decision_rules":
            yield (_clean(get("holder")), _clean(get("rule")).lower()), required
        elif fact_type == "people":
            yield (fold_surname(get("name")), _clean(get("actor"))), required


@dataclass
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, other: Counts) -> None:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn

    @property
    def empty(self) -> bool:
        return self.tp == self.fp == self.fn == 0

    def scores(self) -> tuple[float, float, float]:
        """Precision, recall, F1; an empty side counts as perfect only if the other is empty too."""
        precision = self.tp / (self.tp + self.fp) if self.tp + self.fp else (1.0 if self.fn == 0 else 0.0)
        recall = self.tp / (self.tp + self.fn) if self.tp + self.fn else (1.0 if self.fp == 0 else 0.0)
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        return precision, recall, f1


def score_document(gold: dict[str, Any], pred: dict[str, Any], fact_type: str) -> Counts:
    required, optional = set(), set()
    for key, is_required in _fact_keys(gold, fact_type):
        (required if is_required else optional).add(key)
    optional -= required
    predicted = {key for key, _ in _fact_keys(pred, fact_type)}
    return Counts(tp=len(predicted & required), fp=len(predicted - required - optional),
                  fn=len(required - predicted))


@dataclass
class ArticleScore:
    name: str
    by_type: dict[str, Counts]

    def total(self) -> Counts:
        out = Counts()
        for counts in self.by_type.values():
            out.add(counts)
        return out


@dataclass
class Evaluation:
    articles: list[ArticleScore] = field(default_factory=list)
    missing: int = 0

    def totals(self) -> dict[str, Counts]:
        out = {t: Counts() for t in FACT_TYPES}
        for article in self.articles:
            for t in FACT_TYPES:
                out[t].add(article.by_type[t])
        return out

    def f1(self, fact_type: str | None = None) -> float:
        totals = self.totals()
        if fact_type is not None:
            return totals[fact_type].scores()[2]
        overall = Counts()
        for counts in totals.values():
            overall.add(counts)
        return overall.scores()[2]


def _load(path: Path, warnings: list[str]) -> dict[str, Any]:
    """A JSON object from ``path``; a missing file is an empty document, a broken one too (with a warning)."""
    try:
        doc = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}
    except (OSError, ValueError) as exc:
        warnings.append(f"warning: cannot read {path}: {exc}")
        return {}
    return doc if isinstance(doc, dict) else {}


def evaluate_dirs(gold_dir: str | Path, pred_dir: str | Path,
                  warnings: list[str] | None = None) -> Evaluation:
    """Score every ``NAME.gold.json`` in ``gold_dir`` against ``NAME.pred.json`` in ``pred_dir``."""
    gold_dir, pred_dir = Path(gold_dir), Path(pred_dir)
    warnings = warnings if warnings is not None else []
    if not gold_dir.is_dir():
        raise FileNotFoundError(f"gold folder {gold_dir} does not exist")
    names = sorted(p.name[:-len(GOLD_SUFFIX)] for p in gold_dir.iterdir() if p.name.endswith(GOLD_SUFFIX))
    if not names:
        raise FileNotFoundError(f"no *{GOLD_SUFFIX} files in {gold_dir}")
    evaluation = Evaluation()
    for name in names:
        gold = _load(gold_dir / f"{name}{GOLD_SUFFIX}", warnings)
        pred_path = pred_dir / f"{name}{PRED_SUFFIX}"
        if not pred_path.exists():
            evaluation.missing += 1
        pred = _load(pred_path, warnings)
        evaluation.articles.append(ArticleScore(name, {t: score_document(gold, pred, t) for t in FACT_TYPES}))
    return evaluation


def _cell(counts: Counts) -> str:
    return f"{'-':>7}" if counts.empty else f"{counts.scores()[2]:>7.3f}"


def format_evaluation(evaluation: Evaluation) -> str:
    """The per-article F1 table, the per-type P/R/F1 table and the one-line summary."""
    lines = ["Per article F1 ('-' = no gold and no predicted facts of that type)",
             f"{'article':<14}" + "".join(f"{s:>7}" for s in _SHORT)]
    for article in evaluation.articles:
        cells = [article.by_type[t] for t in FACT_TYPES] + [article.total()]
        lines.append(f"{article.name:<14}" + "".join(_cell(c) for c in cells))
    if evaluation.missing:
        lines.append(f"({evaluation.missing} article(s) had no prediction file and were scored as empty)")
    lines.append("")
    lines.append(f"{'fact type':<16}{'P':>7}{'R':>7}{'F1':>7}{'TP':>6}{'FP':>6}{'FN':>6}")
    overall = Counts()
    for fact_type, counts in evaluation.totals().items():
        overall.add(counts)
        p, r, f = counts.scores()
        lines.append(f"{fact_type:<16}{p:>7.3f}{r:>7.3f}{f:>7.3f}{counts.tp:>6}{counts.fp:>6}{counts.fn:>6}")
    p, r, f = overall.scores()
    lines.append(f"{'overall':<16}{p:>7.3f}{r:>7.3f}{f:>7.3f}{overall.tp:>6}{overall.fp:>6}{overall.fn:>6}")
    lines.append(f"positions_f1={evaluation.f1('positions'):.3f} "
                 f"commitments_f1={evaluation.f1('commitments'):.3f} overall_f1={f:.3f}")
    return "\n".join(lines)
