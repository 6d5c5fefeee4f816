from __future__ import annotations

from datetime import date

from steppewatch.coding.merge import merge_mentions
from steppewatch.models import ActorRef, DateRef, Mention, Place, Range

VORUKH = Place(name="Vorukh", country="TJ", lat=39.85, lon=70.57, precision_ucdp=1, geonameid=1, admin1_iso="TJ-SU")
ISFARA = Place(name="Isfara", country="TJ", lat=40.13, lon=70.63, precision_ucdp=1, geonameid=2, admin1_iso="TJ-SU")
KHOROG = Place(name="Khorog", country="TJ", lat=37.49, lon=71.55, precision_ucdp=1, geonameid=3, admin1_iso="TJ-GB")
KG_BORDER = ActorRef(name="Border Service of Kyrgyzstan", actor_id="kg.border")
TJ_BORDER = ActorRef(name="Border Troops of Tajikistan", actor_id="tj.border")


def mention(mid: str, doc: str, day: date, place: Place, actors: tuple[ActorRef, ...] = (KG_BORDER,),
            category: str = "border", killed: int = 0, **kw: object) -> Mention:
    return Mention(id=mid, document_id=doc, category=category, coder="t", coder_version="1",
                   actors=actors, place=place, date=DateRef(None, day), fatalities=Range.exact(killed), **kw)


def test_same_event_from_two_sources_merges() -> None:
    a = mention("m1", "d1", date(2021, 4, 29), VORUKH, killed=2)
    b = mention("m2", "d2", date(2021, 4, 30), ISFARA, (KG_BORDER, TJ_BORDER), killed=10)
    [event] = merge_mentions([a, b], sources={"d1": "akipress", "d2": "asia-plus"})
    assert event.n_sources == 2 and set(event.mention_ids) == {"m1", "m2"}
    assert event.fatalities.best == 10
    assert {x.actor_id for x in event.actors} == {"kg.border", "tj.border"}


def test_different_events_stay_apart() -> None:
    a = mention("m1", "d1", date(2021, 4, 29), VORUKH)
    far = mention("m2", "d2", date(2021, 4, 29), KHOROG)
    later = mention("m3", "d3", date(2021, 5, 20), VORUKH)
    other_cat = mention("m4", "d4", date(2021, 4, 29), VORUKH, category="water")
    other_actor = mention("m5", "d5", date(2021, 4, 29), VORUKH, (ActorRef(name="IMU", actor_id="xx.imu"),))
    assert len(merge_mentions([a, far, later, other_cat, other_actor])) == 5


def test_negated_and_hypothetical_make_no_event() -> None:
    assert merge_mentions([mention("m1", "d1", date(2021, 4, 29), VORUKH, negated=True),
                           mention("m2", "d2", date(2021, 4, 29), VORUKH, hypothetical=True)]) == []


def test_merges_into_existing_event_and_is_idempotent() -> None:
    [first] = merge_mentions([mention("m1", "d1", date(2021, 4, 29), VORUKH)])
    [again] = merge_mentions([mention("m2", "d2", date(2021, 4, 29), VORUKH)], [first])
    assert again.id == first.id and again.mention_ids == ("m1", "m2")
    assert merge_mentions([mention("m2", "d2", date(2021, 4, 29), VORUKH)], [again]) == []


def test_same_order_gives_same_ids() -> None:
    ms = [mention(f"m{i}", f"d{i}", date(2021, 4, 29 - i % 2), VORUKH) for i in range(4)]
    assert [e.id for e in merge_mentions(ms)] == [e.id for e in merge_mentions(list(reversed(ms)))]
