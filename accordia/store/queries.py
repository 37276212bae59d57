"""Read the knowledge base as it stood on a date: current positions, changes, profiles, snapshots.

Every query takes ``as_of``: only facts dated on or before it count, so a report for 1 March is the
same whatever was ingested later. ``None`` means "everything stored".
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

import sqlalchemy as sa

from accordia.facts import Article, Change, Evidence, Position, Snapshot
from accordia.store import schema
from accordia.store.rows import evidence_from_row, fact_from_row
from accordia.store.view import DEFAULT_VIEW, View, visible

#: A view's WHERE conditions on one table; empty when the view hides nothing there.
Hidden = Sequence[sa.ColumnElement[bool]]


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
        ev.c.confirmed.label("ev_confirmed"), art.c.source.label("art_source"), art.c.published.label("art_published"),
        art.c.ingested_at.label("art_ingested"), art.c.title.label("art_title"), art.c.url.label("art_url"),
    ).select_from(source)


def _up_to(table: sa.Table, as_of: date | None) -> list[sa.ColumnElement[bool]]:
    """Rows dated up to ``as_of``, whatever the view."""
    return [table.c.fact_date <= as_of] if as_of is not None else []


def _date_filter(table: sa.Table, as_of: date | None, view: View = DEFAULT_VIEW) -> list[sa.ColumnElement[bool]]:
    """Rows dated up to ``as_of`` that ``view`` shows (every query filters through here)."""
    return [*([table.c.fact_date <= as_of] if as_of is not None else []), *visible(table, view)]


def _rank(row: Mapping[str, Any]) -> tuple:
    """Sort key for choosing a fact's representative sentence: stated beats implied, then confidence,
    then the earliest-ingested report (the original rather than a later copy)."""
    explicit = row.get("explicit", True)
    return (0 if explicit else 1, -float(row.get("ev_confidence") or 0.0), row["art_ingested"], row["id"])


def _best(rows: Iterable[Mapping[str, Any]]) -> Mapping[str, Any]:
    return min(rows, key=_rank)


def _source_counts(conn: sa.Connection, as_of: date | None, pairs: set[tuple[str, int]],
                   hidden: Hidden = ()) -> dict[tuple[str, int], int]:
    """Distinct articles per (fact key, story) that the view shows, for just the pairs asked about."""
    p = schema.positions
    counts: dict[tuple[str, int], int] = {}
    for chunk in _chunks(sorted(pairs)):
        q = (sa.select(p.c.fact_key, p.c.story_id, sa.func.count(sa.distinct(p.c.article_id)))
             .where(_any_of([p.c.fact_key, p.c.story_id], chunk), *_up_to(p, as_of), *hidden)
             .group_by(p.c.fact_key, p.c.story_id))
        counts.update({(key, story): int(n) for key, story, n in conn.execute(q)})
    return counts


# Lists of keys go to the database in chunks: SQLite caps the depth of an expression (an OR chain).
CHUNK = 200


def _chunks(items: list[Any]) -> Iterator[list[Any]]:
    for start in range(0, len(items), CHUNK):
        yield items[start:start + CHUNK]


def _any_of(columns: list[sa.Column], keys: list[tuple]) -> sa.TextClause:
    """``(c1 = k1 AND c2 = k2 ...) OR ...``: both backends answer it with one index seek per key,
    where a row-value ``IN`` list makes SQLite scan. Written as text with typed parameters, since
    building hundreds of expression objects costs more than the query itself."""
    if not keys:
        return sa.text("1 = 0")
    names = [f'"{c.table.name}"."{c.name}"' for c in columns]
    terms, params = [], []
    for n, key in enumerate(keys):
        parts = []
        for m, (name, column, value) in enumerate(zip(names, columns, key, strict=True)):
            parts.append(f"{name} = :k{n}_{m}")
            params.append(sa.bindparam(f"k{n}_{m}", value, type_=column.type))
        terms.append("(" + " AND ".join(parts) + ")")
    return sa.text("(" + " OR ".join(terms) + ")").bindparams(*params)


def _position_filters(issue: str | None, actor: str | None) -> list[sa.ColumnElement[bool]]:
    p = schema.positions
    conds = []
    if issue is not None:
        conds.append(p.c.issue == issue)
    if actor is not None:
        conds.append(p.c.actor == actor)
    return conds


def _skip_scan(table: str, column: str, where: str = "") -> str:
    """SQL listing the distinct values of an indexed column by one index seek per value.

    A recursive query asks for the smallest value above the last one found, so a million rows
    with eighty distinct values cost eighty seeks rather than a scan (SQLite and PostgreSQL alike).
    ``where`` (with bound parameters) narrows both steps, e.g. to one issue.
    """
    cond = f" AND {where}" if where else ""
    first = f" WHERE {where}" if where else ""
    # TEXT on both sides: PostgreSQL wants one type for the two halves of a recursive query.
    return (f'WITH RECURSIVE found(value) AS (SELECT CAST(MIN("{column}") AS TEXT) FROM "{table}"{first} '
            f'UNION ALL SELECT CAST((SELECT MIN(t."{column}") FROM "{table}" t WHERE t."{column}" > found.value'
            f"{cond}) AS TEXT) FROM found WHERE found.value IS NOT NULL) "
            "SELECT value FROM found WHERE value IS NOT NULL")


def _values_and_latest(conn: sa.Connection, table: str, column: str, where: dict[str, str],
                       as_of: date | None) -> list[tuple[str, date]]:
    """Each distinct ``column`` value among rows matching ``where`` (column -> value), with its latest
    ``fact_date`` up to ``as_of``: one statement, index seeks only (``column`` follows ``where``'s
    columns in an index that ends with fact_date)."""
    params: dict[str, Any] = {f"w{n}": v for n, v in enumerate(where.values())}
    narrow = " AND ".join(f'"{c}" = :w{n}' for n, c in enumerate(where))
    day = " AND l.fact_date <= :as_of" if as_of is not None else ""
    same = "".join(f' AND l."{c}" = :w{n}' for n, c in enumerate(where))
    sql = _skip_scan(table, column, narrow).replace(
        "SELECT value FROM found WHERE value IS NOT NULL",
        f'SELECT value, (SELECT MAX(l.fact_date) FROM "{table}" l WHERE l."{column}" = found.value{same}{day}) '
        "AS latest FROM found WHERE value IS NOT NULL")
    q = sa.text(sql)
    if as_of is not None:
        q = q.bindparams(sa.bindparam("as_of", type_=sa.Date))
        params["as_of"] = as_of
    rows = conn.execute(q.columns(sa.column("value", sa.String), sa.column("latest", sa.Date)), params)
    return [(value, _as_date(latest)) for value, latest in rows if latest is not None]


def _latest_days(conn: sa.Connection, pairs: list[tuple[str, str]],
                 as_of: date | None) -> dict[tuple[str, str], date]:
    """The latest position day up to ``as_of`` of each (actor, issue): one seek per pair."""
    found: dict[tuple[str, str], date] = {}
    day = " AND p.fact_date <= :as_of" if as_of is not None else ""
    for chunk in _chunks(pairs):
        values = ", ".join(f"(:a{n}, :i{n})" for n in range(len(chunk)))
        params: dict[str, Any] = {}
        for n, (actor, issue) in enumerate(chunk):
            params[f"a{n}"], params[f"i{n}"] = actor, issue
        q = sa.text(f"WITH pairs(actor, issue) AS (VALUES {values}) SELECT actor, issue, "
                    f"(SELECT MAX(p.fact_date) FROM positions p WHERE p.actor = pairs.actor "
                    f"AND p.issue = pairs.issue{day}) AS latest FROM pairs")
        if as_of is not None:
            q = q.bindparams(sa.bindparam("as_of", type_=sa.Date))
            params["as_of"] = as_of
        q = q.columns(sa.column("actor", sa.String), sa.column("issue", sa.String), sa.column("latest", sa.Date))
        for actor, issue, latest in conn.execute(q, params):
            if latest is not None:
                found[(actor, issue)] = _as_date(latest)
    return found


def _as_date(value: Any) -> date:
    return value if isinstance(value, date) else date.fromisoformat(str(value)[:10])


def _latest_pairs(conn: sa.Connection, as_of: date | None, issue: str | None,
                  actor: str | None) -> list[tuple[str, str, date]]:
    """(actor, issue, latest day up to ``as_of``) for every pair with a position, by index seeks."""
    if issue is not None and actor is not None:
        return [(actor, issue, d) for d in _latest_days(conn, [(actor, issue)], as_of).values()]
    if issue is not None:
        return [(a, issue, d) for a, d in _values_and_latest(conn, "positions", "actor", {"issue": issue}, as_of)]
    if actor is not None:
        return [(actor, i, d) for i, d in _values_and_latest(conn, "positions", "issue", {"actor": actor}, as_of)]
    pairs = []
    for (one,) in conn.execute(sa.text(_skip_scan("positions", "actor"))).all():
        found = conn.execute(sa.text(_skip_scan("positions", "issue", "actor = :actor")), {"actor": one})
        pairs += [(one, value) for (value,) in found]
    return [(a, i, d) for (a, i), d in _latest_days(conn, pairs, as_of).items()]


def _rows_on(conn: sa.Connection, table: sa.Table, columns: list[sa.Column],
             keys: list[tuple], hidden: Hidden = ()) -> list[Mapping[str, Any]]:
    """Joined rows whose ``columns`` equal one of ``keys`` (and the view shows), fetched in chunks
    by index seeks."""
    rows: list[Mapping[str, Any]] = []
    for chunk in _chunks(keys):
        rows += conn.execute(joined_select(table).where(_any_of(columns, chunk), *hidden)).mappings().all()
    return rows


# ---- the reviewed view over index seeks ----------------------------------------------------------
# The seeks above read every row. A view (store/view.py) may hide some: an analyst's rejection, a
# correction's original, a reading the extractor left unconfirmed. When it can hide nothing in a
# table, its conditions are dropped and the seeks answer as they are; otherwise each latest day
# found is checked against the view, and only the keys whose latest day is wholly hidden are
# looked up again with the view's conditions.

def _hiding(conn: sa.Connection, table: sa.Table, view: View) -> Hidden:
    """The view's conditions on ``table``, or none when it cannot hide a row there (two seeks)."""
    r, ev = schema.reviews, schema.evidence
    reviewed = conn.execute(sa.select(r.c.id).where(r.c.fact_table == table.name).limit(1)).first()
    if reviewed is None and (view.include_unconfirmed or conn.execute(
            sa.select(ev.c.id).where(ev.c.confirmed == sa.false()).limit(1)).first() is None):
        return ()
    return visible(table, view)


