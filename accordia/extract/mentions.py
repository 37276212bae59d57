"""Who a stretch of text refers to: states, organisations, people, titles and pronouns.

Reporters rarely repeat a country's name: they write "Paris", "the Elysee", "the French president",
"Tusk", "he". Each of those becomes an :class:`ActorRef` pointing at an actor id, resolved with the
gazetteer (dated office-holders) and a small memory of who the article has mentioned so far.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date

from spacy.tokens import Span, Token

from accordia.extract.document import Document, Sentence, doc_text
from accordia.extract.nlp import ACTOR_LABEL, PERSON_LABEL
from accordia.reference import Gazetteer

# Title words -> (office key, display role). Longest first so "foreign minister" beats "minister".
TITLES: list[tuple[str, str, str]] = [
    ("prime minister", "head_of_government", "Prime Minister"),
    ("premier", "head_of_government", "Prime Minister"),
    ("chancellor", "head_of_government", "Chancellor"),
    ("vice president", "vice_president", "Vice President"),
    ("president", "head_of_state", "President"),
    ("foreign minister", "foreign_minister", "Foreign Minister"),
    ("foreign secretary", "foreign_minister", "Foreign Secretary"),
    ("secretary of state", "foreign_minister", "Secretary of State"),
    ("foreign policy chief", "high_representative", "High Representative"),
    ("defence minister", "defence_minister", "Defence Minister"),
    ("defense minister", "defence_minister", "Defence Minister"),
    ("defence secretary", "defence_minister", "Defence Secretary"),
    ("defense secretary", "defence_minister", "Secretary of Defense"),
    ("secretary general", "secretary_general", "Secretary General"),
    ("secretary-general", "secretary_general", "Secretary General"),
    ("crown prince", "crown_prince", "Crown Prince"),
    ("king", "head_of_state", "King"),
    ("envoy", "envoy", "Envoy"),
    ("special envoy", "envoy", "Special Envoy"),
    ("spokesman", "spokesperson", "Spokesman"),
    ("spokeswoman", "spokesperson", "Spokeswoman"),
    ("spokesperson", "spokesperson", "Spokesperson"),
    ("press secretary", "spokesperson", "Press Secretary"),
    ("ambassador", "ambassador", "Ambassador"),
    ("senator", "legislator", "Senator"),
    ("senators", "legislator", "Senator"),
    ("national security adviser", "national_security_adviser", "National Security Adviser"),
    ("army secretary", "army_secretary", "Army Secretary"),
    ("counterpart", "counterpart", ""),
]
_TITLE_RE = re.compile(r"\b(" + "|".join(re.escape(t) for t, _, _ in
                                         sorted(TITLES, key=lambda x: -len(x[0]))) + r")\b", re.I)
_TITLE_INFO = {t: (o, r) for t, o, r in TITLES}

PRONOUNS_PERSON = {"he", "she", "him", "her", "his"}
PRONOUNS_STATE = {"it", "its"}
PRONOUNS_PLURAL = {"they", "their", "them"}
# Nouns that refer back to the state last spoken of ("the country said", "the bloc").
STATE_ANAPHORA = {"country", "government", "nation", "administration"}
# People whose statements are not their state's position (GOLD.md: opposition leaders, legislators).
NON_GOVERNMENT = re.compile(r"\b(opposition|senators?|rival|lawmakers?|MPs?|critics?|former)\b", re.I)


def fold(name: str) -> str:
    """ASCII, lower case, transliteration endings folded: Zelenskyy, Zelenskiy and Zelensky agree."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[iy]+$", "", ascii_name.strip())


@dataclass
class ActorRef:
    """One reference to an actor inside a sentence (token indices into the document)."""

    actor: str
    start: int
    end: int
    text: str
    kind: str
    person: str = ""
    role: str = ""
    governing: bool = True


@dataclass
class PersonInfo:
    name: str
    actor: str
    role: str = ""
    office: str = ""
    governing: bool = True
    first_start: int = 0
    first_end: int = 0
    sentence: int = 0


@dataclass
class Memory:
    """What the article has mentioned so far, for resolving surnames, titles and pronouns."""

    people: dict[str, PersonInfo] = field(default_factory=dict)  # folded surname -> info
    last_person: PersonInfo | None = None
    last_state: str = ""
    last_plural: list[str] = field(default_factory=list)
    last_paragraph: int = -1


