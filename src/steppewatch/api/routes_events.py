"""/api/v1/events: filtered list with cursor pagination, detail, map points and exports."""

from __future__ import annotations

import io
import json
import logging
import queue
import threading
from collections.abc import Iterator
from datetime import date
from typing import Any

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import Response, StreamingResponse

from ..auth.audit import audit
from ..auth.users import User
from ..export import FORMATS, iter_events, writer_for
from ..models import Event
from ..store import Store
from .errors import not_found
from .fastlist import count_total, cursor_of, event_rows, spliced
from .params import EventQuery, decode_cursor, encode_cursor, event_query
from .security import client_ip, current_user, require
from .serialize import ceiling, event_detail

log = logging.getLogger(__name__)
router = APIRouter(prefix="/api/v1", tags=["events"])
VIEWER_EXPORT_LIMIT = 10_000  # rows a viewer may export at once; analysts and admins have no cap
MAP_LIMIT = 5_000


def get_store(request: Request) -> Store:
    return request.app.state.store  # type: ignore[no-any-return]


@router.get("/events", summary="List events, newest first",
            responses={200: {"description": "`{data: [event], next_cursor, next, limit, marking_ceiling}`"}})
def list_events(
    request: Request,
    query: EventQuery = Depends(event_query),
    limit: int = Query(50, ge=1, le=500, description="Events per page"),
    cursor: str | None = Query(None, description="`next_cursor` of the previous page"),
    count: bool = Query(False, description="Also return the total number of matching events"),
    user: User = Depends(current_user),
) -> Response:
    store = get_store(request)
    flt = query.to_filter(user.max_marking)
    rows = event_rows(store, flt, limit=limit + 1, after=decode_cursor(cursor))
    more = len(rows) > limit
    rows = rows[:limit]
    next_cursor = encode_cursor(cursor_of(rows[-1])) if more and rows else None
    tail: dict[str, Any] = {
        "next_cursor": next_cursor,
        "next": _link(request, query, limit, next_cursor) if next_cursor else None,
        "limit": limit,
        "marking_ceiling": ceiling(user),
    }
    if count:  # exact, except beyond COUNT_CAP matches on PostgreSQL, where it says it is an estimate
        tail["total"], tail["total_is_estimate"] = count_total(store, flt)
    body = '{"data":[' + ",".join(spliced(r) for r in rows) + "]," + json.dumps(tail)[1:]
    return Response(body, media_type="application/json")


def _link(request: Request, query: EventQuery, limit: int, cursor: str) -> str:
    from urllib.parse import urlencode

    return f"{request.url.path}?{urlencode({**query.as_params(), 'limit': limit, 'cursor': cursor})}"


@router.get("/events/export", summary="Export the filtered events as CSV, JSONL, GeoJSON or PLOVER JSONL")
def export_events(
    request: Request,
    query: EventQuery = Depends(event_query),
    format: str = Query("csv", pattern="^(csv|jsonl|geojson|plover)$", description="csv, jsonl, geojson, plover"),
    limit: int | None = Query(None, ge=1, description="At most this many events"),
    user: User = Depends(current_user),
) -> StreamingResponse:
    require(user, "export")
    store = get_store(request)
    flt = query.to_filter(user.max_marking)
    if user.role == "viewer":
        limit = min(limit or VIEWER_EXPORT_LIMIT, VIEWER_EXPORT_LIMIT)
    media, suffix = FORMATS[format]
    events = iter_events(store, flt, limit=limit)
    handling = (f"Contains records marked up to {user.max_marking.label}; handle each record by its "
                f"own marking (TLP 2.0).")
    filename = f"steppewatch-events-{date.today().isoformat()}.{suffix}"
    headers = {"Content-Disposition": f'attachment; filename="{filename}"',
               "X-Steppewatch-Marking-Ceiling": user.max_marking.label,
               "X-Steppewatch-Handling": handling}
    meta = {"marking_ceiling": user.max_marking.label, "handling": handling}
    stream = _stream(store, user, client_ip(request), format, events, query, meta)
    return StreamingResponse(stream, media_type=media, headers=headers)


class _Cancelled(Exception):
    pass


class _QueueSink:
    """A text sink that hands ~64 KB chunks to a bounded queue (the response reads the other end)."""

    CHUNK = 65536

    def __init__(self, q: queue.Queue[str | None], cancel: threading.Event) -> None:
        self.q, self.cancel, self.buf = q, cancel, io.StringIO()

    def write(self, text: str) -> int:
        n = self.buf.write(text)
        if self.buf.tell() >= self.CHUNK:
            self.flush()
        return n

    def flush(self) -> None:
        if not self.buf.tell():
            return
        chunk = self.buf.getvalue()
        self.buf = io.StringIO()
        while True:
            if self.cancel.is_set():
                raise _Cancelled
            try:
                self.q.put(chunk, timeout=0.5)
                return
            except queue.Full:
                continue


def _stream(store: Store, user: User, ip: str, fmt: str, events: Iterator[Event], query: EventQuery,
            meta: dict[str, str]) -> Iterator[str]:
    """Run the writer in a thread that fills a bounded queue; log the export when it ends."""
    writer: Any = writer_for(fmt)
    q: queue.Queue[str | None] = queue.Queue(maxsize=8)
    cancel = threading.Event()
    state: dict[str, Any] = {"rows": 0, "complete": False}

    def counted() -> Iterator[Event]:
        for e in events:
            state["rows"] += 1
            yield e

    def work() -> None:
        sink = _QueueSink(q, cancel)
        try:
            if fmt == "geojson":
                writer(counted(), sink, meta=meta)
            else:
                writer(counted(), sink)
            sink.flush()
            state["complete"] = True
        except _Cancelled:
            pass
        except Exception:  # the response has started: log, end the stream early
            log.exception("export failed after %s rows", state["rows"])
        finally:
            while True:
                try:
                    q.put(None, timeout=0.5)
                    break
                except queue.Full:
                    if cancel.is_set():
                        break

    thread = threading.Thread(target=work, name="steppewatch-export", daemon=True)
    thread.start()
    try:
        while (chunk := q.get()) is not None:
            yield chunk
    finally:
        cancel.set()
        thread.join(timeout=5)
        audit(store, "export", user.username, ip, format=fmt, rows=state["rows"], complete=state["complete"],
              filters=query.as_params(), ceiling=user.max_marking.value)


@router.get("/events/{event_id}", summary="One event with mentions, evidence sentences and sources")
def get_event(event_id: str, request: Request, user: User = Depends(current_user)) -> dict[str, Any]:
    store = get_store(request)
    event = store.get_event(event_id, max_marking=user.max_marking)
    if event is None:
        raise not_found("event", event_id)
    return {**event_detail(store, event, user), "marking_ceiling": ceiling(user)}
