"""Gazetteer tables: places, their names and keys, admin-1 units and polygons, build facts."""

NAME = "0020_gazetteer"


def _tables(bigint: str) -> list[str]:
    return [
        f"""CREATE TABLE geo_places (
            id {bigint} PRIMARY KEY, name TEXT NOT NULL, code TEXT NOT NULL, kind TEXT NOT NULL,
            country TEXT, admin1_iso TEXT, admin1_name TEXT, admin2 TEXT, lat REAL, lon REAL,
            population {bigint} NOT NULL DEFAULT 0, prec_acled INTEGER NOT NULL,
            prec_ucdp INTEGER NOT NULL, approx INTEGER NOT NULL DEFAULT 0, source TEXT)""",
        "CREATE INDEX geo_places_country ON geo_places (country, admin1_iso)",
        f"""CREATE TABLE geo_names (
            key TEXT NOT NULL, place_id {bigint} NOT NULL, name TEXT NOT NULL, kind TEXT NOT NULL)""",
        "CREATE INDEX geo_names_key ON geo_names (key)",
        "CREATE INDEX geo_names_place ON geo_names (place_id)",
        """CREATE TABLE geo_boundaries (
            iso TEXT PRIMARY KEY, country TEXT NOT NULL, name TEXT NOT NULL, geojson TEXT NOT NULL,
            source TEXT)""",
        "CREATE TABLE geo_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
    ]


SQLITE: list[str] = _tables("INTEGER")
POSTGRES: list[str] = _tables("BIGINT")
