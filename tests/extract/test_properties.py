"""Property test: the extractor never raises on any Unicode text, and every offset it gives is valid."""

from __future__ import annotations

import os
from datetime import date

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from accordia.facts import Article

EXAMPLES = int(os.environ.get("ACCORDIA_PROPERTY_EXAMPLES", "60"))
PROPERTY = settings(max_examples=EXAMPLES, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])

# Pieces of reporting the rules react to, so that generated text reaches them, mixed with noise.
WORDS = st.sampled_from([
    "PARIS, March 3 (Test Wire) - ", "France", "Britain", "the Kremlin", "Zelenskyy", "Macron", "he", "she",
    "said", "backs", "opposes", "rules out", "is prepared to send", "troops", "a reassurance force",
    "the ceasefire", "sanctions", "frozen assets", "only if", "unless", "would not", "on Monday",
    "by 2026", "10,000", "€5 billion", "the coalition of the willing", "signed by", "veto", "unanimity",
    '"', "“", "”", ".", ",", ";", "\n", "\n\n", "(", ")", "-", "—", " ", "\u00a0", "\u200b", "\t",
])
TEXT = st.one_of(
    st.text(max_size=400),
    st.lists(st.one_of(WORDS, st.text(max_size=8)), max_size=80).map(" ".join),
)


@PROPERTY
@given(text=TEXT, day=st.one_of(st.none(), st.dates(date(1990, 1, 1), date(2040, 12, 31))))
def test_extractor_never_raises_and_offsets_point_into_the_text(extractor, text: str, day: date | None) -> None:
    facts = extractor(Article(text=text, published=day))
    for ev in facts.all_evidence():
        assert 0 <= ev.start <= ev.end <= len(text), (ev.start, ev.end, len(text))
        assert text[ev.start:ev.end] == ev.sentence
    for mention in facts.mentions:
        assert 0 <= mention.start < mention.end <= len(text)
        assert text[mention.start:mention.end] == mention.text
