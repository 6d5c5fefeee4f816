from __future__ import annotations

import os
from datetime import date
from pathlib import Path

import pytest
from shapely.geometry import LineString

from steppewatch.analysis.indicators import read_indicators, update_indicators
from steppewatch.analysis.infrastructure import distance_km, flag_events, load_infrastructure, read_features
from steppewatch.analysis.synthetic import add
from steppewatch.errors import InputError

ROOT = Path(__file__).resolve().parents[2]


def _infra() -> Path:
    base = Path(os.environ.get("STEPPEWATCH_SHARED_DATA", ROOT.parent / "shared" / "data")) / "infrastructure"
    if not base.is_dir():
        pytest.skip(f"GEM infrastructure files not found at {base} (set STEPPEWATCH_SHARED_DATA)")
    return base


def test_distance_along_a_parallel():
    line = LineString([(69.0, 41.0), (70.0, 41.0)])
    # 0.1 degree of latitude north of the line is about 11.1 km
    assert distance_km(line, 41.1, 69.5) == pytest.approx(11.12, abs=0.05)


def test_reads_the_three_gem_formats():
    base = _infra()
    pipes = read_features(base / "gas-pipelines")
    routes = read_features(base / "pipeline-routes")
    dams = read_features(base / "hydropower")
    assert len(pipes) == 74  # 90 rows, 16 proposed lines have no route or point yet
    assert len(routes) == 411 and len(dams) == 63
    assert any(f.name.startswith("Bukhara-Tashkent-Bishkek-Almaty") for f in pipes)
    assert any("Nurek" in f.name for f in dams) and {f.kind for f in dams} == {"dam"}


def test_events_near_infrastructure_are_flagged_and_counted(store, tmp_path):
    base = _infra()
    assert load_infrastructure(store, base / "hydropower") == 63
    nurek = next(f for f in read_features(base / "hydropower") if f.name.startswith("Nurek"))
    lat, lon = nurek.geometry.y, nurek.geometry.x
    add(store, 2, country="TJ", admin1="TJ-KT", day=date(2024, 3, 6), lat=lat + 0.05, lon=lon, tag="near")
    add(store, 1, country="TJ", admin1="TJ-KT", day=date(2024, 3, 6), lat=45.0, lon=60.0, tag="far")  # Aral Sea: no dam
    assert flag_events(store, 25.0) == 2
    detail = store.query("SELECT detail, distance_km FROM event_flags")
    assert all("Nurek" in d or d.startswith("dam:") for d, _ in detail)
    update_indicators(store, full=True)
    (row,) = read_indicators(store, kind="week", country="TJ")
    assert (row["events"], row["near_infra"]) == (3, 2)


def test_not_a_gem_file(tmp_path):
    bad = tmp_path / "x.csv"
    bad.write_text("a,b\n1,2\n", encoding="utf-8")
    with pytest.raises(InputError, match="not a GEM file"):
        read_features(bad)
