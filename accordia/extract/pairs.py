"""Stance candidates: every (sentence, actor, issue) that could state a position, with its features.

The rules in ``stance.py`` are precise where reporters use the wording they know, and silent or wrong
elsewhere. Rather than decide, this module proposes broadly (an actor referred to in a sentence, an
issue named there, carried from the paragraph, or named anywhere in the article; joint statements
give their signatories) and describes each proposal with what the rules, the cue lexicon and the parse
say about it. A trained model (``stance_model.py``) then decides, so the rules become evidence for a
decision instead of the decision itself.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from accordia.extract.document import Sentence, doc_text
from accordia.extract.holders import COLLECTIVE_ACTOR
from accordia.extract.issues import IssueHit
from accordia.extract.lexicon import Lexicon
from accordia.extract.mentions import ActorRef
from accordia.extract.stance import Frame

# Words that say the sentence speaks for a joint text's signatories rather than one of them.
_COLLECTIVE_VOICE = re.compile(
    r"\b(?:we|our|us|they|their|the (?:leaders|signatories|statement|declaration|communiqu[eé]|text|"
    r"heads of state|ministers|countries|allies|partners))\b", re.I)
_NEGATORS = {"not", "no", "never", "n't", "neither", "nor", "without"}


@dataclass
class SentenceContext:
    """What the reading knew when it reached one sentence."""

    sentence: Sentence
    refs: list[ActorRef]
    hits: list[IssueHit]
    topic: str | None
    speaker: list[ActorRef]
    quote_speaker: list[ActorRef]
    frames: list[Frame]
    signatories: list[str]
    in_quote: bool


@dataclass
class PairCandidate:
    """One actor and one issue in one sentence, described for the stance model."""

    actor: str
    issue: str
    context: SentenceContext
    via: str  # how the actor is in the sentence: ref, speaker, quote, signatory
    issue_from: str  # sentence, topic or article
    features: dict[str, float] = field(default_factory=dict)
    person: str = ""

    @property
    def sentence(self) -> Sentence:
        return self.context.sentence


def _lemma(tok: Token) -> str:
    return tok.lemma_.lower() if tok.lemma_ else tok.lower_


def _content_lemmas(span: Span) -> list[str]:
    return [_lemma(t) for t in span if t.is_alpha and not t.is_stop and len(t) > 2 and t.ent_type_ != "ACTOR"]


def _ancestors_verbs(tok: Token, limit: int = 4) -> list[str]:
    out: list[str] = []
    for anc in tok.ancestors:
        if anc.pos_ in ("VERB", "AUX", "ADJ", "NOUN"):
            out.append(_lemma(anc))
        if len(out) >= limit:
            break
    return out


def _path(a: Token, b: Token) -> list[Token]:
    """Tokens on the dependency path between ``a`` and ``b`` (both excluded)."""
    up_a = [a, *a.ancestors]
    up_b = [b, *b.ancestors]
    ids_b = {t.i for t in up_b}
    common = next((t for t in up_a if t.i in ids_b), None)
    if common is None:
        return []
    left = [t for t in up_a[1:] if t.i != common.i]
    left = left[: next((k for k, t in enumerate(up_a[1:]) if t.i == common.i), len(left))]
    right = []
    for t in up_b[1:]:
        if t.i == common.i:
            break
        right.append(t)
    mid = [common] if common.i not in (a.i, b.i) else []
    return left + mid + right[::-1]


_SUBJECT_DEPS = {"nsubj", "nsubjpass", "csubj", "agent"}
_ATTACHED_DEPS = {"compound", "poss", "appos", "conj", "amod", "nmod", "flat", "nummod", "det", "cc"}


def actor_role(tok: Token) -> str:
    """Whether an actor's words stand where a holder stands: the subject of a clause (or the doer of a
    passive), or elsewhere (an object, a place, an aside)."""
    seen = 0
    while tok.dep_ in _ATTACHED_DEPS and tok.head.i != tok.i and seen < 6:
        tok = tok.head
        seen += 1
    if tok.dep_ in _SUBJECT_DEPS:
        return "subj"
    if tok.dep_ == "pobj" and tok.head.dep_ == "agent":  # the doer of a passive ("was backed by Rome")
        return "subj"
    if tok.dep_ == "pobj" and tok.head.lower_ == "to" and tok.head.head.lower_ == "according":
        return "subj"
    return "other"


def _head_token(doc: Doc, ref: ActorRef) -> Token:
    """The token that heads a reference's words in the parse."""
    tok = doc[ref.end - 1]
    while tok.head.i != tok.i and ref.start <= tok.head.i < ref.end:
        tok = tok.head
    return tok


