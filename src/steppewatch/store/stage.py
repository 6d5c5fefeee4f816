"""``store.write.v1``: the last stage; writes a batch's documents, mentions and events at once."""

from __future__ import annotations

from collections import Counter

from ..pipeline import Context, Item
from ..store import Store


class StoreWriter:
    name = "store.write.v1"
    requires = ("document",)
    assigns = ("stored",)
    background = True  # may write while the runner prepares the next batch (setting write_behind)

    def __init__(self, store: Store) -> None:
        self.store = store
        self.counts: Counter[str] = Counter()

    def process(self, batch: list[Item]) -> list[Item]:
        live = [i for i in batch if not i.skip]
        docs = [i.document for i in live if i.document is not None]
        mentions = [m for i in live for m in i.mentions]
        events = [e for i in live for e in i.events]
        with self.store.transaction():
            self.counts["documents"] += self.store.put_documents(docs)
            self.store.put_mentions(mentions)
            self.store.put_events(events)
        self.counts["mentions"] += len(mentions)
        self.counts["events"] += len(events)
        return batch


def create(ctx: Context) -> StoreWriter:
    return StoreWriter(ctx.store)
