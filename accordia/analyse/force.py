"""Force generation: what each contributor has pledged to an issue, what is needed, and what is capped.

Three kinds of figure are never mixed: *pledges* (an actor offers something), *requirements* (someone
states what the issue needs: "the force would need 25,000 to 30,000 troops") and *caps* (a limit, such
as "cap its armed forces at 600,000"). Pledges are split into tiers that are never added up silently:
``firm`` (no condition), ``conditional`` (tied to a ceasefire, a mandate...) and ``hypothetical``.
Every amount is a (min, max) pair through every sum ("up to" is a maximum, a range keeps both ends), and
a pledge whose amount nobody stated is counted as "amount not stated", never as zero. Money is
converted to EUR with the fixed table below so that totals are reproducible.
"""

from __future__ import annotations

import re
from typing import Any

from accordia.analyse.amounts import Bounds, bounds_of, bounds_text
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


# What makes a troop figure a cap, a requirement or a pledge. Checked in this order on the words before
# the figure in its sentence (a cap or pledge is never read as a need).
_CAP = re.compile(r"\b(?:cap\w*|limit\w*|ceiling|restrict\w*|shrink\w*|reduc\w*|no (?:more|larger) than|"
                  r"at most|maximum)\b", re.I)
_PLEDGE = re.compile(r"\b(?:contribut\w*|pledg\w*|offer\w*|send\w*|sent|commit\w*|provid\w*|deploy\w*)\b", re.I)
_NEED = re.compile(r"\b(?:need\w*|requir\w*|would take|necessary|estimat\w*|call\w* for|minimum|"
                   r"(?:size|strength) of|force of|mission of)\b", re.I)
_STATED_BY = (
    re.compile(r"\b(?i:estimates?|assessments?|figures?|plans?) by ([^,.;]{3,60}?)(?= put| said| suggest| show|,|\.)"),
    re.compile(r"\baccording to ([^,.;]{3,60})"),
    re.compile(r"^([A-Z][^,.;]{2,60}?) (?:have|has|had)? ?(?:estimated|said|calculated|reckoned|put)\b"),
)


def _tier_values(values: list[tuple[Bounds, Commitment]]) -> dict[str, Any]:
    """Sum of (min, max) over pledges: min counts an "up to" pledge as nothing stated, max is open
    (None) as soon as one pledge states only a minimum."""
    lows = [b.low for b, _ in values]
    highs = [b.high for b, _ in values]
    return {"min": sum(v for v in lows if v is not None),
            "max": None if any(h is None for h in highs) else sum(h for h in highs if h is not None),
            "pledges": len(values), "only_maximum": sum(1 for v in lows if v is None)}


def _empty_tier() -> dict[str, Any]:
    return {"min": 0.0, "max": 0.0, "pledges": 0, "only_maximum": 0, "amount_not_stated": 0}


def _measure_bounds(com: Commitment) -> tuple[str, Bounds | None, str]:
    """(measure, bounds in the measure's unit, remark) for a pledge with an amount."""
    measure, value, remark = measure_of(com.amount)
    if value is None:
        return measure, None, remark
    raw = bounds_of(com.amount)
    factor = value / float(com.amount.value) if com.amount.value else 1.0
    return measure, raw.scaled(factor), remark


def _takes(reference: Any, issue: str) -> set[str] | None:
    """Commitment kinds the codebook says the issue takes; None when the codebook does not say."""
    codebook = getattr(reference, "codebook", None)
    items = list(getattr(codebook, "issues", None) or [])
    if not any(getattr(item, "pledges", None) for item in items):
        return None
    for item in items:
        if getattr(item, "id", None) == issue:
            return set(getattr(item, "pledges", None) or ())
    return None


def _pledge_rows(commitments: list[Commitment]) -> list[dict[str, Any]]:
    """Every counted pledge with its bounds; restated figures replaced by the latest article's."""
    counted = {id(com) for com, *_ in counted_amounts(commitments)}
    with_figure = {(com.actor, com.kind) for com in commitments if id(com) in counted}
    rows = []
    for com in commitments:
        if com.amount is not None and id(com) not in counted:
            continue  # an earlier statement of a figure restated later
        if com.amount is None and (com.actor, com.kind) in with_figure:
            continue  # the same pledge mentioned again without its figure
        amount = None
        if com.amount is not None:
            measure, bounds, remark = _measure_bounds(com)
            amount = {"measure": measure, "min": bounds.low if bounds else None,
                      "max": bounds.high if bounds else None, "bound": bounds.bound if bounds else "unconverted",
                      "value": float(com.amount.value), "unit": com.amount.unit, "wording": com.amount.wording,
                      "remark": remark}
        rows.append({"actor": com.actor, "kind": com.kind, "tier": tier_of(com), "amount": amount,
                     "amount_stated": amount is not None, "places": [p for p in com.places if p],
                     "conditions": [c for c in com.conditions if c], "evidence": facts_evidence([com]),
                     "_fact": com})
    return rows


