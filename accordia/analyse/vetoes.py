"""Veto players: who must agree before an issue can go ahead, and who is standing in the way now.

Two sources feed it: decision rules read from reporting ("requires Europe's consent") and the
institutional rules shipped as reference data (EU unanimity on sanctions). An organisation that
decides by unanimity or consensus hands a veto to each of its members on the snapshot date.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from accordia.analyse.evidence import evidence_json, facts_evidence, merge_evidence, rule_evidence
from accordia.analyse.reference_access import institutional_rules, members_with_evidence
from accordia.analyse.stances import current_positions, issues_in, stance_label
from accordia.facts import RULES, Snapshot

# Every rule in the shared vocabulary names someone whose agreement is needed, so its holder can block.
# Rules outside it (a reference table may say "qualified-majority") give no single holder a veto.
BLOCKING_RULES = frozenset(RULES)
# Rules under which each member of an organisation can block on its own.
MEMBER_VETO_RULES = frozenset({"unanimity", "consensus"})


@dataclass
class _Holder:
    actor: str
    rule: str
    source: str
    via: str | None
    can_block: bool
    evidence: list[dict] = field(default_factory=list)
    only_if: str = ""  # the circumstance in which the rule binds; empty: always


def _scope(scope: Any, known_issues: list[str]) -> list[str]:
    """A rule's issues; ``*`` stands for every issue the snapshot mentions."""
    items = [str(s) for s in (scope or ())]
    return list(known_issues) if "*" in items else items


def _add(table: dict[tuple, _Holder], issue: str, holder: _Holder) -> None:
    key = (issue, holder.actor, holder.rule, holder.via, holder.source)
    if key in table:
        table[key].evidence = merge_evidence(table[key].evidence, holder.evidence)
    else:
        table[key] = holder


def _expand(table: dict[tuple, _Holder], issue: str, org: str, rule: str, source: str,
            rule_ev: list[dict], snapshot: Snapshot, reference: Any, only_if: str = "") -> None:
    for member, why in members_with_evidence(reference, snapshot, org).items():
        _add(table, issue, _Holder(member, rule, source, org, True, merge_evidence(rule_ev, why), only_if))


def collect_holders(snapshot: Snapshot, reference: Any, issue: str | None = None) -> dict[tuple, _Holder]:
    """Every (issue, holder) pair from reported and institutional rules, members expanded."""
    known = [issue] if issue else issues_in(snapshot)
    table: dict[tuple, _Holder] = {}
    for dr in snapshot.decision_rules:
        if not dr.holder:
            continue
        ev = [e for e in [evidence_json(dr.evidence)] if e is not None]
        source = dr.source or "reported"
        for scope_issue in _scope(dr.scope, known):
            if issue is not None and scope_issue != issue:
                continue
            _add(table, scope_issue, _Holder(dr.holder, dr.rule, source, None, dr.rule in BLOCKING_RULES, ev))
            if dr.rule in MEMBER_VETO_RULES:
                _expand(table, scope_issue, dr.holder, dr.rule, source, ev, snapshot, reference)
    for rule in institutional_rules(reference):
        holder = getattr(rule, "holder", "")
        if not holder:
            continue
        text = f"{holder} decides by {rule.rule}" + (f": {rule.note}" if getattr(rule, "note", "") else "")
        ev = [rule_evidence(text, getattr(rule, "source", "") or "reference rules")]
        for scope_issue in _scope(getattr(rule, "scope", ()), known):
            if issue is not None and scope_issue != issue:
                continue
            only_if = getattr(rule, "applies_if", "") or ""
            _add(table, scope_issue,
                 _Holder(holder, rule.rule, "institutional", None, rule.rule in BLOCKING_RULES, ev, only_if))
            if getattr(rule, "members_can_block", False):
                _expand(table, scope_issue, holder, rule.rule, "institutional", ev, snapshot, reference, only_if)
    return table


def veto_rows(snapshot: Snapshot, reference: Any, issue: str | None = None) -> list[dict[str, Any]]:
    """One row per issue: its holders with their current stance and a ``blocking_now`` flag."""
    table = collect_holders(snapshot, reference, issue)
    current = current_positions(snapshot)
    by_issue: dict[str, list[_Holder]] = {}
    for (iss, *_), holder in table.items():
        by_issue.setdefault(iss, []).append(holder)
    rows = []
    for iss in sorted(by_issue):
        holders = sorted(by_issue[iss],
                         key=lambda h: (h.via is not None, h.via or "", h.actor, h.rule, h.source))
        out_holders = []
        for h in holders:
            positions = current.get((h.actor, iss), [])
            reds = [r for r in snapshot.red_lines if r.actor == h.actor and r.against == iss]
            stance = stance_label(positions)
            opposes = any(p.stance == "oppose" for p in positions) or bool(reds)
            out_holders.append({
                "actor": h.actor, "can_block": h.can_block, "rule": h.rule, "source": h.source,
                "via": h.via, "evidence": h.evidence,
                "stance": stance if stance is not None else ("oppose" if reds else None),
                "stance_evidence": merge_evidence(facts_evidence(positions), facts_evidence(reds)),
                "only_if": h.only_if,
                # a holder whose rule binds only in some circumstance is not counted as blocking today
                "blocking_now": h.can_block and opposes and not h.only_if,
            })
        blocking = sorted({h["actor"] for h in out_holders if h["blocking_now"]})
        direct = sorted({h["actor"] for h in out_holders
                         if h["via"] is None and h["can_block"] and not h["only_if"]})
        explanation = f"{', '.join(direct) or 'No one directly'} must agree on {iss}"
        via_orgs = sorted({h["via"] for h in out_holders if h["via"] and not h["only_if"]})
        if via_orgs:
            explanation += f"; each member of {', '.join(via_orgs)} can block"
        conditional = sorted({f"{h['via'] or h['actor']} (only if {h['only_if']})"
                              for h in out_holders if h["only_if"]})
        if conditional:
            explanation += f"; could also block: {', '.join(conditional)}"
        explanation += (f"; blocking now: {', '.join(blocking)}." if blocking
                        else "; no holder opposes it now.")
        evidence = merge_evidence(*(h["evidence"] for h in out_holders),
                                  *(h["stance_evidence"] for h in out_holders if h["blocking_now"]))
        rows.append({"issue": iss, "holders": out_holders, "blocking_now": blocking,
                     "evidence": evidence, "explanation": explanation})
    return rows


def vetoes(snapshot: Snapshot, reference: Any, *, issue: str | None = None) -> dict[str, Any]:
    notes = [
        "Holders come from decision rules read in the reporting (source 'reported') and from the "
        "reference institutional rules (source 'institutional').",
        "Unanimity or consensus in an organisation, or an institutional rule marked members_can_block, "
        "gives each member on the snapshot date its own veto ('via' names the organisation).",
        "blocking_now: the holder can block and currently opposes the issue or holds a red line against it.",
    ]
    return {"rows": veto_rows(snapshot, reference, issue), "notes": notes}
