"""Exports of news scrapers: JSON Lines, JSON and CSV, one article per record.

Column names vary by tool, so the text and metadata columns are recognised from common names
(:mod:`accordia.read.columns`). A bad record is reported and skipped; the rest of the file is read.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator, Mapping
from typing import Any

from accordia.read import columns
from accordia.read.dates import parse_date
from accordia.read.errors import EmptyInput, Malformed, ReadError
from accordia.read.files import decode_bytes
from accordia.read.jsonfeed import is_json_feed, parse_json_feed
from accordia.read.result import RawArticle

# Keys under which a JSON export may wrap its list of articles.
_CONTAINERS = ("articles", "items", "data", "results", "entries", "records", "documents")
_DELIMITERS = (",", ";", "\t", "|")


def parse_jsonl(data: bytes, name: str) -> Iterator[RawArticle | ReadError]:
    """One record per line; a line that is not a JSON object is reported, not fatal."""
    text = decode_bytes(data, name)
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        where = f"line {number}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            yield Malformed(name, f"not valid JSON ({exc.msg}, column {exc.colno})", where)
            continue
        except RecursionError:
            yield Malformed(name, "JSON nested too deeply to be a record", where)
            continue
        yield _from_record(record, name, where)


def parse_json(data: bytes, name: str) -> Iterator[RawArticle | ReadError]:
    """A list of records, a single record, an object wrapping a list under e.g. "articles", or a
    JSON Feed (its items are the articles)."""
    text = decode_bytes(data, name)
    try:
        loaded = json.loads(text)
    except json.JSONDecodeError as exc:
        raise Malformed(name, f"not valid JSON ({exc.msg}, line {exc.lineno})") from exc
    except RecursionError as exc:
        raise Malformed(name, "JSON nested too deeply to be an export") from exc
    if is_json_feed(loaded):
        yield from parse_json_feed(loaded, name)
        return
    if isinstance(loaded, dict) and columns.find_key(list(loaded), columns.TEXT) is None:
        wrapped = next((loaded[k] for k in _CONTAINERS if isinstance(loaded.get(k), list)), None)
        if wrapped is None:
            raise Malformed(name, f"no article text field (looked for {', '.join(columns.TEXT)})")
        loaded = wrapped
    if isinstance(loaded, dict):
        yield _from_record(loaded, name, "")
        return
    if not isinstance(loaded, list):
        raise Malformed(name, "JSON holds neither an article object nor a list of them")
    if not loaded:
        raise EmptyInput(name, "JSON list is empty")
    for number, record in enumerate(loaded, start=1):
        yield _from_record(record, name, f"item {number}")


def parse_csv(data: bytes, name: str, delimiter: str | None = None) -> Iterator[RawArticle | ReadError]:
    """One record per row under a header row; the delimiter is guessed from the header if not given."""
    text = decode_bytes(data, name)
    sep = delimiter or max(_DELIMITERS, key=text.split("\n", 1)[0].count)
    rows, broken = _csv_rows(text, sep, name)
    if not rows or not any(cell.strip() for cell in rows[0]):
        raise EmptyInput(name, "CSV has no header row")
    header = [cell.strip() for cell in rows[0]]
    if columns.find_key(header, columns.TEXT) is None:
        raise Malformed(name, f"no text column (looked for {', '.join(columns.TEXT)})")
    body = [(number, row) for number, row in enumerate(rows[1:], start=1) if any(c.strip() for c in row)]
    if not body and broken is None:
        raise EmptyInput(name, "CSV has a header but no rows")
    for number, row in body:
        where = f"row {number}"
        if len(row) > len(header):
            yield Malformed(name, f"{len(row)} cells under a {len(header)}-column header", where)
            continue
        cells = row + [""] * (len(header) - len(row))
        yield _from_record(dict(zip(header, cells, strict=True)), name, where)
    if broken is not None:
        yield broken


def _csv_rows(text: str, sep: str, name: str) -> tuple[list[list[str]], ReadError | None]:
    """All rows, and the error that cut the file short if one did (the rows before it still count)."""
    old_limit = csv.field_size_limit()
    csv.field_size_limit(max(old_limit, len(text) + 1))  # one article may exceed csv's 128 KiB default
    rows: list[list[str]] = []
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=sep)
    try:
        for row in reader:
            rows.append(row)
    except csv.Error as exc:
        return rows, Malformed(name, f"CSV breaks off here ({exc})", f"line {reader.line_num}")
    finally:
        csv.field_size_limit(old_limit)
    return rows, None


def _from_record(record: Any, name: str, where: str) -> RawArticle | ReadError:
    if not isinstance(record, Mapping):
        return Malformed(name, f"a {type(record).__name__} where an article object was expected", where)
    record = {str(k): v for k, v in record.items()}
    text_key = columns.find_key(list(record), columns.TEXT)
    if text_key is None:
        return EmptyInput(name, f"no text field (looked for {', '.join(columns.TEXT)})", where)
    value = record[text_key]
    if isinstance(value, float) and value != value:  # NaN: pandas' way of writing a missing cell
        value = None
    if value is not None and not isinstance(value, str):
        return Malformed(name, f"'{text_key}' holds a {type(value).__name__}, not text", where)
    if not (value or "").strip():
        return EmptyInput(name, f"no text in '{text_key}'", where)
    return RawArticle(
        text=value,
        title=columns.as_text(columns.pick(record, columns.TITLE)),
        source=columns.as_text(columns.pick(record, columns.SOURCE)),
        url=columns.as_text(columns.pick(record, columns.URL)),
        published=parse_date(columns.pick(record, columns.DATE)),
        reference=parse_date(columns.pick(record, columns.FETCHED)),
        id=columns.as_text(columns.pick(record, columns.ID)),
        language=columns.as_text(columns.pick(record, columns.LANGUAGE)),
        where=where,
    )
