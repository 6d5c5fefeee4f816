"""Find toponym spans: the longest run of tokens whose keys spell a gazetteer name.

A match starts at a capitalised token (or at a lower-case one when the gazetteer name itself
is written in lower case: "таджикский", "река Пяндж"), grows while the joined keys are a
prefix of some name, and never crosses punctuation. Every token may stand for several keys
(its own, its lemmas, de-inflected stems), so "Баткенской области" meets the stored
"Баткенская область". Words that are ordinary vocabulary ("May", "Зима" at the start of a
sentence) are not taken as places on their own.

Names written near a generic word that the gazetteer lacks ("the village of Kok-Tash",
"в селе Кок-Таш") are reported too, as unknown toponyms, so that they come back unresolved
instead of silently disappearing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..vocab import CENTRAL_ASIA, CORE
from .context import (
    KK_PLACE_WORDS,
    adjective_before_name,
    english_word,
    english_words,
    names_a_language,
    person_context,
    strong_reading,
)
from .fuzzy import fuzzy_index
from .gazetteer import NAME_KINDS, Entry, Gazetteer
from .inflect import adjective_keys, is_common_word, is_known_word, key_variants, lemmas, morph_analyzer, own_keys
from .names import has_cyrillic, token_key, tokens

#: English words that are also place names somewhere; never a place on their own.
EN_STOP = frozenset("""
a an the in on at of for by to from with as and or but if then so no not yes he she it we they
i you this that these those there here his her its their our my your all any some many more
most other such only same than too very can will just may june july march august april
sunday monday police army government president minister official officials people city town
village district province region state republic union national new old north south east west
central great little upper lower mount lake river university hospital airport street road
bank party court council army ministry office centre center kingdom university prime general
taliban islamic day week month year today said says told news agency press times post reuters
victoria nelson washington jordan georgia chad turkey china india
jan feb mar apr jun jul aug sep sept oct nov dec update roundup urgent writethru ld toll blast air
spring fall kills killed kill attack attacks strike strikes death dead fighting clash clashes troops
soldiers forces bomb bomber bombers suicide gunmen militants leader rebels rebel report reports
claims claim over up down storm hunt raid ambush base camp border checkpoint post hq capital school
mosque prison governor security defence defense sha ana contact gain ground set sights key fresh
scores dozens several seven nine twelve thirteen fifteen thirty hundred becoming intolerable
startling mounting analysis season violence talks peace push welcome plan capture frustrated
missing members uprising force wave ceo vows defend girls edu speak bloodiest alliance opposition
victory victories offensive bombing bombings hotel car explosion explosions blasts flood floods
one oil
""".split()) - {"china", "india", "georgia", "turkey", "jordan", "chad", "washington"}

#: Organisation names that contain a toponym but do not locate anything: news outlets,
#: armed groups named after a region or country ("Islamic State Khorasan Province",
#: "Islamic Movement of Uzbekistan", «Вилаят Хорасан»), the White House (not Casablanca, whose
#: Arabic name it translates), councils ("Совета министров обороны", not the Tajik village Sovet),
#: and any name in guillemets that follows a word for a group, party, company or outlet
#: ("группировки «Вилаят Хорасан»").
ORG_NAMES = re.compile(
    r"Agence France[- ]Presse|Afghan Islamic Press|Voice of the Islamic Republic of Iran|"
    r"Radio Free Europe|Voice of America|Pajhwok Afghan News|BBC Monitoring South Asia|Bakhtar News Agency|"
    r"Kazakh(?:stan)? Telegraph|Xinhua News Agency|Xinhua|"
    r"Islamic State(?: of Iraq and (?:the )?(?:Levant|Sham)| in Iraq and Syria|[- ]Khorasan(?: Province)?|"
    r" [A-Z][\w'-]+ Province| in [A-Z][\w'-]+)?|"
    r"\bIS(?:IS)?-K\b|\b(?:Wilayat|Vilayat|Vilayet) [A-Z][\w'-]+|"
    r"(?:Islamic|Democratic|Liberation|National|People's|Popular|Communist|Social[- ]Democratic|"
    r"Renaissance) (?:Movement|Party|Front|Union|Renaissance Party|Revival Party) of "
    r"(?:the )?(?:East )?[A-Z][\w'-]+|"
    r"(?:East )?Turkestan Islamic (?:Movement|Party)|Islamic Party of (?:East )?Turkestan|White House|"
    r"(?:Вилаят|Вилайят|Вилайет|Вилоят) [А-ЯЁ][\w-]+|Исламское государство(?: [А-ЯЁ][\w-]+)?|"
    r"Исламск\w+ (?:парти|движени)\w* (?:Восточного )?Туркестана|"
    r"Совет\w* (?:[Бб]езопасности|министров|Федерации|Европы|глав|старейшин)|"
    r"(?<=[а-яё] )«[^»\n]{1,60}»")
#: Words that can open an organisation name above: a cheap scan before the full pattern.
_ORG_START = re.compile(
    r"\b(?:Agence|Afghan|Voice|Radio|Pajhwok|BBC|Bakhtar|Kazakh\w*|Xinhua|Islamic|IS|ISIS|Wilayat|Vilayat|Vilayet|White|"
    r"Democratic|Liberation|National|People's|Popular|Communist|Social|Renaissance|East|Turkestan|"
    r"Вилаят|Вилайят|Вилайет|Вилоят|Исламское|Исламск\w+|Совет\w*)\b|«")
_ORG_WORD_BEFORE = re.compile(
    r"(?i)(?:группировк|организаци|движени|парти|компани|агентств|издани|газет|телеканал|"
    r"радиостанци|фонд|банк|холдинг|клуб|ассоциаци|союз|фронт|ячейк|газопровод|нефтепровод|трубопровод|"
    r"позици)\w*\s+$")
_GAP_OK = re.compile(r"^[ \t]*$")
_GENERIC_AFTER = ("village", "district", "province", "region", "oblast", "enclave", "valley")
#: (substrings one of which a match needs, pattern): the cheap test skips most texts
_UNKNOWN_PATTERNS = (
    ((" of ",), re.compile(r"\b(?:village|town|city|district|province|region|settlement) of "
                           r"([A-Z][\w'’-]+(?: [A-Z][\w'’-]+)?)")),
    (tuple(" " + w for w in _GENERIC_AFTER),
     re.compile(r"\b([A-Z][\w'’-]+) (?:" + "|".join(_GENERIC_AFTER) + r")\b")),
    (None, re.compile(r"(?i:\b(?:сел[оеа]|посёлк[еау]|поселк[еау]|посёлок|поселок|деревн[еияю]|кишлак[еау]?|"
                      r"аул[еау]?|город[еау]?|района?|районе|анклав[еау]?)) ([А-ЯЁ][\w-]+)")),  # Cyrillic only
    (("аудан", "ауыл"), re.compile(r"\b([А-ЯЁӘҒҚҢӨҰҮҺІ][\w-]+) (?:аудан|ауыл)\w*")),  # Kazakh: "Райымбек ауданы"
)


@dataclass(frozen=True, slots=True)
class Span:
    """One toponym found in the text, before resolution."""

    start: int
    end: int
    text: str
    key: str
    candidates: tuple[tuple[int, str], ...]  # (place id, name kind)
    #: "word" (an ordinary English word) or "short" (three letters or fewer): small or far
    #: readings need support from the text (:meth:`.resolver.Resolver._supported`)
    weak: str = ""

    @property
    def known(self) -> bool:
        return bool(self.candidates)


def prepare(gaz: Gazetteer) -> None:
    """Load now what the first documents would otherwise wait for: the Russian dictionary,
    the English word list and the misspelling index of ``gaz`` (about 0.2 s together)."""
    morph_analyzer()
    english_words()
    fuzzy_index(gaz)


def _start_ok(token: str, variants: tuple[str, ...], gaz: Gazetteer) -> bool:
    if token[:1].isupper():
        return True
    return any(v in gaz.lower_first for v in variants)


def _vocabulary(token: str, first_in_sentence: bool) -> bool:
    """True when a single capitalised token is better read as an ordinary word."""
    if has_cyrillic(token):
        return first_in_sentence and is_common_word(token)
    low = token.lower()
    return low in EN_STOP


def find_spans(gaz: Gazetteer, text: str, language: str | None = None) -> list[Span]:
    toks = tokens(text)
    n = len(toks)
    spans: list[Span] = []
    i = 0
    while i < n:
        s0, e0, tok = toks[i]
        if tok[:1].islower() and token_key(tok)[:3] not in gaz.lower_stems:
            if "ск" in tok or "цк" in tok:  # "в стамбульском районе"
                adj = _city_adjective(gaz, s0, tok, text)
                if adj is not None:
                    spans.append(adj)
            i += 1  # fast path: an ordinary lower-case word cannot start a place name
            continue
        if not tok[:1].isalpha():  # "2017", "15-го"
            spans.extend(_hyphen_parts(gaz, s0, tok))
            i += 1
            continue
        variants = key_variants(tok)
        if not _start_ok(tok, variants, gaz):
            spans.extend(_hyphen_parts(gaz, s0, tok))
            i += 1
            continue
        current = set(variants)
        best: tuple[int, list[str]] | None = None
        j = i
        while True:
            hits = [k for k in current if k in gaz.index]
            if hits:
                best = (j, hits)
            if j + 1 >= n or not _GAP_OK.match(text[toks[j][1]: toks[j + 1][0]]):
                break
            growing = [k for k in current if k in gaz.prefixes]
            if not growing:
                break
            nxt = key_variants(toks[j + 1][2])
            current = {f"{k} {v}" for k in growing for v in nxt}
            current = {k for k in current if k in gaz.prefixes or k in gaz.index}
            if not current:
                break
            j += 1
        if best is None:
            adj = _city_adjective(gaz, s0, tok, text) or _misspelt(gaz, s0, tok, variants)
            spans.extend([adj] if adj is not None else _hyphen_parts(gaz, s0, tok))
            i += 1
            continue
        j, keys = best
        if j == i and len(keys) > 1:  # "Иран" is Iran, not the stem "Ира" (an abbreviation)
            own = own_keys(tok)
            keys = [k for k in keys if k in own] or keys
        if not tok[:1].isupper():
            keys = [k for k in keys if k in gaz.lower_ok]
            if not keys:
                i += 1
                continue
        first = i == 0 or bool(re.search(r"[.!?…\n]\s*[\"«„“(]?\s*$", text[max(0, s0 - 4): s0]))
        cands: dict[int, str] = {}
        for k in keys:
            for pid, kind in gaz.lookup(k):
                if pid not in cands or NAME_KINDS.index(kind) < NAME_KINDS.index(cands[pid]):
                    cands[pid] = kind
        if j == i:  # "Московской консерватории": Moscow's adjective, not the town Moskovskiy
            adj = _city_adjective(gaz, s0, tok, text)
            for pid, kind in adj.candidates if adj is not None else ():
                cands.setdefault(pid, kind)
        if j == i and _vocabulary(tok, first) and not any(k == "demonym" for k in cands.values()) \
                and not _generic_follows(toks, text, i):
            i += 1
            continue
        weak = ""
        if j == i:
            cands = _in_context(gaz, toks, text, i, cands, language == "kk")
            if not cands:  # a person's name or part of a longer name, not a place
                i += 1
                continue
            weak = "short" if len(tok) <= 3 else "word" if english_word(tok) or is_common_word(tok) else ""
        if j == i and _acronym(tok) and not any(
                k in ("official", "demonym") or gaz.places[p].kind in ("country", "admin1")
                for p, k in cands.items()):
            i += 1  # acronyms (ANA, ISAF) name places only through curated abbreviations
            continue
        end = toks[j][1]
        spans.append(Span(s0, end, text[s0:end], keys[0], tuple(cands.items()), weak))
        i = j + 1
    orgs = _org_ranges(text)
    if orgs:
        spans = [s for s in spans if not any(a < s.end and s.start < b for a, b in orgs)]
    spans = [s for s in spans if not _people(s, text) and not names_a_language(text, s.start, s.end)]
    return spans + _unknown_spans(text, spans)


#: A people's name that a district of the gazetteer also bears (Kazakhstan's Uigur district):
#: the people, unless a word for a district follows ("Uyghur militants", not "Uigur district").
_PEOPLE = re.compile(r"(?i)(?:uy|ui)g(?:h)?urs?")
_DISTRICT_WORD_AFTER = re.compile(r"(?i)\s+(?:district|rayon|audany|район|ауданы)")


def _people(span: Span, text: str) -> bool:
    return _PEOPLE.fullmatch(span.text) is not None and _DISTRICT_WORD_AFTER.match(text, span.end) is None


def _acronym(tok: str) -> bool:
    """An acronym ("ANA", "ГКНБ"), also with a one-letter Russian case ending ("МИДу", "МВДа")."""
    if tok.isupper() and len(tok) <= 4:
        return True
    return 3 <= len(tok) <= 6 and tok[-1:].islower() and tok[:-1].isupper() and has_cyrillic(tok)


def _generic_follows(toks: list[tuple[int, int, str]], text: str, i: int) -> bool:
    """True when the next word is a Kazakh word for a town, village, region or district
    (:data:`.context.KK_PLACE_WORDS`; rivers and lakes are left out, since a river named like a
    town would be placed at the town): the token before it is a name even where it also reads
    as a Russian word ("Орал қаласы": "орал" is also "shouted")."""
    return (i + 1 < len(toks) and _GAP_OK.match(text[toks[i][1]: toks[i + 1][0]]) is not None
            and toks[i + 1][2].lower().startswith(KK_PLACE_WORDS))


def _in_context(gaz: Gazetteer, toks: list[tuple[int, int, str]], text: str, i: int,
                cands: dict[int, str], kazakh: bool) -> dict[int, str]:
    """The readings of a one-token span that its neighbours leave standing: none but strong
    ones beside a person's name or after a title ("Владислав Челах", "Blogger Baki"), none
    but a country's or its adjective's for a Russian adjective that opens a longer name
    ("Северной Ирландии"), and for a capitalised word with a surname's ending only the places
    it names in its own form ("Ростов", not Yesāqī for "Исаков"). See :mod:`.context`."""
    tok = toks[i][2]
    if has_cyrillic(tok) and tok[:1].isupper() and _SURNAME_ENDING.search(tok):
        # "Исаков", "Масимова": a surname unless it is a place's own form ("Ростов", "Саратов"),
        # not a stem cut from it ("Исак-ов")
        own = _own_form_places(gaz, tok)
        cands = {p: k for p, k in cands.items() if p in own or gaz.places[p].kind in ("country", "admin1")}
    if adjective_before_name(toks, text, i):
        return {p: k for p, k in cands.items()
                if k == "demonym" or gaz.places[p].kind in ("country", "admin1")}
    level = person_context(gaz, toks, text, i, strict=kazakh)
    if level == 3:
        return {p: k for p, k in cands.items() if gaz.places[p].kind not in ("city", "admin2") or k == "demonym"}
    if level == 2:
        return {p: k for p, k in cands.items() if gaz.places[p].kind != "city" or k == "demonym"}
    if level == 1:
        # beside a name, a town only by its own or dictionary form: "Москвы", not "Хамида" (Hamid's
        # genitive cut down to Hami)
        own = _own_form_places(gaz, tok)
        return {p: k for p, k in cands.items() if strong_reading(gaz.places[p], k, p in own) and (
            p in own or not has_cyrillic(tok) or gaz.places[p].kind not in ("city", "admin2"))}
    return cands


def _own_form_places(gaz: Gazetteer, tok: str) -> set[int]:
    """Places a Russian token names in its own or dictionary form ("Москвы" -> Москва), not
    through a suffix rule's stem ("Байден" -> "Бай")."""
    if not has_cyrillic(tok):
        return set()
    keys = {token_key(tok), *(token_key(lemma) for lemma in lemmas(tok))}
    return {p for k in keys for p, _ in gaz.lookup(k)}


