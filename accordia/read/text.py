"""Plain text (.txt) and Markdown (.md) articles.

A .txt file is kept exactly as decoded: evidence offsets index into it. A Markdown file may open
with YAML front matter; that block is metadata, so it is lifted out and the rest kept as written.
"""

from __future__ import annotations

import re

import yaml

from accordia.read import columns
from accordia.read.dates import parse_date
from accordia.read.errors import Malformed
from accordia.read.files import decode_bytes
from accordia.read.result import RawArticle

_FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(?P<yaml>.*?)(?:\r?\n)?^(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)",
                           re.DOTALL | re.MULTILINE)


def parse_text(data: bytes, name: str, *, markdown: bool = False) -> RawArticle:
    """The article in a text file; Markdown front matter, if any, supplies its metadata."""
    text = decode_bytes(data, name)
    if not markdown:
        return RawArticle(text=text)
    return _with_front_matter(text, name)


def _with_front_matter(text: str, name: str) -> RawArticle:
    m = _FRONT_MATTER.match(text)
    if m is None:
        return RawArticle(text=text)
    try:
        meta = yaml.safe_load(m["yaml"]) if m["yaml"].strip() else {}
    except yaml.YAMLError as exc:
        raise Malformed(name, f"front matter is not valid YAML ({_first_line(exc)})") from exc
    if meta is None:
        meta = {}
    if not isinstance(meta, dict):
        raise Malformed(name, "front matter is not a set of 'key: value' lines")
    meta = {str(k): v for k, v in meta.items()}
    return RawArticle(
        text=text[m.end():],
        title=columns.as_text(columns.pick(meta, columns.TITLE)),
        source=columns.as_text(columns.pick(meta, columns.SOURCE + ("sitename", "site_name"))),
        url=columns.as_text(columns.pick(meta, columns.URL + ("canonical_url",))),
        published=parse_date(columns.pick(meta, columns.DATE)),
        language=columns.as_text(columns.pick(meta, columns.LANGUAGE)),
    )


def _first_line(exc: Exception) -> str:
    return str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