def _visible_latest(conn: sa.Connection, table: sa.Table, columns: list[str], found: list[tuple],
                    as_of: date | None, hidden: Hidden) -> list[tuple]:
    """``found``, (*key, latest day over every row), made right for the view: a key whose latest
    day the view hides entirely gets its latest shown day instead, or is dropped."""
    if not hidden or not found:
        return found
    cols = [table.c[name] for name in columns]
    shown: set[tuple] = set()
    for chunk in _chunks(found):
        q = sa.select(*cols, table.c.fact_date).distinct().where(_any_of([*cols, table.c.fact_date], chunk), *hidden)
        shown |= {(*row[:-1], _as_date(row[-1])) for row in conn.execute(q)}
    kept = [key for key in found if tuple(key) in shown]
    missing = [tuple(key[:-1]) for key in found if tuple(key) not in shown]
    for chunk in _chunks(missing):
        q = (sa.select(*cols, sa.func.max(table.c.fact_date)).where(_any_of(cols, chunk), *_up_to(table, as_of),
                                                                     *hidden).group_by(*cols))
        kept += [(*row[:-1], _as_date(row[-1])) for row in conn.execute(q) if row[-1] is not None]
    return kept


def position_pairs(conn: sa.Connection, as_of: date | None = None,
                   view: View = DEFAULT_VIEW) -> list[tuple[str, str]]:
    """Every (actor, issue) with a position up to ``as_of`` that the view shows, without reading a
    row of evidence when it hides nothing."""
    p = schema.positions
    found = _visible_latest(conn, p, ["actor", "issue"], _latest_pairs(conn, as_of, None, None), as_of,
                            _hiding(conn, p, view))
    return sorted((a, i) for a, i, _ in found)


