"""GeoJSON (RFC 7946) FeatureCollection of events.

Events with coordinates become Point features; the ``approximate`` property says when the
point only stands for an area (UCDP ``where_prec`` 3 or coarser), so a map must draw an area or
mark it approximate. Events without coordinates keep a ``null`` geometry, as RFC 7946 section
3.2 allows, so the export holds the whole filtered set.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import IO, Any

from ..models import Event
from .tabular import event_row


def event_feature(e: Event) -> dict[str, Any]:
    p = e.place
    geometry = None
    if p is not None and p.lat is not None and p.lon is not None:
        geometry = {"type": "Point", "coordinates": [round(p.lon, 6), round(p.lat, 6)]}
    props = event_row(e)
    props.pop("lat")
    props.pop("lon")
    props["approximate"] = not (p is not None and p.is_exact)
    props["marking"] = e.marking.value
    props["actors"] = [a.to_dict() for a in e.actors]
    props["source_ids"] = list(dict.fromkeys(e.source_ids))
    return {"type": "Feature", "id": e.id, "geometry": geometry, "properties": props}


def write_geojson(events: Iterable[Event], fh: IO[str], *, meta: dict[str, Any] | None = None) -> int:
    """Stream a FeatureCollection feature by feature; returns the count."""
    head = {"type": "FeatureCollection", **(meta or {})}
    text = json.dumps(head, ensure_ascii=False)
    fh.write(text[:-1] + ', "features": [\n')
    n = 0
    for e in events:
        fh.write((",\n" if n else "") + json.dumps(event_feature(e), ensure_ascii=False, separators=(",", ":")))
        n += 1
    fh.write("\n]}\n")
    return n