class MentionResolver:
    """Resolves actor references sentence by sentence, in reading order."""

    def __init__(self, gazetteer: Gazetteer, document: Document) -> None:
        self.gaz = gazetteer
        self.document = document
        self.when: date | None = document.published
        self.memory = Memory()
        self.by_sentence: dict[int, list[ActorRef]] = {}

    # -- public -------------------------------------------------------------------------------
    def resolve_all(self) -> dict[int, list[ActorRef]]:
        # entities grouped by sentence in one pass: Span.ents rescans the whole document each time
        ents = list(self.document.doc.ents)
        self._ents: dict[int, list[Span]] = {}
        k = 0
        for sent in self.document.sentences:
            while k < len(ents) and ents[k].start < sent.span.start:
                k += 1
            j = k
            while j < len(ents) and ents[j].end <= sent.span.end:
                j += 1
            self._ents[sent.index] = ents[k:j]
            k = j
        for sent in self.document.sentences:
            self.by_sentence[sent.index] = self._resolve_sentence(sent)
        return self.by_sentence

    def people(self) -> list[PersonInfo]:
        seen: dict[str, PersonInfo] = {}
        for info in self.memory.people.values():
            seen.setdefault(info.name, info)
        return sorted(seen.values(), key=lambda p: p.first_start)

    # -- sentence -----------------------------------------------------------------------------
    def _resolve_sentence(self, sent: Sentence) -> list[ActorRef]:
        refs: list[ActorRef] = []
        taken: set[int] = set()
        sent_ents = self._ents.get(sent.index, [])
        for ent in sent_ents:
            if ent.label_ == ACTOR_LABEL:
                actor, kind = ent.ent_id_.split("|", 1) if "|" in ent.ent_id_ else (ent.ent_id_, "name")
                org = self.gaz.organisations.get(actor)
                if org is not None and getattr(org, "voice", "own") == "members":
                    # "the Baltic states" have no voice of their own: each member is meant
                    for member in sorted(self.gaz.members_of(actor, self.when)):
                        refs.append(ActorRef(member, ent.start, ent.end, ent.text, "name"))
                else:
                    refs.append(ActorRef(actor, ent.start, ent.end, ent.text, kind))
                taken.update(range(ent.start, ent.end))
        for ent in sent_ents:
            if ent.label_ in (PERSON_LABEL,) and not taken.intersection(range(ent.start, ent.end)):
                ref = self._person_ref(ent, refs, sent)
                if ref is not None:
                    refs.append(ref)
                    taken.update(range(ent.start, ent.end))
        refs.extend(self._title_refs(sent, refs, taken))
        refs.extend(self._anaphora_refs(sent, refs, taken))
        refs.sort(key=lambda r: r.start)
        self._remember(refs, sent)
        return refs

    # -- people -------------------------------------------------------------------------------
    def _person_ref(self, ent: Span, refs: list[ActorRef], sent: Sentence) -> ActorRef | None:
        name = _clean_name(ent.text)
        if not name or not re.search(r"[A-Z]", name):
            return None
        surname = fold(name.split()[-1])
        known = self.memory.people.get(surname)
        if known is not None and (len(name.split()) == 1 or fold(known.name) == fold(name)
                                  or fold(known.name).endswith(fold(name))):
            return ActorRef(known.actor, ent.start, ent.end, ent.text, "person", known.name, known.role,
                            known.governing)
        context_actor, role = self._context_actor(ent, refs, sent)
        governing = not NON_GOVERNMENT.search(self._left_context(ent, sent, 6))
        found = self.gaz.find_person(name, self.when) if hasattr(self.gaz, "find_person") else []
        holder = None
        if found:
            holder = found[0]
            if context_actor and any(h.actor == context_actor for h in found):
                holder = next(h for h in found if h.actor == context_actor)
        if holder is not None and (len(name.split()) > 1 or not context_actor or holder.actor == context_actor):
            actor = holder.actor
            full = holder.name
            role = role or holder.role
            office = holder.office
        elif context_actor and len(name.split()) > 1:
            actor, full, office = context_actor, name, ""
        else:
            return None
        info = PersonInfo(full, actor, role, office, governing, ent.start_char, ent.end_char, sent.index)
        self.memory.people.setdefault(fold(full.split()[-1]), info)
        if surname != fold(full.split()[-1]):
            self.memory.people.setdefault(surname, info)
        return ActorRef(actor, ent.start, ent.end, ent.text, "person", full, role, governing)

    def _left_context(self, ent: Span, sent: Sentence, n: int) -> str:
        doc = ent.doc
        begin = max(sent.span.start, ent.start - n)
        return doc[begin:ent.start].text

    def _context_actor(self, ent: Span, refs: list[ActorRef], sent: Sentence) -> tuple[str, str]:
        """The actor a name is introduced with: "Poland's Donald Tusk", "French President Macron"."""
        doc = ent.doc
        begin = max(sent.span.start, ent.start - 7)
        left = doc[begin:ent.start]
        role = ""
        titles = list(_TITLE_RE.finditer(left.text))
        m = titles[-1] if titles else None
        if m is not None:
            role = _TITLE_INFO[m.group(1).lower()][1] or ""
        # nearest actor mention to the left, not separated by a clause break
        best = ""
        for ref in refs:
            if begin <= ref.start and ref.end <= ent.start and ref.kind != "person":
                between = doc[ref.end:ent.start].text
                if re.search(r"[;:]|\b(and|while|but|with|said|told)\b", between):
                    continue
                if "," in between and not re.search(r"'s?\b", doc[ref.start:ref.end + 1].text):
                    continue
                best = ref.actor
        if best:
            return best, role
        # appositive to the right: "Maria Zakharova, the Russian foreign ministry's spokeswoman"
        right_end = min(sent.span.end, ent.end + 8)
        right = doc[ent.end:right_end]
        if right.text.startswith(","):
            for ref in refs:
                if ent.end <= ref.start < right_end and ref.kind != "person":
                    return ref.actor, role
        return "", role

    # -- titles and anaphora ------------------------------------------------------------------
    def _title_refs(self, sent: Sentence, refs: list[ActorRef], taken: set[int]) -> list[ActorRef]:
        out: list[ActorRef] = []
        doc = sent.span.doc
        text = doc_text(doc)
        for m in _TITLE_RE.finditer(text, sent.start, sent.end):
            tok = _token_at(sent.span, m.start())
            if tok is None or tok.i in taken:
                continue
            # a title followed by a name belongs to that name, already resolved
            nxt = doc[tok.i + len(m.group(1).split())] if tok.i + len(m.group(1).split()) < len(doc) else None
            if nxt is not None and nxt.ent_type_ == PERSON_LABEL:
                continue
            office, role = _TITLE_INFO[m.group(1).lower()]
            before = text[max(sent.start, m.start() - 40):m.start()]
            if not re.search(r"\b(the|his|her|its|their)\s+(?:\S+\s+){0,3}$", before, re.I) and not \
                    re.search(r"'s?\s+(?:\S+\s+){0,2}$", before):
                continue
            actor = ""
            for ref in refs:
                if ref.end <= tok.i and tok.i - ref.end <= 3 and ref.kind != "person":
                    actor = ref.actor
            person = ""
            if not actor:
                info = self._person_by_office(office)
                if info is not None:
                    actor, person = info.actor, info.name
            elif office not in ("counterpart",):
                holder = self.gaz.holder(office, actor, self.when) if hasattr(self.gaz, "holder") else None
                person = holder.name if holder else ""
            if actor:
                end_i = tok.i + len(m.group(1).split())
                out.append(ActorRef(actor, tok.i, end_i, m.group(0), "title", person, role))
                taken.update(range(tok.i, end_i))
        return out

    def _person_by_office(self, office: str) -> PersonInfo | None:
        for info in sorted(self.memory.people.values(), key=lambda p: -p.first_start):
            if info.office == office:
                return info
        if office == "head_of_government" and self.memory.last_person is not None \
                and self.memory.last_person.office in ("head_of_government", ""):
            return None
        return None

    def _anaphora_refs(self, sent: Sentence, refs: list[ActorRef], taken: set[int]) -> list[ActorRef]:
        out: list[ActorRef] = []
        mem = self.memory
        if sent.paragraph - mem.last_paragraph > 1:
            return out
        for tok in sent.span:
            if tok.i in taken:
                continue
            low = tok.lower_
            if low in PRONOUNS_PERSON and tok.dep_ in ("nsubj", "nsubjpass", "poss"):
                person = self._nearest_person(sent, tok.i, refs)
                if person is not None:
                    out.append(ActorRef(person.actor, tok.i, tok.i + 1, tok.text, "pronoun", person.name,
                                        person.role, person.governing))
            elif low in PRONOUNS_STATE and tok.dep_ in ("nsubj", "nsubjpass", "poss") and mem.last_state \
                    and not (low == "it" and tok.head.lemma_ in ("be", "seem", "appear", "take")):
                if not any(r.kind != "person" and r.end <= tok.i for r in refs):
                    out.append(ActorRef(mem.last_state, tok.i, tok.i + 1, tok.text, "pronoun"))
                else:
                    before = [r for r in refs if r.kind != "person" and r.end <= tok.i]
                    # "Hungary, which broke ranks over Ukraine, said it...": the subject, not the aside
                    subjects = [r for r in before if any(
                        self.document.doc[i].dep_ in ("nsubj", "nsubjpass") for i in range(r.start, r.end))]
                    last = subjects[-1] if subjects else before[-1]
                    out.append(ActorRef(last.actor, tok.i, tok.i + 1, tok.text, "pronoun"))
            elif low in STATE_ANAPHORA and tok.dep_ in ("nsubj", "nsubjpass", "pobj"):
                det = [c for c in tok.children if c.dep_ in ("det", "poss")]
                if det and det[0].lower_ in ("his", "her") and not tok.ent_type_:
                    person = self._nearest_person(sent, tok.i, refs)
                    if person is not None:
                        out.append(ActorRef(person.actor, det[0].i, tok.i + 1, f"{det[0].text} {tok.text}",
                                            "anaphora"))
                elif det and det[0].lower_ in ("the", "its") and not tok.ent_type_ and mem.last_state:
                    out.append(ActorRef(mem.last_state, det[0].i, tok.i + 1, f"{det[0].text} {tok.text}",
                                        "anaphora"))
        return out

    def _nearest_person(self, sent: Sentence, i: int, refs: list[ActorRef]) -> PersonInfo | None:
        before = [r for r in refs if r.end <= i and r.kind in ("person", "title") and r.person]
        if before:
            name = before[-1].person
            return next((p for p in self.memory.people.values() if p.name == name), None) or PersonInfo(
                name, before[-1].actor, before[-1].role)
        return self.memory.last_person

    def _remember(self, refs: list[ActorRef], sent: Sentence) -> None:
        mem = self.memory
        mem.last_paragraph = sent.paragraph
        doc = self.document.doc
        people = [r for r in refs if r.kind in ("person", "title", "pronoun") and r.person]
        # "he" in the next sentence is the one who was speaking, not the one spoken about
        subjects = [r for r in people if any(doc[i].dep_ in ("nsubj", "nsubjpass") for i in range(r.start, r.end))]
        for ref in subjects or ([] if mem.last_person else people):
            info = next((p for p in mem.people.values() if p.name == ref.person), None)
            mem.last_person = info or PersonInfo(ref.person, ref.actor, ref.role)
        subjects = [r for r in refs if r.kind not in ("person", "pronoun")
                    and self.document.doc[r.start].dep_ in ("nsubj", "nsubjpass", "poss", "compound")]
        states = [r for r in subjects if self.gaz.is_state(r.actor)] if subjects else []
        if states:
            mem.last_state = states[0].actor
            plural = list(dict.fromkeys(r.actor for r in refs if r.kind not in ("person", "pronoun")))
            if len(plural) > 1:
                mem.last_plural = plural


def _token_at(span: Span, char: int) -> Token | None:
    for tok in span:
        if tok.idx <= char < tok.idx + len(tok.text):
            return tok
    return None


def _clean_name(text: str) -> str:
    text = re.sub(r"'s$|’s$", "", text.strip())
    text = re.sub(r"^(?:President|Prime Minister|Chancellor|Minister|Secretary|Mr|Mrs|Ms|Dr)\.?\s+", "", text)
    return text.strip(" ,.\"'")
