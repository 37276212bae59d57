"""Blocs, sides and swing actors: who agrees with whom across the agenda, and who might still move.

A bloc is a claim about the agenda, not about one issue: two actors who happen to say the same thing on
one issue ("Belgium + Russia" on frozen assets) are not allies. So each actor becomes a vector of stances
over issues (support +1, conditional +0.5, undecided 0, oppose -1, missing left out); two actors are
compared only when both have a stance on at least ``MIN_SHARED_ISSUES`` issues, and their agreement is
``1 - mean|a - b| / 2`` over those issues. Actors are grouped by deterministic average-linkage
clustering that stops once the closest two groups agree less than the threshold. On one issue the
analysis shows *sides* (who supports, opposes, is conditional or undecided), never blocs.
"""

from __future__ import annotations

from datetime import date, timedelta
from itertools import combinations
from typing import Any

from accordia.analyse.evidence import facts_evidence, merge_evidence
from accordia.analyse.stances import chronological, current_positions, fact_date, reference_date
from accordia.facts import Position, Snapshot

BLOC_VALUES: dict[str, float] = {"support": 1.0, "conditional": 0.5, "undecided": 0.0, "oppose": -1.0}
AGREEMENT_THRESHOLD = 0.75
MIN_SHARED_ISSUES = 2            # two actors are compared only across at least this many common issues
SWING_WINDOW_DAYS = 60
EXAMPLES_PER_ISSUE = 3


def stance_vectors(snapshot: Snapshot, issue: str | None = None) -> dict[str, dict[str, float]]:
    """actor -> issue -> value; disagreeing same-day reports are averaged, unknown stances skipped."""
    vectors: dict[str, dict[str, float]] = {}
    for (actor, iss), positions in current_positions(snapshot).items():
        if issue is not None and iss != issue:
            continue
        values = [BLOC_VALUES[p.stance] for p in positions if p.stance in BLOC_VALUES]
        if values:
            vectors.setdefault(actor, {})[iss] = sum(values) / len(values)
    return vectors


def agreement(a: dict[str, float], b: dict[str, float], minimum: int = MIN_SHARED_ISSUES) -> float | None:
    """Agreement over shared issues in 0..1; ``None`` when the two share fewer than ``minimum`` issues."""
    shared = sorted(set(a) & set(b))
    if not shared or len(shared) < minimum:
        return None
    return 1.0 - sum(abs(a[i] - b[i]) for i in shared) / (2.0 * len(shared))


def _linkage(x: list[str], y: list[str], pairs: dict[tuple[str, str], float]) -> float | None:
    scores = [pairs[(min(p, q), max(p, q))] for p in x for q in y if (min(p, q), max(p, q)) in pairs]
    return sum(scores) / len(scores) if scores else None


def average_linkage(vectors: dict[str, dict[str, float]],
                    threshold: float = AGREEMENT_THRESHOLD) -> list[list[str]]:
    """Merge the two closest groups while their mean pairwise agreement reaches ``threshold``.

    Pairs without a shared issue are left out of the mean; two groups with no comparable pair never
    merge. Ties go to the pair whose members sort first, so the result never depends on input order.
    """
    pairs: dict[tuple[str, str], float] = {}
    for p, q in combinations(sorted(vectors), 2):
        score = agreement(vectors[p], vectors[q])
        if score is not None:
            pairs[(p, q)] = score
    groups = [[a] for a in sorted(vectors)]
    while len(groups) > 1:
        best: tuple[float, list[str], int, int] | None = None
        for i, j in combinations(range(len(groups)), 2):
            score = _linkage(groups[i], groups[j], pairs)
            if score is None:
                continue
            tie_key = sorted(groups[i] + groups[j])
            if best is None or score > best[0] or (score == best[0] and tie_key < best[1]):
                best = (score, tie_key, i, j)
        if best is None or best[0] < threshold:
            break
        _, merged, i, j = best
        groups = [g for k, g in enumerate(groups) if k not in (i, j)] + [merged]
    return sorted((sorted(g) for g in groups), key=lambda g: (-len(g), g))


