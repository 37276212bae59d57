"""The rules every format shares, applied once: length, language, date precedence, source.

Date precedence is the project's rule: a metadata date first, then the dateline (its year taken
from a reference date when missing), then the file's modification date.
"""

from __future__ import annotations

from datetime import date

from accordia.facts import Article
from accordia.read.dates import parse_dateline
from accordia.read.errors import NotEnglish, ReadError
from accordia.read.files import check_text
from accordia.read.language import english_share, is_english
from accordia.read.result import DateFrom, RawArticle, ReadResult


def to_article(
    raw: RawArticle,
    *,
    path: str,
    file_day: date | None = None,
    year_reference: date | None = None,
) -> tuple[Article, DateFrom]:
    """An Article from a reader's findings, and which rule dated it; raises ReadError if unfit.

    A year-less dateline is resolved against ``year_reference`` if the caller gave one, else the
    source's own reference date, else ``file_day``.
    """
    name = path or "<text>"
    check_text(raw.text, name, raw.where)
    _check_language(raw, name)
    dateline = parse_dateline(raw.text)
    published: date | None = raw.published
    date_from: DateFrom = "metadata" if published else "none"
    if published is None and dateline is not None:
        published = dateline.resolve(reference=year_reference or raw.reference or file_day)
        date_from = "dateline" if published else "none"
    if published is None and file_day is not None:
        published, date_from = file_day, "file"
    source = raw.source.strip() or (dateline.agency if dateline else "")
    article = Article(
        text=raw.text,
        title=raw.title.strip(),
        source=source,
        url=raw.url.strip(),
        published=published,
        path=path,
        id=raw.id.strip(),
    )
    return article, date_from


def to_result(
    raw: RawArticle,
    *,
    path: str,
    file_day: date | None = None,
    year_reference: date | None = None,
) -> ReadResult:
    """Like :func:`to_article`, but reporting an unfit article as a failed ReadResult."""
    try:
        article, date_from = to_article(raw, path=path, file_day=file_day, year_reference=year_reference)
    except ReadError as exc:
        return ReadResult(article=None, path=path, error=exc, where=raw.where)
    return ReadResult(article=article, path=path, date_from=date_from, where=raw.where)


def _check_language(raw: RawArticle, path: str) -> None:
    tag = raw.language.strip().lower()
    if tag and not (tag == "en" or tag.startswith(("en-", "en_", "english"))):
        raise NotEnglish(path, f"metadata gives the language as '{raw.language.strip()}'", raw.where)
    if not is_english(raw.text):
        share = english_share(raw.text)
        raise NotEnglish(path, f"does not read as English ({share:.0%} English function words)", raw.where)
