"""REST latency under concurrency: the dashboard's endpoints with 1 client (baseline) and 16.

A server (``accordia serve``) runs on loopback in a child process over the given store; each client
sends a fixed number of requests (a bounded run), cycling through the calls the dashboard makes:
positions of an issue, the map, an actor profile, changes of the last week, an article opened at
its evidence, and a static script. Latencies are client-side wall times; the ratio is the 16-client
p95 over the 1-client p95.

Usage: python bench/bench_serve.py --db archive.db [--clients 16] [--requests 25]  |  --quick
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.archive import DAYS, START, generate, make_world  # noqa: E402


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _article_ids(db: str, n: int) -> list[str]:
    from accordia.store import Store

    with Store.open(db) as store, store.engine.connect() as conn:
        rows = conn.exec_driver_sql(f"SELECT article_id FROM positions ORDER BY id DESC LIMIT {n}").all()
    return [r[0] for r in rows]


def _calls(db: str, seed: int = 5) -> list[tuple[str, str]]:
    world = make_world(7)
    rng = random.Random(seed)
    ids = _article_ids(db, 50)
    calls = []
    for _ in range(60):
        day = START + timedelta(days=rng.randrange(60, DAYS))
        issue, actor = rng.choice(world.issues[:8]), rng.choice(world.actors[:20])
        calls += [("positions", f"/api/positions?issue={issue}&as_of={day}"),
                  ("map", f"/api/map?issue={issue}&as_of={day}"),
                  ("actor", f"/api/actors/{actor}?as_of={day}"),
                  ("changes", f"/api/changes?since={day - timedelta(days=1)}&as_of={day}"),
                  ("article", f"/api/articles/{rng.choice(ids)}"),
                  ("static", "/static/app.js")]
    return calls


async def _run(base: str, calls: list[tuple[str, str]], clients: int, per_client: int) -> dict[str, list[float]]:
    import httpx

    times: dict[str, list[float]] = {}
    async with httpx.AsyncClient(base_url=base, timeout=120) as client:
        async def one(worker: int) -> None:
            for n in range(per_client):
                kind, url = calls[(worker * 7 + n) % len(calls)]
                started = time.perf_counter()
                response = await client.get(url)
                if response.status_code != 200:
                    raise RuntimeError(f"{url}: {response.status_code} {response.text[:200]}")
                times.setdefault(kind, []).append((time.perf_counter() - started) * 1000)

        await asyncio.gather(*(one(w) for w in range(clients)))
    return times


def _p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(0.95 * (len(ordered) - 1))))]


def _report(label: str, times: dict[str, list[float]], seconds: float) -> float:
    every = [t for ts in times.values() for t in ts]
    print(f"{label}: {len(every)} requests in {seconds:.1f} s ({len(every) / seconds:.1f}/s), "
          f"p50 {statistics.median(every):.1f} ms, p95 {_p95(every):.1f} ms")
    for kind, ts in sorted(times.items()):
        print(f"    {kind:<10} n={len(ts):4d}  p50 {statistics.median(ts):8.1f} ms  p95 {_p95(ts):8.1f} ms")
    return _p95(every)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", help="the store to serve (default with --quick: 10k articles generated here)")
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--requests", type=int, default=25, help="requests per client")
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args(argv)
    if not args.db and not args.quick:
        parser.error("give --db or --quick")
    with tempfile.TemporaryDirectory(prefix="accordia-bench-serve-") as tmp:
        db = args.db or str(Path(tmp) / "small.db")
        if not args.db:
            generate(db, 10_000, quiet=True)
        port = _free_port()
        server = subprocess.Popen([sys.executable, "-m", "accordia.cli", "--db", db, "serve", "--port", str(port)],
                                  stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env={**os.environ})
        try:
            base = f"http://127.0.0.1:{port}"
            _wait(base, server)
            calls = _calls(db)
            asyncio.run(_run(base, calls, 2, 6))  # warm caches and connections
            per = 8 if args.quick else args.requests
            started = time.perf_counter()
            one = _report("baseline, 1 client", asyncio.run(_run(base, calls, 1, per * 2)),
                          time.perf_counter() - started)
            started = time.perf_counter()
            many = _report(f"{args.clients} clients", asyncio.run(_run(base, calls, args.clients, per)),
                           time.perf_counter() - started)
            print(f"ratio p95 {args.clients} clients / 1 client: {many / one:.2f}x")
        finally:
            server.terminate()
            server.wait(timeout=30)
    return 0


def _wait(base: str, server: subprocess.Popen) -> None:
    import httpx

    for _ in range(600):
        if server.poll() is not None:
            raise SystemExit(f"the server stopped: {server.stderr.read().decode()[-800:] if server.stderr else ''}")
        try:
            if httpx.get(base + "/api/health", timeout=30).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    raise SystemExit("the server did not start")


if __name__ == "__main__":
    raise SystemExit(main())
