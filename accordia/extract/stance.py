"""Positions: who stands where on which issue, read sentence by sentence.

A stance is anchored on a cue ("signaled support", "remain opposed", "would not exclude"), held by
the cue's subject or the sentence's speaker, and aimed at the issue the cue governs, or, when the
sentence only points back ("the idea"), at the issue the paragraph is about. Negation flips
support to opposition; a stated precondition makes it conditional.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Span, Token

from accordia.extract.document import Sentence, doc_text
from accordia.extract.holders import find_holders
from accordia.extract.issues import IssueHit, IssueMatcher
from accordia.extract.lexicon import CueMatch, Lexicon
from accordia.extract.mentions import ActorRef

_NEGATION = re.compile(r"\b(?:not|n't|never|no longer|nor|neither)\b", re.I)
_CLAUSE_BREAK = re.compile(r"[;:]|,\s*(?:while|whereas|but)\b|\bwhile\b|\bwhereas\b")


@dataclass
class Frame:
    """One stance reading of one cue in one sentence."""

    holder: ActorRef
    issue: str
    stance: str
    cue: CueMatch
    how: str
    condition: str = ""
    red_line: bool = False
    hypothetical: bool = False
    issue_from: str = "sentence"
    confidence: float = 0.8
    distance: int = 0


def cue_token(span: Span, cue: CueMatch) -> Token | None:
    """The word that carries a cue: its verb, adjective or noun, not a particle or preposition."""
    toks = [t for t in span if t.idx < cue.end and t.idx + len(t.text) > cue.start]
    if not toks:
        return None
    for pos in ("VERB", "NOUN", "ADJ", "AUX"):
        for t in toks:
            if t.pos_ == pos and t.lower_ not in ("would", "will", "could", "should", "did", "does"):
                return t
    return toks[0]


def is_negated(token: Token, cue: CueMatch, text: str, span_start: int, lexicon: Lexicon | None = None) -> bool:
    """True when the cue's own clause negates it ("did not back"), unless the cue already says so."""
    if _NEGATION.search(cue.text) or (lexicon is not None and lexicon.has("negations", cue.text)):
        return False
    head = token
    for _ in range(2):
        if any(c.dep_ == "neg" for c in head.children):
            return True
        if head.dep_ in ("xcomp", "acomp", "amod") and head.head.i != head.i:
            head = head.head
        else:
            break
    window = text[max(span_start, cue.start - 18):cue.start]
    return bool(re.search(r"\b(?:not|n't|never|no longer)\s+(?:\w+\s+)?$", window, re.I))


def clause_bounds(sentence: Sentence, char: int) -> tuple[int, int]:
    """Character span of the clause around ``char``: clauses split at ';', ':' and 'while'."""
    text = doc_text(sentence.span.doc)
    begin, end = sentence.start, sentence.end
    for m in _CLAUSE_BREAK.finditer(text, sentence.start, sentence.end):
        if m.end() <= char:
            begin = m.end()
        elif m.start() >= char:
            end = m.start()
            break
    return begin, end


def pick_issue(cue: CueMatch, token: Token, hits: list[IssueHit], sentence: Sentence,
               excluded: tuple[int, int] | None = None) -> IssueHit | None:
    """The issue a cue is about: in its clause, never one that only dates it ("after a ceasefire")
    or sits in a stated precondition ("only if the others give guarantees"), and the nearest."""
    if excluded is not None:
        hits = [h for h in hits if not excluded[0] <= sentence.span.doc[h.start].idx < excluded[1]]
    if not hits:
        return None
    lo, hi = clause_bounds(sentence, cue.start)
    doc = sentence.span.doc

    def in_clause(h: IssueHit) -> bool:
        return lo <= doc[h.start].idx < hi

    def distance(h: IssueHit) -> float:
        d = doc[h.start].idx - cue.end if doc[h.start].idx >= cue.end else (cue.start - doc[h.start].idx) * 1.5
        return d

    pool = [h for h in hits if in_clause(h) and not h.temporal]
    # "the plan for foreign contingents": the issue is what the plan is for
    pool = [h for h in pool if not any(
        o.start > h.end and o.start - h.end <= 2 and doc[h.end].lower_ in ("for", "on", "of") for o in pool)]
    if not pool:
        return None
    # "foreign troops could not provide guarantees": the subject being judged is the issue
    subjects = [c for t in (token, token.head) for c in t.children if c.dep_ in ("nsubj", "nsubjpass")]
    subject_ids = {t.i for s in subjects for t in s.subtree}
    judged = [h for h in pool if h.start in subject_ids]
    if judged and cue.group in ("oppose", "support") and token.pos_ in ("VERB", "AUX", "ADJ"):
        return min(judged, key=distance)
    if token.pos_ == "VERB" and any(c.dep_ in ("dobj", "ccomp") for c in token.children):
        # a verb with its own object is about that object: "proposed talks ..." is not about a truce
        # mentioned later in the sentence
        own = {t.i for t in token.subtree} - {t.i for c in token.children if c.dep_ in ("conj", "advcl", "cc")
                                              for t in c.subtree}
        pool = [h for h in pool if h.start in own] or [h for h in pool if h.start in subject_ids]
        if not pool:
            return None
    subtree = {t.i for t in token.head.subtree} if token.head is not None else set()
    inside = [h for h in pool if h.start in subtree]
    return min(inside or pool, key=distance)


