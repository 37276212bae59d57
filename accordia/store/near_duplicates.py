"""Near-duplicate detection: MinHash signatures over word 5-grams, with an LSH index of recent articles.

Wire copy is rewritten by many outlets with small edits; treating each copy as independent evidence
would inflate how often a stance seems to be reported. The signature finds candidates cheaply;
the exact Jaccard of the shingle sets then decides, so a false LSH hit never merges two stories.
"""

from __future__ import annotations

import hashlib
import re
from collections import OrderedDict
from collections.abc import Iterable

import numpy as np

SHINGLE_WORDS = 5
NUM_PERM = 128
BANDS = 32
THRESHOLD = 0.8
_WORD = re.compile(r"\w+", re.UNICODE)


def shingles(text: str, size: int = SHINGLE_WORDS) -> set[str]:
    """Word ``size``-grams of the lower-cased text; a text shorter than that is one shingle."""
    words = _WORD.findall(text.lower())
    if not words:
        return set()
    if len(words) <= size:
        return {" ".join(words)}
    return {" ".join(words[i:i + size]) for i in range(len(words) - size + 1)}


def jaccard(a: set[str], b: set[str]) -> float:
    if not a and not b:
        return 1.0
    return len(a & b) / len(a | b)


class MinHasher:
    """Fixed random permutations, so signatures written today compare with those written later."""

    def __init__(self, num_perm: int = NUM_PERM, seed: int = 20250212) -> None:
        rng = np.random.default_rng(seed)
        self.num_perm = num_perm
        # Multiply-shift hashing: odd 64-bit multipliers, products wrap modulo 2**64 on purpose,
        # and the high 32 bits are kept (they are the well-mixed ones).
        self._a = rng.integers(0, np.iinfo(np.uint64).max, size=num_perm, dtype=np.uint64) | np.uint64(1)
        self._b = rng.integers(0, np.iinfo(np.uint64).max, size=num_perm, dtype=np.uint64)

    def signature(self, shingle_set: Iterable[str]) -> np.ndarray | None:
        """The signature (uint32 per permutation), or None for a text without words."""
        hashes = [
            int.from_bytes(hashlib.blake2b(s.encode("utf-8"), digest_size=8).digest(), "little")
            for s in shingle_set
        ]
        if not hashes:
            return None
        x = np.asarray(hashes, dtype=np.uint64)[:, None]
        mixed = (x * self._a[None, :] + self._b[None, :]) >> np.uint64(32)
        return mixed.min(axis=0).astype(np.uint32)


def signature_to_bytes(signature: np.ndarray) -> bytes:
    return signature.astype("<u4").tobytes()


def signature_from_bytes(blob: bytes) -> np.ndarray:
    return np.frombuffer(blob, dtype="<u4").astype(np.uint32)


class NearDuplicateIndex:
    """LSH buckets over the ``capacity`` most recently added signatures (oldest evicted first).

    Bounding the index keeps memory flat however large the store grows; wire copies of one story
    arrive close together, so comparing against recent articles is enough.
    """

    def __init__(self, num_perm: int = NUM_PERM, bands: int = BANDS, capacity: int = 50_000) -> None:
        if num_perm % bands:
            raise ValueError("num_perm must be a multiple of bands")
        self.rows = num_perm // bands
        self.bands = bands
        self.capacity = capacity
        self._buckets: dict[tuple[int, bytes], set[str]] = {}
        self._keys: OrderedDict[str, list[tuple[int, bytes]]] = OrderedDict()

    def __len__(self) -> int:
        return len(self._keys)

    def _band_keys(self, signature: np.ndarray) -> list[tuple[int, bytes]]:
        return [(b, signature[b * self.rows:(b + 1) * self.rows].tobytes()) for b in range(self.bands)]

    def add(self, article_id: str, signature: np.ndarray) -> None:
        if article_id in self._keys:
            return
        keys = self._band_keys(signature)
        for key in keys:
            self._buckets.setdefault(key, set()).add(article_id)
        self._keys[article_id] = keys
        while len(self._keys) > self.capacity:
            old_id, old_keys = self._keys.popitem(last=False)
            for key in old_keys:
                bucket = self._buckets.get(key)
                if bucket is not None:
                    bucket.discard(old_id)
                    if not bucket:
                        del self._buckets[key]

    def candidates(self, signature: np.ndarray) -> set[str]:
        found: set[str] = set()
        for key in self._band_keys(signature):
            found |= self._buckets.get(key, set())
        return found
