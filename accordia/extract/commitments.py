"""Commitments: what an actor pledges to put in (troops, money, equipment...), where and on what terms.

A commitment needs a pledging verb ("send", "commit", "offer", "pledge", "ready to put") and an
object that says what is given ("soldiers", "EUR 3bn", "two frigates", "air surveillance"). A
refusal ("would not send troops") is a stance, not a commitment, and is left to the stance rules.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Token

from accordia.extract.document import Sentence, doc_text
from accordia.extract.holders import find_holders
from accordia.extract.mentions import ActorRef
from accordia.extract.quantities import QuantitySpan

PLEDGE = re.compile(
    r"\b(?:(?:ready|willing|prepared|stand(?:s|ing)? ready|stood ready) (?:and willing )?to |"
    r"(?:has|have|had) |would |will |could )?"
    r"(?:send\w*|sent|commit\w*|deploy\w*|contribut\w*|offer\w*|pledg\w*|provid\w*|put\w*|lend\w*|"
    r"pa(?:y|ys|id|ying)|hand\w* over|announc\w*|unveil\w*|dispatch\w*|station\w*|operate|take part|"
    r"be (?:present|responsible)|back the effort|lead|train(?:s|ed|ing)?|serv(?:e|es|ed|ing) as|"
    r"help (?:to )?(?:secure|protect|defend|guard|patrol|monitor|rebuild|train))\b", re.I)
_TRAINEES = re.compile(r"\btrain(?:ing)? (?:\w+ ){0,2}(?:forces|soldiers|troops|army|recruits)\b", re.I)


def _negated_chain(token: Token) -> bool:
    """"Sending soldiers had never been on the agenda": a negation on any governing verb."""
    tok = token
    for _ in range(4):
        if any(c.dep_ == "neg" for c in tok.children):
            return True
        if tok.head.i == tok.i or tok.dep_ == "conj":
            return False  # "will not send troops but will serve as a hub": the second verb is not negated
        tok = tok.head
    return False
# Verbs that only pledge when money is named with them ("Canada announced CAD 4.3bn").
MONEY_ONLY = re.compile(r"^(?:announc|unveil|pa[iy])", re.I)

# Object words -> commitment kind. Checked in order; the first kind found in the pledge's reach wins.
KINDS: list[tuple[str, re.Pattern[str]]] = [
    ("air-policing", re.compile(r"\b(?:planes in the air|air (?:surveillance|policing|support|cover)|"
                                r"by air|fighter jets?|jets? to patrol|secure (?:its|the) skies)\b", re.I)),
    ("troops", re.compile(r"\b(?:troops?|soldiers?|boots on the ground|(?<!armed )(?<!own )forces|units?|contingents?|"
                          r"company(?:-sized)?|battalions?|brigades?|personnel|operate on Ukrainian soil|"
                          r"(?:reassurance|multinational|peacekeeping|stabilisation) force|"
                          r"present on land)\b", re.I)),
    ("training", re.compile(r"\b(?:train\w*|instructors?)\b", re.I)),
    ("logistics", re.compile(r"\b(?:logistics?|logistical|hub)\b", re.I)),
    ("intelligence", re.compile(r"\bintelligence\b", re.I)),
    ("equipment", re.compile(r"\b(?:missiles?|drones?|ammunition|vehicles?|frigates?|minehunters?|"
                             r"ships?|tanks?|air[- ]defen[cs]e|weapons?|F-16s?|Patriots?|equipment)\b",
                             re.I)),
]
NEGATED = re.compile(r"\b(?:not|never|no|ruled? out|ruling out|refus\w*|reject\w*|declin\w*)\b(?:\s+\w+){0,2}\s*$",
                     re.I)
TEMPORAL_CONDITION = re.compile(
    r"\b(?:once [^,.;]+|after (?:a|the) (?:ceasefire|peace deal|war|truce)[^,.;]*|the day after [^,.;]+|"
    r"within days of [^,.;]+|as soon as [^,.;]+|when the (?:war|fighting) [^,.;]+|"
    r"if (?:that was |it was )?needed[^,.;]*|provided [^,.;]+|only if [^,.;]+|in the event of [^,.;]+|"
    r"not (?:be deployed )?on the front line|(?:would )?not (?:fight|deploy) on the front line)", re.I)


@dataclass
class CommitmentReading:
    actor: str
    kind: str
    places: list[str]
    conditions: list[str]
    amount: QuantitySpan | None
    cue: str
    how: str
    hypothetical: bool
    span: tuple[int, int] = (0, 0)  # document offsets of the pledge and its object


def read_commitments(
    sentence: Sentence,
    refs: list[ActorRef],
    quantities: list[QuantitySpan],
    place_names: set[str],
    issue_spans: list[tuple[int, int]] | None = None,
) -> list[CommitmentReading]:
    span = sentence.span
    text = doc_text(span.doc)
    out: list[CommitmentReading] = []
    # an actor inside an issue's name ("Multinational Force Ukraine") pledges nothing
    refs = [r for r in refs if not any(a <= r.start < b for a, b in issue_spans or [])]
    for m in _LED_BY.finditer(text, sentence.start, sentence.end):
        before = text[max(sentence.start, m.start() - 60):m.start()]
        if re.search(r"\bforce\b|\bmission\b", before, re.I):
            stop = re.search(r"[,;.]|\bwould\b|\bwill\b", text[m.end():sentence.end])
            hi = m.end() + stop.start() if stop else sentence.end
            for r in refs:
                if m.end() <= span.doc[r.start].idx < hi and r.kind not in ("pronoun", "person"):
                    out.append(CommitmentReading(r.actor, "troops", _places(text[m.end():sentence.end], place_names),
                                                 [], None, m.group(0), "subject", True))
    for m in PLEDGE.finditer(text, sentence.start, sentence.end):
        if NEGATED.search(text[max(sentence.start, m.start() - 20):m.start()]):
            continue
        reach_end = _reach(text, m.end(), sentence.end)
        # those being trained are not troops sent ("train Ukrainian forces")
        reach = _TRAINEES.sub(" training ", text[m.start():reach_end])
        kinds = [k for k, pat in KINDS if pat.search(reach)]
        money = [q for q in quantities if q.kind == "money" and m.start() <= q.start + sentence.start < reach_end]
        if MONEY_ONLY.match(m.group(0).split()[-1]):
            kinds = []
        if money and "troops" in kinds and not re.search(r"\blead", m.group(0), re.I) and not re.search(
                r"\b(?:troops?|soldiers?|boots|units?|contingents?|personnel)\b", reach, re.I):
            kinds.remove("troops")  # "EUR 500m for the reassurance force" funds the force, sends no one
        if money and "money" not in kinds:
            kinds.insert(0, "money")
        if not kinds:
            continue
        first = next((t for t in span if t.idx >= m.start()), None)
        token = next((t for t in span if m.start() <= t.idx < m.end() and t.pos_ in ("VERB", "AUX", "ADJ")), None)
        if first is None or first.pos_ in ("NOUN", "PROPN") or token is None or \
                token.dep_ in ("acl", "pcomp", "amod", "pobj", "csubj"):
            # "troops sent to Ukraine", "a discussion about deploying troops", "the deployment of":
            # no one pledges here
            continue
        if _negated_chain(token):
            continue
        holders, how = find_holders(token, refs, span)
        if not holders:
            continue
        places = _places(reach, place_names)
        conditions = [c.group(0).strip() for c in TEMPORAL_CONDITION.finditer(text, sentence.start, sentence.end)]
        hypothetical = bool(re.search(r"\b(?:would|could|once|after|if)\b", text[sentence.start:sentence.end]))
        for kind in kinds[:2]:
            amount = money[0] if kind == "money" and money else _personnel(quantities, kind)
            for holder in holders:
                if not holder.governing:
                    continue
                out.append(CommitmentReading(holder.actor, kind, places, conditions, amount, m.group(0), how,
                                             hypothetical, (m.start(), reach_end)))
    out.extend(_contributions(sentence, refs, quantities, place_names))
    return _dedupe(out)


_CONTRIBUTION = re.compile(r"\b(?:contribution|pledge|offer) of\s+", re.I)
_TENTATIVE = re.compile(r"\b(?:would|could|might|may|spoken of|talk(?:ed)? of|possible|consider\w*|float\w*)\b",
                        re.I)


def _contributions(sentence: Sentence, refs: list[ActorRef], quantities: list[QuantitySpan],
                   place_names: set[str]) -> list[CommitmentReading]:
    """"A British contribution of up to 10,000 troops": a pledge by the actor named on the noun, with
    its amount, even without a pledging verb. Talk of one ("officials have spoken of") is hypothetical."""
    span = sentence.span
    text = doc_text(span.doc)
    out: list[CommitmentReading] = []
    for m in _CONTRIBUTION.finditer(text, sentence.start, sentence.end):
        amount = next((q for q in quantities if q.kind in ("personnel", "money")
                       and m.end() <= q.start + sentence.start <= m.end() + 3), None)
        if amount is None:
            continue
        owners = [r for r in refs if r.kind not in ("pronoun", "person", "anaphora")
                  and max(sentence.start, m.start() - 30) <= span.doc[r.start].idx < m.start()]
        if not owners or NEGATED.search(text[max(sentence.start, m.start() - 30):m.start()]):
            continue
        kind = "troops" if amount.kind == "personnel" else "money"
        reach = text[m.start():_reach(text, m.end(), sentence.end)]
        conditions = [c.group(0).strip() for c in TEMPORAL_CONDITION.finditer(text, sentence.start, sentence.end)]
        out.append(CommitmentReading(owners[-1].actor, kind, _places(reach, place_names), conditions, amount,
                                     m.group(0).strip(), "subject",
                                     bool(_TENTATIVE.search(text[sentence.start:sentence.end])),
                                     (m.start(), m.start() + len(reach))))
    return out


_LED_BY = re.compile(r"\b(?:led|co-led|headed|commanded) by\b", re.I)
_TROOP_NOUN = re.compile(r"^(?:soldier|troop|unit|contingent|force|personnel|sailor|pilot|instructor)s?$", re.I)
_DEPLOY = re.compile(r"\b(?:deploy\w*|includ\w*|station\w*|bas(?:e|ed)|send|sent|go|join\w*|serv\w*|patrol\w*|"
                     r"take part|be part)\b", re.I)
_NEGATIVE = re.compile(r"\b(?:not|never|no|nor|neither|without)\b", re.I)


def read_contingents(sentence: Sentence, refs: list[ActorRef], place_names: set[str]) -> list[CommitmentReading]:
    """"A force that would include French, British and Turkish soldiers deployed in Kyiv": each
    nationality named on the troops is a troop contribution, unless the clause refuses it."""
    span = sentence.span
    text = doc_text(span.doc)
    body = text[sentence.start:sentence.end]
    if not _DEPLOY.search(body):
        return []
    out: list[CommitmentReading] = []
    for tok in span:
        if not _TROOP_NOUN.match(tok.lower_):
            continue
        mods = [c for c in tok.children if c.dep_ in ("amod", "compound", "nmod")]
        for m in list(mods):
            mods.extend(c for c in m.subtree if c.dep_ == "conj")
        actors = [r for r in refs for m in mods if r.start <= m.i < r.end and r.kind == "demonym"]
        if not actors:
            continue
        governors = [tok.head] + [c for c in tok.children if c.dep_ in ("acl", "relcl")]
        if not any(_DEPLOY.match(g.lemma_) or _DEPLOY.match(g.text) for g in governors):
            continue
        clause_start = max((t.idx for t in span if t.i < tok.i and t.text in (";", ":")), default=sentence.start)
        window = text[clause_start:min(sentence.end, tok.idx + 80)]
        if _NEGATIVE.search(window):
            continue
        places = _places(text[tok.idx:sentence.end], place_names)
        conditions = [c.group(0).strip() for c in TEMPORAL_CONDITION.finditer(text, sentence.start, sentence.end)]
        for ref in actors:
            out.append(CommitmentReading(ref.actor, "troops", places, conditions, None, tok.text, "contingent",
                                         bool(re.search(r"\b(?:would|could|once|future)\b", body))))
    return _dedupe(out)


def _reach(text: str, start: int, limit: int) -> int:
    """How far a pledge verb's object runs: to the next clause break."""
    stop = re.search(r"[;]|,\s*(?:while|but|and|he said|she said)\b|\.\s", text[start:limit])
    return start + stop.start() if stop else limit


