"""Alert persistence: the ``alerts`` and ``alert_deliveries`` tables (migration 0040)."""

from __future__ import annotations

import json
from datetime import date, datetime
from typing import Any

from ..models import Alert, utcnow
from ..store import Store
from ..vocab import Tlp


def put_alerts(store: Store, alerts: list[Alert], keys: dict[str, str]) -> list[Alert]:
    """Insert alerts not stored yet; returns those that were new."""
    if not alerts:
        return []
    marks = ",".join("?" * len(alerts))
    known = {r[0] for r in store.query(f"SELECT id FROM alerts WHERE id IN ({marks})", [a.id for a in alerts])}
    new = [a for a in alerts if a.id not in known]
    store.executemany(
        "INSERT INTO alerts (id, rule, dedup_key, created_at, country, admin1, category, tracker, level, "
        "period_start, period_end, marking, marking_rank, data) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
        "ON CONFLICT (id) DO NOTHING",
        [(a.id, a.rule, keys.get(a.id, a.rule), a.created_at.isoformat(), a.country, a.admin1, a.category,
          a.tracker, a.level, _iso(a.period_start), _iso(a.period_end), a.marking.value, a.marking.rank,
          json.dumps(a.to_dict(), ensure_ascii=False)) for a in new])
    return new


def _iso(d: date | None) -> str | None:
    return d.isoformat() if d else None


def alerts_since(store: Store, since: datetime) -> dict[str, date]:
    """dedup key -> latest period end of alerts created at or after ``since`` (for the cool-down)."""
    rows = store.query("SELECT dedup_key, MAX(period_end) FROM alerts WHERE created_at >= ? GROUP BY dedup_key",
                       (since.isoformat(),))
    return {k: date.fromisoformat(v) for k, v in rows if v}


def list_alerts(store: Store, *, limit: int = 50, max_marking: Tlp | str = Tlp.RED,
                country: str | None = None, since: datetime | None = None) -> list[Alert]:
    """Stored alerts, newest first, never above ``max_marking``."""
    sql = "SELECT data FROM alerts WHERE marking_rank <= ?"
    params: list[Any] = [Tlp.parse(max_marking).rank]
    if country:
        sql += " AND country = ?"
        params.append(country)
    if since:
        sql += " AND created_at >= ?"
        params.append(since.isoformat())
    rows = store.query(sql + " ORDER BY created_at DESC, id LIMIT ?", [*params, limit])
    return [Alert.from_dict(json.loads(r[0])) for r in rows]


def record_delivery(store: Store, alert_id: str, channel: str, status: str, detail: str | None = None) -> None:
    store.execute(
        "INSERT INTO alert_deliveries (alert_id, channel, status, at, detail) VALUES (?, ?, ?, ?, ?) "
        "ON CONFLICT (alert_id, channel) DO UPDATE SET status = excluded.status, at = excluded.at, "
        "detail = excluded.detail",
        (alert_id, channel, status, utcnow().isoformat(), detail))


def deliveries(store: Store, alert_id: str) -> dict[str, str]:
    return dict(store.query("SELECT channel, status FROM alert_deliveries WHERE alert_id = ?", (alert_id,)))
