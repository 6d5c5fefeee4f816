"""Build and run the pipeline: the functions behind `steppewatch run`, `ingest` and `demo`."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

from .pipeline import Context, Item, Pipeline, RunReport, Writes
from .registrations import DEFAULT_STAGES
from .registry import get_registry
from .settings import Settings, load_settings
from .store import Store


def build_pipeline(
    store: Store,
    stages: Sequence[str] = DEFAULT_STAGES,
    *,
    settings: Settings | None = None,
    options: dict[str, Any] | None = None,
) -> Pipeline:
    """Create the named stages (in order) over ``store``."""
    settings = settings or load_settings()
    ctx = Context(store=store, settings=settings, options=dict(options or {}),
                  writes=Writes(background=bool(settings.write_behind)))
    registry = get_registry()
    built = [registry.get("stage", name)(ctx) for name in stages]
    return Pipeline(built, store, batch_size=settings.batch_size, writes=ctx.writes)


def run_pipeline(
    store: Store,
    items: Iterable[Item],
    stages: Sequence[str] = DEFAULT_STAGES,
    *,
    settings: Settings | None = None,
    options: dict[str, Any] | None = None,
    on_batch: Any = None,
) -> RunReport:
    """Run ``items`` through the pipeline into ``store`` and return the run's report.

    ``options`` reach every stage factory (``ctx.options``), e.g. ``{"http_client": client}``.
    """
    return build_pipeline(store, stages, settings=settings, options=options).run(items, on_batch=on_batch)


def file_items(path: str | Path, *, source_id: str | None = None, settings: Settings | None = None) -> Iterator[Item]:
    """Items from a local file or folder (JSONL, CSV, HTML, plain text)."""
    from .ingest.files import iter_file_items

    return iter_file_items(Path(path), source_id=source_id, settings=settings or load_settings())
