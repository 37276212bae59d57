"""Read the knowledge base as it stood on a date: current positions, changes, profiles, snapshots.

Every query takes ``as_of``: only facts dated on or before it count, so a report for 1 March is the
same whatever was ingested later. ``None`` means "everything stored".
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

import sqlalchemy as sa

from accordia.facts import Article, Change, Evidence, Position, Snapshot
from accordia.store import schema
from accordia.store.rows import evidence_from_row, fact_from_row


@dataclass
class StatedPosition:
    """A current position with what the store knows around it: when, how many sources, its key."""

    position: Position
    date: date
    sources: int
    fact_key: str
    story_id: int


def joined_select(table: sa.Table, *extra_joins: tuple[sa.FromClause, Any]) -> sa.Select:
    """Fact rows with their evidence and the article's source and date, under ``ev_``/``art_`` labels."""
    ev, art = schema.evidence, schema.articles
    source: sa.FromClause = table
    for target, on in extra_joins:
        source = source.join(target, on)
    source = source.join(art, table.c.article_id == art.c.id).outerjoin(ev, table.c.evidence_id == ev.c.id)
    return sa.select(
        table,
        ev.c.sentence.label("ev_sentence"), ev.c.start.label("ev_start"), ev.c.end.label("ev_end"),
        ev.c.cue.label("ev_cue"), ev.c.rule.label("ev_rule"), ev.c.confidence.label("ev_confidence"),
        art.c.source.label("art_source"), art.c.published.label("art_published"),
        art.c.ingested_at.label("art_ingested"),
    ).select_from(source)


def _date_filter(table: sa.Table, as_of: date | None) -> list[sa.ColumnElement[bool]]:
    return [table.c.fact_date <= as_of] if as_of is not None else []


def _rank(row: Mapping[str, Any]) -> tuple:
    """Sort key for choosing a fact's representative sentence: stated beats implied, then confidence,
    then the earliest-ingested report (the original rather than a later copy)."""
    explicit = row.get("explicit", True)
    return (0 if explicit else 1, -float(row.get("ev_confidence") or 0.0), row["art_ingested"], row["id"])


def _best(rows: Iterable[Mapping[str, Any]]) -> Mapping[str, Any]:
    return min(rows, key=_rank)


def _source_counts(conn: sa.Connection, as_of: date | None, conds: list) -> dict[tuple[str, int], int]:
    p = schema.positions
    q = (sa.select(p.c.fact_key, p.c.story_id, sa.func.count(sa.distinct(p.c.article_id)))
         .where(*_date_filter(p, as_of), *conds).group_by(p.c.fact_key, p.c.story_id))
    return {(key, story): int(n) for key, story, n in conn.execute(q)}


def _position_filters(issue: str | None, actor: str | None) -> list[sa.ColumnElement[bool]]:
    p = schema.positions
    conds = []
    if issue is not None:
        conds.append(p.c.issue == issue)
    if actor is not None:
        conds.append(p.c.actor == actor)
    return conds


def current_positions(conn: sa.Connection, as_of: date | None = None, *, issue: str | None = None,
                      actor: str | None = None) -> list[StatedPosition]:
    """For each (actor, issue), the stance of its latest evidence up to ``as_of``.

    When the latest day carries disagreeing stances, each is returned with ``contested=True``:
    the store cannot tell which report is right, and hiding one would hide a real disagreement.
    """
    p = schema.positions
    conds = _position_filters(issue, actor)
    latest = (sa.select(p.c.actor, p.c.issue, sa.func.max(p.c.fact_date).label("latest"))
              .where(*_date_filter(p, as_of), *conds).group_by(p.c.actor, p.c.issue).subquery())
    on = sa.and_(p.c.actor == latest.c.actor, p.c.issue == latest.c.issue, p.c.fact_date == latest.c.latest)
    rows = conn.execute(joined_select(p, (latest, on))).mappings().all()

    by_pair: dict[tuple[str, str], dict[str, list]] = defaultdict(lambda: defaultdict(list))
    for row in rows:
        by_pair[(row["actor"], row["issue"])][row["stance"]].append(row)
    counts = _source_counts(conn, as_of, conds) if rows else {}

    out: list[StatedPosition] = []
    for (_actor, _issue), stances in by_pair.items():
        contested = len(stances) > 1
        for stance_rows in stances.values():
            best = _best(stance_rows)
            position = fact_from_row("positions", best)
            position.contested = contested or position.contested
            stories = {r["story_id"] for r in stance_rows}
            sources = sum(counts.get((best["fact_key"], s), 1) for s in stories)
            out.append(StatedPosition(position=position, date=best["fact_date"], sources=sources,
                                      fact_key=best["fact_key"], story_id=best["story_id"]))
    out.sort(key=lambda sp: (sp.position.issue, sp.position.actor, sp.position.stance))
    return out


