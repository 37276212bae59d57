"""Routes for the analyst's own cuts of the data: search, actor x issue matrix, download of the
filtered view, the briefing page, the world outline and the interactive API documentation."""

from __future__ import annotations

import io
import json
import tempfile
from importlib.resources import files
from pathlib import Path
from typing import Annotated, Any

from fastapi import Depends, FastAPI, HTTPException, Query
from fastapi.responses import FileResponse, HTMLResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.concurrency import run_in_threadpool

from accordia.serve.filters import RowFilter, row_filter
from accordia.serve.jsonable import frame_rows, jsonable
from accordia.serve.params import check_issue, issue_ids, parse_day

WORLD = Path(str(files("accordia") / "data" / "world.geojson"))
BRIEF_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; frame-ancestors 'self'"
DOCS_CSP = ("default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
            "connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'")
SEARCH_LIMIT = 200


def row_filters(actor: str | None = None, stance: str | None = None, source: str | None = None,
                min_confidence: str | None = None,
                date_from: Annotated[str | None, Query(alias="from")] = None,
                date_to: Annotated[str | None, Query(alias="to")] = None,
                q: str | None = None) -> RowFilter:
    """The shared filters as a FastAPI dependency (``from`` and ``to`` are dates)."""
    return row_filter(actor, stance, source, min_confidence, date_from, date_to, q)


def view_options(raw: bool = False, include_unconfirmed: bool = False) -> dict[str, bool]:
    """``raw``: the machine's view; ``include_unconfirmed``: readings below the threshold too.

    Only options that differ from the default are passed on, so any facade-like object serves."""
    return {k: v for k, v in (("raw", raw), ("include_unconfirmed", include_unconfirmed)) if v}


Filters = Annotated[RowFilter, Depends(row_filters)]
ViewOpts = Annotated[dict[str, bool], Depends(view_options)]


def _docs_assets() -> Path | None:
    try:
        import fastapi_offline
    except ImportError:
        return None
    folder = Path(fastapi_offline.__file__).parent / "static"
    return folder if (folder / "swagger-ui-bundle.js").is_file() else None


