"""CSV, JSON lines, GeoJSON and PLOVER writers."""

from __future__ import annotations

import csv
import io
import json
from datetime import date

from steppewatch.export import iter_events, writer_for
from steppewatch.export.geojson import write_geojson
from steppewatch.export.plover import QUAD, to_plover, write_plover
from steppewatch.export.tabular import CSV_COLUMNS, write_csv, write_jsonl
from steppewatch.models import ActorRef, DateRef, Event, Place, Range
from steppewatch.store import EventFilter
from steppewatch.vocab import CATEGORIES, Tlp

EXACT = Event(id="e1", category="border", subtype="armed_clash", date=DateRef("Tuesday", date(2024, 3, 5)),
              country="KG", place=Place(name="Kok-Tash", country="KG", admin1_iso="KG-B", lat=39.9, lon=70.8,
                                        precision_ucdp=1, geonameid=1),
              actors=(ActorRef("Kyrgyz Border Service", "initiator", sector="MIL", country="KG"),
                      ActorRef("Tajik Border Troops", "target", sector="MIL", country="TJ")),
              fatalities=Range(1, 2, 3), source_ids=("s1", "s1", "s2"), marking=Tlp.AMBER,
              summary="=HYPERLINK(\"http://evil\")")
AREA = Event(id="e2", category="environment", subtype="flood_mudflow", date=DateRef(None, None),
             place=Place(name="Sughd", country="TJ", lat=40.0, lon=69.5, precision_ucdp=4))
NOWHERE = Event(id="e3", category="diplomacy", date=DateRef(None, date(2024, 1, 1)))


def test_csv_has_every_column_and_neutralises_formulas():
    buf = io.StringIO()
    assert write_csv([EXACT, AREA, NOWHERE], buf) == 3
    rows = list(csv.DictReader(io.StringIO(buf.getvalue())))
    assert list(rows[0]) == list(CSV_COLUMNS)
    assert rows[0]["summary"].startswith("'=")
    assert rows[0]["marking"] == "TLP:AMBER" and rows[0]["source_ids"] == "s1; s2"
    assert (rows[0]["approximate"], rows[1]["approximate"], rows[2]["approximate"]) == ("false", "true", "true")


def test_jsonl_round_trips_events():
    buf = io.StringIO()
    write_jsonl([EXACT, AREA], buf)
    back = [Event.from_dict(json.loads(line)) for line in buf.getvalue().splitlines()]
    assert back == [EXACT, AREA]


def test_geojson_is_a_feature_collection_with_approximate_flag():
    buf = io.StringIO()
    write_geojson([EXACT, AREA, NOWHERE], buf, meta={"marking_ceiling": "TLP:AMBER"})
    fc = json.loads(buf.getvalue())
    assert fc["type"] == "FeatureCollection" and fc["marking_ceiling"] == "TLP:AMBER"
    f1, f2, f3 = fc["features"]
    assert f1["geometry"] == {"type": "Point", "coordinates": [70.8, 39.9]}  # RFC 7946: lon, lat
    assert f1["properties"]["approximate"] is False and f2["properties"]["approximate"] is True
    assert f3["geometry"] is None
    empty = io.StringIO()
    write_geojson([], empty)
    assert json.loads(empty.getvalue())["features"] == []


def test_plover_fields():
    rec = to_plover(EXACT)
    assert rec["event"] == ["ASSAULT"] and rec["mode"] == ["firearms"] and rec["quad_code"] == 4
    assert rec["source"] == [{"code": "KGZ", "sector": "MIL", "actor_text": "Kyrgyz Border Service",
                              "identifier_text": "Kyrgyz Border Service"}]
    assert rec["recipient"][0]["code"] == "TJK"
    assert rec["event_loc"]["latitude"] == 39.9 and rec["event_loc"]["country code"] == "KG"
    assert rec["dead"] == 2 and rec["marking"] == "TLP:AMBER"
    flood = to_plover(AREA)
    assert flood["event"] == [] and flood["has_event"] is False and flood["context"] == ["enviro_disaster"]


def test_plover_covers_every_subtype_with_spec_categories():
    for category, subtypes in CATEGORIES.items():
        for subtype in subtypes:
            rec = to_plover(Event(id="x", category=category, subtype=subtype, date=DateRef(None, None)))
            assert all(e in QUAD for e in rec["event"])
    buf = io.StringIO()
    assert write_plover([EXACT, AREA], buf) == 2


def test_writer_registry_and_paged_iteration(store):
    assert writer_for("csv") is write_csv and writer_for("jsonl") is write_jsonl
    store.put_events([Event(id=f"p{i:03d}", category="water", date=DateRef(None, date(2024, 1, 1 + i % 28)),
                            marking=Tlp.GREEN if i % 2 else Tlp.RED) for i in range(57)])
    got = list(iter_events(store, EventFilter(max_marking=Tlp.GREEN), page=10))
    assert len(got) == 28 and all(e.marking == Tlp.GREEN for e in got)
    assert len(list(iter_events(store, EventFilter(), page=10, limit=25))) == 25
