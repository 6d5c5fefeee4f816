"""Country profiles, alerts and indicators for the API and pages.

The analysis package computes indicators (``analysis.indicators.read_indicators``) and, when
present, profiles and alerts; this module reads them within the reader's clearance and falls
back to a profile computed here from the events when the analysis package has none.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from ..auth.users import User
from ..store import EventFilter, Store
from ..vocab import COUNTRY_NAMES
from .overview import anchor_date
from .serialize import event_json

#: Outside powers whose engagement the country page tracks (our choice for the region).
OUTSIDE_POWERS: tuple[str, ...] = ("RU", "CN", "US", "TR", "IR", "IN", "GB", "DE", "FR", "JP", "KR")
WINDOW_DAYS = 90


def country_profile(store: Store, user: User, country: str) -> dict[str, Any]:
    """Facts about one country within the reader's clearance.

    The event-derived part (counts, actors, places, outside powers, recent events) is computed
    here; the analysis package's profile (facts sheet with sources, change levels, surges,
    engagement, data-scarcity note) is attached under ``analysis`` when it is available.
    """
    profile = basic_profile(store, user, country)
    profile["analysis"] = _analysis_profile(store, user, country)
    return profile


def _analysis_profile(store: Store, user: User, country: str) -> dict[str, Any] | None:
    try:
        from ..analysis.profiles import country_profile as analysed
    except ImportError:
        return None
    try:
        today = anchor_date(store, user) + timedelta(days=1)
        return analysed(store, country, today=today, max_marking=user.max_marking)
    except Exception as exc:  # analysis tables missing on an older database: show the rest
        if "no such table" in str(exc) or "does not exist" in str(exc):
            return None
        raise


def basic_profile(store: Store, user: User, country: str) -> dict[str, Any]:
    end = anchor_date(store, user)
    start = end - timedelta(days=WINDOW_DAYS - 1)
    prev = start - timedelta(days=WINDOW_DAYS)
    rank = user.max_marking.rank
    base = "FROM events e WHERE e.country = ? AND e.marking_rank <= ? AND e.event_date >= ? AND e.event_date <= ?"
    args = [country, rank, start.isoformat(), end.isoformat()]
    by_cat = dict(store.query(f"SELECT e.category, COUNT(*) {base} GROUP BY e.category", args))
    before = dict(store.query(
        f"SELECT e.category, COUNT(*) {base} GROUP BY e.category",
        [country, rank, prev.isoformat(), (start - timedelta(days=1)).isoformat()]))
    fatalities = store.query(f"SELECT COALESCE(SUM(e.fatalities_best), 0) {base}", args)[0][0]
    actors = store.query(
        "SELECT a.name, a.sector, COUNT(DISTINCT e.id) FROM event_actors a JOIN events e ON e.id = a.event_id "
        "WHERE e.country = ? AND e.marking_rank <= ? AND e.event_date >= ? AND e.event_date <= ? "
        "GROUP BY a.name, a.sector ORDER BY 3 DESC, 1 LIMIT 10", args)
    places = store.query(
        f"SELECT e.place_name, e.admin1_name, e.admin1, COUNT(*) {base} AND e.place_name IS NOT NULL "
        "GROUP BY e.place_name, e.admin1_name, e.admin1 ORDER BY 4 DESC, 1 LIMIT 10", args)
    marks = ",".join("?" * len(OUTSIDE_POWERS))
    powers = store.query(
        "SELECT a.country, e.category, COUNT(DISTINCT e.id) FROM event_actors a JOIN events e "
        "ON e.id = a.event_id WHERE e.country = ? AND e.marking_rank <= ? AND e.event_date >= ? "
        f"AND e.event_date <= ? AND a.country IN ({marks}) AND a.country <> e.country "
        "GROUP BY a.country, e.category ORDER BY 3 DESC", [*args, *OUTSIDE_POWERS])
    engagement: dict[str, dict[str, int]] = {}
    for power, category, n in powers:
        engagement.setdefault(power, {})[category] = int(n)
    recent = store.query_events(EventFilter(country=country, max_marking=user.max_marking), limit=15)
    return {
        "country": country,
        "name": COUNTRY_NAMES.get(country, country),
        "window": {"start": start.isoformat(), "end": end.isoformat(), "days": WINDOW_DAYS},
        "events": int(sum(by_cat.values())),
        "events_previous": int(sum(before.values())),
        "fatalities_best": int(fatalities or 0),
        "by_category": [{"category": c, "events": int(n), "previous": int(before.get(c, 0))}
                        for c, n in sorted(by_cat.items(), key=lambda kv: -kv[1])],
        "top_actors": [{"name": r[0], "sector": r[1], "events": int(r[2])} for r in actors],
        "top_places": [{"place": r[0], "admin1_name": r[1], "admin1": r[2], "events": int(r[3])} for r in places],
        "outside_powers": [{"country": p, "name": COUNTRY_NAMES.get(p, p), "by_category": cats,
                            "events": sum(cats.values())} for p, cats in engagement.items()],
        "recent_events": [event_json(e) for e in recent],
        "computed_by": "steppewatch.api.profiles.basic_profile",
    }


def indicators(store: Store, user: User, **filters: Any) -> list[dict[str, Any]]:
    try:
        from ..analysis.indicators import read_indicators
    except ImportError:
        return []
    try:
        return read_indicators(store, max_marking=user.max_marking, **filters)
    except Exception as exc:  # indicators not computed yet on this database
        if "indicators" in str(exc) or "analysis_events" in str(exc):
            return []
        raise


def alerts(store: Store, user: User, *, limit: int = 50, country: str | None = None) -> list[dict[str, Any]]:
    """Stored alerts newest first, within clearance (``alerts.store.list_alerts``)."""
    try:
        from ..alerts.store import list_alerts
    except ImportError:
        return []
    try:
        found = list_alerts(store, limit=limit, max_marking=user.max_marking, country=country)
    except Exception as exc:
        if "no such table" in str(exc) or "does not exist" in str(exc):
            return []
        raise
    return [a.to_dict() for a in found]
