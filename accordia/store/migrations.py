"""Versioned schema migrations: an ordered list of steps, the applied ones recorded in ``schema_version``.

Opening a store runs every step above its recorded version, each in its own transaction, so an
older database is upgraded in place and a failed step leaves it at the last good version. A
database whose version is above the newest step was written by a newer Accordia and is refused:
guessing at a layout we do not know could corrupt it. So is a database that already holds tables
of its own but no ``schema_version``: it belongs to some other program.

Several processes may open a new store at once. Each step takes the write lock first (``BEGIN
IMMEDIATE`` on SQLite, an advisory lock on PostgreSQL) and re-reads the version under it, so the
second opener finds the step done and skips it instead of failing on tables that now exist.

A released step never changes. A change to the layout is a new step appended here, together with
the matching edit to ``schema.py`` (a test checks that a fresh migrated database equals it).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime

import sqlalchemy as sa

from accordia.store import schema
from accordia.store.engine import hold_write_lock, writer
from accordia.store.errors import SchemaVersionError


@dataclass(frozen=True)
class Migration:
    version: int
    description: str
    apply: Callable[[sa.Connection], None]


_V1_TABLES = [
    schema.stories, schema.articles, schema.evidence, schema.actors, schema.issues,
    *schema.FACT_TABLES.values(),
]


def _initial_schema(conn: sa.Connection) -> None:
    schema.metadata.create_all(conn, tables=_V1_TABLES)


def _article_signatures(conn: sa.Connection) -> None:
    """Add the signature table and sign every article already stored, so old ones still match."""
    from accordia.store.near_duplicates import MinHasher, shingles, signature_to_bytes

    schema.metadata.create_all(conn, tables=[schema.article_signatures])
    hasher = MinHasher()
    rows = conn.execute(sa.select(schema.articles.c.id, schema.articles.c.text)).fetchall()
    batch = []
    for article_id, text in rows:
        signature = hasher.signature(shingles(text))
        if signature is not None:
            batch.append({"article_id": article_id, "signature": signature_to_bytes(signature)})
    if batch:
        conn.execute(schema.article_signatures.insert(), batch)


def _archive_indexes(conn: sa.Connection) -> None:
    """Indexes for reads at archive scale; ``checkfirst`` makes the step safe to meet twice."""
    for index in schema.ARCHIVE_INDEXES:
        index.create(conn, checkfirst=True)


def _evidence_confirmed(conn: sa.Connection) -> None:
    """Evidence read below the extractor's threshold is kept but marked; old rows count as confirmed.

    Step 1 creates tables from the current layout, so a fresh database already has the column.
    """
    if "confirmed" in {c["name"] for c in sa.inspect(conn).get_columns("evidence")}:
        return
    conn.execute(sa.text("ALTER TABLE evidence ADD COLUMN confirmed BOOLEAN NOT NULL DEFAULT TRUE"))


def _reviews(conn: sa.Connection) -> None:
    schema.metadata.create_all(conn, tables=[schema.reviews])


# Number 5 was never used: it was held back while steps 3, 4 and 6 were written side by side.
MIGRATIONS: list[Migration] = [
    Migration(1, "initial schema: articles, stories, evidence, fact tables", _initial_schema),
    Migration(2, "MinHash signatures for near-duplicate detection", _article_signatures),
    Migration(3, "evidence.confirmed: readings below the extractor's threshold", _evidence_confirmed),
    Migration(4, "reviews: an analyst's accept, reject, correct and add decisions", _reviews),
    Migration(6, "indexes for archive-scale reads", _archive_indexes),
]
LATEST_VERSION = MIGRATIONS[-1].version


def current_version(conn: sa.Connection) -> int:
    """The recorded version; 0 for an empty database. Refuses a database that holds other tables."""
    inspector = sa.inspect(conn)
    if not inspector.has_table("schema_version"):
        foreign = sorted(inspector.get_table_names())
        if foreign:
            shown = ", ".join(foreign[:5]) + (f" and {len(foreign) - 5} more" if len(foreign) > 5 else "")
            raise SchemaVersionError(
                f"this database is not an Accordia store: it holds other tables ({shown}) and "
                "no schema_version; Accordia leaves it untouched. Check --db / ACCORDIA_DB")
        return 0
    found = conn.execute(sa.select(sa.func.max(schema.schema_version.c.version))).scalar()
    return int(found or 0)


def check_supported(version: int) -> None:
    if version > LATEST_VERSION:
        raise SchemaVersionError(
            f"database schema version {version} is newer than this Accordia supports "
            f"({LATEST_VERSION}); upgrade Accordia to open it")


def upgrade(engine: sa.Engine, target: int | None = None) -> int:
    """Bring the database to ``target`` (default: newest) and return the version it is at."""
    target = LATEST_VERSION if target is None else target
    with engine.connect() as conn:
        version = current_version(conn)
    check_supported(version)
    for step in MIGRATIONS:
        if version < step.version <= target:
            version = _apply(writer(engine), step)
    return version


def _apply(engine: sa.Engine, step: Migration) -> int:
    """Apply one step under the write lock unless another process applied it meanwhile."""
    with engine.begin() as conn:
        hold_write_lock(conn)
        version = current_version(conn)
        check_supported(version)
        if version >= step.version:
            return version
        schema.metadata.create_all(conn, tables=[schema.schema_version])
        step.apply(conn)
        conn.execute(schema.schema_version.insert().values(
            version=step.version, description=step.description,
            applied_at=datetime.now(UTC).replace(tzinfo=None)))
    return step.version
