"""Commitments, groups, decision rules, provisions, people and joint statements, on sentences written
for these tests."""

from tests.extract.conftest import stances


def test_demonym_troops_in_a_force_are_commitments_with_places_and_conditions(read):
    facts = read("Leaders discussed a reassurance force for Ukraine on Monday. The planned force would include "
                 "Dutch, Belgian and Norwegian soldiers deployed in places such as Lviv and Kharkiv once the "
                 "fighting stops, the Dutch prime minister said.")
    got = {(c.actor, c.kind, c.issue) for c in facts.commitments}
    for iso in ("NLD", "BEL", "NOR"):
        assert (iso, "troops", "reassurance-force") in got
    dutch = next(c for c in facts.commitments if c.actor == "NLD")
    assert "Lviv" in dutch.places
    assert any("fighting stops" in c for c in dutch.conditions)
    assert dutch.hypothetical


def test_refused_troops_are_no_commitment(read):
    facts = read("Leaders discussed a reassurance force for Ukraine. Portugal said it would not send troops "
                 "to Ukraine under any flag.")
    assert not [c for c in facts.commitments if c.actor == "PRT"]


def test_money_pledge_is_normalised_and_tied_to_its_issue(read):
    facts = read("EU ministers debated the reparations loan again. Norway pledged EUR 3bn to the reparations "
                 "loan backed by frozen Russian assets on Friday.")
    money = [c for c in facts.commitments if c.actor == "NOR" and c.kind == "money"]
    assert money and money[0].issue == "frozen-assets"
    assert money[0].amount is not None and money[0].amount.value == 3e9 and money[0].amount.unit == "EUR"


def test_working_group_leads_and_members(read):
    facts = read("Leaders discussed the reassurance force on Tuesday. The meeting ended with agreement to form a "
                 "working group led by Poland and Finland, with Canada and Japan participating.")
    leads = {m.member for m in facts.memberships if m.role == "lead"}
    members = {m.member for m in facts.memberships if m.role == "member"}
    assert leads == {"POL", "FIN"}
    assert {"CAN", "JPN"} <= members


def test_consent_rule_takes_its_scope_from_the_previous_sentence(read):
    facts = read("Officials argued over sanctions and frozen Russian assets for hours. \u201cNo deal on this can "
                 "pass without Norway's consent,\u201d the Norwegian prime minister said.")
    rules = [(r.holder, r.rule) for r in facts.decision_rules]
    assert ("NOR", "consent") in rules
    scope = next(r.scope for r in facts.decision_rules if r.holder == "NOR")
    assert "russia-sanctions" in scope and "frozen-assets" in scope


def test_provision_that_bars_an_issue(read):
    facts = read("Diplomats studied the peace plan on Monday. The draft peace plan barred any NATO presence on "
                 "Ukrainian soil, officials said.")
    assert any(p.proposal == "peace-plan" and p.about == "reassurance-force" and p.effect == "bars"
               for p in facts.provisions)


def test_a_negated_agreement_is_no_provision_of_the_plan(read):
    # "no peace agreement would hold unless..." argues for troops; it quotes nothing the plan says
    facts = read("Rome, June 2 - Spain and Italy asked their partners on Monday to back a multinational force "
                 "for Ukraine, saying no peace agreement would last unless foreign troops guarded it.")
    assert not any(p.effect == "bars" for p in facts.provisions)


def test_joint_statement_gives_each_signatory_the_stance(read):
    facts = read("ROME, June 3, 2025 (Test Wire) - Leaders said on Monday that any ceasefire must be verified. "
                 "The statement was signed by the leaders of Spain, Portugal and Ireland. They said they opposed "
                 "any territorial concessions.")
    got = stances(facts)
    for iso in ("ESP", "PRT", "IRL"):
        assert (iso, "territorial-concessions", "oppose") in got


def test_phrase_naming_an_issue_by_its_absence_inverts_a_refusal(read):
    facts = read("European leaders talked about peace talks and sanctions. Denmark said it would never accept "
                 "a deal made without Ukraine.")
    assert ("DNK", "european-say", "support") in stances(facts)


