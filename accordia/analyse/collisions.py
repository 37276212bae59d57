"""Collisions: where one actor's red line or one proposal's provision runs into what others back.

Three kinds: a red line against an issue collides with every actor that supports or commits to it;
a provision that ``bars`` an issue collides with that issue's backers (the proposal's own backers are
listed as the other side); a provision that ``requires`` an issue collides with those opposing it.
When the wording singles out an organisation ("no NATO presence"), only backers who belong to it
collide and the rest are listed as not colliding.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from accordia.analyse.evidence import facts_evidence, merge_evidence
from accordia.analyse.reference_access import members_with_evidence, organisations_named
from accordia.analyse.stances import SUPPORTING, current_positions
from accordia.facts import Position, Snapshot


@dataclass
class _Side:
    """One actor's part in a collision: the facts that put it there."""

    actor: str
    via: list[str] = field(default_factory=list)
    facts: list[Any] = field(default_factory=list)

    def add(self, label: str, fact: Any) -> None:
        if label not in self.via:
            self.via.append(label)
        self.facts.append(fact)


def _backers(snapshot: Snapshot, issue: str) -> dict[str, _Side]:
    """Actors who support (or conditionally support) ``issue`` now, or pledge something to it."""
    sides: dict[str, _Side] = {}
    for (actor, pos_issue), positions in current_positions(snapshot).items():
        if pos_issue != issue:
            continue
        for pos in positions:
            if pos.stance in SUPPORTING:
                sides.setdefault(actor, _Side(actor)).add(pos.stance, pos)
    for com in snapshot.commitments:
        if com.issue == issue and com.actor:
            label = f"{'hypothetical ' if com.hypothetical else ''}{com.kind} commitment"
            sides.setdefault(com.actor, _Side(com.actor)).add(label, com)
    return sides


def _opponents(snapshot: Snapshot, issue: str) -> dict[str, _Side]:
    """Actors who oppose ``issue`` now or hold a red line against it."""
    sides: dict[str, _Side] = {}
    for (actor, pos_issue), positions in current_positions(snapshot).items():
        if pos_issue != issue:
            continue
        for pos in positions:
            if pos.stance == "oppose":
                sides.setdefault(actor, _Side(actor)).add("oppose", pos)
    for red in snapshot.red_lines:
        if red.against == issue and red.actor:
            sides.setdefault(red.actor, _Side(red.actor)).add("red line", red)
    return sides


def _wording(fact: Any) -> str:
    """The words to read an organisation from: the fact's own wording, else its sentence."""
    if getattr(fact, "wording", ""):
        return fact.wording
    return fact.evidence.sentence if getattr(fact, "evidence", None) is not None else ""


def _side_json(side: _Side, membership: list[dict] | None = None) -> dict[str, Any]:
    out: dict[str, Any] = {"actor": side.actor, "via": side.via, "evidence": facts_evidence(side.facts)}
    if membership:
        out["membership"] = membership
    return out


def _split_by_membership(
    sides: dict[str, _Side], orgs: list[str], snapshot: Snapshot, reference: Any, notes: list[str],
) -> tuple[list[dict], list[dict], str | None]:
    """(colliding, not colliding, organisation) once membership of the named organisations is applied."""
    members: dict[str, list[dict]] = {}
    for org in orgs:
        for actor, why in members_with_evidence(reference, snapshot, org).items():
            members.setdefault(actor, []).extend(why)
    if orgs and not members:
        notes.append(f"members of {', '.join(orgs)} are unknown; every backer is treated as colliding")
        orgs = []
    colliding: list[dict] = []
    spared: list[dict] = []
    for actor in sorted(sides):
        side = sides[actor]
        # the organisation itself is what such wording targets ("no NATO presence" and NATO backs the force)
        if not orgs or actor in members or actor in orgs:
            colliding.append(_side_json(side, members.get(actor)))
        else:
            row = _side_json(side)
            row["reason"] = f"not a member of {' or '.join(orgs)}"
            spared.append(row)
    return colliding, spared, (" / ".join(orgs) or None)


def _row(kind: str, issue: str, source: str, anchor: list[Any], colliding: list[dict],
         explanation: str, **extra: Any) -> dict[str, Any]:
    evidence = merge_evidence(facts_evidence(anchor), *(c["evidence"] for c in colliding))
    row: dict[str, Any] = {
        "kind": kind, "issue": issue, "source_actor": source,
        "actors": [c["actor"] for c in colliding], "evidence": evidence,
        "explanation": explanation, "details": colliding,
    }
    row.update(extra)
    return row