def _cohesion(members: list[str], vectors: dict[str, dict[str, float]]) -> float | None:
    scores = [s for p, q in combinations(members, 2) if (s := agreement(vectors[p], vectors[q])) is not None]
    return round(sum(scores) / len(scores), 3) if scores else None


def _issue_table(members: list[str], current: dict[tuple[str, str], list[Position]]) -> list[dict[str, Any]]:
    """Per issue that two or more members speak to: their stances, whether shared, example evidence."""
    issues = sorted({i for (a, i) in current if a in members})
    table = []
    for iss in issues:
        stances: dict[str, str] = {}
        examples: list[Position] = []
        for actor in members:
            positions = [p for p in current.get((actor, iss), []) if p.stance in BLOC_VALUES]
            if not positions:
                continue
            found = {p.stance for p in positions}
            stances[actor] = found.pop() if len(found) == 1 else "contested"
            examples.append(positions[0])
        if len(stances) < 2:
            continue
        values = set(stances.values())
        shared = len(values) == 1 and "contested" not in values
        table.append({"issue": iss, "stances": stances, "shared": shared, "speaking": len(stances),
                      "stance": next(iter(values)) if shared else None,
                      "evidence": facts_evidence(examples)[:EXAMPLES_PER_ISSUE]})
    return table


def _label(members: list[str], table: list[dict[str, Any]]) -> str:
    """What the members share ("support X (all 5)"), then where they differ."""
    size = len(members)
    shared = []
    for t in table:
        if t["shared"]:
            who = f"all {size}" if t["speaking"] == size else f"{t['speaking']} of {size}"
            shared.append(f"{t['stance']} {t['issue']} ({who})")
    differ = [t["issue"] for t in table if not t["shared"]]
    text = "share: " + ("; ".join(shared) if shared else "no stance held by every member who speaks")
    if differ:
        text += "; differ on: " + ", ".join(differ)
    return text


def bloc_rows(snapshot: Snapshot, threshold: float = AGREEMENT_THRESHOLD,
              minimum: int = MIN_SHARED_ISSUES) -> list[dict[str, Any]]:
    """Blocs over the whole agenda; actors compared on fewer than ``minimum`` issues stay unaligned."""
    vectors = {a: v for a, v in stance_vectors(snapshot).items() if len(v) >= minimum}
    current = current_positions(snapshot)
    rows = []
    n = 0
    for members in average_linkage(vectors, threshold):
        if len(members) < 2:
            continue
        n += 1
        table = _issue_table(members, current)
        shared = [{"issue": t["issue"], "stance": t["stance"], "members_speaking": t["speaking"],
                   "evidence": t["evidence"]} for t in table if t["shared"]]
        differ = [{"issue": t["issue"], "stances": t["stances"]} for t in table if not t["shared"]]
        label = _label(members, table)
        rows.append({"type": "bloc", "id": f"bloc-{n}", "members": members,
                     "cohesion": _cohesion(members, vectors), "shared_issues": len(table),
                     "label": label, "shared_stances": shared, "differences": differ, "issues": table,
                     "evidence": merge_evidence(*(t["evidence"] for t in table)),
                     "explanation": f"{', '.join(members)} agree across {len(table)} issues ({label})."})
    return rows


def side_rows(snapshot: Snapshot, issue: str) -> list[dict[str, Any]]:
    """One issue's sides: who supports, opposes, is conditional, undecided, or reported both ways."""
    sides: dict[str, list[str]] = {s: [] for s in (*BLOC_VALUES, "contested")}
    facts: list[Position] = []
    for (actor, iss), positions in sorted(current_positions(snapshot).items()):
        if iss != issue:
            continue
        found = {p.stance for p in positions if p.stance in BLOC_VALUES}
        if not found:
            continue
        sides[found.pop() if len(found) == 1 else "contested"].append(actor)
        facts.extend(positions)
    if not facts:
        return []
    said = "; ".join(f"{stance}: {', '.join(actors)}" for stance, actors in sides.items() if actors)
    return [{"type": "sides", "issue": issue, **sides, "evidence": facts_evidence(facts),
             "explanation": f"{issue}: {said}."}]


