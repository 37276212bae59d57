"""What a reader hands back: an article, or the reason there is none."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Literal

from accordia.facts import Article
from accordia.read.errors import ReadError

DateFrom = Literal["metadata", "dateline", "file", "none"]


@dataclass
class ReadResult:
    """One article or one failure; ``date_from`` says which rule set ``article.published``.

    ``where`` locates a row, line or entry inside a multi-article file ("line 3", "entry 2").
    """

    article: Article | None
    path: str
    error: ReadError | None = None
    date_from: DateFrom = "none"
    where: str = ""

    @property
    def ok(self) -> bool:
        return self.article is not None


@dataclass
class RawArticle:
    """A reader's findings before the shared rules (dates, source, language, length) are applied.

    ``published`` is a metadata date only; ``reference`` is a date the source vouches for (a feed's
    build date, a scraper's download date) against which a year-less dateline is resolved.
    """

    text: str
    title: str = ""
    source: str = ""
    url: str = ""
    published: date | None = None
    reference: date | None = None
    id: str = ""
    language: str = ""
    where: str = ""
