from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest
from typer.testing import CliRunner

from accordia.api import Accordia
from accordia.cli import app
from tests.store.helpers import KeywordExtractor, fake_reference, stance_text

SHARED_GOLD = Path(__file__).resolve().parents[1] / ".." / "shared" / "corpus" / "dev"
runner = CliRunner()


@pytest.fixture(autouse=True)
def light_facade(monkeypatch) -> None:
    """Every command's knowledge base gets the keyword extractor and the small reference."""
    real_open = Accordia.open.__func__

    def open_light(cls, target=None, create=True, **_kwargs):
        return real_open(cls, target, reference=fake_reference(), extractor=KeywordExtractor(), create=create)

    monkeypatch.setattr(Accordia, "open", classmethod(open_light))
    monkeypatch.setenv("ACCORDIA_WORKERS", "1")  # the light extractor runs in this process only
    monkeypatch.delenv("ACCORDIA_DB", raising=False)


@pytest.fixture
def docs(tmp_path) -> Path:
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "a.txt").write_text(stance_text(
        "France supports the reassurance force for Ukraine.", "Poland opposes the reassurance force.",
        place="PARIS, March 2, 2025"), encoding="utf-8")
    (folder / "b.txt").write_text(stance_text(
        "Poland backs the reassurance force after all.", "Russia rejects the ceasefire.",
        place="WARSAW, March 20, 2025"), encoding="utf-8")
    return folder


def _run(*args: str, env: dict[str, str] | None = None):
    return runner.invoke(app, list(args), env=env)


@pytest.fixture
def db(tmp_path, docs) -> str:
    path = str(tmp_path / "kb.db")
    result = _run("--db", path, "ingest", str(docs), "--no-progress")
    assert result.exit_code == 0, result.output
    assert "Ingest summary" in result.stdout and "ingested" in result.stdout
    return path


def _one_line_error(result) -> str:
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("error:")
    return lines[0]


