"""RSS/Atom feeds through httpx.MockTransport, conditional GET across runs, and bad feeds."""

from __future__ import annotations

import httpx
import pytest

from steppewatch.cycle import build_pipeline
from steppewatch.errors import InputError
from steppewatch.ingest import items_for_sources
from steppewatch.ingest.health import get_health
from steppewatch.ingest.rss import RssSource, parse_feed
from steppewatch.models import Source
from steppewatch.pipeline import Context
from steppewatch.registrations import INGEST_STAGES
from steppewatch.settings import load_settings
from steppewatch.store import Store

SETTINGS = load_settings(env={}, politeness_delay=0)
ARTICLE = ("<html><head><title>Seizure</title></head><body><article><p>Officers of the Drug Control "
           "Agency of Tajikistan seized 40 kilograms of hashish in the Shahritus district near the "
           "Afghan border on Monday, the agency said in a statement published on its website.</p>"
           "<p>Two men were detained at the scene and a criminal case has been opened.</p>"
           "</article></body></html>")
RSS = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>
<title>Asia-Plus</title><language>ru</language>
<item><title>Изъятие гашиша</title><link>https://asiaplustj.info/ru/news/1</link>
<pubDate>Mon, 06 May 2024 08:00:00 +0500</pubDate><description>Кратко</description></item>
<item><title>Full body</title><link>https://asiaplustj.info/ru/news/2</link>
<content:encoded><![CDATA[<p>""" + "Полный текст новости о границе. " * 20 + """</p>]]></content:encoded></item>
</channel></rss>"""
ATOM = """<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">
<title>Eurasianet</title><entry><title>Atom entry</title><link href="https://eurasianet.org/a"/>
<id>tag:eurasianet.org,2024:a</id><updated>2024-05-06T10:00:00Z</updated><summary>S</summary></entry></feed>"""


class Site:
    """A tiny site: a feed with an ETag, article pages, request log."""

    def __init__(self, feed: str = RSS) -> None:
        self.feed = feed
        self.requests: list[httpx.Request] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        if request.url.path.endswith("/rss"):
            if request.headers.get("if-none-match") == '"e1"':
                return httpx.Response(304)
            return httpx.Response(200, content=self.feed.encode(), headers={"ETag": '"e1"',
                                  "Content-Type": "application/rss+xml"})
        return httpx.Response(200, content=ARTICLE.encode(), headers={"Content-Type": "text/html; charset=utf-8"})


def test_parse_rss_and_atom() -> None:
    meta, entries = parse_feed(RSS.encode(), name="feed")
    assert meta["language"] == "ru" and len(entries) == 2
    assert entries[0]["url"] == "https://asiaplustj.info/ru/news/1"
    assert entries[0]["published_at"] == "2024-05-06T03:00:00+00:00"
    assert entries[0]["summary"] == "Кратко" and "html" not in entries[0]
    assert "Полный текст" in entries[1]["html"] and "published_at" not in entries[1]
    _, (atom,) = parse_feed(ATOM.encode(), name="atom")
    assert atom["url"] == "https://eurasianet.org/a" and atom["published_at"].startswith("2024-05-06T10")


@pytest.mark.parametrize(("content", "message"), [
    (b"", "empty response"),
    (b"<html><body>not a feed</body></html>", "not an RSS or Atom feed|malformed feed"),
    (b"<rss><channel><item><title>x</title></item", "malformed feed"),
    (b"\x00\xff\xfe garbage", "malformed feed|not an RSS"),
])
def test_bad_feeds_are_refused_with_the_name(content: bytes, message: str) -> None:
    with pytest.raises(InputError, match=rf"^https://x\.kg/rss: ({message})"):
        parse_feed(content, name="https://x.kg/rss")


def test_feed_to_stored_documents_and_conditional_get(store: Store) -> None:
    site = Site()
    source = Source(id="asia-plus", name="Asia-Plus", kind="rss", feeds=("https://asiaplustj.info/ru/rss",),
                    languages=("ru",))
    store.put_sources([source])
    with httpx.Client(transport=httpx.MockTransport(site)) as client:
        ctx = Context(store=store, settings=SETTINGS)
        pipeline = build_pipeline(store, INGEST_STAGES, settings=SETTINGS, options={"http_client": client})
        report = pipeline.run(items_for_sources([source], ctx, client))
        assert report.counts["store.write.v1:documents"] == 2, report.rejections
        assert report.counts["ingest.fetch.v1:pages"] == 1  # the summary-only entry
        docs = {d.url: d for d in store.iter_documents()}
        page = docs["https://asiaplustj.info/ru/news/1"]
        assert "40 kilograms of hashish" in page.text and page.raw == ARTICLE
        assert page.title == "Изъятие гашиша" and page.language == "ru"
        assert docs["https://asiaplustj.info/ru/news/2"].extraction_method in ("trafilatura", "lxml-text")
        health = get_health(store, "asia-plus")
        assert health["reachable"] and health["items"] == 2 and health["missing_dates"] == 1
        n = len(site.requests)
        again = list(RssSource(source, Context(store=store, settings=SETTINGS), client).items())
        assert again == [] and site.requests[n].headers["if-none-match"] == '"e1"'
        assert get_health(store, "asia-plus")["not_modified"]


def test_304_is_not_trusted_when_entries_were_never_stored(store: Store) -> None:
    site = Site()
    source = Source(id="s", name="S", kind="rss", feeds=("https://asiaplustj.info/ru/rss",))
    with httpx.Client(transport=httpx.MockTransport(site)) as client:
        ctx = Context(store=store, settings=SETTINGS)
        assert len(list(RssSource(source, ctx, client).items())) == 2  # run killed before storing
        again = list(RssSource(source, ctx, client).items())
    assert len(again) == 2 and "if-none-match" not in site.requests[-1].headers


def test_unreachable_feed_is_recorded_and_others_go_on(store: Store) -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        if "down" in request.url.host:
            return httpx.Response(500)
        return Site(ATOM)(request)

    good = Source(id="good", name="G", kind="rss", feeds=("https://eurasianet.org/rss",))
    bad = Source(id="bad", name="B", kind="rss", feeds=("https://down.kg/rss",))
    with httpx.Client(transport=httpx.MockTransport(handler)) as client:
        ctx = Context(store=store, settings=load_settings(env={}, politeness_delay=0, http_retries=0))
        items = list(items_for_sources([bad, good], ctx, client))
    assert [i.source_id for i in items] == ["good"]
    assert get_health(store, "bad")["reachable"] is False
    assert "HTTP 500" in get_health(store, "bad")["error"]
