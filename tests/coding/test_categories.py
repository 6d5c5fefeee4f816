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
