"""Geoparsing: find place names in English and Russian text, resolve them against an embedded
gazetteer of Central Asia, and pick the place where an event happened.

>>> from steppewatch.geo import Geoparser                      # doctest: +SKIP
>>> gp = Geoparser.default()                                    # doctest: +SKIP
>>> [p.name for p in gp.parse("Clashes near Vorukh, Tajikistan")]   # doctest: +SKIP
['Vorukh', 'Tajikistan']
"""

from __future__ import annotations

from .jsonio import place_to_json
from .parser import Geoparser

__all__ = ["Geoparser", "place_to_json"]