def current_positions(conn: sa.Connection, as_of: date | None = None, *, issue: str | None = None,
                      actor: str | None = None, view: View = DEFAULT_VIEW) -> list[StatedPosition]:
    """For each (actor, issue), the stance of its latest evidence up to ``as_of``.

    When the latest day carries disagreeing stances, each is returned with ``contested=True``:
    the store cannot tell which report is right, and hiding one would hide a real disagreement.
    Each pair's latest day is found by index seeks and only that day's rows are read, so the cost
    follows the number of pairs, not the size of the archive.
    """
    p = schema.positions
    hidden = _hiding(conn, p, view)
    latest = _visible_latest(conn, p, ["actor", "issue"], _latest_pairs(conn, as_of, issue, actor), as_of, hidden)
    rows = _rows_on(conn, p, [p.c.actor, p.c.issue, p.c.fact_date], latest, hidden)

    by_pair: dict[tuple[str, str], dict[str, list]] = defaultdict(lambda: defaultdict(list))
    for row in rows:
        by_pair[(row["actor"], row["issue"])][row["stance"]].append(row)
    counts = _source_counts(conn, as_of, {(r["fact_key"], r["story_id"]) for r in rows}, hidden)

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
                     actor: str | None = None, view: View = DEFAULT_VIEW) -> list[tuple[date, Position]]:
    """Every position up to ``as_of``, one per (story, fact key): copies of a story count once."""
    p = schema.positions
    q = joined_select(p).where(*_date_filter(p, as_of, view), *_position_filters(issue, actor))
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
                  issue: str | None = None, actor: str | None = None,
                  view: View = DEFAULT_VIEW) -> list[Change]:
    """Every stance change dated after ``since`` (and up to ``as_of``), with the evidence either side.

    A pair's stance on a day is the set of stances reported that day; a change is a day whose set
    differs from the previous reported day. A first-ever stance after ``since`` is a change from
    nothing (``before=None``): a new position is news too.

    Only the window is read in full, and only as (pair, day, stance) from an index; each moved
    pair's last day before the window is one seek; whole rows are fetched for the changing days.
    """
    p = schema.positions
    conds = _position_filters(issue, actor)
    hidden = _hiding(conn, p, view)
    window = (sa.select(p.c.actor, p.c.issue, p.c.fact_date, p.c.stance).distinct()
              .where(p.c.fact_date > since, *_up_to(p, as_of), *conds, *hidden))
    days: dict[tuple[str, str], dict[date, set[str]]] = defaultdict(lambda: defaultdict(set))
    for pair_actor, pair_issue, day, stance in conn.execute(window):
        days[(pair_actor, pair_issue)][_as_date(day)].add(stance)

    before_window = [(a, i, d) for (a, i), d in _latest_days(conn, sorted(days), since).items()]
    before_window = _visible_latest(conn, p, ["actor", "issue"], before_window, since, hidden)
    previous_day = {(a, i): d for a, i, d in before_window}
    before_sets: dict[tuple[str, str], set[str]] = defaultdict(set)
    for chunk in _chunks(before_window):
        q = (sa.select(p.c.actor, p.c.issue, p.c.stance).distinct()
             .where(_any_of([p.c.actor, p.c.issue, p.c.fact_date], chunk), *hidden))
        for pair_actor, pair_issue, stance in conn.execute(q):
            before_sets[(pair_actor, pair_issue)].add(stance)

    # (pair, day of change, day before it or None): decided on stance sets alone
    moves: list[tuple[tuple[str, str], date, date | None]] = []
    for pair, by_day in days.items():
        last_day, last_set = previous_day.get(pair), before_sets.get(pair, set())
        for day in sorted(by_day):
            if by_day[day] != last_set:
                moves.append((pair, day, last_day if last_set else None))
            last_day, last_set = day, by_day[day]

    wanted = sorted({(*pair, day) for pair, day, _ in moves} | {(*pair, d) for pair, _, d in moves if d})
    rows: dict[tuple[str, str, date], dict[str, list]] = defaultdict(lambda: defaultdict(list))
    for row in _rows_on(conn, p, [p.c.actor, p.c.issue, p.c.fact_date], wanted, hidden):
        rows[(row["actor"], row["issue"], row["fact_date"])][row["stance"]].append(row)

    changes: list[tuple[date, Change]] = []
    for (pair_actor, pair_issue), day, before_day in moves:
        stances = rows[(pair_actor, pair_issue, day)]
        previous = rows[(pair_actor, pair_issue, before_day)] if before_day else {}
        before = None
        if previous:
            before = fact_from_row("positions", _best([r for rs in previous.values() for r in rs]))
            before.contested = len(previous) > 1
        new = [s for s in stances if s not in previous] or list(stances)
        for stance in sorted(new):
            after = fact_from_row("positions", _best(stances[stance]))
            after.contested = len(stances) > 1
            changes.append((day, Change(actor=pair_actor, issue=pair_issue, before=before, after=after)))
    changes.sort(key=lambda item: (item[0], item[1].issue, item[1].actor, item[1].after.stance))
    return [change for _, change in changes]


