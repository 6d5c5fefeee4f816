"""Single web pages: a source of kind ``web`` lists article URLs (``urls`` option, else its
``feeds``, else its homepage). Each page is fetched now and extracted by ``ingest.extract.v1``;
a page that cannot be fetched becomes a rejection naming the URL."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ..errors import FetchError, InputError
from ..models import Source, utcnow
from ..pipeline import Context, Item
from .decode import decode_bytes
from .health import record_failure, record_success
from .html import declared_charset
from .http import fetcher_for


class WebSource:
    def __init__(self, source: Source, ctx: Context, client: Any = None, **options: Any) -> None:
        self.source = source
        self.ctx = ctx
        self.fetcher = fetcher_for(ctx, client)
        urls = options.get("urls") or list(source.feeds) or ([source.homepage] if source.homepage else [])
        self.urls = [urls] if isinstance(urls, str) else list(urls)
        self.language = source.languages[0] if len(source.languages) == 1 else None

    def items(self) -> Iterator[Item]:
        ok = 0
        errors = []
        for url in self.urls:
            payload: dict[str, Any] = {"url": url}
            try:
                response = self.fetcher.get(url)
                payload["html"] = decode_bytes(response.content, name=url,
                                               declared=response.charset or declared_charset(response.content))
                payload["fetched_at"] = utcnow().isoformat()
                if self.language:
                    payload["language"] = self.language
                ok += 1
            except (FetchError, InputError) as exc:
                errors.append(str(exc))
                payload = {"_error": f"page could not be read: {exc}"}
            yield Item(key=url, source_id=self.source.id, payload=payload)
        if ok or not self.urls:
            record_success(self.ctx.store, self.source.id, items=ok)
        else:
            record_failure(self.ctx.store, self.source.id, "; ".join(errors))
