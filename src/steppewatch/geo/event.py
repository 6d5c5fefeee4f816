"""Choose the place where an event happened among the places a sentence names.

"Officials in Bishkek said clashes in Batken ..." names two places; the event is in Batken.
The rules, as scores over the resolved places inside the span:

- specific beats general: a town beats its region, a region beats its country;
- a place introduced by an event cue ("in", "near", "в", "под", "близ") beats one that
  introduces a speaker ("officials in", "said in", "из", a dateline such as "BISHKEK, May 5");
- a capital named next to another place is usually where someone spoke;
- adjectives ("Tajik border guards", "US soldier") only count when nothing else is named;
- a place in the region (the five republics and their neighbours) always beats one outside it,
  unless it is only a country's name; when only adjectives are named, the region's adjective
  beats an outside one;
- where a quake was felt, shots came from, water reached or people come from ("felt in Almaty",
  "со стороны провинции Бадгис", "граждан Афганистана", "жителей соседнего Баткена") is the far
  side, not the scene, and a country named as the far side takes its places with it;
- a route ("через мост Хайратон", "via") gives way to a place the text puts the event in;
- a town whose police or prosecutors act is the scene ("Полиция Стамбула задержала", "Istanbul
  police"), and a town after "by" or "по запросу" (or before "'s request") is its government,
  not the scene, nor is where someone is to be extradited or deported;
- a border or region reference ("the Tajik-Afghan border remains a route for ...") gives way
  to the specific place of the document's lead, when the lead names one in the region.

When only countries or regions are named, the event gets that place with its own (region or
country) precision: there is never a false exact point.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import NamedTuple

from ..models import Place
from ..vocab import ORIGIN_STEMS, REGION

_SPEAKER_BEFORE = re.compile(
    r"(?i)(officials?|authorities|ministry|government|spokes(?:man|woman|person)|sources?|"
    r"police|embassy|statement|said|told|reported|announced|based|headquartered|"
    r"заявили?|сообщили?|министерств\w*|власти|пресс-служб\w*|посольств\w*|официальн\w*|из)"
    r"\s+(?:in|from|в|во)?\s*$")
_SPEAKER_AFTER = re.compile(
    r"(?i)^\W{0,3}(?:said|says|told|announced|reported|stated|claimed|officials?|authorities|"
    r"заявил\w*|сообщил\w*|передает|передаёт|сообщает|официальн\w*)\b")
#: A news source's own location ("... news agency, Peshawar, in Pashto"): never the scene.
_SOURCE_BEFORE = re.compile(r"(?i)(agency|radio|television|tv|website),\s*$")
_SOURCE_AFTER = re.compile(r"(?i)^,?\s*in (?:Dari|Pashto|English|Persian|Russian|Uzbek|Tajik)\b")
_EVENT_BEFORE = re.compile(r"(?i)(\bin|\bnear|\bat|\boutside|\bon|\bв|\bво|\bпод|\bблиз|\bоколо|\bу|"
                           r"\b(?:flew|travell?ed|went|came)\s+to|"
                           r"\bна|\bрайоне|\bнедалеко от|"
                           r"\b(?:in|near)\s+the\s+(?:city|town|province)\s+of|"
                           r"\b(?:в|во|на)\s+(?:аэропорту|пригороде|окрестностях|центре|порту|провинции|городе|"
                           r"штате|земле))\s*"
                           r"(?:(?:southern|northern|eastern|western|central|южн\w*|северн\w*|восточн\w*|"
                           r"западн\w*|центральн\w*)\s+)?$")
#: The far side of the event: where a quake was felt, where shots came from ("felt in Almaty",
#: "ощущались в Бишкеке", "ощутили жители Бишкека, Оша и Алматы", "со стороны афганской провинции
#: Бадгис"), where water or shots went ("в сторону иранского Систана", "вода дошла до
#: Мактааральского района"), where people come from ("граждан Афганистана", "выходцами из
#: Киргизии", "возвращавшихся домой из Самары и Оренбурга") and the neighbour across ("жителей
#: соседнего Баткена").
_FAR_SIDE_BEFORE = re.compile(
    r"(?i)(\bfelt\s+(?:as\s+far\s+(?:away\s+)?as\s+|in\s+|by\s+(?:residents|people)\s+(?:of|in)\s+)"
    r"(?:[\w-]+(?:,\s*|\s+and\s+))*|"
    r"\b(?:ощущал\w*|ощутил\w*)\s+(?:(?:даже|также|и)\s+)?(?:(?:в|во)\s+|жител\w+\s+)"
    r"(?:[\w-]+(?:,\s*|\s+и\s+))*|"
    r"\bсо\s+стороны(?:\s+\w+){0,2}\s+|\bс\s+территории(?:\s+\w+){0,2}\s+|"
    r"\b(?:crossed|waded|swam|came|fired|fire|infiltrated|arriving|arrived)\b[^.]{0,40}\bfrom\s+(?:\w+'s\s+)?|"
    r"\bopposite\s+|"
    r"\b(?:героин\w*|гашиш\w*|опи[йя]\w*|наркотик\w*|heroin|hashish|opium|drugs)\b[^.]{0,40}?\b(?:из|from)\s+|"
    r"\bв\s+сторону(?:\s+\w+){0,2}\s+|\bfrom\s+across(?:\s+the)?\s+|"
    r"\bдош(?:ла|ел|ли|ло)\s+до(?:\s+\w+){0,1}\s+|\breached(?:\s+as\s+far\s+as)?\s+|"
    r"\b(?:соседн\w+|neighbou?ring)\s+|\b(?:border|frontier)\s+with\s+(?:\w+['’]s\s+)?|"
    r"\b(?:возвращ\w+|вернувш\w+|returning|returned)\b[^.]{0,30}?\b(?:из|from)\s+(?:[\w-]+\s+(?:и|and)\s+)?|"
    r"\b(?:" + "|".join(ORIGIN_STEMS) + r")\w*(?:\s+(?:of|из|from))?\s+(?:[\w-]+\s+(?:и|and)\s+)?)$")
#: A route the goods or people took ("груз следовал через мост Хайратон", "shipped via the
#: Dostyk crossing"): a reference, not the scene, when the text puts the event elsewhere.
_ROUTE_BEFORE = re.compile(r"(?i)(?:\bчерез|\bvia)(?:\s+(?:the\s+)?[\w-]+){0,1}\s+$")
#: A town whose police, court or prosecutors act is where they act ("Полиция Стамбула задержала",
#: "Приморский суд Новороссийска приостановил", "Istanbul police detained").
LOCAL_FORCE_BEFORE = re.compile(r"(?i)\b(?:полици\w*|прокуратур\w*|суд|суда|судом|суде|police\s+of)\s+$")
LOCAL_FORCE_AFTER = re.compile(r"(?i)\s+(?:police|court|prosecutors?)\b")
#: A town after "by" or "at the request of" stands for its government ("an Interpol notice
#: requested by Astana", "задержала по запросу Душанбе").
_METONYM_BEFORE = re.compile(r"(?i)(?:\bby|\bat\s+the\s+request\s+of|\bпо\s+(?:запросу|требованию|просьбе)|"
                             r"\b(?:по)?требова\w*\s+от)\s+$")
_METONYM_AFTER = re.compile(r"(?i)^(?:['’]s)?\s+(?:request|behest|demand)\b")
#: A capital named in the Russian instrumental case is its government acting ("объявленный Ташкентом в
#: розыск", "переговоры с Бишкеком"), unless a preposition of place governs it ("под Ташкентом").
_INSTRUMENTAL = re.compile(r"[а-яё](?:ом|ем|ой|ей|ёй)$")
_PLACE_BEFORE_INSTRUMENTAL = re.compile(r"(?i)(?:\bпод|\bнад|\bза|\bперед|\bрядом\s+с)\s+$")
#: Where someone is to be sent ("будет экстрадирован в Бишкек", "решение об экстрадиции в Россию",
#: "deported to Tajikistan"): not where the arrest or the decision took place.
_DESTINATION_BEFORE = re.compile(r"(?i)(?:\b(?:экстрадир\w*|экстрадици\w*|депортир\w*|депортаци\w*|"
                                 r"выдвор\w*|выслан\w*|вывезен\w*|этапирован\w*|extradit\w*|deport\w*)"
                                 r"\s+(?:\w+\s+)?(?:в|во|to)|"
                                 r"\b(?:was|were|been|and)\s+(?:flown|taken|brought)\s+(?:back\s+)?to)\s+$")
#: "on" after a word for a text or a talk introduces its topic, not a place ("a protocol on Syr
#: Darya releases", "talks on the Rogun dam").
_TOPIC_ON = re.compile(r"(?i)\b(?:protocol|agreement|accord|treaty|memorandum|talks|deal|dispute|row|report|"
                       r"consultations|negotiations|resolution|statement|decision)\s+on\s+(?:the\s+)?$")
#: A country in a list of parties ("послы 22 государств, в том числе Великобритании, Франции и
#: Японии", "states including Britain and France"): who signed or spoke, not where.
_PARTY_LIST_BEFORE = re.compile(
    r"(?i)(?:в\s+том\s+числе|включая|including|such\s+as)\s+(?:[\w-]+(?:,\s*|\s+(?:и|and)\s+))*$")
#: "(проникшая) с афганской территории": the land named after "с" is where they came from.
_FROM_LAND_BEFORE = re.compile(r"(?i)\b(?:с|со|from)\s+$")
#: An adjective before a word for land names a place, not who acted ("Afghan border villages",
#: "afghan territory", "таджикской территории").
_LAND_AFTER = re.compile(r"(?i)^\s+(?:border\s+)?(?:villages?|territory|soil|airspace|"
                         r"территори\w*|сел\w*|кишлак\w*)\b")
_BORDER_AFTER = re.compile(r"(?i)^\s*(?:border|frontier|границ)(?!\s+(?:villages?|towns?|districts?|areas?)\b)")
_DATELINE = re.compile(r"^[A-ZА-ЯЁ][A-ZА-ЯЁ' -]+,?\s")
_SPECIFIC = {1: 3.0, 2: 2.5, 3: 2.0, 4: 1.5, 5: 1.0, 6: 0.0, 7: 0.0}
#: Feature codes of reference lines and areas: border segments, regions, valleys.
_REFERENCE = frozenset({"BDR", "RGN", "VAL"})
_LEAD_END = re.compile(r"[.!?…\n]")


class _Facts(NamedTuple):
    """What the words around a place say, read once per place."""

    before: str
    after: str
    reference: bool  # a government by its seat ("by Astana", "at Bishkek's request") or a destination
    put_in: bool  # an event cue before it ("in", "в"), or its police act
    force: bool  # its police, court or prosecutors act
    far: bool  # the far side of the event
    adjectival: bool


def _facts(place: Place, text: str, is_adjective: Callable[[Place], bool]) -> _Facts:
    before = _before(place, text)
    after = text[place.end or 0: (place.end or 0) + 25]
    force = local_force(place, text)
    sent_or_asked = _DESTINATION_BEFORE.search(before) is not None or (
        (place.feature_code or "").startswith("PPL")
        and (_METONYM_BEFORE.search(before) is not None or _METONYM_AFTER.match(after) is not None)) or (
        place.feature_code == "PPLC" and _INSTRUMENTAL.search(place.text or "") is not None
        and (place.text or "")[:1].isupper()
        and _PLACE_BEFORE_INSTRUMENTAL.search(before) is None)
    put_in = _EVENT_BEFORE.search(before) is not None and _TOPIC_ON.search(before) is None
    far = _far_side(place, text) or (_FROM_LAND_BEFORE.search(before) is not None
                                     and _LAND_AFTER.match(after) is not None)
    return _Facts(before, after, sent_or_asked, (put_in or force) and not sent_or_asked, force, far,
                  _adjectival(place, is_adjective) and not _LAND_AFTER.match(after) or (
                      place.feature_code == "PCLI" and _PARTY_LIST_BEFORE.search(before) is not None))


def _score(place: Place, text: str, others: int, f: _Facts, in_region: bool = False,
           scene_in_region: bool = True) -> float:
    s = _SPECIFIC.get(place.precision_ucdp, 0.0)
    before, after = f.before, f.after
    # "Horasan" (TR) never beats "Fayzabad in Badakhshan" named beside it; a place abroad the
    # event is put in keeps its score unless a place of the region is put so too, or its police act
    abroad_scene = (f.put_in and not scene_in_region or f.force) and not f.adjectival
    if in_region and place.country not in REGION and not abroad_scene:
        s -= 4.0
    if f.reference:
        s -= 3.0  # "requested by Astana", "extradited to Bishkek": the government or a destination
    if f.put_in:
        s += 1.0
    if _SOURCE_BEFORE.search(before) or _SOURCE_AFTER.search(after):
        s -= 10.0
    if _BORDER_AFTER.search(after):  # "near Iran border": a reference line, not the scene
        s -= 5.0
    if f.far:
        s -= 8.0
    if _ROUTE_BEFORE.search(before):
        s -= 2.0
    if _SPEAKER_BEFORE.search(before) or _SPEAKER_AFTER.search(after):
        s -= 2.5
    if place.start is not None and place.start < 2 and _DATELINE.match(text[place.start:]):
        s -= 2.0
    if place.feature_code == "PPLC" and others > 1:
        s -= 1.0
    if f.adjectival:
        s -= 4.0
    return s


def _far_side(place: Place, text: str) -> bool:
    return _FAR_SIDE_BEFORE.search(text, max(0, (place.start or 0) - 80), place.start or 0) is not None


def _before(place: Place, text: str) -> str:
    return text[max(0, (place.start or 0) - 40): place.start or 0]


def _put_in_by_text(f: _Facts) -> bool:
    """The words before a place put the event there ("in Osh"), not a speaker ("officials in Osh"),
    or its police act ("Istanbul police")."""
    return f.put_in and _SPEAKER_BEFORE.search(f.before) is None or f.force


def local_force(place: Place, text: str) -> bool:
    """The place's police, court or prosecutors act (a town, not a country: "Turkish police")."""
    if not (place.feature_code or "").startswith("PPL"):
        return False
    return LOCAL_FORCE_BEFORE.search(_before(place, text)) is not None or \
        LOCAL_FORCE_AFTER.match(text, place.end or 0) is not None


