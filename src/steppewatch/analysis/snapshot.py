"""The analysis snapshot: each dated event as last counted, in integer form.

``analysis_keys`` dictionary-encodes country, admin-1, category, actor and source names into
small integers per kind. ``analysis_events`` holds one row per dated event: the codes, the day
as a proleptic ordinal, fatalities, marking rank, near-infrastructure flag, and ``packed``: the
same fields with the event's distinct actor and source codes as little-endian int32, so a full
recompute reads one blob per event instead of joining millions of link rows.

``packed`` layout: country, admin1, category, day, fatalities low/best/high, rank, number of
actors, the actor codes, then the source codes.
"""

from __future__ import annotations

import json
import sys
from array import array
from collections.abc import Iterable, Sequence
from datetime import date
from typing import Any

import numpy as np

from ..store import Store
from .aggregate import Frame

assert array("i").itemsize == 4, "packed snapshot rows are int32"
KINDS = ("country", "admin1", "category", "actor", "source")
FLAG = "near_infrastructure"
HEADER = 9
_CHUNK = 500
_INDEXES = (("analysis_events_id", "CREATE UNIQUE INDEX analysis_events_id ON analysis_events (event_id)"),
            ("analysis_events_day", "CREATE INDEX analysis_events_day ON analysis_events (country, day)"))


class Keys:
    """The dictionary: value <-> code per kind, loaded once, new codes written by :meth:`flush`."""

    def __init__(self, store: Store) -> None:
        self.codes: dict[str, dict[str, int]] = {k: {} for k in KINDS}
        self.values: dict[str, list[str]] = {k: [] for k in KINDS}
        rows = store.query("SELECT kind, value, code FROM analysis_keys ORDER BY kind, code")
        for kind, value, code in rows:
            self.codes[kind][value] = int(code)
        for kind, table in self.codes.items():
            values = [""] * len(table)
            for value, code in table.items():
                values[code] = value
            self.values[kind] = values
        self._new: list[tuple[str, str, int]] = []

    def code(self, kind: str, value: str) -> int:
        table = self.codes[kind]
        found = table.get(value)
        if found is None:
            found = table[value] = len(self.values[kind])
            self.values[kind].append(value)
            self._new.append((kind, value, found))
        return found

    def find(self, kind: str, value: str) -> int | None:
        return self.codes[kind].get(value)

    def flush(self, store: Store) -> None:
        store.executemany("INSERT INTO analysis_keys (kind, value, code) VALUES (?, ?, ?)", self._new)
        self._new = []


def _source_sql(store: Store) -> str:
    if store.dialect == "sqlite":
        return "json_extract(data, '$.source_ids')"
    return "CAST(data AS jsonb) ->> 'source_ids'"


def _ids_of(text: str | None) -> list[str]:
    """The strings of a JSON array of strings (fast path for the compact form SQLite returns)."""
    if not text or text == "[]":
        return []
    if text.startswith('["') and text.endswith('"]') and "\\" not in text and '", "' not in text:
        return text[2:-2].split('","')
    return [str(x) for x in json.loads(text)]


def _in(column: str, n: int) -> str:
    return f"{column} IN ({','.join('?' * n)})"


def _chunks(ids: Sequence[Any]) -> Iterable[Sequence[Any]]:
    for i in range(0, len(ids), _CHUNK):
        yield ids[i:i + _CHUNK]


def event_rows(store: Store, keys: Keys, ids: Sequence[str] | None = None) -> list[tuple[Any, ...]]:
    """Snapshot rows built from ``events`` (all dated events, or those of ``ids``)."""
    base = ("SELECT id, COALESCE(country, 'XX'), COALESCE(admin1, ''), category, event_date, fatalities_low, "
            f"fatalities_best, fatalities_high, marking_rank, {_source_sql(store)} FROM events "
            "WHERE event_date IS NOT NULL")
    if ids is None:
        events = store.query(base)
        actor_rows = store.query("SELECT event_id, name FROM event_actors")
        flagged = {r[0] for r in store.query("SELECT event_id FROM event_flags WHERE flag = ?", (FLAG,))}
    else:
        events, actor_rows, flagged = [], [], set()
        for chunk in _chunks(ids):
            events += store.query(f"{base} AND {_in('id', len(chunk))}", chunk)
            actor_rows += store.query(f"SELECT event_id, name FROM event_actors WHERE {_in('event_id', len(chunk))}",
                                      chunk)
            flagged |= {r[0] for r in store.query(
                f"SELECT event_id FROM event_flags WHERE flag = ? AND {_in('event_id', len(chunk))}",
                [FLAG, *chunk])}
    actor_code = keys.codes["actor"]
    actors: dict[str, set[int]] = {}
    for eid, name in actor_rows:
        code = actor_code.get(name)
        if code is None:
            code = keys.code("actor", name)
        actors.setdefault(eid, set()).add(code)
    encode = keys.code
    swap = sys.byteorder != "little"
    parse = date.fromisoformat
    out = []
    for eid, country, admin1, category, day_text, low, best, high, rank, sources in events:
        day = parse(day_text[:10]).toordinal()
        c, a, g = encode("country", country), encode("admin1", admin1), encode("category", category)
        acts = sorted(actors.get(eid, ()))
        srcs = sorted({encode("source", s) for s in _ids_of(sources)})
        packed = array("i", [c, a, g, day, low, best, high, rank, len(acts), *acts, *srcs])
        if swap:
            packed.byteswap()
        out.append((eid, c, a, g, day, int(rank), 1 if eid in flagged else 0, packed.tobytes()))
    return out


