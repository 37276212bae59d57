"""Run ``accordia ingest`` in this process and report its peak memory (``python -m tests.extract.memory_probe``).

A watchdog thread ends the process as soon as its resident memory passes the limit, so a regression
fails in seconds instead of pushing the machine into swap. Prints one JSON line.
"""

from __future__ import annotations

import json
import os
import resource
import sys
import threading
import time


def resident_mb() -> float:
    with open("/proc/self/statm", encoding="ascii") as fh:
        pages = int(fh.read().split()[1])
    return pages * os.sysconf("SC_PAGE_SIZE") / 2**20


def watch(limit_mb: float) -> None:
    while True:
        now = resident_mb()
        if now > limit_mb:
            print(json.dumps({"exceeded_mb": round(now), "limit_mb": limit_mb}), flush=True)
            os._exit(70)
        time.sleep(0.05)


def main(argv: list[str]) -> int:
    limit_mb, args = float(argv[0]), argv[1:]
    threading.Thread(target=watch, args=(limit_mb,), daemon=True).start()
    from accordia.cli import app

    started = time.perf_counter()
    try:
        app(args, standalone_mode=False)
        code = 0
    except SystemExit as exc:
        code = int(exc.code or 0)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"exit": code, "peak_mb": round(peak), "seconds": round(time.perf_counter() - started, 1)}),
          flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
