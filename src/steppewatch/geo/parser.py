"""The public face of the geo package: :class:`Geoparser`.

``parse`` finds every toponym (resolved or not, with offsets), ``event_place`` picks the
place of the event in a sentence. A Geoparser is built on a gazetteer held in memory; it is
safe to share between threads (it never mutates the gazetteer).
"""

from __future__ import annotations

import logging
import os
import threading
import time
from pathlib import Path

from ..errors import NotConfigured
from ..models import Place
from ..store import Store
from .event import event_place as _event_place
from .gazetteer import Gazetteer
from .inflect import key_variants
from .matcher import find_spans
from .resolver import Resolver

log = logging.getLogger(__name__)

#: Bump when the build output changes, so cached gazetteers are rebuilt.
GAZETTEER_VERSION = "4"

_default: Geoparser | None = None
_default_lock = threading.Lock()


def cache_path() -> Path:
    """Where :meth:`Geoparser.default` keeps its built gazetteer (``STEPPEWATCH_CACHE_DIR``)."""
    root = os.environ.get("STEPPEWATCH_CACHE_DIR") or os.path.join(
        os.environ.get("XDG_CACHE_HOME") or os.path.expanduser("~/.cache"), "steppewatch")
    return Path(root) / f"gazetteer-v{GAZETTEER_VERSION}.sqlite"


class Geoparser:
    """Find and resolve place names in English and Russian (and Kazakh) text."""

    def __init__(self, gazetteer: Gazetteer) -> None:
        self.gazetteer = gazetteer
        self.resolver = Resolver(gazetteer)

    @classmethod
    def from_store(cls, store: Store) -> Geoparser:
        """A geoparser over the gazetteer tables of ``store`` (build them first)."""
        gaz = Gazetteer.from_store(store)
        if not len(gaz):
            raise NotConfigured("the gazetteer is empty; run `steppewatch gazetteer build` first")
        return cls(gaz)

    @classmethod
    def default(cls) -> Geoparser:
        """A shared geoparser over the cached package gazetteer, built on first use (~20 s)."""
        global _default
        with _default_lock:
            if _default is None:
                _default = cls.from_store(open_cached_store())
            return _default

    def parse(self, text: str, language: str | None = None,
              country_hint: str | None = None) -> list[Place]:
        """Every toponym in ``text`` with offsets, resolved or with a ``reason``."""
        spans = find_spans(self.gazetteer, text)
        spans.sort(key=lambda s: s.start)
        return self.resolver.resolve(spans, text, country_hint)

    def event_place(self, places: list[Place], text: str,
                    span: tuple[int, int] | None = None) -> Place | None:
        """The place where the event in ``text[span]`` happened (see :mod:`.event`)."""
        return _event_place(places, text, span, self.is_adjective)

    def is_adjective(self, place: Place) -> bool:
        """True when the place was named by an adjective ("Afghan", "таджикский")."""
        if not place.text or place.geonameid is None:
            return False
        if place.text[:1].islower():
            return True
        for key in key_variants(place.text):
            for pid, kind in self.gazetteer.lookup(key):
                if pid == place.geonameid:
                    return kind == "demonym"
        return False


def open_cached_store() -> Store:
    """The cached gazetteer database, built from packages when missing."""
    from ..store import open_store
    from .build import build

    path = cache_path()
    fresh = not path.exists()
    path.parent.mkdir(parents=True, exist_ok=True)
    store = open_store(f"sqlite:///{path}")
    if fresh or not store.query("SELECT 1 FROM geo_places LIMIT 1"):
        started = time.perf_counter()
        log.info("building the gazetteer at %s", path)
        build(store)
        log.info("gazetteer built in %.1f s", time.perf_counter() - started)
    return store
