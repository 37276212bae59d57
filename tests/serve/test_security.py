"""The server's guards: Host names, tokens, write routes, bounded bodies and bounded error messages."""

from __future__ import annotations

import asyncio

import pytest
from fastapi import Depends, FastAPI, HTTPException, Request
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from accordia.serve import security
from accordia.serve.app import MAX_DETAIL, create_app
from accordia.serve.body import MAX_BODY, json_depth_exceeds, read_capped
from accordia.serve.security import AccessPolicy, host_name, require_token
from accordia.store.errors import AccordiaError

TOKEN = "a-long-enough-test-token-0123"


def _client(kb, policy: AccessPolicy, base: str = "http://127.0.0.1:8000") -> TestClient:
    return TestClient(create_app(kb, access=policy), base_url=base)


# ---- the two requests that used to crash the API ---------------------------------------------------------


@pytest.mark.parametrize("value", ["%C2%B2", "%D9%A3", "9" * 5000, "-1", "1e3"])
def test_offsets_that_are_not_ascii_digits_are_a_400(client, value) -> None:
    response = client.get(f"/api/articles/art-paris?start={value}&end=20")
    assert response.status_code == 400
    assert "start must be a character offset" in response.json()["detail"]


def test_deeply_nested_what_if_body_is_a_400(client) -> None:
    body = "[" * 2000 + "]" * 2000
    response = client.post("/api/analyse/force", content=body, headers={"Content-Type": "application/json"})
    assert response.status_code == 400
    assert "nests deeper" in response.json()["detail"]
    assert json_depth_exceeds('{"a": "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[["}') is False


def test_body_is_cut_off_while_it_arrives(client) -> None:
    received = []

    async def receive() -> dict:
        received.append(1)
        return {"type": "http.request", "body": b" " * 65_536, "more_body": len(received) < 200}

    request = Request({"type": "http", "method": "POST", "headers": [], "path": "/"}, receive)
    with pytest.raises(HTTPException) as refused:
        asyncio.run(read_capped(request))
    assert refused.value.status_code == 413
    assert len(received) * 65_536 < MAX_BODY + 2 * 65_536  # stopped at the limit, not after 13 MB
    assert client.post("/api/analyse/force", content=b" " * (MAX_BODY + 1)).status_code == 413
    declared = client.post("/api/analyse/force", content=b"[]", headers={"Content-Length": str(MAX_BODY + 1)})
    assert declared.status_code == 413


def test_not_found_messages_do_not_echo_unbounded_input(client) -> None:
    for path in ("/api/articles/" + "x" * 20_000, "/api/actors/" + "Q" * 20_000,
                 "/api/analyse/" + "k" * 20_000, "/api/positions?issue=" + "i" * 20_000):
        response = client.get(path)
        assert response.status_code in (400, 404), path
        assert len(response.json()["detail"]) <= MAX_DETAIL


# ---- Host header (DNS rebinding) -------------------------------------------------------------------------


def test_host_header_must_name_this_server(kb) -> None:
    client = _client(kb, AccessPolicy.for_bind("127.0.0.1", token=""))
    assert client.get("/api/health").status_code == 200
    assert client.get("/api/health", headers={"Host": "localhost:8000"}).status_code == 200
    assert client.get("/api/health", headers={"Host": "[::1]:8000"}).status_code == 200
    rebound = client.get("/api/health", headers={"Host": "attacker.example:8000"})
    assert rebound.status_code == 400 and "Host" in rebound.json()["detail"]
    assert client.get("/", headers={"Host": "attacker.example"}).status_code == 400
    assert host_name("[::1]:80") == "::1" and host_name("Example.ORG.:443") == "example.org"


def test_extra_host_names_from_the_environment(kb, monkeypatch) -> None:
    monkeypatch.setenv(security.ALLOWED_HOSTS_ENV, "kb.example.org, other.example")
    client = _client(kb, AccessPolicy.for_bind("127.0.0.1", token=""))
    assert client.get("/api/health", headers={"Host": "kb.example.org"}).status_code == 200
    assert client.get("/api/health", headers={"Host": "evil.example"}).status_code == 400


# ---- binding beyond loopback -----------------------------------------------------------------------------


def test_binding_beyond_loopback_needs_a_long_token(monkeypatch) -> None:
    monkeypatch.delenv(security.TOKEN_ENV, raising=False)
    with pytest.raises(AccordiaError, match="ACCORDIA_TOKEN"):
        AccessPolicy.for_bind("0.0.0.0")
    with pytest.raises(AccordiaError, match="too short"):
        AccessPolicy.for_bind("192.0.2.10", token="short")
    assert AccessPolicy.for_bind("::1").token_for_reads is False
    assert AccessPolicy.for_bind("0.0.0.0", token=TOKEN).token_for_reads is True


def test_every_request_needs_the_token_when_reachable_from_outside(kb) -> None:
    client = _client(kb, AccessPolicy.for_bind("0.0.0.0", token=TOKEN), base="http://192.0.2.10:8000")
    assert client.get("/api/health").status_code == 401
    assert client.get("/").status_code == 401
    assert client.get("/api/health", headers={"Authorization": "Bearer wrong-token-wrong-token"}).status_code == 401
    assert client.get("/api/health", headers={"Authorization": f"Bearer {TOKEN}"}).status_code == 200
    assert client.get("/static/app.css").status_code == 200  # assets hold no data
    login = client.get(f"/?token={TOKEN}", follow_redirects=False)
    assert login.status_code == 303 and "httponly" in login.headers["set-cookie"].lower()
    assert client.get("/api/health").status_code == 200  # the cookie now carries it
    assert client.get("/api/health", headers={"Host": "attacker.example"}).status_code == 400


def test_cli_refuses_to_serve_beyond_loopback_without_a_token(monkeypatch) -> None:
    from accordia.cli import app

    monkeypatch.delenv(security.TOKEN_ENV, raising=False)
    result = CliRunner().invoke(app, ["serve", "--host", "0.0.0.0", "--db", "/nonexistent/kb.db"])
    assert result.exit_code == 1 and "ACCORDIA_TOKEN" in result.stderr


# ---- write routes ----------------------------------------------------------------------------------------


def _write_app(policy: AccessPolicy) -> TestClient:
    app = FastAPI()
    app.state.access = policy

    @app.post("/api/review", dependencies=[Depends(require_token)])
    async def review() -> dict:
        return {"ok": True}

    return TestClient(app)


def test_write_routes_need_the_token_even_on_loopback(monkeypatch) -> None:
    closed = _write_app(AccessPolicy.for_bind("127.0.0.1", token=""))
    assert closed.post("/api/review").status_code == 403
    compared = []
    real = security.hmac.compare_digest

    def spy(a, b):
        compared.append((a, b))
        return real(a, b)

    monkeypatch.setattr(security.hmac, "compare_digest", spy)
    guarded = _write_app(AccessPolicy.for_bind("127.0.0.1", token=TOKEN))
    assert guarded.post("/api/review").status_code == 401
    assert guarded.post("/api/review", headers={"Authorization": "Bearer nope"}).status_code == 401
    assert guarded.post("/api/review", headers={"Authorization": f"Bearer {TOKEN}"}).json() == {"ok": True}
    assert len(compared) == 2  # every presented token went through the constant-time comparison
