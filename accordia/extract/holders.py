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
# Nouns for people or bodies: only these take their actor from a modifier ("Turkish officials",
# "Poland's government"); an inanimate subject ("the American plan") is not its origin's voice.
_ANIMATE = re.compile(
    r"^(?:officials?|leaders?|governments?|diplomats?|ministers?|soldiers?|troops?|side|delegations?|teams?|"
    r"negotiators?|authorities|administration|president|chancellor|premier|spokes(?:man|woman|person)|"
    r"envoys?|office|ministry|military|navy|army|parliament|lawmakers?|counterparts?|secretary|"
    r"prime|minister|advisers?|advisors?|officers?|commanders?|chiefs?|representatives?|"
    r"ambassadors?|sources?|people|allies|partners|members?|capitals?|cabinet|coalition|camp|"
    r"state|country|nation|presidency|mission|embassy|forces|units?|contingents?)$", re.I)
# Subjects that stand for every signatory of a joint text ("the leaders said", "the statement says").
COLLECTIVE = re.compile(r"^(?:leaders|signatories|statement|declaration|communique|text|they|four|three|"
                        r"allies|countries)$", re.I)
# Verbs reporting what someone else wants or thinks: hearsay, not the subject's own stated position.
_HEARSAY = re.compile(r"^(?:want|wish|hope|expect|think|believe|fear)$")
_MODAL_DEMAND = re.compile(r"^(?:should|must|ought)$")
_SUBORDINATE = ("advcl", "relcl", "acl", "pcomp", "pobj")
COLLECTIVE_ACTOR = "@collective"


def _refs_on(token: Token, refs: list[ActorRef]) -> list[ActorRef]:
    return [r for r in refs if r.start <= token.i < r.end]


def subject_actors(subject: Token, refs: list[ActorRef]) -> list[ActorRef]:
    """Actors a subject phrase names: its head, conjuncts, and possessive or adjectival modifiers.

    Through "of" only actors themselves count ("the leaders of France"), not their possessors
    ("leaders of Ukraine's backers" are not Ukraine).
    """
    found: list[ActorRef] = []
    if subject.lower_ in ("which", "who", "that") and subject.head.dep_ == "relcl":
        subject = subject.head.head  # "Sweden, which offered air surveillance": the antecedent
    stack: list[tuple[Token, bool]] = [(subject, False)]
    seen: set[int] = set()
    while stack:
        tok, strict = stack.pop()
        if tok.i in seen:
            continue
        seen.add(tok.i)
        on = _refs_on(tok, refs)
        if on:
            found.extend(on)
        for child in tok.children:
            if child.dep_ in ("conj", "appos"):
                stack.append((child, strict))
            elif strict or on:
                continue
            elif child.dep_ == "poss" and child.lower_ == "whose" and tok.head.dep_ == "relcl":
                stack.append((tok.head.head, True))  # "Belgium, whose defence minister pledged"
            elif child.dep_ in ("poss", "amod", "compound", "nmod") and (
                    _ANIMATE.match(tok.lemma_) or _ANIMATE.match(tok.lower_) or tok.ent_type_):
                stack.append((child, False))
            elif child.dep_ == "prep" and child.lower_ in _SPEAKER_PREPS and (
                    _ANIMATE.match(tok.lemma_) or _ANIMATE.match(tok.lower_)
                    or child.lower_ not in ("in", "from", "at")):
                stack.extend((c, False) for c in child.children if c.dep_ == "pobj")
            elif child.dep_ == "prep" and child.lower_ == "of" and _REPRESENTATIVES.match(tok.lemma_):
                stack.extend((c, True) for c in child.children if c.dep_ == "pobj")
            elif child.dep_ == "prep" and child.lower_ == "with" and child.i > 0 and \
                    child.doc[child.i - 1].lower_ in ("together", "along"):
                stack.extend((c, True) for c in child.children if c.dep_ == "pobj")
            elif child.dep_ == "advmod" and child.lower_ in ("together", "along"):
                for prep in child.children:
                    if prep.dep_ == "prep" and prep.lower_ == "with":
                        stack.extend((c, True) for c in prep.children if c.dep_ == "pobj")
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
                        "pcomp", "acl", "nmod", "poss", "det", "appos") and tok.head.i != tok.i:
            tok = tok.head
            continue
        break
    return None, tok


