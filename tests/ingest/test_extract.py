"""``ingest.extract.v1``: payload -> Document, and its rejections."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from steppewatch.errors import Rejected
from steppewatch.ingest.extract import create
from steppewatch.models import Document, Source
from steppewatch.pipeline import Context, Item
from steppewatch.settings import load_settings
from steppewatch.store import Store
from steppewatch.vocab import Tlp

ARTICLE = """<html><head><title>Clash on the border | AKIpress</title></head><body>
<nav><a href="/">Home</a></nav><article><h1>Clash on the border</h1>
<p>Border guards of Kyrgyzstan and Tajikistan exchanged fire near the village of Kok-Tash on
Tuesday, the State Border Service said in a statement.</p>
<p>Two servicemen were injured and taken to hospital in Isfana, according to the statement.</p>
<p>Talks between the two sides on the demarcation of the border are due to resume next month.</p>
</article><footer>Copyright</footer></body></html>"""


@pytest.fixture
def extractor(store: Store):  # type: ignore[no-untyped-def]
    store.put_sources([Source(id="amber-src", name="A", kind="file", marking=Tlp.AMBER)])
    return create(Context(store=store, settings=load_settings(env={}), run_id="r1"))


def test_text_payload_becomes_document(extractor) -> None:  # type: ignore[no-untyped-def]
    item = Item("k", "s", {"url": "https://www.24.kg/news/1?utm_source=x", "text": "  Hello\x00  world \n\n\n x ",
                           "title": " T ", "language": "ru-RU", "published_at": "2024-05"})
    (out,) = extractor.process([item])
    doc = out.document
    assert doc.text == "Hello world\n\nx"
    assert doc.id == Document.make_id("https://24.kg/news/1", doc.text)
    assert (doc.title, doc.language, doc.published_precision) == ("T", "ru", "month")
    assert doc.published_at == datetime(2024, 5, 1, tzinfo=UTC)
    assert doc.extraction_method == "given" and doc.raw is None and doc.run_id == "r1"
    assert extractor.process([item])[0].document.id == doc.id  # deterministic


def test_html_payload_is_extracted_and_kept(extractor) -> None:  # type: ignore[no-untyped-def]
    (out,) = extractor.process([Item("p", "s", {"html": ARTICLE, "url": "https://akipress.com/x"})])
    doc = out.document
    assert "exchanged fire near the village of Kok-Tash" in doc.text
    assert "Copyright" not in doc.text and "Home" not in doc.text
    assert doc.raw == ARTICLE
    assert doc.extraction_method == "trafilatura" and doc.extraction_version
    assert doc.title and "Clash on the border" in doc.title


def test_marking_from_row_else_source(extractor) -> None:  # type: ignore[no-untyped-def]
    a, b, c = extractor.process([Item("a", "amber-src", {"text": "x"}),
                                 Item("b", "amber-src", {"text": "y", "marking": "TLP:RED"}),
                                 Item("c", "unknown-src", {"text": "z"})])
    assert (a.document.marking, b.document.marking, c.document.marking) == (Tlp.AMBER, Tlp.RED, Tlp.CLEAR)


@pytest.mark.parametrize(("payload", "message"), [
    ({"_error": "line 3 is not valid JSON"}, "line 3 is not valid JSON"),
    ({"text": "   "}, "empty body"),
    ({"text": 12}, "text must be a string"),
    ({"text": "x", "published_at": "yesterday-ish"}, "unreadable publication date"),
    ({"text": "x", "marking": "purple"}, "unknown TLP marking"),
    ({"html": "<div>" * 300 + "x"}, "more than 256 levels deep"),
])
def test_bad_payloads_are_rejected_with_the_key(extractor, payload, message) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(Rejected, match=message) as info:
        extractor.process([Item("file.jsonl:3", "s", payload)])
    assert info.value.key == "file.jsonl:3"


def test_future_dates_beyond_tolerance_are_rejected(extractor) -> None:  # type: ignore[no-untyped-def]
    soon = (datetime.now(UTC) + timedelta(hours=10)).isoformat()
    later = (datetime.now(UTC) + timedelta(days=3)).isoformat()
    assert extractor.process([Item("a", "s", {"text": "x", "published_at": soon})])[0].document
    with pytest.raises(Rejected, match=r"lies 7\d hours in the future \(future_tolerance_hours is 36\)"):
        extractor.process([Item("b", "s", {"text": "x", "published_at": later})])


def test_items_with_documents_and_skipped_items_pass_through(extractor) -> None:  # type: ignore[no-untyped-def]
    doc = Document(id="d", source_id="s", text="t")
    given = Item("g", "s", {"events_given": True}, document=doc)
    skipped = Item("k", "s", {"_error": "never looked at"}, skip=True)
    assert extractor.process([given, skipped]) == [given, skipped]
