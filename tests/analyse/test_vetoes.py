from accordia.analyse.vetoes import vetoes
from accordia.facts import DecisionRule, Snapshot
from tests.analyse.helpers import DAY, EU_JOINED, FakeReference, FakeRule, ev, pos, red_line

SANCTIONS = "russia-sanctions"


def _row(result, issue):
    return next(r for r in result["rows"] if r["issue"] == issue)


def _holder(row, actor, via=None):
    return next(h for h in row["holders"] if h["actor"] == actor and h["via"] == via)


def test_reported_consent_rule_makes_its_holder_a_veto_player():
    rule = DecisionRule("UKR", "consent", ["territorial-concessions"],
                        evidence=ev("Kyiv says only Ukraine can decide about its land."))
    snap = Snapshot(as_of=DAY, decision_rules=[rule], positions=[
        pos("UKR", "territorial-concessions", "oppose", "Kyiv refuses to give up Donbas.")])
    row = _row(vetoes(snap, FakeReference()), "territorial-concessions")
    ukr = _holder(row, "UKR")
    assert ukr["can_block"] and ukr["rule"] == "consent" and ukr["source"] == "reported"
    assert ukr["stance"] == "oppose" and ukr["blocking_now"]
    assert ukr["evidence"][0]["sentence"] == rule.evidence.sentence
    assert ukr["stance_evidence"][0]["sentence"] == "Kyiv refuses to give up Donbas."
    assert row["blocking_now"] == ["UKR"]


def test_eu_unanimity_expands_to_members_and_flags_the_one_opposing():
    rule = DecisionRule("EU", "unanimity", [SANCTIONS],
                        evidence=ev("Extending the sanctions needs all 27 governments to agree."))
    snap = Snapshot(as_of=DAY, decision_rules=[rule], positions=[
        pos("HUN", SANCTIONS, "oppose", "Budapest will not extend the sanctions."),
        pos("DEU", SANCTIONS, "support", "Berlin wants the sanctions kept."),
    ])
    row = _row(vetoes(snap, FakeReference()), SANCTIONS)
    members = {h["actor"] for h in row["holders"] if h["via"] == "EU"}
    assert members == set(EU_JOINED)
    hun = _holder(row, "HUN", via="EU")
    assert hun["can_block"] and hun["blocking_now"] and hun["stance"] == "oppose"
    assert any(e.get("source") == "gazetteer" for e in hun["evidence"])
    assert _holder(row, "DEU", via="EU")["blocking_now"] is False
    assert _holder(row, "ITA", via="EU")["stance"] is None
    assert _holder(row, "EU")["via"] is None
    assert row["blocking_now"] == ["HUN"]
    assert "HUN" in row["explanation"]


def test_consent_of_an_organisation_is_not_split_among_members():
    rule = DecisionRule("EU", "consent", ["frozen-assets"], evidence=ev("Europe's consent is needed."))
    row = _row(vetoes(Snapshot(as_of=DAY, decision_rules=[rule]), FakeReference()), "frozen-assets")
    assert [h["actor"] for h in row["holders"]] == ["EU"]
    assert row["blocking_now"] == []


def test_institutional_rules_expand_only_when_members_can_block():
    reference = FakeReference(rules=[
        FakeRule("EU", "organisation", "unanimity", (SANCTIONS,), True, note="CFSP decisions"),
        FakeRule("EU", "organisation", "qualified-majority", ("trade-measures",), False),
    ])
    snap = Snapshot(as_of=DAY, red_lines=[red_line("HUN", SANCTIONS, "no new sanctions",
                                                   "Orban called new sanctions unacceptable.")])
    result = vetoes(snap, reference)
    row = _row(result, SANCTIONS)
    hun = _holder(row, "HUN", via="EU")
    assert hun["source"] == "institutional" and hun["blocking_now"]
    treaty = {"rule": "EU decides by unanimity: CFSP decisions", "source": "test treaty text"}
    assert treaty in hun["evidence"]
    trade = _row(result, "trade-measures")
    assert [(h["actor"], h["can_block"]) for h in trade["holders"]] == [("EU", False)]


def test_issue_filter_keeps_only_that_issue():
    rules = [DecisionRule("EU", "consent", ["frozen-assets", SANCTIONS], evidence=ev("Consent needed."))]
    result = vetoes(Snapshot(as_of=DAY, decision_rules=rules), FakeReference(), issue=SANCTIONS)
    assert [r["issue"] for r in result["rows"]] == [SANCTIONS]


def test_rule_that_binds_only_in_some_circumstance_is_not_blocking_today():
    from datetime import date

    from accordia.analyse.vetoes import veto_rows
    from accordia.facts import Evidence, Position, Snapshot
    from accordia.reference import default_reference

    ev = Evidence(sentence="Russia opposed the force.", start=0, end=25, article="a1", published=date(2025, 5, 1))
    snap = Snapshot(as_of=date(2025, 6, 1),
                    positions=[Position("RUS", "reassurance-force", "oppose", ev)],
                    history=[Position("RUS", "reassurance-force", "oppose", ev)])
    row = next(r for r in veto_rows(snap, default_reference(), "reassurance-force"))
    russia = [h for h in row["holders"] if h["actor"] == "RUS"]
    assert russia and all(h["only_if"] for h in russia)  # the P5 veto needs a UN mandate to bite
    assert "RUS" not in row["blocking_now"]
    assert "only if" in row["explanation"]
