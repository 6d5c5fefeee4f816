"""Benchmark the geoparser: gazetteer load time, resolutions/s, documents/s, peak RSS.

    .venv/bin/python bench/bench_geo.py [--workers N]

Texts are the Russian Wikinews (NEREL) and English Global Voices documents from the shared
data folder (STEPPEWATCH_SHARED_DATA, default ../shared/data); the gazetteer is the cached
package gazetteer (built first if missing, and that build time is reported separately).

It reports the first pass over the texts (every token new to the per-token caches, as in a
fresh process) apart from the three passes after it, each on wall-clock and on CPU time, and
checks the targets of issue 4; the exit status is 1 when one is missed.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from steppewatch.geo.evaluate import shared_data_dir  # noqa: E402


def _texts() -> list[tuple[str, str]]:
    root = shared_data_dir()
    out = []
    for fn in ("nerel_ca_docs_dev.jsonl", "nerel_negative_docs_dev.jsonl"):
        for line in (root / "ru-news" / fn).read_text(encoding="utf-8").split("\n"):
            if line.strip():
                out.append((json.loads(line)["text"], "ru"))
    for line in (root / "en-news" / "gv_2012-05_posts.jsonl").read_text(encoding="utf-8").split("\n"):
        if line.strip():
            d = json.loads(line)
            out.append((d["text"], "en"))
    return out


def _work(chunk: list[tuple[str, str]]) -> tuple[int, int]:
    from steppewatch.geo import Geoparser

    gp = Geoparser.default()
    n = 0
    for text, lang in chunk:
        places = gp.parse(text, lang)
        gp.event_place(places, text)
        n += len(places)
    return len(chunk), n


#: Targets of issue 4 (2-core machine).
TARGET_DOCS = 300.0
TARGET_RES = 2_000.0
TARGET_LOAD_S = 2.0
TARGET_RSS_MB = 300.0


def _pass(gp: object, texts: list[tuple[str, str]], rounds: int = 1) -> tuple[int, int, float, float]:
    """Parse every text ``rounds`` times: (docs, places, wall seconds, CPU seconds)."""
    wall, cpu = time.perf_counter(), time.process_time()
    places = 0
    for _ in range(rounds):
        for text, lang in texts:
            ps = gp.parse(text, lang)  # type: ignore[attr-defined]
            gp.event_place(ps, text)  # type: ignore[attr-defined]
            places += len(ps)
    return rounds * len(texts), places, time.perf_counter() - wall, time.process_time() - cpu


def _rates(label: str, docs: int, places: int, wall: float, cpu: float) -> float:
    """Print one pass; return its documents per wall-clock second."""
    print(f"{label}: {docs / wall:.0f} docs/s, {places / wall:.0f} place resolutions/s "
          f"(CPU time: {docs / cpu:.0f} docs/s, {places / cpu:.0f} res/s; {docs} docs)")
    return docs / wall


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    args = ap.parse_args()
    from steppewatch.geo.parser import Geoparser, cache_path, open_cached_store

    print(f"cpu_count={os.cpu_count()} workers={args.workers} python={sys.version.split()[0]} "
          f"load average={os.getloadavg()[0]:.1f}")
    print("rates on wall-clock time; CPU-time rates beside them (the machine may be shared)")
    if not cache_path().exists():
        t = time.perf_counter()
        open_cached_store()
        print(f"gazetteer build (first run only): {time.perf_counter() - t:.1f} s")
    t = time.perf_counter()
    gp = Geoparser.default()
    load = time.perf_counter() - t
    print(f"gazetteer load (index snapshot, dictionaries, misspelling index): {load:.2f} s "
          f"({len(gp.gazetteer)} places, {len(gp.gazetteer.index)} keys)")
    texts = _texts()
    chars = sum(len(t) for t, _ in texts)
    # the first pass meets every token for the first time (lemma, key and misspelling caches
    # empty): what a fresh process sees on its first documents
    docs, places, wall, cpu = _pass(gp, texts)
    cold = _rates("1 process, first pass (cold caches)", docs, places, wall, cpu)
    cold_res = places / wall
    docs, places, wall, cpu = _pass(gp, texts, rounds=3)
    warm = _rates("1 process, next 3 passes (warm caches)", docs, places, wall, cpu)
    warm_res = places / wall
    print(f"  {3 * chars / wall / 1e6:.2f} M chars/s (avg {chars // len(texts)} chars a doc)")
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak RSS (1 process, after load and parsing): {rss:.0f} MB")
    if args.workers > 1:
        chunks = [texts[i::args.workers] * 3 for i in range(args.workers)]
        with ProcessPoolExecutor(args.workers) as pool:
            list(pool.map(_work, [c[:5] for c in chunks]))  # start and load in every worker
            t = time.perf_counter()
            results = list(pool.map(_work, chunks))
            wall = time.perf_counter() - t
        n_docs = sum(r[0] for r in results)
        n_places = sum(r[1] for r in results)
        print(f"{args.workers} processes: {n_docs / wall:.0f} docs/s, {n_places / wall:.0f} place resolutions/s")
    checks = [  # (what, measured, target, True when the target is a floor)
        ("docs/s, first pass", cold, TARGET_DOCS, True), ("docs/s, warm", warm, TARGET_DOCS, True),
        ("resolutions/s, first pass", cold_res, TARGET_RES, True),
        ("resolutions/s, warm", warm_res, TARGET_RES, True),
        ("gazetteer load s", load, TARGET_LOAD_S, False), ("peak RSS MB", rss, TARGET_RSS_MB, False),
    ]
    print("\ntargets (1 process, wall-clock):")
    missed = 0
    for name, value, target, floor in checks:
        ok = value >= target if floor else value <= target
        missed += not ok
        print(f"  {name}: {value:,.2f} ({'>=' if floor else '<='} {target:,.0f}) {'met' if ok else 'MISSED'}")
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
