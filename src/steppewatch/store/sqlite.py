"""The embedded default: SQLite in WAL mode with FTS5 full-text search."""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path
from typing import Any

from ..errors import StoreError
from .base import Store


class SqliteStore(Store):
    dialect = "sqlite"

    def __init__(self, url: str, path: str) -> None:
        super().__init__(url)
        self.path = path
        if path != ":memory:":
            Path(path).parent.mkdir(parents=True, exist_ok=True)
        try:
            self._conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False, timeout=30)
        except sqlite3.Error as exc:
            raise StoreError(f"cannot open SQLite database {path}: {exc}") from exc
        for pragma in ("journal_mode = WAL", "synchronous = NORMAL", "foreign_keys = ON",
                       "temp_store = MEMORY", "cache_size = -32000", "busy_timeout = 30000",
                       "wal_autocheckpoint = 16384"):  # checkpoint every 64 MB of WAL, not 4 MB
            self._conn.execute(f"PRAGMA {pragma}")

    def _cursor(self) -> Any:
        return self._conn.cursor()

    def _begin(self) -> None:
        self._conn.execute("BEGIN IMMEDIATE")

    def close(self) -> None:
        self._conn.close()

    def _fts_ids(self, query: str, limit: int) -> list[str]:
        terms = re.findall(r"\w+", query)
        if not terms:
            return []
        match = " ".join('"' + t.replace('"', "") + '"' for t in terms)
        rows = self.query(
            "SELECT d.id FROM documents_fts f JOIN documents d ON d.rowid = f.rowid "
            "WHERE documents_fts MATCH ? ORDER BY rank LIMIT ?",
            (match, limit),
        )
        return [r[0] for r in rows]
