"""The event list without decoding records: stored event JSON is passed through as it is.

Each event row's ``data`` column already holds ``Event.to_dict()``; the list endpoint splices the
few derived fields (marking label, approximate, precision label, source count, country name)
into that text instead of decoding and re-encoding every record, which keeps a page of 50
events to a few milliseconds.
"""

from __future__ import annotations

import json
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
    if flt.bbox:
        plus = "+" if store.dialect == "sqlite" else ""  # unary plus: no lon/lat index, keep the order index
        where.append(f"{plus}lon >= ? AND {plus}lat >= ? AND {plus}lon <= ? AND {plus}lat <= ?")
        params += list(flt.bbox)
    if after:
        day, _, eid = after.partition("|")
        where.append("(COALESCE(event_date, '') < ? OR (COALESCE(event_date, '') = ? AND id < ?))")
        params += [day, day, eid]
    return store.query(
        "SELECT data, marking, precision_ucdp, lat, n_sources, country, COALESCE(event_date, ''), id FROM events "
        "WHERE " + " AND ".join(where) + " ORDER BY COALESCE(event_date, '') DESC, id DESC LIMIT ?",
        [*params, limit])


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
