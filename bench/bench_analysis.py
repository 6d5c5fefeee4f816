"""Benchmark the analysis layer on SQLite (or PostgreSQL with ``--url``).

    .venv/bin/python bench/bench_analysis.py --events 1000000 --db bench/out/analysis.db

Targets (issue #5): full recompute over 1,000,000 events <= 10 s on 2 cores; incremental
update after a 1,000-document run <= 1 s; alert evaluation <= 1 s. Synthetic events go in
directly with ``executemany`` (no pipeline). ``--reuse`` keeps an already loaded database.

Steps: the first update builds the integer snapshot from every event (``rebuild``, once per
database, reported but not a target); ``full`` recomputes every indicator from the snapshot
(``--repeat`` times); then a 1,000-event run is counted incrementally and the alert rules run.
The load average is printed because the figures move with whatever else the machine runs.
"""

from __future__ import annotations

import argparse
import os
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from steppewatch.alerts import evaluate_alerts
from steppewatch.analysis import synthetic
from steppewatch.analysis.indicators import update_indicators
from steppewatch.models import stable_id
from steppewatch.settings import load_settings
from steppewatch.store import open_store


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--events", type=int, default=1_000_000)
    ap.add_argument("--db", default="bench/out/analysis.db")
    ap.add_argument("--reuse", action="store_true", help="Skip loading when the database exists.")
    ap.add_argument("--url", help="Store URL instead of --db (e.g. a PostgreSQL database).")
    ap.add_argument("--repeat", type=int, default=3, help="Full recomputes to time.")
    args = ap.parse_args()
    db = Path(args.db)
    db.parent.mkdir(parents=True, exist_ok=True)
    if not args.reuse and not args.url:
        for suffix in ("", "-wal", "-shm"):
            Path(str(db) + suffix).unlink(missing_ok=True)
    store = open_store(args.url or f"sqlite:///{db}")
    print(f"cpu_count={os.cpu_count()} events={args.events} store={store.dialect} "
          f"{'' if args.url else db} load_average={os.getloadavg()[0]:.2f}")
    have = int(store.query("SELECT COUNT(*) FROM events")[0][0])
    if have < args.events:
        t = time.perf_counter()
        synthetic.load(store, args.events - have, seed=have + 1)
        print(f"load: {time.perf_counter() - t:.1f} s (setup, not a target)")

    t = time.perf_counter()
    report = update_indicators(store, rebuild=True)
    print(f"snapshot build from every event (once per database): {time.perf_counter() - t:.2f} s, "
          f"{report.changed_events} events (not a target)")
    for _ in range(args.repeat):
        t = time.perf_counter()
        report = update_indicators(store, full=True)
        print(f"full recompute: {time.perf_counter() - t:.2f} s, {report.rows} indicator rows (target <= 10 s) "
              f"load_average={os.getloadavg()[0]:.2f}")

    # a run of 1,000 documents: ~1,000 events written, half new, half updates of recent events
    recent = [r[0] for r in store.query("SELECT id FROM events ORDER BY event_date DESC LIMIT 500")]
    rows, actors = [], []
    last_day = datetime.fromisoformat(store.query("SELECT MAX(event_date) FROM events")[0][0]).date()
    seed = int(time.time())  # a new run each time, also on a reused database
    for i, (row, acts) in enumerate(synthetic.generate(1000, seed=seed, start=last_day - timedelta(days=6),
                                                      weeks=1)):
        eid = recent[i] if i < len(recent) else stable_id("bench-new", str(i))
        rows.append((eid, *row[1:]))
        actors += [(eid, *a[1:]) for a in acts]
    synthetic.write_events(store, rows, actors)
    t = time.perf_counter()
    report = update_indicators(store)
    print(f"incremental after 1,000 events: {time.perf_counter() - t:.2f} s ({report.mode}, "
          f"{report.changed_events} changed events, {report.dirty_periods} dirty cells) (target <= 1 s)")

    settings = load_settings(env={})
    now = datetime.combine(last_day + timedelta(days=7), datetime.min.time(), UTC)
    t = time.perf_counter()
    alerts = evaluate_alerts(store, settings, now=now, deliver=False)
    print(f"alert evaluation: {time.perf_counter() - t:.2f} s, {len(alerts)} alerts (target <= 1 s) "
          f"load_average={os.getloadavg()[0]:.2f}")
    t = time.perf_counter()
    again = evaluate_alerts(store, settings, now=now, deliver=False)
    print(f"alert evaluation again (nothing new): {time.perf_counter() - t:.2f} s, {len(again)} alerts")
    store.close()


if __name__ == "__main__":
    main()
