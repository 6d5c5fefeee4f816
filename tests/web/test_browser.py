"""The dashboard in real headless Chromium (Debian's /usr/bin/chromium driven by Playwright).

A uvicorn server runs in a thread on 127.0.0.1 and a free port over a seeded SQLite store.
Screenshots go to test-output/ (git-ignored).
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from steppewatch.api import create_app
from steppewatch.settings import load_settings
from steppewatch.store import open_store

from .conftest import world  # noqa: F401  (import-mode importlib resolves the package-less conftest)

pytestmark = pytest.mark.browser

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]
OUT = Path(__file__).resolve().parents[2] / "test-output"
PW = "correct horse battery"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    import uvicorn

    from steppewatch.auth import users

    store = open_store(f"sqlite:///{tmp_path_factory.mktemp('browser') / 'sw.db'}")
    users._hasher = users.PasswordHasher(time_cost=1, memory_cost=64, parallelism=1)  # fast logins in tests
    world.seed_world(store)
    app = create_app(store, load_settings(env={}, secret_key="browser-test"))
    port = _free_port()
    srv = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not srv.started:
        if time.monotonic() > deadline:
            pytest.fail("uvicorn did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    srv.should_exit = True
    thread.join(timeout=10)
    store.close()


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    if not CHROMIUM.exists():
        pytest.skip("Chromium not installed at /usr/bin/chromium (apt-get install chromium)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.skip("the playwright package is not installed")
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser: Any, server: str) -> Iterator[Any]:
    OUT.mkdir(exist_ok=True)
    context = browser.new_context(viewport={"width": 1280, "height": 720}, base_url=server)
    pg = context.new_page()
    pg.problems = []  # type: ignore[attr-defined]
    pg.on("console", lambda m: m.type == "error" and pg.problems.append(m.text))  # type: ignore[attr-defined]
    pg.on("pageerror", lambda e: pg.problems.append(str(e)))  # type: ignore[attr-defined]
    yield pg
    context.close()


def login(page: Any, user: str) -> None:
    page.goto("/login")
    page.fill("input[name=username]", user)
    page.fill("input[name=password]", PW)
    with page.expect_navigation():
        page.click("form.login button[type=submit]")


def shot(page: Any, name: str) -> None:
    page.screenshot(path=str(OUT / f"{name}.png"), full_page=True)


def test_login_and_every_page_loads(page: Any) -> None:
    page.goto("/")
    assert "/login" in page.url  # accounts exist: pages ask for a login
    shot(page, "login")
    login(page, "admin")
    for path, name in [("/", "overview"), ("/events", "events"), ("/events/ev-clear", "event"),
                       ("/countries/KG", "country-kg"), ("/alerts", "alerts"), ("/sources", "sources"),
                       ("/account", "account")]:
        response = page.goto(path)
        assert response.status == 200, path
        assert page.locator(".marking-banner").count() == 1
        assert page.locator("footer.notes").inner_text().strip()
        shot(page, name)
    assert page.problems == []  # no script errors, no CSP violations


def test_map_draws_markers_and_areas(page: Any) -> None:
    login(page, "admin")
    page.goto("/")
    page.wait_for_selector("#map canvas[data-markers]:not([data-markers='0'])")  # CSS: the CSP forbids eval
    status = page.locator(".map-status").inner_text()
    assert "5 events on the map" in status and "approximate" in status
    canvas = page.locator("#map canvas")
    canvas.focus()
    page.keyboard.press("+")
    page.keyboard.press("Enter")  # opens the popup of the event nearest the centre
    page.wait_for_selector(".map-popup:not([hidden]) a")
    shot(page, "overview-map-popup")
    assert page.problems == []


OUTLINES = "#map canvas[data-outlines]:not([data-outlines='0'])"  # set by map.js: outlines in view


def test_country_outlines_on_every_map(page: Any) -> None:
    login(page, "admin")
    page.goto("/")
    page.wait_for_selector(OUTLINES)
    page.wait_for_selector("#map canvas[data-markers]:not([data-markers='0'])")  # events drawn over them
    assert int(page.locator("#map canvas").get_attribute("data-outlines")) >= 2  # KG and TJ at least
    page.locator("#map canvas").focus()
    for _ in range(3):
        page.keyboard.press("-")  # zoom out with the keyboard: the whole region comes into view
    assert page.locator("#map canvas").get_attribute("data-outlines") == "10"
    shot(page, "overview-outlines")
    page.goto("/countries/KZ")  # no events in Kazakhstan: the map still frames the country
    page.wait_for_selector(OUTLINES)
    corners = page.evaluate("() => { var m = window.steppewatchMap, b = m.bbox('KZ');"
                            " return [m.toScreen(b[0], b[3]), m.toScreen(b[2], b[1]), m.w, m.h]; }")
    (x0, y0), (x1, y1), w, h = corners
    assert 0 <= x0 < x1 <= w and 0 <= y0 < y1 <= h  # the whole country in view ...
    assert x1 - x0 > 0.6 * w or y1 - y0 > 0.6 * h  # ... and filling the map
    shot(page, "country-kz-outlines")
    page.goto("/events/ev-clear")
    page.wait_for_selector(OUTLINES)
    assert page.problems == []


def test_filter_events_and_open_one(page: Any) -> None:
    login(page, "analyst")
    page.goto("/events")
    page.select_option("select[name=country]", "KG")
    page.select_option("select[name=category]", "border")
    with page.expect_navigation():
        page.click("form.filters button[type=submit]")
    rows = page.locator("#events-table tbody tr")
    assert rows.count() == 1
    page.click("#events-table tbody a")
    page.wait_for_url("**/events/ev-clear")
    assert page.locator("blockquote.evidence mark").inner_text().startswith("Kyrgyz and Tajik border guards")
    assert page.locator("a", has_text="source link").get_attribute("href") == "https://news.example/a/1"
    shot(page, "event-detail")


def test_sorting_with_the_keyboard(page: Any) -> None:
    login(page, "admin")
    page.goto("/events")
    button = page.locator("th button", has_text="Deaths")
    button.focus()
    page.keyboard.press("Enter")
    page.keyboard.press("Enter")  # second press: descending
    header = page.locator("th", has=page.locator("button", has_text="Deaths"))
    assert header.get_attribute("aria-sort") == "descending"
    assert page.locator("#events-table tbody tr").first.locator("td").nth(5).inner_text() == "2"


def test_viewer_cannot_reach_amber_strict(page: Any) -> None:
    login(page, "viewer")
    response = page.goto("/events/ev-strict")
    assert response.status == 404
    page.goto("/events?q=nightjar")
    assert page.locator("#events-table").count() == 0 and page.locator(".empty").count() == 1
    api = page.request.get("/api/v1/events/export?format=jsonl")
    assert api.ok and "ev-strict" not in api.text()
    page.goto("/")
    page.wait_for_selector("#map canvas[data-markers]:not([data-markers='0'])")  # CSS: the CSP forbids eval
    assert "2 events on the map" in page.locator(".map-status").inner_text()  # CLEAR and GREEN only
    shot(page, "viewer-overview")


def test_phone_width_and_skip_link(browser: Any, server: str) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844}, base_url=server, is_mobile=True)
    pg = context.new_page()
    login(pg, "admin")
    for path, name in [("/", "phone-overview"), ("/events", "phone-events"), ("/events/ev-clear", "phone-event")]:
        pg.goto(path)
        width = pg.evaluate("document.documentElement.scrollWidth")
        assert width <= 400, f"{path} scrolls sideways at phone width ({width}px)"
        pg.screenshot(path=str(OUT / f"{name}.png"), full_page=True)
    pg.keyboard.press("Tab")
    assert pg.evaluate("document.activeElement.className") == "skip"
    context.close()
