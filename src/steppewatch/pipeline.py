"""The pipeline runner: ordered stages over batches of items.

A stage has one verb, ``process(batch) -> batch``, and declares what it ``requires`` and
``assigns``; :class:`Pipeline` checks the order when it is built. When a stage raises
:class:`~steppewatch.errors.Rejected` (or fails unexpectedly) for a batch, the runner retries
the items one at a time, records each failing item as a :class:`~steppewatch.models.Rejection`
(document, stage, reason) and goes on with the rest. Every batch ends in one store
transaction, so a run killed at any moment resumes without duplicating or losing documents.
"""

from __future__ import annotations

import logging
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any, Protocol

from .errors import ConfigError, Rejected, StoreError
from .models import Document, Event, Mention, Rejection, Run
from .settings import Settings, load_settings
from .store import Store

log = logging.getLogger(__name__)

#: Attributes an item can carry; stages name them in ``requires`` and ``assigns``.
ATTRIBUTES = ("payload", "document", "mentions", "events", "places", "stored")


@dataclass(frozen=True)
class Item:
    """One unit of work: a source record on its way to becoming stored documents and events."""

    key: str  # a stable reference for rejections and logs: URL, file:line, dataset id
    source_id: str
    payload: Mapping[str, Any] = field(default_factory=dict)
    document: Document | None = None
    mentions: tuple[Mention, ...] = ()
    events: tuple[Event, ...] = ()
    skip: bool = False  # already stored or a duplicate: later stages pass it through

    def replace(self, **changes: Any) -> Item:
        from dataclasses import replace

        return replace(self, **changes)


class Stage(Protocol):
    name: str
    requires: tuple[str, ...]
    assigns: tuple[str, ...]

    def process(self, batch: list[Item]) -> list[Item]: ...


@dataclass
class Context:
    """What a stage factory gets: the store, the settings and the current run."""

    store: Store
    settings: Settings = field(default_factory=load_settings)
    run_id: str | None = None
    options: dict[str, Any] = field(default_factory=dict)


StageFactory = Callable[[Context], Stage]


@dataclass
class RunReport:
    run: Run
    counts: Counter[str]
    rejections: list[Rejection]
    seconds: float
    stage_seconds: dict[str, float] = field(default_factory=dict)

    @property
    def stored_documents(self) -> int:
        return self.counts["store.write.v1:documents"]


class Pipeline:
    """Stages in order; checks at construction that each stage's inputs are assigned earlier."""

    def __init__(self, stages: list[Stage], store: Store, *, batch_size: int = 500,
                 source_assigns: tuple[str, ...] = ("payload",)) -> None:
        if batch_size < 1:
            raise ConfigError(f"batch_size must be at least 1, got {batch_size}")
        have = set(source_assigns)
        for stage in stages:
            missing = [r for r in stage.requires if r not in have]
            if missing:
                order = " -> ".join(s.name for s in stages)
                raise ConfigError(
                    f"stage {stage.name} requires {', '.join(missing)}, which no earlier stage assigns "
                    f"(order: {order})"
                )
            have.update(stage.assigns)
        self.stages = stages
        self.store = store
        self.batch_size = batch_size

    @property
    def names(self) -> list[str]:
        return [s.name for s in self.stages]

    def run(
        self,
        items: Iterable[Item],
        *,
        run: Run | None = None,
        on_batch: Callable[[int], None] | None = None,
    ) -> RunReport:
        """Push every item through every stage; returns counts and the rejections recorded."""
        run = run or self.store.start_run(note=" -> ".join(self.names))
        counts: Counter[str] = Counter()
        rejections: list[Rejection] = []
        timings: Counter[str] = Counter()
        started = time.perf_counter()
        status = "failed"
        try:
            for batch in _batches(items, self.batch_size):
                counts["items"] += len(batch)
                for stage in self.stages:
                    t0 = time.perf_counter()
                    batch, rejected = self._apply(stage, batch, run.id)
                    timings[stage.name] += time.perf_counter() - t0
                    counts[f"{stage.name}:out"] += len(batch)
                    if rejected:
                        counts[f"{stage.name}:rejected"] += len(rejected)
                        rejections.extend(rejected)
                        self.store.add_rejections(rejected)
                    for key, n in _stage_counts(stage).items():
                        counts[key] += n
                if on_batch:
                    on_batch(counts["items"])
            status = "done"
        finally:
            self.store.finish_run(run.id, status, dict(counts))
        return RunReport(run.replace(status=status, counts=tuple(sorted(counts.items()))), counts, rejections,
                         time.perf_counter() - started, dict(timings))

    def _apply(self, stage: Stage, batch: list[Item], run_id: str) -> tuple[list[Item], list[Rejection]]:
        if not batch:
            return batch, []
        try:
            return stage.process(batch), []
        except StoreError:
            raise
        except Exception:  # isolate the bad item(s): retry one at a time
            if len(batch) == 1:
                raise
        out: list[Item] = []
        rejected: list[Rejection] = []
        for item in batch:
            try:
                out.extend(stage.process([item]))
            except StoreError:
                raise
            except Rejected as exc:
                rejected.append(Rejection(run_id, stage.name, exc.key or item.key, exc.reason, exc.detail))
            except Exception as exc:  # a bug must not kill the run; it is recorded loudly
                log.exception("stage %s failed on %s", stage.name, item.key)
                rejected.append(Rejection(run_id, stage.name, item.key, f"internal error: {type(exc).__name__}",
                                          str(exc)[:500]))
        return out, rejected


def _stage_counts(stage: Stage) -> Mapping[str, int]:
    """Stages may expose a ``counts`` Counter (e.g. duplicates found); it is drained per batch."""
    counter = getattr(stage, "counts", None)
    if not counter:
        return {}
    drained = {f"{stage.name}:{k}" if ":" not in k else k: v for k, v in counter.items() if v}
    for key in counter:  # reset in place: stages may rely on their keys being present
        counter[key] = 0
    return drained


def _batches(items: Iterable[Item], size: int) -> Iterator[list[Item]]:
    batch: list[Item] = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch
