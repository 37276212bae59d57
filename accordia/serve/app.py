"""The REST API and the dashboard over one knowledge base.

Queries and analyses block (the store answers synchronously), so every handler that asks the
facade runs in a worker thread of its own pool (:func:`blocking`): the event loop only parses
requests and sends answers, several queries run at once, and static files, which Starlette reads
through the default thread pool, never queue behind them. An in-memory SQLite store has a single
connection, so it gets a pool of one thread.
"""

from __future__ import annotations

import functools
import inspect
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import anyio.to_thread
from anyio import CapacityLimiter
from fastapi import FastAPI, HTTPException, Request
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from starlette.exceptions import HTTPException as StarletteHTTPException

from accordia import __version__
from accordia.serve.body import MAX_BODY, parse_json, read_capped
from accordia.serve.geo import display_name, state_points
from accordia.serve.jsonable import frame_rows, jsonable
from accordia.serve.labels import article_label
from accordia.serve.params import ANALYSES, blank_to_none, check_issue, check_kind, issue_ids, parse_day
from accordia.serve.review_api import add_review_routes
from accordia.serve.security import TOKEN_COOKIE, AccessPolicy, presented_token
from accordia.serve.spans import evidence_spans, segments
from accordia.serve.stance_map import stance_map
from accordia.serve.timeline import mark_changes
from accordia.serve.views_api import Filters, ViewOpts, add_view_routes
from accordia.store.errors import AccordiaError

HERE = Path(__file__).resolve().parent
#: Longest error message sent back: messages may quote what the client sent, never all of it.
MAX_DETAIL = 300
_OFFSET = re.compile(r"[0-9]{1,12}")
SECURITY_HEADERS = {
    "Content-Security-Policy": "default-src 'self'; script-src 'self'; style-src 'self'; "
    "img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; "
    "frame-ancestors 'none'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
}


def _message(error: Exception) -> str:
    return str(error.args[0]) if error.args else type(error).__name__


def _clip(detail: Any) -> Any:
    """Error details as sent: a string no longer than MAX_DETAIL characters."""
    if not isinstance(detail, str):
        detail = str(detail)
    return detail if len(detail) <= MAX_DETAIL else detail[:MAX_DETAIL - 3] + "..."


def _lookup(what: str, fn: Any, *args: Any, **kwargs: Any) -> Any:
    """Call the facade; a miss (KeyError, None, empty) is a 404, a refused argument a 400."""
    try:
        found = fn(*args, **kwargs)
    except LookupError as error:
        raise HTTPException(404, f"{what} not found: {_message(error)}") from None
    except ValueError as error:
        raise HTTPException(400, f"{what}: {_message(error)}") from None
    if found is None or (isinstance(found, dict) and not found):
        raise HTTPException(404, f"{what} not found")
    return found


def _offset(value: str | None, name: str) -> int | None:
    value = blank_to_none(value)
    if value is None:
        return None
    if not _OFFSET.fullmatch(value):  # ASCII digits only: str.isdigit also takes "²", which int() refuses
        raise HTTPException(400, f"{name} must be a character offset (0 or more), got {value[:20]!r}")
    return int(value)


QUERY_THREADS = 2  # more only adds GIL contention: queries are mostly Python work


def _query_threads(kb: Any) -> int:
    """Threads that may query at once: one for a single shared in-memory connection."""
    url = getattr(getattr(kb, "store", None), "url", None)
    if url is not None and url.get_backend_name() == "sqlite" and url.database in (None, "", ":memory:"):
        return 1
    return QUERY_THREADS


def blocking(limiter: CapacityLimiter) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Make a synchronous handler an async one that runs in ``limiter``'s threads, off the loop."""

    def wrap(handler: Callable[..., Any]) -> Callable[..., Any]:
        def answer(*args: Any, **kwargs: Any) -> Any:
            # Encoding a large answer is Python work too: done here, in the thread, it never holds
            # the event loop (a returned Response is sent as it is).
            result = handler(*args, **kwargs)
            return result if isinstance(result, Response) else JSONResponse(jsonable_encoder(result))

        @functools.wraps(handler)
        async def run(*args: Any, **kwargs: Any) -> Any:
            return await anyio.to_thread.run_sync(functools.partial(answer, *args, **kwargs), limiter=limiter)

        return run

    return wrap


def _published_range(rows: list[dict[str, Any]]) -> tuple[str | None, str | None]:
    days = sorted(str(r["published"])[:10] for r in rows if r.get("published"))
    return (days[0], days[-1]) if days else (None, None)


