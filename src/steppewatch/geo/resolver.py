"""Rank a toponym's candidate places and pick one, or say why not.

Evidence, in the order it usually decides:

1. What the place is: countries and named admin units outrank towns, capitals and admin
   centres outrank villages, population breaks the rest (log scale).
2. Where the document is: countries named in it, the caller's ``country_hint`` (e.g. the
   source's country), admin units named in it ("Batken region"), and distance to places
   already resolved without doubt (co-mentions cluster).
3. The project's region: places in the five republics and Afghanistan get a prior.
4. A town far from the region (outside the five republics and their neighbours) needs
   support: a capital, a city of at least ``FAR_MIN_POPULATION``, a name of several words
   (its own name, not a GeoNames alternate),
   its country named in the document (or holding another place the text names without
   doubt) or given as the hint, a place resolved without doubt within 300 km, or, for a
   town of at least ``FAR_PUT_IN_POPULATION`` named by one word, "in"/"near"/"в"/"под" right
   before its name ("met in Geneva", "в Женеве", "в провинции Идлиб", "an airstrike near
   Idlib"; not "в Советском районе", a Ukrainian district's alternate name), or its police
   or prosecutors acting ("Прокуратура Женевы", "Geneva prosecutors").
   Otherwise the reading is dropped ("Mobile internet", "One protester": small GeoNames
   towns in Alabama and Switzerland), and a toponym left with no reading
   comes back unresolved with reason ``outside the region, no support in the text``.

A toponym whose two best readings lie in different countries with scores too close to call
comes back unresolved with reason ``ambiguous: …``, never as a confident guess. When the two
lie in one country but far apart (two towns called Vahdat in Tajikistan), it comes back with
the country (and the province, when they share one) and no point.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from ..models import Place
from ..vocab import CORE, NEIGHBOURS, REGION
from .build import in_region_box
from .context import LOCATIVE_BEFORE, strong_reading
from .event import LOCAL_FORCE_AFTER, LOCAL_FORCE_BEFORE
from .gazetteer import Entry, Gazetteer
from .inflect import RU_RULES, lemmas
from .matcher import RAYON_AFTER, RAYON_COUNTRIES, Span
from .names import has_cyrillic
from .regions import ADJECTIVES, RegionPoints, direction
from .within import containing_units

NEAR_REGION = set(REGION)
#: Towns outside the region at least this large resolve without support from the text.
FAR_MIN_POPULATION = 250_000
#: Towns outside the region at least this large resolve when the text puts something in them.
FAR_PUT_IN_POPULATION = 50_000
#: "in", "near", "в" or "под" right before a name: the text puts something in or by the place.
_PUT_IN = re.compile(r"(?:\b(?:in|at|near|outside)(?:\s+the\s+(?:city|town|province)\s+of)?"
                     r"(?:\s+(?:northern|southern|eastern|western|north-western|north-eastern|south-western|"
                     r"south-eastern|central))?|"
                     r"(?:^|\s)(?:в|во|под|близ|около|вблизи)(?:\s+(?:городе|провинции|штате|земле))?)\s+$",
                     re.I)
#: "district" right after a name: a district, as the region's news name its units.
_DISTRICT_AFTER = re.compile(r"(?i)\s+district\b")
FAR_REASON = "outside the region, no support in the text"
WEAK_REASON = "ordinary word or short name, no support in the text"
AMBIGUITY_MARGIN = 0.6
#: Confidence of a place known only by the country or province the text puts it in.
CONTAINED_CONFIDENCE = 40
_ADMIN_WORD = re.compile(r"(?i)\b(region|province|oblast|oblysy|viloyati|velayat|област|вилоят|велаят|"
                         r"провинци|облыс|автономн|район)")
_NEAR = re.compile(r"(?i)(\bnear|\boutside|\bclose to|\boutskirts of|\bvicinity of|\bпод|\bблиз|\bоколо|"
                   r"\bвблизи|\bнедалеко от|\bпригород[еау]?|\bокрестност[яиь]\w*|\bв районе)\s*$")
_DIRECTION = re.compile(r"(?i)(\b(?:southern|northern|eastern|western|central|south[- ]?eastern|"
                        r"south[- ]?western|north[- ]?eastern|north[- ]?western|north|south|east|west)|"
                        r"(?<![\w.])[NSEW]\.|"
                        r"\b(?:юг[еау]?|север[еау]?|восток[еау]?|запад[еау]?|центр[еау]?|"
                        r"юго-восток[еау]?|юго-запад[еау]?|северо-восток[еау]?|северо-запад[еау]?))\s+$")
#: A direction after a country's adjective: "in Afghan north", "Afghan south attack".
_DIRECTION_AFTER = re.compile(r"(?i)\s+((?:north|south)[- ]?(?:east|west)|north|south|east|west)(?![\w-])")
#: (a district of the seeds, "ADM2", stands at its centre's or its province's point: a town of its
#: name wins a tie)
_BASE = {"PCLI": 4.0, "ADM1": 1.0, "PPLC": 2.5, "PPLA": 1.6, "PPL": 0.5, "ADM2": -0.2}
_NAME_BONUS = {"primary": 0.6, "official": 0.6, "historical": 0.4, "alternate": 0.0,
               "demonym": 0.0, "abbrev": -0.3}


#: A city this large that also leads the ranking is not made doubtful by a hamlet of its name
#: in another country ("Afghan workers strike in Mashhad": not the village Mashhad in Badakhshan).
DWARF_MIN_POPULATION = 1_000_000


def _dwarfs(top: Entry, rival: Entry) -> bool:
    return top.kind == "city" and top.population >= DWARF_MIN_POPULATION and rival.kind == "city" \
        and rival.population * 1000 < top.population


def _in_box(entry: Entry) -> bool:
    return entry.lat is None or entry.lon is None or in_region_box(entry.lat, entry.lon)


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(a)))


@dataclass
class _Context:
    countries: Counter[str]
    admin1: set[str]
    anchors: list[Entry]
    hint: str | None


class Resolver:
    def __init__(self, gaz: Gazetteer) -> None:
        self.gaz = gaz
        self._admin_cache: dict[int, tuple[str | None, str | None]] = {}
        self.regions = RegionPoints(gaz)

    # --- public ------------------------------------------------------------------------
    def resolve(self, spans: Sequence[Span], text: str, country_hint: str | None = None) -> list[Place]:
        ctx = _Context(Counter(), set(), [], country_hint.upper() if country_hint else None)
        within = containing_units(self.gaz, spans, text)
        first: dict[int, tuple[Entry, str, float, float] | None] = {}
        for i, span in enumerate(spans):
            pick = self._rank(span, text, ctx, within=within.get(i))
            first[i] = pick
            if pick is None:
                continue
            entry, kind, score, margin = pick
            if entry.kind == "country":
                ctx.countries[entry.country or ""] += 1 if kind != "demonym" else 0.5  # type: ignore[assignment]
            elif margin >= 1.5 or len(span.candidates) == 1:
                if entry.kind == "admin1" and entry.admin1_iso:
                    ctx.admin1.add(entry.admin1_iso)
                if entry.lat is not None and entry.kind != "border":
                    ctx.anchors.append(entry)
                if entry.country:
                    ctx.countries[entry.country] += 0.5  # type: ignore[assignment]
        places = []
        for i, span in enumerate(spans):
            unit = within.get(i)
            pick = self._rank(span, text, ctx, exclude_self=first[i], within=unit) if span.known else None
            if pick is None and unit is not None:
                places.append(self._contained(span, unit))
                continue
            if not span.known:
                places.append(_unknown(span))
                continue
            if pick is None:
                far = all(self.gaz.places[p].country not in NEAR_REGION for p, _ in span.candidates)
                places.append(_unknown(span, FAR_REASON if far or not span.weak else WEAK_REASON))
                continue
            places.append(self._place(span, text, pick, ctx))
        return places

    # --- ranking -----------------------------------------------------------------------
    def _score(self, entry: Entry, kind: str, span: Span, text: str, ctx: _Context,
               admin_word: bool) -> float:
        base = _BASE.get(entry.code, 2.0 if entry.kind in ("feature", "enclave", "border") else 0.5)
        if entry.code == "PPLC" and kind == "alternate" and not has_cyrillic(span.text):
            base = _BASE["PPL"]  # "Philadelphia" (an old name of Amman) is the American city
        if entry.kind == "admin1" and (admin_word or kind in ("official", "historical")
                                       and " " in span.text.strip()):
            base = 4.0
        s = base + 0.35 * math.log10(entry.population + 10) + _NAME_BONUS.get(kind, 0.0)
        if entry.population >= 1_000_000:
            s += 1.5
            if entry.code == "PPLC" and (kind != "alternate" or has_cyrillic(span.text)):
                s += 2.0  # "в Москве": the capital, not kishlak Moskva (not Amman's "Philadelphia")
        elif entry.population >= 100_000:
            s += 0.7
        if entry.kind == "admin1" and base < 4.0:  # a bare name is its town, not its region
            s -= 1.0
        if any(self.gaz.spelled(entry.id, form) for form in _forms(span.text)):
            s += 1.5
        if entry.country in CORE:
            s += 1.5
        elif entry.country in NEIGHBOURS and _in_box(entry):
            s += 0.5  # not "Gelan" in Chongqing: a neighbour's place far from the region
        if entry.country in RAYON_COUNTRIES and RAYON_AFTER.match(text, span.end):
            s += 1.0  # "в Раштском районе": a rayon, the unit of the former Soviet republics
        if entry.country in CORE and _DISTRICT_AFTER.match(text, span.end):
            s += 1.5  # "in Gelan district": a district of the region, not a town abroad named like it
        if entry.country and ctx.countries.get(entry.country):
            s += 3.0 if ctx.countries[entry.country] >= 1 else 2.0
        if entry.country and entry.country == ctx.hint:
            s += 2.0
        if entry.admin1_iso and entry.admin1_iso in ctx.admin1 and entry.kind != "admin1":
            s += 2.0
        if entry.lat is not None and ctx.anchors and entry.kind not in ("country", "admin1"):
            near = _nearest_km(entry, ctx.anchors)
            s += 1.5 if near < 100 else 0.7 if near < 300 else 0.0
        return s

    def _rank(self, span: Span, text: str, ctx: _Context,
              exclude_self: tuple[Entry, str, float, float] | None = None,
              within: Entry | None = None) -> tuple[Entry, str, float, float] | None:
        """The best reading of ``span`` with its score and margin; ``within``: the unit the
        text puts the place in (:mod:`.within`), whose country every reading must share."""
        if not span.candidates:
            return None
        admin_word = bool(_ADMIN_WORD.search(span.text))
        scored = []
        for pid, kind in span.candidates:
            entry = self.gaz.places[pid]
            if within is not None and (entry.country != within.country or entry.id == within.id):
                continue
            if not self._supported(entry, kind, span, ctx, text):
                continue
            scored.append((self._score(entry, kind, span, text, ctx, admin_word), entry, kind))
        if not scored:
            return None
        scored.sort(key=lambda t: (-t[0], t[1].id))
        top_score, top, kind = scored[0]
        margin = 9.0
        for score, other, _ in scored[1:]:
            if not _same_place(top, other):
                margin = top_score - score
                break
        return top, kind, top_score, margin

    def _supported(self, entry: Entry, kind: str, span: Span, ctx: _Context, text: str) -> bool:
        """False for a small town far from the region that nothing in the text backs. A name
        of several words backs itself only when it is the town's own name, not one of the
        GeoNames alternates ("Советском районе" is an alternate of a Ukrainian village).

        A weak span reads as a town only when the reading is strong
        (:func:`.context.strong_reading`), its country is hinted or (for the town's own name,
        not a GeoNames alternate: "Пограничная" is one of Suifenhe's) named, or a place
        resolved without doubt lies within 300 km; an ordinary English word ("Rally",
        "Mobile") also as a town in the five republics or Afghanistan (the region prior), a
        token of three letters or fewer ("Хи", "Kim") as one only after a locative cue
        ("in", "near", "village of", "в", "под")."""
        if span.weak and entry.kind in ("city", "admin2") and not strong_reading(entry, kind) and (
                span.weak == "short" or entry.country not in CORE):
            if entry.country == ctx.hint or kind != "alternate" and ctx.countries.get(entry.country or ""):
                return True
            if entry.country in CORE and LOCATIVE_BEFORE.search(text[max(0, span.start - 20): span.start]):
                return True
            return _nearest_km(entry, ctx.anchors) < 300
        if entry.country is None or entry.country in NEAR_REGION or entry.kind != "city":
            return True
        if entry.code == "PPLC" or entry.population >= FAR_MIN_POPULATION:
            return True
        if " " in span.key and kind != "alternate":
            return True
        if ctx.countries.get(entry.country) or entry.country == ctx.hint:
            return True
        if entry.population >= FAR_PUT_IN_POPULATION and " " not in span.key and (
                _PUT_IN.search(text, max(0, span.start - 30), span.start)
                or LOCAL_FORCE_BEFORE.search(text, max(0, span.start - 30), span.start)
                or LOCAL_FORCE_AFTER.match(text, span.end)):
            return True
        return _nearest_km(entry, ctx.anchors) < 300

    # --- output ------------------------------------------------------------------------
    def _place(self, span: Span, text: str, pick: tuple[Entry, str, float, float] | None,
               ctx: _Context) -> Place:
        assert pick is not None
        entry, kind, _score, margin = pick
        if margin < AMBIGUITY_MARGIN:
            rival, rival_kind = self._rival(span, text, ctx, entry)
            same_kind = rival is not None and {rival.kind, entry.kind} <= {"city", "enclave"}
            # within one country a town's own name beats another town's alternate one ("Новороссийск",
            # which GeoNames also lists for Krasnodar)
            own_name = kind in ("primary", "official") and rival_kind == "alternate" and rival is not None \
                and entry.population * 10 >= rival.population
            if rival is not None and (not _dwarfs(entry, rival) if rival.country != entry.country
                                      else same_kind and _far(entry, rival) and not own_name):
                return _ambiguous(span, entry, rival)
        acled, ucdp = entry.prec_acled, entry.prec_ucdp
        before = text[max(0, span.start - 30): span.start]
        name = entry.name
        lat, lon = entry.lat, entry.lon
        m = _DIRECTION.search(before) if entry.kind == "country" else None
        if m is None and entry.kind == "country" and kind == "demonym":  # matched at span.end
            m = _DIRECTION_AFTER.match(text, span.end)
        part = direction(m.group(1)) if m is not None else None
        if part is not None:  # "western Afghanistan": a region, with a representative point
            acled, ucdp = 3, 5
            name = f"{ADJECTIVES[part]} {entry.name}"
            lat, lon = self.regions.point(entry.country, part) or (None, None)
        elif (acled, ucdp) == (1, 1) and _NEAR.search(before):
            acled, ucdp = 2, 2
        admin1_iso, admin1_name = self._admin1(entry)
        confidence = 95 if len(span.candidates) == 1 else int(min(95, 50 + 15 * margin))
        return Place(name=name, country=entry.country, geonameid=entry.id, admin1_iso=admin1_iso,
                     admin1_name=admin1_name, admin2=entry.admin2, lat=lat, lon=lon,
                     precision_acled=acled, precision_ucdp=ucdp, feature_code=entry.code,
                     text=span.text, start=span.start, end=span.end, confidence=confidence)

    def _contained(self, span: Span, unit: Entry) -> Place:
        """``span`` has no reading inside the unit the text puts it in: the unit, at its own
        precision, with the reason. A town stands for the district named after it ("Кок-Таш
        Баткенского района"), at the precision of a district."""
        admin1_iso, admin1_name = self._admin1(unit)
        what = {"country": "country", "city": "district named after the town", "admin2": "district"}.get(
            unit.kind, "province")
        acled, ucdp = (2, 3) if unit.kind == "city" else (unit.prec_acled, unit.prec_ucdp)
        return Place(name=unit.name, country=unit.country, geonameid=unit.id, admin1_iso=admin1_iso,
                     admin1_name=admin1_name, lat=unit.lat, lon=unit.lon, precision_acled=acled,
                     precision_ucdp=ucdp, feature_code=unit.code, text=span.text,
                     start=span.start, end=span.end, confidence=CONTAINED_CONFIDENCE,
                     reason=f"{span.text} is not in the gazetteer in {unit.name}; placed at the {what} "
                            "the text puts it in")

    def _rival(self, span: Span, text: str, ctx: _Context, top: Entry) -> tuple[Entry | None, str | None]:
        admin_word = bool(_ADMIN_WORD.search(span.text))
        best: tuple[float, Entry, str] | None = None
        for pid, kind in span.candidates:
            e = self.gaz.places[pid]
            if _same_place(top, e) or not self._supported(e, kind, span, ctx, text):
                continue
            s = self._score(e, kind, span, text, ctx, admin_word)
            if best is None or s > best[0]:
                best = (s, e, kind)
        return (best[1], best[2]) if best else (None, None)

    def _admin1(self, entry: Entry) -> tuple[str | None, str | None]:
        """Admin-1 by point in polygon where polygons are loaded, else by GeoNames codes."""
        if entry.kind in ("country", "admin1") or entry.lat is None or not self.gaz.boundaries:
            return entry.admin1_iso, entry.admin1_name
        if entry.id not in self._admin_cache:
            from shapely.geometry import Point

            pt = Point(entry.lon, entry.lat)
            hit = (entry.admin1_iso, entry.admin1_name)
            for iso, (cc, name, geom) in self.gaz.boundaries.items():
                if cc == entry.country and geom.contains(pt):
                    hit = (iso, self.gaz.admin1_names.get(iso, name))
                    break
            self._admin_cache[entry.id] = hit
        return self._admin_cache[entry.id]


def _nearest_km(entry: Entry, anchors: list[Entry]) -> float:
    """Distance to the nearest other anchor, 1e9 when none is within about 300 km (a box
    of 3 degrees of latitude and 6 of longitude is checked first: it is much cheaper)."""
    if entry.lat is None or entry.lon is None:
        return 1e9
    best = 1e9
    for a in anchors:
        if a.id == entry.id or a.lat is None or a.lon is None:
            continue
        if abs(a.lat - entry.lat) > 3.0 or abs(a.lon - entry.lon) > 6.0:
            continue
        best = min(best, haversine_km(entry.lat, entry.lon, a.lat, a.lon))
    return best


def _same_place(a: Entry, b: Entry) -> bool:
    """Two entries for one place: same id, or a city and the unit or feature it stands for."""
    if a.id == b.id:
        return True
    if a.country != b.country:
        return False
    if {a.kind, b.kind} & {"admin1", "country"}:
        return False
    return a.lat is not None and b.lat is not None and not _far(a, b)


def _far(a: Entry, b: Entry) -> bool:
    if a.lat is None or b.lat is None:
        return True
    return haversine_km(a.lat, a.lon, b.lat, b.lon) > 25  # type: ignore[arg-type]


@lru_cache(maxsize=50_000)
def _forms(surface: str) -> tuple[str, ...]:
    """The surface and, for Russian, its dictionary forms ("Жалал-Абаде" -> "жалал-абад")."""
    low = surface.lower()
    stems = [low[: len(low) - len(end)] + repl for end, repl in RU_RULES
             if low.endswith(end) and len(low) - len(end) >= 2]
    return (surface, *lemmas(surface), *stems)


def _ambiguous(span: Span, entry: Entry, rival: Entry) -> Place:
    """Two readings too close to call. When both lie in one country ("Вахдат": the town near
    Dushanbe or the one in Rasht) the country, and the province they share, still stand."""
    reason = f"ambiguous: {entry.name} ({entry.country}) or {rival.name} ({rival.country})"
    if entry.country is None or rival.country != entry.country:
        return Place(name=span.text, text=span.text, start=span.start, end=span.end,
                     precision_acled=3, precision_ucdp=6, confidence=0, reason=reason)
    shared = entry.admin1_iso is not None and entry.admin1_iso == rival.admin1_iso
    return Place(name=span.text, country=entry.country, admin1_iso=entry.admin1_iso if shared else None,
                 admin1_name=entry.admin1_name if shared else None, text=span.text, start=span.start,
                 end=span.end, precision_acled=3, precision_ucdp=4 if shared else 6, confidence=0,
                 reason=reason)


def _unknown(span: Span, reason: str = "not in gazetteer") -> Place:
    return Place(name=span.text, text=span.text, start=span.start, end=span.end,
                 precision_acled=3, precision_ucdp=6, confidence=0, reason=reason)
