"""Stance rules on sentences written for these tests (not taken from any corpus)."""

from tests.extract.conftest import stances

CONTEXT = "Allies met in Paris to discuss a ceasefire and a reassurance force for Ukraine. "


def test_coordinated_subjects_each_get_the_stance(read):
    facts = read(CONTEXT + "Sweden, Norway and Australia have signalled support for the reassurance force, "
                 "while Greece and Portugal remain opposed.")
    got = stances(facts)
    for iso in ("SWE", "NOR", "AUS"):
        assert (iso, "reassurance-force", "support") in got
    for iso in ("GRC", "PRT"):
        assert (iso, "reassurance-force", "oppose") in got


def test_negated_refusal_is_undecided(read):
    facts = read(CONTEXT + "Norway did not rule out joining the reassurance force.")
    assert ("NOR", "reassurance-force", "undecided") in stances(facts)


def test_no_longer_opposes_is_support(read):
    facts = read("EU leaders met in Brussels on the sanctions package against Russia. "
                 "Hungary no longer opposes the sanctions package, officials said.")
    assert ("HUN", "russia-sanctions", "support") in stances(facts)


def test_precondition_makes_a_stance_conditional_and_keeps_the_condition(read):
    facts = read(CONTEXT + "Austria said it was ready to join the reassurance force, provided that the "
                 "United Nations gave it a mandate.")
    pos = [p for p in facts.positions if p.actor == "AUT" and p.issue == "reassurance-force"]
    assert pos and pos[0].stance == "conditional"
    assert "United Nations" in pos[0].condition


def test_red_line_wording_marks_the_position(read):
    facts = read(CONTEXT + "The Kremlin said NATO troops in Ukraine were unacceptable under any circumstances.")
    pos = [p for p in facts.positions if p.actor == "RUS" and p.issue == "reassurance-force"]
    assert pos and pos[0].stance == "oppose" and pos[0].red_line
    assert any(r.actor == "RUS" and r.against == "reassurance-force" for r in facts.red_lines)


def test_leader_speaks_for_the_state(read):
    facts = read(CONTEXT + "Chancellor Friedrich Merz backed the ceasefire proposal on Monday.")
    assert ("DEU", "ceasefire", "support") in stances(facts)


def test_title_resolves_to_the_state(read):
    facts = read(CONTEXT + "The French president welcomed the ceasefire proposal.")
    assert ("FRA", "ceasefire", "support") in stances(facts)


def test_seat_of_power_stands_for_the_state(read):
    facts = read(CONTEXT + "Downing Street said it would back a ceasefire.")
    assert ("GBR", "ceasefire", "support") in stances(facts)


def test_mentioned_country_gets_no_position(read):
    facts = read(CONTEXT + "Portugal sent its ambassador to the meeting in Lisbon.")
    assert not [p for p in facts.positions if p.actor == "PRT"]


def test_off_topic_article_has_no_positions(read):
    facts = read("Spain's farm ministry said on Monday that olive oil prices fell for a third month. "
                 "Growers in Andalusia welcomed the rain, and exporters backed a new labelling rule.")
    assert facts.positions == []


def test_quote_is_attributed_to_its_speaker(read):
    facts = read(CONTEXT + "\u201cWe will never accept foreign troops in Ukraine,\u201d the Russian foreign "
                 "minister said.")
    assert ("RUS", "reassurance-force", "oppose") in stances(facts)


def test_rather_than_and_dropped_demand_are_opposition(read):
    facts = read(CONTEXT + "Canada said the best course was a full peace agreement rather than a ceasefire, "
                 "dropping a demand it had made in the spring.")
    assert ("CAN", "ceasefire", "oppose") in stances(facts)


def test_no_longer_blocking_is_support(read):
    facts = read("EU leaders met on the sanctions package against Russia. Slovakia would no longer block the "
                 "sanctions package, its prime minister said.")
    assert ("SVK", "russia-sanctions", "support") in stances(facts)


