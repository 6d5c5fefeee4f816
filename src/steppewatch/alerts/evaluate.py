"""Evaluate alert rules against the current indicators, store new alerts, send them.

One surge is one alert: an alert's id is derived from its rule, place, category, actor and
period, and a rule that fired for the same place stays quiet for ``alert_cooldown_days``.
Each alert keeps the events behind it; its marking is the most restrictive of theirs.
"""

from __future__ import annotations

import logging
from datetime import UTC, date, datetime, timedelta
from typing import Any

from ..analysis import snapshot, trackers
from ..analysis.indicators import update_indicators
from ..analysis.periods import ALL
from ..models import Alert, stable_id, utcnow
from ..settings import Settings
from ..store import Store
from ..vocab import COUNTRY_NAMES, Tlp, most_restrictive
from .rules import AlertRule, load_rules
from .store import alerts_since, put_alerts

log = logging.getLogger(__name__)


def _findings(store: Store, rule: AlertRule, today: date) -> list[trackers.Finding]:
    t = trackers.Thresholds()
    kw: dict[str, Any] = {"country": rule.country, "t": t}
    if rule.tracker in ("change_4w", "change_52w"):
        weeks = 4 if rule.tracker == "change_4w" else 52
        minimum = t.large_increase if rule.threshold is None else rule.threshold
        found = trackers.change_levels(store, today, weeks=weeks, category=rule.category, **kw)
        return [f for f in found if f.level in ("large increase", "moderate increase")
                and (f.change is None or f.change > minimum)]
    if rule.tracker == "surge":
        return trackers.surges(store, today, category=rule.category, admin1=rule.admin1,
                               rise=rule.threshold, **kw)
    if rule.tracker == "threat":
        return trackers.threats(store, today, category=rule.category, admin1=rule.admin1,
                                rise=rule.threshold, **kw)
    if rule.tracker == "volatility":
        minimum = t.volatile_weeks if rule.threshold is None else rule.threshold
        found = trackers.volatility(store, today, category=rule.category, admin1=rule.admin1, **kw)
        return [f for f in found if f.value >= minimum]
    if rule.tracker == "emerging_actor":
        return trackers.emerging_actors(store, today, actor=rule.actor, **kw)
    return _actor_activity(store, rule, today)


def _actor_activity(store: Store, rule: AlertRule, today: date) -> list[trackers.Finding]:
    """Events of a watched actor in the last complete week (tracker ``actor``)."""
    from ..analysis.periods import last_complete

    start = last_complete("week", today)
    end = start + timedelta(days=6)
    found = snapshot.actor_events(store, rule.actor or "", start, end, Tlp.RED.rank, country=rule.country,
                                  category=None if rule.category == ALL else rule.category)
    minimum = 1 if rule.threshold is None else rule.threshold
    return [trackers.Finding("actor", co, ALL, rule.category, "week", start, end, len(ids), 0, None, "active",
                             actor=rule.actor)
            for co, ids in sorted(found.items()) if len(ids) >= minimum]


def _actor_event_ids(store: Store, f: trackers.Finding) -> list[str]:
    found = snapshot.actor_events(store, f.actor or "", f.period_start, f.period_end, Tlp.RED.rank,
                                  country=f.country)
    return found.get(f.country, [])[:500]


def dedup_key(rule: AlertRule, f: trackers.Finding) -> str:
    return "|".join((rule.name, f.country, f.admin1, f.category, f.actor or ""))


def _title(rule: AlertRule, f: trackers.Finding) -> str:
    where = COUNTRY_NAMES.get(f.country, f.country) + ("" if f.admin1 == ALL else f" ({f.admin1})")
    what = "all categories" if f.category == ALL else f.category
    if f.tracker.startswith("change"):
        pct = "new activity" if f.change is None else f"{f.change:+.0%}"
        return f"{where}: {f.level} in {what} ({f.value:.0f} events vs {f.baseline:.1f}/week, {pct})"
    if f.tracker in ("surge", "threat"):
        span = "week" if f.tracker == "surge" else "month"
        return (f"{where}: {f.tracker} in {what}, {f.value:.0f} events last {span} vs "
                f"{f.baseline:.1f} average ({f.change:+.0%})")
    if f.tracker == "volatility":
        return f"{where}: {f.level}, {f.value:.0f} spike weeks in the past year in {what}"
    if f.tracker == "emerging_actor":
        return f"{where}: new actor {f.actor}"
    return f"{where}: {f.value:.0f} events involving {f.actor}"


def _marking(store: Store, ids: list[str]) -> Tlp:
    if not ids:
        return Tlp.CLEAR
    marks = ",".join("?" * len(ids))
    rows = store.query(f"SELECT DISTINCT marking FROM events WHERE id IN ({marks})", ids)
    return most_restrictive(*[r[0] for r in rows])


def evaluate_alerts(store: Store, settings: Settings, now: datetime | None = None, *,
                    rules: list[AlertRule] | None = None, deliver: bool = True,
                    update: bool = True) -> list[Alert]:
    """Evaluate every rule now; store and return the alerts that are new (after dedup and cool-down)."""
    now = now or utcnow()
    if now.tzinfo is None:
        now = now.replace(tzinfo=UTC)
    today = now.date()
    if update:
        update_indicators(store, proximity_km=float(settings.proximity_km))
    rules = load_rules(settings) if rules is None else rules
    cooldown = timedelta(days=int(settings.alert_cooldown_days))
    recent = alerts_since(store, now - cooldown)  # dedup_key -> latest period_end
    new: list[Alert] = []
    keys: dict[str, str] = {}
    for rule in rules:
        for f in _findings(store, rule, today):
            key = dedup_key(rule, f)
            last_end = recent.get(key)
            if last_end is not None and (last_end >= f.period_end or
                                         (f.period_end - last_end) < cooldown):
                continue
            ids = _actor_event_ids(store, f) if f.tracker == "actor" else trackers.event_ids(store, f)
            alert = Alert(
                id=stable_id("alert", key, f.period_start.isoformat()), rule=rule.name, title=_title(rule, f),
                created_at=now, country=f.country, admin1=None if f.admin1 == ALL else f.admin1,
                category=None if f.category == ALL else f.category, tracker=f.tracker, level=f.level,
                value=float(f.value), baseline=float(f.baseline), period_start=f.period_start,
                period_end=f.period_end, event_ids=tuple(ids), marking=_marking(store, ids))
            recent[key] = f.period_end
            keys[alert.id] = key
            new.append(alert)
    stored = put_alerts(store, new, keys)
    if deliver and stored:
        from .channels import deliver_all

        deliver_all(store, settings, stored)
    return stored
