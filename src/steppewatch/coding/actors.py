"""The actor registry: named actors, generic role words and country names, with a matcher.

``ActorRegistry.default()`` loads ``data/actors.toml`` (our own text). ``seed_from_ucdp`` adds the
UCDP actor list, read at run time from a CSV the user points to (never copied into the repo):
UCDP names attach a ``ucdp_id`` to a curated actor with the same name or alias, and the rest
become new ``ucdp.<ActorId>`` entries.

Matching finds, in one sentence's tokens: named actors by alias; generic role words
("пограничники", "police") resolved to a country's actor by the nearest country word; and
country names, which place events and qualify generic actors.
"""

from __future__ import annotations

import csv
import threading
import tomllib
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

from ..errors import InputError
from ..models import Actor
from ..vocab import CENTRAL_ASIA, LANGUAGE_BEFORE, LANGUAGE_BREAK, LANGUAGE_WORDS
from .categories import ACTOR_EVIDENCE, KIND_EVIDENCE, PAIR, PAIR_EVIDENCE, PAIR_SECTOR, TOLL, TOLL_SECTORS
from .matcher import Match, PhraseIndex, compile_phrase, longest_non_overlapping
from .text import Token, word_tokens

#: UCDP "Location" names of the countries this registry knows, for seeding.
_UCDP_LOCATIONS = {
    "Kazakhstan": "KZ", "Kyrgyzstan": "KG", "Tajikistan": "TJ", "Turkmenistan": "TM",
    "Uzbekistan": "UZ", "Afghanistan": "AF", "China": "CN", "Iran": "IR", "Pakistan": "PK",
    "Russia (Soviet Union)": "RU", "Russia": "RU", "United States of America": "US",
}
#: Words for a part of a country between a preposition and its name ("in southern Lebanon").
COMPASS = frozenset("southern northern eastern western central south north east west "
                     "южный северный восточный западный центральный".split())
_PREPOSITIONS = frozenset(
    "in from to of at near across into with for on by within throughout inside "
    "в во из на по к от до с со у о об через для между под над при за".split()
)
#: Prepositions of where, which make a country named after them (or after them and a compass word)
#: a place: not "from"/"из" (where people come from: "строители из Узбекистана"), "to" (where goods
#: go), "on"/"of"/"with"/"с" ("talks focused on Afghanistan", "the government of Kazakhstan").
_PLACE_PREPOSITIONS = frozenset("in at near across into within throughout inside в во на по у под через".split())


def _names_a_language(toks: Sequence[Token], i: int, lo: int, hi: int) -> bool:
    """``toks[i]`` is a language, not the country: the token form of
    :func:`steppewatch.geo.context.names_a_language` (the registry sees tokens, not the text). It
    follows "in", or "in" and another language, and a break follows it: a conjunction, a
    preposition or punctuation (more than the one space between two tokens)."""
    if toks[i].norm not in LANGUAGE_WORDS:
        return False
    after_in = i > lo and toks[i - 1].norm in LANGUAGE_BEFORE or (
        i - 2 > lo and toks[i - 1].norm in ("and", "or") and toks[i - 2].norm in LANGUAGE_WORDS
        and toks[i - 3].norm in LANGUAGE_BEFORE)
    return after_in and (i + 1 >= hi or toks[i + 1].norm in LANGUAGE_BREAK or toks[i + 1].start - toks[i].end > 1)


@dataclass(frozen=True, slots=True)
class ActorHit:
    actor: Actor
    start: int
    end: int
    text: str
    first: int  # token index
    generic: bool = False


#: The countries whose "X-led" compounds link an event to the region (see ``scope``).
_REGION_PARTIES = frozenset((*CENTRAL_ASIA, "AF"))
#: Second halves of an English compound that qualify a country's adjective ("Uzbek-led group").
_COMPOUND_TAILS = frozenset({"led", "born", "run", "based", "backed", "funded", "registered", "flagged",
                             "dominated", "owned", "speaking", "made"})


@dataclass(frozen=True, slots=True)
class CountryHit:
    code: str
    start: int
    end: int
    first: int
    last: int
    as_place: bool  # "в Казахстане" (a place) rather than "Казахстан заявил" (an agent)
    people: bool = False  # "Uzbeks", "казахстанцев": where people come from, never the scene nor a role's country


