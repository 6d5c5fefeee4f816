"""The JSON shape of a place, shared by ``steppewatch geocode`` and the coding output."""

from __future__ import annotations

from typing import Any

from ..models import Place


def place_to_json(place: Place) -> dict[str, Any]:
    """``{"text","start","end","geonameid","name","country","admin1":{"iso","name"},"admin2",
    "lat","lon","precision":{"acled","ucdp"},"confidence"}`` plus ``reason`` when unresolved, or
    when the place stands in for a name the gazetteer lacks (the province the text puts it in)."""
    out: dict[str, Any] = {
        "text": place.text,
        "start": place.start,
        "end": place.end,
        "geonameid": place.geonameid,
        "name": place.name,
        "country": place.country,
        "admin1": {"iso": place.admin1_iso, "name": place.admin1_name} if place.admin1_iso else None,
        "admin2": place.admin2,
        "lat": place.lat,
        "lon": place.lon,
        "feature_code": place.feature_code,
        "precision": {"acled": place.precision_acled, "ucdp": place.precision_ucdp},
        "confidence": place.confidence,
    }
    if place.geonameid is None or place.reason:
        out["reason"] = place.reason
    return out


def place_from_json(data: dict[str, Any]) -> Place:
    """Inverse of :func:`place_to_json`."""
    admin1 = data.get("admin1") or {}
    prec = data.get("precision") or {}
    return Place(
        name=data["name"], country=data.get("country"), geonameid=data.get("geonameid"),
        admin1_iso=admin1.get("iso"), admin1_name=admin1.get("name"), admin2=data.get("admin2"),
        lat=data.get("lat"), lon=data.get("lon"), precision_acled=prec.get("acled", 3),
        precision_ucdp=prec.get("ucdp", 6), feature_code=data.get("feature_code"),
        text=data.get("text"), start=data.get("start"), end=data.get("end"),
        confidence=data.get("confidence", 0), reason=data.get("reason"),
    )


def geocode_jsonl(lines: Any, geoparser: Any) -> Any:
    """Geocode JSON lines ``{"id","text","language"?,"country"?}``; yields output dicts.

    Raises :class:`~steppewatch.errors.InputError` naming the line for bad input.
    """
    import json

    from ..errors import InputError

    for n, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            raise InputError(f"line {n} is not JSON ({exc.msg})", input="geocode input") from exc
        if not isinstance(row, dict) or not isinstance(row.get("text"), str):
            raise InputError(f'line {n} needs a "text" string', input="geocode input")
        places = geoparser.parse(row["text"], row.get("language"), row.get("country"))
        event = geoparser.event_place(places, row["text"])
        yield {"id": row.get("id"), "places": [place_to_json(p) for p in places],
               "event_place": place_to_json(event) if event else None}
