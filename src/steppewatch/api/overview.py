"""Data for the overview and country pages: map points, weekly series, boundaries, data notes.

Everything here takes the reader and caps what it reads at the reader's clearance.
"""

from __future__ import annotations

import json
import threading
import time
import tomllib
from datetime import date, timedelta
from functools import lru_cache
from typing import Any

from ..auth.users import User
from ..store import EventFilter, Store
from ..vocab import CATEGORY_KEYS, COUNTRY_NAMES

MAP_LIMIT = 5000
SIMPLIFY_DEG = 0.01  # boundary simplification tolerance (about 1 km): keeps the page light


def map_points(store: Store, flt: EventFilter, limit: int = MAP_LIMIT) -> dict[str, Any]:
    """Newest ``limit`` matching events as compact rows for the map; approximate ones flagged."""
    where, params = store.event_where(flt)  # the store's own filter SQL, so the map matches the list
    where.append("lat IS NOT NULL")
    rows = store.query(
        "SELECT id, lat, lon, category, precision_ucdp, event_date, place_name, country, admin1, marking "
        "FROM events WHERE " + " AND ".join(where)
        + " ORDER BY COALESCE(event_date, '') DESC, id DESC LIMIT ?", [*params, limit + 1])
    truncated = len(rows) > limit
    points = [
        {"id": r[0], "lat": r[1], "lon": r[2], "category": r[3], "precision": r[4] or 6, "date": r[5],
         "place": r[6], "country": r[7], "admin1": r[8], "marking": r[9],
         "approximate": (r[4] or 6) > 2}
        for r in rows[:limit]
    ]
    return {"points": points, "truncated": truncated, "limit": limit}


def anchor_date(store: Store, user: User) -> date:
    """The end of the default window: today, or the newest visible event if that is older."""
    row = store.query("SELECT MAX(event_date) FROM events WHERE marking_rank <= ?", (user.max_marking.rank,))
    newest = row[0][0] if row and row[0][0] else None
    today = date.today()
    return min(today, date.fromisoformat(newest[:10])) if newest else today


def weekly_series(store: Store, user: User, *, weeks: int = 26, country: str | None = None,
                  end: date | None = None) -> dict[str, Any]:
    """Events per category per ISO week (Monday start) for the ``weeks`` weeks up to ``end``."""
    end = end or anchor_date(store, user)
    first = end - timedelta(days=end.weekday()) - timedelta(weeks=weeks - 1)
    sql = ("SELECT event_date, category, COUNT(*) FROM events WHERE event_date >= ? AND event_date <= ? "
           "AND marking_rank <= ?")
    params: list[Any] = [first.isoformat(), end.isoformat() + "~", user.max_marking.rank]
    if country:
        sql += " AND country = ?"
        params.append(country)
    starts = [first + timedelta(weeks=i) for i in range(weeks)]
    series = {c: [0] * weeks for c in CATEGORY_KEYS}
    for day, category, n in store.query(sql + " GROUP BY event_date, category", params):
        i = (date.fromisoformat(str(day)[:10]) - first).days // 7
        if 0 <= i < weeks and category in series:
            series[category][i] += int(n)
    return {"weeks": [s.isoformat() for s in starts],
            "series": {c: v for c, v in series.items() if any(v)}}


# --- boundaries and country points ----------------------------------------------------------

_cache: dict[str, tuple[float, Any]] = {}
_cache_lock = threading.Lock()


def _cached(key: str, ttl: float, compute: Any) -> Any:
    now = time.monotonic()
    with _cache_lock:
        hit = _cache.get(key)
        if hit and now - hit[0] < ttl:
            return hit[1]
    value = compute()
    with _cache_lock:
        _cache[key] = (now, value)
    return value


def boundaries(store: Store) -> dict[str, Any]:
    """Loaded admin-1 polygons (``geo_boundaries``) as simplified GeoJSON, the country outlines
    (``geo_countries``, under ``outlines``; loaded from package data on first use) and the sources
    of both."""
    return _cached(f"boundaries:{id(store)}", 300.0, lambda: _boundaries(store))  # type: ignore[no-any-return]


def _boundaries(store: Store) -> dict[str, Any]:
    try:
        rows = store.query("SELECT iso, country, name, geojson, source FROM geo_boundaries ORDER BY iso")
    except Exception:  # the gazetteer tables are not there (older database): draw without polygons
        rows = []
    features = []
    if rows:
        from shapely.geometry import mapping, shape

        for iso, cc, name, gj, source in rows:
            geom = json.loads(gj)
            geom = geom.get("geometry", geom) if geom.get("type") == "Feature" else geom
            simple = shape(geom).simplify(SIMPLIFY_DEG, preserve_topology=True)
            features.append({"type": "Feature", "id": iso, "geometry": _rounded(mapping(simple)),
                             "properties": {"iso": iso, "country": cc, "name": name, "source": source}})
    from ..geo.countries import country_outlines

    outlines = country_outlines(store)
    sources = {f["properties"]["source"] for f in features if f["properties"]["source"]} | set(outlines["sources"])
    return {"type": "FeatureCollection", "features": features, "sources": sorted(sources), "outlines": outlines}


def _rounded(geom: Any) -> Any:
    def walk(c: Any) -> Any:
        if isinstance(c, (list, tuple)):
            if c and isinstance(c[0], (int, float)):
                return [round(float(c[0]), 3), round(float(c[1]), 3)]
            return [walk(x) for x in c]
        return c

    return {"type": geom["type"], "coordinates": walk(geom["coordinates"])}


@lru_cache(maxsize=1)
def country_points() -> dict[str, dict[str, Any]]:
    """Label points of the watched countries (GeoNames country points from geo/data/countries.toml)."""
    try:
        from ..geo.sources import DATA_DIR

        data = tomllib.loads((DATA_DIR / "countries.toml").read_text(encoding="utf-8"))
    except (ImportError, OSError, tomllib.TOMLDecodeError):
        data = {}
    return {cc: {"name": COUNTRY_NAMES.get(cc, cc), "lat": v.get("lat"), "lon": v.get("lon")}
            for cc, v in data.items() if isinstance(v, dict) and cc in COUNTRY_NAMES and "lat" in v}


def admin1_levels(store: Store, user: User, *, days: int = 28, end: date | None = None) -> dict[str, str]:
    """Change level per admin-1 unit: events in the last ``days`` against the ``days`` before.

    Our rule for map shading: ``high`` when the recent count is at least 3 and at least double
    the previous one, ``up`` above 1.25 times, ``down`` below 0.75 times, else ``flat``.
    """
    end = end or anchor_date(store, user)
    mid = end - timedelta(days=days - 1)
    start = mid - timedelta(days=days)
    rows = store.query(
        "SELECT admin1, SUM(CASE WHEN event_date >= ? THEN 1 ELSE 0 END), "
        "SUM(CASE WHEN event_date < ? THEN 1 ELSE 0 END) FROM events WHERE event_date >= ? AND event_date <= ? "
        "AND marking_rank <= ? AND admin1 IS NOT NULL GROUP BY admin1",
        (mid.isoformat(), mid.isoformat(), start.isoformat(), end.isoformat(), user.max_marking.rank))
    levels = {}
    for admin1, recent, previous in rows:
        r, p = int(recent or 0), int(previous or 0)
        if r >= 3 and r >= 2 * max(p, 1):
            levels[admin1] = "high"
        elif r > p * 1.25:
            levels[admin1] = "up"
        elif r < p * 0.75:
            levels[admin1] = "down"
        else:
            levels[admin1] = "flat"
    return levels
