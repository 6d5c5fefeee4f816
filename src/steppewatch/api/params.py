"""Query parameters shared by the event list, the map, exports and pages."""

from __future__ import annotations

import base64
import binascii
from dataclasses import dataclass
from datetime import date

from fastapi import Query

from ..errors import InputError
from ..store import EventFilter
from ..vocab import CATEGORY_KEYS, Tlp


@dataclass
class EventQuery:
    """The filters as given, before they are checked and capped at the reader's clearance."""

    country: str | None = None
    admin1: str | None = None
    category: str | None = None
    actor: str | None = None
    since: date | None = None
    until: date | None = None
    q: str | None = None
    bbox: str | None = None
    min_confidence: int | None = None
    marking: str | None = None
    origin: str | None = None

    def to_filter(self, max_marking: Tlp) -> EventFilter:
        country = (self.country or "").strip().upper() or None
        if country and (len(country) != 2 or not country.isalpha()):
            raise InputError("use an ISO 3166-1 alpha-2 code such as KG", input="country")
        category = (self.category or "").strip().lower() or None
        if category and category not in CATEGORY_KEYS:
            raise InputError(f"unknown category; use one of: {', '.join(CATEGORY_KEYS)}", input="category")
        marking = None
        if self.marking:
            try:
                marking = Tlp.parse(self.marking).value
            except ValueError as exc:
                raise InputError(str(exc), input="marking") from None
        if self.since and self.until and self.since > self.until:
            raise InputError("since is after until", input="since")
        return EventFilter(
            country=country, admin1=(self.admin1 or "").strip() or None, category=category,
            actor=(self.actor or "").strip() or None, since=self.since, until=self.until,
            text=(self.q or "").strip() or None, bbox=parse_bbox(self.bbox),
            min_confidence=self.min_confidence, marking=marking, max_marking=max_marking,
            origin=(self.origin or "").strip() or None,
        )

    def as_params(self) -> dict[str, str]:
        """Non-empty filters as query parameters (to build next-page and export links)."""
        out = {}
        for key, value in vars(self).items():
            if value not in (None, ""):
                out[key] = value.isoformat() if isinstance(value, date) else str(value)
        return out


def event_query(
    country: str | None = Query(None, description="ISO 3166-1 alpha-2 country code, e.g. KG", max_length=2),
    admin1: str | None = Query(None, description="ISO 3166-2 first-level division, e.g. KG-B", max_length=12),
    category: str | None = Query(None, description="Event category key, e.g. border"),
    actor: str | None = Query(None, description="Actor name (case-insensitive) or actor id", max_length=200),
    since: str | None = Query(None, description="Earliest event date, YYYY-MM-DD", max_length=10),
    until: str | None = Query(None, description="Latest event date, YYYY-MM-DD", max_length=10),
    q: str | None = Query(None, description="Full-text search over the events' documents", max_length=200),
    bbox: str | None = Query(None, description="min_lon,min_lat,max_lon,max_lat"),
    min_confidence: str | None = Query(None, description="Lowest confidence, 0-100", max_length=3),
    marking: str | None = Query(None, description="Only this TLP marking, e.g. green (capped at your clearance)"),
    origin: str | None = Query(None, description="coded, ucdp, acled or gdelt"),
) -> EventQuery:
    # Empty form fields arrive as empty strings: they mean "no filter", not an error.
    return EventQuery(country, admin1, category, actor, _date(since, "since"), _date(until, "until"), q, bbox,
                      _confidence(min_confidence), marking, origin)


def _date(text: str | None, name: str) -> date | None:
    if not text:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise InputError("use a date such as 2024-03-05", input=name) from None


def _confidence(text: str | None) -> int | None:
    if not text:
        return None
    if not text.isdigit() or not 0 <= int(text) <= 100:
        raise InputError("use a whole number from 0 to 100", input="min_confidence")
    return int(text)


def parse_bbox(text: str | None) -> tuple[float, float, float, float] | None:
    if not text:
        return None
    try:
        parts = tuple(float(x) for x in text.split(","))
    except ValueError:
        parts = ()
    if len(parts) != 4:
        raise InputError("give four numbers: min_lon,min_lat,max_lon,max_lat", input="bbox")
    min_lon, min_lat, max_lon, max_lat = parts
    if not (-180 <= min_lon <= max_lon <= 180 and -90 <= min_lat <= max_lat <= 90):
        raise InputError("coordinates out of range or min greater than max", input="bbox")
    return parts  # type: ignore[return-value]


def encode_cursor(raw: str) -> str:
    return base64.urlsafe_b64encode(raw.encode("utf-8")).decode("ascii").rstrip("=")


def decode_cursor(cursor: str | None) -> str | None:
    if not cursor:
        return None
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode("utf-8")
    except (binascii.Error, UnicodeDecodeError, ValueError):
        raise InputError("not a cursor this API returned", input="cursor") from None
    if "|" not in raw:
        raise InputError("not a cursor this API returned", input="cursor")
    return raw
