"""Per-source health in the store's state table (key ``source_health:<id>``), for
``steppewatch sources check`` and the dashboard.

Fields: ``checked_at``, ``reachable``, ``last_success``, ``items``, ``empty_bodies``,
``missing_dates``, ``error``.
"""

from __future__ import annotations

import json
from typing import Any

from ..models import utcnow
from ..store import Store

PREFIX = "source_health:"


def get_health(store: Store, source_id: str) -> dict[str, Any]:
    raw = store.get_state(PREFIX + source_id)
    return json.loads(raw) if raw else {}


def record_success(store: Store, source_id: str, *, items: int, empty_bodies: int = 0,
                   missing_dates: int = 0, not_modified: bool = False) -> dict[str, Any]:
    now = utcnow().isoformat()
    health = {**get_health(store, source_id), "checked_at": now, "reachable": True, "last_success": now,
              "items": items, "empty_bodies": empty_bodies, "missing_dates": missing_dates,
              "not_modified": not_modified, "error": None}
    store.set_state(PREFIX + source_id, json.dumps(health))
    return health


def record_failure(store: Store, source_id: str, error: str) -> dict[str, Any]:
    health = {**get_health(store, source_id), "checked_at": utcnow().isoformat(), "reachable": False,
              "error": error[:500]}
    health.setdefault("last_success", None)
    store.set_state(PREFIX + source_id, json.dumps(health))
    return health


def all_health(store: Store) -> dict[str, dict[str, Any]]:
    rows = store.query("SELECT key, value FROM state WHERE key LIKE ?", (PREFIX + "%",))
    return {k[len(PREFIX):]: json.loads(v) for k, v in rows}
