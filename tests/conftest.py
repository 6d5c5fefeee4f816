"""Shared fixtures: a real PostgreSQL server for the session, and a ``store`` fixture that runs
every store-touching test against both backends (SQLite and PostgreSQL)."""

from __future__ import annotations

import itertools
import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from steppewatch.store import Store, open_store
from steppewatch.store.tempserver import TempPostgres, find_pg_bin

ROOT = Path(__file__).resolve().parents[1]
_counter = itertools.count()


def shared_data_dir() -> Path:
    return Path(os.environ.get("STEPPEWATCH_SHARED_DATA", ROOT.parent / "shared" / "data"))


@pytest.fixture(scope="session")
def shared_data() -> Path:
    """The reference data folder; tests that need it skip with the reason when it is absent."""
    path = shared_data_dir()
    if not path.is_dir():
        pytest.skip(f"reference data not found at {path} (set STEPPEWATCH_SHARED_DATA)")
    return path


@pytest.fixture(scope="session")
def pg_server() -> Iterator[TempPostgres]:
    """One PostgreSQL server from the machine's binaries for the whole session."""
    if find_pg_bin() is None:
        message = "PostgreSQL server binaries not found (make test installs Debian's postgresql)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    server = TempPostgres().start()
    template = f"{server.user}_template"
    server.create_database(template)
    open_store(server.url_for(template)).close()  # migrate once; each test copies the template
    server.template = template  # type: ignore[attr-defined]
    yield server
    server.stop()


@pytest.fixture
def pg_url(pg_server: TempPostgres) -> str:
    """A fresh, migrated PostgreSQL database for one test."""
    name = f"t{os.getpid()}_{next(_counter)}"
    return pg_server.create_database(name, template=pg_server.template)  # type: ignore[attr-defined]


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'steppewatch.db'}"


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'steppewatch.db'}"
    return str(request.getfixturevalue("pg_url"))


@pytest.fixture
def store(store_url: str) -> Iterator[Store]:
    """A migrated store on each backend in turn."""
    s = open_store(store_url)
    yield s
    s.close()
