"""Local-writes mode: a loopback server may take decisions without a token, from its own pages only."""

from __future__ import annotations

import pytest
from fastapi import Depends, FastAPI, Request
from fastapi.testclient import TestClient

from accordia.serve.security import LOCAL_WRITES_ENV, TOKEN_ENV, AccessPolicy, require_token, write_mode

TOKEN = "another-long-test-token-4567"


def _client(policy: AccessPolicy) -> TestClient:
    app = FastAPI()
    app.state.access = policy

    @app.post("/api/facts")
    async def add(request: Request, _: None = Depends(require_token)) -> dict:
        return {"ok": True, "writes": write_mode(request)}

    return TestClient(app, base_url="http://127.0.0.1:8000")


@pytest.fixture(autouse=True)
def _clean_env(monkeypatch) -> None:
    monkeypatch.delenv(TOKEN_ENV, raising=False)
    monkeypatch.delenv(LOCAL_WRITES_ENV, raising=False)


def test_writes_are_off_unless_asked_for() -> None:
    policy = AccessPolicy.for_bind("127.0.0.1")
    assert policy.write_mode == "off"
    refused = _client(policy).post("/api/facts")
    assert refused.status_code == 403 and LOCAL_WRITES_ENV in refused.json()["detail"]


def test_a_loopback_server_may_allow_local_writes_from_its_own_pages(monkeypatch) -> None:
    monkeypatch.setenv(LOCAL_WRITES_ENV, "1")
    for host in ("127.0.0.1", "::1", "localhost"):
        assert AccessPolicy.for_bind(host).write_mode == "local"
    client = _client(AccessPolicy.for_bind("127.0.0.1"))
    assert client.post("/api/facts").json() == {"ok": True, "writes": "local"}
    same = {"Origin": "http://127.0.0.1:8000", "Sec-Fetch-Site": "same-origin"}
    assert client.post("/api/facts", headers=same).status_code == 200


@pytest.mark.parametrize("headers", [
    {"Origin": "https://elsewhere.example"},
    {"Origin": "http://203.0.113.7"},  # an IP literal of another site is not this server
    {"Origin": "null"},
    {"Sec-Fetch-Site": "cross-site"},
    {"Sec-Fetch-Site": "same-site", "Origin": "http://127.0.0.1:8000"},
])
def test_local_writes_refuse_requests_from_other_sites(monkeypatch, headers) -> None:
    monkeypatch.setenv(LOCAL_WRITES_ENV, "1")
    refused = _client(AccessPolicy.for_bind("127.0.0.1")).post("/api/facts", headers=headers)
    assert refused.status_code == 403 and "own pages" in refused.json()["detail"]


def test_local_writes_never_apply_beyond_loopback(monkeypatch) -> None:
    monkeypatch.setenv(LOCAL_WRITES_ENV, "1")
    policy = AccessPolicy.for_bind("0.0.0.0", token=TOKEN)
    assert not policy.local_writes and policy.write_mode == "token"


def test_a_configured_token_is_required_even_with_local_writes(monkeypatch) -> None:
    monkeypatch.setenv(LOCAL_WRITES_ENV, "1")
    client = _client(AccessPolicy.for_bind("127.0.0.1", token=TOKEN))
    assert client.post("/api/facts").status_code == 401
    for auth in ("Bearer wrong", f"Basic {TOKEN}", TOKEN):
        assert client.post("/api/facts", headers={"Authorization": auth}).status_code == 401
    ok = client.post("/api/facts", headers={"Authorization": f"Bearer {TOKEN}"})
    assert ok.json() == {"ok": True, "writes": "token"}
