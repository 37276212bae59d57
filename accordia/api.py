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
from accordia.store.keys import fact_key
from accordia.store.reviews import FactRef, parse_handle, ref_key
from accordia.store.view import View

if TYPE_CHECKING:  # pandas costs half a second to import; only the tabular answers need it
    import pandas as pd

# Every table of facts carries its citation (title, source, date, url), its confidence and review status,
# and its handle (``fact``, e.g. ``positions:42``) for accept/reject/correct.
CITATION_COLUMNS = ["title", "source", "published", "url"]
REVIEW_COLUMNS = ["confidence", "status", "fact"]
POSITION_COLUMNS = ["actor", "actor_name", "issue", "stance", "date", "contested", "sources", "sentence",
                    "article", "start", "end", "condition", *REVIEW_COLUMNS, *CITATION_COLUMNS]
CHANGE_COLUMNS = ["actor", "actor_name", "issue", "kind", "before_stance", "before_date", "before_sentence",
                  "article_before", "after_stance", "after_date", "after_sentence", "article_after",
                  "after_start", "after_end", "contested", "change", "impact", "impact_why",
                  *REVIEW_COLUMNS, *CITATION_COLUMNS]
TIMELINE_COLUMNS = ["date", "actor", "actor_name", "issue", "stance", "condition", "sentence", "article",
                    "start", "end", "source", "confidence", "status", "fact", "title", "url"]
EXPORT_FORMATS = ("csv", "parquet", "jsonl", "graphml", "gold")
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


def _evidence_json(ev: Evidence | None, meta: dict[str, dict[str, Any]] | None = None) -> dict[str, Any] | None:
    """Evidence with its citation: the article's title, source, date and URL when ``meta`` knows it."""
    if ev is None:
        return None
    found = (meta or {}).get(ev.article, {})
    published = ev.published.isoformat() if ev.published else None
    return {"sentence": ev.sentence, "article": ev.article, "start": ev.start, "end": ev.end,
            "source": ev.source or found.get("source", ""), "published": published,
            "title": found.get("title", ""), "url": found.get("url", ""),
            "confidence": ev.confidence, "confirmed": ev.confirmed}


def _cited(evidence: Any) -> set[str]:
    """The ids of the articles these evidence sentences come from (what a citation needs to look up)."""
    return {ev.article for ev in evidence if ev is not None and ev.article}


def make_view(raw: bool = False, include_unconfirmed: bool = False) -> View:
    """The machine's view (``raw``) or the analyst's reviewed one; unconfirmed readings only on request."""
    return View(reviewed=not raw, include_unconfirmed=bool(include_unconfirmed))


