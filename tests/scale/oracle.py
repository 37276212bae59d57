"""The straightforward versions of the store's as-of queries (group-by over every row), kept as an
oracle: the index-seek versions in ``accordia.store.queries`` must answer exactly the same."""

from __future__ import annotations

from collections import defaultdict
from datetime import date

import sqlalchemy as sa

from accordia.facts import Change
from accordia.store import schema
from accordia.store.queries import StatedPosition, _best, _date_filter, _position_filters, joined_select
from accordia.store.rows import fact_from_row


def current_positions(conn: sa.Connection, as_of: date | None = None, *, issue: str | None = None,
                      actor: str | None = None) -> list[StatedPosition]:
    p = schema.positions
    conds = _position_filters(issue, actor)
    latest = (sa.select(p.c.actor, p.c.issue, sa.func.max(p.c.fact_date).label("latest"))
              .where(*_date_filter(p, as_of), *conds).group_by(p.c.actor, p.c.issue).subquery())
    on = sa.and_(p.c.actor == latest.c.actor, p.c.issue == latest.c.issue, p.c.fact_date == latest.c.latest)
    rows = conn.execute(joined_select(p, (latest, on)).where(*_date_filter(p, None))).mappings().all()
    by_pair: dict = defaultdict(lambda: defaultdict(list))
    for row in rows:
        by_pair[(row["actor"], row["issue"])][row["stance"]].append(row)
    q = (sa.select(p.c.fact_key, p.c.story_id, sa.func.count(sa.distinct(p.c.article_id)))
         .where(*_date_filter(p, as_of), *conds).group_by(p.c.fact_key, p.c.story_id))
    counts = {(key, story): int(n) for key, story, n in conn.execute(q)}
    out = []
    for stances in by_pair.values():
        for stance_rows in stances.values():
            best = _best(stance_rows)
            position = fact_from_row("positions", best)
            position.contested = len(stances) > 1 or position.contested
            sources = sum(counts.get((best["fact_key"], s), 1) for s in {r["story_id"] for r in stance_rows})
            out.append(StatedPosition(position=position, date=best["fact_date"], sources=sources,
                                      fact_key=best["fact_key"], story_id=best["story_id"]))
    out.sort(key=lambda sp: (sp.position.issue, sp.position.actor, sp.position.stance))
    return out


def changes_since(conn: sa.Connection, since: date, as_of: date | None = None) -> list[Change]:
    p = schema.positions
    moved = sa.select(p.c.actor, p.c.issue).distinct().where(p.c.fact_date > since, *_date_filter(p, as_of)).subquery()
    on = sa.and_(p.c.actor == moved.c.actor, p.c.issue == moved.c.issue)
    days: dict = defaultdict(lambda: defaultdict(lambda: defaultdict(list)))
    for row in conn.execute(joined_select(p, (moved, on)).where(*_date_filter(p, as_of))).mappings():
        days[(row["actor"], row["issue"])][row["fact_date"]][row["stance"]].append(row)
    changes = []
    for (pair_actor, pair_issue), by_day in days.items():
        previous: dict = {}
        for day in sorted(by_day):
            stances = by_day[day]
            if day > since and set(stances) != set(previous):
                before = None
                if previous:
                    before = fact_from_row("positions", _best([r for rs in previous.values() for r in rs]))
                    before.contested = len(previous) > 1
                for stance in sorted([s for s in stances if s not in previous] or list(stances)):
                    after = fact_from_row("positions", _best(stances[stance]))
                    after.contested = len(stances) > 1
                    changes.append((day, Change(actor=pair_actor, issue=pair_issue, before=before, after=after)))
            previous = stances
    changes.sort(key=lambda item: (item[0], item[1].issue, item[1].actor, item[1].after.stance))
    return [change for _, change in changes]
