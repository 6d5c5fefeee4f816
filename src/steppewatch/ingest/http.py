"""The one fetcher every network source uses.

- our User-Agent and timeout on every request (settings ``user_agent``, ``http_timeout``);
- retries with exponential backoff (``http_retries``; 1 s, 2 s, 4 s …, or the server's
  ``Retry-After`` up to a minute) on transport errors, 429 and 5xx;
- a per-host politeness delay (``politeness_delay``) between two requests to one host;
- bodies streamed and cut off at ``max_download_bytes``;
- conditional GET: the ETag / Last-Modified of a URL are kept in the store's state table
  and sent back as If-None-Match / If-Modified-Since (RFC 9110, sections 13.1.2 and 13.1.3).

The ``httpx.Client`` is injected; tests pass one on ``httpx.MockTransport`` or a local server.
"""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

import httpx

from ..errors import FetchError
from ..settings import Settings
from ..store import Store

log = logging.getLogger(__name__)

_LAST_REQUEST: dict[str, float] = {}
RETRY_STATUS = frozenset({429, 500, 502, 503, 504})
MAX_RETRY_AFTER = 60.0


@dataclass(frozen=True)
class Response:
    url: str
    status: int
    content: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)

    @property
    def not_modified(self) -> bool:
        return self.status == 304

    @property
    def charset(self) -> str | None:
        ctype = self.headers.get("content-type", "")
        for part in ctype.split(";")[1:]:
            name, _, value = part.strip().partition("=")
            if name.lower() == "charset" and value:
                return value.strip("\"' ").lower()
        return None


class Fetcher:
    """GET with retries, politeness, size limit and conditional requests."""

    def __init__(
        self,
        settings: Settings,
        client: httpx.Client | None = None,
        store: Store | None = None,
        *,
        backoff: float = 1.0,
        sleep: Callable[[float], None] = time.sleep,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.settings = settings
        self.store = store
        self.backoff = backoff
        self.sleep = sleep
        self.clock = clock
        self._own = client is None
        self.client = client or httpx.Client(follow_redirects=True, timeout=float(settings.http_timeout))
        # one per-host clock for every fetcher of the process (feeds and pages share hosts)
        self._last: dict[str, float] = _LAST_REQUEST if clock is time.monotonic else {}
        self.requests = 0

    def close(self) -> None:
        if self._own:
            self.client.close()

    # --- conditional GET state -------------------------------------------------------------
    def validators(self, url: str) -> dict[str, Any]:
        if self.store is None:
            return {}
        raw = self.store.get_state(f"http:{url}")
        return json.loads(raw) if raw else {}

    def save_validators(self, url: str, response: Response, **extra: Any) -> None:
        """Remember the response's ETag / Last-Modified (and ``extra``) for the next request."""
        if self.store is None:
            return
        value = {"etag": response.headers.get("etag"), "last_modified": response.headers.get("last-modified"),
                 **extra}
        self.store.set_state(f"http:{url}", json.dumps(value, ensure_ascii=False))

    # --- requests --------------------------------------------------------------------------
    def get(self, url: str, *, conditional: bool = False, headers: dict[str, str] | None = None) -> Response:
        """Fetch ``url``; 304 comes back as a :class:`Response` with ``not_modified`` set."""
        send = {"User-Agent": str(self.settings.user_agent), "Accept-Encoding": "gzip, deflate"}
        if conditional:
            v = self.validators(url)
            if v.get("etag"):
                send["If-None-Match"] = v["etag"]
            if v.get("last_modified"):
                send["If-Modified-Since"] = v["last_modified"]
        send.update(headers or {})
        attempts = 1 + max(0, int(self.settings.http_retries))
        last_error = "no attempt made"
        status: int | None = None
        for attempt in range(attempts):
            if attempt:
                self.sleep(self._delay(attempt, last_error))
            self._polite(url)
            try:
                response = self._once(url, send)
            except httpx.TransportError as exc:
                last_error = f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__
                log.info("fetch %s failed (%s), attempt %d of %d", url, last_error, attempt + 1, attempts)
                continue
            status = response.status
            if status in RETRY_STATUS:
                last_error = f"HTTP {status}"
                self._retry_after = response.headers.get("retry-after")
                continue
            if status >= 400:
                raise FetchError(f"HTTP {status}", url=url, status=status)
            return response
        raise FetchError(f"gave up after {attempts} attempt(s): {last_error}", url=url, status=status)

    _retry_after: str | None = None

    def _delay(self, attempt: int, last_error: str) -> float:
        wait = self.backoff * 2 ** (attempt - 1)
        after, self._retry_after = self._retry_after, None
        if after and after.strip().isdigit():
            wait = max(wait, min(float(after), MAX_RETRY_AFTER))
        return wait

    def _polite(self, url: str) -> None:
        host = (urlsplit(url).hostname or "").lower()
        delay = float(self.settings.politeness_delay)
        last = self._last.get(host)
        if last is not None and delay > 0:
            wait = last + delay - self.clock()
            if wait > 0:
                self.sleep(wait)
        self._last[host] = self.clock()

    def _once(self, url: str, headers: dict[str, str]) -> Response:
        limit = int(self.settings.max_download_bytes)
        self.requests += 1
        with self.client.stream("GET", url, headers=headers, timeout=float(self.settings.http_timeout),
                                follow_redirects=True) as r:
            declared = r.headers.get("content-length", "")
            if declared.isdigit() and int(declared) > limit:
                raise FetchError(f"response of {int(declared):,} bytes is over max_download_bytes ({limit:,})",
                                 url=url, status=r.status_code)
            chunks, size = [], 0
            for chunk in r.iter_bytes():
                size += len(chunk)
                if size > limit:
                    raise FetchError(f"response is over max_download_bytes ({limit:,})", url=url,
                                     status=r.status_code)
                chunks.append(chunk)
            return Response(str(r.url), r.status_code, b"".join(chunks),
                            {k.lower(): v for k, v in r.headers.items()})


def fetcher_for(ctx: Any, client: httpx.Client | None = None) -> Fetcher:
    """The run's shared fetcher (kept in ``ctx.options``), so politeness spans every source."""
    existing = ctx.options.get("_fetcher")
    if isinstance(existing, Fetcher) and (client is None or existing.client is client):
        return existing
    client = client or ctx.options.get("http_client")
    fetcher = Fetcher(ctx.settings, client, ctx.store, backoff=float(ctx.options.get("http_backoff", 1.0)))
    ctx.options["_fetcher"] = fetcher
    return fetcher
