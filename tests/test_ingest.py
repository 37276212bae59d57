from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from accordia.ingest import IngestSummary, ingest
from accordia.store import Store
from tests.store.helpers import KeywordExtractor, stance_text

SHARED = Path(__file__).resolve().parents[1] / ".." / "shared" / "corpus"


@pytest.fixture
def kb(tmp_path) -> Store:
    store = Store.open(str(tmp_path / "kb.db"))
    yield store
    store.close()


def _write(folder: Path, name: str, text: str | bytes) -> Path:
    path = folder / name
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def test_folder_is_read_extracted_and_stored(kb: Store, tmp_path) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    _write(docs, "a.txt", stance_text("France supports the reassurance force for Ukraine."))
    _write(docs, "b.txt", stance_text("Poland opposes the ceasefire as drafted.", place="WARSAW"))
    summary = ingest([docs], kb, KeywordExtractor(), progress=False)
    assert summary.ingested == 2 and summary.facts == 2
    assert not summary.skipped and not summary.failed
    assert {(sp.position.actor, sp.position.stance) for sp in kb.positions()} == {
        ("FRA", "support"), ("POL", "oppose")}
    assert {a["extractor_version"] for a in kb.articles()} == {"keyword-test-1"}


def test_bad_inputs_are_reported_and_do_not_stop_the_run(kb: Store, tmp_path) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    _write(docs, "good.txt", stance_text("Germany backs the peace plan after talks."))
    _write(docs, "empty.txt", "   \n")
    _write(docs, "binary.txt", b"\x00\x01\x02\xff" * 300)
    _write(docs, "crash.txt", stance_text("Spain supports the ceasefire. EXPLODE"))
    _write(docs, "german.txt", "Die Regierung in Berlin hat am Montag erklärt, dass sie die Gespräche über "
                               "einen Waffenstillstand fortsetzen werde und dass noch keine Entscheidung "
                               "über die Entsendung von Soldaten gefallen sei, sagte ein Sprecher.")
    _write(docs, "notes.xyz", "France supports the ceasefire.")
    summary = ingest([docs], kb, KeywordExtractor(), progress=False)
    assert summary.ingested == 1
    skipped = {Path(o.path).name: o.reason for o in summary.skipped}
    failed = {Path(o.path).name: o.reason for o in summary.failed}
    assert set(skipped) == {"empty.txt", "german.txt", "notes.xyz"}
    assert "NotEnglish" in skipped["german.txt"]
    assert set(failed) == {"binary.txt", "crash.txt"}
    assert "extraction failed" in failed["crash.txt"] and "EXPLODE" in failed["crash.txt"]
    assert kb.counts()["articles"] == 1


def test_reingesting_is_skipped_without_extracting_again(kb: Store, tmp_path) -> None:
    path = _write(tmp_path, "a.txt", stance_text("Italy rejects the reassurance force outright."))
    extractor = KeywordExtractor()
    ingest([path], kb, extractor, progress=False)
    again = ingest([path], kb, extractor, progress=False)
    assert again.ingested == 0 and extractor.calls == 1
    assert len(again.skipped) == 1 and "duplicate content" in again.skipped[0].reason


def test_near_duplicate_is_reported_as_joining_a_story(kb: Store, tmp_path) -> None:
    body = stance_text("France supports the reassurance force for Ukraine.") * 3
    _write(tmp_path, "a.txt", body)
    _write(tmp_path, "b.txt", body.replace("several hours", "many hours", 1))
    summary = ingest([tmp_path / "a.txt", tmp_path / "b.txt"], kb, KeywordExtractor(), progress=False)
    assert summary.ingested == 2 and len(summary.joined) == 1
    assert "joined story" in summary.joined[0].reason
    [current] = kb.positions()
    assert current.sources == 2


def test_batches_fall_back_to_single_articles_when_pipe_fails(kb: Store, tmp_path) -> None:
    class PipeBreaks(KeywordExtractor):
        def pipe(self, articles, batch_size=16):
            raise RuntimeError("batch parser broke")

    for n, actor in enumerate(["France", "Poland", "Italy"]):
        _write(tmp_path, f"{n}.txt", stance_text(f"{actor} supports the ceasefire today.", place=f"CITY{n}"))
    summary = ingest([tmp_path], kb, PipeBreaks(), progress=False, batch_size=2)
    assert summary.ingested == 3 and not summary.failed


