"""Name keys: one spelling-insensitive key space for Cyrillic and Latin place names.

Every name in the gazetteer and every token in a text is reduced to a *key* by
:func:`token_key`: Cyrillic is transliterated (one table that covers Russian, Kazakh,
Kyrgyz, Tajik and Uzbek letters), then Latin spellings are folded so that the usual
romanisations of the region meet::

    Жалал-Абад, Jalal-Abad, Dzhalal-Abad, Jalalabad     -> jalalabad
    Хорог, Khorog, Xorog                               -> horog
    Шымкент, Shymkent, Şımkent, Chimkent (historical)   -> simkent / cimkent

The folding is deliberately lossy (kh/x/h, q/k, y/i, doubled letters); ranking, not the key,
decides between the few names that collide.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

#: Cyrillic to Latin, covering the Russian alphabet plus the extra letters of Kazakh,
#: Kyrgyz, Tajik and Uzbek Cyrillic. Values are chosen to meet the Latin folding below.
CYR_TO_LAT: dict[str, str] = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "yo", "ж": "zh",
    "з": "z", "и": "i", "й": "y", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o",
    "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts",
    "ч": "ch", "ш": "sh", "щ": "shch", "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "yu",
    "я": "ya",
    # Kazakh / Kyrgyz
    "ә": "a", "ғ": "gh", "қ": "q", "ң": "n", "ө": "o", "ұ": "u", "ү": "u", "һ": "h", "і": "i",
    # Tajik / Uzbek Cyrillic
    "ҷ": "j", "ӣ": "i", "ӯ": "u", "ҳ": "h", "ў": "o",
    # Ukrainian / Belarusian letters seen in alternate names
    "ї": "i", "є": "e", "ґ": "g",
}

#: Latin letters replaced before accents are stripped (digraph sounds, Turkic letters).
_LAT_PRE = {
    "ş": "sh", "š": "sh", "ș": "sh", "ç": "ch", "č": "ch", "ž": "zh", "ğ": "gh", "ı": "i",
    "ə": "a", "ñ": "n", "ŋ": "n", "ł": "l", "đ": "d", "ß": "ss", "æ": "ae", "ø": "o",
}
_FOLD_RULES = (("dzh", "j"), ("zh", "j"), ("kh", "h"), ("x", "h"), ("gh", "g"), ("q", "k"),
               ("w", "v"), ("y", "i"), ("ts", "c"), ("ch", "c"))
_DOUBLE = re.compile(r"([a-z])\1+")
_CYR_TABLE = str.maketrans(CYR_TO_LAT)
_LAT_TABLE = str.maketrans(_LAT_PRE)
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_NON_KEY = re.compile(r"[^a-z0-9]")

#: Word tokens: letters and digits, joined by inner hyphens or apostrophes (Jalal-Abad, O'sh).
TOKEN = re.compile(r"[^\W_]+(?:[-'’ʻʼ][^\W_]+)*")


def has_cyrillic(text: str) -> bool:
    return _CYRILLIC.search(text) is not None


def transliterate(text: str) -> str:
    """Lower-case Latin transliteration of (mixed) Cyrillic text."""
    return text.lower().translate(_CYR_TABLE)


def fold_latin(text: str) -> str:
    """Fold a lower-case Latin string onto the key alphabet (see the module docstring)."""
    s = text
    if not s.isascii():  # Turkic letters, then accents: "Şımkent" -> "shimkent"
        s = unicodedata.normalize("NFKD", s.translate(_LAT_TABLE))
    # combining marks, apostrophes and every other letter outside a-z 0-9 go here
    s = _NON_KEY.sub("", s)
    for old, new in _FOLD_RULES:
        s = s.replace(old, new)
    return _DOUBLE.sub(r"\1", s)


@lru_cache(maxsize=200_000)
def token_key(token: str) -> str:
    """The key of one word token, for any script this project reads."""
    return fold_latin(transliterate(token) if has_cyrillic(token) else token.lower())


def tokens(text: str) -> list[tuple[int, int, str]]:
    """Word tokens of ``text`` as ``(start, end, token)``."""
    return [(m.start(), m.end(), m.group()) for m in TOKEN.finditer(text)]


def name_keys(name: str) -> tuple[str, ...]:
    """The key sequence of a whole name (one key per word), empty keys dropped."""
    return tuple(k for k in (token_key(t) for _, _, t in tokens(name)) if k)


def is_capitalised(token: str) -> bool:
    return token[:1].isupper()


def is_useful_name(name: str) -> bool:
    """Latin or Cyrillic names only: other scripts never meet the texts this project codes."""
    letters = [ch for ch in name if ch.isalpha()]
    if not letters:
        return False
    for ch in letters:
        block = ord(ch)
        if not (block < 0x250 or 0x400 <= block <= 0x4FF or 0x1E00 <= block <= 0x1EFF or ch in "ʻʼ"):
            return False
    return True
