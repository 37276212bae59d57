"""The ``accordia`` command: ingest, report, track changes, analyse, export, evaluate, serve and demo.

Every command prints one clear line and exits non-zero on a user error (a bad date, an unknown
issue or actor, an unreachable database) rather than a traceback.

Exit codes: 0 done; 1 a user error (nothing done); 2 an internal error; 3 done, but not all of it:
``ingest`` could not read or store some input, or ``check`` found problems in the store.
"""

from __future__ import annotations

import functools
import json
import os
import sys
from collections.abc import Callable, Iterable
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from accordia.store.errors import AccordiaError

app = typer.Typer(
    name="accordia", no_args_is_help=True, add_completion=False, pretty_exceptions_enable=False,
    help="Turn news reporting on a negotiation into an evidence-linked knowledge base.",
)
out = Console(soft_wrap=False)
err = Console(stderr=True, soft_wrap=True)

STANCE_HEADINGS = (("support", "Supporters"), ("oppose", "Opponents"), ("conditional", "Conditional"),
                   ("undecided", "Undecided"))
DIGEST_KINDS = ("collisions", "vetoes", "forecast")
#: Exit status when a run finished but some of its input failed, or a check found problems.
EXIT_PARTIAL = 3
DIGEST_ROWS = 5


class ReportFormat(StrEnum):
    table = "table"
    json = "json"
    md = "md"


class TableOrJson(StrEnum):
    table = "table"
    json = "json"


class ExportFormat(StrEnum):
    csv = "csv"
    parquet = "parquet"
    jsonl = "jsonl"
    graphml = "graphml"
    gold = "gold"


DbOption = Annotated[str | None, typer.Option(
    "--db", help="SQLite file or postgresql:// URL (default: the global --db, $ACCORDIA_DB, ./accordia.db).")]
AsOfOption = Annotated[str | None, typer.Option(
    "--as-of", help="Only facts reported up to this date (YYYY-MM-DD).")]
IssueOption = Annotated[str | None, typer.Option(
    "--issue", help="A codebook issue id, e.g. reassurance-force.")]
RawOption = Annotated[bool, typer.Option(
    "--raw", help="The machine's view: ignore the analysts' accept/reject/correct decisions.")]
UnconfirmedOption = Annotated[bool, typer.Option(
    "--include-unconfirmed", help="Also count readings the extractor scored below its threshold.")]
ReferenceDateOption = Annotated[str | None, typer.Option(
    "--reference-date", help=(
        "When the files were collected (YYYY-MM-DD): a dateline without a year is read as the latest "
        "such day on or before it, and an undated article is dated on it, instead of the file's "
        "modification date."))]


def _reference_day(value: str | None) -> Any:
    from accordia.api import parse_day

    return parse_day(value, "--reference-date")


def _fail(message: str, code: int = 1) -> None:
    err.print(f"[bold red]error:[/] {escape(' '.join(message.split()))}")
    raise typer.Exit(code)


def handled(command: Callable[..., Any]) -> Callable[..., Any]:
    """Turn the errors a user can cause into one line on stderr and exit status 1."""

    @functools.wraps(command)
    def run(*args: Any, **kwargs: Any) -> Any:
        try:
            return command(*args, **kwargs)
        except typer.Exit:
            raise
        except AccordiaError as exc:
            _fail(str(exc))
        except (ValueError, LookupError, FileNotFoundError, NotADirectoryError, PermissionError) as exc:
            _fail(str(exc).strip("'\""))
        except OSError as exc:
            _fail(f"{exc.strerror or exc}: {exc.filename or ''}".rstrip(": "))
        except Exception as exc:
            if _is_database_error(exc):
                detail = str(getattr(exc, "orig", None) or exc).strip().splitlines()[0]
                _fail(f"database error: {detail}")
            if os.environ.get("ACCORDIA_DEBUG"):
                raise
            _fail(f"internal error: {type(exc).__name__}: {exc} (set ACCORDIA_DEBUG=1 for the traceback)", 2)

    return run


def _is_database_error(exc: Exception) -> bool:
    """A SQLAlchemy error, checked without importing SQLAlchemy when it was never loaded."""
    sa_exc = sys.modules.get("sqlalchemy.exc")
    return sa_exc is not None and isinstance(exc, sa_exc.SQLAlchemyError)


def _print_version(value: bool) -> None:
    if value:
        from accordia import __version__

        out.print(f"accordia {__version__}")
        raise typer.Exit()


@app.callback()
def main(ctx: typer.Context,
         db: Annotated[str | None, typer.Option("--db", envvar="ACCORDIA_DB", help=(
             "SQLite file or postgresql:// URL of the knowledge base (default ./accordia.db)."))] = None,
         codebook: Annotated[str | None, typer.Option("--codebook", envvar="ACCORDIA_CODEBOOK", help=(
             "Your own issue codebook (YAML) for another negotiation; default: the shipped one."))] = None,
         version: Annotated[bool, typer.Option("--version", callback=_print_version, is_eager=True,
                                               help="Print the version and exit.")] = False,
         ) -> None:
    """Accordia: who stands where in a negotiation, sentence by sentence."""
    ctx.obj = {"db": db, "codebook": codebook}


