"""Time expressions in one sentence, resolved against the article's dateline date.

News dates events relative to the day it is written ("on Tuesday", "last week", "March 11"), so a
fact is only placed on a timeline once its expression is resolved against that reference date.
Pure text rules: offsets are relative to the string passed in. A span covers the expression itself
("Tuesday", "last May"), not a bare preposition before it ("on", "in").
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

__all__ = ["DateSpan", "find_dates", "resolve_weekday"]

KINDS: tuple[str, ...] = ("weekday", "relative", "absolute", "month", "year", "vague")
DIRECTIONS: tuple[str, ...] = ("past", "future", "last", "next")


@dataclass(frozen=True)
class DateSpan:
    """``text[start:end]`` names a time; ``value`` is the day it resolves to, or None when it names
    none (vague phrases) or cannot be placed without a reference date. Months and years resolve to
    their first day; ``kind`` says how precise the value is."""

    start: int
    end: int
    text: str
    value: date | None
    kind: str


_WEEKDAYS: tuple[str, ...] = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_WEEKDAY_ABBREVIATIONS: dict[str, int] = {
    "mon": 0, "tue": 1, "tues": 1, "wed": 2, "thu": 3, "thur": 3, "thurs": 3, "fri": 4, "sat": 5, "sun": 6,
}
_MONTH_NAMES: tuple[str, ...] = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)
_MONTH_NUMBERS: dict[str, int] = {name.lower(): i for i, name in enumerate(_MONTH_NAMES, start=1)}
_MONTH_NUMBERS.update({
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8,
    "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12,
})
# Full names before abbreviations so "March" is not read as "Mar" + "ch".
_MONTH_FULL = "|".join(_MONTH_NAMES)
_MONTH_ANY = _MONTH_FULL + "|Sept|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Oct|Nov|Dec"
_SMALL_NUMBERS: dict[str, int] = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
}
_COUNT = r"\d{1,3}|" + "|".join(sorted(_SMALL_NUMBERS, key=len, reverse=True))

_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:1[89]|20|21)\d\d)"
_MONTH_DAY = re.compile(
    rf"\b(?P<mon>{_MONTH_ANY})\b\.?\s+{_DAY}(?:\s*[-–]\s*[0-3]?\d(?:st|nd|rd|th)?)?"
    rf"(?![\d%]|,\d{{3}}|\.\d|[A-Za-z])(?:,?\s+{_YEAR}(?!\d|,\d))?"
)
_DAY_MONTH = re.compile(
    rf"(?<![\d,.])\b{_DAY}(?:\s*[-–]\s*[0-3]?\d(?:st|nd|rd|th)?)?\s+(?:of\s+)?(?P<mon>{_MONTH_ANY})\b\.?"
    rf"(?:,?\s+{_YEAR}(?!\d|,\d))?"
)
_ISO_DATE = re.compile(r"(?<![\d-])(?P<year>\d{4})-(?P<mon>\d\d)-(?P<day>\d\d)(?![\d-])")
_MONTH_YEAR = re.compile(
    rf"\b(?:(?i:early|mid|late|the\s+end\s+of|end\s+of)[-\s]+)?(?P<mon>{_MONTH_ANY})\b\.?,?\s+{_YEAR}(?!\d|,\d)"
)
_MONTH_ALONE = re.compile(
    rf"\b(?:(?P<mod>(?i:last|next|this|early|mid|late|the\s+end\s+of|end\s+of))[-\s]+)?"
    rf"(?P<mon>{_MONTH_FULL})\b(?!\s+[0-3]?\d(?!\d|,\d))"  # "February 30" is no date at all
)
# "May" is also a verb and a surname: only read as a month after a word that introduces a time.
_MAY_INTRO = re.compile(
    r"(?i:\b(?:in|by|for|since|until|till|from|during|through|before|after|of|to|between|and|or|"
    r"last|next|this|early|mid|late|end\s+of))[-\s]+$"
)
_YEAR_ALONE = re.compile(r"(?<![\w$€£¥.,/])(?P<year>(?:18|19|20)\d\d|2100)(?![\w]|[.,]\d|/\d)")
_YEAR_NOT_AFTER = re.compile(
    r"(?i:\b(?:article|articles|resolution|no\.|number|section|flight|page|decree|eur|usd|gbp))\s+$"
)
# A four-digit number followed by one of these is a count, not a year ("2000 troops").
_YEAR_NOT_BEFORE = re.compile(
    r"\s+(?:troops|soldiers|personnel|people|men|tanks|jets|drones|missiles|shells|km|kilometres|"
    r"kilometers|miles|vessels|ships|aircraft|prisoners|civilians|members|points)\b"
)
_WEEKDAY = re.compile(
    r"\b(?:(?P<mod>(?i:last|next|this|coming|past))\s+)?(?P<wd>Monday|Tuesday|Wednesday|Thursday|Friday|"
    r"Saturday|Sunday)\b"
)
_AGO = re.compile(rf"(?i:\b(?P<n>{_COUNT})\s+(?P<unit>day|week|month|year)s?\s+ago\b)")
_IN_TIME = re.compile(rf"(?i:\bin\s+(?P<n>{_COUNT})\s+(?P<unit>day|week|month|year)s?(?:['’]s?\s+time)?\b)")

_FUTURE_CUES = frozenset({
    "will", "won't", "won’t", "shall", "would", "due", "scheduled", "planned", "plans", "planning",
    "expected", "expects", "expect", "going", "upcoming", "next", "coming", "ahead", "intends", "intend",
    "aims", "hopes",
})
_PAST_CUES = frozenset({
    "said", "says", "told", "met", "held", "was", "were", "had", "did", "spoke", "took", "gave", "made",
    "began", "won", "lost", "wrote", "ago", "since", "last",
})
# A start or deadline right before the day looks ahead whatever the verb: "a ceasefire from Monday".
_FUTURE_PREPOSITIONS = frozenset({"from", "starting", "beginning", "by"})
_WORD = re.compile(r"[\w'’]+")
_CLAUSE_END = re.compile(r"[.!?;]\s")


def resolve_weekday(name: str, reference: date, *, direction: str = "past") -> date:
    """The day called ``name`` nearest to ``reference`` in ``direction``.

    "past" is the most recent such day on or before the reference (a Tuesday dateline reporting
    "on Tuesday" means that day); "future" the first on or after it; "last" and "next" exclude the
    reference day itself, as "last Tuesday" and "next Tuesday" do.
    """
    key = name.strip().lower()
    if key in _WEEKDAYS:
        target = _WEEKDAYS.index(key)
    elif key.rstrip(".") in _WEEKDAY_ABBREVIATIONS:
        target = _WEEKDAY_ABBREVIATIONS[key.rstrip(".")]
    else:
        raise ValueError(f"not a weekday name: {name!r}")
    if direction not in DIRECTIONS:
        raise ValueError(f"direction must be one of {DIRECTIONS}, got {direction!r}")
    back = (reference.weekday() - target) % 7
    ahead = (target - reference.weekday()) % 7
    if direction == "past":
        return reference - timedelta(days=back)
    if direction == "last":
        return reference - timedelta(days=back or 7)
    if direction == "future":
        return reference + timedelta(days=ahead)
    return reference + timedelta(days=ahead or 7)


def find_dates(text: str, reference: date | None) -> list[DateSpan]:
    """Every time expression in ``text``, left to right, never overlapping.

    Where two readings overlap the one starting first wins, then the longer ("4 September 2025"
    over "September 2025" over "2025"). Without a reference date, only expressions that carry
    their own year resolve.
    """
    if not isinstance(text, str):
        raise TypeError(f"text must be str, got {type(text).__name__}")
    if reference is not None and not isinstance(reference, date):
        raise TypeError(f"reference must be a date or None, got {type(reference).__name__}")
    candidates: list[DateSpan] = []
    for finder in _FINDERS:
        candidates.extend(finder(text, reference))
    candidates.sort(key=lambda s: (s.start, -(s.end - s.start)))
    chosen: list[DateSpan] = []
    for span in candidates:
        if not chosen or span.start >= chosen[-1].end:
            chosen.append(span)
    return chosen


def _span(text: str, start: int, end: int, value: date | None, kind: str) -> DateSpan:
    return DateSpan(start=start, end=end, text=text[start:end], value=value, kind=kind)


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _nearest_day(month: int, day: int, reference: date | None) -> date | None:
    """The year a yearless "March 11" most likely means: the one putting it closest to the dateline."""
    if reference is None:
        return None
    options = [d for y in (reference.year - 1, reference.year, reference.year + 1)
               if (d := _safe_date(y, month, day)) is not None]
    if not options:
        return None
    return min(options, key=lambda d: abs((d - reference).days))


def _find_absolute(text: str, reference: date | None) -> list[DateSpan]:
    out: list[DateSpan] = []
    for pattern in (_MONTH_DAY, _DAY_MONTH):
        for m in pattern.finditer(text):
            month = _MONTH_NUMBERS[m["mon"].lower()]
            day = int(m["day"])
            if not 1 <= day <= 31 or day > calendar.monthrange(2024, month)[1]:
                continue  # "February 30" is a typo or a number, not a date
            if m["year"]:
                value = _safe_date(int(m["year"]), month, day)
                if value is None:
                    continue
            else:
                value = _nearest_day(month, day, reference)
            out.append(_span(text, m.start(), m.end(), value, "absolute"))
    for m in _ISO_DATE.finditer(text):
        value = _safe_date(int(m["year"]), int(m["mon"]), int(m["day"]))
        if value is not None:
            out.append(_span(text, m.start(), m.end(), value, "absolute"))
    return out


def _find_month_year(text: str, reference: date | None) -> list[DateSpan]:
    return [
        _span(text, m.start(), m.end(), date(int(m["year"]), _MONTH_NUMBERS[m["mon"].lower()], 1), "month")
        for m in _MONTH_YEAR.finditer(text)
    ]


def _month_value(month: int, modifier: str, reference: date | None) -> date | None:
    """First day of the month meant: "last May" the latest before this month, "next May" the first
    after it, "this May" this year's, a plain "May" the one nearest the reference date."""
    if reference is None:
        return None
    here = (reference.year, reference.month)
    options = [(y, month) for y in (reference.year - 1, reference.year, reference.year + 1)]
    if modifier == "last":
        year, _ = max(o for o in options if o < here)
    elif modifier == "next":
        year, _ = min(o for o in options if o > here)
    elif modifier == "this":
        year = reference.year
    else:
        def distance(option: tuple[int, int]) -> int:
            first = date(option[0], month, 1)
            last = date(option[0], month, calendar.monthrange(option[0], month)[1])
            if first <= reference <= last:
                return 0
            return min(abs((first - reference).days), abs((last - reference).days))
        year, _ = min(options, key=distance)
    return date(year, month, 1)


