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
_K1 = np.uint64(0x9E3779B97F4A7C15)
_K2 = np.uint64(0xC2B2AE3D27D4EB4F)
_WORD = re.compile(r"\w+")


def tokens(text: str) -> list[str]:
    return _WORD.findall(text.lower())[:MAX_TOKENS]


def shingle_hashes(words: Sequence[str]) -> np.ndarray:
    """32-bit hashes of one document's word 3-grams (the whole text when shorter)."""
    return shingle_sets([" ".join(words)])[0]


#: Bytes that belong to words: ASCII letters and digits, and every byte of a multi-byte UTF-8
#: character (Cyrillic, Latin with diacritics ...). Punctuation and spaces separate words.
_WORD_BYTE = np.zeros(256, dtype=bool)
for _c in b"abcdefghijklmnopqrstuvwxyz0123456789_":
    _WORD_BYTE[_c] = True
_WORD_BYTE[0x80:] = True
_P = np.uint64(0x100000001B3)  # odd multiplier of the per-word polynomial hash
_P_INV = np.uint64(pow(int(_P), -1, 1 << 64))
#: Characters of a document read for shingling (about MAX_TOKENS words).
MAX_CHARS = MAX_TOKENS * 7


_POWERS: dict[int, np.ndarray] = {}


def _powers(base: np.uint64, n: int) -> np.ndarray:
    """base**0 .. base**(n-1) mod 2^64, cached and grown as batches need more."""
    have = _POWERS.get(int(base))
    if have is None or len(have) < n:
        size = max(n, 1 << 21)
        out = np.full(size, base, dtype=np.uint64)
        out[0] = 1
        with np.errstate(over="ignore"):
            have = _POWERS[int(base)] = np.cumprod(out, dtype=np.uint64)
    return have[:n]


#: Bytes of text hashed in one numpy pass: bounds the temporaries (several 8-byte arrays per byte)
#: and keeps the cached powers at their first size, so memory does not follow the batch size.
PASS_BYTES = 1 << 20


def shingle_sets(texts: Sequence[str]) -> list[np.ndarray]:
    """Sorted unique 32-bit word 3-gram hashes for each text, in passes of at most ``PASS_BYTES``."""
    parts = [t[:MAX_CHARS].lower().encode("utf-8", "surrogatepass") for t in texts]
    out: list[np.ndarray] = []
    start, size = 0, 0
    for end, part in enumerate(parts):
        if size and size + len(part) > PASS_BYTES:
            out += _shingle_pass(parts[start:end])
            start, size = end, 0
        size += len(part) + 1
    if start < len(parts):
        out += _shingle_pass(parts[start:])
    return out


def _shingle_pass(parts: Sequence[bytes]) -> list[np.ndarray]:
    """Sorted unique 32-bit word 3-gram hashes for each (lower-cased, encoded) text, at once.

    The texts are lower-cased, joined and hashed as one byte array: word boundaries, a
    polynomial hash per word (from prefix sums, wrapping mod 2^64) and the 3-gram mix are numpy
    operations over the whole batch, so the cost per document is a few microseconds plus its
    length. A text with fewer than three words gets one shingle from the words it has.
    """
    data = np.frombuffer(b" ".join(parts) + b" ", dtype=np.uint8)
    lengths = np.fromiter((len(p) + 1 for p in parts), dtype=np.int64, count=len(parts))
    doc_start = np.concatenate(([0], np.cumsum(lengths)[:-1]))
    is_word = _WORD_BYTE[data]
    edges = np.diff(np.concatenate(([False], is_word, [False])).astype(np.int8))
    starts = np.flatnonzero(edges == 1)
    ends = np.flatnonzero(edges == -1)
    n = len(data) + 1
    with np.errstate(over="ignore"):
        weighted = (data.astype(np.uint64) + np.uint64(1)) * _powers(_P, n - 1)
        prefix = np.concatenate((np.zeros(1, dtype=np.uint64), np.cumsum(weighted, dtype=np.uint64)))
        words = (prefix[ends] - prefix[starts]) * _powers(_P_INV, n)[starts]
        words ^= words >> np.uint64(33)
        words *= _K1
        words ^= words >> np.uint64(29)
    word_doc = np.searchsorted(doc_start, starts, side="right") - 1
    out: list[np.ndarray] = []
    if len(words) >= SHINGLE:
        with np.errstate(over="ignore"):
            mixed = words[:-2] * _K1 + words[1:-1] * _K2 + words[2:]
            mixed = (mixed ^ (mixed >> np.uint64(29))) & _MASK32
        same = word_doc[:-2] == word_doc[2:]
        sh_doc = word_doc[:-2][same]
        keyed = np.sort((sh_doc.astype(np.uint64) << np.uint64(32)) | mixed[same])
        keyed = keyed[np.concatenate(([True], keyed[1:] != keyed[:-1]))] if len(keyed) else keyed
        bounds = np.searchsorted(keyed >> np.uint64(32), np.arange(len(parts) + 1, dtype=np.uint64))
        shingles = keyed & _MASK32
    else:
        bounds = np.zeros(len(parts) + 1, dtype=np.int64)
        shingles = np.zeros(0, dtype=np.uint64)
    word_bounds = np.searchsorted(word_doc, np.arange(len(parts) + 1))
    for d in range(len(parts)):
        got = shingles[bounds[d]:bounds[d + 1]]
        if len(got) == 0:  # fewer than three words: one shingle from what there is
            w = words[word_bounds[d]:word_bounds[d + 1]]
            with np.errstate(over="ignore"):
                got = np.array([int(w.sum()) & 0xFFFFFFFF], dtype=np.uint64)
        out.append(got)
    return out


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