def _reference(ctx: typer.Context) -> Any:
    """The reference data with the user's codebook, if one was given (None: the shipped default)."""
    codebook = (ctx.obj or {}).get("codebook")
    if not codebook:
        return None
    from accordia.reference import load_reference

    try:
        return load_reference(codebook=codebook)
    except (OSError, ValueError) as exc:
        raise typer.BadParameter(f"cannot use the codebook {codebook}: {exc}", param_hint="--codebook") from exc


def _open(ctx: typer.Context, db: str | None, *, create: bool = False) -> Any:
    """The knowledge base; only commands that write pass ``create=True`` (create or migrate it).

    Reading commands open an existing Accordia store only, so a mistyped path or another
    program's database is refused rather than created or changed.
    """
    from accordia.api import Accordia

    target = db or (ctx.obj or {}).get("db")
    return Accordia.open(target, reference=_reference(ctx), create=create)


# ---- rendering helpers --------------------------------------------------------------------------


def to_json(value: Any) -> Any:
    """DataFrames, timestamps, numpy scalars and dataclasses as plain JSON values (NaN/NaT -> None)."""
    import math
    from dataclasses import asdict, is_dataclass
    from datetime import date, datetime

    import numpy as np
    import pandas as pd

    if isinstance(value, pd.DataFrame):
        return [to_json(row) for row in value.to_dict(orient="records")]
    if isinstance(value, dict):
        return {str(k): to_json(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set):
        return [to_json(v) for v in value]
    if value is None or value is pd.NaT or value is pd.NA:
        return None
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, float) and (math.isnan(value) or math.isinf(value)):
        return None
    if isinstance(value, datetime):
        midnight = (value.hour, value.minute, value.second, value.microsecond) == (0, 0, 0, 0)
        return value.date().isoformat() if midnight else value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if is_dataclass(value) and not isinstance(value, type):
        return to_json(asdict(value))
    return value


def _json_out(data: Any) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2, default=str) + "\n")


def _evidence_text(value: Any) -> str:
    """Evidence as "sentence (article, date)"; several pieces one per line."""
    if isinstance(value, list):
        return "\n".join(_evidence_text(v) for v in value if v)
    if not isinstance(value, dict):
        return str(value)
    sentence = value.get("sentence", "")
    article = str(value.get("article") or "")
    title = f"\"{value['title']}\"" if value.get("title") else ""
    parts = (title, value.get("source"), article if not value.get("url") else "",
             value.get("published") or value.get("date"), value.get("url"))
    where = ", ".join(str(v) for v in parts if v)
    return f"{sentence} ({where})" if where else str(sentence)


def _status_text(entry: dict[str, Any], sep: str = "\n") -> str:
    """Confidence, review status and the handle to review the fact with (``0.90 confirmed``)."""
    confidence = entry.get("confidence")
    score = f"{confidence:.2f} " if isinstance(confidence, int | float) else ""
    handle = f"{sep}{entry['fact']}" if entry.get("fact") else ""
    return f"{score}{entry.get('status') or ''}{handle}".strip()


def _cell(key: str, value: Any) -> str:
    if value is None:
        return ""
    if "evidence" in key:
        return _evidence_text(value)
    if isinstance(value, float):
        return f"{value:.3g}"
    if isinstance(value, list):
        if all(isinstance(v, str | int | float) for v in value):
            return ", ".join(str(v) for v in value)
        return json.dumps(value, ensure_ascii=False, default=str)
    if isinstance(value, dict):
        if "sentence" in value:
            return _evidence_text(value)
        return json.dumps(value, ensure_ascii=False, default=str)
    return str(value)


# Share of a table's width per column: evidence and lists of actors get most of a narrow terminal.
COLUMN_RATIOS: dict[str, int] = {
    "evidence": 5, "sentence": 5, "explanation": 5, "why": 4, "collision": 3, "collides with (via)": 3,
    "not colliding / other side": 3, "must agree": 4, "blocking now (opposes)": 2, "heaviest actors": 3,
    "forecast (0-100)": 3, "actors": 3, "contributors": 3, "pledged": 3, "stated need": 3, "outcome": 2,
    "verdict (veto beside)": 2,
    "group": 2, "wording": 3,
}


SHORT_COLUMN = 16


def _column_ratio(column: str) -> int:
    return COLUMN_RATIOS.get(column, 5 if "evidence" in column else 1)


