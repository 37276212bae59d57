"""Who holds the stance a cue expresses: the grammatical subject, or else the speaker.

"Sweden, Denmark, and Australia have signaled support" -> the subject and its conjuncts.
"The force would not replace Ukraine's army, the French president said" -> the subject is no actor,
so the holder is whoever said it. The parse is spaCy's; these rules only walk it.
"""

from __future__ import annotations

import re

from spacy.tokens import Span, Token

from accordia.extract.mentions import ActorRef

SUBJECT_DEPS = ("nsubj", "nsubjpass", "csubj")
REPORTING = re.compile(
    r"^(say|tell|add|warn|argue|insist|stress|write|announce|state|declare|reply|confirm|repeat|"
    r"acknowledge|note|explain|suggest|claim|complain|call|describe|urge|ask|hint|accuse|caution|"
    r"emphasise|emphasize|signal|indicate|demand|reiterate|vow|pledge|promise)$")
# Prepositions after which a subject's modifier still names who is speaking ("officials in Kyiv",
# "a handful of members, among them Estonia").
_SPEAKER_PREPS = {"in", "from", "at", "among", "besides", "including", "like"}
# Heads whose "of" phrase names the actors themselves ("the leaders of France and Germany").
_REPRESENTATIVES = re.compile(
    r"^(?:leaders?|heads?|presidents?|prime|ministers?|governments?|chiefs?|representatives?|"
    r"delegations?|envoys?|officials?|members?)$", re.I)
# Subjects that stand for every signatory of a joint text ("the leaders said", "the statement says").
COLLECTIVE = re.compile(r"^(?:leaders|signatories|statement|declaration|communique|they|four|three|"
                        r"allies|countries)$", re.I)
# Verbs reporting what someone else wants or thinks: hearsay, not the subject's own stated position.
_HEARSAY = re.compile(r"^(?:want|wish|hope|expect|think|believe|fear)$")
_MODAL_DEMAND = re.compile(r"^(?:should|must|ought)$")
COLLECTIVE_ACTOR = "@collective"


def _refs_on(token: Token, refs: list[ActorRef]) -> list[ActorRef]:
    return [r for r in refs if r.start <= token.i < r.end]


def subject_actors(subject: Token, refs: list[ActorRef]) -> list[ActorRef]:
    """Actors a subject phrase names: its head, conjuncts, and possessive or adjectival modifiers."""
    found: list[ActorRef] = []
    stack = [subject]
    seen: set[int] = set()
    while stack:
        tok = stack.pop()
        if tok.i in seen:
            continue
        seen.add(tok.i)
        on = _refs_on(tok, refs)
        if on:
            found.extend(on)
        for child in tok.children:
            if child.dep_ in ("conj", "appos"):
                stack.append(child)
            elif not on and child.dep_ in ("poss", "amod", "compound", "nmod"):
                stack.append(child)
            elif not on and child.dep_ == "prep" and (
                    child.lower_ in _SPEAKER_PREPS
                    or (child.lower_ == "of" and _REPRESENTATIVES.match(tok.lemma_))):
                stack.extend(c for c in child.children if c.dep_ == "pobj")
            elif child.dep_ == "advmod" and child.lower_ in ("together", "along"):
                for prep in child.children:
                    if prep.dep_ == "prep" and prep.lower_ == "with":
                        stack.extend(c for c in prep.children if c.dep_ == "pobj")
            elif child.dep_ == "prep" and child.lower_ == "with" and tok.dep_ in SUBJECT_DEPS:
                continue
            elif child.dep_ == "case":
                continue
    out: list[ActorRef] = []
    for ref in sorted(found, key=lambda r: r.start):
        if all(ref.actor != o.actor for o in out):
            out.append(ref)
    return out


def clause_subject(token: Token) -> tuple[Token | None, Token]:
    """The nearest subject governing ``token``, climbing through auxiliaries and complements."""
    tok = token
    for _ in range(8):
        subj = [c for c in tok.children if c.dep_ in SUBJECT_DEPS]
        if subj:
            return subj[0], tok
        if tok.dep_ in ("xcomp", "acomp", "conj", "aux", "auxpass", "dobj", "pobj", "prep", "attr",
                        "amod", "advmod", "neg", "compound", "oprd", "dative", "npadvmod", "prt",
                        "pcomp", "acl", "nmod", "poss", "det", "appos") and tok.head is not tok:
            tok = tok.head
            continue
        break
    return None, tok


def find_holders(cue_token: Token, refs: list[ActorRef], sentence: Span) -> tuple[list[ActorRef], str]:
    """Holders of the stance at ``cue_token`` and how they were found (subject|speaker|collective)."""
    tok = cue_token
    for _ in range(6):
        subject, verb = clause_subject(tok)
        if subject is not None:
            actors = subject_actors(subject, refs)
            if actors:
                return _reported(actors, verb, refs, sentence), "subject"
            if COLLECTIVE.match(subject.lower_) or COLLECTIVE.match(subject.lemma_):
                return [ActorRef(COLLECTIVE_ACTOR, subject.i, subject.i + 1, subject.text, "collective")], \
                    "collective"
        # climb to the governing clause (reported speech, relative clauses)
        head = verb.head
        if head is verb:
            break
        tok = head
    speaker = speaker_of(sentence, refs)
    if speaker:
        return speaker, "speaker"
    return [], ""


def _reported(actors: list[ActorRef], verb: Token, refs: list[ActorRef], sentence: Span) -> list[ActorRef]:
    """Reported speech about someone else: "X said Y should agree" is X's demand; "X said Y wanted
    troops" is X's claim about Y, not Y's stated position."""
    reporting = verb.head if verb.dep_ in ("ccomp", "conj") else None
    if reporting is None or not REPORTING.match(reporting.lemma_.lower()):
        return actors
    subj = [c for c in reporting.children if c.dep_ in SUBJECT_DEPS]
    speakers = subject_actors(subj[0], refs) if subj else []
    if not speakers or {a.actor for a in speakers} & {a.actor for a in actors}:
        return actors
    if any(_MODAL_DEMAND.match(c.lower_) for c in verb.children if c.dep_ == "aux"):
        return speakers
    if _HEARSAY.match(verb.lemma_.lower()):
        return []
    return actors


def speaker_of(sentence: Span, refs: list[ActorRef]) -> list[ActorRef]:
    """The actor a sentence is attributed to: "X said", "according to X", "X told reporters"."""
    for tok in sentence:
        if tok.pos_ == "VERB" and REPORTING.match(tok.lemma_.lower()):
            subj = [c for c in tok.children if c.dep_ in SUBJECT_DEPS]
            if subj:
                actors = subject_actors(subj[0], refs)
                if actors:
                    return actors
    text = sentence.text
    m = re.search(r"\baccording to\b", text, re.I)
    if m:
        after = [r for r in refs if r.start >= sentence.start and
                 sentence.doc[r.start].idx >= sentence.start_char + m.end()]
        if after:
            return after[:1]
    return []
