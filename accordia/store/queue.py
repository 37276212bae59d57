"""The review queue: undecided facts, those whose answer would move the analyses most first.

An analyst has minutes, not days, so the order matters more than completeness. A fact's priority is
its *weight* (how much the analyses lean on it) times its *doubt* (how likely it is wrong):

* weight: red lines and proposal provisions feed collisions (3); positions 2, plus 2 when the actor
  has taken more than one stance on the issue (a "what changed" entry rests on it) and 1 when only one
  article states it; decision rules feed veto players (2.5); commitments the force picture (2);
  memberships the blocs (1).
* doubt: ``1.1 - confidence``, plus 0.5 for a reading the extractor marked unconfirmed (accepting it
  would add it to every analysis).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa

from accordia.store import schema
from accordia.store.queries import joined_select
from accordia.store.rows import fact_from_row
from accordia.store.view import View, visible

WEIGHTS: dict[str, float] = {"red_lines": 3.0, "provisions": 3.0, "decision_rules": 2.5, "positions": 2.0,
                             "commitments": 2.0, "memberships": 1.0}


@dataclass
class QueueItem:
    table: str
    id: int
    priority: float
    why: str
    fact: Any
    date: Any
    confidence: float
    confirmed: bool

    @property
    def handle(self) -> str:
        return f"{self.table}:{self.id}"


def _decided(conn: sa.Connection, table_name: str) -> tuple[set[int], set[tuple[int, str]]]:
    """Rows with an active decision (or made by one), and the (story, fact key) pairs they settle."""
    r, table = schema.reviews, schema.FACT_TABLES[table_name]
    q = (sa.select(r.c.fact_id, r.c.new_fact_id, table.c.story_id, table.c.fact_key)
         .select_from(r.join(table, table.c.id == r.c.fact_id))
         .where(r.c.fact_table == table_name, r.c.active))
    rows: set[int] = set()
    stories: set[tuple[int, str]] = set()
    for target, made, story, key in conn.execute(q):
        rows.add(int(target))
        stories.add((int(story), str(key)))
        if made is not None:
            rows.add(int(made))
    return rows, stories


def review_queue(conn: sa.Connection, limit: int = 20, tables: tuple[str, ...] | None = None) -> list[QueueItem]:
    """Undecided fact rows of the reviewed view (unconfirmed ones included), highest priority first."""
    view = View(reviewed=True, include_unconfirmed=True)
    items: list[QueueItem] = []
    for name in tables or tuple(WEIGHTS):
        table = schema.FACT_TABLES[name]
        decided, settled = _decided(conn, name)
        rows = [r for r in conn.execute(joined_select(table).where(*visible(table, view))).mappings()
                if r["id"] not in decided and (r["story_id"], r["fact_key"]) not in settled
                and r.get("ev_sentence") is not None]
        stances: dict[tuple, set] = defaultdict(set)
        articles: dict[str, set] = defaultdict(set)
        if name == "positions":
            for r in rows:
                stances[(r["actor"], r["issue"])].add(r["stance"])
                articles[r["fact_key"]].add(r["article_id"])
        for r in rows:
            weight, why = WEIGHTS[name], [name.replace("_", " ")]
            if name == "positions":
                if len(stances[(r["actor"], r["issue"])]) > 1:
                    weight += 2
                    why.append("behind a change")
                if len(articles[r["fact_key"]]) == 1:
                    weight += 1
                    why.append("single source")
            confidence = float(r.get("ev_confidence") or 0.0)
            confirmed = r.get("ev_confirmed") is not False and r.get("ev_confirmed") != 0
            doubt = 1.1 - confidence + (0 if confirmed else 0.5)
            if not confirmed:
                why.append("unconfirmed")
            items.append(QueueItem(name, int(r["id"]), round(weight * doubt, 3), ", ".join(why),
                                   fact_from_row(name, r), r["fact_date"], confidence, confirmed))
    items.sort(key=lambda item: (-item.priority, item.confidence, item.table, item.id))
    return items[:limit] if limit else items
