"""Pipeline stage ``merge.events.v1``: join the batch's mentions with stored events.

Existing events of the same categories and countries within the merge window are read from the
store, so a report arriving a day after another joins the stored event rather than duplicating
it. Settings: ``merge_window_days``, ``merge_distance_km``, ``min_confidence``.
"""

from __future__ import annotations

import logging
from datetime import timedelta
from typing import Any

from ..models import Event, Mention
from ..pipeline import Item
from .merge import merge_mentions

log = logging.getLogger(__name__)


class MergeStage:
    name = "merge.events.v1"
    requires: tuple[str, ...] = ("mentions",)
    assigns: tuple[str, ...] = ("events",)

    def __init__(self, store: Any = None, window_days: int = 2, distance_km: float = 50.0,
                 min_confidence: int = 0) -> None:
        self.store = store
        self.window_days = window_days
        self.distance_km = distance_km
        self.min_confidence = min_confidence
        self.counts: dict[str, int] = {"events": 0}

    def process(self, batch: list[Item]) -> list[Item]:
        live = [i for i in batch if not i.skip and i.mentions]
        mentions = [m for i in live for m in i.mentions]
        if not mentions:
            return batch
        sources = {i.document.id: i.source_id for i in live if i.document is not None}
        events = merge_mentions(mentions, self._stored(mentions), sources=sources,
                                window_days=self.window_days, distance_km=self.distance_km,
                                min_confidence=self.min_confidence)
        by_mention = {mid: e for e in events for mid in e.mention_ids}
        out = []
        for item in batch:
            mine = {by_mention[m.id].id: by_mention[m.id] for m in item.mentions if m.id in by_mention}
            linked = tuple(m.replace(event_id=by_mention[m.id].id) if m.id in by_mention else m
                           for m in item.mentions)
            out.append(item.replace(mentions=linked, events=tuple(mine.values())) if mine else item)
        self.counts["events"] += len(events)
        return out

    def _stored(self, mentions: list[Mention]) -> list[Event]:
        if self.store is None or not hasattr(self.store, "query_events"):
            return []
        from ..store import EventFilter

        days = [m.date.value for m in mentions if m.date is not None and m.date.value is not None]
        if not days:
            return []
        window = timedelta(days=self.window_days)
        cats = {m.category for m in mentions}
        found: dict[str, Event] = {}
        for cat in cats:
            flt = EventFilter(category=cat, since=min(days) - window, until=max(days) + window)
            for e in self.store.query_events(flt, limit=5000):
                found[e.id] = e
        return list(found.values())


def create(ctx: Any) -> MergeStage:
    settings = getattr(ctx, "settings", None)

    def get(name: str, default: Any) -> Any:
        try:
            return settings[name] if settings is not None else default  # type: ignore[index]
        except (KeyError, TypeError):
            return getattr(settings, name, default)

    return MergeStage(getattr(ctx, "store", None), int(get("merge_window_days", 2)),
                      float(get("merge_distance_km", 50.0)), int(get("min_confidence", 0)))
