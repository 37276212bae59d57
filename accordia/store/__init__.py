"""The knowledge base: schema, migrations, atomic per-article writes and as-of queries (SQLite/PostgreSQL).

Names are resolved on first use (PEP 562), so importing ``accordia.store.errors`` for an error type
does not pay for SQLAlchemy and NumPy: the command line's ``--help`` stays instant.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

from accordia.store.errors import (
    AccordiaError,
    BadInputError,
    SchemaVersionError,
    StoreError,
    UnknownNameError,
)

if TYPE_CHECKING:
    from accordia.store.database import Store, WriteResult
    from accordia.store.queries import StatedPosition

_LAZY = {"Store": "accordia.store.database", "WriteResult": "accordia.store.database",
         "StatedPosition": "accordia.store.queries"}

__all__ = [
    "AccordiaError", "BadInputError", "SchemaVersionError", "StatedPosition", "Store", "StoreError",
    "UnknownNameError", "WriteResult",
]


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        value = getattr(import_module(_LAZY[name]), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