_UNREVIEWED = FactRef("", 0, 0.0, True, "")


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
                         actor: str | None = None, *, raw: bool = False,
                         include_unconfirmed: bool = False) -> list[StatedPosition]:
        """Current positions as store objects (with date and source count) rather than a table."""
        return self.store.positions(parse_day(as_of, "as_of"), issue=self._check_issue(issue), actor=actor,
                                    view=make_view(raw, include_unconfirmed))

    # ---- citations and review status, added to every table of facts ---------------------------

    def article_meta(self, ids: Any = None) -> dict[str, dict[str, Any]]:
        """Article id -> title, source, published, url: what a citation outside the dashboard needs
        (for the articles in ``ids`` only, when given: an archive holds millions)."""
        return {row["id"]: {"title": row.get("title") or "", "source": row.get("source") or "",
                            "published": row["published"].isoformat() if row.get("published") else None,
                            "url": row.get("url") or ""}
                for row in self.store.articles(ids)}

    def fact_refs(self, table: str, facts: list[Any], raw: bool = False,
                  include_unconfirmed: bool = False) -> Any:
        """A function giving each shown fact its handle, confidence and review status."""
        if not facts:
            return lambda _fact: _UNREVIEWED
        index = self.store.fact_refs(table, {fact_key(f) for f in facts}, make_view(raw, include_unconfirmed))

        def ref(fact: Any) -> FactRef:
            return index.get(ref_key(fact), _UNREVIEWED)

        return ref

    @staticmethod
    def _review_cells(ref: FactRef, ev: Evidence | None) -> dict[str, Any]:
        confidence = ref.confidence if ref.table else (ev.confidence if ev else None)
        return {"confidence": confidence, "status": ref.status or ("confirmed" if ev is None or ev.confirmed
                                                                   else "unconfirmed"),
                "fact": ref.handle if ref.table else ""}

    @staticmethod
    def _citation_cells(ev: Evidence | None, meta: dict[str, dict[str, Any]]) -> dict[str, Any]:
        found = meta.get(ev.article, {}) if ev else {}
        return {"title": found.get("title", ""), "source": (ev.source if ev else "") or found.get("source", ""),
                "published": found.get("published"), "url": found.get("url", "")}

    def positions(self, issue: str | None = None, as_of: date | str | None = None, actor: str | None = None, *,
                  raw: bool = False, include_unconfirmed: bool = False) -> pd.DataFrame:
        """Each actor's current stance per issue (one actor's only, when ``actor`` is given), with the
        sentence that states it, its confidence, review status and citation. ``raw``: the
        extractor's view, ignoring the analyst's decisions."""
        stated = self.stated_positions(issue, as_of, actor=actor or None, raw=raw,
                                       include_unconfirmed=include_unconfirmed)
        return self._position_frame(stated, raw, include_unconfirmed)

    def _position_frame(self, stated: list[StatedPosition], raw: bool, include_unconfirmed: bool) -> pd.DataFrame:
        import pandas as pd

        ref = self.fact_refs("positions", [sp.position for sp in stated], raw, include_unconfirmed)
        meta = self.article_meta(_cited(sp.position.evidence for sp in stated)) if stated else {}
        rows = []
        for sp in stated:
            p, ev = sp.position, sp.position.evidence
            rows.append({
                "actor": p.actor, "actor_name": self.actor_name(p.actor), "issue": p.issue,
                "stance": p.stance, "date": pd.Timestamp(sp.date), "contested": bool(p.contested),
                "sources": int(sp.sources), "sentence": ev.sentence if ev else "",
                "article": ev.article if ev else "", "start": ev.start if ev else -1,
                "end": ev.end if ev else -1, "condition": p.condition,
                **self._review_cells(ref(p), ev), **self._citation_cells(ev, meta),
            })
        return pd.DataFrame(rows, columns=POSITION_COLUMNS)

    def position_pairs(self, as_of: date | str | None = None, *, raw: bool = False,
                       include_unconfirmed: bool = False) -> list[dict[str, str]]:
        """Who has a position on what up to ``as_of`` (actor, actor_name, issue), without evidence:
        what a map needs to show who is silent on an issue, at a fraction of :meth:`positions`."""
        return [{"actor": a, "actor_name": self.actor_name(a), "issue": i}
                for a, i in self.store.position_pairs(parse_day(as_of, "as_of"),
                                                      view=make_view(raw, include_unconfirmed))]

    def changes(self, since: date | str, as_of: date | str | None = None,
                issue: str | None = None, *, raw: bool = False, include_unconfirmed: bool = False) -> pd.DataFrame:
        """Stance changes after ``since`` (up to ``as_of``), with the sentences before and after.

        Ranked by how much each moves the analyses (``impact``; a veto holder or large contributor
        first); ``change`` says whether it is a reversal, a shift, or a first stance (``new``).
        ``kind`` is the coarser ``new`` (nothing before) or ``reversal`` (a stance replaces another);
        the review columns describe the sentence after.
        """
        import pandas as pd

        start = parse_day(since, "since")
        if start is None:
            raise BadInputError("since is required")
        day = parse_day(as_of, "as_of")
        if day is not None and start > day:
            raise BadInputError(f"since ({start}) is after as_of ({day})")
        found = self.store.changes(start, day, issue=self._check_issue(issue),
                                   view=make_view(raw, include_unconfirmed))
        ref = self.fact_refs("positions", [c.after for c in found], raw, include_unconfirmed)
        meta = self.article_meta(_cited(c.after.evidence for c in found)) if found else {}
        rows = []
        ranked = _rank_changes(found, self.snapshot(day, raw=raw, include_unconfirmed=include_unconfirmed)
                               if found else None, self.reference)
        for item in ranked:
            change = item["change"]
            before, after = change.before, change.after
            b_ev, a_ev = (before.evidence if before else None), after.evidence
            rows.append({
                "actor": change.actor, "actor_name": self.actor_name(change.actor), "issue": change.issue,
                "kind": "reversal" if before is not None else "new",
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
                **self._review_cells(ref(after), a_ev), **self._citation_cells(a_ev, meta),
            })
        return pd.DataFrame(rows, columns=CHANGE_COLUMNS)

    def timeline(self, issue: str | None = None, as_of: date | str | None = None, *, raw: bool = False,
                 include_unconfirmed: bool = False) -> pd.DataFrame:
        """Every reported position in date order (copies of one story counted once)."""
        found = self.store.history(parse_day(as_of, "as_of"), issue=self._check_issue(issue),
                                   view=make_view(raw, include_unconfirmed))
        return self._timeline_frame(found, raw, include_unconfirmed)

    def _timeline_frame(self, found: list[tuple[date, Any]], raw: bool, include_unconfirmed: bool) -> pd.DataFrame:
        import pandas as pd

        ref = self.fact_refs("positions", [p for _, p in found], raw, include_unconfirmed)
        meta = self.article_meta(_cited(p.evidence for _, p in found)) if found else {}
        rows = []
        for day, p in found:
            ev = p.evidence
            cite = self._citation_cells(ev, meta)
            rows.append({"date": pd.Timestamp(day), "actor": p.actor, "actor_name": self.actor_name(p.actor),
                         "issue": p.issue, "stance": p.stance, "condition": p.condition,
                         "sentence": ev.sentence if ev else "", "article": ev.article if ev else "",
                         "start": ev.start if ev else -1, "end": ev.end if ev else -1,
                         "source": cite["source"], **self._review_cells(ref(p), ev),
                         "title": cite["title"], "url": cite["url"]})
        return pd.DataFrame(rows, columns=TIMELINE_COLUMNS)

    def known_actor_ids(self) -> list[str]:
        """Every actor id the gazetteer or the store knows, sorted."""
        return sorted(set(self._reference_ids()[0]) | self.store.known_actors())

    def resolve_actor(self, text: str) -> str:
        """An actor id from an id or a name ("FRA", "fra", "France"); a clear error with suggestions."""
        from accordia.suggest import resolve_name

        names = {ident: self.actor_name(ident) for ident in self.known_actor_ids()}
        return resolve_name((text or "").strip(), names, what="actor")

    def actor(self, iso3: str, as_of: date | str | None = None, *, raw: bool = False,
              include_unconfirmed: bool = False) -> dict[str, Any]:
        """One actor's positions (a DataFrame), commitments, red lines, groups and people.

        Each fact carries ``confidence``, ``status`` and ``fact`` (its handle for review)."""
        day = parse_day(as_of, "as_of")
        actor = self.resolve_actor(iso3)
        view = make_view(raw, include_unconfirmed)
        profile = self.store.actor_profile(actor, day, view=view)
        out: dict[str, Any] = {
            "id": actor, "name": self.actor_name(actor), "as_of": day.isoformat() if day else None,
            "positions": self._position_frame(profile["positions"], raw, include_unconfirmed),
        }
        meta = self.article_meta(_cited(f.evidence for kind in ("commitments", "red_lines", "memberships", "people")
                                        for f in profile[kind]))
        for kind in ("commitments", "red_lines", "memberships", "people"):
            ref = self.fact_refs(kind, profile[kind], raw, include_unconfirmed)
            items = []
            for fact in profile[kind]:
                item = _plain(fact)
                item.update(self._review_cells(ref(fact), fact.evidence))
                if fact.evidence is not None:
                    item["evidence"] = _evidence_json(fact.evidence, meta)
                items.append(item)
            out[kind] = items
        return out

    def snapshot(self, as_of: date | str | None = None, *, raw: bool = False,
                 include_unconfirmed: bool = False) -> Snapshot:
        return self.store.snapshot(parse_day(as_of, "as_of"), view=make_view(raw, include_unconfirmed))

    def analyse(self, kind: str, issue: str | None = None, as_of: date | str | None = None,
                overrides: list[dict] | dict | None = None, *, raw: bool = False,
                include_unconfirmed: bool = False) -> dict[str, Any]:
        """Run one analysis (``accordia.analyse.KINDS``) on the snapshot as of a date (reviewed view)."""
        try:
            from accordia.analyse import KINDS, run_analysis
        except ImportError as exc:
            raise AccordiaError(f"the analyses are not available: {exc}") from exc
        if kind not in KINDS:
            raise BadInputError(f"unknown analysis {kind!r}; choose one of {', '.join(KINDS)}")
        snapshot = self.snapshot(as_of, raw=raw, include_unconfirmed=include_unconfirmed)
        result = run_analysis(kind, snapshot, self.reference, issue=self._check_issue(issue),
                              overrides=_override_list(overrides))
        return cite_evidence(result, self.article_meta())

    def report(self, issue: str | None = None, as_of: date | str | None = None, *, raw: bool = False,
               include_unconfirmed: bool = False) -> dict[str, Any]:
        """Per issue: supporters, opponents, conditional and undecided actors, each with its evidence
        (cited by title, source, date and URL), confidence and review status."""
        day = parse_day(as_of, "as_of")
        stated = self.stated_positions(issue, day, raw=raw, include_unconfirmed=include_unconfirmed)
        ref = self.fact_refs("positions", [sp.position for sp in stated], raw, include_unconfirmed)
        meta = self.article_meta(_cited(sp.position.evidence for sp in stated)) if stated else {}
        entries = []
        for sp in stated:
            p = sp.position
            entries.append({
                "actor": p.actor, "actor_name": self.actor_name(p.actor), "issue": p.issue,
                "stance": p.stance,
                "date": sp.date.isoformat(), "contested": bool(p.contested), "sources": int(sp.sources),
                "condition": p.condition, "evidence": _evidence_json(p.evidence, meta),
                **self._review_cells(ref(p), p.evidence),
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
                "positions": entries, "view": "raw" if raw else "reviewed"}

    def articles(self) -> pd.DataFrame:
        """Stored articles (without their text), in ingestion order."""
        import pandas as pd

        columns = ["id", "title", "source", "url", "published", "language", "path", "story_id",
                   "ingested_at", "extractor_version"]
        return pd.DataFrame(self.store.articles(), columns=columns)

    def article_count(self) -> int:
        """How many articles are stored (without listing them)."""
        return self.store.article_count()

    def article_positions(self, article_id: str, *, raw: bool = False,
                          include_unconfirmed: bool = False) -> pd.DataFrame:
        """The positions read from one article, shaped like :meth:`timeline` rows."""
        found = self.store.article_positions(article_id, view=make_view(raw, include_unconfirmed))
        return self._timeline_frame(found, raw, include_unconfirmed)

    def article(self, article_id: str) -> dict[str, Any]:
        """One article with its text and every evidence span read from it."""
        found = self.store.article(article_id)
        if found is None:
            raise UnknownNameError(f"no article with id {article_id!r}")
        from accordia.store.queries import article_evidence

        with self.store.engine.connect() as conn:
            spans = article_evidence(conn, article_id)
        return {**asdict(found), "evidence": spans}

    def article_facts(self, article_id: str, *, raw: bool = False,
                      include_unconfirmed: bool = True) -> list[dict[str, Any]]:
        """Pledges, red lines, proposal terms, rules and groups read from one article, each with its
        span, handle, confidence and status, so the article view can review them where they are read."""
        view = self.store.effective_view(make_view(raw, include_unconfirmed))
        out = []
        for table, facts in self.store.article_facts(article_id, view).items():
            if table not in ("commitments", "red_lines", "provisions", "decision_rules", "memberships") or not facts:
                continue
            ref = self.fact_refs(table, facts, raw, include_unconfirmed)
            for fact in facts:
                if fact.evidence is None:
                    continue
                out.append({"type": table, "summary": fact_summary(table, fact, self.actor_name),
                            "start": fact.evidence.start, "end": fact.evidence.end,
                            "rule": fact.evidence.rule, "cue": fact.evidence.cue,
                            **self._review_cells(ref(fact), fact.evidence)})
        return out

    def evidence(self, kind: str, fact_key: str, as_of: date | str | None = None, limit: int | None = None, *,
                 raw: bool = False, include_unconfirmed: bool = False) -> list[dict[str, Any]]:
        """Every sentence stating one fact, e.g. ``evidence("positions", "FRA|ceasefire|support")``,
        oldest first; ``limit`` keeps the first so many."""
        found = self.store.evidence(kind, fact_key, parse_day(as_of, "as_of"), limit=limit,
                                    view=make_view(raw, include_unconfirmed))
        meta = self.article_meta(_cited(found)) if found else {}
        return [_evidence_json(ev, meta) for ev in found]

    def search(self, text: str, limit: int = 200) -> list[dict[str, Any]]:
        """Every evidence sentence (of any fact type) holding all the words of ``text``, newest first."""
        words = (text or "").split()
        if not words:
            raise BadInputError("search needs at least one word")
        found = self.store.search_evidence(words, limit)
        for row in found:
            row["published"] = row["published"].isoformat() if row.get("published") else None
        return found

    # ---- review: the analyst's decisions ------------------------------------------------------

    def review_queue(self, limit: int = 20) -> list[dict[str, Any]]:
        """Undecided facts, those whose answer would move the analyses most first (``store/queue.py``).

        Facts about an actor and issue that the collisions analysis names count half again as much:
        an answer on them changes what the analyst reads first.
        """
        meta = self.article_meta()
        colliding = self._colliding_pairs()
        out = []
        for item in self.store.review_queue(0):
            ev = item.fact.evidence
            actor = getattr(item.fact, "actor", None) or getattr(item.fact, "holder", None)
            issue = getattr(item.fact, "issue", None) or getattr(item.fact, "against", None) \
                or getattr(item.fact, "about", None)
            priority, why = item.priority, item.why
            if (actor, issue) in colliding or (None, issue) in colliding:
                priority, why = round(priority * 1.5, 3), f"{why}, behind a collision"
            out.append({"fact": item.handle, "priority": priority, "why": why,
                        "summary": fact_summary(item.table, item.fact, self.actor_name),
                        "date": item.date.isoformat() if item.date else None,
                        "confidence": item.confidence, "status": "confirmed" if item.confirmed else "unconfirmed",
                        "evidence": _evidence_json(ev, meta)})
        out.sort(key=lambda row: (-row["priority"], row["confidence"], row["fact"]))
        return out[:limit] if limit else out

    def _colliding_pairs(self) -> set[tuple[str | None, str]]:
        """(actor, issue) pairs, and (None, issue) for proposals, that today's collisions rest on."""
        try:
            result = self.analyse("collisions")
        except Exception:  # noqa: BLE001 - the queue still works, ranked without collisions
            return set()
        pairs: set[tuple[str | None, str]] = set()
        for row in result.get("rows") or []:
            issue = row.get("issue")
            if not isinstance(issue, str):
                continue
            pairs.add((None, issue))
            names = [row.get("source_actor"), *(row.get("actors") or []),
                     *(d.get("actor") for d in row.get("details") or [] if isinstance(d, dict))]
            pairs |= {(name, issue) for name in names if isinstance(name, str)}
        return pairs

    def _check_values(self, values: dict[str, Any]) -> dict[str, Any]:
        """Actor and issue values an analyst typed, resolved against what Accordia knows."""
        clean = dict(values)
        for name in ("actor", "member", "holder"):
            if clean.get(name):
                clean[name] = self.resolve_actor(str(clean[name]))
        for name in ("issue", "against", "about", "proposal"):
            if clean.get(name):
                clean[name] = self._check_issue(str(clean[name]).strip())
        return clean

    def accept(self, handle: str, *, reviewer: str = "", comment: str = "") -> dict[str, Any]:
        """Mark a fact as checked and right (an unconfirmed one then counts in the reviewed view)."""
        return self.store.review("accept", *parse_handle(handle), reviewer=reviewer, comment=comment)

    def reject(self, handle: str, *, reviewer: str = "", comment: str = "") -> dict[str, Any]:
        """Mark a fact as misread: the reviewed view and everything built on it leave it out."""
        return self.store.review("reject", *parse_handle(handle), reviewer=reviewer, comment=comment)

    def correct(self, handle: str, changes: dict[str, Any], *, reviewer: str = "",
                comment: str = "") -> dict[str, Any]:
        """Store the analyst's reading beside the original (which stays, visible with ``raw``)."""
        return self.store.review("correct", *parse_handle(handle), changes=self._check_values(changes),
                                 reviewer=reviewer, comment=comment)

    def undo(self, handle: str) -> dict[str, Any]:
        """Take back the latest decision on a fact; the decision before it applies again."""
        return self.store.review("undo", *parse_handle(handle))

    def add_fact(self, kind: str, article: str, start: int, end: int, values: dict[str, Any], *,
                 reviewer: str = "", comment: str = "") -> dict[str, Any]:
        """A fact the extractor missed, with a span of the article (a sentence you chose) as evidence."""
        return self.store.add_fact(kind, article, int(start), int(end), self._check_values(values),
                                   reviewer=reviewer, comment=comment)

    def fact(self, handle: str) -> dict[str, Any]:
        """One fact as read, its status, every decision on it (who, when, why) and every version."""
        table, ident = parse_handle(handle)
        detail = self.store.fact_detail(table, ident)
        meta = self.article_meta()
        from accordia.store.rows import fact_from_row

        versions = []
        for version_id, row in detail["versions"].items():
            fact = fact_from_row(table, row)
            versions.append({"fact": f"{table}:{version_id}", "summary": fact_summary(table, fact, self.actor_name),
                             "values": _plain(fact), "evidence": _evidence_json(fact.evidence, meta)})
        return {"fact": handle, "status": detail["status"] or (
                    "confirmed" if detail["row"].get("ev_confirmed") in (None, True, 1) else "unconfirmed"),
                "versions": versions, "decisions": [_plain(d) for d in detail["decisions"]]}

    # ---- export ------------------------------------------------------------------------------

    def export(self, fmt: str, path: str | os.PathLike[str], as_of: date | str | None = None, *,
               raw: bool = False, include_unconfirmed: bool = False) -> Path:
        """Write the knowledge base out (the reviewed view unless ``raw``); returns what was written.

        ``csv``/``parquet``: a folder with one file per fact type (every occurrence, with its sentence,
        confidence, review status and citation) plus ``articles``; a path ending in ``.csv``/``.parquet``
        gets the current positions table alone. ``jsonl``: one fact occurrence per line. ``graphml``:
        actors and issues as nodes, stances as edges. ``gold``: a folder with ``ID.txt`` and
        ``ID.gold.json`` for every article an analyst reviewed, in the shared gold shape.
        """
        import pandas as pd

        from accordia.store.export import occurrence_rows, position_graph

        fmt = (fmt or "").lower().strip()
        if fmt not in EXPORT_FORMATS:
            raise BadInputError(f"unknown export format {fmt!r}; choose one of {', '.join(EXPORT_FORMATS)}")
        day = parse_day(as_of, "as_of")
        out = Path(path)
        view = self.store.effective_view(make_view(raw, include_unconfirmed))
        if fmt == "gold":
            return self._export_gold(out)
        if fmt == "graphml":
            import networkx as nx

            _parent_must_exist(out)
            graph = position_graph(self.stated_positions(as_of=day, raw=raw, include_unconfirmed=include_unconfirmed),
                                   self.actor_name, self.issue_label)
            nx.write_graphml(graph, out)
            return out
        if fmt == "jsonl":
            _parent_must_exist(out)
            with out.open("w", encoding="utf-8") as fh, self.store.engine.connect() as conn:
                for name in tables.FACT_TABLES:
                    for row in occurrence_rows(conn, name, day, view=view):
                        fh.write(json.dumps(_plain(row), ensure_ascii=False) + "\n")
            return out
        if out.suffix.lower() == f".{fmt}":
            _parent_must_exist(out)
            _write_frame(self.positions(as_of=day, raw=raw, include_unconfirmed=include_unconfirmed), out, fmt)
            return out
        out.mkdir(parents=True, exist_ok=True)
        with self.store.engine.connect() as conn:
            for name in tables.FACT_TABLES:
                frame = pd.DataFrame(list(occurrence_rows(conn, name, day, flat=True, view=view)))
                _write_frame(frame, out / f"{name}.{fmt}", fmt)
        _write_frame(self.articles(), out / f"articles.{fmt}", fmt)
        return out

    def _export_gold(self, out: Path) -> Path:
        """Reviewed articles as training material: the text and the reviewed facts of each."""
        from accordia.store.export import gold_document

        if out.exists() and not out.is_dir():
            raise BadInputError(f"{out} is a file; gold export writes a folder")
        reviewed = self.store.reviewed_articles()
        if not reviewed:
            raise BadInputError("no article has been reviewed yet: accept, reject or correct a fact first "
                                "(accordia review)")
        out.mkdir(parents=True, exist_ok=True)
        for article_id in reviewed:
            article = self.store.article(article_id)
            if article is None:
                continue
            gold = gold_document(article, self.store.article_facts(article_id))
            decided = self.store.reviewed_positions(article_id)
            for position in gold["positions"]:
                status = decided.get((position["actor"], position["issue"], position["stance"]))
                if status:
                    position["reviewed"] = status
            (out / f"{article_id}.txt").write_text(article.text, encoding="utf-8")
            (out / f"{article_id}.gold.json").write_text(json.dumps(gold, ensure_ascii=False, indent=2),
                                                          encoding="utf-8")
        return out


def cite_evidence(value: Any, meta: dict[str, dict[str, Any]]) -> Any:
    """Give every evidence item in a result its article's title, source and URL (in place).

    Analyses cite sentences by article id; a reader outside the dashboard needs a citation.
    """
    if isinstance(value, dict):
        found = meta.get(value.get("article")) if "sentence" in value and isinstance(value.get("article"), str) \
            else None
        if found:
            for key in ("title", "source", "url"):
                if not value.get(key):
                    value[key] = found.get(key, "")
        for item in value.values():
            cite_evidence(item, meta)
    elif isinstance(value, list):
        for item in value:
            cite_evidence(item, meta)
    return value


def fact_summary(table: str, fact: Any, name: Any = str) -> str:
    """One line naming what a fact says, for queues and decision logs."""
    if table == "positions":
        return f"{name(fact.actor)} {fact.stance} {fact.issue}"
    if table == "commitments":
        amount = f" {fact.amount.value:,.0f} {fact.amount.unit}".rstrip() if fact.amount else ""
        return f"{name(fact.actor)} pledges {fact.kind}{amount} for {fact.issue or 'no issue'}"
    if table == "red_lines":
        return f"{name(fact.actor)} red line against {fact.against}"
    if table == "provisions":
        return f"{fact.proposal} {fact.effect} {fact.about}"
    if table == "memberships":
        return f"{name(fact.member)} in {fact.group}"
    if table == "decision_rules":
        return f"{name(fact.holder)} holds {fact.rule}"
    if table == "people":
        return f"{fact.name} ({fact.actor})"
    return table


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
    try:
        if Path(text).exists():
            return True
    except OSError:  # a name too long for the file system is text, not a path
        return False
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
