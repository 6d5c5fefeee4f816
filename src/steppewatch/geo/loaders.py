"""Load user-supplied layers into the gazetteer: admin-1 polygons and energy infrastructure.

- Admin-1 boundaries: GeoJSON FeatureCollections of polygons (geoBoundaries ``shapeISO``,
  OSM/akbartus ``ADM1_EN``, Natural Earth ``iso_3166_2``/``name`` ...). Each feature is matched
  to an ISO 3166-2 code through its ISO property or, failing that, its names against the
  gazetteer's admin-1 units; unmatched features are counted and skipped.
- Infrastructure: Global Energy Monitor CSV (hydropower ``project_name``/``lat``/``lng``;
  pipelines ``name``/``Latitude``/``Longitude``) or GeoJSON (route lines, placed at their
  midpoint vertex). Each becomes a place (feature code ``DAM`` or ``PPLINE``) with its names.
"""

from __future__ import annotations

import csv
import json
import zlib
from pathlib import Path
from typing import Any

from ..errors import InputError
from ..store import Store
from .build import name_rows
from .gazetteer import LOCAL_ID_BASE, Entry, NameRow, write
from .names import name_keys

_ISO_PROPS = ("shapeISO", "iso_3166_2", "ISO", "iso", "ISO_1", "HASC_1")
_NAME_PROPS = ("shapeName", "name", "name_en", "ADM1_EN", "ADM1_RU", "ADM1_UZ", "name_ru", "name_kk",
               "NAME_1", "name:en", "name:ru", "name:kk")


def _features(path: Path) -> list[dict[str, Any]]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise InputError(f"not a readable GeoJSON file ({exc})", input=str(path)) from exc
    feats = data.get("features") if isinstance(data, dict) else None
    if not isinstance(feats, list):
        raise InputError("expected a GeoJSON FeatureCollection", input=str(path))
    return feats


def load_boundaries(store: Store, path: Path) -> dict[str, int]:
    """Load admin-1 polygons from a GeoJSON file or every ``*.geojson`` in a folder."""
    from shapely.geometry import mapping, shape

    files = sorted(path.glob("*.geojson")) if path.is_dir() else [path]
    if not files:
        raise InputError("no .geojson files found", input=str(path))
    units = {r[0]: (r[1], r[2]) for r in store.query(
        "SELECT admin1_iso, country, name FROM geo_places WHERE kind = 'admin1'")}
    by_name: dict[str, str] = {}
    for r in store.query("SELECT n.key, p.admin1_iso FROM geo_names n JOIN geo_places p "
                         "ON p.id = n.place_id WHERE p.kind = 'admin1'"):
        by_name.setdefault(r[0], r[1])
    skipped = 0
    rows: dict[str, tuple[str, str, str, str, str]] = {}  # a later file wins for the same unit
    for f in files:
        for feat in _features(f):
            props = feat.get("properties") or {}
            iso = next((str(props[k]) for k in _ISO_PROPS if props.get(k) and str(props[k]) in units), None)
            if iso is None:
                for k in _NAME_PROPS:
                    if props.get(k):
                        iso = by_name.get(" ".join(name_keys(str(props[k]))))
                        if iso:
                            break
            if iso is None or not feat.get("geometry"):
                skipped += 1
                continue
            geom = shape(feat["geometry"])
            if not geom.is_valid:
                geom = geom.buffer(0)
            cc, name = units.get(iso, (iso[:2], iso))
            rows[iso] = (iso, cc, name, json.dumps(mapping(geom)), f"file:{f.name}")
    with store.transaction():
        store.executemany("DELETE FROM geo_boundaries WHERE iso = ?", [(iso,) for iso in rows])
        store.executemany("INSERT INTO geo_boundaries (iso, country, name, geojson, source) "
                          "VALUES (?, ?, ?, ?, ?)", rows.values())
    return {"loaded": len(rows), "skipped": skipped, "files": len(files)}


_COUNTRIES = {"Kazakhstan": "KZ", "Kyrgyzstan": "KG", "Tajikistan": "TJ", "Turkmenistan": "TM",
              "Uzbekistan": "UZ", "Afghanistan": "AF", "China": "CN", "Russia": "RU", "Iran": "IR",
              "Pakistan": "PK"}


def _num(v: Any) -> float | None:
    try:
        return float(v)
    except (TypeError, ValueError):
        return None


def load_infrastructure(store: Store, path: Path) -> dict[str, int]:
    """Load GEM infrastructure (CSV or GeoJSON, a file or a folder of them) as places."""
    files = sorted([*path.glob("**/*.csv"), *path.glob("**/*.geojson")]) if path.is_dir() else [path]
    if not files:
        raise InputError("no .csv or .geojson files found", input=str(path))
    entries: list[Entry] = []
    names: list[NameRow] = []
    for f in files:
        for rec in (_geojson_records(f) if f.suffix == ".geojson" else _csv_records(f)):
            name, lat, lon, country, code, extra = rec
            pid = LOCAL_ID_BASE + 300_000_000 + zlib.crc32(f"{name}|{lat:.3f}|{lon:.3f}".encode()) % 90_000_000
            entries.append(Entry(pid, name, code, "infrastructure", country, None, None, None, lat, lon,
                                 0, 1, 1, False, f"infrastructure:{f.name}"))
            names.extend(name_rows(pid, [(name, "primary")] + [(x, "official") for x in extra if x]))
    unique = {e.id: e for e in entries}
    write(store, unique.values(), names)
    return {"loaded": len(unique), "files": len(files)}


def _csv_records(path: Path) -> list[tuple[str, float, float, str | None, str, list[str]]]:
    out = []
    with path.open(encoding="utf-8-sig", newline="") as fh:
        for row in csv.DictReader(fh):
            name = row.get("project_name") or row.get("name") or row.get("unit_name")
            lat = _num(row.get("lat") or row.get("Latitude"))
            lon = _num(row.get("lng") or row.get("Longitude"))
            if not name or lat is None or lon is None:
                continue
            code = "DAM" if "project_name" in row else "PPLINE"
            base = name.replace(" hydroelectric plant", "").strip()
            extra = [base, f"{base} HPP", row.get("project_name_(local_lang/script)", ""),
                     *(row.get("other_name(s)", "") or "").split(",")]
            country = _COUNTRIES.get((row.get("country") or row.get("areas") or "").split(",")[0].strip())
            out.append((name, lat, lon, country, code, [x.strip() for x in extra if x and x.strip()]))
    return out


def _geojson_records(path: Path) -> list[tuple[str, float, float, str | None, str, list[str]]]:
    out: list[tuple[str, float, float, str | None, str, list[str]]] = []
    for feat in _features(path):
        props = feat.get("properties") or {}
        name = props.get("gem_name") or props.get("name") or props.get("source_name_property")
        geom = feat.get("geometry") or {}
        coords = geom.get("coordinates")
        if not name or not coords:
            continue
        pts: list[Any] = coords
        while pts and isinstance(pts[0], list) and isinstance(pts[0][0], list):
            pts = pts[len(pts) // 2]
        point = pts[len(pts) // 2] if isinstance(pts[0], list) else pts
        out.append((str(name), float(point[1]), float(point[0]), None, "PPLINE", []))
    return out
