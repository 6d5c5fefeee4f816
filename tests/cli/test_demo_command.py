"""The main job: `steppewatch demo` fills the embedded database from a fresh directory."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

import pytest

from steppewatch.store import open_store


@pytest.mark.slow
def test_demo_fills_the_embedded_database_and_prints_a_summary(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("STEPPEWATCH_")}
    if "STEPPEWATCH_CACHE_DIR" in os.environ:
        env["STEPPEWATCH_CACHE_DIR"] = os.environ["STEPPEWATCH_CACHE_DIR"]
    done = subprocess.run([sys.executable, "-m", "steppewatch", "demo", "--docs", "3000"], cwd=tmp_path, env=env,
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    assert "synthetic demo scenario" in done.stdout
    db = tmp_path / "data" / "steppewatch.db"
    assert db.is_file()  # the default embedded database, relative to where the command runs
    store = open_store(f"sqlite:///{db}")
    stats = store.stats()
    assert stats["documents"] >= 2800 and stats["events"] > 800 and stats["rejections"] == 0
    assert {"KG", "TJ", "KZ", "UZ"} <= set(stats["events_by_country"])
    assert len(stats["events_by_category"]) >= 6
    rows = [json.loads(line) for line in (tmp_path / "data" / "demo" / "corpus.jsonl").open()]
    assert all(r["synthetic"] is True and ("synthetic" in r["text"].lower() or "синтетическ" in r["text"].lower())
               for r in rows)
    assert max(r["published_at"] for r in rows) < __import__("datetime").date.today().isoformat()
    # replayed week by week, the rules raise the planted Batken surge in its own week
    surge = next(line for line in done.stdout.splitlines() if line.startswith("planted surge: week of "))
    week = date.fromisoformat(surge.split()[4].rstrip(":"))
    ends = [date.fromisoformat(r[0]) for r in store.query(
        "SELECT period_end FROM alerts WHERE admin1 = 'KG-B' AND tracker = 'surge'")]
    assert any(week <= end <= week + timedelta(days=7) for end in ends), (week, ends)
    # and the command shows that alert, not only the quiet weeks' small surges before it
    shown = done.stdout.split("planted surge: week of ", 1)[1].splitlines()
    assert any(week <= date.fromisoformat(line.split()[0]) <= week + timedelta(days=7)
               for line in shown if line.startswith("  20")), shown
    store.close()
