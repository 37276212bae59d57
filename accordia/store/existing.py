"""Opening a store only to read it: it must already exist, be Accordia's, and need no migration.

Readers (``report``, ``serve``, ``check`` ...) must not leave a mark on what they open. A mistyped
path would otherwise become a new empty store and a report of nothing, and another program's
SQLite file would gain Accordia's tables and be switched to WAL. So a reader checks first and
refuses, with the reason, before anything could be written.
"""

from __future__ import annotations

from pathlib import Path

import sqlalchemy as sa

from accordia.store.engine import describe
from accordia.store.errors import SchemaVersionError, StoreError
from accordia.store.migrations import LATEST_VERSION, check_supported, current_version

# The first bytes of every SQLite 3 database file.
SQLITE_MAGIC = b"SQLite format 3\x00"


def require_file(url: sa.URL) -> None:
    """A SQLite store must be an existing, non-empty SQLite file (in-memory stores are exempt)."""
    if url.get_backend_name() != "sqlite" or url.database in (None, "", ":memory:"):
        return
    path = Path(url.database)
    if not path.exists():
        raise StoreError(f"no knowledge base at {path}: check --db / ACCORDIA_DB, or create one with "
                         "`accordia ingest`")
    if not path.is_file():
        raise StoreError(f"{path} is not a database file")
    try:
        with path.open("rb") as fh:
            head = fh.read(len(SQLITE_MAGIC))
    except OSError as exc:
        raise StoreError(f"cannot read {path}: {exc.strerror or exc}") from exc
    if not head:
        raise StoreError(f"{path} is an empty file, not a knowledge base: create one with `accordia ingest`")
    if head != SQLITE_MAGIC:
        raise StoreError(f"{path} is not a SQLite database, so not an Accordia knowledge base")


def check_existing(engine: sa.Engine, url: sa.URL) -> int:
    """The schema version of an existing Accordia store at the current layout; refuse anything else."""
    with engine.connect() as conn:
        version = current_version(conn)
    if version == 0:
        raise StoreError(f"{describe(url)} holds no knowledge base yet: create one with `accordia ingest`")
    check_supported(version)
    if version < LATEST_VERSION:
        raise SchemaVersionError(
            f"{describe(url)} is at schema version {version}, older than this Accordia's "
            f"({LATEST_VERSION}); upgrade it first with `accordia migrate`")
    return version
