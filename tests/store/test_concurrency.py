"""Several processes writing one store at once: nothing lost, no failed open, copies still grouped.

These run real operating-system processes, because the faults they guard against (a SQLite write
lock refused instead of awaited, two first opens migrating at once, a near-duplicate index blind to
what other processes stored) only happen between processes.
"""

from __future__ import annotations

import json
import random
import subprocess
import sys
import time
from pathlib import Path

from accordia.store import Store

ROOT = Path(__file__).resolve().parents[2]
VOCABULARY = (
    "allies talks border troops summit budget envoy treaty sanctions grain port convoy pledge "
    "parliament minister capital frontier reserve harbour patrol airspace mission mandate council "
    "referendum statement corridor guarantee observers monitors deadline ceasefire vote coalition "
    "delegation agenda draft proposal amendment funding reserves logistics depot training pilots "
    "frigates drones radar shipping insurance exports tariffs loans assets courts judges press "
    "rally protest election cabinet spokesman agency briefing evening morning week month year"
).split()


def story_text(story: int, copy: int, words: int = 200) -> str:
    """A report of ``words`` random words; copies of one story differ by a single word."""
    rng = random.Random(story)
    body = [rng.choice(VOCABULARY) for _ in range(words)]
    if copy:
        body[20 + 7 * copy] = f"variant{copy}"
    return f"France supports the reassurance force in report {story}. " + " ".join(body) + "."


def start(mode: str, db: str, go: Path, texts: list[str] | None = None, ready: Path | None = None,
          tmp: Path | None = None, name: str = "") -> subprocess.Popen:
    args = [sys.executable, "-m", "tests.store.writer_process", mode, db, str(go)]
    if texts is not None:
        assert tmp is not None
        spec = tmp / f"{name}.json"
        spec.write_text(json.dumps(texts), encoding="utf-8")
        args.append(str(spec))
        if ready is not None:
            args.append(str(ready))
    return subprocess.Popen(args, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def finish(process: subprocess.Popen) -> dict:
    stdout, stderr = process.communicate(timeout=300)
    assert process.returncode in (0, 1), stderr
    return json.loads(stdout.strip().splitlines()[-1])


def wait_for(path: Path) -> None:
    deadline = time.monotonic() + 120
    while not path.exists():
        assert time.monotonic() < deadline, f"{path} never appeared"
        time.sleep(0.01)


def test_three_writers_lose_nothing(tmp_path) -> None:
    db, go = str(tmp_path / "kb.db"), tmp_path / "go"
    Store.open(db).close()
    per_process = 200
    texts = [[story_text(1000 * p + n, 0, words=40) for n in range(per_process)] for p in range(3)]
    processes = [start("write", db, go, texts[p], tmp=tmp_path, name=f"w{p}") for p in range(3)]
    go.touch()
    outcomes = [finish(p) for p in processes]
    assert [o["failed"] for o in outcomes] == [[], [], []]
    assert sum(o["stored"] for o in outcomes) == 3 * per_process
    with Store.open(db) as store:
        counts = store.counts()
    assert counts["articles"] == 3 * per_process
    assert counts["positions"] == 3 * per_process


def test_first_opens_of_a_new_store_do_not_race(store_url, tmp_path) -> None:
    go = tmp_path / "go"
    processes = [start("open", store_url, go) for _ in range(4)]
    go.touch()
    outcomes = [finish(p) for p in processes]
    assert [o["failed"] for o in outcomes] == [[]] * 4
    with Store.open(store_url) as store:
        assert store.counts()["articles"] == 0


def test_parallel_writers_group_copies_as_one_run_would(store_url, tmp_path) -> None:
    stories = 30
    go = tmp_path / "go"
    Store.open(store_url).close()
    # process p writes copy p of every story, in the same order, so copies arrive side by side
    processes = [start("write", store_url, go, [story_text(s, p) for s in range(stories)],
                       tmp=tmp_path, name=f"copy{p}") for p in range(3)]
    go.touch()
    outcomes = [finish(p) for p in processes]
    assert [o["failed"] for o in outcomes] == [[], [], []]
    with Store.open(store_url) as store:
        counts = store.counts()
    assert counts["articles"] == 3 * stories
    assert counts["stories"] == stories


def test_index_sees_articles_another_process_wrote_after_it_loaded(store_url, tmp_path) -> None:
    late_go, early_go, ready = tmp_path / "late-go", tmp_path / "early-go", tmp_path / "ready"
    Store.open(store_url).close()
    late = start("write", store_url, late_go, [story_text(7, 1)], ready=ready, tmp=tmp_path, name="late")
    wait_for(ready)  # the late writer has loaded its index from the empty store
    early = start("write", store_url, early_go, [story_text(7, 0)], tmp=tmp_path, name="early")
    early_go.touch()
    assert finish(early)["stored"] == 1
    late_go.touch()
    outcome = finish(late)
    assert outcome["failed"] == []
    assert outcome["joined"] == 1, outcome

