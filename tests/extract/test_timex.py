"""Time expressions resolved against a dateline date."""

from __future__ import annotations

from datetime import date

import pytest

from accordia.extract.timex import DateSpan, find_dates, resolve_weekday

WEDNESDAY = date(2025, 11, 26)
TUESDAY = date(2025, 11, 25)
MID_JUNE = date(2025, 6, 15)


def only(sentence: str, reference: date | None = WEDNESDAY) -> DateSpan:
    found = find_dates(sentence, reference)
    assert len(found) == 1, found
    assert sentence[found[0].start:found[0].end] == found[0].text
    return found[0]


class TestWeekdays:
    def test_reported_weekday_is_the_latest_on_or_before_the_dateline(self) -> None:
        d = only("The envoys met in Geneva on Monday.")
        assert (d.text, d.value, d.kind) == ("Monday", date(2025, 11, 24), "weekday")
        assert only("Zelenskiy spoke to Macron on Thursday.").value == date(2025, 11, 20)

    def test_same_weekday_as_dateline_is_that_day(self) -> None:
        assert only("Ministers said on Tuesday that talks had stalled.", TUESDAY).value == TUESDAY
        assert only("The leaders met on Wednesday.").value == WEDNESDAY

    def test_future_verb_points_forward(self) -> None:
        assert only("The coalition will meet on Friday in Paris.").value == date(2025, 11, 28)
        assert only("Talks are due to resume on Monday.").value == date(2025, 12, 1)
        assert only("He said he would travel to Washington on Saturday.").value == date(2025, 11, 29)

    def test_start_or_deadline_points_forward(self) -> None:
        assert only("Kyiv demanded a ceasefire from Monday.").value == date(2025, 12, 1)
        assert only("Replies were requested by Friday.").value == date(2025, 11, 28)

    def test_future_context_includes_the_dateline_day_itself(self) -> None:
        assert only("EU leaders will meet on Wednesday to discuss the loan.").value == WEDNESDAY

    def test_next_and_last_exclude_the_dateline_day(self) -> None:
        assert only("They meet again next Wednesday.").value == date(2025, 12, 3)
        assert only("The vote happened last Wednesday.").value == date(2025, 11, 19)
        assert only("Officials met last Monday.").value == date(2025, 11, 24)

    def test_past_verb_after_an_earlier_future_cue_wins(self) -> None:
        found = find_dates("Leaders who met on Monday will gather again on Friday.", WEDNESDAY)
        assert [d.value for d in found] == [date(2025, 11, 24), date(2025, 11, 28)]

    def test_possessive_weekday_is_found(self) -> None:
        d = only("Tuesday's statement was cautious.")
        assert (d.text, d.value) == ("Tuesday", TUESDAY)

    def test_without_reference_weekday_is_unresolved(self) -> None:
        d = only("The envoys met on Monday.", None)
        assert (d.kind, d.value) == ("weekday", None)

    def test_lowercase_or_plural_weekdays_are_ignored(self) -> None:
        assert find_dates("Talks are held on Mondays.", WEDNESDAY) == []


class TestResolveWeekday:
    @pytest.mark.parametrize(
        ("name", "direction", "expected"),
        [
            ("Monday", "past", date(2025, 11, 24)),
            ("wednesday", "past", WEDNESDAY),
            ("Wednesday", "future", WEDNESDAY),
            ("Wednesday", "last", date(2025, 11, 19)),
            ("Wednesday", "next", date(2025, 12, 3)),
            ("Sunday", "future", date(2025, 11, 30)),
            ("Thursday", "past", date(2025, 11, 20)),
            ("Fri", "future", date(2025, 11, 28)),
        ],
    )
    def test_directions(self, name: str, direction: str, expected: date) -> None:
        assert resolve_weekday(name, WEDNESDAY, direction=direction) == expected

    def test_default_is_past(self) -> None:
        assert resolve_weekday("Tuesday", WEDNESDAY) == TUESDAY

    def test_bad_names_and_directions_raise(self) -> None:
        with pytest.raises(ValueError):
            resolve_weekday("Funday", WEDNESDAY)
        with pytest.raises(ValueError):
            resolve_weekday("Monday", WEDNESDAY, direction="sideways")


class TestRelative:
    @pytest.mark.parametrize(
        ("sentence", "text", "expected"),
        [
            ("The Kremlin replied yesterday.", "yesterday", date(2025, 11, 25)),
            ("Envoys arrive in Abu Dhabi today.", "today", WEDNESDAY),
            ("The summit opens tomorrow.", "tomorrow", date(2025, 11, 27)),
            ("The draft was leaked last week.", "last week", date(2025, 11, 19)),
            ("Ministers meet next week.", "next week", date(2025, 12, 3)),
            ("Prices rose last month.", "last month", date(2025, 10, 26)),
            ("He responded the following morning.", "the following morning", date(2025, 11, 27)),
            ("They resumed the next day.", "the next day", date(2025, 11, 27)),
            ("The plan was presented two weeks ago.", "two weeks ago", date(2025, 11, 12)),
            ("A decision is expected in three days.", "in three days", date(2025, 11, 29)),
            ("Sanctions were extended last year.", "last year", date(2024, 11, 26)),
        ],
    )
    def test_relative_phrases_shift_the_reference(self, sentence: str, text: str, expected: date) -> None:
        d = only(sentence)
        assert (d.text, d.value, d.kind) == (text, expected, "relative")

    def test_month_arithmetic_clamps_to_the_last_day(self) -> None:
        assert only("Figures from last month were revised.", date(2025, 3, 31)).value == date(2025, 2, 28)

    @pytest.mark.parametrize(
        "sentence",
        [
            "Australia said earlier this month that it was open to it.",
            "More strikes are expected in the coming weeks.",
            "Fighting intensified in recent days.",
            "Talks continued over the weekend.",
        ],
    )
    def test_vague_phrases_have_no_value(self, sentence: str) -> None:
        d = only(sentence)
        assert (d.kind, d.value) == ("vague", None)

    def test_relative_phrases_need_a_reference(self) -> None:
        assert only("The Kremlin replied yesterday.", None).value is None


