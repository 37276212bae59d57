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
    assert [p["text"] for p in people["FRA"]["pledges"]] == ["12,000 troops"]
    assert people["FRA"]["pledges"][0]["tier"] == "conditional"
    assert people["EST"]["amount_not_stated"] == ["troops"]
    assert [p["text"] for p in people["EST"]["pledges"]] == ["amount not stated"]
    troops_total = row["totals"]["troops"]
    assert (troops_total["firm"]["min"], troops_total["firm"]["max"]) == (8_000, 8_000)
    assert troops_total["firm"]["amount_not_stated"] == 1          # Estonia's company: not zero, counted
    assert troops_total["conditional"]["max"] == 12_000 and troops_total["hypothetical"]["max"] == 5_000
    # money: GBP 1bn x 1.18 + CAD 2bn x 0.65 = 1.18bn + 1.30bn = 2.48bn EUR, all firm
    assert row["totals"]["money_eur"]["firm"]["max"] == pytest.approx(1e9 * 1.18 + 2e9 * 0.65)
    nor = next(p for p in people["NOR"]["pledges"] if p["kind"] == "money")
    assert "XYZ" in nor["text"] and "no fixed rate" in nor["text"]
    # need 25,000-30,000: firm 8,000 -> 17,000-22,000 missing; with conditional 20,000 -> 5,000-10,000;
    # with hypothetical 25,000 -> 0-5,000. Estonia's unstated amount makes each an upper bound.
    (need,) = row["requirements"]
    assert (need["min"], need["max"]) == (25_000, 30_000)
    assert (need["gap"]["firm"]["min"], need["gap"]["firm"]["max"]) == (17_000, 22_000)
    assert (need["gap"]["with_conditional"]["min"], need["gap"]["with_conditional"]["max"]) == (5_000, 10_000)
    assert (need["gap"]["with_hypothetical"]["min"], need["gap"]["with_hypothetical"]["max"]) == (0, 5_000)
    assert need["gap"]["firm"]["upper_bound_only"] and need["gap"]["firm"]["amount_not_stated"] == 1
    assert need["evidence"][0]["start"] == 40
    assert "1 firm pledge(s) with amount not stated" in row["explanation"]


def _figure(sentence: str, wording: str, value: float, article: str = "n1") -> Quantity:
    return Quantity(value, "troops", subject=FORCE, wording=wording, evidence=ev(sentence, article))


def test_up_to_is_a_maximum_and_ranges_stay_ranges_through_sums():
    snap = Snapshot(as_of=DAY, commitments=[
        troops("NOR", FORCE, "Norway offered up to 700 troops.", None),
        troops("DNK", FORCE, "Denmark will send 400 to 600 soldiers.", None),
        troops("FIN", FORCE, "Finland will send troops.", None),
    ])
    snap.commitments[0].amount = Quantity(700, "troops", wording="up to 700 troops")
    snap.commitments[1].amount = Quantity(600, "troops", wording="400 to 600 soldiers")
    (row,) = force(snap, FakeReference())["rows"]
    firm = row["totals"]["troops"]["firm"]
    # min: Denmark's 400 (Norway stated only a maximum); max: 700 + 600; Finland: amount not stated
    assert (firm["min"], firm["max"]) == (400, 1_300)
    assert firm["only_maximum"] == 1 and firm["amount_not_stated"] == 1 and firm["pledges"] == 2
    people = {c["actor"]: [p["text"] for p in c["pledges"]] for c in row["contributors"]}
    assert people == {"DNK": ["400-600 troops"], "FIN": ["amount not stated"], "NOR": ["up to 700 troops"]}
    assert "400 troops to 1,300 troops" in row["explanation"]


def test_pledge_requirement_and_cap_are_told_apart():
    snap = Snapshot(as_of=DAY, commitments=[troops("NLD", FORCE, "The Netherlands will send troops.", None)],
                    quantities=[
                        _figure("Dutch officials spoke of a Dutch contribution of up to 4,000 troops.",
                                "up to 4,000 troops", 4_000, "p1"),
                        _figure("Estimates by army staff put the requirement at about 18,000 to 22,000 troops.",
                                "about 18,000 to 22,000 troops", 22_000, "p2"),
                        _figure("The draft would cap the country's army at 500,000 troops.",
                                "500,000 troops", 500_000, "p3"),
                    ])
    (row,) = force(snap, FakeReference())["rows"]
    (need,) = row["requirements"]
    assert (need["min"], need["max"]) == (18_000, 22_000)   # not 22,000-22,000
    assert need["stated_by"] == "army staff"
    assert [c["text"] for c in row["caps"]] == ["500,000 troops"]
    assert "caps stated: 500,000 troops" in row["explanation"]


def test_a_figure_read_as_a_pledge_is_not_a_requirement():
    sentence = "Officials spoke of a Belgian contribution of up to 1,000 troops for the force."
    pledge = troops("BEL", FORCE, sentence, None)
    pledge.amount = Quantity(1_000, "troops", wording="up to 1,000 troops")
    figure = Quantity(1_000, "troops", subject=FORCE, wording="up to 1,000 troops", evidence=pledge.evidence)
    (row,) = force(Snapshot(as_of=DAY, commitments=[pledge], quantities=[figure]), FakeReference())["rows"]
    assert row["requirements"] == [] and row["caps"] == []
    assert row["totals"]["troops"]["firm"]["max"] == 1_000


def test_only_kinds_the_issue_takes_are_counted():
    from tests.analyse.helpers import FakeCodebook, FakeIssue

    class Issue(FakeIssue):
        pledges: tuple[str, ...] = ()

    force_issue, land = Issue(FORCE), Issue("territory")
    force_issue.pledges = ("troops",)
    reference = FakeReference(codebook=FakeCodebook([force_issue, land]))
    snap = Snapshot(as_of=DAY, commitments=[troops("TUR", FORCE, "Turkey sends troops.", None),
                                            Commitment("TUR", "equipment", "territory",
                                                       evidence=ev("Turkey sends ships."))])
    result = force(snap, reference)
    assert [r["issue"] for r in result["rows"]] == [FORCE]
    assert any("TUR equipment -> territory" in n for n in result["notes"])


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
