"""Versioned schema migrations: an ordered list of steps, the applied ones recorded in ``schema_version``.

Opening a store runs every step above its recorded version, each in its own transaction, so an
older database is upgraded in place and a failed step leaves it at the last good version. A
database whose version is above the newest step was written by a newer Accordia and is refused:
guessing at a layout we do not know could corrupt it.

A released step never changes. A change to the layout is a new step appended here, together with
the matching edit to ``schema.py`` (a test checks that a fresh migrated database equals it).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime

import sqlalchemy as sa

from accordia.store import schema
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


# Numbers 3, 4 and 5 are reserved for steps being written alongside this one; steps run in number order.
MIGRATIONS: list[Migration] = [
    Migration(1, "initial schema: articles, stories, evidence, fact tables", _initial_schema),
    Migration(2, "MinHash signatures for near-duplicate detection", _article_signatures),
    Migration(6, "indexes for archive-scale reads", _archive_indexes),
]
LATEST_VERSION = MIGRATIONS[-1].version


def current_version(conn: sa.Connection) -> int:
    """The recorded version; 0 for an empty database."""
    inspector = sa.inspect(conn)
    if not inspector.has_table("schema_version"):
        if inspector.has_table("articles"):
            raise SchemaVersionError("this database has an 'articles' table but no schema_version: "
                                     "it is not an Accordia store")
        return 0
    found = conn.execute(sa.select(sa.func.max(schema.schema_version.c.version))).scalar()
    return int(found or 0)


def upgrade(engine: sa.Engine, target: int | None = None) -> int:
    """Bring the database to ``target`` (default: newest) and return the version it is at."""
    target = LATEST_VERSION if target is None else target
    with engine.connect() as conn:
        version = current_version(conn)
    if version > LATEST_VERSION:
        raise SchemaVersionError(
            f"database schema version {version} is newer than this Accordia supports "
            f"({LATEST_VERSION}); upgrade Accordia to open it")
    for step in MIGRATIONS:
        if version < step.version <= target:
            with engine.begin() as conn:
                schema.metadata.create_all(conn, tables=[schema.schema_version])
                step.apply(conn)
                conn.execute(schema.schema_version.insert().values(
                    version=step.version, description=step.description,
                    applied_at=datetime.now(UTC).replace(tzinfo=None)))
            version = step.version
    return version
