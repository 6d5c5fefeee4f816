"""API benchmark: filtered event lists, the overview page, and a sustained load, over HTTP on loopback.

Builds (once, cached in bench/out/) a SQLite store of synthetic events inserted directly with
``store.executemany``, starts ``steppewatch serve`` on 127.0.0.1 and a free port, and measures:

- p95 latency of filtered ``/api/v1/events`` queries (target <= 100 ms),
- server time of the overview page ``/`` (target <= 1 s),
- 200 requests/s for 60 s on ``/api/v1/events`` (target: zero errors), driven by Debian's ``wrk``
  when installed (each connection waits a fixed delay between requests, calibrated so the
  connections together send about the target rate), else by an open-loop async httpx generator.

Usage: python bench/bench_api.py [--events 1000000] [--rate 200] [--seconds 60] [--database-url URL]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import socket
import statistics
import subprocess
import sys
import time
from datetime import date, timedelta
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "bench" / "out"
COUNTRIES = ("KZ", "KG", "TJ", "TM", "UZ", "AF", "CN", "IR", "PK", "RU")
CATEGORIES = ("border", "water", "narcotics", "militancy", "unrest", "energy", "military", "environment",
              "information", "governance", "diplomacy")
MARKINGS = (("clear", 0, 0.70), ("green", 1, 0.15), ("amber", 2, 0.10), ("amber+strict", 3, 0.04), ("red", 4, 0.01))
PASSWORD = "bench-password-123"

_INSERT = (
    "INSERT INTO events (id, category, subtype, country, admin1, admin1_name, place_name, lat, lon, "
    "precision_ucdp, precision_acled, event_date, date_precision, fatalities_low, fatalities_best, "
    "fatalities_high, injured, arrested, n_sources, confidence, marking, marking_rank, origin, first_seen, "
    "last_seen, updated_at, data) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
    "?, ?, ?, ?)"
)
_ACTOR = "INSERT INTO event_actors (event_id, name, actor_id, role, sector, country) VALUES (?, ?, ?, ?, ?, ?)"


def rows(n: int, seed: int = 7):
    rng = random.Random(seed)
    start = date(2015, 1, 1)
    span = (date(2025, 6, 30) - start).days
    now = "2025-07-01T00:00:00+00:00"
    weights = [m[2] for m in MARKINGS]
    for i in range(n):
        eid = f"b{i:08d}"
        cc = rng.choice(COUNTRIES)
        cat = rng.choice(CATEGORIES)
        day = (start + timedelta(days=int(span * rng.random() ** 0.6))).isoformat()  # more recent events
        marking, rank, _ = rng.choices(MARKINGS, weights)[0]
        exact = rng.random() < 0.6
        prec = 1 if exact else rng.choice((3, 4, 6))
        lat, lon = 35 + rng.random() * 17, 55 + rng.random() * 30
        admin1 = f"{cc}-{rng.randrange(1, 12):02d}"
        place = f"Place {rng.randrange(5000)}"
        fat = rng.choice((0, 0, 0, 0, 1, 2, 3, 7))
        actor = f"{cc} actor {rng.randrange(300)}"
        data = {"id": eid, "category": cat, "country": cc, "confidence": 50 + rng.randrange(50),
                "date": {"raw": None, "value": day, "precision": "day", "basis": "dataset"},
                "place": {"name": place, "country": cc, "admin1_iso": admin1, "lat": lat, "lon": lon,
                          "precision_ucdp": prec, "precision_acled": 1 if exact else 3},
                "actors": [{"name": actor, "role": "initiator", "sector": "GOV", "country": cc}],
                "fatalities": {"low": fat, "best": fat, "high": fat, "raw": None},
                "source_ids": [f"src-{rng.randrange(60)}"], "marking": marking, "origin": "coded",
                "summary": f"Synthetic benchmark event {i}"}
        yield ((eid, cat, None, cc, admin1, None, place, lat, lon, prec, 1 if exact else 3, day, "day", fat, fat,
                fat, 0, 0, 1, data["confidence"], marking, rank, "coded", None, None, now,
                json.dumps(data, separators=(",", ":"))),
               (eid, actor, None, "initiator", "GOV", cc))


def build(url: str, n: int) -> None:
    from steppewatch.auth.users import UserStore
    from steppewatch.store import open_store

    store = open_store(url)
    have = int(store.query("SELECT COUNT(*) FROM events")[0][0])
    if have >= n:
        print(f"store has {have:,} events: reusing {url}")
    else:
        started = time.perf_counter()
        batch_e, batch_a = [], []
        done = 0
        for ev, act in rows(n):
            if done < have:
                done += 1
                continue
            batch_e.append(ev)
            batch_a.append(act)
            if len(batch_e) >= 50_000:
                with store.transaction():
                    store.executemany(_INSERT, batch_e)
                    store.executemany(_ACTOR, batch_a)
                done += len(batch_e)
                batch_e, batch_a = [], []
                print(f"  inserted {done:,} events ({time.perf_counter() - started:.0f} s)", flush=True)
        if batch_e:
            with store.transaction():
                store.executemany(_INSERT, batch_e)
                store.executemany(_ACTOR, batch_a)
        if store.dialect == "sqlite":
            store.execute("ANALYZE")
        else:
            store.execute("ANALYZE events")
        print(f"built {n:,} events in {time.perf_counter() - started:.0f} s")
    users = UserStore(store)
    for name, clearance in (("bench-admin", "red"), ("bench-viewer", "green")):
        if users.by_name(name) is None:
            users.add(name, PASSWORD, role="admin" if name == "bench-admin" else "viewer", max_marking=clearance)
    store.close()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def pct(values: list[float], p: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))]


QUERIES = {
    "no filter": "",
    "country": "country=KG",
    "category": "category=militancy",
    "country+category": "country=TJ&category=border",
    "date range": "since=2024-01-01&until=2024-03-31",
    "country+dates": "country=UZ&since=2023-01-01&until=2023-12-31",
    "admin1": "admin1=KZ-03",
    "bbox": "bbox=68,38,72,41",
    "min_confidence": "min_confidence=90",
    "actor": "actor=KG actor 17",
    "marking": "marking=amber",
    "limit 200": "limit=200&country=AF",
}


def measure(base: str, token: str, rounds: int) -> dict[str, list[float]]:
    out: dict[str, list[float]] = {k: [] for k in QUERIES}
    out["next page (cursor)"] = []
    with httpx.Client(base_url=base, headers={"Authorization": f"Bearer {token}"}, timeout=30) as c:
        for qs in QUERIES.values():  # warm-up
            c.get(f"/api/v1/events?{qs}").raise_for_status()
        for _ in range(rounds):
            for name, qs in QUERIES.items():
                t = time.perf_counter()
                r = c.get(f"/api/v1/events?{qs}")
                out[name].append((time.perf_counter() - t) * 1000)
                r.raise_for_status()
                nxt = r.json().get("next")
                if name == "country+category" and nxt:
                    t = time.perf_counter()
                    c.get(nxt).raise_for_status()
                    out["next page (cursor)"].append((time.perf_counter() - t) * 1000)
    return out


def page_times(base: str, cookie_user: str, paths: list[str], rounds: int) -> dict[str, list[float]]:
    times: dict[str, list[float]] = {p: [] for p in paths}
    with httpx.Client(base_url=base, timeout=60) as c:
        login = c.get("/login")
        import re

        csrf = re.search(r'name="csrf" value="([^"]+)"', login.text).group(1)  # type: ignore[union-attr]
        c.post("/login", data={"username": cookie_user, "password": PASSWORD, "csrf": csrf, "next": "/"})
        for p in paths:
            c.get(p).raise_for_status()
        for _ in range(rounds):
            for p in paths:
                t = time.perf_counter()
                c.get(p).raise_for_status()
                times[p].append((time.perf_counter() - t) * 1000)
    return times


WRK_SCRIPT = """
local paths = {PATHS}
local i = 0
wrk.headers["Authorization"] = "Bearer TOKEN"
request = function()
  i = i + 1
  return wrk.format("GET", paths[(i % #paths) + 1])
end
delay = function() return DELAY end
done = function(summary, latency, requests)
  io.write(string.format("WRKSTATS %d %d %d %d %d %d %.2f %.2f %.2f %.2f %.2f\\n", summary.requests,
    summary.errors.status, summary.errors.connect, summary.errors.read, summary.errors.write,
    summary.errors.timeout, summary.duration / 1e6, latency:percentile(50) / 1000,
    latency:percentile(95) / 1000, latency:percentile(99) / 1000, latency.max / 1000))
end
"""


def wrk_load(base: str, token: str, rate: int, seconds: int, connections: int = 20) -> dict[str, float]:
    """Fixed think time per connection; one short calibration run sets it from the measured latency."""
    import shutil
    from urllib.parse import quote

    paths = ", ".join(f'"/api/v1/events?{quote(qs, safe="=&,:")}"' for qs in QUERIES.values())

    def run(delay_ms: float, secs: int) -> dict[str, float]:
        script = OUT / "wrk_load.lua"
        script.write_text(WRK_SCRIPT.replace("PATHS", paths).replace("TOKEN", token)
                          .replace("DELAY", str(int(delay_ms))))
        proc = subprocess.run([shutil.which("wrk") or "wrk", "-t2", f"-c{connections}", f"-d{secs}s",
                               "--timeout", "10s", "-s", str(script), base], capture_output=True, text=True)
        line = next((x for x in proc.stdout.splitlines() if x.startswith("WRKSTATS")), None)
        if line is None:
            raise RuntimeError(f"wrk failed: {proc.stdout} {proc.stderr}")
        n, st, co, rd, wr, to, dur, p50, p95, p99, mx = (float(x) for x in line.split()[1:])
        return {"requests": n, "errors": st + co + rd + wr + to, "rate": n / dur, "elapsed": dur,
                "p50": p50, "p95": p95, "p99": p99, "max": mx}

    nominal = connections / (rate * 1.03) * 1000  # ms between requests per connection; 3 % headroom
    probe = run(nominal, 5)
    # each connection's cycle is think time + time per request; remove the measured request time
    per_request = max(0.0, connections / max(probe["rate"], 1e-9) * 1000 - nominal)
    return run(max(0.0, nominal - per_request), seconds)


async def load(base: str, token: str, rate: int, seconds: int) -> dict[str, float]:
    """Open loop: one request every 1/rate s regardless of responses; errors are non-200 or exceptions."""
    qs = list(QUERIES.values())
    lat: list[float] = []
    errors = 0
    limits = httpx.Limits(max_connections=64, max_keepalive_connections=64)
    async with httpx.AsyncClient(base_url=base, headers={"Authorization": f"Bearer {token}"}, timeout=30,
                                 limits=limits) as c:
        async def one(i: int) -> None:
            nonlocal errors
            t = time.perf_counter()
            try:
                r = await c.get(f"/api/v1/events?{qs[i % len(qs)]}")
                if r.status_code != 200:
                    errors += 1
            except httpx.HTTPError:
                errors += 1
            lat.append((time.perf_counter() - t) * 1000)

        tasks = []
        start = time.perf_counter()
        total = rate * seconds
        for i in range(total):
            delay = start + i / rate - time.perf_counter()
            if delay > 0:
                await asyncio.sleep(delay)
            tasks.append(asyncio.create_task(one(i)))
        sent_in = time.perf_counter() - start
        await asyncio.gather(*tasks)
        elapsed = time.perf_counter() - start
    return {"requests": total, "errors": errors, "sent_rate": total / sent_in, "elapsed": elapsed,
            "p50": pct(lat, 50), "p95": pct(lat, 95), "p99": pct(lat, 99), "max": max(lat)}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--events", type=int, default=1_000_000)
    ap.add_argument("--rate", type=int, default=200)
    ap.add_argument("--seconds", type=int, default=60)
    ap.add_argument("--rounds", type=int, default=20)
    ap.add_argument("--database-url", default=None, help="default: sqlite:///bench/out/api-<events>.db")
    args = ap.parse_args()
    OUT.mkdir(parents=True, exist_ok=True)
    url = args.database_url or f"sqlite:///{OUT / f'api-{args.events}.db'}"
    print(f"bench_api: {os.cpu_count()} cores; {args.events:,} events; {url.split('@')[-1]}")
    build(url, args.events)
    from steppewatch.auth.users import UserStore
    from steppewatch.store import open_store

    s = open_store(url)
    token_admin = UserStore(s).create_token("bench-admin", "bench")
    token_viewer = UserStore(s).create_token("bench-viewer", "bench")
    s.close()
    port = free_port()
    env = {**os.environ, "STEPPEWATCH_DATABASE_URL": url, "STEPPEWATCH_LOG_LEVEL": "WARNING"}
    server = subprocess.Popen(
        [sys.executable, "-c", "from steppewatch.cli import main; main()", "serve", "--port", str(port)],
        cwd=ROOT, env=env)
    base = f"http://127.0.0.1:{port}"
    ok = True
    try:
        for _ in range(200):
            try:
                httpx.get(base + "/login", timeout=1)
                break
            except httpx.HTTPError:
                time.sleep(0.1)
        print("\nfiltered /api/v1/events (ms, sequential, admin cleared to RED; viewer below)")
        all_ms: list[float] = []
        for who, token in (("admin", token_admin), ("viewer", token_viewer)):
            res = measure(base, token, args.rounds)
            for name, ms in res.items():
                if ms:
                    all_ms += ms
                    print(f"  {who:6} {name:20} p50 {pct(ms, 50):6.1f}  p95 {pct(ms, 95):6.1f}  max {max(ms):6.1f}")
        p95 = pct(all_ms, 95)
        ok &= p95 <= 100
        print(f"  ALL filtered queries: n={len(all_ms)} p50 {statistics.median(all_ms):.1f} ms, "
              f"p95 {p95:.1f} ms (target <= 100) {'OK' if p95 <= 100 else 'MISSED'}")
        print("\npages (ms, logged-in admin)")
        pages = page_times(base, "bench-admin", ["/", "/countries/KG", "/events?country=KG"], max(5, args.rounds // 2))
        for p, ms in pages.items():
            print(f"  {p:22} p50 {pct(ms, 50):7.1f}  p95 {pct(ms, 95):7.1f}  max {max(ms):7.1f}")
        ov = pct(pages["/"], 95)
        ok &= ov <= 1000
        print(f"  overview page p95 {ov:.0f} ms (target <= 1000) {'OK' if ov <= 1000 else 'MISSED'}")
        import shutil

        if shutil.which("wrk"):
            print(f"\nload: {args.rate} requests/s for {args.seconds} s on /api/v1/events (wrk, 20 connections, "
                  "12 filter mixes, viewer token)")
            res2 = wrk_load(base, token_viewer, args.rate, args.seconds)
            print(f"  {res2['requests']:,.0f} requests in {res2['elapsed']:.1f} s = {res2['rate']:.1f}/s; "
                  f"errors {res2['errors']:.0f}; latency p50 {res2['p50']:.1f} p95 {res2['p95']:.1f} "
                  f"p99 {res2['p99']:.1f} max {res2['max']:.0f} ms")
        else:
            print(f"\nload: {args.rate} requests/s for {args.seconds} s on /api/v1/events (open loop, async httpx)")
            res2 = asyncio.run(load(base, token_viewer, args.rate, args.seconds))
            print(f"  sent {res2['requests']:,} at {res2['sent_rate']:.1f}/s, finished in {res2['elapsed']:.1f} s; "
                  f"errors {res2['errors']}; latency p50 {res2['p50']:.1f} p95 {res2['p95']:.1f} "
                  f"p99 {res2['p99']:.1f} max {res2['max']:.0f} ms")
        ok &= res2["errors"] == 0
        print(f"  zero errors: {'OK' if res2['errors'] == 0 else 'MISSED'}")
    finally:
        server.terminate()
        server.wait(timeout=20)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
