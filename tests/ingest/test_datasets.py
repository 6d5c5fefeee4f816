"""GDELT 2.0 exports (a zip the test builds; lastupdate.txt over MockTransport) and ACLED CSVs."""

from __future__ import annotations

import csv
import io
import zipfile
from pathlib import Path

import httpx
import pytest

from steppewatch.cycle import run_pipeline
from steppewatch.errors import InputError
from steppewatch.ingest import acled, gdelt
from steppewatch.ingest.acled import AcledCsvSource
from steppewatch.ingest.gdelt import COLUMNS, GdeltSource
from steppewatch.models import Source
from steppewatch.pipeline import Context
from steppewatch.registrations import INGEST_STAGES
from steppewatch.settings import load_settings
from steppewatch.store import EventFilter, Store
from steppewatch.vocab import Tlp

SETTINGS = load_settings(env={}, politeness_delay=0)
GDELT_SRC = Source(id="gdelt", name="GDELT", kind="dataset")


def gdelt_row(gid: int, *, code: str = "190", a1: str = "KGZ", a2: str = "TJK", geo: str = "KG",
              lat: str = "39.95", day: str = "20220916") -> str:
    row = dict.fromkeys(COLUMNS, "")
    row.update(GLOBALEVENTID=str(gid), SQLDATE=day, Actor1Code=a1, Actor1Name="KYRGYZSTAN", Actor1CountryCode=a1,
               Actor2Code=a2, Actor2Name="TAJIKISTAN", Actor2CountryCode=a2, EventCode=code, EventBaseCode=code,
               EventRootCode=code[:2], NumSources="3", ActionGeo_Type="4",
               ActionGeo_FullName="Batken, Batken, Kyrgyzstan",
               ActionGeo_CountryCode=geo, ActionGeo_Lat=lat, ActionGeo_Long="70.8" if lat else "",
               SOURCEURL=f"https://news.example/{gid}")
    return "\t".join(row[c] for c in COLUMNS)


