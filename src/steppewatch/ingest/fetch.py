"""``ingest.fetch.v1``: fetch the article page for items that have a URL but no body.

Feed entries often carry only a title and a summary; their page is downloaded (through the
shared :class:`~.http.Fetcher`) and put in ``payload["html"]`` for ``ingest.extract.v1``.
Items with ``text`` or ``html``, items that already have a document, and skipped items pass
through untouched, so local files never touch the network.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from ..errors import FetchError, InputError, Rejected
from ..models import utcnow
from ..pipeline import Context, Item
from .decode import decode_bytes
from .html import declared_charset
from .http import fetcher_for

NAME = "ingest.fetch.v1"


def needs_fetch(item: Item) -> bool:
    p = item.payload
    if item.skip or item.document is not None or p.get("_error") or p.get("events_given"):
        return False
    has_body = any(isinstance(p.get(k), str) and p[k].strip() for k in ("text", "html"))
    return not has_body and bool(p.get("url"))


class PageFetcher:
    name = NAME
    requires = ("payload",)
    assigns = ("payload",)
    stateless = True  # reads nothing earlier batches write: runs while the previous batch is stored

    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx
        self._fetcher: Any = None
        self.counts: Counter[str] = Counter()

    def process(self, batch: list[Item]) -> list[Item]:
        return [self._one(item) if needs_fetch(item) else item for item in batch]

    def _one(self, item: Item) -> Item:
        if self._fetcher is None:
            self._fetcher = fetcher_for(self.ctx)
        url = str(item.payload["url"])
        try:
            response = self._fetcher.get(url)
        except FetchError as exc:
            raise Rejected(f"page could not be fetched: {exc.message}", key=item.key) from None
        ctype = response.headers.get("content-type", "text/html").lower()
        if not any(t in ctype for t in ("html", "xml", "text/plain")):
            raise Rejected(f"page is {ctype.split(';')[0]}, not HTML or text", key=item.key)
        try:
            body = decode_bytes(response.content, name=url,
                                declared=response.charset or declared_charset(response.content))
        except InputError as exc:
            raise Rejected(exc.reason, key=item.key) from None
        self.counts["pages"] += 1
        field = "text" if "text/plain" in ctype else "html"
        payload = {**item.payload, field: body, "fetched_at": utcnow().isoformat(), "final_url": response.url}
        return item.replace(payload=payload)


def create(ctx: Context) -> PageFetcher:
    return PageFetcher(ctx)
