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
