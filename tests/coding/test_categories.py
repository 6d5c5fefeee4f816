"""Category and sub-type per taxonomy category (``docs/taxonomy.md``) on our own short sentences.

Each category has positives in English and Russian written from its definition and sub-types,
and near-miss negatives (a category's word without its event: "border guards attended a course",
"the National Democratic Rally", "Учение о праве"). They guard the cue lists against fitting the
gold files. No geoparser: the sentences name their country.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from steppewatch.coding.output import default_coder, document_from_json, event_json, group_mentions

ROWS = list(csv.DictReader((Path(__file__).parent / "cases_categories.tsv").open(encoding="utf-8"), delimiter="\t"))


@pytest.fixture(scope="module")
def coder():  # type: ignore[no-untyped-def]
    return default_coder(geoparse=False)


@pytest.mark.parametrize("row", ROWS, ids=[f"{r['category']}-{r['lang']}-{r['text'][:28]}" for r in ROWS])
def test_category(coder, row: dict[str, str]) -> None:  # type: ignore[no-untyped-def]
    result = coder.code(document_from_json({"id": "t", "text": row["text"], "language": row["lang"],
                                            "published_at": "2024-05-06T08:00:00+00:00"}))
    groups = group_mentions(result)
    asserted = [g for g in groups if not all(m.mention.negated or m.mention.hypothetical for m in g)]
    got = event_json(asserted[0]) if asserted else None
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
