"""PLOVER-style JSON lines: one event record per line with PLOVER's standard field names.

Field names follow the PLOVER specification (Open Event Data Alliance, "PLOVER: Event, Actor and
Data Interchange Specification", draft 0.7b1, ``PLOVER_MANUAL.tex`` in openeventdata/PLOVER):
the "PLOVER JSON" table (``id``, ``date``, ``source``, ``recipient``, ``event``, ``event_loc``,
``event_text``, ``quad_code``, ``event_scale``, ``mode``, ``context``, ``cite_info``, ``coder``,
``coded_date``, ``comment``, ``has_event``), the actor information object (``code``, ``sector``,
``actor_text``, ``identifier_id``, ``identifier_text``), the location object (GeoNames field
names) and the ASSAULT supplementary fields / size object (``dead``, ``injured``, ``arrested``).
PLOVER suggests newline-delimited JSON. The spec lets providers add named fields; ours are
``marking``, ``date_precision``, ``precision_ucdp``, ``approximate``, ``steppewatch_category``
and ``steppewatch_subtype``.

The mapping from our taxonomy to PLOVER event, mode and context is our own reading of the
category definitions in the spec. Categories PLOVER treats as context rather than events
(disasters, elections, outages) get ``event: []``, ``has_event: false`` and a context.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from functools import lru_cache
from typing import IO, Any

from ..models import ActorRef, Event

#: Quad categories (spec table "Quad categories in PLOVER").
QUAD = {
    "AGREE": 1, "CONSULT": 1, "SUPPORT": 1, "CONCEDE": 1,
    "COOPERATE": 2, "AID": 2, "RETREAT": 2,
    "DEMAND": 3, "ACCUSE": 3, "REJECT": 3, "SANCTION": 3, "THREATEN": 3,
    "PROTEST": 4, "MOBILIZE": 4, "COERCE": 4, "ASSAULT": 4,
}
#: Conflict-cooperation scores per category (spec table "Numeric conflict--cooperation scores").
SCALE = {
    "ASSAULT": -9.3, "COERCE": -7.2, "PROTEST": -6.6, "MOBILIZE": -5.3, "SANCTION": -5.2, "THREATEN": -5.1,
    "DEMAND": -5.0, "REJECT": -4.2, "ACCUSE": -2.0, "CONSULT": 2.1, "AGREE": 4.2, "SUPPORT": 4.6,
    "CONCEDE": 5.0, "COOPERATE": 6.8, "AID": 7.4, "RETREAT": 7.6,
}

Mapping = tuple[str | None, str | None, str | None]  # PLOVER event, mode, context

#: (category, subtype) -> (event, mode, context); modes and contexts are the spec's names.
SUBTYPES: dict[tuple[str, str], Mapping] = {
    ("border", "armed_clash"): ("ASSAULT", "firearms", "resource"),
    ("border", "shooting_incident"): ("ASSAULT", "firearms", "resource"),
    ("border", "detention_of_crossers"): ("COERCE", "arrest", "migration"),
    ("border", "closure_reopening"): ("COERCE", "restrict", "resource"),
    ("border", "demarcation"): ("AGREE", None, "resource"),
    ("border", "incursion"): ("MOBILIZE", "troops", "resource"),
    ("water", "allocation_dispute"): ("ACCUSE", None, "resource"),
    ("water", "infrastructure_incident"): (None, None, "human_security"),
    ("water", "shortage"): (None, None, "human_security"),
    ("water", "agreement"): ("SUPPORT", None, "resource"),
    ("narcotics", "seizure"): ("COERCE", "confiscate", "crime_drugs"),
    ("narcotics", "arrest"): ("COERCE", "arrest", "crime_drugs"),
    ("narcotics", "route_report"): (None, None, "crime_drugs"),
    ("narcotics", "cooperation"): ("COOPERATE", None, "crime_drugs"),
    ("militancy", "attack"): ("ASSAULT", None, "terrorism"),
    ("militancy", "bombing"): ("ASSAULT", "explosives", "terrorism"),
    ("militancy", "counter_terrorism_operation"): ("ASSAULT", None, "terrorism"),
    ("militancy", "arrest"): ("COERCE", "arrest", "terrorism"),
    ("militancy", "recruitment"): (None, None, "terrorism"),
    ("militancy", "prison_break"): ("ASSAULT", None, "terrorism"),
    ("militancy", "group_activity"): (None, None, "terrorism"),
    ("unrest", "peaceful_protest"): ("PROTEST", "demo", "political"),
    ("unrest", "violent_protest"): ("PROTEST", "riot", "political"),
    ("unrest", "strike"): ("PROTEST", "strike-lim", "economic"),
    ("unrest", "crackdown"): ("COERCE", None, "rights_freedoms"),
    ("unrest", "state_of_emergency"): ("COERCE", "martial-law", "political"),
    ("unrest", "intercommunal_clash"): ("ASSAULT", None, "religion_ethnicity"),
    ("energy", "attack_on_infrastructure"): ("ASSAULT", "destroy", "economic"),
    ("energy", "outage"): (None, None, "human_security"),
    ("energy", "supply_dispute"): ("ACCUSE", None, "economic"),
    ("energy", "deal"): ("SUPPORT", None, "economic"),
    ("energy", "transit"): ("COOPERATE", None, "economic"),
    ("military", "deployment_basing"): ("MOBILIZE", "troops", "military"),
    ("military", "exercise"): ("MOBILIZE", "troops", "military"),  # joint exercises: COOPERATE, below
    ("military", "arms_transfer"): ("AID", "military", "military"),
    ("military", "aid_training"): ("AID", "military", "military"),
    ("military", "security_summit"): ("CONSULT", "multilateral", "military"),
    ("military", "peacekeeping"): ("COOPERATE", None, "peacekeeping"),
    ("military", "accident"): (None, None, "military"),
    ("information", "disinformation"): (None, None, "intelligence"),
    ("information", "media_blocking"): ("COERCE", "censor", "rights_freedoms"),
    ("information", "journalist_detained"): ("COERCE", "arrest", "rights_freedoms"),
    ("information", "foreign_influence"): (None, None, "intelligence"),
    ("information", "cyber_attack"): ("ASSAULT", None, "cyber"),
    ("governance", "election"): (None, None, "election"),
    ("governance", "leadership_change"): (None, None, "government"),
    ("governance", "appointment_dismissal"): (None, None, "government"),
    ("governance", "constitutional_change"): (None, None, "political_institutions"),
    ("governance", "corruption_case"): ("ACCUSE", None, "corruption"),
    ("governance", "political_trial"): ("COERCE", "arrest", "legal"),
    ("governance", "rights_abuse"): ("COERCE", None, "human_rights"),
    ("diplomacy", "summit_visit"): ("CONSULT", "visit", "diplomatic"),
    ("diplomacy", "agreement"): ("SUPPORT", None, "diplomatic"),
    ("diplomacy", "un_activity"): ("CONSULT", "multilateral", "diplomatic"),
    ("diplomacy", "mediation"): ("CONSULT", "third-party", "diplomatic"),
    ("diplomacy", "sanctions"): ("SANCTION", None, "diplomatic"),
    ("diplomacy", "diplomatic_row"): ("ACCUSE", None, "diplomatic"),
}
#: Category defaults when the subtype is unknown.
CATEGORIES: dict[str, Mapping] = {
    "border": (None, None, "resource"),
    "water": (None, None, "resource"),
    "narcotics": (None, None, "crime_drugs"),
    "militancy": (None, None, "terrorism"),
    "unrest": ("PROTEST", None, "political"),
    "energy": (None, None, "economic"),
    "military": (None, None, "military"),
    "environment": (None, None, "enviro_disaster"),
    "information": (None, None, "intelligence"),
    "governance": (None, None, "government"),
    "diplomacy": ("CONSULT", None, "diplomatic"),
    "other": (None, None, None),
}


@lru_cache(maxsize=256)
def alpha3(country: str | None) -> str | None:
    """ISO 3166-1 alpha-3 for an alpha-2 code (PLOVER actor codes use alpha-3)."""
    if not country:
        return None
    import pycountry

    found = pycountry.countries.get(alpha_2=country.upper())
    return found.alpha_3 if found else None


def plover_mapping(e: Event) -> Mapping:
    event, mode, context = SUBTYPES.get((e.category, e.subtype or ""), CATEGORIES.get(e.category, (None,) * 3))
    if (e.category, e.subtype) == ("military", "exercise") and len({a.country for a in e.actors if a.country}) > 1:
        event, mode = "COOPERATE", None  # the spec codes joint exercises as COOPERATE
    return event, mode, context


def _actor(a: ActorRef) -> dict[str, Any]:
    return {k: v for k, v in {
        "code": alpha3(a.country), "sector": a.sector, "actor_text": a.text or a.name,
        "identifier_id": a.actor_id, "identifier_text": a.name,
    }.items() if v is not None}


def to_plover(e: Event) -> dict[str, Any]:
    event, mode, context = plover_mapping(e)
    sources = [a for a in e.actors if a.role != "target"]
    targets = [a for a in e.actors if a.role == "target"]
    p = e.place
    loc = None
    if p is not None:
        loc = {k: v for k, v in {
            "geonameid": p.geonameid, "name": p.name, "latitude": p.lat, "longitude": p.lon,
            "feature code": p.feature_code, "country code": p.country or e.country,
            "cc3": alpha3(p.country or e.country), "admin1 code": p.admin1_iso,
            "precision_ucdp": p.precision_ucdp, "approximate": not p.is_exact,
        }.items() if v is not None}
    record: dict[str, Any] = {
        "id": e.id,
        "has_event": event is not None,
        "date": e.date.value.isoformat() if e.date.value else None,
        "date_precision": e.date.precision,
        "source": [_actor(a) for a in sources],
        "recipient": [_actor(a) for a in targets],
        "event": [event] if event else [],
        "mode": [mode] if mode else [],
        "context": [context] if context else [],
        "quad_code": QUAD.get(event) if event else None,
        "event_scale": SCALE.get(event) if event else None,
        "event_loc": loc,
        "event_text": [e.summary] if e.summary else [],
        "dead": e.fatalities.best,
        "injured": e.injured.best,
        "arrested": e.arrested.best,
        "coder": "steppewatch" if e.origin == "coded" else e.origin,
        "coded_date": e.last_seen.date().isoformat() if e.last_seen else None,
        "cite_info": {"corpus": "steppewatch", "citation": e.origin_ref or ", ".join(dict.fromkeys(e.source_ids)),
                      "codebook": "steppewatch-taxonomy-v1"},
        "marking": e.marking.label,
        "steppewatch_category": e.category,
        "steppewatch_subtype": e.subtype,
    }
    return record


def write_plover(events: Iterable[Event], fh: IO[str]) -> int:
    n = 0
    for e in events:
        fh.write(json.dumps(to_plover(e), ensure_ascii=False, separators=(",", ":")) + "\n")
        n += 1
    return n
