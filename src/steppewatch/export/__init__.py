"""Exports of event sets: CSV, JSON lines, GeoJSON and PLOVER-style JSON lines.

Every writer takes an iterable of events and a text file handle, so an export streams in
pages and memory stays flat. :func:`iter_events` reads a filtered set page by page; callers
pass the reader's clearance in ``EventFilter.max_marking`` so nothing above it is written.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import IO

from ..models import Event
from ..store import EventFilter, Store, event_cursor

Writer = Callable[[Iterable[Event], IO[str]], int]

#: format name -> (media type, file suffix)
FORMATS: dict[str, tuple[str, str]] = {
    "csv": ("text/csv; charset=utf-8", "csv"),
    "jsonl": ("application/x-ndjson", "jsonl"),
    "geojson": ("application/geo+json", "geojson"),
    "plover": ("application/x-ndjson", "plover.jsonl"),
}


def writer_for(fmt: str) -> Writer:
    """The writer of a format: built-ins and plugins registered as exporters."""
    from ..registry import get_registry

    if fmt == "geojson":
        from .geojson import write_geojson

        return write_geojson
    if fmt == "plover":
        from .plover import write_plover

        return write_plover
    return get_registry().get("exporter", fmt)  # type: ignore[return-value]


def iter_events(store: Store, flt: EventFilter, *, page: int = 1000, limit: int | None = None) -> Iterator[Event]:
    """Every event matching ``flt``, newest first, read ``page`` at a time."""
    after: str | None = None
    seen = 0
    while True:
        size = page if limit is None else min(page, limit - seen)
        if size <= 0:
            return
        batch = store.query_events(flt, limit=size, after=after)
        yield from batch
        seen += len(batch)
        if len(batch) < size:
            return
        after = event_cursor(batch[-1])


__all__ = ["FORMATS", "iter_events", "writer_for"]