_COLUMNS = ("event_id", "country", "admin1", "category", "day", "marking_rank", "near_infra", "packed")


def insert_rows(store: Store, table: str, columns: Sequence[str], rows: Iterable[Sequence[Any]]) -> None:
    """Bulk insert inside the caller's transaction (``COPY`` on PostgreSQL, see ``Store.insert_many``)."""
    store.insert_many(table, columns, rows)


def write_all(store: Store, rows: list[tuple[Any, ...]]) -> None:
    """Replace the whole snapshot (indexes rebuilt after the bulk insert)."""
    store.execute("DELETE FROM analysis_events")
    for name, _ in _INDEXES:
        store.execute(f"DROP INDEX IF EXISTS {name}")
    rows.sort(key=lambda r: (r[1], r[4]))  # country, day: the order incremental reads use
    insert_rows(store, "analysis_events", _COLUMNS, rows)
    for _, ddl in _INDEXES:
        store.execute(ddl)


def replace(store: Store, ids: Sequence[str], rows: list[tuple[Any, ...]]) -> None:
    for chunk in _chunks(ids):
        store.execute(f"DELETE FROM analysis_events WHERE {_in('event_id', len(chunk))}", chunk)
    insert_rows(store, "analysis_events", _COLUMNS, rows)


def current(store: Store, ids: Sequence[str]) -> list[tuple[Any, ...]]:
    """The snapshot rows of ``ids`` as they are now, shaped like :func:`event_rows`."""
    out: list[tuple[Any, ...]] = []
    for chunk in _chunks(ids):
        out += [(*r[:7], bytes(r[7])) for r in store.query(
            "SELECT event_id, country, admin1, category, day, marking_rank, near_infra, packed "
            f"FROM analysis_events WHERE {_in('event_id', len(chunk))}", chunk)]
    return out


def refresh_near(store: Store) -> None:
    """Re-read the near-infrastructure flag of every snapshot row (after re-flagging all events)."""
    store.execute(
        "UPDATE analysis_events SET near_infra = 1 - near_infra WHERE near_infra <> CASE WHEN EXISTS "
        "(SELECT 1 FROM event_flags f WHERE f.event_id = analysis_events.event_id AND f.flag = ?) "
        "THEN 1 ELSE 0 END", (FLAG,))


def read_all(store: Store) -> Frame:
    return decode(store.query("SELECT ek, packed, near_infra FROM analysis_events"))


def read_ranges(store: Store, ranges: dict[int, list[tuple[int, int]]]) -> Frame:
    """Snapshot events of country code -> [(first day, last day), ...] (ranges merged first)."""
    rows: list[tuple[Any, ...]] = []
    for country, spans in ranges.items():
        for lo, hi in _merge(spans):
            rows += store.query("SELECT ek, packed, near_infra FROM analysis_events WHERE country = ? "
                                "AND day >= ? AND day <= ?", (country, lo, hi))
    return decode(rows)


