"""Mentions -> events: join mentions of the same real event across documents.

Two mentions (or a mention and an existing event) are the same event when all hold:

- same category (the ACLED floor: same day, same place, same actors, is stricter on each axis);
- dates within ``window_days`` (default 2) of each other, or either undated;
- places within ``distance_km`` (default 50) when both have coordinates, else the same country
  (and the same admin-1 unit when both know it);
- overlapping actor ids when both name actors; when either names none, the dates must be
  exactly equal and the places must agree at town level or by admin-1.

Negated and hypothetical mentions never create or join events. The function is pure: the same
input gives the same events with the same ids (``stable_id`` of the first mention's id).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from datetime import date

from ..models import ActorRef, DateRef, Event, Mention, Place, Range, stable_id


def _distance_km(a: Place, b: Place) -> float | None:
    if a.lat is None or b.lat is None or a.lon is None or b.lon is None:
        return None
    p1, p2 = math.radians(a.lat), math.radians(b.lat)
    dp, dl = p2 - p1, math.radians(b.lon - a.lon)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 6371.0 * 2 * math.asin(math.sqrt(h))


def _day(d: DateRef | None) -> date | None:
    return d.value if d is not None and d.value is not None else None


#: Date bases that mean "the text gave no date; this is when it was published".
_UNDATED = ("publication", "document", "none")


def _stated_day(d: DateRef | None) -> date | None:
    """The day the text itself gives, or None for a date taken from the publication."""
    return _day(d) if d is not None and d.basis not in _UNDATED else None


def _same_place(a: Place | None, b: Place | None, distance_km: float, strict: bool) -> bool:
    if a is None or b is None:
        return not strict
    dist = _distance_km(a, b)
    if dist is not None and a.precision_ucdp <= 3 and b.precision_ucdp <= 3:
        return dist <= distance_km
    if a.country != b.country:
        return False
    if a.admin1_iso and b.admin1_iso:
        return a.admin1_iso == b.admin1_iso
    return not strict


def _actor_ids(actors: Iterable[ActorRef]) -> set[str]:
    return {a.actor_id or a.name for a in actors}


def _compatible(m: Mention, e: Event, window_days: int, distance_km: float) -> bool:
    if m.category != e.category:
        return False
    md, ed = _day(m.date), _day(e.date)
    if md and ed and abs((md - ed).days) > window_days:
        return False
    ma, ea = _actor_ids(m.actors), _actor_ids(e.actors)
    weak = not ma or not ea
    # Without shared actors the days must agree: two stated days exactly, two publication days
    # exactly; a report that states no day ("Border guards clash near Isfana") may join an
    # event within the window, the place check below being strict.
    ms, es = _stated_day(m.date), _stated_day(e.date)
    if weak and ((ms and es and ms != es) or (ms is None and es is None and md != ed)):
        return False
    if ma and ea and not ma & ea:
        return False
    return _same_place(m.place, e.place, distance_km, strict=weak)


def _max_range(a: Range, b: Range) -> Range:
    return a if a.best >= b.best else b


def _absorb(e: Event, m: Mention, source_id: str) -> Event:
    actors = {a.actor_id or a.name: a for a in e.actors}
    for a in m.actors:
        actors.setdefault(a.actor_id or a.name, a)
    finer = m.place is not None and (e.place is None or m.place.precision_ucdp < e.place.precision_ucdp)
    better_place = m.place if finer else e.place
    date_ref = e.date
    if e.date.value is None or (m.date and m.date.value and (
            (m.date.precision == "day" and e.date.precision != "day")
            or (_stated_day(m.date) and not _stated_day(e.date)))):
        date_ref = m.date or e.date
    sources = e.source_ids if source_id in e.source_ids else (*e.source_ids, source_id)
    n = len(set(sources))
    return e.replace(
        actors=tuple(actors.values()),
        place=better_place,
        country=(better_place.country if better_place else e.country),
        date=date_ref,
        fatalities=_max_range(e.fatalities, m.fatalities),
        injured=_max_range(e.injured, m.injured),
        arrested=_max_range(e.arrested, m.arrested),
        quantities=e.quantities + tuple(q for q in m.quantities if q not in e.quantities),
        mention_ids=e.mention_ids + ((m.id,) if m.id not in e.mention_ids else ()),
        source_ids=sources,
        confidence=min(99, max(e.confidence, m.confidence) + 5 * (n - 1)),
    )


def _new_event(m: Mention, source_id: str) -> Event:
    return Event(
        id=stable_id("event", m.id),
        category=m.category,
        date=m.date or DateRef(None, None, "unknown", "none"),
        subtype=m.subtype,
        categories=m.categories,
        country=m.place.country if m.place else None,
        place=m.place,
        actors=m.actors,
        fatalities=m.fatalities,
        injured=m.injured,
        arrested=m.arrested,
        quantities=m.quantities,
        mention_ids=(m.id,),
        source_ids=(source_id,),
        confidence=m.confidence,
    )


def merge_mentions(mentions: Sequence[Mention], events: Sequence[Event] = (), *,
                   sources: dict[str, str] | None = None, window_days: int = 2,
                   distance_km: float = 50.0, min_confidence: int = 0) -> list[Event]:
    """Merge ``mentions`` into ``events`` (existing ones first); returns every event touched or made.

    ``sources`` maps document id -> source id, so an event counts distinct sources rather than
    documents; without it each document counts as its own source.
    """
    sources = sources or {}
    out: list[Event] = list(events)
    touched: set[int] = set()
    seen = {mid for e in out for mid in e.mention_ids}
    # stated dates first, so a report without a day of its own joins the event it restates
    order = sorted(mentions, key=lambda m: (_stated_day(m.date) is None, _day(m.date) or date.max,
                                            m.document_id, m.id))
    for m in order:
        if m.negated or m.hypothetical or m.confidence < min_confidence or m.id in seen:
            continue
        source = sources.get(m.document_id, m.document_id)
        idx = next((i for i, e in enumerate(out) if _compatible(m, e, window_days, distance_km)), None)
        if idx is None:
            out.append(_new_event(m, source))
            touched.add(len(out) - 1)
        else:
            out[idx] = _absorb(out[idx], m, source)
            touched.add(idx)
        seen.add(m.id)
    return [e for i, e in enumerate(out) if i in touched or i >= len(events)]
