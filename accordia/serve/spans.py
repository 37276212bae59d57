"""Evidence spans inside an article's text, cut into segments the browser can mark up safely.

The server does the cutting so the page never parses article text as HTML: it receives plain
text pieces, each saying which evidence spans cover it, and builds text nodes from them.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

FACT_KEYS: tuple[str, ...] = ("actor", "actor_name", "issue", "stance", "condition", "kind", "fact", "status",
                              "confidence", "type", "summary")
# What the extractor recorded about a reading: which rule fired on which words, and how sure it was.
READING_KEYS: tuple[str, ...] = ("rule", "cue", "confidence")
# Two rows naming the same actor, issue and stance are one fact seen twice (position and timeline).
IDENTITY: tuple[str, ...] = ("actor", "issue", "stance", "kind", "summary")


def _same_words(a: str, b: str) -> bool:
    return " ".join(a.split()) == " ".join(b.split())


def _as_int(value: Any) -> int | None:
    """Offsets from a DataFrame with gaps arrive as floats (12.0); anything else is not an offset."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return None


def _locate(text: str, item: dict[str, Any]) -> tuple[int, int] | None:
    """Trust the stored offsets when they still point at the sentence; else find the sentence."""
    sentence = item.get("sentence") or ""
    start, end = _as_int(item.get("start")), _as_int(item.get("end"))
    if isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= len(text):
        if not sentence or _same_words(text[start:end], sentence):
            return start, end
    if sentence:
        found = text.find(sentence)
        if found >= 0:
            return found, found + len(sentence)
    return None


def evidence_spans(text: str, items: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """One entry per distinct (start, end) in ``text``, listing the facts read from it and the
    extractor's readings (rule, cue, confidence), so a marked sentence that holds no position (a
    pledge, a person, a figure) still says why it is marked.

    Items whose offsets do not fit the text and whose sentence cannot be found are dropped:
    a highlight on the wrong words would be worse than none.
    """
    by_place: dict[tuple[int, int], dict[str, Any]] = {}
    for item in items:
        place = _locate(text, item)
        if place is None:
            continue
        span = by_place.setdefault(place, {"start": place[0], "end": place[1],
                                           "sentence": text[place[0]:place[1]], "facts": [],
                                           "readings": []})
        reading = {k: item[k] for k in READING_KEYS if item.get(k) not in (None, "")}
        if reading.get("rule") and reading not in span["readings"]:
            span["readings"].append(reading)
        fact = {k: item[k] for k in FACT_KEYS if item.get(k) not in (None, "")}
        if not (fact.get("actor") or fact.get("issue") or fact.get("summary")):
            continue
        same = next((f for f in span["facts"] if all(f.get(k) == fact.get(k) for k in IDENTITY)), None)
        if same is None:
            span["facts"].append(fact)
        else:
            for key, value in fact.items():
                same.setdefault(key, value)
    return [by_place[k] for k in sorted(by_place)]


def segments(text: str, spans: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """``text`` cut at every span boundary; each piece lists the indexes of spans covering it."""
    cuts = sorted({0, len(text)} | {s["start"] for s in spans} | {s["end"] for s in spans})
    pieces: list[dict[str, Any]] = []
    for a, b in zip(cuts, cuts[1:], strict=False):
        if a >= b:
            continue
        covering = [i for i, s in enumerate(spans) if s["start"] <= a and b <= s["end"]]
        if pieces and pieces[-1]["spans"] == covering:
            pieces[-1]["text"] += text[a:b]
            continue
        pieces.append({"start": a, "text": text[a:b], "spans": covering})
    return pieces
