"""Benchmark the geoparser: gazetteer load time, resolutions/s, documents/s, peak RSS.

    .venv/bin/python bench/bench_geo.py [--workers N]

Texts are the Russian Wikinews (NEREL) and English Global Voices documents from the shared
data folder (STEPPEWATCH_SHARED_DATA, default ../shared/data); the gazetteer is the cached
package gazetteer (built first if missing, and that build time is reported separately).
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


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    args = ap.parse_args()
    from steppewatch.geo.parser import Geoparser, cache_path, open_cached_store

    print(f"cpu_count={os.cpu_count()} workers={args.workers} python={sys.version.split()[0]}")
    if not cache_path().exists():
        t = time.perf_counter()
        open_cached_store()
        print(f"gazetteer build (first run only): {time.perf_counter() - t:.1f} s")
    t = time.perf_counter()
    gp = Geoparser.default()
    load = time.perf_counter() - t
    print(f"gazetteer load: {load:.2f} s ({len(gp.gazetteer)} places, {len(gp.gazetteer.index)} keys)")
    texts = _texts()
    chars = sum(len(t) for t, _ in texts)
    # first pass with cold caches (every token new to the lemma and key caches), then warm
    t = time.perf_counter()
    cold_places = 0
    for text, lang in texts:
        ps = gp.parse(text, lang)
        gp.event_place(ps, text)
        cold_places += len(ps)
    cold = time.perf_counter() - t
    print(f"1 process, first pass (cold caches): {len(texts) / cold:.0f} docs/s, "
          f"{cold_places / cold:.0f} place resolutions/s")
    t = time.perf_counter()
    places = 0
    for _ in range(3):
        for text, lang in texts:
            ps = gp.parse(text, lang)
            gp.event_place(ps, text)
            places += len(ps)
    one = time.perf_counter() - t
    docs = 3 * len(texts)
    print(f"1 process: {docs / one:.0f} docs/s, {places / one:.0f} place resolutions/s, "
          f"{3 * chars / one / 1e6:.2f} M chars/s ({docs} docs, avg {chars // len(texts)} chars)")
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


if __name__ == "__main__":
    main()
