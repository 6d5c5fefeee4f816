"""Inflected forms back to dictionary forms: "в Бишкеке", "из Оша", "под Баткеном".

Russian tokens go through pymorphy3 (every normal form it proposes, so "Оша" gives both
"ош" and "оша"), and then through suffix rules, which also cover the Kazakh case endings
("Алматыда", "Астанаға") and names pymorphy3 does not know ("Ворухе"). A rule only proposes a
stem; a stem counts only when the gazetteer holds it as a name, so extra stems cost a
dictionary lookup and nothing else. Results are cached per token.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

from .names import has_cyrillic, token_key

#: (ending, replacement) for Russian nouns and adjectives of place names.
RU_RULES: tuple[tuple[str, str], ...] = (
    ("ской", "ская"), ("ской", "ский"), ("ского", "ский"), ("скому", "ский"), ("ском", "ский"),
    ("ском", "ское"), ("скую", "ская"), ("ские", "ский"), ("ских", "ский"),
    ("ой", "а"), ("ой", "ая"), ("ой", "ый"), ("ой", "ий"), ("ей", "я"), ("ей", "ь"), ("ею", "я"),
    ("ом", ""), ("ем", ""), ("ем", "ь"), ("ём", "ь"),
    ("е", ""), ("е", "а"), ("е", "я"), ("и", "я"), ("и", "ь"), ("и", "ы"), ("и", "а"),
    ("у", ""), ("у", "а"), ("ю", "ь"), ("ю", "я"), ("ю", "и"),
    ("а", ""), ("я", "ь"), ("ы", "а"), ("ы", ""), ("ах", "ы"), ("ах", "и"), ("ов", "ы"),
)

#: Kazakh case endings (locative, dative, ablative, genitive, accusative, instrumental), the
#: locative with -ғы/-гі "the one in" ("Алматыдағы"), and the -лық/-лік "of, from" suffix,
#: longest first.
_KK_ENDINGS: tuple[str, ...] = (
    "дағы", "дегі", "тағы", "тегі",
    "ның", "нің", "дың", "дің", "тың", "тің", "дан", "ден", "тан", "тен", "нан", "нен",
    "ға", "ге", "қа", "ке", "на", "не", "да", "де", "та", "те", "ды", "ді", "ты", "ті",
    "ны", "ні", "мен", "бен", "пен", "лық", "лік", "дық", "дік", "тық", "тік", "ғы", "гі",
    "а", "е", "ы", "і", "н",
)


#: Kazakh case endings after the possessive -ы/-і, which keep it ("облысында" -> "облысы",
#: "облысындағы" -> "облысы"): (ending, what stays).
_KK_POSSESSIVE: tuple[tuple[str, str], ...] = (
    ("ындағы", "ы"), ("індегі", "і"), ("ында", "ы"), ("інде", "і"),
)


@lru_cache(maxsize=1)
def morph_analyzer():  # type: ignore[no-untyped-def]
    """The shared pymorphy3 analyser (its dictionary loads on the first call)."""
    import pymorphy3

    return pymorphy3.MorphAnalyzer()


class Reading(NamedTuple):
    """What pymorphy3 says about one token, asked once (every question below reads this)."""

    lemmas: tuple[str, ...]  # normal forms of the four likeliest parses, most likely first
    known: bool              # the dictionary knows the word (any part of speech, names too)
    named: bool              # one of the four likeliest parses is a name, place or organisation
    person: bool             # read first as a first name, patronymic or surname, never as a place
    adjective: bool          # read first as a full adjective
    given: bool              # one of the four likeliest parses is a first name ("Владимир", a town too)


_NAMED_TAGS = ("Geox", "Name", "Surn", "Orgn")
_PERSON_TAGS = ("Name", "Patr", "Surn")


@lru_cache(maxsize=100_000)
def reading(token: str) -> Reading:
    """pymorphy3's reading of ``token`` (cached: one dictionary analysis per distinct token)."""
    parses = morph_analyzer().parse(token)[:4]
    if not parses:
        return Reading((), False, False, False, False, False)
    first = parses[0].tag
    return Reading(
        lemmas=tuple(dict.fromkeys(p.normal_form for p in parses)),
        known=bool(parses[0].is_known),
        named=any(t in p.tag for p in parses for t in _NAMED_TAGS),
        person=not any("Geox" in p.tag for p in parses[:3]) and any(t in first for t in _PERSON_TAGS),
        adjective=first.POS == "ADJF",
        given=any("Name" in p.tag for p in parses),
    )


