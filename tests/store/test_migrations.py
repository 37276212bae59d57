from __future__ import annotations

from datetime import date

import pytest
import sqlalchemy as sa

from accordia.store import SchemaVersionError, Store, StoreError
from accordia.store import schema as tables
from accordia.store.engine import make_engine, resolve_url
from accordia.store.migrations import LATEST_VERSION, MIGRATIONS, current_version, upgrade
from tests.store.helpers import WIRE_REPORT


def test_fresh_store_is_at_latest_version_and_matches_schema(store: Store) -> None:
    with store.engine.connect() as conn:
        assert current_version(conn) == LATEST_VERSION
        inspector = sa.inspect(conn)
        for name, table in tables.metadata.tables.items():
            reflected = {c["name"] for c in inspector.get_columns(name)}
            assert reflected == {c.name for c in table.columns}, name


def test_opening_twice_does_not_reapply_migrations(store_url: str) -> None:
    Store.open(store_url).close()
    kb = Store.open(store_url)
    with kb.engine.connect() as conn:
        versions = [v for (v,) in conn.execute(sa.select(tables.schema_version.c.version))]
    kb.close()
    assert versions == [step.version for step in MIGRATIONS]


def test_older_database_is_upgraded_and_keeps_its_rows(tmp_path) -> None:
    url = resolve_url(str(tmp_path / "old.db"))
    engine = make_engine(url)
    assert upgrade(engine, target=1) == 1
    with engine.begin() as conn:
        conn.execute(tables.stories.insert().values(id=1, first_article="old1", source_count=1))
        conn.execute(tables.articles.insert().values(
            id="old1", hash="h" * 64, text=WIRE_REPORT, story_id=1, published=date(2025, 3, 3),
            ingested_at=sa.func.now()))
        assert not sa.inspect(conn).has_table("article_signatures")
    engine.dispose()

    kb = Store.open(str(tmp_path / "old.db"))
    with kb.engine.connect() as conn:
        assert current_version(conn) == LATEST_VERSION
        signed = conn.execute(sa.select(tables.article_signatures.c.article_id)).scalars().all()
    assert signed == ["old1"]
    assert kb.article("old1").text == WIRE_REPORT
    # The backfilled signature lets a lightly edited copy of the old article join its story.
    copy = WIRE_REPORT.replace("on Monday", "on Tuesday")
    from accordia.facts import Article, ArticleFacts
    result = kb.write(Article(text=copy, published=date(2025, 3, 4)), ArticleFacts(article_id="x"))
    kb.close()
    assert result.status == "joined" and result.story_id == 1


def test_a_store_at_version_2_upgrades_through_every_later_step(tmp_path) -> None:
    """A store as version 2 left it (no confirmed column, no reviews, no archive indexes) gets
    every later step, in order."""
    url = resolve_url(str(tmp_path / "v2.db"))
    engine = make_engine(url)
    assert upgrade(engine, target=2) == 2
    with engine.begin() as conn:  # step 1 builds today's tables: take back what later steps add
        for index in tables.ARCHIVE_INDEXES:
            conn.exec_driver_sql(f"DROP INDEX IF EXISTS {index.name}")
        conn.exec_driver_sql("ALTER TABLE evidence DROP COLUMN confirmed")
        assert not sa.inspect(conn).has_table("reviews")
    engine.dispose()

    kb = Store.open(str(tmp_path / "v2.db"))
    with kb.engine.connect() as conn:
        versions = [v for (v,) in conn.execute(sa.select(tables.schema_version.c.version)
                                               .order_by(tables.schema_version.c.version))]
        inspector = sa.inspect(conn)
        present = {ix["name"] for name in {index.table.name for index in tables.ARCHIVE_INDEXES}
                   for ix in inspector.get_indexes(name)}
        columns = {c["name"] for c in inspector.get_columns("evidence")}
        has_reviews = inspector.has_table("reviews")
    kb.close()
    assert versions == [step.version for step in MIGRATIONS] == [1, 2, 3, 4, 6]
    assert {index.name for index in tables.ARCHIVE_INDEXES} <= present
    assert "confirmed" in columns and has_reviews


def test_newer_database_is_refused(tmp_path) -> None:
    path = tmp_path / "new.db"
    Store.open(str(path)).close()
    engine = make_engine(resolve_url(str(path)))
    with engine.begin() as conn:
        conn.execute(tables.schema_version.insert().values(
            version=LATEST_VERSION + 5, description="from the future", applied_at=sa.func.now()))
    engine.dispose()
    with pytest.raises(SchemaVersionError, match="newer"):
        Store.open(str(path))


def test_foreign_database_is_refused(tmp_path) -> None:
    engine = make_engine(resolve_url(str(tmp_path / "other.db")))
    with engine.begin() as conn:
        conn.exec_driver_sql("CREATE TABLE articles (x INTEGER)")
    engine.dispose()
    with pytest.raises(SchemaVersionError, match="not an Accordia store"):
        Store.open(str(tmp_path / "other.db"))


def test_sqlite_runs_in_wal_mode_with_foreign_keys(tmp_path) -> None:
    kb = Store.open(str(tmp_path / "kb.db"))
    with kb.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar().lower() == "wal"
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
    kb.close()


def test_locations_that_cannot_work_give_clear_errors(tmp_path) -> None:
    with pytest.raises(StoreError, match="does not exist"):
        Store.open(str(tmp_path / "missing-folder" / "kb.db"))
    with pytest.raises(StoreError, match="directory"):
        Store.open(str(tmp_path))
    with pytest.raises(StoreError, match="unsupported"):
        Store.open("mysql://user@localhost/db")


def test_unreachable_postgresql_is_one_clear_error() -> None:
    # Port 1 on localhost refuses connections on any normal machine.
    with pytest.raises(StoreError, match="cannot open PostgreSQL"):
        Store.open("postgresql://nobody:secret@127.0.0.1:1/none")


def test_unreachable_postgresql_message_hides_password() -> None:
    with pytest.raises(StoreError) as info:
        Store.open("postgresql://nobody:secret@127.0.0.1:1/none")
    assert "secret" not in str(info.value)


def test_default_location_comes_from_environment(monkeypatch, tmp_path) -> None:
    monkeypatch.setenv("ACCORDIA_DB", str(tmp_path / "env.db"))
    assert resolve_url(None).database == str(tmp_path / "env.db")
    monkeypatch.delenv("ACCORDIA_DB")
    monkeypatch.chdir(tmp_path)
    assert resolve_url(None).database == str(tmp_path / "accordia.db")
    assert resolve_url("postgres://u@h/db").drivername == "postgresql+psycopg"


def test_a_file_that_is_not_a_database_is_refused(tmp_path) -> None:
    path = tmp_path / "notes.db"
    path.write_text("these are someone's notes, not a database\n" * 50)
    with pytest.raises(StoreError, match="not a database"):
        Store.open(str(path))
    assert path.read_text().startswith("these are someone's notes")
