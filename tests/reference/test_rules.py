from pathlib import Path

import pytest

from accordia.facts import RULES
from accordia.reference import Gazetteer, load_codebook, load_rules, rule_problems


def test_shipped_rules_point_at_known_issues_and_actors():
    rules = load_rules()
    gaz = Gazetteer.default()
    assert rule_problems(rules, set(load_codebook().ids()), set(gaz.states) | set(gaz.organisations)) == []
    assert all(r.rule in RULES for r in rules)


def test_shipped_rules_cover_the_standing_vetoes():
    by_holder = {(r.holder, r.rule): r for r in load_rules()}
    eu = by_holder[("EU", "unanimity")]
    assert eu.members_can_block and set(eu.scope) == {"russia-sanctions", "frozen-assets"}
    assert by_holder[("NATO", "consensus")].scope == ("ukraine-nato-membership",)
    assert by_holder[("BEL", "consent")].scope == ("frozen-assets",)
    assert by_holder[("UNSC-P5", "veto")].members_can_block
    assert by_holder[("TUR", "consent")].scope == ("reassurance-force",)
    assert by_holder[("UKR", "referendum")].scope == ("territorial-concessions",)


def test_rule_problems_reports_unknowns():
    rules = load_rules()
    problems = rule_problems(rules, {"ceasefire"}, {"EU"})
    assert any("unknown issue 'russia-sanctions'" in p for p in problems)
    assert any(p.startswith("NATO consensus: unknown holder") for p in problems)


@pytest.mark.parametrize(("body", "message"), [
    ("rules: nope\n", "'rules' list"),
    ("rules:\n  - holder: EU\n    holder_kind: club\n    rule: veto\n    scope: [x]\n", "holder_kind"),
    ("rules:\n  - holder: EU\n    holder_kind: organisation\n    rule: majority\n    scope: [x]\n",
     "rule must be"),
    ("rules:\n  - holder: EU\n    holder_kind: organisation\n    rule: veto\n", "scope"),
    ("rules:\n  - holder: FRA\n    holder_kind: state\n    rule: veto\n    scope: [x]\n"
     "    members_can_block: true\n", "only to an organisation"),
    ("rules:\n  - holder_kind: state\n    rule: veto\n    scope: [x]\n", "'holder' is required"),
    ("rules:\n  - holder: FRA\n    holder_kind: state\n    rule: veto\n    scope: [x]\n    why: no\n",
     "unknown key"),
])
def test_bad_rules_fail_clearly(tmp_path: Path, body, message):
    path = tmp_path / "rules.yaml"
    path.write_text(body, encoding="utf-8")
    with pytest.raises(ValueError, match=message):
        load_rules(path)
