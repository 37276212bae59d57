"""Where the knowledge base lives: turn a path or URL into a configured SQLAlchemy engine."""

from __future__ import annotations

import os
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy import event
from sqlalchemy.pool import StaticPool

from accordia.store.errors import StoreError

DEFAULT_DB = "accordia.db"
SQLITE_MMAP_BYTES = 1 << 30
SQLITE_CACHE_KIB = 65536
ENV_VAR = "ACCORDIA_DB"
#: How long a SQLite writer waits for another process's write lock before giving up (milliseconds).
BUSY_TIMEOUT_MS = 60_000
#: Execution option marking a connection that will write: on SQLite its transaction takes the write
#: lock when it begins (``BEGIN IMMEDIATE``), so waiting happens under the busy timeout.
WRITE_OPTION = "accordia_write"


def resolve_url(target: str | os.PathLike[str] | None = None) -> sa.URL:
    """A path, ``:memory:`` or a sqlite/postgresql URL; None means $ACCORDIA_DB, else ./accordia.db."""
    raw = os.fspath(target) if target is not None else (os.environ.get(ENV_VAR) or DEFAULT_DB)
    raw = raw.strip()
    if not raw:
        raise StoreError("empty database location")
    for prefix in ("postgresql://", "postgres://"):
        if raw.startswith(prefix):
            raw = "postgresql+psycopg://" + raw[len(prefix):]
    if "://" in raw:
        try:
            url = sa.make_url(raw)
        except sa.exc.ArgumentError as exc:
            raise StoreError(f"not a database URL: {raw!r}") from exc
        if url.get_backend_name() not in ("sqlite", "postgresql"):
            raise StoreError(f"unsupported database {url.get_backend_name()!r}: use SQLite or PostgreSQL")
        return url
    if raw == ":memory:":
        return sa.make_url("sqlite://")
    path = Path(raw).expanduser().resolve()
    if path.is_dir():
        raise StoreError(f"{path} is a directory, not a database file")
    if not path.parent.is_dir():
        raise StoreError(f"folder {path.parent} does not exist")
    return sa.URL.create("sqlite", database=str(path))


def describe(url: sa.URL) -> str:
    """The location for messages, never with the password."""
    return url.render_as_string(hide_password=True)


def make_engine(url: sa.URL, *, configure: bool = True) -> sa.Engine:
    """An engine for ``url``; ``configure=False`` leaves a SQLite file's journal mode as it is found,
    so merely looking at a database (to refuse it, or to read it) never changes it."""
    if url.get_backend_name() == "sqlite":
        return _sqlite_engine(url, configure)
    return sa.create_engine(url, pool_pre_ping=True, connect_args={"connect_timeout": 5})


def writer(engine: sa.Engine) -> sa.Engine:
    """The same engine, with transactions that take the write lock up front on SQLite.

    A deferred SQLite transaction that reads first and writes later cannot wait for another
    writer in WAL mode: it fails at once with "database is locked". Taking the lock at ``BEGIN``
    makes concurrent writers queue under the busy timeout instead.
    """
    return engine.execution_options(**{WRITE_OPTION: True})


# Any fixed number will do: it names "an Accordia writer holds this database" among advisory locks.
_PG_WRITE_LOCK = 0x41636364


def hold_write_lock(conn: sa.Connection) -> None:
    """Serialise writers on PostgreSQL too, until the transaction ends.

    SQLite already has one writer at a time (``BEGIN IMMEDIATE``). PostgreSQL lets transactions
    write side by side, so two copies of one story written at once would not see each other and
    would each open a story; an advisory lock makes them take turns, as on SQLite.
    """
    if conn.dialect.name == "postgresql":
        conn.execute(sa.text("SELECT pg_advisory_xact_lock(:key)"), {"key": _PG_WRITE_LOCK})


def _sqlite_engine(url: sa.URL, configure: bool = True) -> sa.Engine:
    in_memory = url.database in (None, "", ":memory:")
    kwargs: dict = {"connect_args": {"timeout": BUSY_TIMEOUT_MS / 1000, "check_same_thread": False}}
    if in_memory:
        kwargs["poolclass"] = StaticPool
    engine = sa.create_engine(url, **kwargs)

    @event.listens_for(engine, "connect")
    def _configure(dbapi_conn, _record) -> None:  # noqa: ANN001 - DB-API objects are untyped
        # Let SQLAlchemy, not the sqlite3 module, decide where transactions begin, so DDL in a
        # migration is inside the same transaction as its bookkeeping.
        dbapi_conn.isolation_level = None
        cursor = dbapi_conn.cursor()
        # First, so that switching the journal mode below also waits for a concurrent opener.
        cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        if configure and not in_memory:
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA synchronous=NORMAL")
        if not in_memory:
            # Reads at archive scale hop between index and table pages: map the file and keep a
            # larger page cache, so a hop is a memory access rather than a system call.
            cursor.execute(f"PRAGMA mmap_size={SQLITE_MMAP_BYTES}")
            cursor.execute(f"PRAGMA cache_size=-{SQLITE_CACHE_KIB}")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _begin(conn: sa.Connection) -> None:
        write = conn.get_execution_options().get(WRITE_OPTION, False)
        conn.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")

    return engine


def connect_check(engine: sa.Engine, url: sa.URL) -> None:
    """Fail early with one clear line when the server is unreachable or the file unusable."""
    try:
        with engine.connect() as conn:
            conn.exec_driver_sql("SELECT 1")
    except sa.exc.DBAPIError as exc:
        first = str(exc.orig).strip().splitlines()[0] if exc.orig is not None else str(exc)
        kind = "PostgreSQL" if url.get_backend_name() == "postgresql" else "SQLite database"
        raise StoreError(f"cannot open {kind} at {describe(url)}: {first}") from exc
