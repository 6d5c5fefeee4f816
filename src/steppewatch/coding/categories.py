"""Category and sub-type scores for one sentence, from the cue lists in ``data/cues.toml``.

A sentence's score for a category is the sum of the weights of the distinct cues found in it,
plus actor evidence (a militant group adds to militancy, border guards to border). Scores become
0-100 confidences through a logistic curve whose two parameters were fitted on the dev gold split
(``CALIBRATION``).

A cue phrase may name word groups in braces (``{press} {legal}``): the groups are listed per
language under ``[groups]`` in cues.toml, and the phrase stands for every combination of their
alternatives, so a word added to a group ("blogger" to ``press``) joins every phrase that uses it.
All combinations count as one cue.
"""

from __future__ import annotations

import itertools
import math
import re
import tomllib
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

from ..vocab import CATEGORIES
from .matcher import Match, PhraseIndex
from .text import Token

#: Logistic calibration: confidence = 100 / (1 + exp(-(A * score + B))).
CALIBRATION = {"a": 0.55, "b": -2.2}
#: Sector of an actor -> (category, weight) it lends to the sentence it appears in.
ACTOR_EVIDENCE: dict[str, tuple[str, int]] = {"REB": ("militancy", 2)}
KIND_EVIDENCE: dict[str, tuple[str, int]] = {"border": ("border", 1)}
#: Sectors whose losses are armed violence: a toll cue ("death toll", "casualties") naming such an
#: actor ("bloodiest year for Afghan forces") gets this (category, weight) on top.
TOLL_SECTORS: dict[str, tuple[str, int]] = {"MIL": ("militancy", 2), "COP": ("militancy", 2)}
#: The militancy cues of cues.toml that report a toll rather than an act.
TOLL_CUES = frozenset({"casualt*", "death toll", "bloodiest", "число погибших", "число жертв"})
#: Prefix of the phrase of evidence lent by :data:`TOLL_SECTORS`.
TOLL = "toll:"
#: Governments or leaders of two countries in a sentence that reports a meeting ("Mirziyoyev met
#: Xi Jinping") lend this to diplomacy; the phrase of that evidence starts with :data:`PAIR`.
PAIR_SECTOR, PAIR_EVIDENCE, PAIR = "GOV", ("diplomacy", 1), "pair:"
#: The diplomacy sub-type of meetings, visits and talks.
MEETING = "summit_visit"
#: (category, sub-type) that yields ties to a topic: an agreement about a topic belongs to it.
AGREEMENT = ("diplomacy", "agreement")
#: (category, sub-type) that wins ties: a claim about unrest, a pipeline or sanctions ("the January
#: unrest was staged by Western intelligence") is the claim's event, its topic is its content.
CLAIM = ("information", "disinformation")
#: Topics whose agreements the taxonomy files under the topic (water-sharing agreements, border
#: demarcation, energy deals, arms deals, counter-narcotics cooperation): such an agreement is the
#: topic's event even where the topic's cue alone is weaker than the agreement's.
AGREEMENT_TOPICS = ("water", "border", "energy", "military", "narcotics")
#: The cues.toml tables of context phrases and of word groups (not categories).
CONTEXT, GROUPS = "context", "groups"
#: A group named in a cue phrase.
_GROUP = re.compile(r"\{(\w+)\}")


@dataclass(frozen=True, slots=True)
class Cue:
    category: str
    subtype: str | None
    weight: int
    phrase: str


#: The evidence two governments at a meeting add to diplomacy (see :data:`PAIR_EVIDENCE`).
PAIR_CUE = Cue(PAIR_EVIDENCE[0], None, PAIR_EVIDENCE[1], PAIR)


