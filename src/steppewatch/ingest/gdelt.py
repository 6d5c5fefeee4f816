"""GDELT 2.0 event exports (the 15-minute ``*.export.CSV.zip`` files), filtered to the region.

Column names and order: *The GDELT Event Database Data Format Codebook V2.0* (GDELT Project,
2015), 61 tab-separated columns, no header. Actor country codes are CAMEO (``KGZ``); geographic
country codes are FIPS 10-4 (``KG`` Kyrgyzstan, ``TI`` Tajikistan, ``TX`` Turkmenistan).
Event codes are CAMEO (Gerner, Schrodt & Yilmaz, *CAMEO Event Data Codebook* v1.1b3, 2012);
:data:`ROOT_CATEGORY` maps root codes to our categories.

A row is kept when its action happens in the region (``ActionGeo_CountryCode``) or one of its
actors is from the region. Each row becomes an :class:`Event` (``origin="gdelt"``) with a short
document naming the actors, the CAMEO code and the article URL (GDELT ships no text).
"""

from __future__ import annotations

import io
import json
import zipfile
from collections.abc import Iterable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from ..errors import InputError, RecordError
from ..models import ActorRef, DateRef, Document, Event, Place, Source, stable_id, utcnow
from ..pipeline import Context, Item
from .health import record_success
from .http import fetcher_for

LASTUPDATE = "http://data.gdeltproject.org/gdeltv2/lastupdate.txt"
COLUMNS = (
    "GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate",
    "Actor1Code", "Actor1Name", "Actor1CountryCode", "Actor1KnownGroupCode", "Actor1EthnicCode",
    "Actor1Religion1Code", "Actor1Religion2Code", "Actor1Type1Code", "Actor1Type2Code", "Actor1Type3Code",
    "Actor2Code", "Actor2Name", "Actor2CountryCode", "Actor2KnownGroupCode", "Actor2EthnicCode",
    "Actor2Religion1Code", "Actor2Religion2Code", "Actor2Type1Code", "Actor2Type2Code", "Actor2Type3Code",
    "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
    "NumMentions", "NumSources", "NumArticles", "AvgTone",
    "Actor1Geo_Type", "Actor1Geo_FullName", "Actor1Geo_CountryCode", "Actor1Geo_ADM1Code", "Actor1Geo_ADM2Code",
    "Actor1Geo_Lat", "Actor1Geo_Long", "Actor1Geo_FeatureID",
    "Actor2Geo_Type", "Actor2Geo_FullName", "Actor2Geo_CountryCode", "Actor2Geo_ADM1Code", "Actor2Geo_ADM2Code",
    "Actor2Geo_Lat", "Actor2Geo_Long", "Actor2Geo_FeatureID",
    "ActionGeo_Type", "ActionGeo_FullName", "ActionGeo_CountryCode", "ActionGeo_ADM1Code", "ActionGeo_ADM2Code",
    "ActionGeo_Lat", "ActionGeo_Long", "ActionGeo_FeatureID",
    "DATEADDED", "SOURCEURL",
)
assert len(COLUMNS) == 61
#: FIPS 10-4 -> ISO 3166-1 alpha-2 for the region (the five republics, Afghanistan, neighbours).
FIPS_TO_ISO = {"KZ": "KZ", "KG": "KG", "TI": "TJ", "TX": "TM", "UZ": "UZ", "AF": "AF", "CH": "CN",
               "IR": "IR", "PK": "PK", "RS": "RU"}
#: Action locations kept by default: the five republics and Afghanistan (FIPS 10-4).
REGION_FIPS = ("KZ", "KG", "TI", "TX", "UZ", "AF")
#: Actor countries kept by default (CAMEO country codes).
REGION_CAMEO = ("KAZ", "KGZ", "TJK", "TKM", "UZB", "AFG")
CAMEO_TO_ISO = {"KAZ": "KZ", "KGZ": "KG", "TJK": "TJ", "TKM": "TM", "UZB": "UZ", "AFG": "AF", "CHN": "CN",
                "IRN": "IR", "PAK": "PK", "RUS": "RU"}