def _merge(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for lo, hi in sorted(spans):
        if out and lo <= out[-1][1] + 1:
            out[-1] = (out[-1][0], max(out[-1][1], hi))
        else:
            out.append((lo, hi))
    return out


def unpack(blob: bytes) -> np.ndarray:
    return np.frombuffer(bytes(blob), dtype="<i4").astype(np.int64)


def decode(rows: list[tuple[Any, ...]]) -> Frame:
    """A :class:`Frame` from (ek, packed, near_infra) rows."""
    n = len(rows)
    if n == 0:
        z = np.zeros(0, dtype=np.int64)
        return Frame(z, z, z, z, z, z, z, z, z, z, z, z, z, z)
    eks, blobs, near = zip(*rows, strict=True)
    lens = np.fromiter(map(len, blobs), dtype=np.int64, count=n) // 4
    if not isinstance(blobs[0], bytes):  # a driver may hand out memoryviews
        blobs = tuple(map(bytes, blobs))
    buf = np.frombuffer(b"".join(blobs), dtype="<i4").astype(np.int64)
    starts = np.cumsum(lens) - lens
    head = [buf[starts + j] for j in range(HEADER)]
    n_actors = head[8]
    n_sources = lens - HEADER - n_actors

    def pairs(counts: np.ndarray, first: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        ev = np.repeat(np.arange(n, dtype=np.int64), counts)
        within = np.arange(len(ev), dtype=np.int64) - np.repeat(np.cumsum(counts) - counts, counts)
        return ev, buf[first[ev] + within]

    a_ev, a_code = pairs(n_actors, starts + HEADER)
    s_ev, s_code = pairs(n_sources, starts + HEADER + n_actors)
    return Frame(np.fromiter(eks, dtype=np.int64, count=n), head[0], head[1], head[2], head[3], head[4],
                 head[5], head[6], np.fromiter(near, dtype=np.int64, count=n), head[7], a_ev, a_code, s_ev,
                 s_code)


# --- reading helpers for trackers, alerts and profiles ----------------------------------------

def code_of(store: Store, kind: str, value: str) -> int | None:
    rows = store.query("SELECT code FROM analysis_keys WHERE kind = ? AND value = ?", (kind, value))
    return int(rows[0][0]) if rows else None


def first_day(store: Store, country: str, max_rank: int) -> date | None:
    """The day of a country's first counted event at or below ``max_rank``."""
    code = code_of(store, "country", country)
    if code is None:
        return None
    found = store.query("SELECT MIN(day) FROM analysis_events WHERE country = ? AND marking_rank <= ?",
                        (code, max_rank))[0][0]
    return None if found is None else date.fromordinal(int(found))


def event_ids(store: Store, country: str, start: date, end: date, max_rank: int, *, admin1: str | None = None,
              category: str | None = None, limit: int = 500) -> list[str]:
    """Counted events of a country between two days (inclusive), oldest first."""
    sql = ("SELECT event_id FROM analysis_events WHERE country = ? AND day >= ? AND day <= ? "
           "AND marking_rank <= ?")
    code = code_of(store, "country", country)
    if code is None:
        return []
    params: list[Any] = [code, start.toordinal(), end.toordinal(), max_rank]
    for kind, value in (("admin1", admin1), ("category", category)):
        if value is not None:
            found = code_of(store, kind, value)
            if found is None:
                return []
            sql += f" AND {kind} = ?"
            params.append(found)
    return [r[0] for r in store.query(sql + " ORDER BY day, event_id LIMIT ?", [*params, limit])]


def actor_events(store: Store, pattern: str, start: date, end: date, max_rank: int, *,
                 country: str | None = None, category: str | None = None) -> dict[str, list[str]]:
    """country -> ids of counted events between two days with an actor whose name contains ``pattern``."""
    codes = np.array(sorted(int(r[0]) for r in store.query(
        "SELECT code FROM analysis_keys WHERE kind = 'actor' AND LOWER(value) LIKE ?", (f"%{pattern.lower()}%",))),
        dtype=np.int64)
    countries = dict(store.query("SELECT code, value FROM analysis_keys WHERE kind = 'country'"))
    if country is not None:
        countries = {k: v for k, v in countries.items() if v == country}
    category_code = code_of(store, "category", category) if category else None
    out: dict[str, list[str]] = {}
    if not len(codes) or (category and category_code is None):
        return out
    for code, name in sorted(countries.items(), key=lambda kv: kv[1]):
        sql = ("SELECT event_id, packed FROM analysis_events WHERE country = ? AND day >= ? AND day <= ? "
               "AND marking_rank <= ?")
        params: list[Any] = [code, start.toordinal(), end.toordinal(), max_rank]
        if category_code is not None:
            sql += " AND category = ?"
            params.append(category_code)
        for eid, packed in store.query(sql, params):
            values = unpack(packed)
            if np.isin(values[HEADER:HEADER + int(values[8])], codes).any():
                out.setdefault(name, []).append(eid)
    return {k: sorted(v) for k, v in out.items()}


def top_actors(store: Store, country: str, since: date, max_rank: int, limit: int = 10) -> list[tuple[str, int]]:
    """The actors in most counted events of a country since a day: (name, events), most first."""
    code = code_of(store, "country", country)
    if code is None:
        return []
    counts: dict[int, int] = {}
    for (packed,) in store.query("SELECT packed FROM analysis_events WHERE country = ? AND day >= ? "
                                 "AND marking_rank <= ?", (code, since.toordinal(), max_rank)):
        values = unpack(packed)
        for k in values[HEADER:HEADER + int(values[8])].tolist():
            counts[k] = counts.get(k, 0) + 1
    if not counts:
        return []
    top = sorted(counts.items(), key=lambda kv: -kv[1])
    cut = top[min(limit, len(top)) - 1][1]  # every actor tied with the last place, for the name order
    wanted = [k for k, n in top if n >= cut]
    names: dict[int, str] = {}
    for chunk in _chunks(wanted):
        names.update(store.query(
            f"SELECT code, value FROM analysis_keys WHERE kind = 'actor' AND {_in('code', len(chunk))}", chunk))
    counts = {k: counts[k] for k in wanted}
    return sorted(((names[k], n) for k, n in counts.items()), key=lambda x: (-x[1], x[0]))[:limit]
