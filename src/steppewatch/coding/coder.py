"""The rule coder: one document in, sentence-level mentions out, each field with evidence.

For every sentence the coder scores categories from cue words and actors, keeps sentences whose
best category is backed by at least one strong cue, and reads the actors, country and place,
date, counts, quantities and modes from that sentence. Mentions outside the watched region are
dropped (:mod:`.scope`). Ids are deterministic: ``stable_id(document, sentence start, category)``.
"""

from __future__ import annotations

import bisect
import logging
import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

from ..geo.context import english_word
from ..geo.event import local_force
from ..models import ActorRef, DateRef, Document, Evidence, Mention, Place, Range, stable_id
from ..vocab import CORE, ORIGIN_STEMS, REGION
from . import dates as dates_mod
from . import numbers
from .actors import COMPASS, ActorHit, ActorRegistry, CountryHit, acronym_tokens
from .categories import (
    ACTOR_EVIDENCE,
    CLAIM,
    KIND_EVIDENCE,
    MEETING,
    PAIR,
    PAIR_CUE,
    PAIR_EVIDENCE,
    PAIR_SECTOR,
    TOLL,
    TOLL_SECTORS,
    Cue,
    SentenceScore,
    by_position,
    confidence,
    cue_matches,
    has_toll,
    score_sentence,
)
from .language import detect_language
from .modes import background, read_modes
from .places import GeoparserLike, country_place, typed_toponym
from .scope import XINJIANG, aside, document_country, event_country, in_scope, is_xinjiang, side_remarks
from .text import Token, add_vocabulary, sentence_spans, tokens

log = logging.getLogger(__name__)

CODER_NAME = "code.rules"
CODER_VERSION = "1.0.0"
#: A sentence becomes a mention when its best category scores this much ...
MIN_SCORE = 3.0
#: ... and at least one of its cues has this weight.
MIN_CUE_WEIGHT = 2
#: ... A mention this strong stands on its own; weaker ones need their category in the lead or title.
STRONG_SCORE = 5.0
#: The lead: the first sentences, or what starts within the first characters.
LEAD_SENTENCES = 2
LEAD_CHARS = 400
add_vocabulary(ORIGIN_STEMS)
_VIOLENT = {"border", "militancy", "unrest", "military"}
#: GeoNames feature codes of streams, lakes, valleys, mountain ranges, regions and border lines.
_SHARED_FEATURES = frozenset({"STM", "LK", "VAL", "MTS", "RGN", "BDR"})


@dataclass
class CodedMention:
    """A mention plus what the JSON output needs and the record cannot hold yet."""

    mention: Mention
    score: float
    sentence: tuple[int, int]
    country: str | None
    field_evidence: dict[str, Evidence] = field(default_factory=dict)


@dataclass
class CodingResult:
    document_id: str
    language: str
    coded: bool
    mentions: list[CodedMention]
    title_scores: dict[str, float] = field(default_factory=dict)
    skipped: str | None = None


