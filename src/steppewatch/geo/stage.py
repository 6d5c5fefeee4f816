"""Pipeline stage ``geo.gazetteer.v1``: place every coded mention.

For each item the document is geoparsed once; each mention without a resolved place gets
the place of its event, chosen among the places inside the mention's evidence sentence,
else among the document's places. The source's country, when known, is the country hint.
The stage rewrites the item's ``mentions``: the ``place`` it chooses and that place's
``country``; a mention placed by the coder keeps its place and gets the place's country
when it has none, and a coder's place with a country is never replaced by one without (the
region "Central Asia").
"""

from __future__ import annotations

import logging
import re
from typing import Any

from ..errors import Rejected
from ..models import Mention, Place
from .parser import Geoparser

log = logging.getLogger(__name__)

_SENTENCE_END = re.compile(r"[.!?…\n]")


class GazetteerStage:
    name = "geo.gazetteer.v1"
    version = "1"
    requires: tuple[str, ...] = ("document", "mentions")
    assigns: tuple[str, ...] = ("mentions",)

    def __init__(self, geoparser: Geoparser, source_countries: dict[str, str] | None = None) -> None:
        self.geoparser = geoparser
        self.source_countries = source_countries or {}
        self.counts: dict[str, int] = {"placed": 0, "unplaced": 0}

    def process(self, batch: list[Any]) -> list[Any]:
        return [self._one(item) for item in batch]

    def _one(self, item: Any) -> Any:
        if getattr(item, "skip", False) or item.document is None or not item.mentions:
            return item
        doc = item.document
        try:
            places = self.geoparser.parse(doc.text, doc.language,
                                          self.source_countries.get(item.source_id))
        except Exception as exc:  # a text the geoparser cannot read is one rejected item
            raise Rejected(f"geoparsing failed: {exc}", key=item.key) from exc
        mentions = tuple(self._place(m, places, doc.text) for m in item.mentions)
        return item.replace(mentions=mentions)

    def _place(self, mention: Mention, places: list[Place], text: str) -> Mention:
        if mention.place is not None and mention.place.geonameid is not None:
            return _with_country(mention, mention.place)
        span = None
        if mention.evidence is not None:
            span = sentence_bounds(text, mention.evidence.start, mention.evidence.end)
        place = self.geoparser.event_place(places, text, span) if span else None
        if place is None:
            place = self.geoparser.event_place(places, text)
        if place is not None and place.country is None and mention.place is not None and mention.place.country:
            place = None  # "Central Asia" would lose the country the coder found
        self.counts["placed" if place else "unplaced"] += 1
        if place is None:
            return mention if mention.place is None else _with_country(mention, mention.place)
        return mention.replace(place=place, country=place.country or mention.country)


def _with_country(mention: Mention, place: Place) -> Mention:
    """The mention with ``country`` set from its (coder-given) place when it has none yet."""
    if mention.country or not place.country:
        return mention
    return mention.replace(country=place.country)


def sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """The sentence (or sentences) around ``text[start:end]``."""
    lo = max((m.end() for m in _SENTENCE_END.finditer(text, 0, start)), default=0)
    m = _SENTENCE_END.search(text, end)
    return lo, (m.end() if m else len(text))


def create(ctx: Any) -> GazetteerStage:
    """Stage factory: the store's gazetteer when built there, else the cached package one."""
    store = getattr(ctx, "store", None)
    geoparser = None
    if store is not None:
        try:
            if store.query("SELECT 1 FROM geo_places LIMIT 1"):
                geoparser = Geoparser.from_store(store)
        except Exception:  # tables missing in an old database: fall back to the cache
            geoparser = None
    if geoparser is None:
        geoparser = Geoparser.default()
    countries: dict[str, str] = {}
    if store is not None and hasattr(store, "get_sources"):
        try:
            countries = {s.id: s.country for s in store.get_sources() if s.country}
        except Exception:
            countries = {}
    return GazetteerStage(geoparser, countries)
