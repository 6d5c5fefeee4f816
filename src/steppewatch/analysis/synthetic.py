"""Synthetic events written straight into the store, for benchmarks and tests.

Rows go in with one ``executemany`` per table (no pipeline), so a million events load in
seconds. The shape is loosely realistic: ten countries, a few admin-1 units each, every
category, two actors and one to three sources per event, a weekly seasonality.
"""

from __future__ import annotations

import json
import random
from collections.abc import Iterator, Sequence
from datetime import date, timedelta
from typing import Any

from ..models import stable_id, utcnow
from ..store import Store
from ..vocab import CATEGORY_KEYS, REGION, Tlp

_INSERT_EVENT = (
    "INSERT INTO events (id, category, subtype, country, admin1, admin1_name, place_name, lat, lon, "
    "precision_ucdp, precision_acled, event_date, date_precision, fatalities_low, fatalities_best, "
    "fatalities_high, injured, arrested, n_sources, confidence, marking, marking_rank, origin, first_seen, "
    "last_seen, updated_at, data) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
    "?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET category = excluded.category, country = excluded.country, "
    "admin1 = excluded.admin1, event_date = excluded.event_date, updated_at = excluded.updated_at, "
    "data = excluded.data, marking = excluded.marking, marking_rank = excluded.marking_rank"
)
_INSERT_ACTOR = ("INSERT INTO event_actors (event_id, name, actor_id, role, sector, country) "
                 "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING")


def event_row(
    event_id: str, *, country: str, category: str, day: date, admin1: str | None = None,
    fatalities: int = 0, sources: Sequence[str] = ("src-1",), marking: Tlp = Tlp.CLEAR,
    lat: float | None = None, lon: float | None = None, updated_at: str | None = None,
    place: str | None = None,
) -> tuple[Any, ...]:
    """One ``events`` row with a minimal but valid JSON body."""
    data = {
        "id": event_id, "category": category, "country": country,
        "date": {"raw": None, "value": day.isoformat(), "precision": "day", "basis": "dataset"},
        "fatalities": {"low": fatalities, "best": fatalities, "high": fatalities, "raw": None},
        "source_ids": list(sources), "marking": marking.value, "origin": "coded", "confidence": 50,
    }
    if lat is not None:
        data["place"] = {"name": place or admin1 or country, "country": country, "admin1_iso": admin1,
                         "lat": lat, "lon": lon, "precision_ucdp": 1, "precision_acled": 1}
    return (event_id, category, None, country, admin1, None, place, lat, lon, 1 if lat is not None else 6,
            1 if lat is not None else 3, day.isoformat(), "day", fatalities, fatalities, fatalities, 0, 0,
            max(1, len(sources)), 50, marking.value, marking.rank, "coded", None, None,
            updated_at or utcnow().isoformat(), json.dumps(data, separators=(",", ":")))


def write_events(store: Store, rows: Sequence[tuple[Any, ...]],
                 actors: Sequence[tuple[Any, ...]] = ()) -> None:
    """Insert event rows and ``(event_id, name, actor_id, role, sector, country)`` actor rows."""
    with store.transaction():
        store.executemany(_INSERT_EVENT, rows)
        store.executemany(_INSERT_ACTOR, actors)


def generate(n: int, *, seed: int = 1, start: date = date(2016, 1, 4), weeks: int = 520,
             countries: Sequence[str] = REGION) -> Iterator[tuple[tuple[Any, ...], list[tuple[Any, ...]]]]:
    """``n`` synthetic (event row, actor rows) pairs."""
    rng = random.Random(seed)
    cats = [c for c in CATEGORY_KEYS if c != "other"]
    now = utcnow().isoformat()
    for i in range(n):
        country = rng.choice(countries)
        day = start + timedelta(days=rng.randrange(weeks * 7))
        eid = stable_id("synthetic", str(seed), str(i))
        admin1 = f"{country}-{rng.randrange(1, 9):02d}"
        srcs = [f"src-{rng.randrange(60)}" for _ in range(rng.randint(1, 3))]
        row = event_row(eid, country=country, category=rng.choice(cats), day=day, admin1=admin1,
                        fatalities=rng.choice((0, 0, 0, 1, 2, 5)), sources=srcs, updated_at=now,
                        lat=40 + rng.random() * 10, lon=55 + rng.random() * 25)
        names = {f"{country} actor {rng.randrange(150)}" for _ in range(2)}
        yield row, [(eid, name, None, "initiator", "GOV", country) for name in names]


def load(store: Store, n: int, *, seed: int = 1, batch: int = 50_000, **kwargs: Any) -> None:
    rows: list[tuple[Any, ...]] = []
    actors: list[tuple[Any, ...]] = []
    for row, acts in generate(n, seed=seed, **kwargs):
        rows.append(row)
        actors.extend(acts)
        if len(rows) >= batch:
            write_events(store, rows, actors)
            rows, actors = [], []
    write_events(store, rows, actors)


def add(store: Store, n: int, *, country: str, day: date, category: str = "border", admin1: str = "KG-B",
        actors: tuple[str, ...] = ("Border Service",), sources: tuple[str, ...] = ("src-a",),
        fatalities: int = 0, marking: Tlp = Tlp.CLEAR, tag: str = "",
        lat: float | None = None, lon: float | None = None) -> list[str]:
    """Write ``n`` events on ``day``; returns their ids."""
    rows: list[tuple[Any, ...]] = []
    acts: list[tuple[Any, ...]] = []
    ids = []
    for i in range(n):
        eid = stable_id("test", tag, country, admin1, category, day.isoformat(), str(i))
        ids.append(eid)
        rows.append(event_row(eid, country=country, category=category, day=day, admin1=admin1,
                              fatalities=fatalities, sources=sources, marking=marking, lat=lat, lon=lon))
        acts += [(eid, a, None, "initiator", "MIL", country) for a in actors]
    write_events(store, rows, acts)
    return ids


def quiet_history(store: Store, *, country: str = "KG", admin1: str = "KG-B", start: date, weeks: int,
                  per_week: int = 2, category: str = "border") -> None:
    """``per_week`` events every week (on Wednesdays) for ``weeks`` weeks from ``start``'s week."""
    monday = start - timedelta(days=start.weekday())
    for w in range(weeks):
        add(store, per_week, country=country, admin1=admin1, category=category,
            day=monday + timedelta(weeks=w, days=2), tag=f"q{w}")
