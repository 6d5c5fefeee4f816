"""The event list without decoding records: stored event JSON is passed through as it is.

Each event row's ``data`` column already holds ``Event.to_dict()``; the list endpoint splices the
few derived fields (marking label, approximate, precision label, source count, country name)
into that text instead of decoding and re-encoding every record, which keeps a page of 50
events to a few milliseconds.
"""

from __future__ import annotations

import json
import math
from dataclasses import replace
from typing import Any

from ..store import EventFilter, Store
from ..vocab import COUNTRY_NAMES, UCDP_WHERE_PREC, Tlp

_LABELS = {t.value: t.label for t in Tlp}


def event_rows(store: Store, flt: EventFilter, *, limit: int, after: str | None = None) -> list[tuple[Any, ...]]:
    """``(data, marking, precision_ucdp, lat, n_sources, country, day, id)`` in ``query_events`` order."""
    if flt.marking and Tlp.parse(flt.marking).rank > Tlp.parse(flt.max_marking).rank:
        return []  # a marking above the reader's clearance: nothing to look for
    # The store's own filter SQL, so results match query_events; dates and the box are rewritten so
    # the planner walks the list-order index (COALESCE(event_date, ''), id) instead of sorting.
    where, params = store.event_where(replace(flt, since=None, until=None, bbox=None))
    if flt.since:
        where.append("COALESCE(event_date, '') >= ?")
        params.append(flt.since.isoformat())
    if flt.until:  # as the store: undated events are outside any date range ('' sorts before '0')
        where.append("COALESCE(event_date, '') BETWEEN '0' AND ?")
        params.append(flt.until.isoformat())
    if flt.bbox and store.dialect == "sqlite":  # unary plus: no lon/lat index, keep the order index
        where.append("+lon >= ? AND +lat >= ? AND +lon <= ? AND +lat <= ?")
        params += list(flt.bbox)
    elif flt.bbox:
        where.append(box_literals(flt.bbox))
    if after:
        day, _, eid = after.partition("|")
        where.append("(COALESCE(event_date, '') < ? OR (COALESCE(event_date, '') = ? AND id < ?))")
        params += [day, day, eid]
    return store.query(
        "SELECT data, marking, precision_ucdp, lat, n_sources, country, COALESCE(event_date, ''), id FROM events "
        "WHERE " + " AND ".join(where) + f" ORDER BY COALESCE(event_date, '') DESC, id DESC LIMIT {int(limit)}",
        params)


def box_literals(bbox: tuple[float, float, float, float]) -> str:
    """The box as SQL with its numbers written in, for PostgreSQL.

    psycopg prepares a statement it has run five times, and PostgreSQL then may switch to a
    generic plan that cannot see bound values: it guesses a box matches a handful of rows and
    reads every event in the box through the lon/lat index, then sorts (seconds at 10 million
    events). With the numbers in the text the planner weighs each box: a wide one walks the
    list-order index, a small one uses the lon/lat index. The numbers are finite floats
    (``params.parse_bbox`` checks them), so writing them in is safe.
    """
    lo_lon, lo_lat, hi_lon, hi_lat = (float(v) for v in bbox)
    if not all(math.isfinite(v) for v in (lo_lon, lo_lat, hi_lon, hi_lat)):
        raise ValueError(f"bbox must hold finite numbers: {bbox!r}")
    return f"lon >= {lo_lon!r} AND lat >= {lo_lat!r} AND lon <= {hi_lon!r} AND lat <= {hi_lat!r}"


def spliced(row: tuple[Any, ...]) -> str:
    """The stored event JSON with the derived fields ``serialize.event_json`` adds."""
    data, marking, precision, lat, n_sources, country = row[:6]
    approximate = lat is None or precision is None or precision > 2
    extra = {
        "marking_label": _LABELS.get(marking, marking),
        "n_sources": n_sources,
        "approximate": approximate,
        "precision_label": UCDP_WHERE_PREC.get(precision) if precision else "unknown location",
        "country_name": COUNTRY_NAMES.get(country or "", country),
    }
    text = str(data).rstrip()
    tail = json.dumps(extra, ensure_ascii=False, separators=(",", ":"))[1:]
    return text[:-1] + ("," if text != "{}" else "") + tail


def cursor_of(row: tuple[Any, ...]) -> str:
    return f"{row[6]}|{row[7]}"


COUNT_CAP = 10_000  # PostgreSQL counts exactly up to this many matches, then estimates


def count_total(store: Store, flt: EventFilter, cap: int = COUNT_CAP) -> tuple[int, bool]:
    """``(total, is_estimate)`` for ``count=true``: exact on SQLite and up to ``cap`` on PostgreSQL.

    Counting a million matching rows on PostgreSQL reads each row's page for its marking (seconds
    at 10 million events). Beyond ``cap`` matches the total is the planner's row estimate for the
    same conditions (from the table statistics ``ANALYZE`` keeps), never below ``cap + 1``.
    """
    if store.dialect == "sqlite":
        return store.count_events(flt), False
    if flt.marking and Tlp.parse(flt.marking).rank > Tlp.parse(flt.max_marking).rank:
        return 0, False
    where, params = store.event_where(flt)
    sql = "SELECT 1 FROM events WHERE " + " AND ".join(where)
    exact = int(store.query(f"SELECT COUNT(*) FROM ({sql} LIMIT {int(cap) + 1}) capped", params)[0][0])
    if exact <= cap:
        return exact, False
    plan = store.query("EXPLAIN (FORMAT JSON) " + sql, params)[0][0]
    plan = json.loads(plan) if isinstance(plan, str) else plan
    return max(cap + 1, int(plan[0]["Plan"]["Plan Rows"])), True
