"""A JSON Feed's items are its articles; the feed's own description is not one."""

from __future__ import annotations

import json

from accordia.read import read_path

BODY = ("PARIS, March 3, 2025 (Test Wire) - France said on Monday that it was ready to send troops to a "
        "reassurance force once a ceasefire holds, and officials said talks would continue this week.")


def _feed(items: list) -> dict:
    return {"version": "https://jsonfeed.org/version/1.1", "title": "Test Wire - Europe",
            "description": "Reports from the Test Wire desk about the talks in Europe and elsewhere.",
            "home_page_url": "https://wire.example.org", "language": "en", "items": items}


def test_json_feed_items_become_articles(tmp_path) -> None:
    feed = tmp_path / "feed.json"
    feed.write_text(json.dumps(_feed([
        {"id": "wire-1", "url": "https://wire.example.org/1", "title": "France ready to send troops",
         "content_text": BODY, "date_published": "2025-03-03T09:00:00Z"},
        {"id": "wire-2", "title": "Poland weighs in", "date_modified": "2025-03-04T10:00:00+01:00",
         "content_html": "<p>WARSAW - Poland said on Tuesday it would <b>not</b> send soldiers to Ukraine, "
                         "but offered logistics help from its own territory, a minister said.</p>"},
        {"id": "wire-3", "title": "Empty"},
        "not an item",
    ])), encoding="utf-8")
    results = list(read_path(feed))
    assert [r.where for r in results] == ["item 1", "item 2", "item 3", "item 4"]
    first, second, empty, odd = results
    assert first.article.text == BODY and first.article.title == "France ready to send troops"
    assert first.article.source == "Test Wire - Europe" and first.article.url == "https://wire.example.org/1"
    assert first.article.published.isoformat() == "2025-03-03" and first.article.id == "wire-1"
    assert second.article.text.startswith("WARSAW - Poland said") and "<b>" not in second.article.text
    assert second.article.published.isoformat() == "2025-03-04"
    assert type(empty.error).__name__ == "EmptyInput" and type(odd.error).__name__ == "Malformed"
    assert all("Reports from the Test Wire desk" not in (r.article.text if r.article else "") for r in results)


def test_json_feed_without_items_is_reported(tmp_path) -> None:
    feed = tmp_path / "feed.json"
    feed.write_text(json.dumps(_feed([])), encoding="utf-8")
    [result] = list(read_path(feed))
    assert type(result.error).__name__ == "EmptyInput" and "no items" in result.error.reason


def test_deeply_nested_json_line_is_one_bad_record(tmp_path) -> None:
    export = tmp_path / "export.jsonl"
    export.write_text("[" * 100_000 + "]" * 100_000 + "\n" + json.dumps({"text": BODY}) + "\n", encoding="utf-8")
    results = list(read_path(export))
    assert [r.ok for r in results] == [False, True]
