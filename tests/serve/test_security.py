"""Write access: a token when one is set, loopback-only local writes when asked for, refused otherwise."""

from __future__ import annotations

import pytest
from fastapi import HTTPException
from starlette.requests import Request

from accordia.serve.security import require_token, write_mode


def _request(server: str = "127.0.0.1", auth: str | None = None) -> Request:
    headers = [(b"authorization", auth.encode())] if auth else []
    return Request({"type": "http", "method": "POST", "path": "/", "headers": headers,
                    "server": (server, 8000), "client": ("127.0.0.1", 5000)})


def test_token_is_required_and_compared(monkeypatch) -> None:
    monkeypatch.setenv("ACCORDIA_TOKEN", "right")
    assert write_mode(_request()) == "token"
    require_token(_request(auth="Bearer right"))
    for auth in (None, "Bearer wrong", "Basic right", "right"):
        with pytest.raises(HTTPException) as refused:
            require_token(_request(auth=auth))
        assert refused.value.status_code == 401


def test_without_a_token_only_a_loopback_server_may_allow_local_writes(monkeypatch) -> None:
    monkeypatch.delenv("ACCORDIA_TOKEN", raising=False)
    monkeypatch.delenv("ACCORDIA_ALLOW_LOCAL_WRITES", raising=False)
    with pytest.raises(HTTPException) as refused:
        require_token(_request())
    assert refused.value.status_code == 403
    monkeypatch.setenv("ACCORDIA_ALLOW_LOCAL_WRITES", "1")
    require_token(_request("127.0.0.1"))
    require_token(_request("::1"))
    assert write_mode(_request("0.0.0.0")) == "off"
    with pytest.raises(HTTPException):
        require_token(_request("192.168.1.20"))
