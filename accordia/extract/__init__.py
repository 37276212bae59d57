"""Extraction: article text and date in, :class:`~accordia.facts.ArticleFacts` out.

Pure: no I/O and no database. The spaCy pipeline (with the gazetteer ruler) is loaded once per
:class:`Extractor`; everything else is rules over its parse, each fact recording the cue and rule
that produced it and the sentence it came from.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from accordia.extract.pipeline import EXTRACTOR_VERSION, Extractor
from accordia.facts import Article, ArticleFacts

__all__ = ["EXTRACTOR_VERSION", "Extractor", "extract"]


def extract(article: Article | str, **kwargs) -> ArticleFacts:
    """Extract one article with a shared default extractor (convenient for scripts and tests)."""
    return _default()(article, **kwargs)


def extract_many(articles: Iterable[Article]) -> Iterator[ArticleFacts]:
    return _default().pipe(articles)


_EXTRACTOR: Extractor | None = None


def _default() -> Extractor:
    global _EXTRACTOR
    if _EXTRACTOR is None:
        _EXTRACTOR = Extractor()
    return _EXTRACTOR
