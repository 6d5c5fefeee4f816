"""The synthetic scenario: deterministic, bilingual, labelled, streaming, with a planted surge."""

from __future__ import annotations

import itertools
import json
import tracemalloc
from collections import Counter
from datetime import date, datetime, timedelta

import pytest

from steppewatch.demo import DOMAIN, Scenario, demo_sources, generate, write_corpus
from steppewatch.demo.places import towns
from steppewatch.models import Document, canonical_url

N = 3000


@pytest.fixture(scope="module")
def rows() -> list[dict]:
    return list(generate(N, seed=7))


def test_exact_count_and_deterministic(rows: list[dict]) -> None:
    assert len(rows) == N
    again = list(itertools.islice(generate(N, seed=7), 200))
    assert again == rows[:200]
    other = list(itertools.islice(generate(N, seed=8), 200))
    assert [r["text"] for r in other] != [r["text"] for r in rows[:200]]


def test_languages_mix(rows: list[dict]) -> None:
    langs = Counter(r["language"] for r in rows)
    assert set(langs) == {"en", "ru"}
    assert min(langs.values()) > N * 0.3
    ru = next(r for r in rows if r["language"] == "ru")
    assert any("а" <= c <= "я" for c in ru["text"])


def test_every_row_is_labelled_synthetic(rows: list[dict]) -> None:
    ids = {s.id for s in demo_sources()}
    for r in rows:
        assert r["synthetic"] is True
        assert r["url"].startswith(DOMAIN + "/")
        assert r["source"] in ids
        assert "steppewatch" in r["text"][-200:]  # closing disclaimer
    for s in demo_sources():
        assert "Synthetic" in s.name and "(demo)" in s.name
        assert s.homepage is None and s.kind == "file"


def test_markings_cover_every_level(rows: list[dict]) -> None:
    marks = Counter(r["marking"] for r in rows)
    assert set(marks) == {"clear", "green", "amber", "amber+strict", "red"}
    assert (marks["clear"] + marks["green"]) / N > 0.85


def test_rows_parse_as_documents(rows: list[dict]) -> None:
    seen = set()
    for r in rows[:500]:
        doc = Document(id=r["id"], source_id=r["source"], text=r["text"], url=r["url"], title=r["title"],
                       language=r["language"], published_at=datetime.fromisoformat(r["published_at"]),
                       marking=r["marking"])
        assert doc.id == Document.make_id(r["url"], r["text"])
        assert canonical_url(r["url"]) == r["url"]
        assert doc.published_at is not None and doc.published_at.tzinfo is not None
        seen.add(doc.id)
    assert len(seen) == 500


def test_events_are_reported_by_several_outlets_and_syndicated(rows: list[dict]) -> None:
    by_event = Counter(r["truth"]["event"] for r in rows)
    assert sum(1 for n in by_event.values() if n >= 2) > len(by_event) * 0.2
    synd = [r for r in rows if r["truth"]["syndicated"]]
    assert synd and all(r["source"] == "demo-regional-digest" for r in synd)


def test_texts_name_actors_places_and_counts(rows: list[dict]) -> None:
    clashes = [r for r in rows if r["truth"]["subtype"] == "armed_clash" and r["truth"]["killed"] > 0]
    assert clashes
    en = next(r for r in clashes if r["language"] == "en")
    assert "killed" in en["text"] and "border" in en["text"].lower()
    ru = [r for r in clashes if r["language"] == "ru"]
    assert any("Погиб" in r["text"] for r in ru)
    seizures = [r for r in rows if r["truth"]["category"] == "narcotics"]
    assert any(" kg of " in r["text"] for r in seizures) and any(" кг " in r["text"] for r in seizures)


def test_surge_week_stands_out_in_batken() -> None:
    sc = Scenario.plan(N, seed=7)
    events: dict[str, date] = {}
    for r in generate(N, seed=7, scenario=sc):
        t = r["truth"]
        if t["category"] == "border" and t["admin1"] == "KG-B":
            day = date.fromisoformat(t["date"])
            events[t["event"]] = day - timedelta(days=day.weekday())
    weekly = Counter(events.values())
    assert sc.surge_week.weekday() == 0 and sc.start <= sc.surge_week <= sc.end
    assert weekly == sc.surge_events_by_week
    quiet = [weekly.get(sc.surge_week + timedelta(weeks=k), 0) for k in range(-20, 0)]
    assert weekly[sc.surge_week] >= 5 * max(max(quiet), 1)


def test_surge_week_depends_on_seed_only() -> None:
    assert Scenario.plan(10, seed=3).surge_week == Scenario.plan(100_000, seed=3).surge_week


def test_write_corpus_streams(tmp_path) -> None:
    path = tmp_path / "corpus.jsonl"
    towns()  # the gazetteer is loaded once per process; measure the generator alone
    tracemalloc.start()
    sc = write_corpus(path, 10_000, seed=5)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    size = path.stat().st_size
    assert sc.documents == 10_000
    assert peak < 8_000_000 < size  # never holds the corpus
    with path.open(encoding="utf-8") as fh:
        first = json.loads(fh.readline())
    assert first["synthetic"] is True
    assert 1000 < size / 10_000 < 4000  # roughly 2 KB per report
