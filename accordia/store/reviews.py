"""An analyst's decisions on facts: accept, reject, correct, add by hand, undo; and each fact's status.

A decision targets one fact *occurrence* (a row of a fact table: one sentence of one article).
Nothing is overwritten: a correction is a new row beside the original, sharing its article, story,
evidence and date, and the decision links the two (``new_fact_id``). Only the latest decision on a
row is active; earlier ones stay as its history. Which rows a query sees follows from the active
decisions (``view.py``), so undoing a decision restores the previous view exactly.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

import sqlalchemy as sa

from accordia.facts import COMMITMENT_KINDS, STANCES, Evidence, Quantity
from accordia.store import schema
from accordia.store.errors import BadInputError, UnknownNameError
from accordia.store.keys import fact_key
from accordia.store.queries import joined_select
from accordia.store.rows import FACT_CLASSES, evidence_row, fact_from_row, fact_row
from accordia.store.view import View, visible

ACTIONS = ("accept", "reject", "correct", "add")
# Which fields an analyst may change or set, per fact type (the brief: actor, issue, stance, kind, amount).
EDITABLE: dict[str, tuple[str, ...]] = {
    "positions": ("actor", "issue", "stance", "condition"),
    "commitments": ("actor", "kind", "issue", "amount"),
    "red_lines": ("actor", "against"),
    "provisions": ("proposal", "about", "effect"),
    "memberships": ("group", "member"),
    "decision_rules": ("holder", "rule"),
    "people": ("name", "actor", "role"),
}
ANALYST_RULE = "analyst"


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


@dataclass
class FactRef:
    """What a reader needs to review one shown fact: its handle, confidence and status."""

    table: str
    id: int
    confidence: float
    confirmed: bool
    status: str

    @property
    def handle(self) -> str:
        """``positions:42``: the id the CLI and the REST API take."""
        return f"{self.table}:{self.id}"


def parse_handle(handle: str) -> tuple[str, int]:
    """``positions:42`` -> ("positions", 42), with a clear error for anything else."""
    table, _, number = str(handle).strip().partition(":")
    if table not in schema.FACT_TABLES or not number.isdigit():
        raise BadInputError(f"a fact id looks like positions:42 (fact type, colon, number); got {handle!r}")
    return table, int(number)


def _table(name: str) -> sa.Table:
    if name not in schema.FACT_TABLES:
        raise BadInputError(f"unknown fact type {name!r}; known: {', '.join(schema.FACT_TABLES)}")
    return schema.FACT_TABLES[name]


def load_row(conn: sa.Connection, table_name: str, fact_id: int) -> Mapping[str, Any]:
    table = _table(table_name)
    row = conn.execute(joined_select(table).where(table.c.id == fact_id)).mappings().first()
    if row is None:
        raise UnknownNameError(f"no fact {table_name}:{fact_id}")
    return row


def _active(conn: sa.Connection, table_name: str, fact_id: int) -> Mapping[str, Any] | None:
    r = schema.reviews
    q = (sa.select(r).where(r.c.fact_table == table_name, r.c.fact_id == fact_id, r.c.active)
         .order_by(r.c.id.desc()))
    return conn.execute(q).mappings().first()


def _made_by(conn: sa.Connection, table_name: str, fact_id: int) -> Mapping[str, Any] | None:
    """The active decision that created this row (a correction or a hand-added fact), if any."""
    r = schema.reviews
    q = (sa.select(r).where(r.c.fact_table == table_name, r.c.new_fact_id == fact_id, r.c.active)
         .order_by(r.c.id.desc()))
    return conn.execute(q).mappings().first()


def _record(conn: sa.Connection, table_name: str, fact_id: int, action: str, *, reviewer: str,
            comment: str, changes: dict[str, Any] | None = None, new_fact_id: int | None = None) -> int:
    """Store one decision; it supersedes the target's active decision, which stays as history."""
    r = schema.reviews
    conn.execute(r.update().where(r.c.fact_table == table_name, r.c.fact_id == fact_id, r.c.active)
                 .values(active=False))
    return conn.execute(r.insert().values(
        fact_table=table_name, fact_id=fact_id, action=action, new_fact_id=new_fact_id,
        changes=changes or {}, reviewer=(reviewer or "").strip()[:200], comment=(comment or "").strip(),
        created_at=_now(), active=True).returning(r.c.id)).scalar_one()


def _original(conn: sa.Connection, table_name: str, fact_id: int) -> int:
    """A correction's row stands for its original: decisions on it go to the row it replaced."""
    made = _made_by(conn, table_name, fact_id)
    if made is not None and made["action"] == "correct":
        return int(made["fact_id"])
    return fact_id


def accept(conn: sa.Connection, table_name: str, fact_id: int, *, reviewer: str = "", comment: str = "") -> int:
    load_row(conn, table_name, fact_id)
    return _record(conn, table_name, fact_id, "accept", reviewer=reviewer, comment=comment)


