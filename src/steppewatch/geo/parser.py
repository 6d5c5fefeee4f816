"""The public face of the geo package: :class:`Geoparser`.

``parse`` finds every toponym (resolved or not, with offsets), ``event_place`` picks the
place of the event in a sentence. A Geoparser is built on a gazetteer held in memory; it is
safe to share between threads (it never mutates the gazetteer).
"""

from __future__ import annotations

import logging
import threading
import time

from ..errors import NotConfigured
from ..models import Place
from ..store import Store
from .cache import cache_path, open_cached_store, read_snapshot, write_snapshot
from .event import event_place as _event_place
from .gazetteer import Gazetteer
from .inflect import key_variants
from .matcher import find_spans, prepare
from .resolver import Resolver

log = logging.getLogger(__name__)

_default: Geoparser | None = None
_default_lock = threading.Lock()


class Geoparser:
    """Find and resolve place names in English and Russian (and Kazakh) text."""

    def __init__(self, gazetteer: Gazetteer) -> None:
        self.gazetteer = gazetteer
        self.resolver = Resolver(gazetteer)
        prepare(gazetteer)  # one-time loads now, not in the first document's time

    @classmethod
    def from_store(cls, store: Store) -> Geoparser:
        """A geoparser over the gazetteer tables of ``store`` (build them first)."""
        gaz = Gazetteer.from_store(store)
        if not len(gaz):
            raise NotConfigured("the gazetteer is empty; run `steppewatch gazetteer build` first")
        return cls(gaz)

    @classmethod
    def default(cls) -> Geoparser:
        """A shared geoparser over the cached package gazetteer, built on first use (~20 s).

        The cache is keyed by a fingerprint of the seed, the build code and the source
        packages (:mod:`.cache`); its index snapshot makes later starts fast.
        """
        global _default
        with _default_lock:
            if _default is None:
                _default = cls(load_cached_gazetteer())
            return _default

    def parse(self, text: str, language: str | None = None,
              country_hint: str | None = None) -> list[Place]:
        """Every toponym in ``text`` with offsets, resolved or with a ``reason``."""
        spans = find_spans(self.gazetteer, text, language)
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


def load_cached_gazetteer() -> Gazetteer:
    """The package gazetteer from its snapshot, else from the cached database (built when
    missing), writing the snapshot for the next start."""
    state = read_snapshot()
    if state is not None:
        return Gazetteer.from_state(state)
    started = time.perf_counter()
    store = open_cached_store()
    try:
        gaz = Gazetteer.from_store(store)
    finally:
        store.close()
    if not len(gaz):
        raise NotConfigured(f"the cached gazetteer at {cache_path()} is empty; delete it and retry")
    try:
        write_snapshot(gaz.state())
    except OSError as exc:  # a read-only cache still works, only slower to start
        log.warning("cannot write the gazetteer snapshot: %s", exc)
    log.info("gazetteer loaded from the database in %.1f s", time.perf_counter() - started)
    return gaz
