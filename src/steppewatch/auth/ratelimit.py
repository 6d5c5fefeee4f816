"""Login rate limiting: a sliding window of failed attempts per client address and per user name."""

from __future__ import annotations

import threading
import time
from collections import deque

MAX_FAILURES = 5  # failed logins allowed per window, per address and per user name
WINDOW_S = 300.0


class LoginLimiter:
    def __init__(self, max_failures: int = MAX_FAILURES, window_s: float = WINDOW_S) -> None:
        self.max_failures = max_failures
        self.window_s = window_s
        self._failures: dict[str, deque[float]] = {}
        self._lock = threading.Lock()

    def _recent(self, key: str, now: float) -> deque[float]:
        q = self._failures.setdefault(key, deque())
        while q and now - q[0] > self.window_s:
            q.popleft()
        return q

    def retry_after(self, ip: str, username: str, now: float | None = None) -> int:
        """Seconds to wait before another attempt is allowed; 0 when one is allowed now."""
        now = time.monotonic() if now is None else now
        wait = 0.0
        with self._lock:
            for key in (f"ip:{ip}", f"user:{username.lower()}"):
                q = self._recent(key, now)
                if len(q) >= self.max_failures:
                    wait = max(wait, self.window_s - (now - q[0]))
        return int(wait) + 1 if wait > 0 else 0

    def failed(self, ip: str, username: str, now: float | None = None) -> None:
        now = time.monotonic() if now is None else now
        with self._lock:
            for key in (f"ip:{ip}", f"user:{username.lower()}"):
                self._recent(key, now).append(now)

    def succeeded(self, ip: str, username: str) -> None:
        with self._lock:
            self._failures.pop(f"user:{username.lower()}", None)
