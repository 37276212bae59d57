"""Insert one article's facts inside a caller's transaction (the caller decides commit or rollback)."""

from __future__ import annotations

from datetime import date
from typing import Any

import sqlalchemy as sa

from accordia.facts import FACT_LISTS, ArticleFacts, Evidence
from accordia.store import schema
from accordia.store.keys import fact_key
from accordia.store.rows import evidence_row, fact_row

# ArticleFacts list name -> table name (they are the same today; the map keeps that a choice).
LIST_TO_TABLE: dict[str, str] = {name: name for name in FACT_LISTS}


def _evidence_identity(ev: Evidence) -> tuple:
    return (ev.sentence, int(ev.start or 0), int(ev.end or 0), ev.cue, ev.rule, float(ev.confidence or 0),
            bool(getattr(ev, "confirmed", True)))


def insert_evidence(conn: sa.Connection, article_id: str, facts: ArticleFacts) -> dict[tuple, int]:
    """One evidence row per distinct sentence/cue/rule of the article; returns identity -> row id.

    Several facts often rest on one sentence; storing it once keeps the table small.
    """
    distinct: dict[tuple, Evidence] = {}
    for ev in facts.all_evidence():
        distinct.setdefault(_evidence_identity(ev), ev)
    if not distinct:
        return {}
    identities = list(distinct)
    rows = [{"article_id": article_id, **evidence_row(distinct[i])} for i in identities]
    stmt = schema.evidence.insert().returning(schema.evidence.c.id, sort_by_parameter_order=True)
    ids = [r[0] for r in conn.execute(stmt, rows)]
    return dict(zip(identities, ids, strict=True))


def insert_facts(conn: sa.Connection, *, article_id: str, story_id: int, fact_date: date,
                 facts: ArticleFacts) -> int:
    """Write every fact of the article (with its evidence); returns how many fact rows were written."""
    evidence_ids = insert_evidence(conn, article_id, facts)
    written = 0
    for list_name, table_name in LIST_TO_TABLE.items():
        items = getattr(facts, list_name, None) or []
        rows: list[dict[str, Any]] = []
        for fact in items:
            ev = getattr(fact, "evidence", None)
            rows.append({
                "article_id": article_id,
                "story_id": story_id,
                "evidence_id": evidence_ids.get(_evidence_identity(ev)) if ev is not None else None,
                "fact_date": fact_date,
                "fact_key": fact_key(fact),
                **fact_row(table_name, fact),
            })
        if rows:
            conn.execute(schema.FACT_TABLES[table_name].insert(), rows)
            written += len(rows)
    return written
