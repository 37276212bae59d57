"""Store fixtures: every store test runs on SQLite, and on PostgreSQL when ACCORDIA_TEST_PG_URL is set.

Each PostgreSQL test gets its own schema (dropped afterwards), so tests never see each other's rows.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator

import pytest
import sqlalchemy as sa

from accordia.store import Store
from accordia.store.engine import resolve_url

PG_URL = os.environ.get("ACCORDIA_TEST_PG_URL", "")


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def store_url(request: pytest.FixtureRequest, tmp_path) -> Iterator[str]:
    if request.param == "sqlite":
        yield str(tmp_path / "kb.db")
        return
    if not PG_URL:
        pytest.skip("PostgreSQL variant needs ACCORDIA_TEST_PG_URL (e.g. postgresql://user@127.0.0.1:55432/db)")
    base = resolve_url(PG_URL)
    name = f"t_{uuid.uuid4().hex[:12]}"
    admin = sa.create_engine(base)
    with admin.begin() as conn:
        conn.exec_driver_sql(f'CREATE SCHEMA "{name}"')
    try:
        scoped = base.update_query_dict({"options": f"-csearch_path={name}"})
        yield scoped.render_as_string(hide_password=False)
    finally:
        with admin.begin() as conn:
            conn.exec_driver_sql(f'DROP SCHEMA "{name}" CASCADE')
        admin.dispose()


@pytest.fixture
def store(store_url: str) -> Iterator[Store]:
    kb = Store.open(store_url)
    try:
        yield kb
    finally:
        kb.close()
