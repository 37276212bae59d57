"""``check_location`` on both backends: a whole store passes; broken spans and counts are named."""

from __future__ import annotations

from datetime import date

import sqlalchemy as sa

from accordia.store.check import check_location
from tests.store.helpers import WIRE_REPORT, stance_article


def test_check_on_each_backend(store, store_url) -> None:
    article, facts = stance_article(WIRE_REPORT, date(2025, 3, 3), [
        ("FRA", "reassurance-force", "support", "France told its partners on Monday that it supports a "
         "reassurance force for Ukraine once the fighting stops.")])
    store.write(article, facts)
    report = check_location(store_url)
    assert report.ok, [f for f in report.findings if f.status != "ok"]
    with store.engine.begin() as conn:
        conn.execute(sa.text("UPDATE evidence SET \"end\" = \"end\" + 100000"))
        conn.execute(sa.text("UPDATE stories SET source_count = 2"))
    report = check_location(store_url)
    problems = {f.check: f for f in report.findings if f.status == "problem"}
    assert set(problems) == {"evidence offsets", "story source counts"}
    assert problems["evidence offsets"].count == 1 and "article" in problems["evidence offsets"].examples[0]
