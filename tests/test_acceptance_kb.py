"""Acceptance: the knowledge base over time, end to end with the real extractor.

Ingest is idempotent, the report cites sentences that sit where it says they sit, as-of queries
before and after a reported change disagree (each side with its evidence), and bad files are
reported without stopping a run or touching what is already stored.
"""

from __future__ import annotations

import json
import re
import shutil
from datetime import date, timedelta
from pathlib import Path
from types import SimpleNamespace

import pandas as pd
import pytest
from typer.testing import CliRunner

from accordia.api import Accordia
from accordia.cli import app, sample_files

CORPUS = Path(__file__).resolve().parents[1] / ".." / "shared" / "corpus"
SEED = CORPUS / "seed" / "seed-0001.txt"
# The repository carries a copy of the dev corpus (tests/data/dev), so these tests run without the share.
DEV = CORPUS / "dev" if (CORPUS / "dev").is_dir() else Path(__file__).resolve().parent / "data" / "dev"
# The dev corpus reports events of 2025; its files carry no year, so ingest is told when they were collected.
DEV_COLLECTED = "2025-12-31"
# The seed has no dateline at all; its gold file dates it to this day.
SEED_PUBLISHED = "2025-11-26"

needs_dev = pytest.mark.skipif(not DEV.is_dir(), reason=f"no dev corpus at {DEV}")
needs_seed = pytest.mark.skipif(not SEED.is_file(), reason=f"the shared corpus's seed article is not at {SEED}")
runner = CliRunner()


def _invoke(*args: str):
    result = runner.invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return result


def _assert_evidence_in_article(kb: Accordia, sentence: str, article_id: str, start: int, end: int) -> None:
    assert sentence.strip(), f"empty evidence sentence for article {article_id}"
    text = kb.article(article_id)["text"]
    assert text[start:end] == sentence


def _dev_files() -> list[Path]:
    return sorted(DEV.glob("*.txt"))


# ---- the seed and the dev corpus -------------------------------------------------------------------


@pytest.fixture(scope="module")
def dev_kb(tmp_path_factory) -> SimpleNamespace:
    """A fresh SQLite store: the dev corpus ingested twice (API), then the seed (CLI) when present."""
    if not DEV.is_dir():
        pytest.skip(f"no dev corpus at {DEV}")
    db = str(tmp_path_factory.mktemp("dev-kb") / "kb.db")
    with Accordia.open(db) as kb:
        first = kb.ingest(DEV, reference_date=DEV_COLLECTED)
        after_first = kb.store.counts()
        second = kb.ingest(DEV, reference_date=DEV_COLLECTED)
        after_second = kb.store.counts()
    if SEED.is_file():
        _invoke("--db", db, "ingest", str(SEED), "--no-progress", "--reference-date", SEED_PUBLISHED)
    return SimpleNamespace(db=db, first=first, second=second, after_first=after_first,
                           after_second=after_second)


@pytest.mark.slow
@needs_dev
def test_dev_corpus_ingested_twice_is_stored_once(dev_kb) -> None:
    files = _dev_files()
    first, second = dev_kb.first, dev_kb.second
    assert first.ingested == len(files) and not first.failed
    assert all("annotation file" in o.reason for o in first.skipped)  # gold files: reported, not read
    assert second.ingested == 0 and not second.failed
    duplicates = [o for o in second.skipped if "annotation file" not in o.reason]
    assert len(duplicates) == len(files)
    assert all("duplicate" in o.reason and o.article_id for o in duplicates)
    assert {Path(o.path).name for o in duplicates} == {f.name for f in files}
    # The second run wrote nothing at all: articles, stories and every fact table are unchanged.
    assert dev_kb.after_second == dev_kb.after_first
    assert dev_kb.after_first["articles"] == len(files)
    with Accordia.open(dev_kb.db) as kb:
        stored = kb.articles()
    assert stored["id"].is_unique
    from_dev = sorted(Path(p).name for p in stored["path"] if Path(p).resolve().parent == DEV.resolve())
    assert from_dev == [f.name for f in files]


