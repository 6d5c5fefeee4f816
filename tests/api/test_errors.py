"""Every error the API returns has one shape: {"error": {"type", "message", "status", ...}}."""

from __future__ import annotations

import pytest

from steppewatch.errors import StoreError


def assert_shape(r, status: int, type_: str) -> dict:
    assert r.status_code == status, r.text
    assert r.headers["content-type"].startswith("application/json")
    body = r.json()
    assert list(body) == ["error"]
    err = body["error"]
    assert {"type", "message", "status"} <= set(err)
    assert err["status"] == status and err["type"] == type_
    assert isinstance(err["message"], str) and err["message"]
    return err


@pytest.mark.parametrize("path, status, type_", [
    ("/api/v1/events/no-such-event", 404, "NotFound"),
    ("/api/v1/no-such-endpoint", 404, "NotFound"),
    ("/api/v1/countries/XX", 404, "NotFound"),
    ("/api/v1/events?country=Kyrgyzstan", 422, "ValidationError"),
    ("/api/v1/events?limit=0", 422, "ValidationError"),
    ("/api/v1/events?since=yesterday", 400, "InputError"),
    ("/api/v1/events?min_confidence=101", 400, "InputError"),
    ("/api/v1/events?category=weather", 400, "InputError"),
    ("/api/v1/events?bbox=1,2,3", 400, "InputError"),
    ("/api/v1/events?marking=purple", 400, "InputError"),
    ("/api/v1/events?cursor=@@@", 400, "InputError"),
    ("/api/v1/events/export?format=xlsx", 422, "ValidationError"),
    ("/api/v1/audit", 403, "Forbidden"),
])
def test_error_shape(seeded, client_as, path, status, type_):
    assert_shape(client_as("viewer").get(path), status, type_)


def test_input_error_names_the_input(seeded, client_as):
    err = assert_shape(client_as("viewer").get("/api/v1/events?bbox=1,2,3"), 400, "InputError")
    assert err["input"] == "bbox"
    err = assert_shape(client_as("viewer").get("/api/v1/events?limit=0"), 422, "ValidationError")
    assert err["errors"][0]["input"] == "limit"


def test_unauthenticated_and_bad_token(seeded, client_as, app):
    assert_shape(client_as(None).get("/api/v1/events"), 401, "Unauthorized")
    from starlette.testclient import TestClient

    with TestClient(app, headers={"Authorization": "Bearer swt_wrong"}, client=("127.0.0.1", 1)) as c:
        assert_shape(c.get("/api/v1/events"), 401, "Unauthorized")


def test_method_not_allowed(seeded, client_as):
    assert_shape(client_as("viewer").post("/api/v1/events"), 405, "MethodNotAllowed")


def test_store_failure_and_unexpected_error(seeded, client_as, app, monkeypatch):
    c = client_as("viewer")

    def broken(*args, **kwargs):
        raise StoreError("database is locked")

    monkeypatch.setattr(app.state.store, "get_event", broken)
    assert_shape(c.get("/api/v1/events/ev-clear"), 503, "StoreError")

    def crash(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(app.state.store, "get_event", crash)
    err = assert_shape(c.get("/api/v1/events/ev-clear"), 500, "InternalError")
    assert "boom" not in err["message"]  # internals stay in the log


def test_pages_render_errors_as_html(seeded, client_as):
    r = client_as("viewer").get("/events/no-such-event", headers={"accept": "text/html"})
    assert r.status_code == 404 and r.headers["content-type"].startswith("text/html")
    assert "NotFound" in r.text
