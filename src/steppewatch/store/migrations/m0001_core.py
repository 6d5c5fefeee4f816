"""Core tables: sources, documents (with full-text search), mentions, events, runs."""

NAME = "0001_core"

_COMMON = [
    """CREATE TABLE sources (
        id TEXT PRIMARY KEY, name TEXT NOT NULL, kind TEXT NOT NULL, marking TEXT NOT NULL,
        data TEXT NOT NULL, updated_at TEXT NOT NULL)""",
    """CREATE TABLE runs (
        id TEXT PRIMARY KEY, started_at TEXT NOT NULL, finished_at TEXT, status TEXT NOT NULL,
        counts TEXT NOT NULL DEFAULT '{}', note TEXT)""",
    """CREATE TABLE state (key TEXT PRIMARY KEY, value TEXT NOT NULL, updated_at TEXT NOT NULL)""",
    """CREATE TABLE mentions (
        id TEXT PRIMARY KEY, document_id TEXT NOT NULL, event_id TEXT, category TEXT NOT NULL,
        confidence INTEGER NOT NULL, coder TEXT NOT NULL, coder_version TEXT NOT NULL,
        data TEXT NOT NULL)""",
    "CREATE INDEX mentions_document ON mentions (document_id)",
    "CREATE INDEX mentions_event ON mentions (event_id)",
    """CREATE TABLE events (
        id TEXT PRIMARY KEY, category TEXT NOT NULL, subtype TEXT, country TEXT,
        admin1 TEXT, admin1_name TEXT, place_name TEXT, lat REAL, lon REAL,
        precision_ucdp INTEGER, precision_acled INTEGER,
        event_date TEXT, date_precision TEXT,
        fatalities_low INTEGER NOT NULL DEFAULT 0, fatalities_best INTEGER NOT NULL DEFAULT 0,
        fatalities_high INTEGER NOT NULL DEFAULT 0, injured INTEGER NOT NULL DEFAULT 0,
        arrested INTEGER NOT NULL DEFAULT 0, n_sources INTEGER NOT NULL DEFAULT 1,
        confidence INTEGER NOT NULL, marking TEXT NOT NULL, marking_rank INTEGER NOT NULL,
        origin TEXT NOT NULL, first_seen TEXT, last_seen TEXT, updated_at TEXT NOT NULL,
        data TEXT NOT NULL)""",
    "CREATE INDEX events_country_date ON events (country, event_date)",
    "CREATE INDEX events_category_date ON events (category, event_date)",
    "CREATE INDEX events_date ON events (event_date)",
    "CREATE INDEX events_updated ON events (updated_at)",
    """CREATE TABLE event_actors (
        event_id TEXT NOT NULL, name TEXT NOT NULL, actor_id TEXT, role TEXT NOT NULL,
        sector TEXT, country TEXT, PRIMARY KEY (event_id, name, role))""",
    "CREATE INDEX event_actors_name ON event_actors (name)",
]

SQLITE = [
    """CREATE TABLE documents (
        id TEXT PRIMARY KEY, source_id TEXT NOT NULL, url TEXT, title TEXT, text TEXT NOT NULL,
        language TEXT, published_at TEXT, published_precision TEXT, fetched_at TEXT,
        content_hash TEXT NOT NULL, duplicate_of TEXT, marking TEXT NOT NULL,
        marking_rank INTEGER NOT NULL, run_id TEXT, data TEXT NOT NULL, raw TEXT)""",
    *_COMMON,
    """CREATE TABLE rejections (
        id INTEGER PRIMARY KEY AUTOINCREMENT, run_id TEXT, stage TEXT NOT NULL,
        key TEXT NOT NULL, reason TEXT NOT NULL, detail TEXT, at TEXT NOT NULL)""",
    """CREATE VIRTUAL TABLE documents_fts USING fts5(
        title, text, content='documents', content_rowid='rowid', tokenize='unicode61', detail='column')""",
    """CREATE TRIGGER documents_ai AFTER INSERT ON documents BEGIN
        INSERT INTO documents_fts(rowid, title, text) VALUES (new.rowid, new.title, new.text);
    END""",
    """CREATE TRIGGER documents_ad AFTER DELETE ON documents BEGIN
        INSERT INTO documents_fts(documents_fts, rowid, title, text)
        VALUES ('delete', old.rowid, old.title, old.text);
    END""",
    """CREATE TRIGGER documents_au AFTER UPDATE OF title, text ON documents BEGIN
        INSERT INTO documents_fts(documents_fts, rowid, title, text)
        VALUES ('delete', old.rowid, old.title, old.text);
        INSERT INTO documents_fts(rowid, title, text) VALUES (new.rowid, new.title, new.text);
    END""",
    "CREATE INDEX documents_source ON documents (source_id)",
    "CREATE INDEX documents_hash ON documents (content_hash)",
]

POSTGRES = [
    """CREATE TABLE documents (
        id TEXT PRIMARY KEY, source_id TEXT NOT NULL, url TEXT, title TEXT, text TEXT NOT NULL,
        language TEXT, published_at TEXT, published_precision TEXT, fetched_at TEXT,
        content_hash TEXT NOT NULL, duplicate_of TEXT, marking TEXT NOT NULL,
        marking_rank INTEGER NOT NULL, run_id TEXT, data TEXT NOT NULL, raw TEXT,
        tsv tsvector GENERATED ALWAYS AS (
            to_tsvector('simple', coalesce(title, '') || ' ' || left(text, 200000))) STORED)""",
    *_COMMON,
    """CREATE TABLE rejections (
        id BIGSERIAL PRIMARY KEY, run_id TEXT, stage TEXT NOT NULL,
        key TEXT NOT NULL, reason TEXT NOT NULL, detail TEXT, at TEXT NOT NULL)""",
    "CREATE INDEX documents_tsv ON documents USING GIN (tsv)",
    "CREATE INDEX documents_source ON documents (source_id)",
    "CREATE INDEX documents_hash ON documents (content_hash)",
]
