"""A reader never sees or exports a record above their clearance, by any route."""

from __future__ import annotations

import json

import pytest

from steppewatch.models import DateRef, Event
from steppewatch.vocab import Tlp

SECRET = "nightjar"


@pytest.mark.parametrize("path", [
    "/api/v1/events", "/api/v1/events?q=nightjar", "/api/v1/events?actor=Cell Nightjar",
    "/api/v1/events?marking=amber%2Bstrict", "/api/v1/map/events", "/api/v1/countries/KG",
    "/api/v1/documents", "/api/v1/documents?q=nightjar", "/api/v1/sources",
    "/api/v1/events/export?format=csv", "/api/v1/events/export?format=jsonl",
    "/api/v1/events/export?format=geojson", "/api/v1/events/export?format=plover",
    "/api/v1/events/export?format=csv&q=nightjar",
    "/", "/events", "/events?q=nightjar", "/countries/KG", "/sources",
])
def test_viewer_never_sees_amber_strict(seeded, client_as, path):
    r = client_as("viewer").get(path)
    assert r.status_code == 200
    if SECRET not in path.lower():  # a search form repeats the words searched for
        assert SECRET not in r.text.lower()
    for marker in ("ev-strict", "partner-feed", "Liaison report", "cell meeting", "Partner reporting"):
        assert marker not in r.text


@pytest.mark.parametrize("path", ["/api/v1/events/ev-strict", "/api/v1/events/ev-red", "/events/ev-strict"])
def test_detail_above_clearance_is_not_found(seeded, client_as, path):
    r = client_as("analyst").get(path)
    assert r.status_code == 404
    assert SECRET not in r.text.lower()


def test_document_above_clearance_is_not_found(seeded, client_as):
    r = client_as("viewer").get(f"/api/v1/documents/{seeded['doc_strict']}")
    assert r.status_code == 404 and r.json()["error"]["type"] == "NotFound"


def test_cleared_reader_sees_amber_strict_everywhere(seeded, client_as):
    c = client_as("strict")
    assert "ev-strict" in [e["id"] for e in c.get("/api/v1/events?q=nightjar").json()["data"]]
    detail = c.get("/api/v1/events/ev-strict").json()
    assert detail["mentions"][0]["document"]["marking"] == "amber+strict"
    exported = c.get("/api/v1/events/export?format=jsonl").text.splitlines()
    assert {json.loads(line)["id"] for line in exported} == {"ev-clear", "ev-green", "ev-amber", "ev-strict"}
    page = c.get("/events/ev-strict")
    assert "TLP:AMBER+STRICT" in page.text and "only within Partner B" in page.text


def test_export_is_audited_with_row_count(store, seeded, client_as):
    from steppewatch.auth.audit import recent_audit

    client_as("viewer").get("/api/v1/events/export?format=csv&country=KG")
    (entry,) = recent_audit(store, action="export")
    assert entry["username"] == "viewer"
    assert entry["detail"]["rows"] == 1 and entry["detail"]["complete"] is True
    assert entry["detail"]["filters"] == {"country": "KG"}


def test_no_accounts_means_loopback_only_and_green(store, client_as):
    # events only, no users: the anonymous local reader sees CLEAR and GREEN
    store.put_events([Event(id=f"e-{t.value}", category="water", date=DateRef(None, None), marking=t) for t in Tlp])
    local = client_as(None)
    assert sorted(e["id"] for e in local.get("/api/v1/events").json()["data"]) == ["e-clear", "e-green"]
    assert local.get("/api/v1/me").json()["anonymous"] is True
    remote = client_as(None, remote=True)
    r = remote.get("/api/v1/events")
    assert r.status_code == 403 and r.json()["error"]["type"] == "Forbidden"


def test_accounts_exist_means_login_required(seeded, client_as):
    r = client_as(None).get("/api/v1/events")
    assert r.status_code == 401 and r.headers["www-authenticate"] == "Bearer"
    page = client_as(None).get("/events", headers={"accept": "text/html"}, follow_redirects=False)
    assert page.status_code == 303 and page.headers["location"] == "/login?next=/events"


def test_alerts_list_feed_and_page_respect_clearance(store, seeded, client_as):
    from datetime import UTC, datetime

    from steppewatch.alerts.store import put_alerts
    from steppewatch.models import Alert

    made = datetime(2024, 3, 6, tzinfo=UTC)
    put_alerts(store, [
        Alert(id="al-clear", rule="surge", title="Surge of border events in Batken", created_at=made, country="KG",
              level="high", event_ids=("ev-clear",)),
        Alert(id="al-strict", rule="surge", title=f"Cell {SECRET} active", created_at=made, country="KG",
              marking=Tlp.AMBER_STRICT, event_ids=("ev-strict",)),
    ], {})
    viewer, strict = client_as("viewer"), client_as("strict")
    assert [a["id"] for a in viewer.get("/api/v1/alerts").json()["data"]] == ["al-clear"]
    assert {a["id"] for a in strict.get("/api/v1/alerts").json()["data"]} == {"al-clear", "al-strict"}
    for path in ("/api/v1/alerts.atom", "/alerts", "/", "/countries/KG"):
        text = viewer.get(path).text
        assert "Surge of border events in Batken" in text and SECRET not in text.lower(), path
    assert SECRET in strict.get("/api/v1/alerts.atom").text.lower()
