"""Quantities read from single sentences: value, unit, kind, range bounds and qualifiers."""

from __future__ import annotations

import pytest

from accordia.extract.quantities import EUR_PER_UNIT, QuantitySpan, find_quantities, to_eur


def only(sentence: str) -> QuantitySpan:
    found = find_quantities(sentence)
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize(
    ("sentence", "value", "currency"),
    [
        ("Brussels wants to use the €210 billion held at Euroclear.", 210e9, "EUR"),
        ("The fund would reach EUR 210bn by next spring.", 210e9, "EUR"),
        ("Ministers discussed 210 billion euros of immobilised assets.", 210e9, "EUR"),
        ("Washington pledged $1.5 billion for demining.", 1.5e9, "USD"),
        ("The bank lent US$2bn to the grid operator.", 2e9, "USD"),
        ("Congress approved 1.5 billion dollars in credits.", 1.5e9, "USD"),
        ("London unveiled a £1.6bn export deal.", 1.6e9, "GBP"),
        ("The loan, worth GBP 1.6 billion, was signed on Saturday.", 1.6e9, "GBP"),
        ("Treasury set aside 1.6 billion pounds for the scheme.", 1.6e9, "GBP"),
        ("Ottawa added C$2.3 billion for repairs.", 2.3e9, "CAD"),
        ("A further CAD 2.3bn loan was agreed.", 2.3e9, "CAD"),
        ("Canada will give 2.3 billion Canadian dollars next year.", 2.3e9, "CAD"),
        ("Canberra approved A$100 million in vehicles.", 1e8, "AUD"),
        ("Tokyo's package of ¥1 trillion was welcomed.", 1e12, "JPY"),
        ("Oslo raised its aid to NOK 10bn.", 1e10, "NOK"),
        ("Stockholm sent SEK 3 billion kronor in equipment.", 3e9, "SEK"),
        ("Its share, EUR 18.1bn, arrives in tranches.", 18.1e9, "EUR"),
        ("Stockholm promised 4 billion Swedish kronor.", 4e9, "SEK"),
        ("Copenhagen gave 2 billion Danish kroner.", 2e9, "DKK"),
        ("Warsaw spent 5 billion zlotys on shells.", 5e9, "PLN"),
        ("Bern offered 1.5 billion Swiss francs.", 1.5e9, "CHF"),
        ("Wellington added NZ$5 million in training.", 5e6, "NZD"),
        ("Investors sold 50bn USD of bonds.", 5e10, "USD"),
        ("Canberra gave about 10 billion Australian dollars over a decade.", 1e10, "AUD"),
        ("The aid, more than a billion euros, was approved.", 1e9, "EUR"),
        ("Kyiv will get a 2.3 billion dollar loan.", 2.3e9, "USD"),
        ("The plan sets aside 10m euros for mine clearance.", 1e7, "EUR"),
    ],
)
def test_money_reads_full_value_and_iso_currency(sentence: str, value: float, currency: str) -> None:
    q = only(sentence)
    assert q.kind == "money"
    assert q.unit == currency
    assert q.value == pytest.approx(value)
    assert sentence[q.start:q.end] == q.text


@pytest.mark.parametrize(
    ("sentence", "value", "unit", "kind"),
    [
        ("Paris could send up to 10,000 troops.", 10000, "troops", "personnel"),
        ("Some 10 000 soldiers would rotate.", 10000, "troops", "personnel"),
        ("A contingent of 2,500 personnel is ready.", 2500, "troops", "personnel"),
        ("London offered 300 military instructors.", 300, "instructors", "personnel"),
        ("Oslo will send two frigates to the Black Sea.", 2, "frigates", "equipment"),
        ("Turkey proposed three minehunters for the corridor.", 3, "minehunters", "equipment"),
        ("Denmark delivered a dozen jets this spring.", 12, "jets", "equipment"),
        ("Brussels ordered half a million shells.", 500000, "shells", "equipment"),
        ("Berlin provided four air-defence systems.", 4, "air-defence systems", "equipment"),
        ("Kyiv asked for 5,000 air-defence missiles.", 5000, "missiles", "equipment"),
        ("Canberra will build 11 new frigates.", 11, "frigates", "equipment"),
        ("Warsaw sent 90 Leopard tanks.", 90, "tanks", "equipment"),
        ("Washington drafted a 28-point plan.", 28, "points", "count"),
        ("The meeting drew 35 countries and the UN.", 35, "countries", "count"),
        ("Officials said 26 countries had signed.", 26, "countries", "count"),
        ("All 27 member states must agree.", 27, "countries", "count"),
        ("Both sides agreed a 30-day truce.", 30, "days", "count"),
        ("The front runs for some 2,000 kilometres.", 2000, "km", "count"),
        ("They swapped 1,000 prisoners of war.", 1000, "prisoners", "count"),
        ("The EU listed close to 200 more tankers.", 200, "tankers", "count"),
        ("Around 20 other leaders joined by video.", 20, "leaders", "count"),
        ("Twenty-six European Union leaders signed the text.", 26, "leaders", "count"),
        ("Britain listed 100 vessels of the shadow fleet.", 100, "vessels", "count"),
        ("Nearly 300 delegations attended.", 300, "delegations", "count"),
        ("Kyiv's 800,000-strong army would be capped.", 800000, "troops", "personnel"),
    ],
)
def test_counted_nouns_are_normalised(sentence: str, value: float, unit: str, kind: str) -> None:
    q = only(sentence)
    assert (q.value, q.unit, q.kind) == (value, unit, kind)


