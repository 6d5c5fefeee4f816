"""The fast event list and the count path answer as the store's own queries do."""

from __future__ import annotations

import math

import pytest

from steppewatch.api.fastlist import box_literals, count_total, event_rows
from steppewatch.store import EventFilter
from steppewatch.vocab import Tlp

BOXES = [(70, 39, 71, 40), (60, 30, 80, 45), (-180, -90, 180, 90), (72.8, 40.53, 72.8, 40.53), (0, 0, 1, 1),
         (69.0, 37.5, 70.85, 40.0)]


@pytest.mark.parametrize("ceiling", [Tlp.RED, Tlp.GREEN])
def test_box_lists_match_query_events_also_after_the_statement_is_prepared(store, seeded, ceiling):
    for _ in range(7):  # psycopg prepares a statement after five runs; plans must not change results
        for box in BOXES:
            flt = EventFilter(bbox=tuple(float(v) for v in box), max_marking=ceiling)  # type: ignore[arg-type]
            got = [r[7] for r in event_rows(store, flt, limit=50)]
            assert got == [e.id for e in store.query_events(flt, limit=50)], box


def test_box_literals_write_finite_numbers_only():
    assert box_literals((68, 38.5, 72, 41)) == "lon >= 68.0 AND lat >= 38.5 AND lon <= 72.0 AND lat <= 41.0"
    with pytest.raises(ValueError):
        box_literals((0, 0, math.inf, 1))
    with pytest.raises(ValueError):
        box_literals((0, math.nan, 1, 1))


def test_count_is_exact_up_to_the_cap(store, seeded):
    for flt in (EventFilter(), EventFilter(country="KG"), EventFilter(max_marking=Tlp.GREEN),
                EventFilter(marking="red", max_marking=Tlp.GREEN), EventFilter(bbox=(70, 39, 71, 40))):
        assert count_total(store, flt) == (store.count_events(flt), False)


def test_count_above_the_cap_is_an_estimate_on_postgres_and_exact_on_sqlite(store, seeded):
    flt = EventFilter()
    exact = store.count_events(flt)
    assert exact > 2
    total, estimate = count_total(store, flt, cap=2)
    if store.dialect == "sqlite":
        assert (total, estimate) == (exact, False)
    else:
        assert estimate is True and total >= 3
