"""The audit log: who logged in, failed to, logged out, exported what, minted which token."""

from __future__ import annotations

import json
from typing import Any

from ..models import utcnow
from ..store import Store


def audit(store: Store, action: str, username: str | None, ip: str | None = None, **detail: Any) -> None:
    """Append one line to the audit log (``action`` such as ``login``, ``login_failed``, ``export``)."""
    store.execute(
        "INSERT INTO audit_log (at, username, action, ip, detail) VALUES (?, ?, ?, ?, ?)",
        (utcnow().isoformat(), username, action, ip,
         json.dumps({k: v for k, v in detail.items() if v is not None}, ensure_ascii=False, default=str)),
    )


def recent_audit(store: Store, limit: int = 200, action: str | None = None) -> list[dict[str, Any]]:
    sql = "SELECT at, username, action, ip, detail FROM audit_log"
    params: list[Any] = []
    if action:
        sql += " WHERE action = ?"
        params.append(action)
    rows = store.query(sql + " ORDER BY id DESC LIMIT ?", [*params, limit])
    return [{"at": r[0], "username": r[1], "action": r[2], "ip": r[3], "detail": json.loads(r[4] or "{}")}
            for r in rows]