class ActorRegistry:
    def __init__(self, actors: Sequence[Actor], kinds: dict[str, str | None],
                 generics: dict[str, list[str]], countries: dict[str, list[str]],
                 capitals: dict[str, list[str]] | None = None, people: dict[str, list[str]] | None = None) -> None:
        self.actors = {a.id: a for a in actors}
        self.kinds = kinds  # actor id -> generic kind
        #: actor id -> the country a foreign force is based in ("ru.201_base" -> "TJ")
        self.stationed: dict[str, str] = {}
        self._kept = threading.local()  # countries found for the last token list (see countries)
        self.by_kind_country = {(k, self.actors[i].country): i for i, k in kinds.items() if k}
        #: Sector of a generic role word ("soldiers" -> MIL), from the actors of that kind.
        self.kind_sector = {k: self.actors[i].sector for i, k in kinds.items() if k and self.actors[i].sector}
        self._named: PhraseIndex[str] = PhraseIndex()
        self._generic: PhraseIndex[str] = PhraseIndex()
        self._country: PhraseIndex[tuple[str, str]] = PhraseIndex()  # (code, "name" | "capital" | "people")
        for actor in actors:
            self._index_actor(actor)
        for kind, aliases in generics.items():
            for alias in aliases:
                self._generic.add_phrase(alias, kind)
        for kind, table in (("name", countries), ("capital", capitals or {}), ("people", people or {})):
            for code, names in table.items():
                for name in names:
                    self._country.add_phrase(name, (code, kind))

    def _index_actor(self, actor: Actor) -> None:
        for alias in {actor.name, *actor.aliases}:
            words = compile_phrase(alias)
            # Short upper-case acronyms must be written as acronyms: "IS" is not "is".
            if len(alias) <= 4 and alias.isupper() and alias.isascii():
                words = ("\x00" + alias,)
            self._named.add(words, actor.id)
            # A surname's lemma may not be its written form ("Каримов" -> "карим", while
            # "Каримова" -> "каримов"): the written form, lower-cased, is indexed too.
            written = tuple(w.lower().replace("ё", "е") for w in word_tokens(alias))
            if written != words and not alias.isupper():
                self._named.add(written, actor.id)

    def __getstate__(self) -> dict[str, object]:
        return {k: v for k, v in self.__dict__.items() if k != "_kept"}  # per-thread answers stay behind

    def __setstate__(self, state: dict[str, object]) -> None:
        self.__dict__.update(state)
        self._kept = threading.local()

    # --- loading --------------------------------------------------------------------------

    @classmethod
    def from_toml(cls, text: str) -> ActorRegistry:
        data = tomllib.loads(text)
        actors: list[Actor] = []
        kinds: dict[str, str | None] = {}
        for row in data.get("actor", []):
            actors.append(Actor(id=row["id"], name=row["name"], sector=row.get("sector"),
                                country=row.get("country"), aliases=tuple(row.get("aliases", ())),
                                wikidata=row.get("wikidata"), ucdp_id=row.get("ucdp_id"),
                                governs_since=row.get("governs_since")))
            kinds[row["id"]] = row.get("kind")
        generics = {g["kind"]: list(g["aliases"]) for g in data.get("generic", [])}
        countries = {c["code"]: list(c["names"]) for c in data.get("country", [])}
        capitals = {c["code"]: list(c.get("capital", [])) for c in data.get("country", [])}
        people = {c["code"]: list(c.get("people", [])) for c in data.get("country", [])}
        registry = cls(actors, kinds, generics, countries, capitals, people)
        registry.stationed = {row["id"]: row["stationed"] for row in data.get("actor", []) if row.get("stationed")}
        return registry

    @classmethod
    def default(cls) -> ActorRegistry:
        return _default_registry()

    def with_actors(self, extra: Sequence[Actor]) -> ActorRegistry:
        """A copy with more actors (later entries replace earlier ones with the same id)."""
        merged = {**self.actors, **{a.id: a for a in extra}}
        new = ActorRegistry.__new__(ActorRegistry)
        new.__dict__.update(self.__dict__)
        new.actors = merged
        new._named = PhraseIndex()
        for actor in merged.values():
            new._index_actor(actor)
        return new

    # --- matching -------------------------------------------------------------------------

    def countries(self, toks: Sequence[Token], lo: int = 0, hi: int | None = None) -> list[CountryHit]:
        """Countries named in ``toks[lo:hi]``. The coder asks again for the same sentence (pass one,
        actors, the sentence itself): the answers for the last token list are kept."""
        kept = self._kept  # per thread: coders in two threads may share this registry
        if getattr(kept, "toks", None) is not toks:
            kept.toks, kept.seen = toks, {}
        key = (lo, len(toks) if hi is None else hi)
        hits = kept.seen.get(key)
        if hits is None:
            hits = kept.seen[key] = self._find_countries(toks, *key)
        return list(hits)

    def _find_countries(self, toks: Sequence[Token], lo: int, hi: int) -> list[CountryHit]:
        out = []
        for m in longest_non_overlapping(self._country.find(toks, lo, hi)):
            code, kind = m.payload
            if m.first == m.last and _names_a_language(toks, m.first, lo, hi):
                continue  # "written in Uzbek, they call ...": the language, not the country
            prev = toks[m.first - 1].norm if m.first > lo else ""
            if prev in COMPASS and m.first - 1 > lo:  # "in southern Lebanon", "в Южном Ливане"
                prev = toks[m.first - 2].norm
            out.append(CountryHit(code, m.start, m.end, m.first, m.last,
                                  kind == "name" and prev in _PLACE_PREPOSITIONS, kind == "people"))
        covered = {h.first for h in out}
        for i in range(lo, hi):
            if "-" in toks[i].norm and i not in covered:
                out.extend(CountryHit(code, toks[i].start, toks[i].end, i, i, False)
                           for code in self._compound(toks[i].norm))
        return sorted(out, key=lambda h: h.start)

    def _compound(self, norm: str) -> list[str]:
        """Countries of a compound adjective ("Kyrgyz-Tajik", "таджикско-афганский", "Uzbek-led"):
        each part, a Russian first part in its "-ско" form read as the adjective ("таджикско" ->
        "таджикский"), an English tail such as "-led" skipped."""
        codes: list[str] = []
        for part in norm.split("-"):
            if codes and part in _COMPOUND_TAILS:
                # "Uzbek-led", "Kazakh-registered": a party of the region, qualified ("Chinese-funded"
                # names a funder, left as before)
                return codes if codes[0] in _REGION_PARTIES else []
            forms = [part, part[:-1] + "ий"] if part.endswith(("ско", "цко")) else [part]
            found = next((c for f in forms for c, _ in self._country.single_word(f)), None)
            if found is None:
                return []  # "Нью-Йорк", "Hayat Tahrir al-Sham": not a compound of countries
            codes.append(found)
        return list(dict.fromkeys(codes))

    def lent_evidence(self, toks: Sequence[Token], lo: int, hi: int,
                      acro: Sequence[Token]) -> list[tuple[str, int, str, int, int]]:
        """(category, weight, phrase, start, end) that the actors of ``toks[lo:hi]`` could lend
        to the sentence's scores, whatever country a generic role word resolves to."""
        out = []
        countries: list[CountryHit] | None = None  # looked up once, for the first role word that needs them
        for m in [*self._named.find(acro, lo, hi), *self._named.find(toks, lo, hi)]:
            actor = self.actors.get(m.payload)
            if actor is None:
                continue
            lent = ACTOR_EVIDENCE.get(actor.sector or "")
            if lent:
                out.append((lent[0], lent[1], f"actor:{actor.id}", m.start, m.end))
            if actor.sector in TOLL_SECTORS:  # counts only beside a toll cue (see the coder)
                out.append((*TOLL_SECTORS[actor.sector], f"{TOLL}{actor.id}", m.start, m.end))
            if actor.sector == PAIR_SECTOR:  # counts only with a second one (see the coder)
                out.append((*PAIR_EVIDENCE, f"{PAIR}{actor.id}", m.start, m.end))
            if actor.id.endswith(".border"):
                out.append((*KIND_EVIDENCE["border"], f"actor:{actor.id}", m.start, m.end))
        for m in self._generic.find(toks, lo, hi):
            if m.payload in KIND_EVIDENCE:
                out.append((*KIND_EVIDENCE[m.payload], f"kind:{m.payload}", m.start, m.end))
            sector = self.kind_sector.get(m.payload)
            if sector in TOLL_SECTORS:
                out.append((*TOLL_SECTORS[sector], f"{TOLL}kind:{m.payload}", m.start, m.end))
            if sector == PAIR_SECTOR:
                out.append((*PAIR_EVIDENCE, f"{PAIR}kind:{m.payload}:{m.start}", m.start, m.end))
                countries = self.countries(toks, lo, hi) if countries is None else countries
                if _shared_role(m, countries, toks):  # "the presidents of Kyrgyzstan and Tajikistan"
                    out.append((*PAIR_EVIDENCE, f"{PAIR}kind:{m.payload}:{m.start}:2", m.start, m.end))
        return out

    def find(self, toks: Sequence[Token], text: str, lo: int = 0, hi: int | None = None,
             default_country: str | None = None, acro: Sequence[Token] | None = None) -> list[ActorHit]:
        """Named and generic actors in ``toks[lo:hi]``; generic ones need a country.

        ``acro`` is :func:`acronym_tokens` of ``toks``, passed in when the caller has it."""
        hi = len(toks) if hi is None else hi
        acro = acro if acro is not None else acronym_tokens(toks)
        named = self._named.find(acro, lo, hi) + self._named.find(toks, lo, hi)
        generic = self._generic.find(toks, lo, hi)
        countries = self.countries(toks, lo, hi)
        chosen = longest_non_overlapping([*named, *generic])
        hits: list[ActorHit] = []
        for m in chosen:
            if isinstance(m.payload, str) and m.payload in self.actors and m in named:
                actor = self.actors[m.payload]
                hits.append(ActorHit(actor, m.start, m.end, text[m.start:m.end], m.first))
                # "Kyrgyz and [Tajik border guards]": the same kind of force of each coordinated country
                kind = self.kinds.get(actor.id)
                lead = next((c for c in countries if c.first <= m.first <= c.last), None)
                for code in _coordinated(lead, countries, toks)[:-1] if kind and lead else ():
                    other = self.by_kind_country.get((kind, code))
                    if other and other != actor.id:
                        hits.append(ActorHit(self.actors[other], m.start, m.end, text[m.start:m.end], m.first, True))
                continue
            nearest = _nearest(m, countries)
            codes = _coordinated(nearest, countries, toks) if nearest else [default_country]
            for code in dict.fromkeys(codes):  # "Kyrgyz and Tajik border guards": one actor each
                actor_id = self.by_kind_country.get((m.payload, code))
                if actor_id:
                    hits.append(ActorHit(self.actors[actor_id], m.start, m.end, text[m.start:m.end], m.first, True))
        hits.extend(self._states(toks, text, countries, [m for m in chosen if m not in named]))
        return _drop_shadowed(hits)

    def _states(self, toks: Sequence[Token], text: str, countries: Sequence[CountryHit],
                roles: Sequence[Match[str]]) -> list[ActorHit]:
        """A country named as an agent, not a place ("Китай раскритиковал США", "Beijing said"),
        is its government (PLOVER codes states as actors); adjectives ("Afghan forces"),
        possessives ("China's ...") and names that qualify a role word ("МИД Китая") are not."""
        out = []
        for c in countries:
            if c.as_place or c.people or (c.first > 0 and toks[c.first - 1].norm in _PREPOSITIONS):
                continue
            if _adjectival(text[c.start:c.end], toks[c.first].norm) or text[c.end:c.end + 2] in ("'s", "’s"):
                continue
            # Russian names in an oblique case qualify a noun ("партия Казахстана"); the
            # nominative (= inanimate accusative) form acts ("Китай раскритиковал", "призвав Китай").
            if not toks[c.first].text.isascii() and toks[c.first].text.lower().replace("ё", "е") != toks[c.first].norm:
                continue
            if any(m.first - 3 <= c.first <= m.last + 3 for m in roles):
                continue
            actor_id = self.by_kind_country.get(("gov", c.code))
            if actor_id:
                out.append(ActorHit(self.actors[actor_id], c.start, c.end, text[c.start:c.end], c.first, True))
        return out


