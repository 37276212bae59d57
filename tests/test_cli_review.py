"""The analyst's loop in a terminal: queue, reject/correct/undo by handle, listings, near-miss names."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.test_cli import _run, db, docs, light_facade  # noqa: F401 - fixtures shared with the CLI tests


def _poland(path: str, *extra: str) -> dict:
    result = _run("report", "--db", path, "--format", "json", *extra)
    assert result.exit_code == 0, result.output
    return next(p for p in json.loads(result.stdout)["positions"] if p["actor"] == "POL")


def test_reject_then_raw_then_undo(db: str) -> None:  # noqa: F811
    entry = _poland(db)
    assert entry["stance"] == "support" and entry["status"] == "confirmed"
    result = _run("review", "reject", entry["fact"], "--db", db, "--by", "ana", "--comment", "copy error")
    assert result.exit_code == 0, result.output
    assert _poland(db)["stance"] == "oppose", "the earlier reading stands once the later one is rejected"
    raw = _poland(db, "--raw")
    assert raw["stance"] == "support" and raw["status"] == "rejected"
    shown = _run("review", "show", entry["fact"], "--db", db, "--json")
    decision = json.loads(shown.stdout)["decisions"][0]
    assert decision["reviewer"] == "ana" and decision["comment"] == "copy error"
    assert _run("review", "undo", entry["fact"], "--db", db).exit_code == 0
    assert _poland(db)["stance"] == "support"


def test_correct_keeps_the_original_and_feeds_changes(db: str) -> None:  # noqa: F811
    entry = _poland(db)
    result = _run("review", "correct", entry["fact"], "--stance", "conditional", "--db", db)
    assert result.exit_code == 0, result.output
    corrected = _poland(db)
    assert corrected["stance"] == "conditional" and corrected["status"] == "corrected"
    changes = json.loads(_run("changes", "--since", "2025-03-05", "--db", db, "--format", "json").stdout)
    assert [(c["actor"], c["after_stance"], c["kind"]) for c in changes["changes"]
            if c["actor"] == "POL"] == [("POL", "conditional", "reversal")]
    bad = _run("review", "correct", entry["fact"], "--stance", "maybe", "--db", db)
    assert bad.exit_code == 1 and "stance must be one of" in bad.output


def test_queue_lists_handles_and_export_gold_writes_reviewed_articles(db: str, tmp_path: Path) -> None:  # noqa: F811
    queue = json.loads(_run("review", "--json", "--db", db).stdout)
    assert queue and all(item["fact"].count(":") == 1 for item in queue)
    nothing = _run("export", "--format", "gold", "--out", str(tmp_path / "gold"), "--db", db)
    assert nothing.exit_code == 1 and "no article has been reviewed" in nothing.output
    _run("review", "accept", queue[0]["fact"], "--db", db)
    assert _run("export", "--format", "gold", "--out", str(tmp_path / "gold"), "--db", db).exit_code == 0
    golds = sorted((tmp_path / "gold").glob("*.gold.json"))
    assert len(golds) == 1 and golds[0].with_suffix("").with_suffix(".txt").is_file()
    assert json.loads(golds[0].read_text())["positions"]


def test_listings_version_and_suggestions(db: str, tmp_path: Path) -> None:  # noqa: F811
    assert "accordia" in _run("--version").stdout
    issues = json.loads(_run("issues", "--db", db, "--format", "json").stdout)
    assert {"id": "reassurance-force", "label": "Reassurance force", "positions": 2} in issues
    actors = json.loads(_run("actors", "--db", db, "--format", "json").stdout)
    assert actors[0]["positions"] >= 1 and {a["id"] for a in actors} >= {"FRA", "POL"}
    lower = _run("actor", "pol", "--db", db, "--format", "json")
    assert lower.exit_code == 0 and json.loads(lower.stdout)["id"] == "POL"
    near = _run("actor", "Polnd", "--db", db)
    assert near.exit_code == 1 and "did you mean POL" in near.output


@pytest.mark.parametrize("command", [["report"], ["changes", "--since", "2025-01-01"], ["actor", "FRA"],
                                     ["issues"], ["review"]])
def test_read_commands_do_not_create_a_database(tmp_path: Path, command: list[str]) -> None:
    missing = tmp_path / "typo.db"
    result = _run("--db", str(missing), *command)
    assert result.exit_code == 1 and "no knowledge base at" in result.output
    assert not missing.exists()


def test_brief_writes_one_cited_page(db: str, tmp_path: Path) -> None:  # noqa: F811
    out = tmp_path / "brief.html"
    result = _run("brief", "--since", "2025-03-05", "--out", str(out), "--db", db)
    assert result.exit_code == 0, result.output
    page = out.read_text(encoding="utf-8")
    assert "What changed" in page and "Poland backs the reassurance force after all." in page
    assert "<script" not in page, "the briefing is a static page"
    missing = _run("brief", "--since", "2025-03-05", "--out", str(tmp_path / "no" / "b.html"), "--db", db)
    assert missing.exit_code == 1 and "does not exist" in missing.output
