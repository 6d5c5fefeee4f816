"""SQLite's batch insert: many rows of ``INSERT ... VALUES (?, ...)`` as one JSON array in one statement."""

from __future__ import annotations

from pathlib import Path

from steppewatch.store import open_store
from steppewatch.store import sqlite as sqlite_store

ROWS = [(i, f"name {i} 'quoted' \"double\" жол \\ \n", i / 3, None if i % 3 else True, 2**62 + i)
        for i in range(sqlite_store.BULK_ROWS * 2)]


def _table(tmp_path: Path, name: str):  # type: ignore[no-untyped-def]
    store = open_store(f"sqlite:///{tmp_path / name}")
    store.execute("CREATE TABLE t (a INTEGER PRIMARY KEY, b TEXT, c REAL, d INTEGER, e INTEGER)")
    return store


def test_json_batch_stores_what_row_binding_stores(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    bulk = _table(tmp_path, "bulk.db")
    statements: list[str] = []
    bulk._conn.set_trace_callback(statements.append)
    sql = "INSERT INTO t (a, b, c, d, e) VALUES (?, ?, ?, ?, ?) ON CONFLICT (a) DO NOTHING"
    bulk.executemany(sql, ROWS)
    bulk.executemany(sql, ROWS)  # the conflict tail still applies: nothing doubles
    assert sum("json_each" in s for s in statements) == 2
    monkeypatch.setattr(sqlite_store, "BULK_ROWS", 10**9)
    plain = _table(tmp_path, "plain.db")
    plain.executemany(sql, ROWS)
    query = "SELECT a, b, c, d, e, typeof(b), typeof(c), typeof(d), typeof(e) FROM t ORDER BY a"
    assert bulk.query(query) == plain.query(query)
    assert len(bulk.query(query)) == len(ROWS)


def test_rows_json_cannot_carry_are_bound_one_by_one(tmp_path: Path) -> None:
    store = _table(tmp_path, "bytes.db")
    store.execute("CREATE TABLE blobs (k INTEGER, v BLOB)")
    statements: list[str] = []
    store._conn.set_trace_callback(statements.append)
    rows = [(i, bytes([i % 256]) * 4) for i in range(sqlite_store.BULK_ROWS)]
    store.executemany("INSERT INTO blobs (k, v) VALUES (?, ?)", rows)
    store.executemany("INSERT INTO t (a, c) VALUES (?, ?)", [(i, float("nan")) for i in range(sqlite_store.BULK_ROWS)])
    assert not any("json_each" in s for s in statements)
    assert store.query("SELECT v FROM blobs WHERE k = 3") == [(b"\x03" * 4,)]
    assert store.query("SELECT COUNT(*) FROM t WHERE c IS NULL") == [(sqlite_store.BULK_ROWS,)]  # NaN is NULL


def test_parameters_after_values_are_bound_row_by_row(tmp_path: Path) -> None:
    store = _table(tmp_path, "upsert.db")
    statements: list[str] = []
    store._conn.set_trace_callback(statements.append)
    n = sqlite_store.BULK_ROWS
    sql = "INSERT INTO t (a, b) VALUES (?, ?) ON CONFLICT (a) DO UPDATE SET b = ?"
    store.executemany(sql, [(i, "first", "unused") for i in range(n)])
    store.executemany(sql, [(i, "second", f"updated {i}") for i in range(n)])
    assert not any("json_each" in s for s in statements)
    assert store.query("SELECT b FROM t WHERE a = 5") == [("updated 5",)]
