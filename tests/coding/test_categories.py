"""Category and sub-type per taxonomy category (``docs/taxonomy.md``) on our own short sentences.

Each category has positives in English and Russian written from its definition and sub-types,
and near-miss negatives (a category's word without its event: "border guards attended a course",
"the National Democratic Rally", "Учение о праве"). They guard the cue lists against fitting the
gold files. No geoparser: the sentences name their country.
"""

from __future__ import annotations

import pytest

from steppewatch.coding.output import default_coder

from .conftest import asserted_main_event, case_id, read_cases

ROWS = read_cases("cases_categories.tsv")


@pytest.fixture(scope="module")
def coder():  # type: ignore[no-untyped-def]
    return default_coder(geoparse=False)


@pytest.mark.parametrize("row", ROWS, ids=[case_id(r) for r in ROWS])
def test_category(coder, row: dict[str, str]) -> None:  # type: ignore[no-untyped-def]
    got = asserted_main_event(coder, row)
    if row["category"] == "none":
        assert got is None, f"{got and got['category']} from {row['text']!r}"
        return
    assert got is not None, f"no event in {row['text']!r}"
    assert got["category"] == row["category"]
    if row["subtype"]:
        assert got["subtype"] == row["subtype"]


def test_every_category_has_positives_in_both_languages_and_a_negative() -> None:
    from steppewatch.vocab import CATEGORIES

    for category in CATEGORIES:
        if category == "other":
            continue
        langs = {r["lang"] for r in ROWS if r["category"] == category}
        assert langs == {"en", "ru"}, category
    assert sum(r["category"] == "none" for r in ROWS) >= 10


def test_a_group_phrase_stands_for_every_pairing_of_its_words() -> None:
    from steppewatch.coding.categories import expand_groups

    groups = {"press": ["journalist*", "news agency"], "legal": ["detain*", "jailed"]}
    assert expand_groups("{press} {legal}", groups) == [
        "journalist* detain*", "journalist* jailed", "news agency detain*", "news agency jailed"]
    assert expand_groups("on a {press} visit", groups) == ["on a journalist* visit", "on a news agency visit"]
    assert expand_groups("no groups here", groups) == ["no groups here"]


def test_an_unknown_group_is_named_in_the_error() -> None:
    from steppewatch.coding.categories import expand_groups

    with pytest.raises(ValueError, match="unknown group 'prss'"):
        expand_groups("{prss} {legal}", {"legal": ["detain*"]}, "information.en")


def test_every_pairing_of_a_group_phrase_counts_as_one_cue() -> None:
    """Two journalists and two verbs in one sentence are one cue's weight, not four."""
    from steppewatch.coding.categories import score_sentence
    from steppewatch.coding.text import tokens

    text = "Police in Kazakhstan detained a journalist and arrested a blogger."
    toks = tokens(text)
    score = score_sentence(toks, 0, len(toks), "en")
    group_cues = [c for c, _, _ in score.cues["information"] if c.phrase == "{legal} {press}"]
    assert len(group_cues) == 1


def test_an_agreement_on_a_topic_is_the_topics_event_unless_reached_at_talks(coder) -> None:  # type: ignore[no-untyped-def]
    plain = asserted_main_event(coder, {"category": "water", "lang": "ru", "text":
                                        "Узбекистан и Таджикистан подписали соглашение о совместном "
                                        "управлении Фархадским водохранилищем."})
    assert plain is not None and plain["category"] == "water"
    at_talks = asserted_main_event(coder, {"category": "diplomacy", "lang": "ru", "text":
                                           "Туркменистан и Иран договорились о поставках газа на "
                                           "переговорах в Ашхабаде."})
    assert at_talks is not None and at_talks["category"] == "diplomacy"
    militant_word = asserted_main_event(coder, {"category": "diplomacy", "lang": "en", "text":
                                                "Uzbekistan and Afghanistan's Taliban authorities "
                                                "agreed to expand trade at Termez."})
    assert militant_word is not None and militant_word["category"] == "diplomacy"
