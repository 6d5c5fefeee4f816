"""A small world for API and browser tests: sources, documents, mentions and events at every marking.

Loaded by path from the conftests of tests/api and tests/web (test folders are not packages).
"""

from __future__ import annotations

from datetime import UTC, date, datetime

from steppewatch.auth.users import UserStore
from steppewatch.models import ActorRef, DateRef, Document, Event, Evidence, Mention, Place, Range, Source
from steppewatch.store import Store
from steppewatch.vocab import Tlp

PASSWORD = "correct horse battery"
SECRET_WORD = "nightjar"  # appears only in the AMBER+STRICT document

SOURCES = [
    Source(id="news-a", name="Steppe News", kind="rss", homepage="https://news.example/", languages=("en",),
           country="KG", marking=Tlp.CLEAR),
    Source(id="partner-feed", name="Partner reporting", kind="file", marking=Tlp.AMBER_STRICT),
    Source(id="demo-wire", name="Demo Wire (synthetic)", kind="rss", ownership="synthetic"),
]

TEXT_CLEAR = ("Border guards reported a quiet night. On Tuesday, Kyrgyz and Tajik border guards exchanged fire "
              "near Kok-Tash in Batken region, and two soldiers were killed. Talks are planned.")
TEXT_STRICT = (f"Liaison report. Source {SECRET_WORD.upper()} says a cell of the group met near Osh on 3 March. "
               f"Operation {SECRET_WORD} continues.")
TEXT_GREEN = "Customs officers in Khatlon seized 120 kg of heroin, the agency said on Monday."


def _doc(source: str, text: str, marking: Tlp, title: str, url: str | None) -> Document:
    return Document(id=Document.make_id(url, text), source_id=source, text=text, url=url, title=title,
                    language="en", published_at=datetime(2024, 3, 5, 8, 0, tzinfo=UTC), marking=marking)


def _event(eid: str, category: str, subtype: str, day: date, marking: Tlp, place: Place | None,
           sources: tuple[str, ...], mentions: tuple[str, ...] = (), **kw: object) -> Event:
    return Event(id=eid, category=category, subtype=subtype, date=DateRef(raw=None, value=day), marking=marking,
                 country=place.country if place else None, place=place, source_ids=sources, mention_ids=mentions,
                 **kw)  # type: ignore[arg-type]


def seed_world(store: Store) -> dict[str, str]:
    """Fill ``store``; returns names -> ids of the interesting records."""
    store.put_sources(SOURCES)
    d_clear = _doc("news-a", TEXT_CLEAR, Tlp.CLEAR, "Clash at the border", "https://news.example/a/1")
    d_strict = _doc("partner-feed", TEXT_STRICT, Tlp.AMBER_STRICT, "Liaison report 7", None)
    d_green = _doc("demo-wire", TEXT_GREEN, Tlp.GREEN, "Heroin seized", "https://demo.example/2")
    store.put_documents([d_clear, d_strict, d_green])
    batken = Place(name="Kok-Tash", country="KG", admin1_iso="KG-B", admin1_name="Batken", lat=39.9, lon=70.8,
                   precision_ucdp=1, precision_acled=1, geonameid=1, confidence=90)
    khatlon = Place(name="Khatlon", country="TJ", admin1_iso="TJ-KT", admin1_name="Khatlon", lat=37.9, lon=69.0,
                    precision_ucdp=4, precision_acled=3, confidence=70)
    osh = Place(name="Osh", country="KG", admin1_iso="KG-O", admin1_name="Osh", lat=40.53, lon=72.8,
                precision_ucdp=1, precision_acled=1, geonameid=2, confidence=80)
    start = TEXT_CLEAR.index("Kyrgyz and Tajik")
    end = TEXT_CLEAR.index(", and two")
    m_clear = Mention(id="m-clear", document_id=d_clear.id, category="border", subtype="armed_clash",
                      coder="rules", coder_version="1", event_id="ev-clear", confidence=80,
                      evidence=Evidence(start, end, TEXT_CLEAR[start:end]))
    s2 = TEXT_STRICT.index("a cell")
    m_strict = Mention(id="m-strict", document_id=d_strict.id, category="militancy", subtype="group_activity",
                       coder="rules", coder_version="1", event_id="ev-strict", confidence=60,
                       evidence=Evidence(s2, s2 + 30, TEXT_STRICT[s2:s2 + 30]))
    m_green = Mention(id="m-green", document_id=d_green.id, category="narcotics", subtype="seizure",
                      coder="rules", coder_version="1", event_id="ev-green", confidence=70)
    store.put_mentions([m_clear, m_strict, m_green])
    actors = (ActorRef("Kyrgyz Border Service", "initiator", sector="MIL", country="KG"),
              ActorRef("Tajik Border Troops", "target", sector="MIL", country="TJ"))
    store.put_events([
        _event("ev-clear", "border", "armed_clash", date(2024, 3, 5), Tlp.CLEAR, batken, ("news-a",),
               ("m-clear",), actors=actors, fatalities=Range.exact(2), confidence=80,
               summary="Kyrgyz and Tajik border guards exchanged fire near Kok-Tash"),
        _event("ev-green", "narcotics", "seizure", date(2024, 3, 4), Tlp.GREEN, khatlon, ("demo-wire",),
               ("m-green",), confidence=70, summary="120 kg of heroin seized in Khatlon"),
        _event("ev-amber", "militancy", "arrest", date(2024, 3, 3), Tlp.AMBER, osh, ("news-a",), confidence=65,
               summary="Arrests in Osh"),
        _event("ev-strict", "militancy", "group_activity", date(2024, 3, 3), Tlp.AMBER_STRICT, osh,
               ("partner-feed",), ("m-strict",), confidence=60, summary=f"Operation {SECRET_WORD} cell meeting",
               actors=(ActorRef("Cell Nightjar", "initiator", sector="REB"),)),
        _event("ev-red", "militancy", "attack", date(2024, 3, 2), Tlp.RED, osh, ("partner-feed",), confidence=55,
               summary="Red-only report"),
    ])
    users = UserStore(store)
    users.add("viewer", PASSWORD, role="viewer", max_marking=Tlp.GREEN, organisation="Desk A")
    users.add("analyst", PASSWORD, role="analyst", max_marking=Tlp.AMBER, organisation="Desk A")
    users.add("strict", PASSWORD, role="analyst", max_marking=Tlp.AMBER_STRICT, organisation="Partner B")
    users.add("admin", PASSWORD, role="admin", max_marking=Tlp.RED, organisation="HQ")
    return {"doc_clear": d_clear.id, "doc_strict": d_strict.id, "doc_green": d_green.id}
