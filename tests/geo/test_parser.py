"""Behaviour of the geoparser on the forms analysts meet, read from a table."""

from __future__ import annotations

import pytest

from steppewatch.geo import Geoparser, place_to_json

# text, surface, expected (name contains, country, admin1 or None, feature code or None)
CASES = [
    ("Clashes near Vorukh left two dead.", "Vorukh", ("Vorukh", "TJ", "TJ-SU", None)),
    ("Столкновения в Баткенской области.", "Баткенской области", ("Batken", "KG", "KG-B", "ADM1")),
    ("Военные прибыли из Оша.", "Оша", ("Osh", "KG", None, None)),
    ("Обстрел под Баткеном.", "Баткеном", ("Batken", "KG", "KG-B", "PPLA")),
    ("Митинг в Бишкеке.", "Бишкеке", ("Bishkek", "KG", "KG-GB", "PPLC")),
    ("Protest in Jalal-Abad today.", "Jalal-Abad", (None, "KG", "KG-J", None)),
    ("Протест в Жалал-Абаде.", "Жалал-Абаде", (None, "KG", "KG-J", None)),
    ("A plane crashed near Alma-Ata.", "Alma-Ata", ("Almaty", "KZ", "KZ-75", None)),
    ("Talks in Nur-Sultan ended.", "Nur-Sultan", ("Astana", "KZ", "KZ-71", None)),
    ("He studied in Frunze.", "Frunze", ("Bishkek", "KG", None, None)),
    ("Born in Leninabad in 1950.", "Leninabad", ("Khujand", "TJ", "TJ-SU", None)),
    ("Workers in Guryev went on strike.", "Guryev", ("Atyrau", "KZ", None, None)),
    ("Police in Chimkent detained him.", "Chimkent", ("Shymkent", "KZ", None, None)),
    ("A ferry left Krasnovodsk.", "Krasnovodsk", (None, "TM", None, None)),
    ("Fighting near Ura-Tyube.", "Ura-Tyube", ("Istaravshan", "TJ", None, None)),
    ("Troops moved to GBAO.", "GBAO", ("Gorno-Badakhshan", "TJ", "TJ-GB", "ADM1")),
    ("Water shortages in the Ferghana Valley.", "Ferghana Valley", ("Ferghana", None, None, "VAL")),
    ("Shooting on the Kyrgyz-Tajik border.", "Kyrgyz-Tajik border", ("border", "KG", None, "BDR")),
    ("Work at the Rogun Dam resumed.", "Rogun Dam", ("Rogun", "TJ", None, "DAM")),
    ("The Amu Darya is low.", "Amu Darya", ("Amu Darya", None, None, "STM")),
    ("Toktogul Reservoir levels.", "Toktogul Reservoir", ("Toktogul", "KG", None, "RSV")),
    ("Протест в Абайской области.", "Абайской области", ("Abai", "KZ", "KZ-10", "ADM1")),
    # Russian adjectives made from city names
    ("Взрыв в стамбульском районе Фатих.", "стамбульском", ("Istanbul", "TR", None, None)),
    ("Ошская полиция задержала двоих.", "Ошская", ("Osh", "KG", None, None)),
    ("Совещание в алматинском акимате.", "алматинском", ("Almaty", "KZ", None, None)),
    ("Пожар в Московской области.", "Московской области", ("Moskov", "RU", "RU-MOS", "ADM1")),
    # before "район" a small town's adjective names its rayon: Rasht (TJ), not Rasht in Iran
    ("Сель сошел на поселок в Раштском районе.", "Раштском", ("Rasht", "TJ", None, None)),
]


@pytest.mark.parametrize(("text", "surface", "expected"), CASES, ids=[c[1] for c in CASES])
def test_place_is_found_and_resolved(geoparser: Geoparser, text: str, surface: str, expected: tuple) -> None:
    name, country, admin1, code = expected
    places = geoparser.parse(text)
    hits = [p for p in places if p.text == surface]
    assert hits, f"{surface!r} not found in {[p.text for p in places]}"
    p = hits[0]
    assert p.geonameid is not None, p.reason
    assert text[p.start:p.end] == surface
    if name:
        assert name in p.name
    if country:
        assert p.country == country
    if admin1:
        assert p.admin1_iso == admin1
    if code:
        assert p.feature_code == code


