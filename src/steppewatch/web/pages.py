"""Dashboard pages: overview, country, event explorer, event detail, alerts, sources."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import Response

from ..api.errors import not_found
from ..api.notes import data_notes
from ..api.overview import boundaries, weekly_series
from ..api.params import EventQuery, decode_cursor, encode_cursor, event_query
from ..api.profiles import alerts, country_profile, indicators
from ..api.security import page_user
from ..api.serialize import event_detail, event_json, source_health, source_json, visible_sources
from ..auth.users import User
from ..errors import InputError
from ..store import Store, event_cursor
from ..vocab import COUNTRY_NAMES
from .render import render

router = APIRouter(include_in_schema=False)
PAGE_SIZE = 50


def get_store(request: Request) -> Store:
    return request.app.state.store  # type: ignore[no-any-return]


def _notes(store: Store, user: User, *, with_boundaries: bool = False) -> dict[str, Any]:
    sources = boundaries(store)["sources"] if with_boundaries else []
    notes = data_notes(store, user, boundary_sources=sources)
    return {"notes": notes, "synthetic": any(n.get("synthetic") for n in notes)}


@router.get("/")
def overview(request: Request, query: EventQuery = Depends(event_query),
             user: User = Depends(page_user)) -> Response:
    store = get_store(request)
    query.to_filter(user.max_marking)  # check the filters now, so a bad one is a clear 400
    series = weekly_series(store, user, weeks=26, country=(query.country or "").upper() or None)
    return render(request, "overview.html", {
        "title": "Overview", "query": query, "params": query.as_params(), "series": series,
        "alerts": alerts(store, user, limit=8), **_notes(store, user, with_boundaries=True),
    })


@router.get("/countries/{country}")
def country_page(country: str, request: Request, user: User = Depends(page_user)) -> Response:
    code = country.upper()
    if code not in COUNTRY_NAMES:
        raise not_found("country", code)
    store = get_store(request)
    profile = country_profile(store, user, code)
    months = indicators(store, user, kind="month", country=code)[-12:]
    return render(request, "country.html", {
        "title": COUNTRY_NAMES[code], "code": code, "profile": profile, "months": months,
        "series": weekly_series(store, user, weeks=26, country=code),
        "alerts": alerts(store, user, limit=10, country=code), "params": {"country": code},
        **_notes(store, user, with_boundaries=True),
    })


@router.get("/events")
def explorer(request: Request, query: EventQuery = Depends(event_query),
             cursor: str | None = Query(None), user: User = Depends(page_user)) -> Response:
    store = get_store(request)
    error = None
    events: list[Any] = []
    next_link = None
    try:
        flt = query.to_filter(user.max_marking)
        found = store.query_events(flt, limit=PAGE_SIZE + 1, after=decode_cursor(cursor))
        events = [event_json(e) for e in found[:PAGE_SIZE]]
        if len(found) > PAGE_SIZE:
            next_link = "/events?" + urlencode({**query.as_params(),
                                                "cursor": encode_cursor(event_cursor(found[PAGE_SIZE - 1]))})
    except InputError as exc:
        error = str(exc)
    params = query.as_params()
    return render(request, "events.html", {
        "title": "Event explorer", "query": query, "params": params, "events": events, "error": error,
        "next_link": next_link, "first_page": not cursor,
        "export_links": {fmt: "/api/v1/events/export?" + urlencode({**params, "format": fmt})
                         for fmt in ("csv", "geojson", "jsonl", "plover")},
        **_notes(store, user),
    }, status=400 if error else 200)


@router.get("/events/{event_id}")
def event_page(event_id: str, request: Request, user: User = Depends(page_user)) -> Response:
    store = get_store(request)
    event = store.get_event(event_id, max_marking=user.max_marking)
    if event is None:
        raise not_found("event", event_id)
    detail = event_detail(store, event, user)
    texts = {}
    for m in detail["mentions"]:
        doc = store.get_document(m["document_id"], max_marking=user.max_marking)
        if doc is not None and doc.id not in texts:
            texts[doc.id] = _highlighted(doc.text, [x["evidence"] for x in detail["mentions"]
                                                    if x["document_id"] == doc.id and x.get("evidence")])
    return render(request, "event.html", {
        "title": f"{event.category} event", "detail": detail, "e": detail["event"], "texts": texts,
        "page_marking": event.marking, **_notes(store, user, with_boundaries=True),
    })


def _highlighted(text: str, spans: list[dict[str, Any]]) -> list[tuple[str, bool]]:
    """The text cut into (piece, is_evidence) parts; the template escapes every piece."""
    cuts = sorted({(int(s["start"]), int(s["end"])) for s in spans
                   if 0 <= int(s["start"]) <= int(s["end"]) <= len(text)})
    parts: list[tuple[str, bool]] = []
    pos = 0
    for start, end in cuts:
        if start < pos:
            continue
        parts.append((text[pos:start], False))
        parts.append((text[start:end], True))
        pos = end
    parts.append((text[pos:], False))
    return [p for p in parts if p[0]]


@router.get("/alerts")
def alerts_page(request: Request, user: User = Depends(page_user)) -> Response:
    store = get_store(request)
    return render(request, "alerts.html", {"title": "Alerts", "alerts": alerts(store, user, limit=200),
                                           **_notes(store, user)})


@router.get("/alerts/{alert_id}")
def alert_link(alert_id: str) -> Response:
    """Feed entries link here; the alerts page holds each alert under its id."""
    from fastapi.responses import RedirectResponse

    return RedirectResponse(f"/alerts#{alert_id}", status_code=303)


@router.get("/sources")
def sources_page(request: Request, user: User = Depends(page_user)) -> Response:
    store = get_store(request)
    health = source_health(store)
    rows = [source_json(s, health.get(s.id)) for s in visible_sources(store, user).values()]
    counts = dict(store.query("SELECT source_id, COUNT(*) FROM documents WHERE marking_rank <= ? GROUP BY source_id",
                              (user.max_marking.rank,)))
    return render(request, "sources.html", {"title": "Sources", "sources": rows, "counts": counts,
                                            **_notes(store, user)})
