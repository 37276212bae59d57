"""Extraction cost against bare spaCy on the same texts, in one process.

* baseline: the same spaCy English pipeline (no entity ruler, no rules, no model) over the texts;
* rules: ``Extractor(model=None)``, the parse plus every rule;
* full: ``Extractor()``, the rules plus the stance candidates and the trained model.

The texts are the development corpus (ours), repeated to ``--n`` articles; with ``--quick`` 60.
The issue's target is full/baseline <= 2.0.

Usage: python bench/bench_extract.py [--n 300] [--quick]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import spacy  # noqa: E402

from accordia.extract import Extractor  # noqa: E402
from accordia.extract.nlp import MODEL_NAME  # noqa: E402
from accordia.facts import Article  # noqa: E402

DEV = ROOT / "tests" / "data" / "dev"


def _texts(n: int) -> list[str]:
    base = [p.read_text(encoding="utf-8") for p in sorted(DEV.glob("d*.txt"))]
    return [base[i % len(base)] for i in range(n)]


def _time(fn) -> float:
    began = time.perf_counter()
    fn()
    return time.perf_counter() - began


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=300)
    parser.add_argument("--quick", action="store_true", help="60 articles, well under a minute")
    args = parser.parse_args()
    texts = _texts(60 if args.quick else args.n)
    bare = spacy.load(MODEL_NAME)
    rules = Extractor(model=None)
    full = Extractor()
    articles = [Article(text=t) for t in texts]
    # warm up each path once so loading costs stay out of the timings
    list(bare.pipe(texts[:2]))
    list(rules.pipe(articles[:2]))
    list(full.pipe(articles[:2]))
    t_bare = _time(lambda: list(bare.pipe(texts, batch_size=16)))
    t_rules = _time(lambda: list(rules.pipe(articles, batch_size=16)))
    t_full = _time(lambda: list(full.pipe(articles, batch_size=16)))
    n = len(texts)
    print(f"articles: {n}  (model: {'shipped' if full.model is not None else 'none found'})")
    print(f"baseline bare spaCy : {t_bare:7.2f} s  {n / t_bare:6.1f} articles/s")
    print(f"rules only          : {t_rules:7.2f} s  ratio {t_rules / t_bare:.2f}x")
    print(f"rules + stance model: {t_full:7.2f} s  ratio {t_full / t_bare:.2f}x  (target <= 2.00x)")


if __name__ == "__main__":
    main()
