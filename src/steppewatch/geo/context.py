"""The words around a candidate toponym: is it a person's name, an ordinary word, a part of a
longer name?

News names people far more often than villages, and many short village names are also
given names or surnames ("Ким", "Baki") or ordinary words ("Rally"). A single capitalised
token is read as a person, not a place, when

- it stands next to a first name, patronymic or surname (pymorphy3's ``Name``/``Patr``/
  ``Surn`` grammemes: "Владислав Челах"), or inside a run of capitalised words that neither
  the dictionary nor the gazetteer knows ("Ким Ён Чжин", "Чонг Чун Хи");
- it follows a title or role ("Blogger Baki", "президент Рахмон", "General Dostum");
- in Latin script, a surname of the region follows it ("Raimbek Matraimov");
- it can be a first name and a Russian-form surname follows it ("Владимир Воронков": then not
  even a district reading stands).

A single English token that is an ordinary dictionary word (lower case in Webster's Second
International, as the ``english-words`` package ships it: "rally", "mobile"), or a Russian
one that pymorphy3 knows as no name ("Пограничная служба"), is *weak*: the
resolver then wants support from the text before it reads the word as a small or foreign
place (see :meth:`.resolver.Resolver._supported`). So is a token of three letters or fewer.
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..vocab import LANGUAGE_BEFORE, LANGUAGE_BREAK, LANGUAGE_WORDS
from .gazetteer import Entry, Gazetteer
from .inflect import adjective_keys, is_known_word, key_variants, lemmas, reading
from .names import has_cyrillic, token_key

#: Titles and roles that introduce a person's name (compared in lower case; Russian by lemma).
EN_TITLES = frozenset("""
mr mrs ms miss dr prof professor sir lord lady president vice premier minister senator
general gen colonel col lieutenant lt sergeant sgt commander cmdr admiral marshal captain capt
sheikh shaikh mullah mulla maulvi mawlawi maulana imam haji hajji mufti ayatollah emir amir
king queen prince princess blogger activist journalist reporter correspondent editor writer
author poet artist singer musician rapper photographer filmmaker director actor actress lawyer
spokesman spokeswoman spokesperson chairman judge ambassador envoy dissident defender tweeter
user student teacher doctor
""".split())
RU_TITLES = frozenset("""
президент премьер премьер-министр министр вице-премьер генерал полковник подполковник майор
капитан лейтенант сержант рядовой командир депутат сенатор посол
блогер журналист корреспондент активист правозащитник писатель поэт художник певец
режиссёр актёр адвокат судья господин гражданин имам муфтий мулла шейх эмир амир студент
учитель врач пограничник военнослужащий боец
""".split())
_ADJ_END = re.compile(r"(?:ий|ый|ой|ая|яя|ое|ее|ого|его|ому|ему|ом|ем|ую|юю|ие|ые|их|ых|им|ым|ими|ыми)$")
#: A Latin-script surname of the region by its ending ("Matraimov", "Tashiyeva", "Rahmonzoda",
#: "Tokayev", "Mamytbekov", "Kuanyshuly", "Sadyrkyzy").
_LATIN_SURNAME = re.compile(r"^[A-Z][a-z]+(?:ov|ova|ev|eva|yev|yeva|zoda|zade|zada|uly|kyzy|qizi)$")
#: A Russian-form surname by its ending ("Воронков", "Назарбаева"; not "-ский" or a bare "-ой",
#: which district and province adjectives share: "Учтурфан Аксуйского округа", "Айдаркен
#: Баткенской области").
_CYRILLIC_SURNAME = re.compile(
    r"^[А-ЯЁ][а-яё]+(?:ов|ев|ёв|ин|ова|ева|ёва|ина|овым|евым|иным|ову|еву|ину|овой|евой|иной)$")
#: Only spaces between two tokens of one name.
_SPACE = re.compile(r"^[ \t]+$")
#: Prepositions that open a place, not a person ("с", "у", "к" open persons as often).
_PLACE_PREPOSITION = re.compile(r"(?i)(?:^|\s)(?:в|во|из|под|около|близ|возле|вблизи)\s+$")
#: Kazakh words for a district, town, region, village or settlement, as they begin in any case.
KK_PLACE_WORDS = ("аудан", "қала", "облыс", "ауыл", "кент")
#: Generic words that follow a place's name: Russian, Kazakh (any case ending), English.
_GENERIC_AFTER = re.compile(
    r"(?i)^(?:район|област|город|сел[оауе]|посёл|посел|аул|кишлак|деревн|анклав|"
    + "|".join(KK_PLACE_WORDS) + r"|district|province|city|village|town|region|oblast)")
#: Weak tokens are read as a place in the region after one of these cues.
LOCATIVE_BEFORE = re.compile(
    r"(?i)(?:\b(?:in|near|at|outside|village of|town of|district of|province of)|"
    r"(?:^|\s)(?:в|во|под|близ|около|у|из|сел[оаеу]|посёлк\w*|поселк\w*|посёлок|поселок|кишлак\w*|"
    r"аул\w*|деревн\w*|город\w*|район\w*))\s+$")


@lru_cache(maxsize=1)
def english_words() -> frozenset[str]:
    """Lower-case words of Webster's Second (``english-words``); empty when not installed."""
    try:
        from english_words import get_english_words_set
    except ImportError:  # pragma: no cover - the package is a declared dependency
        return frozenset()
    return frozenset(w for w in get_english_words_set(["web2"], lower=False, alpha=True) if w.islower())


