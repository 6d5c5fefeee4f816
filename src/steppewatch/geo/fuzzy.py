"""Misspelling tolerance for long names of places in the five republics and Afghanistan.

News copy misspells long local names ("Жаозене", "Жанозену" for Жанаозен). A token that
matches no gazetteer key may still be read as such a place when one of its keys is within
edit distance 2 (1 for keys shorter than :data:`LONG_KEY`) of the key of exactly one place:
a town of at least :data:`MIN_POPULATION` inhabitants, an admin centre or an admin-1 unit,
in the region, named by its primary or official name (a town and the unit named after it
count as the town). Two or more places within reach, or a reach only to places elsewhere,
leave the token unmatched; words the Russian dictionary knows are never corrected. The index is a deletion
neighbourhood (every key with up to two letters deleted), built when a geoparser is made.
"""

from __future__ import annotations

from collections import defaultdict
from functools import lru_cache

from ..vocab import CENTRAL_ASIA
from .gazetteer import Gazetteer

REGION = frozenset(CENTRAL_ASIA) | {"AF"}
MIN_KEY = 7          # shorter keys are never corrected: too many near neighbours
LONG_KEY = 8         # keys this long may be two edits away, shorter ones one
MIN_POPULATION = 20_000
_KINDS = ("primary", "official")


def _deletions(key: str, depth: int) -> set[str]:
    """``key`` with up to ``depth`` letters deleted (one layer of single deletions at a time)."""
    out = {key}
    layer = {key}
    for _ in range(depth):
        layer = {w[:i] + w[i + 1:] for w in layer for i in range(len(w))}
        out |= layer
    return out


def _distance(a: str, b: str) -> int:
    """Optimal string alignment distance (Levenshtein with adjacent transpositions)."""
    prev2: list[int] = []
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb))
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                cur[j] = min(cur[j], prev2[j - 2] + 1)
        prev2, prev = prev, cur
    return prev[-1]


class FuzzyIndex:
    """Deletion-neighbourhood index over long region names of one gazetteer."""

    def __init__(self, gaz: Gazetteer) -> None:
        self.gaz = gaz
        self._by_deletion: dict[str, set[str]] = defaultdict(set)
        for key, bucket in gaz.index.items():
            if len(key) < MIN_KEY or " " in key:
                continue
            if any(self._eligible(pid, kind) for pid, kind in bucket):
                for d in _deletions(key, 2 if len(key) >= LONG_KEY else 1):
                    self._by_deletion[d].add(key)
        self.lookup = lru_cache(maxsize=20_000)(self._lookup)

    def _eligible(self, pid: int, kind: str) -> bool:
        e = self.gaz.places[pid]
        if e.country not in REGION or kind not in _KINDS:
            return False
        return e.kind == "admin1" or e.code in ("PPLC", "PPLA") or (
            e.kind == "city" and e.population >= MIN_POPULATION)

    def _lookup(self, key: str) -> tuple[int, ...]:
        """The one eligible place whose key is nearest to ``key`` (within reach), or ()."""
        if len(key) < MIN_KEY - 1 or " " in key or key in self.gaz.index:
            return ()
        by_deletion = self._by_deletion
        cands: set[str] = set()
        for d in _deletions(key, 2 if len(key) >= LONG_KEY - 1 else 1):
            hit = by_deletion.get(d)
            if hit:
                cands |= hit
        near: dict[str, int] = {}
        for cand in cands:  # each candidate measured once; a length gap alone may rule it out
            reach = 2 if len(cand) >= LONG_KEY else 1
            if abs(len(cand) - len(key)) <= reach:
                dist = _distance(key, cand)
                if dist <= reach:
                    near[cand] = dist
        if not near:
            return ()
        best = min(near.values())
        pids = {pid for k, d in near.items() if d == best
                for pid, kind in self.gaz.lookup(k) if self._eligible(pid, kind)}
        if len(pids) > 1 and len({self.gaz.places[p].country for p in pids}) == 1:
            # a town and the unit named after it ("Samarkand"): the town, as for exact names
            pids = {p for p in pids if self.gaz.places[p].kind != "admin1"}
        return tuple(pids) if len(pids) == 1 else ()


_indexes: dict[int, FuzzyIndex] = {}


def fuzzy_index(gaz: Gazetteer) -> FuzzyIndex:
    """The fuzzy index of ``gaz``, built once per gazetteer object."""
    idx = _indexes.get(id(gaz))
    if idx is None or idx.gaz is not gaz:
        idx = _indexes[id(gaz)] = FuzzyIndex(gaz)
    return idx
