"""``accordia check``: is the knowledge base whole? Read-only checks, the same on SQLite and PostgreSQL.

Most checks are one query that counts the rows breaking a rule (and names a few), so they run in
the database; evidence spans are compared with each article's text read once. What is checked,
and why it matters:

- the schema version is the one this Accordia writes, and every table and column is present;
- every foreign key points at a row that exists (a fact without its article cannot be cited);
- every fact's evidence belongs to the fact's own article, and every evidence span lies inside
  that article's text and reads exactly the stored sentence (the dashboard opens it by offset);
- story membership: each fact sits in its article's story, each story has articles, counts them
  right and starts with one of them;
- on SQLite, the file's own page-level ``PRAGMA quick_check``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Literal

import sqlalchemy as sa

from accordia.store import schema
from accordia.store.migrations import LATEST_VERSION, current_version

Status = Literal["ok", "problem", "note"]
EXAMPLES = 5


@dataclass
class Finding:
    """One rule checked: ``problem`` rows break it, ``note`` is worth knowing but not wrong."""

    check: str
    status: Status
    detail: str = ""
    count: int = 0
    examples: list[str] = field(default_factory=list)


@dataclass
class CheckReport:
    location: str
    version: int
    findings: list[Finding]

    @property
    def ok(self) -> bool:
        return not any(f.status == "problem" for f in self.findings)

    def to_dict(self) -> dict:
        return {"location": self.location, "schema_version": self.version, "ok": self.ok,
                "findings": [f.__dict__ for f in self.findings]}


def _rows(conn: sa.Connection, query: sa.Select, describe: Callable[[sa.Row], str]) -> tuple[int, list[str]]:
    """How many rows the query finds, and a few of them described."""
    count = int(conn.execute(sa.select(sa.func.count()).select_from(query.subquery())).scalar_one())
    examples = [describe(r) for r in conn.execute(query.limit(EXAMPLES))] if count else []
    return count, examples


def _finding(name: str, count: int, examples: list[str], what: str) -> Finding:
    if count:
        return Finding(name, "problem", f"{count} {what}", count, examples)
    return Finding(name, "ok")


def check_store(engine: sa.Engine, location: str) -> CheckReport:
    """Run every check on an open engine; never writes."""
    with engine.connect() as conn:
        version = current_version(conn)
        findings = [_version(version)]
        if version == LATEST_VERSION:
            layout = _layout(conn)
            findings.append(layout)
            if layout.status == "ok":
                findings.extend(_data_checks(conn))
        if conn.dialect.name == "sqlite":
            findings.append(_sqlite_pages(conn))
    return CheckReport(location, version, findings)


def _version(version: int) -> Finding:
    if version == LATEST_VERSION:
        return Finding("schema version", "ok", f"version {version}")
    if version == 0:
        return Finding("schema version", "problem", "no Accordia schema: the database is empty")
    relation = "newer" if version > LATEST_VERSION else "older"
    hint = "upgrade Accordia" if version > LATEST_VERSION else "run `accordia migrate`"
    return Finding("schema version", "problem",
                   f"version {version} is {relation} than this Accordia's ({LATEST_VERSION}): {hint}")


def _layout(conn: sa.Connection) -> Finding:
    inspector = sa.inspect(conn)
    have = set(inspector.get_table_names())
    missing: list[str] = []
    for table in schema.metadata.sorted_tables:
        if table.name not in have:
            missing.append(table.name)
            continue
        columns = {c["name"] for c in inspector.get_columns(table.name)}
        missing += [f"{table.name}.{c.name}" for c in table.columns if c.name not in columns]
    return _finding("tables and columns", len(missing), missing[:EXAMPLES], "tables or columns missing")


def _data_checks(conn: sa.Connection) -> Iterator[Finding]:
    yield from _foreign_keys(conn)
    yield from _evidence(conn)
    yield from _stories(conn)


def _foreign_keys(conn: sa.Connection) -> Iterator[Finding]:
    for table in schema.metadata.sorted_tables:
        for fk in sorted(table.foreign_keys, key=lambda k: k.parent.name):
            child, parent = fk.parent, fk.column
            target = parent.table.alias("target")
            query = (sa.select(*table.primary_key.columns, child)
                     .outerjoin(target, target.c[parent.name] == child)
                     .where(child.is_not(None), target.c[parent.name].is_(None)))
            count, examples = _rows(conn, query, lambda r: f"row {r[0]} -> {r[-1]}")
            name = f"{table.name}.{child.name} -> {parent.table.name}"
            yield _finding(name, count, examples, f"rows point at a missing {parent.table.name} row")


def _evidence(conn: sa.Connection) -> Iterator[Finding]:
    e = schema.evidence
    count, examples = _bad_spans(conn)
    yield _finding("evidence offsets", count, examples,
                   "evidence spans lie outside their article or do not read the stored sentence")
    unsupported = 0
    for name, table in schema.FACT_TABLES.items():
        wrong = (sa.select(table.c.id, table.c.article_id, e.c.article_id).join(e, e.c.id == table.c.evidence_id)
                 .where(e.c.article_id != table.c.article_id))
        count, examples = _rows(conn, wrong, lambda r, n=name: f"{n} {r[0]}: article {r[1]}, evidence of {r[2]}")
        yield _finding(f"{name}: evidence from its own article", count, examples,
                       "facts cite evidence from another article")
        unsupported += int(conn.execute(sa.select(sa.func.count()).select_from(table)
                                        .where(table.c.evidence_id.is_(None))).scalar_one())
    if unsupported:
        yield Finding("facts without evidence", "note", f"{unsupported} fact rows carry no evidence sentence",
                      unsupported)


def _bad_spans(conn: sa.Connection) -> tuple[int, list[str]]:
    """Evidence rows whose span is not the stored sentence, article by article.

    Each article's text is read once and its spans compared in Python: a join that cuts the text
    in SQL re-reads a long article for every one of its sentences.
    """
    e, a = schema.evidence, schema.articles
    count, examples = 0, []
    article_ids = [r[0] for r in conn.execute(sa.select(e.c.article_id).distinct().order_by(e.c.article_id))]
    for article_id in article_ids:
        text = conn.execute(sa.select(a.c.text).where(a.c.id == article_id)).scalar()
        if text is None:
            continue  # a missing article is the foreign-key check's finding
        spans = conn.execute(sa.select(e.c.id, e.c.start, e.c.end, e.c.sentence).where(e.c.article_id == article_id))
        for evidence_id, start, end, sentence in spans:
            if 0 <= start < end <= len(text) and text[start:end] == sentence:
                continue
            count += 1
            if len(examples) < EXAMPLES:
                examples.append(f"evidence {evidence_id} in article {article_id} at {start}-{end}")
    return count, examples


def _stories(conn: sa.Connection) -> Iterator[Finding]:
    a, st = schema.articles, schema.stories
    for name, table in schema.FACT_TABLES.items():
        moved = (sa.select(table.c.id, table.c.story_id, a.c.story_id).join(a, a.c.id == table.c.article_id)
                 .where(a.c.story_id != table.c.story_id))
        count, examples = _rows(conn, moved, lambda r, n=name: f"{n} {r[0]}: story {r[1]}, article in {r[2]}")
        yield _finding(f"{name}: story of its article", count, examples, "facts sit in another story than "
                       "their article")
    members = (sa.select(a.c.story_id, sa.func.count().label("n")).group_by(a.c.story_id).subquery())
    miscounted = (sa.select(st.c.id, st.c.source_count, sa.func.coalesce(members.c.n, 0))
                  .outerjoin(members, members.c.story_id == st.c.id)
                  .where(st.c.source_count != sa.func.coalesce(members.c.n, 0)))
    count, examples = _rows(conn, miscounted, lambda r: f"story {r[0]}: count {r[1]}, articles {r[2]}")
    yield _finding("story source counts", count, examples, "stories count their articles wrongly (or have none)")
    first = a.alias("first")
    stray = (sa.select(st.c.id, st.c.first_article).outerjoin(first, first.c.id == st.c.first_article)
             .where(sa.or_(first.c.id.is_(None), first.c.story_id != st.c.id)))
    count, examples = _rows(conn, stray, lambda r: f"story {r[0]}: first article {r[1]}")
    yield _finding("story first articles", count, examples, "stories start with an article that is not theirs")


def _sqlite_pages(conn: sa.Connection) -> Finding:
    rows = [r[0] for r in conn.exec_driver_sql("PRAGMA quick_check")]
    if rows == ["ok"]:
        return Finding("SQLite file (quick_check)", "ok")
    return Finding("SQLite file (quick_check)", "problem", f"{len(rows)} problems in the file", len(rows),
                   rows[:EXAMPLES])


def check_location(target: str | None = None) -> CheckReport:
    """Check the store at a path or URL (default $ACCORDIA_DB or ./accordia.db) without changing it."""
    from accordia.store.engine import connect_check, describe, make_engine, resolve_url
    from accordia.store.existing import require_file

    url = resolve_url(target)
    require_file(url)
    engine = make_engine(url, configure=False)
    try:
        connect_check(engine, url)
        return check_store(engine, describe(url))
    finally:
        engine.dispose()