def rows_table(rows: Iterable[dict[str, Any]], title: str = "", limit: int | None = None) -> Table:
    """A Rich table of dict rows; columns are the keys in order of first appearance."""
    rows = list(rows)
    columns: list[str] = []
    for row in rows:
        for key in row:
            if key not in columns:
                columns.append(key)
    shown = rows[:limit] if limit else rows
    # a column empty in every row (no conditions, say) only takes width from the evidence
    columns = [c for c in columns if any(_cell(c, row.get(c)).strip() for row in shown)] or columns
    cells = [[_cell(c, row.get(c)) for c in columns] for row in shown]
    table = Table(title=escape(title) if title else None, show_lines=True, expand=True)
    for n, column in enumerate(columns):
        texts = [column, *(r[n] for r in cells)]
        widest = max((len(line) for text in texts for line in text.splitlines()), default=4)
        if widest <= SHORT_COLUMN:  # dates, counts, stances: as wide as they are
            table.add_column(column, overflow="fold")
            continue
        # shared out by ratio, but never narrower than the longest word ("support", not "suppo" + "rt")
        longest = max((len(w) for text in texts for w in text.split()), default=4)
        table.add_column(column, overflow="fold", ratio=_column_ratio(column), width=min(longest, 14))
    for row in cells:
        table.add_row(*(escape(text) for text in row))
    if limit and len(rows) > limit:
        table.caption = f"{limit} of {len(rows)} rows shown"
    return table


def _report_tables(report: dict[str, Any]) -> list[Table]:
    tables = []
    for section in report["issues"]:
        label = section["label"] or section["id"]
        table = Table(title=escape(f"{label} [{section['id']}]"), show_lines=True, expand=True)
        for column in ("stance", "actor", "date", "sources", "status", "evidence"):
            table.add_column(column, overflow="fold", ratio=4 if column == "evidence" else
                             (2 if column == "actor" else None))
        for stance, heading in STANCE_HEADINGS:
            for entry in section[stance]:
                actor = f"{entry['actor_name']} ({entry['actor']})"
                if entry["contested"]:
                    actor += " - contested"
                if entry["condition"]:
                    actor += f"\nif: {entry['condition']}"
                table.add_row(heading, escape(actor), entry["date"], str(entry["sources"]),
                              escape(_status_text(entry)), escape(_evidence_text(entry["evidence"])))
        tables.append(table)
    return tables


def _report_markdown(report: dict[str, Any]) -> str:
    lines = [f"# Positions as of {report['as_of'] or 'latest'}", ""]
    for section in report["issues"]:
        lines += [f"## {section['label'] or section['id']} (`{section['id']}`)", ""]
        for stance, heading in STANCE_HEADINGS:
            if not section[stance]:
                continue
            lines.append(f"**{heading}**")
            lines.append("")
            for e in section[stance]:
                ev = e["evidence"] or {}
                flag = " (contested)" if e["contested"] else ""
                condition = f" - condition: {e['condition']}" if e["condition"] else ""
                cited = [f"\"{ev['title']}\"" if ev.get("title") else "", ev.get("source", ""),
                         ev.get("published") or "", ev.get("url") or ev.get("article", "")]
                where = ", ".join(c for c in cited if c) + f", {e['sources']} source(s), {_status_text(e, ', ')}"
                lines.append(f"- {e['actor_name']} ({e['actor']}), {e['date']}{flag}{condition}: "
                             f"\"{ev.get('sentence', '')}\" [{where}]")
            lines.append("")
    if not report["issues"]:
        lines.append("No positions stored yet.")
    return "\n".join(lines)


def _print_report(report: dict[str, Any], fmt: ReportFormat) -> None:
    if fmt is ReportFormat.json:
        _json_out({"as_of": report["as_of"], "positions": report["positions"]})
    elif fmt is ReportFormat.md:
        sys.stdout.write(_report_markdown(report) + "\n")
    else:
        tables = _report_tables(report)
        if not tables and report["as_of"]:
            out.print(f"No positions reported up to {report['as_of']}.")
        elif not tables:
            out.print("No positions stored yet: run `accordia ingest PATH` first.")
        for table in tables:
            out.print(table)


# ---- commands -----------------------------------------------------------------------------------


def _few_files(paths: list[Path], limit: int) -> bool:
    """True when ``paths`` hold fewer than ``limit`` files, none of them a multi-article export."""
    from accordia.parallel import CONTAINER_SUFFIXES
    from accordia.read import files_in

    seen = 0
    for path in paths:
        for file in files_in(path):
            seen += 1
            if seen >= limit or (isinstance(file, Path) and file.suffix.lower() in CONTAINER_SUFFIXES):
                return False
    return True


class Engine(StrEnum):
    local = "local"
    dask = "dask"