def _org_ranges(text: str) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    pos = 0
    for start in _ORG_START.finditer(text):
        if start.start() < pos:
            continue
        m = ORG_NAMES.match(text, start.start())
        if m is None:
            continue
        pos = m.end()
        if m.group().startswith("«") and not _ORG_WORD_BEFORE.search(text[max(0, m.start() - 30): m.start()]):
            continue  # a quoted name after an ordinary word ("в «Манасе»") may be a place
        out.append(m.span())
    return out


_ADJ_ENDINGS = ("ий", "ая", "ое", "ого", "ому", "ом", "ой", "ую", "ие", "их", "им", "ими", "ые", "ый")
#: "Раштском районе": a town's adjective before "район", the district of the former Soviet
#: republics (Afghan districts are written "район Марджа").
RAYON_AFTER = re.compile(r"(?i)\s+район")
RAYON_COUNTRIES = frozenset({*CENTRAL_ASIA, "RU"})
#: A Russian adjective names a city only when the city is this large or an admin centre.
ADJECTIVE_MIN_POPULATION = 100_000


def _city_adjective(gaz: Gazetteer, start: int, tok: str, text: str) -> Span | None:
    """A Russian adjective made from a city's name ("стамбульском", "Ошская") as a
    demonym-like span of that city; only large cities and admin centres qualify, and before
    "район" any town of the former Soviet republics ("в Раштском районе": rayons are named after
    their centres)."""
    if not tok.endswith(_ADJ_ENDINGS) or ("ск" not in tok and "цк" not in tok):
        return None
    cands: dict[int, str] = {}
    rayon = bool(RAYON_AFTER.match(text, start + len(tok)))
    for key in adjective_keys(tok):
        for pid, _kind in gaz.lookup(key):
            e = gaz.places[pid]
            if e.kind == "city" and (e.population >= ADJECTIVE_MIN_POPULATION or e.code in ("PPLC", "PPLA")
                                     or rayon and e.country in RAYON_COUNTRIES):
                cands[pid] = "demonym"
    if not cands:
        return None
    return Span(start, start + len(tok), tok, adjective_keys(tok)[0], tuple(cands.items()))