#: CAMEO root code -> (category, subtype); finer codes override in :data:`CODE_CATEGORY`.
ROOT_CATEGORY = {
    "01": ("other", "not_relevant"), "02": ("other", "not_relevant"), "03": ("diplomacy", "agreement"),
    "04": ("diplomacy", "summit_visit"), "05": ("diplomacy", "agreement"), "06": ("diplomacy", "agreement"),
    "07": ("diplomacy", "agreement"), "08": ("diplomacy", "mediation"), "09": ("other", "not_relevant"),
    "10": ("diplomacy", "diplomatic_row"), "11": ("diplomacy", "diplomatic_row"),
    "12": ("diplomacy", "diplomatic_row"), "13": ("diplomacy", "diplomatic_row"),
    "14": ("unrest", "peaceful_protest"), "15": ("military", "deployment_basing"),
    "16": ("diplomacy", "diplomatic_row"), "17": ("unrest", "crackdown"), "18": ("militancy", "attack"),
    "19": ("militancy", "attack"), "20": ("militancy", "attack"),
}
CODE_CATEGORY = {"145": ("unrest", "violent_protest"), "163": ("diplomacy", "sanctions"),
                 "183": ("militancy", "bombing"), "057": ("diplomacy", "agreement")}
#: ActionGeo_Type -> (UCDP where_prec, ACLED geo_precision): 1 country, 2/5 first-order division,
#: 3/4 city or landmark.
GEO_TYPE = {1: (6, 3), 2: (4, 3), 3: (2, 1), 4: (2, 1), 5: (4, 3)}


def categorise(event_code: str, actor1_country: str, actor2_country: str) -> tuple[str, str]:
    code = event_code.strip()
    if code[:2] == "19" and actor1_country and actor2_country and actor1_country != actor2_country \
            and actor1_country in REGION_CAMEO and actor2_country in REGION_CAMEO:
        return "border", "armed_clash"  # fighting between two republics' forces
    return CODE_CATEGORY.get(code[:3]) or ROOT_CATEGORY.get(code[:2], ("other", "not_relevant"))


def in_region(row: dict[str, str], fips: Iterable[str] = REGION_FIPS, cameo: Iterable[str] = REGION_CAMEO) -> bool:
    return row["ActionGeo_CountryCode"] in set(fips) or bool(
        {row["Actor1CountryCode"], row["Actor2CountryCode"]} & set(cameo))


def row_item(cells: list[str], source: Source, *, key: str, tolerance_hours: float = 36) -> Item:
    """One export row (61 cells) -> an item with its event; a bad row -> an ``_error`` item."""
    if len(cells) != len(COLUMNS):
        return Item(key, source.id, {"_error": f"GDELT row has {len(cells)} columns, expected {len(COLUMNS)}"})
    row = dict(zip(COLUMNS, cells, strict=True))
    try:
        return Item(key, source.id, {"events_given": True, "origin": "gdelt"}, **_records(row, source, tolerance_hours))
    except (ValueError, KeyError, RecordError) as exc:
        return Item(key, source.id, {"_error": f"GDELT event {row.get('GLOBALEVENTID') or '?'}: {exc}"})


def _records(row: dict[str, str], source: Source, tolerance: float) -> dict[str, Any]:
    gid = row["GLOBALEVENTID"].strip()
    if not gid.isdigit():
        raise ValueError(f"GLOBALEVENTID is not a number: {gid!r}")
    day = datetime.strptime(row["SQLDATE"].strip(), "%Y%m%d").date()
    if datetime(day.year, day.month, day.day, tzinfo=UTC) - datetime.now(UTC) > timedelta(hours=tolerance):
        raise ValueError(f"SQLDATE {day} lies in the future")
    category, subtype = categorise(row["EventCode"], row["Actor1CountryCode"], row["Actor2CountryCode"])
    geo_type = int(row["ActionGeo_Type"] or 0)
    where, acled = GEO_TYPE.get(geo_type, (6, 3))
    lat, lon = row["ActionGeo_Lat"], row["ActionGeo_Long"]
    country = FIPS_TO_ISO.get(row["ActionGeo_CountryCode"])
    place = Place(
        name=row["ActionGeo_FullName"] or row["ActionGeo_CountryCode"] or "unknown",
        country=country, lat=float(lat) if lat and lon else None, lon=float(lon) if lat and lon else None,
        precision_ucdp=where if lat and lon else 6, precision_acled=acled, confidence=50,
        reason=None if lat and lon else "GDELT gave no coordinates",
    )
    actors = tuple(
        ActorRef(name=row[f"Actor{n}Name"] or row[f"Actor{n}Code"], role=role,
                 country=CAMEO_TO_ISO.get(row[f"Actor{n}CountryCode"]))
        for n, role in ((1, "initiator"), (2, "target")) if row[f"Actor{n}Name"] or row[f"Actor{n}Code"]
    )
    when = DateRef(raw=row["SQLDATE"], value=day, precision="day", basis="dataset")
    url = row["SOURCEURL"].strip() or None
    names = " / ".join(a.name for a in actors) or "unnamed actors"
    text = f"{names}: CAMEO {row['EventCode']} at {place.name} on {day.isoformat()} (GDELT event {gid})"
    doc = Document(id=stable_id("gdelt", gid), source_id=source.id, text=text, url=url,
                   title=text[:200], language="en",
                   published_at=datetime(day.year, day.month, day.day, tzinfo=UTC), fetched_at=utcnow(),
                   raw=json.dumps(row, ensure_ascii=False), extraction_method="gdelt-export",
                   extraction_version="2.0", marking=source.marking)
    sources = int(row["NumSources"] or 1)
    event = Event(id=stable_id("gdelt-event", gid), category=category, subtype=subtype, date=when, country=country,
                  place=place, actors=actors, source_ids=(source.id,), first_seen=utcnow(), last_seen=utcnow(),
                  confidence=min(70, 20 + 10 * max(1, sources)), marking=source.marking, origin="gdelt",
                  origin_ref=gid, summary=text)
    return {"document": doc, "events": (event,)}


