"""Pledged amounts and deployment places, on sentences written for these tests."""

from __future__ import annotations

from accordia.extract.quantities import find_quantities


def _commitments(facts, actor):
    return [c for c in facts.commitments if c.actor == actor]


def test_a_contribution_of_up_to_n_troops_is_a_pledge_with_its_maximum(read):
    facts = read("Allies met to plan a reassurance force for Ukraine. Dutch officials have spoken of a Dutch "
                 "contribution of up to 4,000 troops.")
    (pledge,) = [c for c in _commitments(facts, "NLD") if c.kind == "troops"]
    assert pledge.amount is not None and pledge.amount.value == 4000
    assert pledge.amount.wording.startswith("up to")
    assert pledge.hypothetical  # officials spoke of it: not a firm pledge


def test_a_range_keeps_its_lower_bound_in_the_wording():
    (q,) = find_quantities("Planners say the mission would need 18,000 to 22,000 soldiers.")
    assert (q.low, q.value) == (18000, 22000) and q.text == "18,000 to 22,000 soldiers"
    (up,) = find_quantities("Oslo offered up to 700 troops.")
    assert up.qualifier == "up to" and up.value == 700


def test_meeting_places_are_not_deployment_places(read):
    facts = read("After talks in Vienna, Spain offered to send troops to Ukraine for the reassurance force, "
                 "backed by Madrid.")
    (pledge,) = [c for c in _commitments(facts, "ESP") if c.kind == "troops"]
    assert pledge.places == ["Ukraine"]


def test_a_place_named_as_a_recipient_is_no_deployment(read):
    facts = read("Leaders discussed the reassurance force again. Canada offered Ukraine a contingent of soldiers "
                 "for the reassurance force after talks in Ottawa.")
    pledges = [c for c in _commitments(facts, "CAN") if c.kind == "troops"]
    assert pledges and all(c.places == [] for c in pledges)


def test_a_list_of_deployment_places_is_kept(read):
    facts = read("Leaders discussed a reassurance force for Ukraine on Monday. The planned force would include "
                 "Danish soldiers deployed in places such as Lviv and Kharkiv once the fighting stops.")
    (pledge,) = _commitments(facts, "DNK")
    assert "Lviv" in pledge.places  # (the parser names Lviv a place; whether it knows Kharkiv varies)
