"""Template rendering with the context every page needs: user, clearance, CSRF token, data notes."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse, Response
from fastapi.templating import Jinja2Templates

from ..auth.sessions import CSRF_COOKIE, Signer
from ..vocab import CATEGORIES, COUNTRY_NAMES, REGION, UCDP_WHERE_PREC, Tlp

HERE = Path(__file__).parent
templates = Jinja2Templates(directory=str(HERE / "templates"))

#: Category colours (colour-blind-safe palette after Okabe & Ito, "Color Universal Design", 2008,
#: extended with greys and two darker tones for the twelve categories).
CATEGORY_COLOURS = {
    "border": "#D55E00", "water": "#0072B2", "narcotics": "#CC79A7", "militancy": "#000000",
    "unrest": "#E69F00", "energy": "#F0E442", "military": "#009E73", "environment": "#56B4E9",
    "information": "#7F3C8D", "governance": "#8C6D31", "diplomacy": "#3969AC", "other": "#999999",
}
TLP_CLASSES = {t.value: "tlp-" + t.value.replace("+", "-") for t in Tlp}


def _csrf(request: Request) -> tuple[str, str, bool]:
    """The CSRF seed (from the cookie or new), its token, and whether the cookie must be set."""
    signer: Signer = request.app.state.auth.signer
    seed = request.cookies.get(CSRF_COOKIE)
    fresh = not seed
    if fresh:
        seed = getattr(request.state, "csrf_seed", None) or signer.new_csrf_seed()
        request.state.csrf_seed = seed
    assert seed is not None
    return seed, signer.csrf_token(seed), fresh


def secure_request(request: Request) -> bool:
    return request.url.scheme == "https"


def render(request: Request, name: str, context: dict[str, Any], *, status: int = 200,
           headers: dict[str, str] | None = None) -> Response:
    seed, token, fresh = _csrf(request)
    user = getattr(request.state, "user", None)
    settings = request.app.state.settings
    ctx = {
        "user": user if user else None,
        "csrf_token": token,
        "categories": CATEGORIES,
        "category_colours": CATEGORY_COLOURS,
        "countries": {c: COUNTRY_NAMES[c] for c in REGION},
        "tlp_classes": TLP_CLASSES,
        "precision_labels": UCDP_WHERE_PREC,
        "tile_url": settings.tile_url,
        "notes": [],
        "synthetic": False,
        "page_marking": None,
        **context,
    }
    response = templates.TemplateResponse(request, name, ctx, status_code=status, headers=headers)
    if fresh:
        response.set_cookie(CSRF_COOKIE, seed, httponly=True, samesite="strict", secure=secure_request(request),
                            path="/")
    return response


def error_page(request: Request, error: dict[str, Any], headers: dict[str, str] | None = None) -> Response:
    try:
        return render(request, "error.html", {"error": error, "title": error.get("type", "Error")},
                      status=int(error.get("status", 500)), headers=headers)
    except Exception:  # never fail while reporting a failure
        return HTMLResponse(f"<h1>{int(error.get('status', 500))}</h1>", status_code=int(error.get("status", 500)))
