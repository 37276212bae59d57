"""Parallel ingest: the same N article files ingested by one process (baseline) and by W workers.

Both runs read the same files from disk through the command line's code paths (``accordia.ingest``
for one process, ``accordia.parallel`` for workers), each in a child process of its own so that
its peak memory (the writer, and the largest worker) is measured alone. The stores are compared
afterwards (row counts per table), and the ratio is baseline seconds / parallel seconds.

Usage: python bench/bench_parallel.py [--n 2000] [--workers 2] [--quick]
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
DAY = date(2025, 12, 31)


def write_files(n: int, folder: Path) -> None:
    from bench.bench_ingest import make_articles

    for article in make_articles(n):
        name = Path(article.path).name
        head = f"{article.published:%B %-d, %Y} ({article.source}) - "
        (folder / name).write_text(head + article.text, encoding="utf-8")


def run_one(folder: Path, db: Path, workers: int) -> dict:
    """One timed ingest in this process; returns seconds, counts and peak memory."""
    from accordia.api import Accordia

    with Accordia.open(db) as kb:
        started = time.perf_counter()
        if workers == 1:
            from accordia.ingest import ingest

            summary = ingest([folder], kb.store, kb.extractor, progress=False, reference_date=DAY)
        else:
            from accordia.parallel import ingest_parallel

            _ = kb.reference
            summary = ingest_parallel([folder], kb.store, workers=workers, progress=False, reference_date=DAY)
        seconds = time.perf_counter() - started
        counts = kb.store.counts()
    return {"seconds": seconds, "ingested": summary.ingested, "failed": len(summary.failed),
            "counts": counts,
            "writer_peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
            "largest_worker_peak_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024}


def _child(folder: Path, db: Path, workers: int) -> dict:
    out = subprocess.run([sys.executable, __file__, "--child", str(folder), str(db), str(workers)],
                         capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=2000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--quick", action="store_true", help="60 articles: a smoke run under a minute")
    parser.add_argument("--child", nargs=3, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        folder, db, workers = args.child
        print(json.dumps(run_one(Path(folder), Path(db), int(workers)), default=str))
        return 0
    n = 60 if args.quick else args.n
    with tempfile.TemporaryDirectory(prefix="accordia-bench-par-") as tmp:
        folder = Path(tmp) / "articles"
        folder.mkdir()
        write_files(n, folder)
        print(f"bench_parallel: {n} article files, 1 process vs {args.workers} workers (+1 writer)")
        base = _child(folder, Path(tmp) / "one.db", 1)
        print(f"baseline, 1 process : {base['seconds']:8.2f} s  {n / base['seconds']:7.1f} articles/s  "
              f"peak RSS {base['writer_peak_mb']:.0f} MB")
        par = _child(folder, Path(tmp) / "many.db", args.workers)
        print(f"{args.workers} workers          : {par['seconds']:8.2f} s  {n / par['seconds']:7.1f} articles/s  "
              f"peak RSS writer {par['writer_peak_mb']:.0f} MB, largest worker {par['largest_worker_peak_mb']:.0f} MB")
        same = base["counts"] == par["counts"]
        print(f"stores equal (row counts per table): {same}")
        print(f"ratio (1-process seconds / {args.workers}-worker seconds): {base['seconds'] / par['seconds']:.2f}x")
    return 0 if same else 1


if __name__ == "__main__":
    raise SystemExit(main())
