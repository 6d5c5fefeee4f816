"""`steppewatch run` end to end: a feed and its article pages served on loopback, collected,
coded, geolocated and stored by the real command; the second cycle uses conditional GET."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from steppewatch.store import open_store

ARTICLES = {
    "/a/1": ("Border guards clash near Isfana",
             "Kyrgyz and Tajik border guards exchanged fire near the town of Isfana in Batken region on Monday. "
             "Two border guards were killed and five were injured, the Kyrgyz border service said."),
    "/a/2": ("Heroin seized in Khorog",
             "Tajik drug control officers seized 120 kg of heroin in Khorog on Tuesday and detained three "
             "men who had crossed the Panj river from Afghanistan."),
    "/a/3": ("Football season opens", "The national football league opened its season with a friendly match."),
}


def feed(base: str) -> bytes:
    items = "".join(
        f"<item><title>{t}</title><link>{base}{p}</link><guid>{base}{p}</guid>"
        "<pubDate>Wed, 06 Mar 2024 09:00:00 +0000</pubDate></item>"
        for p, (t, _) in ARTICLES.items()
    )
    return (f'<?xml version="1.0"?><rss version="2.0"><channel><title>Loopback Wire</title>'
            f"<link>{base}/</link><description>test</description>{items}</channel></rss>").encode()


class Handler(BaseHTTPRequestHandler):
    hits: list[tuple[str, str | None]] = []

    def do_GET(self) -> None:  # noqa: N802 - http.server's name
        base = f"http://127.0.0.1:{self.server.server_address[1]}"
        Handler.hits.append((self.path, self.headers.get("If-None-Match")))
        if self.path == "/feed.xml":
            if self.headers.get("If-None-Match") == '"v1"':
                self.send_response(304)
                self.end_headers()
                return
            body, ctype = feed(base), "application/rss+xml"
        elif self.path in ARTICLES:
            title, text = ARTICLES[self.path]
            body = (f"<html><head><title>{title}</title></head><body><article><h1>{title}</h1>"
                    f"<p>{text}</p></article></body></html>").encode()
            ctype = "text/html; charset=utf-8"
        else:
            self.send_error(404)
            return
        self.send_response(200)
        self.send_header("Content-Type", ctype)
        self.send_header("ETag", '"v1"')
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.mark.slow
def test_run_collects_codes_and_stores_then_revalidates(tmp_path: Path) -> None:
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    port = server.server_address[1]
    registry = tmp_path / "sources.toml"
    registry.write_text(
        f'[[source]]\nid = "loopback"\nname = "Loopback Wire"\nkind = "rss"\n'
        f'feeds = ["http://127.0.0.1:{port}/feed.xml"]\nlanguages = ["en"]\ncountry = "KG"\n'
        'state_affiliation = "independent"\n'
    )
    url = f"sqlite:///{tmp_path / 'run.db'}"
    env = {**os.environ, "STEPPEWATCH_DATABASE_URL": url, "STEPPEWATCH_SOURCES_FILE": str(registry),
           "STEPPEWATCH_POLITENESS_DELAY": "0", "STEPPEWATCH_HTTP_RETRIES": "0"}
    try:
        cmd = [sys.executable, "-m", "steppewatch", "run", "--source", "loopback"]
        first = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=300)
        assert first.returncode == 0, first.stderr
        store = open_store(url)
        assert store.count_documents() == 3
        categories = {e.category for e in store.query_events()}
        assert {"border", "narcotics"} <= categories
        border = [e for e in store.query_events() if e.category == "border"][0]
        assert border.country == "KG" and border.fatalities.best == 2
        store.close()

        Handler.hits.clear()
        second = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=300)
        assert second.returncode == 0, second.stderr
        assert ("/feed.xml", '"v1"') in Handler.hits  # conditional GET
        assert not [p for p, _ in Handler.hits if p.startswith("/a/")]  # nothing fetched again
        store = open_store(url)
        assert store.count_documents() == 3
        store.close()
    finally:
        server.shutdown()
