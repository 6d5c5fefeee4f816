"""The web application: REST API under /api/v1, dashboard pages, static files.

>>> app = create_app(open_store("sqlite:///data/steppewatch.db"), load_settings())  # doctest: +SKIP
"""

from __future__ import annotations

import logging
import os
from typing import Any
from urllib.parse import urlsplit

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

from .. import __version__
from ..errors import ConfigError
from ..settings import Settings, load_settings
from ..store import Store, open_store
from . import errors
from .security import Auth, is_loopback

log = logging.getLogger(__name__)

API_DESCRIPTION = """Events, documents, sources, indicators, country profiles, alerts and exports.

Every response is capped at the caller's TLP clearance. Authenticate with
`Authorization: Bearer <token>` (see `steppewatch users token`). Errors always have the shape
`{"error": {"type", "message", "status", ...}}`.
"""


class SecurityHeaders:
    """Pure ASGI middleware adding security headers (cheaper than BaseHTTPMiddleware)."""

    def __init__(self, app: Any, tile_origin: str = "") -> None:
        self.app = app
        img = "'self' data:" + (f" {tile_origin}" if tile_origin else "")
        csp = (f"default-src 'self'; img-src {img}; style-src 'self'; script-src 'self'; "
               "connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'")
        self.headers = [(b"content-security-policy", csp.encode()), (b"x-content-type-options", b"nosniff"),
                        (b"referrer-policy", b"same-origin"), (b"x-frame-options", b"DENY")]

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        static = scope["path"].startswith("/static/")

        async def add_headers(message: Any) -> None:
            if message["type"] == "http.response.start":
                present = {k.lower() for k, _ in message.get("headers", [])}
                extra = [(k, v) for k, v in self.headers if k not in present]
                if not static and b"cache-control" not in present:
                    extra.append((b"cache-control", b"private, no-cache"))
                message["headers"] = [*message.get("headers", []), *extra]
            await send(message)

        await self.app(scope, receive, add_headers)


def create_app(store: Store, settings: Settings) -> FastAPI:
    """Build the application over an open store; nothing global, so tests build as many as they like."""
    app = FastAPI(
        title="steppewatch API", version=__version__, description=API_DESCRIPTION,
        openapi_url="/api/v1/openapi.json", docs_url=None, redoc_url=None,  # the stock docs pages need a CDN
    )
    app.state.store = store
    app.state.settings = settings
    app.state.auth = Auth(store, settings)
    errors.install(app)

    from ..web import login, pages
    from ..web.render import HERE
    from . import routes_catalog, routes_events, routes_overview

    for module in (routes_events, routes_catalog, routes_overview, login, pages):
        app.include_router(module.router)
    app.mount("/static", StaticFiles(directory=str(HERE / "static")), name="static")
    tile_origin = ""
    if settings.tile_url:
        parts = urlsplit(settings.tile_url)
        tile_origin = f"{parts.scheme}://{parts.netloc}" if parts.scheme and parts.netloc else ""
    app.add_middleware(SecurityHeaders, tile_origin=tile_origin)
    return app


def check_bind(store: Store, host: str, allow_remote: bool) -> None:
    """Refuse a non-loopback address unless accounts exist and remote access was asked for."""
    if is_loopback(host):
        return
    from ..auth.users import UserStore

    if UserStore(store).count() == 0:
        raise ConfigError(f"refusing to listen on {host}: no accounts exist, so anyone who can reach the "
                          "server would see the data; add one with `steppewatch users add` first")
    if not allow_remote:
        raise ConfigError(f"refusing to listen on {host} without --allow-remote; put TLS in front of it "
                          "(a reverse proxy) so session cookies travel encrypted")


def app_from_environment() -> FastAPI:
    """The application of one worker process of ``steppewatch serve --workers N``: its settings
    come from the environment and config file the parent process passed on, its own store
    connection from ``database_url``."""
    settings = load_settings()
    return create_app(open_store(settings.database_url), settings)


def worker_count(requested: int, store: Store) -> int:
    """Processes to serve with: ``requested``, or one per core (at most 4) when 0; one for an
    in-memory database, which other processes cannot open."""
    if requested < 0:
        raise ConfigError(f"web_workers must be 0 (one per core) or more, got {requested}")
    if store.url.endswith(":memory:"):
        return 1
    return requested or max(1, min(4, os.cpu_count() or 1))


def serve(store: Store, settings: Settings, host: str | None = None, port: int | None = None,
          allow_remote: bool = False, workers: int | None = None, config_file: str | None = None) -> None:
    """Run the dashboard and API with uvicorn until interrupted (``steppewatch serve``, ``make run``).

    With more than one worker, uvicorn starts that many processes on the same socket; each opens
    the store itself. The session key is settled here first, so every process signs alike, and
    failed logins are counted in the database (``auth.ratelimit``), so the limit is shared.
    """
    import uvicorn

    from ..auth.sessions import resolve_secret_key

    host = host or settings.host
    port = port if port is not None else settings.port
    check_bind(store, host, allow_remote)
    n = worker_count(settings.web_workers if workers is None else workers, store)
    options: dict[str, Any] = {"host": host, "port": port, "log_level": str(settings.log_level).lower(),
                               "proxy_headers": True, "server_header": False}
    log.warning("steppewatch dashboard on http://%s:%s/ (%d process%s)", host if ":" not in host else f"[{host}]",
                port, n, "" if n == 1 else "es")
    if n == 1:
        uvicorn.run(create_app(store, settings), **options)
        return
    resolve_secret_key(store, settings.secret_key)  # persisted once, before the workers read it
    os.environ["STEPPEWATCH_DATABASE_URL"] = store.url
    if config_file:
        os.environ["STEPPEWATCH_CONFIG"] = os.path.abspath(config_file)
    uvicorn.run("steppewatch.api.app:app_from_environment", factory=True, workers=n, **options)
