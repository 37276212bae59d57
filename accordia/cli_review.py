"""``accordia review``: the analyst's queue and decisions in a terminal.

``accordia review`` lists the queue (facts whose answer would move the analyses most first);
``accept``, ``reject``, ``correct``, ``add``, ``undo`` and ``show`` act on one fact by its handle
(``positions:42``, as every table prints it). Decisions record who (``--by``, default
$ACCORDIA_REVIEWER or the login name), when, and an optional ``--comment``.
"""

from __future__ import annotations

import getpass
import os
from typing import Annotated, Any

import typer
from rich.markup import escape

from accordia.cli import DbOption, _evidence_text, _json_out, _open, handled, out, rows_table, to_json
from accordia.store import AccordiaError

review_app = typer.Typer(help="Check the facts: a queue of what to look at first, and accept, reject, "
                              "correct, add or undo.", invoke_without_command=True, no_args_is_help=False)

FactArg = Annotated[str, typer.Argument(help="The fact's handle as tables print it, e.g. positions:42.")]
ByOption = Annotated[str | None, typer.Option("--by", help="Who decides (default $ACCORDIA_REVIEWER or your login).")]
CommentOption = Annotated[str, typer.Option("--comment", help="Why, in a few words (kept with the decision).")]


def _reviewer(by: str | None) -> str:
    if by:
        return by
    try:
        return os.environ.get("ACCORDIA_REVIEWER") or getpass.getuser()
    except (KeyError, OSError):  # no login name in some containers
        return ""


@review_app.callback()
@handled
def queue(ctx: typer.Context,
          limit: Annotated[int, typer.Option(min=1, max=500, help="How many facts to list.")] = 20,
          as_json: Annotated[bool, typer.Option("--json", help="Print the queue as JSON.")] = False,
          db: DbOption = None) -> None:
    """List undecided facts, those whose answer would change the analyses most first."""
    if ctx.invoked_subcommand is not None:
        ctx.obj = {**(ctx.obj or {}), "review_db": db}
        return
    with _open(ctx, db) as kb:
        items = kb.review_queue(limit)
    if as_json:
        _json_out(to_json(items))
        return
    if not items:
        out.print("Nothing left to review.")
        return
    rows = [{"fact": i["fact"], "priority": f"{i['priority']:.2f}", "why": i["why"], "says": i["summary"],
             "status": f"{i['confidence']:.2f} {i['status']}", "evidence": i["evidence"]} for i in items]
    table = rows_table(rows, "Review queue: most consequential first")
    table.caption = "accordia review accept|reject FACT, or correct FACT --stance ..."
    out.print(table)


def _db(ctx: typer.Context, db: str | None) -> str | None:
    return db or (ctx.obj or {}).get("review_db")


def _done(result: dict[str, Any], what: str) -> None:
    made = f"; the corrected reading is {result['fact']}" if result.get("fact") else ""
    out.print(f"{what} (decision {result['review']}){made}")


@review_app.command()
@handled
def accept(ctx: typer.Context, fact: FactArg, by: ByOption = None, comment: CommentOption = "",
           db: DbOption = None) -> None:
    """The fact is right (an unconfirmed one then counts in every analysis)."""
    with _open(ctx, _db(ctx, db)) as kb:
        _done(kb.accept(fact, reviewer=_reviewer(by), comment=comment), f"accepted {fact}")


@review_app.command()
@handled
def reject(ctx: typer.Context, fact: FactArg, by: ByOption = None, comment: CommentOption = "",
           db: DbOption = None) -> None:
    """The fact is a misreading: the reviewed view leaves it out (``--raw`` still shows it)."""
    with _open(ctx, _db(ctx, db)) as kb:
        _done(kb.reject(fact, reviewer=_reviewer(by), comment=comment), f"rejected {fact}")


def _values(**given: Any) -> dict[str, Any]:
    return {k: v for k, v in given.items() if v not in (None, "")}


