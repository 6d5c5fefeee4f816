"""Indicators per country x admin1 x category x ISO week and month, computed in SQL.

Counts are of events (deduplicated), never of mentions. Each row holds events, fatalities
low/best/high, distinct actors, distinct sources, events near infrastructure and the row's
share of the country's events in that period. Roll-up rows use ``'*'`` for "all admin1" and
"all categories"; ``''`` is an unknown admin1.

Updates are incremental: the state key :data:`WATERMARK` remembers the newest
``events.updated_at`` already counted; the next update re-snapshots only events changed since,
marks the (period, country) pairs they had before and have now as dirty, and recomputes those.
Markings: rows are computed once per marking ceiling present in the data (``max_rank``), and
:func:`level_for` picks the ceiling a reader may see, so no count reveals an event above it.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from ..store import Store
from ..vocab import Tlp
from .periods import ALL, PERIOD_KINDS, month_sql, week_sql

WATERMARK = "analysis.indicators.watermark"
FULL_FRACTION = 0.25  # more changed events than this share of all events: recompute everything
_GROUPINGS = (("admin1", "category"), (ALL, "category"), ("admin1", ALL), (ALL, ALL))
_CHUNK = 500

Progress = Callable[[str], None]


@dataclass(frozen=True)
class IndicatorReport:
    mode: str  # full | incremental | unchanged
    changed_events: int
    dirty_periods: int
    rows: int
    seconds: float


def update_indicators(
    store: Store, *, full: bool = False, proximity_km: float | None = None,
    progress: Progress | None = None,
) -> IndicatorReport:
    """Bring the indicator tables up to date; recompute everything when ``full``.

    When infrastructure is loaded, changed events are first flagged within ``proximity_km``
    (default: the ``proximity_km`` setting).
    """
    started = time.perf_counter()
    say = progress or (lambda _msg: None)
    mark, seen_at_mark = _read_mark(store.get_state(WATERMARK))
    newest = store.query("SELECT MAX(updated_at) FROM events")[0][0]
    stamp = _stamp(store, newest)
    from .infrastructure import flag_events, has_infrastructure

    if has_infrastructure(store):
        if proximity_km is None:
            from ..settings import load_settings

            proximity_km = float(load_settings().proximity_km)

        say("flagging events near infrastructure")
        flag_events(store, proximity_km, since=None if (full or mark is None) else mark)
    if not full and mark is not None:
        # updated_at has one-second resolution: events written in the watermark's second after the
        # last update are caught by counting how many carry that exact stamp (fewer means some
        # moved on to a later stamp, which ">" finds)
        op = ">=" if _count_at(store, mark) > seen_at_mark else ">"
        changed = [r[0] for r in store.query(f"SELECT id FROM events WHERE updated_at {op} ?", (mark,))]
        total = int(store.query("SELECT COUNT(*) FROM analysis_events")[0][0])
        if not changed:
            return IndicatorReport("unchanged", 0, 0, 0, time.perf_counter() - started)
        if len(changed) <= max(1000, FULL_FRACTION * total):
            with store.transaction():
                dirty, rows = _incremental(store, changed, say)
                if dirty >= 0:
                    store.set_state(WATERMARK, stamp)
            if dirty >= 0:
                return IndicatorReport("incremental", len(changed), dirty, rows, time.perf_counter() - started)
    with store.transaction():
        n, rows = _full(store, say)
        store.set_state(WATERMARK, stamp)
    return IndicatorReport("full", n, -1, rows, time.perf_counter() - started)


def _count_at(store: Store, stamp: str | None) -> int:
    if not stamp:
        return 0
    return int(store.query("SELECT COUNT(*) FROM events WHERE updated_at = ?", (stamp,))[0][0])


def _stamp(store: Store, newest: str | None) -> str:
    return f"{newest or ''}|{_count_at(store, newest)}"


def _read_mark(value: str | None) -> tuple[str | None, int]:
    if not value:
        return None, 0
    stamp, _, n = value.rpartition("|")
    return (stamp or None), int(n or 0)


# --- full and incremental paths ---------------------------------------------------------------

def _snapshot_sql(store: Store, where: str) -> list[str]:
    week, month = week_sql(store.dialect, "ev.event_date"), month_sql("ev.event_date")
    if store.dialect == "sqlite":
        sources = ("SELECT DISTINCT ev.id, 'source', j.value FROM events ev, json_each(ev.data, '$.source_ids') j "
                   f"WHERE {where}")
    else:
        sources = ("SELECT DISTINCT ev.id, 'source', j.value FROM events ev, "
                   "jsonb_array_elements_text(CAST(ev.data AS jsonb) -> 'source_ids') AS j(value) "
                   f"WHERE {where}")
    return [
        "INSERT INTO analysis_events (event_id, country, admin1, category, event_date, week, month, "
        "fatalities_low, fatalities_best, fatalities_high, near_infra, marking_rank) "
        f"SELECT ev.id, COALESCE(ev.country, 'XX'), COALESCE(ev.admin1, ''), ev.category, ev.event_date, "
        f"{week}, {month}, ev.fatalities_low, ev.fatalities_best, ev.fatalities_high, "
        "CASE WHEN EXISTS (SELECT 1 FROM event_flags f WHERE f.event_id = ev.id "
        "AND f.flag = 'near_infrastructure') THEN 1 ELSE 0 END, ev.marking_rank "
        f"FROM events ev WHERE ev.event_date IS NOT NULL AND {where}",
        "INSERT INTO analysis_links (event_id, kind, value) SELECT DISTINCT ea.event_id, 'actor', ea.name "
        f"FROM event_actors ea JOIN events ev ON ev.id = ea.event_id WHERE {where}",
        "INSERT INTO analysis_links (event_id, kind, value) " + sources,
    ]


LEVELS = "analysis.indicators.levels"


def _levels(store: Store) -> list[int]:
    """Marking ceilings present in the snapshot (kept in the state table by each full run)."""
    cached = store.get_state(LEVELS)
    if cached is not None:
        return [int(x) for x in cached.split(",") if x]
    found = [int(r[0]) for r in store.query("SELECT DISTINCT marking_rank FROM analysis_events ORDER BY 1")]
    store.set_state(LEVELS, ",".join(map(str, found)))
    return found


def _full(store: Store, say: Progress) -> tuple[int, int]:
    for table in ("indicators", "analysis_links", "analysis_events", "actor_first_seen"):
        store.execute(f"DELETE FROM {table}")
    say("snapshotting events")
    for sql in _snapshot_sql(store, "1 = 1"):
        store.execute(sql)
    store.execute("DELETE FROM state WHERE key = ?", (LEVELS,))
    levels = _levels(store)
    say("aggregating indicators")
    rows = _aggregate(store, levels, scoped=False)
    say("tracking first appearances of actors")
    _first_seen(store, levels, scoped=False)
    return int(store.query("SELECT COUNT(*) FROM analysis_events")[0][0]), rows


def _temp_tables(store: Store) -> None:
    for ddl in ("CREATE TEMP TABLE IF NOT EXISTS analysis_dirty_ids (id TEXT PRIMARY KEY)",
                "CREATE TEMP TABLE IF NOT EXISTS analysis_dirty_periods (period_kind TEXT, country TEXT, "
                "period TEXT, PRIMARY KEY (period_kind, country, period))",
                "CREATE TEMP TABLE IF NOT EXISTS analysis_dirty_actors (country TEXT, name TEXT, "
                "PRIMARY KEY (country, name))"):
        store.execute(ddl)
    for table in ("analysis_dirty_ids", "analysis_dirty_periods", "analysis_dirty_actors"):
        store.execute(f"DELETE FROM {table}")


def _incremental(store: Store, changed: list[str], say: Progress) -> tuple[int, int]:
    """Recompute the periods touched by ``changed``; returns (-1, 0) when a full run is needed."""
    _temp_tables(store)
    store.executemany("INSERT INTO analysis_dirty_ids (id) VALUES (?) ON CONFLICT DO NOTHING",
                      [(i,) for i in changed])
    new_ranks = {int(r[0]) for r in store.query(
        "SELECT DISTINCT marking_rank FROM events WHERE id IN (SELECT id FROM analysis_dirty_ids)")}
    if not new_ranks <= set(_levels(store)):
        return -1, 0  # a marking not seen before: the set of ceilings changes
    say(f"re-snapshotting {len(changed)} changed events")
    in_dirty = "event_id IN (SELECT id FROM analysis_dirty_ids)"
    _mark_dirty(store, in_dirty)  # the keys the events had before
    store.execute(f"DELETE FROM analysis_links WHERE {in_dirty}")
    store.execute(f"DELETE FROM analysis_events WHERE {in_dirty}")
    for sql in _snapshot_sql(store, "ev.id IN (SELECT id FROM analysis_dirty_ids)"):
        store.execute(sql)
    _mark_dirty(store, in_dirty)  # and the keys they have now
    for kind in PERIOD_KINDS:
        store.execute(f"DELETE FROM indicators WHERE period_kind = '{kind}' AND {_in_dirty(kind, '')}")
    rows = _aggregate(store, _levels(store), scoped=True)
    # first appearances: merge the changed events in; recompute only the pairs whose first
    # event itself changed (it may have moved later or to another country)
    store.execute(
        "DELETE FROM analysis_dirty_actors WHERE NOT EXISTS (SELECT 1 FROM actor_first_seen f "
        "WHERE f.country = analysis_dirty_actors.country AND f.name = analysis_dirty_actors.name "
        "AND f.event_id IN (SELECT id FROM analysis_dirty_ids))")
    store.execute(
        "DELETE FROM actor_first_seen WHERE EXISTS (SELECT 1 FROM analysis_dirty_actors d "
        "WHERE d.country = actor_first_seen.country AND d.name = actor_first_seen.name)")
    if store.query("SELECT 1 FROM analysis_dirty_actors LIMIT 1"):
        _first_seen(store, _levels(store), scoped=True)
    for level in _levels(store):
        store.execute(
            "INSERT INTO actor_first_seen (country, name, max_rank, first_date, event_id) "
            "SELECT e.country, l.value, ?, MIN(e.event_date), MIN(e.event_id) FROM analysis_events e "
            "JOIN analysis_links l ON l.event_id = e.event_id AND l.kind = 'actor' "
            "WHERE e.event_id IN (SELECT id FROM analysis_dirty_ids) AND e.marking_rank <= ? "
            "GROUP BY e.country, l.value ON CONFLICT (country, name, max_rank) DO UPDATE SET "
            "first_date = excluded.first_date, event_id = excluded.event_id "
            "WHERE excluded.first_date < actor_first_seen.first_date", (level, level))
    n = int(store.query("SELECT COUNT(*) FROM analysis_dirty_periods")[0][0])
    return n, rows


def _mark_dirty(store: Store, in_dirty: str) -> None:
    for kind in PERIOD_KINDS:
        store.execute(
            "INSERT INTO analysis_dirty_periods (period_kind, country, period) "
            f"SELECT DISTINCT '{kind}', country, {kind} FROM analysis_events WHERE {in_dirty} "
            "ON CONFLICT DO NOTHING")
    store.execute(
        "INSERT INTO analysis_dirty_actors (country, name) SELECT DISTINCT e.country, l.value "
        "FROM analysis_events e JOIN analysis_links l ON l.event_id = e.event_id AND l.kind = 'actor' "
        f"WHERE e.{in_dirty} ON CONFLICT DO NOTHING")


def _first_seen(store: Store, levels: list[int], *, scoped: bool) -> None:
    """First event of each actor in each country, per marking ceiling (an event of that first day)."""
    scope = ("JOIN analysis_dirty_actors d ON d.country = e.country AND d.name = l.value "
             if scoped else "")
    for level in levels:
        store.execute(
            "INSERT INTO actor_first_seen (country, name, max_rank, first_date, event_id) "
            "SELECT m.country, m.name, ?, m.first_date, MIN(e.event_id) FROM ("
            "SELECT e.country AS country, l.value AS name, MIN(e.event_date) AS first_date "
            "FROM analysis_events e JOIN analysis_links l ON l.event_id = e.event_id AND l.kind = 'actor' "
            f"{scope}WHERE e.marking_rank <= ? GROUP BY e.country, l.value) m "
            "JOIN analysis_events e ON e.country = m.country AND e.event_date = m.first_date "
            "AND e.marking_rank <= ? "
            "JOIN analysis_links l ON l.event_id = e.event_id AND l.kind = 'actor' AND l.value = m.name "
            "GROUP BY m.country, m.name, m.first_date", (level, level, level))


def _in_dirty(kind: str, prefix: str) -> str:
    """A row-value IN over the dirty (country, period) pairs of one kind: lets the planner seek."""
    return (f"({prefix}country, {prefix}period) IN (SELECT country, period FROM analysis_dirty_periods "
            f"WHERE period_kind = '{kind}')")


# --- aggregation ------------------------------------------------------------------------------

def _aggregate(store: Store, levels: list[int], *, scoped: bool) -> int:
    rows = 0
    for level in levels:
        for kind in PERIOD_KINDS:
            scope = (f" JOIN analysis_dirty_periods d ON d.period_kind = '{kind}' AND d.country = e.country "
                     f"AND d.period = e.{kind}") if scoped else ""
            for a, c in _GROUPINGS:
                acol = "e.admin1" if a == "admin1" else "'*'"
                ccol = "e.category" if c == "category" else "'*'"
                group = ", ".join(["e.country", f"e.{kind}"] + [x for x in (acol, ccol) if x.startswith("e.")])
                if (a, c) == _GROUPINGS[0]:
                    rows += store.execute(
                        "INSERT INTO indicators (period_kind, period, country, admin1, category, max_rank, "
                        "events, fatalities_low, fatalities_best, fatalities_high, near_infra) "
                        f"SELECT '{kind}', e.{kind}, e.country, {acol}, {ccol}, {level}, COUNT(*), "
                        "SUM(e.fatalities_low), SUM(e.fatalities_best), SUM(e.fatalities_high), "
                        f"SUM(e.near_infra) FROM analysis_events e{scope} WHERE e.marking_rank <= {level} "
                        f"GROUP BY {group}")
                else:  # roll up the finest rows: far fewer than events
                    fine = f" AND {_in_dirty(kind, 'f.')}" if scoped else ""
                    rows += store.execute(
                        "INSERT INTO indicators (period_kind, period, country, admin1, category, max_rank, "
                        "events, fatalities_low, fatalities_best, fatalities_high, near_infra) "
                        f"SELECT '{kind}', f.period, f.country, {acol.replace('e.', 'f.')}, "
                        f"{ccol.replace('e.', 'f.')}, {level}, SUM(f.events), SUM(f.fatalities_low), "
                        "SUM(f.fatalities_best), SUM(f.fatalities_high), SUM(f.near_infra) "
                        f"FROM indicators f WHERE f.period_kind = '{kind}' AND f.max_rank = {level} "
                        f"AND f.admin1 <> '*' AND f.category <> '*'{fine} "
                        f"GROUP BY {group.replace('e.', 'f.').replace(f'f.{kind}', 'f.period')}")
                store.execute(
                    "UPDATE indicators SET actors = x.actors, sources = x.sources FROM ("
                    f"SELECT e.country AS co, e.{kind} AS pe, {acol} AS a1, {ccol} AS ca, "
                    "COUNT(DISTINCT CASE WHEN l.kind = 'actor' THEN l.value END) AS actors, "
                    "COUNT(DISTINCT CASE WHEN l.kind = 'source' THEN l.value END) AS sources "
                    f"FROM analysis_events e JOIN analysis_links l ON l.event_id = e.event_id{scope} "
                    f"WHERE e.marking_rank <= {level} GROUP BY {group}) x "
                    f"WHERE indicators.period_kind = '{kind}' AND indicators.max_rank = {level} "
                    "AND indicators.country = x.co AND indicators.period = x.pe "
                    "AND indicators.admin1 = x.a1 AND indicators.category = x.ca")
    for kind in PERIOD_KINDS:
        dirty = f" AND {_in_dirty(kind, 'indicators.')}" if scoped else ""
        store.execute(
            "UPDATE indicators SET share = CAST(indicators.events AS REAL) / t.events FROM indicators t "
            "WHERE t.period_kind = indicators.period_kind AND t.country = indicators.country "
            "AND t.period = indicators.period AND t.admin1 = '*' AND t.category = '*' "
            f"AND t.max_rank = indicators.max_rank AND indicators.period_kind = '{kind}'{dirty}")
    return rows


# --- reading ----------------------------------------------------------------------------------

COLUMNS = ("period_kind", "period", "country", "admin1", "category", "events", "fatalities_low",
           "fatalities_best", "fatalities_high", "actors", "sources", "near_infra", "share")


def level_for(store: Store, max_marking: Tlp | str = Tlp.RED) -> int | None:
    """The marking ceiling of stored indicators a reader cleared to ``max_marking`` may see."""
    rank = Tlp.parse(max_marking).rank
    allowed = [level for level in _levels(store) if level <= rank]
    return max(allowed) if allowed else None


def read_indicators(
    store: Store, *, kind: str = "week", country: str | None = None, admin1: str | None = ALL,
    category: str | None = ALL, since: str | None = None, until: str | None = None,
    max_marking: Tlp | str = Tlp.RED,
) -> list[dict[str, Any]]:
    """Indicator rows oldest first; ``admin1``/``category`` None means every value (no roll-up)."""
    level = level_for(store, max_marking)
    if level is None:
        return []
    where, params = ["period_kind = ?", "max_rank = ?"], [kind, level]
    for column, value in (("country", country), ("admin1", admin1), ("category", category)):
        if value is not None:
            where.append(f"{column} = ?")
            params.append(value)
    if since:
        where.append("period >= ?")
        params.append(since)
    if until:
        where.append("period <= ?")
        params.append(until)
    rows = store.query(f"SELECT {', '.join(COLUMNS)} FROM indicators WHERE {' AND '.join(where)} "
                       "ORDER BY period, country, admin1, category", params)
    return [dict(zip(COLUMNS, r, strict=True)) for r in rows]