def _recent_change(history: list[Position], since: date, until: date) -> tuple[str, str, date, list] | None:
    """The latest dated change of stance inside the window: (before, after, when, facts)."""
    by_day: dict[date, list[Position]] = {}
    for pos in chronological(history):
        when = fact_date(pos)
        if when is not None and when <= until:
            by_day.setdefault(when, []).append(pos)
    days = sorted(by_day)
    for before_day, after_day in reversed(list(zip(days, days[1:], strict=False))):
        if after_day < since:
            break
        before = sorted({p.stance for p in by_day[before_day]})
        after = sorted({p.stance for p in by_day[after_day]})
        if before != after:
            return "/".join(before), "/".join(after), after_day, by_day[before_day] + by_day[after_day]
    return None


def swing_rows(snapshot: Snapshot, issue: str | None = None,
               window_days: int = SWING_WINDOW_DAYS) -> list[dict[str, Any]]:
    """Actors conditional or undecided somewhere, or whose stance moved within the window."""
    reasons: dict[str, list[dict[str, Any]]] = {}
    for (actor, iss), positions in sorted(current_positions(snapshot).items()):
        if issue is not None and iss != issue:
            continue
        for pos in positions:
            if pos.stance == "conditional":
                why = f"conditional on {iss}" + (f": {pos.condition}" if pos.condition else "")
            elif pos.stance == "undecided":
                why = f"undecided on {iss}"
            else:
                continue
            reasons.setdefault(actor, []).append(
                {"issue": iss, "why": why, "evidence": facts_evidence([pos])})
    until = reference_date(snapshot)
    if until is not None:
        since = until - timedelta(days=window_days)
        history: dict[tuple[str, str], list[Position]] = {}
        for pos in snapshot.history:
            if pos.actor and pos.issue and (issue is None or pos.issue == issue):
                history.setdefault((pos.actor, pos.issue), []).append(pos)
        for (actor, iss), items in sorted(history.items()):
            change = _recent_change(items, since, until)
            if change is None:
                continue
            before, after, when, facts = change
            reasons.setdefault(actor, []).append({
                "issue": iss, "why": f"moved on {iss} from {before} to {after} on {when.isoformat()}",
                "evidence": facts_evidence(facts)})
    rows = []
    for actor in sorted(reasons):
        items = reasons[actor]
        rows.append({"type": "swing", "actor": actor, "reasons": items,
                     "evidence": merge_evidence(*(r["evidence"] for r in items)),
                     "explanation": f"{actor} could still move: " + "; ".join(r["why"] for r in items) + "."})
    return rows


def blocs(snapshot: Snapshot, reference: Any = None, *, issue: str | None = None) -> dict[str, Any]:
    notes = [
        "Stance values: support +1, conditional +0.5, undecided 0, oppose -1; missing stances are left out.",
        f"Blocs are computed over the whole agenda: two actors are compared only across at least "
        f"{MIN_SHARED_ISSUES} issues both have a stance on; agreement = 1 - mean absolute difference / 2.",
        f"Average-linkage clustering, merging while mean agreement >= {AGREEMENT_THRESHOLD}; ties broken "
        "by actor ids, so results are deterministic. A bloc is labelled by the stances its members share "
        "(with how many of them speak) and the issues where they differ.",
        "With an issue: that issue's sides (support, oppose, conditional, undecided), not blocs.",
        f"Swing actors: conditional or undecided somewhere, or a stance change within {SWING_WINDOW_DAYS} "
        "days before the snapshot date (from the position history).",
    ]
    if not snapshot.history:
        notes.append("the snapshot carries no position history, so recent changes cannot be detected")
    grouped = side_rows(snapshot, issue) if issue is not None else bloc_rows(snapshot)
    if issue is None:
        few = sorted(a for a, v in stance_vectors(snapshot).items() if len(v) < MIN_SHARED_ISSUES)
        if few:
            notes.append(f"{len(few)} actor(s) state a stance on fewer than {MIN_SHARED_ISSUES} issues and are "
                         f"in no bloc: {', '.join(few)}")
    return {"rows": grouped + swing_rows(snapshot, issue), "notes": notes}
