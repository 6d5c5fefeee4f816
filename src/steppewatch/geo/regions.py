"""Parts of a country named by a direction: "western Afghanistan", "N. Afghanistan", "Afghan
south", "на юге Казахстана".

Such a place has region precision (ACLED 3, UCDP ``where_prec`` 5) and, as UCDP gives every
event of that precision a point, a representative point too. A direction names the side of the
country toward its border, not its middle: the point of "western X" is the mean of the centres
of the outer half (the farther from X's centre) of X's admin-1 units that lie within 45 degrees
of due west of that centre (the mean of all unit centres); where no unit is that close, the one
unit nearest that bearing within 90 degrees. "central X" is the inner half of all the units.
Only countries whose admin-1 units are all in the gazetteer (the five republics and
Afghanistan, :data:`COMPLETE`) get points; elsewhere the region keeps none. The precision
keeps the point from ever being drawn as an exact location (:attr:`.Place.is_exact`).
"""

from __future__ import annotations

import math
import re

from ..vocab import CENTRAL_ASIA
from .gazetteer import Gazetteer

#: Countries whose admin-1 units the seed lists in full.
COMPLETE = frozenset(CENTRAL_ASIA) | {"AF"}
#: Compass bearing of each direction, degrees clockwise from north.
BEARINGS = {"north": 0.0, "northeast": 45.0, "east": 90.0, "southeast": 135.0, "south": 180.0,
            "southwest": 225.0, "west": 270.0, "northwest": 315.0}
#: Adjective used in a region's name ("southern Afghanistan").
ADJECTIVES = {"north": "northern", "northeast": "north-eastern", "east": "eastern", "southeast": "south-eastern",
              "south": "southern", "southwest": "south-western", "west": "western", "northwest": "north-western",
              "central": "central"}
SECTOR_DEGREES = 45.0

_STEMS = (("северо-восток", "northeast"), ("северо-запад", "northwest"), ("юго-восток", "southeast"),
          ("юго-запад", "southwest"), ("север", "north"), ("восток", "east"), ("юг", "south"),
          ("запад", "west"), ("центр", "central"), ("central", "central"))
_LATIN = re.compile(r"(north|south)?[- ]?(east|west)?(?:ern)?")
_INITIALS = {"n": "north", "s": "south", "e": "east", "w": "west"}


def direction(word: str) -> str | None:
    """The direction a word names ("south-western", "W.", "юге", "west"), or None."""
    low = word.lower().strip().rstrip(".")
    if low in _INITIALS:
        return _INITIALS[low]
    for stem, name in _STEMS:
        if low.startswith(stem):
            return name
    m = _LATIN.fullmatch(low)
    if m is None or not (m.group(1) or m.group(2)):
        return None
    return (m.group(1) or "") + (m.group(2) or "")


class RegionPoints:
    """Representative points of the directional regions of the :data:`COMPLETE` countries."""

    def __init__(self, gaz: Gazetteer) -> None:
        units: dict[str, list[tuple[float, float]]] = {}
        for e in gaz.places.values():
            if e.kind == "admin1" and e.country in COMPLETE and e.lat is not None and e.lon is not None:
                units.setdefault(e.country, []).append((e.lat, e.lon))
        self._points: dict[tuple[str, str], tuple[float, float]] = {}
        for country, pts in units.items():
            lat0 = sum(p[0] for p in pts) / len(pts)
            lon0 = sum(p[1] for p in pts) / len(pts)
            polar = [(_bearing(lat0, lon0, lat, lon), math.hypot(lat - lat0, (lon - lon0) * math.cos(
                math.radians(lat0))), (lat, lon)) for lat, lon in pts]
            for name, bearing in BEARINGS.items():
                sector = [t for t in polar if _angle(t[0], bearing) <= SECTOR_DEGREES]
                sector.sort(key=lambda t: t[1], reverse=True)  # the farthest from the centre first
                inside = [p for _, _, p in sector[: (len(sector) + 1) // 2]]
                if not inside:  # few units (Tajikistan): the one nearest that direction, if any
                    b, _, p = min(polar, key=lambda t: _angle(t[0], bearing))
                    inside = [p] if _angle(b, bearing) <= 2 * SECTOR_DEGREES else []
                if inside:
                    self._points[(country, name)] = _mean(inside)
            near = sorted(polar, key=lambda t: t[1])[: max(1, len(polar) // 2)]
            self._points[(country, "central")] = _mean([p for _, _, p in near])

    def point(self, country: str | None, name: str) -> tuple[float, float] | None:
        """The point of the ``name`` part of ``country``, or None where there is none."""
        return self._points.get((country or "", name))


def _bearing(lat0: float, lon0: float, lat: float, lon: float) -> float:
    dx = (lon - lon0) * math.cos(math.radians(lat0))
    return math.degrees(math.atan2(dx, lat - lat0)) % 360.0


def _angle(a: float, b: float) -> float:
    d = abs(a - b) % 360.0
    return min(d, 360.0 - d)


def _mean(points: list[tuple[float, float]]) -> tuple[float, float]:
    return (round(sum(p[0] for p in points) / len(points), 4), round(sum(p[1] for p in points) / len(points), 4))
