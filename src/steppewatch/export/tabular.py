"""Flat exports: CSV (one row per event) and JSON lines (one full event record per line)."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable
from typing import IO, Any

from ..models import Event

CSV_COLUMNS: tuple[str, ...] = (
    "id", "event_date", "date_precision", "category", "subtype", "country", "admin1", "admin1_name",
    "place_name", "lat", "lon", "approximate", "precision_ucdp", "precision_acled", "fatalities_low",
    "fatalities_best", "fatalities_high", "injured", "arrested", "actors", "n_sources", "source_ids",
    "confidence", "marking", "origin", "origin_ref", "summary", "first_seen", "last_seen",
)
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def event_row(e: Event) -> dict[str, Any]:
    """One flat row; ``approximate`` is true when the place must not be drawn as an exact point."""
    p = e.place
    return {
        "id": e.id,
        "event_date": e.date.value.isoformat() if e.date.value else "",
        "date_precision": e.date.precision,
        "category": e.category,
        "subtype": e.subtype or "",
        "country": e.country or (p.country if p else "") or "",
        "admin1": (p.admin1_iso if p else None) or "",
        "admin1_name": (p.admin1_name if p else None) or "",
        "place_name": p.name if p else "",
        "lat": p.lat if p and p.lat is not None else "",
        "lon": p.lon if p and p.lon is not None else "",
        "approximate": "false" if p and p.is_exact else "true",
        "precision_ucdp": p.precision_ucdp if p else "",
        "precision_acled": p.precision_acled if p else "",
        "fatalities_low": e.fatalities.low,
        "fatalities_best": e.fatalities.best,
        "fatalities_high": e.fatalities.high,
        "injured": e.injured.best,
        "arrested": e.arrested.best,
        "actors": "; ".join(f"{a.name} ({a.role})" for a in e.actors),
        "n_sources": e.n_sources,
        "source_ids": "; ".join(dict.fromkeys(e.source_ids)),
        "confidence": e.confidence,
        "marking": e.marking.label,
        "origin": e.origin,
        "origin_ref": e.origin_ref or "",
        "summary": e.summary or "",
        "first_seen": e.first_seen.isoformat() if e.first_seen else "",
        "last_seen": e.last_seen.isoformat() if e.last_seen else "",
    }


def _safe(value: Any) -> Any:
    """Neutralise spreadsheet formulas in text cells (OWASP "CSV injection")."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def write_csv(events: Iterable[Event], fh: IO[str]) -> int:
    """Write a header and one row per event; returns the number of events written."""
    writer = csv.DictWriter(fh, fieldnames=CSV_COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    n = 0
    for e in events:
        writer.writerow({k: _safe(v) for k, v in event_row(e).items()})
        n += 1
    return n


def write_jsonl(events: Iterable[Event], fh: IO[str]) -> int:
    """One complete event record (``Event.to_dict``) per line; returns the count."""
    n = 0
    for e in events:
        fh.write(json.dumps(e.to_dict(), ensure_ascii=False, separators=(",", ":")) + "\n")
        n += 1
    return n
