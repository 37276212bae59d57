"""Articles longer than one parse are read in pieces without losing an offset."""

from accordia.extract.document import CHUNK_CHARS
from accordia.facts import Article


def test_article_longer_than_a_parse_chunk(extractor):
    paragraph = "Norway backed the reassurance force for Ukraine on Monday, officials said.\n\n"
    text = paragraph * (CHUNK_CHARS // len(paragraph) + 40)
    assert len(text) > CHUNK_CHARS
    facts = extractor(Article(text=text))
    assert ("NOR", "reassurance-force", "support") in {(p.actor, p.issue, p.stance) for p in facts.positions}
    for ev in facts.all_evidence():
        assert text[ev.start:ev.end] == ev.sentence
