"""Errors the store raises, so callers (CLI, REST) can print one clear line instead of a traceback."""

from __future__ import annotations


class AccordiaError(Exception):
    """Base of every error Accordia reports to a user as a plain message."""


class StoreError(AccordiaError):
    """The knowledge base cannot be opened, read or written."""


class SchemaVersionError(StoreError):
    """The database was written by a newer Accordia (or is not an Accordia store at all)."""


class BadInputError(AccordiaError, ValueError):
    """A user-supplied value (date, issue, actor, format) is not usable."""


class UnknownNameError(AccordiaError, LookupError):
    """An issue, actor or article id that neither the reference data nor the store knows."""

    def __str__(self) -> str:  # LookupError would quote the message like a dict key
        return str(self.args[0]) if self.args else ""
