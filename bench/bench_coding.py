"""Speed of full coding with geoparsing on ~2 KB news texts.

Texts are real: Russian Wikinews documents (NEREL subset) and English Global Voices posts from
the shared data folder, cut or joined to about 2,000 characters. Prints documents per second,
start-up time (imports, dictionaries, registry, geoparser) and peak resident memory.

    .venv/bin/python bench/bench_coding.py [--docs 2000] [--no-geo] [--workers N]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import sys
import time
from pathlib import Path


def texts(data: Path, n: int) -> list[dict[str, str]]:
    pool: list[str] = []
    for name in ("ru-news/nerel_ca_docs_dev.jsonl", "ru-news/nerel_negative_docs_dev.jsonl",
                 "en-news/gv_2012-05_posts.jsonl"):
        for line in (data / name).open(encoding="utf-8"):
            text = json.loads(line)["text"]
            if len(text) >= 600:
                pool.append(text)
    out = []
    for i in range(n):
        t = pool[i % len(pool)]
        while len(t) < 2000:
            t += "\n" + pool[(i + len(t)) % len(pool)]
        out.append({"id": f"b{i}", "text": t[:2000]})
    return out


def _cpu_s() -> float:
    """CPU seconds of this process and its finished workers: unlike wall time, not inflated
    when other jobs share the machine (docs_per_cpu_s x cores is the rate on an idle machine)."""
    t = os.times()
    return t.user + t.system + t.children_user + t.children_system


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--docs", type=int, default=2000)
    ap.add_argument("--no-geo", action="store_true")
    ap.add_argument("--workers", type=int, default=os.cpu_count() or 1,
                    help="coding processes (default: one per CPU core; 1 = this process only)")
    args = ap.parse_args()
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
    t0 = time.perf_counter()
    from steppewatch.coding.categories import cue_index
    from steppewatch.coding.evaluate import shared_data_dir
    from steppewatch.coding.output import code_rows, default_coder
    from steppewatch.coding.text import warm_up

    coder = default_coder(geoparse=not args.no_geo)
    cue_index()
    warm_up()
    if coder.geoparser is not None:
        coder.geoparser.parse("Бишкек", language="ru")
    startup = time.perf_counter() - t0
    data = shared_data_dir()
    if data is None:
        sys.exit("shared data folder not found; set STEPPEWATCH_SHARED_DATA")
    docs = texts(data, args.docs)
    t1, c1 = time.perf_counter(), _cpu_s()
    events = sum(len(row["events"]) for row in code_rows(docs, coder, args.workers))
    elapsed, cpu = time.perf_counter() - t1, _cpu_s() - c1
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    child_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"cpu_count={os.cpu_count()} workers={args.workers} geoparser={'on' if coder.geoparser else 'off'} "
          f"docs={len(docs)} chars/doc={sum(len(d['text']) for d in docs) / len(docs):.0f}")
    # Workers are forked from the loaded parent and share its pages, so parent + workers x worker
    # peak over-counts the memory really in use; it is printed as the upper bound.
    bound = rss_mb + (args.workers * child_mb if args.workers > 1 else 0)
    print(f"startup_s={startup:.2f} docs_per_s={len(docs) / elapsed:.1f} events={events} "
          f"docs_per_cpu_s={len(docs) / cpu:.1f} peak_rss_mb={rss_mb:.0f}"
          f" worker_peak_rss_mb={child_mb:.0f} rss_upper_bound_mb={bound:.0f}")


if __name__ == "__main__":
    main()
