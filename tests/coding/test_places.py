"""When the text itself types a toponym as a place (coding/places.py)."""

from __future__ import annotations

import pytest

from steppewatch.coding.places import typed_toponym
from steppewatch.models import Place


def _place(text: str, surface: str) -> Place:
    start = text.index(surface)
    return Place(name=surface, country="XX", geonameid=1, lat=40.0, lon=70.0, precision_acled=1, precision_ucdp=1,
                 text=surface, start=start, end=start + len(surface), confidence=90)


@pytest.mark.parametrize(("text", "surface", "typed"), [
    ("Беспорядки начались в городе Талгар.", "Талгар", True),
    ("Russian jets landed at the Kant air base.", "Kant", True),
    ("Генассамблея ООН в Нью-Йорке приняла резолюцию.", "Нью-Йорке", True),  # the locative case says place
    ("Об этом сообщил Нью-Йорк Таймс.", "Нью-Йорк", False),
    ("Делегация во главе с Ивановым прибыла.", "Ивановым", False),
    ("Генассамблея ООН в Нью-Йорк не пришла.", "Нью-Йорк", False),  # not the locative
    ("Мигранты объявили забастовку в подмосковных Мытищах.", "Мытищах", True),  # adjective between
    ("Рабочие в новых Люберцы не приехали.", "Люберцы", False),  # "Люберцы" is no locative
    ("Строители прекратили работу под Санкт-Петербургом.", "Санкт-Петербургом", True),  # instrumental after "под"
    ("Решение приняли под давлением Москвы.", "Москвы", False),  # the genitive after "давлением"
    ("В Алеппо погиб уроженец Джалал-Абада.", "Алеппо", True),  # an indeclinable name after "в"
    ("Взрыв в петербургском метро расследуют.", "петербургском", True),  # a town's adjective after "в"
    ("Шесть английских клубов ждут.", "английских", False),
])
def test_typed_toponym(text: str, surface: str, typed: bool) -> None:
    assert typed_toponym(text, _place(text, surface)) is typed