_SURNAME_ENDING = re.compile(r"(?:ов|ев|ёв|ин|ова|ева|ёва|ина|ov|ev|yev|ova|eva|yeva)$")


def _misspelt(gaz: Gazetteer, start: int, tok: str, variants: tuple[str, ...]) -> Span | None:
    """A capitalised word no dictionary knows, within an edit or two of the name of exactly
    one large place in the region ("Жаозене" -> Жанаозен; see :mod:`.fuzzy`)."""
    if len(tok) < 6 or not tok[:1].isupper() or "-" in tok or tok.lower() in EN_STOP:
        return None
    if is_known_word(tok) if has_cyrillic(tok) else english_word(tok):
        return None  # "Airlines", "Пограничная": a word the dictionary knows is no misspelling
    if _SURNAME_ENDING.search(tok):
        return None  # "Исаков", "Tashiev": a surname, not a misspelt village
    index = fuzzy_index(gaz)
    for key in variants:
        pids = index.lookup(key)
        if pids:
            return Span(start, start + len(tok), tok, key, ((pids[0], "alternate"),))
    return None


_EZAFE = frozenset({"e", "i", "ye", "yi", "е", "и"})
_ARABIC_PREFIXES = frozenset({"абу", "abu", "аль", "al", "эль", "el", "ибн", "ibn", "бин", "bin"})


