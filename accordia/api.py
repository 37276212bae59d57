"""The Python facade: ``accordia.open(db)`` returns an :class:`Accordia` that ingests, queries and exports.

Analysts work in pandas, so tabular answers are DataFrames; everything else is plain dicts that
the CLI and the REST service print as JSON. The extractor (spaCy) and the reference data load on
first use, so opening a knowledge base to read it stays fast.
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict, fields, is_dataclass
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from accordia.facts import Evidence, Snapshot
from accordia.ingest import IngestSummary, ingest_results
from accordia.store import AccordiaError, BadInputError, StatedPosition, Store, UnknownNameError
from accordia.store import schema as tables

if TYPE_CHECKING:  # pandas costs half a second to import; only the tabular answers need it
    import pandas as pd

POSITION_COLUMNS = ["actor", "actor_name", "issue", "stance", "date", "contested", "sources", "sentence",
                    "article", "start", "end", "condition"]
CHANGE_COLUMNS = ["actor", "actor_name", "issue", "before_stance", "before_date", "before_sentence",
                  "article_before", "after_stance", "after_date", "after_sentence", "article_after",
                  "after_start", "after_end", "contested", "change", "impact", "impact_why"]
TIMELINE_COLUMNS = ["date", "actor", "actor_name", "issue", "stance", "condition", "sentence", "article",
                    "start", "end", "source"]
EXPORT_FORMATS = ("csv", "parquet", "jsonl", "graphml")
REPORT_STANCES = ("support", "oppose", "conditional", "undecided")


def parse_day(value: date | datetime | str | None, name: str = "date") -> date | None:
    """A date from a date, datetime or ISO string; a clear error for anything else."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value.strip())
        except ValueError:
            pass
    raise BadInputError(f"{name} must be a date as YYYY-MM-DD, got {str(value)[:40]!r}")


class _NoReference:
    """Used when the shipped reference data cannot be loaded: ids stand for names, no codebook."""

    class _Gazetteer:
        def name(self, actor: str) -> str:
            return actor

    class _Codebook:
        issues: list = []

    def __init__(self) -> None:
        self.gazetteer = self._Gazetteer()
        self.codebook = self._Codebook()


def _rank_changes(changes: list[Any], snapshot: Any, reference: Any) -> list[dict[str, Any]]:
    """Changes ranked by impact when the analyses are installed; else in date order, unranked."""
    try:
        from accordia.analyse.changes import change_kind, rank_changes
    except ImportError:
        return [{"change": c, "kind": "new" if c.before is None else "change", "impact": None, "why": ""}
                for c in changes]
    if not changes:
        return []
    try:
        return rank_changes(changes, snapshot, reference)
    except (AttributeError, KeyError, TypeError, ValueError):
        return [{"change": c, "kind": change_kind(c.before.stance if c.before else None, c.after.stance),
                 "impact": None, "why": "impact unknown: reference data incomplete"} for c in changes]


def _load_default_reference() -> Any:
    try:
        from accordia.reference import default_reference
    except ImportError:
        return _NoReference()
    return default_reference()


def _reference_tables(reference: Any) -> tuple[dict[str, str], dict[str, str]]:
    """(actor id -> name, issue id -> label) from whatever the reference exposes."""
    issues: dict[str, str] = {}
    for item in getattr(getattr(reference, "codebook", None), "issues", None) or []:
        ident = getattr(item, "id", None) or (item.get("id") if isinstance(item, dict) else None)
        if ident:
            label = getattr(item, "label", None) or (item.get("label") if isinstance(item, dict) else "")
            issues[str(ident)] = str(label or "")
    actors: dict[str, str] = {}
    gazetteer = getattr(reference, "gazetteer", None)
    for attr in ("actors", "states", "organisations", "organizations"):
        found = getattr(gazetteer, attr, None)
        if callable(found):
            continue
        if isinstance(found, dict):
            items = found.items()
        else:
            items = ((getattr(x, "id", None), x) for x in found or [])
        for ident, value in items:
            if ident:
                actors[str(ident)] = str(getattr(value, "name", None) or (value if isinstance(value, str)
                                                                          else ident))
    return actors, issues


def _plain(value: Any) -> Any:
    """Dataclasses, dates and nested lists as JSON-ready values (dates as ISO strings)."""
    if is_dataclass(value) and not isinstance(value, type):
        return {f.name: _plain(getattr(value, f.name)) for f in fields(value)}
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


