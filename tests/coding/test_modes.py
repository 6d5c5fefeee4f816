"""Modes read around an event cue: negation, plans and claims."""

from __future__ import annotations

import pytest

from steppewatch.coding.modes import background, read_modes


def _modes(text: str, cue: str):  # type: ignore[no-untyped-def]
    start = text.index(cue)
    return read_modes(text, (0, len(text)), (start, start + len(cue)))


@pytest.mark.parametrize(("text", "cue", "hypothetical"), [
    ("Police detained three men planning an attack on a market.", "attack", False),
    ("В Казахстане задержаны трое сторонников ИГ, готовивших теракт в Алматы.", "теракт", False),
    ("Militants are planning an attack on the city.", "attack", True),
    ("Спецназ ликвидировал ячейку ИГ, готовившую нападения на мечети.", "нападения", False),
    ("Police foiled a cell planning an attack on the market.", "attack", False),
    ("Ожидается, что дипломаты обсудят ситуацию.", "дипломаты", True),
    # "May" beside a day or a year is the month, not the modal verb
    ("On 18 May 2022 security officers detained a journalist.", "detained", False),
    ("In May 2022 security forces moved into Rushan.", "moved", False),
    ("Militants may attack the town.", "attack", True),
    # a year ahead is a projection
    ("К 2040 году дефицит воды в регионе может достичь 12 кубических километров.", "дефицит воды", True),
    ("By 2030 water shortages in the region could double.", "water shortages", True),
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
    # "не меньше"/"не более" count, they deny nothing
    ("В Казахстане работают не меньше десяти биолабораторий.", "биолабораторий", False),
    # water that does not arrive is a shortage, not a denial
    ("Фермеры жалуются, что вода по каналу до полей не доходит.", "полей", False),
    ("Officials said there was no clash at the border.", "clash", True),
    # clashes that "do not stop" go on; a supply that was "not stopped" was not cut
    ("В Оше не прекращаются столкновения между киргизами и узбеками.", "киргизами и узбеками", False),
    ("Узбекистан не прекращал подачу газа в Таджикистан.", "подачу газа", True),
    # limits that "were not agreed" are the dispute
    ("Руководители водохозяйственных ведомств не согласовали лимиты водозабора из Сырдарьи.", "водозабора", False),
    ("Water officials broke up talks without agreeing on how much Syr Darya water will reach Shardara.",
     "Syr Darya", False),
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



def test_a_word_cut_by_the_negation_window_is_no_negation() -> None:
    # the window of 30 characters before "заблокировал" starts inside "Туркменистане"
    text = "В Туркменистане провайдер «Туркментелеком» заблокировал ещё тысячи IP-адресов."
    assert text.index("заблокировал") - 30 == text.index("не провайдер")
    assert not _modes(text, "заблокировал").negated
    assert _modes("Провайдер «Туркментелеком» не заблокировал сайты.", "заблокировал").negated


@pytest.mark.parametrize(("text", "cue"), [
    ("Officials agreed a plan under which Bishkek will be allotted 1.3 billion cubic metres of irrigation water.",
     "irrigation water"),
    ("Стороны подписали соглашение, по которому Узбекистан будет получать воду из водохранилища.", "водохранилища"),
])
def test_the_future_inside_an_agreement_is_its_content(text: str, cue: str) -> None:
    assert not _modes(text, cue).hypothetical
    assert _modes(text.replace("agreed a plan under which", "said").replace("подписали соглашение, по которому",
                                                                              "заявили, что"), cue).hypothetical


def test_an_agreement_is_no_habit() -> None:
    agreed = "Officials agreed a plan under which Bishkek gets 1.3 billion cubic metres of water annually."
    assert background(agreed, (0, len(agreed))) is None
    habit = "Bishkek gets 1.3 billion cubic metres of water annually."
    assert background(habit, (0, len(habit))) is not None


@pytest.mark.parametrize(("text", "standing"), [
    ("Российская авиабаза в Канте с 2003 года входит в состав сил ОДКБ, напомнил ТАСС.", True),
    ("The base has hosted Russian jets since 2003.", True),
    ("Центральная Азия останется уязвимой для наркотрафика с юга, считают эксперты.", True),
    ("Россия сохраняет в Таджикистане свою крупнейшую зарубежную базу.", True),
    ("Россия располагает в Таджикистане 201-й военной базой.", True),
    # a retrospective is no event of the day
    ("Ровно 25 лет назад студенты вышли на площадь в Алма-Ате.", True),
    ("Российские самолёты прибыли на авиабазу Кант.", False),
    # a record since a year is news, not a standing state
    ("Muttaqi arrived in New Delhi, the most senior Taliban visit to India since 2021.", False),
    ("Это первый визит главы МИД Туркменистана в Кабул с 2015 года.", False),
    # a standing state in a relative clause describes a participant, not the event
    ("Serdar Berdimuhamedov was sworn in, succeeding his father, who had led the country since 2006.", False),
    ("Сердар Бердымухамедов вступил в должность, сменив отца, который возглавлял страну с 2007 года.", False),
    ("Gurbanguly Berdimuhamedov has led the country since 2006.", True),
])
def test_a_recap_or_a_state_since_a_year_is_background(text: str, standing: bool) -> None:
    assert (background(text, (0, len(text))) is not None) is standing