def latest_facts(conn: sa.Connection, table_name: str, as_of: date | None = None,
                 where: Iterable[sa.ColumnElement[bool]] = (), view: View = DEFAULT_VIEW) -> list[Any]:
    """One fact per ``fact_key`` up to ``as_of``: its latest report, best-evidenced on that day."""
    table = schema.FACT_TABLES[table_name]
    q = joined_select(table).where(*_date_filter(table, as_of, view), *where)
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


def latest_facts_of(conn: sa.Connection, table_name: str, column: str, value: str,
                    as_of: date | None = None, view: View = DEFAULT_VIEW) -> list[Any]:
    """:func:`latest_facts` for the rows whose ``column`` (indexed with fact_key, fact_date) is ``value``.

    Each of the actor's fact keys and its latest day are found by index seeks, and only that
    day's rows are read: an actor profile costs the same at ten thousand articles as at a million.
    """
    table = schema.FACT_TABLES[table_name]
    hidden = _hiding(conn, table, view)
    wanted = _values_and_latest(conn, table_name, "fact_key", {column: value}, as_of)
    groups: dict[str, list] = defaultdict(list)
    keys = [(value, key, day) for key, day in wanted]  # the actor in every term: the planner seeks all three
    keys = _visible_latest(conn, table, [column, "fact_key"], keys, as_of, hidden)
    for row in _rows_on(conn, table, [table.c[column], table.c.fact_key, table.c.fact_date], keys, hidden):
        groups[row["fact_key"]].append(row)
    facts = []
    for rows in groups.values():
        best = _best(rows)
        facts.append((best["fact_date"], best["fact_key"], fact_from_row(table_name, best)))
    facts.sort(key=lambda item: (item[0], item[1]))
    return [fact for _, _, fact in facts]


