"""Where extraction spends its time: a pyinstrument profile, summed by who owns each frame.

Extraction runs over N articles (the development corpus, replicated) with the model loaded
beforehand. Every sampled frame's own time is credited to spaCy (and its thinc/numpy stack), to
a trained model (scikit-learn and friends, if the extractor uses one), to one of our modules, or to
"other" (the standard library and the rest). The baseline is the time spent inside spaCy; the
ratio printed is the hottest spot outside spaCy and the model as a share of all time (the target
is under 10 %), by function and by module.

Usage: python bench/profile_extract.py [--n 60] [--html profile.html]  |  --quick (20 articles)
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

NLP = ("spacy", "thinc", "numpy", "cymem", "preshed", "murmurhash", "srsly", "blis", "catalogue")
MODEL = ("sklearn", "scipy", "joblib", "lightgbm", "xgboost", "onnxruntime", "torch")


def owner(path: str) -> str:
    """spaCy, trained model, accordia.<module>, lib:<package> or other, from a frame's file path
    (Cython frames report paths relative to their package, e.g. thinc/backends/numpy_ops.pyx)."""
    parts = Path(path or "").parts
    if "accordia" in parts and "site-packages" not in parts:
        return "accordia." + ".".join(parts[parts.index("accordia") + 1:]).removesuffix(".py")
    for part in parts:
        package = part.split(".")[0].split("-")[0]
        if package.startswith(NLP) or package.startswith("en_core"):
            return "spaCy"
        if package.startswith(MODEL):
            return "trained model"
    if "site-packages" in parts and parts.index("site-packages") + 1 < len(parts):
        return "lib:" + parts[parts.index("site-packages") + 1].split(".")[0]
    return "other"


UNATTRIBUTED = "no Python frame (C code resumed by spaCy's Cython pipe generators)"


def walk(frame, by_owner: Counter, by_function: Counter, inherited: str = "") -> None:
    """Credit each frame's own time to its owner. Frames with no file of their own (C functions,
    pyinstrument's synthetic [self] frames) and the standard library are the caller's work: a
    regex search run by our lexicon is the lexicon's time, a matrix product inside spaCy is spaCy's."""
    path = frame.file_path or ""
    known = not (frame.is_synthetic or not path or path.startswith("<"))
    who = owner(path) if known else "other"
    if who == "other" and inherited:
        who = inherited
    elif path == "<thread>" or (not inherited and not known):
        who = UNATTRIBUTED  # samples whose only frame is the thread itself
    own = frame.total_self_time
    by_owner[who] += own
    if who not in ("spaCy", "trained model", UNATTRIBUTED):
        by_function[f"{who}:{frame.function}"] += own
    for child in frame.children:
        walk(child, by_owner, by_function, who)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=60)
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--html", help="also write pyinstrument's HTML report here")
    args = parser.parse_args(argv)
    from pyinstrument import Profiler

    from accordia.extract import Extractor
    from bench.bench_ingest import make_articles

    n = 20 if args.quick else args.n
    extractor = Extractor()
    articles = list(make_articles(n))
    extractor(articles[0])  # warm: lazy tables and caches load outside the profile
    from accordia.extract.document import mask_dateline

    texts = [mask_dateline(a.text) for a in articles]
    started = time.perf_counter()
    for _ in extractor.nlp.pipe(texts, batch_size=16):
        pass
    parse_seconds = time.perf_counter() - started
    started = time.perf_counter()
    for _ in extractor.pipe(articles, batch_size=16):
        pass
    plain_seconds = time.perf_counter() - started
    profiler = Profiler(interval=0.001, async_mode="disabled")
    started = time.perf_counter()
    profiler.start()
    for facts in extractor.pipe(articles, batch_size=16):
        assert facts is not None
    profiler.stop()
    seconds = time.perf_counter() - started
    by_owner: Counter = Counter()
    by_function: Counter = Counter()
    walk(profiler.last_session.root_frame(), by_owner, by_function)
    total = sum(by_owner.values()) or 1.0
    print(f"profile_extract: {n} articles in {seconds:.1f} s ({n / seconds:.1f} articles/s)")
    print(f"baseline, spaCy's parse alone (no profiler): {parse_seconds:.1f} s of {plain_seconds:.1f} s "
          f"extraction = {parse_seconds / plain_seconds:.1%}")
    print(f"in the profile: spaCy frames {by_owner['spaCy'] / total:.1%}, trained model "
          f"{by_owner['trained model'] / total:.1%}, {UNATTRIBUTED} {by_owner[UNATTRIBUTED] / total:.1%}")
    print("by owner (own time):")
    for who, t in by_owner.most_common(12):
        print(f"  {t / total:6.1%}  {who}")
    print("hottest functions outside spaCy and the model (own time):")
    for name, t in by_function.most_common(10):
        print(f"  {t / total:6.1%}  {name}")
    outside = [(t, w) for w, t in by_owner.items() if w not in ("spaCy", "trained model", UNATTRIBUTED)]
    top_module = max(outside, default=(0.0, "-"))
    top_function = max(((t, f) for f, t in by_function.items()), default=(0.0, "-"))
    print(f"ratio, hottest module outside spaCy/model / all time: {top_module[0] / total:.1%} ({top_module[1]})")
    print(f"ratio, hottest function outside spaCy/model / all time: {top_function[0] / total:.1%} ({top_function[1]})")
    if args.html:
        Path(args.html).write_text(profiler.output_html(), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
