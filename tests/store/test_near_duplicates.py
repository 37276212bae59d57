from __future__ import annotations

import random

from accordia.facts import Membership, Person, Position
from accordia.store.keys import fact_key, fold_name
from accordia.store.near_duplicates import (
    MinHasher,
    NearDuplicateIndex,
    jaccard,
    shingles,
    signature_from_bytes,
    signature_to_bytes,
)
from tests.store.helpers import WIRE_REPORT


def test_shingles_are_word_five_grams() -> None:
    assert shingles("One two three four five six") == {"one two three four five", "two three four five six"}
    assert shingles("Too short.") == {"too short"}
    assert shingles("  ...  ") == set()


def test_signature_agreement_tracks_jaccard() -> None:
    hasher = MinHasher()
    base = shingles(WIRE_REPORT)
    words = WIRE_REPORT.split()
    rng = random.Random(7)
    for edits in (0, 2, 8, 30):
        changed = list(words)
        for i in rng.sample(range(len(words)), edits):
            changed[i] = f"edited{i}"
        other = shingles(" ".join(changed))
        agreement = float((hasher.signature(base) == hasher.signature(other)).mean())
        assert abs(agreement - jaccard(base, other)) < 0.15, edits


def test_signatures_survive_storage_and_a_new_hasher() -> None:
    sig = MinHasher().signature(shingles(WIRE_REPORT))
    again = MinHasher().signature(shingles(WIRE_REPORT))
    assert (signature_from_bytes(signature_to_bytes(sig)) == again).all()
    assert MinHasher().signature(set()) is None


def test_index_finds_close_texts_and_forgets_the_oldest() -> None:
    hasher = MinHasher()
    index = NearDuplicateIndex(capacity=2)
    index.add("a", hasher.signature(shingles(WIRE_REPORT)))
    close = hasher.signature(shingles(WIRE_REPORT.replace("Monday", "Tuesday")))
    assert index.candidates(close) == {"a"}
    index.add("b", hasher.signature(shingles("An entirely different report about grain exports by sea.")))
    index.add("c", hasher.signature(shingles("A third report on the price of electricity in winter.")))
    assert len(index) == 2 and "a" not in index.candidates(close)


def test_fact_keys_ignore_wording_but_not_identity() -> None:
    assert fact_key(Position("FRA", "ceasefire", "Support")) == "FRA|ceasefire|support"
    assert fact_key(Position("FRA", "ceasefire", "support", condition="x")) == \
        fact_key(Position("FRA", "ceasefire", "support"))
    assert fact_key(Membership("g7", "CAN", role="lead")) == fact_key(Membership("g7", "CAN"))
    assert fact_key(Person("Volodymyr Zelenskyy", "UKR")) == fact_key(Person("Zelenskiy", "UKR"))
    assert fold_name("Zelenský") == "zelensk"


def test_ranked_keeps_the_closest_few_above_the_floor() -> None:
    hasher = MinHasher()
    index = NearDuplicateIndex()
    words = WIRE_REPORT.split()
    for edits in (1, 3, 40):
        changed = list(words)
        for i in range(edits):
            changed[i * 3] = f"edit{i}"
        index.add(f"e{edits}", hasher.signature(shingles(" ".join(changed))))
    ranked = index.ranked(hasher.signature(shingles(WIRE_REPORT)), floor=0.7, limit=5)
    assert [article_id for article_id, _ in ranked] == ["e1", "e3"]
    assert ranked[0][1] >= ranked[1][1] >= 0.7
    assert len(index.ranked(hasher.signature(shingles(WIRE_REPORT)), floor=0.0, limit=1)) == 1