_ETHNONYMS = frozenset({"kazakh", "kyrgyz", "tajik", "uzbek", "turkmen"})


def _adjectival(surface: str, norm: str) -> bool:
    """"Afghan", "Chinese", "Kazakh", "казахстанский": names that qualify rather than act."""
    low = surface.lower()
    if low.isascii():
        return low in _ETHNONYMS or low.endswith(("an", "ese", "i", "ish"))
    return norm.endswith(("ский", "цкий", "ий", "ый", "ой"))


def acronym_tokens(toks: Sequence[Token]) -> list[Token]:
    """Tokens with upper-case words marked, so "IS" matches the acronym and "is" does not."""
    return [Token(t.start, t.end, t.text, "\x00" + t.text) if t.text.isupper() else t for t in toks]


def _shared_role(m: Match[str], countries: Sequence[CountryHit], toks: Sequence[Token]) -> bool:
    """True when a role word is qualified by two or more coordinated countries."""
    nearest = _nearest(m, countries)
    return nearest is not None and len(set(_coordinated(nearest, countries, toks))) >= 2


def _nearest_country(m: Match[str], countries: Sequence[CountryHit]) -> str | None:
    hit = _nearest(m, countries)
    return hit.code if hit else None


def _nearest(m: Match[str], countries: Sequence[CountryHit]) -> CountryHit | None:
    best: tuple[int, CountryHit] | None = None
    for c in countries:
        if c.people:
            continue  # "police detained 20 Uzbeks": no Uzbek police
        gap = c.first - m.last if c.first > m.last else m.first - c.last
        if 0 < gap <= 3 and (best is None or gap < best[0]):
            best = (gap, c)
    return best[1] if best else None


