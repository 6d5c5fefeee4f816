"""Misspelt long names in the region, and far-away alternates that must not support themselves."""

from __future__ import annotations

from itertools import combinations

import pytest

from steppewatch.geo import Geoparser, fuzzy
from steppewatch.geo.fuzzy import _deletions, _distance

# text, surface, expected name (None: left unresolved)
CASES = [
    ("Беспорядки в Жаозене начались в декабре.", "Жаозене", "Zhanaozen"),
    ("Рабочие в Жанозену бастуют.", "Жанозену", "Zhanaozen"),
    ("Talks were held in Dushanbi.", "Dushanbi", "Dushanbe"),
    ("Tourists visited Samarkant.", "Samarkant", "Samarkand"),
    ("Он родился в Советском районе.", "Советском районе", None),
]


@pytest.mark.parametrize(("text", "surface", "expected"), CASES)
def test_misspelling_and_far_alternates(geoparser: Geoparser, text: str, surface: str,
                                        expected: str | None) -> None:
    hits = [p for p in geoparser.parse(text, "ru") if p.text == surface]
    assert hits, f"{surface!r} not found"
    if expected is None:
        assert hits[0].geonameid is None and hits[0].reason
    else:
        assert hits[0].name == expected


def test_known_words_and_people_are_not_corrected(geoparser: Geoparser) -> None:
    places = geoparser.parse("Президент Токаев и министр Назарбаева встретились.", "ru")
    assert not [p for p in places if p.geonameid is not None]


def test_distance_counts_transpositions_once() -> None:
    assert _distance("janaozen", "jaozen") == 2
    assert _distance("samarkand", "samarkadn") == 1
    assert _distance("abc", "abc") == 0


@pytest.mark.parametrize("key", ["janaozen", "aab", "abcdefghij", "samarkand"])
@pytest.mark.parametrize("depth", [1, 2])
def test_deletion_neighbourhood_is_every_string_with_up_to_depth_letters_deleted(key: str, depth: int) -> None:
    expected = {"".join(c for i, c in enumerate(key) if i not in gone)
                for n in range(depth + 1) for gone in combinations(range(len(key)), n)}
    assert _deletions(key, depth) == expected


def test_a_new_geoparser_has_its_misspelling_index_ready(geoparser: Geoparser) -> None:
    small = Geoparser(geoparser.gazetteer)
    assert fuzzy._indexes[id(small.gazetteer)].gaz is small.gazetteer


def test_english_dictionary_words_are_not_corrected(geoparser: Geoparser) -> None:
    # within two edits of Panjshir, Iskandar and Parkent, but ordinary English words
    places = geoparser.parse("Punisher, Islander and Parent were shown on television.", "en")
    assert not [p for p in places if p.geonameid is not None]