def find_holders(cue_token: Token, refs: list[ActorRef], sentence: Span) -> tuple[list[ActorRef], str]:
    """Holders of the stance at ``cue_token`` and how they were found (subject|speaker|collective)."""
    if cue_token.pos_ in ("NOUN", "PROPN"):
        # "Moscow's red line", "Italy's opposition": the possessor holds the stance
        owners = [c for c in cue_token.children if c.dep_ == "poss"]
        if owners:
            actors = subject_actors(owners[0], refs)
            if actors:
                return actors, "subject"
    collective: list[ActorRef] = []
    tok = cue_token
    for _ in range(6):
        subject, verb = clause_subject(tok)
        agents = [p for c in verb.children if c.dep_ == "agent" for p in c.children if p.dep_ == "pobj"]
        if not agents and any(c.dep_ == "auxpass" for c in verb.children):
            # "the comments were welcomed in Paris and London": capitals standing for their governments
            agents = [p for c in verb.children if c.dep_ == "prep" and c.lower_ == "in"
                      for p in c.children if p.dep_ == "pobj"
                      and any(r.kind in ("capital", "seat") for r in _refs_on(p, refs))]
        if agents:
            # passive voice: "the proposal was backed by Norway and Finland"
            actors = [a for p in agents for a in subject_actors(p, refs)]
            if actors:
                return actors, "subject"
        if subject is not None:
            actors = subject_actors(subject, refs)
            if actors:
                return _reported(actors, verb, refs, sentence), "subject"
            if not collective and (COLLECTIVE.match(subject.lower_) or COLLECTIVE.match(subject.lemma_)):
                collective = [ActorRef(COLLECTIVE_ACTOR, subject.i, subject.i + 1, subject.text, "collective")]
            if verb.dep_ in _SUBORDINATE:
                # "a day after 26 allies pledged...": the main clause's speaker did not pledge
                return (collective, "collective") if collective else ([], "")
        # climb to the governing clause (reported speech, relative clauses), never across ';'
        head = verb.head
        lo, hi = sorted((head.i, verb.i))
        if any(t.text in (";", ":") for t in verb.doc[lo:hi]):
            break
        if head.i == verb.i:
            if subject is None:
                # a main verb the parser left without a subject: take the actors named before it
                # ("Besides Britain and France, a handful of members, among them Estonia, have signalled")
                before = [r for r in refs if r.end <= verb.i and r.kind not in ("pronoun", "anaphora", "person")
                          and sentence.start <= r.start]
                if before:
                    return before, "subject"
            break
        tok = head
    speaker = speaker_of(sentence, refs)
    if speaker and speaker[0].actor != COLLECTIVE_ACTOR:
        return speaker, "speaker"
    if collective or speaker:
        return collective or speaker, "collective"
    return [], ""


def _reporting_subject(reporting: Token) -> Token | None:
    """The subject of a reporting verb, borrowed from the verb it is coordinated with if needed."""
    tok = reporting
    for _ in range(3):
        subj = [c for c in tok.children if c.dep_ in SUBJECT_DEPS]
        if subj:
            return subj[0]
        if tok.dep_ in ("conj", "advcl") and tok.head.i != tok.i:
            tok = tok.head
            continue
        break
    return None


def _reported(actors: list[ActorRef], verb: Token, refs: list[ActorRef], sentence: Span) -> list[ActorRef]:
    """Reported speech about someone else: "X said Y should agree" is X's demand; "X said Y wanted
    troops" is X's claim about Y, not Y's stated position."""
    reporting = verb.head if verb.dep_ in ("ccomp", "conj", "advcl") else None
    if reporting is None or not REPORTING.match(reporting.lemma_.lower()):
        return actors
    subj = _reporting_subject(reporting)
    speakers = subject_actors(subj, refs) if subj is not None else []
    if not speakers or {a.actor for a in speakers} & {a.actor for a in actors}:
        return actors
    if any(c.lower_ in ("right", "wise", "correct") for c in verb.children if c.dep_ == "acomp"):
        # "Starmer said Trump had been right to sanction...": both back it
        return actors + speakers
    if all(a.kind in ("org", "org_metonym") for a in actors) and any(
            a.kind in ("person", "pronoun", "title") for a in speakers):
        # a leader speaking of "Europe" or "the alliance" states his own government's line
        return speakers
    if any(_MODAL_DEMAND.match(c.lower_) for c in verb.children if c.dep_ == "aux"):
        return speakers
    if verb.lemma_ in ("face", "risk"):
        # "warning that Moscow would face new sanctions": the warning's author wants them
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
                if COLLECTIVE.match(subj[0].lower_):
                    return [ActorRef(COLLECTIVE_ACTOR, subj[0].i, subj[0].i + 1, subj[0].text, "collective")]
    text = sentence.text
    m = re.search(r"\baccording to\b", text, re.I)
    if m:
        after = [r for r in refs if r.start >= sentence.start and
                 sentence.doc[r.start].idx >= sentence.start_char + m.end()]
        if after:
            return after[:1]
    return []
