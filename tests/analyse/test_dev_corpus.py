"""Every analysis over a snapshot assembled from the shared dev gold files: real-shaped data, no crash."""

import json
from datetime import date
from pathlib import Path

import pytest

from accordia.analyse import KINDS, run_analysis
from accordia.facts import (
    Commitment,
    DecisionRule,
    Evidence,
    Membership,
    Position,
    Provision,
    Quantity,
    RedLine,
    Snapshot,
)
from tests.analyse.helpers import FakeReference

CORPUS = Path(__file__).resolve().parents[2] / ".." / "shared" / "corpus"
pytestmark = pytest.mark.skipif(not (CORPUS / "dev").is_dir(), reason="shared dev corpus not available")


def _ev(doc: dict, fact: dict) -> Evidence:
    published = date.fromisoformat(doc["published"]) if doc.get("published") else None
    text = fact.get("wording") or fact.get("note") or f"{doc['id']} gold fact"
    return Evidence(sentence=text, start=0, end=len(text), article=doc["id"], published=published)


def _amount(raw: dict | None) -> Quantity | None:
    return Quantity(raw["value"], raw["unit"]) if raw else None


def _snapshot() -> Snapshot:
    snap = Snapshot()
    for path in sorted((CORPUS / "dev").glob("*.gold.json")):
        doc = json.loads(path.read_text(encoding="utf-8"))
        for p in doc.get("positions", []):
            snap.history.append(Position(p["actor"], p["issue"], p["stance"], evidence=_ev(doc, p),
                                         red_line=p.get("red_line", False), condition=p.get("condition", "")))
        for c in doc.get("commitments", []):
            snap.commitments.append(Commitment(c["actor"], c["kind"], c["issue"], evidence=_ev(doc, c),
                                               places=c.get("places", []), conditions=c.get("conditions", []),
                                               amount=_amount(c.get("amount"))))
        for r in doc.get("red_lines", []):
            snap.red_lines.append(RedLine(r["actor"], r["against"], r.get("wording", ""),
                                          evidence=_ev(doc, r)))
        for p in doc.get("provisions", []):
            snap.provisions.append(Provision(p["proposal"], p["about"], p["effect"], p.get("wording", ""),
                                             evidence=_ev(doc, p)))
        for d in doc.get("decision_rules", []):
            snap.decision_rules.append(DecisionRule(d["holder"], d["rule"], d.get("scope", []),
                                                    d.get("wording", ""), evidence=_ev(doc, d)))
        for q in doc.get("quantities", []):
            snap.quantities.append(Quantity(q["value"], q["unit"], q.get("subject", ""),
                                            evidence=_ev(doc, q)))
        for g in doc.get("groups", []):
            for member in g.get("members", []) + g.get("leads", []):
                snap.memberships.append(Membership(g["id"], member, evidence=_ev(doc, g)))
    latest: dict[tuple[str, str], Position] = {}
    for p in sorted(snap.history, key=lambda p: p.evidence.published or date.min):
        latest[(p.actor, p.issue)] = p
    snap.positions = list(latest.values())
    snap.as_of = max(p.evidence.published for p in snap.history if p.evidence.published)
    return snap


@pytest.mark.parametrize("kind", KINDS)
def test_each_analysis_handles_the_dev_corpus(kind):
    result = run_analysis(kind, _snapshot(), FakeReference())
    assert result["rows"]
    json.dumps(result, allow_nan=False)
