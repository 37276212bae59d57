"""Stance changes ranked by how much they move the analyses, and told apart from first mentions.

A change is a move between two stances of the same actor on the same issue; an actor's first reported
stance is *new*, not a change. A *reversal* crosses sides (for or conditional <-> against); any other
move (support <-> conditional, to or from undecided) is a *shift*. Ranking asks what the change does to
the analyses: a veto holder moving matters most (it can stop the issue alone), then a large
contributor to the issue's force, then a heavy actor in the forecast. The score is documented and
returned with its reasons, so a reader can see why one change is listed above another.
"""

from __future__ import annotations

from typing import Any

from accordia.analyse.force import counted_amounts
from accordia.analyse.forecast import _capability, _composite_table
from accordia.analyse.vetoes import veto_rows
from accordia.facts import Change, Snapshot

FOR = frozenset({"support", "conditional"})
KIND_WEIGHT = {"reversal": 1.0, "shift": 0.5, "new": 0.25}
VETO_WEIGHT = 2.0          # a veto holder's move counts as much as two of the heaviest actors
CONTRIBUTION_WEIGHT = 1.0  # the largest troop contributor to the issue adds one


def change_kind(before: str | None, after: str) -> str:
    """'new' (no earlier stance), 'reversal' (crosses for/against) or 'shift'."""
    if before is None:
        return "new"
    if (before in FOR and after == "oppose") or (before == "oppose" and after in FOR):
        return "reversal"
    return "shift"


def _veto_holders(snapshot: Snapshot, reference: Any, issue: str) -> set[str]:
    rows = veto_rows(snapshot, reference, issue)
    return {h["actor"] for r in rows for h in r["holders"] if h["can_block"] and not h["only_if"]}


def _troop_shares(snapshot: Snapshot, issue: str) -> dict[str, float]:
    """Each actor's stated troop pledge to the issue as a share of the largest one."""
    pledged: dict[str, float] = {}
    for com, measure, value, _ in counted_amounts([c for c in snapshot.commitments if c.issue == issue]):
        if measure == "troops" and value:
            pledged[com.actor] = pledged.get(com.actor, 0.0) + value
    top = max(pledged.values(), default=0.0)
    return {a: v / top for a, v in pledged.items()} if top > 0 else {}


def rank_changes(changes: list[Change], snapshot: Snapshot, reference: Any) -> list[dict[str, Any]]:
    """One entry per change, highest impact first: kind, impact score and the reasons for it."""
    table = _composite_table(reference)
    vetoes: dict[str, set[str]] = {}
    shares: dict[str, dict[str, float]] = {}
    out = []
    for order, change in enumerate(changes):
        before = change.before.stance if change.before is not None else None
        kind = change_kind(before, change.after.stance)
        issue = change.issue
        if issue not in vetoes:
            vetoes[issue] = _veto_holders(snapshot, reference, issue)
            shares[issue] = _troop_shares(snapshot, issue)
        capability = _capability(change.actor, set(), table, reference, snapshot)[0]
        share = shares[issue].get(change.actor, 0.0)
        holder = change.actor in vetoes[issue]
        reasons = []
        if holder:
            reasons.append(f"can block {issue}")
        if share:
            reasons.append(f"pledges {share:.0%} of the largest troop contribution")
        reasons.append(f"capability {capability:.2f}")
        impact = KIND_WEIGHT[kind] * (1 + VETO_WEIGHT * holder + CONTRIBUTION_WEIGHT * share + capability)
        out.append({"change": change, "kind": kind, "impact": round(impact, 3), "why": "; ".join(reasons),
                    "_order": order})
    out.sort(key=lambda r: (-r["impact"], r["_order"]))
    for r in out:
        r.pop("_order")
    return out


__all__ = ["change_kind", "rank_changes"]
