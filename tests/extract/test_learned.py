"""The extractor as shipped (rules + trained stance model), on sentences written for these tests and,
when ../shared is present, on the user's seed article and the real corpus's near-miss stories."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from accordia.extract.stance_model import load_default_model
from accordia.facts import Article

SHARED = Path(__file__).resolve().parents[2] / ".." / "shared" / "corpus"
# the six stories about other negotiations, then every near-miss (real/README.md)
OTHER_TALKS = ("r115", "r116", "r117", "r118", "r119", "r120")
NEAR_MISSES = ("r018", "r019", "r020", "r038", "r039", "r040", "r057", "r058", "r059", "r060",
               "r078", "r079", "r080", "r084", "r092", "r096", *OTHER_TALKS)

pytestmark = pytest.mark.skipif(load_default_model() is None, reason="no stance model shipped in this build")


def _confirmed(facts) -> set[tuple[str, str, str]]:
    return {(p.actor, p.issue, p.stance) for p in facts.positions if p.evidence.confirmed}


def _read(learned, text: str):
    return learned(Article(text=text, published=date(2025, 3, 3)))


def test_every_position_has_a_probability_and_a_status(learned):
    facts = _read(learned, "PARIS, March 2 (Dev Wire) - France will send troops to the reassurance force, "
                           "President Emmanuel Macron said. Italy rejected the idea of a reassurance force.")
    assert facts.positions
    for p in facts.positions:
        assert 0.0 <= p.evidence.confidence <= 1.0
        assert p.evidence.confirmed == (p.evidence.confidence >= learned.model.threshold)


def test_a_joint_statement_gives_each_signatory_the_stance(learned):
    facts = _read(learned, "LONDON, March 2 (Dev Wire) - The leaders of France, Germany and Poland said in a "
                           "joint statement on Sunday that they backed a multinational reassurance force for "
                           "Ukraine. They also said sanctions on Russia must stay until a peace deal is signed.")
    got = {(p.actor, p.issue, p.stance) for p in facts.positions}
    for actor in ("FRA", "DEU", "POL"):
        assert (actor, "reassurance-force", "support") in got
        assert (actor, "russia-sanctions", "support") in got


def test_each_state_in_a_list_holds_the_stance(learned):
    facts = _read(learned, "TALLINN, March 2 (Dev Wire) - Estonia, Latvia and Lithuania said they were ready to "
                           "send troops to a reassurance force for Ukraine. The three Baltic states also called "
                           "for tougher sanctions on Russia.")
    for actor in ("EST", "LVA", "LTU"):
        assert (actor, "reassurance-force", "support") in _confirmed(facts)


def test_rejecting_any_foreign_troops_opposes_the_force(learned):
    facts = _read(learned, "MOSCOW, March 2 (Dev Wire) - Russia rejected any foreign troops on Ukrainian soil "
                           "after a ceasefire, Foreign Minister Sergei Lavrov said. He said a reassurance force "
                           "of European soldiers would be a legitimate target.")
    assert ("RUS", "reassurance-force", "oppose") in _confirmed(facts)


def test_timing_is_not_a_precondition(learned):
    facts = _read(learned, "PARIS, March 2 (Dev Wire) - France will deploy troops to the reassurance force once "
                           "hostilities cease, President Emmanuel Macron said. Macron said the force would be "
                           "stationed away from the front line.")
    assert ("FRA", "reassurance-force", "support") in _confirmed(facts)


def test_a_stated_precondition_makes_the_stance_conditional(learned):
    facts = _read(learned, "ROME, March 2 (Dev Wire) - Italy will join the reassurance force only if the United "
                           "Nations gives it a mandate, Prime Minister Giorgia Meloni said. Meloni added that "
                           "the force needs a clear mandate.")
    got = {(p.actor, p.issue): p.stance for p in facts.positions}
    assert got.get(("ITA", "reassurance-force")) == "conditional"


def test_talks_about_another_conflict_give_no_codebook_position(learned):
    facts = _read(learned, "CAIRO, March 2 (Dev Wire) - Egypt and Qatar proposed a ceasefire in Gaza, and Israel "
                           "said it would study the plan. Hamas said it rejected any disarmament.")
    assert facts.positions == []


@pytest.mark.skipif(not (SHARED / "seed").is_dir(), reason="../shared/corpus is absent")
def test_the_seed_keeps_every_required_position(learned):
    gold = json.loads((SHARED / "seed" / "seed-0001.gold.json").read_text(encoding="utf-8"))
    text = (SHARED / "seed" / "seed-0001.txt").read_text(encoding="utf-8")
    facts = learned(Article(text=text, published=date.fromisoformat(gold["published"])))
    stored = {(p.actor, p.issue, p.stance) for p in facts.positions}
    required = {(p["actor"], p["issue"], p["stance"]) for p in gold["positions"] if p.get("explicit", True)}
    assert required <= stored  # confirmed or kept for review


@pytest.mark.skipif(not (SHARED / "real").is_dir(), reason="../shared/corpus/real is absent")
def test_near_miss_stories_stay_quiet(learned):
    from accordia.evaluate import score_document

    other_talks = 0
    false_positions = 0
    for name in NEAR_MISSES:
        gold = json.loads((SHARED / "real" / f"{name}.gold.json").read_text(encoding="utf-8"))
        text = (SHARED / "real" / f"{name}.txt").read_text(encoding="utf-8")
        pred = learned(Article(text=text)).to_gold()
        if name in OTHER_TALKS:
            other_talks += len(pred["positions"])
        false_positions += score_document(gold, pred, "positions").fp
    assert other_talks == 0
    assert false_positions <= 3