def lemmas(token: str) -> tuple[str, ...]:
    """pymorphy3 normal forms of a Russian token (lower case), most likely first."""
    return reading(token).lemmas if has_cyrillic(token) else ()


def is_common_word(token: str) -> bool:
    """True when pymorphy3 knows the word and none of its readings is a name or a place."""
    if not has_cyrillic(token):
        return False
    r = reading(token)
    return r.known and not r.named


def is_known_word(token: str) -> bool:
    """True when the Russian dictionary knows the word (any part of speech, names too)."""
    return reading(token).known


@lru_cache(maxsize=200_000)
def key_variants(token: str) -> tuple[str, ...]:
    """Keys a token may stand for: its own, its lemmas', and de-inflected stems' (cached)."""
    out: dict[str, None] = {token_key(token): None}
    if not has_cyrillic(token):
        if token.endswith(("'s", "’s")):
            out[token_key(token[:-2])] = None
        elif token.endswith("s") and len(token) > 4 and token[:1].isupper():
            out[token_key(token[:-1])] = None  # plural demonyms: Afghans, Tajiks
        return tuple(k for k in out if k)
    low = token.lower()
    for lemma in lemmas(token):
        out[token_key(lemma)] = None
    for end, repl in RU_RULES:
        if low.endswith(end) and len(low) - len(end) >= 2:
            out[token_key(low[: len(low) - len(end)] + repl)] = None
    for end in _KK_ENDINGS:
        if low.endswith(end) and len(low) - len(end) >= 3:
            out[token_key(low[: len(low) - len(end)])] = None
    for end, keep in _KK_POSSESSIVE:
        if low.endswith(end) and len(low) - len(end) >= 3:
            out[token_key(low[: len(low) - len(end)] + keep)] = None
    return tuple(k for k in out if k)


def own_keys(token: str) -> frozenset[str]:
    """The keys of a token in its own and (Russian) dictionary forms: the variants that no
    suffix rule proposed. A place named so is never read through a rule's stem instead."""
    if not has_cyrillic(token):
        return frozenset(key_variants(token))
    return frozenset(k for k in (token_key(token), *(token_key(lemma) for lemma in lemmas(token))) if k)


@lru_cache(maxsize=50_000)
def index_variants(name_token: str) -> tuple[str, ...]:
    """Keys under which a gazetteer name token is stored: surface and (Cyrillic) lemma."""
    out: dict[str, None] = {token_key(name_token): None}
    if has_cyrillic(name_token):
        lem = lemmas(name_token)
        if lem:
            out[token_key(lem[0])] = None
    return tuple(k for k in out if k)


_ADJ = re.compile(r"^(\w[\w-]+?)(?:ск|цк)(?:ий|ая|ое|ого|ому|ом|ой|ую|ие|их|им|ими|ые|ый)$")
#: Stem endings of city adjectives and the city's own ending: "алмат-ин-ский" -> "Алматы",
#: "москов-ский" -> "Москва", "душанб-ин-ский" -> "Душанбе", "стамбуль-ский" -> "Стамбул".
_ADJ_STEMS: tuple[tuple[str, str], ...] = (
    ("", ""), ("", "а"), ("", "ь"), ("ь", ""), ("ин", "ы"), ("ин", "а"), ("ин", "е"), ("ин", "и"),
    ("ов", "ва"), ("ан", "ан"), ("ен", "ень"),
)


@lru_cache(maxsize=50_000)
def adjective_keys(token: str) -> tuple[str, ...]:
    """Keys of the places a Russian relational adjective may come from ("стамбульском" ->
    the key of "Стамбул"); empty for anything that does not end like one."""
    m = _ADJ.match(token.lower()) if has_cyrillic(token) else None
    if m is None:
        return ()
    stem = m.group(1)
    out: dict[str, None] = {}
    for end, repl in _ADJ_STEMS:
        if stem.endswith(end) and len(stem) - len(end) >= 2:
            key = token_key(stem[: len(stem) - len(end)] + repl)
            if key:
                out[key] = None
    return tuple(out)
