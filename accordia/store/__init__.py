"""The knowledge base: schema, migrations, atomic per-article writes and as-of queries (SQLite/PostgreSQL)."""

from accordia.store.database import Store, WriteResult
from accordia.store.errors import (
    AccordiaError,
    BadInputError,
    SchemaVersionError,
    StoreError,
    UnknownNameError,
)
from accordia.store.queries import StatedPosition

__all__ = [
    "AccordiaError", "BadInputError", "SchemaVersionError", "StatedPosition", "Store", "StoreError",
    "UnknownNameError", "WriteResult",
]
