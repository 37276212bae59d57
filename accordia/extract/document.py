"""An article prepared for extraction: parsed sentences, paragraphs and offsets.

Evidence offsets index the article's own text, so sentences are taken from the parse of the
untouched text and only trimmed of surrounding whitespace.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date

from spacy.language import Language
from spacy.tokens import Doc, Span

from accordia.facts import Evidence

if not Doc.has_extension("source"):
    Doc.set_extension("source", default=None)


def doc_text(doc: Doc) -> str:
    """The document's text, cached: spaCy rebuilds ``Doc.text`` from its tokens on every access."""
    cached = doc._.source
    if cached is None:
        cached = doc._.source = doc.text
    return cached


_DATELINE = re.compile(
    r"^\s*[A-Z][A-Z .,'\-]{1,40}(?:,\s*[A-Za-z .]+)?,?\s+"
    r"(?:[A-Z][a-z]{2,8}\.?\s+\d{1,2}|\d{1,2}\s+[A-Z][a-z]{2,8})(?:,?\s+\d{4})?"
    r"\s*(?:\([^)]{1,40}\))?\s*[-\u2013\u2014]+\s*"
)


@dataclass
class Sentence:
    index: int
    span: Span
    start: int
    end: int
    paragraph: int

    @property
    def text(self) -> str:
        return doc_text(self.span.doc)[self.start:self.end]

    def evidence(self, *, cue: str = "", rule: str = "", confidence: float = 0.8) -> Evidence:
        return Evidence(sentence=self.text, start=self.start, end=self.end, cue=cue, rule=rule,
                        confidence=round(confidence, 2))


@dataclass
class Document:
    text: str
    doc: Doc
    published: date | None
    sentences: list[Sentence] = field(default_factory=list)
    body_start: int = 0

    def sentence_of(self, token_i: int) -> Sentence | None:
        for s in self.sentences:
            if s.span.start <= token_i < s.span.end:
                return s
        return None


def _paragraph_starts(text: str) -> list[int]:
    starts = [0]
    for m in re.finditer(r"\n\s*\n", text):
        starts.append(m.end())
    return starts


#: Longest stretch parsed at once. A longer article is read piece by piece (:func:`pieces`), each
#: piece parsed, read and dropped before the next, so memory stays at what one piece needs however
#: long the article is (spaCy's parse of a long text holds several times its size in arrays).
CHUNK_CHARS = 50_000


def pieces(text: str, size: int = CHUNK_CHARS) -> Iterator[tuple[int, str]]:
    """(offset, piece) of ``text`` cut into stretches of at most ``size`` characters.

    Cuts fall at a line break in the second half of a stretch if there is one, else after a full
    stop, else anywhere; the pieces joined give the text back, and ``offset`` maps a piece's
    positions back onto the article.
    """
    start = 0
    while start < len(text):
        end = min(len(text), start + size)
        if end < len(text):
            cut = text.rfind("\n", start + size // 2, end)
            if cut == -1:
                cut = text.rfind(". ", start + size // 2, end)
            end = cut + 1 if cut != -1 else end
        yield start, text[start:end]
        start = end


def parse(text: str, nlp: Language) -> Doc:
    """Parse ``text`` in one go; longer texts must be read piece by piece (:func:`pieces`)."""
    if len(text) > CHUNK_CHARS:
        raise ValueError(f"a text of {len(text):,} characters is parsed piece by piece, not at once "
                         f"(limit {CHUNK_CHARS:,})")
    return nlp(text)


def mask_dateline(text: str) -> str:
    """The text with its wire dateline blanked (same length, so every offset still holds)."""
    body = _DATELINE.match(text)
    return " " * body.end() + text[body.end():] if body else text


def prepare(text: str, nlp: Language, published: date | None, doc: Doc | None = None, *,
            dateline: bool = True) -> Document:
    """Parse ``text`` and cut it into sentences that never cross a paragraph break.

    A wire dateline ("PARIS, March 27 (Agency) - ") is blanked out before parsing, keeping every
    offset, because the parser otherwise takes the city for the first sentence's subject. Only an
    article's start can hold one: pass ``dateline=False`` for the later pieces of a long article.
    """
    body = _DATELINE.match(text) if dateline else None
    masked = mask_dateline(text) if dateline else text
    if doc is None:
        doc = parse(masked, nlp)
    doc._.source = masked
    para_starts = _paragraph_starts(text)
    document = Document(text=masked, doc=doc, published=published, body_start=body.end() if body else 0)
    index = 0
    for sent in doc.sents:
        for piece in _split_on_paragraphs(sent, para_starts):
            raw = masked[piece.start_char:piece.end_char]
            lead = len(raw) - len(raw.lstrip())
            trail = len(raw) - len(raw.rstrip())
            start, end = piece.start_char + lead, piece.end_char - trail
            if end <= start:
                continue
            paragraph = sum(1 for p in para_starts if p <= start) - 1
            document.sentences.append(Sentence(index, piece, start, end, paragraph))
            index += 1
    return document


def _split_on_paragraphs(sent: Span, para_starts: list[int]) -> list[Span]:
    """spaCy sometimes runs a sentence across a blank line (a headline, a dateline); cut it there."""
    cuts = [p for p in para_starts if sent.start_char < p < sent.end_char]
    if not cuts:
        return [sent]
    doc = sent.doc
    pieces: list[Span] = []
    begin = sent.start
    for cut in cuts:
        tok = next((t.i for t in sent if t.idx >= cut), None)
        if tok is None or tok <= begin:
            continue
        pieces.append(doc[begin:tok])
        begin = tok
    pieces.append(doc[begin:sent.end])
    return [p for p in pieces if p.text.strip()]
