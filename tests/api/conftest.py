"""Fixtures for API tests: a seeded store, an app over it, and clients per user."""

from __future__ import annotations

import importlib.util
import warnings
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from steppewatch.api import create_app
from steppewatch.settings import load_settings
from steppewatch.store import Store

with warnings.catch_warnings():
    warnings.simplefilter("ignore")  # starlette suggests httpx2; httpx works
    from starlette.testclient import TestClient

_spec = importlib.util.spec_from_file_location("steppewatch_test_world", Path(__file__).with_name("world.py"))
assert _spec and _spec.loader
world = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(world)

LOCAL = ("127.0.0.1", 50000)


@pytest.fixture
def seeded(store: Store) -> dict[str, str]:
    return world.seed_world(store)


@pytest.fixture
def app(store: Store) -> Any:
    return create_app(store, load_settings(env={}, secret_key="test-secret"))


@pytest.fixture(autouse=True)
def cheap_password_hashes(monkeypatch: pytest.MonkeyPatch) -> None:
    """argon2 with minimal cost so seeding four users stays fast (production keeps the defaults)."""
    from argon2 import PasswordHasher

    from steppewatch.auth import users

    monkeypatch.setattr(users, "_hasher", PasswordHasher(time_cost=1, memory_cost=64, parallelism=1))


@pytest.fixture
def token_for(store: Store) -> Callable[[str], str]:
    from steppewatch.auth.users import UserStore

    return lambda username: UserStore(store).create_token(username, "test")


@pytest.fixture
def client_as(app: Any, token_for: Callable[[str], str]) -> Iterator[Callable[[str | None], TestClient]]:
    """A TestClient for a user (by API token), or anonymous when ``None``."""
    clients: list[TestClient] = []

    def make(username: str | None, remote: bool = False) -> TestClient:
        headers = {"Authorization": f"Bearer {token_for(username)}"} if username else {}
        c = TestClient(app, headers=headers, raise_server_exceptions=False,
                       client=("203.0.113.5", 40000) if remote else LOCAL)
        clients.append(c)
        return c

    yield make
    for c in clients:
        c.close()
