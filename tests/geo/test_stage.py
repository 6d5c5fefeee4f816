from __future__ import annotations

from types import SimpleNamespace

from steppewatch.geo.stage import GazetteerStage, sentence_bounds
from steppewatch.models import Document, Evidence, Mention


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
