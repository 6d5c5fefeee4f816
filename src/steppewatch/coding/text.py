"""Sentences, tokens and normalised token forms (lemmas) with character offsets.

Every coded field points back into the document by offsets, so nothing here rewrites the text:
sentences and tokens are ``(start, end)`` spans over the original string.

Normalisation is by script, not by document language, so an alias in the actor registry and a
word in a document always normalise the same way: Cyrillic words become their pymorphy3 lemma
(cached), Latin words are lower-cased; ``ё`` is folded to ``е``.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

#: A word, hyphenated words kept whole; a wire's "UPDATE 2-Gunmen kill ..." splits after the digit.
_WORD = re.compile(r"\d+(?=[-‐][A-ZА-ЯЁ])|\w+(?:[-‐]\w+)*", re.UNICODE)
_CYRILLIC = re.compile(r"[а-яёәғқңөұүһіӣӯҷҳўқғ]", re.IGNORECASE)
# A sentence ends at . ! ? … (optionally followed by closing quotes/brackets) before white space
# and an upper-case letter, digit or opening quote; or at a line break.
_SENT_END = re.compile(r"(?<=[.!?…])[\"»”’)\]]*\s+(?=[\"«“(\[]?[A-ZА-ЯЁ0-9])")
_ABBREV = {
    "г", "гг", "т", "д", "др", "пр", "ул", "им", "св", "см", "тыс", "млн", "млрд", "руб", "чел",
    "mr", "mrs", "ms", "dr", "st", "gen", "col", "lt", "sgt", "gov", "sen", "rep", "no", "vs", "jan",
    "feb", "mar", "apr", "aug", "sep", "sept", "oct", "nov", "dec", "u", "s", "e", "g", "i",
}


class Token(NamedTuple):
    """A word with its offsets and normalised form (a tuple: cheap to build by the hundred thousand)."""

    start: int
    end: int
    text: str
    norm: str


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Sentence spans over ``text``; blank lines and line breaks always end a sentence."""
    spans: list[tuple[int, int]] = []
    pos = 0
    for line in text.split("\n"):
        line_start = pos
        pos += len(line) + 1
        start = 0
        for m in _SENT_END.finditer(line):
            before = line[start : m.start()].rstrip("\"»”’)]")
            last = re.search(r"(\w+)\.$", before)
            if last and (last.group(1).lower() in _ABBREV or len(last.group(1)) == 1):
                continue
            _add_span(spans, line, line_start, start, m.start())
            start = m.end()
        _add_span(spans, line, line_start, start, len(line))
    return spans


def _add_span(spans: list[tuple[int, int]], line: str, offset: int, start: int, end: int) -> None:
    chunk = line[start:end]
    stripped = chunk.strip()
    if not stripped:
        return
    lead = len(chunk) - len(chunk.lstrip())
    spans.append((offset + start + lead, offset + start + lead + len(stripped)))


@lru_cache(maxsize=1)
def _morph() -> object:
    import pymorphy3

    return pymorphy3.MorphAnalyzer(lang="ru")


_LEMMA_CACHE: dict[str, str] = {}
#: Words of the coder's vocabulary (cue phrases, actor aliases, country names, the few words the
#: code compares with) that lemmatisation must serve.
_VOCAB_WORDS = ("граница рубеж с со в во из на по к от до у о об через для между под над при за "
                "из-за около возле вблизи внутри").split()
_PREFIX = 3


@lru_cache(maxsize=1)
def _gate() -> set[str]:
    """First letters of every Cyrillic vocabulary word. A document word that shares none of them
    cannot lemmatise to a vocabulary word (a lemma keeps the first letters of its forms), so it
    is only lower-cased: that skips the morphological analysis for most words of a text."""
    from importlib import resources

    gate: set[str] = set()
    data = resources.files("steppewatch.coding").joinpath("data")
    for name in ("cues.toml", "actors.toml"):
        for word in _WORD.findall(data.joinpath(name).read_text("utf-8")):
            _add(gate, word)
    for word in _VOCAB_WORDS:
        _add(gate, word)
    return gate


def _add(gate: set[str], word: str) -> None:
    low = word.lower().replace("ё", "е")
    if _CYRILLIC.search(low):
        for part in low.split("-"):
            gate.add(part[:_PREFIX])


def add_vocabulary(words: list[str] | tuple[str, ...]) -> None:
    """Make sure later lemmatisation serves these words too (actors added at run time)."""
    gate = _gate()
    size = len(gate)
    for word in words:
        _add(gate, word.rstrip("*"))
    if len(gate) != size:  # words cached as lower-cased may now need their lemma
        _LEMMA_CACHE.clear()


def normalise(word: str) -> str:
    """The normalised form of one word: lemma for Cyrillic, lower case for anything else.

    Cyrillic words whose first letters begin no vocabulary word stay lower-cased (see ``_gate``).
    """
    low = word.lower().replace("ё", "е")
    cached = _LEMMA_CACHE.get(low)
    if cached is not None:
        return cached
    if not _CYRILLIC.search(low) or low.isdigit():
        lemma = low
    else:
        parts = low.split("-")
        gate = _gate()
        lemma = "-".join(_lemma(p) if p else p for p in parts) if any(p[:_PREFIX] in gate for p in parts) else low
    if len(_LEMMA_CACHE) < 500_000:
        _LEMMA_CACHE[low] = lemma
    return lemma


def _lemma(word: str) -> str:
    parses = _morph().parse(word)  # type: ignore[attr-defined]
    if not parses:
        return word
    tag = parses[0].tag
    if "Name" in tag and "plur" in tag:
        return word  # "Каримов", "Масимов": a surname, not "of the Karims" (lemma "карим")
    return str(parses[0].normal_form).replace("ё", "е")


def word_tokens(text: str) -> list[str]:
    """The words of ``text`` as :func:`tokens` cuts them."""
    return _WORD.findall(text)


def tokens(text: str, start: int = 0, end: int | None = None) -> list[Token]:
    """Word tokens of ``text[start:end]`` with offsets into ``text``."""
    out = []
    cache = _LEMMA_CACHE
    for m in _WORD.finditer(text, start, len(text) if end is None else end):
        word = m.group()
        norm = cache.get(word.lower())  # words with "ё" miss here and are folded by normalise
        out.append(Token(m.start(), m.end(), word, norm if norm is not None else normalise(word)))
    return out


def warm_up() -> None:
    """Load the morphology dictionaries now rather than on the first Russian word."""
    normalise("пограничники")