def test_near_lowers_precision(geoparser: Geoparser) -> None:
    near = geoparser.parse("Clashes near Isfara.")[0]
    at = geoparser.parse("Clashes in Isfara.")[0]
    assert (at.precision_acled, at.precision_ucdp) == (1, 1)
    assert (near.precision_acled, near.precision_ucdp) == (2, 2)


def test_country_and_direction_get_region_precision(geoparser: Geoparser) -> None:
    country = geoparser.parse("Protests in Kazakhstan.")[0]
    assert country.feature_code == "PCLI" and country.precision_ucdp == 6 and not country.is_exact
    south = geoparser.parse("Protests in southern Kazakhstan.")[0]
    assert south.name == "southern Kazakhstan" and south.precision_ucdp == 5 and not south.is_exact
    assert south.lat is not None and south.lat < country.lat  # a representative point (see test_regions)


def test_unknown_village_is_reported_unresolved(geoparser: Geoparser) -> None:
    places = geoparser.parse("Guards fired near the village of Zzyzxabad on Monday.")
    unknown = [p for p in places if p.text == "Zzyzxabad"]
    assert unknown and unknown[0].geonameid is None and unknown[0].reason == "not in gazetteer"
    assert place_to_json(unknown[0])["reason"] == "not in gazetteer"


def test_ordinary_words_are_not_places(geoparser: Geoparser) -> None:
    assert geoparser.parse("Nov 2001: Blast kills 4, Air strike toll rises in Spring") == []


def test_country_context_decides_between_namesakes(geoparser: Geoparser) -> None:
    kg = geoparser.parse("Kyrgyzstan: unrest in Kara-Suu")[1]
    assert kg.country == "KG"


def test_json_shape(geoparser: Geoparser) -> None:
    p = geoparser.parse("Clashes in Batken.")[0]
    out = place_to_json(p)
    assert set(out) >= {"text", "start", "end", "geonameid", "name", "country", "admin1", "admin2",
                        "lat", "lon", "precision", "confidence"}
    assert out["admin1"] == {"iso": "KG-B", "name": "Batken"}
    assert out["precision"] == {"acled": 1, "ucdp": 1}


def test_common_names_in_output(geoparser: Geoparser) -> None:
    """GeoNames' primary name for Jalal-Abad is now "Manas"; output keeps the common name."""
    (p,) = geoparser.parse("Protest in Jalal-Abad today.")
    assert p.name == "Jalal-Abad" and p.admin1_iso == "KG-J"


def test_common_words_are_not_city_adjectives(geoparser: Geoparser) -> None:
    assert geoparser.parse("Детском, городском и морском транспорте.") == []


def test_a_small_towns_adjective_is_a_place_only_before_rayon(geoparser: Geoparser) -> None:
    # Rasht (TJ, 10,000 people) is neither large nor an admin centre: its adjective alone is
    # read as the Iranian city, before "район" as the Tajik rayon
    assert [p.country for p in geoparser.parse("Раштский чай подорожал.", "ru")] == ["IR"]
    assert [p.country for p in geoparser.parse("В Раштском районе сошел сель.", "ru")] == ["TJ"]


@pytest.mark.parametrize(("text", "surface", "country"), [
    ("Иран заявил протест.", "Иран", "IR"), ("Переговоры прошли в Иране.", "Иране", "IR"),
    ("Войска вернулись из Ирака.", "Ирака", "IQ"), ("В Ираке прошли выборы.", "Ираке", "IQ"),
])
def test_a_name_in_its_own_form_beats_a_suffix_rule_stem(geoparser: Geoparser, text: str, surface: str,
                                                          country: str) -> None:
    # the stem "Ира" is an abbreviation of Afghanistan's official name
    (place,) = [p for p in geoparser.parse(text, "ru") if p.text == surface]
    assert place.country == country