def current_commitments(conn: sa.Connection, as_of: date | None = None,
                        view: View = DEFAULT_VIEW) -> list[Any]:
    """Each commitment's latest report, plus its latest report with an amount when the latest has none.

    A later sentence that mentions a pledge without its figure ("Britain will send troops") does not
    unsay the figure an earlier report gave ("up to 10,000 troops"), so both reach the analyses.
    """
    table = schema.commitments
    groups: dict[str, list] = defaultdict(list)
    for row in conn.execute(joined_select(table).where(*_date_filter(table, as_of, view))).mappings():
        groups[row["fact_key"]].append(row)
    facts = []
    for key, rows in groups.items():
        last_day = max(r["fact_date"] for r in rows)
        best = _best([r for r in rows if r["fact_date"] == last_day])
        facts.append((last_day, key, fact_from_row("commitments", best)))
        if not best["amount"]:
            stated = [r for r in rows if r["amount"]]
            if stated:
                day = max(r["fact_date"] for r in stated)
                facts.append((day, key, fact_from_row("commitments", _best([r for r in stated
                                                                            if r["fact_date"] == day]))))
    facts.sort(key=lambda item: (item[0], item[1]))
    return [fact for _, _, fact in facts]


def fact_evidence(conn: sa.Connection, table_name: str, fact_key: str,
                  as_of: date | None = None, limit: int | None = None,
                  view: View = DEFAULT_VIEW) -> list[Evidence]:
    """Every sentence, in every article, that states the fact with this key (oldest first).

    ``limit`` keeps the first so many: a fact told by thousands of reports is shown a page at a time.
    """
    table = schema.FACT_TABLES[table_name]
    q = (joined_select(table).where(table.c.fact_key == fact_key, *_date_filter(table, as_of, view))
         .order_by(table.c.fact_date, table.c.id))
    if limit is not None:
        q = q.limit(limit)
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
    q = (sa.select(ev.c.sentence, ev.c.start, ev.c.end, ev.c.cue, ev.c.rule, ev.c.confidence, ev.c.confirmed)
         .where(ev.c.article_id == article_id).order_by(ev.c.start, ev.c.id))
    return [dict(r) for r in conn.execute(q).mappings()]