def test_lifting_reverses_the_issue(read):
    facts = read("EU ministers met on sanctions against Russia. Sweden said the sanctions would not be lifted "
                 "until the war ends.")
    assert ("SWE", "russia-sanctions", "support") in stances(facts)


def test_people_are_mapped_to_the_state_they_speak_for(read):
    facts = read("Leaders discussed a ceasefire in Ukraine. German Chancellor Friedrich Merz and Poland's "
                 "Donald Tusk backed the ceasefire.")
    people = {(p.name, p.actor) for p in facts.people}
    assert ("Friedrich Merz", "DEU") in people and ("Donald Tusk", "POL") in people


def test_speaker_pronoun_follows_the_subject_not_the_last_name(read):
    facts = read("Leaders discussed a ceasefire in Ukraine. Keir Starmer said Vladimir Putin was stalling. "
                 "He said Britain backed the ceasefire.")
    assert ("GBR", "ceasefire", "support") in stances(facts)
    assert not [p for p in facts.positions if p.actor == "RUS" and p.stance == "support"]


def test_commitment_timing_is_the_event_it_waits_for(read):
    facts = read("Leaders discussed a reassurance force for Ukraine on Monday. The planned force would include "
                 "Dutch soldiers deployed in Lviv once the fighting stops, officials said.")
    dutch = next(c for c in facts.commitments if c.actor == "NLD")
    assert dutch.when.startswith("once the fighting stops")


def test_refusing_troops_while_running_logistics_backs_the_force(read):
    facts = read("Defence ministers discussed the reassurance force and security guarantees. Poland will not "
                 "send troops but will serve as a logistics hub.")
    assert ("POL", "logistics", "reassurance-force") in {(c.actor, c.kind, c.issue) for c in facts.commitments}
    assert ("POL", "reassurance-force", "support") in {(p.actor, p.issue, p.stance) for p in facts.positions}


def test_money_for_a_force_is_not_a_troop_pledge(read):
    facts = read("Defence ministers discussed the reassurance force and security guarantees. Germany pledged "
                 "EUR 500 million for the reassurance force on Tuesday.")
    kinds = {c.kind for c in facts.commitments if c.actor == "DEU"}
    assert kinds == {"money"}


def test_training_pledge_but_not_travel_by_train(read):
    facts = read("Defence ministers discussed the reassurance force and security guarantees. Canada will train "
                 "Ukrainian soldiers in Poland next year. Leaders travelled to Kyiv by train.")
    got = {(c.actor, c.kind) for c in facts.commitments}
    assert ("CAN", "training") in got and len(got) == 1


def test_membership_stated_in_passing(read):
    intro = "Leaders discussed the reassurance force and the coalition of the willing. "
    joined = read(intro + "Japan joined the coalition of the willing on Monday.")
    apposed = read(intro + "Canada, a member of the coalition of the willing, backed the force.")
    denied = read(intro + "Japan, which is not part of the coalition of the willing, offered its backing.")
    assert ("coalition-of-the-willing", "JPN") in {(m.group, m.member) for m in joined.memberships}
    assert ("coalition-of-the-willing", "CAN") in {(m.group, m.member) for m in apposed.memberships}
    assert not denied.memberships


def test_ratification_referendum_and_unanimity_rules(read):
    context = "Ministers argued over sanctions on Russia and territorial concessions. "
    rat = read(context + "Ukraine's parliament must ratify any agreement on territory.")
    ref = read(context + "Any territorial change would have to be approved in a referendum, Zelenskyy said.")
    una = read(context + "Any new sanctions require the unanimous approval of all 27 EU member states.")
    assert ("UKR", "parliamentary-approval") in {(r.holder, r.rule) for r in rat.decision_rules}
    assert ("UKR", "referendum") in {(r.holder, r.rule) for r in ref.decision_rules}
    assert not [p for p in ref.positions if p.stance == "support"]  # a requirement, not an endorsement
    assert {(r.holder, r.rule) for r in una.decision_rules} == {("EU", "unanimity")}
