"""Evidence as the analyses hand it out: plain dicts that a reader can trace back to a sentence.

Every conclusion an analysis draws carries a list of these, so the shape is fixed in one place:
``{"sentence", "article", "start", "end", "published"}`` for reported facts, ``{"rule", "source"}``
for institutional rules and reference data, and reported-shape evidence with ``"rule": "what-if"``
for facts an analyst supplied as an override.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from accordia.facts import Evidence

WHAT_IF_RULE = "what-if"


def evidence_json(evidence: Evidence | None) -> dict[str, Any] | None:
    """One piece of evidence in the reported shape; ``None`` when a fact came without any."""
    if evidence is None:
        return None
    out: dict[str, Any] = {
        "sentence": evidence.sentence,
        "article": evidence.article,
        "start": evidence.start,
        "end": evidence.end,
        "published": evidence.published.isoformat() if evidence.published else None,
    }
    if evidence.rule == WHAT_IF_RULE:
        out["rule"] = WHAT_IF_RULE
    return out


def rule_evidence(rule: str, source: str) -> dict[str, str]:
    """Evidence for a conclusion drawn from reference data rather than from a sentence."""
    return {"rule": rule, "source": source}


def _key(item: dict[str, Any]) -> tuple:
    if "sentence" in item:
        return ("s", item.get("article"), item.get("start"), item.get("end"), item.get("sentence"))
    return ("r", item.get("rule"), item.get("source"))


def merge_evidence(*groups: Iterable[dict[str, Any] | None]) -> list[dict[str, Any]]:
    """Concatenate evidence lists, dropping blanks and repeats while keeping first-seen order."""
    seen: set[tuple] = set()
    merged: list[dict[str, Any]] = []
    for group in groups:
        for item in group:
            if item is None:
                continue
            key = _key(item)
            if key in seen:
                continue
            seen.add(key)
            merged.append(item)
    return merged


def facts_evidence(facts: Iterable[Any]) -> list[dict[str, Any]]:
    """Evidence of several facts (anything with an ``evidence`` attribute), de-duplicated."""
    return merge_evidence(evidence_json(getattr(f, "evidence", None)) for f in facts)


def is_what_if(evidence: Evidence | None) -> bool:
    return evidence is not None and evidence.rule == WHAT_IF_RULE