_CONJUNCTIONS = frozenset({"and", "и", ",", "&", "with", "с"})


def _coordinated(c0: CountryHit, countries: Sequence[CountryHit], toks: Sequence[Token]) -> list[str]:
    """The countries joined to ``c0`` by "and"/"и"/commas: "Kyrgyz and Tajik", "Киргизии и Таджикистана"."""
    chain, by_first, by_last = [c0], {c.first: c for c in countries}, {c.last: c for c in countries}
    cur = c0
    while cur.first >= 2 and toks[cur.first - 1].norm in _CONJUNCTIONS and cur.first - 2 in by_last:
        cur = by_last[cur.first - 2]
        chain.insert(0, cur)
    cur = c0
    while cur.last + 2 < len(toks) and toks[cur.last + 1].norm in _CONJUNCTIONS and cur.last + 2 in by_first:
        cur = by_first[cur.last + 2]
        chain.append(cur)
    return [c.code for c in chain]


def _drop_shadowed(hits: list[ActorHit]) -> list[ActorHit]:
    """A generic role next to a named person of the same country is that person."""
    named = [h for h in hits if not h.generic]
    out = []
    for h in hits:
        if h.generic and any(n.actor.country == h.actor.country and n.actor.sector == h.actor.sector
                             and 0 < n.first - h.first <= 4 for n in named):
            continue
        out.append(h)
    return out


