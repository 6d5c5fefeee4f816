from __future__ import annotations

from pathlib import Path

import pytest

from steppewatch.coding.actors import ActorRegistry, load_ucdp_actors, seed_from_ucdp
from steppewatch.coding.text import tokens
from steppewatch.errors import InputError
from steppewatch.vocab import ACTOR_SECTORS

REG = ActorRegistry.default()


def ids(text: str) -> set[str]:
    return {h.actor.id for h in REG.find(tokens(text), text)}


@pytest.mark.parametrize(("text", "expected"), [
    ("ГКНБ Кыргызстана задержал членов ИДУ", {"kg.security", "xx.imu"}),
    ("Taliban fighters attacked Afghan police", {"af.taliban", "af.police"}),
    ("казахстанские пограничники", {"kz.border"}),
    ("ОДКБ и ШОС провели саммит", {"io.csto", "io.sco"}),
    ("Russia's 201st military base in Tajikistan", {"ru.201_base"}),
    ("Islamic State claimed the attack", {"xx.is"}),
    ("Haqqani network blamed for truck bomb", {"af.haqqani"}),
    ("Loya jirga adopts new constitution", {"af.loya_jirga"}),
    ("Pakistani Taleban claim attack on Frontier Corps fort", {"pk.ttp"}),
    ("Эмомали Рахмонов встретился с послом", {"tj.rahmon"}),
    ("«Узтрансгаз» прекратил поставки газа", {"uz.uztransgaz"}),
    ("Oil loadings at the CPC terminal near Novorossiysk were halted", {"kz.cpc"}),
    ("«Газпром» стал владельцем «Кыргызгаза»", {"kg.kyrgyzgaz"}),
])
def test_registry_finds_actors(text: str, expected: set[str]) -> None:
    assert expected <= ids(text)


def test_is_the_word_is_not_islamic_state() -> None:
    assert "xx.is" not in ids("This is what it is")


def test_registry_entries_are_valid() -> None:
    for actor in REG.actors.values():
        assert actor.sector in ACTOR_SECTORS, actor.id
        assert actor.wikidata is None or actor.wikidata.startswith("Q")


def test_registry_ids_are_unique() -> None:
    import tomllib
    from collections import Counter
    from importlib.resources import files

    data = tomllib.loads((files("steppewatch.coding") / "data" / "actors.toml").read_text(encoding="utf-8"))
    counts = Counter(row["id"] for row in data["actor"])
    assert [k for k, n in counts.items() if n > 1] == []


CSV = ('\ufeffActorId,NameData,NameOrig,NameOrigFull,NameOrigFullEng,Location\n'
       '1,Taleban,Taleban,n/a,Taleban,Afghanistan\n'
       '2,Forces of Mullo Abdullo,Forces of Mullo Abdullo,n/a,n/a,Tajikistan\n')


def test_ucdp_seed(tmp_path: Path) -> None:
    path = tmp_path / "ucdp.csv"
    path.write_text(CSV, encoding="utf-8")
    assert [a.id for a in load_ucdp_actors(path)] == ["ucdp.1", "ucdp.2"]
    seeded = seed_from_ucdp(REG, path)
    assert seeded.actors["af.taliban"].ucdp_id == 1
    assert seeded.actors["ucdp.2"].country == "TJ"
    text = "Forces of Mullo Abdullo attacked"
    assert "ucdp.2" in {h.actor.id for h in seeded.find(tokens(text), text)}


def test_ucdp_missing_file_is_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError):
        load_ucdp_actors(tmp_path / "nope.csv")


def test_ucdp_real_file(shared_data: Path) -> None:
    actors = load_ucdp_actors(shared_data / "ucdp" / "ucdp_actor_v22_1_central_asia_afghanistan.csv")
    assert len(actors) == 98


@pytest.mark.parametrize(("text", "expected"), [
    ("Китай раскритиковал США после визита замгенсека ООН в Синьцзян", {"cn.gov", "us.gov", "io.un"}),
    ("Правящая партия Казахстана выдвинула кандидата", set()),  # a qualifier, not an agent
    ("Suicide attack in Kabul kills scores", set()),  # a place
    ("Afghan forces repelled the attack", {"af.forces"}),  # an adjective qualifies a role word
])
def test_countries_named_as_agents_are_their_governments(text: str, expected: set[str]) -> None:
    reg = ActorRegistry.default()
    assert {a.actor.id for a in reg.find(tokens(text), text)} == expected