def create_app(kb: Any, access: AccessPolicy | None = None) -> FastAPI:
    """A FastAPI app serving ``kb`` (an ``accordia.api.Accordia`` or anything with its methods).

    ``access`` says which Host names and tokens are accepted (default: a loopback server, with
    ``ACCORDIA_TOKEN`` from the environment guarding write routes); see ``serve/security.py``.
    """
    app = FastAPI(title="Accordia", version=__version__, docs_url=None, redoc_url=None,
                  openapi_url="/api/openapi.json",
                  description="Read the knowledge base (open) and record analysts' decisions (token). "
                              "Interactive documentation: /api/docs.")
    app.state.access = access or AccessPolicy.for_bind("127.0.0.1")
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    templates = Jinja2Templates(directory=HERE / "templates")
    gazetteer = kb.reference.gazetteer  # also loads the reference once, before threads share the facade
    off_loop = blocking(CapacityLimiter(_query_threads(kb)))
    by_actor = "actor" in inspect.signature(kb.positions).parameters

    @app.exception_handler(AccordiaError)
    async def reported_error(request: Request, error: AccordiaError) -> JSONResponse:
        """The facade's own errors already read as one clear line; pass them on with a fitting code."""
        code = 404 if isinstance(error, LookupError) else 400 if isinstance(error, ValueError) else 500
        return JSONResponse({"detail": _clip(_message(error))}, status_code=code)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, error: StarletteHTTPException) -> JSONResponse:
        return JSONResponse({"detail": _clip(error.detail)}, status_code=error.status_code,
                            headers=getattr(error, "headers", None))

    @app.exception_handler(RequestValidationError)
    async def invalid_request(request: Request, error: RequestValidationError) -> JSONResponse:
        """Say which parameter is wrong, without echoing the value sent."""
        where = sorted({".".join(str(p) for p in e.get("loc", ())) for e in error.errors()})
        return JSONResponse({"detail": _clip(f"invalid request: {', '.join(where)}")}, status_code=422)

    @app.middleware("http")
    async def security_headers(request: Request, call_next: Any) -> Any:
        response = await guarded(request, call_next)
        for name, value in SECURITY_HEADERS.items():
            response.headers.setdefault(name, value)
        return response

    async def guarded(request: Request, call_next: Any) -> Any:
        """The Host check, then the token check when the server is reachable from other machines."""
        policy: AccessPolicy = app.state.access
        if not policy.host_allowed(request.headers.get("host")):
            return JSONResponse({"detail": "this server does not answer to that Host name"}, status_code=400)
        if policy.token_for_reads and not request.url.path.startswith("/static/"):
            offered = request.query_params.get("token") if request.url.path == "/" else None
            if offered is not None and policy.token_matches(offered):
                response = RedirectResponse("/", status_code=303)
                response.set_cookie(TOKEN_COOKIE, offered, httponly=True, samesite="strict",
                                    secure=request.url.scheme == "https")
                return response
            if not policy.token_matches(presented_token(request)):
                return JSONResponse({"detail": "a valid access token is required: send Authorization: "
                                     "Bearer <token>, or open /?token=<token> once in the browser"},
                                    status_code=401, headers={"WWW-Authenticate": "Bearer"})
        return await call_next(request)

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    async def dashboard(request: Request) -> Any:
        return templates.TemplateResponse(request, "index.html", {"version": __version__})

    @app.get("/api/health")
    @off_loop
    def health() -> dict[str, Any]:
        try:
            count = getattr(kb, "article_count", None)
            articles = count() if count is not None else len(kb.articles())
        except Exception as error:  # noqa: BLE001 - health must report, not crash
            raise HTTPException(503, f"knowledge base unavailable: {_message(error)}") from None
        return {"status": "ok", "version": __version__, "articles": articles}

    @app.get("/api/issues")
    @off_loop
    def issues() -> dict[str, Any]:
        counts: dict[str, int] = {}
        for row in frame_rows(kb.positions()):
            counts[row.get("issue")] = counts.get(row.get("issue"), 0) + 1
        labels = {i.id: getattr(i, "label", "") or i.id for i in kb.reference.codebook.issues}
        rows = [{"id": i, "label": labels.get(i, i), "positions": counts.get(i, 0)} for i in issue_ids(kb)]
        return {"rows": rows}

    @app.get("/api/analyses")
    async def analyses() -> dict[str, Any]:
        return {"rows": [{"kind": k, "description": d} for k, d in ANALYSES.items()]}

    @app.get("/api/geo")
    async def geo() -> dict[str, Any]:
        return {"rows": state_points(gazetteer)}

    @app.get("/api/positions")
    @off_loop
    def positions(issue: str | None = None, as_of: str | None = None,
                  actor: str | None = None, *, filters: Filters,
                  view: ViewOpts) -> dict[str, Any]:
        issue, day = check_issue(kb, issue), parse_day(as_of, "as_of")
        actor = blank_to_none(actor)
        wanted = actor.split(",") if actor else []
        if len(wanted) == 1 and by_actor:  # the store reads one actor's pairs instead of everyone's
            rows = frame_rows(kb.positions(issue=issue, as_of=day, actor=wanted[0], **view))
        else:
            rows = frame_rows(kb.positions(issue=issue, as_of=day, **view))
        rows = filters.rows(rows)
        if wanted:
            rows = [r for r in rows if r.get("actor") in wanted]
        return {"issue": issue, "as_of": jsonable(day), "rows": rows}

    @app.get("/api/map")
    @off_loop
    def stances_map(issue: str | None = None, as_of: str | None = None,
                    *, filters: Filters,
                    view: ViewOpts) -> dict[str, Any]:
        issue, day = check_issue(kb, issue), parse_day(as_of, "as_of")
        if issue is None:
            raise HTTPException(400, "the map needs an issue: add ?issue=<codebook id>")
        pairs = getattr(kb, "position_pairs", None)
        if pairs is not None and not filters.active:  # who speaks on what, without every position's evidence
            all_rows = pairs(as_of=day, **view)
            issue_rows = frame_rows(kb.positions(issue=issue, as_of=day, **view))
        else:
            all_rows = filters.rows(frame_rows(kb.positions(as_of=day, **view)))
            issue_rows = [r for r in all_rows if r.get("issue") == issue]
        return {"issue": issue, "as_of": jsonable(day), **stance_map(issue_rows, all_rows, gazetteer)}

    @app.get("/api/changes")
    @off_loop
    def changes(since: str | None = None, as_of: str | None = None,
                issue: str | None = None, *, filters: Filters,
                view: ViewOpts) -> dict[str, Any]:
        """Stance changes: ``kind`` tells a reversal (a stance replaced) from a first mention (``new``);
        reversals come first."""
        start, day = parse_day(since, "since"), parse_day(as_of, "as_of")
        issue = check_issue(kb, issue)
        if start is None:
            raise HTTPException(400, "since is required: the date to compare against, as YYYY-MM-DD")
        if day is not None and start > day:
            raise HTTPException(400, f"since ({start}) is after as_of ({day})")
        rows = frame_rows(kb.changes(start, as_of=day, **view))
        if issue:
            rows = [r for r in rows if r.get("issue") == issue]
        rows = filters.rows(rows, date_key="after_date", stance_key="after_stance", sentence_key="after_sentence")
        for row in rows:
            if not row.get("actor_name"):
                row["actor_name"] = display_name(gazetteer, str(row.get("actor") or ""))
            row.setdefault("kind", "new" if not row.get("before_stance") else "reversal")
        rows.sort(key=lambda r: (r["kind"] != "reversal", str(r.get("after_date") or "")), reverse=False)
        return {"since": start.isoformat(), "as_of": jsonable(day), "issue": issue, "rows": rows,
                "reversals": sum(r["kind"] == "reversal" for r in rows),
                "new": sum(r["kind"] == "new" for r in rows)}

    @app.get("/api/actors/{actor}")
    @off_loop
    def actor(actor: str, as_of: str | None = None,
              *, view: ViewOpts) -> dict[str, Any]:
        """One actor: positions, red lines, pledges, groups and people, each with its evidence."""
        day = parse_day(as_of, "as_of")
        found = jsonable(_lookup(f"actor {actor[:40]!r}", kb.actor, actor, as_of=day, **view))
        if isinstance(found, dict):
            found.setdefault("id", actor)
            found.setdefault("name", display_name(gazetteer, actor))
        return found

    def run_analysis(kind: str, issue: str | None, as_of: str | None,
                     overrides: list[Any] | dict[str, Any] | None,
                     view: dict[str, bool] | None = None) -> dict[str, Any]:
        kind, issue, day = check_kind(kind), check_issue(kb, issue), parse_day(as_of, "as_of")
        try:
            result = kb.analyse(kind, issue=issue, as_of=day, overrides=overrides, **(view or {}))
        except ValueError as error:
            raise HTTPException(400, f"{kind}: {_message(error)}") from None
        out = jsonable(result) if isinstance(result, dict) else {"rows": jsonable(result)}
        out.setdefault("kind", kind)
        out.setdefault("issue", issue)
        out.setdefault("as_of", jsonable(day))
        out.setdefault("rows", [])
        out.setdefault("notes", [])
        out["description"] = ANALYSES[kind]
        return out

    @app.get("/api/analyse/{kind}")
    @off_loop
    def analyse(kind: str, issue: str | None = None, as_of: str | None = None,
                *, view: ViewOpts) -> dict[str, Any]:
        return run_analysis(kind, issue, as_of, None, view)

    @app.post("/api/analyse/{kind}")
    async def analyse_what_if(kind: str, request: Request, issue: str | None = None,
                              as_of: str | None = None,
                              *, view: ViewOpts) -> dict[str, Any]:
        check_kind(kind)
        body = await read_capped(request, MAX_BODY)
        expected = ('the body must be JSON: a list of what-if overrides such as '
                    '[{"actor": "ITA", "issue": "reassurance-force", "stance": "support"}]')
        overrides = parse_json(body, expected)
        if overrides is not None and not isinstance(overrides, list | dict):
            raise HTTPException(400, expected)
        return await off_loop(run_analysis)(kind, issue, as_of, overrides or None, view)

    @app.get("/api/report")
    @off_loop
    def report(issue: str | None = None, as_of: str | None = None,
               *, view: ViewOpts) -> dict[str, Any]:
        issue, day = check_issue(kb, issue), parse_day(as_of, "as_of")
        return jsonable(kb.report(issue=issue, as_of=day, **view))

    @app.get("/api/timeline")
    @off_loop
    def timeline(issue: str | None = None, *, filters: Filters,
                 view: ViewOpts) -> dict[str, Any]:
        issue = check_issue(kb, issue)
        rows = filters.rows(frame_rows(kb.timeline(issue=issue, **view)))
        return {"issue": issue, "rows": mark_changes(rows, gazetteer)}

    @app.get("/api/articles")
    @off_loop
    def articles() -> dict[str, Any]:
        rows = frame_rows(kb.articles())
        for row in rows:
            row["label"] = article_label(row)
        first, last = _published_range(rows)
        return {"first": first, "last": last, "rows": rows}

    @app.get("/api/articles/{article_id}")
    @off_loop
    def article(article_id: str, start: str | None = None, end: str | None = None) -> dict[str, Any]:
        focus_start, focus_end = _offset(start, "start"), _offset(end, "end")
        found = jsonable(_lookup(f"article {article_id[:40]!r}", kb.article, article_id))
        if not isinstance(found, dict):
            raise HTTPException(404, f"article {article_id[:40]!r} not found")
        text = str(found.get("text") or "")
        items = [e for e in found.pop("evidence", None) or [] if isinstance(e, dict)]
        own = getattr(kb, "article_positions", None)
        if own is not None:  # the article's own positions, by index, not every position in the store
            items += frame_rows(own(article_id))
        else:
            items += [r for r in frame_rows(kb.positions()) if r.get("article") == article_id]
            items += [r for r in frame_rows(kb.timeline()) if r.get("article") == article_id]
        if hasattr(kb, "article_facts"):
            items += jsonable(kb.article_facts(article_id))
        focus = None
        if focus_start is not None and focus_end is not None:
            if not 0 <= focus_start < focus_end <= len(text):
                raise HTTPException(400, f"span {focus_start}-{focus_end} lies outside the article "
                                         f"({len(text)} characters)")
            items.append({"start": focus_start, "end": focus_end})
        for item in items:
            if item.get("actor") and not item.get("actor_name"):
                item["actor_name"] = display_name(gazetteer, str(item["actor"]))
        spans = evidence_spans(text, items)
        if focus_start is not None and focus_end is not None:
            focus = next((i for i, s in enumerate(spans)
                          if (s["start"], s["end"]) == (focus_start, focus_end)), None)
        found["id"] = found.get("id") or article_id
        found.update({"label": article_label(found), "text": text, "spans": spans,
                      "segments": segments(text, spans), "focus": focus})
        return found

    add_review_routes(app, kb)
    add_view_routes(app, kb, gazetteer)
    return app

