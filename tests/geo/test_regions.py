"""Parts of a country named by a direction: region precision and a representative point."""

from __future__ import annotations

import pytest

from steppewatch.geo import Geoparser
from steppewatch.geo.regions import direction


@pytest.mark.parametrize(("word", "expected"), [
    ("western", "west"), ("W.", "west"), ("south-eastern", "southeast"), ("southwestern", "southwest"),
    ("north", "north"), ("юге", "south"), ("северо-западе", "northwest"), ("центре", "central"),
    ("central", "central"), ("westward", None), ("U.", None), ("ern", None),
])
def test_direction_words(word: str, expected: str | None) -> None:
    assert direction(word) == expected


@pytest.mark.parametrize(("text", "name"), [
    ("Clashes in western Afghanistan.", "western Afghanistan"),
    ("45 killed in clashes in W. Afghanistan", "western Afghanistan"),
    ("Taliban attack in Afghan west - agency", "western Afghanistan"),
    ("Airstrike kills 15 militants in west Afghanistan", "western Afghanistan"),
    ("На юге Киргизии прошли учения.", "southern Kyrgyzstan"),
])
def test_direction_and_country_make_a_region(geoparser: Geoparser, text: str, name: str) -> None:
    (place,) = [p for p in geoparser.parse(text) if p.geonameid is not None]
    assert place.name == name and (place.precision_acled, place.precision_ucdp) == (3, 5)
    assert place.lat is not None and not place.is_exact


def test_the_point_lies_on_that_side_of_the_country(geoparser: Geoparser) -> None:
    def point(text: str) -> tuple[float, float]:
        (place,) = [p for p in geoparser.parse(text) if p.geonameid is not None]
        assert place.lat is not None and place.lon is not None
        return place.lat, place.lon

    west, east = point("in western Afghanistan"), point("in eastern Afghanistan")
    north, south = point("in northern Afghanistan"), point("in southern Afghanistan")
    assert west[1] < east[1] and south[0] < north[0]
    assert 29 < south[0] < 39 and 60 < west[1] < 75  # inside Afghanistan's box


def test_no_point_where_the_gazetteer_lacks_some_admin1_units(geoparser: Geoparser) -> None:
    (place,) = [p for p in geoparser.parse("Protests in southern Russia.") if p.geonameid is not None]
    assert place.precision_ucdp == 5 and place.lat is None


@pytest.mark.parametrize("text", ["U.S. Afghanistan policy", "the Afghan north-south corridor"])
def test_not_a_direction(geoparser: Geoparser, text: str) -> None:
    (place,) = [p for p in geoparser.parse(text) if p.geonameid is not None]
    assert place.name == "Afghanistan" and place.precision_ucdp == 6