@lru_cache(maxsize=1)
def _default_registry() -> ActorRegistry:
    text = resources.files("steppewatch.coding").joinpath("data/actors.toml").read_text("utf-8")
    return ActorRegistry.from_toml(text)


def load_ucdp_actors(path: str | Path) -> list[Actor]:
    """UCDP actor list rows (v22.1 CSV) as registry actors; the file is read, never copied."""
    p = Path(path)
    if not p.is_file():
        raise InputError("UCDP actor file not found; pass the CSV downloaded from ucdp.uu.se", input=str(p))
    out = []
    with p.open(encoding="utf-8-sig", newline="") as fh:
        for row in csv.DictReader(fh):
            try:
                ucdp_id = int(row["ActorId"])
            except (KeyError, ValueError):
                continue
            names = {row.get(k, "").strip() for k in ("NameData", "NameOrig", "NameOrigFullEng", "NewName")}
            names.discard("")
            names.discard("n/a")
            name = row.get("NameData", "").strip() or next(iter(names), str(ucdp_id))
            locs = [x.strip() for x in row.get("Location", "").split(",")]
            codes = [_UCDP_LOCATIONS[x] for x in locs if x in _UCDP_LOCATIONS]
            sector = "GOV" if name.startswith("Government of") else "REB"
            out.append(Actor(id=f"ucdp.{ucdp_id}", name=name, sector=sector,
                             country=codes[0] if len(codes) == 1 else None,
                             aliases=tuple(sorted(names - {name})), ucdp_id=ucdp_id))
    return out


def seed_from_ucdp(registry: ActorRegistry, path: str | Path) -> ActorRegistry:
    """Attach UCDP ids to curated actors with the same name; add the other UCDP actors."""
    by_name: dict[str, str] = {}
    for actor in registry.actors.values():
        for n in (actor.name, *actor.aliases):
            by_name.setdefault(n.lower(), actor.id)
    updated: list[Actor] = []
    for ua in load_ucdp_actors(path):
        hit = next((by_name[n.lower()] for n in (ua.name, *ua.aliases) if n.lower() in by_name), None)
        if hit is None:
            gov = ua.name.removeprefix("Government of ").strip()
            hit = next((a.id for a in registry.actors.values()
                        if registry.kinds.get(a.id) == "gov" and gov and a.name.endswith(gov)), None)
        if hit:
            cur = registry.actors[hit]
            updated.append(cur.replace(ucdp_id=cur.ucdp_id or ua.ucdp_id,
                                       aliases=tuple(dict.fromkeys((*cur.aliases, ua.name, *ua.aliases)))))
        else:
            updated.append(ua)
    return registry.with_actors(updated)
