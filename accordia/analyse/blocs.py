"""Blocs and swing actors: who agrees with whom across issues, and who might still move.

Each actor becomes a vector of stances over issues (support +1, conditional +0.5, undecided 0,
oppose -1, missing left out). Two actors' agreement is ``1 - mean|a - b| / 2`` over the issues both
have a stance on, so 1 means identical and 0 means opposite. Actors are grouped by deterministic
average-linkage clustering that stops once the closest two groups agree less than the threshold.
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


def agreement(a: dict[str, float], b: dict[str, float]) -> float | None:
    """Agreement over shared issues in 0..1; ``None`` when the two share no issue."""
    shared = sorted(set(a) & set(b))
    if not shared:
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


def _issue_table(members: list[str], current: dict[tuple[str, str], list[Position]],
                 issue: str | None) -> list[dict[str, Any]]:
    """Per issue that two or more members speak to: their stances, whether shared, example evidence."""
    issues = sorted({i for (a, i) in current if a in members and (issue is None or i == issue)})
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
        if len(stances) < 2 and len(members) > 1:
            continue
        values = set(stances.values())
        shared = len(values) == 1 and "contested" not in values
        table.append({"issue": iss, "stances": stances, "shared": shared,
                      "stance": values.pop() if shared else None,
                      "evidence": facts_evidence(examples)[:EXAMPLES_PER_ISSUE]})
    return table


def bloc_rows(snapshot: Snapshot, issue: str | None = None,
              threshold: float = AGREEMENT_THRESHOLD) -> list[dict[str, Any]]:
    vectors = stance_vectors(snapshot, issue)
    current = current_positions(snapshot)
    rows = []
    for n, members in enumerate(average_linkage(vectors, threshold), start=1):
        table = _issue_table(members, current, issue)
        shared = [{"issue": t["issue"], "stance": t["stance"], "evidence": t["evidence"]}
                  for t in table if t["shared"]]
        kind = "bloc" if len(members) > 1 else "unaligned"
        if kind == "bloc":
            said = "; ".join(f"{s['stance']} {s['issue']}" for s in shared) or "no identical stance"
            explanation = f"{', '.join(members)} agree across shared issues ({said})."
        else:
            explanation = f"{members[0]} agrees with no group at the {threshold:.2f} threshold."
        rows.append({"type": kind, "id": f"bloc-{n}", "members": members,
                     "cohesion": _cohesion(members, vectors), "shared_stances": shared,
                     "issues": table, "evidence": merge_evidence(*(t["evidence"] for t in table)),
                     "explanation": explanation})
    return rows


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
        "Agreement of two actors = 1 - mean absolute difference / 2 over the issues both have a stance on "
        "(at least one needed).",
        f"Average-linkage clustering, merging while mean agreement >= {AGREEMENT_THRESHOLD}; ties broken "
        "by actor ids, so results are deterministic.",
        f"Swing actors: conditional or undecided somewhere, or a stance change within {SWING_WINDOW_DAYS} "
        "days before the snapshot date (from the position history).",
    ]
    if not snapshot.history:
        notes.append("the snapshot carries no position history, so recent changes cannot be detected")
    return {"rows": bloc_rows(snapshot, issue) + swing_rows(snapshot, issue), "notes": notes}
