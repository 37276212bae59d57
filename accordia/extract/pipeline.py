"""The extractor: runs the readers of this package over one article, sentence by sentence.

Reading order matters: the paragraph's topic ("the idea" -> the issue named before), the last
speaker (a quote continued in the next sentence) and the people met so far all carry forward.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path

from accordia.extract.candidates import read_candidates
from accordia.extract.commitments import CommitmentReading, read_commitments, read_contingents
from accordia.extract.document import CHUNK_CHARS, Document, Sentence, mask_dateline, pieces, prepare
from accordia.extract.events import read_events
from accordia.extract.holders import COLLECTIVE_ACTOR, speaker_of
from accordia.extract.issues import IssueHit, IssueMatcher
from accordia.extract.lexicon import CueMatch, Lexicon, default_lexicon
from accordia.extract.mentions import ActorRef, MentionResolver
from accordia.extract.merge import add_piece, settle
from accordia.extract.nlp import ACTOR_LABEL, load_pipeline
from accordia.extract.pairs import CandidateBuilder, PairCandidate, SentenceContext
from accordia.extract.quantities import QuantitySpan, find_quantities
from accordia.extract.stance import Frame, clause_bounds, describes_proposal, read_sentence
from accordia.extract.stance_model import KEEP_FLOOR, StanceModel, load_default_model
from accordia.extract.structure import group_aliases, read_groups, read_provisions, read_rules
from accordia.extract.timex import find_dates
from accordia.facts import (
    Article,
    ArticleFacts,
    CandidateIssue,
    Commitment,
    DecisionRule,
    Event,
    Membership,
    Mention,
    Person,
    Position,
    Provision,
    Quantity,
    RedLine,
)
from accordia.reference import Reference, default_reference

#: Bumped whenever a rule changes what is extracted; stored with every fact.
EXTRACTOR_VERSION = "0.5.0"

# An article must name the process this often before its stances count (keeps off-topic stories out).
MIN_ISSUE_MENTIONS = 2
_OPEN_QUOTE = re.compile(r"^[\"“‘']")
# A joint text and the list of who put their names to it.
_SIGNED = re.compile(r"\b(?:signed by|signatories|joint statement|joint declaration|(?:statement|declaration|"
                     r"letter) (?:was )?(?:agreed|issued|signed|released) by|the leaders of)\b", re.I)



@dataclass
class _State:
    """What reading carries from one sentence to the next."""

    topic: str | None = None
    topic_paragraph: int = -1
    topic_group: str | None = None
    topic_proposal: str | None = None
    last_speaker: list[ActorRef] = field(default_factory=list)
    in_quote: bool = False
    signatories: list[str] = field(default_factory=list)
    follows_proposal: bool = False
    recent: list[str] = field(default_factory=list)  # issues named so far, most recent first


class Extractor:
    """Callable: ``Extractor()(article) -> ArticleFacts``. Build once; reuse for many articles."""

    version = EXTRACTOR_VERSION

    def __init__(self, reference: Reference | None = None, lexicon: Lexicon | None = None,
                 model: StanceModel | str | Path | None = "default") -> None:
        """``model``: the trained stance model ("default": the shipped one; a path; None: rules only)."""
        self.reference = reference or default_reference()
        self.gazetteer = self.reference.gazetteer
        self.codebook = self.reference.codebook
        self.lexicon = lexicon or default_lexicon()
        self.nlp = load_pipeline(self.gazetteer)
        self.issues = IssueMatcher(self.codebook)
        self.group_aliases = group_aliases(self.codebook)
        self.proposals = {i.id for i in self.codebook.issues if getattr(i, "proposal", False)}
        self.procedural = self.codebook.procedural()
        self.candidates = CandidateBuilder(self.lexicon, self.proposals)
        if isinstance(model, str) and model == "default":
            model = load_default_model()
            if model is not None and not model.fits(self.codebook.ids()):
                # the shipped model learned another codebook's issues: the rules decide until the user
                # trains one for theirs (``accordia train``)
                model = None
        elif isinstance(model, str | Path):
            model = StanceModel.load(model)
        self.model: StanceModel | None = model

    def __call__(self, article: Article | str, published: date | None = None) -> ArticleFacts:
        if isinstance(article, str):
            article = Article(text=article, published=published)
        if len(article.text) > CHUNK_CHARS:
            return self._read_in_pieces(article, article.published or published)
        document = prepare(article.text, self.nlp, article.published or published)
        return self._read(article, document)

    def _read_in_pieces(self, article: Article, published: date | None) -> ArticleFacts:
        """A long article, one piece at a time: only one piece's parse is ever in memory."""
        facts = ArticleFacts(article_id=article.id, published=published)
        for offset, text in pieces(article.text):
            document = prepare(text, self.nlp, published, dateline=offset == 0)
            add_piece(facts, self._read(replace(article, text=text), document), offset)
            del document
        return settle(facts)

    def pipe(self, articles: Iterable[Article], batch_size: int = 16) -> Iterator[ArticleFacts]:
        """Extract many articles, parsing them in batches (spaCy's ``pipe`` is faster than one by one).

        A batch holds at most ``CHUNK_CHARS`` characters in all, since spaCy works on a batch's
        texts together; an article longer than that is read alone, in pieces.
        """
        batch: list[Article] = []
        chars = 0
        for article in articles:
            size = len(article.text)
            if batch and (len(batch) >= batch_size or chars + size > CHUNK_CHARS):
                yield from self._batch(batch)
                batch, chars = [], 0
            if size > CHUNK_CHARS:
                yield self(article)
                continue
            batch.append(article)
            chars += size
        if batch:
            yield from self._batch(batch)

    def _batch(self, articles: list[Article]) -> Iterator[ArticleFacts]:
        docs = self.nlp.pipe([mask_dateline(a.text) for a in articles], batch_size=len(articles))
        for article, doc in zip(articles, docs, strict=True):
            yield self._read(article, prepare(article.text, self.nlp, article.published, doc))

    # ---------------------------------------------------------------------------------------------
    def read_candidates(self, article: Article) -> tuple[ArticleFacts, list[PairCandidate]]:
        """The rules' facts and every stance candidate of the article (what training learns from)."""
        document = prepare(article.text, self.nlp, article.published)
        candidates: list[PairCandidate] = []
        facts = self._read(article, document, candidates)
        return facts, candidates

    def _read(self, article: Article, document: Document,
              collect: list[PairCandidate] | None = None) -> ArticleFacts:
        facts = ArticleFacts(article_id=article.id, published=document.published)
        contexts: list[SentenceContext] = []
        issue_counts: dict[str, int] = defaultdict(int)
        resolver = MentionResolver(self.gazetteer, document)
        refs_by_sentence = resolver.resolve_all()
        state = _State()
        frames: list[tuple[Frame, Sentence]] = []
        commitments: list[tuple[CommitmentReading, Sentence, str]] = []
        issue_mentions = 0
        place_names = self._place_names(document)
        prev_hits: list[IssueHit] = []
        for sent in document.sentences:
            refs = refs_by_sentence.get(sent.index, [])
            hits = self.issues.find(sent.span)
            issue_mentions += sum(1 for h in hits if not h.temporal)
            if sent.paragraph - state.topic_paragraph > 2:
                state.topic = None
            speaker = speaker_of(sent.span, refs)
            quote_speaker = None
            if not speaker and (_OPEN_QUOTE.match(sent.text) or state.in_quote):
                quote_speaker = state.last_speaker
            self._note_signatories(sent, refs, state)
            topic = self._topic_for(sent, state)
            sentence_frames = read_sentence(sent, refs, hits, topic, self.lexicon,
                                            quote_speaker, state.follows_proposal, state.topic_proposal)
            contexts.append(SentenceContext(sent, refs, hits, topic, speaker, quote_speaker or [],
                                            sentence_frames, [], state.in_quote))
            for h in hits:
                if not h.temporal:
                    issue_counts[h.issue] += 1
            state.follows_proposal = describes_proposal(sent, state.follows_proposal)
            frames.extend((f, sent) for f in sentence_frames)
            quantities = find_quantities(sent.text)
            for q in quantities:
                facts.quantities.append(self._quantity(q, sent, hits, state.topic))
            spans = [(h.start, h.end) for h in hits]
            for reading in read_commitments(sent, refs, quantities, place_names, spans) + \
                    read_contingents(sent, refs, place_names):
                issue = self._commitment_issue(reading, hits, state.topic, sent)
                if issue:
                    commitments.append((reading, sent, issue))
            for rule in read_rules(sent, refs, hits, state.topic, speaker or quote_speaker or [], prev_hits,
                                   self.procedural):
                facts.decision_rules.append(DecisionRule(
                    rule.holder, rule.rule, rule.scope, sent.text,
                    sent.evidence(cue=rule.cue, rule="decision-rule", confidence=0.75)))
            for reading in read_candidates(sent, refs, hits, self.lexicon):
                facts.candidate_issues.append(CandidateIssue(reading.label, reading.actor, reading.stance,
                                                             sent.evidence(cue=reading.cue, rule="candidate-issue",
                                                                           confidence=0.6)))
            for ev in read_events(sent, refs, document.published):
                facts.events.append(Event(ev.kind, ev.what, ev.when, ev.participants, status=ev.status,
                                          evidence=sent.evidence(cue=ev.what, rule="event", confidence=0.7)))
            groups, state.topic_group = read_groups(sent, refs, self.group_aliases, state.topic_group)
            for g in groups:
                facts.memberships.append(Membership(g.group, g.member, g.role, sent.evidence(
                    cue=g.cue, rule="group-" + g.role, confidence=0.8)))
            for p in read_provisions(sent, hits, self.proposals, state.topic_proposal):
                facts.provisions.append(Provision(p.proposal, p.about, p.effect, sent.text, sent.evidence(
                    cue=p.cue, rule="provision-" + p.effect, confidence=0.7)))
            # carry forward
            real = [h for h in hits if not h.temporal]
            for h in real:
                if h.issue in state.recent:
                    state.recent.remove(h.issue)
                state.recent.insert(0, h.issue)
            if real:
                targeted = [f.issue for f in sentence_frames if f.issue_from == "sentence"]
                state.topic = targeted[-1] if targeted else real[-1].issue
                state.topic_paragraph = sent.paragraph
            elif sentence_frames:
                state.topic_paragraph = sent.paragraph
            props = [h.issue for h in hits if h.issue in self.proposals]
            if props:
                state.topic_proposal = props[-1]
            if speaker:
                state.last_speaker = speaker
            prev_hits = hits
            state.in_quote = _quote_open_at_end(sent.text, state.in_quote)
        frames.extend(_pledge_frames(commitments))
        # the process's own groups ("the working group", "the coalition of the willing") count as mentions
        issue_mentions += sum(1 for pattern, _ in self.group_aliases if pattern.search(article.text))
        on_topic = issue_mentions >= MIN_ISSUE_MENTIONS
        facts.mentions = self._mentions(document)
        facts.people = self._people(resolver, document)
        commitments = [(replace(r, actor=a), s, i) for r, s, i in commitments
                       for a in (state.signatories if r.actor == COLLECTIVE_ACTOR else [r.actor])]
        frames.extend(_pledge_frames(commitments))
        if on_topic:
            frames = _expand_collective(frames, state.signatories)
            self._positions(facts, frames)
            self._commitments(facts, commitments)
            if self.model is not None or collect is not None:
                for ctx in contexts:
                    ctx.signatories = state.signatories
                rule_stances = {(p.actor, p.issue): p.stance for p in facts.positions}
                # an article that names none of the process's parties is about something else: the
                # model confirms nothing in it, and the rules' readings wait for a reviewer
                candidates = self.candidates.build(contexts, dict(issue_counts), rule_stances, issue_mentions) \
                    if self._names_a_party(refs_by_sentence) else []
                if collect is not None:
                    collect.extend(candidates)
                if self.model is not None:
                    self.decide_positions(facts, candidates)
        else:
            facts.decision_rules.clear()
            facts.memberships.clear()
            facts.provisions.clear()
            facts.candidate_issues.clear()
            facts.events.clear()
        return facts

    def _names_a_party(self, refs_by_sentence: dict[int, list[ActorRef]]) -> bool:
        parties = set(self.codebook.parties)
        return not parties or any(r.actor in parties for refs in refs_by_sentence.values() for r in refs)

    def _topic_for(self, sent: Sentence, state: _State) -> str | None:
        """The issue a pointing-back phrase means: the latest one its noun fits ("the mission" is the
        force even when air cover was named since), else the paragraph's topic."""
        noun = self.issues.anaphor_noun(sent.span)
        if noun and state.topic:
            fitting = self.issues.issues_named_by(noun)
            if fitting and state.topic not in fitting:
                return next((i for i in state.recent if i in fitting), state.topic)
        return state.topic

    def _note_signatories(self, sent: Sentence, refs: list[ActorRef], state: _State) -> None:
        doc = sent.span.doc
        # "a joint statement was signed by A, B and C": the list follows the last signing phrase
        for m in _SIGNED.finditer(sent.text):
            begin = sent.start + m.end()
            stop = next((t.idx for t in sent.span if t.idx >= begin and t.pos_ in ("VERB", "AUX")), sent.end)
            after = [r.actor for r in refs if r.kind not in ("person", "pronoun", "anaphora", "title")
                     and begin <= doc[r.start].idx < stop]
            listed = list(dict.fromkeys(after))
            if len(listed) >= 2:
                state.signatories = list(dict.fromkeys(state.signatories + listed))

    # ---------------------------------------------------------------------------------------------
    def _positions(self, facts: ArticleFacts, frames: list[tuple[Frame, Sentence]]) -> None:
        """One stance per actor and issue per article: the best-supported reading wins, so a
        passing aside does not contradict the sentence that states the position."""
        by_key: dict[tuple[str, str], list[tuple[Frame, Sentence]]] = defaultdict(list)
        for f, s in frames:
            by_key[(f.holder.actor, f.issue)].append((f, s))
        for (actor, issue), readings in by_key.items():
            score: dict[str, float] = defaultdict(float)
            for f, _ in readings:
                score[f.stance] += f.confidence
            stance = max(score, key=lambda st: (score[st], st == "conditional", st == "undecided"))
            if stance == "support" and score.get("conditional", 0) >= 0.6:
                # a stated precondition refines support given elsewhere in the article
                stance = "conditional"
            f, s = max((r for r in readings if r[0].stance == stance), key=lambda r: r[0].confidence)
            # a red line stated anywhere in the article marks the position, whichever sentence shows it
            red = next((r for r in readings if r[0].stance == stance and r[0].red_line), None)
            speaker = f.holder.person if f.holder.kind in ("person", "title", "pronoun") else ""
            facts.positions.append(Position(
                actor=actor, issue=issue, stance=stance,
                evidence=s.evidence(cue=f.cue.text, rule=f"stance-{f.how}-{f.issue_from}",
                                    confidence=f.confidence),
                condition=f.condition, red_line=red is not None, hypothetical=f.hypothetical, speaker=speaker))
            if red is not None:
                rf, rs = red
                facts.red_lines.append(RedLine(actor, issue, rs.text, rs.evidence(
                    cue=rf.cue.text, rule="red-line", confidence=rf.confidence)))

    def decide_positions(self, facts: ArticleFacts, candidates: list[PairCandidate]) -> None:
        """Replace the rules' positions with the model's decisions, keeping what the rules knew of
        each (condition, red line, speaker) as detail. A rule reading the model does not keep stays
        as an unconfirmed fact, so nothing the rules saw is lost to a reviewer."""
        by_rule = {(p.actor, p.issue): p for p in facts.positions}
        positions: list[Position] = []
        decided: set[tuple[str, str]] = set()
        for d in self.model.decide(candidates, floor=0.0):
            rule = by_rule.get((d.actor, d.issue))
            if d.confidence < KEEP_FLOOR:
                if rule is not None:
                    decided.add((d.actor, d.issue))
                    positions.append(_unconfirmed(rule, d.confidence))
                continue
            decided.add((d.actor, d.issue))
            if d.stance == "support" and rule is not None and rule.stance == "conditional" and rule.condition:
                d.stance = "conditional"  # a precondition the rules read refines the support the model reads
            same = rule is not None and rule.stance == d.stance
            frame = next((f for f in d.best.context.frames if f.holder.actor == d.actor and f.issue == d.issue
                          and f.stance == d.stance), None)
            cue = frame.cue.text if frame else (rule.evidence.cue if same and rule.evidence else "")
            evidence = d.best.sentence.evidence(cue=cue, rule=f"stance-model-{d.best.via}-{d.best.issue_from}",
                                                confidence=d.confidence)
            evidence.confirmed = d.confirmed
            positions.append(Position(
                actor=d.actor, issue=d.issue, stance=d.stance, evidence=evidence,
                condition=(frame.condition if frame else (rule.condition if same else "")),
                red_line=bool(same and rule.red_line), hypothetical=bool(same and rule.hypothetical),
                speaker=d.best.person or (rule.speaker if same else "")))
        positions.extend(_unconfirmed(p, 0.0) for key, p in by_rule.items() if key not in decided)
        facts.positions = positions
        kept = {(p.actor, p.issue) for p in positions if p.red_line}
        facts.red_lines = [r for r in facts.red_lines if (r.actor, r.against) in kept]

    def _commitments(self, facts: ArticleFacts, readings: list[tuple[CommitmentReading, Sentence, str]]) -> None:
        seen: set[tuple[str, str, str]] = set()
        for r, s, issue in readings:
            key = (r.actor, r.kind, issue)
            if key in seen:
                continue
            seen.add(key)
            amount = Quantity(r.amount.value, r.amount.unit, issue, r.amount.text) if r.amount else None
            facts.commitments.append(Commitment(
                actor=r.actor, kind=r.kind, issue=issue,
                evidence=s.evidence(cue=r.cue, rule=f"commitment-{r.how}", confidence=0.8 if r.how == "subject"
                                    else 0.65),
                places=r.places, conditions=r.conditions, amount=amount, hypothetical=r.hypothetical,
                when=_timing(s.text, facts.published, r.conditions)))

    def _commitment_issue(self, reading: CommitmentReading, hits: list[IssueHit], topic: str | None,
                          sent: Sentence) -> str:
        """The issue a pledge serves, from the codebook's ``pledges``: an issue named in the pledge's
        clause that takes this kind, else the kind's default issue. Money must name its issue (plain
        military aid is no codebook commitment)."""
        doc = sent.span.doc
        if reading.span != (0, 0):
            # only issues named in the pledge's own clause ("..., while Lithuania offered troops")
            lo = clause_bounds(sent, reading.span[0])[0]
            hits = [h for h in hits if lo <= doc[h.start].idx < reading.span[1]]
        real = [h for h in hits if not h.temporal]
        serving = set(self.codebook.serves(reading.kind))
        fitting = [h for h in real if h.issue in serving] or (real if reading.kind == "money" else [])
        if fitting:
            if reading.amount is not None:
                where = sent.start + reading.amount.start
                return min(fitting, key=lambda h: abs(doc[h.start].idx - where)).issue
            return fitting[0].issue
        if reading.kind == "money":
            return ""
        if reading.kind == "equipment" and topic:
            return topic  # "Oslo would contribute two frigates" to what the paragraph is about
        defaults = self.codebook.serves(reading.kind)
        return defaults[0] if defaults else (real[0].issue if real else "")

    def _quantity(self, q: QuantitySpan, sent: Sentence, hits: list[IssueHit], topic: str | None) -> Quantity:
        subject = hits[0].issue if hits else (topic or "")
        return Quantity(q.value, q.unit, subject, q.text, sent.evidence(cue=q.text, rule="quantity",
                                                                          confidence=0.9))

    def _mentions(self, document: Document) -> list[Mention]:
        out: list[Mention] = []
        for ent in document.doc.ents:
            if ent.label_ == ACTOR_LABEL:
                actor, _, kind = ent.ent_id_.partition("|")
                out.append(Mention(actor, ent.text, ent.start_char, ent.end_char, kind or "name"))
        return out

    def _people(self, resolver: MentionResolver, document: Document) -> list[Person]:
        people: list[Person] = []
        for info in resolver.people():
            sent = next((s for s in document.sentences if s.start <= info.first_start < s.end), None)
            ev = sent.evidence(cue=info.name, rule="person", confidence=0.85) if sent else None
            people.append(Person(info.name, info.actor, info.role, ev, explicit=info.governing))
        return people

    def _place_names(self, document: Document) -> set[str]:
        names: set[str] = set()
        for ent in document.doc.ents:
            if ent.label_ in ("GPE", "LOC", "FAC"):
                names.add(ent.text)
            elif ent.label_ == ACTOR_LABEL and ent.ent_id_.endswith("|capital"):
                names.add(ent.text)
            elif ent.label_ == ACTOR_LABEL and ent.text in ("Ukraine",):
                names.add(ent.text)
        return names


