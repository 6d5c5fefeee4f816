"""Indicators and first appearances equal a plain-Python recount of the events table, after a full
run and after incremental runs with moved, re-marked, re-dated and undated events, on both backends."""

from __future__ import annotations

import json
import random
from datetime import date, timedelta

import pytest

from steppewatch.analysis.indicators import update_indicators
from steppewatch.analysis.periods import month_start, week_start
from steppewatch.analysis.synthetic import event_row, write_events
from steppewatch.models import stable_id
from steppewatch.vocab import Tlp

COUNTRIES = ("KG", "TJ", "UZ", None)
ADMIN1 = {"KG": ("KG-B", "KG-C", None), "TJ": ("TJ-SU", "TJ-GB"), "UZ": ("UZ-FA",), None: (None,)}
CATEGORIES = ("border", "unrest", "military")
MARKINGS = (Tlp.CLEAR, Tlp.GREEN, Tlp.AMBER)
ACTORS = ("Border Service", "Tajik army", "Protesters", "Police", "Unknown gunmen")
START = date(2024, 1, 25)  # weeks and months that straddle each other


def _random_event(rng: random.Random, eid: str, marking: Tlp | None = None) -> tuple[tuple, list[tuple]]:
    country = rng.choice(COUNTRIES)
    day = START + timedelta(days=rng.randrange(70))
    row = event_row(eid, country=country or "KG", category=rng.choice(CATEGORIES), day=day,
                    admin1=rng.choice(ADMIN1[country]), fatalities=rng.choice((0, 0, 1, 3)),
                    sources=rng.sample(["s1", "s2", "s3", "s4"], rng.randint(0, 3)),
                    marking=marking or rng.choice(MARKINGS))
    row = list(row)
    row[3] = country  # NULL country counts as 'XX'
    actors = [(eid, name, None, "initiator", "GOV", country) for name in rng.sample(ACTORS, rng.randint(0, 3))]
    return tuple(row), actors


def _write(store, rows: list[tuple], actors: list[tuple]) -> None:
    with store.transaction():
        for row in rows:
            store.execute("DELETE FROM event_actors WHERE event_id = ?", (row[0],))
        write_events(store, rows, actors)


def _expected(store) -> tuple[set, set]:
    """Indicator rows and first appearances recounted from the events table in plain Python."""
    actors: dict[str, set[str]] = {}
    for eid, name in store.query("SELECT event_id, name FROM event_actors"):
        actors.setdefault(eid, set()).add(name)
    events = []
    for eid, country, admin1, category, day, low, best, high, rank, data in store.query(
            "SELECT id, country, admin1, category, event_date, fatalities_low, fatalities_best, fatalities_high, "
            "marking_rank, data FROM events WHERE event_date IS NOT NULL"):
        events.append((eid, country or "XX", admin1 or "", category, date.fromisoformat(day), low, best, high,
                       rank, actors.get(eid, set()), set(json.loads(data)["source_ids"])))
    levels = sorted({e[8] for e in events})
    rows, first = set(), set()
    for level in levels:
        seen = [e for e in events if e[8] <= level]
        for kind, start in (("week", week_start), ("month", month_start)):
            cells: dict[tuple, list] = {}
            for e in seen:
                period = start(e[4]).isoformat()
                for a1 in (e[2], "*"):
                    for cat in (e[3], "*"):
                        cells.setdefault((period, e[1], a1, cat), []).append(e)
            for (period, country, a1, cat), group in cells.items():
                total = len(cells[(period, country, "*", "*")])
                rows.add((kind, period, country, a1, cat, level, len(group), sum(e[5] for e in group),
                          sum(e[6] for e in group), sum(e[7] for e in group),
                          len(set().union(*(e[9] for e in group))), len(set().union(*(e[10] for e in group))),
                          0, round(len(group) / total, 9)))
        best_of: dict[tuple, tuple] = {}
        for e in seen:
            for name in e[9]:
                key = (e[1], name)
                best_of[key] = min(best_of.get(key, (e[4].isoformat(), e[0])), (e[4].isoformat(), e[0]))
        first |= {(c, n, level, d, eid) for (c, n), (d, eid) in best_of.items()}
    return rows, first


def _stored(store) -> tuple[set, set]:
    rows = {(*r[:13], round(r[13], 9)) for r in store.query(
        "SELECT period_kind, period, country, admin1, category, max_rank, events, fatalities_low, fatalities_best, "
        "fatalities_high, actors, sources, near_infra, share FROM indicators")}
    first = {tuple(r) for r in store.query(
        "SELECT country, name, max_rank, first_date, event_id FROM actor_first_seen")}
    return rows, first


@pytest.mark.parametrize("seed", [5, 13, 22])
def test_full_and_incremental_equal_a_plain_recount(store, seed):
    rng = random.Random(seed)
    ids = [stable_id("exact", str(i)) for i in range(120)]
    # anchors keep every marking level present, so the set of ceilings stays the same
    anchors = [_random_event(rng, f"anchor-{m.value}", marking=m) for m in MARKINGS]
    batch = [_random_event(rng, eid) for eid in ids] + anchors
    _write(store, [r for r, _ in batch], [a for _, acts in batch for a in acts])
    assert update_indicators(store).mode == "full"
    assert _stored(store) == _expected(store)

    for round_ in range(4):
        # some recorded first appearances move too (later, elsewhere, or lose their actor)
        firsts = sorted({r[0] for r in store.query("SELECT event_id FROM actor_first_seen")} & set(ids))
        picked = set(rng.sample(ids, 12)) | set(rng.sample(firsts, min(4, len(firsts))))
        changed = [_random_event(rng, eid) for eid in sorted(picked)]
        changed += [_random_event(rng, stable_id("exact-new", str(round_), str(i))) for i in range(5)]
        undated = list(changed[0][0])
        undated[11] = None  # an event loses its date: it leaves every count
        changed[0] = (tuple(undated), changed[0][1])
        _write(store, [r for r, _ in changed], [a for _, acts in changed for a in acts])
        report = update_indicators(store)
        assert report.mode == "incremental", report
        assert _stored(store) == _expected(store), f"round {round_}"

    incremental = _stored(store)
    assert update_indicators(store, full=True).mode == "full"
    assert _stored(store) == incremental
    update_indicators(store, rebuild=True)
    assert _stored(store) == incremental
