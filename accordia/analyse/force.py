"""Force generation: what each contributor has pledged to an issue, and what is still missing.

Pledges are split into three tiers that are never added up silently: ``firm`` (no condition),
``conditional`` (tied to a ceasefire, a mandate...) and ``hypothetical`` (the extractor flagged the
pledge as hypothetical). Money is converted to EUR with the fixed table below so that totals are
reproducible; troop numbers are compared with requirements that reporting states for the force.
"""

from __future__ import annotations

import re
from typing import Any

from accordia.analyse.evidence import facts_evidence, is_what_if, merge_evidence
from accordia.analyse.reference_access import issue_phrases
from accordia.facts import Commitment, Quantity, Snapshot

TIERS: tuple[str, ...] = ("firm", "conditional", "hypothetical")

# EUR per unit of currency: rounded 2025 averages, fixed on purpose so that a rerun gives the same total.
# Good to within about 5%, which is well inside the precision of pledges as they are reported.
EUR_PER_UNIT: dict[str, float] = {
    "EUR": 1.0, "USD": 0.90, "GBP": 1.18, "CAD": 0.65, "JPY": 0.0060, "AUD": 0.59, "NZD": 0.54,
    "CHF": 1.06, "NOK": 0.086, "SEK": 0.089, "DKK": 0.134, "PLN": 0.235, "CZK": 0.040, "HUF": 0.0025,
    "RON": 0.20, "TRY": 0.024, "UAH": 0.022, "KRW": 0.00066,
}
TROOP_UNITS = frozenset({"troops", "troop", "soldiers", "soldier", "personnel", "service members",
                         "servicemen", "military personnel"})
_CURRENCY = re.compile(r"^\s*([A-Za-z]{3})\b(.*)$")


def tier_of(commitment: Commitment) -> str:
    if commitment.hypothetical:
        return "hypothetical"
    return "conditional" if [c for c in commitment.conditions if c.strip()] else "firm"


def measure_of(amount: Quantity) -> tuple[str, float | None, str]:
    """(measure, value in the measure's unit, remark): measure is 'troops', 'money_eur' or the raw unit."""
    unit = (amount.unit or "").strip()
    if unit.lower() in TROOP_UNITS:
        return "troops", float(amount.value), ""
    match = _CURRENCY.match(unit)
    if match and match.group(1).upper() in EUR_PER_UNIT and match.group(1).isupper():
        rest = match.group(2).strip()
        rate = EUR_PER_UNIT[match.group(1).upper()]
        return "money_eur", float(amount.value) * rate, (f"{rest} (per-period figure)" if rest else "")
    if match and match.group(1).isupper() and not match.group(2).strip():
        return "money_unconverted", None, f"no fixed rate for {unit}"
    return unit or "unspecified", float(amount.value), ""


def _recency(commitment: Commitment) -> tuple:
    ev = commitment.evidence
    when = ev.published if ev is not None else None
    return (is_what_if(ev), when is not None, when.toordinal() if when else 0)


def _article(commitment: Commitment) -> str:
    return commitment.evidence.article if commitment.evidence is not None else ""


def counted_amounts(commitments: list[Commitment]) -> list[tuple[Commitment, str, float | None, str]]:
    """Amounts that count: per (actor, kind, measure) only the latest article's figures.

    A pledge restated in later reporting replaces the earlier figure instead of adding to it;
    several figures in the same article are distinct pledges and add up.
    """
    latest: dict[tuple, tuple[tuple, str]] = {}
    rows = []
    for com in commitments:
        if com.amount is None:
            continue
        measure, value, remark = measure_of(com.amount)
        key = (com.actor, com.kind, measure)
        stamp = (_recency(com), _article(com))
        if key not in latest or stamp[0] > latest[key][0]:
            latest[key] = stamp
        rows.append((com, measure, value, remark, key, stamp))
    return [(com, measure, value, remark) for com, measure, value, remark, key, stamp in rows
            if latest[key][0] == stamp[0] and latest[key][1] == stamp[1]]


def _zero() -> dict[str, float]:
    return {t: 0.0 for t in TIERS}


def _contributors(commitments: list[Commitment]) -> list[dict[str, Any]]:
    by_actor: dict[str, list[Commitment]] = {}
    for com in commitments:
        by_actor.setdefault(com.actor, []).append(com)
    counted = counted_amounts(commitments)
    out = []
    for actor in sorted(by_actor):
        own = by_actor[actor]
        troops, money = _zero(), _zero()
        other, unconverted = [], []
        for com, measure, value, remark in counted:
            if com.actor != actor:
                continue
            tier = tier_of(com)
            if measure == "troops":
                troops[tier] += value or 0.0
            elif measure == "money_eur":
                money[tier] += value or 0.0
            elif measure == "money_unconverted":
                unconverted.append({"kind": com.kind, "value": com.amount.value, "unit": com.amount.unit,
                                    "tier": tier})
            else:
                other.append({"kind": com.kind, "value": value, "unit": measure, "tier": tier})
            if remark:
                other.append({"kind": com.kind, "remark": remark, "tier": tier})
        capabilities: dict[str, str] = {}
        for com in own:
            tier = tier_of(com)
            best = capabilities.get(com.kind)
            if best is None or TIERS.index(tier) < TIERS.index(best):
                capabilities[com.kind] = tier
        places = sorted({p for com in own for p in com.places if p})
        out.append({
            "actor": actor, "troops": troops, "money_eur": money,
            "capabilities": dict(sorted(capabilities.items())), "places": places,
            "unquantified": sorted({c.kind for c in own if c.amount is None}),
            "other_amounts": other, "unconverted": unconverted,
            "conditions": sorted({c for com in own for c in com.conditions if c}),
            "evidence": facts_evidence(own),
        })
    return out


