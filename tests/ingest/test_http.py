"""The shared fetcher: user agent, retries with backoff, politeness, size limit, conditional GET."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import httpx
import pytest

from steppewatch.errors import FetchError
from steppewatch.ingest.http import Fetcher
from steppewatch.settings import load_settings
from steppewatch.store import Store

SETTINGS = load_settings(env={}, politeness_delay=0, http_retries=3)


class _Handler(BaseHTTPRequestHandler):
    hits: list[dict[str, str]] = []
    plan: list[int] = []

    def do_GET(self) -> None:  # noqa: N802 - http.server's name
        type(self).hits.append({k.lower(): v for k, v in self.headers.items()})
        status = type(self).plan.pop(0) if type(self).plan else 200
        if self.headers.get("If-None-Match") == '"v1"':
            status = 304
        self.send_response(status)
        body = b"" if status == 304 else b"<rss version='2.0'><channel><title>t</title></channel></rss>"
        self.send_header("ETag", '"v1"')
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def server() -> Iterator[str]:
    _Handler.hits, _Handler.plan = [], []
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def test_local_server_retries_then_conditional_get(server: str, store: Store) -> None:
    waits: list[float] = []
    with httpx.Client() as client:
        f = Fetcher(SETTINGS, client, store, sleep=waits.append)
        _Handler.plan = [503, 500]
        r = f.get(server + "/feed", conditional=True)
        assert r.status == 200 and b"<rss" in r.content
        assert waits == [1.0, 2.0]  # exponential backoff
        assert _Handler.hits[0]["user-agent"].startswith("steppewatch/")
        f.save_validators(server + "/feed", r)
        again = f.get(server + "/feed", conditional=True)
        assert again.not_modified and _Handler.hits[-1]["if-none-match"] == '"v1"'


def test_gives_up_after_retries_and_on_client_errors(server: str) -> None:
    with httpx.Client() as client:
        f = Fetcher(SETTINGS, client, sleep=lambda s: None)
        _Handler.plan = [503] * 4
        with pytest.raises(FetchError, match=r"/x: gave up after 4 attempt\(s\): HTTP 503") as info:
            f.get(server + "/x")
        assert info.value.status == 503
        _Handler.plan = [404]
        with pytest.raises(FetchError, match="HTTP 404"):
            f.get(server + "/y")
        assert len(_Handler.hits) == 5  # 404 is not retried


def test_transport_errors_are_retried_and_reported() -> None:
    calls = []

    def handler(request: httpx.Request) -> httpx.Response:
        calls.append(request)
        raise httpx.ConnectTimeout("timed out", request=request)

    with httpx.Client(transport=httpx.MockTransport(handler)) as client:
        f = Fetcher(load_settings(env={}, http_retries=2), client, sleep=lambda s: None)
        with pytest.raises(FetchError, match="gave up after 3 attempt.*ConnectTimeout"):
            f.get("https://example.kg/feed")
    assert len(calls) == 3


def test_politeness_delay_per_host() -> None:
    now = [100.0]
    waits: list[float] = []

    def sleep(s: float) -> None:
        waits.append(round(s, 3))
        now[0] += s

    transport = httpx.MockTransport(lambda r: httpx.Response(200, content=b"ok"))
    with httpx.Client(transport=transport) as client:
        f = Fetcher(load_settings(env={}, politeness_delay=2.0), client, sleep=sleep, clock=lambda: now[0])
        f.get("https://a.kg/1")
        f.get("https://b.kg/1")
        f.get("https://a.kg/2")
    assert waits == [2.0]


def test_size_limit_and_retry_after() -> None:
    big = httpx.MockTransport(lambda r: httpx.Response(200, content=b"x" * 5000))
    with httpx.Client(transport=big) as client:
        f = Fetcher(load_settings(env={}, max_download_bytes=1000), client)
        with pytest.raises(FetchError, match=r"5,000 bytes is over max_download_bytes \(1,000\)"):
            f.get("https://a.kg/big")
    answers = [httpx.Response(429, headers={"Retry-After": "7"}), httpx.Response(200, content=b"ok")]
    waits: list[float] = []
    with httpx.Client(transport=httpx.MockTransport(lambda r: answers.pop(0))) as client:
        f = Fetcher(load_settings(env={}, politeness_delay=0), client, sleep=waits.append)
        assert f.get("https://a.kg/").content == b"ok"
    assert waits == [7.0]