class TestAbsolute:
    @pytest.mark.parametrize(
        ("sentence", "text", "expected"),
        [
            ("The ceasefire proposal dates from March 11.", "March 11", date(2025, 3, 11)),
            ("Envoys met on 11 March in Jeddah.", "11 March", date(2025, 3, 11)),
            ("It was signed on March 11, 2024 in Kyiv.", "March 11, 2024", date(2024, 3, 11)),
            ("The coalition met on 4 September 2025.", "4 September 2025", date(2025, 9, 4)),
            ("PARIS, Sept 4 (Dev Wire) - Leaders gathered.", "Sept 4", date(2025, 9, 4)),
            ("JOHANNESBURG, Nov. 22 (Dev Wire) - The plan changed.", "Nov. 22", date(2025, 11, 22)),
            ("A deadline was set for Dec 12.", "Dec 12", date(2025, 12, 12)),
            ("The file is dated 2025-03-11.", "2025-03-11", date(2025, 3, 11)),
            ("The 1st of December is the target.", "1st of December", date(2025, 12, 1)),
        ],
    )
    def test_day_and_month(self, sentence: str, text: str, expected: date) -> None:
        d = only(sentence, MID_JUNE)
        assert (d.text, d.value, d.kind) == (text, expected, "absolute")

    def test_yearless_date_takes_the_nearest_year(self) -> None:
        # Seen from mid-January, "December 20" is last December, not eleven months ahead.
        assert only("It was agreed on December 20.", date(2026, 1, 15)).value == date(2025, 12, 20)
        # Seen from late November, "January 10" is the coming one.
        assert only("The talks resume on January 10.").value == date(2026, 1, 10)

    def test_leap_day_picks_a_year_that_has_one(self) -> None:
        assert only("It was signed on February 29.", date(2025, 1, 10)).value == date(2024, 2, 29)

    def test_impossible_dates_are_skipped(self) -> None:
        assert find_dates("Nothing happened on February 30.", WEDNESDAY) == []

    def test_yearless_date_without_reference_is_unresolved_but_dated_one_is_not(self) -> None:
        assert only("They met on March 11.", None).value is None
        assert only("They met on March 11, 2025.", None).value == date(2025, 3, 11)

    def test_a_number_after_a_month_name_is_not_always_a_day(self) -> None:
        assert find_dates("In March 5,000 troops moved.", WEDNESDAY)[0].kind == "month"


class TestMonthsAndYears:
    def test_in_month_is_its_first_day(self) -> None:
        d = only("The agreement was reached in May.", MID_JUNE)
        assert (d.text, d.kind, d.value) == ("May", "month", date(2025, 5, 1))
        # Seen from late November, the coming May is nearer than the last one.
        assert only("Elections are planned for May.").value == date(2026, 5, 1)

    def test_month_with_year(self) -> None:
        d = only("Troops withdrew in September 2022.")
        assert (d.text, d.kind, d.value) == ("September 2022", "month", date(2022, 9, 1))

    def test_last_and_next_month_names(self) -> None:
        assert only("Prices fell last May.").value == date(2025, 5, 1)
        assert only("Elections are due next March.").value == date(2026, 3, 1)

    def test_may_as_verb_or_name_is_not_a_month(self) -> None:
        assert find_dates("Theresa May said the deal may fail.", WEDNESDAY) == []
        assert find_dates("May they succeed.", WEDNESDAY) == []

    def test_year(self) -> None:
        d = only("Russia invaded in 2022.")
        assert (d.text, d.kind, d.value) == ("2022", "year", date(2022, 1, 1))

    @pytest.mark.parametrize(
        "sentence",
        [
            "Sweden sent 2000 troops.",
            "The fund holds 2,025 shells.",
            "Article 2025 does not exist.",
            "The 2020s were turbulent.",
            "It cost $2025 per unit.",
        ],
    )
    def test_numbers_that_are_not_years(self, sentence: str) -> None:
        assert find_dates(sentence, WEDNESDAY) == []

    def test_this_month_and_this_year(self) -> None:
        assert only("Talks resumed this month.").value == date(2025, 11, 1)
        assert only("Growth slowed this year.").value == date(2025, 1, 1)


def test_several_expressions_come_back_in_order_without_overlap() -> None:
    sentence = ("On 4 September 2025, two days after the 2022 talks resumed, leaders said on Friday "
                "they would meet.")
    found = find_dates(sentence, date(2025, 9, 6))
    assert [(d.text, d.kind) for d in found] == [
        ("4 September 2025", "absolute"), ("2022", "year"), ("Friday", "weekday")]
    assert found[2].value == date(2025, 9, 5)


def test_bad_input() -> None:
    with pytest.raises(TypeError):
        find_dates(None, WEDNESDAY)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        find_dates("on Monday", "2025-11-26")  # type: ignore[arg-type]
    assert find_dates("", WEDNESDAY) == []
    assert find_dates("\x00\xff binary", WEDNESDAY) == []
    huge = "Leaders met on Monday. " * 3000
    assert len(find_dates(huge, WEDNESDAY)) == 3000
