"""Numbers with their units in one sentence: money, personnel, equipment, counts and percentages.

Pledges and demands in a negotiation are mostly numbers ("up to 10,000 troops", "EUR 210bn", a
"28-point plan"), and analysts compare them across countries, so each is read to its full value
and a normalised unit (ISO 4217 for money). Pure text rules; offsets are relative to the string
passed in. Dates, clock times, article numbers, ordinals and numbers inside identifiers (F-16, G7)
are not quantities. A span starts at its qualifier ("up to") or currency sign, whichever is first.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable
from dataclasses import dataclass

from accordia.extract.timex import find_dates

__all__ = ["EUR_PER_UNIT", "QuantitySpan", "find_quantities", "to_eur"]

KINDS: tuple[str, ...] = ("money", "personnel", "equipment", "count", "percent")


@dataclass(frozen=True)
class QuantitySpan:
    """``text[start:end]`` states ``value`` of ``unit``; a range keeps its lower bound in ``low``."""

    value: float
    unit: str
    start: int
    end: int
    text: str
    low: float | None = None
    qualifier: str = ""
    kind: str = ""


# Approximate 2025 annual-average exchange rates, as euros per unit of each currency. Good enough to
# rank and add pledges made in different currencies; not for accounting.
EUR_PER_UNIT: dict[str, float] = {
    "EUR": 1.0, "USD": 0.885, "GBP": 1.17, "CAD": 0.633, "JPY": 0.0059, "AUD": 0.568, "NZD": 0.515,
    "NOK": 0.0855, "SEK": 0.091, "DKK": 0.134, "PLN": 0.235, "CHF": 1.067, "CZK": 0.0399,
    "HUF": 0.00249, "RON": 0.198, "CNY": 0.123, "HKD": 0.114, "RUB": 0.0106, "UAH": 0.0213,
    "TRY": 0.0225, "INR": 0.0102, "KRW": 0.00063,
}


def to_eur(value: float, currency: str) -> float | None:
    """``value`` in ``currency`` as euros at the fixed table rate; None for a currency not in it."""
    rate = EUR_PER_UNIT.get(currency.strip().upper()) if isinstance(currency, str) else None
    return None if rate is None else value * rate


# --- number words -------------------------------------------------------------------------------
_ONES: dict[str, int] = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
}
_SMALL: dict[str, int] = {
    **_ONES, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}
_TENS: dict[str, int] = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
    "ninety": 90,
}
_SCALES: dict[str, float] = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}
_JOINED_SCALES: dict[str, float] = {"k": 1e3, "m": 1e6, "mn": 1e6, "b": 1e9, "bn": 1e9, "tn": 1e12}

_tens = "|".join(_TENS)
_ones = "|".join(_ONES)
_small = "|".join(sorted(_SMALL, key=len, reverse=True))
_WORD_NUMBER = rf"(?:{_tens})(?:-(?:{_ones}))?|{_small}|half\s+an?|an?"
_NUMBER = re.compile(
    r"(?<![\w.])(?:"
    r"(?P<digits>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?![\d,])|\d+(?:\.\d+)?)"
    r"(?P<joined>bn|mn|tn|km|m|b|k)?(?!\w)"
    rf"|(?P<words>(?i:{_WORD_NUMBER}))(?!\w)"
    r")"
    r"(?P<dozen>\s+(?i:dozen)(?!\w))?"
    r"(?P<hundred>\s+(?i:hundred)(?!\w))?"
    r"(?P<scale>\s+(?i:thousand|million|billion|trillion)(?!\w))?"
)

# --- currencies ---------------------------------------------------------------------------------
_CODES = ("EUR", "USD", "GBP", "CAD", "JPY", "AUD", "NZD", "NOK", "SEK", "DKK", "PLN", "CHF", "CZK", "HUF",
          "RON", "CNY", "HKD", "RUB", "UAH", "TRY", "INR", "KRW")
_CODE = "|".join(_CODES)
_SYMBOLS: dict[str, str] = {
    "US$": "USD", "U.S.$": "USD", "U.S. $": "USD", "C$": "CAD", "CA$": "CAD", "Can$": "CAD", "A$": "AUD",
    "AU$": "AUD", "NZ$": "NZD", "HK$": "HKD", "€": "EUR", "£": "GBP", "$": "USD", "¥": "JPY", "₽": "RUB",
    "₴": "UAH", "₹": "INR",
}
_symbols = "|".join(re.escape(s) for s in sorted(_SYMBOLS, key=len, reverse=True))  # "US$" before "$"
_PREFIX = rf"(?:(?<![A-Za-z])(?P<code>{_CODE})\s?|(?<![A-Za-z])(?P<sym>{_symbols})\s?)"
_PREFIX_BEFORE = re.compile(_PREFIX + r"$")
_PREFIX_AT = re.compile(_PREFIX)
_CODE_AFTER = re.compile(rf"\s?(?P<code>{_CODE})(?![A-Za-z])")

# Currency names after the number, most specific first. "pounds" is also a weight, so it only counts
# as sterling after a scale word ("1.6 billion pounds"); bare "kroner" could be Danish or Norwegian.
_CURRENCY_WORDS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(rf"\s+(?i:{pattern})(?![\w-])"), code) for pattern, code in (
        (r"(?:US|U\.S\.|American)\s+dollars?", "USD"),
        (r"Canadian\s+dollars?", "CAD"),
        (r"Australian\s+dollars?", "AUD"),
        (r"New\s+Zealand\s+dollars?", "NZD"),
        (r"Hong\s+Kong\s+dollars?", "HKD"),
        (r"dollars?", "USD"),
        (r"euros?", "EUR"),
        (r"(?:British\s+)?pounds?\s+sterling|sterling", "GBP"),
        (r"(?:British\s+)?pounds?", "GBP?"),
        (r"(?:Japanese\s+)?yen", "JPY"),
        (r"(?:Chinese\s+)?yuan|renminbi", "CNY"),
        (r"Norwegian\s+kron(?:e|er)", "NOK"),
        (r"Danish\s+kron(?:e|er)", "DKK"),
        (r"(?:Swedish\s+)?kronor|Swedish\s+krona", "SEK"),
        (r"kron(?:e|er)", "kroner"),
        (r"(?:Polish\s+)?(?:zlotys?|złotys?|złotych)", "PLN"),
        (r"(?:Swiss\s+)?francs?", "CHF"),
        (r"(?:Russian\s+)?(?:roubles?|rubles?)", "RUB"),
        (r"(?:Ukrainian\s+)?hryvn(?:i?as?)", "UAH"),
        (r"(?:Turkish\s+)?liras?", "TRY"),
    )
)

# --- units --------------------------------------------------------------------------------------
_UNIT_TABLE: dict[str, tuple[str, str]] = {}


def _units(kind: str, unit: str, *surfaces: str) -> None:
    for surface in (unit, *surfaces):
        _UNIT_TABLE[surface] = (unit, kind)


_units("personnel", "troops", "troop", "soldiers", "soldier", "personnel", "servicemen", "serviceman",
       "service members", "servicemembers", "service personnel", "peacekeepers", "peacekeeper", "marines",
       "paratroopers", "infantrymen", "boots on the ground")
_units("personnel", "instructors", "instructor", "trainers")
_units("personnel", "advisers", "advisors", "adviser", "advisor")
_units("personnel", "officers", "officer")
_units("personnel", "pilots", "pilot")
_units("personnel", "sailors")
_units("equipment", "aircraft", "warplanes", "planes", "airplanes", "aeroplanes", "warplane")
_units("equipment", "jets", "jet", "fighter jets", "fighters", "fighter aircraft")
_units("equipment", "frigates", "frigate")
_units("equipment", "ships", "ship", "warships", "warship", "naval vessels", "corvettes", "destroyers")
_units("equipment", "minehunters", "minehunter", "mine-hunters", "mine hunters", "minesweepers",
       "mine countermeasure vessels")
_units("equipment", "submarines", "submarine")
_units("equipment", "tanks", "tank")
_units("equipment", "drones", "drone", "uavs", "unmanned aerial vehicles")
_units("equipment", "missiles", "missile", "interceptors")
_units("equipment", "rockets")
_units("equipment", "shells", "shell", "artillery shells", "artillery rounds", "rounds of ammunition",
       "ammunition rounds", "shells of ammunition")
_units("equipment", "air-defence systems", "air-defence system", "air defence systems", "air defence system",
       "air-defense systems", "air-defense system", "air defense systems", "air defense system")
_units("equipment", "systems", "system")
_units("equipment", "batteries", "battery")
_units("equipment", "launchers", "launcher")
_units("equipment", "howitzers", "howitzer", "artillery pieces", "guns")
_units("equipment", "helicopters", "helicopter")
_units("equipment", "vehicles", "armoured vehicles", "armored vehicles")
_units("count", "countries", "nations", "member states", "member countries", "states")
_units("count", "leaders")
_units("count", "delegations")
_units("count", "points")
_units("count", "days")
_units("count", "weeks")
_units("count", "months")
_units("count", "years")
_units("count", "hours")
_units("count", "km", "kilometres", "kilometers", "kms")
_units("count", "miles")
_units("count", "people", "persons")
_units("count", "civilians")
_units("count", "children")
_units("count", "men")
_units("count", "women")
_units("count", "prisoners", "prisoners of war", "pows", "captives")
_units("count", "vessels")
_units("count", "tankers", "oil tankers")
_units("count", "members")



def _alternation(phrases: Iterable[str]) -> str:
    """Regex alternatives for ``phrases``, longest first, any run of spaces matching one space."""
    ordered = sorted(phrases, key=len, reverse=True)
    return "|".join(r"\s+".join(re.escape(word) for word in phrase.split(" ")) for phrase in ordered)


_unit_alternatives = _alternation(_UNIT_TABLE)
# Words allowed between a number and a known unit: "11 new frigates", "10,000 British troops",
# "5,000 air-defence missiles", "18 Leopard 2 tanks". Capitalised words are nationalities or models.
_MODIFIER = (
    r"(?:[A-Z][\w-]*(?:\s+\d{1,3}[A-Z]?\d?(?![\w,.]))?|[a-z]+-[a-z]+|new|more|additional|extra|other|further|modern|main|battle|fighter|combat|"
    r"armoured|armored|military|foreign|western|naval|heavy|light|tactical|ballistic|cruise|artillery|"
    r"ground|active|allied|combat-ready|trained|elite|unmanned|attack|used|older|advanced)"
)
_KNOWN_UNIT = re.compile(rf"\s+(?:{_MODIFIER}\s+){{0,2}}?(?P<unit>(?i:{_unit_alternatives}))(?![\w-])")
_PLAIN_MODIFIER = r"(?:new|more|additional|extra|other|further|foreign|armed|military|civilian)"
_ANY_PLURAL = re.compile(rf"\s+(?:{_PLAIN_MODIFIER}\s+)?(?P<unit>[a-z][a-z-]*[a-z]s)(?![\w'’-])")
_NOT_PLURAL_NOUNS = frozenset({
    "is", "was", "has", "does", "its", "this", "thus", "his", "hers", "ours", "yours", "theirs", "as",
    "us", "yes", "plus", "minus", "versus", "less", "unless", "across", "perhaps", "always", "whereas",
    "sometimes", "afterwards", "towards", "besides", "news", "series", "means", "remains", "goes", "says",
    "seems", "makes", "takes", "gives", "needs", "wants", "agrees", "includes", "comes", "times",
})
_HYPHEN_UNIT = re.compile(r"-(?P<unit>[a-z]+)(?![\w-])")
_HYPHEN_UNITS: dict[str, str] = {
    "day": "days", "week": "weeks", "month": "months", "year": "years", "hour": "hours", "point": "points",
    "nation": "countries", "country": "countries", "member": "members", "kilometre": "km", "kilometer": "km",
    "km": "km", "mile": "miles", "seat": "seats", "page": "pages",
}
_STRONG_TROOPS = re.compile(r"(?i:-strong\s+(?:[\w-]+\s+)?(?:force|army|contingent|mission|unit|brigade|"
                            r"corps|military|troops|deployment|garrison))\b")
_STRONG = re.compile(r"(?i:-strong)(?![\w-])")
_PERCENT = re.compile(r"(?:\s?%|\s?(?i:per\s?cent|percent|pct)(?![\w-]))(?P<points>\s+(?i:points?))?")
_PERCENTAGE_POINTS = re.compile(r"\s+(?i:percentage\s+points?)(?![\w-])")

# --- what is not a quantity ---------------------------------------------------------------------
_QUALIFIERS = (
    "up to", "about", "around", "approximately", "roughly", "some", "nearly", "almost", "close to",
    "at least", "at most", "more than", "less than", "fewer than", "over", "under", "as many as",
    "as much as", "as few as", "no more than", "no fewer than", "no less than", "not more than",
    "just over", "just under", "well over", "an estimated", "in excess of", "upwards of", "a maximum of",
    "a minimum of", "a further",
)
_qualifiers = _alternation(_QUALIFIERS)
_QUALIFIER_BEFORE = re.compile(rf"(?<![\w-])(?P<q>(?i:{_qualifiers}))\s+$")
_BETWEEN_BEFORE = re.compile(r"(?<![\w-])(?i:between)\s+$")
_FROM_BEFORE = re.compile(r"(?<![\w-])(?i:from)\s+$")
_RANGE_LINK = re.compile(r"\s*(?:-|–|—)\s*|\s+(?i:to)\s+")
_AND_LINK = re.compile(r"\s+(?i:and)\s+")
_REFERENCE_WORDS = re.compile(
    r"(?i:\b(?:articles?|art\.|sections?|chapters?|paragraphs?|para\.|clauses?|resolutions?|protocols?|"
    r"no\.|nos\.|number|annex|amendments?|items?|decree|flight|page|pp?\.|phase|point|vol\.|volume|"
    r"rule|room|route|highway|tier))\s+(?:\d+[a-z]?(?:[.(]\d+\)?)*(?:\s*(?:,|-|–|and|or)\s*)?)+"
)
_CLOCK = re.compile(
    r"(?<![\d.])\d{1,2}(?:[:.]\d{2})?\s*(?i:a\.m\.|p\.m\.|am|pm|o['’]clock|hrs|GMT|UTC|CET|CEST|EET|ET)(?!\w)"
    r"|(?<![\d.:])\d{1,2}:\d{2}(?!\d)"
)
_DIGIT_IDENTIFIER_BEFORE = re.compile(r"[A-Za-z]-$|[/#№]$|\d[:/]$")
_DIGIT_IDENTIFIER_AFTER = re.compile(r"[/:]\d|\.\d|-\d+[A-Za-z]|[\s-]?mm\b")  # "155mm" is a calibre
_CAPITALISED_WORD_BEFORE = re.compile(r"(?P<word>[A-Z][\w'’.-]*)\s+$")
_CALENDAR_WORDS = frozenset({
    "january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
    "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov",
    "dec",
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
})
_SENTENCE_START = re.compile(r"(?:^|[.!?:;]\s+|[\"“‘(]\s*)$")

# --- military formations ------------------------------------------------------------------------
# Rough strengths of a unit, in soldiers, for pledges made in formations rather than numbers.
FORMATION_SIZES: dict[str, int] = {
    "platoon": 30, "company": 150, "battalion": 800, "regiment": 2000, "brigade": 4000, "division": 15000,
}
_FORMATION = re.compile(
    rf"(?<![\w-])(?:(?P<count>(?i:{_small}|an?)|\d{{1,2}})\s+(?:[A-Za-z]+(?:-[a-z]+)?\s+)?)?"
    r"(?P<formation>(?i:platoons?|compan(?:y|ies)|battalions?|regiments?|brigades?|divisions?))"
    r"(?P<sized>-(?i:sized?|strong))?"
    r"(?P<unit>\s+(?i:units?|forces?|contingents?|groups?|elements?))?"
    r"(?P<troops>\s+of\s+(?:[A-Za-z-]+\s+)?(?i:troops|soldiers|personnel|marines|paratroopers|infantry))?"
    r"(?!\w)"
)
_EXPLICIT_SIZE_AFTER = re.compile(r"\s+of\s+(?:some\s+|about\s+|around\s+|up\s+to\s+)?\d")


@dataclass
class _Number:
    start: int
    end: int
    value: float
    scaled: bool
    multiplier: float
    joined: str
    digits: str
    words: str


@dataclass
class _Suffix:
    end: int
    unit: str = ""
    kind: str = ""
    currency: str = ""
    known: bool = False
    reject: bool = False


def find_quantities(text: str) -> list[QuantitySpan]:
    """Every quantity in ``text``, left to right, never overlapping."""
    if not isinstance(text, str):
        raise TypeError(f"text must be str, got {type(text).__name__}")
    if not any(ch.isdigit() for ch in text) and not _has_number_word(text):
        return []
    masked = _masked_ranges(text)
    formations = _find_formations(text)
    found: list[QuantitySpan] = list(formations)
    last_end = 0
    pos = 0
    while (m := _NUMBER.search(text, pos)) is not None:
        spans = _read_at(text, m, masked)
        if not spans:
            pos = m.end()
            continue
        for span in spans:
            overlaps = span.start < last_end or any(
                span.start < f.end and f.start < span.end for f in formations)
            if not overlaps:
                found.append(span)
                last_end = span.end
        pos = max(span.end for span in spans)
    found.sort(key=lambda q: q.start)
    return found


_NUMBER_WORD_HINT = re.compile(
    rf"(?i:\b(?:{_tens}|{_small}|dozen|hundred|thousand|million|billion|trillion|platoons?|compan(?:y|ies)|"
    r"battalions?|regiments?|brigades?|divisions?)\b)"
)


def _has_number_word(text: str) -> bool:
    return _NUMBER_WORD_HINT.search(text) is not None


def _masked_ranges(text: str) -> list[tuple[int, int]]:
    """Character ranges whose digits are dates, times or references, never amounts."""
    ranges = [(d.start, d.end) for d in find_dates(text, None) if d.kind in ("absolute", "month", "year")]
    ranges += [(m.start(), m.end()) for m in _REFERENCE_WORDS.finditer(text)]
    ranges += [(m.start(), m.end()) for m in _CLOCK.finditer(text)]
    merged: list[tuple[int, int]] = []
    for start, end in sorted(ranges):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def _inside(position: int, ranges: list[tuple[int, int]]) -> bool:
    """Whether ``position`` falls in one of ``ranges`` (disjoint and sorted, as _masked_ranges returns)."""
    i = bisect.bisect_right(ranges, (position, float("inf"))) - 1
    return i >= 0 and ranges[i][0] <= position < ranges[i][1]


def _parse_number(text: str, m: re.Match[str]) -> _Number | None:
    digits, words, joined = m["digits"], m["words"], (m["joined"] or "").lower()
    if digits:
        value = float(re.sub(r"[,\s\u00a0\u202f]", "", digits))
    else:
        key = " ".join(words.lower().split())
        if key.startswith("half"):
            value = 0.5
        elif key in ("a", "an"):
            value = 1.0
        elif "-" in key:
            tens, ones = key.split("-")
            value = float(_TENS[tens] + _ONES[ones])
        else:
            value = float(_SMALL.get(key) or _TENS[key])
    multiplier = 1.0
    if joined in _JOINED_SCALES:
        multiplier *= _JOINED_SCALES[joined]
    if m["hundred"]:
        multiplier *= 100
    if m["scale"]:
        multiplier *= _SCALES[m["scale"].strip().lower()]
    scaled = multiplier != 1.0
    value *= multiplier * (12 if m["dozen"] else 1)
    if words and words.lower().split()[-1] in ("a", "an") and not (m["dozen"] or m["hundred"] or m["scale"]):
        return None  # the article "a", not a number
    if words and words.lower().startswith("half") and not (m["dozen"] or m["hundred"] or m["scale"]):
        return None
    return _Number(m.start(), m.end(), value, scaled, multiplier, joined, digits or "", words or "")


def _looks_like_identifier(text: str, number: _Number) -> bool:
    if not number.digits:
        return False
    before = text[max(0, number.start - 2):number.start]
    if _DIGIT_IDENTIFIER_BEFORE.search(before):
        return True
    if _DIGIT_IDENTIFIER_AFTER.match(text, number.end):
        return True
    return len(number.digits) > 1 and number.digits.startswith("0") and "." not in number.digits


def _prefix_before(text: str, start: int) -> tuple[str, int]:
    """The currency sign or code right before ``start``, and where it begins."""
    m = _PREFIX_BEFORE.search(text, max(0, start - 8), start)
    if m is None:
        return "", start
    return (m["code"] or _SYMBOLS[m["sym"]]), m.start()


def _read_at(text: str, m: re.Match[str], masked: list[tuple[int, int]]) -> list[QuantitySpan]:
    first = _parse_number(text, m)
    if first is None or _inside(first.start, masked) or _looks_like_identifier(text, first):
        return []
    currency, start = _prefix_before(text, first.start)
    second, second_currency = _range_second(text, first, masked)
    last = second or first
    suffix = _read_suffix(text, last, bool(currency or second_currency))
    if suffix.reject:
        return []
    currency = _pick_currency(currency or second_currency, suffix.currency)
    unit, kind = (currency, "money") if currency else (suffix.unit, suffix.kind)
    if first.digits and kind not in ("money", "percent") and _follows_a_name(text, start):
        return []
    if not unit and not _plausible_bare(text, first, second):
        return []
    if unit and not suffix.known and not currency and (_is_year_like(first) or not first.digits):
        return []  # "2022 talks", "no one knows": only a known unit makes these amounts
    low = first.value
    if second is not None and not first.scaled and second.scaled:
        low = first.value * second.multiplier  # "20 to 30 billion": the scale covers both
    qualifier, start = _qualifier_before(text, start)
    if second is None:
        return [_make(text, start, suffix.end, first.value, unit, kind, qualifier)]
    between = _BETWEEN_BEFORE.search(text, max(0, start - 12), start)
    if _FROM_BEFORE.search(text, max(0, start - 8), start) or low >= second.value:
        # "from $60 to $45": a change between two amounts, not a range.
        return [
            _make(text, start, first.end, low, unit, kind, qualifier),
            _make(text, _prefix_before(text, second.start)[1], suffix.end, second.value, unit, kind, ""),
        ]
    if between:
        start = between.start()
    return [_make(text, start, suffix.end, second.value, unit, kind, qualifier, low=low)]


def _pick_currency(prefix: str, named: str) -> str:
    """A currency named after the number is the most specific, except bare "kroner", which only a
    NOK or DKK code before it can pin down."""
    if named == "kroner":
        return prefix if prefix in ("NOK", "DKK") else named
    return named or prefix


def _make(text: str, start: int, end: int, value: float, unit: str, kind: str, qualifier: str,
          *, low: float | None = None) -> QuantitySpan:
    return QuantitySpan(value=value, unit=unit, start=start, end=end, text=text[start:end], low=low,
                        qualifier=qualifier, kind=kind or "count")


def _qualifier_before(text: str, start: int) -> tuple[str, int]:
    m = _QUALIFIER_BEFORE.search(text, max(0, start - 20), start)
    if m is None:
        return "", start
    return " ".join(m["q"].lower().split()), m.start()


def _range_second(text: str, first: _Number, masked: list[tuple[int, int]]) -> tuple[_Number | None, str]:
    """The upper number of "25,000 to 30,000", "€20bn-€30bn" or "between 2 and 3", if one follows."""
    link = _RANGE_LINK.match(text, first.end)
    if link is None:
        link = _AND_LINK.match(text, first.end)
        if link is None or not _BETWEEN_BEFORE.search(text, max(0, first.start - 14), _prefix_before(
                text, first.start)[1]):
            return None, ""
    pos = link.end()
    currency = ""
    prefix = _PREFIX_AT.match(text, pos)
    if prefix is not None:
        currency = prefix["code"] or _SYMBOLS[prefix["sym"]]
        pos = prefix.end()
    m = _NUMBER.match(text, pos)
    if m is None or m.start() != pos:
        return None, ""
    second = _parse_number(text, m)
    if second is None or _inside(second.start, masked) or bool(second.digits) != bool(first.digits):
        return None, ""
    if second.joined == "km" or first.joined == "km":
        return None, ""
    return second, currency


def _read_suffix(text: str, number: _Number, has_currency: bool) -> _Suffix:
    """What follows the number: a percent sign, a currency, a hyphenated unit or a counted noun."""
    pos = number.end
    if number.joined == "km":
        return _Suffix(pos, "km", "count", known=True)
    if (m := _PERCENT.match(text, pos)) is not None:
        return _Suffix(m.end(), "percentage points" if m["points"] else "percent", "percent", known=True)
    if (m := _PERCENTAGE_POINTS.match(text, pos)) is not None:
        return _Suffix(m.end(), "percentage points", "percent", known=True)
    if (m := _CODE_AFTER.match(text, pos)) is not None:
        return _Suffix(m.end(), currency=m["code"], known=True)
    for pattern, code in _CURRENCY_WORDS:
        if (m := pattern.match(text, pos)) is not None:
            if code == "GBP?":
                if not (number.scaled or has_currency):
                    break  # "500 pounds" of something: a weight
                code = "GBP"
            return _Suffix(m.end(), currency=code, known=True)
    if has_currency:
        return _Suffix(pos)
    if text.startswith("-", pos):
        if (m := _STRONG_TROOPS.match(text, pos)) is not None:
            return _Suffix(pos + len("-strong"), "troops", "personnel", known=True)
        if (m := _STRONG.match(text, pos)) is not None:
            return _Suffix(m.end(), "members", "count", known=True)
        m = _HYPHEN_UNIT.match(text, pos)
        if m is not None and m["unit"] in _HYPHEN_UNITS:
            return _Suffix(m.end(), _HYPHEN_UNITS[m["unit"]], "count", known=True)
        if re.match(r"-[A-Za-z\d]", text[pos:pos + 2]):
            return _Suffix(pos, reject=True)  # "5-style", "30-year-old", "2-1": part of a word
    if (m := _KNOWN_UNIT.match(text, pos)) is not None:
        unit, kind = _UNIT_TABLE[" ".join(m["unit"].lower().split())]
        return _Suffix(m.end(), unit, kind, known=True)
    if (m := _ANY_PLURAL.match(text, pos)) is not None and m["unit"] not in _NOT_PLURAL_NOUNS:
        unit = m["unit"]
        if not unit.endswith(("ss", "us", "is", "'s", "’s")) and len(unit) > 3:
            return _Suffix(m.end(), unit, "count")
    return _Suffix(pos)


def _is_year_like(number: _Number) -> bool:
    return (len(number.digits) == 4 and number.digits.isdigit() and not number.joined
            and 1000 <= int(number.digits) <= 2199 and not number.scaled)


def _plausible_bare(text: str, first: _Number, second: _Number | None) -> bool:
    """A number with no unit is kept only when it reads as an amount ("800,000"), not a label."""
    for number in (first, second):
        if number is None:
            continue
        if not number.digits and not number.scaled:
            return False  # "one of them", "two sides"
        if _is_year_like(number):
            return False
        plain = number.digits.replace(".", "")
        if number.digits and plain.isdigit() and len(plain) >= 5 and not number.scaled:
            return False  # an unformatted long number is a code, not a count
    return True


def _follows_a_name(text: str, start: int) -> bool:
    """Whether a capitalised word inside the sentence comes right before ``start``: the number is
    then part of a name ("Nord Stream 2", "Leopard 2 tanks", "the EU 27"), not an amount."""
    before = _CAPITALISED_WORD_BEFORE.search(text, max(0, start - 40), start)
    if before is None:
        return False
    word = before["word"].rstrip(".")
    if word.endswith(("'s", "’s", "s'")) or word.lower() in _CALENDAR_WORDS:
        return False  # "Russia's 600,000", "on Monday 300 drones"
    return not _SENTENCE_START.search(text, max(0, before.start() - 4), before.start())


def _find_formations(text: str) -> list[QuantitySpan]:
    out: list[QuantitySpan] = []
    for m in _FORMATION.finditer(text):
        name = m["formation"].lower()
        base = "company" if name.startswith("compan") else name.rstrip("s")
        if _EXPLICIT_SIZE_AFTER.match(text, m.end()):
            continue  # "a brigade of 5,000 troops": the number says it
        count_word = (m["count"] or "").lower()
        if base in ("battalion", "brigade"):
            accepted = bool(count_word or m["sized"])
        else:
            accepted = bool(m["sized"] or (count_word and m["troops"]))
        if not accepted:
            continue
        if count_word.isdigit():
            count = int(count_word)
        elif count_word in ("", "a", "an"):
            count = 1
        else:
            count = _SMALL[count_word]
        start = m.start() if count_word else m.start("formation")
        end = m.end()
        out.append(QuantitySpan(value=float(count * FORMATION_SIZES[base]), unit="troops", start=start,
                                end=end, text=text[start:end], qualifier="about", kind="personnel"))
    return out