def _adjectival(place: Place, is_adjective: Callable[[Place], bool]) -> bool:
    """An adjective ("Afghan forces") or a country's abbreviation in front of a noun ("US
    soldier"): it names who acted, not where."""
    return is_adjective(place) or (place.text or "").isupper() and place.feature_code == "PCLI" \
        and len(place.text or "") <= 3


def _lowercase(place: Place) -> bool:
    return bool(place.text) and place.text[:1].islower()  # type: ignore[index]


def event_place(places: list[Place], text: str, span: tuple[int, int] | None = None,
                is_adjective: Callable[[Place], bool] = _lowercase) -> Place | None:
    """The place where the event in ``text[span]`` (default: the whole text) happened.

    ``is_adjective`` tells adjectives ("Afghan", "таджикский") from names; the
    :class:`~steppewatch.geo.Geoparser` passes one that asks the gazetteer.
    """
    lo, hi = span if span is not None else (0, len(text))
    best = _best(places, text, lo, hi, is_adjective)
    if best is not None and best.feature_code in _REFERENCE and span is not None and lo > 0:
        lead = _best(places, text, 0, _lead_end(text), is_adjective)
        if lead is not None and lead.precision_ucdp <= 2 and lead.country in REGION:
            return lead
    return best


def _best(places: list[Place], text: str, lo: int, hi: int,
          is_adjective: Callable[[Place], bool]) -> Place | None:
    inside = [p for p in places
              if p.start is not None and lo <= p.start < hi and (p.geonameid is not None)]
    if not inside:
        return None
    # a place in the region beats one outside it; among adjectives only when nothing else is
    # named ("Afghan official: US soldier shoots ..." is in Afghanistan)
    facts = {id(p): _facts(p, text, is_adjective) for p in inside}
    named = [p for p in inside if not facts[id(p)].adjectival]
    # a country's bare name ("президентов Казахстана") is often a party, not a place: it pushes
    # down a country or area abroad ("The United States handed ... to Tajikistan's forces"), not
    # a town abroad ("В Берлине прошёл саммит")
    pool = named or inside
    in_region = any(p.country in REGION for p in pool)
    towns_in_region = any(p.country in REGION and p.feature_code != "PCLI" for p in pool)
    # a place abroad that the text puts the event in ("in Kyiv", "в Люксембурге") is no false
    # toponym (the resolver drops those that nothing supports): it keeps its score unless a place
    # of the region is put so too
    scene_in_region = any(p.country in REGION and _put_in_by_text(facts[id(p)]) for p in pool)
    # a country the sentence names as the far side ("власти соседнего Казахстана") takes its
    # places with it ("... сброс воды в Мактааральском районе"), when another country's are named
    # "в соседнюю Жамбылскую область Казахстана": the country named after a far place is far too
    after_far = {id(q) for p, q in zip(inside, inside[1:], strict=False)
                 if facts[id(p)].far and q.feature_code == "PCLI" and q.country == p.country
                 and text[p.end or 0:q.start or 0].strip() == ""}
    far = {p.country for p in inside if p.feature_code == "PCLI" and (facts[id(p)].far or id(p) in after_far)}
    scored = sorted(((_score(p, text, len(inside), facts[id(p)], towns_in_region or in_region and not (
        p.feature_code or "").startswith("PPL"), scene_in_region)
                      - (3.0 if p.country in far and any(q.country not in far for q in inside) else 0.0)
                      - (8.0 if id(p) in after_far else 0.0)
                      - (3.0 if _foreign_dateline(p, inside, text) else 0.0), p)
                     for p in inside),
                    key=lambda t: (-t[0], t[1].start))
    best_score, best = scored[0]
    if best_score <= -8.0:
        return None  # only speakers' and sources' places: the text does not say where
    return best


def _foreign_dateline(place: Place, inside: list[Place], text: str) -> bool:
    """A dateline town ("ALMATY (Reuters) -") whose country no other place of the sentence shares
    (the country after the town, "DUSHANBE, Tajikistan", aside): the story is filed there about
    somewhere else ("ALMATY (Reuters) - Kyrgyzstan's culture ministry blocked ...")."""
    if place.start is None or place.start >= 2 or not _DATELINE.match(text[place.start:]):
        return False
    line_end = text.find(" - ", place.start)
    return not any(q is not place and q.country == place.country and (q.start or 0) > line_end for q in inside)


def _lead_end(text: str) -> int:
    """The end of the document's lead: its first two sentences (or lines)."""
    end = 0
    for _ in range(2):
        m = _LEAD_END.search(text, end + 1)
        if m is None:
            return len(text)
        end = m.end()
    return end