COORDINATED = [
    ("Kyrgyz and Tajik border guards exchanged fire on Monday.", {"kg.border", "tj.border"}),
    ("Border guards of Kyrgyzstan and Tajikistan exchanged fire on Monday.", {"kg.border", "tj.border"}),
    ("Пограничники Киргизии и Таджикистана вступили в перестрелку.", {"kg.border", "tj.border"}),
    ("Tajik border guards exchanged fire with smugglers.", {"tj.border"}),
]


@pytest.mark.parametrize(("text", "expected"), COORDINATED, ids=["en-adjectives", "en-of", "ru", "single"])
def test_coordinated_countries_give_one_force_each(text: str, expected: set[str]) -> None:
    from steppewatch.coding.output import default_coder
    from steppewatch.models import Document

    result = default_coder(None, geoparse=False).code(Document(id="x", source_id="s", text=text))
    assert {a.actor_id for cm in result.mentions for a in cm.mention.actors} == expected


@pytest.mark.parametrize(("text", "places"), [
    ("Three Tajik men were arrested in Germany.", [("TJ", False), ("DE", True)]),
    ("Во Франции задержаны двое уроженцев Таджикистана.", [("FR", True), ("TJ", False)]),
    ("Kazakh peacekeepers arrived in southern Lebanon.", [("KZ", False), ("LB", True)]),
    # where people come from is no place of the event
    ("Около ста строителей из Узбекистана прекратили работу.", [("UZ", False)]),
    ("Migrants from Tajikistan were detained.", [("TJ", False)]),
])
def test_countries_named_as_places(text: str, places: list[tuple[str, bool]]) -> None:
    assert [(c.code, c.as_place) for c in REG.countries(tokens(text))] == places


def test_a_foreign_adjective_keeps_a_role_word_from_the_region() -> None:
    # "German police" is no Tajik police, though "Tajik" is within reach of "police"
    assert ids("German police arrested three Tajik nationals.") == set()


@pytest.mark.parametrize(("text", "codes"), [
    ("Gunfire on the Kyrgyz-Tajik border", ["KG", "TJ"]),
    ("укрепление таджикско-афганского участка границы", ["TJ", "AF"]),
    ("российско-узбекские учения", ["RU", "UZ"]),
    ("Генассамблея ООН в Нью-Йорке", []),  # a hyphenated name, not a compound of countries
    ("the Uzbek-led militant group", ["UZ"]),  # a party of the region, qualified
    ("a Chinese-funded logistics centre", []),  # a funder from outside is left as before
])
def test_compound_adjectives_name_each_country(text: str, codes: list[str]) -> None:
    assert [c.code for c in REG.countries(tokens(text))] == codes


def test_the_registry_keeps_answers_per_token_list_and_still_pickles() -> None:
    import pickle

    first, second = tokens("Arrested in Germany."), tokens("Arrested in France.")
    assert [c.code for c in REG.countries(first)] == ["DE"]
    assert [c.code for c in REG.countries(second)] == ["FR"]  # a new token list is looked up anew
    hits = REG.countries(first)
    hits.clear()  # callers get their own list
    assert [c.code for c in REG.countries(first)] == ["DE"]
    assert [c.code for c in pickle.loads(pickle.dumps(REG)).countries(first)] == ["DE"]


@pytest.mark.parametrize(("text", "hits"), [
    # nouns for a country's people link an event to the region, but place nothing
    ("Moscow police detained 20 Uzbeks.", [("RU", False, False), ("UZ", False, True)]),
    ("сотни казахстанцев, работающих в Оренбурге", [("KZ", False, True)]),
    # a preposition that is not one of where ("talks focused on Afghanistan") names no place
    ("Talks in Moscow focused on Afghanistan.", [("RU", False, False), ("AF", False, False)]),
    ("Переговоры прошли в Казахстане.", [("KZ", True, False)]),
])
def test_people_and_prepositions_of_where(text: str, hits: list[tuple[str, bool, bool]]) -> None:
    assert [(c.code, c.as_place, c.people) for c in REG.countries(tokens(text))] == hits


def test_a_role_word_next_to_a_people_noun_is_not_their_force() -> None:
    assert "uz.police" not in ids("Moscow police detained 20 Uzbeks.")


def test_a_given_name_is_not_the_surname_made_from_it() -> None:
    # "Карима Масимова" is Karim Masimov, not Islam Karimov
    assert "uz.karimov" not in ids("Назарбаев освободил Карима Масимова от должности премьер-министра")
    # "Белый дом" in the region's Russian news is the government building in Bishkek
    assert "us.gov" not in ids("у здания «Белого дома» в Бишкеке продолжаются столкновения")


def test_bare_cpc_is_not_the_pipeline() -> None:
    # "CPC" is also the Communist Party of China
    assert "kz.cpc" not in ids("The CPC Central Committee met in Beijing")
