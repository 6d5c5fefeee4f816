"""Offline charts for a country profile: weekly trend, categories, and a small event map.

matplotlib with the Agg backend (no display, no network). The map draws event points and,
when a GeoJSON of admin-1 polygons is given, their outlines.
"""

from __future__ import annotations

import base64
import html
import io
import json
from pathlib import Path
from typing import Any

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

from ..store import Store  # noqa: E402
from ..vocab import Tlp  # noqa: E402


def _points(store: Store, country: str, since: str, max_marking: Tlp | str) -> list[tuple[float, float, str]]:
    return [(float(lon), float(lat), cat) for lat, lon, cat in store.query(
        "SELECT lat, lon, category FROM events WHERE country = ? AND event_date >= ? AND lat IS NOT NULL "
        "AND marking_rank <= ? LIMIT 20000", (country, since, Tlp.parse(max_marking).rank))]


def _outlines(path: str | Path | None) -> list[list[tuple[float, float]]]:
    if not path:
        return []
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    rings: list[list[tuple[float, float]]] = []
    for feature in data.get("features", []):
        geom = feature.get("geometry") or {}
        polys = [geom["coordinates"]] if geom.get("type") == "Polygon" else geom.get("coordinates", [])
        for poly in polys:
            if poly:
                rings.append([(float(x), float(y)) for x, y, *_ in poly[0]])
    return rings


def profile_figure(store: Store, profile: dict[str, Any], *, admin1_geojson: str | Path | None = None,
                   max_marking: Tlp | str = Tlp.RED) -> Any:
    fig, axes = plt.subplots(1, 3, figsize=(15, 4.2), gridspec_kw={"width_ratios": [2.2, 1.4, 1.4]})
    weekly = profile["weekly"]
    ax = axes[0]
    ax.plot([w["period"][5:] for w in weekly], [w["events"] for w in weekly], marker="o", lw=1.5)
    ax.set_title(f"{profile['name']}: events per ISO week")
    ax.tick_params(axis="x", labelrotation=60, labelsize=7)
    ax.set_ylabel("events")
    cats = profile["categories"][:8]
    ax = axes[1]
    ax.barh([c["category"] + (" *" if c["emphasis"] else "") for c in cats][::-1],
            [c["events"] for c in cats][::-1], color="#4c72b0")
    ax.set_title("last 12 months by category (* = emphasis)")
    ax = axes[2]
    for ring in _outlines(admin1_geojson):
        xs, ys = zip(*ring, strict=True)
        ax.plot(xs, ys, color="#999999", lw=0.5)
    since = weekly[0]["period"] if weekly else "0000"
    pts = _points(store, profile["country"], since, max_marking)
    if pts:
        xs, ys, _ = zip(*pts, strict=True)
        ax.scatter(xs, ys, s=6, alpha=0.6, color="#c44e52")
    ax.set_title("events (points)" + (" and admin-1 units" if admin1_geojson else ""))
    ax.set_aspect("equal", adjustable="datalim")
    fig.tight_layout()
    return fig


def write_png(store: Store, profile: dict[str, Any], path: str | Path, **kw: Any) -> Path:
    fig = profile_figure(store, profile, **kw)
    fig.savefig(path, dpi=110)
    plt.close(fig)
    return Path(path)


def write_html(store: Store, profile: dict[str, Any], path: str | Path, **kw: Any) -> Path:
    fig = profile_figure(store, profile, **kw)
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=110)
    plt.close(fig)
    img = base64.b64encode(buf.getvalue()).decode("ascii")
    e = html.escape
    facts = "".join(f"<li>{e(f['text'])} <small>({e(f['source'])})</small></li>" for f in profile["facts"])
    actors = "".join(f"<li>{e(a['name'])}: {a['events']}</li>" for a in profile["top_actors"])
    scarcity = f"<p><strong>{e(profile['scarcity_note'])}</strong></p>" if profile["scarcity_note"] else ""
    page = (f"<!doctype html><html lang='en'><meta charset='utf-8'><title>{e(profile['name'])} profile</title>"
            f"<body><h1>{e(profile['name'])}</h1><p>As of {e(profile['as_of'])}. {e(profile['note'] or '')}</p>"
            f"{scarcity}<img alt='trend charts and event map' src='data:image/png;base64,{img}'>"
            f"<h2>Top actors</h2><ul>{actors}</ul><h2>Facts</h2><ul>{facts}</ul></body></html>")
    Path(path).write_text(page, encoding="utf-8")
    return Path(path)
