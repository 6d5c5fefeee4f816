"""Speed of full coding with geoparsing on ~2 KB news texts.

Texts are real: Russian Wikinews documents (NEREL subset) and English Global Voices posts from
the shared data folder, cut or joined to about 2,000 characters. Prints documents per second,
start-up time (imports, dictionaries, registry, geoparser) and peak resident memory.

    .venv/bin/python bench/bench_coding.py [--docs 2000] [--no-geo]
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


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--docs", type=int, default=2000)
    ap.add_argument("--no-geo", action="store_true")
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
    t1 = time.perf_counter()
    events = sum(len(row["events"]) for row in code_rows(docs, coder))
    elapsed = time.perf_counter() - t1
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"cpu_count={os.cpu_count()} geoparser={'on' if coder.geoparser else 'off'} "
          f"docs={len(docs)} chars/doc={sum(len(d['text']) for d in docs) / len(docs):.0f}")
    print(f"startup_s={startup:.2f} docs_per_s={len(docs) / elapsed:.1f} events={events} "
          f"peak_rss_mb={rss_mb:.0f} geo_failures={coder.geo_failures}")


if __name__ == "__main__":
    main()