def _group(facts: list[Any], key: Any) -> dict[tuple, list[Any]]:
    """Facts that restate the same thing (same key) across articles, gathered in first-seen order."""
    groups: dict[tuple, list[Any]] = {}
    for fact in facts:
        groups.setdefault(key(fact), []).append(fact)
    return groups


def _names(colliding: list[dict]) -> str:
    return ", ".join(c["actor"] for c in colliding) or "nobody"


def _spared_clause(spared: list[dict], org: str | None) -> str:
    """The backers the organisation filter left out, so a reader sees why they are not colliding."""
    if not spared or not org:
        return ""
    verb = "is not a member" if len(spared) == 1 else "are not members"
    return f"; {_names(spared)} also back it but {verb} of {org.replace(' / ', ' or ')}"


def red_line_collisions(snapshot: Snapshot, reference: Any, issue: str | None,
                        notes: list[str]) -> list[dict[str, Any]]:
    reds = [r for r in snapshot.red_lines if r.actor and r.against and (issue is None or r.against == issue)]
    rows = []
    groups = _group(reds, lambda r: (r.actor, r.against, tuple(organisations_named(_wording(r)))))
    for (holder, against, orgs), same in groups.items():
        sides = {a: s for a, s in _backers(snapshot, against).items() if a != holder}
        colliding, spared, org = _split_by_membership(sides, list(orgs), snapshot, reference, notes)
        if not colliding and not spared:
            continue
        wording = next((r.wording for r in same if r.wording), "")
        scope = f" (worded against {org}: “{wording}”)" if org and wording else (
            f" (worded against {org})" if org else "")
        explanation = (f"{holder}'s red line against {against}{scope} collides with {_names(colliding)}, "
                       f"who back {against}{_spared_clause(spared, org)}.")
        rows.append(_row("red-line", against, holder, same, colliding, explanation,
                         organisation=org, wording=wording, not_colliding=spared))
    return rows


def _proposal_backers(snapshot: Snapshot, proposal: str) -> list[dict]:
    sides = {a: s for a, s in _backers(snapshot, proposal).items()
             if any(isinstance(f, Position) for f in s.facts)}
    return [_side_json(sides[a]) for a in sorted(sides)]


def provision_collisions(snapshot: Snapshot, reference: Any, issue: str | None,
                         notes: list[str]) -> list[dict[str, Any]]:
    provs = [p for p in snapshot.provisions
             if p.proposal and p.about and p.effect in ("bars", "requires")
             and (issue is None or issue in (p.about, p.proposal))]
    rows = []
    groups = _group(provs, lambda p: (p.proposal, p.about, p.effect, tuple(organisations_named(_wording(p)))))
    for (proposal, about, effect, orgs), same in groups.items():
        wording = next((p.wording for p in same if p.wording), "")
        backers = _proposal_backers(snapshot, proposal)
        if effect == "bars":
            sides = _backers(snapshot, about)
            colliding, spared, org = _split_by_membership(sides, list(orgs), snapshot, reference, notes)
            scope = f" as worded against {org}" if org else ""
            explanation = (f"The {proposal} bars {about}{scope}, so it collides with {_names(colliding)}, "
                           f"who back {about}{_spared_clause(spared, org)}.")
            kind = "provision-bars"
        else:
            sides = _opponents(snapshot, about)
            colliding = [_side_json(sides[a]) for a in sorted(sides)]
            spared, org = [], None
            explanation = (f"The {proposal} requires {about}, so it collides with {_names(colliding)}, "
                           f"who oppose {about}.")
            kind = "provision-requires"
        if not colliding and not spared:
            continue
        torn = sorted({c["actor"] for c in colliding} & {b["actor"] for b in backers})
        if backers:
            explanation = explanation[:-1] + f"; the {proposal} is backed by {_names(backers)}."
        rows.append(_row(kind, about, proposal, same, colliding, explanation, organisation=org,
                         wording=wording, not_colliding=spared, proposal_backers=backers,
                         torn=torn))
    return rows


def collisions(snapshot: Snapshot, reference: Any, *, issue: str | None = None) -> dict[str, Any]:
    """Every red-line and provision collision in the snapshot, optionally for one issue."""
    notes: list[str] = [
        "A backer is an actor whose current stance is support or conditional, or who has a commitment "
        "to the issue; hypothetical commitments are labelled as such in 'via'.",
        "When a red line's or provision's wording names NATO or the EU, only members of that "
        "organisation on the snapshot date collide; non-members are listed under 'not_colliding'. "
        "'requires' provisions are not filtered this way.",
    ]
    rows = red_line_collisions(snapshot, reference, issue, notes)
    rows += provision_collisions(snapshot, reference, issue, notes)
    return {"rows": rows, "notes": list(dict.fromkeys(notes))}


__all__ = ["collisions", "red_line_collisions", "provision_collisions"]
