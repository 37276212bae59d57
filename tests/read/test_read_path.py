import os
import shutil
from datetime import date, datetime
from pathlib import Path

import pytest

from accordia.read import ReadResult, read_path, read_text
from accordia.read import files as read_files
from accordia.read.errors import (
    BinaryInput,
    EmptyInput,
    Malformed,
    NotEnglish,
    TooLarge,
    Unreadable,
    UnsupportedFormat,
)

FIXTURES = Path(__file__).resolve().parent / "fixtures"
STORY = "The envoys said on Monday that they would meet again in Geneva to settle the remaining points."


def set_mtime(path: Path, when: str) -> None:
    stamp = datetime.fromisoformat(when).timestamp()
    os.utime(path, (stamp, stamp))


def test_folder_is_walked_recursively_in_sorted_order_skipping_hidden_files(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "inner").mkdir()
    (tmp_path / ".cache").mkdir()
    for rel in ("z.txt", "a.txt", "b/m.txt", "b/inner/c.txt", ".hidden.txt", ".cache/x.txt"):
        (tmp_path / rel).write_text(f"{STORY} ({rel})", encoding="utf-8")
    (tmp_path / "a.gold.json").write_text("{}", encoding="utf-8")  # annotations are not articles
    results = list(read_path(tmp_path))
    names = [Path(r.path).relative_to(tmp_path).as_posix() for r in results if r.ok]
    assert names == ["a.txt", "b/inner/c.txt", "b/m.txt", "z.txt"]
    unread = {Path(r.path).relative_to(tmp_path).as_posix(): r.error.reason for r in results if not r.ok}
    assert set(unread) == {".cache", ".hidden.txt", "a.gold.json"}  # left unread, but each one reported
    assert all(type(r.error).__name__ == "NotAnArticle" for r in results if not r.ok)
    flat = [Path(r.path).name for r in read_path(tmp_path, recursive=False) if r.ok]
    assert flat == ["a.txt", "z.txt"]


def test_every_bad_file_becomes_a_result_not_an_exception(tmp_path):
    shutil.copyfile(FIXTURES / "french.txt", tmp_path / "french.txt")
    (tmp_path / "good.txt").write_text(STORY, encoding="utf-8")
    (tmp_path / "blob.txt").write_bytes(b"\x00\x01\x02" * 50)
    (tmp_path / "empty.md").write_bytes(b"")
    (tmp_path / "notes.docx").write_bytes(b"PK\x03\x04")
    (tmp_path / "data.xml").write_text("<catalogue><book>A title</book></catalogue>", encoding="utf-8")
    results = list(read_path(tmp_path))
    assert all(isinstance(r, ReadResult) for r in results)
    kinds = {Path(r.path).name: type(r.error) if r.error else None for r in results}
    assert kinds == {
        "blob.txt": BinaryInput,
        "data.xml": UnsupportedFormat,
        "empty.md": EmptyInput,
        "french.txt": NotEnglish,
        "good.txt": None,
        "notes.docx": UnsupportedFormat,
    }
    assert [r.ok for r in results].count(True) == 1


def test_missing_path_is_reported(tmp_path):
    [result] = list(read_path(tmp_path / "nowhere.txt"))
    assert isinstance(result.error, Unreadable)
    assert "nowhere.txt" in str(result.error)


def test_file_over_the_limit_is_refused_unread(tmp_path, monkeypatch):
    big = tmp_path / "big.txt"
    big.write_text(STORY * 20, encoding="utf-8")
    [result] = list(read_path(big, max_bytes=100))
    assert isinstance(result.error, TooLarge)
    monkeypatch.setattr(read_files, "MAX_FILE_BYTES", 100)
    [result] = list(read_path(big))
    assert isinstance(result.error, TooLarge)
    assert "100-byte limit" in str(result.error)


