"""Request bodies read with limits: on size while they arrive, and on JSON nesting once parsed.

Reading a body whole and measuring it afterwards lets one client make the server hold any amount
of memory; counting while reading stops at the limit. Deeply nested JSON (``[[[[...]]]]``) is tiny
on the wire but makes the parser, and every recursive walk after it, run out of stack, so it is
refused before anything else sees it.
"""

from __future__ import annotations

import json
from typing import Any

from fastapi import HTTPException, Request

MAX_BODY = 1_000_000
#: Deepest nesting of lists and objects accepted; what-if overrides need three levels.
MAX_JSON_DEPTH = 32


async def read_capped(request: Request, limit: int = MAX_BODY) -> bytes:
    """The body, or a 413 as soon as the declared or received size passes ``limit``."""
    declared = request.headers.get("content-length", "")
    if declared.isascii() and declared.isdigit() and int(declared) > limit:
        raise HTTPException(413, f"the body is over {limit} bytes")
    received = bytearray()
    async for chunk in request.stream():
        received += chunk
        if len(received) > limit:
            raise HTTPException(413, f"the body is over {limit} bytes")
    return bytes(received)


def json_depth_exceeds(text: str, limit: int = MAX_JSON_DEPTH) -> bool:
    """True when brackets outside strings nest deeper than ``limit`` (checked without recursion)."""
    depth, in_string, escaped = 0, False, False
    for ch in text:
        if in_string:
            if escaped:
                escaped = False
            elif ch == "\\":
                escaped = True
            elif ch == '"':
                in_string = False
        elif ch == '"':
            in_string = True
        elif ch in "[{":
            depth += 1
            if depth > limit:
                return True
        elif ch in "]}":
            depth -= 1
    return False


def parse_json(body: bytes, expected: str) -> Any:
    """The JSON value in ``body`` (None when blank); a 400 saying ``expected`` when it is unusable."""
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError:
        raise HTTPException(400, expected) from None
    if not text.strip():
        return None
    if json_depth_exceeds(text):
        raise HTTPException(400, f"the JSON nests deeper than {MAX_JSON_DEPTH} levels; {expected}")
    try:
        return json.loads(text)
    except (json.JSONDecodeError, RecursionError):
        raise HTTPException(400, expected) from None
