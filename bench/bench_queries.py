"""Dashboard queries at archive scale: p50/p95 of the four reads analysts make all day.

1. positions of an issue as of a date   (``Accordia.positions(issue, as_of)``)
2. an actor profile as of a date        (``Accordia.actor(id, as_of)``)
3. changes in the day, and the week, before a date   (``Accordia.changes(since, as_of)``)
4. the evidence of one fact             (``Accordia.evidence("positions", key, as_of, limit=100)``)

Each runs ``--repeat`` times with random (seeded) issues, actors, dates and keys, through the
facade that the CLI and the REST API use. The baseline is the same run over a small synthetic store
(10,000 articles, generated here); the ratio is the large store's p95 over the baseline's.

Usage: python bench/bench_queries.py --db archive.db   (a store from bench/archive.py; SQLite or a
       postgresql:// URL)   |   python bench/bench_queries.py --quick   (10k vs 50k, generated here)
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.archive import DAYS, START, generate, make_world  # noqa: E402

QUERIES = ("positions", "actor", "changes-1d", "changes-7d", "evidence")


def _p(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def measure(target: str, repeat: int, seed: int = 3) -> dict[str, dict[str, float]]:
    """Milliseconds per query kind: p50, p95, max."""
    from accordia.api import Accordia

    world = make_world(7)
    rng = random.Random(seed)
    actors, issues = world.actors[:30], world.issues
    out: dict[str, dict[str, float]] = {}
    with Accordia.open(target) as kb:
        _ = kb.reference
        kb.positions(issue=issues[0], as_of=START + timedelta(days=400))  # warm the connection and caches
        for kind in QUERIES:
            times = []
            for _ in range(repeat):
                day = START + timedelta(days=rng.randrange(60, DAYS))
                started = time.perf_counter()
                if kind == "positions":
                    kb.positions(issue=rng.choice(issues), as_of=day)
                elif kind == "actor":
                    kb.actor(rng.choice(actors), as_of=day)
                elif kind.startswith("changes"):
                    kb.changes(since=day - timedelta(days=int(kind[-2])), as_of=day)
                else:
                    key = f"{rng.choice(actors)}|{rng.choice(issues)}|{rng.choice(('support', 'oppose'))}"
                    kb.evidence("positions", key, as_of=day, limit=100)
                times.append((time.perf_counter() - started) * 1000)
            out[kind] = {"p50": statistics.median(times), "p95": _p(times, 0.95), "max": max(times)}
        out["articles"] = {"count": kb.article_count()}
    return out


def _print(label: str, result: dict[str, dict[str, float]]) -> None:
    print(f"{label}: {result['articles']['count']:,} articles")
    for kind in QUERIES:
        r = result[kind]
        print(f"  {kind:<10} p50 {r['p50']:8.1f} ms   p95 {r['p95']:8.1f} ms   max {r['max']:8.1f} ms")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", help="the large store (default with --quick: 50k articles generated here)")
    parser.add_argument("--baseline-articles", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=60)
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args(argv)
    if not args.db and not args.quick:
        parser.error("give --db (a store from bench/archive.py) or --quick")
    with tempfile.TemporaryDirectory(prefix="accordia-bench-q-") as tmp:
        small = str(Path(tmp) / "small.db")
        generate(small, args.baseline_articles, quiet=True)
        big = args.db
        if big is None:
            big = str(Path(tmp) / "big.db")
            generate(big, 50_000, quiet=True)
        repeat = 20 if args.quick else args.repeat
        base = measure(small, repeat)
        _print("baseline", base)
        large = measure(big, repeat)
        _print("large store", large)
        for kind in QUERIES:
            print(f"ratio p95 large/baseline, {kind}: {large[kind]['p95'] / base[kind]['p95']:.2f}x")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

