"""Command-line contract: every command documents an example; errors are one line and non-zero."""

from __future__ import annotations

import subprocess
import sys
from typing import Any

import pytest
import typer.main

from steppewatch.cli import app


def _walk(group: Any, prefix: str = "") -> list[tuple[str, Any]]:
    found = []
    for name, cmd in sorted(group.commands.items()):
        path = f"{prefix} {name}".strip()
        if hasattr(cmd, "commands"):  # a group: walk into it
            found += _walk(cmd, path)
        else:
            found.append((path, cmd))
    return found


COMMANDS = _walk(typer.main.get_command(app))  # type: ignore[arg-type]


def test_core_commands_exist() -> None:
    names = {path for path, _ in COMMANDS}
    assert {"init", "ingest", "run", "demo", "export", "db migrate", "db stats"} <= names


@pytest.mark.parametrize(("path", "cmd"), COMMANDS, ids=[p for p, _ in COMMANDS])
def test_every_command_has_help_with_an_example(path: str, cmd: Any) -> None:
    assert cmd.help and "Example:" in cmd.help, f"`steppewatch {path}` needs help text with an example"


def run_cli(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "steppewatch", *args], capture_output=True, text=True, timeout=120,
                          env=env)


def test_errors_print_one_line_without_traceback(tmp_path) -> None:
    import os

    env = {**os.environ, "STEPPEWATCH_DATABASE_URL": f"sqlite:///{tmp_path / 'x.db'}"}
    done = run_cli("ingest", str(tmp_path / "missing.jsonl"), env=env)
    assert done.returncode == 2
    assert done.stderr.strip().splitlines() == [f"error: {tmp_path / 'missing.jsonl'}: no such file or folder"]
    bad = run_cli("export", "-o", "-", "--max-marking", "purple", env=env)
    assert bad.returncode == 2 and "Traceback" not in bad.stderr and "unknown TLP marking" in bad.stderr
    url = run_cli("db", "stats", env={**env, "STEPPEWATCH_DATABASE_URL": "mysql://x"})
    assert url.returncode == 2 and "not supported" in url.stderr


def test_db_stats_reports_an_empty_store(tmp_path) -> None:
    import json
    import os

    env = {**os.environ, "STEPPEWATCH_DATABASE_URL": f"sqlite:///{tmp_path / 'x.db'}"}
    done = run_cli("db", "stats", "--json", env=env)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["documents"] == 0
