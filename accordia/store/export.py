"""Flat rows and graphs for export: every fact occurrence with its sentence, streamed from the database."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from datetime import date
from typing import Any

import networkx as nx
import sqlalchemy as sa

from accordia.facts import FACT_LISTS, Article, ArticleFacts
from accordia.store import schema
from accordia.store.queries import StatedPosition, joined_select
from accordia.store.reviews import statuses
from accordia.store.view import DEFAULT_VIEW, View, visible

_EVIDENCE_COLUMNS = {
    "ev_sentence": "sentence", "ev_start": "start", "ev_end": "end", "ev_cue": "cue", "ev_rule": "rule",
    "ev_confidence": "confidence", "ev_confirmed": "confirmed", "art_source": "source", "art_published": "published",
    "art_title": "title", "art_url": "url",
}


def occurrence_rows(conn: sa.Connection, table_name: str, as_of: date | None = None,
                    *, flat: bool = False, view: View = DEFAULT_VIEW) -> Iterator[dict[str, Any]]:
    """One dict per stored occurrence of a fact type, with its evidence columns.

    ``flat=True`` encodes list and dict values as JSON text, for formats that hold only scalars.
    """
    table = schema.FACT_TABLES[table_name]
    q = joined_select(table).where(*visible(table, view))
    if as_of is not None:
        q = q.where(table.c.fact_date <= as_of)
    q = q.order_by(table.c.fact_date, table.c.id)
    decided = decided_statuses(conn, table_name)
    for row in conn.execution_options(yield_per=1000).execute(q).mappings():
        confirmed = row.get("ev_confirmed") is None or bool(row.get("ev_confirmed"))
        out: dict[str, Any] = {"type": table_name, "fact": f"{table_name}:{row['id']}",
                               "status": decided.get(row["id"], "confirmed" if confirmed else "unconfirmed")}
        for key, value in row.items():
            if key == "art_ingested":
                continue
            key = _EVIDENCE_COLUMNS.get(key, key)
            if flat and isinstance(value, list | dict):
                value = json.dumps(value, ensure_ascii=False, sort_keys=True)
            out[key] = value
        yield out


def decided_statuses(conn: sa.Connection, table_name: str) -> dict[int, str]:
    """Status of every row of a table that an active decision touches (the rest: confirmed or not)."""
    r = schema.reviews
    ids: set[int] = set()
    for target, made in conn.execute(sa.select(r.c.fact_id, r.c.new_fact_id)
                                     .where(r.c.fact_table == table_name, r.c.active)):
        ids.add(int(target))
        if made is not None:
            ids.add(int(made))
    return statuses(conn, table_name, sorted(ids)) if ids else {}


def gold_document(article: Article, facts: dict[str, list[Any]]) -> dict[str, Any]:
    """One stored article's facts in the shared gold shape (``GOLD.md``), for ``accordia train``.

    Mentions are not stored, so each actor is listed without its surface forms: scoring and training
    read the facts, and the actor list only says who takes part.
    """
    gathered = ArticleFacts(article_id=article.id, published=article.published,
                            **{name: facts.get(name, []) for name in FACT_LISTS})
    gold = gathered.to_gold(text_file=f"{article.id}.txt")
    actors: list[str] = []
    for name in ("positions", "commitments", "red_lines", "people"):
        for fact in facts.get(name, []):
            if fact.actor and fact.actor not in actors:
                actors.append(fact.actor)
    for membership in facts.get("memberships", []):
        if membership.member not in actors:
            actors.append(membership.member)
    gold["actors"] = [{"id": actor, "mentions": []} for actor in actors]
    gold["source"] = article.source
    gold["title"] = article.title
    gold["url"] = article.url
    return gold


def position_graph(current: list[StatedPosition], actor_name: Callable[[str], str],
                   issue_label: Callable[[str], str]) -> nx.MultiDiGraph:
    """Actors and issues as nodes, one edge per current stance (two when contested)."""
    graph = nx.MultiDiGraph()
    for sp in current:
        p = sp.position
        graph.add_node(p.actor, kind="actor", label=actor_name(p.actor) or p.actor)
        graph.add_node(f"issue:{p.issue}", kind="issue", label=issue_label(p.issue) or p.issue)
        ev = p.evidence
        graph.add_edge(
            p.actor, f"issue:{p.issue}", key=p.stance, stance=p.stance, date=sp.date.isoformat(),
            contested=bool(p.contested), sources=int(sp.sources), condition=p.condition or "",
            sentence=ev.sentence if ev else "", article=ev.article if ev else "",
        )
    return graph
