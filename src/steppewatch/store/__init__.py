"""Storage: one :class:`Store` interface, SQLite (embedded default) and PostgreSQL backends.

>>> store = open_store("sqlite:///data/steppewatch.db")   # doctest: +SKIP
>>> store.migrate()                                         # doctest: +SKIP
"""

from __future__ import annotations

from ..errors import ConfigError
from .base import EventFilter, Store, event_cursor


def open_store(url: str | None = None, *, migrate: bool = True) -> Store:
    """Open the store at ``url`` (default: the ``database_url`` setting) and bring its schema up to date."""
    if url is None:
        from ..settings import load_settings

        url = load_settings().database_url
    assert url is not None
    if url.startswith("sqlite://"):
        from .sqlite import SqliteStore

        path = url.removeprefix("sqlite://")
        path = path[1:] if path.startswith("/") else path  # sqlite:///rel/path, sqlite:////abs/path
        store: Store = SqliteStore(url, path or ":memory:")
    elif url.startswith(("postgresql://", "postgres://")):
        from .postgres import PostgresStore

        store = PostgresStore(url)
    else:
        raise ConfigError(
            f"database_url {url!r} is not supported; use sqlite:///PATH or postgresql://USER@HOST/DB"
        )
    if migrate:
        store.migrate()
    return store


__all__ = ["EventFilter", "Store", "event_cursor", "open_store"]