def _evidence_json(ev: Evidence | None) -> dict[str, Any] | None:
    if ev is None:
        return None
    return {"sentence": ev.sentence, "article": ev.article, "start": ev.start, "end": ev.end,
            "source": ev.source, "published": ev.published.isoformat() if ev.published else None}


class Accordia:
    """One knowledge base with its reference data; use as a context manager or call :meth:`close`."""

    def __init__(self, store: Store, *, reference: Any | None = None, extractor: Any | None = None,
                 sync_reference: bool = True) -> None:
        self.store = store
        self._reference = reference
        self._extractor = extractor
        self._sync_reference = sync_reference
        self._tables: tuple[dict[str, str], dict[str, str]] | None = None

    @classmethod
    def open(cls, target: str | os.PathLike[str] | None = None, *, reference: Any | None = None,
             extractor: Any | None = None, create: bool = True) -> Accordia:
        """Open the store at a path or URL; None means $ACCORDIA_DB or ./accordia.db.

        ``create=False`` is for reading: the store must already exist (see :meth:`Store.open`), and
        nothing is written to it, not even the reference tables.
        """
        return cls(Store.open(target, create=create), reference=reference, extractor=extractor,
                   sync_reference=create)

    def __enter__(self) -> Accordia:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.store.close()

    def __repr__(self) -> str:
        return f"Accordia({self.store.location!r})"

    # ---- reference data and extractor, loaded on first use -----------------------------------

    @property
    def reference(self) -> Any:
        if self._reference is None:
            self._reference = _load_default_reference()
        if self._tables is None:
            self._tables = _reference_tables(self._reference)
            if any(self._tables) and self._sync_reference:
                self.store.sync_reference(*self._tables)
        return self._reference

    def _reference_ids(self) -> tuple[dict[str, str], dict[str, str]]:
        """(actor id -> name, issue id -> label) from the reference data, read once."""
        _ = self.reference
        assert self._tables is not None
        return self._tables

    @property
    def extractor(self) -> Any:
        if self._extractor is None:
            try:
                from accordia.extract import Extractor
            except ImportError as exc:
                raise AccordiaError(f"the extractor is not available: {exc}") from exc
            try:
                self._extractor = Extractor(reference=self.reference)
            except Exception as exc:  # a broken model or lexicon file: say so in one line
                reason = f"{type(exc).__name__}: {exc}"
                raise AccordiaError(f"the extractor could not be loaded: {reason}") from exc
        return self._extractor

    def actor_name(self, actor: str) -> str:
        try:
            return str(self.reference.gazetteer.name(actor) or actor)
        except Exception:  # noqa: BLE001 - an unknown id is shown as itself
            return actor

    def issue_label(self, issue: str) -> str:
        return self._reference_ids()[1].get(issue, "")

    def issues(self) -> list[str]:
        """Issue ids: the codebook's, in its order, then any others the store holds."""
        codebook = list(self._reference_ids()[1])
        return codebook + sorted(self.store.known_issues() - set(codebook))

    def _check_issue(self, issue: str | None) -> str | None:
        if issue is None or issue == "":
            return None
        known = self.issues()
        if issue not in known:
            raise UnknownNameError(f"unknown issue {issue!r}; known issues: {', '.join(known) or 'none yet'}")
        return issue

    # ---- ingest ------------------------------------------------------------------------------

    def ingest(self, *paths_or_texts: str | os.PathLike[str], progress: bool = False,
               reference_date: date | str | None = None) -> IngestSummary:
        """Ingest files, folders or pasted texts (a string that is not an existing path is text).

        ``reference_date``: when the material was collected; year-less datelines fall on or before
        it and undated articles are dated on it (see :func:`accordia.ingest.ingest`).
        """
        from accordia.ingest import redate_undated
        from accordia.read import ReadResult, dateline_date, read_path, read_text
        from accordia.read.errors import ReadError

        reference = parse_day(reference_date, "reference_date")

        def results() -> Any:
            for n, item in enumerate(paths_or_texts, start=1):
                if isinstance(item, os.PathLike) or _looks_like_path(item):
                    for result in read_path(item, year_reference=reference):
                        yield redate_undated(result, reference)
                    continue
                label = f"<text {n}>"
                text = str(item)
                day = (dateline_date(text, reference=reference) or reference) if reference else None
                try:
                    yield ReadResult(article=read_text(text, published=day), path=label)
                except ReadError as exc:
                    yield ReadResult(article=None, path=label, error=exc)

        return ingest_results(results(), self.store, self.extractor, progress=progress)

    def ingest_text(self, text: str, source: str = "", published: date | str | None = None,
                    title: str = "", url: str = "") -> IngestSummary:
        """Ingest one pasted article; ``published`` overrides the dateline's date."""
        from accordia.read import ReadResult, read_text
        from accordia.read.errors import ReadError

        day = parse_day(published, "published")
        try:
            result = ReadResult(article=read_text(text, source=source, url=url, published=day, title=title),
                                path="<text>")
        except ReadError as exc:
            result = ReadResult(article=None, path="<text>", error=exc)
        return ingest_results([result], self.store, self.extractor, progress=False)

    # ---- queries -----------------------------------------------------------------------------

    def stated_positions(self, issue: str | None = None, as_of: date | str | None = None,
                         actor: str | None = None) -> list[StatedPosition]:
        """Current positions as store objects (with date and source count) rather than a table."""
        return self.store.positions(parse_day(as_of, "as_of"), issue=self._check_issue(issue), actor=actor)

    def positions(self, issue: str | None = None, as_of: date | str | None = None,
                  actor: str | None = None) -> pd.DataFrame:
        """Each actor's current stance per issue, with the sentence that states it (one actor's only,
        when ``actor`` is given)."""
        return self._position_frame(self.stated_positions(issue, as_of, actor=actor or None))

    def _position_frame(self, stated: Any) -> pd.DataFrame:
        import pandas as pd

        rows = []
        for sp in stated:
            p, ev = sp.position, sp.position.evidence
            rows.append({
                "actor": p.actor, "actor_name": self.actor_name(p.actor), "issue": p.issue,
                "stance": p.stance, "date": pd.Timestamp(sp.date), "contested": bool(p.contested),
                "sources": int(sp.sources), "sentence": ev.sentence if ev else "",
                "article": ev.article if ev else "", "start": ev.start if ev else -1,
                "end": ev.end if ev else -1, "condition": p.condition,
            })
        return pd.DataFrame(rows, columns=POSITION_COLUMNS)

    def position_pairs(self, as_of: date | str | None = None) -> list[dict[str, str]]:
        """Who has a position on what up to ``as_of`` (actor, actor_name, issue), without evidence:
        what a map needs to show who is silent on an issue, at a fraction of :meth:`positions`."""
        return [{"actor": a, "actor_name": self.actor_name(a), "issue": i}
                for a, i in self.store.position_pairs(parse_day(as_of, "as_of"))]

    def changes(self, since: date | str, as_of: date | str | None = None,
                issue: str | None = None) -> pd.DataFrame:
        """Stance changes after ``since`` (up to ``as_of``), with the sentences before and after.

        Ranked by how much each moves the analyses (``impact``; a veto holder or large contributor
        first); ``change`` says whether it is a reversal, a shift, or a first stance (``new``).
        """
        import pandas as pd

        start = parse_day(since, "since")
        if start is None:
            raise BadInputError("since is required")
        day = parse_day(as_of, "as_of")
        if day is not None and start > day:
            raise BadInputError(f"since ({start}) is after as_of ({day})")
        rows = []
        found = self.store.changes(start, day, issue=self._check_issue(issue))
        ranked = _rank_changes(found, self.snapshot(day) if found else None, self.reference)
        for item in ranked:
            change = item["change"]
            before, after = change.before, change.after
            b_ev, a_ev = (before.evidence if before else None), after.evidence
            rows.append({
                "actor": change.actor, "actor_name": self.actor_name(change.actor), "issue": change.issue,
                "before_stance": before.stance if before else None,
                "before_date": pd.Timestamp(b_ev.published) if b_ev and b_ev.published else pd.NaT,
                "before_sentence": b_ev.sentence if b_ev else None,
                "article_before": b_ev.article if b_ev else None,
                "after_stance": after.stance,
                "after_date": pd.Timestamp(a_ev.published) if a_ev and a_ev.published else pd.NaT,
                "after_sentence": a_ev.sentence if a_ev else "",
                "article_after": a_ev.article if a_ev else "",
                "after_start": a_ev.start if a_ev else -1, "after_end": a_ev.end if a_ev else -1,
                "contested": bool(after.contested),
                "change": item["kind"], "impact": item["impact"], "impact_why": item["why"],
            })
        return pd.DataFrame(rows, columns=CHANGE_COLUMNS)

    def timeline(self, issue: str | None = None, as_of: date | str | None = None) -> pd.DataFrame:
        """Every reported position in date order (copies of one story counted once)."""
        import pandas as pd

        history = self.store.history(parse_day(as_of, "as_of"), issue=self._check_issue(issue))
        return pd.DataFrame(self._timeline_rows(history), columns=TIMELINE_COLUMNS)

    def _timeline_rows(self, dated: list[tuple[date, Any]]) -> list[dict[str, Any]]:
        import pandas as pd

        rows = []
        for day, p in dated:
            ev = p.evidence
            rows.append({"date": pd.Timestamp(day), "actor": p.actor, "actor_name": self.actor_name(p.actor),
                         "issue": p.issue, "stance": p.stance, "condition": p.condition,
                         "sentence": ev.sentence if ev else "", "article": ev.article if ev else "",
                         "start": ev.start if ev else -1, "end": ev.end if ev else -1,
                         "source": ev.source if ev else ""})
        return rows

    def actor(self, iso3: str, as_of: date | str | None = None) -> dict[str, Any]:
        """One actor's positions (a DataFrame), commitments, red lines, groups and people."""
        day = parse_day(as_of, "as_of")
        actor = (iso3 or "").strip()
        if actor not in self.store.known_actors() and self.actor_name(actor) == actor:
            raise UnknownNameError(f"unknown actor {actor!r}: not in the gazetteer and not in the store")
        profile = self.store.actor_profile(actor, day)
        return {
            "id": actor, "name": self.actor_name(actor), "as_of": day.isoformat() if day else None,
            "positions": self._position_frame(sp for sp in profile["positions"]),
            **{kind: [_plain(f) for f in profile[kind]]
               for kind in ("commitments", "red_lines", "memberships", "people")},
        }

    def snapshot(self, as_of: date | str | None = None) -> Snapshot:
        return self.store.snapshot(parse_day(as_of, "as_of"))

    def analyse(self, kind: str, issue: str | None = None, as_of: date | str | None = None,
                overrides: list[dict] | dict | None = None) -> dict[str, Any]:
        """Run one analysis (``accordia.analyse.KINDS``) on the snapshot as of a date."""
        try:
            from accordia.analyse import KINDS, run_analysis
        except ImportError as exc:
            raise AccordiaError(f"the analyses are not available: {exc}") from exc
        if kind not in KINDS:
            raise BadInputError(f"unknown analysis {kind!r}; choose one of {', '.join(KINDS)}")
        return run_analysis(kind, self.snapshot(as_of), self.reference, issue=self._check_issue(issue),
                            overrides=_override_list(overrides))

    def report(self, issue: str | None = None, as_of: date | str | None = None) -> dict[str, Any]:
        """Per issue: supporters, opponents, conditional and undecided actors, each with its evidence."""
        day = parse_day(as_of, "as_of")
        entries = []
        for sp in self.stated_positions(issue, day):
            p = sp.position
            entries.append({
                "actor": p.actor, "actor_name": self.actor_name(p.actor), "issue": p.issue,
                "stance": p.stance,
                "date": sp.date.isoformat(), "contested": bool(p.contested), "sources": int(sp.sources),
                "condition": p.condition, "evidence": _evidence_json(p.evidence),
            })
        by_issue: dict[str, dict[str, Any]] = {}
        for entry in entries:
            section = by_issue.setdefault(entry["issue"], {
                "id": entry["issue"], "label": self.issue_label(entry["issue"]),
                **{stance: [] for stance in REPORT_STANCES}, "other": []})
            section[entry["stance"] if entry["stance"] in REPORT_STANCES else "other"].append(entry)
        # codebook order, then the store's own issues by id (as issues() lists them)
        order = {ident: n for n, ident in enumerate(self._reference_ids()[1])}
        issues = sorted(by_issue.values(), key=lambda s: (order.get(s["id"], len(order)), s["id"]))
        return {"as_of": day.isoformat() if day else None, "issue": issue, "issues": issues,
                "positions": entries}

    def articles(self) -> pd.DataFrame:
        """Stored articles (without their text), in ingestion order."""
        import pandas as pd

        columns = ["id", "title", "source", "url", "published", "language", "path", "story_id",
                   "ingested_at", "extractor_version"]
        return pd.DataFrame(self.store.articles(), columns=columns)

    def article_count(self) -> int:
        """How many articles are stored (without listing them)."""
        return self.store.article_count()

    def article_positions(self, article_id: str) -> pd.DataFrame:
        """The positions read from one article, shaped like :meth:`timeline` rows."""
        import pandas as pd

        return pd.DataFrame(self._timeline_rows(self.store.article_positions(article_id)), columns=TIMELINE_COLUMNS)

    def article(self, article_id: str) -> dict[str, Any]:
        """One article with its text and every evidence span read from it."""
        found = self.store.article(article_id)
        if found is None:
            raise UnknownNameError(f"no article with id {article_id!r}")
        from accordia.store.queries import article_evidence

        with self.store.engine.connect() as conn:
            spans = article_evidence(conn, article_id)
        return {**asdict(found), "evidence": spans}

    def evidence(self, kind: str, fact_key: str, as_of: date | str | None = None,
                 limit: int | None = None) -> list[dict[str, Any]]:
        """Every sentence stating one fact, e.g. ``evidence("positions", "FRA|ceasefire|support")``,
        oldest first; ``limit`` keeps the first so many."""
        found = self.store.evidence(kind, fact_key, parse_day(as_of, "as_of"), limit=limit)
        return [_evidence_json(ev) for ev in found]

    # ---- export ------------------------------------------------------------------------------

    def export(self, fmt: str, path: str | os.PathLike[str], as_of: date | str | None = None) -> Path:
        """Write the knowledge base out; returns what was written.

        ``csv``/``parquet``: a folder with one file per fact type (every occurrence, with its sentence)
        plus ``articles``; a path ending in ``.csv``/``.parquet`` gets the current positions table alone.
        ``jsonl``: one fact occurrence per line. ``graphml``: actors and issues as nodes, stances as edges.
        """
        import pandas as pd

        from accordia.store.export import occurrence_rows, position_graph

        fmt = (fmt or "").lower().strip()
        if fmt not in EXPORT_FORMATS:
            raise BadInputError(f"unknown export format {fmt!r}; choose one of {', '.join(EXPORT_FORMATS)}")
        day = parse_day(as_of, "as_of")
        out = Path(path)
        if fmt == "graphml":
            import networkx as nx

            _parent_must_exist(out)
            graph = position_graph(self.stated_positions(as_of=day), self.actor_name, self.issue_label)
            nx.write_graphml(graph, out)
            return out
        if fmt == "jsonl":
            _parent_must_exist(out)
            with out.open("w", encoding="utf-8") as fh, self.store.engine.connect() as conn:
                for name in tables.FACT_TABLES:
                    for row in occurrence_rows(conn, name, day):
                        fh.write(json.dumps(_plain(row), ensure_ascii=False) + "\n")
            return out
        if out.suffix.lower() == f".{fmt}":
            _parent_must_exist(out)
            _write_frame(self.positions(as_of=day), out, fmt)
            return out
        out.mkdir(parents=True, exist_ok=True)
        with self.store.engine.connect() as conn:
            for name in tables.FACT_TABLES:
                frame = pd.DataFrame(list(occurrence_rows(conn, name, day, flat=True)))
                _write_frame(frame, out / f"{name}.{fmt}", fmt)
        _write_frame(self.articles(), out / f"articles.{fmt}", fmt)
        return out


