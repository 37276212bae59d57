"""Stance candidates: who and what the model is asked about, on sentences written for these tests."""

from __future__ import annotations

from datetime import date

import pytest

from accordia.extract.pairs import actor_role
from accordia.facts import Article


@pytest.fixture
def candidates(extractor):
    def _run(text: str):
        _, cands = extractor.read_candidates(Article(text=text, published=date(2025, 9, 3)))
        return cands

    return _run


def _pairs(cands, via: str | None = None) -> set[tuple[str, str]]:
    return {(c.actor, c.issue) for c in cands if via is None or c.via == via}


def test_each_state_in_a_list_is_asked_about(candidates):
    cands = candidates("VILNIUS, Sept 2 (Dev Wire) - Estonia, Latvia and Lithuania said they were ready to "
                       "put soldiers into a reassurance force for Ukraine once a ceasefire holds. "
                       "The three governments repeated that the force needs American backing.")
    pairs = _pairs(cands)
    for actor in ("EST", "LVA", "LTU"):
        assert (actor, "reassurance-force") in pairs


def test_a_joint_statement_speaks_for_its_signatories(candidates):
    cands = candidates("BERLIN, Sept 2 (Dev Wire) - A joint statement was signed by France, Germany and Poland "
                       "after the meeting. We stand ready to back a reassurance force, the statement said. "
                       "Our governments will also maintain sanctions against Russia, it added.")
    signed = _pairs(cands, via="signatory")
    assert {("FRA", "reassurance-force"), ("DEU", "reassurance-force"), ("POL", "reassurance-force")} <= signed


def test_off_topic_article_yields_no_candidates(candidates):
    cands = candidates("CANBERRA, Sept 2 (Dev Wire) - Australia said it would buy eleven new frigates. "
                       "The defence minister said the ships would patrol the Indian Ocean from 2030.")
    assert cands == []


def test_every_candidate_carries_the_rules_view_as_features(candidates):
    cands = candidates("PARIS, Sept 2 (Dev Wire) - France backs the reassurance force for Ukraine, "
                       "President Emmanuel Macron said. Italy rejected any deployment of its troops to the force.")
    fra = [c for c in cands if c.actor == "FRA" and c.issue == "reassurance-force"]
    assert fra and any(k.startswith("rule=support") for c in fra for k in c.features)
    assert all(c.sentence.text in c.context.sentence.span.doc.text for c in cands)


def test_subject_and_object_roles(extractor):
    doc = extractor.nlp("Britain rejected the plan that Russia had drafted with help from Hungary.")
    by_text = {t.text: t for t in doc}
    assert actor_role(by_text["Britain"]) == "subj"
    assert actor_role(by_text["Hungary"]) == "other"
