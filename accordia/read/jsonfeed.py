"""JSON Feed (https://jsonfeed.org): one article per item, like an RSS entry.

A JSON Feed is an object whose ``version`` names the spec and whose ``items`` hold the articles;
its own ``description`` describes the feed and is never an article.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from accordia.read.dates import parse_date
from accordia.read.errors import EmptyInput, Malformed, ReadError
from accordia.read.markup import html_to_text
from accordia.read.result import RawArticle

VERSION_PREFIX = "https://jsonfeed.org/version/"


def is_json_feed(loaded: Any) -> bool:
    return isinstance(loaded, Mapping) and str(loaded.get("version") or "").startswith(VERSION_PREFIX)


def parse_json_feed(feed: Mapping[str, Any], name: str) -> Iterator[RawArticle | ReadError]:
    """Each item's article, or why an item has none; raises when the feed has no items."""
    items = feed.get("items")
    if not isinstance(items, list):
        raise Malformed(name, "JSON Feed without an 'items' list")
    if not items:
        raise EmptyInput(name, "JSON Feed has no items")
    source = _text(feed.get("title"))
    language = _text(feed.get("language"))
    for number, item in enumerate(items, start=1):
        where = f"item {number}"
        if not isinstance(item, Mapping):
            yield Malformed(name, f"a {type(item).__name__} where a feed item was expected", where)
            continue
        body = _body(item)
        if not body.strip():
            yield EmptyInput(name, "item has no content_text, content_html or summary", where)
            continue
        yield RawArticle(
            text=body,
            title=_text(item.get("title")),
            source=source,
            url=_text(item.get("url") or item.get("external_url")),
            published=parse_date(item.get("date_published")) or parse_date(item.get("date_modified")),
            id=_text(item.get("id")),
            language=_text(item.get("language")) or language,
            where=where,
        )


def _body(item: Mapping[str, Any]) -> str:
    """The fullest text an item carries: plain text, its HTML as text, or its summary."""
    texts = [_text(item.get("content_text"))]
    html = item.get("content_html")
    if isinstance(html, str) and html.strip():
        texts.append(html_to_text(html))
    texts.append(_text(item.get("summary")))
    return max(texts, key=len)


def _text(value: Any) -> str:
    return value.strip() if isinstance(value, str) else ""