def english_word(token: str) -> bool:
    """True when ``token`` (Latin) is an ordinary English word: "Rally", "Mobile", "One"."""
    return not has_cyrillic(token) and token.lower() in english_words()


def person_tagged(token: str) -> bool:
    """pymorphy3 reads the token first as a first name, patronymic or surname, never as a place."""
    return has_cyrillic(token) and reading(token).person


def _adjective(token: str) -> bool:
    return _ADJ_END.search(token.lower()) is not None and reading(token).adjective


def _place_word(gaz: Gazetteer, token: str) -> bool:
    return any(k in gaz.index for k in key_variants(token)) or any(
        k in gaz.index for k in adjective_keys(token))


def _name_like(gaz: Gazetteer, token: str) -> bool:
    """A capitalised Cyrillic token that reads as part of a person's name."""
    if not token[:1].isupper() or not has_cyrillic(token) or token.isupper():
        return False
    if person_tagged(token):
        return True
    return not is_known_word(token) and not _adjective(token) and not _place_word(gaz, token)


def neighbours(toks: list[tuple[int, int, str]], text: str, i: int, j: int) -> list[str]:
    """The tokens just before ``toks[i]`` and just after ``toks[j]``, joined to them by spaces only."""
    out = []
    if i > 0 and _SPACE.match(text[toks[i - 1][1]: toks[i][0]]):
        out.append(toks[i - 1][2])
    if j + 1 < len(toks) and _SPACE.match(text[toks[j][1]: toks[j + 1][0]]):
        out.append(toks[j + 1][2])
    return out