@app.command()
@handled
def ingest(ctx: typer.Context,
           paths: Annotated[list[Path], typer.Argument(help="Files or folders of articles.")],
           db: DbOption = None,
           batch_size: Annotated[int, typer.Option(
               min=1, max=512, help="Articles per extraction batch.")] = 16,
           progress: Annotated[bool, typer.Option(help="Show the progress bar.")] = True,
           reference_date: ReferenceDateOption = None,
           workers: Annotated[int | None, typer.Option(
               min=1, max=256, envvar="ACCORDIA_WORKERS", help="Processes reading and extracting (default: "
               "the cores available); one process writes, in input order, so the store is the same "
               "for any number.")] = None,
           engine: Annotated[Engine, typer.Option(
               help="local: a process pool on this machine; dask: a Dask cluster (pip install "
               "'accordia[dask]').")] = Engine.local,
           scheduler: Annotated[str | None, typer.Option(
               help="With --engine dask: the scheduler address, e.g. tcp://10.0.0.5:8786 (default: "
               "a local cluster of --workers processes).")] = None) -> None:
    """Read, extract and store articles; prints a summary of what was stored, skipped or failed."""
    from accordia.parallel import available_cores

    reference = _reference_day(reference_date)
    count = workers or available_cores()
    if engine is Engine.local and count > 1 and _few_files(paths, 2 * count):
        count = 1  # starting a process costs a model load: a handful of files is quicker in one
    if scheduler and engine is not Engine.dask:
        raise typer.BadParameter("--scheduler needs --engine dask", param_hint="--scheduler")
    with _open(ctx, db, create=True) as kb:
        if count == 1 and engine is Engine.local:
            from accordia.ingest import ingest as run_ingest

            summary = run_ingest(paths, kb.store, kb.extractor, progress=progress, batch_size=batch_size,
                                 console=err, reference_date=reference)
        else:
            from accordia.parallel import ExtractorSpec, ingest_parallel

            _reference(ctx)  # a broken --codebook fails here, once, not in every worker
            spec = ExtractorSpec.chosen(codebook=(ctx.obj or {}).get("codebook"))
            _ = kb.reference  # record the reference actors and issues, as a one-process run does
            summary = ingest_parallel(paths, kb.store, workers=count, spec=spec, batch_size=batch_size,
                                      progress=progress, console=err, reference_date=reference,
                                      engine=engine.value, scheduler=scheduler)
    out.print(summary.table())
    if summary.failed:
        err.print(f"[bold red]{len(summary.failed)} input(s) failed[/] (listed above under 'failed'); "
                  f"exit status {EXIT_PARTIAL}")
        raise typer.Exit(EXIT_PARTIAL)


@app.command()
@handled
def report(ctx: typer.Context, issue: IssueOption = None, as_of: AsOfOption = None,
           fmt: Annotated[ReportFormat, typer.Option("--format")] = ReportFormat.table,
           raw: RawOption = False, include_unconfirmed: UnconfirmedOption = False,
           db: DbOption = None) -> None:
    """Per issue: supporters, opponents, conditional and undecided, each with its latest evidence."""
    with _open(ctx, db) as kb:
        _print_report(kb.report(issue=issue, as_of=as_of, raw=raw, include_unconfirmed=include_unconfirmed), fmt)


@app.command()
@handled
def actor(ctx: typer.Context, iso3: Annotated[str, typer.Argument(help="Actor id, e.g. FRA or EU.")],
          as_of: AsOfOption = None,
          fmt: Annotated[TableOrJson, typer.Option("--format")] = TableOrJson.table,
          raw: RawOption = False, include_unconfirmed: UnconfirmedOption = False,
          db: DbOption = None) -> None:
    """Everything known about one actor (an id or a name): positions, commitments, red lines, groups, people."""
    with _open(ctx, db) as kb:
        profile = kb.actor(iso3.strip(), as_of=as_of, raw=raw, include_unconfirmed=include_unconfirmed)
    if fmt is TableOrJson.json:
        _json_out(to_json(profile))
        return
    out.print(f"[bold]{escape(profile['name'])}[/] ({profile['id']}), as of {profile['as_of'] or 'latest'}")
    positions = [{
        "issue": p["issue"], "stance": p["stance"] + (" (contested)" if p["contested"] else ""),
        "date": p["date"], "sources": p["sources"], "condition": p["condition"] or "",
        "status": _status_text(p),
        "evidence": {"sentence": p["sentence"], "article": p["article"], "published": p["date"],
                     "title": p.get("title"), "source": p.get("source"), "url": p.get("url")},
    } for p in to_json(profile["positions"])]
    out.print(rows_table(positions, "Positions") if positions else "No positions.")
    for kind, columns in PROFILE_COLUMNS.items():
        if profile[kind]:
            rows = [{c: _status_text(item) if c == "status" else _profile_cell(c, item.get(c)) for c in columns}
                    for item in profile[kind]]
            out.print(rows_table(rows, kind.replace("_", " ").capitalize()))


