"""What the reviewed view costs: the same queries in the reviewed view and in the raw view, same run.

A store of N synthetic articles (each with a few positions, some unconfirmed, near-duplicate-free) is
queried before any decision (the reviewed view then costs nothing: the store skips its filters), then
gets R analyst decisions (rejects and corrections), and ``snapshot``, ``positions`` and ``changes`` run
in both views. The ratio reviewed/raw is the price of applying decisions as filters.

Usage: python bench/bench_views.py [--n 2000] [--reviews 200] [--repeat 3]
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from accordia.facts import Article, ArticleFacts, Evidence, Position  # noqa: E402
from accordia.store import Store  # noqa: E402
from accordia.store.view import View  # noqa: E402

ACTORS = [f"A{i:02d}" for i in range(40)]
ISSUES = [f"issue-{i}" for i in range(8)]
STANCES = ["support", "oppose", "conditional", "undecided"]


def build(store: Store, n: int, rng: random.Random) -> None:
    start = date(2025, 1, 1)
    for i in range(n):
        words = " ".join(rng.choice(["talks", "force", "plan", "troops", "aid", "loan", "border", "vote"])
                         for _ in range(60))
        text = f"Report {i}: {words}. The minister spoke at length."
        article = Article(text=text, published=start + timedelta(days=i % 365))
        positions = []
        for k in range(3):
            ev = Evidence(sentence=text[:40], start=0, end=40, rule="bench", confidence=rng.random(),
                          confirmed=rng.random() > 0.2)
            positions.append(Position(rng.choice(ACTORS), rng.choice(ISSUES), rng.choice(STANCES), evidence=ev,
                                      speaker=str(k)))
        store.write(article, ArticleFacts(article_id=article.id, positions=positions))


def timed(fn, repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        began = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - began)
    return best


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=2000)
    parser.add_argument("--reviews", type=int, default=200)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    rng = random.Random(7)
    with tempfile.TemporaryDirectory() as folder:
        store = Store.open(str(Path(folder) / "bench.db"))
        build(store, args.n, rng)
        since = date(2025, 6, 1)
        before = {"snapshot_s": timed(lambda: store.snapshot(), args.repeat),
                  "positions_s": timed(lambda: store.positions(), args.repeat),
                  "changes_s": timed(lambda: store.changes(since), args.repeat)}
        ids = list(range(1, store.counts()["positions"] + 1))
        for fact_id in rng.sample(ids, min(args.reviews, len(ids))):
            if rng.random() < 0.5:
                store.review("reject", "positions", fact_id)
            else:
                store.review("correct", "positions", fact_id, changes={"stance": rng.choice(STANCES)})
        views = {"raw": View(reviewed=False), "reviewed": View()}
        out: dict[str, dict[str, float]] = {}
        for name, view in views.items():
            out[name] = {
                "snapshot_s": timed(lambda v=view: store.snapshot(view=v), args.repeat),
                "positions_s": timed(lambda v=view: store.positions(view=v), args.repeat),
                "changes_s": timed(lambda v=view: store.changes(since, view=v), args.repeat),
            }
        store.close()
    ratios = {key: round(out["reviewed"][key] / out["raw"][key], 2) for key in out["raw"]}
    untouched = {key: round(before[key] / out["raw"][key], 2) for key in out["raw"]}
    print(json.dumps({"articles": args.n, "reviews": args.reviews, "seconds": out,
                      "seconds_before_any_review": before, "reviewed_over_raw": ratios,
                      "no_reviews_over_raw": untouched}, indent=2))


if __name__ == "__main__":
    main()
