"""RSS and Atom feeds: one Article per entry.

feedparser recovers what it can from broken XML (it flags that as ``bozo``); entries it still
finds are kept, and only a feed that yields nothing is reported as malformed. The bytes are
handed over directly, never a path or URL, so parsing can never reach the network.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date
from typing import Any

import feedparser

from accordia.read.dates import parse_date
from accordia.read.errors import BinaryInput, EmptyInput, Malformed, ReadError
from accordia.read.files import as_utf8
from accordia.read.markup import html_to_text
from accordia.read.result import RawArticle

_FEED_ROOT = re.compile(rb"<(?:[\w-]+:)?(?:rss|feed|RDF)\b", re.IGNORECASE)
_HTML_ROOT = re.compile(rb"<(?:!doctype\s+html|html)\b", re.IGNORECASE)
_SNIFF_BYTES = 4096


def looks_like_feed(data: bytes) -> bool:
    """True if an .xml file opens as RSS, Atom or RSS 1.0 (RDF) rather than some other XML."""
    return bool(_FEED_ROOT.search(data[:_SNIFF_BYTES]))


def looks_like_html(data: bytes) -> bool:
    return bool(_HTML_ROOT.search(data[:_SNIFF_BYTES]))


def parse_feed(data: bytes, name: str) -> Iterator[RawArticle | ReadError]:
    """Each entry's article, or the reason an entry has none; raises if the feed has no entries."""
    data = as_utf8(data, name)
    if b"\x00" in data:
        raise BinaryInput(name, "contains NUL bytes, so it is not a feed")
    try:
        parsed = feedparser.parse(data)
    except Exception as exc:  # feedparser is third-party: e.g. "&#xD800;" makes it raise while encoding
        raise Malformed(name, f"not a readable RSS or Atom feed ({type(exc).__name__})") from exc
    entries = parsed.get("entries") or []
    if not entries:
        if parsed.get("bozo"):
            problem = parsed.get("bozo_exception")
            raise Malformed(name, f"not a readable RSS or Atom feed ({problem or 'unknown error'})")
        raise EmptyInput(name, "feed has no entries")
    channel = parsed.get("feed") or {}
    feed_title = _plain(channel.get("title", ""))
    feed_date = _first_date(channel, ("updated", "published"))
    feed_language = str(channel.get("language") or "")
    for number, entry in enumerate(entries, start=1):
        where = f"entry {number}"
        text = _entry_text(entry)
        if not text.strip():
            yield EmptyInput(name, "entry has no content or summary", where)
            continue
        entry_source = entry.get("source") or {}
        yield RawArticle(
            text=text,
            title=_plain(entry.get("title", "")),
            source=_plain(entry_source.get("title", "")) or feed_title,
            url=str(entry.get("link") or ""),
            published=_first_date(entry, ("published", "updated", "created")),
            reference=feed_date,
            language=str((entry.get("title_detail") or {}).get("language") or feed_language),
            where=where,
        )


def _entry_text(entry: Any) -> str:
    """The fullest body an entry carries: its longest content block, else its summary."""
    blocks = [(c.get("value") or "", c.get("type") or "") for c in entry.get("content") or []]
    if entry.get("summary"):
        detail = entry.get("summary_detail") or {}
        blocks.append((entry["summary"], detail.get("type") or "text/html"))
    texts = [html_to_text(value) if "html" in kind or "xml" in kind else value for value, kind in blocks]
    return max(texts, key=len, default="")


def _plain(value: Any) -> str:
    """A title as plain text: feeds sometimes carry markup or entities in titles."""
    text = str(value or "")
    return html_to_text(text) if "<" in text or "&" in text else text.strip()


def _first_date(record: Any, keys: tuple[str, ...]) -> date | None:
    """The first date the record states, from its raw string or feedparser's parsed form."""
    for key in keys:
        found = parse_date(record.get(key)) or parse_date(record.get(f"{key}_parsed"))
        if found is not None:
            return found
    return None
