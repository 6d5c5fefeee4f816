"""UCDP Georeferenced Event Dataset (GED): full-schema CSV files and the UCDP API.

Each GED row becomes an :class:`Event` directly (``origin="ucdp"``, ``origin_ref`` = GED id),
with a :class:`Document` holding its source headlines and a :class:`Mention` linking the two,
so every event keeps its provenance. Field names and codes follow the UCDP GED Codebook
version 19.1 (Högbladh 2019): ``where_prec`` 1-7, ``date_prec`` 1-5, ``event_clarity`` 1-2,
``low``/``best``/``high`` fatality estimates, ``type_of_violence`` 1-3.

``type_of_violence`` -> our categories (a documented judgement, not a UCDP rule):

======  =========================================  ==========================================
code    UCDP meaning                               steppewatch category / subtype
======  =========================================  ==========================================
1       state-based: both sides governments        border / armed_clash (interstate fighting in
                                                   the region has been border fighting)
1       state-based: government vs. rebel group    militancy / attack
2       non-state: "Supporters of ..." sides       unrest / violent_protest
2       non-state: organised armed groups          militancy / group_activity
3       one-sided, by a government                 unrest / crackdown
3       one-sided, by a non-state group            militancy / attack
======  =========================================  ==========================================
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Mapping
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from ..errors import FetchError, InputError, NotConfigured, RecordError
from ..models import ActorRef, DateRef, Document, Event, Mention, Place, Range, Source, stable_id, utcnow
from ..pipeline import Context, Item
from .csvrows import dataset_rows
from .health import record_failure, record_success
from .http import fetcher_for

API = "https://ucdpapi.pcr.uu.se/api/gedevents/{version}"
DEFAULT_VERSION = "24.1"
#: Gleditsch-Ward country codes of the region (UCDP ``country_id`` / API ``Country``).
GW_REGION = {700: "AF", 701: "TM", 702: "TJ", 703: "KG", 704: "UZ", 705: "KZ", 365: "RU", 710: "CN",
             630: "IR", 770: "PK"}
_GW_OTHER = {771: "BD", 775: "MM", 750: "IN", 640: "TR", 645: "IQ", 652: "SY"}
REQUIRED = ("id", "year", "type_of_violence", "side_a", "side_b", "where_prec", "latitude", "longitude",
            "country", "date_prec", "date_start", "date_end", "low", "best", "high")
#: date_prec -> our date precision (Codebook 19.1: 1 day, 2 2-6 days, 3 week, 4 month, 5 longer)
DATE_PREC = {1: "day", 2: "week", 3: "week", 4: "month", 5: "year"}
#: where_prec -> ACLED geo_precision (1 town, 2 near town/district, 3 region or larger)
WHERE_TO_ACLED = {1: 1, 2: 2, 3: 2, 4: 3, 5: 3, 6: 3, 7: 3}


def categorise(row: Mapping[str, Any]) -> tuple[str, str]:
    """(category, subtype) for a GED row; see the module docstring."""
    kind = _int(row.get("type_of_violence"), "type_of_violence")
    a, b = str(row.get("side_a", "")), str(row.get("side_b", ""))
    gov_a, gov_b = a.startswith("Government of"), b.startswith("Government of")
    if kind == 1:
        return ("border", "armed_clash") if gov_a and gov_b else ("militancy", "attack")
    if kind == 2:
        if a.startswith("Supporters of") or b.startswith("Supporters of"):
            return "unrest", "violent_protest"
        return "militancy", "group_activity"
    if kind == 3:
        return ("unrest", "crackdown") if gov_a else ("militancy", "attack")
    raise ValueError(f"type_of_violence must be 1, 2 or 3, got {kind}")


def row_item(row: Mapping[str, Any], source: Source, *, key: str, version: str,
             tolerance_hours: float = 36) -> Item:
    """One GED row -> an item carrying its document, mention and event (``events_given``)."""
    try:
        return Item(key=key, source_id=source.id, payload={"events_given": True, "origin": "ucdp"},
                    **_records(row, source, version, tolerance_hours))
    except (ValueError, TypeError, KeyError, RecordError) as exc:
        return Item(key=key, source_id=source.id, payload={"_error": f"GED row {row.get('id', '?')}: {exc}"})


def _records(row: Mapping[str, Any], source: Source, version: str, tolerance: float) -> dict[str, Any]:
    ged_id = str(row["id"]).strip()
    if not ged_id:
        raise ValueError("id is empty")
    category, subtype = categorise(row)
    start = date.fromisoformat(str(row["date_start"])[:10])
    end = date.fromisoformat(str(row["date_end"])[:10]) if row.get("date_end") else start
    if datetime(start.year, start.month, start.day, tzinfo=UTC) - datetime.now(UTC) > timedelta(hours=tolerance):
        raise ValueError(f"date_start {start} lies in the future")
    precision = DATE_PREC.get(_int(row["date_prec"], "date_prec"), "unknown")
    when = DateRef(raw=f"{start}/{end}" if end != start else str(start), value=start, precision=precision,
                   basis="dataset")
    where = _int(row["where_prec"], "where_prec")
    country = country_code(row)
    place = Place(
        name=str(row.get("where_coordinates") or row.get("adm_2") or row.get("adm_1") or row["country"]).strip(),
        country=country, admin1_name=(row.get("adm_1") or None), admin2=(row.get("adm_2") or None),
        lat=float(row["latitude"]), lon=float(row["longitude"]), precision_ucdp=where,
        precision_acled=WHERE_TO_ACLED.get(where, 3), confidence=100 if where <= 2 else 70,
    )
    low, best, high = (_int(row[k], k) for k in ("low", "best", "high"))
    deaths = Range(min(low, best), best, max(high, best), raw=f"{low}/{best}/{high}")
    actors = (ActorRef(name=str(row["side_a"]), role="initiator"), ActorRef(name=str(row["side_b"]), role="target"))
    headlines = [h.strip() for h in str(row.get("source_headline") or "").split(";") if h.strip()]
    text = "\n".join(headlines) or str(row.get("dyad_name") or row.get("conflict_name") or f"GED event {ged_id}")
    dates = [d.strip() for d in str(row.get("source_date") or "").split(";") if d.strip()]
    published = _first_date(dates)
    doc = Document(
        id=stable_id("ucdp-ged", ged_id), source_id=source.id, text=text, title=headlines[0] if headlines else None,
        language="en", published_at=published, published_precision="day" if published else "unknown",
        fetched_at=utcnow(), raw=json.dumps(dict(row), ensure_ascii=False, default=str),
        extraction_method="ucdp-ged", extraction_version=version, marking=source.marking,
    )
    clarity = _int(row.get("event_clarity") or 1, "event_clarity")
    event_id = stable_id("ucdp", ged_id)
    mention = Mention(
        id=stable_id("ucdp-mention", ged_id), document_id=doc.id, category=category, subtype=subtype,
        coder="ucdp-ged", coder_version=version, actors=actors, place=place, date=when, fatalities=deaths,
        confidence=90 if clarity == 1 else 60, event_id=event_id,
    )
    event = Event(
        id=event_id, category=category, subtype=subtype, date=when, country=country, place=place, actors=actors,
        fatalities=deaths, mention_ids=(mention.id,), source_ids=(source.id,), first_seen=utcnow(),
        last_seen=utcnow(), confidence=mention.confidence, marking=source.marking, origin="ucdp",
        origin_ref=ged_id, summary=str(row.get("dyad_name") or "") or None,
    )
    return {"document": doc, "mentions": (mention,), "events": (event,)}


def country_code(row: Mapping[str, Any]) -> str | None:
    gw = row.get("country_id")
    if gw not in (None, ""):
        code = GW_REGION.get(int(gw)) or _GW_OTHER.get(int(gw))
        if code:
            return code
    name = re.sub(r"\s*\(.*?\)", "", str(row.get("country") or "")).strip()
    if not name:
        return None
    try:
        import pycountry

        return pycountry.countries.lookup(name).alpha_2
    except LookupError:
        return None


def _int(value: Any, name: str) -> int:
    try:
        return int(float(str(value).strip()))
    except (ValueError, OverflowError):
        raise ValueError(f"{name} is not a number: {value!r}") from None


def _first_date(values: list[str]) -> datetime | None:
    for v in values:
        try:
            d = date.fromisoformat(v[:10])
        except ValueError:
            continue
        return datetime(d.year, d.month, d.day, tzinfo=UTC)
    return None


def iter_ged_csv(path: Path, source: Source, *, version: str, max_bytes: int, tolerance_hours: float = 36
                 ) -> Iterator[Item]:
    """Items from a GED CSV; missing columns raise :class:`InputError` naming them."""
    for got in dataset_rows(path, source_id=source.id, max_bytes=max_bytes, required=REQUIRED,
                            what="a UCDP GED file"):
        if isinstance(got, Item):
            yield got
        else:
            yield row_item(got[1], source, key=got[0], version=version, tolerance_hours=tolerance_hours)


class UcdpCsvSource:
    """A downloaded GED CSV (``path`` option, else the source's ``feeds``)."""

    def __init__(self, source: Source, ctx: Context, client: Any = None, **options: Any) -> None:
        self.source, self.ctx = source, ctx
        paths = options.get("path") or list(source.feeds)
        self.paths = [Path(p) for p in ([paths] if isinstance(paths, str | Path) else paths)]
        self.version = str(options.get("version") or _version_from(self.paths) or DEFAULT_VERSION)

    def items(self) -> Iterator[Item]:
        s = self.ctx.settings
        for p in self.paths:
            yield from iter_ged_csv(p, self.source, version=self.version, max_bytes=int(s.max_file_bytes),
                                    tolerance_hours=float(s.future_tolerance_hours))


class UcdpApiSource:
    """The UCDP API, paginated, for the region's countries (options ``version``, ``countries``
    (Gleditsch-Ward codes), ``start_date``, ``pagesize``, ``url``). Needs setting ``ucdp_token``."""

    def __init__(self, source: Source, ctx: Context, client: Any = None, **options: Any) -> None:
        self.source, self.ctx = source, ctx
        self.token = str(ctx.settings.ucdp_token or "")
        if not self.token:
            raise NotConfigured(f"source {source.id}: the UCDP API needs an access token; set STEPPEWATCH_UCDP_TOKEN")
        self.version = str(options.get("version") or DEFAULT_VERSION)
        self.base = str(options.get("url") or API.format(version=self.version))
        self.params: dict[str, Any] = {"pagesize": int(options.get("pagesize", 1000)),
                                       "Country": ",".join(str(c) for c in options.get("countries", GW_REGION))}
        if options.get("start_date"):
            self.params["StartDate"] = str(options["start_date"])
        self.fetcher = fetcher_for(ctx, client)

    def items(self) -> Iterator[Item]:
        url: str | None = f"{self.base}?{urlencode({**self.params, 'page': 0})}"
        n = pages = 0
        tolerance = float(self.ctx.settings.future_tolerance_hours)
        while url:
            try:
                response = self.fetcher.get(url, headers={"x-ucdp-access-token": self.token})
                data = json.loads(response.content)
            except FetchError as exc:
                record_failure(self.ctx.store, self.source.id, str(exc))
                raise
            except ValueError as exc:
                record_failure(self.ctx.store, self.source.id, f"{url}: not JSON: {exc}")
                raise InputError(f"UCDP API answered with something that is not JSON: {exc}", input=url) from None
            rows = data.get("Result") if isinstance(data, dict) else None
            if not isinstance(rows, list):
                raise InputError("UCDP API answer has no Result list", input=url)
            for row in rows:
                n += 1
                yield row_item({k: ("" if v is None else v) for k, v in row.items()}, self.source,
                               key=f"ucdp-ged:{row.get('id', '?')}", version=self.version, tolerance_hours=tolerance)
            pages += 1
            url = data.get("NextPageUrl") or None
        record_success(self.ctx.store, self.source.id, items=n)


def _version_from(paths: list[Path]) -> str | None:
    """``ged191.csv`` -> ``19.1``, ``ged241_...`` -> ``24.1`` (UCDP's file naming)."""
    for p in paths:
        m = re.search(r"ged(\d\d)(\d)", p.name)
        if m:
            return f"{m[1]}.{m[2]}"
    return None

