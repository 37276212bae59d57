"""Where a sentence talks about a codebook issue.

Issues are found by the codebook's aliases (phrases) and keywords (lemmas). A mention that only
sets the time of something else ("after a ceasefire", "once a peace deal is signed") is kept but
marked ``temporal`` so stance rules can prefer the issue a cue is really about.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Span

from accordia.extract.document import doc_text
from accordia.reference import Codebook

_TEMPORAL = re.compile(
    r"(?:\bpost-|\b(?:after|once|until|till|following|post|before|when|pending|as soon as|the day after|"
    r"within days of|in the event of|to secure|to police|to defend|to guarantee|to help guarantee|to keep|"
    r"to enforce|to monitor|to uphold)\s+"
    r"(?:\w+\s+){0,3})$", re.I)
# Words that point back at the issue of an earlier sentence ("the idea has divided allies").
ANAPHORA = re.compile(
    r"\b(?:the|this|that|such an?|the same) (?:idea|plan|proposal|proposals|demand|effort|move|"
    r"initiative|deployment|mission|scheme|text|draft|arrangement|offer|option|debate|document|"
    r"package|measures|loan|force|guarantees?|step)\b|\b(?:it|one)\b", re.I)


@dataclass(frozen=True)
class IssueHit:
    issue: str
    start: int  # document token index
    end: int
    text: str
    temporal: bool = False
    absent: bool = False  # matched an absence alias ("without Ukraine"): a refusal of it is support


def _norm(text: str) -> str:
    """Lower case with typographic apostrophes and hyphens folded, so "Europe’s" matches "Europe's"."""
    return re.sub(r"\s+", " ", text.lower().replace("\u2019", "'").replace("\u2013", "-"))


def _pattern(alias: str) -> str:
    escaped = re.escape(alias)
    return escaped.replace("'", "['\u2019]").replace("\\ ", r"\s+")


class IssueMatcher:
    """Finds codebook issues in sentences; built once per codebook."""

    def __init__(self, codebook: Codebook) -> None:
        self.codebook = codebook
        alias_pairs: list[tuple[str, str]] = []
        self._absent: set[str] = set()
        for issue in codebook.issues:
            for alias in {issue.label, *issue.aliases, *getattr(issue, "absence_aliases", ())}:
                alias = alias.strip()
                if alias and len(alias) > 2:
                    alias_pairs.append((alias, issue.id))
            self._absent.update(_norm(a) for a in getattr(issue, "absence_aliases", ()))
        alias_pairs.sort(key=lambda p: -len(p[0]))
        self._alias_issue = {_norm(a): i for a, i in alias_pairs}
        body = "|".join(_pattern(a) for a, _ in alias_pairs)
        self._alias_re = re.compile(r"(?<![\w-])(?:" + body + r")(?![\w-])", re.I) if body else None
        self._keywords: dict[str, str] = {}
        self._not_after: dict[str, re.Pattern[str]] = {}
        for issue in codebook.issues:
            for kw in getattr(issue, "keywords", ()) or ():
                self._keywords.setdefault(kw.lower(), issue.id)
            words = getattr(issue, "not_after", ()) or ()
            if words:
                self._not_after[issue.id] = re.compile(
                    r"(?:" + "|".join(_pattern(w) for w in words) + r")\s+(?:\w+\s+)?$", re.I)

    def find(self, span: Span) -> list[IssueHit]:
        doc = span.doc
        text = doc_text(doc)
        hits: list[IssueHit] = []
        covered: set[int] = set()
        if self._alias_re is not None:
            for m in self._alias_re.finditer(text, span.start_char, span.end_char):
                toks = [t.i for t in span if t.idx < m.end() and t.idx + len(t.text) > m.start()]
                if not toks or covered.intersection(toks):
                    continue
                key = _norm(m.group(0))
                issue = self._alias_issue.get(key)
                if issue is None:
                    continue
                temporal = bool(_TEMPORAL.search(text[max(span.start_char, m.start() - 40):m.start()]))
                hits.append(IssueHit(issue, toks[0], toks[-1] + 1, m.group(0), temporal, key in self._absent))
                covered.update(toks)
        for tok in span:
            if tok.i in covered:
                continue
            issue = self._keywords.get(tok.lemma_.lower()) or self._keywords.get(tok.lower_)
            guard = self._not_after.get(issue or "")
            if issue and guard is not None and guard.search(text[max(span.start_char, tok.idx - 30):tok.idx]):
                continue
            if issue:
                temporal = bool(_TEMPORAL.search(text[max(span.start_char, tok.idx - 40):tok.idx]))
                hits.append(IssueHit(issue, tok.i, tok.i + 1, tok.text, temporal))
        hits.sort(key=lambda h: h.start)
        return hits

    def issues_named_by(self, noun: str) -> set[str]:
        """Issues one of whose names contains ``noun`` ("mission" -> the force, "loan" -> the assets)."""
        word = re.compile(r"\b" + re.escape(noun.lower()) + r"s?\b")
        return {issue for alias, issue in self._alias_issue.items() if word.search(alias)}

    def anaphor_noun(self, span: Span) -> str | None:
        """The head noun of a pointing-back phrase in the sentence ("the mission" -> "mission")."""
        for m in ANAPHORA.finditer(span.text):
            words = m.group(0).split()
            if len(words) > 1:
                return words[-1].lower()
        return None

    @staticmethod
    def refers_back(span: Span) -> bool:
        """The sentence points back at an earlier issue: "the idea", "such a force", or "it" as an
        object ("we support it"); "it" as a subject is usually the speaker's country."""
        for m in ANAPHORA.finditer(span.text):
            if m.group(0).lower() not in ("it", "one"):
                return True
        return any(t.lower_ == "it" and t.dep_ in ("dobj", "pobj") for t in span)
