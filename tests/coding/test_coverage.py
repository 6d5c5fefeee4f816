"""Category of the main event on varied made-up news sentences, with the geoparser on.

``cases_coverage.tsv`` was written in rounds: each round was written before the coder was run
on it, measured, then kept as a regression set once the coder had been fixed on it (the rounds
and their figures are in docs/coding.md). Wording a later round adds is new on purpose: the
question is whether the rules carry over to phrasing they were not written for.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from steppewatch.coding.output import default_coder, document_from_json, event_json, group_mentions

ROWS = list(csv.DictReader((Path(__file__).parent / "cases_coverage.tsv").open(encoding="utf-8"), delimiter="\t"))


@pytest.fixture(scope="module")
def coder():  # type: ignore[no-untyped-def]
    return default_coder(geoparse=True)


@pytest.mark.parametrize("row", ROWS, ids=[f"{r['category']}-{r['lang']}-{r['text'][:28]}" for r in ROWS])
def test_main_event_category(coder, row: dict[str, str]) -> None:  # type: ignore[no-untyped-def]
    result = coder.code(document_from_json({"id": "t", "text": row["text"], "language": row["lang"],
                                            "published_at": "2024-05-06T08:00:00+00:00"}))
    asserted = [g for g in group_mentions(result) if not all(m.mention.negated or m.mention.hypothetical for m in g)]
    got = event_json(asserted[0])["category"] if asserted else "none"
    assert got == row["category"], row["text"]


def test_the_set_covers_every_category_in_both_languages() -> None:
    from steppewatch.vocab import CATEGORIES

    for category in [c for c in CATEGORIES if c != "other"] + ["none"]:
        assert {r["lang"] for r in ROWS if r["category"] == category} == {"en", "ru"}, category
