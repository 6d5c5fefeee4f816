"""Idempotency and crash recovery, proven on a real subprocess killed with SIGKILL."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from steppewatch.store import open_store

WORDS = ("border", "canal", "convoy", "seizure", "protest", "pipeline", "summit", "mudflow", "garrison", "enclave",
         "reservoir", "checkpoint", "village", "district", "customs", "patrol", "valley", "river", "market", "road")


def write_corpus(path: Path, n: int) -> None:
    """Distinct synthetic reports, a few exact repeats among them (same URL appears twice)."""
    with path.open("w", encoding="utf-8") as fh:
        for i in range(n):
            words = " ".join(WORDS[(i * 7 + k * 3 + i // 20) % len(WORDS)] + str((i * 31 + k) % 997) for k in range(60))
            row = {"url": f"https://demo.steppewatch.invalid/r/{i % (n - 50)}", "title": f"Report {i}",
                   "text": f"Synthetic report {i}. {words}.", "language": "en",
                   "published_at": "2024-03-01T10:00:00+00:00"}
            fh.write(json.dumps(row) + "\n")


def ingest(corpus: Path, url: str, **popen: object) -> subprocess.Popen[bytes]:
    env = {**os.environ, "STEPPEWATCH_DATABASE_URL": url, "STEPPEWATCH_BATCH_SIZE": "100"}
    cmd = [sys.executable, "-m", "steppewatch", "ingest", str(corpus), "--collect-only", "--source", "resume-test"]
    return subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, **popen)  # type: ignore[call-overload]


def snapshot(url: str) -> set[tuple[str, str, str | None]]:
    store = open_store(url)
    rows = store.query("SELECT id, content_hash, duplicate_of FROM documents")
    store.close()
    return {(r[0], r[1], r[2]) for r in rows}


def count(url: str) -> int:
    try:
        store = open_store(url)
        n = store.count_documents()
        store.close()
        return n
    except Exception:  # the database may not exist yet while the child starts
        return 0


@pytest.mark.slow
def test_killed_run_resumes_to_exactly_the_clean_result(tmp_path: Path, store_url: str, sqlite_url: str) -> None:
    n = 6000
    corpus = tmp_path / "corpus.jsonl"
    write_corpus(corpus, n)
    clean_url = sqlite_url.replace("steppewatch.db", "clean.db")
    clean = ingest(corpus, clean_url)
    assert clean.wait(timeout=300) == 0, clean.stderr.read().decode()  # type: ignore[union-attr]
    expected = snapshot(clean_url)
    assert len(expected) == n - 50  # repeated URLs are one document

    child = ingest(corpus, store_url)
    deadline = time.monotonic() + 120
    while count(store_url) < 500:
        assert child.poll() is None, "run finished before it could be killed; make the corpus larger"
        assert time.monotonic() < deadline
        time.sleep(0.05)
    child.send_signal(signal.SIGKILL)
    child.wait(timeout=30)
    partial = count(store_url)
    assert 0 < partial < len(expected), partial

    again = ingest(corpus, store_url)
    assert again.wait(timeout=300) == 0, again.stderr.read().decode()  # type: ignore[union-attr]
    assert snapshot(store_url) == expected

    rerun = ingest(corpus, store_url)
    assert rerun.wait(timeout=300) == 0
    assert snapshot(store_url) == expected  # idempotent: a third run adds nothing
    store = open_store(store_url)
    statuses = [r.status for r in store.get_runs()]
    store.close()
    assert statuses.count("done") == 2 and statuses[-1] == "running"  # the killed run never finished
