"""Several processes opening a new database at once: every one ends migrated, none fails."""

from __future__ import annotations

import subprocess
import sys

CHILD = ("import sys; from steppewatch.store import open_store; "
         "s = open_store(sys.argv[1]); print(len(s.schema_version()))")


def test_processes_migrate_the_same_database_at_once(store_url: str) -> None:
    if store_url.startswith("postgresql"):
        from steppewatch.store import open_store

        # the fixture hands over a migrated copy; start from an empty database instead
        s = open_store(store_url, migrate=False)
        for (name,) in s.query("SELECT tablename FROM pg_tables WHERE schemaname = 'public'"):
            s.execute(f'DROP TABLE "{name}" CASCADE')
        s.close()
    procs = [subprocess.Popen([sys.executable, "-c", CHILD, store_url], stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True) for _ in range(4)]
    results = [p.communicate(timeout=300) for p in procs]
    assert [p.returncode for p in procs] == [0, 0, 0, 0], [err for _, err in results]
    counts = {out.strip() for out, _ in results}
    assert len(counts) == 1 and int(counts.pop()) >= 1


def test_the_near_duplicate_index_of_an_older_database_is_converted(store_url: str) -> None:
    """A database at 0010 (LSH rows keyed by document id) upgrades in place to integer refs."""
    from steppewatch.store import open_store
    from steppewatch.store.migrations import discover

    old = open_store(store_url, migrate=False)
    if old.dialect == "postgresql" or store_url.startswith("postgres"):  # the fixture's copy is migrated: empty it
        for (name,) in old.query("SELECT tablename FROM pg_tables WHERE schemaname = 'public'"):
            old.execute(f'DROP TABLE "{name}" CASCADE')
    old.execute("CREATE TABLE schema_migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)")
    for m in discover():
        if m.name >= "0011":
            break
        for statement in m.statements(old.dialect):
            old.execute(statement)
        old.execute("INSERT INTO schema_migrations (name, applied_at) VALUES (?, ?)", (m.name, "2026-01-01"))
    old.executemany("INSERT INTO ingest_minhash (document_id, signature) VALUES (?, ?)",
                    [("doc-b", b"\x02" * 8), ("doc-a", b"\x01" * 8)])
    old.executemany("INSERT INTO ingest_lsh (bucket, document_id) VALUES (?, ?)",
                    [(7, "doc-a"), (7, "doc-b"), (9, "doc-b"), (11, "doc-gone")])
    old.close()
    new = open_store(store_url)
    refs = dict(new.query("SELECT document_id, ref FROM ingest_minhash"))
    assert sorted(refs) == ["doc-a", "doc-b"]
    rows = new.query("SELECT bucket, ref FROM ingest_lsh ORDER BY bucket, ref")
    assert sorted((int(b), r) for b, r in rows) == sorted([(7, refs["doc-a"]), (7, refs["doc-b"]), (9, refs["doc-b"])])
    assert bytes(new.query("SELECT signature FROM ingest_minhash WHERE document_id = 'doc-a'")[0][0]) == b"\x01" * 8
    new.close()
