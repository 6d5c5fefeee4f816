"""The gazetteer tables on both backends, loaders, and point-in-polygon admin assignment."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from steppewatch.geo import Geoparser
from steppewatch.geo.build import name_rows
from steppewatch.geo.gazetteer import Entry, Gazetteer, write
from steppewatch.geo.loaders import load_boundaries, load_infrastructure
from steppewatch.store import Store

BATKEN = Entry(1528735, "Batken", "PPLA", "city", "KG", "KG-B", "Batken", None, 40.0604, 70.81929, 27730,
               1, 1, False, "test")
VORUKH = Entry(1220164, "Vorukh", "PPL", "enclave", "TJ", "TJ-SU", "Sughd", None, 39.85125, 70.58012, 3836,
               1, 1, False, "test")


def _small(store: Store) -> None:
    rows = [*name_rows(BATKEN.id, [("Batken", "primary"), ("Баткен", "alternate")]),
            *name_rows(VORUKH.id, [("Vorukh", "primary"), ("Ворух", "alternate")])]
    write(store, [BATKEN, VORUKH], rows)


def test_gazetteer_round_trips_through_the_store(store: Store) -> None:
    _small(store)
    gp = Geoparser.from_store(store)
    places = gp.parse("Стрельба у Ворухе и в Баткене")
    assert [(p.name, p.country) for p in places] == [("Vorukh", "TJ"), ("Batken", "KG")]


def test_empty_store_says_what_to_do(store: Store) -> None:
    from steppewatch.errors import NotConfigured

    with pytest.raises(NotConfigured, match="gazetteer build"):
        Geoparser.from_store(store)


def test_polygons_override_admin_codes(store: Store, tmp_path: Path) -> None:
    _small(store)
    # a unit known to the store, and a square polygon around Batken that claims it is KG-O
    write(store, [Entry(1_100_000_001, "Osh", "ADM1", "admin1", "KG", "KG-O", "Osh", None, 40.5, 72.8, 0,
                        3, 4, False, "test")], list(name_rows(1_100_000_001, [("Osh Region", "official")])))
    square = {"type": "Polygon", "coordinates": [[[70, 39.5], [71.5, 39.5], [71.5, 40.5], [70, 40.5], [70, 39.5]]]}
    gj = {"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {"shapeISO": "KG-O"}, "geometry": square},
        {"type": "Feature", "properties": {"name": "Nowhere"}, "geometry": square}]}
    path = tmp_path / "kg.geojson"
    path.write_text(json.dumps(gj), encoding="utf-8")
    assert load_boundaries(store, path) == {"loaded": 1, "skipped": 1, "files": 1}
    batken = Geoparser.from_store(store).parse("Batken")[0]
    assert batken.admin1_iso == "KG-O"  # the polygon wins over the GeoNames admin code


def test_real_boundaries_assign_admin1(shared_data: Path, tmp_path: Path) -> None:
    from steppewatch.geo.parser import open_cached_store
    from steppewatch.store import open_store

    store = open_store(f"sqlite:///{tmp_path / 'g.db'}")
    cached = open_cached_store()
    cols = "id, name, code, kind, country, admin1_iso, admin1_name, admin2, lat, lon, population, " \
           "prec_acled, prec_ucdp, approx, source"
    rows = cached.query(f"SELECT {cols} FROM geo_places WHERE country IN ('TJ', 'KZ', 'UZ')")
    store.executemany(f"INSERT INTO geo_places ({cols}) VALUES ({', '.join('?' * 15)})", rows)
    names = cached.query("SELECT key, place_id, name, kind FROM geo_names WHERE place_id IN "
                         "(SELECT id FROM geo_places WHERE country IN ('TJ', 'KZ', 'UZ'))")
    store.executemany("INSERT INTO geo_names (key, place_id, name, kind) VALUES (?, ?, ?, ?)", names)
    result = load_boundaries(store, shared_data / "geo" / "admin1")
    assert result["loaded"] >= 30
    gp = Geoparser.from_store(store)
    for text, iso in (("Khujand", "TJ-SU"), ("Khorugh", "TJ-GB"), ("Semey", "KZ-10"), ("Namangan", "UZ-NG")):
        assert gp.parse(text)[0].admin1_iso == iso, text


def test_infrastructure_from_gem_files(shared_data: Path, store: Store) -> None:
    result = load_infrastructure(store, shared_data / "infrastructure" / "hydropower")
    assert result["loaded"] >= 50
    gp = Geoparser.from_store(store)
    (p,) = gp.parse("Repairs at the Kurpsai HPP.")
    assert p.name == "Kurpsai hydroelectric plant" and p.feature_code == "DAM"


def test_seed_dams_agree_with_gem(shared_data: Path) -> None:
    """Seed coordinates are facts: each seeded dam lies within 3 km of GEM's point for it."""
    import csv

    from steppewatch.geo.resolver import haversine_km
    from steppewatch.geo.sources import seed

    gem = {}
    with (shared_data / "infrastructure" / "hydropower" / "ghpt_central_asia_2024-05.csv").open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            gem[row["project_name"].split(" hydroelectric")[0].lower()] = (float(row["lat"]), float(row["lng"]))
    checked = 0
    for f in seed("features")["feature"]:
        if f.get("code") != "DAM":
            continue
        key = f["name"].replace(" Dam", "").lower()
        key = {"kapchagay": "kapshagay"}.get(key, key)
        if key in gem:
            assert haversine_km(f["lat"], f["lon"], *gem[key]) < 3, f["name"]
            checked += 1
    assert checked >= 6


def test_package_gazetteer_covers_the_region(geoparser: Geoparser) -> None:
    gaz: Gazetteer = geoparser.gazetteer
    by_country: dict[str, int] = {}
    for e in gaz.places.values():
        by_country[e.country or ""] = by_country.get(e.country or "", 0) + 1
    for cc, least in {"KZ": 300, "KG": 100, "TJ": 100, "TM": 100, "UZ": 200, "AF": 300}.items():
        assert by_country[cc] >= least, cc
    isos = {e.admin1_iso for e in gaz.places.values() if e.kind == "admin1"}
    assert {"KG-B", "TJ-GB", "KZ-10", "KZ-33", "KZ-62", "UZ-QR", "TM-L", "AF-BDS", "CN-XJ"} <= isos
