"""Change levels and early-warning trackers, computed from the stored indicators.

The rules follow ACLED's early-warning tools (see docs/analysis.md for the citations):

- **Country change level** (ACLED Trendfinder, "Country Change Level map"): events in the current
  week against the weekly average of the previous 4 or 52 weeks; large increase > +25 %,
  moderate +10 to +25 %, limited -25 to +10 %, large decrease < -25 %; a country averaging two
  events or fewer whose current week has five or fewer is "limited" (low-baseline guard).
- **Sub-national surge** (ACLED "Subnational Threat & Surge Trackers"): an admin-1 unit with a rise
  of 100 % or more last week over its weekly average of the previous four weeks, only where that
  average is at least one.
- **Threat**: 100 % or more rise last month over the monthly average of the previous twelve.
- **Volatility** (ACLED "Volatility & Risk Predictability Index"): weeks in the past year whose
  count is 2 standard deviations or more above the year's mean; 6 or more weeks = high volatility;
  a baseline above 1.5 events a week = high baseline.
- **Emerging actors** (ACLED "Emerging Actor Tracker"): an actor's first event in a country.

Every threshold is a field of :class:`Thresholds` so rules and callers can change it.
"""

from __future__ import annotations

import statistics
from dataclasses import asdict, dataclass
from datetime import date
from typing import Any

from ..store import Store
from ..vocab import Tlp
from . import snapshot
from .indicators import level_for
from .periods import ALL, UNKNOWN, last_complete, shift


@dataclass(frozen=True)
class Thresholds:
    large_increase: float = 0.25
    moderate_increase: float = 0.10
    large_decrease: float = -0.25
    low_baseline_avg: float = 2.0  # average events per week at or below which ...
    low_baseline_current: int = 5  # ... and a current week at or below this: "limited"
    surge_rise: float = 1.0  # +100 %
    surge_min_baseline: float = 1.0
    threat_rise: float = 1.0
    threat_min_baseline: float = 1.0  # events per month
    spike_sd: float = 2.0
    volatile_weeks: int = 6
    high_baseline_per_week: float = 1.5
    emerging_min_history_weeks: int = 8


@dataclass(frozen=True)
class Finding:
    """One tracker result: where, when, how much, against which baseline."""

    tracker: str
    country: str
    admin1: str
    category: str
    period_kind: str
    period_start: date
    period_end: date
    value: float
    baseline: float
    change: float | None
    level: str
    actor: str | None = None
    event_id: str | None = None

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["period_start"], d["period_end"] = self.period_start.isoformat(), self.period_end.isoformat()
        return d


def classify(current: float, baseline: float, t: Thresholds = Thresholds()) -> tuple[str, float | None]:
    """ACLED change level of ``current`` against ``baseline`` (a weekly average)."""
    if baseline <= t.low_baseline_avg and current <= t.low_baseline_current:
        return "limited", (current - baseline) / baseline if baseline else None
    if baseline == 0:
        return "large increase", None
    change = (current - baseline) / baseline
    if change > t.large_increase:
        return "large increase", change
    if change >= t.moderate_increase:
        return "moderate increase", change
    if change >= t.large_decrease:
        return "limited", change
    return "large decrease", change


def _counts(store: Store, kind: str, start: date, end: date, *, level: int, country: str | None,
            admin1: str | None, category: str) -> dict[tuple[str, str], dict[str, int]]:
    """(country, admin1) -> {period: events} for periods in [start, end]."""
    where = ["period_kind = ?", "max_rank = ?", "category = ?", "period >= ?", "period <= ?"]
    params: list[Any] = [kind, level, category, start.isoformat(), end.isoformat()]
    if admin1 is None:
        where.append("admin1 NOT IN ('*', '')")
    else:
        where.append("admin1 = ?")
        params.append(admin1)
    if country:
        where.append("country = ?")
        params.append(country)
    out: dict[tuple[str, str], dict[str, int]] = {}
    for co, a1, period, n in store.query(
            f"SELECT country, admin1, period, events FROM indicators WHERE {' AND '.join(where)}", params):
        out.setdefault((co, a1), {})[period] = int(n)
    return out


def _series(counts: dict[str, int], kind: str, first: date, n: int) -> list[int]:
    return [counts.get(shift(kind, first, i).isoformat(), 0) for i in range(n)]


def _end(kind: str, start: date) -> date:
    return date.fromordinal(shift(kind, start, 1).toordinal() - 1)


def change_levels(store: Store, today: date, *, weeks: int = 4, category: str = ALL,
                  country: str | None = None, t: Thresholds = Thresholds(),
                  max_marking: Tlp | str = Tlp.RED) -> list[Finding]:
    """Country change level for the last complete week against the previous ``weeks`` weeks."""
    level = level_for(store, max_marking)
    if level is None:
        return []
    cur = last_complete("week", today)
    first = shift("week", cur, -weeks)
    out = []
    for (co, _), counts in sorted(_counts(store, "week", first, cur, level=level, country=country,
                                          admin1=ALL, category=category).items()):
        series = _series(counts, "week", first, weeks + 1)
        base = sum(series[:-1]) / weeks
        name, change = classify(series[-1], base, t)
        out.append(Finding(f"change_{weeks}w", co, ALL, category, "week", cur, _end("week", cur),
                           series[-1], base, change, name))
    return out


