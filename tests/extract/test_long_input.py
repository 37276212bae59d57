"""Articles longer than one parse are read in pieces without losing an offset."""

import pytest

from accordia.extract.document import CHUNK_CHARS, parse, pieces
from accordia.facts import Article


def test_article_longer_than_a_parse_chunk(extractor):
    paragraph = "Norway backed the reassurance force for Ukraine on Monday, officials said.\n\n"
    text = paragraph * (CHUNK_CHARS // len(paragraph) + 40)
    assert len(text) > CHUNK_CHARS
    facts = extractor(Article(text=text))
    assert ("NOR", "reassurance-force", "support") in {(p.actor, p.issue, p.stance) for p in facts.positions}
    for ev in facts.all_evidence():
        assert text[ev.start:ev.end] == ev.sentence


def test_pieces_give_the_text_back_and_stay_within_size() -> None:
    text = ("A line of a long report.\n" * 5000) + "x" * (CHUNK_CHARS * 2) + ". Tail sentence."
    cut = list(pieces(text))
    assert "".join(piece for _, piece in cut) == text
    assert all(len(piece) <= CHUNK_CHARS for _, piece in cut)
    assert [offset for offset, _ in cut] == [sum(len(p) for _, p in cut[:n]) for n in range(len(cut))]
    with pytest.raises(ValueError, match="piece by piece"):
        parse(text, None)


def test_pipe_reads_a_long_article_alone_and_keeps_order(extractor):
    paragraph = "Norway backed the reassurance force for Ukraine on Monday, officials said.\n\n"
    long_text = paragraph * (CHUNK_CHARS // len(paragraph) + 40)
    short = [Article(text="Denmark opposed the reassurance force for Ukraine, its minister said. " * 3),
             Article(text="Finland backed the reassurance force for Ukraine, its minister said. " * 3)]
    articles = [short[0], Article(text=long_text), short[1]]
    piped = list(extractor.pipe(articles, batch_size=16))
    assert [f.article_id for f in piped] == [a.id for a in articles]
    assert [f.to_gold() for f in piped] == [extractor(a).to_gold() for a in articles]
    norway = [p for p in piped[1].positions if p.actor == "NOR"]
    assert len(norway) == 1  # one stance per actor and issue for the whole article, not one per piece