@pytest.mark.slow
@needs_dev
def test_dev_articles_are_dated_in_the_year_they_report(dev_kb) -> None:
    """Year-less datelines fall on or before the collection date, not the files' modification date."""
    with Accordia.open(dev_kb.db) as kb:
        stored = {Path(p).name: d for p, d in zip(kb.articles()["path"], kb.articles()["published"],
                                                   strict=True)}
    for text_file in _dev_files():
        gold = json.loads(text_file.with_name(text_file.stem + ".gold.json").read_text(encoding="utf-8"))
        published = pd.Timestamp(stored[text_file.name]).date()
        gold_day = date.fromisoformat(gold["published"])
        # Gold gives the publication day; the dateline gives the event day, the same day or the one before.
        assert timedelta(0) <= gold_day - published <= timedelta(days=1), text_file.name
    if SEED.is_file():  # no dateline at all: dated on the reference date given for it
        assert pd.Timestamp(stored[SEED.name]).date() == date.fromisoformat(SEED_PUBLISHED)


@pytest.mark.slow
@needs_dev
@needs_seed
def test_report_lists_france_and_britain_as_supporters_with_evidence(dev_kb) -> None:
    result = _invoke("report", "--db", dev_kb.db, "--issue", "reassurance-force", "--format", "json")
    data = json.loads(result.stdout)
    positions = data["positions"]
    assert positions and {p["issue"] for p in positions} == {"reassurance-force"}
    supporters = {p["actor"]: p for p in positions if p["stance"] == "support"}
    missing = {"FRA", "GBR"} - set(supporters)
    assert not missing, f"not reported as supporters of reassurance-force: {sorted(missing)}"
    with Accordia.open(dev_kb.db) as kb:
        for actor in ("FRA", "GBR"):
            ev = supporters[actor]["evidence"]
            assert ev is not None, f"{actor} support has no evidence"
            assert set(ev) >= {"sentence", "article", "start", "end"}
            _assert_evidence_in_article(kb, ev["sentence"], ev["article"], ev["start"], ev["end"])
            # The stored text is the file's text: the sentence can be found in the file it came from.
            path = kb.articles().set_index("id").loc[ev["article"], "path"]
            assert ev["sentence"] in Path(path).read_text(encoding="utf-8")


# ---- the bundled sample corpus: positions over time ------------------------------------------------


@pytest.fixture(scope="module")
def sample_kb(tmp_path_factory) -> str:
    db = str(tmp_path_factory.mktemp("sample-kb") / "kb.db")
    with Accordia.open(db) as kb:
        summary = kb.ingest(*sample_files())
    assert summary.ingested == len(sample_files()) and not summary.failed, summary.to_dict()
    return db


def _stance_changes(kb: Accordia) -> pd.DataFrame:
    """Changes from one dated stance to a different one on a later day, found by the store itself."""
    first_day = pd.to_datetime(kb.articles()["published"]).min().date()
    found = kb.changes(since=first_day - timedelta(days=1))
    real = found[found["before_stance"].notna() & found["before_date"].notna()
                 & (found["before_stance"] != found["after_stance"])
                 & (found["before_date"] < found["after_date"])]
    return real.reset_index(drop=True)


def _stances_of(positions: pd.DataFrame, actor: str, issue: str) -> pd.DataFrame:
    return positions[(positions["actor"] == actor) & (positions["issue"] == issue)]


@pytest.mark.slow
def test_as_of_before_and_after_a_change_differ_with_evidence(sample_kb: str) -> None:
    with Accordia.open(sample_kb) as kb:
        changes = _stance_changes(kb)
        assert len(changes) >= 1, "the sample corpus should show at least one actor changing stance"
        for change in changes.itertuples():
            after_day = change.after_date.date()
            before_day = after_day - timedelta(days=1)
            before = _stances_of(kb.positions(as_of=before_day), change.actor, change.issue)
            after = _stances_of(kb.positions(as_of=after_day), change.actor, change.issue)
            label = f"{change.actor} on {change.issue} around {after_day}"
            assert not before.empty and not after.empty, label
            assert change.before_stance in set(before["stance"]), label
            assert change.after_stance in set(after["stance"]), label
            assert set(before["stance"]) != set(after["stance"]), label
            assert (before["date"].dt.date <= before_day).all(), label
            assert (after["date"].dt.date == after_day).any(), label
            for row in pd.concat([before, after]).itertuples():
                _assert_evidence_in_article(kb, row.sentence, row.article, row.start, row.end)
            _assert_evidence_in_article(kb, change.after_sentence, change.article_after, change.after_start,
                                        change.after_end)


