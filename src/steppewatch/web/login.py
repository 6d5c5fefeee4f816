"""Log in, log out and the account page (with API tokens), all forms CSRF-protected."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import RedirectResponse, Response

from ..api.errors import ApiError
from ..api.security import client_ip, get_auth, page_user
from ..auth.audit import audit, recent_audit
from ..auth.sessions import CSRF_COOKIE, SESSION_COOKIE, SESSION_MAX_AGE
from ..auth.users import User
from .render import render, secure_request

router = APIRouter(include_in_schema=False)


def _safe_next(target: str | None) -> str:
    if target and target.startswith("/") and not target.startswith("//") and "\\" not in target:
        return target
    return "/"


def check_csrf(request: Request, token: str | None) -> None:
    if not get_auth(request).signer.csrf_ok(request.cookies.get(CSRF_COOKIE), token):
        raise ApiError(403, "the form expired or came from another site; reload the page and try again",
                       type="CsrfFailed")


@router.get("/login")
def login_form(request: Request, next: str = "/") -> Response:
    return render(request, "login.html", {"title": "Log in", "next": _safe_next(next), "message": None})


@router.post("/login")
def login(request: Request, username: str = Form(..., max_length=64), password: str = Form(..., max_length=1024),
          csrf: str = Form(""), next: str = Form("/")) -> Response:
    check_csrf(request, csrf)
    auth = get_auth(request)
    ip = client_ip(request)
    wait = auth.limiter.retry_after(ip, username)
    if wait:
        audit(auth.store, "login_limited", username, ip)
        return render(request, "login.html", {"title": "Log in", "next": _safe_next(next),
                                              "message": f"Too many failed attempts. Try again in {wait} s."},
                      status=429, headers={"Retry-After": str(wait)})
    user = auth.users.authenticate(username, password)
    if user is None:
        auth.limiter.failed(ip, username)
        audit(auth.store, "login_failed", username, ip)
        return render(request, "login.html", {"title": "Log in", "next": _safe_next(next),
                                              "message": "Wrong user name or password."}, status=401)
    auth.limiter.succeeded(ip, username)
    audit(auth.store, "login", user.username, ip, via="password")
    response = RedirectResponse(_safe_next(next), status_code=303)
    response.set_cookie(SESSION_COOKIE, auth.signer.session_cookie(user.id), max_age=SESSION_MAX_AGE,
                        httponly=True, samesite="lax", secure=secure_request(request), path="/")
    return response


@router.post("/logout")
def logout(request: Request, csrf: str = Form("")) -> Response:
    check_csrf(request, csrf)
    user = get_auth(request).resolve(request)
    if user is not None and not user.anonymous:
        audit(get_auth(request).store, "logout", user.username, client_ip(request))
    response = RedirectResponse("/login", status_code=303)
    response.delete_cookie(SESSION_COOKIE, path="/")
    return response


@router.get("/account")
def account(request: Request, user: User = Depends(page_user)) -> Response:
    auth = get_auth(request)
    return render(request, "account.html", {
        "title": "Account", "tokens": [] if user.anonymous else auth.users.tokens(user.username),
        "new_token": None, "audit": recent_audit(auth.store, limit=50) if user.can("audit") else None,
    })


@router.post("/account/tokens")
def new_token(request: Request, name: str = Form("api", max_length=64), csrf: str = Form(""),
              user: User = Depends(page_user)) -> Response:
    check_csrf(request, csrf)
    if user.anonymous or not user.can("own_tokens"):
        raise ApiError(403, f"your role ({user.role}) may not create API tokens; ask an admin", type="Forbidden")
    auth = get_auth(request)
    token = auth.users.create_token(user.username, name or "api")
    audit(auth.store, "token_created", user.username, client_ip(request), name=name)
    return render(request, "account.html", {
        "title": "Account", "tokens": auth.users.tokens(user.username), "new_token": token,
        "audit": recent_audit(auth.store, limit=50) if user.can("audit") else None,
    }, headers={"Cache-Control": "no-store"})
