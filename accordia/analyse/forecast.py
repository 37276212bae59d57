"""Forecasts per issue: a weighted-mean baseline and a bargaining model, each with a sensitivity range.

Positions go on a 0..100 scale (support 100, conditional 70, undecided 50, oppose 0). Each actor is
weighted by capability (0.5 x GDP + 0.5 x military spending, each normalised by the largest in the
reference table) times salience (how much and how firmly it speaks on the issue, normalised so the
most vocal actor has 1). Numbers never travel alone: every forecast carries the range obtained by
perturbing the heaviest actors and leaving them out, the per-actor inputs and an outcome label that
respects veto players.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from accordia.analyse.bargaining import BargainingResult, bargain, weighted_mean
from accordia.analyse.evidence import facts_evidence, merge_evidence
from accordia.analyse.reference_access import capabilities, members_of
from accordia.analyse.stances import current_positions
from accordia.analyse.vetoes import veto_rows
from accordia.facts import Snapshot

POSITION_SCALE: dict[str, float] = {"support": 100.0, "conditional": 70.0, "undecided": 50.0, "oppose": 0.0}
RED_LINE_WEIGHT = 3.0           # a sentence stating a red line counts as three ordinary ones for salience
CAPABILITY_FLOOR = 0.02         # an actor the capability table cannot place still gets a small voice
ORG_FIXED_SHARE = 0.1           # an organisation whose members all speak for themselves adds this share
PERTURBATION = 0.2              # +/- 20% on capability and on salience, one actor at a time
TOP_PERTURBED = 5               # ...for the five heaviest actors
TOP_LEFT_OUT = 3                # and leave-one-out over the three heaviest
ADOPT_AT, BLOCK_AT = 60.0, 40.0


@dataclass
class ActorInput:
    actor: str
    position: float
    stance: str
    capability: float = CAPABILITY_FLOOR
    capability_basis: str = "unknown: floor"
    salience_count: float = 0.0
    salience: float = 0.0
    facts: list[Any] = field(default_factory=list)

    @property
    def weight(self) -> float:
        return self.capability * self.salience


def _composite_table(reference: Any) -> dict[str, tuple[float, str]]:
    """actor -> (0.5 normalised GDP + 0.5 normalised military spending, basis) for the whole table."""
    table = capabilities(reference)

    def number(v: Any) -> float | None:
        try:
            f = float(v)
        except (TypeError, ValueError):
            return None
        return f if f >= 0 else None

    gdp = {a: number(getattr(c, "gdp_usd_bn", None)) for a, c in table.items()}
    mil = {a: number(getattr(c, "milex_usd_bn", None)) for a, c in table.items()}
    max_gdp = max((v for v in gdp.values() if v), default=0.0)
    max_mil = max((v for v in mil.values() if v), default=0.0)
    out: dict[str, tuple[float, str]] = {}
    for actor, cap in table.items():
        parts = []
        if gdp[actor] is not None and max_gdp:
            parts.append(gdp[actor] / max_gdp)
        if mil[actor] is not None and max_mil:
            parts.append(mil[actor] / max_mil)
        if parts:
            year = getattr(cap, "year", "")
            out[actor] = (sum(parts) / len(parts), f"capability table{f' ({year})' if year else ''}")
    return out


def _capability(actor: str, present: set[str], table: dict[str, tuple[float, str]],
                reference: Any, snapshot: Snapshot) -> tuple[float, str]:
    if actor in table:
        return table[actor]
    members = members_of(reference, actor, snapshot.as_of)
    known = [m for m in members if m in table]
    if known:
        absent = [m for m in known if m not in present]
        total = sum(table[m][0] for m in absent)
        if total > 0:
            return total, f"sum of {len(absent)} member(s) not separately present"
        share = ORG_FIXED_SHARE * sum(table[m][0] for m in known)
        if share > 0:
            return share, f"{ORG_FIXED_SHARE:g} x members' sum (all members speak for themselves)"
    return CAPABILITY_FLOOR, "unknown: floor"


def _evidence_key(fact: Any) -> tuple:
    ev = getattr(fact, "evidence", None)
    return (ev.article, ev.start, ev.end) if ev is not None else ("fact", id(fact))


def actor_inputs(snapshot: Snapshot, reference: Any, issue: str) -> list[ActorInput]:
    """Position, capability and salience of every actor with a stance (or red line) on ``issue``."""
    current = current_positions(snapshot)
    inputs: dict[str, ActorInput] = {}
    for (actor, iss), positions in sorted(current.items()):
        scored = [p for p in positions if iss == issue and p.stance in POSITION_SCALE]
        if scored:
            value = sum(POSITION_SCALE[p.stance] for p in scored) / len(scored)
            stances = sorted({p.stance for p in scored})
            inputs[actor] = ActorInput(actor, value, stances[0] if len(stances) == 1 else "contested",
                                       facts=list(scored))
    reds = [r for r in snapshot.red_lines if r.against == issue and r.actor]
    for red in reds:
        if red.actor not in inputs:
            inputs[red.actor] = ActorInput(red.actor, POSITION_SCALE["oppose"], "oppose")
        inputs[red.actor].facts.append(red)
    # salience: each distinct sentence once, red-line sentences weigh more
    weight_by_sentence: dict[str, dict[tuple, float]] = {a: {} for a in inputs}
    for pos in list(snapshot.history) + list(snapshot.positions):
        if pos.issue == issue and pos.actor in inputs:
            w = RED_LINE_WEIGHT if pos.red_line else 1.0
            seen = weight_by_sentence[pos.actor]
            seen[_evidence_key(pos)] = max(w, seen.get(_evidence_key(pos), 0.0))
    for red in reds:
        seen = weight_by_sentence[red.actor]
        seen[_evidence_key(red)] = RED_LINE_WEIGHT
    top = max((sum(v.values()) for v in weight_by_sentence.values()), default=0.0) or 1.0
    table = _composite_table(reference)
    present = set(inputs)
    for actor, item in inputs.items():
        item.salience_count = sum(weight_by_sentence[actor].values())
        item.salience = item.salience_count / top
        item.capability, item.capability_basis = _capability(actor, present, table, reference, snapshot)
    return [inputs[a] for a in sorted(inputs)]


def _run(items: list[ActorInput], cap_scale: dict[str, float], sal_scale: dict[str, float],
         left_out: str | None = None) -> tuple[float, BargainingResult]:
    """Baseline and bargaining result with some inputs scaled or one actor left out."""
    used = [i for i in items if i.actor != left_out]
    x = [i.position for i in used]
    c = [i.capability * cap_scale.get(i.actor, 1.0) for i in used]
    s = [min(1.0, i.salience * sal_scale.get(i.actor, 1.0)) for i in used]
    return weighted_mean(x, [a * b for a, b in zip(c, s, strict=True)]), bargain(x, c, s)


def _numbers(run: tuple[float, BargainingResult]) -> tuple[float, float, float]:
    return run[0], run[1].weighted_mean, run[1].weighted_median


def _sensitivity(items: list[ActorInput]) -> list[tuple[str, tuple[float, float, float]]]:
    heaviest = [i.actor for i in sorted(items, key=lambda i: (-i.weight, i.actor))]
    runs: list[tuple[str, tuple[float, float, float]]] = []
    for actor in heaviest[:TOP_PERTURBED]:
        for factor in (1 - PERTURBATION, 1 + PERTURBATION):
            runs.append((f"{actor} capability x{factor:g}", _numbers(_run(items, {actor: factor}, {}))))
            runs.append((f"{actor} salience x{factor:g}", _numbers(_run(items, {}, {actor: factor}))))
    if len(items) > 1:
        for actor in heaviest[:TOP_LEFT_OUT]:
            runs.append((f"without {actor}", _numbers(_run(items, {}, {}, left_out=actor))))
    return runs


def _span(values: list[float]) -> list[float]:
    return [round(min(values), 1), round(max(values), 1)]


def _span_text(span: list[float]) -> str:
    """A range as a reader says it: "43-89", or "100 in every run" when nothing moves it."""
    low, high = f"{span[0]:.0f}", f"{span[1]:.0f}"
    return f"{low} in every run" if low == high else f"range {low}-{high}"


def _outcome(issue: str, bargaining: float, low: float, high: float, baseline: float,
             vetoes: dict[str, Any] | None) -> dict[str, Any]:
    blockers = vetoes["blocking_now"] if vetoes else []
    if blockers:
        holders = [h for h in vetoes["holders"] if h["blocking_now"]]
        evidence = merge_evidence(*(h["evidence"] for h in holders), *(h["stance_evidence"] for h in holders))
        return {"label": "likely blocked", "blocked_unless": blockers,
                "explanation": f"{issue} is blocked unless {', '.join(blockers)} move(s): they can block it "
                               "and oppose it now.",
                "reason": f"{', '.join(blockers)} can block it and oppose it now", "evidence": evidence}
    said = f"the bargaining outcome is {bargaining:.0f}"
    if bargaining >= ADOPT_AT and low >= 50.0 and baseline >= 50.0:
        label, why = "likely adopted", f"{said} and stays >= 50 under every perturbation"
    elif bargaining <= BLOCK_AT and high <= 50.0:
        label, why = "likely blocked", f"{said} and stays <= 50 under every perturbation"
    else:
        label, why = "contested", f"{said} with runs spanning {low:.0f}-{high:.0f}"
    evidence = vetoes["evidence"] if vetoes else []
    return {"label": label, "blocked_unless": [], "explanation": f"{issue}: {label}: {why}.",
            "reason": why, "evidence": evidence}


def forecast_rows(snapshot: Snapshot, reference: Any, issue: str | None = None) -> list[dict[str, Any]]:
    wanted = sorted({p.issue for p in snapshot.positions if p.issue} | {r.against for r in snapshot.red_lines
                                                                         if r.against})
    if issue is not None:
        wanted = [i for i in wanted if i == issue]
    rows = []
    for iss in wanted:
        items = actor_inputs(snapshot, reference, iss)
        if not items:
            continue
        as_read = _run(items, {}, {})
        final = as_read[1]
        baseline, b_mean, b_median = _numbers(as_read)
        runs = _sensitivity(items)
        all_runs = [("as read", (baseline, b_mean, b_median))] + runs
        veto = next(iter(veto_rows(snapshot, reference, iss)), None)
        mean_span = _span([r[1][1] for r in all_runs])
        # the label asks whether the result survives measurement error (the +/- runs); leaving an actor
        # out is a different question, answered by the range itself
        perturbed = _span([r[1][1] for r in all_runs if not r[0].startswith("without ")])
        outcome = _outcome(iss, b_mean, perturbed[0], perturbed[1], baseline, veto)
        actors = []
        for item, moved_to in zip(items, final.positions, strict=True):
            actors.append({
                "actor": item.actor, "stance": item.stance, "position": round(item.position, 1),
                "capability": round(item.capability, 4), "capability_basis": item.capability_basis,
                "salience": round(item.salience, 4), "salience_count": item.salience_count,
                "weight": round(item.weight, 4), "final_position": round(moved_to, 1),
                "evidence": facts_evidence(item.facts),
            })
        rows.append({
            "issue": iss,
            "baseline": {"value": round(baseline, 1), "range": _span([r[1][0] for r in all_runs])},
            "bargaining": {"mean": round(b_mean, 1), "median": round(b_median, 1), "range_mean": mean_span,
                           "range_median": _span([r[1][2] for r in all_runs]), "rounds": final.rounds,
                           "converged": final.converged},
            "outcome": outcome,
            "sensitivity_runs": [{"run": name, "baseline": round(v[0], 1), "bargaining_mean": round(v[1], 1),
                                  "bargaining_median": round(v[2], 1)} for name, v in runs],
            "actors": actors,
            "evidence": merge_evidence(*(a["evidence"] for a in actors), outcome["evidence"]),
            "explanation": (f"{iss}: {outcome['label']} ({outcome['reason']}); baseline {baseline:.0f} "
                            f"({_span_text(_span([r[1][0] for r in all_runs]))}), bargaining {b_mean:.0f} "
                            f"({_span_text(mean_span)})."),
        })
    return rows


def forecast(snapshot: Snapshot, reference: Any, *, issue: str | None = None) -> dict[str, Any]:
    notes = [
        "Scale 0-100: support 100, conditional 70, undecided 50, oppose 0 (a red line without a stance "
        "counts as oppose).",
        "Capability = 0.5 x GDP / largest GDP + 0.5 x military spending / largest spending in the reference "
        f"table; an organisation = sum of its members not separately present (or {ORG_FIXED_SHARE:g} x its "
        f"members' sum); unknown = {CAPABILITY_FLOOR:g}.",
        f"Salience = distinct sentences on the issue (a red line counts {RED_LINE_WEIGHT:g}), divided by the "
        "count of the most vocal actor.",
        "Baseline = capability x salience weighted mean; bargaining = expected-utility challenge rounds "
        "(docs/analysis.md), reported as weighted mean and median of final positions.",
        f"Ranges: capability and salience x{1 - PERTURBATION:g} and x{1 + PERTURBATION:g} for the "
        f"{TOP_PERTURBED} heaviest actors, and leaving out each of the {TOP_LEFT_OUT} heaviest.",
        f"Outcome: likely blocked if a veto player opposes now; otherwise likely adopted at >= {ADOPT_AT:g} "
        f"(and >= 50 under every +/- perturbation), likely blocked at <= {BLOCK_AT:g} (and <= 50 under "
        "every perturbation), else contested; leave-one-out runs widen the reported range only.",
    ]
    if not capabilities(reference):
        notes.append("no capability table: every actor gets the floor capability, "
                     "so weights are salience only")
    return {"rows": forecast_rows(snapshot, reference, issue), "notes": notes}
