"""Ingestion benchmark: synthetic JSONL documents through fetch -> extract -> dedup -> store.

Each measurement runs in a fresh child process so its peak RSS is its own. Figures: docs/s,
peak RSS (``resource.getrusage``) at N and at 10·N documents, and ``os.cpu_count()``.

Targets: SQLite >= 2,000 docs/s for 100,000 documents; peak RSS <= 400 MB and within 20 %
between N and 10·N; PostgreSQL >= 1,000 docs/s.

    python bench/bench_ingest.py                      # N = 10,000 and 100,000, SQLite and PostgreSQL
    python bench/bench_ingest.py --docs 2000 --backend sqlite
    STEPPEWATCH_BENCH_PG_URL=postgresql://me@localhost/bench python bench/bench_ingest.py

PostgreSQL: the URL in ``STEPPEWATCH_BENCH_PG_URL`` (its tables are dropped and recreated),
else a temporary server started with initdb/pg_ctl.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

SQLITE_RATE, PG_RATE, RSS_MB, RSS_GROWTH = 2000.0, 1000.0, 400.0, 0.20


def make_corpus(folder: Path, docs: int) -> str:
    """A folder of JSONL parts (each under ``max_file_bytes``) holding ``docs`` documents."""
    if folder.exists():
        return "cached"
    folder.mkdir(parents=True)
    whole = folder.with_suffix(".whole")
    how = _write(whole, docs)
    with whole.open(encoding="utf-8") as src:
        part = None
        for i, line in enumerate(src):
            if i % 5000 == 0:
                if part:
                    part.close()
                part = (folder / f"part-{i // 5000:04d}.jsonl").open("w", encoding="utf-8")
            part.write(line)  # type: ignore[union-attr]
        if part:
            part.close()
    whole.unlink()
    return how


def _write(path: Path, docs: int) -> str:
    """The demo generator's corpus when present, else a simple local generator."""
    try:
        from steppewatch.demo.generator import write_corpus
    except ImportError:
        write_corpus = None
    if write_corpus is not None:
        write_corpus(path, docs, seed=11)
        return "steppewatch.demo"
    import random

    rng = random.Random(11)
    words = ("border guards clash village water canal seized heroin protest arrested officials said "
             "ministry district region talks delegation gas pipeline outage militants detained").split()
    with path.open("w", encoding="utf-8") as fh:
        for i in range(docs):
            text = " ".join(rng.choice(words) for _ in range(rng.randint(60, 220)))
            fh.write(json.dumps({"url": f"https://bench.example/{i}", "title": f"Report {i}", "text": text,
                                 "language": "en", "published_at": "2024-05-01"}) + "\n")
    return "local generator"


def child(url: str, corpus: str) -> None:
    """Ingest ``corpus`` into the store at ``url``; print one JSON line of figures."""
    from steppewatch.cycle import file_items, run_pipeline
    from steppewatch.registrations import INGEST_STAGES
    from steppewatch.settings import load_settings
    from steppewatch.store import open_store

    settings = load_settings(env={})
    store = open_store(url)
    started = time.perf_counter()
    report = run_pipeline(store, file_items(corpus, settings=settings), INGEST_STAGES, settings=settings)
    seconds = time.perf_counter() - started
    c = report.counts
    print(json.dumps({
        "items": c["items"], "stored": c["store.write.v1:documents"], "seconds": round(seconds, 2),
        "docs_per_s": round(c["items"] / seconds, 1),
        "duplicates": c["ingest.dedup.v1:exact_duplicates"] + c["ingest.dedup.v1:near_duplicates"],
        "rejected": sum(v for k, v in c.items() if k.endswith(":rejected")),
        "peak_rss_mb": round(peak_rss_mb(), 1),
    }))
    store.close()