def article_positions(conn: sa.Connection, article_id: str,
                      view: View = DEFAULT_VIEW) -> list[tuple[date, Position]]:
    """The positions read from one article that the view shows (by index: the article view must
    not scan the store)."""
    p = schema.positions
    q = joined_select(p).where(p.c.article_id == article_id, *_hiding(conn, p, view)).order_by(p.c.id)
    return [(row["fact_date"], fact_from_row("positions", row)) for row in conn.execute(q).mappings()]


def article_count(conn: sa.Connection) -> int:
    return int(conn.execute(sa.select(sa.func.count()).select_from(schema.articles)).scalar_one())


def article_list(conn: sa.Connection, ids: Iterable[str] | None = None) -> list[dict[str, Any]]:
    """Stored articles without their text, in ingestion order; only those in ``ids`` when given
    (a citation needs the few articles it cites, not a million)."""
    a = schema.articles
    cols = [a.c.id, a.c.title, a.c.source, a.c.url, a.c.published, a.c.language, a.c.path,
            a.c.story_id, a.c.ingested_at, a.c.extractor_version]
    if ids is None:
        return [dict(r) for r in conn.execute(sa.select(*cols).order_by(a.c.ingested_at, a.c.id)).mappings()]
    rows: list[dict[str, Any]] = []
    for chunk in _chunks(sorted(set(ids))):
        rows += [dict(r) for r in conn.execute(sa.select(*cols).where(a.c.id.in_(chunk))).mappings()]
    rows.sort(key=lambda r: (r["ingested_at"], r["id"]))
    return rows


def actor_profile(conn: sa.Connection, actor: str, as_of: date | None = None,
                  view: View = DEFAULT_VIEW) -> dict[str, Any]:
    """Everything the store holds about one actor as of a date."""
    return {
        "actor": actor,
        "as_of": as_of,
        "positions": current_positions(conn, as_of, actor=actor, view=view),
        "commitments": latest_facts_of(conn, "commitments", "actor", actor, as_of, view),
        "red_lines": latest_facts_of(conn, "red_lines", "actor", actor, as_of, view),
        "memberships": latest_facts_of(conn, "memberships", "member", actor, as_of, view),
        "people": latest_facts_of(conn, "people", "actor", actor, as_of, view),
    }


def known_values(conn: sa.Connection, column: sa.Column) -> set[str]:
    """Distinct non-empty values of a column that leads an index (a seek per value, no scan)."""
    return {v for (v,) in conn.execute(sa.text(_skip_scan(column.table.name, column.name))) if v}


def snapshot(conn: sa.Connection, as_of: date | None = None, view: View = DEFAULT_VIEW) -> Snapshot:
    """The input every analysis reads: current positions, their history and all other facts."""
    return Snapshot(
        as_of=as_of,
        positions=[sp.position for sp in current_positions(conn, as_of, view=view)],
        history=[position for _, position in position_history(conn, as_of, view=view)],
        commitments=current_commitments(conn, as_of, view=view),
        red_lines=latest_facts(conn, "red_lines", as_of, view=view),
        provisions=latest_facts(conn, "provisions", as_of, view=view),
        memberships=latest_facts(conn, "memberships", as_of, view=view),
        decision_rules=latest_facts(conn, "decision_rules", as_of, view=view),
        quantities=latest_facts(conn, "quantities", as_of, view=view),
        events=latest_facts(conn, "events", as_of, view=view),
    )