def add_view_routes(app: FastAPI, kb: Any, gazetteer: Any) -> None:
    @app.get("/api/search")
    async def search(issue: str | None = None, *, filters: Filters,
                     view: ViewOpts) -> dict[str, Any]:
        """Every reported stance whose sentence (or actor, or article title) holds all the words of ``q``."""
        if not filters.words:
            raise HTTPException(400, "search needs words: add ?q=...")
        issue = check_issue(kb, issue)
        rows = filters.rows(frame_rows(kb.timeline(issue=issue, **view)))
        rows.sort(key=lambda r: str(r.get("date") or ""), reverse=True)
        seen = {(r.get("article"), r.get("start")) for r in rows}
        others = []
        if hasattr(kb, "search"):
            others = [jsonable(s) for s in kb.search(filters.words, SEARCH_LIMIT)
                      if (s["article"], s["start"]) not in seen]
        return {"q": filters.words, "total": len(rows), "rows": rows[:SEARCH_LIMIT], "sentences": others}

    @app.get("/api/matrix")
    async def matrix(as_of: str | None = None, *, filters: Filters,
                     view: ViewOpts) -> dict[str, Any]:
        """Actor x issue: each actor's current stance on every issue (contested when reports disagree)."""
        day = parse_day(as_of, "as_of")
        rows = filters.rows(frame_rows(kb.positions(as_of=day, **view)))
        cells: dict[tuple[str, str], dict[str, Any]] = {}
        names: dict[str, str] = {}
        for row in rows:
            key = (row["actor"], row["issue"])
            names[row["actor"]] = row.get("actor_name") or row["actor"]
            if key in cells and cells[key]["stance"] != row["stance"]:
                cells[key]["stance"] = "contested"
                continue
            cells.setdefault(key, {k: row.get(k) for k in ("actor", "issue", "stance", "confidence", "status",
                                                           "fact", "sentence", "article", "start", "end",
                                                           "date", "title", "source")})
        issues = [i for i in issue_ids(kb) if any(k[1] == i for k in cells)]
        actors = sorted(names, key=lambda a: (-sum(k[0] == a for k in cells), names[a].lower()))
        return {"as_of": jsonable(day), "issues": issues, "actors": [{"id": a, "name": names[a]} for a in actors],
                "cells": list(cells.values())}

    @app.get("/api/download")
    async def download(format: str = "csv", issue: str | None = None, as_of: str | None = None,
                       *, filters: Filters,
                       view: ViewOpts) -> Response:
        """The positions of the current filtered view as CSV or JSON, with sentence and citation."""
        if format not in ("csv", "json"):
            raise HTTPException(400, "format must be csv or json")
        issue, day = check_issue(kb, issue), parse_day(as_of, "as_of")
        rows = filters.rows(frame_rows(kb.positions(issue=issue, as_of=day, **view)))
        name = f"accordia-{issue or 'all'}-{day.isoformat() if day else 'latest'}.{format}"
        headers = {"Content-Disposition": f'attachment; filename="{name}"'}
        if format == "json":
            return Response(json.dumps({"issue": issue, "as_of": jsonable(day), "rows": rows}, ensure_ascii=False),
                            media_type="application/json", headers=headers)
        import pandas as pd

        buffer = io.StringIO()
        pd.DataFrame(rows).to_csv(buffer, index=False)
        return Response(buffer.getvalue(), media_type="text/csv; charset=utf-8", headers=headers)

    @app.get("/api/brief", response_class=HTMLResponse)
    async def brief(since: str | None = None, as_of: str | None = None, issue: str | None = None,
                    format: str = "html", *, view: ViewOpts) -> Response:
        """The one-page briefing: a self-contained HTML page, or a PDF when the server has Chromium."""
        from accordia.brief import build_brief, chromium, render_html, to_pdf

        start, day = parse_day(since, "since"), parse_day(as_of, "as_of")
        if start is None:
            raise HTTPException(400, "since is required: the date to report changes after, as YYYY-MM-DD")
        if format not in ("html", "pdf"):
            raise HTTPException(400, "format must be html or pdf")
        page = render_html(build_brief(kb, start, day, issue=check_issue(kb, issue), **view))
        if format == "html":
            return HTMLResponse(page, headers={"Content-Security-Policy": BRIEF_CSP})
        if chromium() is None:
            raise HTTPException(501, "PDF needs Chromium on the server (apt-get install chromium); "
                                     "open the HTML briefing and print it from the browser instead")
        with tempfile.TemporaryDirectory() as folder:
            target = Path(folder) / "briefing.pdf"
            await run_in_threadpool(to_pdf, page, target)
            data = target.read_bytes()
        return Response(data, media_type="application/pdf",
                        headers={"Content-Disposition": f'attachment; filename="briefing-{start}.pdf"'})

    @app.get("/api/world", include_in_schema=False)
    async def world() -> FileResponse:
        """Country outlines (Natural Earth, public domain, simplified), shipped with the package."""
        if not WORLD.is_file():
            raise HTTPException(404, "the world outline file is missing from this installation")
        return FileResponse(WORLD, media_type="application/geo+json")

    assets = _docs_assets()
    if assets is not None:
        app.mount("/api/docs-assets", StaticFiles(directory=assets), name="docs-assets")

    @app.get("/api/docs", include_in_schema=False)
    async def docs() -> HTMLResponse:
        """Interactive API documentation (Swagger UI shipped with the package, nothing from a CDN)."""
        if assets is None:
            raise HTTPException(404, "interactive docs need the fastapi-offline package; /api/openapi.json "
                                     "has the same description")
        page = ("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Accordia API</title>"
                "<link rel=\"stylesheet\" href=\"docs-assets/swagger-ui.css\"></head><body><div id=\"docs\"></div>"
                "<script src=\"docs-assets/swagger-ui-bundle.js\"></script>"
                "<script src=\"../static/docs.js\"></script></body></html>")
        return HTMLResponse(page, headers={"Content-Security-Policy": DOCS_CSP})
