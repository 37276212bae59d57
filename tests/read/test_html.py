from pathlib import Path

import pytest

from accordia.read import read_path
from accordia.read.errors import BinaryInput, EmptyInput, Malformed, ReadError
from accordia.read.html import parse_html

FIXTURES = Path(__file__).resolve().parent / "fixtures"


def test_main_text_and_metadata_from_a_page():
    [result] = list(read_path(FIXTURES / "article.html"))
    article = result.article
    assert article.title == "Coalition planners meet in Paris"
    assert article.source == "Harbour Gazette"
    assert article.url == "https://gazette.example.org/world/coalition-planners"
    assert article.published.isoformat() == "2025-03-28"
    assert result.date_from == "metadata"
    # The headline is not repeated in the body, so the dateline leads it.
    assert article.text.startswith("PARIS, March 27 (Harbour Wire) - Military planners")
    assert "further meeting is expected in London" in article.text
    assert "Subscribe" not in article.text and "Sport" not in article.text


def test_page_without_a_date_is_dated_from_its_dateline(fixture_copy):
    page = fixture_copy("undated.htm", mtime="2026-01-05T12:00:00")
    [result] = list(read_path(page))
    assert result.date_from == "dateline"
    assert result.article.published.isoformat() == "2025-12-30"  # year before the file's January date
    assert result.article.source == "Harbour Wire"


def test_malformed_html_still_gives_its_text():
    [result] = list(read_path(FIXTURES / "broken.html"))
    assert result.error is None
    assert "headquarters for the force" in result.article.text
    assert result.article.published.isoformat() == "2025-09-04"
    assert result.date_from == "dateline"


def test_page_with_no_story_is_reported_not_read(tmp_path):
    page = tmp_path / "menu.html"
    page.write_bytes(b"<html><head><title>Nothing</title></head><body><nav>Home</nav></body></html>")
    [result] = list(read_path(page))
    assert result.article is None
    assert isinstance(result.error, EmptyInput)
    assert "menu.html" in str(result.error)


def test_page_with_no_text_at_all_is_malformed():
    with pytest.raises(Malformed, match="no article text"):
        parse_html(b"<html><body></body></html>", "blank.html")


def test_markup_soup_does_not_crash(tmp_path):
    soup = tmp_path / "soup.html"
    soup.write_bytes(b"<<<>>><html<body></p></div><script>var x = '<p>';</script>&&&;")
    [result] = list(read_path(soup))
    assert result.article is None
    assert isinstance(result.error, ReadError)


def test_nul_bytes_in_a_page_mean_binary(tmp_path):
    page = tmp_path / "page.html"
    page.write_bytes(b"<html><body><p>The envoys met.\x00\x00</p></body></html>")
    [result] = list(read_path(page))
    assert isinstance(result.error, BinaryInput)
