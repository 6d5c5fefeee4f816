"""Critical infrastructure (pipelines, dams, power plants) and events near it.

Files in Global Energy Monitor's formats are read as the user supplies them (nothing is
shipped): GGIT gas-pipeline CSV with a WKT ``geometry`` column, GEM pipeline-route GeoJSON,
and the Global Hydropower Tracker CSV with ``lat``/``lng``. Events within ``proximity_km`` of a
feature get the flag ``near_infrastructure`` in ``event_flags``, naming the nearest feature.
Distances use a local equirectangular approximation (error well under 1 % at these ranges).
"""

from __future__ import annotations

import csv
import json
import math
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from shapely import wkt
from shapely.affinity import scale
from shapely.geometry import Point, shape
from shapely.geometry.base import BaseGeometry
from shapely.strtree import STRtree

from ..errors import InputError
from ..models import stable_id, utcnow
from ..store import Store

KM_PER_DEGREE = 111.195  # mean Earth radius 6,371 km x pi / 180
FLAG = "near_infrastructure"
csv.field_size_limit(10_000_000)  # WKT routes can be long


@dataclass(frozen=True)
class Feature:
    id: str
    kind: str  # pipeline | dam | power_plant | terminal
    name: str
    country: str | None
    status: str | None
    geometry: BaseGeometry
    source: str


def _ggit_rows(path: Path, rows: list[dict[str, str]]) -> Iterator[Feature]:
    for r in rows:
        geom_text = (r.get("geometry") or "").strip()
        if not geom_text and r.get("Latitude") and r.get("Longitude"):
            geom_text = f"POINT ({r['Longitude']} {r['Latitude']})"
        if not geom_text:
            continue  # proposed lines without a route yet
        try:
            geom = wkt.loads(geom_text)
        except Exception as exc:  # shapely raises its own GEOS errors
            raise InputError(f"row {r.get('id')}: bad WKT geometry ({exc})", input=str(path)) from None
        kind = "terminal" if geom.geom_type == "Point" else "pipeline"
        yield Feature(stable_id("infra", path.name, r.get("id") or r.get("name", "")), kind,
                      r.get("name") or r.get("id") or "unnamed", r.get("areas") or None, r.get("status") or None,
                      geom, path.name)


def _hydro_rows(path: Path, rows: list[dict[str, str]]) -> Iterator[Feature]:
    for r in rows:
        try:
            lat, lon = float(r["lat"]), float(r["lng"])
        except (KeyError, ValueError):
            continue
        name = r.get("project_name") or r.get("gem_unit_id") or "unnamed"
        yield Feature(stable_id("infra", path.name, r.get("gem_unit_id") or name), "dam", name,
                      r.get("country") or None, r.get("status") or None, Point(lon, lat), path.name)


def _geojson(path: Path) -> Iterator[Feature]:
    data = json.loads(path.read_text(encoding="utf-8"))
    for i, f in enumerate(data.get("features", [])):
        props = f.get("properties") or {}
        if not f.get("geometry"):
            continue
        name = props.get("gem_name") or props.get("source_name_property") or props.get("name") or \
            props.get("ProjectID") or f"feature {i}"
        kind = "pipeline" if "pipeline" in str(props.get("kind", "pipeline")) else str(props.get("kind"))
        yield Feature(stable_id("infra", path.name, str(props.get("ProjectID")), str(i)), kind, str(name),
                      props.get("gem_areas"), props.get("gem_status"), shape(f["geometry"]), path.name)


