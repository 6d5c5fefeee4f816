"""Country outlines for the map: simplified admin-0 polygons (GeoJSON) with their source.

Drawn only; admin-1 assignment reads ``geo_boundaries``, never this table.
"""

NAME = "0021_countries"

_TABLE = """CREATE TABLE geo_countries (
    iso2 TEXT PRIMARY KEY, name TEXT NOT NULL, geojson TEXT NOT NULL, source TEXT)"""

SQLITE: list[str] = [_TABLE]
POSTGRES: list[str] = [_TABLE]
