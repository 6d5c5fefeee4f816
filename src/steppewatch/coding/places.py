"""The link to the geoparser (``steppewatch.geo``), which another stage owns.

The coder asks the geoparser for every toponym once per document and for the event's place per
mention. When the geo package is not installed, coding goes on without places: the event country
then comes from country names and actors (see :mod:`.scope`), and the output says so.
"""

from __future__ import annotations

import logging
import re
from typing import Any, Protocol

from ..models import Place
from ..vocab import COUNTRY_NAMES

log = logging.getLogger(__name__)


class GeoparserLike(Protocol):
    def parse(self, text: str, language: str | None = None, country_hint: str | None = None) -> list[Place]: ...

    def event_place(self, places: list[Place], text: str, span: tuple[int, int]) -> Place | None: ...


_DEFAULT: list[GeoparserLike | None] = []


def default_geoparser() -> GeoparserLike | None:
    """The project geoparser, or None (logged once) when ``steppewatch.geo`` is unavailable."""
    if not _DEFAULT:
        try:
            from ..geo import Geoparser  # type: ignore[attr-defined]

            _DEFAULT.append(Geoparser.default())
        except (ImportError, AttributeError) as exc:
            log.warning("geoparser unavailable (%s); coding without places", exc)
            _DEFAULT.append(None)
    return _DEFAULT[0]


#: Words that say the next (or the same) words name a place: "Turkestan region", "в городе Талгар",
#: "села Кызыл-Кыя". A toponym the text itself types as a place is not a surname or a common word
#: read as a village, so the coder keeps it even against the countries the document names elsewhere.
_PLACE_TYPE = re.compile(
    r"(?:region|province|district|city|town|village|oblast|rayon|county|municipality|settlement|enclave|"
    r"област[ьиеюя]\w*|район\w*|провинци\w+|город[аеуом]?|сел[аеоу]|селом|поселк\w*|поселок|посел[оё]к|"
    r"аул\w*|кишлак\w*|деревн\w+|пункт\w*|вилоят\w*|округ\w*|анклав\w*|джамоат\w*)", re.I)
#: An English unit word right after a name ("Shigal district"); a Russian one is left out, since
#: "Октябрьского районного суда" is a court and "Кара-Суйском районе" is named on both sides.
_UNIT_AFTER = re.compile(r"(?:district|province)", re.I)
#: Words after a toponym that make it a named site: "Kant air base", "the Islam Qala crossing",
#: "авиабаза Кант" (before it, as the place types above are).
_SITE_TYPE = re.compile(r"(?:airbase|airport|crossing|checkpoint|авиабаз\w*|аэропорт\w*|погранпереход\w*)",
                        re.I)
_WORD = re.compile(r"\w+", re.UNICODE)
_CYRILLIC = re.compile(r"[а-яё]", re.I)


def typed_toponym(text: str, place: Place) -> bool:
    """True when the toponym's own later words or the two words before it name a kind of place,
    or its Russian case does."""
    if place.start is None or place.end is None:
        return False
    own = _WORD.findall(text[place.start:place.end])[1:]
    before = _WORD.findall(text[max(0, place.start - 40):place.start])[-2:]
    after = [w.lower() for w in _WORD.findall(text[place.end:place.end + 24])[:2]]
    return (any(_PLACE_TYPE.fullmatch(w) or _SITE_TYPE.fullmatch(w) for w in (*own, *before))
            or any(_SITE_TYPE.fullmatch(w) for w in after) or after == ["air", "base"]
            or bool(after) and _UNIT_AFTER.fullmatch(after[0]) is not None
            or _locative(text[place.start:place.end], before))


def _locative(surface: str, before: list[str]) -> bool:
    """A capitalised Russian name in the locative after "в", maybe with an adjective between ("в
    Нью-Йорке", "в Казани", "в подмосковных Мытищах", an indeclinable "в Алеппо"), or in the
    instrumental after "под" ("под Санкт-Петербургом"): the case itself says place."""
    if len(before) >= 2 and before[-1].islower() and before[-1].endswith(_LOCATIVE_ADJ):
        before = before[:-1]
    if before and surface[:1].islower() and _CITY_ADJ_LOCATIVE.search(surface) \
            and before[-1].lower() in ("в", "во", "на"):
        return True  # "в петербургском метро", "на ташкентском вокзале": a town's adjective
    if not before or not surface[:1].isupper() or _CYRILLIC.search(surface) is None:
        return False
    prep = before[-1].lower()
    return prep in ("в", "во") and surface.endswith(("е", "и", "ах", "ях", "о")) \
        or prep == "под" and surface.endswith(("ом", "ем", "ой", "ей", "ами", "ями"))


#: A town's adjective in the locative ("петербургском", "ошской", "бишкекских").
_CITY_ADJ_LOCATIVE = re.compile(r"(?:ск|цк)(?:ом|ой|их)$")
#: Endings of an adjective in the locative ("подмосковных", "турецком", "южной").
_LOCATIVE_ADJ = ("ых", "их", "ом", "ем", "ой", "ей")


def place_json(place: Place | None) -> dict[str, Any] | None:
    if place is None:
        return None
    try:
        from ..geo import place_to_json  # type: ignore[attr-defined]

        return dict(place_to_json(place))
    except (ImportError, AttributeError):
        return place.to_dict()


def country_place(code: str, text: str | None, span: tuple[int, int] | None, reason: str) -> Place:
    """A country-precision place for an event the geoparser could not place more finely."""
    return Place(
        name=COUNTRY_NAMES.get(code, code),
        country=code,
        precision_acled=3,
        precision_ucdp=6,
        text=text,
        start=span[0] if span else None,
        end=span[1] if span else None,
        confidence=50 if span else 30,
        reason=f"country from {reason}",
    )