def test_summary_counts_and_table() -> None:
    summary = IngestSummary(ingested=3, facts=7, seconds=2.0)
    assert summary.rate == 1.5 and summary.to_dict()["articles_per_second"] == 1.5
    assert summary.table().row_count >= 5


def test_progress_bar_renders_articles_per_second(kb: Store, tmp_path) -> None:
    from io import StringIO

    from rich.console import Console

    _write(tmp_path, "a.txt", stance_text("France supports the ceasefire now."))
    out = StringIO()
    ingest([tmp_path], kb, KeywordExtractor(), progress=True, console=Console(file=out, width=120))
    assert "articles/s" in out.getvalue()


@pytest.mark.slow
def test_real_extractor_end_to_end(kb: Store) -> None:
    try:
        from accordia.extract import Extractor
    except ImportError as exc:
        pytest.skip(f"the extractor cannot be imported: {exc}")
    seed = SHARED / "seed" / "seed-0001.txt"
    if not seed.exists():
        pytest.skip("shared corpus not present")
    summary = ingest([seed], kb, Extractor(), progress=False)
    assert summary.ingested == 1 and not summary.failed
    found = kb.positions()
    assert found, "the seed article states positions"
    article = kb.article(found[0].position.evidence.article)
    ev = found[0].position.evidence
    assert article.text[ev.start:ev.end] == ev.sentence
    assert all(sp.date >= date(2025, 1, 1) for sp in found)


def test_bench_runs_small_with_the_trivial_extractor(capsys, monkeypatch) -> None:
    import importlib.util
    import sys

    script = Path(__file__).resolve().parents[1] / "bench" / "bench_ingest.py"
    spec = importlib.util.spec_from_file_location("bench_ingest", script)
    bench = importlib.util.module_from_spec(spec)
    monkeypatch.setitem(sys.modules, "bench_ingest", bench)
    spec.loader.exec_module(bench)
    assert bench.main(["--n", "40", "--fake-extract"]) == 0
    printed = capsys.readouterr().out
    assert "articles/s" in printed and "peak RSS" in printed and "ratio full/baseline" in printed
    assert "ingested=40" in printed and "failed=0" in printed


def _copied_in_2026(path: Path) -> Path:
    """Give a file the modification time of a copy made long after the reporting it holds."""
    import os
    from datetime import datetime

    stamp = datetime(2026, 6, 1, 12, 0).timestamp()
    os.utime(path, (stamp, stamp))
    return path


def test_reference_date_dates_yearless_datelines_and_undated_files(kb: Store, tmp_path) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    _copied_in_2026(_write(docs, "dated.txt", stance_text(
        "France supports the ceasefire today.", place="PARIS, Feb 12")))
    _copied_in_2026(_write(docs, "december.txt", stance_text(
        "Poland opposes the ceasefire today.", place="WARSAW, Dec 30")))
    _copied_in_2026(_write(docs, "undated.txt", "\n\n" + stance_text("Italy backs the ceasefire now.")
                           .split(" - ", 1)[1]))
    _copied_in_2026(_write(docs, "full.txt", stance_text(
        "Spain backs the ceasefire today.", place="MADRID, March 3, 2024")))
    summary = ingest([docs], kb, KeywordExtractor(), progress=False, reference_date=date(2025, 12, 20))
    assert summary.ingested == 4
    published = {Path(a["path"]).name: a["published"] for a in kb.articles()}
    assert published == {"dated.txt": date(2025, 2, 12), "december.txt": date(2024, 12, 30),
                         "undated.txt": date(2025, 12, 20), "full.txt": date(2024, 3, 3)}


def test_without_a_reference_date_the_file_date_is_used(kb: Store, tmp_path) -> None:
    _copied_in_2026(_write(tmp_path, "dated.txt", stance_text(
        "France supports the ceasefire today.", place="PARIS, Feb 12")))
    ingest([tmp_path], kb, KeywordExtractor(), progress=False)
    assert [a["published"] for a in kb.articles()] == [date(2026, 2, 12)]