def test_qualifiers_are_kept_and_span_starts_at_them() -> None:
    q = only("France could send up to 10,000 troops.")
    assert q.qualifier == "up to"
    assert q.text == "up to 10,000 troops"
    assert only("Britain listed about 200 vessels.").qualifier == "about"
    assert only("It will cost at least $5 billion.").qualifier == "at least"
    assert only("The aid reached more than 5,000 missiles.").qualifier == "more than"
    assert only("Some 30 delegations came.").qualifier == "some"
    assert only("Talks lasted nearly three hours.").qualifier == "nearly"
    assert only("It involves around 140 billion euros.").qualifier == "around"
    assert only("The convoy carried 400 shells.").qualifier == ""


@pytest.mark.parametrize(
    ("sentence", "low", "high", "unit"),
    [
        ("A force of 25,000 to 30,000 troops is planned.", 25000, 30000, "troops"),
        ("A force of 25,000-30,000 troops is planned.", 25000, 30000, "troops"),
        ("It would need between 20,000 and 40,000 soldiers.", 20000, 40000, "troops"),
        ("The cost is put at €20bn-€30bn.", 20e9, 30e9, "EUR"),
        ("Estimates run from 2 to 3 billion euros per year, officials said.", None, None, "EUR"),
        ("Estimates run to $20-30 billion.", 20e9, 30e9, "USD"),
        ("Tariffs of 10 to 25 per cent were threatened.", 10, 25, "percent"),
    ],
)
def test_ranges_give_upper_value_and_lower_bound(sentence: str, low: float | None, high: float | None,
                                                 unit: str) -> None:
    found = find_quantities(sentence)
    if low is None:
        # "from 2 to 3 billion" describes a change, so both ends are reported, both scaled.
        assert [q.value for q in found] == [2e9, 3e9]
        assert all(q.unit == unit and q.low is None for q in found)
        return
    assert len(found) == 1, found
    q = found[0]
    assert (q.low, q.value, q.unit) == (low, high, unit)


def test_a_change_between_two_amounts_is_not_a_range() -> None:
    found = find_quantities("Europe wants the price cap cut from $60 to $45 a barrel.")
    assert [(q.text, q.value, q.unit, q.low) for q in found] == [
        ("$60", 60, "USD", None), ("$45", 45, "USD", None)]


@pytest.mark.parametrize(
    ("sentence", "value", "text"),
    [
        ("Estonia offered a company of troops.", 150, "a company of troops"),
        ("Prague has offered a company-sized unit for the mission.", 150, "a company-sized unit"),
        ("A company-sized unit would guard the port.", 150, "A company-sized unit"),
        ("The Netherlands could contribute a battalion.", 800, "a battalion"),
        ("Britain is ready to lead a brigade in the west.", 4000, "a brigade"),
        ("Paris may deploy two brigades near Odesa.", 8000, "two brigades"),
    ],
)
def test_formations_become_approximate_troop_numbers(sentence: str, value: float, text: str) -> None:
    q = only(sentence)
    assert (q.value, q.unit, q.kind, q.qualifier, q.text) == (value, "troops", "personnel", "about", text)


def test_formation_words_used_otherwise_are_not_quantities() -> None:
    assert find_quantities("The company denied the report.") == []
    assert find_quantities("The brigade commander was dismissed.") == []
    assert find_quantities("There is a division among the allies.") == []


def test_explicit_number_beats_formation_estimate() -> None:
    q = only("Romania pledged a brigade of 5,000 troops.")
    assert (q.value, q.unit) == (5000, "troops")


def test_bare_numbers_and_percentages() -> None:
    q = only("The army would be capped at 800,000, the draft says.")
    assert (q.value, q.unit, q.kind) == (800000, "", "count")
    assert (only("Spending rises by 5%.").value, only("Spending rises by 5%.").unit) == (5, "percent")
    pct = only("Tariffs of 5 percent apply.")
    assert (pct.value, pct.unit, pct.kind) == (5, "percent", "percent")
    assert only("An extra 10 per cent levy was imposed.").value == 10
    assert only("Rates rose 0.5 percentage points.").unit == "percentage points"


