"""Login rate limiting: a sliding window of failed attempts per client address and per user name.

Failures are kept in the store (table ``login_failures``), so the limit holds across every
process of ``steppewatch serve --workers N`` and across restarts. Times are wall-clock seconds.
"""

from __future__ import annotations

import time

from ..store import Store

MAX_FAILURES = 5  # failed logins allowed per window, per address and per user name
WINDOW_S = 300.0


class LoginLimiter:
    def __init__(self, store: Store, max_failures: int = MAX_FAILURES, window_s: float = WINDOW_S) -> None:
        self.store = store
        self.max_failures = max_failures
        self.window_s = window_s

    @staticmethod
    def _keys(ip: str, username: str) -> tuple[str, str]:
        return f"ip:{ip}", f"user:{username.lower()}"

    def retry_after(self, ip: str, username: str, now: float | None = None) -> int:
        """Seconds to wait before another attempt is allowed; 0 when one is allowed now."""
        now = time.time() if now is None else now
        wait = 0.0
        for key in self._keys(ip, username):
            times = [r[0] for r in self.store.query(
                "SELECT at FROM login_failures WHERE key = ? AND at > ? ORDER BY at", (key, now - self.window_s))]
            if len(times) >= self.max_failures:
                wait = max(wait, self.window_s - (now - times[-self.max_failures]))
        return int(wait) + 1 if wait > 0 else 0

    def failed(self, ip: str, username: str, now: float | None = None) -> None:
        now = time.time() if now is None else now
        with self.store.transaction():
            self.store.execute("DELETE FROM login_failures WHERE at <= ?", (now - self.window_s,))
            self.store.executemany("INSERT INTO login_failures (key, at) VALUES (?, ?)",
                                   [(key, now) for key in self._keys(ip, username)])

    def succeeded(self, ip: str, username: str) -> None:
        self.store.execute("DELETE FROM login_failures WHERE key = ?", (self._keys(ip, username)[1],))
