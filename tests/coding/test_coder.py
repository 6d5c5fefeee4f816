"""Behaviour of the rule coder on small English and Russian reports (no geoparser)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from steppewatch.coding.coder import RuleCoder
from steppewatch.coding.output import code_rows, event_json, group_mentions
from steppewatch.models import Document, Place

PUB = datetime(2022, 1, 6, 9, tzinfo=UTC)


def code(text: str, published: datetime | None = PUB, geoparser: object = None) -> list[dict]:
    coder = RuleCoder(geoparser=geoparser)  # type: ignore[arg-type]
    result = coder.code(Document(id="d1", source_id="s", text=text, published_at=published))
    return [event_json(g) for g in group_mentions(result)]


CASES = [
    ("Kyrgyz and Tajik border guards clashed on Tuesday; two border guards were killed.",
     "border", "KG TJ", "2022-01-04", 2),
    ("Пограничники Киргизии и Таджикистана вступили в перестрелку на границе в среду, погибли 2 человека.",
     "border", "KG TJ", "2022-01-05", 2),
    ("Taliban attack on Afghan forces kills 8 in northern Kunduz province.", "militancy", "AF", "2022-01-06", 8),
    ("Вчера в Жанаозене (Казахстан) прошёл митинг протеста нефтяников.", "unrest", "KZ", "2022-01-05", 0),
    ("Tajik border guards seized 120 kg of heroin on the Afghan border yesterday.", "narcotics", "TJ", "2022-01-05", 0),
    ("Президент Кыргызстана Алмазбек Атамбаев подписал указ об отставке правительства.",
     "governance", "KG", "2022-01-06", 0),
]


@pytest.mark.parametrize(("text", "category", "country", "day", "killed"), CASES,
                         ids=[f"{c[1]}-{i}" for i, c in enumerate(CASES)])
def test_main_event(text: str, category: str, country: str, day: str, killed: int) -> None:
    events = code(text)
    assert events, "expected an event"
    main = events[0]
    assert (main["category"], main["date"]["value"]) == (category, day)
    assert main["country"] in country.split()  # a bilateral clash may be placed on either side
    assert main["fatalities"]["best"] == killed
    ev = main["evidence"]["event"]
    assert text[ev["start"]:ev["end"]] == ev["text"]
    assert main["coder"] == "code.rules" and main["coder_version"]


def test_actors_resolve_generic_roles_by_country() -> None:
    main = code("Kyrgyz border guards and Tajik border troops exchanged fire on the border on Tuesday.")[0]
    assert {"kg.border", "tj.border"} <= {a["actor_id"] for a in main["actors"]}


def test_quantities_and_subtype() -> None:
    main = code("Tajik border guards seized 120 kg of heroin on the Afghan border yesterday.")[0]
    assert main["subtype"] == "seizure"
    assert main["quantities"][0]["amount"] == 120.0


def test_negated_event_is_flagged() -> None:
    main = code("Kyrgyz officials denied any border clash with Tajik border guards on Tuesday.")[0]
    assert main["modes"]["negated"] is True


def test_hypothetical_event_is_flagged() -> None:
    main = code("Uzbekistan threatened to close the border with Kyrgyzstan.")[0]
    assert main["category"] == "border"
    assert main["modes"]["hypothetical"] is True


def test_several_events_in_one_document() -> None:
    text = ("Taliban militants attacked a police post in Kunduz, killing 5 policemen. "
            "Separately, an earthquake of magnitude 5.6 struck Tajikistan on Tuesday.")
    cats = [e["category"] for e in code(text)]
    assert "militancy" in cats and "environment" in cats


@pytest.mark.parametrize("text", [
    "The football club won the cup final on Sunday in Madrid.",
    "Сборная Сербии выиграла у Казахстана на старте Кубка Хопмана.",
    "Police in Ohio arrested three men after a shooting in a shopping mall.",
])
def test_nothing_security_relevant_in_scope(text: str) -> None:
    assert code(text) == []


def test_uncoded_language_is_skipped_with_reason() -> None:
    [row] = list(code_rows([{"id": "k", "text": "Қазақстан Республикасының шекара қызметі бүгін мәлімдеме жасады."}],
                           RuleCoder()))
    assert row["events"] == [] and row["language"] == "kk" and "not coded" in row["skipped"]


def test_ids_are_deterministic() -> None:
    text = "Taliban attack on Afghan forces kills 8 in Kunduz."
    assert code(text)[0]["mentions"] == code(text)[0]["mentions"]


class FakeGeoparser:
    """Test double for steppewatch.geo: one known toponym."""

    def parse(self, text: str, language: str | None = None, country_hint: str | None = None) -> list[Place]:
        i = text.find("Vorukh")
        if i < 0:
            return []
        return [Place(name="Vorukh", country="TJ", lat=39.85, lon=70.57, precision_ucdp=1, precision_acled=1,
                      geonameid=1, text="Vorukh", start=i, end=i + 6, confidence=90)]

    def event_place(self, places: list[Place], text: str, span: tuple[int, int] | None = None) -> Place | None:
        inside = [p for p in places if span is None or span[0] <= (p.start or 0) < span[1]]
        return inside[0] if inside else None


def test_geoparser_place_is_used() -> None:
    main = code("Tajik and Kyrgyz border guards clashed near Vorukh on Tuesday.", geoparser=FakeGeoparser())[0]
    assert main["place"]["name"] == "Vorukh" and main["country"] == "TJ"


class CountingGeoparser(FakeGeoparser):
    def __init__(self) -> None:
        self.calls = 0

    def parse(self, text: str, language: str | None = None, country_hint: str | None = None) -> list[Place]:
        self.calls += 1
        return super().parse(text, language, country_hint)


def test_documents_without_a_candidate_sentence_are_not_geoparsed() -> None:
    geo = CountingGeoparser()
    code("The football club won the cup final on Sunday near Vorukh.", geoparser=geo)
    assert geo.calls == 0
    code("Tajik and Kyrgyz border guards clashed near Vorukh on Tuesday.", geoparser=geo)
    assert geo.calls == 1


def test_passing_remark_deep_in_a_long_text_is_not_an_event() -> None:
    filler = "The blogger filmed a policewoman drinking beer in Bishkek and posted the video. " * 6
    assert code(filler + "I also thought to dismiss it at first.") == []
    # The same sentence in the lead is the document's event.
    assert code("Kyrgyzstan's president dismissed the prime minister. " + filler)[0]["category"] == "governance"


class BorderGeoparser:
    """Finds the Almaty region (KZ) and China (CN); offers China as the event place."""

    def parse(self, text: str, language: str | None = None, country_hint: str | None = None) -> list[Place]:
        out = []
        for name, country, word in (("Almaty Region", "KZ", "Алма-Атинской области"), ("China", "CN", "Китаем")):
            i = text.find(word)
            out.append(Place(name=name, country=country, precision_ucdp=4, precision_acled=2, geonameid=len(out) + 1,
                             text=word, start=i, end=i + len(word), confidence=90))
        return out

    def event_place(self, places: list[Place], text: str, span: tuple[int, int] | None = None) -> Place | None:
        return places[-1]


class KashgarGeoparser:
    """Finds Kashgar (Xinjiang) and offers it as the event place."""

    def parse(self, text: str, language: str | None = None, country_hint: str | None = None) -> list[Place]:
        i = text.find("Кашгар")
        return [Place(name="Kashgar", country="CN", admin1_iso="CN-XJ", geonameid=1280849, lat=39.47, lon=75.99,
                      precision_ucdp=1, precision_acled=1, feature_code="PPL", text="Кашгарского",
                      start=i, end=i + len("Кашгарского"), confidence=90)] if i >= 0 else []

    def event_place(self, places: list[Place], text: str, span: tuple[int, int] | None = None) -> Place | None:
        return places[0] if places else None


def test_a_place_in_xinjiang_is_in_scope_without_the_word() -> None:
    text = "Полиция Кашгарского округа сообщила о ликвидации террористической группы."
    main = code(text, geoparser=KashgarGeoparser())[0]
    assert (main["category"], main["country"]) == ("militancy", "CN")
    assert code("Полиция Шанхая сообщила о ликвидации террористической группы.", geoparser=KashgarGeoparser()) == []


def test_neighbour_across_the_border_does_not_place_the_event() -> None:
    text = "Пограничник, несший службу на пограничной заставе в Алма-Атинской области на границе с Китаем, погиб."
    main = code(text, geoparser=BorderGeoparser())[0]
    assert (main["category"], main["country"]) == ("border", "KZ")


@pytest.mark.parametrize("text", [
    "Узбекистан возобновил экспорт электроэнергии в Афганистан.",
    "Uzbekistan resumed electricity exports to Afghanistan.",
])
def test_where_goods_go_does_not_place_the_event(text: str) -> None:
    main = code(text)[0]
    assert (main["category"], main["country"]) == ("energy", "UZ")


def test_where_goods_are_made_places_the_event() -> None:
    # "в Афганистане" (locative) is where, not where to
    main = code("Узбекистан и экспорт электроэнергии в Афганистане: сети обесточены после аварии.")[0]
    assert main["country"] == "AF"


@pytest.mark.parametrize(("text", "country"), [
    ("В России полиция задержала более 100 выходцев из Таджикистана и Киргизии после массовой драки.", "RU"),
    ("Kazakh border guards detained five nationals of Uzbekistan trying to cross the border illegally.", "KZ"),
    # where a threat comes from
    ("Министры обороны Казахстана и Ирана обсудили угрозы с территории Афганистана и провели совместные учения.",
     "KZ"),
])
def test_where_people_come_from_does_not_place_the_event(text: str, country: str) -> None:
    assert code(text)[0]["country"] == country


def test_a_language_named_after_in_is_no_country() -> None:
    # "in Uzbek," is the leaflets' language; the Taliban, an Afghan actor, place the event
    text = "Written in Uzbek, the leaflets call on young men to join the Taliban in a suicide bombing campaign."
    assert code(text)[0]["country"] == "AF"
    assert code("A suicide bombing by the Taliban hit a market in Uzbek villages.")[0]["country"] == "UZ"


def test_event_abroad_with_a_person_from_the_region_is_in_scope() -> None:
    text = ("Three people were arrested in Boston over the bombings.\n"
            "Two of the suspects are citizens of Kazakhstan, the police said.")
    assert code(text)[0]["category"] == "militancy"
    assert code("Three people were arrested in Boston over the bombings.") == []


def test_document_date_dates_events_without_a_publication_date() -> None:
    text = ("Лидер оппозиции убит в Стамбуле, сообщили 5 марта 2015 года турецкие СМИ.\n"
            "Таджикский оппозиционер Умарали Кувватов был убит выстрелом в голову.")
    main = code(text, published=None)[0]
    assert main["date"]["value"] == "2015-03-05"
    assert main["fatalities"]["best"] == 1


TOLLS = [
    # (text, expected [(category, killed, injured)]) — the toll sentence completes the incident before it
    ("Kyrgyz and Tajik border guards exchanged fire near the border on Monday. "
     "Two border guards were killed and five were injured, the Kyrgyz border service said.",
     [("border", 2, 5)]),
    ("Пограничники Киргизии и Таджикистана вступили в перестрелку на границе в понедельник. "
     "Погибли два пограничника, пятеро ранены.",
     [("border", 2, 5)]),
    # a separate incident keeps its own event
    ("Kyrgyz and Tajik border guards exchanged fire near the border on Monday. "
     "In a separate attack, militants killed three policemen.",
     [("border", 0, 0), ("militancy", 3, 0)]),
]


@pytest.mark.parametrize(("text", "expected"), TOLLS, ids=["en-follow-up", "ru-follow-up", "separate"])
def test_a_toll_sentence_completes_the_incident_before_it(text: str, expected: list[tuple[str, int, int]]) -> None:
    got = sorted((e["category"], e["fatalities"]["best"], e["injured"]["best"]) for e in code(text))
    assert got == sorted(expected)


def test_a_headline_restating_the_lead_is_one_event() -> None:
    text = ("Border guards clash on the Kyrgyz-Tajik border\nKyrgyz and Tajik border guards exchanged fire on the "
            "border on Monday. Two border guards were killed, the Kyrgyz border service said.")
    events = code(text)
    assert [(e["category"], e["fatalities"]["best"], e["date"]["value"]) for e in events] == \
        [("border", 2, "2022-01-03")]


def test_two_incidents_on_different_stated_days_stay_apart() -> None:
    text = ("Kyrgyz and Tajik border guards exchanged fire on the border on Monday. "
            "On Wednesday, Kyrgyz and Tajik border guards clashed again on the border.")
    assert sorted(e["date"]["value"] for e in code(text)) == ["2022-01-03", "2022-01-05"]


def test_the_region_as_a_whole_is_a_party() -> None:
    """A meeting abroad is in scope when the region is named as a party, as a country of it would be."""
    text = "The EU and Central Asian foreign ministers met in Luxembourg for their annual dialogue."
    assert code(text)[0]["category"] == "diplomacy"
    assert code("The EU and Latin American foreign ministers met in Luxembourg for their annual dialogue.") == []
    ru = "Министры иностранных дел пяти центральноазиатских стран и глава дипломатии ЕС встретились в Люксембурге."
    assert code(ru)[0]["category"] == "diplomacy"


def test_one_role_word_for_two_governments_is_a_meeting() -> None:
    """"Премьер-министры Казахстана и Кыргызстана обсудили ...": two governments behind one role word."""
    text = "Премьер-министры Казахстана и Кыргызстана обсудили в Бишкеке вопросы торговли."
    main = code(text)[0]
    assert main["category"] == "diplomacy" and {"kz.gov", "kg.gov"} <= {a["actor_id"] for a in main["actors"]}
    assert code("Премьер-министр Казахстана обсудил в Астане вопросы торговли.") == []


def _taliban(event: dict) -> dict:
    return next(a for a in event["actors"] if a.get("actor_id") == "af.taliban")


def test_the_taliban_are_the_state_in_reports_from_august_2021() -> None:
    text = "China accepts credentials of Taliban envoy in Beijing."
    (after,) = code(text, published=datetime(2024, 3, 1, tzinfo=UTC))
    assert after["category"] == "diplomacy" and _taliban(after)["sector"] == "GOV"
    assert "militancy" not in {c["key"] for c in after["categories"]}
    before = code(text, published=datetime(2019, 3, 1, tzinfo=UTC))
    assert before and _taliban(before[0])["sector"] == "REB"
    assert "militancy" in {c["key"] for c in before[0]["categories"]}
    # an attack stays an attack whoever governs
    (attack,) = code("Taliban fighters attacked a checkpoint in Panjshir, killing 4 resistance fighters.",
                     published=datetime(2022, 6, 1, tzinfo=UTC))
    assert attack["category"] == "militancy"


def test_a_border_cue_between_two_states_is_a_border_incident() -> None:
    (event,) = code("Tajik and Kyrgyz troops trade mortar fire around the Vorukh exclave.")
    assert event["category"] == "border"
    # the same words with one state only are too weak for an event
    assert code("Kyrgyz troops trade mortar fire on a training range.") == []


@pytest.mark.parametrize("text", [
    "Украинские беспилотники атаковали нефтезавод в Саратове, который ранее поставлял бензин в Казахстан.",
    "Взрыв у аэропорта Карачи убил двух инженеров, а МИД КНР, реализующей проекты и в Центральной Азии, "
    "потребовал усилить охрану.",
    "Полиция Франции изъяла 300 кг кокаина, а эксперты сравнили канал с маршрутом, по которому афганский "
    "героин шел через Центральную Азию.",
    "Militants attacked a police post in Dagestan, whose gunmen were locals, not migrants from Central Asia, "
    "officials said.",
])
def test_the_region_named_in_a_side_remark_is_no_party(text: str) -> None:
    assert code(text) == []


@pytest.mark.parametrize(("text", "category"), [
    # the region in the main clause, a side remark after it
    ("Полиция Франции задержала 14 граждан Таджикистана, ввозивших героин.", "narcotics"),
    # after ", а" the sentence goes on at its own level
    ("Суд обязал КТК приостановить работу морского терминала, через который идет нефть, "
     "а в «КазМунайГазе» заявили, что ищут альтернативные маршруты поставок.", "energy"),
])
def test_the_region_outside_side_remarks_still_counts(text: str, category: str) -> None:
    assert code(text)[0]["category"] == category


@pytest.mark.parametrize("text", [
    "Kyrgyz border post comes under fire, two guards wounded.",
    "Tajik border troops detained three men who crossed the river.",
])
def test_a_countrys_border_force_is_on_its_own_side(text: str) -> None:
    main = code(text)[0]
    assert (main["category"], main["country"]) == ("border", {"K": "KG", "T": "TJ"}[text[0]])


@pytest.mark.parametrize(("text", "country"), [
    ("Three Tajik men were arrested in Germany on suspicion of planning an attack.", "DE"),
    ("Во Франции задержаны двое уроженцев Таджикистана, подозреваемых в подготовке теракта.", "FR"),
    ("Kazakh peacekeepers took over their sector in southern Lebanon this week.", "LB"),
])
def test_a_country_abroad_named_as_the_place_places_the_event(text: str, country: str) -> None:
    assert code(text)[0]["country"] == country


def test_a_lead_in_xinjiang_keeps_the_report_in_scope() -> None:
    text = ("Власти Синьцзян-Уйгурского автономного района сообщили о нападении на полицейский участок. "
            "Нападавшие были вооружены самодельными взрывными устройствами, погибли четыре человека.")
    main = code(text)[0]
    assert (main["category"], main["country"], main["fatalities"]["best"]) == ("militancy", "CN", 4)
    # the same report from elsewhere in China is a neighbour's domestic event
    assert code(text.replace("Синьцзян-Уйгурского автономного района", "провинции Юньнань")) == []


def test_xinjiang_named_links_an_event_abroad() -> None:
    assert code("Several hundred Uyghurs from Xinjiang rallied in Istanbul on Sunday.")[0]["category"] == "unrest"
    assert code("Several hundred Kurds rallied in Istanbul on Sunday.") == []


def test_a_compound_border_names_both_sides() -> None:
    # "на кыргызско-таджикской границе" is the border of both states: neither is the far side
    main = code("На кыргызско-таджикской границе возобновилась перестрелка, пострадали двое пограничников.")[0]
    assert (main["category"], main["country"]) == ("border", "KG")


@pytest.mark.parametrize(("text", "country"), [
    ("Washington is planning a Maidan in Uzbekistan to tear Tashkent away from Moscow.", "UZ"),
    ("Январские беспорядки в Казахстане организовали британские спецслужбы.", "KZ"),
])
def test_a_disinformation_claim_is_the_event_whatever_it_says(text: str, country: str) -> None:
    # a claim about a plan is made now (not hypothetical); a claim about unrest is the claim's event
    main = code(text)[0]
    assert (main["category"], main["subtype"], main["country"]) == ("information", "disinformation", country)
    assert "hypothetical" not in main["modes"] or not main["modes"]["hypothetical"]


@pytest.mark.parametrize(("text", "country"), [
    ("Russia's 201st base stages drills at the Lyaur range with 2,000 troops.", "TJ"),
    ("Russian jets landed at the Kant air base on Monday.", "KG"),
])
def test_a_foreign_force_based_in_the_region_acts_where_it_is_based(text: str, country: str) -> None:
    main = code(text)[0]
    assert (main["category"], main["country"]) == ("military", country)


def test_where_goods_go_is_not_the_scene_behind_a_compass_word() -> None:
    main = code("Uzbekistan resumed gas exports to western China after repairs.")[0]
    assert (main["category"], main["country"]) == ("energy", "UZ")



def test_a_denied_fake_is_still_a_claim_that_was_spread() -> None:
    main = code("Служба центральных коммуникаций опровергла распространяемый в мессенджерах фейк о мобилизации.")[0]
    assert (main["category"], main["subtype"], main["country"]) == ("information", "disinformation", "KZ")
    assert main["modes"]["negated"] is False


@pytest.mark.parametrize(("text", "country"), [
    # states from outside the region speaking about Xinjiang are parties: the event is China's
    ("Послы 22 государств, в том числе Великобритании, Франции и Японии, направили верховному комиссару ООН "
     "по правам человека письмо с критикой обращения с уйгурами.", "CN"),
    # ... but a government of the region acting on a Xinjiang topic acts at home
    ("Власти Казахстана ограничили доступ к YouTube-каналу группы, публикующей свидетельства о лагерях в "
     "Синьцзяне.", "KZ"),
])
def test_statements_about_xinjiang(text: str, country: str) -> None:
    assert code(text)[0]["country"] == country
