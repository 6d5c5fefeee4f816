"""Counts (killed, injured, arrested) and drug quantities in English and Russian.

Vague words follow ACLED's published practice where it has one ("tens" = 10, "dozens" = 12,
"hundreds" = 100: ACLED, "Fatalities" FAQ, 2023); the other words are our own conservative
rules: "several"/"несколько" = best 3 (low 2), "a few" = 3, "many"/"многие" = best 10 (low 3).
"at least N" keeps N as low and best; "more than N" gives N+1; "up to N" gives low 1, high N.
Two counts joined by "and" in one phrase ("14 border guards and 1 ranger") are added up.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..models import Quantity, Range

_WORD_NUM = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20,
    "thirty": 30, "forty": 40, "fifty": 50, "a dozen": 12, "nearly a dozen": 12,
    "один": 1, "одного": 1, "одна": 1, "два": 2, "двое": 2, "двух": 2, "две": 2, "три": 3, "трое": 3,
    "трех": 3, "трёх": 3, "четыре": 4, "четверо": 4, "четырех": 4, "пять": 5, "пятеро": 5, "пяти": 5,
    "шесть": 6, "шестеро": 6, "двоих": 2, "троих": 3, "четверых": 4, "пятерых": 5, "шестерых": 6,
    "семь": 7, "восемь": 8, "девять": 9, "десять": 10, "десяти": 10,
    "двенадцать": 12, "пятнадцать": 15, "двадцать": 20, "тридцать": 30, "сто": 100,
}
# (low, best, high) for vague quantities.
_VAGUE = {
    "several": (2, 3, 9), "a few": (2, 3, 9), "few": (2, 3, 9), "many": (3, 10, 99), "scores": (20, 20, 99),
    "dozens": (12, 12, 99), "tens": (10, 10, 99), "hundreds": (100, 100, 999), "thousands": (1000, 1000, 9999),
    "несколько": (2, 3, 9), "нескольких": (2, 3, 9), "многие": (3, 10, 99), "много": (3, 10, 99),
    "десятки": (12, 12, 99), "десятков": (12, 12, 99), "сотни": (100, 100, 999), "сотен": (100, 100, 999),
    "тысячи": (1000, 1000, 9999),
}
_NUM = (r"(?:(?P<q>at least|more than|over|nearly|about|around|up to|some|almost|по меньшей мере|не менее|"
        r"более|свыше|около|почти|до|минимум)\s+)?"
        r"(?P<n>\d[\d,\s]*\d|\d+|" + "|".join(sorted(map(re.escape, _WORD_NUM), key=len, reverse=True)) + "|"
        + "|".join(sorted(map(re.escape, _VAGUE), key=len, reverse=True)) + r")(?!\w)")
_NOUNS = (r"(?:\s+(?:of\s+)?(?:[^\W\d][\w-]*,?\s+){0,3}?"
          r"(?:people|persons|civilians|soldiers|troops|police(?:men)?|officers|militants|insurgents|rebels|"
          r"fighters|guards|border guards|security (?:forces|personnel|men)|members|"
          r"passengers|children|women|men|workers|protesters|taliban|taleban|americans|afghans|"
          r"человек|людей|граждан|военнослужащих|военных|солдат|пограничников|полицейских|сотрудников|"
          r"боевиков|мирных жителей|жителей|пассажиров|детей|сослуживцев|талибов|егер[ья]|бойцов))?")
_KILL_AFTER = (r"\s*(?:[^\W\d]\w*,?\s+){0,2}?(?:were |have been |had been |are |was )?(?:killed|dead|died|die|perished|"
               r"slain|lost their lives|погибл\w*|убит\w*|скончал\w*|погибш\w*)")
_KILL_BEFORE = (r"(?:kill(?:s|ed|ing)?|shot dead|shot and killed|gunned down|claimed the lives of|left|leaves|"
                r"leaving|death toll (?:rose to|of|at|reached)|dead:|"
                r"погибл\w*|убит\w*|убийств\w*|застрелил\w*|ун[её]с\w* жизни|тела|жертвами стали|жертв\w*|гибел\w*)\s+")
_INJ = (r"(?:wounded|injured|hurt|ранен\w*|пострадал\w*|получили ранения|травм\w*)")
_ARR = r"(?:arrested|detained|apprehended|taken into custody|задержан\w*|арестован\w*|задержал\w*|арестовал\w*)"

# "the death toll from the earthquake rose to 12", "число погибших возросло до 14": a toll whose
# verb stands a few words after it.
_TOLL_ROSE = (r"(?:death toll|number of (?:the )?dead|число (?:погибш\w*|жертв\w*|убит\w*))"
              r"(?:\s+[^\s.;!?]+){0,10}?\s+(?:has |had )?(?:rose|risen|climbed|jumped|increased|reached|hit|stands at|"
              r"stood at|возросл\w*|вырос\w*|увеличил\w*|достиг\w*|составил\w*|составляет)\s+(?:to\s+|до\s+)?")

_PAT_KILL = [re.compile(_NUM + _NOUNS + _KILL_AFTER, re.I), re.compile(_KILL_BEFORE + _NUM + _NOUNS, re.I),
             re.compile(_TOLL_ROSE + _NUM + _NOUNS, re.I),
             re.compile(r"(?P<allw>все|all)\s+(?P<n>\d+)" + _NOUNS + r"[^.]{0,80}?(?:погибл\w*|killed|died)", re.I)]
_PAT_INJ = [re.compile(_NUM + _NOUNS + r"\s*(?:\w+\s+){0,2}?(?:were |have been |are )?" + _INJ, re.I),
            re.compile(r"(?:wound(?:s|ed|ing)|injur(?:es|ed|ing)|ранены|ранено)\s+" + _NUM, re.I)]
_PAT_ARR = [re.compile(_NUM + _NOUNS + r"\s*(?:\w+\s+){0,2}?(?:were |have been |are |was )?" + _ARR, re.I),
            re.compile(_ARR + r"\s+(?:ещ[её]\s+)?" + _NUM + _NOUNS, re.I)]
_AND_MORE = re.compile(r"^\s*(?:и|and)\s+(?P<n>\d+)\s+\w+", re.I)
# "45 security forces, 16 militants killed": earlier counts of a list that ends in a kill verb.
_LIST_BEFORE = re.compile(
    r"(?:^|[\s:])(?:over\s+|more than\s+|at least\s+)?(?P<n>\d+|" + "|".join(_WORD_NUM) + r")"
    r"(?:\s+[A-Za-zА-Яа-яЁё.'-]+){1,3}\s*(?:,|\band\b|\bи\b)\s*$", re.I)

_SUBSTANCES = {
    "heroin": "heroin", "героин": "heroin", "opium": "opium", "опи": "opium", "hashish": "hashish",
    "гашиш": "hashish", "cannabis": "cannabis", "марихуан": "cannabis", "marijuana": "cannabis",
    "cocaine": "cocaine", "кокаин": "cocaine", "methamphetamine": "methamphetamine",
    "метамфетамин": "methamphetamine", "наркотик": "drugs", "drugs": "drugs", "narcotics": "drugs",
}
_UNITS = {"kg": "kg", "kilogram": "kg", "kilo": "kg", "кг": "kg", "килограмм": "kg", "tonne": "t", "ton": "t",
          "тонн": "t", "т": "t", "gram": "g", "g": "g", "грамм": "g", "г": "g"}
_PAT_QTY = re.compile(
    r"(?P<n>\d+(?:[.,]\d+)?)\s*(?P<u>kilograms?|kilos?|kg|tonnes?|tons?|grams?|g|кг|килограмм\w*|тонн\w*|т|грамм\w*|г)"
    r"\.?\s+(?:of\s+)?(?:[\w-]+\s+){0,2}?(?P<s>heroin|opium|hashish|cannabis|marijuana|cocaine|methamphetamine|"
    r"drugs|narcotics|героин\w*|опи\w*|гашиш\w*|марихуан\w*|кокаин\w*|метамфетамин\w*|наркотик\w*)", re.I)


@dataclass(frozen=True, slots=True)
class CountHit:
    range: Range
    start: int
    end: int


def _parse_number(raw: str) -> tuple[int, int, int] | None:
    word = raw.lower().strip()
    if word in _VAGUE:
        return _VAGUE[word]
    if word in _WORD_NUM:
        n = _WORD_NUM[word]
        return (n, n, n)
    digits = re.sub(r"[,\s]", "", word)
    if digits.isdigit():
        n = int(digits)
        return (n, n, n) if n < 100_000 else None
    return None


def _qualify(q: str | None, low: int, best: int, high: int) -> tuple[int, int, int]:
    q = (q or "").lower()
    if q in ("more than", "over", "более", "свыше"):
        return (low + 1, best + 1, max(high, best + 1))
    if q in ("up to", "до"):
        return (1, best, high)
    if q in ("nearly", "almost", "почти"):
        return (max(1, low - 1), best, high)
    return (low, best, high)


_HINTS = {
    "kill": re.compile(r"kill|dead|die|death|perish|slain|lives|gunned|погиб|убит|убийств|скончал|тела|жертв|гибел|"
                      r"застрел|жизни", re.I),
    "injure": re.compile(r"wound|injur|hurt|ранен|ранения|пострадал|травм", re.I),
    "arrest": re.compile(r"arrest|detain|apprehend|custody|задерж|арест", re.I),
}


def _counts(patterns: list[re.Pattern[str]], text: str, start: int, end: int) -> list[CountHit]:
    out: list[CountHit] = []
    chunk = text[start:end]
    hint = _HINTS["kill" if patterns is _PAT_KILL else "injure" if patterns is _PAT_INJ else "arrest"]
    if not hint.search(chunk):
        return out
    for pat in patterns:
        for m in pat.finditer(chunk):
            parsed = _parse_number(m.group("n"))
            if parsed is None or (m.group("n").isdigit() and 1900 <= int(m.group("n")) <= 2100):
                continue
            low, best, high = _qualify(m.groupdict().get("q"), *parsed)
            if pat is _PAT_KILL[0]:
                head = chunk[:m.start()]
                while (prev := _LIST_BEFORE.search(head)) is not None:
                    more = _parse_number(prev.group("n"))
                    if more is None:
                        break
                    low, best, high = low + more[0], best + more[1], high + more[2]
                    head = head[:prev.start()]
            extra = _AND_MORE.match(chunk[m.end():m.end() + 30])
            if extra and pat is _PAT_KILL[1]:
                n2 = int(extra.group("n"))
                low, best, high = low + n2, best + n2, high + n2
            s, e = start + m.start(), start + m.end()
            if any(s < h.end and h.start < e for h in out):
                continue
            out.append(CountHit(Range(low, best, high, text[s:e]), s, e))
    return sorted(out, key=lambda h: h.start)


# One person killed, named in the singular without a number: "Police commander killed in ...",
# "был убит выстрелом", "погиб афганский солдат" (our own rule: a singular victim counts 1).
_PAT_KILL_ONE = re.compile(
    r"\b(?:(?:a|an|one|the)\s+)?(?:[\w-]+\s+){0,2}?(?:commander|policeman|soldier|officer|guard|civilian|"
    r"journalist|official|ranger|militant|leader|chief|governor|activist|opposition figure|critic)\s+"
    r"(?:was\s+|has been\s+|is\s+)?(?:killed|shot dead|died|slain|assassinated)\b|"
    r"(?<!\w)(?:погиб|погибла|убит|убита|застрелен|застрелена|скончался|скончалась)(?!\w)", re.I)


def fatalities(text: str, start: int, end: int, singular: bool = True) -> list[CountHit]:
    """Killed counts; with ``singular`` a sentence with no count but a singular victim gives 1."""
    hits = _counts(_PAT_KILL, text, start, end)
    if hits or not singular:
        return hits
    m = _PAT_KILL_ONE.search(text, start, end)
    if m is None:
        return hits
    return [CountHit(Range(1, 1, 1, m.group()), m.start(), m.end())]


def injured(text: str, start: int, end: int) -> list[CountHit]:
    return _counts(_PAT_INJ, text, start, end)


def arrested(text: str, start: int, end: int) -> list[CountHit]:
    return _counts(_PAT_ARR, text, start, end)


def quantities(text: str, start: int, end: int) -> list[tuple[Quantity, int, int]]:
    out = []
    for m in _PAT_QTY.finditer(text, start, end):
        unit_raw = m.group("u").lower()
        unit = next((v for k, v in _UNITS.items() if unit_raw.startswith(k) and (len(k) > 1 or unit_raw == k)), None)
        sub_raw = m.group("s").lower()
        substance = next((v for k, v in _SUBSTANCES.items() if sub_raw.startswith(k)), None)
        if unit is None:
            continue
        amount = float(m.group("n").replace(",", "."))
        out.append((Quantity(amount, unit, substance, m.group()), m.start(), m.end()))
    return out


def largest(hits: list[CountHit]) -> CountHit | None:
    """The report's headline figure: the largest best estimate in the span."""
    return max(hits, key=lambda h: h.range.best, default=None)
