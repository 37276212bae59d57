"""End to end over a hand-built snapshot that mirrors the seed article's facts (sentences reworded)."""

from datetime import date

import pytest

from accordia.analyse import run_analysis
from accordia.facts import (
    Commitment,
    DecisionRule,
    Evidence,
    Position,
    Provision,
    Quantity,
    RedLine,
    Snapshot,
)
from tests.analyse.helpers import FakeReference

PUBLISHED = date(2025, 11, 26)
FORCE = "reassurance-force"
_offset = 0


def _ev(sentence: str) -> Evidence:
    global _offset
    start = _offset
    _offset += len(sentence) + 1
    return Evidence(sentence=sentence, start=start, end=start + len(sentence), article="seed-like",
                    published=PUBLISHED, rule="test", confidence=0.9)


PLAN_SENTENCE = _ev("The first US-Russian draft peace plan barred any NATO presence on Ukrainian soil, "
                    "long a red line for Moscow.")
TROOPS_SENTENCE = _ev("Macron said French, British and Turkish soldiers would be posted in Kyiv and Odesa "
                      "once the fighting stops.")
SUPPORT_SENTENCE = _ev("Sweden, Denmark and Australia have signalled support for the force.")
OPPOSE_SENTENCE = _ev("Poland, Greece and Italy are still against it.")
CONSENT_SENTENCE = _ev("Merz said any plan touching European interests needs Europe's consent.")
PRESS_SENTENCE = _ev("France and Britain urged their allies to back a multinational force for Ukraine.")
PLAN_BACKING = _ev("Washington and Kyiv say they share an understanding on the core of the peace framework.")


def _seed_snapshot() -> Snapshot:
    positions = [Position(a, FORCE, "support", evidence=PRESS_SENTENCE, role="proposer")
                 for a in ("FRA", "GBR")]
    positions += [Position(a, FORCE, "support", evidence=SUPPORT_SENTENCE) for a in ("SWE", "DNK", "AUS")]
    positions += [Position(a, FORCE, "oppose", evidence=OPPOSE_SENTENCE) for a in ("POL", "GRC", "ITA")]
    positions.append(Position("RUS", FORCE, "oppose", evidence=PLAN_SENTENCE, red_line=True))
    positions += [Position(a, "peace-plan", "support", evidence=PLAN_BACKING) for a in ("USA", "UKR")]
    commitments = [Commitment(a, "troops", FORCE, evidence=TROOPS_SENTENCE, places=["Kyiv", "Odesa"],
                              conditions=["once hostilities cease"]) for a in ("FRA", "GBR", "TUR")]
    return Snapshot(
        as_of=PUBLISHED, positions=positions, history=list(positions), commitments=commitments,
        red_lines=[RedLine("RUS", FORCE, wording="no NATO presence on Ukrainian soil",
                           evidence=PLAN_SENTENCE)],
        provisions=[Provision("peace-plan", FORCE, "bars",
                              wording="barred any NATO presence on Ukrainian soil", evidence=PLAN_SENTENCE)],
        decision_rules=[DecisionRule("EU", "consent", ["russia-sanctions", "frozen-assets"],
                                     wording="needs Europe's consent", evidence=CONSENT_SENTENCE)],
        quantities=[Quantity(210e9, "EUR", subject="frozen-assets", evidence=CONSENT_SENTENCE)],
    )


@pytest.fixture(scope="module")
def seed():
    return _seed_snapshot()


def test_russia_red_line_collides_with_the_three_troop_pledges(seed):
    rows = run_analysis("collisions", seed, FakeReference())["rows"]
    (row,) = [r for r in rows if r["kind"] == "red-line" and r["source_actor"] == "RUS"]
    assert {"FRA", "GBR", "TUR"} <= set(row["actors"])
    assert row["organisation"] == "NATO"
    assert "AUS" in {s["actor"] for s in row["not_colliding"]}
    for actor in ("FRA", "GBR", "TUR"):
        detail = next(d for d in row["details"] if d["actor"] == actor)
        assert "troops commitment" in detail["via"]
        assert TROOPS_SENTENCE.sentence in [e["sentence"] for e in detail["evidence"]]


def test_peace_plan_provision_collides_with_the_force_supporters(seed):
    rows = run_analysis("collisions", seed, FakeReference())["rows"]
    (row,) = [r for r in rows if r["kind"] == "provision-bars"]
    assert row["source_actor"] == "peace-plan" and row["issue"] == FORCE
    assert {"FRA", "GBR", "SWE", "DNK", "TUR"} <= set(row["actors"])
    assert [s["actor"] for s in row["not_colliding"]] == ["AUS"]
    assert [b["actor"] for b in row["proposal_backers"]] == ["UKR", "USA"]
    assert PLAN_SENTENCE.sentence in [e["sentence"] for e in row["evidence"]]


def test_eu_holds_consent_over_frozen_assets_and_sanctions(seed):
    rows = {r["issue"]: r for r in run_analysis("vetoes", seed, FakeReference())["rows"]}
    for issue in ("frozen-assets", "russia-sanctions"):
        (eu,) = [h for h in rows[issue]["holders"] if h["actor"] == "EU"]
        assert eu["rule"] == "consent" and eu["can_block"] and eu["source"] == "reported"
        assert eu["evidence"][0]["sentence"] == CONSENT_SENTENCE.sentence


def test_other_analyses_run_on_the_seed(seed):
    ref = FakeReference()
    force = run_analysis("force", seed, ref)["rows"]
    (row,) = force
    assert {p["place"]: p["actors"] for p in row["by_place"]} == {"Kyiv": ["FRA", "GBR", "TUR"],
                                                                  "Odesa": ["FRA", "GBR", "TUR"]}
    # one issue: sides, not blocs
    (sides,) = [r for r in run_analysis("blocs", seed, ref, issue=FORCE)["rows"] if r["type"] == "sides"]
    assert {"AUS", "DNK", "FRA", "GBR", "SWE"} <= set(sides["support"])
    assert not {"POL", "RUS"} & set(sides["support"])
    (fc,) = run_analysis("forecast", seed, ref, issue=FORCE)["rows"]
    # with no capability table every actor weighs the floor x salience; RUS's red line triples its salience
    rus = next(a for a in fc["actors"] if a["actor"] == "RUS")
    assert rus["salience"] == 1.0 and rus["position"] == 0.0
