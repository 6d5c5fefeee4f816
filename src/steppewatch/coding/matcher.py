"""A phrase index over normalised tokens: cue words, actor aliases, country names.

A phrase is a sequence of normalised words; a word ending in ``*`` matches any word with that
prefix (``убит*`` matches ``убитый``, ``kill*`` matches ``killed``). Phrases may allow a gap of
a few words between their words (``закрыть * границу``), though not across "to" ("close to
the border" is no closure). Lookup is by the first word, so the cost per token is a handful of
dictionary probes whatever the number of phrases.

A prefix is tried on the word as written (lower-cased) as well as on its normalised form: a
participle lemmatises to its verb ("запрещённой" to "запретить"), and a noun with a fleeting
vowel to a stem its other forms do not share ("паводки" to "паводок"), so a prefix written on
the participle ("запрещенн*") or on the oblique stem ("паводк*") would otherwise never match.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

from .text import Token, add_vocabulary, normalise, word_tokens

P = TypeVar("P")


@dataclass(frozen=True, slots=True)
class Match(Generic[P]):
    payload: P
    first: int  # token index of the first matched word
    last: int  # token index of the last matched word
    start: int  # character offsets in the document
    end: int


def compile_phrase(phrase: str) -> tuple[str, ...]:
    """Normalise a written phrase word by word, keeping ``*`` prefixes as they are written."""
    words = []
    add_vocabulary(phrase.split())
    for raw in phrase.split():
        if raw.endswith("*"):
            words.append(raw[:-1].lower().replace("ё", "е") + "*")
        else:  # split as documents are tokenised ("gov't" is two tokens)
            words.extend(normalise(w) for w in (word_tokens(raw) or [raw]))
    return tuple(words)


class PhraseIndex(Generic[P]):
    def __init__(self, max_gap: int = 0) -> None:
        self.max_gap = max_gap
        self._exact: dict[str, list[tuple[tuple[str, ...], P]]] = {}
        self._prefix: dict[str, list[tuple[tuple[str, ...], P]]] = {}
        self._prefix_lens: list[int] = []  # ascending
        self._stem_heads: set[str] = set()  # every beginning of every prefix stem
        # first-word candidates per (written, normalised) word
        self._cands: dict[tuple[str, ...], list[tuple[tuple[str, ...], P]]] = {}

    def add(self, words: Sequence[str], payload: P) -> None:
        if not words:
            return
        first = words[0]
        entry = (tuple(words), payload)
        self._cands.clear()
        if first.endswith("*"):
            stem = first[:-1]
            self._prefix.setdefault(stem, []).append(entry)
            if len(stem) not in self._prefix_lens:
                self._prefix_lens = sorted((*self._prefix_lens, len(stem)))
            self._stem_heads.update(stem[:k] for k in range(1, len(stem) + 1))
        else:
            self._exact.setdefault(first, []).append(entry)

    def add_phrase(self, phrase: str, payload: P) -> None:
        self.add(compile_phrase(phrase), payload)

    def __len__(self) -> int:
        return sum(len(v) for v in self._exact.values()) + sum(len(v) for v in self._prefix.values())

    def single_word(self, norm: str) -> list[P]:
        """Payloads of the one-word phrases that ``norm`` matches (exactly or by a prefix)."""
        return [payload for words, payload in self._candidates(norm) if len(words) == 1]

    def _candidates(self, norm: str) -> list[tuple[tuple[str, ...], P]]:
        return [*self._exact.get(norm, ()), *self._prefixed(norm)]

    def _prefixed(self, word: str) -> list[tuple[tuple[str, ...], P]]:
        """Phrases whose first word is a prefix (``xyz*``) of ``word``: stems are tried shortest
        first, and the search stops at the first length whose beginning of ``word`` begins no stem."""
        out: list[tuple[tuple[str, ...], P]] = []
        for n in self._prefix_lens:
            head = word[:n]
            if len(word) < n or head not in self._stem_heads:
                break
            out.extend(self._prefix.get(head, ()))
        return out

    def find(self, toks: Sequence[Token], lo: int = 0, hi: int | None = None) -> list[Match[P]]:
        """All matches whose words all lie in ``toks[lo:hi]``; longest first per start token."""
        hi = len(toks) if hi is None else hi
        out: list[Match[P]] = []
        cache = self._cands
        for i in range(lo, hi):
            key = toks[i][2:]  # (written, normalised): the candidates depend on both
            cands = cache.get(key)
            if cands is None:
                cands = self._lookup(toks[i])
                if len(cache) < 200_000:
                    cache[key] = cands
            for words, payload in cands:
                last = _match_rest(words, toks, i, hi, self.max_gap)
                if last is not None:
                    out.append(Match(payload, i, last, toks[i].start, toks[last].end))
        return out

    def _lookup(self, tok: Token) -> list[tuple[tuple[str, ...], P]]:
        """Phrases whose first word matches ``tok``: its normalised form, or as a prefix the word
        as written (see the module's note), each phrase once."""
        cands = self._candidates(tok.norm)
        written = _surface(tok)
        if written != tok.norm:
            cands = cands + [c for c in self._prefixed(written) if c not in cands]
        return cands


def _surface(tok: Token) -> str:
    """The word as written, lower-cased and with "ё" folded, as cue prefixes are written."""
    return tok.text.lower().replace("ё", "е")


def _word_ok(pattern: str, tok: Token) -> bool:
    if pattern.endswith("*"):
        stem = pattern[:-1]
        return tok.norm.startswith(stem) or _surface(tok).startswith(stem)
    return tok.norm == pattern


def _match_rest(words: tuple[str, ...], toks: Sequence[Token], i: int, hi: int, max_gap: int) -> int | None:
    pos = i
    for w in words[1:]:
        for j in range(pos + 1, min(hi, pos + 2 + max_gap)):
            if _word_ok(w, toks[j]):
                pos = j
                break
            if toks[j].norm in _GAP_BREAKS:
                return None
        else:
            return None
    return pos


#: Words a gap may not skip: "close to the border" is no "close the border".
_GAP_BREAKS = frozenset({"to"})


def longest_non_overlapping(matches: Iterable[Match[P]]) -> list[Match[P]]:
    """Keep the longest match where matches overlap (ties: the earlier one)."""
    chosen: list[Match[P]] = []
    taken: set[int] = set()
    for m in sorted(matches, key=lambda m: (-(m.last - m.first), m.first)):
        span = set(range(m.first, m.last + 1))
        if span & taken:
            continue
        taken |= span
        chosen.append(m)
    return sorted(chosen, key=lambda m: m.first)
