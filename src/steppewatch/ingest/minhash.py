"""MinHash signatures and LSH band keys over word shingles, in numpy.

Jaccard similarity of two documents' 3-word shingle sets is estimated by the share of equal
MinHash values (Broder 1997, "On the resemblance and containment of documents"). Signatures
are banded for locality-sensitive hashing (Leskovec, Rajaraman & Ullman, *Mining of Massive
Datasets*, ch. 3.4): with ``BANDS`` bands of ``ROWS`` rows, a pair with similarity s becomes a
candidate with probability 1 - (1 - s^ROWS)^BANDS: 0.9999 at s = 0.9, 0.61 at 0.7, 0.06 at 0.5.
Candidates are then checked against the full signature.

Each of the ``PERMUTATIONS`` hash functions is a multiply-shift hash
``((a*x + b) mod 2^64) >> 32`` with random odd ``a`` (Dietzfelbinger et al. 1997), cheaper in
numpy than a modular prime hash. Every constant is fixed (seeded), so signatures stored by one
run compare with the next.
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Sequence

import numpy as np

PERMUTATIONS = 128
BANDS = 16
ROWS = PERMUTATIONS // BANDS
SHINGLE = 3
#: Only the first this-many words of a document are shingled (bounds the cost of long texts).
MAX_TOKENS = 3000
#: Texts shorter than this (in words) are compared by exact hash only.
MIN_TOKENS = 8

_MASK32 = np.uint64(0xFFFFFFFF)
_SHIFT = np.uint64(32)
_rng = np.random.default_rng(0x5E77E)
_A = _rng.integers(0, 1 << 63, size=PERMUTATIONS, dtype=np.uint64) * np.uint64(2) + np.uint64(1)
_B = _rng.integers(0, 1 << 63, size=PERMUTATIONS, dtype=np.uint64)
#: word -> crc32, shared by every document (news vocabulary repeats); cleared when large
_WORD_HASH: dict[str, int] = {}
_WORD_CACHE_MAX = 300_000
_K1 = np.uint64(0x9E3779B97F4A7C15)
_K2 = np.uint64(0xC2B2AE3D27D4EB4F)
_WORD = re.compile(r"\w+")


def tokens(text: str) -> list[str]:
    return _WORD.findall(text.lower())[:MAX_TOKENS]


def shingle_hashes(words: Sequence[str]) -> np.ndarray:
    """32-bit hashes of the document's word 3-grams (the whole text when shorter)."""
    cache = _WORD_HASH
    if len(cache) > _WORD_CACHE_MAX:
        cache.clear()
    codes = []
    for w in words:
        c = cache.get(w)
        if c is None:
            c = cache[w] = zlib.crc32(w.encode("utf-8", "surrogatepass"))
        codes.append(c)
    h = np.array(codes, dtype=np.uint64)
    if len(h) < SHINGLE:
        return np.array([int(h.sum()) & 0xFFFFFFFF], dtype=np.uint64)
    with np.errstate(over="ignore"):
        mixed = h[:-2] * _K1 + h[1:-1] * _K2 + h[2:]
    return np.unique((mixed ^ (mixed >> np.uint64(29))) & _MASK32)


def signatures(shingle_sets: Sequence[np.ndarray]) -> np.ndarray:
    """One row of ``PERMUTATIONS`` uint32 minima per shingle set (batched in one numpy pass)."""
    if not shingle_sets:
        return np.zeros((0, PERMUTATIONS), dtype=np.uint32)
    out = np.empty((len(shingle_sets), PERMUTATIONS), dtype=np.uint32)
    start = 0
    while start < len(shingle_sets):  # chunks keep each temporary matrix near 8 MB
        stop, size = start, 0
        while stop < len(shingle_sets) and (size < 8_000 or stop == start):
            size += len(shingle_sets[stop])
            stop += 1
        x = np.concatenate(shingle_sets[start:stop])
        offsets = np.cumsum([0] + [len(s) for s in shingle_sets[start:stop - 1]])
        with np.errstate(over="ignore"):
            values = (_A[:, None] * x[None, :] + _B[:, None]) >> _SHIFT
        out[start:stop] = np.minimum.reduceat(values, offsets, axis=1).T.astype(np.uint32)
        start = stop
    return out


def band_keys(sigs: np.ndarray) -> np.ndarray:
    """``BANDS`` signed 63-bit bucket keys per signature (band index folded in)."""
    rows = sigs.astype(np.uint64).reshape(len(sigs), BANDS, ROWS)
    with np.errstate(over="ignore"):
        key = np.zeros((len(sigs), BANDS), dtype=np.uint64)
        for r in range(ROWS):
            key = key * _K1 + rows[:, :, r]
        key ^= np.arange(BANDS, dtype=np.uint64)[None, :] * _K2
        key ^= key >> np.uint64(31)
    return (key >> np.uint64(1)).astype(np.int64)


def similarity(a: np.ndarray, b: np.ndarray) -> float:
    """Estimated Jaccard similarity: the share of equal MinHash values."""
    return float(np.count_nonzero(a == b)) / len(a)


def similarities(sig: np.ndarray, others: np.ndarray) -> np.ndarray:
    """``similarity(sig, row)`` for every row of ``others`` at once."""
    return np.count_nonzero(others == sig[None, :], axis=1) / sig.shape[0]


def to_bytes(sig: np.ndarray) -> bytes:
    return sig.astype("<u4").tobytes()


def from_bytes(data: bytes) -> np.ndarray:
    return np.frombuffer(bytes(data), dtype="<u4").astype(np.uint32)
