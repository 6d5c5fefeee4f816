"""RSS and Atom feeds: feedparser over bytes fetched by the shared :class:`~.http.Fetcher`.

Each entry becomes an item with its link, title, date and, when the feed carries the full
article (``content:encoded`` / Atom ``content``), its HTML; otherwise ``ingest.fetch.v1``
downloads the page. Feeds are fetched with conditional GET; a 304 is trusted only when every
entry of the last full response is stored, so an interrupted run cannot lose entries.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

import feedparser

from ..errors import FetchError, InputError
from ..models import Document, Source, utcnow
from ..pipeline import Context, Item
from .health import record_failure, record_success
from .http import Fetcher, fetcher_for

log = logging.getLogger(__name__)


def parse_feed(content: bytes, *, name: str) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """(feed metadata, entry payloads) from RSS/Atom bytes; :class:`InputError` if it is no feed."""
    if not content.strip():
        raise InputError("empty response, not a feed", input=name)
    parsed = feedparser.parse(content, sanitize_html=False, resolve_relative_uris=True)
    entries = [_entry(e) for e in parsed.entries]
    usable = [e for e in entries if e.get("url") or e.get("html")]
    if not usable:  # a feed with only broken entries is as good as none
        if parsed.bozo:
            reason = getattr(parsed.get("bozo_exception"), "getMessage", lambda: None)() or str(
                parsed.get("bozo_exception"))
            raise InputError(f"malformed feed: {reason}", input=name)
        if not parsed.version:
            raise InputError("not an RSS or Atom feed", input=name)
    meta = {"title": parsed.feed.get("title"), "language": parsed.feed.get("language"),
            "version": parsed.version, "bozo": bool(parsed.bozo)}
    if parsed.bozo:
        log.info("feed %s is not well-formed (%s); %d entries recovered", name,
                 parsed.get("bozo_exception"), len(usable))
    return meta, entries


def _entry(e: Any) -> dict[str, Any]:
    payload: dict[str, Any] = {}
    link = e.get("link") or (e.get("id") if str(e.get("id", "")).startswith("http") else None)
    if link:
        payload["url"] = str(link).strip()
    if e.get("title"):
        payload["title"] = str(e["title"])
    when = e.get("published_parsed") or e.get("updated_parsed")
    if when:
        payload["published_at"] = datetime(*when[:6], tzinfo=UTC).isoformat()
    elif e.get("published") or e.get("updated"):
        payload["published_at"] = str(e.get("published") or e.get("updated"))  # extract decides
    bodies = [c.get("value", "") for c in e.get("content", []) if c.get("value")]
    summary = e.get("summary") or ""
    body = max(bodies, key=len) if bodies else ""
    if len(body) >= max(len(summary), 300):  # a full article, not a teaser
        payload["html"] = body
    elif summary:
        payload["summary"] = summary
    if e.get("language"):
        payload["language"] = e["language"]
    if e.get("id"):
        payload["guid"] = str(e["id"])
    return payload


class RssSource:
    """A source of kind ``rss``: every URL in its ``feeds``."""

    def __init__(self, source: Source, ctx: Context, client: Any = None, **options: Any) -> None:
        self.source = source
        self.ctx = ctx
        self.fetcher: Fetcher = fetcher_for(ctx, client)
        self.feeds = tuple(options.get("feeds") or source.feeds)
        self.conditional = bool(options.get("conditional", True))
        self.default_language = source.languages[0] if len(source.languages) == 1 else None

    def items(self) -> Iterator[Item]:
        totals = {"items": 0, "empty_bodies": 0, "missing_dates": 0}
        failures, unchanged = [], 0
        for url in self.feeds:
            try:
                got = self._feed(url, totals)
            except (FetchError, InputError) as exc:
                log.warning("feed %s of %s failed: %s", url, self.source.id, exc)
                failures.append(str(exc))
                continue
            if got is None:
                unchanged += 1
                continue
            yield from got
        store = self.ctx.store
        if failures and len(failures) == len(self.feeds):
            record_failure(store, self.source.id, "; ".join(failures))
        else:
            record_success(store, self.source.id, not_modified=unchanged == len(self.feeds) > 0, **totals)

    def _feed(self, url: str, totals: dict[str, int]) -> list[Item] | None:
        fetcher = self.fetcher
        conditional = self.conditional and self._trust_validators(url)
        response = fetcher.get(url, conditional=conditional)
        if response.not_modified:
            return None
        meta, entries = parse_feed(response.content, name=url)
        language = meta.get("language") or self.default_language
        now = utcnow().isoformat()
        out = []
        for n, entry in enumerate(entries):
            if not entry.get("url") and not entry.get("html"):
                totals["empty_bodies"] += 1
                continue
            if "published_at" not in entry:
                totals["missing_dates"] += 1
            if not entry.get("html") and not entry.get("summary"):
                totals["empty_bodies"] += 1
            payload = {"language": language, **entry, "feed": url, "fetched_at": now}
            out.append(Item(key=entry.get("url") or f"{url}#{n}", source_id=self.source.id,
                            payload={k: v for k, v in payload.items() if v is not None}))
        totals["items"] += len(out)
        fetcher.save_validators(url, response, urls=[i.payload["url"] for i in out if i.payload.get("url")])
        return out

    def _trust_validators(self, url: str) -> bool:
        saved = self.fetcher.validators(url)
        if not (saved.get("etag") or saved.get("last_modified")):
            return False
        ids = [Document.make_id(u, "") for u in saved.get("urls", [])]
        return len(self.ctx.store.known_documents(ids)) == len(set(ids))
