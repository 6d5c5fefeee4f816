"""Language detection for en, ru, kk, uz, ky, tg, tk from script and character/word cues.

Only English and Russian are coded (``vocab.CODED_LANGUAGES``); the others are detected so the
coder can say why it skipped a document. Letters that exist in one Cyrillic alphabet only are
the strongest cue (Kazakh ә ғ қ ң ө ұ һ і, Tajik ӣ ӯ ҳ ҷ, Uzbek Cyrillic ў қ ғ ҳ, Kyrgyz ң ө ү);
Latin Uzbek and Turkmen are told apart by their letters (oʻ gʻ vs ä ň ö ü ş ý ž) and by common words.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from ..vocab import CODED_LANGUAGES

_CYR = re.compile(r"[а-яёәғқңөұүһіӣӯҳҷў]", re.I)
_LAT = re.compile(r"[a-zäňöüşýžçğı]", re.I)
_LETTERS: dict[str, str] = {"kk": "әғқңөұһі", "tg": "ӣӯҳҷ", "uz": "ўқғҳ", "ky": "ңөү"}
_WORDS: dict[str, frozenset[str]] = {
    "ru": frozenset("и в не на что с по это как он из за от к для о его мы было был также".split()),
    "en": frozenset("the and of to in is that for was on with as by at from it said".split()),
    "kk": frozenset("және мен бұл деп үшін бойынша туралы жылы".split()),
    "ky": frozenset("жана менен бул деп үчүн боюнча тууралуу жылы".split()),
    "tg": frozenset("ва дар бо аз ки ин барои мешавад буд".split()),
    "uz": frozenset("va bilan bu uchun ham edi bo'yicha haqida yil".split()) | frozenset("ва билан бу учун ҳам".split()),  # noqa: E501
    "tk": frozenset("we bilen bu üçin hem boýunça barada ýyl".split()),
}
_WORD = re.compile(r"[\w'ʻ’]+", re.U)


@dataclass(frozen=True, slots=True)
class LanguageGuess:
    code: str
    confidence: int  # 0-100
    coded: bool  # True when the coder codes this language


def detect_language(text: str, hint: str | None = None) -> LanguageGuess:
    """The language of ``text``; a given ``hint`` (e.g. from the feed) wins when plausible."""
    sample = text[:4000]
    cyr = len(_CYR.findall(sample))
    lat = len(_LAT.findall(sample))
    if hint:
        hint = hint.lower()[:2]
        script_ok = ((hint in ("en", "tk") and lat >= cyr) or (hint in ("ru", "kk", "ky", "tg") and cyr >= lat)
                     or hint == "uz")
        if script_ok:
            return LanguageGuess(hint, 95, hint in CODED_LANGUAGES)
    if cyr + lat == 0:
        return LanguageGuess("und", 0, False)
    words = Counter(w.lower() for w in _WORD.findall(sample))

    def hits(code: str) -> int:
        return sum(words[w] for w in _WORDS[code] if w in words)

    if cyr > lat:
        scores = {code: sum(sample.count(ch) for ch in letters) * 3 for code, letters in _LETTERS.items()}
        scores["ru"] = 1  # plain Cyrillic without any letter of the other alphabets is Russian
        for code in ("ru", "kk", "ky", "tg", "uz"):
            scores[code] = scores.get(code, 0) + 2 * hits(code)
        best = max(scores, key=lambda k: scores[k])
        total = sum(scores.values()) or 1
        return LanguageGuess(best, int(100 * scores[best] / total), best in CODED_LANGUAGES)
    scores = {code: hits(code) for code in ("en", "uz", "tk")}
    scores["uz"] += 3 * len(re.findall(r"[og][ʻ'’]", sample))
    scores["tk"] += 3 * len(re.findall(r"[äňşýž]", sample, re.I))
    best = max(scores, key=lambda k: scores[k])
    total = sum(scores.values()) or 1
    return LanguageGuess(best, int(100 * scores[best] / total), best in CODED_LANGUAGES)