def condition_text(lexicon: Lexicon, sentence: Sentence, cue: CueMatch) -> str:
    """The precondition stated around a cue ("provided Russia did the same"), or ''."""
    text = doc_text(sentence.span.doc)
    m = lexicon.first("conditions", text, sentence.start, sentence.end)
    if m is None:
        return ""
    lo, hi = clause_bounds(sentence, cue.start)
    if (m.start() < lo - 2 or m.start() > hi + 4) and not re.match(r"(?i)if ", m.group(0)):
        # a condition in another clause belongs to that clause's stance
        return ""
    if _inside_other_argument(sentence, cue, m.start()):
        return ""
    tail = text[m.end():sentence.end]
    stop = re.search(r"[;.]|,\s*(?:and|but|while|he|she|they)\b|\u201d|\"", tail)
    clause = tail[:stop.start()] if stop else tail
    return (m.group(0) + clause).strip(" ,")


def _inside_other_argument(sentence: Sentence, cue: CueMatch, at: int) -> bool:
    """"Urged allies to commit, arguing that no deal would hold unless troops stood behind it": the
    "unless" belongs to the argument, a clause of its own verb, not to the stance."""
    marker = next((t for t in sentence.span if t.idx >= at), None)
    cue_tok = cue_token(sentence.span, cue)
    if marker is None or cue_tok is None:
        return False
    for verb in (t for t in marker.ancestors if t.pos_ in ("VERB", "AUX")):
        if verb.i in (cue_tok.i, cue_tok.head.i):
            return False
        if verb.dep_ in ("advcl", "ccomp") and verb.head.lemma_ in ("argue", "say", "warn", "add", "insist"):
            return True
    return False


_WHETHER = re.compile(
    r"\b(?:not (?:yet )?(?:say|said|decided|clear)|unclear|no one knew|weighing|undecided (?:on|about)) whether\b",
    re.I)
# Nouns that are a stance in themselves ("signaled support", "one of its strongest backers").
_STANCE_NOUN = re.compile(r"(?:support|backers?|supporters?|champions?|advocates?|opposition|opponents?)$", re.I)
# Prepositions that introduce what a stance is about; others ("within", "after", "in") only set the scene.
_OBJECT_PREPS = {"for", "on", "to", "against", "about", "with", "of", "over", "behind", "into"}


def _is_bare(token: Token, cue: CueMatch) -> bool:
    """A cue with no object of its own ("signaled support", "remain opposed") points at the topic."""
    if token.dep_ in ("relcl", "acl"):
        return False  # "an offer Kyiv dismissed": the noun it describes is what it is about
    inside = [c for c in token.children if cue.start <= c.idx < cue.end]
    outside = [c for c in token.children if not cue.start <= c.idx < cue.end]
    if any(g.dep_ in ("dobj", "ccomp", "pobj") and not cue.start <= g.idx < cue.end
           for c in inside for g in c.children):
        return False
    light = [c for c in outside if c.dep_ == "xcomp" and c.lemma_ in ("go", "do", "follow", "join", "agree")
             and not any(g.dep_ in ("dobj", "prep") for g in c.children)]
    objects = [c for c in outside if c not in light and (
        c.dep_ in ("dobj", "xcomp", "ccomp", "pobj", "attr")
        or c.dep_ == "prep" and c.lower_ in _OBJECT_PREPS)]
    if objects:
        return False
    # "counting on Washington's signals": the cue's preposition has an object of its own
    return not any(g.dep_ == "pobj" for c in inside for g in c.children)