def surges(store: Store, today: date, *, category: str = ALL, country: str | None = None,
           admin1: str | None = None, t: Thresholds = Thresholds(), max_marking: Tlp | str = Tlp.RED,
           rise: float | None = None) -> list[Finding]:
    """Admin-1 units whose last complete week rose by ``surge_rise`` or more over the past month."""
    return _rises(store, today, "surge", "week", 4, t.surge_rise if rise is None else rise, t.surge_min_baseline,
                  category=category, country=country, admin1=admin1, max_marking=max_marking)


def threats(store: Store, today: date, *, category: str = ALL, country: str | None = None,
            admin1: str | None = None, t: Thresholds = Thresholds(), max_marking: Tlp | str = Tlp.RED,
            rise: float | None = None) -> list[Finding]:
    """Admin-1 units whose last complete month rose by ``threat_rise`` or more over the past year."""
    return _rises(store, today, "threat", "month", 12, t.threat_rise if rise is None else rise,
                  t.threat_min_baseline, category=category, country=country, admin1=admin1,
                  max_marking=max_marking)


def _rises(store: Store, today: date, tracker: str, kind: str, history: int, rise: float, min_baseline: float, *,
           category: str, country: str | None, admin1: str | None, max_marking: Tlp | str) -> list[Finding]:
    """Admin-1 units whose last complete period rose by ``rise`` over the mean of the ``history``
    periods before it, where that mean is at least ``min_baseline``."""
    level = level_for(store, max_marking)
    if level is None:
        return []
    cur = last_complete(kind, today)
    first = shift(kind, cur, -history)
    out = []
    for (co, a1), counts in sorted(_counts(store, kind, first, cur, level=level, country=country,
                                           admin1=admin1, category=category).items()):
        series = _series(counts, kind, first, history + 1)
        base = sum(series[:history]) / history
        if base < min_baseline or a1 == UNKNOWN:
            continue
        change = (series[-1] - base) / base
        if change >= rise:
            out.append(Finding(tracker, co, a1, category, kind, cur, _end(kind, cur), series[-1], base, change,
                               tracker))
    return out


def volatility(store: Store, today: date, *, category: str = ALL, country: str | None = None,
               admin1: str | None = None, t: Thresholds = Thresholds(),
               max_marking: Tlp | str = Tlp.RED) -> list[Finding]:
    """Spike weeks (>= mean + spike_sd * SD) in the past 52 weeks per admin-1, with a risk level."""
    level = level_for(store, max_marking)
    if level is None:
        return []
    cur = last_complete("week", today)
    first = shift("week", cur, -51)
    out = []
    for (co, a1), counts in sorted(_counts(store, "week", first, cur, level=level, country=country,
                                           admin1=admin1, category=category).items()):
        series = _series(counts, "week", first, 52)
        mean = statistics.fmean(series)
        sd = statistics.pstdev(series)
        spikes = sum(1 for x in series if sd > 0 and x >= mean + t.spike_sd * sd)
        volatile = spikes >= t.volatile_weeks
        high = mean > t.high_baseline_per_week
        risk = {(False, False): "low risk", (False, True): "consistent risk",
                (True, False): "high risk", (True, True): "extreme risk"}[(volatile, high)]
        out.append(Finding("volatility", co, a1, category, "week", first, _end("week", cur), spikes, mean,
                           None, risk))
    return out


def emerging_actors(store: Store, today: date, *, country: str | None = None, actor: str | None = None,
                    t: Thresholds = Thresholds(), max_marking: Tlp | str = Tlp.RED) -> list[Finding]:
    """Actors whose first event in a country falls in the last complete week."""
    level = level_for(store, max_marking)
    if level is None:
        return []
    cur = last_complete("week", today)
    end = _end("week", cur)
    sql = ("SELECT country, name, first_date, event_id FROM actor_first_seen "
           "WHERE max_rank = ? AND first_date >= ? AND first_date <= ?")
    params: list[Any] = [level, cur.isoformat(), end.isoformat()]
    if country:
        sql += " AND country = ?"
        params.append(country)
    if actor:
        sql += " AND LOWER(name) LIKE ?"
        params.append(f"%{actor.lower()}%")
    out = []
    starts: dict[str, date | None] = {}
    for co, name, _first, event_id in store.query(sql + " ORDER BY 1, 2", params):
        if co not in starts:
            starts[co] = snapshot.first_day(store, co, level)
        country_start = starts[co]
        history = (cur - country_start).days // 7 if country_start else 0
        if history < t.emerging_min_history_weeks:
            continue  # every actor is "new" when a country's record has just begun
        out.append(Finding("emerging_actor", co, ALL, ALL, "week", cur, end, 1, 0, None, "new actor",
                           actor=name, event_id=event_id))
    return out


def event_ids(store: Store, f: Finding, *, max_marking: Tlp | str = Tlp.RED, limit: int = 500) -> list[str]:
    """The events behind a finding (its place, category and period)."""
    if f.event_id:
        return [f.event_id]
    return snapshot.event_ids(store, f.country, f.period_start, f.period_end, Tlp.parse(max_marking).rank,
                              admin1=None if f.admin1 == ALL else f.admin1,
                              category=None if f.category == ALL else f.category, limit=limit)