def _requirements(snapshot: Snapshot, reference: Any, issue: str) -> list[dict[str, Any]]:
    """Troop requirements stated for the force: a range per sentence that gives one, oldest first."""
    phrases = issue_phrases(reference, issue)
    stated: dict[tuple, list[Quantity]] = {}
    for q in snapshot.quantities:
        if (q.unit or "").strip().lower() not in TROOP_UNITS:
            continue
        subject = (q.subject or "").strip().lower()
        if not subject or not (subject in phrases or any(len(p) > 4 and p in subject for p in phrases)):
            continue
        ev = q.evidence
        key = (ev.published.toordinal() if ev and ev.published else 0, ev.article if ev else "",
               ev.start if ev else id(q))
        stated.setdefault(key, []).append(q)
    out = []
    for key in sorted(stated):
        values = [float(q.value) for q in stated[key]]
        out.append({"low": min(values), "high": max(values), "unit": "troops",
                    "evidence": facts_evidence(stated[key])})
    return out


def _gap(need: float, have: float) -> float:
    return max(0.0, need - have)


def amount_text(value: float, unit: str) -> str:
    """A total as a reader says it: "EUR 1.9bn", "EUR 350m", "5,000 troops"."""
    if unit == "EUR":
        for size, suffix in ((1e9, "bn"), (1e6, "m")):
            if value >= size:
                return f"EUR {value / size:,.1f}{suffix}".replace(".0" + suffix, suffix)
        return f"EUR {value:,.0f}"
    return f"{value:,.0f} {unit}"


def _range_text(low: float, high: float, unit: str) -> str:
    return f"{low:,.0f} {unit}" if round(low) == round(high) else f"{low:,.0f}-{high:,.0f} {unit}"


def force_rows(snapshot: Snapshot, reference: Any, issue: str | None = None) -> list[dict[str, Any]]:
    coms = [c for c in snapshot.commitments if c.actor and c.issue and (issue is None or c.issue == issue)]
    rows = []
    for iss in sorted({c.issue for c in coms}):
        mine = [c for c in coms if c.issue == iss]
        contributors = _contributors(mine)
        totals = {"troops": _zero(), "money_eur": _zero()}
        for c in contributors:
            for tier in TIERS:
                totals["troops"][tier] += c["troops"][tier]
                totals["money_eur"][tier] += c["money_eur"][tier]
        places: dict[str, list[Commitment]] = {}
        capability: dict[str, dict[str, list[str]]] = {}
        for com in mine:
            for place in com.places:
                if place:
                    places.setdefault(place, []).append(com)
            tiers = capability.setdefault(com.kind, {t: [] for t in TIERS})
            if com.actor not in tiers[tier_of(com)]:
                tiers[tier_of(com)].append(com.actor)
        by_place = [{"place": p, "actors": sorted({c.actor for c in cs}), "evidence": facts_evidence(cs)}
                    for p, cs in sorted(places.items())]
        by_capability = [{"capability": k, **{t: sorted(v[t]) for t in TIERS},
                          "evidence": facts_evidence([c for c in mine if c.kind == k])}
                         for k, v in sorted(capability.items())]
        troops = totals["troops"]
        cumulative = {"firm": troops["firm"], "with_conditional": troops["firm"] + troops["conditional"],
                      "with_hypothetical": sum(troops.values())}
        requirements = _requirements(snapshot, reference, iss)
        for req in requirements:
            req["gap"] = {level: {"low": _gap(req["low"], have), "high": _gap(req["high"], have)}
                          for level, have in cumulative.items()}
        explanation = f"{iss}: {len(contributors)} contributor(s)"
        for measure, unit in (("troops", "troops"), ("money_eur", "EUR")):
            parts = [f"{amount_text(totals[measure][tier], unit)} {tier}" for tier in TIERS
                     if totals[measure][tier]]
            if parts:
                explanation += "; " + ", ".join(parts)
        unquantified = sorted({c["actor"] for c in contributors if c["unquantified"]})
        if unquantified:
            explanation += f"; pledges without a number from {', '.join(unquantified)}"
        if requirements:
            need = requirements[-1]
            gap = need["gap"]["with_conditional"]
            explanation += (f"; latest stated need {_range_text(need['low'], need['high'], 'troops')}, gap "
                            f"{_range_text(gap['low'], gap['high'], 'troops')} counting firm and conditional "
                            "pledges")
        rows.append({
            "issue": iss, "contributors": contributors, "by_place": by_place,
            "by_capability": by_capability, "totals": totals, "requirements": requirements,
            "evidence": merge_evidence(facts_evidence(mine), *(r["evidence"] for r in requirements)),
            "explanation": explanation + ".",
        })
    return rows


def force(snapshot: Snapshot, reference: Any, *, issue: str | None = None) -> dict[str, Any]:
    rates = ", ".join(f"{code} {rate:g}" for code, rate in EUR_PER_UNIT.items())
    notes = [
        "Tiers: firm (no condition), conditional (any stated condition), hypothetical (flagged by the "
        "extractor); totals are kept per tier and never merged.",
        "A figure restated in a later article replaces the earlier one for the same actor and kind; "
        "figures in one article add up.",
        f"Money in EUR at fixed rounded 2025 rates (EUR per unit): {rates}.",
        "Requirements: troop quantities whose subject names the issue; gaps are given against firm, "
        "firm+conditional and all pledges, never below zero. Pledges without a number are listed "
        "under 'unquantified' and not counted.",
    ]
    return {"rows": force_rows(snapshot, reference, issue), "notes": notes}
