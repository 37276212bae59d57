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


def _decided_in_story(table: sa.Table, actions: tuple[str, ...]) -> sa.ColumnElement[bool]:
    """An active decision of these kinds on this row or on a copy of it: the same fact in the same story.

    Wire copies of one report are one story; a reading rejected in one copy is rejected in all. The
    decided (story, key) pairs are one uncorrelated subquery, computed once per query, not per row.
    """
    r = schema.reviews
    target = table.alias(f"decided_{table.name}")
    copy = table.alias(f"copy_{table.name}")
    rows = (sa.select(copy.c.id)
            .select_from(r.join(target, target.c.id == r.c.fact_id)
                         .join(copy, sa.and_(copy.c.fact_key == target.c.fact_key,
                                             copy.c.story_id == target.c.story_id)))
            .where(r.c.fact_table == table.name, r.c.active, r.c.action.in_(actions)))
    return table.c.id.in_(rows)


def visible(table: sa.Table, view: View = DEFAULT_VIEW) -> list[sa.ColumnElement[bool]]:
    """WHERE conditions that keep only the rows of ``table`` this view shows."""
    r, ev = schema.reviews, schema.evidence
    name = table_name(table)
    conds: list[sa.ColumnElement[bool]] = []
    made = sa.select(r.c.new_fact_id).where(r.c.fact_table == name, r.c.new_fact_id.is_not(None))
    if view.reviewed:
        made_now = made.where(r.c.active)
        # an analyst's own row stays even when it shares story and key with the row it corrects
        conds.append(sa.or_(~_decided_in_story(table, HIDING_ACTIONS), table.c.id.in_(made_now)))
        conds.append(table.c.id.not_in(made.where(sa.not_(r.c.active))))
    else:
        conds.append(table.c.id.not_in(made))
    if not view.include_unconfirmed:
        unconfirmed = sa.select(ev.c.id).where(ev.c.confirmed == sa.false())
        keep = sa.or_(table.c.evidence_id.is_(None), table.c.evidence_id.not_in(unconfirmed))
        if view.reviewed:
            keep = sa.or_(keep, _decided_in_story(table, ("accept",)))
        conds.append(keep)
    return conds