class RuleCoder:
    name = CODER_NAME
    version = CODER_VERSION

    def __init__(self, registry: ActorRegistry | None = None, geoparser: GeoparserLike | None = None) -> None:
        self.registry = registry or ActorRegistry.default()
        self.geoparser = geoparser
        self.geo_failures = 0
        self._acro: list[Token] = []
        self._corroborated: set[str] = set()  # countries of two or more distinct places
        self._linked = False  # the document names a person of a watched country
        self._remarks: list[tuple[int, int]] = []  # offsets of the side remarks (see scope.side_remarks)

    def code(self, doc: Document) -> CodingResult:
        text = doc.text or ""
        lang = detect_language(text if len(text) > 40 else f"{doc.title or ''} {text}", doc.language)
        if not lang.coded:
            return CodingResult(doc.id, lang.code, False, [], skipped=f"language {lang.code} is detected, not coded")
        toks = tokens(text)
        self._acro = acronym_tokens(toks)
        starts = [t.start for t in toks]
        title_scores: dict[str, float] = {}
        if doc.title and not text.startswith(doc.title[:30]):
            ttoks = tokens(doc.title)
            title_scores = score_sentence(ttoks, 0, len(ttoks), lang.code).scores
        # Pass 1, cheap: which sentences could become mentions at all. Everything below (the
        # geoparser above all) runs only for documents with at least one such sentence.
        candidates = []
        lead_scores: dict[str, float] = {}
        spans = sentence_spans(text)
        bounds = [(bisect.bisect_left(starts, s), bisect.bisect_left(starts, e)) for s, e in spans]
        # Cue and actor phrases are looked up once over the whole text, then dealt to sentences.
        found = [(m.payload, m.start, m.end) for m in by_position(cue_matches(toks, lang.code))]
        found += [(Cue(cat, None, w, phrase), a, b)
                  for cat, w, phrase, a, b in self.registry.lent_evidence(toks, 0, len(toks), self._acro)]
        found.sort(key=lambda f: (f[1], -f[2], -f[0].weight))
        for i, ((s, e), (lo, hi)) in enumerate(zip(spans, bounds, strict=True)):
            if lo == hi:
                continue
            score = self._pass_one(text, [f for f in found if s <= f[1] and f[2] <= e], (s, e))
            if i < LEAD_SENTENCES or s < LEAD_CHARS:
                for k, v in score.scores.items():
                    lead_scores[k] = max(lead_scores.get(k, 0.0), v)
                best = score.best()  # an agreement on a topic scores as the topic (see best())
                if best is not None:
                    lead_scores[best[0]] = max(lead_scores.get(best[0], 0.0), best[1])
            if _passes(score.scores, score.cues):
                candidates.append(i)
            elif _passes(score.scores, score.cues, TWO_STATES_CUE) and _two_states(
                    self.registry.countries(toks, lo, hi),
                    self.registry.find(toks, text, lo, hi, acro=self._acro)):
                candidates.append(i)  # a border cue between two states (see _sentence)
        if not candidates:
            return CodingResult(doc.id, lang.code, True, [], title_scores)
        pub = doc.published_at.date() if doc.published_at else None
        places = self._geoparse(text, lang.code)
        lead_end = spans[1][1] if len(spans) > 1 else len(text)
        # "на границе с Китаем" names the country across the border, not the document's; a
        # side remark ("..., по которому героин шел через Центральную Азию") names no party.
        self._remarks = [r for s, e in spans for r in side_remarks(text, s, e)]
        doc_countries: list[CountryHit] = []
        across: list[CountryHit] = []
        for c in self.registry.countries(toks):
            elsewhere = aside(c.start, self._remarks) or _elsewhere(toks, c, len(toks))
            (across if elsewhere else doc_countries).append(c)
        # a document whose lead is in Xinjiang keeps its later sentences in scope, like one that
        # names a person of the region
        xinjiang_lead = is_xinjiang(text[:spans[0][1]])
        self._linked = self._region_near(toks, (0, len(toks))) or xinjiang_lead or any(
            p.country in CORE and p.start is not None and _NATIVE_OF.search(text, max(0, p.start - 30), p.start)
            for p in places)
        # One vote per distinct place: a surname read as a village must not outvote the text. A
        # place first named in the lead votes double, as a country named there does.
        first_seen: dict[object, Place] = {}
        for p in places:
            if p.country and not any(p.start is not None and c.start <= p.start < c.end for c in across):
                first_seen.setdefault(p.geonameid or p.name, p)
        # Rivers, lakes, valleys and mountains often span several countries, and the gazetteer
        # files each under one ("the Aral Sea" under KZ): they vote only when no town or unit does.
        voters = [p for p in first_seen.values() if p.country]
        voters = [p for p in voters if p.feature_code not in _SHARED_FEATURES] or voters
        geo_votes = [p.country for p in voters]
        lead_votes = [p.country for p in voters if p.start is not None and p.start < lead_end]
        doc_country = document_country(doc_countries, geo_votes + lead_votes, lead_end) or (
            "CN" if xinjiang_lead else None)
        self._corroborated = {c for c in geo_votes if geo_votes.count(c) >= 2}
        ref, ref_basis = (pub, "publication") if pub else (_document_date(text), "document")
        out: list[CodedMention] = []
        for i in candidates:
            lo, hi = bounds[i]
            prev = spans[i - 1] if i and "\n\n" not in text[spans[i - 1][1]:spans[i][0]] else None
            cm = self._sentence(doc, text, toks, lo, hi, spans[i], lang.code, doc_country, places,
                                ref, ref_basis, pub, prev)
            if cm is not None:
                out.append(cm)
                if i < LEAD_SENTENCES or spans[i][0] < LEAD_CHARS:  # with evidence pass 1 lacks
                    cat = cm.mention.category
                    lead_scores[cat] = max(lead_scores.get(cat, 0.0), cm.score)
        out = _borrow_tolls(_fold_tolls(out, text), spans, text)
        return CodingResult(doc.id, lang.code, True, _relevant(out, lead_scores, title_scores), title_scores)

    def _pass_one(self, text: str, found: list[tuple[Cue, int, int]], sent: tuple[int, int]) -> SentenceScore:
        """The sentence's cue scores with the evidence its actors could lend whatever their
        country, and a reported death: never below what :meth:`_sentence` finds, so a sentence
        that fails the threshold here is skipped without loss."""
        score = SentenceScore()
        toll = has_toll(found)
        pairs = [(cue, start, end) for cue, start, end in found if cue.phrase.startswith(PAIR)]
        for cue, start, end in found:
            if (toll or not cue.phrase.startswith(TOLL)) and not cue.phrase.startswith(PAIR):
                score.add(cue, start, end)
        if len({cue.phrase for cue, _, _ in pairs}) >= 2:  # two governments, whatever their countries
            score.add(PAIR_CUE, pairs[-1][1], pairs[-1][2])
        if score.scores.get("militancy", 0.0) < MIN_SCORE:
            lethal = numbers.largest(numbers.fatalities(text, *sent, singular=False))
            if lethal is not None and lethal.range.best > 0:
                score.add(Cue("militancy", "attack", 2, "lethal-violence"), lethal.start, lethal.end)
        return score

    def _region_near(self, toks: list[Token], near: tuple[int, int]) -> bool:
        """A person of a watched country named in ``toks[near]``: events abroad of a document
        whose party comes from the region ("an immigrant from Uzbekistan", "граждане Казахстана")
        are in scope (see :mod:`.scope`)."""
        for c in self.registry.countries(toks, *near):
            if c.code in CORE and any(t.norm.startswith(ORIGIN_STEMS)
                                      for t in toks[max(near[0], c.first - 3):min(near[1], c.last + 3)]):
                return True
        return False

    def _sentence(self, doc: Document, text: str, toks: list[Token], lo: int, hi: int,
                  sent: tuple[int, int], lang: str, doc_country: str | None, places: list[Place],
                  ref: date | _LazyDate | None, ref_basis: str, pub: date | None,
                  prev: tuple[int, int] | None = None) -> CodedMention | None:
        score = score_sentence(toks, lo, hi, lang)
        actors = self.registry.find(toks, text, lo, hi, default_country=doc_country, acro=self._acro)
        actors = _as_of(actors, score, lambda: pub or (ref.get() if isinstance(ref, _LazyDate) else ref))
        _actor_evidence(score, actors)
        lethal = numbers.largest(numbers.fatalities(text, *sent, singular=False))
        if lethal is not None and lethal.range.best > 0 and not _mishap(score):
            score.add(Cue("militancy", "attack", 2, "lethal-violence"), lethal.start, lethal.end)
        countries = self.registry.countries(toks, lo, hi)
        if "border" in score.cues and _two_states(countries, actors):
            score.add(TWO_STATES_CUE, *score.anchor("border"))
        best = score.best()
        if best is None:
            return None
        category, value = best
        if value < MIN_SCORE or max(c.weight for c, _, _ in score.cues[category]) < MIN_CUE_WEIGHT:
            return None
        cue = score.anchor(category)
        sentence_text = text[sent[0]:sent[1]]
        placing = [c for c in countries if not _elsewhere(toks, c, hi) and not aside(c.start, self._remarks)]
        country, c_span, c_basis = event_country(placing, actors, cue[0], doc_country, sentence_text)
        if country is None:  # "персональные данные граждан Казахстана", nothing else: the people's country
            origins = [c for c in countries if c not in placing and (c.people or _origin(toks, c.first))]
            if origins:
                country, c_span, c_basis = event_country(origins, actors, cue[0], doc_country, sentence_text)
        # a first name the registry knows as part of a person's ("Sergei Lavrov", "Vladimir Putin")
        # is no town
        places = [p for p in places if not _given_name(p, actors, text)]
        # a place in a side remark is the scene only when the rest of the sentence names none
        main_places = [p for p in places if not aside(p.start or 0, self._remarks)]
        place = self._event_place(main_places, text, sent) or self._event_place(places, text, sent)
        # A toponym the geoparser resolved against what the sentence and the document say, and
        # that no other place of the document backs, is more likely a false toponym ("Air", a
        # village named like a common word): drop it.
        # A toponym the text types as a place ("Turkestan region", "в городе Талгар") is kept.
        # (the far side of the event, not a side remark: a place there is the scene's fallback)
        across = [c for c in countries if c not in placing and not aside(c.start, self._remarks)]
        if place is not None and (any(c.start <= (place.start or -1) < c.end for c in across) or (
                place.country not in ({c.code for c in placing} | {doc_country} | self._corroborated)
                and not _backed_by_text(place, text, bool(main_places)))):
            place = None
        if place is not None and c_basis == "xinjiang" and place.feature_code == "PCLI":
            place = None  # states speaking about Xinjiang are parties, not the scene (see event_country)
        if place is not None and c_basis == "regional-actor" and place.feature_code == "PCLI":
            place = None  # the foreign country is the counterpart, not the scene (see event_country)
        side = _side_of(place, countries, text) if place is not None else None
        if side is not None and side.code != place.country:  # type: ignore[union-attr]
            # "под Хоргосом на китайской стороне границы": a border town named for both sides
            place, country, c_span, c_basis = None, side.code, (side.start, side.end), "side"
        elif place is not None and place.country != "CN" and place.admin1_iso != XINJIANG \
                and _XINJIANG_BEFORE.search(text, max(0, (place.start or 0) - 25), place.start or 0):
            place, country, c_span, c_basis = None, "CN", None, "side"  # "в синьцзянском Хоргосе"
        # a foreign force based in the region acts where it is based ("Russia's 201st base stages
        # drills at Lyaur range"), unless the sentence places the event below country level
        host = next((self.registry.stationed[a.actor.id] for a in actors if a.actor.id in self.registry.stationed),
                    None)
        if host is not None and c_basis != "sentence-place" and (place is None or place.feature_code == "PCLI"):
            place, country, c_span, c_basis = None, host, None, "stationed-actor"
        if place is not None and place.country:
            country, c_basis = place.country, "geoparser"
        here = [p for p in main_places if p.start is not None and sent[0] <= p.start < sent[1]]
        # a place in Xinjiang named in the sentence puts the event in scope, as the word does
        # ("в уезде Пишань округа Хотан", whichever reading the county got)
        admin1 = XINJIANG if any(p.admin1_iso == XINJIANG for p in here) else \
            place.admin1_iso if place is not None else None
        if not self._linked and not in_scope(country, sentence_text, countries, actors, doc_country, admin1,
                                             sent[0], self._remarks) and not any(
                # a place of the region the attackers come from links the event to it as the
                # country's name would ("... whom Islamabad says operate from Kunar stormed ...")
                p.country in CORE and _FROM_BEFORE.search(text, max(0, (p.start or 0) - 20), p.start or 0)
                for p in here):
            return None
        if place is None and country:
            place = country_place(country, text[c_span[0]:c_span[1]] if c_span else None, c_span, c_basis)
        ev: dict[str, Evidence] = {"event": Evidence(sent[0], sent[1], sentence_text),
                                   "category": Evidence(cue[0], cue[1], text[cue[0]:cue[1]])}
        if c_span:
            ev["country"] = Evidence(c_span[0], c_span[1], text[c_span[0]:c_span[1]])
        date_ref = self._date(text, sent, cue[0], ref, ref_basis, pub, ev, prev)
        counts = {name: _count(fn(text, *sent), name, text, ev) for name, fn in
                  (("fatalities", numbers.fatalities), ("injured", numbers.injured), ("arrested", numbers.arrested))}
        # A habitual or standing state ("every winter", "остаётся") with no date or count of its
        # own is background to the report, not an event.
        # A disinformation claim about a standing state ("the Americans still keep secret prisons
        # there") is made all the same.
        if background(text, sent) and not any(k in ev and sent[0] <= ev[k].start < sent[1]
                                              for k in ("date", "fatalities", "injured", "arrested")) \
                and (category, score.subtype(category)) != CLAIM:
            return None
        qty = numbers.quantities(text, *sent)
        for i, (_, qs, qe) in enumerate(qty):
            ev[f"quantities[{i}]"] = Evidence(qs, qe, text[qs:qe])
        modes = read_modes(text, sent, cue)
        subtype = score.subtype(category) or _default_subtype(category, counts, qty)
        if (category, subtype) == CLAIM and modes.hypothetical:
            # "Washington is planning a Maidan in Uzbekistan": the claim is made, whatever it says
            modes = replace(modes, hypothetical=False, hypothetical_span=None)
        if (category, subtype) == CLAIM and modes.negated:
            # "опровергла фейк о мобилизации": a claim denied was still made and spread
            modes = replace(modes, negated=False, negation_span=None)
        claimed_by = _claimant(actors, modes.claim_span) if modes.claimed else None
        for key, span in (("negated", modes.negation_span), ("hypothetical", modes.hypothetical_span),
                          ("claimed_by", modes.claim_span)):
            if span and (key != "claimed_by" or claimed_by):
                ev[key] = Evidence(span[0], span[1], text[span[0]:span[1]])
        conf = confidence(value)
        if modes.negated or modes.hypothetical:
            conf = max(1, conf - 25)
        cats = tuple(sorted(((k, confidence(v)) for k, v in score.scores.items() if v >= MIN_SCORE - 1),
                            key=lambda kv: -kv[1]))
        mention = Mention(
            id=stable_id(doc.id, str(sent[0]), category),
            document_id=doc.id,
            category=category,
            coder=CODER_NAME,
            coder_version=CODER_VERSION,
            categories=cats,
            subtype=subtype,
            actors=_roles(actors, cue, category),
            place=place,
            date=date_ref,
            fatalities=counts["fatalities"],
            injured=counts["injured"],
            arrested=counts["arrested"],
            quantities=tuple(q for q, _, _ in qty),
            negated=modes.negated,
            hypothetical=modes.hypothetical,
            claimed_by=claimed_by,
            evidence=ev["event"],
            confidence=conf,
        )
        return CodedMention(mention, value, sent, country, ev)

    def _geoparse(self, text: str, language: str) -> list[Place]:
        if self.geoparser is None or not text:
            return []
        try:
            return list(self.geoparser.parse(text, language=language))
        except Exception as exc:  # the geoparser failing must not lose the coding
            self.geo_failures += 1
            log.warning("geoparser failed (%s: %s); coding this document without places", type(exc).__name__, exc)
            return []

    def _event_place(self, places: list[Place], text: str, sent: tuple[int, int]) -> Place | None:
        if self.geoparser is None or not places:
            return None
        try:
            return self.geoparser.event_place(places, text, span=sent)
        except Exception as exc:
            self.geo_failures += 1
            log.warning("geoparser event_place failed (%s)", exc)
            return None

    def _date(self, text: str, sent: tuple[int, int], cue_pos: int, ref: date | _LazyDate | None, ref_basis: str,
              pub: date | None, ev: dict[str, Evidence], prev: tuple[int, int] | None = None) -> DateRef | None:
        """The sentence's date; failing that, the previous sentence's of the same paragraph
        ("On 31 October ... . As a result 8 people died."); failing that, the publication date."""
        hit = None
        for span, pos in ((sent, cue_pos), (prev, prev[1] if prev else 0)):
            if span is None:
                continue
            if isinstance(ref, _LazyDate):
                hits = dates_mod.find_dates(text, span[0], span[1], None)
                if any(not h.explicit for h in hits):
                    hits = dates_mod.find_dates(text, span[0], span[1], ref.get())
            else:
                hits = dates_mod.find_dates(text, span[0], span[1], ref)
            hit = dates_mod.best_date(hits, pos)
            if hit is not None:
                break
        if hit is not None:
            ev["date"] = Evidence(hit.start, hit.end, text[hit.start:hit.end])
            basis = hit.ref.basis if hit.explicit or ref_basis == "publication" else f"{hit.ref.basis}@document-date"
            return hit.ref.replace(basis=basis)
        if pub is not None:
            return DateRef(None, pub, "day", "publication")
        if isinstance(ref, _LazyDate) and ref.get() is not None:
            return DateRef(None, ref.get(), "day", "document")
        return None


