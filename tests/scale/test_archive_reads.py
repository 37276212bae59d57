"""On a synthetic archive (contested days, wire copies, moving stances), the index-seek queries
answer exactly what the plain group-by definitions answer."""

from __future__ import annotations

import random
from datetime import date, timedelta

import pytest

from accordia.store import Store, queries
from bench.archive import START, generate
from tests.scale import oracle


@pytest.fixture(scope="module")
def archive(tmp_path_factory):
    path = tmp_path_factory.mktemp("archive") / "archive.db"
    counts = generate(str(path), 1500, seed=11, batch=500, quiet=True)
    assert counts["articles"] == 1500 and counts["facts"] > 5 * 1500 * 0.9
    with Store.open(path) as store:
        yield store


def _days(n: int) -> list[date]:
    rng = random.Random(4)
    return [START + timedelta(days=rng.randrange(20, 730)) for _ in range(n)]


def test_current_positions_match_the_definition(archive):
    with archive.engine.connect() as conn:
        for n, day in enumerate([None, *_days(6)]):
            issue = ("ceasefire", "reassurance-force", None)[n % 3]
            actor = "FRA" if n == 4 else None
            fast = queries.current_positions(conn, day, issue=issue, actor=actor)
            assert fast, (day, issue)
            assert fast == oracle.current_positions(conn, day, issue=issue, actor=actor)


def test_changes_match_the_definition(archive):
    seen = 0
    with archive.engine.connect() as conn:
        for day in _days(5):
            for window in (1, 30):
                since = day - timedelta(days=window)
                fast = queries.changes_since(conn, since, day)
                assert fast == oracle.changes_since(conn, since, day)
                seen += len(fast)
    assert seen > 20


def test_actor_facts_and_pairs_match_the_definition(archive):
    t = queries.schema.FACT_TABLES
    with archive.engine.connect() as conn:
        for day in [None, *_days(3)]:
            for table, column in (("commitments", "actor"), ("people", "actor"), ("memberships", "member")):
                plain = queries.latest_facts(conn, table, day, [t[table].c[column] == "USA"])
                assert queries.latest_facts_of(conn, table, column, "USA", day) == plain
            pairs = {(sp.position.actor, sp.position.issue) for sp in oracle.current_positions(conn, day)}
            assert set(queries.position_pairs(conn, day)) == pairs


def test_seeks_leave_out_unconfirmed_readings_as_the_definitions_do(tmp_path):
    """With some readings unconfirmed (hidden by the default view), a pair's latest day may be
    hidden entirely: the seeks then fall back to its latest shown day, as the definitions do."""
    path = tmp_path / "hidden.db"
    generate(str(path), 400, seed=5, batch=400, quiet=True)
    with Store.open(path) as store:
        with store.engine.begin() as conn:
            conn.exec_driver_sql("UPDATE evidence SET confirmed = 0 WHERE id % 3 = 0")
        t = queries.schema.FACT_TABLES
        with store.engine.connect() as conn:
            for day in [None, *_days(3)]:
                assert queries.current_positions(conn, day) == oracle.current_positions(conn, day)
                since = (day or date(2027, 1, 1)) - timedelta(days=60)
                assert queries.changes_since(conn, since, day) == oracle.changes_since(conn, since, day)
                plain = queries.latest_facts(conn, "commitments", day, [t["commitments"].c.actor == "USA"])
                assert queries.latest_facts_of(conn, "commitments", "actor", "USA", day) == plain
                pairs = {(sp.position.actor, sp.position.issue) for sp in oracle.current_positions(conn, day)}
                assert set(queries.position_pairs(conn, day)) == pairs