@pytest.mark.slow
def test_cli_report_as_of_shows_the_change(sample_kb: str) -> None:
    with Accordia.open(sample_kb) as kb:
        changes = _stance_changes(kb)
    assert len(changes) >= 1
    change = changes.iloc[0]
    after_day = change["after_date"].date()

    def stance_on(day: date) -> set[str]:
        result = _invoke("report", "--db", sample_kb, "--issue", change["issue"], "--as-of", day.isoformat(),
                         "--format", "json")
        rows = [p for p in json.loads(result.stdout)["positions"] if p["actor"] == change["actor"]]
        assert rows and all(p["evidence"] and p["evidence"]["sentence"] for p in rows)
        return {p["stance"] for p in rows}

    assert stance_on(after_day - timedelta(days=1)) != stance_on(after_day)
    listed = json.loads(_invoke("changes", "--db", sample_kb, "--since", (after_day - timedelta(days=1))
                                .isoformat(), "--format", "json").stdout)["changes"]
    assert any(r["actor"] == change["actor"] and r["issue"] == change["issue"] and r["after_sentence"]
               for r in listed)


# ---- re-ingesting and bad files --------------------------------------------------------------------

BAD_FILES: dict[str, bytes] = {
    "empty.txt": b"",
    "blank.txt": b"  \n\n\t  \n",
    "binary.txt": bytes(range(256)) * 40,
    "truncated.json": b'[{"title": "Talks in Paris", "text": "PARIS, March 3 - France said on Monday th',
    "image.html": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + b"\x00\xff\x10" * 500,
    "notes.docx": b"PK\x03\x04" + b"\x00" * 200,
}


@pytest.mark.slow
def test_reingest_is_skipped_and_bad_files_do_not_stop_the_run(tmp_path) -> None:
    first, second = sample_files()[0], sample_files()[1]
    db = str(tmp_path / "kb.db")

    once = _invoke("--db", db, "ingest", str(first), "--no-progress")
    assert re.search(r"ingested\W+1\b", once.stdout)
    again = _invoke("--db", db, "ingest", str(first), "--no-progress")
    assert re.search(r"ingested\W+0\b", again.stdout) and re.search(r"skipped\W+1\b", again.stdout)

    with Accordia.open(db) as kb:
        stored_before = kb.timeline()
        assert kb.store.counts()["articles"] == 1 and not stored_before.empty

        folder = tmp_path / "inbox"
        folder.mkdir()
        shutil.copy(first, folder / "a-copy-of-the-first.txt")
        shutil.copy(second, folder / "the-second.txt")
        for name, data in BAD_FILES.items():
            (folder / name).write_bytes(data)
        summary = kb.ingest(folder)

        assert summary.ingested == 1
        reported = {Path(o.path).name: o for o in summary.skipped + summary.failed}
        assert set(reported) == set(BAD_FILES) | {"a-copy-of-the-first.txt"}
        assert len(summary.skipped) + len(summary.failed) == len(reported), "each file is reported once"
        assert all(o.reason.strip() for o in reported.values())
        assert "duplicate" in reported["a-copy-of-the-first.txt"].reason
        assert {Path(o.path).name for o in summary.failed} >= {"binary.txt", "truncated.json"}

        assert kb.store.counts()["articles"] == 2
        stored_after = kb.timeline()
        kept = stored_after[stored_after["article"].isin(set(stored_before["article"]))]
        pd.testing.assert_frame_equal(kept.reset_index(drop=True), stored_before.reset_index(drop=True))
