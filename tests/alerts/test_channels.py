from __future__ import annotations

import json
import socket
import threading
import xml.etree.ElementTree as ET
from datetime import UTC, date, datetime
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest

from steppewatch.alerts import atom_feed, send_webhook
from steppewatch.alerts.channels import ATOM_NS, deliver_all
from steppewatch.errors import FetchError
from steppewatch.models import Alert
from steppewatch.settings import load_settings
from steppewatch.vocab import Tlp


def _alert(i: int = 1, marking: Tlp = Tlp.CLEAR) -> Alert:
    return Alert(id=f"00000000-0000-0000-0000-00000000000{i}", rule="surge", title=f"Kyrgyzstan (KG-B): surge {i}",
                 created_at=datetime(2024, 5, 21, 6, tzinfo=UTC), country="KG", admin1="KG-B", tracker="surge",
                 level="surge", value=11, baseline=2, period_start=date(2024, 5, 13),
                 period_end=date(2024, 5, 19), event_ids=("e1", "e2"), marking=marking)


class _Hook(BaseHTTPRequestHandler):
    statuses: list[int] = []
    bodies: list[dict] = []

    def do_POST(self) -> None:  # noqa: N802
        body = self.rfile.read(int(self.headers["Content-Length"]))
        type(self).bodies.append(json.loads(body))
        status = type(self).statuses.pop(0) if type(self).statuses else 200
        self.send_response(status)
        self.end_headers()

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def hook():
    _Hook.statuses, _Hook.bodies = [], []
    server = HTTPServer(("127.0.0.1", 0), _Hook)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}/hook", _Hook
    server.shutdown()
    server.server_close()


def test_webhook_retries_with_backoff(hook):
    url, handler = hook
    handler.statuses = [503, 500, 200]
    waits: list[float] = []
    assert send_webhook(_alert(), url, retries=3, backoff=0.5, sleep=waits.append) == 200
    assert waits == [0.5, 1.0]
    assert len(handler.bodies) == 3
    body = handler.bodies[-1]
    assert body["tlp"] == "TLP:CLEAR" and body["alert"]["event_ids"] == ["e1", "e2"]


def test_webhook_gives_up(hook):
    url, handler = hook
    handler.statuses = [500] * 5
    with pytest.raises(FetchError, match="after 3 attempts"):
        send_webhook(_alert(), url, retries=2, sleep=lambda _s: None)
    handler.statuses = [404]
    with pytest.raises(FetchError, match="HTTP 404"):
        send_webhook(_alert(), url, retries=2, sleep=lambda _s: None)


def test_email_over_smtp(store):
    aiosmtpd = pytest.importorskip("aiosmtpd.controller")
    from aiosmtpd.handlers import Message

    received = []

    class Keep(Message):
        def handle_message(self, message) -> None:
            received.append(message)

    with socket.socket() as probe:  # a free port: the controller's own start-up check needs a real one
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    controller = aiosmtpd.Controller(Keep(), hostname="127.0.0.1", port=port)
    controller.start()
    try:
        settings = load_settings(env={}, smtp_host="127.0.0.1", smtp_port=port,
                                 alert_email_to="analyst@example.org")
        outcome = deliver_all(store, settings, [_alert(1), _alert(2, Tlp.AMBER)])
    finally:
        controller.stop()
    assert outcome == {"email": "sent"}
    (msg,) = received
    assert msg["Subject"].startswith("[TLP:AMBER] steppewatch: 2 alert(s)")
    assert "surge 2" in msg.get_payload()
    status = store.query("SELECT channel, status FROM alert_deliveries ORDER BY alert_id")
    assert status == [("email", "sent"), ("email", "sent")]


def test_atom_feed_is_valid_and_hides_restricted():
    xml = atom_feed([_alert(1), _alert(2, Tlp.RED)], max_marking=Tlp.GREEN)
    root = ET.fromstring(xml)
    entries = root.findall(f"{{{ATOM_NS}}}entry")
    assert len(entries) == 1
    assert entries[0].find(f"{{{ATOM_NS}}}id").text == "urn:uuid:00000000-0000-0000-0000-000000000001"
    assert root.find(f"{{{ATOM_NS}}}updated").text.startswith("2024-05-21")
