"""The whole default pipeline over small inputs: counts come out once, whatever the route."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from steppewatch.cycle import file_items, run_pipeline
from steppewatch.models import DateRef, Document, Event, Place, Range, stable_id
from steppewatch.pipeline import Item
from steppewatch.registrations import DEFAULT_STAGES
from steppewatch.settings import load_settings
from steppewatch.store import EventFilter, Store

LEAD = ("Kyrgyz and Tajik border guards exchanged fire near the town of Isfana in Batken region on Monday. "
        "Two border guards were killed and five were injured, the Kyrgyz border service said.")


def write(path: Path, rows: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    return path


@pytest.mark.slow
def test_headline_and_lead_of_one_report_are_one_event(tmp_path: Path, store: Store) -> None:
    corpus = write(tmp_path / "r.jsonl", [{"url": "https://a.test/1", "title": "Border guards clash near Isfana",
                                          "text": "Border guards clash near Isfana\n" + LEAD,
                                          "published_at": "2024-03-06T09:00:00+00:00", "language": "en"}])
    run_pipeline(store, file_items(corpus, settings=load_settings(env={})), settings=load_settings(env={}))
    [event] = store.query_events(EventFilter(category="border"))
    assert (event.country, event.fatalities.best, event.injured.best) == ("KG", 2, 5)
    assert event.date.value.isoformat() == "2024-03-04"  # the Monday the lead states, not the publication day
    assert store.count_events() == 1


@pytest.mark.slow
def test_a_syndicated_copy_is_stored_but_not_counted_again(tmp_path: Path, store: Store) -> None:
    rows = [{"url": f"https://{host}/1", "title": "Clash", "text": prefix + LEAD, "language": "en",
             "published_at": "2024-03-06T09:00:00+00:00"}
            for host, prefix in (("a.test", ""), ("b.test", "BISHKEK (Wire) - "))]
    run_pipeline(store, file_items(write(tmp_path / "r.jsonl", rows), settings=load_settings(env={})),
                 settings=load_settings(env={}))
    assert store.count_documents() == 2 and store.stats()["duplicates"] == 1
    assert store.count_events() == 1
    copy = Document.make_id("https://b.test/1", "BISHKEK (Wire) - " + LEAD)
    assert store.get_mentions(document_id=copy) == []


def test_dataset_rows_keep_their_events_and_are_not_coded_again(store: Store) -> None:
    headline = "Two soldiers killed in clash near Isfana, Kyrgyz border service says"
    doc = Document(id=stable_id("ucdp-doc", "1"), source_id="ucdp", text=headline, title=headline)
    given = Event(id=stable_id("ucdp", "1"), category="border", origin="ucdp", origin_ref="1", country="KG",
                  date=DateRef("2024-03-04", __import__("datetime").date(2024, 3, 4), "day", "dataset"),
                  place=Place(name="Isfana", country="KG", lat=39.84, lon=69.53, precision_ucdp=1,
                              precision_acled=1, geonameid=1528121),
                  fatalities=Range(2, 2, 2), source_ids=("ucdp",))
    item = Item(key="ged:1", source_id="ucdp", payload={"events_given": True}, document=doc, events=(given,))
    run_pipeline(store, [item], DEFAULT_STAGES, settings=load_settings(env={}))
    assert [e.id for e in store.query_events()] == [given.id]
    assert store.get_event(given.id) == given
    assert store.get_mentions(document_id=doc.id) == []
