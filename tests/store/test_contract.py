"""Store contract: every test runs against SQLite and against a real PostgreSQL server."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from steppewatch.errors import ConfigError, StoreError
from steppewatch.models import (
    ActorRef,
    DateRef,
    Document,
    Event,
    Mention,
    Place,
    Range,
    Rejection,
    Source,
    stable_id,
)
from steppewatch.store import EventFilter, Store, event_cursor, open_store
from steppewatch.vocab import Tlp


def doc(text: str, url: str | None = None, marking: str = "clear", source: str = "s1") -> Document:
    return Document(id=Document.make_id(url, text), source_id=source, text=text, url=url, title=text[:20],
                    published_at=datetime(2024, 5, 1, tzinfo=UTC), marking=marking)


def event(n: int, *, country: str = "KG", category: str = "border", day: int = 1, marking: str = "clear",
          actors: tuple[ActorRef, ...] = ()) -> Event:
    place = Place(name="Batken", country=country, geonameid=1528249, admin1_iso=f"{country}-B", lat=40.06,
                  lon=70.82, precision_acled=1, precision_ucdp=1, confidence=90)
    return Event(id=stable_id("event", str(n)), category=category, country=country, place=place,
                 date=DateRef("May 1", date(2024, 5, day)), fatalities=Range(1, 2, 3), marking=marking,
                 actors=actors, source_ids=("s1", "s2"), confidence=70)


def test_migrations_are_recorded_and_rerunnable(store: Store) -> None:
    names = store.schema_version()
    assert names and names[0] == "0001_core"
    assert store.migrate() == []  # nothing pending the second time
    assert store.schema_version() == names


def test_documents_insert_once_and_round_trip(store: Store) -> None:
    a, b = doc("Clashes on the Kyrgyz-Tajik border", "https://x.test/a?utm_source=rss"), doc("Heroin seized")
    assert store.put_documents([a, b, a]) == 2
    assert store.put_documents([a, b]) == 0
    assert store.count_documents() == 2
    assert store.get_document(a.id) == a
    assert store.known_documents([a.id, "nope"]) == {a.id}
    assert [d.id for d in store.iter_documents(batch=1)] == sorted([a.id, b.id])


def test_every_document_field_survives_the_store(store: Store) -> None:
    full = Document(id="d-full", source_id="s9", text="Full record", url="https://x.test/full", title="Full",
                    language="ru", published_at=datetime(2024, 5, 1, 8, 30, tzinfo=UTC), published_precision="day",
                    fetched_at=datetime(2024, 5, 1, 9, tzinfo=UTC), raw="<p>Full record</p>",
                    extraction_method="trafilatura", extraction_version="2.0", marking="amber",
                    duplicate_of="d-orig", run_id="run-1")
    store.put_documents([full])
    assert store.get_document("d-full") == full


def test_full_text_search_finds_words_in_both_scripts(store: Store) -> None:
    store.put_documents([doc("Перестрелка на кыргызско-таджикской границе"), doc("Gas pipeline outage")])
    assert [d.text for d in store.search_documents("границе")] == ["Перестрелка на кыргызско-таджикской границе"]
    assert [d.text for d in store.search_documents("pipeline")] == ["Gas pipeline outage"]
    assert store.search_documents("nothing-like-this") == []


def test_document_reads_respect_markings(store: Store) -> None:
    red = doc("restricted report", marking="red")
    store.put_documents([red, doc("open report")])
    assert store.get_document(red.id, max_marking=Tlp.AMBER) is None
    assert store.get_document(red.id, max_marking=Tlp.RED) == red
    assert [d.text for d in store.iter_documents(max_marking=Tlp.GREEN)] == ["open report"]
    assert store.search_documents("restricted", max_marking=Tlp.AMBER_STRICT) == []


def test_events_upsert_filter_and_paginate(store: Store) -> None:
    events = [event(i, day=1 + i % 28, country="KG" if i % 2 else "TJ") for i in range(30)]
    store.put_events(events)
    store.put_events(events[:5])  # upsert, no duplicates
    assert store.count_events() == 30
    assert store.count_events(EventFilter(country="KG")) == 15
    assert store.count_events(EventFilter(since=date(2024, 5, 20))) == sum(1 + i % 28 >= 20 for i in range(30))
    seen, cursor = [], None
    while True:
        page = store.query_events(limit=7, after=cursor)
        if not page:
            break
        seen += [e.id for e in page]
        cursor = event_cursor(page[-1])
    assert sorted(seen) == sorted(e.id for e in events) and len(seen) == 30
    got = store.get_event(events[3].id)
    assert got == events[3]


def test_event_filters_by_actor_bbox_and_marking(store: Store) -> None:
    taliban = ActorRef(name="Taliban", role="initiator", actor_id="taliban", sector="REB")
    store.put_events([event(1, actors=(taliban,)), event(2, marking="amber+strict"), event(3, marking="red")])
    assert [e.id for e in store.query_events(EventFilter(actor="taliban"))] == [event(1).id]
    assert store.count_events(EventFilter(bbox=(70.0, 39.0, 71.0, 41.0))) == 3
    assert store.count_events(EventFilter(bbox=(60.0, 30.0, 61.0, 31.0))) == 0
    assert store.count_events(EventFilter(max_marking=Tlp.AMBER)) == 1
    assert store.get_event(event(2).id, max_marking=Tlp.AMBER) is None
    assert store.count_events(EventFilter(marking="red")) == 1


def test_mentions_link_documents_and_events(store: Store) -> None:
    d = doc("Two border guards were killed near Vorukh")
    e = event(1)
    m = Mention(id=stable_id("m", d.id), document_id=d.id, category="border", coder="test", coder_version="1",
                event_id=e.id, confidence=80)
    store.put_documents([d])
    store.put_events([e])
    store.put_mentions([m, m])
    assert store.get_mentions(document_id=d.id) == [m]
    assert store.get_mentions(event_id=e.id) == [m]
    secret = doc("Restricted report of the same clash", marking="red")
    hidden = m.replace(id=stable_id("m", secret.id), document_id=secret.id)
    store.put_documents([secret])
    store.put_mentions([hidden])
    assert store.get_mentions(event_id=e.id, max_marking=Tlp.AMBER_STRICT) == [m]
    assert len(store.get_mentions(event_id=e.id)) == 2
    assert [x.id for x in store.query_events(EventFilter(text="Vorukh"))] == [e.id]


def test_runs_rejections_state_and_sources(store: Store) -> None:
    run = store.start_run(note="test")
    store.add_rejections([Rejection(run.id, "ingest.extract.v1", "feed.xml#3", "no text")])
    store.finish_run(run.id, "done", {"items": 3})
    [got] = store.get_runs()
    assert got.status == "done" and dict(got.counts) == {"items": 3}
    [rej] = store.get_rejections(run.id)
    assert (rej.stage, rej.key, rej.reason) == ("ingest.extract.v1", "feed.xml#3", "no text")
    store.set_state("etag:x", "1")
    store.set_state("etag:x", "2")
    assert store.get_state("etag:x") == "2" and store.get_state("missing") is None
    src = Source(id="azattyk", name="Azattyk", kind="rss", languages=("ky", "ru"), country="KG",
                 state_affiliation="public", marking="green")
    store.put_sources([src, src.replace(name="Azattyk Media")])
    assert store.get_sources() == [src.replace(name="Azattyk Media")]


def test_transaction_rolls_back_everything(store: Store) -> None:
    with pytest.raises(RuntimeError), store.transaction():
        store.put_documents([doc("kept only if committed")])
        raise RuntimeError("boom")
    assert store.count_documents() == 0


def test_driver_errors_become_store_errors(store: Store) -> None:
    with pytest.raises(StoreError, match="no_such_table"):
        store.query("SELECT * FROM no_such_table")


def test_stats_summarise_the_store(store: Store) -> None:
    store.put_events([event(1), event(2, country="TJ", category="narcotics")])
    stats = store.stats()
    assert stats["backend"] == store.dialect
    assert stats["events"] == 2 and stats["events_by_country"] == {"KG": 1, "TJ": 1}


def test_unknown_database_url_is_a_clear_error() -> None:
    with pytest.raises(ConfigError, match="not supported"):
        open_store("mysql://nope")


def test_sqlite_upgrades_an_existing_database_in_place(tmp_path) -> None:
    url = f"sqlite:///{tmp_path / 'old.db'}"
    old = open_store(url, migrate=False)
    old.execute("CREATE TABLE schema_migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)")
    old.close()
    store = open_store(url)
    assert store.schema_version()[0] == "0001_core"
    store.put_documents([doc("survives reopening")])
    store.close()
    again = open_store(url)
    assert again.count_documents() == 1
    again.close()


def test_insert_many_bulk_loads_rows(store: Store) -> None:
    rows = [(f"k{i}", str(i), "2024-01-01T00:00:00") for i in range(2500)]
    with store.transaction():
        store.insert_many("state", ("key", "value", "updated_at"), rows)
    assert store.get_state("k2499") == "2499" and store.query("SELECT COUNT(*) FROM state")[0][0] == 2500
