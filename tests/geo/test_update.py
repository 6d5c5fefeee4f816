"""The GeoNames downloader against a local HTTP server (never the internet)."""

from __future__ import annotations

import hashlib
import http.server
import io
import socket
import threading
import zipfile
from collections.abc import Iterator

import httpx
import pytest

from steppewatch.errors import FetchError
from steppewatch.geo import Geoparser
from steppewatch.geo.gazetteer import get_meta
from steppewatch.geo.update import update
from steppewatch.store import Store

# one row in the 19-column GeoNames dump format (a made-up village, for the test only)
ROW = "\t".join(["9999001", "Testabad", "Testabad", "Testabad,Тестабад", "40.1", "70.9", "P", "PPL", "KG",
                 "", "09", "", "", "", "120", "", "900", "Asia/Bishkek", "2024-01-01"])


def _zip() -> bytes:
    """The same bytes on every call: members carry a fixed time (writestr would stamp the
    current one, and a call on each side of a two-second tick would hash differently)."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        for name, data in (("KG.txt", ROW + "\n"), ("readme.txt", "test")):
            zf.writestr(zipfile.ZipInfo(name, date_time=(2024, 1, 1, 0, 0, 0)), data)
    return buf.getvalue()


@pytest.fixture
def server() -> Iterator[str]:
    payload = _zip()

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802
            if self.path.endswith("/KG.zip"):
                self.send_response(200)
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)
            else:
                self.send_response(404)
                self.end_headers()

        def log_message(self, *args: object) -> None:
            pass

    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/dump"
    httpd.shutdown()
    httpd.server_close()


def test_update_downloads_loads_and_records_checksum(store: Store, server: str) -> None:
    seen: list[int] = []
    facts = update(store, countries=("KG",), base_url=server, boundaries=False,
                   progress=lambda url, done, total: seen.append(done))
    assert facts["countries"] == {"KG": 1}
    assert seen and seen[-1] == len(_zip())
    url = f"{server}/KG.zip"
    assert get_meta(store)["update"]["checksums"][url] == hashlib.sha256(_zip()).hexdigest()
    (p,) = Geoparser.from_store(store).parse("Сход в Тестабаде")
    assert (p.name, p.country, p.geonameid) == ("Testabad", "KG", 9999001)


def test_missing_file_is_a_fetch_error(store: Store, server: str) -> None:
    with pytest.raises(FetchError, match="HTTP 404"):
        update(store, countries=("TJ",), base_url=server, boundaries=False)


def test_offline_is_one_clear_line(store: Store) -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]  # closed again: nothing listens there
    with pytest.raises(FetchError) as info:
        update(store, countries=("KG",), base_url=f"http://127.0.0.1:{port}", boundaries=False,
               client=httpx.Client(timeout=2))
    assert "\n" not in str(info.value) and "offline" in str(info.value)
