from __future__ import annotations

import pytest

from steppewatch.geo import Geoparser

CASES = [
    ("Officials in Bishkek said clashes in Batken killed two.", "Batken"),
    ("В Бишкеке заявили, что под Баткеном погибли двое.", "Баткеном"),
    ("DUSHANBE, May 5 - Fighting broke out near Vorukh on Tuesday.", "Vorukh"),
    ("Taliban attack Afghan government post near Iran border, killing 20 troops", "Afghan"),
    ("Voice of the Islamic Republic of Iran, Mashhad, in Dari: fighting in Herat.", "Herat"),
    # only adjectives named: the region's beats an outside one; a name beats adjectives
    ("Afghan official: US soldier shoots, kills boy near base", "Afghan"),
    ("16 Afghan police killed in US strike", "Afghan"),
    ("Afghan refugees arrived in Germany.", "Germany"),
    # a country of the region named as a party pushes down a country abroad, not a town abroad
    ("В Берлине прошёл саммит с участием президентов Казахстана и Узбекистана.", "Берлине"),
    ("The United States handed over armoured vehicles to Tajikistan's armed forces.", "Tajikistan's"),
    # where a quake was felt is the far side, not the scene
    ("A strong quake struck Kashgar and was felt in Osh.", "Kashgar"),
    ("Землетрясение произошло в уезде Учтурфан Синьцзян-Уйгурского автономного района, толчки ощущались в Алматы.",
     "Учтурфан"),
    ("Землетрясение произошло в Ошской области, толчки ощущались также в Андижане.", "Ошской области"),
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


# Reported on the synthetic demo scenario (steppewatch demo --docs 1000): each row is a
# sentence, the place that must be chosen, and a toponym that must not be.
DEMO_CASES = [
    ("Islamic State Khorasan Province (ISKP) fighters attacked a post near Fayzabad in Badakhshan province.",
     "Fayzabad", "Khorasan"),
    ("Силовики провели спецоперацию против ячейки группировки «Вилаят Хорасан» в городе Нов Согдийской области.",
     "Нов", "Хорасан"),
    ("Protesters gathered in Naryn. Mobile internet in the area was disrupted for several hours.", "Naryn", "Mobile"),
    ("One protester was detained in Karakol.", "Karakol", "One"),
]


@pytest.mark.parametrize(("text", "surface", "not_a_place"), DEMO_CASES, ids=[c[1] for c in DEMO_CASES])
def test_demo_reports_choose_the_planted_place(geoparser: Geoparser, text: str, surface: str,
                                               not_a_place: str) -> None:
    places = geoparser.parse(text)
    assert not [p for p in places if p.text == not_a_place and p.geonameid is not None]
    event = geoparser.event_place(places, text)
    assert event is not None and event.text == surface


def test_out_of_region_place_never_beats_an_in_region_one(geoparser: Geoparser) -> None:
    text = "Delegates from Turkey met in Osh."
    assert geoparser.event_place(geoparser.parse(text), text).text == "Osh"  # type: ignore[union-attr]
    text = "Officials in Istanbul said fighting near Vorukh went on."
    assert geoparser.event_place(geoparser.parse(text), text).text == "Vorukh"  # type: ignore[union-attr]


def test_border_reference_gives_way_to_the_lead_place(geoparser: Geoparser) -> None:
    text = ("Police detained three men in Boysun on Monday. Heroin was seized. "
            "The Tajik-Afghan border remains one of the main routes for Afghan opiates heading north.")
    places = geoparser.parse(text)
    lo = text.index("The Tajik")
    event = geoparser.event_place(places, text, (lo, len(text)))
    assert event is not None and event.text == "Boysun" and event.country == "UZ"
    # a sentence about the border itself keeps the border when the lead names no town
    text = "Tension is high. Guards clashed on the Tajik-Afghan border."
    event = geoparser.event_place(geoparser.parse(text), text, (17, len(text)))
    assert event is not None and event.feature_code == "BDR"


def test_far_town_resolves_when_the_text_supports_it(geoparser: Geoparser) -> None:
    (mobile,) = [p for p in geoparser.parse("Mobile internet was down.") if p.text == "Mobile"]
    assert mobile.geonameid is None and mobile.reason.startswith("outside the region")
    places = geoparser.parse("A storm hit Mobile in the United States.")
    assert [p.country for p in places if p.text == "Mobile"] == ["US"]


def test_an_outlet_named_after_a_place_is_no_place(geoparser: Geoparser) -> None:
    # Bakhtar, the old name of Balkh, is also Afghanistan's state news agency
    text = "Bakhtar News Agency: five militants killed in Afghanistan."
    places = geoparser.parse(text)
    assert not [p for p in places if p.text == "Bakhtar"]
    assert geoparser.event_place(places, text).name == "Afghanistan"  # type: ignore[union-attr]


@pytest.mark.parametrize("text", [
    "Трое граждан Афганистана задержаны пограничниками.",
    "Border guards detained three nationals of Afghanistan.",
    "Police detained two migrants from Afghanistan.",
    "Полиция задержала двух уроженцев Афганистана.",
])
def test_where_people_come_from_is_not_the_scene(geoparser: Geoparser, text: str) -> None:
    places = geoparser.parse(text)
    assert [p.country for p in places] == ["AF"]
    assert geoparser.event_place(places, text) is None


@pytest.mark.parametrize(("text", "surface"), [
    # a place abroad the event is put in beats a place of the region named as a party
    ("Ukrainian police detained an exiled Kazakh activist in Kyiv on a notice requested by Astana.", "Kyiv"),
    ("Central Asian foreign ministers met in Luxembourg to discuss sanctions against Russia.", "Luxembourg"),
    ("Kazakh peacekeepers arrived in southern Lebanon, the defence ministry in Astana said.", "Lebanon"),
    ("В аэропорту Стамбула задержан блогер, критиковавший власти Душанбе.", "Стамбула"),
    # a town abroad under its place type ("в провинции Идлиб"), and one that needs the "in" to resolve
    ("Авиаудар в провинции Идлиб унёс жизни командира, уроженца Наманганской области Узбекистана.", "Идлиб"),
    ("Water ministers of the five Central Asian states met in Geneva on the margins of a UN conference.", "Geneva"),
    # a town whose police acts
    ("Полиция Стамбула задержала двух граждан Узбекистана.", "Стамбула"),
    ("Istanbul police detained two citizens of Uzbekistan.", "Istanbul"),
    # ... even when the country of the region is put in too, and a capital at whose request it acts is no scene
    ("Полиция Дортмунда задержала по запросу Душанбе активиста запрещенного в Таджикистане движения.", "Дортмунда"),
    # ... unless a place of the region is put so too
    ("Операторы прибыли в Кыргызстан, пройдя обучение в Турции.", "Кыргызстан"),
    # where someone is to be sent, or a capital at whose request police act, is no scene
    ("Бывший замглавы таможни Кыргызстана задержан в Баку и будет экстрадирован в Бишкек.", "Баку"),
    ("The former customs official was detained by police in Baku at Bishkek's request.", "Baku"),
    ("A Tajik activist was seized in Antalya and flown to Dushanbe on a private jet.", "Antalya"),
    ("Суд в Анталье отменил решение об экстрадиции в Бишкек бывшего депутата.", "Анталье"),
    # a dateline town whose country the story does not name again is where it was filed, not the scene
    ("ALMATY (Reuters) - Kyrgyzstan's culture ministry blocked the website of Azattyk for two months.",
     "Kyrgyzstan's"),
    # a capital in the instrumental case is its government ("объявленный Ташкентом в розыск"), not
    # after a preposition of place ("под Ташкентом")
    ("В московском аэропорту задержан журналист, объявленный Ташкентом в розыск.", "московском"),
    ("Под Ташкентом задержали группу вербовщиков, разыскиваемых Бишкеком.", "Ташкентом"),
    # a council is an institution, not the Tajik village Sovet: the meeting's town is the scene
    ("Министр обороны Таджикистана на заседании Совета министров обороны ОДКБ в Минске предложил усилить "
     "границу.", "Минске"),
    # "on" after a word for a text names its topic: the meeting's town is the scene
    ("Meeting in Geneva, water officials of Kazakhstan and Kyrgyzstan initialled a protocol on Syr Darya "
     "releases.", "Geneva"),
])
def test_a_place_abroad_the_text_puts_the_event_in(geoparser: Geoparser, text: str, surface: str) -> None:
    event = geoparser.event_place(geoparser.parse(text), text)
    assert event is not None and event.text == surface


@pytest.mark.parametrize("before", ["пропустили воду в сторону иранского ", "огонь в сторону иранской провинции ",
                                    "felt in ", "со стороны афганской провинции ",
                                    "Three gunmen who waded across the Panj from Afghanistan's ",
                                    "a fuel truck arriving from ",
                                    "Kazakhstan reopened the crossing on its frontier with China's ",
                                    "Землетрясение в Синьцзяне, толчки ощущались в Оше и ",
                                    "Толчки землетрясения в Синьцзяне ощутили жители Бишкека, Оша и ",
                                    "5.9 quake jolts Badakhshan, tremors felt in Kabul, ",
                                    "A quake struck Wushi county; the tremors were felt as far away as Almaty and "])
def test_where_water_or_shots_went_is_the_far_side(before: str) -> None:
    from steppewatch.geo.event import _FAR_SIDE_BEFORE

    assert _FAR_SIDE_BEFORE.search(before)


@pytest.mark.parametrize(("text", "surface"), [
    # the route the goods took is no scene when the text puts the event elsewhere
    ("Пограничники в Сурхандарьинской области нашли 700 кг гашиша, груз следовал через мост Хайратон.",
     "Сурхандарьинской области"),
    # where refugees come from, the second of two provinces too
    ("Узбекистан закрыл границу и прекратил приём беженцев из Ошской и Джалал-Абадской областей.", "Узбекистан"),
    # the neighbour's province and its country named after it are both the far side
    ("Киргизские власти перекрыли подачу воды по каналу в соседнюю Жамбылскую область Казахстана.", "Киргизские"),
    # an adjective before a word for land names the place ("Afghan border villages"), and where the
    # fire came from is the far side
    ("Pakistani forces shell Afghan border villages; two women killed", "Afghan"),
    # land named after "с" is where they came from; a capital after "потребовав от" is its government
    ("Вооруженная группа, проникшая с афганской территории, вступила в бой с таджикскими пограничниками.",
     "таджикскими"),
])
def test_a_route_or_an_origin_gives_way_to_the_scene(geoparser: Geoparser, text: str, surface: str) -> None:
    event = geoparser.event_place(geoparser.parse(text), text)
    assert event is not None and event.text == surface


def test_where_fire_came_from_is_not_the_scene(geoparser: Geoparser) -> None:
    text = "Two Afghan border guards killed by fire from Pakistani post opposite Chaman"
    event = geoparser.event_place(geoparser.parse(text, "en"), text)
    assert event is None or event.country == "AF"


def test_a_capital_asked_to_pay_is_its_government() -> None:
    from steppewatch.geo.event import _METONYM_BEFORE

    assert _METONYM_BEFORE.search("Туркменистан прекратил поставки газа в Иран, потребовав от ")


def test_a_dateline_is_foreign_only_when_the_story_does_not_name_its_country_again(geoparser: Geoparser) -> None:
    from steppewatch.geo.event import _foreign_dateline

    def first(text: str) -> bool:
        places = geoparser.parse(text)
        return _foreign_dateline(places[0], places, text)

    assert first("ALMATY (Reuters) - Kyrgyzstan's culture ministry blocked a website.")
    # the country right after the town is the dateline's own and does not count
    assert first("DUSHANBE, Tajikistan (AP) - Kyrgyz troops shelled a village in Batken.")
    assert not first("DUSHANBE, Tajikistan (AP) - Police detained a blogger in Khujand on Monday.")
