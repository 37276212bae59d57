"""Amounts as bounds: what a reported figure allows, from its wording.

The extractor keeps one number per quantity (the upper figure of a range) and the words it was read
from ("up to 10,000 troops", "about 25,000 to 30,000 troops"). Adding such figures as if they were
exact overstates what was said, so analyses turn each into a minimum and a maximum first: "up to" is a
maximum with no stated minimum, "at least" a minimum with no stated maximum, a range keeps both ends,
and an amount nobody stated is not zero but absent.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from accordia.facts import Quantity

_AT_MOST = re.compile(r"^(?:up to|at most|no more than|not more than|a maximum of|as many as|as much as|"
                      r"fewer than|less than|under|just under)\b", re.I)
_AT_LEAST = re.compile(r"^(?:at least|more than|over|no fewer than|no less than|a minimum of|upwards of|"
                       r"in excess of|just over|well over)\b", re.I)
_ABOUT = re.compile(r"^(?:about|around|approximately|roughly|some|nearly|almost|close to|an estimated)\b", re.I)
_NUMBER = re.compile(r"(\d+(?:,\d{3})*(?:\.\d+)?)\s*(trillion|billion|million|thousand|bn|tn|mn|m|k)?(?![\w])",
                     re.I)
_SCALE = {"thousand": 1e3, "k": 1e3, "million": 1e6, "m": 1e6, "mn": 1e6, "billion": 1e9, "bn": 1e9,
          "trillion": 1e12, "tn": 1e12}


@dataclass(frozen=True)
class Bounds:
    """``low``/``high`` in the quantity's own unit; ``None`` where the wording states no such bound."""

    low: float | None
    high: float | None
    bound: str = "exact"  # exact, range, at most, at least, approximate

    def scaled(self, factor: float) -> Bounds:
        return Bounds(None if self.low is None else self.low * factor,
                      None if self.high is None else self.high * factor, self.bound)


def bounds_of(amount: Quantity) -> Bounds:
    """The bounds a reported amount allows (see the module docstring)."""
    value = float(amount.value)
    wording = " ".join((amount.wording or "").split()).lower()
    wording = re.sub(r"^between\s+", "", wording)
    if _AT_MOST.match(wording):
        return Bounds(None, value, "at most")
    if _AT_LEAST.match(wording):
        return Bounds(value, None, "at least")
    approximate = bool(_ABOUT.match(wording))
    numbers = _NUMBER.findall(wording)
    if len(numbers) >= 2:
        (first, first_scale), (second, second_scale) = numbers[0], numbers[1]
        upper = float(second.replace(",", "")) * _SCALE.get(second_scale.lower(), 1.0)
        lower = float(first.replace(",", "")) * _SCALE.get((first_scale or second_scale).lower(), 1.0)
        if 0 < lower < upper:
            return Bounds(value * lower / upper, value, "range")
    return Bounds(value, value, "approximate" if approximate else "exact")


def bounds_text(low: float | None, high: float | None, unit: str = "") -> str:
    """"25,000-30,000 troops", "up to 10,000 troops", "at least 5,000 troops", "amount not stated"."""
    tail = f" {unit}" if unit else ""
    if low is None and high is None:
        return "amount not stated"
    if low is None:
        return f"up to {high:,.0f}{tail}"
    if high is None:
        return f"at least {low:,.0f}{tail}"
    if round(low) == round(high):
        return f"{high:,.0f}{tail}"
    return f"{low:,.0f}-{high:,.0f}{tail}"
