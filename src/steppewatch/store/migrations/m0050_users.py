"""Web and API: users, API tokens, the audit log, and indexes for the event list.

``users.max_marking`` is the most restricted TLP marking a user is cleared for; every read
the web layer makes passes it on as ``max_marking``. API tokens are stored as SHA-256
hashes only. The ``events_recent*`` indexes match the order of ``Store.query_events``
(``COALESCE(event_date, '') DESC, id DESC``) so that the newest page of a filtered list is
read from an index instead of sorting the whole table; ``events_origin`` answers "is there any
UCDP/ACLED/GDELT data this reader may see" with one index probe (``MIN(marking_rank)``), and
the ``event_actors`` indexes serve the actor filter (``LOWER(name) = LOWER(?) OR actor_id = ?``).
"""

NAME = "0050_users"

_INDEXES = [
    "CREATE INDEX events_recent ON events ((COALESCE(event_date, '')), id)",
    "CREATE INDEX events_recent_country ON events (country, (COALESCE(event_date, '')), id)",
    "CREATE INDEX events_recent_category ON events (category, (COALESCE(event_date, '')), id)",
    "CREATE INDEX events_recent_admin1 ON events (admin1, (COALESCE(event_date, '')), id)",
    "CREATE INDEX events_lon_lat ON events (lon, lat)",
    "CREATE INDEX events_origin ON events (origin, marking_rank)",
    "CREATE INDEX event_actors_lower_name ON event_actors ((LOWER(name)))",
    "CREATE INDEX event_actors_actor_id ON event_actors (actor_id) WHERE actor_id IS NOT NULL",
    "CREATE INDEX events_date_category ON events (event_date, category, marking_rank)",
]

_USERS = """CREATE TABLE users (
    id TEXT PRIMARY KEY, username TEXT NOT NULL UNIQUE, password_hash TEXT NOT NULL,
    role TEXT NOT NULL, max_marking TEXT NOT NULL, organisation TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL, disabled INTEGER NOT NULL DEFAULT 0)"""

_TOKENS = """CREATE TABLE api_tokens (
    token_hash TEXT PRIMARY KEY, user_id TEXT NOT NULL, name TEXT NOT NULL, prefix TEXT NOT NULL,
    created_at TEXT NOT NULL, last_used_at TEXT)"""

SQLITE = [
    _USERS,
    _TOKENS,
    "CREATE INDEX api_tokens_user ON api_tokens (user_id)",
    """CREATE TABLE audit_log (
        id INTEGER PRIMARY KEY AUTOINCREMENT, at TEXT NOT NULL, username TEXT, action TEXT NOT NULL,
        ip TEXT, detail TEXT NOT NULL DEFAULT '{}')""",
    "CREATE INDEX audit_log_at ON audit_log (at)",
    *_INDEXES,
]

POSTGRES = [
    _USERS,
    _TOKENS,
    "CREATE INDEX api_tokens_user ON api_tokens (user_id)",
    """CREATE TABLE audit_log (
        id BIGSERIAL PRIMARY KEY, at TEXT NOT NULL, username TEXT, action TEXT NOT NULL,
        ip TEXT, detail TEXT NOT NULL DEFAULT '{}')""",
    "CREATE INDEX audit_log_at ON audit_log (at)",
    *_INDEXES,
]