@pytest.mark.parametrize(("text", "surface", "admin1", "code"), [
    ("Ақмола облысындағы су қоймасы толды .", "Ақмола облысындағы", "KZ-11", "ADM1"),
    ("Алматы облысында мектеп ашылды .", "Алматы облысында", "KZ-19", "ADM1"),
    ("Өскемендегі көпір жабылды .", "Өскемендегі", "KZ-63", None),
])
def test_kazakh_locative_forms(geoparser: Geoparser, text: str, surface: str, admin1: str, code: str | None) -> None:
    """The locative with -ғы/-гі and the case endings after the possessive -ы reach the name:
    "Ақмола облысындағы" is the Akmola region, not the town once called Akmola (Astana)."""
    hits = [p for p in geoparser.parse(text, "kk") if p.text == surface]
    assert hits and hits[0].admin1_iso == admin1, [(p.text, p.admin1_iso) for p in geoparser.parse(text, "kk")]
    assert code is None or hits[0].feature_code == code


def test_kazakh_word_for_town_keeps_a_name_that_reads_as_a_russian_word(geoparser: Geoparser) -> None:
    """"Орал" opening a sentence is also a Russian verb; "қаласы" (town) after it says it is Oral."""
    places = geoparser.parse("Орал қаласының тұрғыны ауруханаға түсті .", "kk")
    assert [(p.text, p.country, p.admin1_iso) for p in places] == [("Орал", "KZ", "KZ-27")]
    assert geoparser.parse("Орал деп айтты .", "kk") == []


def test_two_far_readings_in_one_country_keep_the_country(geoparser: Geoparser) -> None:
    # two towns called Vahdat in Tajikistan, too close to call: no point, but the country stands
    (place,) = geoparser.parse("В Вахдате прошёл митинг.", "ru")
    assert place.country == "TJ" and place.geonameid is None and place.lat is None
    assert place.confidence == 0 and (place.reason or "").startswith("ambiguous: Vahdat (TJ) or Vahdat (TJ)")
    # both lie in the Districts of Republican Subordination: the shared province stands too
    assert (place.admin1_iso, place.precision_ucdp) == ("TJ-RA", 4)


def test_a_persian_compound_name_is_one_name(geoparser: Geoparser) -> None:
    # "Patan" alone is a town in Pakistan; "Dand-e-Patan" is a district of Paktia
    text = "Forces exchanged fire in Paktia's Dand-e-Patan district."
    place = next(p for p in geoparser.parse(text, "en") if p.text == "Dand-e-Patan")
    assert (place.country, place.admin1_iso) == ("AF", "AF-PIA")
    assert [p.text for p in geoparser.parse("Кокчетав-Алма-Ата", "ru")] == ["Кокчетав", "Алма-Ата"]
    # the ezafe may end the hyphenated word: "Pul" (a town in Iran) is not read out of "Pul-e Charkhi"
    assert all(p.country != "IR" for p in geoparser.parse("A riot broke out in Pul-e Charkhi prison.", "en"))


def test_a_compound_with_an_unknown_part_keeps_only_readings_in_the_region(geoparser: Geoparser) -> None:
    # "Кой" alone is Kochi in Japan and "Сары" Sari in Iran: in "Кой-Таш" and "Сары-Могол" (Kyrgyz
    # villages the gazetteer lacks) neither is read; "Maidon" in "Harb-Maidon" is a Tajik village
    assert all(p.country is None for p in geoparser.parse("Спецназ штурмовал резиденцию в селе Кой-Таш.", "ru"))
    assert [p.country for p in geoparser.parse("На посту у Сары нашли опий.", "ru")] == ["IR"]
    assert geoparser.parse("На посту у Сары-Могола нашли опий.", "ru") == []
    assert [p.country for p in geoparser.parse("Drills at the Harb-Maidon range.", "en")] == ["TJ"]
    # every part may name some place: "Камал" and "Хан" alone are far villages; a capital stays
    assert [p for p in geoparser.parse("Президент открыл плотину Камал-Хан.", "ru") if p.geonameid] == []
    assert [p.name for p in geoparser.parse("Рейс Москва-Душанбе задержан.", "ru")] == ["Moscow", "Dushanbe"]
    # a joining prefix is no unknown part: "Sino-Afghan" still names Afghanistan
    assert [p.country for p in geoparser.parse("Sino-Afghan talks opened.", "en")] == ["AF"]


@pytest.mark.parametrize(("text", "language", "places"), [
    ("Officials in Urumqi paraded Uyghur residents at a press conference.", "en", ["Ürümqi"]),
    ("Police blamed Uighur militants based in Syria.", "en", ["Syria"]),
    ("Floods hit Uigur district of Almaty region.", "en", ["Uigur", "Almaty Region"]),
    ("Паводок в Уйгурском районе Алматинской области.", "ru", ["Uigur", "Almaty Region"]),
])
def test_a_people_is_not_the_district_named_after_it(geoparser: Geoparser, text: str, language: str,
                                                      places: list[str]) -> None:
    assert [p.name for p in geoparser.parse(text, language)] == places