class _LazyDate:
    """The first explicit full date of a text, found only if a relative date needs it."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._value: date | None = None
        self._done = False

    def get(self) -> date | None:
        if not self._done:
            first = next((h for h in dates_mod.find_dates(self.text, 0, len(self.text), None)
                          if h.explicit and h.ref.precision == "day" and not h.background), None)
            self._value = first.ref.value if first else None
            self._done = True
        return self._value


def _document_date(text: str) -> _LazyDate:
    return _LazyDate(text)


#: Categories of violent incidents whose toll is often reported in the sentence after the incident.
_VIOLENT = frozenset({"border", "militancy", "unrest"})
_SEPARATE = ("separate", "another", "elsewhere", "earlier", "отдельн", "другом", "другой", "ранее", "также")
_TOLLS = ("fatalities", "injured", "arrested")


def _fold_tolls(mentions: list[CodedMention], text: str) -> list[CodedMention]:
    """"Guards exchanged fire near Isfana. Two guards were killed and five injured.": a
    sentence that only adds the toll of the violent incident just described, in the same
    paragraph, with no place of its own and no word of another incident, completes that
    incident's mention instead of starting a second one (whose category the casualty words
    alone would decide)."""
    out: list[CodedMention] = []
    for cm in mentions:
        prev = out[-1] if out else None
        m = cm.mention
        if prev is not None and _is_toll_of(prev, cm, text):
            pm = prev.mention
            tolls = {k: getattr(m, k) for k in _TOLLS if getattr(m, k).best and not getattr(pm, k).best}
            evidence = {**prev.field_evidence, **{k: v for k, v in cm.field_evidence.items() if k in tolls}}
            out[-1] = CodedMention(pm.replace(**tolls), prev.score, prev.sentence, prev.country, evidence)
            continue
        out.append(cm)
    return out


def _borrow_tolls(mentions: list[CodedMention], spans: list[tuple[int, int]], text: str) -> list[CodedMention]:
    """"…exchanged fire on Monday. Погибли два пограничника, пятеро ранены.": when the sentence
    after a violent incident is no mention of its own, its casualty counts are that incident's."""
    taken = {cm.sentence for cm in mentions}
    index = {span: i for i, span in enumerate(spans)}
    out = []
    for cm in mentions:
        m, i = cm.mention, index.get(cm.sentence)
        nxt = spans[i + 1] if i is not None and i + 1 < len(spans) else None
        if (m.category not in _VIOLENT or nxt is None or nxt in taken or any(getattr(m, k).best for k in _TOLLS)
                or "\n\n" in text[cm.sentence[1]:nxt[0]]
                or any(w in text[nxt[0]:nxt[1]].lower() for w in _SEPARATE)):
            out.append(cm)
            continue
        found: dict[str, Evidence] = {}
        tolls = {name: _count(fn(text, *nxt), name, text, found) for name, fn in
                 (("fatalities", numbers.fatalities), ("injured", numbers.injured), ("arrested", numbers.arrested))}
        tolls = {k: v for k, v in tolls.items() if v.best}
        if not tolls:
            out.append(cm)
            continue
        evidence = {**cm.field_evidence, **{k: v for k, v in found.items() if k in tolls}}
        out.append(CodedMention(m.replace(**tolls), cm.score, cm.sentence, cm.country, evidence))
    return out


