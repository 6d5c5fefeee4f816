"""/api/v1/map/boundaries: admin-1 polygons, country label points and the country outlines layer."""

from __future__ import annotations

import json

from shapely.geometry import Point, shape

from steppewatch.geo.countries import OUTLINE_COUNTRIES, REPUBLICS


def test_boundaries_carry_country_outlines(seeded, client_as, store):
    assert store.query("SELECT COUNT(*) FROM geo_countries")[0][0] == 0  # loaded on first use
    r = client_as("viewer").get("/api/v1/map/boundaries")
    assert r.status_code == 200, r.text
    body = r.json()
    outlines = body["outlines"]
    assert outlines["type"] == "FeatureCollection"
    assert [f["id"] for f in outlines["features"]] == list(OUTLINE_COUNTRIES)  # drawing order
    assert {f["id"] for f in outlines["features"] if f["properties"]["republic"]} == set(REPUBLICS)
    kg = shape(next(f["geometry"] for f in outlines["features"] if f["id"] == "KG"))
    assert kg.contains(Point(74.59, 42.87)) and not kg.contains(Point(68.78, 38.54))  # Bishkek, Dushanbe
    assert len(json.dumps(outlines, separators=(",", ":"))) < 300_000
    assert "Made with Natural Earth" in outlines["attribution"]
    assert any("Natural Earth" in s for s in body["sources"])  # named in the page footers too
    # the rest of the answer is as before: admin-1 polygons (none loaded here), label points, levels
    assert body["features"] == [] and body["countries"]["KG"]["name"] == "Kyrgyzstan" and "levels" in body
    assert store.query("SELECT COUNT(*) FROM geo_countries")[0][0] == len(OUTLINE_COUNTRIES)
    assert store.query("SELECT COUNT(*) FROM geo_boundaries")[0][0] == 0


def test_outlines_need_a_login_once_accounts_exist(seeded, client_as):
    for client in (client_as(None), client_as(None, remote=True)):
        r = client.get("/api/v1/map/boundaries")
        assert r.status_code == 401 and list(r.json()) == ["error"] and "outlines" not in r.text


def test_footer_names_the_outline_source(seeded, client_as):
    page = client_as("viewer").get("/", headers={"accept": "text/html"})
    assert page.status_code == 200 and "Natural Earth 1:10m admin-0 countries" in page.text


def test_openapi_documents_the_endpoint(client_as):
    schema = client_as(None).get("/api/v1/openapi.json").json()
    assert "/api/v1/map/boundaries" in schema["paths"]