def person_context(gaz: Gazetteer, toks: list[tuple[int, int, str]], text: str, i: int,
                   strict: bool = False) -> int:
    """How sure the words around ``toks[i]`` make it a person: 0 not, 1 probably (a name-like
    neighbour or a title before it), 2 surely (a first name or surname beside a token that
    is itself tagged as one: "Нурсултан Назарбаев"), 3 surely, and no town or district either (a
    word that can be a first name right before a surname: "Владимир Воронков"). ``strict``
    (Kazakh text, whose words the Russian dictionary misreads: "Ал" "and" as a first name)
    keeps only the sure case and titles. A generic place word right after the token ("ауданына", "района",
    "district") makes it a place."""
    tok = toks[i][2]
    if i > 0 and _SPACE.match(text[toks[i - 1][1]: toks[i][0]]) and _title(toks[i - 1][2]):
        return 1
    if not has_cyrillic(tok) and i + 1 < len(toks) and _SPACE.match(text[toks[i][1]: toks[i + 1][0]]) \
            and _LATIN_SURNAME.match(toks[i + 1][2]):
        return 1  # "Raimbek Matraimov": a given name before a surname, not the Raiymbek district
    if not has_cyrillic(tok) or _PLACE_PREPOSITION.search(text[max(0, toks[i][0] - 8): toks[i][0]]):
        return 0  # "стрелок из Лас-Вегаса Стивен Пэддок": a preposition of place comes first
    if i + 1 < len(toks) and _GENERIC_AFTER.match(toks[i + 1][2]):
        return 0  # "Науменко Қарасу ауданына": the word after it says it is a place
    if has_cyrillic(tok) and reading(tok).given and i + 1 < len(toks) \
            and _SPACE.match(text[toks[i][1]: toks[i + 1][0]]) and _CYRILLIC_SURNAME.match(toks[i + 1][2]):
        return 3  # "Владимир Воронков": a first name before a surname, whatever else the surname reads as
    names = [n for n in neighbours(toks, text, i, i) if _name_like(gaz, n)]
    if not names:
        return 0
    if person_tagged(tok) and token_key(tok) in gaz.index and any(person_tagged(n) for n in names):
        return 2  # a name in its own form beside another: not "Ал Теміртауда" (a case ending)
    return 0 if strict else 1


def strong_reading(entry: Entry, kind: str, russian_form: bool = False) -> bool:
    """A reading that context about persons or ordinary words never overrides: a country,
    an admin-1 unit (not a seed district, which has no population), a feature, an adjective
    of a country, or a capital, admin centre or
    town of 100,000 or more named by its own (not an alternate) name, or by its Russian
    name (``russian_form``: a GeoNames alternate such as "Москва" met in its own or
    dictionary form: "Мэром Москвы Юрием Лужковым")."""
    if entry.kind not in ("city", "admin2") or kind == "demonym":
        return True
    return (kind in ("primary", "official", "historical") or russian_form and kind == "alternate") and (
        entry.code in ("PPLC", "PPLA") or entry.population >= 100_000)


def _title(token: str) -> bool:
    low = token.lower()
    if has_cyrillic(token):
        return any(lem in RU_TITLES for lem in (low, *lemmas(token)[:1]))
    return low in EN_TITLES


def adjective_before_name(toks: list[tuple[int, int, str]], text: str, i: int) -> bool:
    """A Russian adjective followed by a capitalised word ("Северной Ирландии", "Южной
    Осетии"): the adjective is part of a longer name, never a place on its own."""
    tok = toks[i][2]
    if not has_cyrillic(tok) or not _adjective(tok):
        return False
    if i + 1 >= len(toks) or not _SPACE.match(text[toks[i][1]: toks[i + 1][0]]):
        return False
    nxt = toks[i + 1][2]
    return nxt[:1].isupper() and has_cyrillic(nxt)


_IN_BEFORE = re.compile(r"(?i)\b(?:" + "|".join(LANGUAGE_BEFORE) + r")\s+"
                        r"(?:(?:" + "|".join(sorted(LANGUAGE_WORDS)) + r"),?\s+(?:and|or)\s+)?$")
#: A break after the name: punctuation, a conjunction or a preposition ("in Russian in Dushanbe").
_BREAK_AFTER = re.compile(r"(?i)\s*(?:[,.;:)!?]|(?:" + "|".join(LANGUAGE_BREAK) + r")\b|$)")


def names_a_language(text: str, start: int, end: int) -> bool:
    """True when ``text[start:end]`` is a language after "in" (or after "in" and another language)
    and before a break ("written in Uzbek,", "in Tajik and Russian"), not the country ("in Uzbek
    villages" stays a place)."""
    return text[start:end].lower() in LANGUAGE_WORDS \
        and _IN_BEFORE.search(text, max(0, start - 24), start) is not None \
        and _BREAK_AFTER.match(text, end) is not None
