"""Translate between fact dataclasses and table rows, in both directions."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from accordia.facts import (
    CandidateIssue,
    Commitment,
    DecisionRule,
    Event,
    Evidence,
    Membership,
    Person,
    Position,
    Provision,
    Quantity,
    RedLine,
)

FACT_CLASSES: dict[str, type] = {
    "people": Person,
    "positions": Position,
    "commitments": Commitment,
    "red_lines": RedLine,
    "provisions": Provision,
    "memberships": Membership,
    "decision_rules": DecisionRule,
    "quantities": Quantity,
    "events": Event,
    "candidate_issues": CandidateIssue,
}

# Columns read back from the evidence/article join, prefixed so they never clash with fact columns.
EVIDENCE_LABELS = ("ev_sentence", "ev_start", "ev_end", "ev_cue", "ev_rule", "ev_confidence",
                   "ev_confirmed", "art_source", "art_published")


def _s(value: Any) -> str:
    return "" if value is None else str(value)


def _strings(values: Any) -> list[str]:
    return [str(v) for v in (values or []) if v is not None and str(v) != ""]


def evidence_row(ev: Evidence) -> dict[str, Any]:
    return {
        "sentence": _s(ev.sentence), "start": int(ev.start or 0), "end": int(ev.end or 0),
        "cue": _s(ev.cue), "rule": _s(ev.rule), "confidence": float(ev.confidence or 0.0),
        "confirmed": bool(getattr(ev, "confirmed", True)),
    }


def fact_row(table: str, fact: Any) -> dict[str, Any]:
    """The type-specific columns of one fact (the shared columns are added by the writer)."""
    if table == "positions":
        return {"actor": _s(fact.actor), "issue": _s(fact.issue), "stance": _s(fact.stance).lower(),
                "condition": _s(fact.condition), "role": _s(fact.role), "red_line": bool(fact.red_line),
                "hypothetical": bool(fact.hypothetical), "speaker": _s(fact.speaker),
                "explicit": bool(fact.explicit), "contested": bool(fact.contested), "note": _s(fact.note)}
    if table == "commitments":
        amount = None
        if fact.amount is not None:
            amount = {"value": float(fact.amount.value), "unit": _s(fact.amount.unit),
                      "subject": _s(fact.amount.subject), "wording": _s(fact.amount.wording)}
        return {"actor": _s(fact.actor), "kind": _s(fact.kind), "issue": _s(fact.issue),
                "places": _strings(fact.places), "conditions": _strings(fact.conditions), "amount": amount,
                "when": _s(fact.when), "hypothetical": bool(fact.hypothetical),
                "explicit": bool(fact.explicit), "note": _s(fact.note)}
    if table == "red_lines":
        return {"actor": _s(fact.actor), "against": _s(fact.against), "wording": _s(fact.wording),
                "explicit": bool(fact.explicit)}
    if table == "provisions":
        return {"proposal": _s(fact.proposal), "about": _s(fact.about), "effect": _s(fact.effect),
                "wording": _s(fact.wording), "explicit": bool(fact.explicit)}
    if table == "memberships":
        return {"group": _s(fact.group), "member": _s(fact.member), "role": _s(fact.role) or "member",
                "explicit": bool(fact.explicit)}
    if table == "decision_rules":
        return {"holder": _s(fact.holder), "rule": _s(fact.rule), "scope": _strings(fact.scope),
                "wording": _s(fact.wording), "explicit": bool(fact.explicit),
                "source": _s(fact.source) or "reported"}
    if table == "quantities":
        return {"value": float(fact.value), "unit": _s(fact.unit), "subject": _s(fact.subject),
                "wording": _s(fact.wording)}
    if table == "events":
        return {"kind": _s(fact.kind), "what": _s(fact.what),
                "event_date": fact.date if isinstance(fact.date, date) else None,
                "participants": _strings(fact.participants), "outcome": _s(fact.outcome),
                "status": _s(fact.status)}
    if table == "people":
        return {"name": _s(fact.name), "actor": _s(fact.actor), "role": _s(fact.role),
                "explicit": bool(fact.explicit)}
    if table == "candidate_issues":
        return {"label": _s(fact.label), "actor": _s(fact.actor), "stance": _s(fact.stance)}
    raise KeyError(f"unknown fact table {table!r}")


def evidence_from_row(row: Mapping[str, Any]) -> Evidence | None:
    """Evidence of a fact row joined with its evidence and article; None when it had none."""
    if row.get("ev_sentence") is None:
        return None
    published = row.get("art_published") or row.get("fact_date")
    return Evidence(
        sentence=row["ev_sentence"], start=int(row["ev_start"]), end=int(row["ev_end"]),
        cue=row.get("ev_cue") or "", rule=row.get("ev_rule") or "",
        confidence=float(row.get("ev_confidence") or 0.0),
        confirmed=bool(row.get("ev_confirmed", True) if row.get("ev_confirmed") is not None else True),
        article=row["article_id"],
        published=published, source=row.get("art_source") or "",
    )


def fact_from_row(table: str, row: Mapping[str, Any]) -> Any:
    """Rebuild the dataclass a row was written from, with its evidence."""
    ev = evidence_from_row(row)
    if table == "positions":
        return Position(actor=row["actor"], issue=row["issue"], stance=row["stance"], evidence=ev,
                        condition=row["condition"], role=row["role"], red_line=bool(row["red_line"]),
                        hypothetical=bool(row["hypothetical"]), speaker=row["speaker"],
                        explicit=bool(row["explicit"]), contested=bool(row["contested"]), note=row["note"])
    if table == "commitments":
        amount = row["amount"]
        quantity = None
        if amount:
            quantity = Quantity(value=float(amount["value"]), unit=amount.get("unit", ""),
                                subject=amount.get("subject", ""), wording=amount.get("wording", ""))
        return Commitment(actor=row["actor"], kind=row["kind"], issue=row["issue"], evidence=ev,
                          places=list(row["places"] or []), conditions=list(row["conditions"] or []),
                          amount=quantity, when=row["when"], hypothetical=bool(row["hypothetical"]),
                          explicit=bool(row["explicit"]), note=row["note"])
    if table == "red_lines":
        return RedLine(actor=row["actor"], against=row["against"], wording=row["wording"], evidence=ev,
                       explicit=bool(row["explicit"]))
    if table == "provisions":
        return Provision(proposal=row["proposal"], about=row["about"], effect=row["effect"],
                         wording=row["wording"], evidence=ev, explicit=bool(row["explicit"]))
    if table == "memberships":
        return Membership(group=row["group"], member=row["member"], role=row["role"], evidence=ev,
                          explicit=bool(row["explicit"]))
    if table == "decision_rules":
        return DecisionRule(holder=row["holder"], rule=row["rule"], scope=list(row["scope"] or []),
                            wording=row["wording"], evidence=ev, explicit=bool(row["explicit"]),
                            source=row["source"])
    if table == "quantities":
        return Quantity(value=float(row["value"]), unit=row["unit"], subject=row["subject"],
                        wording=row["wording"], evidence=ev)
    if table == "events":
        return Event(kind=row["kind"], what=row["what"], date=row["event_date"],
                     participants=list(row["participants"] or []), outcome=row["outcome"],
                     status=row["status"], evidence=ev)
    if table == "people":
        return Person(name=row["name"], actor=row["actor"], role=row["role"], evidence=ev,
                      explicit=bool(row["explicit"]))
    if table == "candidate_issues":
        return CandidateIssue(label=row["label"], actor=row["actor"], stance=row["stance"], evidence=ev)
    raise KeyError(f"unknown fact table {table!r}")
