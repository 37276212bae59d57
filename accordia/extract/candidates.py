"""Proposals the codebook does not know yet, kept as candidate issues for the analyst.

When an actor clearly takes a side ("Hungary backed a direct EU channel to the Kremlin") on something
no codebook issue names, dropping the stance would hide a new front in the negotiation. The object of
the stance verb is kept with its evidence so an analyst can promote it to a codebook issue.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Token

from accordia.extract.document import Sentence, doc_text
from accordia.extract.holders import COLLECTIVE_ACTOR, find_holders
from accordia.extract.issues import IssueHit
from accordia.extract.lexicon import Lexicon
from accordia.extract.mentions import ActorRef
from accordia.extract.stance import cue_token, is_negated

# Heads that name something one can be for or against; a bare "talks" or "meeting" is not a proposal.
_PROPOSAL_HEADS = re.compile(
    r"^(?:proposal|plan|idea|initiative|offer|scheme|fund|mission|tribunal|zone|corridor|deal|"
    r"agreement|treaty|moratorium|embargo|ban|cap|levy|tax|loan|guarantee|force|channel|pact|"
    r"exchange|swap|referendum|election|conference|roadmap|framework|package|mechanism)s?$", re.I)
_TOO_VAGUE = {"it", "this", "that", "the idea", "the plan", "the proposal", "the move", "the deal", "the offer"}


@dataclass
class CandidateReading:
    label: str
    actor: str
    stance: str
    cue: str


def read_candidates(sentence: Sentence, refs: list[ActorRef], hits: list[IssueHit],
                    lexicon: Lexicon) -> list[CandidateReading]:
    """Stances in a sentence that names no codebook issue, on a proposal-like object."""
    if any(not h.temporal for h in hits):
        return []
    span = sentence.span
    text = doc_text(span.doc)
    out: list[CandidateReading] = []
    for cue in lexicon.cues(text, sentence.start, sentence.end):
        if cue.stance not in ("support", "oppose"):
            continue
        token = cue_token(span, cue)
        if token is None or token.pos_ != "VERB":
            continue
        obj = _object(token)
        if obj is None or not _PROPOSAL_HEADS.match(obj.lemma_):
            continue
        label = _label(obj)
        if label.lower() in _TOO_VAGUE or len(label.split()) < 2:
            continue
        holders, _ = find_holders(token, refs, span)
        stance = cue.stance
        if is_negated(token, cue, text, sentence.start):
            stance = "oppose" if stance == "support" else "support"
        for holder in holders:
            if holder.actor != COLLECTIVE_ACTOR and holder.governing:
                out.append(CandidateReading(label, holder.actor, stance, cue.text))
    return out


def _object(token: Token) -> Token | None:
    for child in token.children:
        if child.dep_ in ("dobj", "attr"):
            return child
        if child.dep_ == "prep":
            for grand in child.children:
                if grand.dep_ == "pobj":
                    return grand
    return None


def _label(head: Token) -> str:
    """The object's noun phrase without leading determiners and trailing clauses."""
    words = [t for t in head.subtree if t.dep_ not in ("relcl", "punct") and t.i <= head.i + 6]
    words = [t for t in words if not any(a.dep_ == "relcl" for a in t.ancestors if a.i > head.i)]
    while words and words[0].dep_ in ("det", "poss", "predet"):
        words = words[1:]
    return " ".join(t.text for t in words).strip()