@pytest.mark.parametrize(("text", "countries"), [
    # the White House is an institution, not Casablanca (whose name means "white house")
    ("Ghani meets Obama at White House", []),
    # a country before "-led" or "-backed" is who acted, not where; "Afghan-made" is where from
    ("US-led troops kill 18 suspected Taleban in Shah-i-Kot sweep", []),
    ("Tons of Afghan-made heroin were seized.", ["AF"]),
])
def test_an_institution_or_an_agent_is_no_place(geoparser: Geoparser, text: str, countries: list[str]) -> None:
    assert [p.country for p in geoparser.parse(text, "en") if p.geonameid] == countries


def test_an_acronym_with_a_case_ending_is_no_place(geoparser: Geoparser) -> None:
    # "МИДу" (the foreign ministry, dative) is not the Chinese town Midu
    assert geoparser.parse("Мирзиёев поручил МИДу добиваться гарантий от Кабула.", "ru")[0].text == "Кабула"
    assert [p.country for p in geoparser.parse("Делегация прибыла в ОАЭ.", "ru")] == ["AE"]


@pytest.mark.parametrize(("text", "countries"), [
    ("Written in Uzbek, the leaflets call on young men to join the group.", []),
    ("The service broadcasts in Dari and Pashto from Prague.", ["CZ"]),
    ("The paper is published in Tajik and Russian in Dushanbe.", ["TJ"]),
    ("Troops were deployed in Uzbek villages near the border.", ["UZ"]),
])
def test_a_language_after_in_is_no_place(geoparser: Geoparser, text: str, countries: list[str]) -> None:
    assert [p.country for p in geoparser.parse(text, "en")] == countries


def test_a_million_city_is_not_made_doubtful_by_a_hamlet_of_its_name(geoparser: Geoparser) -> None:
    # "Afghan" favours the village Mashhad in Badakhshan, but Iran's second city leads the ranking
    places = geoparser.parse("Afghan workers stage strike in Mashhad over unpaid wages.", "en")
    assert [(p.text, p.country) for p in places] == [("Afghan", "AF"), ("Mashhad", "IR")]


@pytest.mark.parametrize("text", ["Fighting reached Sar-e-Pul overnight.", "Fighting reached Sar-e Pul overnight.",
                                  "Fighting reached Sar e Pul overnight."])
def test_a_hyphenated_name_is_found_however_it_is_hyphenated(geoparser: Geoparser, text: str) -> None:
    place = geoparser.parse(text, "en")[0]
    assert (place.name, place.country) == ("Sar-e Pul", "AF")


@pytest.mark.parametrize(("text", "surface", "country"), [
    ("Water ministers met in Geneva on Monday.", "Geneva", "CH"),
    ("Министры встретились в Женеве.", "Женеве", "CH"),
    ("A drone struck a camp in the province of Idlib.", "Idlib", "SY"),
    ("Прокуратура Женевы заморозила счета.", "Женевы", "CH"),
    ("Geneva prosecutors froze the accounts.", "Geneva", "CH"),
    # "near" and "под" put the event by the town
    ("A Russian airstrike near Idlib killed a commander of an Uzbek group.", "Idlib", "SY"),
    ("Fighters raided army positions in western Idlib.", "Idlib", "SY"),
    # a capital named in Russian is the capital, not a kishlak named after it, whatever the countries named
    ("Вице-премьеры Киргизии и Таджикистана встретились в Москве.", "Москве", "RU"),
    # an old name of a capital (Amman's "Philadelphia") gives way to the city that bears it now
    ("The FBI arrested a Tajik national in Philadelphia.", "Philadelphia", "US"),
    # "district" after a name: the Afghan district, not a Chinese town named like it
    ("Gunmen abducted two journalists in Gelan district.", "Gelan", "AF"),
])
def test_the_reading_the_text_backs_resolves(geoparser: Geoparser, text: str, surface: str, country: str) -> None:
    place = next(p for p in geoparser.parse(text) if p.text == surface)
    assert place.country == country