def _is_toll_of(prev: CodedMention, cm: CodedMention, text: str) -> bool:
    pm, m = prev.mention, cm.mention
    if pm.category not in _VIOLENT or m.category not in _VIOLENT:
        return False
    if not any(getattr(m, k).best for k in _TOLLS) or any(getattr(pm, k).best for k in _TOLLS):
        return False
    between = text[prev.sentence[1]:cm.sentence[0]]
    sentence = text[cm.sentence[0]:cm.sentence[1]].lower()
    if "\n\n" in between or any(w in sentence for w in _SEPARATE):
        return False
    # a place of its own: named in this sentence, finer than a country ("the Kyrgyz border service"
    # names no place), and not the previous incident's place
    p = m.place
    own_place = (p is not None and p.start is not None and cm.sentence[0] <= p.start and p.precision_ucdp < 6
                 and (pm.place is None or (p.geonameid, p.name) != (pm.place.geonameid, pm.place.name)))
    # a country of one of the incident's parties ("..., the Kyrgyz border service said") is no
    # other incident's
    parties = {prev.country} | {a.country for a in pm.actors}
    return not own_place and (cm.country is None or prev.country is None or cm.country in parties)


def _relevant(mentions: list[CodedMention], lead: dict[str, float], title: dict[str, float]) -> list[CodedMention]:
    """Mentions of the categories the document is about: one the title or lead (first
    sentences) scores as a mention would, or with one strong mention. A passing remark deep in
    a long text ("I also thought to dismiss it") is not the document's event."""
    keep = {m.mention.category for m in mentions
            if m.score >= STRONG_SCORE or max(lead.get(m.mention.category, 0.0),
                                                title.get(m.mention.category, 0.0)) >= MIN_SCORE}
    return [m for m in mentions if m.mention.category in keep]