def _find_month(text: str, reference: date | None) -> list[DateSpan]:
    out: list[DateSpan] = []
    for m in _MONTH_ALONE.finditer(text):
        modifier = (m["mod"] or "").lower()
        introduced = _MAY_INTRO.search(text, max(0, m.start() - 12), m.start())
        if m["mon"] == "May" and not modifier and not introduced:
            continue
        month = _MONTH_NUMBERS[m["mon"].lower()]
        key = modifier if modifier in ("last", "next", "this") else ""
        out.append(_span(text, m.start(), m.end(), _month_value(month, key, reference), "month"))
    return out


def _find_year(text: str, reference: date | None) -> list[DateSpan]:
    out: list[DateSpan] = []
    for m in _YEAR_ALONE.finditer(text):
        if _YEAR_NOT_BEFORE.match(text, m.end()):
            continue
        if _YEAR_NOT_AFTER.search(text, max(0, m.start() - 12), m.start()):
            continue
        out.append(_span(text, m.start(), m.end(), date(int(m["year"]), 1, 1), "year"))
    return out


def _shift_months(day: date, months: int) -> date:
    """Calendar arithmetic that clamps the day ("March 31" minus a month is February's last day)."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def _shift(reference: date | None, unit: str, amount: int) -> date | None:
    if reference is None:
        return None
    if unit == "day":
        return reference + timedelta(days=amount)
    if unit == "week":
        return reference + timedelta(days=7 * amount)
    if unit == "month":
        return _shift_months(reference, amount)
    return _shift_months(reference, 12 * amount)


# (pattern, unit, amount, kind): fixed phrases resolved by shifting the reference date.
_FIXED_PHRASES: tuple[tuple[str, str, int, str], ...] = (
    (r"the\s+day\s+before\s+yesterday", "day", -2, "relative"),
    (r"the\s+day\s+after\s+tomorrow", "day", 2, "relative"),
    (r"yesterday", "day", -1, "relative"),
    (r"(?:earlier\s+|later\s+)?today", "day", 0, "relative"),
    (r"tonight", "day", 0, "relative"),
    (r"tomorrow", "day", 1, "relative"),
    (r"this\s+(?:morning|afternoon|evening)", "day", 0, "relative"),
    (r"last\s+night", "day", -1, "relative"),
    (r"the\s+(?:following|next)\s+(?:day|morning|afternoon|evening|night)", "day", 1, "relative"),
    (r"the\s+(?:previous|preceding)\s+(?:day|morning|afternoon|evening|night)", "day", -1, "relative"),
    (r"last\s+week", "week", -1, "relative"),
    (r"next\s+week", "week", 1, "relative"),
    (r"last\s+month", "month", -1, "relative"),
    (r"next\s+month", "month", 1, "relative"),
    (r"last\s+year", "year", -1, "relative"),
    (r"next\s+year", "year", 1, "relative"),
)
_FIXED = [(re.compile(rf"(?i:\b{p}\b)"), unit, amount, kind) for p, unit, amount, kind in _FIXED_PHRASES]
_THIS_PERIOD = re.compile(r"(?i:\bthis\s+(?P<unit>month|year)\b)")
_VAGUE = re.compile(
    r"(?i:\b(?:(?:earlier|later)\s+this\s+(?:week|month|year)|this\s+week(?:end)?|(?:last|next)\s+weekend|"
    r"over\s+the\s+weekend|(?:in\s+)?recent\s+(?:days|weeks|months)|"
    r"(?:in\s+|over\s+)?the\s+(?:past|last)\s+(?:few\s+)?(?:days|weeks?|months?)|"
    r"(?:in\s+|over\s+)?the\s+(?:coming|next)\s+(?:few\s+)?(?:days|weeks|months))\b)"
)


def _count(word: str) -> int:
    return int(word) if word.isdigit() else _SMALL_NUMBERS[word.lower()]


def _find_relative(text: str, reference: date | None) -> list[DateSpan]:
    out: list[DateSpan] = []
    for pattern, unit, amount, kind in _FIXED:
        for m in pattern.finditer(text):
            out.append(_span(text, m.start(), m.end(), _shift(reference, unit, amount), kind))
    for pattern, sign in ((_AGO, -1), (_IN_TIME, 1)):
        for m in pattern.finditer(text):
            shifted = _shift(reference, m["unit"].lower(), sign * _count(m["n"]))
            out.append(_span(text, m.start(), m.end(), shifted, "relative"))
    for m in _THIS_PERIOD.finditer(text):
        if m["unit"].lower() == "month":
            value = reference.replace(day=1) if reference else None
            out.append(_span(text, m.start(), m.end(), value, "month"))
        else:
            value = date(reference.year, 1, 1) if reference else None
            out.append(_span(text, m.start(), m.end(), value, "year"))
    for m in _VAGUE.finditer(text):
        out.append(_span(text, m.start(), m.end(), None, "vague"))
    return out


def _tense_before(text: str, start: int) -> str:
    """"future" when the nearest tense cue before ``start`` in its clause looks ahead ("will meet
    on"), else "past": news mostly reports what already happened."""
    window = text[max(0, start - 100):start]
    ends = list(_CLAUSE_END.finditer(window))
    if ends:
        window = window[ends[-1].end():]
    words = _WORD.findall(window.lower())
    if words and words[-1] in _FUTURE_PREPOSITIONS:
        return "future"
    for word in reversed(words):
        if word in _FUTURE_CUES or word.endswith(("'ll", "’ll")):
            return "future"
        if word in _PAST_CUES or (len(word) > 4 and word.endswith("ed")):
            return "past"
    return "past"


def _find_weekday(text: str, reference: date | None) -> list[DateSpan]:
    out: list[DateSpan] = []
    for m in _WEEKDAY.finditer(text):
        modifier = (m["mod"] or "").lower()
        if modifier in ("last", "past"):
            direction = "last"
        elif modifier in ("next", "coming"):
            direction = "next"
        else:
            direction = _tense_before(text, m.start())
        value = resolve_weekday(m["wd"], reference, direction=direction) if reference else None
        out.append(_span(text, m.start(), m.end(), value, "weekday"))
    return out


_FINDERS: tuple[Callable[[str, date | None], list[DateSpan]], ...] = (
    _find_absolute, _find_month_year, _find_month, _find_year, _find_relative, _find_weekday,
)
