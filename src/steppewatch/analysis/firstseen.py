"""First appearance of each actor in each country, per marking ceiling (``actor_first_seen``).

The first event is the earliest day with the actor in the country at or below the ceiling; ties
between events of that day go to the smallest event id (compared in Python, so both backends
agree). A full run derives everything from the snapshot; an incremental run merges the changed
events in and recomputes only the pairs whose recorded first event itself changed.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date
from typing import Any

import numpy as np

from ..store import Store
from . import aggregate, snapshot

_INSERT = ("INSERT INTO actor_first_seen (country, name, max_rank, first_date, event_id) VALUES (?, ?, ?, ?, ?) "
           "ON CONFLICT (country, name, max_rank) DO UPDATE SET first_date = excluded.first_date, "
           "event_id = excluded.event_id")
_CHUNK = 500

Best = dict[tuple[str, str, int], tuple[str, str]]  # (country, name, ceiling) -> (first date, event id)


def _chunks(items: Sequence[Any]) -> Iterable[Sequence[Any]]:
    for i in range(0, len(items), _CHUNK):
        yield items[i:i + _CHUNK]


def _offer(best: Best, key: tuple[str, str, int], first: str, event_id: str) -> None:
    held = best.get(key)
    if held is None or (first, event_id) < held:
        best[key] = (first, event_id)


def _rows(best: Best) -> list[tuple[Any, ...]]:
    return [(c, n, level, first, eid) for (c, n, level), (first, eid) in sorted(best.items())]


def write_full(store: Store, keys: snapshot.Keys, frame: aggregate.Frame, levels: list[int]) -> int:
    """Recompute the whole table from ``frame`` (the full snapshot)."""
    store.execute("DELETE FROM actor_first_seen")
    found = aggregate.first_seen(frame, levels)
    eks = sorted({int(e) for _, _, _, _, ek in found for e in ek.tolist()})
    ids: dict[int, str] = {}
    for chunk in _chunks(eks):
        ids.update(store.query(f"SELECT ek, event_id FROM analysis_events WHERE ek IN ({','.join('?' * len(chunk))})",
                               chunk))
    countries, actors = keys.values["country"], keys.values["actor"]
    best: Best = {}
    for level, c, k, d, ek in found:
        days = {x: date.fromordinal(x).isoformat() for x in np.unique(d).tolist()}
        for ci, ki, di, ei in zip(c.tolist(), k.tolist(), d.tolist(), ek.tolist(), strict=True):
            _offer(best, (countries[ci], actors[ki], level), days[di], ids[ei])
    rows = _rows(best)
    store.executemany(_INSERT, rows)
    return len(rows)


def stale_pairs(store: Store, changed: Sequence[str]) -> dict[tuple[str, str], str]:
    """(country, actor) -> earliest first date over every ceiling, for the pairs whose recorded first
    event (at any ceiling) is among ``changed``. Call before re-snapshotting."""
    pairs: set[tuple[str, str]] = set()
    for chunk in _chunks(changed):
        pairs |= {(r[0], r[1]) for r in store.query(
            f"SELECT country, name FROM actor_first_seen WHERE event_id IN ({','.join('?' * len(chunk))})", chunk)}
    out: dict[tuple[str, str], str] = {}
    for chunk in _chunks(sorted({n for _, n in pairs})):
        for country, name, first in store.query(
                "SELECT country, name, first_date FROM actor_first_seen "
                f"WHERE name IN ({','.join('?' * len(chunk))})", chunk):
            key = (country, name)
            if key in pairs:
                out[key] = min(first, out.get(key, first))
    return out


def merge(store: Store, keys: snapshot.Keys, new_rows: list[tuple[Any, ...]], stale: dict[tuple[str, str], str],
          levels: list[int]) -> None:
    """Fold the changed events (their snapshot rows ``new_rows``, already written) into the table."""
    countries, actors = keys.values["country"], keys.values["actor"]
    if stale:
        _recompute(store, keys, stale, levels)
    offered: Best = {}
    for eid, country, _a, _g, day, rank, _near, packed in new_rows:
        codes = snapshot.unpack(packed)
        first = date.fromordinal(int(day)).isoformat()
        for k in codes[snapshot.HEADER:snapshot.HEADER + int(codes[8])].tolist():
            for level in levels:
                if rank <= level:
                    _offer(offered, (countries[country], actors[k], level), first, eid)
    if not offered:
        return
    names = sorted({n for _, n, _ in offered})
    held: Best = {}
    for chunk in _chunks(names):
        for c, n, level, first, eid in store.query(
                "SELECT country, name, max_rank, first_date, event_id FROM actor_first_seen "
                f"WHERE name IN ({','.join('?' * len(chunk))})", chunk):
            held[(c, n, int(level))] = (first, eid)
    better = {k: v for k, v in offered.items() if k not in held or v < held[k]}
    store.executemany(_INSERT, _rows(better))


def _recompute(store: Store, keys: snapshot.Keys, stale: dict[tuple[str, str], str], levels: list[int]) -> None:
    """Recount pairs whose first event changed (it may have moved later, elsewhere, or gone).

    No unchanged event of the pair lies before its old first date, and changed events that now lie
    before it are offered by :func:`merge`; so the snapshot is read forward from the old first date
    in growing windows of whole days until every (pair, ceiling) has its first event.
    """
    store.executemany("DELETE FROM actor_first_seen WHERE country = ? AND name = ?", list(stale))
    by_country: dict[int, tuple[dict[int, str], int]] = {}
    for (country, name), first in stale.items():
        c, k = keys.find("country", country), keys.find("actor", name)
        if c is None or k is None:
            continue
        wanted, lo = by_country.get(c, ({}, date.fromisoformat(first).toordinal()))
        wanted[k] = name
        by_country[c] = (wanted, min(lo, date.fromisoformat(first).toordinal()))
    best: Best = {}
    for c, (wanted, lo) in by_country.items():
        country = keys.values["country"][c]
        last = store.query("SELECT MAX(day) FROM analysis_events WHERE country = ?", (c,))[0][0]
        pending = {(k, level) for k in wanted for level in levels}
        start, width = lo, 28
        while pending and last is not None and start <= last:
            found: Best = {}
            for eid, rank, day, packed in store.query(
                    "SELECT event_id, marking_rank, day, packed FROM analysis_events WHERE country = ? "
                    "AND day >= ? AND day <= ?", (c, start, start + width - 1)):
                codes = snapshot.unpack(packed)
                for k in codes[snapshot.HEADER:snapshot.HEADER + int(codes[8])].tolist():
                    for level in levels:
                        if (k, level) in pending and rank <= level:
                            _offer(found, (country, wanted[k], level), date.fromordinal(day).isoformat(), eid)
            for (_, name, level), value in found.items():
                best[(country, name, level)] = value
            pending -= {(keys.codes["actor"][name], level) for (_, name, level) in found}
            start, width = start + width, width * 4
    store.executemany(_INSERT, _rows(best))