_BORDER_WORDS = frozenset({"border", "frontier", "граница", "рубеж"})
#: What a country's border words name on its own side: "Kyrgyz border post", "Tajik border troops".
_BORDER_UNITS = ("guard", "post", "troop", "service", "officer", "police", "outpost", "force", "unit",
                 "checkpoint", "village", "town", "district", "area")


def _origin(toks: list[Token], first: int) -> bool:
    if any(toks[k].norm in ("сторона", "территория") and toks[k - 1].norm == "с"
           for k in range(max(1, first - 3), first)):
        return True  # "со стороны афганской провинции Бадгис", "с территории Афганистана": where from
    j = first - 1
    if j >= 2 and toks[j].norm in ("и", "and", ","):
        j -= 2  # the second of two countries: "из Таджикистана и Киргизии"
    if j >= 0 and toks[j].norm in ("из", "of", "from"):
        j -= 1
    return j >= 0 and toks[j].norm.startswith(ORIGIN_STEMS)


_SHIP_STEMS = ("export", "supply", "supplie", "deliver", "экспорт", "поставк", "поставля", "постав", "подач",
               "направля", "bound", "выезжа")


def _elsewhere(toks: list[Token], c: CountryHit, hi: int) -> bool:
    """A country named as the far side of the event, not where it happened: across the border
    ("the Afghan border", "border with China", "на границе с Китаем"), where goods go ("power
    exports to Afghanistan", "экспорт электроэнергии в Афганистан") or where people or shots come
    from ("граждан Афганистана", "выходцами из Таджикистана и Киргизии", "со стороны афганской
    провинции")."""
    first = c.first
    if c.people or _origin(toks, first):
        return True  # "сотни казахстанцев", "граждан Афганистана": where people come from
    if c.last + 1 < hi and toks[c.last + 1].norm in _BORDER_WORDS and "-" not in toks[c.last].norm and not (
            c.last + 2 < hi and toks[c.last + 2].norm.startswith(_BORDER_UNITS)):
        return True  # "the Afghan border", not "Kyrgyz border post" / "Afghan border villages" / "Kyrgyz-Tajik border"
    if first >= 2 and toks[first - 1].norm in ("с", "with") and toks[first - 2].norm in _BORDER_WORDS:
        return True
    if first >= 3 and toks[first - 1].norm in COMPASS:
        first -= 1  # "to western China": the preposition stands before the compass word
    if first < 2 or not any(t.norm.startswith(_SHIP_STEMS) for t in toks[max(0, first - 4):first - 1]):
        return False
    prev, name = toks[first - 1].norm, toks[c.first]
    # "в Афганистан" (where to), not "в Афганистане" (where): the name in its own form
    return prev in ("to", "into") or prev in ("в", "во") and name.text.lower().replace("ё", "е") == name.norm


