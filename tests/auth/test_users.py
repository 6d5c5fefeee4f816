"""Accounts, argon2 hashes, API tokens, sessions, CSRF tokens and the login limiter."""

from __future__ import annotations

import pytest
from argon2 import PasswordHasher

from steppewatch.auth import users as users_mod
from steppewatch.auth.audit import audit, recent_audit
from steppewatch.auth.ratelimit import LoginLimiter
from steppewatch.auth.sessions import SESSION_MAX_AGE, Signer, resolve_secret_key
from steppewatch.auth.users import UserStore
from steppewatch.errors import InputError
from steppewatch.vocab import Tlp

PW = "a long enough password"


@pytest.fixture(autouse=True)
def cheap(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(users_mod, "_hasher", PasswordHasher(time_cost=1, memory_cost=64, parallelism=1))


def test_add_authenticate_and_hash_is_argon2(store):
    us = UserStore(store)
    u = us.add("aigerim", PW, role="analyst", max_marking="amber", organisation="Desk A")
    assert (u.role, u.max_marking, u.organisation) == ("analyst", Tlp.AMBER, "Desk A")
    stored = store.query("SELECT password_hash FROM users")[0][0]
    assert stored.startswith("$argon2id$") and PW not in stored
    assert us.authenticate("aigerim", PW) == u
    assert us.authenticate("aigerim", "wrong password!") is None
    assert us.authenticate("nobody", PW) is None
    us.set_disabled("aigerim", True)
    assert us.authenticate("aigerim", PW) is None and us.count() == 0


@pytest.mark.parametrize("kwargs, field", [
    ({"username": "bad name"}, "username"), ({"role": "superuser"}, "role"),
    ({"max_marking": "purple"}, "max_marking"), ({"password": "short"}, "password"),
])
def test_add_rejects_bad_input(store, kwargs, field):
    args = {"username": "ok", "password": PW, **kwargs}
    with pytest.raises(InputError) as exc:
        UserStore(store).add(args.pop("username"), args.pop("password"), **args)
    assert exc.value.input == field


def test_duplicate_user_is_refused(store):
    UserStore(store).add("a", PW)
    with pytest.raises(InputError, match="already exists"):
        UserStore(store).add("a", PW)


def test_tokens_are_hashed_and_revocable(store):
    us = UserStore(store)
    us.add("bolat", PW, max_marking="green")
    token = us.create_token("bolat", "script")
    assert token.startswith("swt_") and token not in str(store.query("SELECT * FROM api_tokens"))
    assert us.user_for_token(token).username == "bolat"
    assert us.user_for_token(token + "x") is None and us.user_for_token("nope") is None
    assert us.revoke_tokens("bolat") == 1 and us.user_for_token(token) is None


def test_roles_and_clearance():
    from steppewatch.auth.users import ANONYMOUS

    assert ANONYMOUS.max_marking == Tlp.GREEN and ANONYMOUS.can("read") and not ANONYMOUS.can("users")
    assert ANONYMOUS.cleared_for("green") and not ANONYMOUS.cleared_for("amber")


def test_secret_key_is_generated_once_and_persisted(store):
    first = resolve_secret_key(store)
    assert len(first) >= 48 and resolve_secret_key(store) == first
    assert resolve_secret_key(store, "configured") == b"configured"


def test_session_cookie_signing_and_expiry():
    s = Signer(b"k1")
    cookie = s.session_cookie("user-1", now=1000)
    assert s.session_user(cookie, now=1001) == "user-1"
    assert s.session_user(cookie, now=1000 + SESSION_MAX_AGE + 1) is None
    assert Signer(b"k2").session_user(cookie, now=1001) is None
    forged = cookie.replace("user-1", "user-2", 1)
    assert s.session_user(forged, now=1001) is None


def test_csrf_token_is_bound_to_its_seed():
    s = Signer(b"k")
    assert s.csrf_ok("seed", s.csrf_token("seed"))
    assert not s.csrf_ok("other", s.csrf_token("seed")) and not s.csrf_ok(None, "x") and not s.csrf_ok("seed", "")


def test_login_limiter_blocks_after_five_failures_per_address_and_name(store):
    lim = LoginLimiter(store, max_failures=5, window_s=300)
    for _ in range(5):
        assert lim.retry_after("1.2.3.4", "a", now=0) == 0
        lim.failed("1.2.3.4", "a", now=0)
    assert lim.retry_after("1.2.3.4", "b", now=1) > 0  # same address, other name
    assert lim.retry_after("5.6.7.8", "a", now=1) > 0  # other address, same name
    assert lim.retry_after("5.6.7.8", "b", now=1) == 0
    assert lim.retry_after("1.2.3.4", "a", now=301) == 0  # the window passed
    # another process (another limiter over the same database) counts the same failures
    other = LoginLimiter(store, max_failures=5, window_s=300)
    assert other.retry_after("1.2.3.4", "z", now=2) == 299
    lim.succeeded("5.6.7.8", "a")  # a good login clears the name, not the address
    assert other.retry_after("9.9.9.9", "a", now=2) == 0 and other.retry_after("1.2.3.4", "q", now=2) > 0


def test_audit_log(store):
    audit(store, "login", "aigerim", "127.0.0.1", via="password")
    audit(store, "export", "aigerim", "127.0.0.1", rows=3)
    assert [e["action"] for e in recent_audit(store)] == ["export", "login"]
    assert recent_audit(store, action="export")[0]["detail"] == {"rows": 3}
