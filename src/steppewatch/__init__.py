"""steppewatch: security-environment monitoring for Central Asia.

The small public API for notebooks and scripts::

    import steppewatch as sw
    store = sw.open_store()                      # the embedded SQLite default
    report = sw.run_pipeline(store, sw.file_items("reports.jsonl"))
    for event in store.query_events(sw.EventFilter(country="KG", category="border")):
        print(event.date.value, event.place.name if event.place else "?", event.category)
"""

from __future__ import annotations

__version__ = "0.1.0"

from .cycle import build_pipeline, file_items, run_pipeline
from .errors import SteppewatchError
from .models import Actor, Alert, Document, Event, Mention, Place, Rejection, Run, Source
from .settings import load_settings
from .store import EventFilter, Store, open_store
from .vocab import Tlp

__all__ = [
    "Actor",
    "Alert",
    "Document",
    "Event",
    "EventFilter",
    "Mention",
    "Place",
    "Rejection",
    "Run",
    "Source",
    "SteppewatchError",
    "Store",
    "Tlp",
    "__version__",
    "build_pipeline",
    "file_items",
    "load_settings",
    "open_store",
    "run_pipeline",
]
