"""The event list, filters, cursor pagination, event detail with evidence, and the other read endpoints."""

from __future__ import annotations

from steppewatch.models import DateRef, Event
from steppewatch.vocab import Tlp


def ids(response) -> list[str]:
    return [e["id"] for e in response.json()["data"]]


def test_list_is_newest_first_and_capped_at_clearance(seeded, client_as):
    assert ids(client_as("admin").get("/api/v1/events")) == ["ev-clear", "ev-green", "ev-strict", "ev-amber",
                                                              "ev-red"]
    body = client_as("analyst").get("/api/v1/events").json()
    assert [e["id"] for e in body["data"]] == ["ev-clear", "ev-green", "ev-amber"]
    assert body["marking_ceiling"] == {"max_marking": "amber", "label": "TLP:AMBER"}


def test_filters(seeded, client_as):
    c = client_as("admin")
    assert ids(c.get("/api/v1/events?country=tj")) == ["ev-green"]
    assert ids(c.get("/api/v1/events?category=border")) == ["ev-clear"]
    assert ids(c.get("/api/v1/events?admin1=KG-B")) == ["ev-clear"]
    assert ids(c.get("/api/v1/events?actor=kyrgyz border service")) == ["ev-clear"]
    assert ids(c.get("/api/v1/events?since=2024-03-04&until=2024-03-04")) == ["ev-green"]
    assert ids(c.get("/api/v1/events?bbox=70,39,71,40")) == ["ev-clear"]
    assert ids(c.get("/api/v1/events?min_confidence=70")) == ["ev-clear", "ev-green"]
    assert ids(c.get("/api/v1/events?marking=TLP:AMBER")) == ["ev-amber"]
    assert ids(c.get("/api/v1/events?q=heroin")) == ["ev-green"]
    counted = c.get("/api/v1/events?country=KG&count=true").json()
    assert (counted["total"], counted["total_is_estimate"]) == (4, False)


def test_cursor_pagination_walks_every_event_once(store, seeded, client_as):
    store.put_events([Event(id=f"ev-x{i:02d}", category="water", date=DateRef(None, None if i % 7 == 0 else
                            __import__("datetime").date(2024, 1, 1 + i % 20)), marking=Tlp.CLEAR)
                      for i in range(23)])
    c = client_as("admin")
    seen, url = [], "/api/v1/events?limit=4&category=water"
    while url:
        body = c.get(url).json()
        seen += [e["id"] for e in body["data"]]
        url = body["next"]
    assert sorted(seen) == sorted(f"ev-x{i:02d}" for i in range(23))
    assert len(seen) == len(set(seen))


def test_detail_has_mentions_evidence_sentence_and_sources(seeded, client_as):
    body = client_as("viewer").get("/api/v1/events/ev-clear").json()
    assert body["event"]["approximate"] is False
    (m,) = body["mentions"]
    s = m["evidence_sentence"]
    assert s["sentence"].startswith("On Tuesday, Kyrgyz and Tajik border guards exchanged fire")
    assert s["sentence"][s["highlight"][0]:s["highlight"][1]] == "Kyrgyz and Tajik border guards exchanged fire " \
                                                                  "near Kok-Tash in Batken region"
    assert m["document"]["url"] == "https://news.example/a/1"
    assert [src["id"] for src in body["sources"]] == ["news-a"]


def test_imprecise_event_is_flagged_approximate(seeded, client_as):
    c = client_as("viewer")
    assert c.get("/api/v1/events/ev-green").json()["event"]["approximate"] is True
    points = {p["id"]: p for p in c.get("/api/v1/map/events").json()["points"]}
    assert points["ev-green"]["approximate"] is True and points["ev-clear"]["approximate"] is False


def test_documents_sources_and_country_profile(seeded, client_as):
    c = client_as("admin")
    doc_id = seeded["doc_clear"]
    doc = c.get(f"/api/v1/documents/{doc_id}").json()
    assert "exchanged fire" in doc["text"] and [e["id"] for e in doc["events"]] == ["ev-clear"]
    assert len(c.get("/api/v1/documents?limit=2").json()["data"]) == 2
    assert c.get("/api/v1/documents?limit=2").json()["next_cursor"]
    assert {s["id"] for s in c.get("/api/v1/sources").json()["data"]} == {"news-a", "partner-feed", "demo-wire"}
    profile = c.get("/api/v1/countries/KG").json()
    assert profile["events"] == 4 and profile["fatalities_best"] == 2
    assert profile["analysis"]["country"] == "KG" and profile["analysis"]["facts"]
    assert "Kyrgyz Border Service" in [a["name"] for a in profile["top_actors"]]
    assert [p["country"] for p in profile["outside_powers"]] == []  # TJ is a neighbour, not an outside power


def test_source_health_from_state_table(store, seeded, client_as):
    from steppewatch.ingest.health import record_failure

    record_failure(store, "news-a", "HTTP 503")
    body = client_as("viewer").get("/api/v1/sources/health").json()["data"]
    assert body["news-a"]["reachable"] is False and body["news-a"]["error"] == "HTTP 503"


def test_weekly_series_counts_visible_events(seeded, client_as):
    series = client_as("viewer").get("/api/v1/series/weekly?weeks=4").json()
    assert sum(sum(v) for v in series["series"].values()) == 2  # CLEAR + GREEN only


def test_a_date_range_excludes_undated_events_as_the_store_does(store, seeded, client_as):
    from steppewatch.store import EventFilter

    store.put_events([Event(id="ev-undated", category="water", date=DateRef("recently", None), marking=Tlp.CLEAR)])
    c = client_as("admin")
    assert "ev-undated" not in ids(c.get("/api/v1/events?until=2030-01-01"))
    assert "ev-undated" in ids(c.get("/api/v1/events?category=water"))
    listed = set(ids(c.get("/api/v1/events?until=2030-01-01&limit=100")))
    assert listed == {e.id for e in store.query_events(EventFilter(until=__import__("datetime").date(2030, 1, 1)))}
