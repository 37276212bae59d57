"""Who may write over HTTP. Reads are open; every write route depends on :func:`require_token`.

* ``ACCORDIA_TOKEN`` set: a write needs ``Authorization: Bearer <token>`` (compared in constant time).
* unset: writes are refused (403), unless ``ACCORDIA_ALLOW_LOCAL_WRITES=1`` and the server listens on a
  loopback address, for one analyst on their own machine.

A minimal version for the review routes; the reliability work (issue 12) brings the shared one.
"""

from __future__ import annotations

import ipaddress
import os
import secrets

from fastapi import HTTPException, Request


def _loopback(host: str | None) -> bool:
    if not host:
        return False
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def write_mode(request: Request | None = None) -> str:
    """``token``, ``local`` (loopback server, local writes allowed) or ``off``: what the dashboard tells users."""
    if os.environ.get("ACCORDIA_TOKEN"):
        return "token"
    server = (request.scope.get("server") or (None,))[0] if request is not None else None
    if os.environ.get("ACCORDIA_ALLOW_LOCAL_WRITES") == "1" and _loopback(server):
        return "local"
    return "off"


def require_token(request: Request) -> None:
    """FastAPI dependency: let the write through or answer 401/403 with what to do about it."""
    expected = os.environ.get("ACCORDIA_TOKEN", "")
    if expected:
        scheme, _, given = request.headers.get("authorization", "").partition(" ")
        if scheme.lower() != "bearer" or not secrets.compare_digest(given.strip().encode(), expected.encode()):
            raise HTTPException(401, "this write needs the server's token: send 'Authorization: Bearer <token>'",
                                headers={"WWW-Authenticate": "Bearer"})
        return
    if write_mode(request) == "local":
        return
    raise HTTPException(403, "writes are off on this server: start it with ACCORDIA_TOKEN set (or, on a "
                             "loopback address, ACCORDIA_ALLOW_LOCAL_WRITES=1)")
