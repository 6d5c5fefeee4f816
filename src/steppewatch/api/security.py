"""Who is asking: API tokens, session cookies, the anonymous local user, and role checks.

Rules (see docs/api.md, "Access"):

- ``Authorization: Bearer swt_...`` names a user by API token; a bad token is a 401.
- A signed ``sw_session`` cookie names a logged-in user.
- When no accounts exist (a fresh local install), requests from the loopback address are
  served as the anonymous local user, a viewer cleared to TLP:GREEN; other addresses get 403.
- When accounts exist, anonymous requests get 401 (API) or go to the login page (pages).
"""

from __future__ import annotations

import ipaddress
import threading
import time

from fastapi import Request

from ..auth.ratelimit import LoginLimiter
from ..auth.sessions import SESSION_COOKIE, Signer, resolve_secret_key
from ..auth.users import ANONYMOUS, User, UserStore
from ..settings import Settings
from ..store import Store
from .errors import ApiError


def is_loopback(host: str | None) -> bool:
    if not host:
        return False
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


class LoginRequired(ApiError):
    """Raised by pages when nobody is logged in; the handler redirects to /login."""

    def __init__(self, next_url: str) -> None:
        super().__init__(401, "log in to see this page", type="Unauthorized")
        self.next_url = next_url


class Auth:
    """Per-app authentication state: users, signer, login limiter."""

    USERS_TTL_S = 2.0

    def __init__(self, store: Store, settings: Settings) -> None:
        self.store = store
        self.users = UserStore(store)
        self.signer = Signer(resolve_secret_key(store, settings.secret_key))
        self.limiter = LoginLimiter(store)
        self._count: tuple[float, int] = (0.0, 0)
        self._lock = threading.Lock()

    def users_exist(self) -> bool:
        now = time.monotonic()
        with self._lock:
            at, n = self._count
            if now - at > self.USERS_TTL_S:
                n = self.users.count()
                self._count = (now, n)
        return n > 0

    def forget_count(self) -> None:
        with self._lock:
            self._count = (0.0, 0)

    def resolve(self, request: Request) -> User | None:
        """The user behind a request, the anonymous local user, or None (nobody logged in)."""
        if hasattr(request.state, "user"):
            cached: User | None = request.state.user
            return cached
        user = self._resolve(request)
        request.state.user = user
        return user

    def _resolve(self, request: Request) -> User | None:
        header = request.headers.get("authorization", "")
        if header:
            scheme, _, token = header.partition(" ")
            user = self.users.user_for_token(token.strip()) if scheme.lower() == "bearer" else None
            if user is None:
                raise ApiError(401, "the API token is not valid; create one with `steppewatch users token`",
                               headers={"WWW-Authenticate": "Bearer"})
            request.state.via = "token"
            return user
        cookie = request.cookies.get(SESSION_COOKIE)
        if cookie:
            user_id = self.signer.session_user(cookie)
            user = self.users.get(user_id) if user_id else None
            if user is not None and not user.disabled:
                request.state.via = "session"
                return user
        if not self.users_exist():
            host = request.client.host if request.client else None
            if not is_loopback(host):
                raise ApiError(403, "no accounts exist yet, so this server only serves the local machine; "
                                    "add one with `steppewatch users add`", type="Forbidden")
            request.state.via = "anonymous"
            return ANONYMOUS
        return None


def get_auth(request: Request) -> Auth:
    return request.app.state.auth  # type: ignore[no-any-return]


def current_user(request: Request) -> User:
    """FastAPI dependency for API routes: the user, or a 401 in the one error shape."""
    user = get_auth(request).resolve(request)
    if user is None:
        raise ApiError(401, "authentication required: send `Authorization: Bearer <token>` or log in",
                       headers={"WWW-Authenticate": "Bearer"})
    return user


def page_user(request: Request) -> User:
    """FastAPI dependency for pages: the user, or a redirect to the login page."""
    user = get_auth(request).resolve(request)
    if user is None:
        target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
        raise LoginRequired(target)
    return user


def require(user: User, permission: str) -> None:
    if not user.can(permission):
        raise ApiError(403, f"your role ({user.role}) may not do this ({permission})", type="Forbidden")


def client_ip(request: Request) -> str:
    return request.client.host if request.client else "unknown"
