"""Modes read around an event cue: negation, plans and claims."""

from __future__ import annotations

import pytest

from steppewatch.coding.modes import read_modes


def _modes(text: str, cue: str):  # type: ignore[no-untyped-def]
    start = text.index(cue)
    return read_modes(text, (0, len(text)), (start, start + len(cue)))


@pytest.mark.parametrize(("text", "cue", "hypothetical"), [
    ("Police detained three men planning an attack on a market.", "attack", False),
    ("В Казахстане задержаны трое сторонников ИГ, готовивших теракт в Алматы.", "теракт", False),
    ("Militants are planning an attack on the city.", "attack", True),
    ("Ожидается, что дипломаты обсудят ситуацию.", "дипломаты", True),
])
def test_a_plan_behind_an_arrest_is_the_arrest_s_reason(text: str, cue: str, hypothetical: bool) -> None:
    assert _modes(text, cue).hypothetical is hypothetical


@pytest.mark.parametrize(("text", "cue", "negated"), [
    ("Low flows left cotton fields without irrigation.", "irrigation", False),
    ("The border reopened without incident.", "incident", True),
    ("Киргизия и Казахстан не смогли договориться о распределении воды реки Чу.", "распределении воды", False),
    ("The two ministers could not agree on water quotas for the summer.", "water quotas", False),
    ("Стороны не достигли соглашения по водным квотам.", "водным квотам", False),
    ("Пограничники не задерживали нарушителей.", "нарушителей", True),
    ("Officials said there was no clash at the border.", "clash", True),
])
def test_a_loss_or_a_failure_to_agree_is_no_denial(text: str, cue: str, negated: bool) -> None:
    """"left ... without" is a loss; "could not agree on" a dispute; other negations deny."""
    assert _modes(text, cue).negated is negated


@pytest.mark.parametrize(("text", "cue", "negated", "hypothetical"), [
    ("Жители двух махаллей не могут поделить поливную воду из арыка.", "поливную воду", False, False),
    ("Neighbouring villages could not divide the water of the canal.", "canal", False, False),
    ("Соседи не могут закрыть канал.", "канал", True, True),
])
def test_failing_to_share_water_is_the_dispute(text: str, cue: str, negated: bool, hypothetical: bool) -> None:
    modes = _modes(text, cue)
    assert (modes.negated, modes.hypothetical) == (negated, hypothetical)

