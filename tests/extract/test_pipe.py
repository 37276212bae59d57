"""Batch extraction gives the same facts as one article at a time."""

from datetime import date

from accordia.facts import Article

TEXTS = [
    "OSLO, May 2, 2025 (Test Wire) - Norway backed the reassurance force on Friday, officials said.",
    "Allies met on sanctions against Russia. Hungary said it would block the sanctions package.",
    "",
]


def test_pipe_matches_single_calls(extractor):
    articles = [Article(text=t, published=date(2025, 5, 2)) for t in TEXTS]
    one_by_one = [extractor(a).to_gold() for a in articles]
    batched = [f.to_gold() for f in extractor.pipe(articles, batch_size=2)]
    assert batched == one_by_one
