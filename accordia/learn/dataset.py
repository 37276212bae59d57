"""Candidates with labels: what the stance model learns from.

A candidate takes the stance of a gold position on the same actor and issue whose evidence lies in
its sentence. Where the gold gives no evidence (the development set), a candidate whose issue is
named in its own sentence takes the gold stance. A candidate for a gold pair whose evidence lies in
another sentence is left out of training rather than called "none": a restatement is not a mistake.
"""

from __future__ import annotations

from dataclasses import dataclass

from accordia.extract.pairs import PairCandidate
from accordia.extract.pipeline import Extractor
from accordia.extract.stance_model import NONE
from accordia.learn.gold import GoldArticle


@dataclass
class ArticleSample:
    """One gold article, read once: its candidates and their labels (None: not used for training)."""

    gold: GoldArticle
    candidates: list[PairCandidate]
    labels: list[str | None]
    rule_facts: object


def label(candidate: PairCandidate, gold: GoldArticle) -> str | None:
    matching = [p for p in gold.positions if p.actor == candidate.actor and p.issue == candidate.issue]
    if not matching:
        return NONE
    sent = candidate.sentence
    for p in matching:
        if p.span is not None and p.span[0] < sent.end and sent.start < p.span[1]:
            return p.stance
    if all(p.span is None for p in matching) and candidate.issue_from == "sentence" and \
            candidate.via in ("ref", "speaker"):
        return matching[0].stance
    return None


def build_samples(articles: list[GoldArticle], extractor: Extractor | None = None) -> list[ArticleSample]:
    """Parse each article once and label its candidates (the extractor must run without a model)."""
    extractor = extractor or Extractor(model=None)
    samples: list[ArticleSample] = []
    for gold in articles:
        facts, candidates = extractor.read_candidates(gold.article)
        samples.append(ArticleSample(gold, candidates, [label(c, gold) for c in candidates], facts))
    return samples
