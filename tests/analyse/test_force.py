from datetime import date

import pytest

from accordia.analyse.force import EUR_PER_UNIT, force, measure_of
from accordia.facts import Commitment, Quantity, Snapshot
from tests.analyse.helpers import DAY, FakeReference, ev, troops

FORCE = "reassurance-force"


def money(actor: str, value: float, unit: str, sentence: str, **kw) -> Commitment:
    return Commitment(actor, "money", FORCE, evidence=ev(sentence, kw.pop("article", "a1")),
                      amount=Quantity(value, unit), **kw)


def _snapshot() -> Snapshot:
    need = ev("Planners want a force of 25,000 to 30,000 troops.", "a3", start=40)
    return Snapshot(as_of=DAY, commitments=[
        troops("FRA", FORCE, "France offers 10,000 troops.", 10_000, article="a1", published=date(2025, 2, 1),
               conditions=["after a ceasefire"], places=["Kyiv"]),
        troops("FRA", FORCE, "France now offers 12,000 troops.", 12_000, article="a2",
               conditions=["after a ceasefire"], places=["Odesa"]),
        troops("GBR", FORCE, "Britain will send 8,000 troops.", 8_000, places=["Kyiv"]),
        troops("DEU", FORCE, "Germany might send 5,000 troops.", 5_000, hypothetical=True),
        troops("EST", FORCE, "Estonia will send a company.", None),
        money("GBR", 1e9, "GBP", "Britain adds one billion pounds."),
        money("CAN", 2e9, "CAD", "Canada gives two billion dollars."),
        money("NOR", 1e9, "XYZ", "Norway pledges a billion in an odd unit."),
        Commitment("SWE", "air-policing", FORCE, evidence=ev("Sweden will patrol the skies."),
                   conditions=["if safe"]),
    ], quantities=[
        Quantity(25_000, "troops", subject="reassurance force", evidence=need),
        Quantity(30_000, "troops", subject="reassurance force", evidence=need),
        Quantity(600_000, "troops", subject="ukraine-army-cap", evidence=ev("Cap the army at 600,000.")),
    ])


def test_currency_is_normalised_with_the_fixed_table():
    assert measure_of(Quantity(2e9, "CAD")) == ("money_eur", pytest.approx(2e9 * EUR_PER_UNIT["CAD"]), "")
    assert measure_of(Quantity(3, "troops"))[0] == "troops"
    assert measure_of(Quantity(5, "EUR per year"))[2].startswith("per year")
    assert measure_of(Quantity(5, "XYZ"))[0] == "money_unconverted"


def test_totals_per_tier_restatements_and_gaps():
    (row,) = force(_snapshot(), FakeReference())["rows"]
    people = {c["actor"]: c for c in row["contributors"]}
    # FRA's later 12,000 replaces the earlier 10,000; it is conditional on a ceasefire.
    assert people["FRA"]["troops"] == {"firm": 0.0, "conditional": 12_000.0, "hypothetical": 0.0}
    assert people["GBR"]["troops"]["firm"] == 8_000.0
    assert people["DEU"]["troops"]["hypothetical"] == 5_000.0
    assert people["EST"]["unquantified"] == ["troops"]
    assert row["totals"]["troops"] == {"firm": 8_000.0, "conditional": 12_000.0, "hypothetical": 5_000.0}
    # money: GBP 1bn x 1.18 + CAD 2bn x 0.65 = 1.18bn + 1.30bn = 2.48bn EUR, all firm
    assert row["totals"]["money_eur"]["firm"] == pytest.approx(1e9 * 1.18 + 2e9 * 0.65)
    assert people["NOR"]["unconverted"][0]["unit"] == "XYZ"
    # need 25,000-30,000: firm 8,000 -> gap 17,000-22,000; with conditional 20,000 -> 5,000-10,000;
    # with hypothetical 25,000 -> 0-5,000
    (need,) = row["requirements"]
    assert (need["low"], need["high"]) == (25_000, 30_000)
    assert need["gap"]["firm"] == {"low": 17_000, "high": 22_000}
    assert need["gap"]["with_conditional"] == {"low": 5_000, "high": 10_000}
    assert need["gap"]["with_hypothetical"] == {"low": 0, "high": 5_000}
    assert need["evidence"][0]["start"] == 40


def test_by_place_and_by_capability():
    (row,) = force(_snapshot(), FakeReference())["rows"]
    places = {p["place"]: p["actors"] for p in row["by_place"]}
    assert places == {"Kyiv": ["FRA", "GBR"], "Odesa": ["FRA"]}
    caps = {c["capability"]: c for c in row["by_capability"]}
    assert caps["troops"]["firm"] == ["EST", "GBR"]
    assert caps["troops"]["hypothetical"] == ["DEU"]
    assert caps["air-policing"]["conditional"] == ["SWE"]
    assert all(c["evidence"] for c in row["by_capability"])


def test_no_requirement_means_no_gap_and_issue_filter():
    snap = Snapshot(as_of=DAY, commitments=[troops("GBR", FORCE, "UK troops.", 100),
                                            troops("USA", "us-backstop", "US jets.", None)])
    rows = force(snap, FakeReference(), issue=FORCE)["rows"]
    assert [r["issue"] for r in rows] == [FORCE]
    assert rows[0]["requirements"] == []
