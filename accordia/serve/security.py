"""Who may talk to the server: the Host header, the access token, and the routes that need it.

Three rules, each against a different attacker:

- **Host names** (DNS rebinding). A web page on another site can point its own domain at
  127.0.0.1 and then read the local dashboard as if it were its own origin. Such requests carry
  the attacker's name in ``Host``, so only the names this server answers to are accepted:
  loopback names, the bind address, this machine's own names when bound beyond loopback, IP
  literals (rebinding needs a DNS name), and any listed in ``ACCORDIA_ALLOWED_HOSTS``.
- **Binding beyond loopback** needs ``ACCORDIA_TOKEN``; every request then has to present it,
  as ``Authorization: Bearer <token>`` or the cookie set by opening ``/?token=<token>`` once.
- **Write routes** (review, corrections, ingest) need the token, wherever the server is bound:
  depend on :func:`require_token`. With no token configured they are refused, with one exception
  for an analyst alone on their own machine: a loopback server started with
  ``ACCORDIA_ALLOW_LOCAL_WRITES=1`` accepts writes without a token, but only from its own pages
  (a request whose ``Origin`` or ``Sec-Fetch-Site`` shows another site is refused, so a web page
  elsewhere cannot post decisions through the analyst's browser).

Tokens are compared with :func:`hmac.compare_digest`, in constant time.
"""

from __future__ import annotations

import hmac
import ipaddress
import os
import socket
from dataclasses import dataclass, field
from typing import Literal
from urllib.parse import urlsplit

from fastapi import HTTPException, Request

from accordia.store.errors import AccordiaError

TOKEN_ENV = "ACCORDIA_TOKEN"
ALLOWED_HOSTS_ENV = "ACCORDIA_ALLOWED_HOSTS"
LOCAL_WRITES_ENV = "ACCORDIA_ALLOW_LOCAL_WRITES"
TOKEN_COOKIE = "accordia_token"
LOOPBACK_NAMES = frozenset({"localhost", "127.0.0.1", "::1"})
# A token shorter than this is too easy to guess to guard a server others can reach.
MIN_TOKEN_CHARS = 16


def is_loopback(host: str) -> bool:
    """True for names and addresses that only this machine can reach."""
    name = host.strip().strip("[]").lower()
    if name in LOOPBACK_NAMES or name.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(name).is_loopback
    except ValueError:
        return False


def _is_ip(name: str) -> bool:
    try:
        ipaddress.ip_address(name)
    except ValueError:
        return False
    return True


def host_name(header: str) -> str:
    """The name in a Host header, without port or IPv6 brackets, lower-cased."""
    value = header.strip().lower()
    if value.startswith("["):
        return value[1:value.find("]")] if "]" in value else value[1:]
    if value.count(":") == 1:
        value = value.split(":", 1)[0]
    return value.rstrip(".")


@dataclass(frozen=True)
class AccessPolicy:
    """What the server accepts; built once from the bind address and the environment."""

    token: str | None = None
    token_for_reads: bool = False
    allowed_hosts: frozenset[str] = field(default_factory=lambda: LOOPBACK_NAMES)
    local_writes: bool = False

    @classmethod
    def for_bind(cls, host: str = "127.0.0.1", token: str | None = None,
                 extra_hosts: tuple[str, ...] = ()) -> AccessPolicy:
        """The policy for a server bound to ``host``; raises when beyond loopback without a token."""
        token = token if token is not None else (os.environ.get(TOKEN_ENV) or None)
        extra = tuple(extra_hosts) + tuple(
            h for h in (os.environ.get(ALLOWED_HOSTS_ENV) or "").split(",") if h.strip())
        local = is_loopback(host)
        if not local:
            if not token:
                raise AccordiaError(
                    f"binding to {host} lets other machines reach the server: set {TOKEN_ENV} to a secret of "
                    f"at least {MIN_TOKEN_CHARS} characters first (clients then send it as a bearer token)")
            if len(token) < MIN_TOKEN_CHARS:
                raise AccordiaError(f"{TOKEN_ENV} is too short: use at least {MIN_TOKEN_CHARS} characters")
        names = set(LOOPBACK_NAMES) | {host_name(h) for h in extra} | {host_name(host)}
        if not local:
            names |= {socket.gethostname().lower(), socket.getfqdn().lower()}
        names.discard("")
        return cls(token=token, token_for_reads=not local, allowed_hosts=frozenset(names),
                   local_writes=local and os.environ.get(LOCAL_WRITES_ENV) == "1")

    @property
    def write_mode(self) -> Literal["token", "local", "off"]:
        """How writes are let through: with the token, from this machine's own pages, or not at all."""
        if self.token:
            return "token"
        return "local" if self.local_writes else "off"

    def host_allowed(self, header: str | None) -> bool:
        if not header:
            return False
        name = host_name(header)
        return name in self.allowed_hosts or _is_ip(name)

    def token_matches(self, presented: str | None) -> bool:
        if not self.token or not presented:
            return False
        return hmac.compare_digest(presented.encode("utf-8"), self.token.encode("utf-8"))


def presented_token(request: Request) -> str | None:
    """The token a request carries: a bearer header first, else the dashboard's cookie."""
    auth = request.headers.get("authorization", "")
    scheme, _, value = auth.partition(" ")
    if scheme.lower() == "bearer" and value.strip():
        return value.strip()
    return request.cookies.get(TOKEN_COOKIE)


def policy_of(request: Request) -> AccessPolicy:
    return getattr(request.app.state, "access", None) or AccessPolicy()


def write_mode(request: Request) -> Literal["token", "local", "off"]:
    """What the dashboard tells users about writes on this server."""
    return policy_of(request).write_mode


def same_site(request: Request, policy: AccessPolicy) -> bool:
    """False when the browser says the request comes from a page of another site."""
    if request.headers.get("sec-fetch-site", "same-origin").lower() not in ("same-origin", "none"):
        return False
    origin = request.headers.get("origin")
    if origin is None:
        return True
    # Only names this server answers to: an IP literal of someone else's site must not pass.
    return host_name(urlsplit(origin).netloc) in policy.allowed_hosts


async def require_token(request: Request) -> None:
    """FastAPI dependency for every route that changes the knowledge base.

    ``@app.post("/api/review", dependencies=[Depends(require_token)])``: refused (403) when the
    server has no token configured, and (401) unless the request presents the right one. The one
    exception is a loopback server in local-writes mode, for requests from its own pages.
    """
    policy = policy_of(request)
    if not policy.token:
        if policy.local_writes and same_site(request, policy):
            return
        if policy.local_writes:
            raise HTTPException(403, "local writes are accepted only from this server's own pages")
        raise HTTPException(403, f"this route changes the knowledge base: start the server with {TOKEN_ENV} set "
                                 f"(or, on a loopback address, {LOCAL_WRITES_ENV}=1)")
    if not policy.token_matches(presented_token(request)):
        raise HTTPException(401, "a valid access token is required (Authorization: Bearer <token>)",
                            headers={"WWW-Authenticate": "Bearer"})
