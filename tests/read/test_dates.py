from datetime import date, datetime, timedelta, timezone

import pytest

from accordia.read.dates import dateline_agency, dateline_date, dateline_place, parse_date, parse_dateline


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2025-03-12", date(2025, 3, 12)),
        ("2025-03-12T10:00:00Z", date(2025, 3, 12)),
        ("2025-03-12 23:30:00-05:00", date(2025, 3, 12)),  # the publisher's own date, not UTC's
        ("Wed, 12 Mar 2025 08:00:00 +0000", date(2025, 3, 12)),
        ("Wed, 12 Mar 2025 08:00:00 GMT", date(2025, 3, 12)),
        ("12 March 2025", date(2025, 3, 12)),
        ("March 12, 2025", date(2025, 3, 12)),
        ("Sept. 4 2025", date(2025, 9, 4)),
        ("Thursday, 4th of September 2025", date(2025, 9, 4)),
        ("1741766400", date(2025, 3, 12)),
        ("1741766400000", date(2025, 3, 12)),
        (1741766400, date(2025, 3, 12)),
        ("20250312", date(2025, 3, 12)),
        ("2025/3/12", date(2025, 3, 12)),
        ("25/03/2025", date(2025, 3, 25)),
        ("03/25/2025", date(2025, 3, 25)),
        ("12.03.2025", date(2025, 3, 12)),
        (datetime(2025, 3, 12, 22, 0, tzinfo=timezone(timedelta(hours=-4))), date(2025, 3, 12)),
        (date(2025, 3, 12), date(2025, 3, 12)),
    ],
)
def test_parse_date_reads_common_metadata_forms(value, expected):
    assert parse_date(value) == expected


@pytest.mark.parametrize(
    "value", [None, "", "   ", "soon", "2025", "03/04/2025", "31 February 2025", True, [], "-5"])
def test_parse_date_gives_none_for_what_is_not_a_full_date(value):
    assert parse_date(value) is None


def test_dateline_with_agency_and_no_year_takes_the_reference_year():
    text = "PARIS, March 27 (Dev Wire) - France and Britain will lead a force."
    assert dateline_date(text, reference=date(2025, 11, 1)) == date(2025, 3, 27)
    assert dateline_place(text) == "PARIS"
    assert dateline_agency(text) == "Dev Wire"


def test_abbreviated_month_and_news_agency():
    text = "KYIV, Nov 22 (Reuters) - Ukraine will study the plan."
    assert dateline_date(text, reference=date(2025, 11, 30)) == date(2025, 11, 22)
    assert dateline_agency(text) == "Reuters"


def test_dateline_with_its_own_year_ignores_the_reference():
    text = "LONDON, 4 September 2025 — Ministers met again."
    assert dateline_date(text, reference=date(2027, 1, 1)) == date(2025, 9, 4)
    assert dateline_place(text) == "LONDON"
    assert dateline_agency(text) is None


def test_dateline_without_a_date_has_a_place_but_no_date():
    text = "BRUSSELS (AP) — Leaders of the bloc met on Thursday."
    assert dateline_date(text, fallback_year=2025, reference=date(2025, 5, 1)) is None
    assert dateline_place(text) == "BRUSSELS"
    assert dateline_agency(text) == "AP"


def test_december_dateline_read_in_january_falls_in_the_previous_year():
    january = date(2026, 1, 4)
    assert dateline_date("KYIV, Dec 30 (Dev Wire) - Talks resumed.", reference=january) == date(2025, 12, 30)
    assert dateline_date("KYIV, Jan 3 (Dev Wire) - Talks resumed.", reference=january) == date(2026, 1, 3)


def test_dateline_on_the_reference_day_stays_in_that_year():
    day = date(2025, 4, 11)
    assert dateline_date("ROME, April 11 (Dev Wire) - Ships sailed.", reference=day) == date(2025, 4, 11)
    assert dateline_date("ROME, April 12 (Dev Wire) - Ships sailed.", reference=day) == date(2024, 4, 12)


def test_leap_day_dateline_finds_the_last_leap_year():
    assert dateline_date("BERLIN, Feb 29 (dpa) - Talks.", reference=date(2027, 3, 1)) == date(2024, 2, 29)


def test_fallback_year_is_used_only_without_a_reference():
    text = "ROME, April 11 (Dev Wire) - Ships sailed."
    assert dateline_date(text, fallback_year=2024) == date(2024, 4, 11)
    assert dateline_date(text) is None


def test_place_with_region_and_full_month():
    text = "KANANASKIS, Alberta, June 17 (Dev Wire) - Canada announced new aid."
    assert dateline_place(text) == "KANANASKIS, Alberta"
    assert dateline_date(text, reference=date(2025, 7, 1)) == date(2025, 6, 17)


def test_weekday_and_year_in_an_american_dateline():
    line = parse_dateline("WASHINGTON, Tuesday, March 3, 2025 (AP) — The president spoke.")
    assert line is not None
    assert (line.place, line.month, line.day, line.year, line.agency) == ("WASHINGTON", 3, 3, 2025, "AP")


def test_dateline_may_follow_a_headline_line_and_end_marks_the_story():
    text = "Talks resume\n\nST. PETERSBURG, Russia, Sept. 5 (Dev Wire) -- Officials said that talks resumed."
    line = parse_dateline(text)
    assert line is not None
    assert line.place == "ST. PETERSBURG, Russia"
    assert text[line.end:].startswith("Officials said")


@pytest.mark.parametrize(
    "text",
    [
        "Ukraine said on Tuesday that it was ready to accept a truce.",
        "NATO-led patrols would start after a ceasefire, officials said.",
        "UPDATE 1-Ukraine backs truce plan",
        "BREAKING - Leaders agree a plan",
        "",
    ],
)
def test_no_dateline_in_ordinary_openings(text):
    assert parse_dateline(text) is None
    assert dateline_date(text, fallback_year=2025, reference=date(2025, 12, 31)) is None
