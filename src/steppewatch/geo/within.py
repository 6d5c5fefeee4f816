"""Places the text puts inside a named country or province.

"в афганском районе Марджа", "в районах Зурмат и Ахмадабад провинции Пактия", "Marjah district
of Helmand province", "Helmand's Nad Ali district", "Алматы облысының Райымбек ауданы": the text
itself says which country (and province) the district or village lies in. Readings of the name
outside that country are then wrong whatever their score (Марджа is not Mārenj in Iran,
Ахмадабад not Ahmedabad in India), and a name with no reading inside it is placed at the unit
the text names, at that unit's precision, with a reason, never at a confident foreign point.

Only explicit wording counts: a word for a district, province, town or village between the two
names, or a possessive ("Helmand's", "облысының") before a name followed by such a word, or
a unit's adjective and unit word right after the name ("Кок-Таш Баткенского района", a
district of the seed or a town's district). Lists
("Osh, Tashkent") say nothing about containment and are left alone.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from .gazetteer import Entry, Gazetteer
from .matcher import Span

#: Unit, then these words, then the place: "афганском районе X", "Afghan district of X".
_UNIT_THEN_PLACE = re.compile(
    r"(?i)^\s+(?:район\w*|провинци\w*|уезд\w*|город\w*|сел[оеау]|посёлк\w*|поселк\w*|кишлак\w*|"
    r"деревн\w*|(?:district|province|town|city|village)s?\s+of)\s+$")
#: A possessive unit right before the place: "Helmand's X district", "Алматы облысының X ауданы".
_POSSESSIVE = re.compile(r"(?i)(?:['’]s|облысының|облысы|провинциясының)$")
_PLACE_WORD_AFTER = re.compile(r"(?i)\s*(?:district|village|town|аудан\w*|ауыл\w*|район\w*)\b")
#: Place (and maybe one more), then these words, then the unit: "X и Z провинции Y",
#: "X district of Y", "X district, Y province", "X districts in Y".
_PLACE_THEN_UNIT = re.compile(
    r"(?i)^(?:\s+(?:и|and)\s+[\w'’-]+)?\s+(?:(?:провинци|област|вилоят|велаят)\w*|"
    r"districts?,?(?:\s+(?:of|in))?)\s+$")
#: A unit named by its adjective, then its unit word: "(села Кок-Таш) Баткенского района".
_UNIT_WORD_AFTER = re.compile(r"(?i)\s+(?:район\w*|област\w*|провинци\w*)\b")
#: "«Кок-Таш» в Лейлекском районе Баткенской области": a village, its district, then the province.
_IN_DISTRICT_OF = re.compile(r"(?i)^[»\"”]?\s+(?:в|во)\s+[\w-]+\s+район\w*\s+$")
#: "X in Y province", "село Нура в Алайском районе", "«Дустлик» в Андижанской области": the unit's
#: own span names it as a province, region or district.
_IN = re.compile(r"(?i)^[»\"”]?\s+(?:in|в|во)\s+$")
_PROVINCE_WORD = re.compile(r"(?i)\b(?:province|region|oblast|district|провинци|област|облыс|район)")


def unit_of(gaz: Gazetteer, span: Span) -> Entry | None:
    """The country, admin-1 unit or district ``span`` names, when it names exactly one."""
    units = {gaz.places[p].id: gaz.places[p] for p, _ in span.candidates
             if gaz.places[p].kind in ("country", "admin1", "admin2")}
    return next(iter(units.values())) if len(units) == 1 else None


def containing_units(gaz: Gazetteer, spans: Sequence[Span], text: str) -> dict[int, Entry]:
    """Index of a span in ``spans`` (sorted by start) -> the unit the text puts it in."""
    units = [unit_of(gaz, s) for s in spans]
    out: dict[int, Entry] = {}
    for i, span in enumerate(spans):
        if units[i] is not None and span.known and all(
                gaz.places[p].kind in ("country", "admin1") for p, _ in span.candidates):
            continue  # a unit itself is not placed inside another
        if i > 0 and units[i - 1] is not None:
            prev = spans[i - 1]
            between = text[prev.end:span.start]
            if _UNIT_THEN_PLACE.match(between) or (
                    _POSSESSIVE.search(prev.text) and between.isspace()
                    and (_PLACE_WORD_AFTER.match(text, span.end) or _PLACE_WORD_AFTER.search(span.text))):
                out[i] = units[i - 1]  # type: ignore[assignment]
                continue
        # "Кок-Таш Баткенского района": the district's own span may hold the unit word
        if i + 1 < len(spans) and text[span.end:spans[i + 1].start].isspace() and (
                _UNIT_WORD_AFTER.match(text, spans[i + 1].end) or _UNIT_WORD_AFTER.search(" " + spans[i + 1].text)):
            unit = units[i + 1] or _town_of_district(gaz, spans[i + 1])
            if unit is not None:
                out[i] = unit
                continue
        for k in range(i + 1, min(i + 3, len(spans))):
            unit = units[k]
            if unit is None:
                continue
            between = text[span.end:spans[k].start]
            # "«X» в Лейлекском районе Баткенской области": the district may be a span of its own
            if _PLACE_THEN_UNIT.match(between) or _PROVINCE_WORD.search(spans[k].text) and (
                    k == i + 1 and _IN.match(between) or _IN_DISTRICT_OF.match(between)):
                out[i] = unit
                break
    return out


def _town_of_district(gaz: Gazetteer, span: Span) -> Entry | None:
    """The town a district is named after ("Баткенского района"), when all readings of the
    adjective are towns of one country: the largest of them."""
    towns = [gaz.places[p] for p, kind in span.candidates if kind == "demonym"]
    if not towns or len({t.country for t in towns}) != 1 or any(t.kind != "city" for t in towns):
        return None
    return max(towns, key=lambda t: t.population)