def test_apposition_naming_a_backer_is_support(read):
    facts = read("EU leaders argued over the reparations loan and frozen Russian assets. Finland's Petteri Orpo, "
                 "one of the loan's strongest backers, pressed for a decision in December.")
    assert ("FIN", "frozen-assets", "support") in stances(facts)


def test_trade_tariffs_are_not_russia_sanctions(read):
    facts = read("OTTAWA, May 2, 2025 (Test Wire) - Washington announced a new tariff on Canadian steel on Friday. "
                 "Canada said it would answer with tariffs of its own and backed talks with Mexico.")
    assert not [p for p in facts.positions if p.issue == "russia-sanctions"]


def test_if_others_agree_is_a_precondition_but_if_needed_is_not(read):
    facts = read(CONTEXT + "Lithuania said it was ready to send troops to the reassurance force if allies "
                 "agreed on a mandate. Latvia said it was ready to send troops to the force if needed.")
    got = stances(facts)
    assert ("LTU", "reassurance-force", "conditional") in got
    assert ("LVA", "reassurance-force", "support") in got


def test_duration_is_not_a_condition(read):
    facts = read("EU ministers met on sanctions against Russia. Sweden said the bloc would keep up sanctions on "
                 "Russia for as long as it takes.")
    assert ("EU", "russia-sanctions", "support") in stances(facts) or \
        ("SWE", "russia-sanctions", "support") in stances(facts)
    assert not [p for p in facts.positions if p.stance == "conditional"]


def test_demand_made_as_a_condition_for_a_truce(read):
    facts = read(CONTEXT + "The Kremlin insisted that Ukrainian troops withdraw from Donetsk as a condition for "
                 "any ceasefire.")
    got = stances(facts)
    assert ("RUS", "territorial-concessions", "support") in got
    assert ("RUS", "ceasefire", "conditional") in got


def test_passive_agent_holds_the_stance(read):
    facts = read(CONTEXT + "The reassurance force was backed by Norway and Finland on Wednesday.")
    got = stances(facts)
    assert ("NOR", "reassurance-force", "support") in got and ("FIN", "reassurance-force", "support") in got


def test_open_question_is_not_a_stated_stance(read):
    facts = read(CONTEXT + "The United States has not said whether it would provide air cover for the "
                 "reassurance force.")
    assert not [p for p in facts.positions if p.actor == "USA" and p.stance == "support"]


def test_pointing_back_picks_the_issue_the_noun_fits(read):
    facts = read("Leaders discussed a multinational force for Ukraine. Officials also debated US air cover. "
                 "Slovakia said it would veto any EU decision to fund the mission.")
    assert ("SVK", "reassurance-force", "oppose") in stances(facts)
    assert ("SVK", "veto") in {(r.holder, r.rule) for r in facts.decision_rules}


def test_condition_inside_an_argument_is_not_the_stance_s_condition(read):
    facts = read(CONTEXT + "Norway urged allies to commit to the reassurance force, arguing that no peace "
                 "would hold unless foreign troops stood behind it.")
    assert ("NOR", "reassurance-force", "support") in stances(facts)


def test_passive_with_capitals_as_the_doers(read):
    facts = read(CONTEXT + "Berlin said it would join the reassurance force. The decision was welcomed in "
                 "Paris and Warsaw.")
    got = stances(facts)
    assert ("FRA", "reassurance-force", "support") in got and ("POL", "reassurance-force", "support") in got


def test_never_sending_soldiers_is_opposition(read):
    facts = read(CONTEXT + "Hungary said it would never send soldiers to the reassurance force.")
    assert ("HUN", "reassurance-force", "oppose") in stances(facts)


def test_analyst_talking_about_a_country_gives_it_no_position(read):
    facts = read(CONTEXT + "Analyst Anna Kowalska of a Warsaw think tank said Poland was unlikely to change "
                 "its position on the reassurance force.")
    assert not [p for p in facts.positions if p.actor == "POL"]


def test_sanctions_remaining_until_withdrawal_is_support(read):
    facts = read("EU ministers met on sanctions against Russia. A senior EU official said sanctions would "
                 "remain until Russia withdrew.")
    assert ("EU", "russia-sanctions", "support") in stances(facts)