def reject(conn: sa.Connection, table_name: str, fact_id: int, *, reviewer: str = "", comment: str = "") -> int:
    """Rejecting an analyst's corrected reading rejects the fact: the original was wrong too."""
    fact_id = _original(conn, table_name, fact_id)
    load_row(conn, table_name, fact_id)
    return _record(conn, table_name, fact_id, "reject", reviewer=reviewer, comment=comment)


def _coerce(table_name: str, changes: Mapping[str, Any]) -> dict[str, Any]:
    """Check an analyst's values: known fields, known stances and kinds, a number for an amount."""
    allowed = EDITABLE.get(table_name)
    if not allowed:
        raise BadInputError(f"{table_name} cannot be corrected or added by hand; "
                            f"these can: {', '.join(EDITABLE)}")
    clean: dict[str, Any] = {}
    for name, value in changes.items():
        if value is None or value == "":
            continue
        if name not in allowed:
            raise BadInputError(f"{table_name} has no field {name!r} an analyst can set; "
                                f"choose from {', '.join(allowed)}")
        if name == "amount":
            clean[name] = _amount(value)
            continue
        text = str(value).strip()
        if name == "stance" and text not in STANCES:
            raise BadInputError(f"stance must be one of {', '.join(STANCES)}, got {text!r}")
        if name == "kind" and text not in COMMITMENT_KINDS:
            raise BadInputError(f"kind must be one of {', '.join(COMMITMENT_KINDS)}, got {text!r}")
        clean[name] = text
    if not clean:
        raise BadInputError("nothing to change: give at least one field, e.g. stance=oppose")
    return clean


def _amount(value: Any) -> dict[str, Any]:
    """``{"value": 5000, "unit": "troops"}`` or ``"5000 troops"`` / ``"2.5e9 EUR"``."""
    if isinstance(value, Mapping):
        number, unit = value.get("value"), str(value.get("unit") or "")
    else:
        number, _, unit = str(value).strip().partition(" ")
    try:
        amount = float(number)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        raise BadInputError(f"an amount is a number and a unit, e.g. '5000 troops'; got {value!r}") from None
    return {"value": amount, "unit": unit.strip()}


def _apply(fact: Any, changes: Mapping[str, Any]) -> Any:
    values = dict(changes)
    if "amount" in values:
        values["amount"] = Quantity(value=values["amount"]["value"], unit=values["amount"]["unit"])
    return dataclasses.replace(fact, **values)


def _insert_fact(conn: sa.Connection, table_name: str, fact: Any, *, article_id: str, story_id: int,
                 evidence_id: int | None, fact_date: date) -> int:
    table = schema.FACT_TABLES[table_name]
    return conn.execute(table.insert().values(
        article_id=article_id, story_id=story_id, evidence_id=evidence_id, fact_date=fact_date,
        fact_key=fact_key(fact), **fact_row(table_name, fact)).returning(table.c.id)).scalar_one()


def correct(conn: sa.Connection, table_name: str, fact_id: int, changes: Mapping[str, Any], *,
            reviewer: str = "", comment: str = "") -> tuple[int, int]:
    """Store the analyst's reading beside the original; returns (review id, new fact row id)."""
    fact_id = _original(conn, table_name, fact_id)
    row = load_row(conn, table_name, fact_id)
    clean = _coerce(table_name, changes)
    fact = _apply(fact_from_row(table_name, row), clean)
    new_id = _insert_fact(conn, table_name, fact, article_id=row["article_id"], story_id=row["story_id"],
                          evidence_id=row["evidence_id"], fact_date=row["fact_date"])
    review = _record(conn, table_name, fact_id, "correct", reviewer=reviewer, comment=comment,
                     changes=dict(clean), new_fact_id=new_id)
    return review, new_id


def add(conn: sa.Connection, table_name: str, article_id: str, start: int, end: int,
        values: Mapping[str, Any], *, reviewer: str = "", comment: str = "") -> tuple[int, int]:
    """A fact the extractor missed, with the analyst's chosen sentence of the article as evidence."""
    a = schema.articles
    art = conn.execute(sa.select(a.c.text, a.c.story_id, a.c.published, a.c.ingested_at)
                       .where(a.c.id == article_id)).mappings().first()
    if art is None:
        raise UnknownNameError(f"no article with id {article_id!r}")
    if not 0 <= int(start) < int(end) <= len(art["text"]):
        raise BadInputError(f"span {start}-{end} lies outside the article ({len(art['text'])} characters)")
    clean = _coerce(table_name, values)
    required = {"positions": ("actor", "issue", "stance"), "commitments": ("actor", "kind"),
                "red_lines": ("actor", "against")}.get(table_name, EDITABLE[table_name][:2])
    missing = [name for name in required if name not in clean]
    if missing:
        raise BadInputError(f"a hand-added {table_name} fact needs {', '.join(missing)}")
    blank = _blank(table_name)
    fact = _apply(blank, clean)
    ev = Evidence(sentence=art["text"][int(start):int(end)], start=int(start), end=int(end),
                  rule=ANALYST_RULE, confidence=1.0, confirmed=True)
    evidence_id = conn.execute(schema.evidence.insert().values(article_id=article_id, **evidence_row(ev))
                               .returning(schema.evidence.c.id)).scalar_one()
    day = art["published"] or art["ingested_at"].date()
    new_id = _insert_fact(conn, table_name, fact, article_id=article_id, story_id=art["story_id"],
                          evidence_id=evidence_id, fact_date=day)
    review = _record(conn, table_name, new_id, "add", reviewer=reviewer, comment=comment,
                     changes=dict(clean), new_fact_id=new_id)
    return review, new_id