#: A border cue between two states, one of the region ("обмен огнём между военнослужащими
#: Кыргызстана и Таджикистана", "Taliban forces and Iranian guards exchange fire"): the
#: interstate incident the border category is about.
TWO_STATES_CUE = Cue("border", None, 1, "rule:two-states")
_STATE_SECTORS = frozenset({"GOV", "MIL", "COP", "SPY"})


def _passes(scores: dict[str, float], cues: dict[str, list[tuple[Cue, int, int]]], extra: Cue | None = None) -> bool:
    """A category scores ≥ MIN_SCORE with a cue of weight ≥ MIN_CUE_WEIGHT (with ``extra`` added)."""
    return any(v + (extra.weight if extra and k == extra.category else 0) >= MIN_SCORE
               and max(c.weight for c, _, _ in cues[k]) >= MIN_CUE_WEIGHT for k, v in scores.items())


def _two_states(countries: list[CountryHit], actors: list[ActorHit]) -> bool:
    codes = {c.code for c in countries}
    codes |= {a.actor.country for a in actors if a.actor.sector in _STATE_SECTORS and a.actor.country}
    return len(codes) >= 2 and bool(codes & CORE)


def _side_of(place: Place, countries: list[CountryHit], text: str) -> CountryHit | None:
    """The country whose side of the border the text puts a place on, right after its name
    ("Хоргос на китайской стороне", "Khorgos, on the Chinese side", "Хоргос со стороны Китая")."""
    end = place.end or 0
    crossing = (place.feature_code or "").startswith(("PSTB", "PPL"))
    for c in countries:
        if end <= c.start <= end + 20 and (_SIDE_BETWEEN.fullmatch(text[end:c.start]) and _SIDE_AFTER.match(
                text, c.end) or crossing and _FROM_SIDE_BETWEEN.fullmatch(text[end:c.start])
                and not _NAME_AFTER.match(text, c.end)):
            return c
    return None