def test_report_json_shape(db: str) -> None:
    result = _run("report", "--db", db, "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["as_of"] is None
    entry = next(p for p in data["positions"] if p["actor"] == "FRA")
    assert set(entry) == {"actor", "actor_name", "issue", "stance", "date", "contested", "sources",
                          "condition", "evidence", "confidence", "status", "fact"}
    assert set(entry["evidence"]) == {"sentence", "article", "start", "end", "source", "published", "title",
                                      "url", "confidence", "confirmed"}
    assert entry["date"] == "2025-03-02" and entry["stance"] == "support"
    assert entry["evidence"]["sentence"] == "France supports the reassurance force for Ukraine."


def test_report_as_of_table_and_markdown(db: str) -> None:
    table = _run("--db", db, "report", "--as-of", "2025-03-10")
    assert table.exit_code == 0
    assert "Opponents" in table.stdout and "Poland" in table.stdout and "Russia" not in table.stdout
    md = _run("--db", db, "report", "--format", "md", "--issue", "reassurance-force")
    assert md.stdout.startswith("# Positions as of latest")
    assert "**Supporters**" in md.stdout and "- Poland (POL), 2025-03-20" in md.stdout


def test_database_from_environment(db: str) -> None:
    result = _run("report", "--format", "json", env={"ACCORDIA_DB": db})
    assert {p["actor"] for p in json.loads(result.stdout)["positions"]} == {"FRA", "POL", "RUS"}


def test_changes_and_actor(db: str) -> None:
    changes = json.loads(_run("--db", db, "changes", "--since", "2025-03-05", "--format", "json").stdout)
    moves = {(c["actor"], c["before_stance"], c["after_stance"]) for c in changes["changes"]}
    assert ("POL", "oppose", "support") in moves
    table = _run("--db", db, "changes", "--since", "2025-03-05")
    assert "Changes since 2025-03-05" in table.stdout
    profile = json.loads(_run("--db", db, "actor", "POL", "--format", "json").stdout)
    assert profile["name"] == "Poland" and [p["stance"] for p in profile["positions"]] == ["support"]
    assert "Poland" in _run("--db", db, "actor", "POL", "--as-of", "2025-03-05").stdout


def test_user_errors_are_one_line(db: str, tmp_path) -> None:
    assert "YYYY-MM-DD" in _one_line_error(_run("--db", db, "report", "--as-of", "yesterday"))
    assert "unknown issue 'moon-base'" in _one_line_error(_run("--db", db, "report", "--issue", "moon-base"))
    assert "unknown actor 'ATL'" in _one_line_error(_run("--db", db, "actor", "ATL"))
    assert "PostgreSQL" in _one_line_error(_run("--db", "postgresql://a:b@127.0.0.1:1/none", "report"))
    assert "does not exist" in _one_line_error(_run("--db", str(tmp_path / "no" / "kb.db"), "report"))


def test_ingest_reference_date(tmp_path) -> None:
    doc = tmp_path / "a.txt"
    doc.write_text(stance_text("France supports the ceasefire today.", place="PARIS, Feb 12"), encoding="utf-8")
    db = str(tmp_path / "kb.db")
    result = _run("--db", db, "ingest", str(doc), "--no-progress", "--reference-date", "2025-12-31")
    assert result.exit_code == 0, result.output
    report = json.loads(_run("--db", db, "report", "--format", "json").stdout)
    assert [p["date"] for p in report["positions"]] == ["2025-02-12"]
    bad = _run("--db", db, "ingest", str(doc), "--no-progress", "--reference-date", "31/12/2025")
    assert "--reference-date" in _one_line_error(bad) and "YYYY-MM-DD" in bad.stderr


def test_export(db: str, tmp_path) -> None:
    result = _run("--db", db, "export", "--format", "jsonl", "--out", str(tmp_path / "facts.jsonl"))
    assert result.exit_code == 0, result.output
    assert len((tmp_path / "facts.jsonl").read_text().splitlines()) == 4
    bad = _run("--db", db, "export", "--format", "xls", "--out", str(tmp_path / "x"))
    assert bad.exit_code != 0


def test_analyse_table_json_and_what_if(db: str, monkeypatch) -> None:
    seen = {}

    def fake_run(kind, snapshot, reference, *, issue=None, overrides=None):
        seen["overrides"] = overrides
        return {"kind": kind, "as_of": None, "rows": [{
            "actor": "POL", "score": 0.25,
            "evidence": [{"sentence": "Poland backs the plan.", "article": "a1",
                          "published": "2025-03-20"}]}],
            "notes": ["one note"]}

    monkeypatch.setattr("accordia.analyse.run_analysis", fake_run)
    table = _run("--db", db, "analyse", "vetoes")
    assert table.exit_code == 0, table.output
    assert "Poland backs the plan. (a1, 2025-03-20)" in table.stdout and "note: one note" in table.stdout
    change = '{"actor": "ITA", "issue": "reassurance-force", "stance": "support"}'
    data = json.loads(_run("--db", db, "analyse", "vetoes", "--format", "json", "--what-if", change).stdout)
    assert data["rows"][0]["actor"] == "POL"
    assert seen["overrides"] == [json.loads(change)]
    assert "not valid JSON" in _one_line_error(_run("--db", db, "analyse", "vetoes", "--what-if", "{oops"))
    assert "unknown analysis" in _one_line_error(_run("--db", db, "analyse", "tarot"))


def _gold(name: str, positions: list[tuple[str, str, str, bool]], people: list[tuple[str, str]]) -> dict:
    return {"id": name, "positions": [{"actor": a, "issue": i, "stance": s, "explicit": e}
                                      for a, i, s, e in positions],
            "people": [{"name": n, "actor": a} for n, a in people]}


def test_eval_counts_known_hits_and_misses(tmp_path) -> None:
    gold, pred = tmp_path / "gold", tmp_path / "pred"
    gold.mkdir()
    pred.mkdir()
    (gold / "x1.gold.json").write_text(json.dumps(_gold("x1", [
        ("FRA", "ceasefire", "support", True), ("DEU", "ceasefire", "undecided", True),
        ("POL", "ceasefire", "oppose", False)], [("Volodymyr Zelenskyy", "UKR")])))
    (gold / "x2.gold.json").write_text(json.dumps(_gold("x2", [("ITA", "peace-plan", "oppose", True)], [])))
    # x1: FRA right (TP), DEU missed (FN), POL optional found (neither), GBR wrong (FP);
    # Zelenskiy spelled differently still matches. x2 has no prediction file: ITA is a FN.
    (pred / "x1.pred.json").write_text(json.dumps(_gold("x1", [
        ("FRA", "ceasefire", "support", True), ("POL", "ceasefire", "oppose", True),
        ("GBR", "ceasefire", "support", True)], [("Zelenskiy", "UKR")])))
    result = _run("eval", str(gold), str(pred))
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    positions = next(line for line in lines if line.startswith("positions "))
    assert positions.split() == ["positions", "0.500", "0.333", "0.400", "1", "1", "2"]
    people = next(line for line in lines if line.startswith("people "))
    assert people.split()[-3:] == ["1", "0", "0"]
    assert "(1 article(s) had no prediction file and were scored as empty)" in result.stdout
    assert lines[-1] == "positions_f1=0.400 commitments_f1=1.000 overall_f1=0.571"


def test_eval_of_shared_gold_against_itself_is_perfect(tmp_path) -> None:
    if not SHARED_GOLD.is_dir():
        pytest.skip("shared corpus not present")
    for gold in SHARED_GOLD.glob("*.gold.json"):
        shutil.copy(gold, tmp_path / gold.name.replace(".gold.json", ".pred.json"))
    result = _run("eval", str(SHARED_GOLD), str(tmp_path))
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[-1] == "positions_f1=1.000 commitments_f1=1.000 overall_f1=1.000"


def test_eval_missing_gold_folder(tmp_path) -> None:
    assert "does not exist" in _one_line_error(_run("eval", str(tmp_path / "none"), str(tmp_path)))


def test_extract_writes_pred_json(docs, tmp_path, monkeypatch) -> None:
    monkeypatch.setitem(sys.modules, "accordia.extract", SimpleNamespace(Extractor=KeywordExtractor))
    out = tmp_path / "preds"
    result = _run("extract", str(docs / "a.txt"), str(docs / "b.txt"), "--out", str(out))
    assert result.exit_code == 0, result.output
    pred = json.loads((out / "a.pred.json").read_text())
    assert pred["text_file"] == "a.txt"
    assert {(p["actor"], p["stance"]) for p in pred["positions"]} == {("FRA", "support"), ("POL", "oppose")}
    assert pred["positions"][0]["evidence"]["sentence"].endswith("Ukraine.")
    assert pred["published"] == "2025-03-02"


def test_extract_reference_date_dates_yearless_datelines(tmp_path, monkeypatch) -> None:
    monkeypatch.setitem(sys.modules, "accordia.extract", SimpleNamespace(Extractor=KeywordExtractor))
    doc = tmp_path / "a.txt"
    doc.write_text(stance_text("France supports the ceasefire today.", place="PARIS, Dec 12"), encoding="utf-8")
    result = _run("extract", str(doc), "--out", str(tmp_path / "preds"), "--reference-date", "2025-03-01")
    assert result.exit_code == 0, result.output
    assert json.loads((tmp_path / "preds" / "a.pred.json").read_text())["published"] == "2024-12-12"


def test_serve_hands_the_app_to_uvicorn(db: str, monkeypatch) -> None:
    started = {}
    monkeypatch.setattr("uvicorn.run", lambda app, host, port, **kw: started.update(host=host, port=port,
                                                                                     app=app))
    result = _run("--db", db, "serve", "--port", "8123")
    assert result.exit_code == 0, result.output
    assert started["host"] == "127.0.0.1" and started["port"] == 8123
    assert "http://127.0.0.1:8123" in result.stdout


def test_demo_ingests_the_sample_and_reports(tmp_path) -> None:
    from accordia.cli import sample_files

    if not sample_files():
        pytest.skip("sample corpus not bundled yet")
    result = _run("demo", "--db", str(tmp_path / "demo.db"), "--no-serve")
    assert result.exit_code == 0, result.output
    assert "Ingest summary" in result.stdout and "accordia serve" in result.stdout
