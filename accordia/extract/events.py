"""Events: meetings, summits, calls and talks, with the day they happened and who took part.

Reporters date events relative to the article ("on Tuesday", "last week"); the date is resolved
against the article's date so a timeline can place the event. A meeting announced for later
("will meet on Monday", "a planned summit") is kept with status ``pending``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from accordia.extract.document import Sentence
from accordia.extract.mentions import ActorRef
from accordia.extract.timex import find_dates

_MEETING = re.compile(
    r"\b(?:(?:virtual |video |emergency |coalition |leaders' |ministerial )?(?:meeting|summit|conference|"
    r"video call|phone call|call|talks|session)|met|hosted|gathered|convened)\b", re.I)
_PENDING = re.compile(r"\b(?:will|would|is due to|are due to|planned|expected to|to be held|next)\b", re.I)
_KIND = (("summit", "summit"), ("call", "call"), ("talks", "talks"), ("conference", "meeting"))


@dataclass
class EventReading:
    kind: str
    what: str
    when: date | None
    participants: list[str] = field(default_factory=list)
    status: str = ""


def read_events(sentence: Sentence, refs: list[ActorRef], published: date | None) -> list[EventReading]:
    """The meeting a sentence reports, if it names one and says when it was."""
    text = sentence.text
    m = _MEETING.search(text)
    if m is None:
        return []
    dates = [d for d in find_dates(text, published)
             if d.value is not None and d.kind in ("weekday", "relative", "absolute")]
    if not dates:
        return []
    when = min(dates, key=lambda d: abs(d.start - m.start()))
    participants = list(dict.fromkeys(r.actor for r in refs if r.kind not in ("pronoun", "anaphora")))
    if not participants:
        return []
    word = m.group(0).lower()
    kind = next((k for key, k in _KIND if key in word), "meeting")
    status = "pending" if _PENDING.search(text[max(0, m.start() - 40):m.end() + 20]) else ""
    what = text[m.start():m.end()].strip()
    return [EventReading(kind, what, when.value, participants, status)]
