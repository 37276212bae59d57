"""Which fact rows a query sees: the analyst's reviewed view or the machine's, with or without
readings the extractor marked unconfirmed.

Reviews never edit a fact row (``schema.reviews``), so every view is a filter over the same rows:

* reviewed (the default): rows an active decision rejects or replaces are hidden; corrections and
  hand-added facts (rows made by a review) are shown while their decision is active.
* raw (``reviewed=False``): exactly what the extractor stored; no row made by a review.
* unconfirmed readings (evidence with ``confirmed`` false) are left out unless asked for, except
  those an analyst accepted in the reviewed view.
"""

from __future__ import annotations

from dataclasses import dataclass

import sqlalchemy as sa

from accordia.store import schema


@dataclass(frozen=True)
class View:
    reviewed: bool = True
    include_unconfirmed: bool = False


DEFAULT_VIEW = View()
HIDING_ACTIONS = ("reject", "correct")


def table_name(table: sa.Table) -> str:
    return table.name


def visible(table: sa.Table, view: View = DEFAULT_VIEW) -> list[sa.ColumnElement[bool]]:
    """WHERE conditions that keep only the rows of ``table`` this view shows."""
    r, ev = schema.reviews, schema.evidence
    name = table_name(table)
    conds: list[sa.ColumnElement[bool]] = []
    made = sa.select(r.c.new_fact_id).where(r.c.fact_table == name, r.c.new_fact_id.is_not(None))
    if view.reviewed:
        hidden = sa.select(r.c.fact_id).where(r.c.fact_table == name, r.c.active,
                                              r.c.action.in_(HIDING_ACTIONS))
        conds.append(table.c.id.not_in(hidden))
        conds.append(table.c.id.not_in(made.where(sa.not_(r.c.active))))
    else:
        conds.append(table.c.id.not_in(made))
    if not view.include_unconfirmed:
        unconfirmed = sa.select(ev.c.id).where(ev.c.confirmed == sa.false())
        keep = sa.or_(table.c.evidence_id.is_(None), table.c.evidence_id.not_in(unconfirmed))
        if view.reviewed:
            accepted = sa.select(r.c.fact_id).where(r.c.fact_table == name, r.c.active, r.c.action == "accept")
            keep = sa.or_(keep, table.c.id.in_(accepted))
        conds.append(keep)
    return conds
