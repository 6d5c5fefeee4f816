"""Fixtures for page and browser tests: the same small world as the API tests."""

from __future__ import annotations

import importlib.util
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from steppewatch.api import create_app
from steppewatch.settings import load_settings
from steppewatch.store import Store

with warnings.catch_warnings():
    warnings.simplefilter("ignore")  # starlette suggests httpx2; httpx works
    from starlette.testclient import TestClient

_spec = importlib.util.spec_from_file_location("steppewatch_test_world",
                                               Path(__file__).parents[1] / "api" / "world.py")
assert _spec and _spec.loader
world = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(world)


@pytest.fixture(autouse=True)
def cheap_password_hashes(monkeypatch: pytest.MonkeyPatch) -> None:
    from argon2 import PasswordHasher

    from steppewatch.auth import users

    monkeypatch.setattr(users, "_hasher", PasswordHasher(time_cost=1, memory_cost=64, parallelism=1))


@pytest.fixture
def seeded(store: Store) -> dict[str, str]:
    return world.seed_world(store)


@pytest.fixture
def browser_client(store: Store) -> Iterator[Any]:
    app = create_app(store, load_settings(env={}, secret_key="test-secret"))
    with TestClient(app, client=("127.0.0.1", 50000), raise_server_exceptions=False,
                    headers={"accept": "text/html"}) as c:
        yield c
