"""Typed reasons a file, row or entry could not become an Article.

Readers raise (or, for one bad row among many, yield) these instead of crashing, so that a batch
run can report every skip by file and reason and carry on with the rest.
"""

from __future__ import annotations


class ReadError(Exception):
    """Something at ``path`` (optionally at ``where`` inside it: a line, row or entry) was unreadable."""

    def __init__(self, path: str, reason: str, where: str = "") -> None:
        super().__init__(path, reason, where)
        self.path = path
        self.reason = reason
        self.where = where

    def __str__(self) -> str:
        place = f"{self.path} ({self.where})" if self.where else self.path
        return f"{place}: {self.reason}"


class EmptyInput(ReadError):
    """No text, or too little to hold a fact."""


class BinaryInput(ReadError):
    """Not text: NUL bytes, or too many bytes that are not UTF-8."""


class TooLarge(ReadError):
    """Over the size limit; refused before reading so a stray dump cannot exhaust memory."""


class Malformed(ReadError):
    """The format is broken beyond recovery (bad JSON, an unreadable feed, no text column)."""


class NotEnglish(ReadError):
    """The extractor reads English only; other languages are skipped, not mis-read."""


class UnsupportedFormat(ReadError):
    """No reader for this kind of file."""


class NotAnArticle(ReadError):
    """Found in a folder but deliberately not read: its documentation, annotations, hidden files.

    Reported like any other skip, so that nothing in a folder disappears without a word.
    """


class Unreadable(ReadError):
    """The file system refused: missing file, no permission, a device instead of a file."""