# A place is where something is deployed only when it follows one of these prepositions, and the word
# before the preposition is not a meeting ("talks in Berlin") or a source ("supported by Washington").
_PLACE_PREPOSITION = re.compile(r"(?:^|[\s,])(?P<word>[\w'-]+)\s+(?:in|to|into|across|at|over|on|inside|throughout|"
                                r"near|along)\s+(?:(?:places|cities|areas|regions|sites) such as\s+|key\s+|"
                                r"strategic places in\s+)?$", re.I)
_NOT_DEPLOYMENT = re.compile(r"^(?:talks?|meetings?|met|meet|summits?|conferences?|visits?|visited|said|says|"
                             r"spoke|speaking|gathered|held|hosted|negotiations?|discussions?|calls?|told|"
                             r"statement|announced|from|briefing|press)$", re.I)
_DEPLOYMENT_WORDS = re.compile(r"\b(?:deploy\w*|send\w*|sent|station\w*|bas(?:e|ed|ing)|patrol\w*|troops?|soldiers?|"
                               r"forces?|contingents?|units?|presence|boots|ground|personnel|ships?|jets?|"
                               r"commit\w*|secur\w*|protect\w*|guard\w*|monitor\w*|clearance|operat\w*|"
                               r"missions?|hub|train\w*)\b", re.I)