def _between(text: str, a: int, b: int) -> str:
    return text[min(a, b):max(a, b)]


_DOCUMENT_REF = re.compile(r"\b(?:the|this|that) (?:text|draft|document|blueprint|framework|proposals?)\b", re.I)
_DOCUMENT_NOUNS = re.compile(r"^(?:plan|draft|proposal|text|document|blueprint|framework|deal|agreement|"
                             r"counter-draft|proposals)$", re.I)


def describes_proposal(sentence: Sentence, follows_proposal: bool = False) -> bool:
    """"The plan would have Ukraine withdraw...": a sentence whose subject is a document states its
    provisions, not anyone's position ("it will never join NATO" is the draft's clause)."""
    roots = [t for t in sentence.span if t.dep_ == "ROOT"]
    for root in roots:
        for subj in (c for c in root.children if c.dep_ in ("nsubj", "nsubjpass")):
            if _DOCUMENT_NOUNS.match(subj.lemma_) or _DOCUMENT_NOUNS.match(subj.lower_):
                dets = {c.lower_ for c in subj.children if c.dep_ in ("det", "poss")}
                if dets & {"the", "this", "that", "its"} or not dets:
                    return True
            if follows_proposal and subj.lower_ == "it":
                return True
        if follows_proposal and any(c.dep_ == "aux" and c.lower_ == "would" for c in root.children) and not any(
                t.lemma_ in ("say", "tell", "add", "warn", "argue") for t in sentence.span):
            # the draft's clauses continue in the conditional mood: "Ukraine's forces would be capped..."
            return True
    return False


