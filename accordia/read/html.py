"""Web pages: the main text and metadata, found offline by trafilatura.

Navigation, footers and comments are left out. Only dates the page declares (meta tags, the
URL) count as metadata; dates guessed from body text are not, since the dateline rule handles
those with better knowledge of news style.
"""

from __future__ import annotations

import json

import trafilatura

from accordia.read.dates import parse_date
from accordia.read.errors import BinaryInput, Malformed
from accordia.read.files import decode_bytes
from accordia.read.result import RawArticle

_DATE_PARAMS = {"extensive_search": False, "original_date": True}


def parse_html(data: bytes, name: str) -> RawArticle:
    """The article on an HTML page; raises Malformed when no main text can be found."""
    if b"\x00" in data:
        raise BinaryInput(name, "contains NUL bytes, so it is not an HTML page")
    try:
        page: str | bytes = decode_bytes(data, name)
    except BinaryInput:
        page = data  # another declared charset, perhaps: trafilatura detects it from the bytes
    try:
        found = _extract(page)
    except Exception as exc:  # the parser is third-party; broken markup must not stop a batch
        raise Malformed(name, f"the HTML could not be parsed ({type(exc).__name__})") from exc
    text = (found.get("text") or "").strip("\n") if found else ""
    if not text.strip():
        raise Malformed(name, "no article text found in the HTML")
    title = (found.get("title") or "").strip()
    return RawArticle(
        text=_drop_title_line(text, title),
        title=title,
        source=(found.get("source-hostname") or found.get("hostname") or "").strip(),
        url=(found.get("source") or "").strip(),
        published=parse_date(found.get("date")),
        language=(found.get("language") or "").strip(),
    )


def _extract(page: str | bytes) -> dict | None:
    result = trafilatura.extract(
        page,
        output_format="json",
        with_metadata=True,
        include_comments=False,
        date_extraction_params=_DATE_PARAMS,
    )
    return json.loads(result) if result else None


def _drop_title_line(text: str, title: str) -> str:
    """The body without a first line that merely repeats the headline, so the dateline leads."""
    first, _, rest = text.partition("\n")
    if title and first.strip() == title and rest.strip():
        return rest.lstrip("\n")
    return text
