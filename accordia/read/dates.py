"""Dates from metadata strings and from news datelines.

Metadata comes in every shape scrapers and feeds produce (ISO 8601, RFC 822, "12 March 2025",
epoch seconds); datelines ("PARIS, March 27 (Dev Wire) - ") often omit the year, which must then
be inferred from a reference date without pushing the story into the future.
"""

from __future__ import annotations

import re
import time
from dataclasses import dataclass
from datetime import UTC, date, datetime
from email.utils import parsedate_to_datetime

MONTHS: dict[str, int] = {
    "jan": 1, "january": 1, "feb": 2, "february": 2, "mar": 3, "march": 3, "apr": 4, "april": 4,
    "may": 5, "jun": 6, "june": 6, "jul": 7, "july": 7, "aug": 8, "august": 8, "sep": 9, "sept": 9,
    "september": 9, "oct": 10, "october": 10, "nov": 11, "november": 11, "dec": 12, "december": 12,
}
_MONTH = r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?" \
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
_WEEKDAY = r"(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(?:day|nesday|sday|urday)?"
_ORDINAL = r"(?:st|nd|rd|th)?"

# Textual dates, at the start of a metadata string; a time or zone may follow.
_DAY_MONTH_YEAR = re.compile(
    rf"^(?:{_WEEKDAY}\.?,?\s+)?(?P<day>\d{{1,2}}){_ORDINAL}\s+(?:of\s+)?(?P<month>{_MONTH})\.?,?\s+"
    rf"(?P<year>\d{{4}})\b", re.IGNORECASE)
_MONTH_DAY_YEAR = re.compile(
    rf"^(?:{_WEEKDAY}\.?,?\s+)?(?P<month>{_MONTH})\.?\s+(?P<day>\d{{1,2}}){_ORDINAL},?\s+"
    rf"(?P<year>\d{{4}})\b", re.IGNORECASE)
_YMD = re.compile(r"^(?P<year>\d{4})[/.](?P<month>\d{1,2})[/.](?P<day>\d{1,2})\b")
_DOTTED_DMY = re.compile(r"^(?P<day>\d{1,2})\.(?P<month>\d{1,2})\.(?P<year>\d{4})\b")
_SLASHED = re.compile(r"^(?P<a>\d{1,2})/(?P<b>\d{1,2})/(?P<year>\d{4})\b")
_NUMBER = re.compile(r"^\d+(?:\.\d+)?$")


def parse_date(value: object) -> date | None:
    """The calendar date a metadata value names, or None if it names none.

    Aware timestamps keep the date as written (the publisher's local date), not converted to UTC.
    Slashed dates are read only when day and month cannot be confused ("25/03/2025").
    """
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, time.struct_time):
        return _safe_date(value.tm_year, value.tm_mon, value.tm_mday)
    if isinstance(value, int | float):
        return _from_epoch(float(value))
    if not isinstance(value, str):
        return None
    text = value.strip()
    if not text or len(text) > 100:
        return None
    if _NUMBER.match(text):
        if len(text) == 8 and text.isdigit():
            return _safe_date(int(text[:4]), int(text[4:6]), int(text[6:]))
        if len(text.split(".")[0]) < 9:  # too small for a timestamp of the news era: a bare year, say
            return None
        return _from_epoch(float(text))
    return _from_text(text)


def _from_text(text: str) -> date | None:
    try:
        return datetime.fromisoformat(text).date()
    except ValueError:
        pass
    for pattern in (_DAY_MONTH_YEAR, _MONTH_DAY_YEAR):
        m = pattern.match(text)
        if m:
            return _safe_date(int(m["year"]), MONTHS[m["month"].lower()], int(m["day"]))
    for pattern in (_YMD, _DOTTED_DMY):
        m = pattern.match(text)
        if m:
            return _safe_date(int(m["year"]), int(m["month"]), int(m["day"]))
    m = _SLASHED.match(text)
    if m:
        return _unambiguous(int(m["a"]), int(m["b"]), int(m["year"]))
    try:
        return parsedate_to_datetime(text).date()
    except (TypeError, ValueError, IndexError, OverflowError):
        return None


def _unambiguous(a: int, b: int, year: int) -> date | None:
    """A day/month pair in unknown order, read only when one order is impossible or both agree."""
    if a == b or (a > 12 >= b):
        return _safe_date(year, b, a)
    if b > 12 >= a:
        return _safe_date(year, a, b)
    return None


def _from_epoch(seconds: float) -> date | None:
    if seconds >= 1e11:  # milliseconds, as JavaScript-based scrapers write them
        seconds /= 1000
    if seconds <= 0:
        return None
    try:
        return datetime.fromtimestamp(seconds, tz=UTC).date()
    except (OverflowError, OSError, ValueError):
        return None


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


# --- datelines -------------------------------------------------------------------------------

