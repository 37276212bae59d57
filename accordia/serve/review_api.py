"""REST routes for the analyst's decisions. Reads are open; every write depends on ``require_token``."""

from __future__ import annotations

from typing import Any

from fastapi import Depends, FastAPI, HTTPException, Request
from pydantic import BaseModel, Field

from accordia.serve.jsonable import jsonable
from accordia.serve.security import require_token, write_mode

ACTIONS = ("accept", "reject", "correct", "undo")


class Decision(BaseModel):
    """Body of accept/reject/correct/undo: who, why, and for a correction the new values."""

    reviewer: str = Field("", max_length=200)
    comment: str = Field("", max_length=4000)
    changes: dict[str, Any] = Field(default_factory=dict)


class NewFact(BaseModel):
    """A fact the extractor missed: its type, values and the article span that states it."""

    type: str = Field("positions", max_length=64)
    article: str = Field(..., max_length=64)
    start: int = Field(..., ge=0)
    end: int = Field(..., ge=1)
    values: dict[str, Any]
    reviewer: str = Field("", max_length=200)
    comment: str = Field("", max_length=4000)


def add_review_routes(app: FastAPI, kb: Any) -> None:
    """Register the review queue, fact detail and the four decisions plus hand-added facts."""

    @app.get("/api/review")
    async def review_queue(request: Request, limit: int = 30) -> dict[str, Any]:
        """The queue (most consequential first) and whether this server accepts writes."""
        if not 1 <= limit <= 500:
            raise HTTPException(400, "limit must be from 1 to 500")
        return {"writes": write_mode(request), "rows": jsonable(kb.review_queue(limit))}

    @app.get("/api/facts/{handle}")
    async def fact(handle: str) -> dict[str, Any]:
        """One fact: the machine's version, analysts' versions and every decision (who, when, why)."""
        return jsonable(kb.fact(handle))

    @app.post("/api/facts/{handle}/{action}", dependencies=[Depends(require_token)])
    async def decide(handle: str, action: str, body: Decision) -> dict[str, Any]:
        """accept, reject, correct (body.changes: actor, issue, stance, kind, amount...) or undo."""
        if action not in ACTIONS:
            raise HTTPException(404, f"unknown action {action[:20]!r}; choose {', '.join(ACTIONS)}")
        if action == "undo":
            return jsonable(kb.undo(handle))
        if action == "correct":
            return jsonable(kb.correct(handle, body.changes, reviewer=body.reviewer, comment=body.comment))
        method = kb.accept if action == "accept" else kb.reject
        return jsonable(method(handle, reviewer=body.reviewer, comment=body.comment))

    @app.post("/api/facts", dependencies=[Depends(require_token)])
    async def add_fact(body: NewFact) -> dict[str, Any]:
        """Add a fact by hand, evidenced by a span of a stored article."""
        return jsonable(kb.add_fact(body.type, body.article, body.start, body.end, body.values,
                                    reviewer=body.reviewer, comment=body.comment))
