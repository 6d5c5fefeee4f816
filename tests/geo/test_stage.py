from __future__ import annotations

from types import SimpleNamespace

from steppewatch.geo.stage import GazetteerStage, sentence_bounds
from steppewatch.models import Document, Evidence, Mention, Place


def test_stage_places_each_mention_from_its_sentence(geoparser: object) -> None:
    text = "Talks were held in Tashkent on Monday. Border guards clashed near Vorukh on Tuesday."
    doc = Document(id="d1", source_id="s", text=text)
    ev = text.index("clashed")
    mention = Mention(id="m1", document_id="d1", category="border", coder="t", coder_version="1",
                      evidence=Evidence(ev, ev + 7))
    item = SimpleNamespace(key="k", source_id="s", document=doc, mentions=(mention,), skip=False,
                           replace=lambda **kw: SimpleNamespace(**{**item.__dict__, **kw}))
    stage = GazetteerStage(geoparser)  # type: ignore[arg-type]
    assert stage.name == "geo.gazetteer.v1"
    (out,) = stage.process([item])
    assert out.mentions[0].place.name == "Vorukh"
    assert out.mentions[0].place.precision_ucdp == 2  # "near"


def test_sentence_bounds() -> None:
    text = "One. Two three. Four."
    assert text[slice(*sentence_bounds(text, 5, 8))].strip() == "Two three."


def _item(text: str, mention: Mention) -> SimpleNamespace:
    doc = Document(id="d1", source_id="s", text=text)
    item = SimpleNamespace(key="k", source_id="s", document=doc, mentions=(mention,), skip=False)
    item.replace = lambda **kw: SimpleNamespace(**{**item.__dict__, **kw})
    return item


def test_stage_declares_what_it_writes_and_sets_the_country(geoparser: object) -> None:
    assert GazetteerStage.requires == ("document", "mentions")
    assert GazetteerStage.assigns == ("mentions",)
    text = "Shooting was reported near Isfara on Monday."
    mention = Mention(id="m1", document_id="d1", category="border", coder="t", coder_version="1",
                      evidence=Evidence(0, 8))
    (out,) = GazetteerStage(geoparser).process([_item(text, mention)])  # type: ignore[arg-type]
    assert out.mentions[0].place.name == "Isfara" and out.mentions[0].country == "TJ"


def test_stage_keeps_a_coder_place_and_fills_its_country(geoparser: object) -> None:
    text = "Shooting was reported near Isfara on Monday."
    place = geoparser.parse("Clashes in Batken.")[0]  # type: ignore[attr-defined]
    mention = Mention(id="m1", document_id="d1", category="border", coder="t", coder_version="1",
                      place=place)
    (out,) = GazetteerStage(geoparser).process([_item(text, mention)])  # type: ignore[arg-type]
    assert out.mentions[0].place.name == "Batken" and out.mentions[0].country == "KG"


def test_a_place_without_a_country_never_replaces_the_coders_country(geoparser: object) -> None:
    # the coder placed the mention in Tajikistan at country level (no gazetteer id); the only
    # place the document offers is "Central Asia", which has no country
    text = "The mountains of Central Asia are prone to earthquakes."
    place = Place(name="Tajikistan", country="TJ", precision_acled=3, precision_ucdp=6, confidence=50,
                  reason="country from document")
    mention = Mention(id="m1", document_id="d1", category="environment", coder="t", coder_version="1",
                      place=place, evidence=Evidence(0, len(text)))
    (out,) = GazetteerStage(geoparser).process([_item(text, mention)])  # type: ignore[arg-type]
    assert out.mentions[0].place.name == "Tajikistan" and out.mentions[0].country == "TJ"
