"""The runner with stage doubles defined here (shipped stages are tested in their own packages)."""

from __future__ import annotations

import pytest

from steppewatch.errors import ConfigError, Rejected, StoreError
from steppewatch.models import Document
from steppewatch.pipeline import Item, Pipeline
from steppewatch.store import Store
from steppewatch.store.stage import StoreWriter


class ToDocument:
    """Double of an extract stage: payload text -> Document; rejects empty texts."""

    name = "test.extract.v1"
    requires = ("payload",)
    assigns = ("document",)

    def __init__(self) -> None:
        self.calls = 0

    def process(self, batch: list[Item]) -> list[Item]:
        self.calls += 1
        out = []
        for item in batch:
            text = item.payload["text"]
            if not text:
                raise Rejected("empty text", key=item.key)
            if text == "bug":
                raise KeyError("unexpected")
            out.append(item.replace(document=Document(id=Document.make_id(None, text), source_id=item.source_id,
                                                      text=text)))
        return out


class NeedsEvents:
    name = "test.needs-events.v1"
    requires = ("events",)
    assigns = ()

    def process(self, batch: list[Item]) -> list[Item]:
        return batch


class BrokenStore:
    name = "test.store-down.v1"
    requires = ("document",)
    assigns = ()

    def process(self, batch: list[Item]) -> list[Item]:
        raise StoreError("database is gone")


def items(*texts: str) -> list[Item]:
    return [Item(key=f"test.jsonl:{i}", source_id="test", payload={"text": t}) for i, t in enumerate(texts)]


def test_documents_flow_into_the_store_and_rerun_adds_nothing(store: Store) -> None:
    pipe = Pipeline([ToDocument(), StoreWriter(store)], store, batch_size=2)
    first = pipe.run(items("a", "b", "c"))
    assert first.stored_documents == 3 and first.run.status == "done"
    again = pipe.run(items("a", "b", "c"))
    assert again.stored_documents == 0
    assert store.count_documents() == 3
    runs = store.get_runs()
    assert [r.status for r in runs] == ["done", "done"]
    assert dict(runs[0].counts)["items"] == 3


def test_a_bad_item_is_recorded_and_the_rest_go_on(store: Store) -> None:
    extract = ToDocument()
    pipe = Pipeline([extract, StoreWriter(store)], store, batch_size=10)
    report = pipe.run(items("one", "", "bug", "two"))
    assert report.stored_documents == 2
    reasons = {(r.key, r.stage, r.reason) for r in store.get_rejections(report.run.id)}
    assert reasons == {
        ("test.jsonl:1", "test.extract.v1", "empty text"),
        ("test.jsonl:2", "test.extract.v1", "internal error: KeyError"),
    }
    assert report.counts["test.extract.v1:rejected"] == 2
    assert extract.calls == 1 + 4  # the whole batch once, then item by item


def test_store_failures_stop_the_run_and_mark_it_failed(store: Store) -> None:
    pipe = Pipeline([ToDocument(), BrokenStore()], store)
    with pytest.raises(StoreError):
        pipe.run(items("x"))
    assert store.get_runs()[0].status == "failed"


def test_stage_order_is_checked_at_start_up(store: Store) -> None:
    with pytest.raises(ConfigError, match="requires events"):
        Pipeline([ToDocument(), NeedsEvents()], store)
    with pytest.raises(ConfigError, match="batch_size"):
        Pipeline([ToDocument()], store, batch_size=0)


def test_stage_counters_are_collected_per_run(store: Store) -> None:
    writer = StoreWriter(store)
    report = Pipeline([ToDocument(), writer], store).run(items("p", "q"))
    assert report.counts["store.write.v1:documents"] == 2
    assert not any(writer.counts.values())  # drained into the report


class SeesStore:
    """Double of a stage that reads the store (as dedup does): records how many documents each batch found."""

    name = "test.sees-store.v1"
    requires = ("document",)
    assigns = ()

    def __init__(self, store: Store) -> None:
        self.store = store
        self.seen: list[int] = []

    def process(self, batch: list[Item]) -> list[Item]:
        self.seen.append(self.store.count_documents())
        return batch


class StatelessExtract(ToDocument):
    stateless = True


class SlowWriter(StoreWriter):
    """The real store stage, slowed so the next batch is certainly prepared while it writes."""

    def __init__(self, store: Store) -> None:
        super().__init__(store)
        self.threads: set[str] = set()

    def process(self, batch: list[Item]) -> list[Item]:
        import threading
        import time

        self.threads.add(threading.current_thread().name)
        time.sleep(0.05)
        return super().process(batch)


def test_write_behind_stores_in_the_background_and_stores_the_same(store: Store) -> None:
    from steppewatch.pipeline import Writes

    texts = [f"text {i}" for i in range(9)] + ["text 1", ""]
    writer, sees = SlowWriter(store), SeesStore(store)
    pipe = Pipeline([StatelessExtract(), sees, writer], store, batch_size=2, writes=Writes(background=True))
    report = pipe.run(items(*texts))
    assert any(name.startswith("steppewatch-write") for name in writer.threads)
    # a stage that reads the store ran only after every earlier batch was written
    assert sees.seen == [0, 2, 4, 6, 8]  # the last batch (one empty text) is rejected whole
    assert report.stored_documents == 9 and report.run.status == "done"
    assert report.counts["store.write.v1:out"] == 10 and report.counts["test.extract.v1:rejected"] == 1
    assert store.count_documents() == 9
    assert dict(store.get_runs()[0].counts)["store.write.v1:documents"] == 9


def test_a_failing_background_write_fails_the_run(store: Store) -> None:
    from steppewatch.pipeline import Writes

    class Broken(BrokenStore):
        background = True

    with pytest.raises(StoreError, match="database is gone"):
        Pipeline([StatelessExtract(), Broken()], store, batch_size=1, writes=Writes(background=True)).run(
            items("x", "y", "z"))
    assert store.get_runs()[0].status == "failed"


def test_deferred_writes_run_in_order_before_the_next_reading_stage(store: Store) -> None:
    from steppewatch.pipeline import Context, Writes

    ctx = Context(store=store, writes=Writes(background=True))
    order: list[str] = []

    class Defers:
        name = "test.defers.v1"
        requires = ("document",)
        assigns = ()

        def process(self, batch: list[Item]) -> list[Item]:
            order.append(f"process {batch[0].key}")
            ctx.defer(lambda: order.append(f"write {batch[0].key}"))
            return batch

    Pipeline([StatelessExtract(), Defers()], store, batch_size=1, writes=ctx.writes).run(items("a", "b", "c"))
    assert order == ["process test.jsonl:0", "write test.jsonl:0", "process test.jsonl:1", "write test.jsonl:1",
                     "process test.jsonl:2", "write test.jsonl:2"]


def test_a_bad_item_alone_in_its_batch_is_recorded_not_raised(store: Store) -> None:
    report = Pipeline([ToDocument(), StoreWriter(store)], store, batch_size=2).run(items("one", "two", ""))
    assert report.run.status == "done" and report.stored_documents == 2
    assert [(r.key, r.reason) for r in store.get_rejections(report.run.id)] == [("test.jsonl:2", "empty text")]