def peak_rss_mb() -> float:
    """This process's peak resident set: VmHWM on Linux (ru_maxrss survives exec, so a child
    started by a large parent would report the parent's size), else ru_maxrss."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def measure(url: str, corpus: Path) -> dict[str, float]:
    out = subprocess.run([sys.executable, __file__, "--child", url, str(corpus)], capture_output=True,
                         text=True, cwd=ROOT, check=False)
    if out.returncode != 0:
        raise SystemExit(f"benchmark child failed:\n{out.stderr[-3000:]}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def fresh_pg(base: str | None, server: object | None, name: str) -> str:
    if base:
        import psycopg

        with psycopg.connect(base, autocommit=True) as conn:
            conn.execute("DROP SCHEMA public CASCADE")
            conn.execute("CREATE SCHEMA public")
        return base
    return server.create_database(name)  # type: ignore[attr-defined]


def main(argv: list[str]) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--docs", type=int, default=10_000, help="N; the run is repeated at 10·N")
    p.add_argument("--backend", choices=("sqlite", "postgres", "both"), default="both")
    p.add_argument("--no-scale", action="store_true", help="only N, not 10·N")
    p.add_argument("--child", nargs=2, metavar=("URL", "CORPUS"), help=argparse.SUPPRESS)
    args = p.parse_args(argv)
    if args.child:
        child(*args.child)
        return 0
    sizes = [args.docs] if args.no_scale else [args.docs, 10 * args.docs]
    work = Path(tempfile.mkdtemp(prefix="steppewatch-bench-"))
    print(f"ingest benchmark: {os.cpu_count()} cores, sizes {sizes}, work dir {work}")
    corpora = {}
    for n in sizes:
        started = time.perf_counter()
        corpora[n] = work / f"corpus-{n}"
        how = make_corpus(corpora[n], n)
        mb = sum(f.stat().st_size for f in corpora[n].iterdir()) / 1e6
        print(f"corpus of {n:,} documents ({mb:.0f} MB) from {how} in {time.perf_counter() - started:.0f} s")
    ok = True
    results: dict[str, dict[int, dict[str, float]]] = {}
    server = None
    for backend in (("sqlite", "postgres") if args.backend == "both" else (args.backend,)):
        base = os.environ.get("STEPPEWATCH_BENCH_PG_URL")
        if backend == "postgres" and not base:
            from steppewatch.store.tempserver import TempPostgres, find_pg_bin

            if find_pg_bin() is None:
                print("postgres: skipped (no STEPPEWATCH_BENCH_PG_URL and no initdb/pg_ctl)")
                continue
            server = TempPostgres().start()
        for n in sizes:
            url = (f"sqlite:///{work / f'bench-{n}.db'}" if backend == "sqlite"
                   else fresh_pg(base, server, f"bench_{n}"))
            r = measure(url, corpora[n])
            results.setdefault(backend, {})[n] = r
            print(f"{backend:8} N={n:>7,}: {r['docs_per_s']:>8,.0f} docs/s  ({r['items']:,} items in "
                  f"{r['seconds']} s; {r['stored']:,} stored, {r['duplicates']:,} linked as duplicates, "
                  f"{r['rejected']} rejected)  peak RSS {r['peak_rss_mb']:.0f} MB")
        if server is not None:
            server.stop()  # type: ignore[attr-defined]
            server = None
    print("\ntargets:")
    for backend, target in (("sqlite", SQLITE_RATE), ("postgres", PG_RATE)):
        if backend not in results:
            continue
        big = results[backend][max(results[backend])]
        rate_ok = big["docs_per_s"] >= target
        rss = [results[backend][n]["peak_rss_mb"] for n in sorted(results[backend])]
        rss_ok = max(rss) <= RSS_MB
        flat = len(rss) < 2 or rss[-1] <= rss[0] * (1 + RSS_GROWTH)
        ok &= rate_ok and rss_ok and flat
        print(f"  {backend}: {big['docs_per_s']:,.0f} docs/s at {max(results[backend]):,} (target {target:,.0f}) "
              f"{'met' if rate_ok else 'MISSED'}; peak RSS {' -> '.join(f'{x:.0f}' for x in rss)} MB "
              f"(<= {RSS_MB:.0f}: {'met' if rss_ok else 'MISSED'}; flat within 20 %: "
              f"{'met' if flat else 'MISSED'})")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
