"""Queries run off the event loop: a slow query holds neither static files nor other queries."""

from __future__ import annotations

import threading
import time

import anyio
import httpx

from accordia.serve.app import create_app
from tests.serve.conftest import FakeKB


class SlowKB(FakeKB):
    """Its positions query waits until the test lets it go (or two seconds pass)."""

    def __init__(self) -> None:
        super().__init__()
        self.release = threading.Event()
        self.entered = threading.Event()

    def positions(self, issue=None, as_of=None):
        self.entered.set()
        self.release.wait(timeout=2.0)
        return super().positions(issue=issue, as_of=as_of)


def test_static_file_and_second_query_do_not_wait_behind_a_slow_query():
    kb = SlowKB()
    finished: list[str] = []

    async def scenario() -> None:
        transport = httpx.ASGITransport(app=create_app(kb))
        async with httpx.AsyncClient(transport=transport, base_url="http://127.0.0.1:8000") as client:
            async def slow() -> None:
                response = await client.get("/api/positions")
                assert response.status_code == 200
                finished.append("slow query")

            async def others() -> None:
                while not kb.entered.is_set():
                    await anyio.sleep(0.01)
                started = time.perf_counter()
                static = await client.get("/static/app.js")
                assert static.status_code == 200
                finished.append("static")
                actor = await client.get("/api/changes", params={"since": "2025-01-01"})
                assert actor.status_code == 200
                finished.append("other query")
                assert time.perf_counter() - started < 1.5
                kb.release.set()

            async with anyio.create_task_group() as group:
                group.start_soon(slow)
                group.start_soon(others)

    anyio.run(scenario)
    assert finished == ["static", "other query", "slow query"]
