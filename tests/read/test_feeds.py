from pathlib import Path

from accordia.read import read_path
from accordia.read.errors import EmptyInput, Malformed
from accordia.read.markup import html_to_text

FIXTURES = Path(__file__).resolve().parent / "fixtures"


def test_rss_entries_become_articles_with_dates_and_feed_title():
    results = list(read_path(FIXTURES / "feed.rss"))
    assert [r.where for r in results] == ["entry 1", "entry 2", "entry 3"]
    first, second, third = results
    assert first.article.title == "Ukraine backs a 30-day truce"
    assert first.article.url == "https://gazette.example.org/world/truce"
    assert first.article.source == "Harbour Gazette - World"
    assert first.article.published.isoformat() == "2025-03-12"
    assert first.date_from == "metadata"
    # Markup is stripped and paragraphs kept apart.
    assert "<" not in first.article.text
    assert "provided that Russia did the same.\n\nThe offer" in first.article.text
    # No pubDate: the dateline's year comes from the feed's build date (January 2026).
    assert second.date_from == "dateline"
    assert second.article.published.isoformat() == "2025-12-31"
    assert isinstance(third.error, EmptyInput)
    assert "entry 3" in str(third.error)


def test_atom_entries_take_published_then_updated():
    results = list(read_path(FIXTURES / "feed.atom"))
    assert [r.article.published.isoformat() for r in results] == ["2025-09-04", "2025-09-05"]
    assert {r.article.source for r in results} == {"Northern Ledger"}
    assert results[0].article.url == "https://ledger.example.net/pledge"
    assert results[1].article.text.startswith("Officials in Moscow said")


def test_xml_feed_with_errors_still_yields_its_entries():
    [result] = list(read_path(FIXTURES / "bozo_feed.xml"))
    assert result.error is None
    assert result.article.title == "Ministers meet & talk"
    assert result.article.published.isoformat() == "2025-11-10"


def test_feed_without_entries_is_malformed():
    [result] = list(read_path(FIXTURES / "broken_feed.rss"))
    assert isinstance(result.error, Malformed)
    assert "broken_feed.rss" in str(result.error)


def test_wellformed_feed_with_no_entries_is_empty(tmp_path):
    feed = tmp_path / "quiet.rss"
    feed.write_text('<?xml version="1.0"?><rss version="2.0"><channel><title>Quiet</title></channel></rss>')
    [result] = list(read_path(feed))
    assert isinstance(result.error, EmptyInput)


def test_html_to_text_drops_scripts_and_decodes_entities():
    fragment = "<p>Talks &amp; trade</p><script>alert('x')</script><ul><li>one</li><li>two</li></ul>"
    assert html_to_text(fragment) == "Talks & trade\n\none\n\ntwo"
