"""Flat rows and graphs for export: every fact occurrence with its sentence, streamed from the database."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from datetime import date
from typing import Any

import networkx as nx
import sqlalchemy as sa

from accordia.store import schema
from accordia.store.queries import StatedPosition, joined_select
from accordia.store.view import DEFAULT_VIEW, View, visible

_EVIDENCE_COLUMNS = {
    "ev_sentence": "sentence", "ev_start": "start", "ev_end": "end", "ev_cue": "cue", "ev_rule": "rule",
    "ev_confidence": "confidence", "ev_confirmed": "confirmed", "art_source": "source", "art_published": "published",
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
    for row in conn.execution_options(yield_per=1000).execute(q).mappings():
        out: dict[str, Any] = {"type": table_name}
        for key, value in row.items():
            if key == "art_ingested":
                continue
            key = _EVIDENCE_COLUMNS.get(key, key)
            if flat and isinstance(value, list | dict):
                value = json.dumps(value, ensure_ascii=False, sort_keys=True)
            out[key] = value
        yield out


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
