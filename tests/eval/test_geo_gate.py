"""Quality gate: the geoparser on hand-labelled gold from the shared data must not regress.

Floors live in ``tests/eval/geo/baseline.json``; an improvement may raise them, a change that
lowers one must say so. Skips with the reason when the shared data folder is absent.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from steppewatch.geo.evaluate import evaluate, read_gold, shared_data_dir

GOLD_DIR = Path(__file__).parent / "geo"
BASELINE = json.loads((GOLD_DIR / "baseline.json").read_text(encoding="utf-8"))["floors"]


@pytest.fixture(scope="module")
def figures() -> dict:
    root = shared_data_dir()
    if not (root / "ru-news").is_dir():
        pytest.skip(f"shared data not found at {root} (set STEPPEWATCH_SHARED_DATA)")
    from steppewatch.geo import Geoparser

    gp = Geoparser.default()
    rows = [r for p in sorted(GOLD_DIR.glob("*.jsonl")) for r in read_gold(p)]
    return evaluate(rows, gp.parse, gp.event_place)


@pytest.mark.gate
@pytest.mark.parametrize("group", sorted(BASELINE))
def test_floor(figures: dict, group: str) -> None:
    got = figures[group]
    below = {k: (got[k], floor) for k, floor in BASELINE[group].items()
             if got[k] is None or got[k] + 1e-9 < floor}
    assert not below, f"{group} fell below its floor (measured, floor): {below}"


def test_gold_files_reference_without_copying_texts() -> None:
    for path in GOLD_DIR.glob("*.jsonl"):
        for row in read_gold(path):
            assert {"corpus", "doc", "start", "end", "task"} <= set(row), path.name
            assert len(row.get("text", "")) <= 60, f"{path.name} holds a long text excerpt"
