"""Geo fixtures: one geoparser over the cached package gazetteer for the whole session."""

from __future__ import annotations

import pytest

from steppewatch.geo import Geoparser


@pytest.fixture(scope="session")
def geoparser() -> Geoparser:
    return Geoparser.default()