#: "(Хоргос) со стороны Китая": the crossing on China's side.
_FROM_SIDE_BETWEEN = re.compile(r"(?i)\s+со\s+стороны\s+")
#: A name right after the country's word: the word qualifies that name, it gives no side ("(Пяндж)
#: со стороны афганского Бадахшана", a river and the land across it).
_NAME_AFTER = re.compile(r"\s+[A-ZА-ЯЁ]")
#: A Xinjiang adjective right before a town named on both sides of the border ("в синьцзянском Хоргосе").
_XINJIANG_BEFORE = re.compile(r"(?i)(?:синьцзянск\w*|xinjiang's|xinjiang)\s+$")
#: "на китайской стороне", "на китайской территории", "on the Chinese side".
_SIDE_BETWEEN = re.compile(r"(?i),?\s+(?:на|on\s+the)\s+")
_SIDE_AFTER = re.compile(r"(?i)\s+(?:сторон\w*|территори\w*|side|territory)\b")


def _given_name(place: Place, actors: list[ActorHit], text: str) -> bool:
    """The place's name opens an actor's name and a capitalised word follows it ("Sergei Lavrov"),
    not a lower-case one ("Kabul government")."""
    if place.start is None or place.end is None:
        return False
    for a in actors:
        if a.start == place.start and a.end > place.end:
            rest = text[place.end:a.end].lstrip()
            return rest[:1].isupper()
    return False


def _mishap(score: SentenceScore) -> bool:
    """The sentence reports a disaster or an accident: its dead are the mishap's toll, not
    evidence of violence (pass one still counts them, as an upper bound)."""
    return "environment" in score.cues or any(
        c.subtype == "accident" for cues in score.cues.values() for c, _, _ in cues)


def _backed_by_text(place: Place, text: str, main_places: bool) -> bool:
    """A toponym the text itself backs, whatever countries the sentence names: typed as a place,
    a seat (:func:`_seat`), a town of Xinjiang ("Кашгар: ..."), or a country named (not an
    adjective) in a side remark when the rest of the sentence names no place."""
    return typed_toponym(text, place) or _seat(place, text) or place.admin1_iso == XINJIANG or (
        place.feature_code == "PCLI" and not main_places and (place.text or "")[:1].isupper())


def _seat(place: Place, text: str) -> bool:
    """A capital anywhere, a province or province seat of the region, a neighbour's province, or
    a town abroad that the text puts the event in ("Си Цзиньпин прибыл ... в Астану", "a
    blogger based in Berlin", "an airstrike near Idlib", "Russian troops held drills ... in
    Khatlon", "Police in Tatarstan detained two Uzbek nationals", "detain Turkmen blogger in
    Istanbul"), or a town or district of the region after "in" ("US air strike kills 17 insurgents
    in Shindand"; not a longer name it opens: "near Angoor Adda"): its name is no common word or
    surname read as a village, so it stands against the countries named elsewhere. A town whose
    police or court acts ("Полиция Стамбула задержала") is put in so too."""
    if place.feature_code == "ADM1":
        return place.country in REGION
    if place.feature_code == "PPLC" or place.feature_code == "PPLA" and place.country in CORE:
        return True
    code = place.feature_code or ""
    put_in = _IN_BEFORE.search(text, max(0, (place.start or 0) - 18), place.start or 0) is not None
    if place.country in CORE:
        # "US air strike kills 17 insurgents in Shindand": a town or district of the region that
        # "in" puts the event in, unless its name is an ordinary English word
        surface = place.text or ""
        return (code.startswith("PPL") or code == "ADM2") and put_in and not english_word(surface) and (
            surface.endswith(("'s", "’s")) or not _NAME_GOES_ON.match(text, place.end or 0))
    return code.startswith("PPL") and (put_in or local_force(place, text))