def export_zip(rows: list[str]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("20220916151500.export.CSV", "\n".join(rows) + "\n")
    return buf.getvalue()


def test_gdelt_zip_filtered_to_the_region(tmp_path: Path, store: Store) -> None:
    rows = [gdelt_row(1), gdelt_row(2, code="141", a1="USA", a2="", geo="US"),  # not in the region
            gdelt_row(3, code="145", a1="", a2="", geo="TI"), gdelt_row(4, code="040", a1="CHN", a2="RUS", geo="UZ",
                                                                       lat=""),
            "1\t2\t3"]
    f = tmp_path / "20220916151500.export.CSV.zip"
    f.write_bytes(export_zip(rows))
    items = list(GdeltSource(GDELT_SRC, Context(store=store, settings=SETTINGS), path=f).items())
    assert [i.payload.get("_error") for i in items][-1] == "GDELT row has 3 columns, expected 61"
    events = {i.events[0].origin_ref: i.events[0] for i in items if i.events}
    assert set(events) == {"1", "3", "4"}
    assert (events["1"].category, events["1"].subtype, events["1"].country) == ("border", "armed_clash", "KG")
    assert events["1"].place.precision_ucdp == 2 and events["1"].place.precision_acled == 1
    assert (events["3"].category, events["3"].subtype, events["3"].country) == ("unrest", "violent_protest", "TJ")
    assert events["4"].category == "diplomacy" and events["4"].place.lat is None
    report = run_pipeline(store, iter(items), INGEST_STAGES, settings=SETTINGS)
    assert store.count_events(EventFilter(origin="gdelt")) == 3 and len(report.rejections) == 1


def test_gdelt_from_lastupdate_url(store: Store) -> None:
    export = "http://data.gdeltproject.org/gdeltv2/20220916151500.export.CSV.zip"
    listing = (f"150383 297a16b493de7cf6ca809a7cc31d0b93 {export}\n"
               "318084 bb27f78ba45f69a17ea6ed7755e9f8ff http://data.gdeltproject.org/gdeltv2/x.mentions.CSV.zip\n")
    calls: list[str] = []

    def handler(request: httpx.Request) -> httpx.Response:
        calls.append(str(request.url))
        if request.url.path.endswith("lastupdate.txt"):
            return httpx.Response(200, text=listing)
        return httpx.Response(200, content=export_zip([gdelt_row(7)]))

    with httpx.Client(transport=httpx.MockTransport(handler)) as client:
        ctx = Context(store=store, settings=SETTINGS)
        assert [i.events[0].origin_ref for i in GdeltSource(GDELT_SRC, ctx, client).items()] == ["7"]
        assert list(GdeltSource(GDELT_SRC, ctx, client).items()) == []  # same export: not fetched again
    assert calls.count(export) == 1


@pytest.mark.parametrize(("data", "message"), [
    (b"PK\x03\x04broken", "not a valid zip archive"),
    (b"\xff\xfe\x00", "not UTF-8"),
])
def test_gdelt_bad_files(data: bytes, message: str) -> None:
    with pytest.raises(InputError, match=message):
        list(gdelt.iter_export(data, GDELT_SRC, name="x.zip", max_bytes=10_000))


ACLED_HEADER = ["event_id_cnty", "event_date", "year", "time_precision", "event_type", "sub_event_type", "actor1",
                "actor2", "iso", "country", "admin1", "admin2", "location", "latitude", "longitude",
                "geo_precision", "source", "notes", "fatalities"]


def acled_file(tmp_path: Path, rows: list[list[str]], header: list[str] = ACLED_HEADER) -> Path:
    f = tmp_path / "acled.csv"
    with f.open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(header)
        w.writerows(rows)
    return f


def test_acled_rows_become_amber_events(tmp_path: Path, store: Store) -> None:
    f = acled_file(tmp_path, [
        ["KGZ1234", "2022-09-16", "2022", "1", "Battles", "Armed clash", "Military Forces of Kyrgyzstan (2021-)",
         "Military Forces of Tajikistan (1994-)", "417", "Kyrgyzstan", "Batken", "Batken", "Dostuk", "39.9",
         "70.7", "1", "AKIpress", "Border guards exchanged fire.", "4"],
        ["TJK55", "16 September 2022", "2022", "2", "Protests", "Peaceful protest", "Protesters (Tajikistan)", "",
         "762", "Tajikistan", "Sughd", "", "Khujand", "40.28", "69.62", "2", "Asia-Plus", "", "0"],
        ["KAZ9", "2022-01-05", "2022", "1", "Riots", "Unheard of", "Rioters", "", "398", "Kazakhstan", "Almaty", "",
         "Almaty", "43.2", "76.9", "1", "x", "n", "0"],
        ["KAZ10", "2022-01-05", "2022", "1", "Riots"],
    ])
    source = Source(id="acled", name="ACLED", kind="dataset")
    items = list(AcledCsvSource(source, Context(store=store, settings=SETTINGS), path=f).items())
    e1, e2 = items[0].events[0], items[1].events[0]
    assert (e1.category, e1.subtype, e1.country, e1.fatalities.best) == ("border", "armed_clash", "KG", 4)
    assert e1.marking == Tlp.AMBER and items[0].document.marking == Tlp.AMBER
    assert (e2.category, e2.date.precision, e2.place.precision_acled, e2.country) == ("unrest", "week", 2, "TJ")
    assert "unknown sub_event_type 'Unheard of'" in items[2].payload["_error"]
    assert "wrong number of fields" in items[3].payload["_error"]
    report = run_pipeline(store, iter(items), INGEST_STAGES, settings=SETTINGS)
    assert report.counts["store.write.v1:events"] == 2 and len(report.rejections) == 2
    assert store.count_events(EventFilter(origin="acled", max_marking=Tlp.GREEN)) == 0


def test_acled_missing_columns(tmp_path: Path) -> None:
    f = acled_file(tmp_path, [], header=["event_id_cnty", "notes"])
    src = AcledCsvSource(Source(id="a", name="A", kind="dataset"), Context(store=None, settings=SETTINGS), path=f)  # type: ignore[arg-type]
    with pytest.raises(InputError, match=r"acled\.csv: not an ACLED export: missing column\(s\) event_date"):
        list(src.items())


def test_acled_category_table_covers_codebook_sub_events() -> None:
    assert len(acled.SUB_EVENT_CATEGORY) == 25
