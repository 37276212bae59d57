from datetime import date

import pytest

from accordia.extract import Extractor
from accordia.facts import Article


@pytest.fixture(scope="session")
def extractor() -> Extractor:
    """The rules alone: what the stance model receives as candidates and features."""
    return Extractor(model=None)


@pytest.fixture(scope="session")
def learned() -> Extractor:
    """The extractor as shipped: the rules, then the trained stance model deciding."""
    return Extractor()


@pytest.fixture
def read(extractor):
    """Extract a short text dated 2025-06-02 and return its facts."""

    def _read(text: str, published: date = date(2025, 6, 2)):
        return extractor(Article(text=text, published=published))

    return _read


def stances(facts) -> set[tuple[str, str, str]]:
    return {(p.actor, p.issue, p.stance) for p in facts.positions}