#: A person from a place of the region ("уроженец Самаркандской области", "a native of Osh"):
#: events abroad of the document are the region's, as with "граждане Казахстана".
_NATIVE_OF = re.compile(r"(?i)\b(?:уроженц\w*|уроженец|уроженк\w*|выход\w+\s+из|natives?\s+of|born\s+in)\s+$")
#: "from" right before a name: where the party comes from ("operate from Kunar", "с территории Афганистана").
_FROM_BEFORE = re.compile(r"(?i)(?:\bfrom|\bиз|\bс\s+территории)\s+$")
#: A capitalised word right after a name, other than a unit word: the name goes on ("Angoor Adda").
_NAME_GOES_ON = re.compile(r" (?!(?:District|Province|Valley|Gorge)\b)[A-ZА-ЯЁ]")
#: "in" or "near" right before a name ("in Istanbul", "an airstrike near Idlib"; Russian "в" and
#: "под" are read from the case, places.typed_toponym).
_IN_BEFORE = re.compile(r"\b(?:in|at|near|outside)\s+(?:(?:northern|southern|eastern|western|central)\s+)?$")


def _as_of(actors: list[ActorHit], score: SentenceScore, day_of: Callable[[], date | None]) -> list[ActorHit]:
    """Armed groups that govern by the report's date (publication, else the text's first date)
    act as the state: sector ``GOV``, and their name is no longer evidence of militancy ("Taliban
    pull Noor TV off air" is about the media, "China accepts Taliban envoy" about diplomacy).
    Undated reports keep the armed-group reading."""
    out = []
    for a in actors:
        since = a.actor.governs_since
        day = day_of() if since else None
        if since and day is not None and day.isoformat() >= since:
            score.drop(ACTOR_EVIDENCE["REB"][0], a.start, a.end)
            a = replace(a, actor=replace(a.actor, sector="GOV"))
        out.append(a)
    return out


def _actor_evidence(score: SentenceScore, actors: list[ActorHit]) -> None:
    """Evidence lent by actors; an actor named by a word that is itself a cue of the same
    category ("Taliban") adds 1 to the cue rather than its full weight."""
    for a in actors:
        lent = ACTOR_EVIDENCE.get(a.actor.sector or "")
        if lent and any(s < a.end and a.start < e for _, s, e in score.cues.get(lent[0], [])):
            lent = (lent[0], 1)
        if lent:
            score.add(Cue(lent[0], None, lent[1], f"actor:{a.actor.id}"), a.start, a.end)
        if a.actor.sector == PAIR_SECTOR and a.actor.country and MEETING in score.subtypes.get(
                PAIR_EVIDENCE[0], {}) and any(
                b.actor.sector == PAIR_SECTOR and b.actor.country not in (None, a.actor.country) for b in actors):
            score.add(PAIR_CUE, a.start, a.end)
        toll = TOLL_SECTORS.get(a.actor.sector or "")
        if toll and has_toll([c for cues in score.cues.values() for c in cues]):
            score.add(Cue(toll[0], None, toll[1], f"{TOLL}{a.actor.id}"), a.start, a.end)
        if a.actor.id.endswith(".border"):
            cat, w = KIND_EVIDENCE["border"]
            score.add(Cue(cat, None, w, f"actor:{a.actor.id}"), a.start, a.end)


def _count(hits: list[numbers.CountHit], name: str, text: str, ev: dict[str, Evidence]) -> Range:
    top = numbers.largest(hits)
    if top is None:
        return Range()
    ev[name] = Evidence(top.start, top.end, text[top.start:top.end])
    return top.range


def _roles(actors: list[ActorHit], cue: tuple[int, int], category: str) -> tuple[ActorRef, ...]:
    """Initiator before the cue and target after it for violent categories; others 'other'."""
    out: dict[str, ActorRef] = {}
    for a in actors:
        if a.actor.id in out:
            continue
        role = "other"
        if category in _VIOLENT:
            if a.actor.sector == "REB":
                role = "initiator"
            else:
                role = "initiator" if a.start < cue[0] else "target"
        out[a.actor.id] = ActorRef(name=a.actor.name, role=role, actor_id=a.actor.id, sector=a.actor.sector,
                                   country=a.actor.country, text=a.text, start=a.start, end=a.end)
    return tuple(out.values())


def _claimant(actors: list[ActorHit], span: tuple[int, int] | None) -> str | None:
    if not span or not actors:
        return None
    nearest = min(actors, key=lambda a: abs(a.start - span[0]))
    return nearest.actor.name if abs(nearest.start - span[0]) <= 60 else None


def _default_subtype(category: str, counts: dict[str, Range], qty: list[Any]) -> str | None:
    if category == "narcotics":
        return "seizure" if qty else ("arrest" if counts["arrested"].best else None)
    if category == "militancy" and counts["arrested"].best:
        return "arrest"
    return None
