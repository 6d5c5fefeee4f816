from __future__ import annotations

import csv
from datetime import date
from pathlib import Path

import pytest

from steppewatch.coding.dates import best_date, find_dates

ROWS = list(csv.DictReader((Path(__file__).parent / "cases_dates.tsv").open(encoding="utf-8"), delimiter="\t"))


@pytest.mark.parametrize("row", ROWS, ids=[r["text"][:30] for r in ROWS])
def test_date_resolution(row: dict[str, str]) -> None:
    text = row["text"]
    hit = best_date(find_dates(text, 0, len(text), date.fromisoformat(row["published"])), 0)
    assert hit is not None
    assert hit.ref.value == date.fromisoformat(row["value"])
    assert hit.ref.precision == row["precision"]
    assert hit.ref.basis.startswith(row["basis_prefix"])
    assert text[hit.start:hit.end] == hit.ref.raw


def test_background_dates_are_not_event_dates() -> None:
    text = "Он руководит страной с 1989 года."
    assert best_date(find_dates(text, 0, len(text), date(2015, 1, 1)), 0) is None


def test_relative_date_without_reference_is_unresolved() -> None:
    text = "The attack happened yesterday."
    assert best_date(find_dates(text, 0, len(text), None), 0) is None
