from datetime import date

from accordia.analyse.collisions import collisions
from accordia.facts import Provision, Snapshot
from tests.analyse.helpers import DAY, FakeGazetteer, FakeReference, ev, pos, red_line, troops

FORCE = "reassurance-force"
RUS_LINE = red_line("RUS", FORCE, "no NATO troops in Ukraine",
                    "Moscow repeated that NATO troops in Ukraine remain its red line.")


def _rows(snapshot, kind, reference=None):
    result = collisions(snapshot, reference or FakeReference())
    return [r for r in result["rows"] if r["kind"] == kind]


def test_nato_red_line_hits_pledges_of_members_only():
    snap = Snapshot(as_of=DAY, red_lines=[RUS_LINE], commitments=[
        troops("FRA", FORCE, "Paris will send a brigade."),
        troops("GBR", FORCE, "London will send troops."),
        troops("AUS", FORCE, "Canberra offered a company of soldiers."),
    ])
    (row,) = _rows(snap, "red-line")
    assert row["source_actor"] == "RUS"
    assert row["issue"] == FORCE
    assert row["actors"] == ["FRA", "GBR"]
    assert row["organisation"] == "NATO"
    assert [s["actor"] for s in row["not_colliding"]] == ["AUS"]
    assert "not a member of NATO" in row["not_colliding"][0]["reason"]
    sentences = [e["sentence"] for e in row["evidence"]]
    assert RUS_LINE.evidence.sentence in sentences
    assert "Paris will send a brigade." in sentences
    assert "Canberra offered a company of soldiers." not in sentences
    assert "RUS" in row["explanation"] and "FRA" in row["explanation"]


def test_membership_is_taken_on_the_snapshot_date():
    support = pos("SWE", FORCE, "support", "Stockholm backs the force.", published=date(2023, 6, 1))
    before = Snapshot(as_of=date(2023, 6, 1), red_lines=[RUS_LINE], positions=[support])
    after = Snapshot(as_of=date(2025, 6, 1), red_lines=[RUS_LINE], positions=[support])
    (early,) = _rows(before, "red-line")
    (late,) = _rows(after, "red-line")
    assert early["actors"] == [] and early["not_colliding"][0]["actor"] == "SWE"
    assert late["actors"] == ["SWE"]
    assert {"rule", "source"} <= set(late["details"][0]["membership"][0])


def test_red_line_without_an_organisation_hits_every_backer_but_not_its_holder():
    line = red_line("RUS", FORCE, "no foreign troops", "Moscow rejects foreign troops in Ukraine.")
    snap = Snapshot(as_of=DAY, red_lines=[line], positions=[
        pos("AUS", FORCE, "support", "Australia backs the force."),
        pos("FRA", FORCE, "conditional", "France backs it once a ceasefire holds."),
        pos("POL", FORCE, "oppose", "Poland is against it."),
        pos("RUS", FORCE, "support", "A garbled report has Moscow backing it."),
    ])
    (row,) = _rows(snap, "red-line")
    assert row["actors"] == ["AUS", "FRA"]
    assert row["organisation"] is None and row["not_colliding"] == []
    assert row["details"][1]["via"] == ["conditional"]


def test_same_red_line_reported_twice_gives_one_row_with_both_sentences():
    again = red_line("RUS", FORCE, "NATO troops are unacceptable", "Lavrov called NATO troops unacceptable.")
    again.evidence.article = "a2"
    snap = Snapshot(as_of=DAY, red_lines=[RUS_LINE, again], commitments=[troops("GBR", FORCE, "UK troops.")])
    (row,) = _rows(snap, "red-line")
    sentences = {e["sentence"] for e in row["evidence"]}
    assert {RUS_LINE.evidence.sentence, again.evidence.sentence} <= sentences


def test_provision_barring_an_issue_collides_with_its_supporters():
    bar = Provision("peace-plan", FORCE, "bars", wording="no peacekeepers of any kind",
                    evidence=ev("The draft plan rules out peacekeepers of any kind."))
    snap = Snapshot(as_of=DAY, provisions=[bar], positions=[
        pos("AUS", FORCE, "support", "Australia backs the force."),
        pos("DNK", FORCE, "support", "Denmark backs the force."),
        pos("USA", "peace-plan", "support", "Washington champions its plan."),
        pos("DNK", "peace-plan", "support", "Denmark also welcomes the plan."),
    ])
    (row,) = _rows(snap, "provision-bars")
    assert row["source_actor"] == "peace-plan"
    assert row["actors"] == ["AUS", "DNK"]
    assert [b["actor"] for b in row["proposal_backers"]] == ["DNK", "USA"]
    assert row["torn"] == ["DNK"]
    assert bar.evidence.sentence in [e["sentence"] for e in row["evidence"]]


def test_provision_requiring_an_issue_collides_with_its_opponents():
    need = Provision("peace-plan", "territorial-concessions", "requires",
                     evidence=ev("The plan would have Kyiv cede the rest of Donetsk."))
    ukr = red_line("UKR", "territorial-concessions", "no recognition of occupation",
                   "Kyiv will never recognise the occupation.")
    snap = Snapshot(as_of=DAY, provisions=[need], red_lines=[ukr], positions=[
        pos("POL", "territorial-concessions", "oppose", "Warsaw rejects any land swap."),
        pos("USA", "territorial-concessions", "support", "Washington says land must change hands."),
    ])
    (row,) = _rows(snap, "provision-requires")
    assert row["actors"] == ["POL", "UKR"]
    assert row["details"][1]["via"] == ["red line"]


def test_issue_filter_and_unknown_organisation_members():
    snap = Snapshot(as_of=DAY, red_lines=[RUS_LINE], commitments=[troops("AUS", FORCE, "Australia.")])
    assert collisions(snap, FakeReference(), issue="ceasefire")["rows"] == []
    empty = FakeReference(gazetteer=FakeGazetteer(joined={}))
    result = collisions(snap, empty)
    assert result["rows"][0]["actors"] == ["AUS"]
    assert any("unknown" in note for note in result["notes"])
