from __future__ import annotations

import pytest

from steppewatch.geo import Geoparser

CASES = [
    ("Officials in Bishkek said clashes in Batken killed two.", "Batken"),
    ("В Бишкеке заявили, что под Баткеном погибли двое.", "Баткеном"),
    ("DUSHANBE, May 5 - Fighting broke out near Vorukh on Tuesday.", "Vorukh"),
    ("Taliban attack Afghan government post near Iran border, killing 20 troops", "Afghan"),
    ("Voice of the Islamic Republic of Iran, Mashhad, in Dari: fighting in Herat.", "Herat"),
]


@pytest.mark.parametrize(("text", "surface"), CASES)
def test_event_place(geoparser: Geoparser, text: str, surface: str) -> None:
    places = geoparser.parse(text)
    event = geoparser.event_place(places, text)
    assert event is not None and event.text == surface


def test_country_only_event_is_never_an_exact_point(geoparser: Geoparser) -> None:
    text = "Border guards of Kyrgyzstan reported an incident."
    event = geoparser.event_place(geoparser.parse(text), text)
    assert event is not None and event.country == "KG" and not event.is_exact


def test_span_limits_the_choice(geoparser: Geoparser) -> None:
    text = "Talks were held in Tashkent. Later, shooting in Osh."
    places = geoparser.parse(text)
    first = geoparser.event_place(places, text, (0, 28))
    second = geoparser.event_place(places, text, (29, len(text)))
    assert first.name == "Tashkent" and second.name == "Osh"


def test_no_places_no_event(geoparser: Geoparser) -> None:
    assert geoparser.event_place([], "nothing here") is None
