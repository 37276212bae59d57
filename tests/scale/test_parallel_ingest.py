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
    that is not text, a JSONL export whose articles are cut into chunks, and the files a folder
    walk leaves unread (the folder's README, a hidden file and folder, a gold annotation)."""
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
    (folder / "README.md").write_text("What these files are and where they came from.\n", encoding="utf-8")
    (folder / ".notes.txt").write_text("A note to self, not an article.\n", encoding="utf-8")
    (folder / ".cache").mkdir()
    (folder / ".cache" / "x.txt").write_text(first, encoding="utf-8")
    (folder / "zz-export.gold.json").write_text("{}", encoding="utf-8")
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
    unread = {Path(row["path"]).name for row in one_summary["skipped"] if "NotAnArticle" in row["reason"]}
    assert unread == {"README.md", ".notes.txt", ".cache", "zz-export.gold.json"}
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


@pytest.mark.slow
def test_parallel_cli_ingest_reports_every_skip_and_exits_3_on_a_failure(tmp_path, monkeypatch):
    from typer.testing import CliRunner

    from accordia import cli
    from accordia.cli import EXIT_PARTIAL, app

    monkeypatch.setattr(cli.out, "width", 400)  # long temporary paths on one line each

    folder = corpus(tmp_path / "in", 6)
    result = CliRunner().invoke(app, ["--db", str(tmp_path / "kb.db"), "ingest", str(folder), "--workers", "2",
                                      "--no-progress", "--reference-date", DAY.isoformat()])
    assert result.exit_code == EXIT_PARTIAL, result.output
    assert "input(s) failed" in result.stderr
    for name in ("zz-binary.txt", "README.md", ".notes.txt", ".cache", "zz-export.gold.json"):
        assert name in result.stdout, f"{name} is not reported"


def test_worker_spec_takes_the_model_choice_of_this_process(tmp_path, monkeypatch):
    from accordia.store.errors import AccordiaError

    monkeypatch.delenv("ACCORDIA_MODEL", raising=False)
    assert ExtractorSpec.chosen(codebook="cb.yaml") == ExtractorSpec(codebook="cb.yaml", model="default")
    monkeypatch.setenv("ACCORDIA_MODEL", "none")
    assert ExtractorSpec.chosen().model is None
    model = tmp_path / "trained.json"
    model.write_text("{}", encoding="utf-8")
    monkeypatch.setenv("ACCORDIA_MODEL", str(model))
    assert ExtractorSpec.chosen().model == str(model.resolve())
    monkeypatch.setenv("ACCORDIA_MODEL", str(tmp_path / "missing.json"))
    with pytest.raises(AccordiaError, match="no such model file"):
        ExtractorSpec.chosen()
