"""Which field of a record holds what: the names news scrapers, exports and front matter use.

Keys are matched ignoring case, spaces, hyphens and camelCase ("Full Text", "full-text" and
"fullText" all match ``full_text``), in the order listed: the first name present wins.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

TEXT = ("text", "body", "content", "article", "full_text", "maintext", "description")
TITLE = ("title", "headline")
URL = ("url", "link")
SOURCE = ("source", "outlet", "publisher", "domain", "source_domain")
DATE = ("date", "published", "published_at", "publish_date", "date_publish", "pubdate", "datetime")
ID = ("id", "article_id", "uuid")
LANGUAGE = ("language", "lang")
# When a scraper fetched the page: no publication date, but a bound for a year-less dateline.
FETCHED = ("date_download", "downloaded_at", "scraped_at", "crawled_at", "fetched_at", "retrieved_at")

_CAMEL = re.compile(r"(?<=[a-z0-9])(?=[A-Z])")
_SEPARATORS = re.compile(r"[\s\-]+")


def key_forms(key: str) -> set[str]:
    """The spellings a key may be matched under: lower case, and camelCase split to snake_case."""
    plain = _SEPARATORS.sub("_", key.strip())
    return {plain.lower(), _CAMEL.sub("_", plain).lower()}


def find_key(keys: list[str] | tuple[str, ...], names: tuple[str, ...]) -> str | None:
    """The first key among ``keys`` matching one of ``names`` (in the order of ``names``)."""
    forms = {key: key_forms(key) for key in keys if isinstance(key, str)}
    for name in names:
        for key, spellings in forms.items():
            if name in spellings:
                return key
    return None


def pick(record: Mapping[str, Any], names: tuple[str, ...]) -> Any:
    """The value under the first matching key, or None."""
    key = find_key(list(record.keys()), names)
    return record[key] if key is not None else None


def as_text(value: Any) -> str:
    """A field value as a plain string: nested source objects ({"name": ...}) give their name."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, Mapping):
        for inner in ("name", "title", "id"):
            if isinstance(value.get(inner), str):
                return value[inner]
        return ""
    if isinstance(value, bool):
        return ""
    if isinstance(value, int | float):
        return "" if value != value else str(value)  # NaN from pandas-written exports
    return ""
