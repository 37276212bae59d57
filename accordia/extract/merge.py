"""Facts read from the pieces of a long article, put together as one article's facts.

Each piece is read as if it were an article of its own (reading state such as the paragraph topic
or the last speaker does not cross a cut; cuts fall at line breaks, so this rarely matters). Its
offsets are moved onto the whole article, and what the extractor keeps once per article stays
once: one stance per actor and issue (the best-supported across pieces, as within one piece), one
commitment per actor, kind and issue, one red line per actor and issue, one entry per person.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import replace
from typing import Any

from accordia.facts import FACT_LISTS, ArticleFacts, Evidence, Position


def shifted(evidence: Evidence | None, offset: int) -> Evidence | None:
    if evidence is None or offset == 0:
        return evidence
    return replace(evidence, start=evidence.start + offset, end=evidence.end + offset)


def _moved(fact: Any, offset: int) -> Any:
    if getattr(fact, "evidence", None) is None or offset == 0:
        return fact
    return replace(fact, evidence=shifted(fact.evidence, offset))


def add_piece(total: ArticleFacts, piece: ArticleFacts, offset: int) -> None:
    """Append one piece's facts to ``total``, offsets moved by ``offset`` (duplicates kept until :func:`settle`)."""
    for name in FACT_LISTS:
        getattr(total, name).extend(_moved(f, offset) for f in getattr(piece, name))
    total.mentions.extend(replace(m, start=m.start + offset, end=m.end + offset) for m in piece.mentions)


def _best_positions(positions: list[Position]) -> list[Position]:
    """Per actor and issue, the stance with the most confidence summed over pieces, then its surest report."""
    by_key: dict[tuple[str, str], list[Position]] = defaultdict(list)
    for p in positions:
        by_key[(p.actor, p.issue)].append(p)
    kept: list[Position] = []
    for readings in by_key.values():
        score: dict[str, float] = defaultdict(float)
        for p in readings:
            score[p.stance] += p.evidence.confidence if p.evidence else 0.0
        stance = max(score, key=lambda st: (score[st], st == "conditional", st == "undecided"))
        chosen = max((p for p in readings if p.stance == stance),
                     key=lambda p: p.evidence.confidence if p.evidence else 0.0)
        kept.append(replace(chosen, red_line=any(p.red_line for p in readings if p.stance == stance)))
    return kept


def _first_of(items: list[Any], key: Any) -> list[Any]:
    seen: set = set()
    out = []
    for item in items:
        k = key(item)
        if k not in seen:
            seen.add(k)
            out.append(item)
    return out


def settle(total: ArticleFacts) -> ArticleFacts:
    """Reduce the once-per-article fact types to one entry each, as a single reading would."""
    total.positions = _best_positions(total.positions)
    total.commitments = _first_of(total.commitments, lambda c: (c.actor, c.kind, c.issue))
    total.red_lines = _first_of(total.red_lines, lambda r: (r.actor, r.against))
    total.people = _first_of(total.people, lambda p: (p.name, p.actor))
    return total
