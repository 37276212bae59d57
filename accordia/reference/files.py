"""Reading the reference files: locating shipped data and turning rows into checked values.

Every loader goes through these helpers so that a bad file fails the same way: a ``ValueError``
naming the file, the line and the field, instead of a ``KeyError`` deep inside an analysis.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from datetime import date
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any

import yaml

Source = str | Path | Traversable
MAX_BYTES = 20_000_000  # reference files are small; anything larger is a mistake, not data


def shipped(name: str) -> Traversable:
    """A file from ``accordia/data`` inside the installed package (works from a wheel or a checkout)."""
    return resources.files("accordia") / "data" / name


def read_text(source: Source) -> str:
    """The file's text, or a ``ValueError`` that says why it cannot serve as reference data."""
    where = str(source)
    path = Path(source) if isinstance(source, str | Path) else source
    try:
        raw = path.read_bytes()
    except FileNotFoundError as exc:
        raise ValueError(f"{where}: no such file") from exc
    except OSError as exc:
        raise ValueError(f"{where}: cannot be read ({exc.strerror or exc})") from exc
    if len(raw) > MAX_BYTES:
        raise ValueError(f"{where}: {len(raw)} bytes is too large for a reference file")
    if b"\x00" in raw[:4096]:
        raise ValueError(f"{where}: looks like a binary file, expected text")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ValueError(f"{where}: not UTF-8 text ({exc.reason} at byte {exc.start})") from exc
    if not text.strip():
        raise ValueError(f"{where}: the file is empty")
    return text


def read_yaml(source: Source) -> Any:
    text = read_text(source)
    try:
        return yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        at = f" (line {mark.line + 1}, column {mark.column + 1})" if mark is not None else ""
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise ValueError(f"{source}: not valid YAML{at}: {problem}") from exc


def read_csv(source: Source, required: tuple[str, ...]) -> Iterator[tuple[int, dict[str, str]]]:
    """Rows as ``(line number, {column: stripped text})``; missing columns fail before any row."""
    reader = csv.DictReader(io.StringIO(read_text(source), newline=""))
    columns = [c.strip() for c in reader.fieldnames or []]
    missing = [c for c in required if c not in columns]
    if missing:
        found = ", ".join(columns) or "none"
        raise ValueError(f"{source}: missing column(s) {', '.join(missing)}; found {found}")
    for row in reader:
        if None in row:
            raise ValueError(f"{source}:{reader.line_num}: more fields than columns (unquoted comma?)")
        clean = {(k or "").strip(): (v or "").strip() for k, v in row.items()}
        if not any(clean.values()):
            continue
        yield reader.line_num, clean


def split_list(value: str) -> tuple[str, ...]:
    """``a|b|c`` -> ``("a", "b", "c")``, dropping blanks and repeats but keeping order."""
    return tuple(dict.fromkeys(part.strip() for part in value.split("|") if part.strip()))


def parse_date(value: Any, where: str) -> date | None:
    """An ISO date from CSV text or YAML (which already yields ``date``); blank means unknown."""
    if value is None or value == "":
        return None
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value).strip())
    except ValueError as exc:
        raise ValueError(f"{where}: {value!r} is not an ISO date (YYYY-MM-DD)") from exc


def parse_float(value: str, where: str, low: float | None = None, high: float | None = None) -> float | None:
    """A number, or ``None`` for a blank cell; NaN and values outside ``[low, high]`` are refused."""
    if value == "":
        return None
    try:
        number = float(value)
    except ValueError as exc:
        raise ValueError(f"{where}: {value!r} is not a number") from exc
    if number != number or (low is not None and number < low) or (high is not None and number > high):
        raise ValueError(f"{where}: {value!r} is out of range")
    return number


def string_list(value: Any, where: str) -> tuple[str, ...]:
    """A YAML list of strings (numbers written bare, like 600000, are taken as text)."""
    if value is None:
        return ()
    if not isinstance(value, list):
        raise ValueError(f"{where}: expected a list, got {type(value).__name__}")
    out: list[str] = []
    for i, item in enumerate(value):
        if isinstance(item, bool) or not isinstance(item, str | int | float):
            raise ValueError(f"{where}[{i}]: expected text, got {type(item).__name__}")
        text = str(item).strip()
        if text and text not in out:
            out.append(text)
    return tuple(out)