def position_history(conn: sa.Connection, as_of: date | None = None, *, issue: str | None = None,
                     actor: str | None = None) -> list[tuple[date, Position]]:
    """Every position up to ``as_of``, one per (story, fact key): copies of a story count once."""
    p = schema.positions
    q = joined_select(p).where(*_date_filter(p, as_of), *_position_filters(issue, actor))
    groups: dict[tuple[int, str], list] = defaultdict(list)
    for row in conn.execute(q).mappings():
        groups[(row["story_id"], row["fact_key"])].append(row)
    found = []
    for rows in groups.values():
        first_day = min(r["fact_date"] for r in rows)
        best = _best([r for r in rows if r["fact_date"] == first_day])
        found.append((first_day, fact_from_row("positions", best)))
    found.sort(key=lambda item: (item[0], item[1].issue, item[1].actor, item[1].stance))
    return found


def changes_since(conn: sa.Connection, since: date, as_of: date | None = None, *,
                  issue: str | None = None, actor: str | None = None) -> list[Change]:
    """Every stance change dated after ``since`` (and up to ``as_of``), with the evidence either side.

    A pair's stance on a day is the set of stances reported that day; a change is a day whose set
    differs from the previous reported day. A first-ever stance after ``since`` is a change from
    nothing (``before=None``): a new position is news too.
    """
    p = schema.positions
    conds = _position_filters(issue, actor)
    moved = (sa.select(p.c.actor, p.c.issue).distinct()
             .where(p.c.fact_date > since, *_date_filter(p, as_of), *conds).subquery())
    on = sa.and_(p.c.actor == moved.c.actor, p.c.issue == moved.c.issue)
    q = joined_select(p, (moved, on)).where(*_date_filter(p, as_of))

    days: dict[tuple[str, str], dict[date, dict[str, list]]] = defaultdict(
        lambda: defaultdict(lambda: defaultdict(list)))
    for row in conn.execute(q).mappings():
        days[(row["actor"], row["issue"])][row["fact_date"]][row["stance"]].append(row)

    changes: list[tuple[date, Change]] = []
    for (pair_actor, pair_issue), by_day in days.items():
        previous: dict[str, list] = {}
        for day in sorted(by_day):
            stances = by_day[day]
            if day > since and set(stances) != set(previous):
                before = None
                if previous:
                    before = fact_from_row("positions", _best([r for rs in previous.values() for r in rs]))
                    before.contested = len(previous) > 1
                new = [s for s in stances if s not in previous] or list(stances)
                for stance in sorted(new):
                    after = fact_from_row("positions", _best(stances[stance]))
                    after.contested = len(stances) > 1
                    changes.append((day, Change(actor=pair_actor, issue=pair_issue, before=before,
                                                after=after)))
            previous = stances
    changes.sort(key=lambda item: (item[0], item[1].issue, item[1].actor, item[1].after.stance))
    return [change for _, change in changes]


def latest_facts(conn: sa.Connection, table_name: str, as_of: date | None = None,
                 where: Iterable[sa.ColumnElement[bool]] = ()) -> list[Any]:
    """One fact per ``fact_key`` up to ``as_of``: its latest report, best-evidenced on that day."""
    table = schema.FACT_TABLES[table_name]
    q = joined_select(table).where(*_date_filter(table, as_of), *where)
    groups: dict[str, list] = defaultdict(list)
    for row in conn.execute(q).mappings():
        groups[row["fact_key"]].append(row)
    facts = []
    for rows in groups.values():
        last_day = max(r["fact_date"] for r in rows)
        best = _best([r for r in rows if r["fact_date"] == last_day])
        facts.append((last_day, best["fact_key"], fact_from_row(table_name, best)))
    facts.sort(key=lambda item: (item[0], item[1]))
    return [fact for _, _, fact in facts]


