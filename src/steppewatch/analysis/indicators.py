"""Indicators per country x admin1 x category x ISO week and month.

Counts are of events (deduplicated), never of mentions. Each row holds events, fatalities
low/best/high, distinct actors, distinct sources, events near infrastructure and the row's
share of the country's events in that period. Roll-up rows use ``'*'`` for "all admin1" and
"all categories"; ``''`` is an unknown admin1.

The arithmetic runs in numpy over the integer snapshot (:mod:`.snapshot`, :mod:`.aggregate`),
the same for SQLite and PostgreSQL. Updates are incremental: the state key :data:`WATERMARK`
remembers the newest ``events.updated_at`` already counted; the next update re-snapshots only
events changed since, marks the (period, country) cells they had before and have now as dirty,
and recomputes those cells from the snapshot. ``full=True`` recomputes every indicator from the
snapshot (after bringing it up to date); ``rebuild=True`` first re-reads every event into it.
Markings: rows are computed once per marking ceiling present in the data (``max_rank``), and
:func:`level_for` picks the ceiling a reader may see, so no count reveals an event above it.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

import numpy as np

from ..models import utcnow
from ..store import Store
from ..vocab import Tlp
from . import firstseen, snapshot
from .aggregate import ALL_CODE, Cells, aggregate, month_of, week_of
from .periods import ALL, PERIOD_KINDS

WATERMARK = "analysis.indicators.watermark"
LEVELS = "analysis.indicators.levels"
FULL_FRACTION = 0.25  # more changed events than this share of all events: rebuild the snapshot
RECHECK = 10_000  # events sharing the watermark's stamp re-read and compared when no more than this

Progress = Callable[[str], None]


@dataclass(frozen=True)
class IndicatorReport:
    mode: str  # full | incremental | unchanged
    changed_events: int
    dirty_periods: int
    rows: int
    seconds: float


def update_indicators(
    store: Store, *, full: bool = False, rebuild: bool = False, proximity_km: float | None = None,
    progress: Progress | None = None,
) -> IndicatorReport:
    """Bring the indicator tables up to date, in one transaction.

    ``full`` recomputes every indicator from the snapshot; ``rebuild`` also re-reads every event
    into the snapshot (done anyway on the first run). When infrastructure is loaded, changed events
    are first flagged within ``proximity_km`` (default: the ``proximity_km`` setting).
    """
    started = time.perf_counter()
    with store.transaction():
        mode, changed, dirty, rows = _update(store, full, rebuild, proximity_km, progress or (lambda _m: None))
    return IndicatorReport(mode, changed, dirty, rows, time.perf_counter() - started)


def _update(store: Store, full: bool, rebuild: bool, proximity_km: float | None,
            say: Progress) -> tuple[str, int, int, int]:
    if store.dialect == "postgres":  # one updater at a time (readers are not blocked)
        store.execute("LOCK TABLE analysis_events IN EXCLUSIVE MODE")
    began = utcnow().isoformat()
    mark, seen_at_mark, closed = _read_mark(store.get_state(WATERMARK))
    newest = store.query("SELECT MAX(updated_at) FROM events")[0][0]
    stamp = _stamp(store, newest, began)
    from .infrastructure import flag_events, has_infrastructure

    infra = has_infrastructure(store)
    if infra:
        if proximity_km is None:
            from ..settings import load_settings

            proximity_km = float(load_settings().proximity_km)
        say("flagging events near infrastructure")
        flag_events(store, proximity_km, since=None if (full or rebuild or mark is None) else mark)
    keys = snapshot.Keys(store)
    if mark is None or rebuild:
        n, rows = _rebuild(store, keys, say)
        store.set_state(WATERMARK, stamp)
        return "full", n, -1, rows
    # updated_at has one-second resolution, so events written in the watermark's own second after
    # the last update carry the same stamp. Unless that second had already passed when the last
    # update began, its events (when no more than RECHECK) are re-read and compared with their
    # snapshot rows; a bulk load's crowded second falls back to counting them (more: ">=").
    at_mark = _count_at(store, mark)
    recheck = not closed and at_mark <= RECHECK
    op = ">=" if recheck or at_mark > seen_at_mark else ">"
    changed = [r[0] for r in store.query(f"SELECT id FROM events WHERE updated_at {op} ?", (mark,))]
    if len(changed) > 1000 and len(changed) > FULL_FRACTION * _snapshot_size(store):
        n, rows = _rebuild(store, keys, say)
        store.set_state(WATERMARK, stamp)
        return "full", n, -1, rows
    if not changed and not full:
        return "unchanged", 0, 0, 0
    if not full:
        say(f"re-snapshotting {len(changed)} changed events")
        done = _incremental(store, keys, changed)
        if done is not None:
            store.set_state(WATERMARK, stamp)
            n, dirty, rows = done
            return ("incremental" if n else "unchanged"), n, dirty, rows
    else:
        snapshot.replace(store, changed, snapshot.event_rows(store, keys, changed))
        keys.flush(store)
        if infra:
            snapshot.refresh_near(store)  # every event was re-flagged above
    _, rows = _full(store, keys, say)
    store.set_state(WATERMARK, stamp)
    return "full", len(changed), -1, rows


def _snapshot_size(store: Store) -> int:
    return int(store.query("SELECT COUNT(*) FROM analysis_events")[0][0])


def _count_at(store: Store, stamp: str | None) -> int:
    if not stamp:
        return 0
    return int(store.query("SELECT COUNT(*) FROM events WHERE updated_at = ?", (stamp,))[0][0])


def _stamp(store: Store, newest: str | None, began: str) -> str:
    """``newest|count at newest|closed``: closed when that second had passed as the update began
    (``began``), so no writer can stamp another event with it (writers stamp the current second)."""
    closed = bool(newest) and began > str(newest)
    return f"{newest or ''}|{_count_at(store, newest)}|{int(closed)}"


def _read_mark(value: str | None) -> tuple[str | None, int, bool]:
    parts = (value or "").split("|")
    stamp = parts[0] or None
    seen = int(parts[1] or 0) if len(parts) > 1 else 0
    return stamp, seen, len(parts) > 2 and parts[2] == "1"


# --- full and incremental paths ---------------------------------------------------------------

def _levels(store: Store) -> list[int]:
    """Marking ceilings present in the snapshot (kept in the state table by each full run)."""
    cached = store.get_state(LEVELS)
    if cached is not None:
        return [int(x) for x in cached.split(",") if x]
    found = [int(r[0]) for r in store.query("SELECT DISTINCT marking_rank FROM analysis_events ORDER BY 1")]
    store.set_state(LEVELS, ",".join(map(str, found)))
    return found


def _rebuild(store: Store, keys: snapshot.Keys, say: Progress) -> tuple[int, int]:
    say("snapshotting every event")
    rows = snapshot.event_rows(store, keys)
    keys.flush(store)
    snapshot.write_all(store, rows)
    return _full(store, keys, say)


def _full(store: Store, keys: snapshot.Keys, say: Progress) -> tuple[int, int]:
    say("reading the snapshot")
    frame = snapshot.read_all(store)
    levels = [int(x) for x in np.flatnonzero(np.bincount(frame.rank))] if len(frame) else []
    store.set_state(LEVELS, ",".join(map(str, levels)))
    say("aggregating indicators")
    store.execute("DELETE FROM indicators")
    rows = 0
    for kind in sorted(PERIOD_KINDS):  # 'month' < 'week': primary-key order
        rows += _write(store, keys, aggregate(frame, kind, levels))
    say("tracking first appearances of actors")
    firstseen.write_full(store, keys, frame, levels)
    return len(frame), rows


def _cell_keys(country: np.ndarray, period: np.ndarray) -> np.ndarray:
    return (country.astype(np.int64) << 32) | period.astype(np.int64)


def _incremental(store: Store, keys: snapshot.Keys, candidates: list[str]) -> tuple[int, int, int] | None:
    """Recompute the cells of the ``candidates`` whose snapshot row changed: (events changed, dirty
    cells, rows written), or None when a full recompute is needed instead."""
    old = {r[0]: r for r in snapshot.current(store, candidates)}
    fresh = {r[0]: r for r in snapshot.event_rows(store, keys, candidates)}
    keys.flush(store)
    changed = [i for i in candidates if old.get(i) != fresh.get(i)]
    if not changed:
        return 0, 0, 0
    before = [old[i] for i in changed if i in old]
    new_rows = [fresh[i] for i in changed if i in fresh]
    levels = _levels(store)
    stale = firstseen.stale_pairs(store, changed)
    snapshot.replace(store, changed, new_rows)
    if not {int(r[5]) for r in new_rows} <= set(levels):
        return None  # a marking not seen before: the set of ceilings changes
    country = np.array([r[1] for r in before] + [r[1] for r in new_rows], dtype=np.int64)
    day = np.array([r[4] for r in before] + [r[4] for r in new_rows], dtype=np.int64)
    dirty = {"week": np.unique(_cell_keys(country, week_of(day))),
             "month": np.unique(_cell_keys(country, month_of(day)))}
    ranges: dict[int, list[tuple[int, int]]] = {}
    for kind, cells in dirty.items():
        for key in cells.tolist():
            ranges.setdefault(key >> 32, []).append(_span(kind, key & 0xFFFFFFFF))
    frame = snapshot.read_ranges(store, ranges)
    rows = 0
    for kind in PERIOD_KINDS:
        store.executemany("DELETE FROM indicators WHERE period_kind = ? AND country = ? AND period = ?",
                          [(kind, keys.values["country"][k >> 32], _period_text(kind, k & 0xFFFFFFFF))
                           for k in dirty[kind].tolist()])
        found = aggregate(frame, kind, levels)
        keep = np.isin(_cell_keys(found.country, found.period), dirty[kind])
        rows += _write(store, keys, _subset(found, keep))
    firstseen.merge(store, keys, new_rows, stale, levels)
    return len(changed), len(dirty["week"]) + len(dirty["month"]), rows


def _span(kind: str, period: int) -> tuple[int, int]:
    """First and last day ordinal of a period key (week: Monday ordinal; month: months since 1970)."""
    if kind == "week":
        return period, period + 6
    first = date(1970 + period // 12, period % 12 + 1, 1)
    nxt = date(1970 + (period + 1) // 12, (period + 1) % 12 + 1, 1)
    return first.toordinal(), nxt.toordinal() - 1


def _period_text(kind: str, period: int) -> str:
    if kind == "week":
        return date.fromordinal(period).isoformat()
    return f"{1970 + period // 12:04d}-{period % 12 + 1:02d}-01"


def _subset(cells: Cells, keep: np.ndarray) -> Cells:
    return Cells(cells.kind, *(getattr(cells, f)[keep] for f in (
        "country", "period", "admin1", "category", "level", "events", "fat_low", "fat_best", "fat_high",
        "actors", "sources", "near", "share")))


def _sort_rank(values: list[str]) -> np.ndarray:
    """Position of each code's text (code -1 = '*' at index 0) in text order."""
    texts = [ALL, *values]
    order = sorted(range(len(texts)), key=texts.__getitem__)
    out = np.empty(len(texts), dtype=np.int64)
    out[order] = np.arange(len(texts))
    return out


