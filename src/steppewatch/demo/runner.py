"""``run_demo``: write the synthetic corpus, register its outlets, run the full pipeline."""

from __future__ import annotations

import time
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any

from ..store import Store
from .generator import write_corpus
from .sources import demo_sources

DEFAULT_PATH = Path("data/demo/corpus.jsonl")



def run_demo(store: Store, docs: int = 5000, seed: int = 7, progress: bool = True,
             path: str | Path = DEFAULT_PATH, stages: Sequence[str] | None = None,
             start: date | None = None) -> dict[str, Any]:
    """Generate ``docs`` synthetic reports, run them through the pipeline into ``store``, summarise.

    ``stages`` defaults to the full cycle (:data:`~steppewatch.registrations.DEFAULT_STAGES`);
    ``start`` is the scenario's first Monday (default: the generator's fixed start).
    """
    from .. import cycle
    from ..registrations import DEFAULT_STAGES
    from ..settings import load_settings

    stages = tuple(stages or DEFAULT_STAGES)

    started = time.perf_counter()
    scenario = write_corpus(path, docs, seed, start) if start else write_corpus(path, docs, seed)
    store.put_sources(demo_sources())
    # The corpus is our own file: let it through whatever its size (a benchmark may write gigabytes).
    settings = load_settings()
    size = Path(path).stat().st_size
    if size > int(settings.max_file_bytes):
        settings = load_settings(max_file_bytes=size + 1)
    items = cycle.file_items(path, settings=settings)
    if progress:
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

        with Progress(TextColumn("synthetic demo scenario"), BarColumn(), MofNCompleteColumn(),
                      TimeRemainingColumn(), transient=True) as bar:
            task = bar.add_task("pipeline", total=docs)
            report = cycle.run_pipeline(store, items, stages, settings=settings,
                                        on_batch=lambda done: bar.update(task, completed=done))
    else:
        report = cycle.run_pipeline(store, items, stages, settings=settings)
    counts = report.counts
    rows = store.query("SELECT country, category, COUNT(*) FROM events GROUP BY country, category")
    by_country: dict[str, int] = {}
    by_category: dict[str, int] = {}
    for country, category, n in rows:
        by_country[country or "?"] = by_country.get(country or "?", 0) + int(n)
        by_category[category] = by_category.get(category, 0) + int(n)
    return {
        "scenario": "synthetic demo scenario",
        "corpus": str(path),
        "generated": scenario.documents,
        "surge_week": scenario.surge_week.isoformat(),
        "surge_region": f"{scenario.surge_region} ({scenario.surge_admin1})",
        "documents": counts.get("store.write.v1:documents", 0),
        "duplicates": sum(v for k, v in counts.items() if "duplicate" in k),
        "mentions": counts.get("store.write.v1:mentions", 0),
        "events": sum(by_category.values()),
        "events_by_country": dict(sorted(by_country.items())),
        "events_by_category": dict(sorted(by_category.items())),
        "rejections": len(report.rejections),
        "run_id": report.run.id,
        "seconds": round(time.perf_counter() - started, 1),
    }
