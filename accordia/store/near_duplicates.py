"""Near-duplicate detection: MinHash signatures over word 5-grams, with an LSH index of recent articles.

Wire copy is rewritten by many outlets with small edits; treating each copy as independent evidence
would inflate how often a stance seems to be reported. The signature finds candidates cheaply;
the exact Jaccard of the shingle sets then decides, so a false LSH hit never merges two stories.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable

import numpy as np

SHINGLE_WORDS = 5
NUM_PERM = 128
BANDS = 32
THRESHOLD = 0.8
# Shingles hashed against all permutations at once; a long article goes through in blocks of this
# many, so the intermediate array stays at about 4 MB instead of growing with the text.
_HASH_BLOCK = 4096
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
        values = np.asarray(hashes, dtype=np.uint64)
        lowest = np.full(self.num_perm, np.iinfo(np.uint64).max, dtype=np.uint64)
        for begin in range(0, len(values), _HASH_BLOCK):
            x = values[begin:begin + _HASH_BLOCK, None]
            mixed = (x * self._a[None, :] + self._b[None, :]) >> np.uint64(32)
            np.minimum(lowest, mixed.min(axis=0), out=lowest)
        return lowest.astype(np.uint32)


def signature_to_bytes(signature: np.ndarray) -> bytes:
    return signature.astype("<u4").tobytes()


def signature_from_bytes(blob: bytes) -> np.ndarray:
    return np.frombuffer(blob, dtype="<u4").astype(np.uint32)


class NearDuplicateIndex:
    """LSH over the ``capacity`` most recently added signatures, in fixed-size arrays (a ring buffer).

    Memory stays flat however large the store grows (about 770 bytes per slot, touched only when
    used); wire copies of one story arrive close together, so comparing against recent articles is
    enough. A lookup compares band hashes across all slots at once, which numpy does in about a
    millisecond for tens of thousands of articles.
    """

    def __init__(self, num_perm: int = NUM_PERM, bands: int = BANDS, capacity: int = 50_000) -> None:
        if num_perm % bands:
            raise ValueError("num_perm must be a multiple of bands")
        if capacity < 1:
            raise ValueError("capacity must be at least 1")
        self.rows = num_perm // bands
        self.bands = bands
        self.capacity = capacity
        self._mix = np.random.default_rng(7).integers(
            0, np.iinfo(np.uint64).max, size=self.rows, dtype=np.uint64) | np.uint64(1)
        self._band_table = np.zeros((capacity, bands), dtype=np.uint64)
        self._signatures = np.zeros((capacity, num_perm), dtype=np.uint32)
        self._ids: list[str | None] = [None] * capacity
        self._slot_of: dict[str, int] = {}
        self._added = 0

    def __len__(self) -> int:
        return min(self._added, self.capacity)

    def _band_hashes(self, signature: np.ndarray) -> np.ndarray:
        """One 64-bit hash per band (products and sums wrap modulo 2**64 by design)."""
        rows = signature.astype(np.uint64).reshape(self.bands, self.rows)
        return (rows * self._mix[None, :]).sum(axis=1, dtype=np.uint64)

    def add(self, article_id: str, signature: np.ndarray) -> None:
        if article_id in self._slot_of:
            return
        slot = self._added % self.capacity
        evicted = self._ids[slot]
        if evicted is not None:
            del self._slot_of[evicted]
        self._ids[slot] = article_id
        self._slot_of[article_id] = slot
        self._band_table[slot] = self._band_hashes(signature)
        self._signatures[slot] = signature
        self._added += 1

    def _hits(self, signature: np.ndarray) -> np.ndarray:
        used = len(self)
        if used == 0:
            return np.zeros(0, dtype=np.intp)
        matches = self._band_table[:used] == self._band_hashes(signature)[None, :]
        return np.flatnonzero(matches.any(axis=1))

    def candidates(self, signature: np.ndarray) -> set[str]:
        """Ids sharing at least one band with the signature."""
        return {self._ids[i] for i in self._hits(signature)}

    def ranked(self, signature: np.ndarray, floor: float, limit: int) -> list[tuple[str, float]]:
        """Up to ``limit`` candidates whose estimated Jaccard is at least ``floor``, best first.

        Ranking by the signature estimate keeps exact checks to a handful, however many copies of
        one story the index holds.
        """
        hits = self._hits(signature)
        if hits.size == 0:
            return []
        estimates = (self._signatures[hits] == signature[None, :]).mean(axis=1)
        scored = [(self._ids[i], float(e)) for i, e in zip(hits, estimates, strict=True) if e >= floor]
        scored.sort(key=lambda item: (-item[1], item[0]))
        return scored[:limit]
