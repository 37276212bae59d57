"""Parallel ingest (worker processes, one writer) must leave exactly the store one process leaves."""

from __future__ import annotations

import json
import shutil
from datetime import date
from pathlib import Path

import pytest

from accordia.api import Accordia
from accordia.ingest import ingest
from accordia.parallel import ExtractorSpec, ingest_parallel
from tests.scale.dump import dump, summary_lines

DEV = Path(__file__).resolve().parents[1] / "data" / "dev"
DAY = date(2025, 12, 31)


def corpus(folder: Path, count: int) -> Path:
    """``count`` development articles plus the awkward cases: an exact copy, a near-copy, a file
    that is not text, and a JSONL export whose articles are cut into chunks."""
    every = sorted(DEV.glob("d*.txt"))
    texts, extra = every[:count], every[count:count + 3]
    folder.mkdir()
    for file in texts:
        shutil.copy(file, folder / file.name)
    first = texts[0].read_text(encoding="utf-8")
    (folder / "zz-copy.txt").write_text(first, encoding="utf-8")
    (folder / "zz-near.txt").write_text(first.replace(" said ", " stated ", 1) + "\n\nUpdated.", encoding="utf-8")
    (folder / "zz-binary.txt").write_bytes(b"\x00\x01\x02 not text at all \x00")
    lines = [json.dumps({"text": t.read_text(encoding="utf-8"), "source": "Export", "published": f"2025-06-0{n}"})
             for n, t in enumerate(extra, start=1)]
    (folder / "zz-export.jsonl").write_text("\n".join([*lines, "{not json"]) + "\n", encoding="utf-8")
    return folder


def serial(folder: Path, db: Path):
    with Accordia.open(db) as kb:
        summary = ingest([folder], kb.store, kb.extractor, progress=False, batch_size=4, reference_date=DAY)
        return dump(kb.store), summary_lines(summary)


@pytest.mark.slow
def test_two_workers_store_equals_one_process(tmp_path):
    folder = corpus(tmp_path / "in", 24)
    one, one_summary = serial(folder, tmp_path / "one.db")
    with Accordia.open(tmp_path / "two.db") as kb:
        _ = kb.reference
        summary = ingest_parallel([folder], kb.store, workers=2, spec=ExtractorSpec(), batch_size=4,
                                  progress=False, reference_date=DAY)
        two = dump(kb.store)
    assert one_summary["ingested"] >= 27 and one_summary["joined"] and one_summary["failed"]
    assert summary_lines(summary) == one_summary
    for table in one:
        assert two[table] == one[table], f"{table} differs between one process and two workers"


@pytest.mark.slow
def test_dask_cluster_of_two_workers_equals_plain_ingest(tmp_path):
    pytest.importorskip("dask.distributed", reason="the dask extra is not installed (pip install 'accordia[dask]')")
    folder = corpus(tmp_path / "in", 5)
    one, one_summary = serial(folder, tmp_path / "one.db")
    with Accordia.open(tmp_path / "dask.db") as kb:
        _ = kb.reference
        summary = ingest_parallel([folder], kb.store, workers=2, engine="dask", batch_size=4, progress=False,
                                  reference_date=DAY)
        two = dump(kb.store)
    assert summary_lines(summary) == one_summary
    assert two == one


def test_unknown_engine_is_refused(tmp_path):
    from accordia.store.errors import AccordiaError

    with Accordia.open(tmp_path / "x.db") as kb, pytest.raises(AccordiaError, match="unknown engine"):
        ingest_parallel([tmp_path], kb.store, engine="spark", progress=False)
