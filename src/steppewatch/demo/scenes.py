"""What happens in the synthetic world: one builder per category draws an underlying event.

A :class:`Scene` holds the facts (category, subtype, place, actors, counts, quantities);
the report writer turns one scene into several differently worded reports.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

from . import lexicon as lx
from .places import REGIONS, Region, Town, towns


@dataclass(slots=True)
class Scene:
    category: str
    subtype: str
    country: str
    region: Region
    town: Town
    actors: tuple[str, ...] = ()
    other: str | None = None  # the other country in a cross-border event
    victim: str = "person"
    killed: int = 0
    injured: int = 0
    arrested: int = 0
    qty: tuple[int, str] | None = None  # (kg, drug key)
    facility: tuple[str, str] | None = None  # (English, Russian)
    group: str | None = None  # actor key of an armed group
    extra: dict[str, str] = field(default_factory=dict)


def _town(rng: random.Random, iso: str, top: int = 12) -> Town:
    pool = towns()[iso]
    return pool[min(int(rng.random() ** 2 * min(top, len(pool))), len(pool) - 1)]


def _scene(rng: random.Random, category: str, subtype: str, iso: str, top: int = 12, **kw: object) -> Scene:
    region = REGIONS[iso]
    return Scene(category, subtype, region.country, region, _town(rng, iso, top), **kw)  # type: ignore[arg-type]


_BORDER_PAIRS = (  # (country, other, regions on the first country's side, weight)
    ("KG", "TJ", ("KG-B", "KG-B", "KG-B"), 0.28),
    ("TJ", "KG", ("TJ-SU",), 0.14),
    ("KG", "UZ", ("KG-J", "KG-O"), 0.12),
    ("UZ", "KG", ("UZ-FA", "UZ-AN"), 0.08),
    ("TJ", "AF", ("TJ-GB", "TJ-KT"), 0.2),
    ("TM", "AF", ("TM-M", "TM-L"), 0.1),
    ("KZ", "UZ", ("KZ-61",), 0.08),
)


def border(rng: random.Random, surge: bool = False) -> Scene:
    if surge:
        country, other, regions = "KG", "TJ", ("KG-B",)
        subtype = "armed_clash" if rng.random() < 0.8 else "shooting_incident"
    else:
        country, other, regions, _ = rng.choices(_BORDER_PAIRS, [p[3] for p in _BORDER_PAIRS])[0]
        subtype = rng.choice(("armed_clash", "shooting_incident", "shooting_incident", "detention_of_crossers",
                              "detention_of_crossers", "closure_reopening"))
    s = _scene(rng, "border", subtype, rng.choice(regions), top=40 if surge else 20, other=other, victim="guard")
    s.actors = (lx.BORDER_SERVICE[country], lx.BORDER_SERVICE[other])
    if subtype == "armed_clash":
        s.killed, s.injured = rng.choice((0, 1, 1, 2, 3, 4)), rng.randint(1, 9)
    elif subtype == "shooting_incident":
        s.injured = rng.choice((0, 1, 1, 2))
        s.victim = rng.choice(("guard", "civilian"))
    elif subtype == "detention_of_crossers":
        s.arrested, s.victim = rng.randint(1, 12), "person"
    return s


_WATER = (
    ("KG-B", "TJ", ("the Golovnoy water intake", "головного водозабора")),
    ("KG-B", "TJ", ("the Tortkul reservoir", "Торткульского водохранилища")),
    ("TJ-SU", "KG", ("a shared irrigation canal", "общего оросительного канала")),
    ("UZ-FA", "KG", ("the Big Fergana Canal", "Большого Ферганского канала")),
    ("KZ-61", "UZ", ("the Syr Darya", "Сырдарьи")),
    ("UZ-SU", "AF", ("the Qosh Tepa canal", "канала Кош-Тепа")),
    ("AF-BAL", "UZ", ("the Qosh Tepa canal", "канала Кош-Тепа")),
    ("KG-J", "UZ", ("the Toktogul reservoir", "Токтогульского водохранилища")),
)


def water(rng: random.Random) -> Scene:
    iso, other, facility = rng.choice(_WATER)
    subtype = rng.choice(("allocation_dispute", "allocation_dispute", "infrastructure_incident", "shortage"))
    s = _scene(rng, "water", subtype, iso, other=other, facility=facility, victim="person")
    water_actor = {"UZ": "uz_water", "KG": "kg_water"}.get(s.country, lx.POLICE.get(s.country, "taliban"))
    s.actors = (water_actor,)
    if subtype == "allocation_dispute" and rng.random() < 0.4:
        s.injured = rng.randint(1, 6)
    return s


def narcotics(rng: random.Random) -> Scene:
    iso = rng.choice(("TJ-GB", "TJ-GB", "TJ-KT", "TJ-KT", "TJ-KT", "KG-O", "UZ-SU", "KZ-31", "TM-L"))
    s = _scene(rng, "narcotics", rng.choice(("seizure", "seizure", "seizure", "arrest")), iso, victim="smuggler")
    country = s.country
    options = {"TJ": ("tj_border", "tj_dca", "tj_gknb"), "KG": ("kg_mvd", "kg_gknb"), "UZ": ("uz_border", "uz_mvd"),
               "KZ": ("kz_mvd", "kz_knb"), "TM": ("tm_border",)}[country]
    s.actors = (rng.choice(options),)
    s.other = "AF" if country in ("TJ", "UZ", "TM") else None
    drug = rng.choice(("heroin", "hashish", "hashish", "opium", "methamphetamine", "marijuana"))
    s.qty = (int(rng.choice((2, 5, 10, 20, 50, 100, 300)) * (0.5 + rng.random() * 2)) + 1, drug)
    s.arrested = rng.choice((0, 1, 1, 2, 3, 4))
    if s.other and rng.random() < 0.12:
        s.killed = rng.randint(1, 3)
    return s


def militancy(rng: random.Random) -> Scene:
    if rng.random() < 0.45:
        iso = rng.choice(("AF-KAB", "AF-KAB", "AF-NAN", "AF-BAL", "AF-KDZ", "AF-BDS"))
        subtype = rng.choice(("attack", "bombing", "bombing"))
        s = _scene(rng, "militancy", subtype, iso, group="iskp", victim="person")
        s.actors = ("iskp", "taliban")
        s.killed, s.injured = rng.randint(0, 14), rng.randint(1, 30)
        return s
    iso = rng.choice(("TJ-DU", "TJ-SU", "TJ-KT", "UZ-TK", "UZ-AN", "KZ-75", "KZ-31", "KG-GB", "KG-O"))
    subtype = rng.choice(("counter_terrorism_operation", "arrest", "arrest", "recruitment"))
    group = rng.choice(("iskp", "iskp", "imu", "ansarullah"))
    s = _scene(rng, "militancy", subtype, iso, group=group, victim="suspect")
    s.actors = (lx.SECURITY[s.country], group)
    s.arrested = rng.randint(1, 15)
    if subtype == "counter_terrorism_operation" and rng.random() < 0.5:
        s.killed = rng.randint(1, 4)
    return s


def unrest(rng: random.Random) -> Scene:
    iso, subtype = rng.choice((("KZ-47", "strike"), ("KZ-47", "peaceful_protest"), ("KZ-75", "peaceful_protest"),
                               ("KG-GB", "peaceful_protest"), ("UZ-QR", "violent_protest"),
                               ("TJ-GB", "crackdown"), ("KG-O", "intercommunal_clash")))
    s = _scene(rng, "unrest", subtype, iso, top=4, victim="protester")
    s.actors = (lx.POLICE.get(s.country, lx.SECURITY.get(s.country, "tj_gknb")),)
    s.extra["crowd"] = str(rng.choice((50, 100, 200, 300, 500, 1000)))
    if subtype in ("violent_protest", "crackdown", "intercommunal_clash"):
        s.injured, s.arrested = rng.randint(2, 40), rng.randint(3, 60)
        s.killed = rng.choice((0, 0, 1, 2))
    elif rng.random() < 0.3:
        s.arrested = rng.randint(1, 12)
    return s


def energy(rng: random.Random) -> Scene:
    if rng.random() < 0.5:
        iso = rng.choice(("KG-GB", "KG-C", "KG-O", "UZ-TK", "UZ-TO", "KZ-19", "TJ-DU", "TJ-SU"))
        s = _scene(rng, "energy", "outage", iso, top=5)
        s.actors = (rng.choice(("kg_power", "tj_energy")) if s.country in ("KG", "TJ") else "uztransgaz",)
        s.extra["hours"] = str(rng.choice((3, 4, 6, 8, 12)))
        return s
    iso = rng.choice(("TM-L", "UZ-BU", "KZ-61", "TM-M"))
    s = _scene(rng, "energy", rng.choice(("transit", "supply_dispute", "deal")), iso, top=4)
    s.actors = ({"TM": "turkmengaz", "UZ": "uztransgaz", "KZ": "qazaqgaz"}[s.country], "cnpc")
    s.facility = ("the Central Asia–China gas pipeline", "газопровода Центральная Азия – Китай")
    s.extra["bcm"] = str(rng.choice((5, 10, 15, 25, 30)))
    return s


def military(rng: random.Random) -> Scene:
    kind = rng.random()
    if kind < 0.45:
        iso = rng.choice(("TJ-KT", "TJ-RA", "KG-C", "KZ-19", "KZ-47"))
        s = _scene(rng, "military", "exercise", iso, top=5)
        s.actors = ("csto", lx.DEFENCE[s.country])
        s.extra["troops"] = str(rng.choice((500, 1000, 1500, 2000, 4000)))
    elif kind < 0.75:
        iso = rng.choice(("TJ-DU", "TJ-KT", "KG-C"))
        s = _scene(rng, "military", "deployment_basing", iso, top=3)
        s.actors = ("ru_kant" if s.country == "KG" else "ru_201", lx.DEFENCE[s.country])
        if s.country == "KG":
            s.town = next(t for t in towns()["KG-C"] if t.en == "Kant")
    else:
        iso = rng.choice(("KZ-19", "UZ-TO", "KG-C", "TJ-RA"))
        s = _scene(rng, "military", rng.choice(("accident", "arms_transfer")), iso, top=5, victim="soldier")
        s.actors = (lx.DEFENCE[s.country],)
        if s.subtype == "accident":
            s.killed, s.injured = rng.randint(0, 3), rng.randint(1, 5)
    return s


def environment(rng: random.Random) -> Scene:
    subtype = rng.choice(("earthquake", "flood_mudflow", "flood_mudflow", "aral_sea", "drought"))
    iso = {
        "earthquake": ("TJ-RA", "TJ-GB", "KG-Y", "KG-O", "AF-BDS"),
        "flood_mudflow": ("KG-O", "KG-J", "TJ-GB", "TJ-RA", "KZ-19"),
        "aral_sea": ("UZ-QR", "KZ-43"),
        "drought": ("UZ-QR", "TM-D", "KZ-43", "UZ-SU"),
    }[subtype]
    s = _scene(rng, "environment", subtype, rng.choice(iso), victim="person")
    s.actors = (lx.EMERGENCY.get(s.country, "un"),)
    if subtype == "earthquake":
        s.extra["mag"] = f"{rng.choice((4, 5, 5, 6))}.{rng.randint(0, 9)}"
        s.injured = rng.choice((0, 0, 2, 5, 12))
    elif subtype == "flood_mudflow":
        s.killed, s.injured = rng.choice((0, 0, 1, 2, 3)), rng.randint(0, 6)
        s.extra["houses"] = str(rng.randint(3, 120))
    return s


def information(rng: random.Random) -> Scene:
    iso = rng.choice(("KG-GB", "TJ-DU", "UZ-TK", "KZ-75", "KZ-71", "TM-A"))
    subtype = rng.choice(("journalist_detained", "journalist_detained", "media_blocking", "disinformation"))
    s = _scene(rng, "information", subtype, iso, top=2, victim="person")
    s.actors = ("kg_culture" if subtype == "media_blocking" and s.country == "KG" else lx.SECURITY[s.country],)
    s.arrested = 1 if subtype == "journalist_detained" else 0
    return s


def governance(rng: random.Random) -> Scene:
    subtype = rng.choice(("election", "appointment_dismissal", "appointment_dismissal", "corruption_case"))
    iso = rng.choice(("KG-GB", "KZ-71", "UZ-TK")) if subtype == "election" else rng.choice(
        ("KG-B", "KG-O", "TJ-SU", "UZ-FA", "KZ-47", "KZ-61", "TJ-KT"))
    s = _scene(rng, "governance", subtype, iso, top=1, victim="person")
    s.actors = (lx.CEC.get(s.country, "un"),) if subtype == "election" else (lx.SECURITY.get(s.country, "uz_sgb"),)
    s.extra["turnout"] = str(rng.randint(31, 78))
    s.arrested = rng.randint(1, 5) if subtype == "corruption_case" else 0
    return s


def diplomacy(rng: random.Random) -> Scene:
    iso = rng.choice(("KZ-71", "UZ-TK", "UZ-SA", "KG-GB", "TJ-DU", "TM-A"))
    subtype = rng.choice(("summit_visit", "summit_visit", "agreement", "mediation"))
    s = _scene(rng, "diplomacy", subtype, iso, top=1)
    s.other = rng.choice([c for c in ("KZ", "KG", "TJ", "TM", "UZ") if c != s.country])
    s.actors = (rng.choice(("sco", "csto", "unrcca")),)
    return s


def other(rng: random.Random) -> Scene:
    iso = rng.choice(("KZ-75", "KZ-71", "KG-GB", "UZ-TK", "UZ-SA", "TJ-DU", "KG-Y", "TM-A"))
    s = _scene(rng, "other", "not_relevant", iso, top=2)
    s.extra["topic"] = rng.choice(("football", "festival", "harvest", "tourism", "tech", "weather"))
    return s


BUILDERS = {
    "border": border, "water": water, "narcotics": narcotics, "militancy": militancy, "unrest": unrest,
    "energy": energy, "military": military, "environment": environment, "information": information,
    "governance": governance, "diplomacy": diplomacy, "other": other,
}
#: Share of each category among all underlying events.
WEIGHTS = {
    "border": 0.10, "water": 0.07, "narcotics": 0.10, "militancy": 0.09, "unrest": 0.07, "energy": 0.07,
    "military": 0.07, "environment": 0.07, "information": 0.06, "governance": 0.06, "diplomacy": 0.07,
    "other": 0.17,
}