def test_xml_is_sniffed_as_feed_or_page(tmp_path):
    shutil.copyfile(FIXTURES / "feed.atom", tmp_path / "feed.xml")
    shutil.copyfile(FIXTURES / "article.html", tmp_path / "page.xml")
    results = list(read_path(tmp_path))
    titles = [r.article.title for r in results]
    assert titles == [
        "Twenty-six countries pledge troops",
        "Moscow warns against a foreign force",
        "Coalition planners meet in Paris",
    ]


def test_date_precedence_metadata_then_dateline_then_file(tmp_path):
    md = tmp_path / "meta.md"
    md.write_text(f"---\ndate: 2025-06-01\n---\nROME, April 11 (Dev Wire) - {STORY}", encoding="utf-8")
    dated = tmp_path / "dateline.txt"
    dated.write_text(f"ROME, April 11 (Dev Wire) - {STORY}", encoding="utf-8")
    bare = tmp_path / "bare.txt"
    bare.write_text(STORY, encoding="utf-8")
    for path in (md, dated, bare):
        set_mtime(path, "2025-08-20T10:00:00")
    got = {Path(r.path).name: (r.date_from, r.article.published) for r in read_path(tmp_path)}
    assert got == {
        "meta.md": ("metadata", date(2025, 6, 1)),
        "dateline.txt": ("dateline", date(2025, 4, 11)),
        "bare.txt": ("file", date(2025, 8, 20)),
    }


def test_dateline_year_rolls_back_against_a_january_file_date(fixture_copy):
    text = fixture_copy("crlf.txt", mtime="2026-01-10T09:00:00")
    [result] = list(read_path(text))
    assert result.article.published == date(2025, 11, 22)
    [result] = list(read_path(text, year_reference=date(2024, 12, 31)))
    assert result.article.published == date(2024, 11, 22)


def test_metadata_source_beats_the_dateline_agency(tmp_path):
    md = tmp_path / "m.md"
    md.write_text(f"---\nsource: Harbour Gazette\n---\nKYIV, May 10 (Dev Wire) - {STORY}", encoding="utf-8")
    [result] = list(read_path(md))
    assert result.article.source == "Harbour Gazette"


def test_read_text_for_pasted_text():
    article = read_text(f"KYIV, May 10 (Dev Wire) - {STORY}", published="2025-05-11", title="Talks")
    assert article.published == date(2025, 5, 11)
    assert (article.title, article.source, article.path) == ("Talks", "Dev Wire", "")
    assert article.text.startswith("KYIV, May 10")
    undated = read_text(STORY, source="Harbour Gazette", url="https://gazette.example.org/x")
    assert undated.published is None
    assert (undated.source, undated.url) == ("Harbour Gazette", "https://gazette.example.org/x")


def test_read_text_takes_the_dateline_year_from_today():
    article = read_text(f"KYIV, Jan 1 (Dev Wire) - {STORY}")
    today = date.today()
    assert article.published is not None
    assert article.published <= today
    assert (article.published.month, article.published.day) == (1, 1)
    assert article.published.year in (today.year, today.year - 1)


@pytest.mark.parametrize(
    ("text", "kind"),
    [("", EmptyInput), ("   too short  ", EmptyInput), (STORY + "\x00", BinaryInput)],
)
def test_read_text_refuses_unfit_text(text, kind):
    with pytest.raises(kind):
        read_text(text)


def test_read_text_refuses_other_languages_and_bad_dates():
    with pytest.raises(NotEnglish):
        read_text((FIXTURES / "german.txt").read_text(encoding="utf-8"))
    with pytest.raises(Malformed, match="published date"):
        read_text(STORY, published="next spring")


@pytest.mark.parametrize(
    "suffix", [".txt", ".md", ".html", ".xml", ".rss", ".jsonl", ".json", ".csv", ".tsv"])
def test_random_bytes_never_escape_as_exceptions(tmp_path, suffix):
    import random

    noise = random.Random(suffix).randbytes(3000)
    for name, data in (("noise", noise), ("ascii", bytes(b % 95 + 32 for b in noise))):
        path = tmp_path / f"{name}{suffix}"
        path.write_bytes(data)
        for result in read_path(path):
            assert isinstance(result, ReadResult)
            assert (result.article is None) == (result.error is not None)