def read_sentence(
    sentence: Sentence,
    refs: list[ActorRef],
    hits: list[IssueHit],
    topic: str | None,
    lexicon: Lexicon,
    quote_speaker: list[ActorRef] | None = None,
    follows_proposal: bool = False,
    document_topic: str | None = None,
) -> list[Frame]:
    """All stance frames of one sentence."""
    span = sentence.span
    text = doc_text(span.doc)
    doc = span.doc
    frames: list[Frame] = []
    proposal = describes_proposal(sentence, follows_proposal)
    cues = lexicon.cues(text, sentence.start, sentence.end)
    cues += _condition_cues(lexicon, sentence, cues)
    # an actor named inside an issue's own name ("Multinational Force Ukraine") is not a party
    refs = [r for r in refs if not any(h.start <= r.start < h.end for h in hits)]
    cond = lexicon.first("conditions", text, sentence.start, sentence.end)
    # "has not said whether it would provide air cover": what follows is left open, not stated
    open_question = _WHETHER.search(text, sentence.start, sentence.end)
    if open_question:
        cues = [c for c in cues if c.start < open_question.end() or c.group not in ("support", "oppose")]
    # a cue word inside an issue's own name ("behind the back", "backstop") is not a stance
    cues = [c for c in cues
            if not any(h.absent and doc[h.start].idx <= c.start < doc[h.end - 1].idx + len(doc[h.end - 1])
                       for h in hits)]
    for cue in cues:
        token = cue_token(span, cue)
        if token is None:
            continue
        if token.pos_ == "NOUN" and token.head.lemma_ in ("withhold", "withdraw", "lose", "seek", "win"):
            # "might withhold his support", "sought support": no stance stated
            continue
        if token.pos_ == "NOUN" and token.dep_ in ("oprd", "attr", "dobj") and token.head.lemma_ in (
                "call", "describe", "brand", "label", "dismiss"):
            # "officials called his answer a refusal": a verdict on someone else's stance
            continue
        if proposal and not any(c.dep_ == "poss" for c in token.children):
            # only an owned stance ("reflecting Moscow's red line") survives in a provision's sentence
            continue
        if cue.group in ("support", "oppose") and token.pos_ in ("ADV", "ADP", "PART", "DET") \
                and " " not in cue.text.strip():
            continue
        stance = cue.stance
        if cue.group in ("support", "oppose") and is_negated(token, cue, text, sentence.start, lexicon):
            # "did not back" is opposition; "will not oppose" or "did not object" lets it pass (support);
            # other negated refusals ("not unacceptable") leave the question open
            stance = "oppose" if stance == "support" else (
                "support" if _ACQUIESCE.search(cue.text) else "undecided")
        holders, how = find_holders(token, refs, span)
        if not holders and quote_speaker:
            holders, how = quote_speaker, "quote"
        if not holders:
            continue
        excluded = None
        if cond is not None and cue.group != "conditions" and cond.start() > cue.start:
            excluded = (cond.start(), clause_bounds(sentence, cond.start())[1])
        if cue.group == "conditions":
            # the precondition's own clause is the condition; the issue is what it is attached to
            before = [h for h in hits if not h.temporal and doc[h.start].idx < cue.start]
            hit = before[-1] if before else None
        else:
            hit = pick_issue(cue, token, hits, sentence, excluded)
        issue_from = "sentence"
        distance = 0
        if hit is None and _is_bare(token, cue):
            # "A backs the force, while B remains opposed": a bare cue shares its sentence's issue
            others = [h for h in hits if not h.temporal]
            if others:
                hit = min(others, key=lambda h: abs(doc[h.start].idx - cue.start))
        if hit is None:
            bare = _is_bare(token, cue) and (token.pos_ in ("VERB", "AUX") or _STANCE_NOUN.search(cue.text)
                                             or cue.group in ("undecided", "conditions", "flip_to_undecided"))
            if cue.group == "conditions" and hits:
                bare = False  # a condition in a sentence about another issue is not about the topic
            if document_topic and _DOCUMENT_REF.search(text, sentence.start, sentence.end):
                # "rather than reject the text": a document points back at the proposal under discussion
                issue, issue_from, distance = document_topic, "topic", 99
            elif not topic or not (bare or IssueMatcher.refers_back(span)):
                continue
            else:
                issue, issue_from, distance = topic, "topic", 99
        else:
            issue = hit.issue
            distance = abs(doc[hit.start].idx - cue.start)
            if stance in ("support", "oppose"):
                window = _between(text, cue.end, doc[hit.start].idx) if doc[hit.start].idx > cue.end \
                    else _between(text, doc[hit.end - 1].idx, cue.start)
                governor = doc[hit.start].head
                if governor.dep_ == "prep" and governor.head.i != governor.i:
                    governor = governor.head  # "any easing of sanctions"
                # "sanctions will not be lifted": the cue's own verb reverses; "dropped his demand" does not
                own = cue.text if re.search(r"\bbe\b", cue.text) else ""
                flips = int(hit.absent) + int(lexicon.has("reversers", window + " " + own + " " + governor.text))
                if hit.absent and re.search(r"\b(?:not|never|no)\b", window):
                    flips += 1
                if flips % 2:
                    stance = "oppose" if stance == "support" else "support"
        condition = ""
        if cue.group == "conditions":
            condition = condition_text(lexicon, sentence, cue)
        elif stance in ("support", "undecided"):
            condition = condition_text(lexicon, sentence, cue)
            if condition:
                stance = "conditional"
        red = stance == "oppose" and lexicon.has("red_line", text[sentence.start:sentence.end])
        hypo = lexicon.has("hypothetical", text[cue.start - 30 if cue.start > 30 else 0:cue.end + 40])
        conf = 0.9 if how == "subject" else 0.75
        if issue_from == "topic":
            conf -= 0.15
        if stance == "oppose" and _own_part(token):
            # "Polish soldiers would not go": a limit on its own part, weaker than a stance on the issue
            conf -= 0.3
        for holder in holders:
            if not holder.governing:
                continue
            frames.append(Frame(holder, issue, stance, cue, how, condition, red, hypo, issue_from,
                                round(conf - (0.05 if holder.kind in ("pronoun", "anaphora") else 0), 2),
                                distance))
    frames.extend(_exchange_frames(sentence, refs, hits, frames))
    if not proposal:
        frames.extend(_authored_frames(sentence, refs, hits))
    return _resolve_conflicts(frames)


_EXCHANGE = re.compile(
    r"\b(?:as the price (?:of|for)|in return for|in exchange for|as a (?:pre)?condition (?:of|for))\b", re.I)


def _exchange_frames(sentence: Sentence, refs: list[ActorRef], hits: list[IssueHit],
                     frames: list[Frame]) -> list[Frame]:
    """"X demanded A as the price of a truce": X supports A, and its stance on the truce is conditional."""
    text = doc_text(sentence.span.doc)
    m = _EXCHANGE.search(text, sentence.start, sentence.end)
    if m is None:
        return []
    doc = sentence.span.doc
    after = [h for h in hits if doc[h.start].idx >= m.end()]
    out: list[Frame] = []
    for f in frames:
        if f.cue.start < m.start() and f.issue not in {h.issue for h in after}:
            if f.stance == "conditional":
                f.stance, f.condition = "support", ""
            for h in after[:1]:
                cond = text[m.start():sentence.end].rstrip(". ")
                out.append(Frame(f.holder, h.issue, "conditional", CueMatch("conditions", m.start(), m.end(),
                                 m.group(0)), f.how, cond, False, True, "sentence", f.confidence, 0))
    return out