def _write_frame(frame: pd.DataFrame, path: Path, fmt: str) -> None:

    if fmt == "csv":
        frame.to_csv(path, index=False)
    else:
        frame.to_parquet(path, index=False)


def _parent_must_exist(path: Path) -> None:
    if not path.parent.is_dir():
        raise BadInputError(f"folder {path.parent} does not exist")


def _looks_like_path(item: Any) -> bool:
    """A string names a file when it exists, or when it is one short token with a slash or a suffix."""
    text = str(item)
    if "\n" in text or len(text) > 1024:
        return False
    if Path(text).exists():
        return True
    return " " not in text.strip() and ("/" in text or Path(text).suffix != "")


def _override_list(overrides: list[dict] | dict | None) -> list[dict] | None:
    """Overrides as a list, as the analyses expect; a lone dict or ``{"overrides": [...]}`` is unwrapped."""
    if overrides is None:
        return None
    if isinstance(overrides, dict):
        inner = overrides.get("overrides")
        return list(inner) if isinstance(inner, list) else [overrides]
    if isinstance(overrides, list) and all(isinstance(o, dict) for o in overrides):
        return overrides
    raise BadInputError("what-if overrides must be a JSON object or a list of objects")


__all__ = ["Accordia", "CHANGE_COLUMNS", "EXPORT_FORMATS", "POSITION_COLUMNS", "parse_day"]