def _write(store: Store, keys: snapshot.Keys, cells: Cells) -> int:
    """Insert the rows of ``cells`` with one executemany, in primary-key order (appends to the b-tree)."""
    n = len(cells)
    if not n:
        return 0
    order = np.lexsort((cells.level, _sort_rank(keys.values["category"])[cells.category + 1],
                        _sort_rank(keys.values["admin1"])[cells.admin1 + 1], cells.period,
                        _sort_rank(keys.values["country"])[cells.country + 1]))
    cells = _subset(cells, order)
    period_text = {p: _period_text(cells.kind, p) for p in np.unique(cells.period).tolist()}
    countries = keys.values["country"]
    admins = {**dict(enumerate(keys.values["admin1"])), ALL_CODE: ALL}
    cats = {**dict(enumerate(keys.values["category"])), ALL_CODE: ALL}
    snapshot.insert_rows(store, "indicators", _COLUMNS, zip(
            [cells.kind] * n, [period_text[p] for p in cells.period.tolist()],
            [countries[c] for c in cells.country.tolist()], [admins[a] for a in cells.admin1.tolist()],
            [cats[g] for g in cells.category.tolist()], cells.level.tolist(), cells.events.tolist(),
            cells.fat_low.tolist(), cells.fat_best.tolist(), cells.fat_high.tolist(), cells.actors.tolist(),
            cells.sources.tolist(), cells.near.tolist(), cells.share.tolist(), strict=True))
    return n


_COLUMNS = ("period_kind", "period", "country", "admin1", "category", "max_rank", "events", "fatalities_low",
            "fatalities_best", "fatalities_high", "actors", "sources", "near_infra", "share")
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