@dataclass
class SentenceScore:
    scores: dict[str, float] = field(default_factory=dict)
    subtypes: dict[str, dict[str, float]] = field(default_factory=dict)
    cues: dict[str, list[tuple[Cue, int, int]]] = field(default_factory=dict)  # category -> (cue, start, end)

    def add(self, cue: Cue, start: int, end: int, weight: float | None = None) -> None:
        w = cue.weight if weight is None else weight
        have = self.cues.get(cue.category, [])
        if any(c.phrase == cue.phrase for c, _, _ in have):
            return
        # Words count once per category: "border" inside "border service" is not a second cue.
        if _is_phrase(cue) and any(_is_phrase(c) and s < end and start < e for c, s, e in have):
            return
        self.scores[cue.category] = self.scores.get(cue.category, 0.0) + w
        self.cues.setdefault(cue.category, []).append((cue, start, end))
        if cue.subtype:
            sub = self.subtypes.setdefault(cue.category, {})
            sub[cue.subtype] = sub.get(cue.subtype, 0.0) + w

    def drop(self, category: str, start: int, end: int) -> None:
        """Take back the cues of ``category`` that lie inside ``text[start:end]``."""
        have = self.cues.get(category, [])
        gone = [c for c in have if start <= c[1] and c[2] <= end]
        for cue, _, _ in gone:
            self.scores[category] -= cue.weight
            if cue.subtype:
                self.subtypes[category][cue.subtype] -= cue.weight
        if gone and len(gone) == len(have):
            for table in (self.cues, self.scores, self.subtypes):
                table.pop(category, None)
        elif gone:
            self.cues[category] = [c for c in have if c not in gone]

    def best(self) -> tuple[str, float] | None:
        if not self.scores:
            return None
        # Ties go to a disinformation claim over its topic, to a topic over an agreement (an
        # agreement on water, a border or arms is the topic's event, as the taxonomy says), then
        # to the stronger cue ("border guards seized heroin" is a seizure), then to the category
        # named first.
        key = max(self.scores, key=self._rank)
        if key == AGREEMENT[0] and set(self.subtypes.get(key, {})) == {AGREEMENT[1]}:
            # An agreement on a topic named by a strong cue is the topic's event, however weak
            # that cue alone ("signed an agreement on managing the Farhad reservoir" is water);
            # one reached at talks or a visit stays the meeting's (diplomacy).
            topics = [k for k in self.scores if k in AGREEMENT_TOPICS and _strength(self, k, phrases_only=True) >= 2]
            if topics:
                topic = max(topics, key=lambda k: (self.scores[k], self._tiebreak(k)))
                return topic, max(self.scores[key], self.scores[topic])
        return key, self.scores[key]

    def _rank(self, key: str) -> tuple[float, bool, bool, tuple[int, int]]:
        kind = (key, self.subtype(key))
        return self.scores[key], kind == CLAIM, kind != AGREEMENT, self._tiebreak(key)

    def _tiebreak(self, key: str) -> tuple[int, int]:
        """Between equal scores: the stronger cue, then the category named first."""
        return _strength(self, key), -min(s for _, s, _ in self.cues[key])

    def subtype(self, category: str) -> str | None:
        subs = self.subtypes.get(category)
        if not subs:
            return None
        return max(subs, key=lambda k: subs[k])

    def anchor(self, category: str) -> tuple[int, int]:
        """Offsets of the strongest cue of ``category`` (the evidence anchor)."""
        cue, s, e = max(self.cues[category], key=lambda x: (x[0].weight, -x[1]))
        return s, e


def _is_phrase(cue: Cue) -> bool:
    """A cue phrase of cues.toml, not evidence lent by an actor or a reported death."""
    return not cue.phrase.startswith(("actor:", "lethal", "rule:", TOLL, PAIR))


def has_toll(cues: Sequence[tuple[Cue, int, int]]) -> bool:
    """Whether ``cues`` (a sentence's, any category) report a toll with no other cause named: a
    toll cue (see :data:`TOLL_CUES`) and no decisive cue of another category ("the death toll
    from the avalanche" is the avalanche's)."""
    toll = any(c.phrase in TOLL_CUES for c, _, _ in cues)
    return toll and not any(c.weight >= 3 and c.category != "militancy" for c, _, _ in cues)


def by_position(matches: list[Match[Cue]]) -> list[Match[Cue]]:
    """Matches in text order; where several start at the same word, the longest, then the heaviest,
    first. A cue inside a longer cue of another category is dropped: the longer phrase says what
    the words mean ("lodged a protest" is no protest, "shots were fired" no dismissal)."""
    out = sorted(matches, key=lambda m: (m.start, -m.end, -m.payload.weight))
    kept: list[Match[Cue]] = []
    active: list[Match[Cue]] = []  # earlier matches that reach past the current start
    for m in out:
        active = [o for o in active if o.end > m.start]
        if not any(o.payload.category != m.payload.category and _inside(m, o) for o in active):
            kept.append(m)
        active.append(m)
    return kept


def _inside(m: Match[Cue], o: Match[Cue]) -> bool:
    """``m`` (starting within ``o``) is part of the longer ``o``; a phrase of several words
    that starts in the words a gapped ``o`` skipped is its own ("signed a water agreement": the
    water agreement is not swallowed by "sign* agreement*")."""
    if m.end > o.end or o.end - o.start <= m.end - m.start:
        return False
    gapped = o.last - o.first + 1 > len(o.payload.phrase.split())
    return not (gapped and o.first < m.first < o.last)


