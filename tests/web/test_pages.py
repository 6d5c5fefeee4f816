"""Pages through a cookie-keeping client: login with CSRF, rate limit, markings, notes, tokens."""

from __future__ import annotations

import re

import pytest

from steppewatch.auth.audit import recent_audit

PW = "correct horse battery"


def csrf(html: str) -> str:
    m = re.search(r'name="csrf" value="([^"]+)"', html)
    assert m, "no CSRF field in the form"
    return m.group(1)


def login(c, username: str, password: str = PW, next_url: str = "/"):
    page = c.get("/login")
    return c.post("/login", data={"username": username, "password": password, "csrf": csrf(page.text),
                                  "next": next_url}, follow_redirects=False)


def test_login_sets_secure_session_and_audits(store, seeded, browser_client):
    r = login(browser_client, "analyst", next_url="/events")
    assert r.status_code == 303 and r.headers["location"] == "/events"
    cookie = r.headers["set-cookie"]
    assert "sw_session=" in cookie and "HttpOnly" in cookie and "SameSite=lax" in cookie
    page = browser_client.get("/events")
    assert page.status_code == 200 and "TLP:AMBER" in page.text and ">analyst<" in page.text
    assert [a["action"] for a in recent_audit(store)] == ["login"]


def test_login_needs_csrf(seeded, browser_client):
    browser_client.get("/login")
    r = browser_client.post("/login", data={"username": "viewer", "password": PW, "csrf": "forged"})
    assert r.status_code == 403 and "CsrfFailed" in r.text


def test_open_redirects_are_refused(seeded, browser_client):
    r = login(browser_client, "viewer", next_url="//evil.example/")
    assert r.headers["location"] == "/"


def test_wrong_password_then_rate_limit(store, seeded, browser_client):
    for _ in range(5):
        assert login(browser_client, "viewer", "wrong password!").status_code == 401
    r = login(browser_client, "viewer")  # even the right password waits now
    assert r.status_code == 429 and int(r.headers["retry-after"]) > 0
    actions = [a["action"] for a in recent_audit(store)]
    assert actions.count("login_failed") == 5 and actions[0] == "login_limited"


def test_logout(seeded, browser_client):
    login(browser_client, "viewer")
    page = browser_client.get("/")
    r = browser_client.post("/logout", data={"csrf": csrf(page.text)}, follow_redirects=False)
    assert r.status_code == 303
    assert browser_client.get("/", follow_redirects=False).status_code == 303


@pytest.mark.parametrize("path", ["/", "/events", "/events/ev-clear", "/countries/KG", "/alerts", "/sources",
                                  "/account"])
def test_every_page_renders_with_marking_and_notes(seeded, browser_client, path):
    login(browser_client, "viewer")
    r = browser_client.get(path)
    assert r.status_code == 200
    assert 'class="marking-banner' in r.text
    if path != "/account":
        assert "Synthetic data." in r.text  # the demo-wire source is synthetic and visible to viewers
        assert "Synthetic demo data" in r.text
    assert "Content-Security-Policy" in r.headers or "content-security-policy" in r.headers


def test_event_page_highlights_evidence_and_marks_approximate(seeded, browser_client):
    login(browser_client, "viewer")
    page = browser_client.get("/events/ev-clear").text
    assert "<mark>Kyrgyz and Tajik border guards exchanged fire near Kok-Tash in Batken region</mark>" in page
    assert 'href="https://news.example/a/1"' in page and "TLP:CLEAR" in page
    approx = browser_client.get("/events/ev-green").text
    assert "approximate" in approx and "draws an area, not a point" in approx


def test_explorer_filters_and_export_links(seeded, browser_client):
    login(browser_client, "admin")
    page = browser_client.get("/events?country=KG&category=militancy").text
    assert page.count('href="/events/ev-') == 3
    assert "/api/v1/events/export?country=KG&amp;category=militancy&amp;format=csv" in page
    bad = browser_client.get("/events?category=weather")
    assert bad.status_code == 400 and "unknown category" in bad.text


def test_analyst_creates_a_token_viewer_cannot(seeded, browser_client):
    login(browser_client, "analyst")
    page = browser_client.get("/account")
    r = browser_client.post("/account/tokens", data={"name": "script", "csrf": csrf(page.text)})
    token = re.search(r"(swt_[\w-]+)", r.text).group(1)
    assert browser_client.get("/api/v1/me", headers={"Authorization": f"Bearer {token}"}).json()["username"] \
        == "analyst"
    browser_client.cookies.clear()
    login(browser_client, "viewer")
    page = browser_client.get("/account")
    assert browser_client.post("/account/tokens", data={"csrf": csrf(page.text)}).status_code == 403


def test_anonymous_local_install_without_accounts(store, browser_client):
    r = browser_client.get("/")
    assert r.status_code == 200 and "anonymous" in r.text and "TLP:GREEN" in r.text
