"""UCDP GED: the real full-schema fixture, the paginated API on a local server, bad rows."""

from __future__ import annotations

import csv
import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest

from steppewatch.cycle import run_pipeline
from steppewatch.errors import InputError, NotConfigured
from steppewatch.ingest.ucdp import UcdpApiSource, UcdpCsvSource, categorise, row_item
from steppewatch.models import Source
from steppewatch.pipeline import Context
from steppewatch.registrations import INGEST_STAGES
from steppewatch.settings import load_settings
from steppewatch.store import EventFilter, Store

SOURCE = Source(id="ucdp-ged", name="UCDP GED", kind="dataset")
FIXTURE = "ucdp/ged191_fixture_myanmar_bangladesh.csv"
ROW = {"id": "9001", "year": "2021", "type_of_violence": "1", "side_a": "Government of Kyrgyzstan",
       "side_b": "Government of Tajikistan", "where_prec": "1", "where_coordinates": "Kok-Tash village",
       "latitude": "39.95", "longitude": "70.55", "country": "Kyrgyzstan", "country_id": "703",
       "adm_1": "Batken province", "adm_2": "", "date_prec": "1", "date_start": "2021-04-29",
       "date_end": "2021-04-29", "low": "30", "best": "36", "high": "55", "event_clarity": "1",
       "source_headline": "Deadly clashes on Kyrgyz-Tajik border;Border fighting kills dozens",
       "source_date": "2021-04-30;2021-05-01", "dyad_name": "Government of Kyrgyzstan - Government of Tajikistan"}


def test_row_becomes_event_with_provenance() -> None:
    item = row_item(ROW, SOURCE, key="k", version="24.1")
    (event,) = item.events
    assert (event.origin, event.origin_ref, event.category, event.subtype) == ("ucdp", "9001", "border", "armed_clash")
    assert event.country == "KG" and event.place.precision_ucdp == 1 and event.place.precision_acled == 1
    assert (event.fatalities.low, event.fatalities.best, event.fatalities.high) == (30, 36, 55)
    assert event.date.precision == "day" and event.date.basis == "dataset"
    assert item.document.text.splitlines() == ["Deadly clashes on Kyrgyz-Tajik border", "Border fighting kills dozens"]
    assert item.payload["events_given"] and item.mentions[0].event_id == event.id
    assert json.loads(item.document.raw)["id"] == "9001"


@pytest.mark.parametrize(("kind", "a", "b", "expected"), [
    ("1", "Government of Tajikistan", "IMU", ("militancy", "attack")),
    ("2", "Supporters of X", "Supporters of Y", ("unrest", "violent_protest")),
    ("2", "Taleban", "IS", ("militancy", "group_activity")),
    ("3", "Government of Uzbekistan", "Civilians", ("unrest", "crackdown")),
    ("3", "IS", "Civilians", ("militancy", "attack")),
])
def test_type_of_violence_mapping(kind: str, a: str, b: str, expected: tuple[str, str]) -> None:
    assert categorise({"type_of_violence": kind, "side_a": a, "side_b": b}) == expected


@pytest.mark.parametrize(("change", "message"), [
    ({"type_of_violence": "7"}, "type_of_violence must be 1, 2 or 3"),
    ({"latitude": "north"}, "could not convert"),
    ({"date_start": "2999-01-01"}, "lies in the future"),
    ({"best": "many"}, "best is not a number"),
])
def test_bad_rows_become_errors(change: dict[str, str], message: str) -> None:
    item = row_item({**ROW, **change}, SOURCE, key="k", version="24.1")
    assert item.document is None and message in item.payload["_error"] and "GED row 9001" in item.payload["_error"]


def test_real_fixture_through_the_pipeline(shared_data: Path, store: Store) -> None:
    path = shared_data / FIXTURE
    if not path.exists():
        pytest.skip(f"{path} not found")
    settings = load_settings(env={})
    src = UcdpCsvSource(SOURCE.replace(feeds=(str(path),)), Context(store=store, settings=settings))
    assert src.version == "19.1"
    report = run_pipeline(store, src.items(), INGEST_STAGES, settings=settings)
    with path.open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert report.counts["store.write.v1:events"] == len(rows) == 3194, report.rejections[:3]
    assert store.count_events(EventFilter(origin="ucdp")) == 3194
    assert store.count_events(EventFilter(country="MM")) == 2593
    event = store.get_event(__import__("steppewatch.models").models.stable_id("ucdp", "209406"))
    assert event.fatalities.best == 2 and event.fatalities.high == 24 and event.place.precision_ucdp == 2
    assert event.date.value.isoformat() == "2015-05-14"
    again = run_pipeline(store, src.items(), INGEST_STAGES, settings=settings)
    assert again.counts["ingest.dedup.v1:known"] == 3194 and again.counts["store.write.v1:events"] == 0


def test_csv_missing_columns(tmp_path: Path) -> None:
    f = tmp_path / "ged.csv"
    f.write_text("id,year\n1,2020\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"ged\.csv: not a UCDP GED file: missing column\(s\) type_of_violence"):
        list(UcdpCsvSource(SOURCE, Context(store=None, settings=load_settings(env={})), path=f).items())  # type: ignore[arg-type]


class _Api(BaseHTTPRequestHandler):
    seen: list[dict[str, str]] = []

    def do_GET(self) -> None:  # noqa: N802
        type(self).seen.append({"token": self.headers.get("x-ucdp-access-token", ""), "path": self.path})
        q = parse_qs(urlsplit(self.path).query)
        page = int(q["page"][0])
        base = f"http://127.0.0.1:{self.server.server_address[1]}/api/gedevents/24.1"
        rows = [{**ROW, "id": str(9000 + page * 2 + i)} for i in range(2)]
        body = {"TotalCount": 5, "TotalPages": 3, "Result": rows if page < 2 else rows[:1],
                "NextPageUrl": f"{base}?pagesize=2&page={page + 1}" if page < 2 else ""}
        data = json.dumps(body).encode()
        self.send_response(200 if type(self).seen[0]["token"] == "t0k" else 401)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def api() -> Iterator[str]:
    _Api.seen = []
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Api)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/api/gedevents/24.1"
    httpd.shutdown()
    httpd.server_close()


def test_api_pages_with_token(api: str, store: Store) -> None:
    settings = load_settings(env={"STEPPEWATCH_UCDP_TOKEN": "t0k"}, politeness_delay=0)
    with httpx.Client() as client:
        src = UcdpApiSource(SOURCE, Context(store=store, settings=settings), client, url=api, pagesize=2)
        items = list(src.items())
    assert [i.events[0].origin_ref for i in items] == ["9000", "9001", "9002", "9003", "9004"]
    assert all(s["token"] == "t0k" for s in _Api.seen) and len(_Api.seen) == 3
    assert "Country=700%2C701" in _Api.seen[0]["path"]


def test_api_without_token_switches_off(store: Store) -> None:
    with pytest.raises(NotConfigured, match="STEPPEWATCH_UCDP_TOKEN"):
        UcdpApiSource(SOURCE, Context(store=store, settings=load_settings(env={})))
