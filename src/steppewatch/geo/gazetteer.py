"""The gazetteer: place entries and their name keys, stored in the project database and
held in memory as one dictionary from name key to places.

Tables (migration ``0020_gazetteer``): ``geo_places`` (one row per place), ``geo_names``
(one row per name and key), ``geo_admin1`` (ISO 3166-2 units), ``geo_boundaries``
(admin-1 polygons as GeoJSON) and ``geo_meta`` (build facts and checksums).
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from ..store import Store

#: Project ids for features without a GeoNames id start here (GeoNames ids are < 2e7).
LOCAL_ID_BASE = 1_000_000_000

#: Kinds of names, from strongest to weakest evidence that a token means the place.
NAME_KINDS = ("primary", "official", "alternate", "historical", "demonym", "abbrev")


@dataclass(frozen=True, slots=True)
class Entry:
    """One gazetteer place."""

    id: int
    name: str
    code: str  # GeoNames feature code: PCLI, ADM1, PPLC, PPLA, PPL, STM, DAM, ...
    kind: str  # country | admin1 | city | enclave | feature | border | infrastructure
    country: str | None
    admin1_iso: str | None
    admin1_name: str | None
    admin2: str | None
    lat: float | None
    lon: float | None
    population: int = 0
    prec_acled: int = 1
    prec_ucdp: int = 1
    approx: bool = False
    source: str = ""

    @property
    def is_geonames(self) -> bool:
        return self.id < LOCAL_ID_BASE

    def row(self) -> tuple[Any, ...]:
        return (self.id, self.name, self.code, self.kind, self.country, self.admin1_iso,
                self.admin1_name, self.admin2, self.lat, self.lon, self.population,
                self.prec_acled, self.prec_ucdp, int(self.approx), self.source)


_PLACE_COLS = ("id, name, code, kind, country, admin1_iso, admin1_name, admin2, lat, lon, "
               "population, prec_acled, prec_ucdp, approx, source")


@dataclass(frozen=True, slots=True)
class NameRow:
    key: str  # token keys joined by one space
    place_id: int
    name: str
    kind: str  # one of NAME_KINDS


class Gazetteer:
    """Places and a name-key index, loaded once and then read-only."""

    def __init__(self, entries: Iterable[Entry], names: Iterable[NameRow],
                 boundaries: dict[str, tuple[str, str, Any]] | None = None) -> None:
        self.places: dict[int, Entry] = {e.id: e for e in entries}
        self._index_names(names)
        self._derive(boundaries)

    def _index_names(self, names: Iterable[NameRow]) -> None:
        index: dict[str, list[tuple[int, str]]] = defaultdict(list)
        raw: dict[str, set[tuple[int, str]]] = defaultdict(set)
        prefixes: set[str] = set()
        lower_ok: set[str] = set()
        for n in names:
            if n.place_id not in self.places:
                continue
            bucket = index[n.key]
            if all(pid != n.place_id for pid, _ in bucket):
                bucket.append((n.place_id, n.kind))
            else:  # keep the strongest kind for a (key, place) pair
                for i, (pid, kind) in enumerate(bucket):
                    if pid == n.place_id and NAME_KINDS.index(n.kind) < NAME_KINDS.index(kind):
                        bucket[i] = (pid, n.kind)
            raw[n.key].add((n.place_id, n.name.casefold()))
            parts = n.key.split(" ")
            for i in range(1, len(parts)):
                prefixes.add(" ".join(parts[:i]))
            if n.name[:1].islower() and n.kind in ("official", "demonym", "historical"):
                lower_ok.add(n.key)
        self.index: dict[str, tuple[tuple[int, str], ...]] = {k: tuple(v) for k, v in index.items()}
        #: exact spellings, kept only for keys shared by places in several countries, where the
        #: spelling itself is evidence ("Jalal-Abad" is Kyrgyz, "Jalalabad" Afghan).
        spellings: dict[int, set[str]] = defaultdict(set)
        for k, v in index.items():
            if len({self.places[pid].country for pid, _ in v}) > 1:
                for pid, name in raw[k]:
                    spellings[pid].add(name)
        self.spellings: dict[int, frozenset[str]] = {k: frozenset(v) for k, v in spellings.items()}
        del raw
        self.prefixes = frozenset(prefixes)
        self.lower_ok = frozenset(lower_ok)

    def _derive(self, boundaries: dict[str, tuple[str, str, Any]] | None) -> None:
        self.lower_first = frozenset(k.split(" ")[0] for k in self.lower_ok)
        self.lower_stems = frozenset(k[:3] for k in self.lower_first)
        self.boundaries = boundaries or {}
        self.admin1_names: dict[str, str] = {
            e.admin1_iso: e.name for e in self.places.values() if e.kind == "admin1" and e.admin1_iso
        }
        self.countries: dict[str, Entry] = {
            e.country: e for e in self.places.values() if e.kind == "country" and e.country
        }

    # --- snapshot (see :mod:`.cache`) ----------------------------------------------------
    def state(self) -> dict[str, Any]:
        """Plain data (tuples, dicts, strings, ints) that :meth:`from_state` turns back into
        this gazetteer; polygons are not part of it."""
        return {
            "places": [e.row() for e in self.places.values()],
            "index": self.index,
            "spellings": {k: tuple(v) for k, v in self.spellings.items()},
            "prefixes": tuple(self.prefixes),
            "lower_ok": tuple(self.lower_ok),
        }

    @classmethod
    def from_state(cls, state: dict[str, Any]) -> Gazetteer:
        gaz = cls.__new__(cls)
        gaz.places = {r[0]: Entry(r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7], r[8], r[9], r[10],
                                  r[11], r[12], bool(r[13]), r[14]) for r in state["places"]}
        gaz.index = state["index"]
        gaz.spellings = {k: frozenset(v) for k, v in state["spellings"].items()}
        gaz.prefixes = frozenset(state["prefixes"])
        gaz.lower_ok = frozenset(state["lower_ok"])
        gaz._derive(None)
        return gaz

    def spelled(self, place_id: int, surface: str) -> bool:
        """True when ``place_id`` is stored under exactly this spelling (case aside)."""
        return surface.casefold() in self.spellings.get(place_id, ())

    def lookup(self, key: str) -> tuple[tuple[int, str], ...]:
        return self.index.get(key, ())

    def __len__(self) -> int:
        return len(self.places)

    # --- store -------------------------------------------------------------------------
    @classmethod
    def from_store(cls, store: Store) -> Gazetteer:
        entries = [
            Entry(int(r[0]), r[1], r[2], r[3], r[4], r[5], r[6], r[7], r[8], r[9], int(r[10] or 0),
                  int(r[11]), int(r[12]), bool(r[13]), r[14] or "")
            for r in store.query(f"SELECT {_PLACE_COLS} FROM geo_places")
        ]
        names = [NameRow(r[0], int(r[1]), r[2], r[3])
                 for r in store.query("SELECT key, place_id, name, kind FROM geo_names")]
        boundaries = load_boundary_shapes(store)
        return cls(entries, names, boundaries)


def write(store: Store, entries: Iterable[Entry], names: Iterable[NameRow], *,
          replace_source: str | None = None) -> int:
    """Insert (or replace) places and names in one transaction; returns the place count."""
    entries = list(entries)
    ids = [(e.id,) for e in entries]
    with store.transaction():
        if replace_source is not None:
            store.execute("DELETE FROM geo_names WHERE place_id IN "
                          "(SELECT id FROM geo_places WHERE source LIKE ?)", (replace_source + "%",))
            store.execute("DELETE FROM geo_places WHERE source LIKE ?", (replace_source + "%",))
        store.executemany("DELETE FROM geo_names WHERE place_id = ?", ids)
        store.executemany("DELETE FROM geo_places WHERE id = ?", ids)
        store.executemany(
            f"INSERT INTO geo_places ({_PLACE_COLS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [e.row() for e in entries],
        )
        store.executemany(
            "INSERT INTO geo_names (key, place_id, name, kind) VALUES (?, ?, ?, ?)",
            [(n.key, n.place_id, n.name, n.kind) for n in names],
        )
    return len(entries)


def set_meta(store: Store, key: str, value: Any) -> None:
    store.execute("DELETE FROM geo_meta WHERE key = ?", (key,))
    store.execute("INSERT INTO geo_meta (key, value) VALUES (?, ?)", (key, json.dumps(value)))


def get_meta(store: Store) -> dict[str, Any]:
    return {k: json.loads(v) for k, v in store.query("SELECT key, value FROM geo_meta")}


def load_boundary_shapes(store: Store) -> dict[str, tuple[str, str, Any]]:
    """``iso -> (country, name, prepared shapely geometry)`` for loaded admin-1 polygons."""
    rows = store.query("SELECT iso, country, name, geojson FROM geo_boundaries")
    if not rows:
        return {}
    from shapely.geometry import shape
    from shapely.prepared import prep

    return {iso: (cc, name, prep(shape(json.loads(gj)))) for iso, cc, name, gj in rows}
