"""The pipeline runner: ordered stages over batches of items.

A stage has one verb, ``process(batch) -> batch``, and declares what it ``requires`` and
``assigns``; :class:`Pipeline` checks the order when it is built. When a stage raises
:class:`~steppewatch.errors.Rejected` (or fails unexpectedly) for a batch, the runner retries
the items one at a time, records each failing item as a :class:`~steppewatch.models.Rejection`
(document, stage, reason) and goes on with the rest. Every batch ends in one store
transaction, so a run killed at any moment resumes without duplicating or losing documents.

Write-behind (setting ``write_behind``, on by default in :func:`~steppewatch.cycle.build_pipeline`):
a last stage marked ``background = True`` (the store writer) runs in one background thread while
the next batch is read and goes through the stages marked ``stateless = True`` (their output does
not depend on what earlier batches wrote: fetch, extract). Before any other stage runs, the
runner waits for the write in flight, so a stage that reads the store (dedup, merge) always sees
every earlier batch. A stage may also offer ``prepare(batch)``: store-free work (hashing) done
while a write is still running, before that wait (``process`` does what was not prepared).
Stages hand their own writes to the same thread with ``Context.defer``; they run in submission
order.
"""

from __future__ import annotations

import logging
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping
from concurrent.futures import Future, ThreadPoolExecutor
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


class Writes:
    """Store writes in submission order: in one background thread, or at once when not enabled."""

    def __init__(self, background: bool = False) -> None:
        self.background = background
        self._pool: ThreadPoolExecutor | None = None
        self._pending: list[Future[Any]] = []

    def submit(self, fn: Callable[[], Any]) -> Future[Any]:
        if not self.background:
            done: Future[Any] = Future()
            done.set_result(fn())
            return done
        if self._pool is None:
            self._pool = ThreadPoolExecutor(1, thread_name_prefix="steppewatch-write")
        future = self._pool.submit(fn)
        self._pending.append(future)
        return future

    @property
    def busy(self) -> bool:
        return any(not f.done() for f in self._pending)

    def wait(self) -> None:
        """Block until every submitted write has finished; raises the first one's error."""
        pending, self._pending = self._pending, []
        error: BaseException | None = None
        for future in pending:
            exc = future.exception()
            if exc is not None and error is None:
                error = exc
        if error is not None:
            raise error

    def close(self) -> None:
        try:
            self.wait()
        finally:
            if self._pool is not None:
                self._pool.shutdown(wait=True)
                self._pool = None


@dataclass
class Context:
    """What a stage factory gets: the store, the settings and the current run."""

    store: Store
    settings: Settings = field(default_factory=load_settings)
    run_id: str | None = None
    options: dict[str, Any] = field(default_factory=dict)
    writes: Writes = field(default_factory=Writes)

    def defer(self, fn: Callable[[], Any]) -> None:
        """Run a store write after the writes already handed over (at once without write-behind)."""
        self.writes.submit(fn)


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
                 source_assigns: tuple[str, ...] = ("payload",), writes: Writes | None = None) -> None:
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
        self.writes = writes or Writes()

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
        tally = _Tally()
        started = time.perf_counter()
        status = "failed"
        last = self.stages[-1] if self.stages else None
        behind = self.writes.background and bool(getattr(last, "background", False))
        in_flight: list[tuple[Stage, Future[Any]]] = []
        try:
            for batch in _batches(items, self.batch_size):
                tally.counts["items"] += len(batch)
                for stage in self.stages:
                    if not getattr(stage, "stateless", False):
                        prepare = getattr(stage, "prepare", None)
                        if prepare is not None and self.writes.busy:  # only worth it while a write runs
                            prepare(batch)
                        self._settle(in_flight, tally)
                    if behind and stage is last:
                        in_flight.append((stage, self.writes.submit(self._timed(stage, batch, run.id))))
                        continue
                    out, rejected, seconds = self._timed(stage, batch, run.id)()
                    self._account(stage, out, rejected, seconds, tally)
                    batch = out
                if on_batch:
                    on_batch(tally.counts["items"])
            self._settle(in_flight, tally)
            status = "done"
        finally:
            if status != "done":
                try:
                    self.writes.wait()  # let a write in flight end before the run is closed
                except Exception:  # already failing: the first error is the one raised
                    log.exception("a background store write failed while the run was ending")
            try:
                self.store.finish_run(run.id, status, dict(tally.counts))
            finally:
                self.writes.close()
        return RunReport(run.replace(status=status, counts=tuple(sorted(tally.counts.items()))), tally.counts,
                         tally.rejections, time.perf_counter() - started, dict(tally.timings))

    def _timed(self, stage: Stage, batch: list[Item], run_id: str) -> Callable[[], tuple[list[Item], list[Rejection],
                                                                                     float]]:
        def call() -> tuple[list[Item], list[Rejection], float]:
            t0 = time.perf_counter()
            out, rejected = self._apply(stage, batch, run_id)
            return out, rejected, time.perf_counter() - t0
        return call

    def _settle(self, in_flight: list[tuple[Stage, Future[Any]]], tally: _Tally) -> None:
        """Wait for the background writes and count the finished batch as if it ran here."""
        self.writes.wait()
        for stage, future in in_flight:
            out, rejected, seconds = future.result()
            self._account(stage, out, rejected, seconds, tally)
        in_flight.clear()

    def _account(self, stage: Stage, out: list[Item], rejected: list[Rejection], seconds: float,
                 tally: _Tally) -> None:
        tally.timings[stage.name] += seconds
        tally.counts[f"{stage.name}:out"] += len(out)
        if rejected:
            tally.counts[f"{stage.name}:rejected"] += len(rejected)
            tally.rejections.extend(rejected)
            self.store.add_rejections(rejected)
        for key, n in _stage_counts(stage).items():
            tally.counts[key] += n

    def _apply(self, stage: Stage, batch: list[Item], run_id: str) -> tuple[list[Item], list[Rejection]]:
        if not batch:
            return batch, []
        try:
            return stage.process(batch), []
        except StoreError:
            raise
        except Exception as exc:  # isolate the bad item(s): retry one at a time
            if len(batch) == 1:
                return [], [_rejection(stage, batch[0], exc, run_id)]
        out: list[Item] = []
        rejected: list[Rejection] = []
        for item in batch:
            try:
                out.extend(stage.process([item]))
            except StoreError:
                raise
            except Exception as exc:
                rejected.append(_rejection(stage, item, exc, run_id))
        return out, rejected


def _rejection(stage: Stage, item: Item, exc: Exception, run_id: str) -> Rejection:
    if isinstance(exc, Rejected):
        return Rejection(run_id, stage.name, exc.key or item.key, exc.reason, exc.detail)
    # a bug must not kill the run; it is recorded loudly
    log.error("stage %s failed on %s", stage.name, item.key, exc_info=exc)
    return Rejection(run_id, stage.name, item.key, f"internal error: {type(exc).__name__}", str(exc)[:500])


@dataclass
class _Tally:
    counts: Counter[str] = field(default_factory=Counter)
    rejections: list[Rejection] = field(default_factory=list)
    timings: Counter[str] = field(default_factory=Counter)


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
