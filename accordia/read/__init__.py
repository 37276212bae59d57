"""Readers: files, folders and pasted text in, :class:`~accordia.facts.Article` objects out.

``read_path`` never raises for a bad file: every article or failure comes back as a
:class:`ReadResult`, so one broken export cannot stop a batch. The format is chosen by suffix
(``.xml`` is sniffed as a feed or a web page); folders are walked in sorted order.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from datetime import date
from pathlib import Path

from accordia.facts import Article
from accordia.read.assemble import to_article, to_result
from accordia.read.dates import dateline_date, dateline_place, parse_date, parse_dateline
from accordia.read.errors import (
    BinaryInput,
    EmptyInput,
    Malformed,
    NotAnArticle,
    NotEnglish,
    ReadError,
    TooLarge,
    Unreadable,
    UnsupportedFormat,
)
from accordia.read.feeds import looks_like_feed, looks_like_html, parse_feed
from accordia.read.files import as_utf8, file_date, load_bytes
from accordia.read.html import parse_html
from accordia.read.language import is_english
from accordia.read.result import RawArticle, ReadResult
from accordia.read.tabular import parse_csv, parse_json, parse_jsonl
from accordia.read.text import parse_text

__all__ = [
    "BinaryInput", "EmptyInput", "Malformed", "NotAnArticle", "NotEnglish", "ReadError", "ReadResult", "TooLarge",
    "Unreadable", "UnsupportedFormat", "SUFFIXES", "dateline_date", "dateline_place", "is_english",
    "parse_date", "parse_dateline", "files_in", "read_file", "read_path", "read_text",
]

Found = RawArticle | ReadError
Reader = Callable[[bytes, str], Iterable[Found]]

SUFFIXES: tuple[str, ...] = (
    ".txt", ".md", ".markdown", ".html", ".htm", ".xhtml", ".xml", ".rss", ".atom",
    ".jsonl", ".ndjson", ".json", ".csv", ".tsv",
)
# Annotation files that sit beside articles (the corpus's NAME.gold.json): not articles.
_NOT_ARTICLES = (".gold.json",)
# A folder's own documentation (README.md, LICENSE) describes the articles; it is not one of them.
# Only plain-text or Markdown files count as such: a web page saved as changelog.2025.html is read.
_FOLDER_DOCS = ("readme", "license", "licence", "changelog")
_DOC_SUFFIXES = ("", "md", "markdown", "txt", "rst")


def read_path(
    path: str | Path,
    *,
    recursive: bool = True,
    year_reference: date | None = None,
    max_bytes: int | None = None,
) -> Iterator[ReadResult]:
    """Every article in a file or folder, and a failed ReadResult for each thing that was not one.

    ``year_reference`` overrides the date a year-less dateline is resolved against (normally the
    source's own date, else the file's modification date): useful when files were copied long
    after publication. ``max_bytes`` overrides :data:`accordia.read.files.MAX_FILE_BYTES`.
    """
    root = Path(path)
    if root.is_dir():
        for file in _walk(root, recursive):
            if isinstance(file, ReadError):
                yield ReadResult(article=None, path=file.path, error=file)
            else:
                yield from _read_file(file, year_reference, max_bytes)
    else:
        yield from _read_file(root, year_reference, max_bytes)


def files_in(path: str | Path, *, recursive: bool = True) -> Iterator[Path | ReadError]:
    """The files ``read_path`` would read, in its order (a folder that cannot be listed is an error).

    Lets a parallel ingest hand files to worker processes and still keep a one-process run's order.
    """
    root = Path(path)
    if root.is_dir():
        yield from _walk(root, recursive)
    else:
        yield root


def read_file(file: str | Path, *, year_reference: date | None = None,
              max_bytes: int | None = None) -> Iterator[ReadResult]:
    """Every article in one file (not a folder), as ``read_path`` reads it."""
    yield from _read_file(Path(file), year_reference, max_bytes)


def read_text(
    text: str,
    *,
    source: str = "",
    url: str = "",
    published: date | str | None = None,
    title: str = "",
) -> Article:
    """An Article from pasted text; raises a ReadError subclass if the text is unfit.

    Without a ``published`` date the dateline supplies one, its year resolved against today.
    """
    name = "<text>"
    if not isinstance(text, str):
        raise BinaryInput(name, f"expected text, got {type(text).__name__}")
    day = parse_date(published)
    if published not in (None, "") and day is None:
        raise Malformed(name, f"the published date {published!r} is not a date that can be read")
    raw = RawArticle(text=text, title=title, source=source, url=url, published=day)
    article, _ = to_article(raw, path="", year_reference=date.today())
    return article


def _not_an_article(name: str) -> str:
    """Why a file in a folder is left unread ("" when it is read)."""
    lower = name.lower()
    if lower.startswith("."):
        return "hidden file, not read"
    if lower.endswith(_NOT_ARTICLES):
        return "annotation file (gold facts), not an article"
    stem, *suffixes = lower.split(".")
    if stem in _FOLDER_DOCS and all(s in _DOC_SUFFIXES for s in suffixes):
        return "the folder's own documentation, not an article (name the file to read it)"
    return ""


def _walk(folder: Path, recursive: bool) -> Iterator[Path | ReadError]:
    """Files under ``folder`` in sorted order; a file or folder left unread, and a folder that cannot
    be listed, is reported in place (as a :class:`NotAnArticle` or :class:`Unreadable`)."""
    try:
        children = sorted(folder.iterdir(), key=lambda p: p.name)
    except OSError as exc:
        yield Unreadable(str(folder), f"folder could not be listed ({exc.strerror or exc})")
        return
    for child in children:
        if child.is_dir():
            if child.name.startswith("."):
                yield NotAnArticle(str(child), "hidden folder, not read")
            elif child.is_symlink():
                yield NotAnArticle(str(child), "linked folder, not followed (name it to read it)")
            elif recursive:
                yield from _walk(child, recursive)
            else:
                yield NotAnArticle(str(child), "sub-folder, not read (reading is not recursive)")
            continue
        reason = _not_an_article(child.name)
        yield NotAnArticle(str(child), reason) if reason else child


def _read_file(file: Path, year_reference: date | None, max_bytes: int | None) -> Iterator[ReadResult]:
    name = str(file)
    try:
        data = as_utf8(load_bytes(file, max_bytes), name)
        reader = _reader_for(file, data)
        file_day = file_date(file)
        for found in reader(data, name):
            if isinstance(found, ReadError):
                yield ReadResult(article=None, path=name, error=found, where=found.where)
            else:
                yield to_result(found, path=name, file_day=file_day, year_reference=year_reference)
    except ReadError as exc:
        yield ReadResult(article=None, path=name, error=exc, where=exc.where)
    except Exception as exc:  # a reader bug or a library failure: report it, keep the batch going
        error = Malformed(name, f"could not be read ({type(exc).__name__}: {exc})")
        yield ReadResult(article=None, path=name, error=error)


def _reader_for(file: Path, data: bytes) -> Reader:
    suffix = file.suffix.lower()
    name = str(file)
    if suffix == ".xml":
        if looks_like_feed(data):
            return parse_feed
        if looks_like_html(data):
            return _single(parse_html)
        raise UnsupportedFormat(name, "XML that is neither an RSS/Atom feed nor an HTML page")
    readers: dict[str, Reader] = {
        ".txt": _single(parse_text),
        ".md": _single(_parse_markdown),
        ".markdown": _single(_parse_markdown),
        ".html": _single(parse_html),
        ".htm": _single(parse_html),
        ".xhtml": _single(parse_html),
        ".rss": parse_feed,
        ".atom": parse_feed,
        ".jsonl": parse_jsonl,
        ".ndjson": parse_jsonl,
        ".json": parse_json,
        ".csv": parse_csv,
        ".tsv": _tab_separated,
    }
    if suffix not in readers:
        kind = f"'{suffix}' files" if suffix else "files without a suffix"
        raise UnsupportedFormat(name, f"no reader for {kind} (readable: {' '.join(SUFFIXES)})")
    return readers[suffix]


def _single(parse: Callable[[bytes, str], RawArticle]) -> Reader:
    def read_one(data: bytes, name: str) -> Iterable[Found]:
        return [parse(data, name)]

    return read_one


def _parse_markdown(data: bytes, name: str) -> RawArticle:
    return parse_text(data, name, markdown=True)


def _tab_separated(data: bytes, name: str) -> Iterable[Found]:
    return parse_csv(data, name, delimiter="\t")
