"""Raw bytes in, checked text out: the size, emptiness, binary and encoding rules every reader shares."""

from __future__ import annotations

import codecs
import re
from datetime import date, datetime
from pathlib import Path

from accordia.read.errors import BinaryInput, EmptyInput, TooLarge, Unreadable

# Files over this size are refused unread; news articles and exports of a few thousand of them
# stay well below it. Read at call time, so a caller (or a test) may lower it.
MAX_FILE_BYTES = 50 * 1024 * 1024
# Text with fewer non-space characters than this cannot state a fact.
MIN_TEXT_CHARS = 20
# Share of bytes that may be invalid UTF-8 and still be read (as U+FFFD); more means not text.
MAX_BAD_BYTE_SHARE = 0.01


def load_bytes(path: Path, max_bytes: int | None = None) -> bytes:
    """The file's bytes, refusing missing, oversized and empty files before anything parses them."""
    limit = MAX_FILE_BYTES if max_bytes is None else max_bytes
    try:
        size = path.stat().st_size
        if not path.is_file():
            raise Unreadable(str(path), "not a regular file")
        if size > limit:
            raise TooLarge(str(path), f"file is {size:,} bytes, over the {limit:,}-byte limit")
        data = path.read_bytes()
    except FileNotFoundError as exc:
        raise Unreadable(str(path), "no such file") from exc
    except PermissionError as exc:
        raise Unreadable(str(path), "permission denied") from exc
    except OSError as exc:
        raise Unreadable(str(path), f"could not be read ({exc.strerror or exc})") from exc
    if len(data) > limit:  # grew between stat and read
        raise TooLarge(str(path), f"file is over the {limit:,}-byte limit")
    if not data.strip():
        raise EmptyInput(str(path), "file is empty")
    return data


# Byte-order marks, UTF-32 first: the UTF-32 little-endian mark begins with the UTF-16 one.
_BOMS = ((codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be"),
         (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"))
# Without a mark, markup that opens with "<" shows its width in the zero bytes around it (the XML
# specification's own detection rule).
_MARKUP_STARTS = ((b"<\x00\x00\x00", "utf-32-le"), (b"\x00\x00\x00<", "utf-32-be"),
                  (b"<\x00", "utf-16-le"), (b"\x00<", "utf-16-be"))
_XML_ENCODING = re.compile(r"""\A(\s*<\?xml[^>]*?\bencoding\s*=\s*)(["'])[^"']*\2""")


def wide_encoding(data: bytes) -> str | None:
    """The UTF-16/UTF-32 encoding of ``data`` if its mark or its opening "<" shows one, else None."""
    for mark, encoding in _BOMS:
        if data.startswith(mark):
            return encoding
    for start, encoding in _MARKUP_STARTS:
        if data.startswith(start):
            return encoding
    return None


def as_utf8(data: bytes, name: str) -> bytes:
    """UTF-16 and UTF-32 files re-encoded as UTF-8, so every reader sees the same kind of bytes.

    The mark is dropped and an XML declaration that names the old encoding is made to say UTF-8,
    so a feed parser does not decode the new bytes by the old name. Anything else is returned as is.
    """
    encoding = wide_encoding(data)
    if encoding is None:
        return data
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise BinaryInput(name, f"starts like {encoding.upper()} text but does not decode as it") from exc
    text = text.removeprefix("\ufeff")
    if "\x00" in text:
        raise BinaryInput(name, "contains NUL characters, so it is not text")
    return _XML_ENCODING.sub(lambda m: f"{m[1]}{m[2]}UTF-8{m[2]}", text, count=1).encode("utf-8")


def decode_bytes(data: bytes, name: str) -> str:
    """UTF-8 text from ``data``, tolerating a few stray bytes but refusing binary content.

    A byte-order mark is decoding, not content, so it is dropped (UTF-16 files carry one and are
    read too); nothing else is changed, since evidence offsets index into the result.
    """
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise BinaryInput(name, "starts like UTF-16 text but does not decode as it") from exc
        if "\x00" in text:
            raise BinaryInput(name, "contains NUL characters, so it is not text")
        return text
    if b"\x00" in data:
        raise BinaryInput(name, "contains NUL bytes, so it is not text")
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8):]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    escaped = data.decode("utf-8", errors="surrogateescape")
    bad = sum(1 for ch in escaped if "\udc80" <= ch <= "\udcff")
    share = bad / len(data)
    if share >= MAX_BAD_BYTE_SHARE:
        raise BinaryInput(name, f"{share:.0%} of its bytes are not UTF-8, so it is not UTF-8 text")
    return data.decode("utf-8", errors="replace")


def check_text(text: str, name: str, where: str = "") -> None:
    """Refuse text too short to hold a fact, or with NUL characters smuggled in (e.g. via JSON)."""
    if "\x00" in text:
        raise BinaryInput(name, "text contains NUL characters", where)
    chars = sum(1 for ch in text if not ch.isspace())
    if chars < MIN_TEXT_CHARS:
        reason = "no text" if chars == 0 else f"only {chars} characters of text (need {MIN_TEXT_CHARS})"
        raise EmptyInput(name, reason, where)


def file_date(path: Path) -> date | None:
    """The file's modification date: the last resort for a publication date."""
    try:
        return datetime.fromtimestamp(path.stat().st_mtime).date()
    except (OSError, OverflowError, ValueError):
        return None
