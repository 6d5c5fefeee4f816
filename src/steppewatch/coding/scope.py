"""Which events the platform watches, and where an event happened.

An event is in scope when it happens in one of the five republics or Afghanistan, in Xinjiang,
or anywhere when an actor or country of those six, or the region as a whole ("Central Asian
ministers met in Luxembourg"), is named in the same sentence (a Tajik opposition leader shot
in Istanbul, Kazakh citizens arrested in Boston). Neighbours' domestic
events (Russia, China outside Xinjiang, Iran, Pakistan) are out of scope unless so linked. The
coder also keeps events abroad of a document that names a person of the region ("граждане
Казахстана", "an immigrant from Uzbekistan"; :meth:`.coder.RuleCoder._region_near`).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from ..vocab import CORE
from .actors import ActorHit, CountryHit

#: ISO 3166-2 code of Xinjiang: a place there is in scope whatever the sentence names.
XINJIANG = "CN-XJ"
_XINJIANG = re.compile(r"xinjiang|uyghur|uighur|синьцзян|уйгур", re.I)


#: The region named as a whole: "Central Asian foreign ministers", "страны Центральной Азии",
#: "центральноазиатских стран", and the format of its five states' talks with a partner ("C5+1").
_REGION = re.compile(r"\bcentral asia|\bцентральн\w* ази|\bсредн\w* ази|\bцентральноазиатск|\bсреднеазиатск|"
                     r"\b[CС]5\s*\+\s*1", re.I)


#: A sentence's side remarks say something about a thing the event involves, not who takes part
#: in it. A relative clause runs until the sentence goes on with ", а", ", но" or ";" ("...
#: атаковали завод в Саратове, которое, как отмечают аналитики, ранее поставляло продукцию в
#: страны Центральной Азии"); a participle or a contrast runs to the next comma ("МИД КНР,
#: реализующей проекты и в Центральной Азии, потребовал", "..., а не приезжими из Средней Азии,").
_RELATIVE = re.compile(r",\s*(?:(?:по|в|на|из|с|через|для|о|об|от|к)\s+)?котор\w*", re.I)
_RELATIVE_END = re.compile(r",\s*(?:а|но)\s|;")
_ASIDE = re.compile(r",\s*а\s+не\b|,\s*(?:which|who|whose|not)\b|"
                    r",\s*[а-яё]+(?:ющ|ящ|ащ|вш)(?:ий|ая|ее|ие|его|ей|им|их|ую|ими|ем|ее)\b", re.I)


def side_remarks(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Offsets in ``text`` of the side remarks of its sentence ``text[start:end]``."""
    end = len(text) if end is None else end
    spans = []
    for m in _RELATIVE.finditer(text, start, end):
        stop = _RELATIVE_END.search(text, m.end(), end)
        spans.append((m.start(), stop.start() if stop else end))
    for m in _ASIDE.finditer(text, start, end):
        stop = text.find(",", m.end(), end)
        spans.append((m.start(), stop if stop >= 0 else end))
    return spans


def aside(pos: int, spans: list[tuple[int, int]]) -> bool:
    """Whether offset ``pos`` lies in one of the side remarks ``spans``."""
    return any(a <= pos < b for a, b in spans)


def is_xinjiang(text: str) -> bool:
    return bool(_XINJIANG.search(text))


def names_region(text: str) -> bool:
    return bool(_REGION.search(text))


def in_scope(country: str | None, sentence: str, countries: Sequence[CountryHit],
             actors: Sequence[ActorHit], doc_country: str | None, admin1: str | None = None,
             offset: int = 0, remarks: list[tuple[int, int]] | None = None) -> bool:
    """``admin1``: the ISO 3166-2 code of the event's place, when known (a place in Xinjiang is in
    scope without the word: "Полиция Кашгарского округа"); ``offset``: where ``sentence`` starts
    in the text the hits' offsets refer to; ``remarks``: the :func:`side_remarks` of that text,
    if known."""
    if country in CORE or admin1 == XINJIANG:
        return True
    if country in ("CN", None) and is_xinjiang(sentence):
        return True
    # the region or a country of it named in the sentence's side remarks is no party
    if remarks is None:
        remarks = [(a + offset, b + offset) for a, b in side_remarks(sentence)]
    # the region as a whole, or Xinjiang, is a party, like a country of the region ("Uyghurs from
    # Xinjiang rallied in Istanbul")
    if any(not aside(m.start() + offset, remarks) for rx in (_REGION, _XINJIANG) for m in rx.finditer(sentence)):
        return True
    named = [c.code for c in countries if not aside(c.start, remarks)]
    if any(code in CORE for code in named):
        return True
    # a generic actor ("police") takes the document's country: it is not a party of its own
    if any(a.actor.country in CORE and not a.generic and not aside(a.start, remarks) for a in actors):
        return True
    # the document's country stands in for a sentence that names none
    return country is None and doc_country in CORE and not named


def event_country(countries: Sequence[CountryHit], actors: Sequence[ActorHit], cue_pos: int,
                  doc_country: str | None, sentence: str = "") -> tuple[str | None, tuple[int, int] | None, str]:
    """Country where the event happened, the offsets that say so, and how it was chosen."""
    if is_xinjiang(sentence) and not any(c.as_place or c.code in CORE for c in countries):
        # "Послы 22 государств, в том числе Великобритании, ... с критикой обращения с уйгурами":
        # states from outside the region that speak about Xinjiang are parties; the event is
        # filed under China
        return "CN", None, "xinjiang"
    places = [c for c in countries if c.as_place]
    if places:
        best = min(places, key=lambda c: abs(c.start - cue_pos))
        return best.code, (best.start, best.end), "sentence-place"
    located = [a for a in actors if a.actor.country and a.actor.sector not in ("IGO",)]
    core = [c for c in countries if c.code in CORE]
    if countries and not core:
        # Only foreign countries named, none as a place ("talks with India's prime minister"):
        # a party from the region is where the event is filed.
        ours = [a for a in located if a.actor.country in CORE]
        if ours:
            best_actor = min(ours, key=lambda a: abs(a.start - cue_pos))
            return best_actor.actor.country, (best_actor.start, best_actor.end), "regional-actor"
    if countries:
        best = min(core or list(countries), key=lambda c: abs(c.start - cue_pos))
        return best.code, (best.start, best.end), "sentence-country"
    if located:
        best = min(located, key=lambda a: abs(a.start - cue_pos))
        return best.actor.country, (best.start, best.end), "actor"
    return doc_country, None, "document"


def document_country(hits: Sequence[CountryHit], geo_countries: Sequence[str], lead_end: int) -> str | None:
    """The document's main country: place mentions count double, the lead counts double."""
    votes: Counter[str] = Counter()
    for h in hits:
        votes[h.code] += (2 if h.as_place else 1) * (2 if h.start < lead_end else 1)
    for code in geo_countries:
        votes[code] += 1
    if not votes:
        return None
    return max(votes, key=lambda k: (votes[k], k in CORE))