def _places(reach: str, place_names: set[str]) -> list[str]:
    """Places something is deployed to: "based in Ukraine", "deployed in places such as Lviv and Kharkiv".

    A place named for another reason ("after talks in Berlin", "supported by Washington", "offered
    Ukraine guarantees") is not a deployment place.
    """
    names = sorted(place_names, key=len, reverse=True)
    found: list[str] = []
    for name in names:
        for m in re.finditer(r"\b" + re.escape(name) + r"\b", reach):
            head = _list_head(reach, m.start(), names)
            if head is None:
                continue
            before = reach[:head]
            prep = _PLACE_PREPOSITION.search(before)
            clause = re.split(r"[,;]\s*(?=\w)", before[:prep.start()] if prep else "")[-1] if prep else ""
            if prep is None or _NOT_DEPLOYMENT.match(prep["word"]) or not (
                    _DEPLOYMENT_WORDS.search(clause) or _DEPLOYMENT_WORDS.match(prep["word"])):
                continue
            if name not in found:
                found.append(name)
            break
    return sorted(found, key=lambda n: reach.find(n))


def _list_head(reach: str, start: int, names: list[str]) -> int | None:
    """Where the list of places that ``start`` belongs to begins ("Lviv and Kharkiv" for Kharkiv)."""
    pos = start
    if reach[:pos].lower().endswith("the "):
        pos -= 4
    while True:
        link = re.search(r"(?:,\s*(?:and\s+)?|\s+and\s+|\s+or\s+)$", reach[:pos])
        if link is None:
            return pos
        prev = next((n for n in names if reach[:link.start()].endswith(n)), None)
        if prev is None:
            return pos
        pos = link.start() - len(prev)
        if reach[:pos].lower().endswith("the "):
            pos -= 4


def _personnel(quantities: list[QuantitySpan], kind: str) -> QuantitySpan | None:
    if kind != "troops":
        return None
    return next((q for q in quantities if q.kind == "personnel"), None)


def _dedupe(readings: list[CommitmentReading]) -> list[CommitmentReading]:
    seen: dict[tuple[str, str], CommitmentReading] = {}
    for r in readings:
        seen.setdefault((r.actor, r.kind), r)
    return list(seen.values())
