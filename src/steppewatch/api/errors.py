"""One error shape for every error the API returns::

    {"error": {"type": "NotFound", "message": "no event ...", "status": 404, ...fields}}

Steppewatch errors keep their class name as ``type`` and their structured fields; HTTP errors
get a name from their status; validation errors list each bad parameter under ``errors``.
Pages (paths outside ``/api``) requested by a browser get the same content as an HTML page.
"""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, RedirectResponse, Response
from starlette.exceptions import HTTPException

from ..errors import (
    AccessDenied,
    ConfigError,
    FetchError,
    InputError,
    NotConfigured,
    SteppewatchError,
    StoreError,
)

log = logging.getLogger(__name__)

STATUS_NAMES = {
    400: "BadRequest", 401: "Unauthorized", 403: "Forbidden", 404: "NotFound", 405: "MethodNotAllowed",
    406: "NotAcceptable", 409: "Conflict", 413: "PayloadTooLarge", 415: "UnsupportedMediaType",
    422: "ValidationError", 429: "TooManyRequests", 500: "InternalError", 501: "NotImplemented",
    502: "BadGateway", 503: "ServiceUnavailable",
}
_STATUS_OF: tuple[tuple[type[SteppewatchError], int], ...] = (
    (InputError, 400), (AccessDenied, 403), (NotConfigured, 501), (FetchError, 502), (StoreError, 503),
    (ConfigError, 500),
)


class ApiError(HTTPException):
    """An HTTP error with a type name and extra fields for the error body."""

    def __init__(self, status: int, message: str, *, type: str | None = None,
                 headers: dict[str, str] | None = None, **fields: Any) -> None:
        super().__init__(status_code=status, detail=message, headers=headers)
        self.type = type or STATUS_NAMES.get(status, "Error")
        self.fields = fields


def not_found(what: str, ident: str) -> ApiError:
    return ApiError(404, f"no {what} {ident!r} (or it is above your clearance)", type="NotFound")


def error_body(status: int, type_: str, message: str, **fields: Any) -> dict[str, Any]:
    return {"error": {"type": type_, "message": message, "status": status,
                      **{k: v for k, v in fields.items() if v is not None}}}


def status_of(exc: SteppewatchError) -> int:
    for cls, status in _STATUS_OF:
        if isinstance(exc, cls):
            return status
    return 500


def _wants_html(request: Request) -> bool:
    return not request.url.path.startswith("/api") and "text/html" in request.headers.get("accept", "")


def _respond(request: Request, body: dict[str, Any], headers: dict[str, str] | None = None) -> Response:
    status = body["error"]["status"]
    if _wants_html(request):
        from ..web.render import error_page

        return error_page(request, body["error"], headers=headers)
    return JSONResponse(body, status_code=status, headers=headers)


def install(app: FastAPI) -> None:
    """Register the handlers that give every error the one shape."""

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, exc: HTTPException) -> Response:
        next_url = getattr(exc, "next_url", None)
        if next_url is not None and _wants_html(request):
            from urllib.parse import quote

            return RedirectResponse(f"/login?next={quote(next_url, safe='/')}", status_code=303)
        if isinstance(exc, ApiError):
            body = error_body(exc.status_code, exc.type, str(exc.detail), **exc.fields)
        else:
            message = exc.detail if isinstance(exc.detail, str) else STATUS_NAMES.get(exc.status_code, "error")
            if exc.status_code == 404 and message == "Not Found":
                message = f"no such resource: {request.url.path}"
            body = error_body(exc.status_code, STATUS_NAMES.get(exc.status_code, "Error"), message)
        return _respond(request, body, headers=getattr(exc, "headers", None))

    @app.exception_handler(RequestValidationError)
    async def validation_error(request: Request, exc: RequestValidationError) -> Response:
        errors = [{"input": ".".join(str(p) for p in e.get("loc", ()) if p not in ("query", "path", "body")),
                   "message": e.get("msg", "invalid")} for e in exc.errors()]
        message = "; ".join(f"{e['input']}: {e['message']}" for e in errors) or "invalid request"
        return _respond(request, error_body(422, "ValidationError", message, errors=errors))

    @app.exception_handler(SteppewatchError)
    async def steppewatch_error(request: Request, exc: SteppewatchError) -> Response:
        status = status_of(exc)
        data = exc.as_dict()
        data.pop("type")
        data.pop("message")
        if status >= 500:
            log.warning("%s on %s: %s", type(exc).__name__, request.url.path, exc)
        return _respond(request, error_body(status, type(exc).__name__, exc.message, **data))

    @app.exception_handler(Exception)
    async def unexpected(request: Request, exc: Exception) -> Response:
        log.exception("unexpected error on %s", request.url.path)
        return _respond(request, error_body(500, "InternalError", "internal error; the server log has details"))
