"""Single web pages through the fetch and extract stages; unreadable pages become rejections."""

from __future__ import annotations

import httpx

from steppewatch.cycle import build_pipeline
from steppewatch.ingest.web import WebSource
from steppewatch.models import Source
from steppewatch.pipeline import Context
from steppewatch.registrations import INGEST_STAGES
from steppewatch.settings import load_settings
from steppewatch.store import Store

SETTINGS = load_settings(env={}, politeness_delay=0, http_retries=0)
PAGE = ("<html><head><meta charset='windows-1251'><title>Новость</title></head><body><article><p>"
        + "Пограничная служба Кыргызстана сообщила о перестрелке у села Кок-Таш. " * 6
        + "</p></article></body></html>")


def handler(request: httpx.Request) -> httpx.Response:
    if request.url.path == "/gone":
        return httpx.Response(404)
    return httpx.Response(200, content=PAGE.encode("cp1251"), headers={"Content-Type": "text/html"})


def test_pages_are_fetched_decoded_and_extracted(store: Store) -> None:
    source = Source(id="kabar", name="Kabar", kind="web", languages=("ru",),
                    feeds=("https://kabar.kg/news/1", "https://kabar.kg/gone"))
    with httpx.Client(transport=httpx.MockTransport(handler)) as client:
        ctx = Context(store=store, settings=SETTINGS)
        items = list(WebSource(source, ctx, client).items())
        report = build_pipeline(store, INGEST_STAGES, settings=SETTINGS,
                                options={"http_client": client}).run(items)
    assert report.counts["store.write.v1:documents"] == 1
    (doc,) = store.iter_documents()
    assert "перестрелке у села Кок-Таш" in doc.text and doc.language == "ru"
    assert doc.raw and "Пограничная" in doc.raw
    (rejection,) = report.rejections
    assert rejection.key == "https://kabar.kg/gone" and "HTTP 404" in rejection.reason
