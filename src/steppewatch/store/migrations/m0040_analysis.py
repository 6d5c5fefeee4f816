"""Analysis and alerts: per-event snapshot, indicators, infrastructure, event flags, alerts.

``analysis_events`` / ``analysis_links`` hold the analysis view of each event as last computed,
so an incremental update knows the keys an event had before it changed. ``indicators`` holds one
row per period x country x admin1 x category ('*' = all, '' = unknown admin1) for each marking
ceiling present in the data (``max_rank``), so a reader never sees counts of events above their
clearance.
"""

NAME = "0040_analysis"

_COMMON = [
    """CREATE TABLE analysis_events (
        event_id TEXT PRIMARY KEY, country TEXT NOT NULL, admin1 TEXT NOT NULL, category TEXT NOT NULL,
        event_date TEXT NOT NULL, week TEXT NOT NULL, month TEXT NOT NULL,
        fatalities_low INTEGER NOT NULL, fatalities_best INTEGER NOT NULL, fatalities_high INTEGER NOT NULL,
        near_infra INTEGER NOT NULL DEFAULT 0, marking_rank INTEGER NOT NULL)""",
    "CREATE INDEX analysis_events_week ON analysis_events (country, week)",
    "CREATE INDEX analysis_events_month ON analysis_events (country, month)",
    "CREATE INDEX analysis_events_date ON analysis_events (country, event_date)",
    """CREATE TABLE analysis_links (
        event_id TEXT NOT NULL, kind TEXT NOT NULL, value TEXT NOT NULL,
        PRIMARY KEY (event_id, kind, value))""",
    """CREATE TABLE indicators (
        period_kind TEXT NOT NULL, period TEXT NOT NULL, country TEXT NOT NULL, admin1 TEXT NOT NULL,
        category TEXT NOT NULL, max_rank INTEGER NOT NULL,
        events INTEGER NOT NULL, fatalities_low INTEGER NOT NULL, fatalities_best INTEGER NOT NULL,
        fatalities_high INTEGER NOT NULL, actors INTEGER NOT NULL DEFAULT 0,
        sources INTEGER NOT NULL DEFAULT 0, near_infra INTEGER NOT NULL DEFAULT 0,
        share REAL NOT NULL DEFAULT 0,
        PRIMARY KEY (period_kind, country, period, admin1, category, max_rank))""",
    """CREATE TABLE actor_first_seen (
        country TEXT NOT NULL, name TEXT NOT NULL, max_rank INTEGER NOT NULL,
        first_date TEXT NOT NULL, event_id TEXT NOT NULL,
        PRIMARY KEY (country, name, max_rank))""",
    """CREATE TABLE infrastructure (
        id TEXT PRIMARY KEY, kind TEXT NOT NULL, name TEXT NOT NULL, country TEXT,
        status TEXT, geometry TEXT NOT NULL, min_lon REAL, min_lat REAL, max_lon REAL, max_lat REAL,
        source TEXT NOT NULL, loaded_at TEXT NOT NULL)""",
    """CREATE TABLE event_flags (
        event_id TEXT NOT NULL, flag TEXT NOT NULL, ref TEXT, detail TEXT, distance_km REAL,
        PRIMARY KEY (event_id, flag))""",
    """CREATE TABLE alerts (
        id TEXT PRIMARY KEY, rule TEXT NOT NULL, dedup_key TEXT NOT NULL, created_at TEXT NOT NULL,
        country TEXT, admin1 TEXT, category TEXT, tracker TEXT, level TEXT,
        period_start TEXT, period_end TEXT, marking TEXT NOT NULL, marking_rank INTEGER NOT NULL,
        data TEXT NOT NULL)""",
    "CREATE INDEX alerts_created ON alerts (created_at)",
    "CREATE INDEX alerts_dedup ON alerts (dedup_key, created_at)",
    """CREATE TABLE alert_deliveries (
        alert_id TEXT NOT NULL, channel TEXT NOT NULL, status TEXT NOT NULL, at TEXT NOT NULL,
        detail TEXT, PRIMARY KEY (alert_id, channel))""",
]

SQLITE = list(_COMMON)
POSTGRES = list(_COMMON)
