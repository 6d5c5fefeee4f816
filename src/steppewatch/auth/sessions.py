"""Signed login sessions and CSRF tokens (HMAC-SHA256 over the secret key).

The session cookie holds ``user id | issued-at | nonce`` and its signature; nothing secret.
The secret key comes from the ``secret_key`` setting (environment only) or, when that is
unset, from a random key generated once and kept in the store's ``state`` table.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
import time
from dataclasses import dataclass

from ..store import Store

SESSION_COOKIE = "sw_session"
CSRF_COOKIE = "sw_csrf"
SESSION_MAX_AGE = 12 * 3600  # seconds; a working day
_STATE_KEY = "web_secret_key"


def resolve_secret_key(store: Store, configured: str = "") -> bytes:
    """The configured key, else the persisted one, else a new random key that is persisted."""
    if configured:
        return configured.encode("utf-8")
    stored = store.get_state(_STATE_KEY)
    if not stored:
        stored = secrets.token_urlsafe(48)
        store.set_state(_STATE_KEY, stored)
        stored = store.get_state(_STATE_KEY) or stored  # another process may have won the race
    return stored.encode("utf-8")


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


@dataclass(frozen=True)
class Signer:
    key: bytes

    def sign(self, value: str, purpose: str) -> str:
        mac = hmac.new(self.key, f"{purpose}\x1f{value}".encode(), hashlib.sha256).digest()
        return f"{value}.{_b64(mac)}"

    def unsign(self, signed: str, purpose: str) -> str | None:
        value, _, mac = signed.rpartition(".")
        if not value or not mac:
            return None
        expected = self.sign(value, purpose).rpartition(".")[2]
        return value if hmac.compare_digest(mac, expected) else None

    # --- sessions --------------------------------------------------------------------------
    def session_cookie(self, user_id: str, now: float | None = None) -> str:
        issued = int(now if now is not None else time.time())
        return self.sign(f"{user_id}|{issued}|{secrets.token_urlsafe(8)}", "session")

    def session_user(self, cookie: str, now: float | None = None) -> str | None:
        """The user id of a valid, unexpired session cookie; else None."""
        value = self.unsign(cookie, "session")
        if value is None:
            return None
        user_id, issued, _nonce = (value.split("|") + ["", ""])[:3]
        try:
            age = (now if now is not None else time.time()) - int(issued)
        except ValueError:
            return None
        return user_id if 0 <= age <= SESSION_MAX_AGE else None

    # --- CSRF (signed double submit) --------------------------------------------------------
    @staticmethod
    def new_csrf_seed() -> str:
        return secrets.token_urlsafe(24)

    def csrf_token(self, seed: str) -> str:
        return self.sign(seed, "csrf").rpartition(".")[2]

    def csrf_ok(self, seed: str | None, token: str | None) -> bool:
        if not seed or not token:
            return False
        return hmac.compare_digest(self.csrf_token(seed), token)