def _bucket(n: int, edges: Iterable[int]) -> str:
    for e in edges:
        if n <= e:
            return f"<={e}"
    return "more"


class CandidateBuilder:
    """Turns an article's sentence contexts into described stance candidates."""

    def __init__(self, lexicon: Lexicon, proposals: set[str]) -> None:
        self.lexicon = lexicon
        self.proposals = proposals

    def build(self, contexts: list[SentenceContext], article_issues: dict[str, int],
              rule_stances: dict[tuple[str, str], str], issue_mentions: int) -> list[PairCandidate]:
        out: list[PairCandidate] = []
        n_issues = len(article_issues)
        for ctx in contexts:
            actors = self._actors(ctx)
            if not actors:
                continue
            issues = self._issues(ctx, article_issues)
            shared = self._sentence_features(ctx, issue_mentions, n_issues, len(actors))
            doc = ctx.sentence.span.doc
            roles = {a: ("subj" if via in ("speaker", "quote", "signatory") else
                         actor_role(_head_token(doc, ref)) if ref is not None else "other")
                     for a, (via, ref, _) in actors.items()}
            speakers = {r.actor for r in ctx.speaker} | {r.actor for r in ctx.quote_speaker}
            holders = {f.holder.actor for f in ctx.frames}
            for actor, (via, ref, person) in actors.items():
                own = {"role=" + roles[actor]: 1.0}
                others_subj = sum(1 for a, r in roles.items() if a != actor and r == "subj")
                own[f"others_subj={_bucket(others_subj, (0, 1))}"] = 1.0
                if speakers and actor not in speakers:
                    own["speaker_is_other"] = 1.0
                if actor in speakers:
                    own["is_speaker"] = 1.0
                if actor in holders:
                    own["rule_holder"] = 1.0
                elif holders:
                    own["rule_holder_other"] = 1.0
                for issue, (issue_from, hit) in issues.items():
                    cand = PairCandidate(actor, issue, ctx, via, issue_from, person=person)
                    cand.features = self._features(cand, ref, hit, shared, rule_stances, article_issues,
                                                   roles[actor])
                    cand.features.update(own)
                    out.append(cand)
        return out

    # ---- who and what ------------------------------------------------------------------------
    def _actors(self, ctx: SentenceContext) -> dict[str, tuple[str, ActorRef | None, str]]:
        found: dict[str, tuple[str, ActorRef | None, str]] = {}
        for r in ctx.refs:
            if r.actor == COLLECTIVE_ACTOR or r.actor in found:
                continue
            found[r.actor] = ("ref", r, r.person)
        for r in ctx.speaker:
            if r.actor != COLLECTIVE_ACTOR:
                found[r.actor] = ("speaker", r, r.person)
        for r in ctx.quote_speaker:
            if r.actor != COLLECTIVE_ACTOR and r.actor not in found:
                found[r.actor] = ("quote", None, r.person)
        if ctx.signatories:
            collective = any(f.holder.actor == COLLECTIVE_ACTOR for f in ctx.frames) or \
                any(r.actor == COLLECTIVE_ACTOR for r in ctx.speaker) or \
                bool(_COLLECTIVE_VOICE.search(ctx.sentence.text))
            if collective:
                for actor in ctx.signatories:
                    found.setdefault(actor, ("signatory", None, ""))
        return found

    def _issues(self, ctx: SentenceContext, article_issues: dict[str, int]) -> dict[str, tuple[str, IssueHit | None]]:
        found: dict[str, tuple[str, IssueHit | None]] = {}
        for h in ctx.hits:
            if not h.temporal and h.issue not in found:
                found[h.issue] = ("sentence", h)
        if ctx.topic and ctx.topic not in found:
            found[ctx.topic] = ("topic", None)
        for f in ctx.frames:
            found.setdefault(f.issue, ("rule", None))
        for issue in article_issues:
            found.setdefault(issue, ("article", None))
        return found

    # ---- description -------------------------------------------------------------------------
    def _sentence_features(self, ctx: SentenceContext, issue_mentions: int, n_issues: int,
                           n_actors: int) -> dict[str, float]:
        sent = ctx.sentence
        text = doc_text(sent.span.doc)
        feats: dict[str, float] = {
            f"doc_mentions={_bucket(issue_mentions, (1, 3, 6, 12))}": 1.0,
            f"doc_issues={_bucket(n_issues, (1, 2, 4))}": 1.0,
            f"n_actors={_bucket(n_actors, (1, 2, 4))}": 1.0,
        }
        if sent.index == 0:
            feats["first_sentence"] = 1.0
        if ctx.in_quote or sent.text.lstrip()[:1] in "\"“‘":
            feats["in_quote"] = 1.0
        for cue in self.lexicon.cues(text, sent.start, sent.end):
            feats[f"cue={cue.group}"] = 1.0
            feats[f"cuetext={cue.text.lower()}"] = 1.0
        for group in ("conditions", "red_line", "hypothetical", "negations", "reversers"):
            if self.lexicon.first(group, text, sent.start, sent.end):
                feats[f"has={group}"] = 1.0
        if "?" in sent.text:
            feats["question"] = 1.0
        for lemma in set(_content_lemmas(sent.span)):
            feats[f"lem={lemma}"] = 1.0
        return feats

    def _features(self, cand: PairCandidate, ref: ActorRef | None, hit: IssueHit | None,
                  shared: dict[str, float], rule_stances: dict[tuple[str, str], str],
                  article_issues: dict[str, int], role: str) -> dict[str, float]:
        f: dict[str, float] = {}
        issue, actor, ctx = cand.issue, cand.actor, cand.context
        frm = cand.issue_from
        f[f"via={cand.via}"] = 1.0
        f[f"from={frm}"] = 1.0
        f[f"via={cand.via}|from={frm}"] = 1.0
        f[f"issue={issue}"] = 1.0
        f[f"issue={issue}|from={frm}"] = 1.0
        f[f"article_issue_count={_bucket(article_issues.get(issue, 0), (0, 1, 2, 4))}"] = 1.0
        doc = ctx.sentence.span.doc
        tok = _head_token(doc, ref) if ref is not None else None
        f[f"role={role}|from={frm}"] = 1.0
        for key, value in shared.items():
            f[key] = value
            if key.startswith(("cue=", "has=")):
                f[f"{key}|from={frm}"] = value
                f[f"{key}|role={role}"] = value
            if key.startswith("lem="):
                f[f"{key}|issue={issue}"] = value
                f[f"{key}|role={role}"] = value
        if tok is not None and ref is not None:
            f[f"akind={ref.kind}"] = 1.0
            f[f"adep={tok.dep_}"] = 1.0
            f[f"ahead={_lemma(tok.head)}"] = 1.0
            for lemma in _ancestors_verbs(tok):
                f[f"aup={lemma}"] = 1.0
            if hit is not None:
                target = doc[hit.start]
                path = _path(tok, target)
                f[f"path_len={_bucket(len(path), (0, 1, 2, 3, 5, 8))}"] = 1.0
                for t in path:
                    f[f"path={_lemma(t)}"] = 1.0
                    if t.lower_ in _NEGATORS or any(c.dep_ == "neg" for c in t.children):
                        f["path_neg"] = 1.0
                gap = abs(hit.start - ref.start)
                f[f"gap={_bucket(gap, (2, 5, 10, 20))}"] = 1.0
                f["issue_after_actor" if hit.start > ref.start else "issue_before_actor"] = 1.0
                if hit.start <= ref.start < hit.end:
                    f["actor_inside_issue"] = 1.0
                if hit.absent:
                    f["issue_absent_alias"] = 1.0
        if cand.person:
            f["by_person"] = 1.0
        # what the rules made of this pair, of this actor and of this issue
        for fr in ctx.frames:
            same_actor = fr.holder.actor == actor or (fr.holder.actor == COLLECTIVE_ACTOR and cand.via == "signatory")
            if same_actor and fr.issue == issue:
                f[f"rule={fr.stance}"] = 1.0
                f[f"rule={fr.stance}|how={fr.how}"] = 1.0
                f[f"rule={fr.stance}|from={fr.issue_from}"] = 1.0
                if fr.red_line:
                    f["rule_red_line"] = 1.0
                if fr.hypothetical:
                    f["rule_hypothetical"] = 1.0
            elif same_actor:
                f[f"rule_other_issue={fr.stance}"] = 1.0
            elif fr.issue == issue:
                f[f"rule_other_actor={fr.stance}"] = 1.0
        art = rule_stances.get((actor, issue))
        if art:
            f[f"article_rule={art}"] = 1.0
        if issue in self.proposals:
            f["issue_is_proposal"] = 1.0
        return f
