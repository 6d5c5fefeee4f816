from __future__ import annotations

from datetime import date

from steppewatch.analysis.indicators import read_indicators, update_indicators
from steppewatch.analysis.periods import label, week_start
from steppewatch.analysis.synthetic import add, event_row, write_events
from steppewatch.vocab import Tlp

WED = date(2024, 3, 6)  # ISO week 2024-W10 (Monday 2024-03-04)
MONDAY = "2024-03-04"


def _row(rows: list[dict], **match: str) -> dict:
    found = [r for r in rows if all(r[k] == v for k, v in match.items())]
    assert len(found) == 1, (match, found)
    return found[0]


def test_counts_fatalities_actors_sources_and_share(store):
    add(store, 3, country="KG", admin1="KG-B", category="border", day=WED, fatalities=2,
        actors=("Border Service", "Tajik army"), sources=("src-a", "src-b"), tag="a")
    add(store, 1, country="KG", admin1="KG-C", category="unrest", day=WED, actors=("Protesters",), tag="b")
    add(store, 2, country="TJ", admin1="TJ-SU", category="border", day=WED, tag="c")
    report = update_indicators(store, full=True)
    assert report.mode == "full"

    weeks = read_indicators(store, kind="week", country="KG", admin1=None, category=None)
    cell = _row(weeks, period=MONDAY, admin1="KG-B", category="border")
    assert (cell["events"], cell["fatalities_best"], cell["actors"], cell["sources"]) == (3, 6, 2, 2)
    assert abs(cell["share"] - 0.75) < 1e-9
    total = _row(weeks, period=MONDAY, admin1="*", category="*")
    assert (total["events"], total["actors"], total["sources"], total["share"]) == (4, 3, 2, 1.0)
    by_cat = _row(weeks, period=MONDAY, admin1="*", category="border")
    assert by_cat["events"] == 3
    month = read_indicators(store, kind="month", country="TJ")
    assert [(m["period"], m["events"]) for m in month] == [("2024-03-01", 2)]


def test_iso_week_keys():
    assert week_start(date(2024, 3, 10)).isoformat() == MONDAY  # a Sunday belongs to the week before
    assert label("week", "2024-12-30") == "2025-W01"
    assert label("month", "2024-03-01") == "2024-03"


def test_week_sql_matches_python(store):
    days = [date(2023, 1, 1), date(2024, 2, 29), date(2024, 12, 30), date(2025, 6, 15)]
    for i, d in enumerate(days):
        add(store, 1, country="KZ", admin1="KZ-ALA", day=d, tag=f"d{i}")
    update_indicators(store, full=True)
    got = {r["period"] for r in read_indicators(store, kind="week", country="KZ")}
    assert got == {week_start(d).isoformat() for d in days}


def test_incremental_matches_full(store):
    add(store, 4, country="KG", day=WED, tag="x")
    add(store, 2, country="UZ", admin1="UZ-FA", day=date(2024, 3, 20), tag="y")
    assert update_indicators(store).mode == "full"  # first run has no watermark
    assert update_indicators(store).mode == "unchanged"

    # new events, and an old event that moves country and week (its old cell must shrink)
    add(store, 3, country="KG", day=date(2024, 3, 13), tag="z")
    moved = event_row(_first_id(store, "UZ"), country="KZ", category="border", day=date(2024, 4, 3),
                      admin1="KZ-ALA")
    write_events(store, [moved])
    report = update_indicators(store)
    assert report.mode == "incremental" and report.changed_events >= 4
    incremental = read_indicators(store, kind="week", admin1=None, category=None)
    update_indicators(store, full=True)
    assert read_indicators(store, kind="week", admin1=None, category=None) == incremental
    uz = read_indicators(store, kind="week", country="UZ")
    assert [r["events"] for r in uz] == [1]


def _first_id(store, country: str) -> str:
    return store.query("SELECT MIN(id) FROM events WHERE country = ?", (country,))[0][0]


def test_counts_respect_markings(store):
    add(store, 2, country="KG", day=WED, tag="clear")
    add(store, 5, country="KG", day=WED, tag="red", marking=Tlp.RED)
    update_indicators(store, full=True)
    clear = read_indicators(store, kind="week", country="KG", max_marking=Tlp.CLEAR)
    red = read_indicators(store, kind="week", country="KG", max_marking=Tlp.RED)
    amber = read_indicators(store, kind="week", country="KG", max_marking=Tlp.AMBER)
    assert [r["events"] for r in clear] == [2]
    assert [r["events"] for r in amber] == [2]
    assert [r["events"] for r in red] == [7]
    # a new marking level arriving later forces a full recompute that still separates them
    add(store, 1, country="KG", day=WED, tag="amber", marking=Tlp.AMBER)
    update_indicators(store)
    amber = read_indicators(store, kind="week", country="KG", max_marking=Tlp.AMBER)
    assert [r["events"] for r in amber] == [3]


def test_events_without_date_are_left_out(store):
    row = list(event_row("nodate", country="KG", category="border", day=WED))
    row[11] = None  # event_date
    write_events(store, [tuple(row)])
    update_indicators(store, full=True)
    assert read_indicators(store, kind="week") == []


def test_rewrite_within_the_watermarks_second_is_counted(store):
    stamp = "2099-01-01T00:00:00+00:00"  # a second that has not passed yet: writers may still use it
    write_events(store, [event_row("same-second", country="KG", category="border", day=WED, admin1="KG-B",
                                   updated_at=stamp)])
    update_indicators(store)
    write_events(store, [event_row("same-second", country="TJ", category="border", day=WED, admin1="TJ-SU",
                                   updated_at=stamp)])  # same stamp, same count at that stamp
    assert update_indicators(store).mode == "incremental"
    assert [r["country"] for r in read_indicators(store, kind="week")] == ["TJ"]
    assert update_indicators(store).mode == "unchanged"