# What the actor profile shows of each kind of fact (the JSON format has every field).
PROFILE_COLUMNS: dict[str, tuple[str, ...]] = {
    "commitments": ("kind", "issue", "amount", "places", "conditions", "hypothetical", "status", "evidence"),
    "red_lines": ("against", "wording", "status", "evidence"),
    "memberships": ("group", "role", "status", "evidence"),
    "people": ("name", "role", "status", "evidence"),
}


def _profile_cell(column: str, value: Any) -> Any:
    if column == "amount" and isinstance(value, dict):
        number = value.get("value")
        return f"{number:,.0f} {value.get('unit', '')}".strip() if isinstance(number, int | float) else ""
    if isinstance(value, bool):
        return "yes" if value else ""
    return value


@app.command()
@handled
def changes(ctx: typer.Context,
            since: Annotated[str, typer.Option(
                "--since", help="Report changes after this date (YYYY-MM-DD).")],
            as_of: AsOfOption = None, issue: IssueOption = None,
            fmt: Annotated[ReportFormat, typer.Option("--format")] = ReportFormat.table,
            min_confidence: Annotated[float, typer.Option(
                "--min-confidence", min=0.0, max=1.0, help="Leave out changes read with less confidence.")] = 0.0,
            raw: RawOption = False, include_unconfirmed: UnconfirmedOption = False,
            db: DbOption = None) -> None:
    """Every stance change since a date, highest impact first, with the sentence before and after."""
    with _open(ctx, db) as kb:
        rows = to_json(kb.changes(since, as_of=as_of, issue=issue, raw=raw, include_unconfirmed=include_unconfirmed))
    rows = [r for r in rows if (r.get("confidence") or 0) >= min_confidence]
    if fmt is ReportFormat.json:
        _json_out({"since": since, "as_of": as_of, "changes": rows})
    elif fmt is ReportFormat.md:
        lines = [f"# Changes since {since}", ""]
        for r in rows:
            cited = ", ".join(str(c) for c in (r.get("title"), r.get("source"), r.get("published"),
                                               r.get("url") or r["article_after"]) if c)
            lines.append(f"- {r['after_date']}: {r['actor_name']} ({r['actor']}) on {r['issue']}: "
                         f"{r['before_stance'] or 'no position'} -> {r['after_stance']} ({r['kind']}). "
                         f"\"{r['after_sentence']}\" [{cited}] ({_status_text(r, ', ')})")
        sys.stdout.write("\n".join(lines or ["No changes."]) + "\n")
    else:
        compact = [{
            "date": r["after_date"], "actor": f"{r['actor_name']} ({r['actor']})", "issue": r["issue"],
            "change": (f"{r['change']}: {r['before_stance']} -> {r['after_stance']}" if r["before_stance"]
                       else f"new: {r['after_stance']}")
                      + (f"\nimpact {r['impact']:.2f}: {r['impact_why']}" if r.get("impact") is not None else ""),
            "status": _status_text(r),
            "evidence": {"sentence": r["after_sentence"], "article": r["article_after"],
                         "published": r["after_date"], "title": r.get("title"), "source": r.get("source"),
                         "url": r.get("url")},
        } for r in rows]
        title = f"Changes since {since}"
        out.print(rows_table(compact, title) if rows else f"No stance changes since {since}.")


@app.command()
@handled
def export(ctx: typer.Context,
           fmt: Annotated[ExportFormat, typer.Option("--format", help="csv, parquet, jsonl, graphml or gold.")],
           out_path: Annotated[Path, typer.Option("--out", help=(
               "File, or folder for csv/parquet tables and gold files."))],
           as_of: AsOfOption = None, raw: RawOption = False, include_unconfirmed: UnconfirmedOption = False,
           db: DbOption = None) -> None:
    """Write facts with evidence, confidence, status and citation as tables, JSON lines or a graph;
    ``gold``: reviewed articles as gold files for ``accordia train``."""
    with _open(ctx, db) as kb:
        written = kb.export(fmt.value, out_path, as_of=as_of, raw=raw, include_unconfirmed=include_unconfirmed)
    out.print(f"wrote {written}")


def _what_if(value: str | None) -> Any:
    """What-if overrides from JSON text or a JSON file."""
    if not value:
        return None
    text = value
    if not value.lstrip().startswith(("{", "[")):
        path = Path(value)
        if not path.is_file():
            raise AccordiaError(f"--what-if must be JSON or a JSON file; {value!r} is neither")
        text = path.read_text(encoding="utf-8")
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise AccordiaError(f"--what-if is not valid JSON: {exc.msg} at character {exc.pos}") from exc