def read_features(path: str | Path) -> list[Feature]:
    """Features from a GEM CSV or GeoJSON file, or every such file in a folder."""
    p = Path(path)
    if p.is_dir():
        files = sorted(x for x in p.rglob("*") if x.suffix.lower() in (".csv", ".geojson", ".json"))
        if not files:
            raise InputError("no .csv or .geojson files found", input=str(p))
        return [f for x in files for f in read_features(x)]
    if not p.is_file():
        raise InputError("file not found", input=str(p))
    if p.suffix.lower() in (".geojson", ".json"):
        return list(_geojson(p))
    with p.open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.DictReader(fh))
    header = set(rows[0]) if rows else set()
    if "geometry" in header:
        return list(_ggit_rows(p, rows))
    if {"lat", "lng"} <= header:
        return list(_hydro_rows(p, rows))
    raise InputError("not a GEM file: expected a 'geometry' (WKT) column or 'lat'/'lng' columns", input=str(p))


def load_infrastructure(store: Store, path: str | Path) -> int:
    """Store the features found at ``path`` (replacing those of the same files); returns how many."""
    features = read_features(path)
    now = utcnow().isoformat()
    with store.transaction():
        for source in {f.source for f in features}:
            store.execute("DELETE FROM infrastructure WHERE source = ?", (source,))
        store.executemany(
            "INSERT INTO infrastructure (id, kind, name, country, status, geometry, min_lon, min_lat, max_lon, "
            "max_lat, source, loaded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE "
            "SET geometry = excluded.geometry, name = excluded.name, loaded_at = excluded.loaded_at",
            [(f.id, f.kind, f.name, f.country, f.status, f.geometry.wkt, *f.geometry.bounds, f.source, now)
             for f in features])
    return len(features)


def _index(store: Store) -> tuple[list[tuple[str, str, str]], list[BaseGeometry], STRtree] | None:
    rows = store.query("SELECT id, kind, name, geometry FROM infrastructure ORDER BY id")
    if not rows:
        return None
    geoms = [wkt.loads(r[3]) for r in rows]
    return [(r[0], r[1], r[2]) for r in rows], geoms, STRtree(geoms)


def distance_km(geom: BaseGeometry, lat: float, lon: float) -> float:
    """Approximate distance from a point to a geometry in km (equirectangular around the point)."""
    k = math.cos(math.radians(lat))
    local = scale(geom, xfact=k, yfact=1.0, origin=(0, 0))
    return float(local.distance(Point(lon * k, lat))) * KM_PER_DEGREE


def flag_events(store: Store, km: float, *, since: str | None = None) -> int:
    """Flag events within ``km`` of stored infrastructure; returns how many are flagged now."""
    index = _index(store)
    sql = "SELECT id, lat, lon FROM events WHERE lat IS NOT NULL"
    params: list[Any] = []
    if since:
        sql += " AND updated_at >= ?"
        params.append(since)
    events = store.query(sql, params)
    flags = []
    if index is not None:
        meta, geoms, tree = index
        for eid, lat, lon in events:
            pad = km / KM_PER_DEGREE
            box = Point(lon, lat).buffer(pad / max(0.05, math.cos(math.radians(lat))), quad_segs=2).envelope
            best: tuple[float, int] | None = None
            for i in tree.query(box):
                d = distance_km(geoms[int(i)], lat, lon)
                if d <= km and (best is None or d < best[0]):
                    best = (d, int(i))
            if best is not None:
                fid, kind, name = meta[best[1]]
                flags.append((eid, FLAG, fid, f"{kind}: {name}", round(best[0], 2)))
    with store.transaction():
        if since:
            store.execute("DELETE FROM event_flags WHERE flag = ? AND event_id IN "
                          "(SELECT id FROM events WHERE updated_at >= ?)", (FLAG, since))
        else:
            store.execute("DELETE FROM event_flags WHERE flag = ?", (FLAG,))
        store.executemany("INSERT INTO event_flags (event_id, flag, ref, detail, distance_km) VALUES (?, ?, ?, ?, ?) "
                          "ON CONFLICT (event_id, flag) DO UPDATE SET ref = excluded.ref, detail = excluded.detail, "
                          "distance_km = excluded.distance_km", flags)
    return len(flags)


def has_infrastructure(store: Store) -> bool:
    return bool(store.query("SELECT 1 FROM infrastructure LIMIT 1"))
