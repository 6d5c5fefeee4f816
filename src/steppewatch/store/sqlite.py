"""The embedded default: SQLite in WAL mode with FTS5 full-text search."""

from __future__ import annotations

import json
import re
import sqlite3
from pathlib import Path
from typing import Any

from ..errors import StoreError
from .base import Store

#: ``INSERT INTO t (cols) VALUES (?, ...)`` with an optional tail (``ON CONFLICT ...``).
_INSERT_VALUES = re.compile(
    r"^\s*(INSERT\s+(?:OR\s+\w+\s+)?INTO\s+\w+\s*\([^)]*\))\s*VALUES\s*\(((?:\s*\?\s*,)*\s*\?\s*)\)\s*(.*)$",
    re.S | re.I)
#: Below this many rows ``executemany`` binds row by row as usual.
BULK_ROWS = 64


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
        # 8 KB pages (new databases only): a 2 KB document row no longer leaves half a 4 KB page empty
        for pragma in ("page_size = 8192", "journal_mode = WAL", "synchronous = NORMAL", "foreign_keys = ON",
                       "temp_store = MEMORY", "cache_size = -32000", "busy_timeout = 30000",
                       "wal_autocheckpoint = 8192"):  # checkpoint every 64 MB of WAL
            self._conn.execute(f"PRAGMA {pragma}")

    def _cursor(self) -> Any:
        return self._conn.cursor()

    def in_values(self, column: str, values: Any) -> tuple[str, list[Any]]:
        return f"{column} IN (SELECT value FROM json_each(?))", [json.dumps(list(values), ensure_ascii=False)]

    def executemany(self, sql: str, rows: Any) -> None:
        """Many rows of an ``INSERT ... VALUES (?, ...)`` go in as one JSON array and one statement.

        Row-by-row binding hands the GIL back and forth once per row; with one statement SQLite
        inserts the whole batch (and runs its triggers, such as the full-text index) without
        returning to Python, so a write in the background overlaps the next batch's Python work.
        Rows holding bytes, or numbers JSON cannot carry, are bound row by row.
        """
        rows = [tuple(r) for r in rows]
        match = _INSERT_VALUES.match(sql) if len(rows) >= BULK_ROWS else None
        if match and "?" in match.group(3):  # parameters after VALUES (an upsert's SET ... = ?)
            match = None
        payload = _json_rows(rows) if match else None
        if match is None or payload is None:
            super().executemany(sql, rows)
            return
        head, marks, tail = match.groups()
        columns = ", ".join(f"json_extract(value, '$[{i}]')" for i in range(marks.count("?")))
        self.execute(f"{head} SELECT {columns} FROM json_each(?) WHERE true {tail}", (payload,))

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


def _json_rows(rows: list[tuple[Any, ...]]) -> str | None:
    """The rows as one JSON array, or None when a value would not come back the same (bytes, NaN,
    integers beyond 64 bits)."""
    for row in rows:
        for v in row:
            if v is None or isinstance(v, str | float):
                continue
            if isinstance(v, int) and -(1 << 63) <= v < (1 << 63):
                continue
            return None
    try:
        return json.dumps(rows, ensure_ascii=False, allow_nan=False, separators=(",", ":"))
    except ValueError:
        return None