@app.command()
@handled
def analyse(ctx: typer.Context,
            kind: Annotated[str, typer.Argument(help="collisions, vetoes, blocs, force, forecast.")],
            issue: IssueOption = None, as_of: AsOfOption = None,
            fmt: Annotated[TableOrJson, typer.Option("--format")] = TableOrJson.table,
            what_if: Annotated[str | None, typer.Option("--what-if", help=(
                'JSON (or a JSON file) of overrides, e.g. \'{"actor":"ITA","issue":"reassurance-force",'
                '"stance":"support"}\'.'))] = None,
            raw: RawOption = False, include_unconfirmed: UnconfirmedOption = False,
            db: DbOption = None) -> None:
    """Run one analysis on the knowledge base as of a date, optionally on a what-if copy."""
    overrides = _what_if(what_if)
    with _open(ctx, db) as kb:
        result = to_json(kb.analyse(kind, issue=issue, as_of=as_of, overrides=overrides, raw=raw,
                                    include_unconfirmed=include_unconfirmed))
        if fmt is TableOrJson.json:
            _json_out(result)
            return
        table = analysis_table(result, kb.actor_name)
    out.print(table if table is not None else "No rows.")
    for note in result.get("notes") or []:
        out.print(f"[dim]note: {escape(str(note))}[/]")


def analysis_table(result: dict[str, Any], name: Callable[[str], str] | None = None,
                   limit: int | None = None) -> Table | None:
    """A result as a table of short rows (full detail stays in ``--format json``); None when empty."""
    from accordia.analyse.summary import summary_rows

    rows = result.get("rows") or []
    if not rows:
        return None
    what = result.get("kind") or "analysis"
    if result.get("issue"):
        what += f" on {result['issue']}"
    title = f"{what} as of {result.get('as_of') or 'latest'}"
    if any("what-if" in str(n) for n in result.get("notes") or []):
        title += " (what-if)"
    short = summary_rows(result, name)
    table = rows_table(short if short is not None else rows, title, limit=limit)
    if short is not None:
        shown = f"{min(limit, len(rows))} of {len(rows)} rows shown; " if limit and len(rows) > limit else ""
        table.caption = f"{shown}--format json gives every detail and piece of evidence"
    return table


@app.command()
@handled
def extract(ctx: typer.Context,
            files: Annotated[list[Path], typer.Argument(help="Article files (or folders).")],
            out_dir: Annotated[Path, typer.Option("--out", help="Folder for NAME.pred.json files.")],
            reference_date: ReferenceDateOption = None,
            unconfirmed: Annotated[bool, typer.Option(
                "--include-unconfirmed", help="Also write positions below the model's threshold.")] = False) -> None:
    """Extract facts from files into NAME.pred.json (the gold-annotation shape), without storing them."""
    from accordia.extract import Extractor
    from accordia.ingest import redate_undated
    from accordia.read import read_path

    reference = _reference_day(reference_date)
    out_dir.mkdir(parents=True, exist_ok=True)
    custom = _reference(ctx)
    extractor = Extractor(reference=custom) if custom is not None else Extractor()
    written, problems = 0, 0
    for file in files:
        results = [redate_undated(r, reference) for r in read_path(file, year_reference=reference)]
        good = [r for r in results if r.article is not None]
        for r in results:
            if r.article is None:
                problems += 1
                reason = r.error.reason if r.error else "no article"
                err.print(f"skipped {escape(r.path)}: {escape(str(reason))}")
        for n, result in enumerate(good, start=1):
            stem = Path(result.path).name.split(".")[0]
            name = stem if len(good) == 1 else f"{stem}-{n}"
            try:
                facts = extractor(result.article)
            except Exception as exc:  # noqa: BLE001 - one file's failure is reported, the rest go on
                problems += 1
                err.print(f"failed {escape(result.path)}: {type(exc).__name__}: {escape(str(exc))}")
                continue
            target = out_dir / f"{name}.pred.json"
            target.write_text(json.dumps(facts.to_gold(text_file=Path(result.path).name,
                                                     include_unconfirmed=unconfirmed), ensure_ascii=False,
                                         indent=2), encoding="utf-8")
            written += 1
    tail = f"; {problems} problem(s)" if problems else ""
    out.print(f"wrote {written} prediction file(s) to {out_dir}{tail}")
    if written == 0:
        raise typer.Exit(1)


@app.command(name="eval")
@handled
def evaluate(gold_dir: Annotated[Path | None, typer.Argument(help="Folder of NAME.gold.json files.")] = None,
             pred_dir: Annotated[Path | None, typer.Argument(help="Folder of NAME.pred.json files.")] = None,
             cv: Annotated[Path | None, typer.Option(
                 "--cv", help="folds.json beside gold files: cross-validate the stance model over its folds.")] = None,
             also: Annotated[list[Path] | None, typer.Option(
                 "--also", help="With --cv: more gold folders used for training only, never scored.")] = None,
             learner: Annotated[str, typer.Option(help="With --cv: logistic or boosted.")] = "logistic",
             seed: Annotated[int, typer.Option(help="With --cv: random seed.")] = 0) -> None:
    """Score NAME.pred.json files against NAME.gold.json annotations, or cross-validate with --cv."""
    if cv is not None:
        from accordia.learn.crossval import cross_validate, format_report

        report = cross_validate(cv, also=also or [], learner=learner, seed=seed)
        sys.stdout.write(format_report(report) + "\n")
        return
    if gold_dir is None or pred_dir is None:
        raise typer.BadParameter("give GOLD_DIR and PRED_DIR, or --cv folds.json")
    from accordia.evaluate import evaluate_dirs, format_evaluation

    warnings: list[str] = []
    result = evaluate_dirs(gold_dir, pred_dir, warnings)
    for warning in warnings:
        err.print(escape(warning))
    sys.stdout.write(format_evaluation(result) + "\n")


