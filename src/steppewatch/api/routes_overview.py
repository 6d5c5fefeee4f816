"""/api/v1: map points, weekly series, boundaries, countries, indicators, alerts, the caller."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import Response

from ..auth.audit import recent_audit
from ..auth.users import User
from ..store import Store
from ..vocab import CATEGORIES, COUNTRY_NAMES, REGION
from .errors import not_found
from .overview import admin1_levels, boundaries, country_points, map_points, weekly_series
from .params import EventQuery, event_query
from .profiles import alerts, country_profile, indicators
from .security import current_user, get_auth, require
from .serialize import ceiling

router = APIRouter(prefix="/api/v1", tags=["overview"])


def get_store(request: Request) -> Store:
    return request.app.state.store  # type: ignore[no-any-return]


@router.get("/map/events", summary="Compact event points for the map (newest 5,000)")
def map_events(request: Request, query: EventQuery = Depends(event_query),
               user: User = Depends(current_user)) -> dict[str, Any]:
    return {**map_points(get_store(request), query.to_filter(user.max_marking)), "marking_ceiling": ceiling(user)}


@router.get("/map/boundaries", summary="Loaded admin-1 polygons (simplified GeoJSON) and country points")
def map_boundaries(request: Request, user: User = Depends(current_user)) -> dict[str, Any]:
    store = get_store(request)
    return {**boundaries(store), "countries": country_points(), "levels": admin1_levels(store, user)}


@router.get("/series/weekly", summary="Events per category per ISO week")
def series(request: Request, weeks: int = Query(26, ge=1, le=260), country: str | None = Query(None),
           user: User = Depends(current_user)) -> dict[str, Any]:
    return {**weekly_series(get_store(request), user, weeks=weeks, country=_country(country) if country else None),
            "marking_ceiling": ceiling(user)}


@router.get("/vocab", summary="Categories, subtypes and countries")
def vocab(user: User = Depends(current_user)) -> dict[str, Any]:
    return {"categories": {k: list(v) for k, v in CATEGORIES.items()},
            "countries": {c: COUNTRY_NAMES[c] for c in REGION}}


def _country(code: str) -> str:
    code = code.upper()
    if code not in COUNTRY_NAMES:
        raise not_found("country", code)
    return code


@router.get("/countries", summary="Watched countries with their event counts")
def countries(request: Request, user: User = Depends(current_user)) -> dict[str, Any]:
    rows = dict(get_store(request).query(
        "SELECT country, COUNT(*) FROM events WHERE marking_rank <= ? AND country IS NOT NULL GROUP BY country",
        (user.max_marking.rank,)))
    return {"data": [{"country": c, "name": COUNTRY_NAMES[c], "events": int(rows.get(c, 0)),
                      "url": f"/api/v1/countries/{c}"} for c in REGION], "marking_ceiling": ceiling(user)}


@router.get("/countries/{country}", summary="Country profile: indicators, actors, places, outside powers")
def country(country: str, request: Request, user: User = Depends(current_user)) -> dict[str, Any]:
    code = _country(country)
    return {**country_profile(get_store(request), user, code), "marking_ceiling": ceiling(user)}


@router.get("/indicators", summary="Indicator rows per period, country, admin-1 and category")
def get_indicators(
    request: Request,
    kind: str = Query("week", pattern="^(week|month)$"),
    country: str | None = Query(None),
    admin1: str | None = Query("*", description="'*' = all admin-1 units rolled up; empty = every unit"),
    category: str | None = Query("*", description="'*' = all categories rolled up; empty = every category"),
    since: str | None = Query(None, description="First period, YYYY-MM-DD"),
    until: str | None = Query(None, description="Last period, YYYY-MM-DD"),
    user: User = Depends(current_user),
) -> dict[str, Any]:
    rows = indicators(get_store(request), user, kind=kind, country=_country(country) if country else None,
                      admin1=admin1 or None, category=category or None, since=since, until=until)
    return {"data": rows, "marking_ceiling": ceiling(user)}


@router.get("/alerts", summary="Alerts newest first")
def list_alerts(request: Request, limit: int = Query(50, ge=1, le=500), country: str | None = Query(None),
                user: User = Depends(current_user)) -> dict[str, Any]:
    data = alerts(get_store(request), user, limit=limit, country=_country(country) if country else None)
    return {"data": data, "marking_ceiling": ceiling(user)}


@router.get("/alerts.atom", summary="Alerts as an Atom feed", response_class=Response)
def alerts_atom(request: Request, user: User = Depends(current_user)) -> Response:
    from ..alerts.channels import atom_feed
    from ..alerts.store import list_alerts

    found = list_alerts(get_store(request), limit=100, max_marking=user.max_marking)
    text = atom_feed(found, base_url=str(request.base_url).rstrip("/"), max_marking=user.max_marking)
    return Response(text, media_type="application/atom+xml")


@router.get("/me", summary="Who you are: role, clearance, organisation")
def me(request: Request, user: User = Depends(current_user)) -> dict[str, Any]:
    via = getattr(request.state, "via", None)
    tokens = get_auth(request).users.tokens(user.username) if not user.anonymous else []
    return {**user.to_dict(), "via": via, "tokens": tokens}


@router.get("/audit", summary="The audit log (admins)")
def audit_log(request: Request, limit: int = Query(200, ge=1, le=5000), action: str | None = Query(None),
              user: User = Depends(current_user)) -> dict[str, Any]:
    require(user, "audit")
    return {"data": recent_audit(get_store(request), limit=limit, action=action)}
