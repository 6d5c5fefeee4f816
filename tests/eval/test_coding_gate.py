"""Quality gate for the event coder on hand-labelled real text (see tests/eval/coding/README.md).

Floors live in tests/eval/coding/baseline.json; they may be raised, never silently lowered.
Skips with the reason when the shared data folder is absent.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from steppewatch.coding.evaluate import evaluate, shared_data_dir
from steppewatch.coding.output import default_coder

HERE = Path(__file__).parent / "coding"
GOLD = [HERE / "gold_dev.jsonl", HERE / "gold_test.jsonl"]
BASELINE = json.loads((HERE / "baseline.json").read_text(encoding="utf-8"))
METRICS = [k for k in BASELINE if not k.startswith("_")]


@pytest.fixture(scope="module")
def summary() -> dict[str, float]:
    data = shared_data_dir()
    if data is None:
        pytest.skip("shared data folder ../shared/data not found (set STEPPEWATCH_SHARED_DATA)")
    return evaluate(GOLD, default_coder(), data)["all"].summary()  # type: ignore[return-value]


@pytest.mark.gate
@pytest.mark.parametrize("metric", METRICS)
def test_metric_at_or_above_floor(summary: dict[str, float], metric: str) -> None:
    assert summary[metric] >= BASELINE[metric], f"{metric} {summary[metric]:.3f} < floor {BASELINE[metric]}"


@pytest.mark.gate
def test_gold_files_hold_no_text() -> None:
    for path in GOLD:
        for line in path.read_text(encoding="utf-8").splitlines():
            row = json.loads(line)
            assert set(row) <= {"set", "file", "doc_id", "field", "title_field", "published_at", "language",
                                "events", "split"}
            for ev in row["events"]:
                assert set(ev) - {"date_basis"} == {"category", "subtype", "country", "actors", "date",
                                                    "date_precision", "fatalities", "evidence"}
                assert ev.get("date_basis") in ((None,) if ev["date"] is None else ("text", "external"))
