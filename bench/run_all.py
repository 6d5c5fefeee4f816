"""Run every benchmark in this folder (``make bench``) and print their figures.

Each ``bench_*.py`` prints its own figures with the machine's core count and its targets. Pass
names to run a subset: ``python bench/run_all.py ingest geo``.
"""

from __future__ import annotations

import os
import platform
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ORDER = ("ingest", "geo", "coding", "analysis", "api")


def main(argv: list[str]) -> int:
    wanted = argv or list(ORDER)
    scripts = [HERE / f"bench_{name}.py" for name in wanted]
    print(f"steppewatch benchmarks on {platform.node()}: {os.cpu_count()} cores, Python {platform.python_version()}")
    failed = []
    for script in scripts:
        if not script.exists():
            print(f"\n== {script.name}: not present, skipped")
            continue
        print(f"\n== {script.name}", flush=True)
        started = time.perf_counter()
        code = subprocess.call([sys.executable, str(script)], cwd=HERE.parent)
        print(f"== {script.name} finished in {time.perf_counter() - started:.0f} s (exit {code})", flush=True)
        if code != 0:
            failed.append(script.name)
    if failed:
        print(f"\nbenchmarks that failed or missed a target: {', '.join(failed)}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