def _unconfirmed(position: Position, confidence: float) -> Position:
    """A rule's reading the model scored below keeping: stored for review, never confirmed."""
    ev = position.evidence
    evidence = replace(ev, rule=f"{ev.rule}-unconfirmed", confidence=round(confidence, 3), confirmed=False) \
        if ev is not None else None
    return replace(position, evidence=evidence)


def _pledge_frames(commitments: list[tuple[CommitmentReading, Sentence, str]]) -> list[tuple[Frame, Sentence]]:
    """A pledge to an issue is support for it ("Poland will run the logistics hub" backs the force)."""
    out: list[tuple[Frame, Sentence]] = []
    for reading, sent, issue in commitments:
        if reading.kind not in ("troops", "air-policing", "logistics") or reading.how not in ("subject", "contingent"):
            continue
        ref = ActorRef(reading.actor, 0, 0, reading.actor, "pledge")
        cue = CueMatch("support", sent.start, sent.start, reading.cue)
        out.append((Frame(ref, issue, "support", cue, "pledge", "", False, reading.hypothetical, "sentence", 0.7),
                    sent))
    return out


def _timing(text: str, published: date | None, conditions: list[str]) -> str:
    """When a pledge takes effect: a stated day ("from Monday", "by 2026") or the event it waits for."""
    dated = [d for d in find_dates(text, published) if d.value is not None and d.kind != "vague"]
    if dated:
        return dated[0].value.isoformat()
    waits = [c for c in conditions if re.match(r"(?i)(?:once|after|the day after|within days|as soon as|when)", c)]
    return waits[0] if waits else ""


def _expand_collective(frames: list[tuple[Frame, Sentence]], signatories: list[str]) -> list[tuple[Frame, Sentence]]:
    """Give a joint text's stances ("the leaders said...") to every signatory it lists."""
    out: list[tuple[Frame, Sentence]] = []
    for f, s in frames:
        if f.holder.actor != COLLECTIVE_ACTOR:
            out.append((f, s))
            continue
        for actor in signatories:
            ref = ActorRef(actor, f.holder.start, f.holder.end, f.holder.text, "signatory")
            out.append((replace(f, holder=ref, confidence=round(f.confidence - 0.1, 2)), s))
    return out


def _quote_open_at_end(text: str, was_open: bool) -> bool:
    opens = text.count("“") + (text.count('"') // 2 if False else 0)
    closes = text.count("”")
    straight = text.count('"')
    if opens or closes:
        return (was_open or opens > closes) and not (closes > opens)
    if straight % 2 == 1:
        return not was_open
    return was_open
