"""The stance cue lexicon (``data/stance_cues.yaml``), compiled once.

Cue wording is data, not code, so an analyst can teach the extractor a new phrasing without
touching the rules that use it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

import yaml

GROUPS = ("support", "oppose", "undecided", "flip_to_support", "flip_to_undecided")
# Where two cue groups overlap, the first listed wins: a negated refusal beats the refusal itself.
PRIORITY = {"flip_to_undecided": 0, "flip_to_support": 1, "undecided": 2, "oppose": 3, "support": 4}
STANCE_OF = {"support": "support", "oppose": "oppose", "undecided": "undecided",
             "flip_to_support": "support", "flip_to_undecided": "undecided", "conditions": "conditional"}


@dataclass(frozen=True)
class CueMatch:
    group: str
    start: int  # character offsets into the document text
    end: int
    text: str

    @property
    def stance(self) -> str:
        return STANCE_OF[self.group]


class Lexicon:
    def __init__(self, data: dict[str, list[str]]) -> None:
        missing = [g for g in (*GROUPS, "conditions", "red_line", "negations") if g not in data]
        if missing:
            raise ValueError(f"stance cue file lacks the groups: {', '.join(missing)}")
        bad = [f"{g}: {p!r}" for g in data for p in data[g] if not isinstance(p, str)]
        if bad:
            raise ValueError("stance cue entries must be plain strings (quote any that contain ': '): "
                             + "; ".join(bad[:3]))
        self.patterns = {g: [re.compile(p, re.I) for p in data[g]] for g in data}

    @classmethod
    def from_path(cls, path: str | Path) -> Lexicon:
        with open(path, encoding="utf-8") as fh:
            return cls(yaml.safe_load(fh))

    def cues(self, text: str, start: int, end: int) -> list[CueMatch]:
        """Stance cues in ``text[start:end]``; overlaps resolved by group priority, then length."""
        found: list[CueMatch] = []
        for group in GROUPS:
            for pattern in self.patterns[group]:
                for m in pattern.finditer(text, start, end):
                    found.append(CueMatch(group, m.start(), m.end(), m.group(0)))
        found.sort(key=lambda c: (PRIORITY[c.group], -(c.end - c.start), c.start))
        kept: list[CueMatch] = []
        for cue in found:
            if any(cue.start < k.end and k.start < cue.end for k in kept):
                continue
            kept.append(cue)
        return sorted(kept, key=lambda c: c.start)

    def first(self, group: str, text: str, start: int = 0, end: int | None = None) -> re.Match | None:
        end = len(text) if end is None else end
        best: re.Match | None = None
        for pattern in self.patterns.get(group, []):
            m = pattern.search(text, start, end)
            if m and (best is None or m.start() < best.start()):
                best = m
        return best

    def has(self, group: str, text: str) -> bool:
        return self.first(group, text) is not None


@lru_cache(maxsize=1)
def default_lexicon() -> Lexicon:
    path = resources.files("accordia") / "data" / "stance_cues.yaml"
    with resources.as_file(path) as p:
        return Lexicon.from_path(p)
