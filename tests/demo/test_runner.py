"""run_demo over the collection stages (coding and geo are exercised by their own tests)."""

from __future__ import annotations

from steppewatch.demo import demo_sources, run_demo
from steppewatch.registrations import INGEST_STAGES
from steppewatch.store import open_store


def test_run_demo_stores_synthetic_documents(tmp_path) -> None:
    store = open_store(f"sqlite:///{tmp_path / 'demo.db'}")
    store.migrate()
    summary = run_demo(store, docs=300, seed=2, progress=False, path=tmp_path / "corpus.jsonl",
                       stages=INGEST_STAGES)
    assert summary["scenario"] == "synthetic demo scenario"
    assert summary["generated"] == 300
    assert 0 < summary["documents"] <= 300
    assert summary["documents"] + summary["duplicates"] + summary["rejections"] >= 300
    assert {s.id for s in store.get_sources()} >= {s.id for s in demo_sources()}
    doc = next(iter(store.iter_documents()))
    assert doc.url.startswith("https://demo.steppewatch.invalid/")
    store.close()