def _strength(score: SentenceScore, key: str, phrases_only: bool = False) -> int:
    """The weight of the strongest cue of ``key``; of cue phrases alone with ``phrases_only``."""
    return max((c.weight for c, _, _ in score.cues.get(key, []) if not phrases_only or _is_phrase(c)), default=0)


def confidence(score: float) -> int:
    a, b = CALIBRATION["a"], CALIBRATION["b"]
    return max(1, min(99, round(100 / (1 + math.exp(-(a * score + b))))))


@lru_cache(maxsize=1)
def _cue_data() -> dict[str, dict[str, str]]:
    text = resources.files("steppewatch.coding").joinpath("data/cues.toml").read_text("utf-8")
    return tomllib.loads(text)


@lru_cache(maxsize=1)
def context_index() -> dict[str, PhraseIndex[int]]:
    """Context phrases per language (``[context]`` in cues.toml), each with its reach: the number
    of words after the phrase it also covers."""
    out: dict[str, PhraseIndex[int]] = {"en": PhraseIndex(max_gap=2), "ru": PhraseIndex(max_gap=2)}
    for lang, block in _cue_data().get(CONTEXT, {}).items():
        for line in block.strip().splitlines():
            reach, phrase = (x.strip() for x in line.split("|", 1))
            out[lang].add_phrase(phrase, int(reach))
    return out


@lru_cache(maxsize=1)
def cue_index() -> dict[str, PhraseIndex[Cue]]:
    """One phrase index per language, built once per process."""
    data = _cue_data()
    out: dict[str, PhraseIndex[Cue]] = {"en": PhraseIndex(max_gap=2), "ru": PhraseIndex(max_gap=2)}
    for category, langs in data.items():
        if category in (CONTEXT, GROUPS):
            continue
        if category not in CATEGORIES:
            raise ValueError(f"cues.toml: unknown category {category!r}")
        for lang, block in langs.items():
            groups = data.get(GROUPS, {}).get(lang, {})
            for line in block.strip().splitlines():
                weight, subtype, phrase = (x.strip() for x in line.split("|", 2))
                if subtype and subtype not in CATEGORIES[category]:
                    raise ValueError(f"cues.toml: {category} has no sub-type {subtype!r}")
                cue = Cue(category, subtype or None, int(weight), phrase)
                for variant in expand_groups(phrase, groups, f"{category}.{lang}"):
                    out[lang].add_phrase(variant, cue)
    return out


def expand_groups(phrase: str, groups: dict[str, list[str]], where: str = "cues.toml") -> list[str]:
    """Every phrase that ``phrase`` stands for, one alternative of each ``{group}`` it names."""
    parts = _GROUP.split(phrase)  # literal, group, literal, group, ..., literal
    names = parts[1::2]
    missing = [n for n in names if n not in groups]
    if missing:
        raise ValueError(f"cues.toml: {where} phrase {phrase!r} names unknown group {missing[0]!r}")
    out = []
    for choice in itertools.product(*(groups[n] for n in names)):
        words = [parts[0]]
        for alt, literal in zip(choice, parts[2::2], strict=True):
            words += [alt, literal]
        out.append(" ".join("".join(words).split()))
    return out


def _context(cue: Cue) -> Cue:
    return _CONTEXT_CUES.setdefault(cue, Cue(cue.category, cue.subtype, 1, cue.phrase))


_CONTEXT_CUES: dict[Cue, Cue] = {}


def _find(toks: Sequence[Token], lo: int, hi: int, language: str) -> list[Match[Cue]]:
    """Cue matches in ``toks[lo:hi]``; a cue inside a context phrase weighs 1: it sets the scene
    ("killed as the election nears", "known for its human rights abuses"), not the event."""
    index = cue_index().get(language)
    if index is None:
        return []
    found = index.find(toks, lo, hi)
    ctx = context_index().get(language)
    spans = [(toks[m.first].start, toks[min(m.last + m.payload, hi - 1)].end)
             for m in (ctx.find(toks, lo, hi) if ctx is not None and found else ())]
    if not spans:
        return found
    return [Match(_context(m.payload), m.first, m.last, m.start, m.end)
            if m.payload.weight > 1 and any(s <= m.start and m.end <= e for s, e in spans) else m
            for m in found]


def cue_matches(toks: Sequence[Token], language: str) -> list[Match[Cue]]:
    """Every cue phrase in ``toks`` (none for a language without cues)."""
    return _find(toks, 0, len(toks), language)


def score_sentence(toks: Sequence[Token], lo: int, hi: int, language: str) -> SentenceScore:
    score = SentenceScore()
    for m in by_position(_find(toks, lo, hi, language)):
        score.add(m.payload, m.start, m.end)
    return score