#: Russian compass words and "Усть-" (a river's mouth) that open a compound name
#: ("Южно-Казахстанской", "Северо-Западный", "Усть-Луга").
_COMPASS_PREFIXES = frozenset({"южно", "северо", "восточно", "западно", "юго", "центрально", "усть"})


#: Tails that make the head who acted, not where ("US-led troops", "Pakistani-built outpost").
_AGENT_TAILS = frozenset({"led", "backed", "funded", "sponsored", "trained", "built", "brokered"})
#: Capitalised first parts that join a name without being one ("Sino-Afghan", "Pro-Russian").
_JOINING_PREFIXES = frozenset({"sino", "indo", "russo", "anglo", "franco", "afro", "euro", "pro", "anti",
                               "trans", "pan", "post", "pre", "ex", "non", "mid", "co"})


def _hyphen_parts(gaz: Gazetteer, start: int, tok: str) -> list[Span]:
    """Places inside a hyphenated word: "Turkmen-language", "Кокчетав-Алма-Ата". A Persian name
    joined by the ezafe ("Dand-e-Patan", "Qala-i-Naw", "Pul-e Charkhi") is one name, not two places. A
    compound of capitalised parts the gazetteer does not know as a whole ("Кой-Таш", "Камал-Хан",
    "Harb-Maidon": a village, dam or range it lacks) keeps only strong readings of its parts
    (:func:`_compound_part_ok`: Maidon; not Kochi in Japan, Sari or Khan in Iran)."""
    if "-" not in tok:
        return []
    out = []
    parts = tok.split("-")
    if any(p in _EZAFE for p in parts[1:]) or parts[0].lower() in _ARABIC_PREFIXES or parts[-1] in _AGENT_TAILS:
        # "Абу-Духур", "Al-Qaim", "Pul-e Charkhi": one name, not "Abu" and a second place; "US-led":
        # who acted, not where
        return []
    i = 0
    while i < len(parts):
        for j in range(len(parts), i, -1):
            word = "-".join(parts[i:j])
            if not word[:1].isupper() or j < len(parts) and word.lower() in _COMPASS_PREFIXES:
                continue  # "Южно-Синьцзянского": a compass word joined to a name, not the town Yuzhnyy
            cands: dict[int, str] = {}
            for k in key_variants(word):
                for pid, kind in gaz.lookup(k):
                    cands.setdefault(pid, kind)
            if cands and word != tok:
                s = start + len("-".join(parts[:i])) + (1 if i else 0)
                out.append(Span(s, s + len(word), word, key_variants(word)[0], tuple(cands.items())))
                i = j - 1
                break
        i += 1
    if out and all(p[:1].isupper() for p in parts) and not any(
            p.lower() in _JOINING_PREFIXES | _COMPASS_PREFIXES for p in parts):  # "Усть-Луга" stays Luga
        out = [Span(sp.start, sp.end, sp.text, sp.key, kept) for sp in out
               if (kept := tuple(c for c in sp.candidates if _compound_part_ok(gaz.places[c[0]])))]
    return out


def _compound_part_ok(entry: Entry) -> bool:
    """A reading a part of an unknown hyphenated compound keeps: a place of the five republics or
    Afghanistan, a country or province, or a capital ("Москва-Душанбе")."""
    return entry.country in CORE or entry.kind in ("country", "admin1") or entry.code == "PPLC"


def _unknown_spans(text: str, found: list[Span]) -> list[Span]:
    covered = [(s.start, s.end) for s in found]
    out: list[Span] = []
    cyrillic = has_cyrillic(text)
    for needs, pattern in _UNKNOWN_PATTERNS:
        if not (any(w in text for w in needs) if needs else cyrillic):
            continue
        for m in pattern.finditer(text):
            s, e = m.span(1)
            word = m.group(1)
            if word.lower() in EN_STOP or any(a < e and s < b for a, b in covered):
                continue
            if has_cyrillic(word) and is_common_word(word):
                continue
            covered.append((s, e))
            out.append(Span(s, e, word, "", ()))
    return out
