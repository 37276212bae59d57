"""Reported amounts as bounds, on wordings written for these tests."""

import pytest

from accordia.analyse.amounts import bounds_of, bounds_text
from accordia.facts import Quantity


@pytest.mark.parametrize(("value", "wording", "low", "high", "bound"), [
    (10_000, "up to 10,000 troops", None, 10_000, "at most"),
    (30_000, "about 25,000 to 30,000 troops", 25_000, 30_000, "range"),
    (3_000, "between 2,000 and 3,000 soldiers", 2_000, 3_000, "range"),
    (3e10, "EUR 20bn-30bn", 2e10, 3e10, "range"),
    (3e10, "20 to 30 billion euros", 2e10, 3e10, "range"),
    (1e9, "500 million to 1 billion dollars", 5e8, 1e9, "range"),
    (5_000, "at least 5,000 troops", 5_000, None, "at least"),
    (800, "around 800 troops", 800, 800, "approximate"),
    (400, "400 troops", 400, 400, "exact"),
    (400, "", 400, 400, "exact"),
])
def test_bounds_from_wording(value, wording, low, high, bound):
    got = bounds_of(Quantity(value, "troops", wording=wording))
    assert (got.low, got.high, got.bound) == (pytest.approx(low) if low else low,
                                              pytest.approx(high) if high else high, bound)


def test_bounds_text_never_says_zero_for_an_unknown():
    assert bounds_text(None, None, "troops") == "amount not stated"
    assert bounds_text(None, 10_000, "troops") == "up to 10,000 troops"
    assert bounds_text(25_000, 30_000, "troops") == "25,000-30,000 troops"
    assert bounds_text(5_000, None, "troops") == "at least 5,000 troops"
