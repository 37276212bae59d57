"""Changes: first mentions are new, reversals and shifts told apart, ranked by what they move."""

from accordia.analyse.changes import change_kind, rank_changes
from accordia.facts import Change, DecisionRule, Snapshot
from tests.analyse.helpers import DAY, FakeCapability, FakeReference, ev, pos, troops

FORCE = "reassurance-force"
REFERENCE = FakeReference(capabilities={
    "AAA": FakeCapability("AAA", 1000, 100), "BBB": FakeCapability("BBB", 100, 10),
    "CCC": FakeCapability("CCC", 100, 10), "DDD": FakeCapability("DDD", 100, 10)})


def _change(actor: str, before: str | None, after: str) -> Change:
    old = pos(actor, FORCE, before, f"{actor} earlier said {before}.", article="old") if before else None
    return Change(actor, FORCE, old, pos(actor, FORCE, after, f"{actor} now says {after}.", article="new"))


def test_kinds():
    assert change_kind(None, "support") == "new"
    assert change_kind("support", "oppose") == "reversal"
    assert change_kind("oppose", "conditional") == "reversal"
    assert change_kind("support", "conditional") == "shift"
    assert change_kind("undecided", "oppose") == "shift"


def test_veto_holder_and_large_contributor_rank_first():
    snap = Snapshot(as_of=DAY, decision_rules=[DecisionRule("BBB", "veto", [FORCE], evidence=ev("BBB can veto."))],
                    commitments=[troops("CCC", FORCE, "CCC sends 5,000 troops.", 5000)])
    changes = [_change("DDD", "support", "oppose"),      # small actor, reversal
               _change("AAA", None, "support"),           # heavy actor, but only a first mention
               _change("CCC", "support", "oppose"),       # the largest contributor reverses
               _change("BBB", "support", "oppose")]       # the veto holder reverses
    ranked = rank_changes(changes, snap, REFERENCE)
    assert [r["change"].actor for r in ranked] == ["BBB", "CCC", "DDD", "AAA"]
    assert ranked[0]["kind"] == "reversal" and "can block" in ranked[0]["why"]
    assert "largest troop contribution" in ranked[1]["why"]
    assert ranked[-1]["kind"] == "new"
    # BBB: 1.0 x (1 + 2 veto + 0 + capability 0.1) = 3.1
    assert ranked[0]["impact"] == 3.1
