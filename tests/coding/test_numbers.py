from __future__ import annotations

import csv
from pathlib import Path

import pytest

from steppewatch.coding import numbers

ROWS = list(csv.DictReader((Path(__file__).parent / "cases_numbers.tsv").open(encoding="utf-8"), delimiter="\t"))


@pytest.mark.parametrize("row", ROWS, ids=[r["text"][:30] for r in ROWS])
def test_counts(row: dict[str, str]) -> None:
    text = row["text"]
    hit = numbers.largest(getattr(numbers, row["kind"])(text, 0, len(text)))
    assert hit is not None
    assert (hit.range.low, hit.range.best, hit.range.high) == (int(row["low"]), int(row["best"]), int(row["high"]))


def test_years_are_not_counts() -> None:
    text = "In 2012 killed"
    assert numbers.fatalities(text, 0, len(text)) == []


@pytest.mark.parametrize(("text", "amount", "unit", "substance"), [
    ("Border guards seized 120 kg of heroin", 120.0, "kg", "heroin"),
    ("изъято 1,5 тонны гашиша", 1.5, "t", "hashish"),
    ("задержан с 3 кг героина", 3.0, "kg", "heroin"),
])
def test_quantities(text: str, amount: float, unit: str, substance: str) -> None:
    [(q, s, e)] = numbers.quantities(text, 0, len(text))
    assert (q.amount, q.unit, q.substance) == (amount, unit, substance)
    assert text[s:e] == q.raw


def test_singular_victim_is_not_lethal_evidence() -> None:
    text = "Police commander killed in Taliban attack"
    assert numbers.fatalities(text, 0, len(text), singular=False) == []


@pytest.mark.parametrize(("text", "best"), [
    ("Police shot dead three men who attacked a checkpoint.", 3),
    ("Gunmen gunned down two police officers.", 2),
    ("Взрыв у мечети унёс жизни 12 человек.", 12),
    ("Пограничники застрелили троих нарушителей.", 3),
])
def test_killing_verbs_before_the_number(text: str, best: int) -> None:
    hit = numbers.largest(numbers.fatalities(text, 0, len(text), singular=False))
    assert hit is not None and hit.range.best == best