def iter_export(data: bytes, source: Source, *, name: str, max_bytes: int, tolerance_hours: float = 36,
                fips: Iterable[str] = REGION_FIPS, cameo: Iterable[str] = REGION_CAMEO) -> Iterator[Item]:
    """Items for the region's rows of one export file (zip or plain TSV bytes)."""
    text = _unpack(data, name=name, max_bytes=max_bytes)
    fips, cameo = tuple(fips), tuple(cameo)
    for lineno, line in enumerate(io.StringIO(text, newline="\n"), 1):
        line = line.rstrip("\r\n")
        if not line:
            continue
        cells = line.split("\t")
        if len(cells) == len(COLUMNS) and not in_region(dict(zip(COLUMNS, cells, strict=True)), fips, cameo):
            continue
        yield row_item(cells, source, key=f"{name}:{lineno}", tolerance_hours=tolerance_hours)


def _unpack(data: bytes, *, name: str, max_bytes: int) -> str:
    if data[:4] == b"PK\x03\x04":
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as zf:
                members = [i for i in zf.infolist() if not i.is_dir()]
                if not members:
                    raise InputError("zip archive is empty", input=name)
                if members[0].file_size > max_bytes:
                    raise InputError(f"{members[0].filename} unpacks to {members[0].file_size:,} bytes, over "
                                     f"the limit of {max_bytes:,}", input=name)
                data = zf.read(members[0])
        except zipfile.BadZipFile as exc:
            raise InputError(f"not a valid zip archive: {exc}", input=name) from None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(f"export is not UTF-8 (byte {exc.start})", input=name) from None


class GdeltSource:
    """Options: ``path`` (local export files), else ``url`` of a ``lastupdate.txt`` (default the
    GDELT 2.0 one) whose first line names the latest event export; ``fips`` / ``cameo`` to widen
    or narrow the region."""

    def __init__(self, source: Source, ctx: Context, client: Any = None, **options: Any) -> None:
        self.source, self.ctx, self.options = source, ctx, options
        self.client = client
        paths = options.get("path") or []
        self.paths = [Path(p) for p in ([paths] if isinstance(paths, str | Path) else paths)]
        self.url = str(options.get("url") or LASTUPDATE)

    def items(self) -> Iterator[Item]:
        s = self.ctx.settings
        kw = {"tolerance_hours": float(s.future_tolerance_hours),
              "fips": self.options.get("fips", REGION_FIPS), "cameo": self.options.get("cameo", REGION_CAMEO)}
        if self.paths:
            for p in self.paths:
                size = p.stat().st_size
                if size > int(s.max_file_bytes):
                    raise InputError(f"file is {size:,} bytes, over max_file_bytes", input=str(p))
                yield from iter_export(p.read_bytes(), self.source, name=str(p), max_bytes=int(s.max_file_bytes),
                                       **kw)
            return
        fetcher = fetcher_for(self.ctx, self.client)
        listing = fetcher.get(self.url).content.decode("utf-8", "replace")
        export = next((line.split()[-1] for line in listing.splitlines() if line.strip().endswith(".export.CSV.zip")),
                      None)
        if export is None:
            raise InputError("no *.export.CSV.zip listed", input=self.url)
        seen = self.ctx.store.get_state(f"gdelt:last:{self.source.id}")
        if seen == export:
            record_success(self.ctx.store, self.source.id, items=0, not_modified=True)
            return
        n = 0
        for item in iter_export(fetcher.get(export).content, self.source, name=export,
                                max_bytes=int(s.max_download_bytes) * 20, **kw):
            n += 1
            yield item
        self.ctx.store.set_state(f"gdelt:last:{self.source.id}", export)
        record_success(self.ctx.store, self.source.id, items=n)