@app.command()
@handled
def brief(ctx: typer.Context,
          since: Annotated[str, typer.Option("--since", help="What changed after this date (YYYY-MM-DD).")],
          as_of: AsOfOption = None, issue: IssueOption = None,
          out_path: Annotated[Path, typer.Option("--out", help="HTML file to write.")] = Path("briefing.html"),
          pdf: Annotated[Path | None, typer.Option("--pdf", help="Also print it to this PDF (needs Chromium).")]
          = None,
          raw: RawOption = False, include_unconfirmed: UnconfirmedOption = False, db: DbOption = None) -> None:
    """A one-page briefing (HTML, and PDF with Chromium): what changed, open collisions, veto players and
    the force picture, each line with its citation."""
    from accordia.brief import build_brief, render_html, to_pdf

    with _open(ctx, db) as kb:
        page = render_html(build_brief(kb, since, as_of, issue=issue, raw=raw,
                                       include_unconfirmed=include_unconfirmed))
    if not out_path.parent.is_dir():
        raise AccordiaError(f"folder {out_path.parent} does not exist")
    out_path.write_text(page, encoding="utf-8")
    out.print(f"wrote {out_path}")
    if pdf is not None:
        out.print(f"wrote {to_pdf(page, pdf)}")


@app.command()
@handled
def issues(ctx: typer.Context, fmt: Annotated[TableOrJson, typer.Option("--format")] = TableOrJson.table,
           db: DbOption = None) -> None:
    """The issues: codebook ids and labels, and how many actors hold a position on each."""
    with _open(ctx, db) as kb:
        counts = kb.positions()["issue"].value_counts().to_dict()
        rows = [{"id": i, "label": kb.issue_label(i), "positions": int(counts.get(i, 0))} for i in kb.issues()]
    if fmt is TableOrJson.json:
        _json_out(rows)
        return
    out.print(rows_table(rows, "Issues") if rows else "No issues known.")


@app.command()
@handled
def actors(ctx: typer.Context, fmt: Annotated[TableOrJson, typer.Option("--format")] = TableOrJson.table,
           every: Annotated[bool, typer.Option("--all", help="Also gazetteer actors the store never mentions.")]
           = False,
           db: DbOption = None) -> None:
    """The actors: ids, names, and how many current positions each holds."""
    with _open(ctx, db) as kb:
        counts = kb.positions()["actor"].value_counts().to_dict()
        seen = kb.store.known_actors()
        ids = kb.known_actor_ids() if every else sorted(seen)
        rows = [{"id": a, "name": kb.actor_name(a), "positions": int(counts.get(a, 0))} for a in ids]
    rows.sort(key=lambda r: (-r["positions"], r["id"]))
    if fmt is TableOrJson.json:
        _json_out(rows)
        return
    out.print(rows_table(rows, "Actors") if rows else "No actors known yet: run `accordia ingest PATH` first.")




@app.command()
@handled
def train(gold_dirs: Annotated[list[Path], typer.Argument(help="Folders of NAME.txt + NAME.gold.json.")],
          out_path: Annotated[Path, typer.Option("--out", help="Model file to write (.json or .json.gz).")],
          learner: Annotated[str, typer.Option(help="logistic (shipped) or boosted.")] = "logistic",
          seed: Annotated[int, typer.Option(help="Random seed.")] = 0) -> None:
    """Train a stance model from gold files; use it with --model or ACCORDIA_MODEL."""
    from accordia.learn.train import train_model

    model = train_model(gold_dirs, out_path, seed=seed, learner=learner)
    out.print(f"wrote {out_path}: {len(model.weights)} features, {model.meta.get('articles')} articles, "
              f"confirmation threshold {model.threshold:.2f}")


def _access(host: str) -> Any:
    """Who the server will answer; refuses a bind beyond loopback without ACCORDIA_TOKEN."""
    from accordia.serve.security import TOKEN_ENV, AccessPolicy, is_loopback

    policy = AccessPolicy.for_bind(host)
    if not is_loopback(host):
        err.print(f"[bold yellow]warning:[/] listening on {escape(host)}: other machines can reach this server; "
                  f"every request must carry {TOKEN_ENV} (Authorization: Bearer ..., or open /?token=... once)")
    return policy


