"""A readable name for an article that has no title of its own.

Plain-text files and many exports carry no headline, and a 16-digit content hash tells an analyst
nothing; the file or URL name ("s004-paris-reassurance-force") usually says what the story is.
"""

from __future__ import annotations

import re
from pathlib import PurePosixPath
from typing import Any
from urllib.parse import urlparse

# A leading running number or hash-like code: "s004-", "0012_", "a1b2c3d4e5f6-".
_SERIAL = re.compile(r"^(?:[a-z]{0,3}\d+|[0-9a-f]{8,})[-_ ]+", re.I)
_SEPARATORS = re.compile(r"[-_+.]+")


def _readable_stem(name: str) -> str:
    if not name or name.startswith("<"):  # "<text 1>": the ingest label of pasted text, not a name
        return ""
    stem = PurePosixPath(name.replace("\\", "/")).stem
    words = _SEPARATORS.sub(" ", _SERIAL.sub("", stem)).strip()
    if len(words) < 3 or not re.search(r"[A-Za-z]{3}", words):
        return ""
    return words[:1].upper() + words[1:]


def article_label(article: dict[str, Any]) -> str:
    """Title if there is one, else a name made from the file or URL path, else the article id."""
    title = " ".join(str(article.get("title") or "").split())
    if title:
        return title
    for where in (str(article.get("path") or ""), urlparse(str(article.get("url") or "")).path):
        label = _readable_stem(where.rstrip("/"))
        if label:
            return label
    return str(article.get("id") or "untitled article")
