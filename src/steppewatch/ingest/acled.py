"""ACLED CSV exports that a user downloaded with their own ACLED account.

The file is read locally and never redistributed: documents and events from it are marked at
least TLP:AMBER (option ``marking`` may raise it), so exports and the public dashboard, which
stop at TLP:GREEN by default, leave them out. Column names, event types, ``geo_precision`` and
``time_precision`` follow the *ACLED Codebook* (2023). :data:`SUB_EVENT_CATEGORY` maps ACLED
sub-event types to our categories.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from ..errors import InputError, RecordError
from ..models import ActorRef, DateRef, Document, Event, Mention, Place, Range, Source, stable_id, utcnow
from ..pipeline import Context, Item
from ..vocab import Tlp, most_restrictive
from .csvrows import dataset_rows

REQUIRED = ("event_id_cnty", "event_date", "event_type", "sub_event_type", "actor1", "country",
            "latitude", "longitude", "geo_precision", "time_precision", "fatalities")
#: ACLED sub_event_type -> (category, subtype).
SUB_EVENT_CATEGORY = {
    "Armed clash": ("militancy", "attack"),
    "Government regains territory": ("militancy", "attack"),
    "Non-state actor overtakes territory": ("militancy", "attack"),
    "Chemical weapon": ("militancy", "attack"),
    "Air/drone strike": ("militancy", "bombing"),
    "Suicide bomb": ("militancy", "bombing"),
    "Shelling/artillery/missile attack": ("militancy", "bombing"),
    "Remote explosive/landmine/IED": ("militancy", "bombing"),
    "Grenade": ("militancy", "bombing"),
    "Sexual violence": ("militancy", "attack"),
    "Attack": ("militancy", "attack"),
    "Abduction/forced disappearance": ("militancy", "attack"),
    "Peaceful protest": ("unrest", "peaceful_protest"),
    "Protest with intervention": ("unrest", "crackdown"),
    "Excessive force against protesters": ("unrest", "crackdown"),
    "Violent demonstration": ("unrest", "violent_protest"),
    "Mob violence": ("unrest", "intercommunal_clash"),
    "Agreement": ("diplomacy", "agreement"),
    "Arrests": ("governance", "political_trial"),
    "Change to group/activity": ("militancy", "group_activity"),
    "Disrupted weapons use": ("militancy", "counter_terrorism_operation"),
    "Headquarters or base established": ("military", "deployment_basing"),
    "Looting/property destruction": ("unrest", "violent_protest"),
    "Non-violent transfer of territory": ("border", "demarcation"),
    "Other": ("other", "not_relevant"),
}
#: ACLED time_precision 1 day, 2 week, 3 month (Codebook, "Time precision").
TIME_PRECISION = {1: "day", 2: "week", 3: "month"}
#: ACLED geo_precision -> UCDP where_prec (1 town -> within 25 km, 2 near town -> admin-2,
#: 3 region -> admin-1).
GEO_TO_UCDP = {1: 2, 2: 3, 3: 4}
_STATE_FORCES = ("Military Forces of", "Police Forces of")


def categorise(row: Mapping[str, str]) -> tuple[str, str]:
    sub = (row.get("sub_event_type") or "").strip()
    a1, a2 = row.get("actor1", ""), row.get("actor2", "")
    if row.get("event_type") in ("Battles", "Explosions/Remote violence") and a1.startswith(_STATE_FORCES) \
            and a2.startswith(_STATE_FORCES) and _state(a1) != _state(a2):
        return "border", "armed_clash"  # two states' forces: in the region, border fighting
    if row.get("event_type") == "Violence against civilians" and a1.startswith(_STATE_FORCES):
        return "governance", "rights_abuse"
    if sub not in SUB_EVENT_CATEGORY:
        raise ValueError(f"unknown sub_event_type {sub!r}")
    return SUB_EVENT_CATEGORY[sub]


def _state(actor: str) -> str:
    return actor.split(" of ", 1)[-1].split("(")[0].strip()


def row_item(row: Mapping[str, str], source: Source, *, key: str, marking: Tlp,
             tolerance_hours: float = 36) -> Item:
    try:
        return Item(key, source.id, {"events_given": True, "origin": "acled"},
                    **_records(row, source, marking, tolerance_hours))
    except (ValueError, KeyError, TypeError, RecordError) as exc:
        return Item(key, source.id, {"_error": f"ACLED event {row.get('event_id_cnty') or '?'}: {exc}"})


def _records(row: Mapping[str, str], source: Source, marking: Tlp, tolerance: float) -> dict[str, Any]:
    eid = row["event_id_cnty"].strip()
    if not eid:
        raise ValueError("event_id_cnty is empty")
    category, subtype = categorise(row)
    day = _date(row["event_date"])
    if datetime(day.year, day.month, day.day, tzinfo=UTC) - datetime.now(UTC) > timedelta(hours=tolerance):
        raise ValueError(f"event_date {day} lies in the future")
    precision = TIME_PRECISION.get(int(row["time_precision"]), "unknown")
    when = DateRef(raw=row["event_date"], value=day, precision=precision, basis="dataset")
    geo = int(row["geo_precision"])
    if geo not in GEO_TO_UCDP:
        raise ValueError(f"geo_precision must be 1, 2 or 3, got {geo}")
    country = _iso2(row)
    place = Place(name=row.get("location") or row.get("admin1") or row["country"], country=country,
                  admin1_name=row.get("admin1") or None, admin2=row.get("admin2") or None,
                  lat=float(row["latitude"]), lon=float(row["longitude"]), precision_acled=geo,
                  precision_ucdp=GEO_TO_UCDP[geo], confidence=90 if geo == 1 else 70)
    deaths = int(row["fatalities"] or 0)
    if deaths < 0:
        raise ValueError(f"fatalities cannot be negative: {deaths}")
    actors = tuple(ActorRef(name=row[k], role=role) for k, role in (("actor1", "initiator"), ("actor2", "target"))
                   if row.get(k))
    text = (row.get("notes") or "").strip() or f"{row['event_type']}: {row['sub_event_type']} ({eid})"
    doc = Document(id=stable_id("acled", eid), source_id=source.id, text=text, language="en",
                   title=f"{row['sub_event_type']} in {place.name}", fetched_at=utcnow(),
                   published_at=datetime(day.year, day.month, day.day, tzinfo=UTC),
                   raw=json.dumps(dict(row), ensure_ascii=False), extraction_method="acled-csv",
                   extraction_version="2023", marking=marking)
    event_id = stable_id("acled-event", eid)
    mention = Mention(id=stable_id("acled-mention", eid), document_id=doc.id, category=category, subtype=subtype,
                      coder="acled", coder_version="2023", actors=actors, place=place, date=when,
                      fatalities=Range.exact(deaths), confidence=80, event_id=event_id)
    event = Event(id=event_id, category=category, subtype=subtype, date=when, country=country, place=place,
                  actors=actors, fatalities=Range.exact(deaths), mention_ids=(mention.id,), source_ids=(source.id,),
                  first_seen=utcnow(), last_seen=utcnow(), confidence=80, marking=marking, origin="acled",
                  origin_ref=eid, summary=text[:300])
    return {"document": doc, "mentions": (mention,), "events": (event,)}


def _date(value: str) -> Any:
    value = value.strip()
    for fmt in ("%Y-%m-%d", "%d %B %Y", "%d-%B-%Y", "%d/%m/%Y"):
        try:
            return datetime.strptime(value, fmt).date()
        except ValueError:
            continue
    raise ValueError(f"event_date {value!r} is not YYYY-MM-DD or '12 May 2023'")


def _iso2(row: Mapping[str, str]) -> str | None:
    import pycountry

    iso = (row.get("iso") or "").strip()
    try:
        if iso.isdigit():
            return pycountry.countries.get(numeric=iso.zfill(3)).alpha_2  # type: ignore[union-attr]
        return pycountry.countries.lookup(row["country"]).alpha_2
    except (LookupError, AttributeError):
        return None


class AcledCsvSource:
    """Options: ``path`` (the downloaded export; else the source's ``feeds``), ``marking``."""

    def __init__(self, source: Source, ctx: Context, client: Any = None, **options: Any) -> None:
        self.source, self.ctx = source, ctx
        paths = options.get("path") or list(source.feeds)
        self.paths = [Path(p) for p in ([paths] if isinstance(paths, str | Path) else paths)]
        if not self.paths:
            raise InputError("an ACLED source needs the path of a downloaded export", input=source.id)
        self.marking = most_restrictive(source.marking, Tlp.AMBER, options.get("marking", Tlp.AMBER))

    def items(self) -> Iterator[Item]:
        s = self.ctx.settings
        for path in self.paths:
            for got in dataset_rows(path, source_id=self.source.id, max_bytes=int(s.max_file_bytes),
                                    required=REQUIRED, what="an ACLED export"):
                if isinstance(got, Item):
                    yield got
                else:
                    yield row_item(got[1], self.source, key=got[0], marking=self.marking,
                                   tolerance_hours=float(s.future_tolerance_hours))
