"""Commands that read leave databases alone; ``check`` and ``migrate``; ingest's exit status on failures."""

from __future__ import annotations

import hashlib
import json
import sqlite3
from pathlib import Path

import pytest
import sqlalchemy as sa
from typer.testing import CliRunner

from accordia.api import Accordia
from accordia.cli import EXIT_PARTIAL, app
from accordia.store import Store
from accordia.store.engine import make_engine, resolve_url
from accordia.store.migrations import LATEST_VERSION, upgrade
from tests.store.helpers import KeywordExtractor, fake_reference, stance_text

runner = CliRunner()
READ_COMMANDS = (["report"], ["changes", "--since", "2025-01-01"], ["actor", "FRA"], ["analyse", "collisions"],
                 ["export", "--format", "jsonl", "--out", "facts.jsonl"], ["check"])


@pytest.fixture(autouse=True)
def light_facade(monkeypatch) -> None:
    real_open = Accordia.open.__func__

    def open_light(cls, target=None, create=True, **_kwargs):
        return real_open(cls, target, reference=fake_reference(), extractor=KeywordExtractor(), create=create)

    monkeypatch.setattr(Accordia, "open", classmethod(open_light))
    monkeypatch.delenv("ACCORDIA_DB", raising=False)


def _run(*args: str):
    return runner.invoke(app, list(args))


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def foreign_db(tmp_path) -> Path:
    """Another program's SQLite file, in the default rollback-journal mode."""
    path = tmp_path / "other-app.db"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT)")
        conn.execute("INSERT INTO users (name) VALUES ('ada')")
    return path


@pytest.mark.parametrize("command", READ_COMMANDS, ids=lambda c: c[0])
def test_read_commands_refuse_another_programs_database(foreign_db, command, tmp_path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    before = _digest(foreign_db)
    result = _run("--db", str(foreign_db), *command)
    assert result.exit_code == 1, result.output
    assert "not an Accordia store" in result.stderr and "users" in result.stderr
    assert _digest(foreign_db) == before
    with sqlite3.connect(foreign_db) as conn:
        assert [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")] == ["users"]
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    assert not Path(f"{foreign_db}-wal").exists()


def test_ingest_refuses_another_programs_database(foreign_db, tmp_path) -> None:
    doc = tmp_path / "a.txt"
    doc.write_text(stance_text("France supports the ceasefire."), encoding="utf-8")
    before = _digest(foreign_db)
    result = _run("--db", str(foreign_db), "ingest", str(doc), "--no-progress")
    assert result.exit_code == 1 and "not an Accordia store" in result.stderr
    assert _digest(foreign_db) == before


@pytest.mark.parametrize("command", READ_COMMANDS, ids=lambda c: c[0])
def test_read_commands_never_create_a_store(command, tmp_path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    missing = tmp_path / "mistyped.db"
    result = _run("--db", str(missing), *command)
    assert result.exit_code == 1 and "no knowledge base at" in result.stderr
    assert not missing.exists()
    empty = tmp_path / "empty.db"
    empty.touch()
    result = _run("--db", str(empty), *command)
    assert result.exit_code == 1 and "empty file" in result.stderr
    assert empty.stat().st_size == 0


def test_read_commands_do_not_migrate_an_older_store(tmp_path) -> None:
    path = tmp_path / "old.db"
    engine = make_engine(resolve_url(str(path)))
    upgrade(engine, target=1)
    engine.dispose()
    result = _run("--db", str(path), "report")
    assert result.exit_code == 1 and "accordia migrate" in result.stderr
    with sqlite3.connect(path) as conn:
        assert conn.execute("SELECT max(version) FROM schema_version").fetchone()[0] == 1
    checked = _run("--db", str(path), "check", "--format", "json")
    assert checked.exit_code == EXIT_PARTIAL
    assert json.loads(checked.stdout)["schema_version"] == 1
    assert _run("--db", str(path), "migrate").exit_code == 0
    assert _run("--db", str(path), "report").exit_code == 0


def test_a_reader_writes_nothing_to_an_accordia_store(tmp_path) -> None:
    path = tmp_path / "kb.db"
    Store.open(str(path)).close()
    before = _digest(path)
    assert _run("--db", str(path), "report").exit_code == 0
    assert _digest(path) == before  # not even the reference tables are filled in


def test_ingest_exits_3_when_any_input_failed(tmp_path) -> None:
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "good.txt").write_text(stance_text("France supports the ceasefire."), encoding="utf-8")
    (folder / "broken.json").write_text('{"text": "France', encoding="utf-8")
    result = _run("--db", str(tmp_path / "kb.db"), "ingest", str(folder), "--no-progress")
    assert result.exit_code == EXIT_PARTIAL, result.output
    assert "1 input(s) failed" in result.stderr
    assert "broken.json" in result.stdout and "input(s) failed" in result.stdout
    clean = _run("--db", str(tmp_path / "kb.db"), "ingest", str(folder / "good.txt"), "--no-progress")
    assert clean.exit_code == 0, clean.output  # a duplicate is skipped, not failed


def _damage(path: Path) -> None:
    """Break the store the ways check must notice: a dangling fact and a shifted evidence span."""
    engine = sa.create_engine(f"sqlite:///{path}")
    with engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA foreign_keys=OFF")
        conn.exec_driver_sql('UPDATE evidence SET start = start + 3')
        conn.exec_driver_sql("UPDATE positions SET article_id = 'gone' WHERE id = 1")
        conn.exec_driver_sql("UPDATE stories SET source_count = 5")
        conn.commit()
    engine.dispose()


def test_check_passes_a_whole_store_and_names_what_is_broken(tmp_path) -> None:
    db = tmp_path / "kb.db"
    doc = tmp_path / "a.txt"
    doc.write_text(stance_text("France supports the ceasefire.", "Poland opposes the reassurance force."),
                   encoding="utf-8")
    assert _run("--db", str(db), "ingest", str(doc), "--no-progress").exit_code == 0
    good = _run("--db", str(db), "check")
    assert good.exit_code == 0, good.output
    assert "all passed" in good.stdout and f"schema version {LATEST_VERSION}" in good.stdout
    _damage(db)
    bad = _run("--db", str(db), "check", "--format", "json")
    assert bad.exit_code == EXIT_PARTIAL
    problems = {f["check"] for f in json.loads(bad.stdout)["findings"] if f["status"] == "problem"}
    assert problems == {"evidence offsets", "positions.article_id -> articles", "story source counts",
                        "positions: evidence from its own article"}
