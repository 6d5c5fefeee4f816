"""Alert channels: Atom feed, webhook (JSON POST) and e-mail (SMTP).

A channel without its settings is off (``NotConfigured``) and says so once; a delivery that
fails is recorded in ``alert_deliveries`` and logged, and never stops a run.
"""

from __future__ import annotations

import json
import logging
import smtplib
import time
from collections.abc import Callable, Sequence
from email.message import EmailMessage
from typing import Any
from xml.sax.saxutils import escape

import httpx

from ..errors import FetchError, NotConfigured
from ..models import Alert, stable_id, utcnow
from ..settings import Settings
from ..store import Store
from ..vocab import Tlp
from .store import record_delivery

log = logging.getLogger(__name__)
ATOM_NS = "http://www.w3.org/2005/Atom"


def alert_payload(alert: Alert) -> dict[str, Any]:
    """The JSON body sent to webhooks: the alert record plus its TLP label."""
    return {"type": "steppewatch.alert", "tlp": alert.marking.label, "alert": alert.to_dict()}


def atom_feed(alerts: Sequence[Alert], *, title: str = "steppewatch alerts",
              base_url: str = "http://localhost:8000", max_marking: Tlp | str = Tlp.CLEAR) -> str:
    """An Atom 1.0 document (RFC 4287) of the alerts a reader cleared to ``max_marking`` may see."""
    ceiling = Tlp.parse(max_marking)
    shown = [a for a in alerts if ceiling.allows(a.marking)]
    updated = max((a.created_at for a in shown), default=utcnow()).isoformat()
    base = base_url.rstrip("/")
    parts = ['<?xml version="1.0" encoding="utf-8"?>', f'<feed xmlns="{ATOM_NS}">',
             f"<title>{escape(title)}</title>", f"<id>urn:uuid:{stable_id('feed', base)}</id>",
             f"<updated>{updated}</updated>", f'<link rel="self" href="{escape(base)}/api/alerts.atom"/>',
             "<author><name>steppewatch</name></author>"]
    for a in shown:
        summary = (f"{a.marking.label}. Tracker {a.tracker}, level {a.level}; value {a.value} against "
                   f"baseline {a.baseline}; period {a.period_start} to {a.period_end}; "
                   f"{len(a.event_ids)} events.")
        parts += ["<entry>", f"<title>{escape(a.title)}</title>", f"<id>urn:uuid:{a.id}</id>",
                  f"<updated>{a.created_at.isoformat()}</updated>",
                  f'<link href="{escape(base)}/alerts/{a.id}"/>',
                  f'<category term="{escape(a.tracker or "")}"/>',
                  f'<category term="{escape(a.marking.label)}" label="handling"/>',
                  f"<summary>{escape(summary)}</summary>", "</entry>"]
    parts.append("</feed>")
    return "\n".join(parts)


def send_webhook(alert: Alert, url: str, *, retries: int = 3, timeout: float = 10.0, backoff: float = 0.5,
                 client: httpx.Client | None = None, sleep: Callable[[float], None] = time.sleep) -> int:
    """POST the alert as JSON; retry with exponential backoff on network errors and 5xx/429."""
    if not url:
        raise NotConfigured("webhook channel off: set STEPPEWATCH_WEBHOOK_URL")
    own = client is None
    client = client or httpx.Client(timeout=timeout)
    body = json.dumps(alert_payload(alert), ensure_ascii=False).encode("utf-8")
    try:
        for attempt in range(retries + 1):
            try:
                r = client.post(url, content=body, headers={"Content-Type": "application/json"})
                if r.status_code < 300:
                    return r.status_code
                if r.status_code < 500 and r.status_code != 429:
                    raise FetchError(f"webhook refused the alert (HTTP {r.status_code})", url=url,
                                     status=r.status_code)
                problem = f"HTTP {r.status_code}"
            except httpx.HTTPError as exc:
                problem = str(exc) or type(exc).__name__
            if attempt < retries:
                sleep(backoff * 2 ** attempt)
        raise FetchError(f"webhook failed after {retries + 1} attempts: {problem}", url=url)
    finally:
        if own:
            client.close()


def email_message(alerts: Sequence[Alert], sender: str, recipients: Sequence[str]) -> EmailMessage:
    msg = EmailMessage()
    top = max((a.marking for a in alerts), key=lambda m: m.rank, default=Tlp.CLEAR)
    msg["Subject"] = f"[{top.label}] steppewatch: {len(alerts)} alert(s)" + (
        f" - {alerts[0].title}" if len(alerts) == 1 else "")
    msg["From"] = sender
    msg["To"] = ", ".join(recipients)
    lines = [f"{top.label}", ""]
    for a in alerts:
        lines += [f"* {a.title}", f"  {a.marking.label}; rule {a.rule}; tracker {a.tracker}; "
                  f"period {a.period_start} to {a.period_end}; events: {', '.join(a.event_ids[:10])}"
                  + (" ..." if len(a.event_ids) > 10 else ""), ""]
    msg.set_content("\n".join(lines))
    return msg


def send_email(alerts: Sequence[Alert], settings: Settings) -> None:
    """Send one message with the alerts over SMTP."""
    if not settings.smtp_host or not settings.alert_email_to:
        raise NotConfigured("e-mail channel off: set smtp_host and alert_email_to")
    msg = email_message(alerts, settings.alert_email_from, settings.alert_email_to)
    with smtplib.SMTP(settings.smtp_host, int(settings.smtp_port), timeout=float(settings.http_timeout)) as smtp:
        if settings.smtp_starttls:
            smtp.starttls()
        if settings.smtp_user:
            smtp.login(settings.smtp_user, settings.smtp_password)
        smtp.send_message(msg)


def deliver_all(store: Store, settings: Settings, alerts: Sequence[Alert]) -> dict[str, str]:
    """Send alerts through every configured channel; returns channel -> outcome."""
    outcome: dict[str, str] = {}
    if settings.webhook_url:
        failed = 0
        for a in alerts:
            try:
                send_webhook(a, settings.webhook_url, retries=int(settings.http_retries),
                             timeout=float(settings.http_timeout))
                record_delivery(store, a.id, "webhook", "sent")
            except Exception as exc:  # a broken channel never stops a run
                failed += 1
                record_delivery(store, a.id, "webhook", "failed", str(exc))
                log.warning("webhook delivery of alert %s failed: %s", a.id, exc)
        outcome["webhook"] = f"{len(alerts) - failed} sent, {failed} failed"
    if settings.smtp_host and settings.alert_email_to:
        try:
            send_email(alerts, settings)
            status, detail = "sent", None
        except Exception as exc:
            status, detail = "failed", str(exc)
            log.warning("e-mail delivery of %d alert(s) failed: %s", len(alerts), exc)
        for a in alerts:
            record_delivery(store, a.id, "email", status, detail)
        outcome["email"] = status if detail is None else f"failed: {detail}"
    return outcome