def _totals(pledges: list[dict[str, Any]]) -> dict[str, dict[str, dict[str, Any]]]:
    """Per measure (troops, money_eur) and tier: min and max sums, and how many pledges lack an amount."""
    out: dict[str, dict[str, dict[str, Any]]] = {}
    for measure, kinds in (("troops", ("troops",)), ("money_eur", ("money",))):
        per_tier = {}
        for tier in TIERS:
            mine = [p for p in pledges if p["tier"] == tier]
            stated = [(Bounds(p["amount"]["min"], p["amount"]["max"]), p["_fact"]) for p in mine
                      if p["amount"] and p["amount"]["measure"] == measure]
            missing = sum(1 for p in mine if p["kind"] in kinds and not p["amount_stated"])
            total = _tier_values(stated) if stated else _empty_tier()
            total["amount_not_stated"] = missing
            per_tier[tier] = total
        out[measure] = per_tier
    return out


def _cumulative(tiers: dict[str, dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """Firm; firm + conditional; all: min, max (None when open) and pledges without an amount."""
    levels = {"firm": ("firm",), "with_conditional": ("firm", "conditional"), "with_hypothetical": TIERS}
    out = {}
    for level, names in levels.items():
        highs = [tiers[t]["max"] for t in names]
        out[level] = {"min": sum(tiers[t]["min"] for t in names),
                      "max": None if any(h is None for h in highs) else sum(highs),
                      "amount_not_stated": sum(tiers[t]["amount_not_stated"] for t in names)}
    return out


def _words_before(q: Quantity) -> str:
    ev = q.evidence
    sentence = ev.sentence if ev is not None else ""
    at = sentence.find(q.wording) if q.wording else -1
    return sentence[:at] if at >= 0 else sentence


def classify_figure(q: Quantity) -> str:
    """'cap', 'pledge', 'requirement' or 'other' for a troop figure, from the words before it."""
    before = _words_before(q)
    near = before[-80:]
    if _CAP.search(near):
        return "cap"
    if _PLEDGE.search(near):
        return "pledge"
    if _NEED.search(before):
        return "requirement"
    return "other"


def stated_by(sentence: str) -> str:
    """Who states a figure, when the sentence says so ("estimates by military planners"); else ''."""
    for pattern in _STATED_BY:
        m = pattern.search(sentence)
        if m:
            return " ".join(m.group(1).split())
    return ""


def _names_issue(q: Quantity, phrases: set[str]) -> bool:
    subject = (q.subject or "").strip().lower()
    return bool(subject) and (subject in phrases or any(len(p) > 4 and p in subject for p in phrases))


def _figures(snapshot: Snapshot, reference: Any, issue: str,
             pledged_sentences: set[tuple]) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """(requirements, caps) stated for the issue: one entry per sentence, oldest first."""
    phrases = issue_phrases(reference, issue)
    needs: dict[tuple, list[Quantity]] = {}
    caps: list[dict[str, Any]] = []
    for q in snapshot.quantities:
        if (q.unit or "").strip().lower() not in TROOP_UNITS or not _names_issue(q, phrases):
            continue
        ev = q.evidence
        key = (ev.published.toordinal() if ev and ev.published else 0, ev.article if ev else "",
               ev.start if ev else id(q))
        if (ev.article, ev.start) in pledged_sentences if ev else False:
            continue  # the figure is a pledge read as a commitment
        kind = classify_figure(q)
        if kind == "cap":
            b = bounds_of(q)
            caps.append({"min": b.low, "max": b.high, "unit": "troops", "wording": q.wording,
                         "text": bounds_text(b.low, b.high, "troops"), "evidence": facts_evidence([q])})
        elif kind == "requirement":
            needs.setdefault(key, []).append(q)
    requirements = []
    for key in sorted(needs):
        found = [bounds_of(q) for q in needs[key]]
        lows = [b.low for b in found if b.low is not None] or [b.high for b in found if b.high is not None]
        highs = [b.high for b in found if b.high is not None] or lows
        sentence = needs[key][0].evidence.sentence if needs[key][0].evidence else ""
        requirements.append({"min": min(lows), "max": max(highs), "unit": "troops",
                             "text": bounds_text(min(lows), max(highs), "troops"),
                             "stated_by": stated_by(sentence) or "not said",
                             "evidence": facts_evidence(needs[key])})
    return requirements, caps


def _gap(need: dict[str, Any], have: dict[str, Any]) -> dict[str, Any]:
    """Still missing, as a range: need min minus the most pledged, need max minus the least pledged."""
    most = have["max"]
    low = 0.0 if most is None else max(0.0, need["min"] - most)
    return {"min": low, "max": max(0.0, need["max"] - have["min"]),
            "upper_bound_only": have["amount_not_stated"] > 0,
            "amount_not_stated": have["amount_not_stated"]}


def _contributor_rows(pledges: list[dict[str, Any]]) -> list[dict[str, Any]]:
    out = []
    for actor in sorted({p["actor"] for p in pledges}):
        own = [p for p in pledges if p["actor"] == actor]
        capabilities: dict[str, str] = {}
        for p in own:
            best = capabilities.get(p["kind"])
            if best is None or TIERS.index(p["tier"]) < TIERS.index(best):
                capabilities[p["kind"]] = p["tier"]
        amounts = [{"kind": p["kind"], "tier": p["tier"],
                    "text": (bounds_text(p["amount"]["min"], p["amount"]["max"],
                                         "troops" if p["amount"]["measure"] == "troops" else
                                         "EUR" if p["amount"]["measure"] == "money_eur" else p["amount"]["unit"])
                             if p["amount"] and p["amount"]["bound"] != "unconverted"
                             else f"{p['amount']['value']:,.0f} {p['amount']['unit']} (no fixed rate)"
                             if p["amount"] else "amount not stated"),
                    **({"min": p["amount"]["min"], "max": p["amount"]["max"], "measure": p["amount"]["measure"]}
                       if p["amount"] else {})} for p in own]
        out.append({"actor": actor, "pledges": amounts, "capabilities": dict(sorted(capabilities.items())),
                    "places": sorted({pl for p in own for pl in p["places"]}),
                    "amount_not_stated": sorted({p["kind"] for p in own if not p["amount_stated"]}),
                    "conditions": sorted({c for p in own for c in p["conditions"]}),
                    "evidence": merge_evidence(*(p["evidence"] for p in own))})
    return out


def force_rows(snapshot: Snapshot, reference: Any, issue: str | None = None) -> tuple[list[dict[str, Any]],
                                                                                       list[str]]:
    coms = [c for c in snapshot.commitments if c.actor and c.issue and (issue is None or c.issue == issue)]
    rows: list[dict[str, Any]] = []
    left_out: list[str] = []
    for iss in sorted({c.issue for c in coms}):
        takes = _takes(reference, iss)
        mine = [c for c in coms if c.issue == iss and (takes is None or c.kind in takes)]
        left_out += [f"{c.actor} {c.kind} -> {iss}" for c in coms
                     if c.issue == iss and takes is not None and c.kind not in takes]
        if not mine:
            continue
        pledges = _pledge_rows(mine)
        totals = _totals(pledges)
        pledged_sentences = {(c.evidence.article, c.evidence.start) for c in mine
                             if c.evidence is not None and c.amount is not None}
        requirements, caps = _figures(snapshot, reference, iss, pledged_sentences)
        cumulative = _cumulative(totals["troops"])
        for req in requirements:
            req["gap"] = {level: _gap(req, have) for level, have in cumulative.items()}
        places: dict[str, list[Commitment]] = {}
        capability: dict[str, dict[str, list[str]]] = {}
        for com in mine:
            for place in com.places:
                if place:
                    places.setdefault(place, []).append(com)
            tiers = capability.setdefault(com.kind, {t: [] for t in TIERS})
            if com.actor not in tiers[tier_of(com)]:
                tiers[tier_of(com)].append(com.actor)
        contributors = _contributor_rows(pledges)
        explanation = f"{iss}: {len(contributors)} contributor(s)"
        for measure, unit in (("troops", "troops"), ("money_eur", "EUR")):
            parts = []
            for tier in TIERS:
                t = totals[measure][tier]
                if t["pledges"]:
                    parts.append(f"{tier} {amount_range_text(t['min'], t['max'], unit, t['only_maximum'])}")
                if t["amount_not_stated"]:
                    parts.append(f"{t['amount_not_stated']} {tier} pledge(s) with amount not stated")
            if parts:
                explanation += f"; {unit}: " + ", ".join(parts)
        others = sorted({f"{p['actor']} {p['kind']}" for p in pledges if p["kind"] not in ("troops", "money")})
        if others:
            explanation += f"; other capabilities pledged: {', '.join(others)}"
        if requirements:
            need = requirements[-1]
            gap = need["gap"]["with_conditional"]
            explanation += (f"; latest stated need {need['text']} (stated by {need['stated_by']}), still missing "
                            f"{bounds_text(gap['min'], gap['max'], 'troops')} counting firm and conditional pledges")
            if gap["upper_bound_only"]:
                explanation += f" ({gap['amount_not_stated']} pledge(s) with amount not stated)"
        if caps:
            explanation += "; caps stated: " + ", ".join(c["text"] for c in caps)
        for p in pledges:
            p.pop("_fact")
        rows.append({
            "issue": iss, "pledges": pledges, "contributors": contributors,
            "by_place": [{"place": p, "actors": sorted({c.actor for c in cs}), "evidence": facts_evidence(cs)}
                         for p, cs in sorted(places.items())],
            "by_capability": [{"capability": k, **{t: sorted(v[t]) for t in TIERS},
                               "evidence": facts_evidence([c for c in mine if c.kind == k])}
                              for k, v in sorted(capability.items())],
            "totals": totals, "cumulative_troops": cumulative, "requirements": requirements, "caps": caps,
            "evidence": merge_evidence(facts_evidence(mine), *(r["evidence"] for r in requirements),
                                       *(c["evidence"] for c in caps)),
            "explanation": explanation + ".",
        })
    return rows, left_out


def amount_text(value: float, unit: str) -> str:
    """A figure as a reader says it: "EUR 1.9bn", "EUR 350m", "5,000 troops"."""
    if unit == "EUR":
        for size, suffix in ((1e9, "bn"), (1e6, "m")):
            if value >= size:
                return f"EUR {value / size:,.1f}{suffix}".replace(".0" + suffix, suffix)
        return f"EUR {value:,.0f}"
    return f"{value:,.0f} {unit}"


def amount_range_text(low: float, high: float | None, unit: str, only_maximum: int = 0) -> str:
    """A (min, max) total as a reader says it: "25,000-30,000 troops", "up to 10,000 troops", "at least
    EUR 2bn"; a minimum of 0 with a maximum means only maxima were stated."""
    if high is None:
        text = f"at least {amount_text(low, unit)}"
    elif not low:
        text = f"up to {amount_text(high, unit)}"
    elif round(low) == round(high):
        text = amount_text(high, unit)
    else:
        text = f"{amount_text(low, unit)} to {amount_text(high, unit)}"
    if only_maximum and low:
        text += f" ({only_maximum} stated only as a maximum)"
    return text


def force(snapshot: Snapshot, reference: Any, *, issue: str | None = None) -> dict[str, Any]:
    rates = ", ".join(f"{code} {rate:g}" for code, rate in EUR_PER_UNIT.items())
    rows, left_out = force_rows(snapshot, reference, issue)
    notes = [
        "Pledges (an actor offers), requirements (someone states what is needed) and caps (a stated limit) "
        "are kept apart; a troop figure is a cap or a pledge when the words before it say so, a requirement "
        "when they state a need, and otherwise not used.",
        "Amounts are (min, max): 'up to N' is a maximum with no stated minimum, a range keeps both ends, "
        "'at least N' leaves the maximum open; sums add minima and maxima separately.",
        "A pledge without a number is 'amount not stated' and counted as such, never as zero; gaps are then "
        "upper bounds.",
        "Tiers: firm (no condition), conditional (any stated condition), hypothetical (flagged by the "
        "extractor); totals are kept per tier and never merged.",
        "A figure restated in a later article replaces the earlier one for the same actor and kind; "
        "figures in one article add up.",
        "Only commitments of a kind the codebook says the issue takes are counted (its 'pledges').",
        f"Money in EUR at fixed rounded 2025 rates (EUR per unit): {rates}.",
    ]
    if left_out:
        notes.append(f"left out, the issue takes no such contribution: {'; '.join(sorted(set(left_out)))}")
    return {"rows": rows, "notes": notes}