@review_app.command()
@handled
def correct(ctx: typer.Context, fact: FactArg,
            actor: Annotated[str | None, typer.Option(help="Actor id or name.")] = None,
            issue: Annotated[str | None, typer.Option(help="Codebook issue id.")] = None,
            stance: Annotated[str | None, typer.Option(help="support, oppose, conditional or undecided.")] = None,
            kind: Annotated[str | None, typer.Option(help="Commitment kind, e.g. troops or money.")] = None,
            amount: Annotated[str | None, typer.Option(help="Number and unit, e.g. '5000 troops'.")] = None,
            condition: Annotated[str | None, typer.Option(help="A position's precondition.")] = None,
            against: Annotated[str | None, typer.Option(help="A red line's issue.")] = None,
            by: ByOption = None, comment: CommentOption = "", db: DbOption = None) -> None:
    """Store your reading beside the machine's (which stays, shown with --raw)."""
    changes = _values(actor=actor, issue=issue, stance=stance, kind=kind, amount=amount, condition=condition,
                      against=against)
    with _open(ctx, _db(ctx, db)) as kb:
        _done(kb.correct(fact, changes, reviewer=_reviewer(by), comment=comment), f"corrected {fact}")


@review_app.command()
@handled
def add(ctx: typer.Context,
        fact_type: Annotated[str, typer.Option("--type", help="positions, commitments, red_lines, ...")],
        article: Annotated[str, typer.Option(help="Article id (as citations print it).")],
        sentence: Annotated[str | None, typer.Option(help="The evidence: words of the article, verbatim.")] = None,
        start: Annotated[int | None, typer.Option(help="Or the evidence's character offsets...")] = None,
        end: Annotated[int | None, typer.Option(help="...start and end.")] = None,
        actor: Annotated[str | None, typer.Option()] = None, issue: Annotated[str | None, typer.Option()] = None,
        stance: Annotated[str | None, typer.Option()] = None, kind: Annotated[str | None, typer.Option()] = None,
        amount: Annotated[str | None, typer.Option()] = None, against: Annotated[str | None, typer.Option()] = None,
        by: ByOption = None, comment: CommentOption = "", db: DbOption = None) -> None:
    """Add a fact the extractor missed, with a sentence of the article as its evidence."""
    with _open(ctx, _db(ctx, db)) as kb:
        if sentence:
            text = kb.article(article)["text"]
            found = text.find(sentence)
            if found < 0:
                raise AccordiaError(f"the sentence is not in article {article}: copy it verbatim")
            start, end = found, found + len(sentence)
        if start is None or end is None:
            raise AccordiaError("give the evidence: --sentence TEXT, or --start and --end offsets")
        values = _values(actor=actor, issue=issue, stance=stance, kind=kind, amount=amount, against=against)
        _done(kb.add_fact(fact_type, article, start, end, values, reviewer=_reviewer(by), comment=comment),
              "added")


@review_app.command()
@handled
def undo(ctx: typer.Context, fact: FactArg, db: DbOption = None) -> None:
    """Take back the latest decision on a fact; the one before it applies again."""
    with _open(ctx, _db(ctx, db)) as kb:
        result = kb.undo(fact)
    out.print(f"undid decision {result['review']} on {fact}")


@review_app.command()
@handled
def show(ctx: typer.Context, fact: FactArg,
         as_json: Annotated[bool, typer.Option("--json", help="Print as JSON.")] = False,
         db: DbOption = None) -> None:
    """One fact: every version (the machine's and the analysts'), and every decision on it."""
    with _open(ctx, _db(ctx, db)) as kb:
        detail = kb.fact(fact)
    if as_json:
        _json_out(to_json(detail))
        return
    out.print(f"[bold]{escape(fact)}[/]: {detail['status']}")
    out.print(rows_table([{"version": v["fact"], "says": v["summary"], "evidence": _evidence_text(v["evidence"])}
                          for v in detail["versions"]], "Versions"))
    if detail["decisions"]:
        out.print(rows_table([{"decision": d["id"], "action": d["action"], "by": d["reviewer"],
                               "when": d["created_at"], "comment": d["comment"], "changes": d["changes"],
                               "active": "yes" if d["active"] else ("undone" if d["undone_at"] else "replaced")}
                              for d in detail["decisions"]], "Decisions"))