@pytest.mark.parametrize(
    "sentence",
    [
        "The war began in 2022 and escalated in 2014.",
        "The summit opens on March 11 in Jeddah.",
        "They met on 11 March and again on Nov. 22.",
        "The call began at 10:30 and ended at 9 a.m. the next day.",
        "Ukraine wants protection like Article 5 of the treaty.",
        "The EU adopted its 17th package of sanctions.",
        "Kyiv received its first F-16 jets.",
        "The G7 and G20 statements differed.",
        "Families of MH17 victims attended.",
        "The 2022 grain corridor collapsed.",
        "Russia rejected the pre-2014 borders.",
        "Under Resolution 2202 the council endorsed the deal.",
        "One of the envoys declined to comment.",
        "No one expected a breakthrough.",
        "Russia wants Nord Stream 2 restored.",
        "They agreed to a 30-year-old formula.",
        "Two-thirds of voters backed it.",
        "",
    ],
)
def test_dates_times_references_and_identifiers_are_not_quantities(sentence: str) -> None:
    assert find_quantities(sentence) == []


def test_several_quantities_in_one_sentence_keep_order_and_offsets() -> None:
    sentence = "Canada gave 2 billion dollars, Japan roughly $3 billion and Norway two frigates on Tuesday."
    found = find_quantities(sentence)
    assert [(q.value, q.unit) for q in found] == [(2e9, "USD"), (3e9, "USD"), (2, "frigates")]
    for q in found:
        assert sentence[q.start:q.end] == q.text
    assert found[1].qualifier == "roughly"


def test_numbers_in_names_are_not_counts_but_models_still_carry_the_unit() -> None:
    assert find_quantities("Moscow wants Minsk 2 revived.") == []
    assert find_quantities("The EU 27 agreed.") == []
    assert find_quantities("It fired 155mm shells.") == []
    q = only("Berlin sent 18 Leopard 2 tanks.")
    assert (q.value, q.unit) == (18, "tanks")
    assert only("On Monday 300 drones hit Kyiv.").value == 300
    assert only("Leaders met at Lancaster House two days later.").unit == "days"


def test_bare_kroner_is_money_of_unknown_currency_until_a_code_says_which() -> None:
    q = only("The fund holds 5 billion kroner.")
    assert (q.kind, q.unit, to_eur(q.value, q.unit)) == ("money", "kroner", None)
    assert only("Oslo pledged NOK 5 billion kroner.").unit == "NOK"


def test_pounds_without_a_scale_are_not_sterling() -> None:
    q = only("The drone carried 500 pounds of explosives.")
    assert q.kind == "count" and q.unit == "pounds"


def test_year_with_a_unit_is_a_count_but_a_bare_year_is_not() -> None:
    assert only("Sweden sent 2000 troops.").value == 2000
    assert find_quantities("Sweden joined NATO in 2024.") == []


def test_bad_input_is_rejected_clearly_or_skipped() -> None:
    with pytest.raises(TypeError):
        find_quantities(None)  # type: ignore[arg-type]
    assert find_quantities("\x00\x01\ufffd binary noise") == []
    assert [q.value for q in find_quantities("Les 27 États membres ont signé.")] == [27]
    huge = "The coalition pledged 5,000 troops. " * 2000
    found = find_quantities(huge)
    assert len(found) == 2000 and all(q.value == 5000 for q in found)


def test_to_eur_uses_the_fixed_table() -> None:
    assert to_eur(100.0, "EUR") == 100.0
    assert to_eur(1e9, "USD") == pytest.approx(1e9 * EUR_PER_UNIT["USD"])
    assert to_eur(1e9, "gbp") == pytest.approx(1e9 * EUR_PER_UNIT["GBP"])
    assert to_eur(1e9, "GBP") > 1e9 > to_eur(1e9, "USD") > to_eur(1e9, "CAD")
    assert to_eur(5.0, "XYZ") is None
    assert to_eur(5.0, "") is None
    assert to_eur(5.0, "kroner") is None


def test_every_currency_found_converts() -> None:
    sentence = ("Pledges: €1bn, $1bn, £1bn, C$1bn, A$1bn, ¥1bn, NOK 1bn, SEK 1bn, DKK 1bn, PLN 1bn, "
                "CHF 1bn, NZ$1bn.")
    found = find_quantities(sentence)
    assert len(found) == 12
    assert all(q.kind == "money" and to_eur(q.value, q.unit) is not None for q in found)
