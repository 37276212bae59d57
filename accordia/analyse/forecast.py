"""Forecasts per issue: a weighted-mean baseline and Bueno de Mesquita's expected-utility model.

Positions go on a 0..100 scale (support 100, conditional 70, undecided 50, oppose 0). Each actor is
weighted by capability (0.5 x GDP + 0.5 x military spending, each normalised by the largest in the
reference table) times salience (how much and how firmly it speaks on the issue, normalised so the
most vocal actor has 1). A forecast never claims more than its evidence: it states its coverage and
refuses a verdict below a documented minimum, calls itself indeterminate when a plausible change of
one actor's weight moves it across the threshold (naming those actors), and shows veto players beside
the verdict rather than folding them into it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from accordia.analyse.bdm import ModelRun, run_model, weighted_mean
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
THRESHOLD = 50.0                # above: the issue goes ahead; below: it does not
MIN_ACTORS = 4                  # fewer actors with a stance: not enough evidence for a verdict
MIN_COVERAGE = 0.5              # ...or less than half the capability of the actors in play
MIN_EVIDENCE = 4                # ...or fewer distinct sentences


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


@dataclass
class _Outcome:
    """One run's two numbers: the compromise (weighted mean) and the model's forecast."""

    baseline: float
    model: float
    run: ModelRun | None = None


def _run(items: list[ActorInput], cap_scale: dict[str, float], sal_scale: dict[str, float],
         left_out: str | None = None, keep: bool = False) -> _Outcome:
    """Baseline and model forecast with some inputs scaled or one actor left out."""
    used = [i for i in items if i.actor != left_out]
    x = [i.position for i in used]
    c = [i.capability * cap_scale.get(i.actor, 1.0) for i in used]
    s = [min(1.0, i.salience * sal_scale.get(i.actor, 1.0)) for i in used]
    run = run_model(x, c, s, span=100.0, names=[i.actor for i in used])
    return _Outcome(weighted_mean(x, [a * b for a, b in zip(c, s, strict=True)]), run.forecast,
                    run if keep else None)


def _sensitivity(items: list[ActorInput]) -> list[tuple[str, str, _Outcome]]:
    """(run name, actor varied, outcome) for +/- capability and salience and leave-one-out runs."""
    heaviest = [i.actor for i in sorted(items, key=lambda i: (-i.weight, i.actor))]
    runs: list[tuple[str, str, _Outcome]] = []
    for actor in heaviest[:TOP_PERTURBED]:
        for factor in (1 - PERTURBATION, 1 + PERTURBATION):
            runs.append((f"{actor} capability x{factor:g}", actor, _run(items, {actor: factor}, {})))
            runs.append((f"{actor} salience x{factor:g}", actor, _run(items, {}, {actor: factor})))
    if len(items) > 1:
        for actor in heaviest[:TOP_LEFT_OUT]:
            runs.append((f"without {actor}", actor, _run(items, {}, {}, left_out=actor)))
    return runs


def _span(values: list[float]) -> list[float]:
    return [round(min(values), 1), round(max(values), 1)]


def _span_text(span: list[float]) -> str:
    """A range as a reader says it: "43-89", or "100 in every run" when nothing moves it."""
    low, high = f"{span[0]:.0f}", f"{span[1]:.0f}"
    return f"{low} in every run" if low == high else f"range {low}-{high}"


def _actors_in_play(snapshot: Snapshot, holders: list[str]) -> set[str]:
    """Who could matter on the issue: every actor with a stance on any issue, and its veto holders."""
    actors = {p.actor for p in snapshot.positions if p.actor}
    actors.update(r.actor for r in snapshot.red_lines if r.actor)
    actors.update(holders)
    return actors


def coverage(snapshot: Snapshot, reference: Any, issue: str, items: list[ActorInput],
             holders: list[str]) -> dict[str, Any]:
    """How much of the field the forecast rests on: capability share, actors, distinct sentences."""
    table = _composite_table(reference)
    present = {i.actor for i in items}
    field_actors = _actors_in_play(snapshot, holders) | present
    weight = {a: _capability(a, present, table, reference, snapshot)[0] for a in field_actors}
    total = sum(weight.values())
    known = sum(weight[a] for a in present)
    stated = [p for p in list(snapshot.history) + list(snapshot.positions) if p.issue == issue]
    sentences = {_evidence_key(f) for f in stated + [f for i in items for f in i.facts]}
    share = round(known / total, 3) if total > 0 else 0.0
    missing = sorted(field_actors - present, key=lambda a: (-weight[a], a))
    short = []
    if len(present) < MIN_ACTORS:
        short.append(f"{len(present)} actor(s) with a stance (minimum {MIN_ACTORS})")
    if share < MIN_COVERAGE:
        short.append(f"{share:.0%} of the capability in play (minimum {MIN_COVERAGE:.0%})")
    if len(sentences) < MIN_EVIDENCE:
        short.append(f"{len(sentences)} distinct sentence(s) (minimum {MIN_EVIDENCE})")
    return {"capability_share": share, "actors": len(present), "actors_in_play": len(field_actors),
            "evidence_count": len(sentences), "heaviest_without_stance": missing[:5],
            "sufficient": not short, "shortfall": short}


def _verdict(issue: str, as_read: _Outcome, runs: list[tuple[str, str, _Outcome]],
             cover: dict[str, Any]) -> dict[str, Any]:
    """The label, why, and the actors whose weight tips the result across the threshold."""
    if not cover["sufficient"]:
        why = "; ".join(cover["shortfall"])
        return {"label": "not enough evidence", "tipping_actors": [], "reason": why,
                "explanation": f"{issue}: no verdict: {why}."}
    side = as_read.model >= THRESHOLD
    tipping = sorted({actor for _, actor, out in runs if (out.model >= THRESHOLD) != side})
    said = f"the model forecasts {as_read.model:.0f} and the compromise is {as_read.baseline:.0f}"
    if tipping:
        label = "indeterminate"
        why = f"{said}; varying the weight of {', '.join(tipping)} moves it across {THRESHOLD:g}"
    elif (as_read.baseline >= THRESHOLD) != side:
        label, why = "indeterminate", f"{said}: they fall on opposite sides of {THRESHOLD:g}"
    elif side:
        label, why = "likely adopted", f"{said}, above {THRESHOLD:g} in every sensitivity run"
    else:
        label, why = "likely blocked", f"{said}, below {THRESHOLD:g} in every sensitivity run"
    return {"label": label, "tipping_actors": tipping, "reason": why, "explanation": f"{issue}: {label}: {why}."}


def _veto_beside(veto: dict[str, Any] | None) -> dict[str, Any]:
    """Veto players next to the verdict: who can block and who of them opposes it now."""
    if not veto:
        return {"holders": [], "blocking_now": [], "explanation": "no veto holder known", "evidence": []}
    holders = sorted({h["actor"] for h in veto["holders"] if h["can_block"] and not h["only_if"]})
    blocking = list(veto["blocking_now"])
    blockers = [h for h in veto["holders"] if h["blocking_now"]]
    evidence = merge_evidence(*(h["evidence"] for h in blockers), *(h["stance_evidence"] for h in blockers))
    verb = "opposes" if len(blocking) == 1 else "oppose"
    text = (f"{', '.join(blocking)} can block it and {verb} it now" if blocking else
            f"{len(holders)} actor(s) can block it; none opposes it now" if holders else "no veto holder known")
    return {"holders": holders, "blocking_now": blocking, "explanation": text, "evidence": evidence}


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
        as_read = _run(items, {}, {}, keep=True)
        runs = _sensitivity(items)
        veto_row = next(iter(veto_rows(snapshot, reference, iss)), None)
        veto = _veto_beside(veto_row)
        cover = coverage(snapshot, reference, iss, items, veto["holders"])
        verdict = _verdict(iss, as_read, runs, cover)
        model_run = as_read.run
        finals = model_run.final_positions if model_run and model_run.rounds else [i.position for i in items]
        actors = []
        for item, moved_to in zip(items, finals, strict=True):
            actors.append({
                "actor": item.actor, "stance": item.stance, "position": round(item.position, 1),
                "capability": round(item.capability, 4), "capability_basis": item.capability_basis,
                "salience": round(item.salience, 4), "salience_count": item.salience_count,
                "weight": round(item.weight, 4), "final_position": round(moved_to, 1),
                "evidence": facts_evidence(item.facts),
            })
        baselines = [as_read.baseline] + [o.baseline for _, _, o in runs]
        models = [as_read.model] + [o.model for _, _, o in runs]
        explanation = verdict["explanation"]
        if cover["sufficient"]:
            explanation += (f" Baseline {as_read.baseline:.0f} ({_span_text(_span(baselines))}), model "
                            f"{as_read.model:.0f} ({_span_text(_span(models))}).")
        explanation += (f" Coverage: {cover['actors']} actor(s), {cover['capability_share']:.0%} of the "
                        f"capability in play, {cover['evidence_count']} sentence(s). Veto: {veto['explanation']}.")
        rows.append({
            "issue": iss,
            "verdict": verdict["label"], "reason": verdict["reason"], "tipping_actors": verdict["tipping_actors"],
            "coverage": cover, "veto": veto,
            "baseline": {"value": round(as_read.baseline, 1), "range": _span(baselines)},
            "model": {"forecast": round(as_read.model, 1), "range": _span(models),
                      "initial_median": round(model_run.initial_median, 1) if model_run else None,
                      "rounds": len(model_run.rounds) if model_run else 0},
            "sensitivity_runs": [{"run": name, "actor": actor, "baseline": round(o.baseline, 1),
                                  "model": round(o.model, 1)} for name, actor, o in runs],
            "actors": actors,
            "evidence": merge_evidence(*(a["evidence"] for a in actors), veto["evidence"]),
            "explanation": explanation,
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
        "Baseline = capability x salience weighted mean (the compromise); model = Bueno de Mesquita's "
        "expected-utility model as Scholz, Calbert and Smith (2011) read it, reported as the median voter "
        "position after the rounds (docs/analysis.md; checked on the published emissions example).",
        f"Ranges: capability and salience x{1 - PERTURBATION:g} and x{1 + PERTURBATION:g} for the "
        f"{TOP_PERTURBED} heaviest actors, and leaving out each of the {TOP_LEFT_OUT} heaviest.",
        f"Verdict: 'not enough evidence' below {MIN_ACTORS} actors with a stance, {MIN_COVERAGE:.0%} of the "
        f"capability in play or {MIN_EVIDENCE} distinct sentences; 'indeterminate' when any sensitivity run "
        f"falls on the other side of {THRESHOLD:g} (the actors varied are named) or baseline and model "
        "disagree; otherwise likely adopted / likely blocked. Veto players are shown beside the verdict.",
    ]
    if not capabilities(reference):
        notes.append("no capability table: every actor gets the floor capability, "
                     "so weights are salience only")
    return {"rows": forecast_rows(snapshot, reference, issue), "notes": notes}