def fact_evidence(conn: sa.Connection, table_name: str, fact_key: str,
                  as_of: date | None = None) -> list[Evidence]:
    """Every sentence, in every article, that states the fact with this key (oldest first)."""
    table = schema.FACT_TABLES[table_name]
    q = (joined_select(table).where(table.c.fact_key == fact_key, *_date_filter(table, as_of))
         .order_by(table.c.fact_date, table.c.id))
    found = []
    for row in conn.execute(q).mappings():
        ev = evidence_from_row(row)
        if ev is not None:
            found.append(ev)
    return found


def article_by_id(conn: sa.Connection, article_id: str) -> Article | None:
    a = schema.articles
    row = conn.execute(sa.select(a).where(a.c.id == article_id)).mappings().first()
    if row is None:
        return None
    return Article(text=row["text"], title=row["title"], source=row["source"], url=row["url"],
                   published=row["published"], language=row["language"], path=row["path"], id=row["id"])


def article_evidence(conn: sa.Connection, article_id: str) -> list[dict[str, Any]]:
    """Every evidence span stored for one article, in text order (for highlighting)."""
    ev = schema.evidence
    q = (sa.select(ev.c.sentence, ev.c.start, ev.c.end, ev.c.cue, ev.c.rule, ev.c.confidence)
         .where(ev.c.article_id == article_id).order_by(ev.c.start, ev.c.id))
    return [dict(r) for r in conn.execute(q).mappings()]


def article_positions(conn: sa.Connection, article_id: str) -> list[tuple[date, Position]]:
    """The positions read from one article (by index: the article view must not scan the store)."""
    p = schema.positions
    q = joined_select(p).where(p.c.article_id == article_id).order_by(p.c.id)
    return [(row["fact_date"], fact_from_row("positions", row)) for row in conn.execute(q).mappings()]


def article_count(conn: sa.Connection) -> int:
    return int(conn.execute(sa.select(sa.func.count()).select_from(schema.articles)).scalar_one())


def article_list(conn: sa.Connection) -> list[dict[str, Any]]:
    """Stored articles without their text, in ingestion order."""
    a = schema.articles
    cols = [a.c.id, a.c.title, a.c.source, a.c.url, a.c.published, a.c.language, a.c.path,
            a.c.story_id, a.c.ingested_at, a.c.extractor_version]
    return [dict(r) for r in conn.execute(sa.select(*cols).order_by(a.c.ingested_at, a.c.id)).mappings()]


def actor_profile(conn: sa.Connection, actor: str, as_of: date | None = None) -> dict[str, Any]:
    """Everything the store holds about one actor as of a date."""
    t = schema.FACT_TABLES
    return {
        "actor": actor,
        "as_of": as_of,
        "positions": current_positions(conn, as_of, actor=actor),
        "commitments": latest_facts(conn, "commitments", as_of, [t["commitments"].c.actor == actor]),
        "red_lines": latest_facts(conn, "red_lines", as_of, [t["red_lines"].c.actor == actor]),
        "memberships": latest_facts(conn, "memberships", as_of, [t["memberships"].c.member == actor]),
        "people": latest_facts(conn, "people", as_of, [t["people"].c.actor == actor]),
    }


def known_values(conn: sa.Connection, column: sa.Column) -> set[str]:
    return {v for (v,) in conn.execute(sa.select(column).distinct()) if v}


def snapshot(conn: sa.Connection, as_of: date | None = None) -> Snapshot:
    """The input every analysis reads: current positions, their history and all other facts."""
    return Snapshot(
        as_of=as_of,
        positions=[sp.position for sp in current_positions(conn, as_of)],
        history=[position for _, position in position_history(conn, as_of)],
        commitments=latest_facts(conn, "commitments", as_of),
        red_lines=latest_facts(conn, "red_lines", as_of),
        provisions=latest_facts(conn, "provisions", as_of),
        memberships=latest_facts(conn, "memberships", as_of),
        decision_rules=latest_facts(conn, "decision_rules", as_of),
        quantities=latest_facts(conn, "quantities", as_of),
        events=latest_facts(conn, "events", as_of),
    )