def _serve(kb: Any, host: str, port: int, access: Any) -> None:
    import uvicorn

    from accordia.serve.app import create_app

    shown = f"[{host}]" if ":" in host else host
    out.print(f"Serving the dashboard at [bold]http://{shown}:{port}[/] (Ctrl+C to stop)")
    uvicorn.run(create_app(kb, access=access), host=host, port=port, log_level="warning")


@app.command()
@handled
def serve(ctx: typer.Context,
          host: Annotated[str, typer.Option(help="Interface to listen on.")] = "127.0.0.1",
          port: Annotated[int, typer.Option(min=1, max=65535)] = 8000, db: DbOption = None) -> None:
    """Serve the REST API and the dashboard (beyond loopback only with ACCORDIA_TOKEN set)."""
    access = _access(host)
    with _open(ctx, db) as kb:
        _serve(kb, host, port, access)


@app.command()
@handled
def check(ctx: typer.Context, db: DbOption = None,
          fmt: Annotated[TableOrJson, typer.Option("--format")] = TableOrJson.table) -> None:
    """Check the knowledge base is whole (schema, links, evidence offsets, stories); changes nothing.

    Exits 0 when every check passes and 3 when any finds a problem.
    """
    from accordia.store.check import check_location

    report = check_location(db or (ctx.obj or {}).get("db"))
    if fmt is TableOrJson.json:
        _json_out(report.to_dict())
    else:
        passed = sum(1 for f in report.findings if f.status == "ok")
        shown = [{"check": f.check, "status": f.status, "detail": f.detail, "examples": f.examples}
                 for f in report.findings if f.status != "ok"]
        if shown:
            out.print(rows_table(shown, f"Check of {report.location}"))
        verdict = "all passed" if report.ok else "problems found"
        out.print(f"{passed} of {len(report.findings)} checks passed ({verdict}); schema version {report.version}")
    if not report.ok:
        raise typer.Exit(EXIT_PARTIAL)


@app.command()
@handled
def migrate(ctx: typer.Context, db: DbOption = None) -> None:
    """Create the knowledge base, or upgrade one written by an older Accordia, to the current schema."""
    from accordia.store import Store

    with Store.open(db or (ctx.obj or {}).get("db"), create=True) as store:
        out.print(f"{store.location} is at the current schema")


def sample_files() -> list[Path]:
    """The bundled sample articles (README excluded)."""
    from importlib.resources import files

    folder = Path(str(files("accordia") / "data" / "sample"))
    if not folder.is_dir():
        raise AccordiaError(f"the sample corpus is missing from this installation ({folder})")
    return sorted(p for p in folder.iterdir() if p.is_file() and not p.name.lower().startswith("readme"))


@app.command()
@handled
def demo(ctx: typer.Context, db: DbOption = None,
         no_serve: Annotated[bool, typer.Option(
             "--no-serve", help="Stop after the report and digest.")] = False,
         port: Annotated[int, typer.Option(min=1, max=65535)] = 8000,
         host: Annotated[str, typer.Option(help="Interface to listen on.")] = "127.0.0.1") -> None:
    """Ingest the bundled sample corpus, print the report and an analysis digest, then serve the dashboard."""
    from accordia.ingest import ingest as run_ingest

    access = None if no_serve else _access(host)
    with _open(ctx, db, create=True) as kb:
        out.print(f"Ingesting the sample corpus into {kb.store.location}")
        summary = run_ingest(sample_files(), kb.store, kb.extractor, progress=True, console=err)
        out.print(summary.table())
        _print_report(kb.report(), ReportFormat.table)
        _digest(kb)
        if no_serve:
            out.print(f"Done. Explore with `accordia report`, or `accordia serve` for http://{host}:{port}")
            return
        _serve(kb, host, port, access)


def _digest(kb: Any) -> None:
    """A few rows of the headline analyses, when the analyses are installed."""
    try:
        import accordia.analyse  # noqa: F401
    except ImportError:
        out.print("[dim](analyses not available)[/]")
        return
    for kind in DIGEST_KINDS:
        try:
            result = to_json(kb.analyse(kind))
        except Exception as exc:  # noqa: BLE001 - the digest is a preview; a failing analysis is noted
            out.print(f"[dim]{kind}: not available ({escape(str(exc))})[/]")
            continue
        table = analysis_table(result, kb.actor_name, limit=DIGEST_ROWS)
        if table is None:
            out.print(f"Digest: {kind}: nothing found.")
            continue
        table.title = f"Digest: {table.title}"
        total = len(result["rows"])
        shown = f"{DIGEST_ROWS} of {total} rows; " if total > DIGEST_ROWS else ""
        table.caption = f"{shown}`accordia analyse {kind}` for all, with --format json for every detail"
        out.print(table)


from accordia.cli_review import review_app  # noqa: E402 - it imports the helpers defined above

app.add_typer(review_app, name="review")

if __name__ == "__main__":  # pragma: no cover
    app()