_CAPS_WORD = r"[A-Z][A-Z'’.\-]*[A-Z.]"
_CAPS_PLACE = rf"{_CAPS_WORD}(?:[ /]{_CAPS_WORD})*"
_TITLE_PLACE = r"[A-Z][a-z'’\-]+(?:[ \-][A-Z][a-z'’\-]+){0,2}"
_NOT_DATE_WORD = rf"(?!(?i:{_MONTH}|{_WEEKDAY})\b)"
_REGION = rf"{_NOT_DATE_WORD}[A-Z][A-Za-z'’.\-]*(?: {_NOT_DATE_WORD}[A-Z][A-Za-z'’.\-]*){{0,2}}"
_DATELINE_DATE = (
    rf"(?:{_WEEKDAY}\.?,?\s+)?"
    rf"(?:(?P<month>{_MONTH})\.?\s+(?P<day>\d{{1,2}}){_ORDINAL}"
    rf"|(?P<day2>\d{{1,2}}){_ORDINAL}\s+(?P<month2>{_MONTH})\.?"
    rf"|(?P<weekday>{_WEEKDAY}))"
    r"(?:,?\s+(?P<year>\d{4}))?"
)
_AGENCY = r"\((?P<agency>[A-Za-z][^()\n]{0,40})\)"
_DASH = r"(?:--?|–|—)"
_DATELINE = re.compile(
    rf"(?P<place>{_CAPS_PLACE}|{_TITLE_PLACE})(?:,\s*(?P<region>{_REGION}))?"
    rf"(?:,\s*(?i:{_DATELINE_DATE}))?"
    rf"(?:\s*{_AGENCY})?"
    rf"(?P<dash>\s*{_DASH}\s*)"
)
# Capitalised labels that open a text like a dateline but are not places.
_NOT_PLACES = frozenset({
    "BREAKING", "UPDATE", "UPDATED", "EXCLUSIVE", "ANALYSIS", "OPINION", "WATCH", "LIVE", "FACTBOX",
    "EXPLAINER", "COMMENT", "EDITORIAL", "CORRECTION", "REFILE", "NEWS", "FEATURE", "INTERVIEW",
})
# Datelines sit in the first line of the body; a headline or byline line may come before it.
_DATELINE_LINES = 3
_DATELINE_WINDOW = 600


@dataclass(frozen=True)
class Dateline:
    """The parts of a dateline; ``end`` is the offset in the text where the story itself begins."""

    place: str
    month: int | None = None
    day: int | None = None
    year: int | None = None
    agency: str = ""
    end: int = 0

    def resolve(self, fallback_year: int | None = None, reference: date | None = None) -> date | None:
        """The dateline's date: its own year if written, else the year that puts it on or before
        ``reference`` (a December dateline read against January falls in the previous year), else
        ``fallback_year``; None when the dateline has no day and month."""
        if self.month is None or self.day is None:
            return None
        if self.year is not None:
            return _safe_date(self.year, self.month, self.day)
        if reference is not None:
            return _on_or_before(self.month, self.day, reference)
        if fallback_year is not None:
            return _safe_date(fallback_year, self.month, self.day)
        return None


def _on_or_before(month: int, day: int, reference: date) -> date | None:
    # Walks back a few years so that 29 February finds the last leap year before the reference.
    for year in range(reference.year, reference.year - 8, -1):
        found = _safe_date(year, month, day)
        if found is not None and found <= reference:
            return found
    return None


def parse_dateline(text: str) -> Dateline | None:
    """The dateline opening ``text`` (or one of its first lines), or None if there is none."""
    offset = 0
    window = text[:_DATELINE_WINDOW]
    lines_seen = 0
    for line in window.splitlines(keepends=True):
        stripped = line.lstrip()
        if stripped:
            found = _match_line(stripped, offset + len(line) - len(stripped))
            if found is not None:
                return found
            lines_seen += 1
            if lines_seen >= _DATELINE_LINES:
                break
        offset += len(line)
    return None


def _match_line(line: str, offset: int) -> Dateline | None:
    m = _DATELINE.match(line)
    if m is None:
        return None
    place = m["place"]
    has_date = bool(m["month"] or m["month2"] or m["weekday"])
    dash = m["dash"]
    if place.upper() == place:
        if place.strip(".'’-") in _NOT_PLACES:
            return None
        # A bare capitalised word before a hyphen ("NATO-led") is a compound, not a dateline.
        if not has_date and not m["agency"] and dash.strip() == "-" and dash == dash.strip():
            return None
    elif not has_date and not m["agency"]:
        return None  # a title-case word before a dash is ordinary prose
    if m["region"]:
        place = f"{place}, {m['region']}"
    month_name = m["month"] or m["month2"]
    day = m["day"] or m["day2"]
    return Dateline(
        place=place,
        month=MONTHS[month_name.lower().rstrip(".")] if month_name else None,
        day=int(day) if day else None,
        year=int(m["year"]) if m["year"] else None,
        agency=(m["agency"] or "").strip(),
        end=offset + m.end(),
    )


def dateline_date(text: str, fallback_year: int | None = None, reference: date | None = None) -> date | None:
    """The date in the dateline opening ``text``; see :meth:`Dateline.resolve` for the year."""
    found = parse_dateline(text)
    return found.resolve(fallback_year, reference) if found else None


def dateline_place(text: str) -> str | None:
    """The place a dateline names ("PARIS", "KANANASKIS, Alberta"), or None without a dateline."""
    found = parse_dateline(text)
    return found.place if found else None


def dateline_agency(text: str) -> str | None:
    """The agency a dateline credits in parentheses ("Reuters", "Dev Wire"), or None."""
    found = parse_dateline(text)
    return (found.agency or None) if found else None