def test_a_town_abroad_named_without_in_still_needs_support(geoparser: Geoparser) -> None:
    place = next(p for p in geoparser.parse("Geneva talks stalled.") if p.text == "Geneva")
    assert place.geonameid is None and place.reason == "outside the region, no support in the text"


@pytest.mark.parametrize("text", ["Taliban commander killed in Kurram Agency clash",
                                  "Drone strike in North Waziristan"])
def test_pakistans_former_tribal_agencies_are_in_pakistan(geoparser: Geoparser, text: str) -> None:
    place = geoparser.parse(text, "en")[-1]
    assert (place.country, place.feature_code, place.is_exact) == ("PK", "ADM2", False)


def test_a_given_name_before_a_surname_of_the_region_is_no_place(geoparser: Geoparser) -> None:
    text = "Raimbek Matraimov, the former Kyrgyz deputy customs chief, was detained in Baku."
    assert [p.text for p in geoparser.parse(text, "en")] == ["Kyrgyz", "Baku"]


@pytest.mark.parametrize(("text", "expected"), [
    # a compass word joined to a name is no town ("Южно" is not Yuzhnyy)
    ("Части Южно-Синьцзянского военного округа провели учения.", []),
    # beside a surname, a town only by its own form: "Хамида" is Hamid's genitive, not Hami
    ("Операция вызвала протест Хамида Карзая.", []),
    # a town's own name beats another town's alternate one in the same country
    ("Суд Новороссийска приостановил работу терминала.", [("Новороссийска", "Novorossiysk")]),
    # a word that can be a first name, right before a surname, is neither a town nor a district
    ("Заместитель генсека ООН Владимир Воронков посетил Урумчи.", [("Урумчи", "Ürümqi")]),
    # a group's name is no place ("Turkestan" in Kazakhstan)
    ("Боевики Исламской партии Туркестана воевали в провинции Идлиб.", [("Идлиб", "Idlib")]),
    # "Усть-" opens a name; a pipeline's quoted name is no place; a surname is no misspelt village
    ("Героин нашли в порту Усть-Луга.", [("Луга", "Luga")]),
    ("Стороны возобновили строительство газопровода «Линия D».", []),
    ("Экс-премьеры Жанторо Сатыбалдиев и Сапар Исаков осуждены.", []),
])
def test_names_that_only_look_like_towns(geoparser: Geoparser, text: str, expected: list[tuple[str, str]]) -> None:
    assert [(p.text, p.name) for p in geoparser.parse(text, "ru") if p.geonameid is not None] == expected


def test_a_village_before_its_province_adjective_is_no_first_name(geoparser: Geoparser) -> None:
    # "Баткенской" ends like a surname in "-ой" but is the province's adjective: Айдаркен stays the village
    text = "Вчера в районе села Айдаркен Баткенской области пограничники задержали группу нарушителей."
    place = next(p for p in geoparser.parse(text, "ru") if p.text == "Айдаркен")
    assert (place.name, place.feature_code) == ("Aydarken", "PPL")


def test_a_quoted_group_name_after_its_positions_is_no_place(geoparser: Geoparser) -> None:
    text = "Российские ВКС нанесли удар по позициям «Исламской партии Туркестана» в провинции Идлиб."
    assert [p.text for p in geoparser.parse(text, "ru") if p.geonameid is not None] == ["Российские", "Идлиб"]


@pytest.mark.parametrize(("text", "language", "name", "country"), [
    ("Пограничники на посту у Сары-Таша обнаружили опий.", "ru", "Sary-Tash", "KG"),
    ("First Marines of the surge land at Camp Leatherneck", "en", "Camp Bastion", "AF"),
    ("Fresh clashes in Tora Bora leave 20 fighters dead", "en", "Tora Bora", "AF"),
    ("Kidnapped Naghlu power station engineers freed", "en", "Naghlu Dam", "AF"),
    ("Лидеры собрались в туристической зоне «Аваза».", "ru", "Avaza", "TM"),
])
def test_places_the_package_gazetteers_lack_come_from_the_features_seed(
        geoparser: Geoparser, text: str, language: str, name: str, country: str) -> None:
    (place,) = [p for p in geoparser.parse(text, language) if p.geonameid]
    assert (place.name, place.country, place.lat is not None) == (name, country, True)