_ABANDON = re.compile(r"^(?:drop|abandon|withdraw|scrap|shelve|reject|dismiss|ditch)$", re.I)
_AUTHORED = re.compile(r"^(?:proposal|plan|offer|call|demand|initiative|push|bid|idea)s?$", re.I)
_AUTHORED_PREPS = ("for", "of", "on")


def _authored_frames(sentence: Sentence, refs: list[ActorRef], hits: list[IssueHit]) -> list[Frame]:
    """"An American proposal for a ceasefire", "her plan for guarantees": the author supports it."""
    out: list[Frame] = []
    doc = sentence.span.doc
    for tok in sentence.span:
        if not _AUTHORED.match(tok.lower_):
            continue
        owners = [r for c in tok.children if c.dep_ in ("poss", "amod", "compound")
                  for r in refs if r.start <= c.i < r.end and r.kind not in ("anaphora",)]
        if not owners or _ABANDON.match(tok.head.lemma_):
            # "Trump dropped his demand for a ceasefire" is no longer the author's position
            continue
        fors = [c for c in tok.children if c.dep_ == "prep" and c.lower_ in _AUTHORED_PREPS]
        if not fors:
            continue
        span_ids = {t.i for t in fors[0].subtree}
        target = [h for h in hits if h.start in span_ids and not h.temporal]
        if not target:
            continue
        cue = CueMatch("support", tok.idx, tok.idx + len(tok.text), doc[tok.i].text)
        for owner in owners[:1]:
            out.append(Frame(owner, target[0].issue, "support", cue, "author", "", False, True, "sentence", 0.8, 0))
    return out


_ACQUIESCE = re.compile(r"\b(?:oppos|object|block|veto|resist|reject)\w*", re.I)
_OWN_FORCES = re.compile(r"^(?:soldiers?|troops?|units?|forces?|contingents?|personnel)$", re.I)


def _own_part(token: Token) -> bool:
    """"Polish soldiers would not go", "will not send troops": a limit on one's own part."""
    subj = [c for t in (token, token.head) for c in t.children if c.dep_ in ("nsubj", "nsubjpass")]
    objs = [c for c in token.children if c.dep_ == "dobj"]
    return any(_OWN_FORCES.match(t.lemma_) or _OWN_FORCES.match(t.lower_) for t in subj + objs)


def _condition_cues(lexicon: Lexicon, sentence: Sentence, cues: list[CueMatch]) -> list[CueMatch]:
    """A stated precondition is itself a stance cue ("the truce would not begin until...")."""
    text = doc_text(sentence.span.doc)
    out: list[CueMatch] = []
    for pattern in lexicon.patterns.get("conditions", []):
        for m in pattern.finditer(text, sentence.start, sentence.end):
            if any(c.start < m.end() and m.start() < c.end for c in cues):
                continue
            lo, hi = clause_bounds(sentence, m.start())
            if any(lo <= c.start < hi or c.stance in ("support", "undecided") for c in cues):
                continue
            out.append(CueMatch("conditions", m.start(), m.end(), m.group(0)))
    return out


_PREFERENCE = {"conditional": 0, "undecided": 1, "oppose": 2, "support": 3}


def _resolve_conflicts(frames: list[Frame]) -> list[Frame]:
    """One stance per holder and issue per sentence: the cue read from the sentence itself wins,
    then the more specific stance (conditional, undecided) over plain support or opposition."""
    best: dict[tuple[str, str], Frame] = {}
    for f in frames:
        key = (f.holder.actor, f.issue)
        cur = best.get(key)
        if cur is None:
            best[key] = f
            continue
        rank_f = (f.issue_from != "sentence", f.how != "subject", f.distance, _PREFERENCE[f.stance])
        rank_c = (cur.issue_from != "sentence", cur.how != "subject", cur.distance, _PREFERENCE[cur.stance])
        if rank_f < rank_c:
            best[key] = f
    return list(best.values())
