"""Category of the main event on varied made-up news sentences, with the geoparser on.

``cases_coverage.tsv`` was written in rounds: each round was written before the coder was run
on it, measured, then kept as a regression set once the coder had been fixed on it (the rounds
and their figures are in docs/coding.md). Wording a later round adds is new on purpose: the
question is whether the rules carry over to phrasing they were not written for. Rows from round
J on also give the country where the event happened (ISO 3166-1 alpha-2), which is checked too.
"""

from __future__ import annotations

import pytest

from steppewatch.coding.output import default_coder

from .conftest import asserted_main_event, case_id, read_cases

ROWS = read_cases("cases_coverage.tsv")


@pytest.fixture(scope="module")
def coder():  # type: ignore[no-untyped-def]
    return default_coder(geoparse=True)


@pytest.mark.parametrize("row", ROWS, ids=[case_id(r) for r in ROWS])
def test_main_event_category(coder, row: dict[str, str]) -> None:  # type: ignore[no-untyped-def]
    got = asserted_main_event(coder, row)
    assert (got["category"] if got else "none") == row["category"], row["text"]
    if got and row.get("country"):
        assert got["country"] == row["country"], row["text"]


def test_later_rounds_give_the_country() -> None:
    with_country = [r for r in ROWS if r.get("country")]
    assert len(with_country) >= 50
    assert all(len(r["country"]) == 2 and r["country"].isupper() for r in with_country)


def test_the_set_covers_every_category_in_both_languages() -> None:
    from steppewatch.vocab import CATEGORIES

    for category in [c for c in CATEGORIES if c != "other"] + ["none"]:
        assert {r["lang"] for r in ROWS if r["category"] == category} == {"en", "ru"}, category