def _blank(table_name: str) -> Any:
    """An empty fact of the type, to be filled by the analyst's values."""
    cls = FACT_CLASSES[table_name]
    required = [f for f in dataclasses.fields(cls)
                if f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING]
    return cls(**{f.name: "" for f in required})


def undo(conn: sa.Connection, table_name: str, fact_id: int) -> int:
    """Take back the latest decision on a row (or the one that made it); the one before returns."""
    r = schema.reviews
    active = _active(conn, table_name, fact_id) or _made_by(conn, table_name, fact_id)
    if active is None:
        # a corrected reading whose correction a later decision replaced: undo that decision
        maker = conn.execute(sa.select(r.c.fact_id).where(r.c.fact_table == table_name, r.c.new_fact_id == fact_id)
                             .order_by(r.c.id.desc())).scalar()
        if maker is not None and maker != fact_id:
            active = _active(conn, table_name, int(maker))
    if active is None:
        raise UnknownNameError(f"{table_name}:{fact_id} has no decision to undo")
    target = int(active["fact_id"])
    conn.execute(r.update().where(r.c.id == active["id"]).values(active=False, undone_at=_now()))
    previous = conn.execute(
        sa.select(r.c.id).where(r.c.fact_table == table_name, r.c.fact_id == target, r.c.id < active["id"],
                                r.c.undone_at.is_(None)).order_by(r.c.id.desc())).scalar()
    if previous is not None:
        conn.execute(r.update().where(r.c.id == previous).values(active=True))
    return int(active["id"])


def history(conn: sa.Connection, table_name: str, fact_id: int) -> list[dict[str, Any]]:
    """Every decision on a row, and on the row it corrects or the rows that correct it, oldest first."""
    r = schema.reviews
    fact_id = _original(conn, table_name, fact_id)
    q = (sa.select(r).where(r.c.fact_table == table_name,
                            sa.or_(r.c.fact_id == fact_id, r.c.new_fact_id == fact_id))
         .order_by(r.c.id))
    return [dict(row) for row in conn.execute(q).mappings()]


def statuses(conn: sa.Connection, table_name: str, ids: Iterable[int]) -> dict[int, str]:
    """Review status of rows that have an active decision or were made by one."""
    r = schema.reviews
    ids = list(ids)
    found: dict[int, str] = {}
    for chunk in range(0, len(ids), 500):
        part = ids[chunk:chunk + 500]
        q = (sa.select(r.c.fact_id, r.c.new_fact_id, r.c.action)
             .where(r.c.fact_table == table_name, r.c.active,
                    sa.or_(r.c.fact_id.in_(part), r.c.new_fact_id.in_(part))).order_by(r.c.id))
        for target, made, action in conn.execute(q):
            if made is not None and made in part:
                found[made] = "added" if action == "add" else "corrected"
            if target in part and target != made:
                found[target] = {"accept": "accepted", "reject": "rejected"}.get(action, "corrected")
    return found


def fact_refs(conn: sa.Connection, table_name: str, keys: Iterable[str], view: View) -> dict[tuple, FactRef]:
    """(fact_key, article, start, end) -> FactRef for the rows of these keys that ``view`` shows.

    Readers rebuild facts as dataclasses, which carry their evidence but not their row; this index
    gives the handle, confidence and status back to whatever shows them.
    """
    table, ev = _table(table_name), schema.evidence
    keys = sorted(set(keys))
    rows = []
    for chunk in range(0, len(keys), 500):
        q = (sa.select(table.c.id, table.c.fact_key, table.c.article_id, ev.c.start, ev.c.end,
                       ev.c.confidence, ev.c.confirmed)
             .select_from(table.outerjoin(ev, table.c.evidence_id == ev.c.id))
             .where(table.c.fact_key.in_(keys[chunk:chunk + 500]), *visible(table, view)))
        rows += conn.execute(q).all()
    status = statuses(conn, table_name, [row[0] for row in rows])
    out: dict[tuple, FactRef] = {}
    for fid, key, article, start, end, confidence, confirmed in rows:
        confirmed = True if confirmed is None else bool(confirmed)
        default = "confirmed" if confirmed else "unconfirmed"
        out[(key, article, start, end)] = FactRef(table_name, int(fid), float(confidence or 0.0), confirmed,
                                                  status.get(int(fid), default))
    return out


def ref_key(fact: Any) -> tuple:
    """The index key of a fact rebuilt by a query (see :func:`fact_refs`)."""
    ev = getattr(fact, "evidence", None)
    if ev is None:
        return (fact_key(fact), None, None, None)
    return (fact_key(fact), ev.article, ev.start, ev.end)


