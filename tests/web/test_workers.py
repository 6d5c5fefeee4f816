"""`steppewatch serve --workers 2`: two real processes on one port share the session key and the
login limit (failed attempts are counted in the database, not in one process)."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from steppewatch.store.tempserver import free_port


def _cli(env: dict[str, str], *args: str) -> str:
    done = subprocess.run([sys.executable, "-m", "steppewatch", *args], env=env, capture_output=True, text=True,
                          timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    return done.stdout


def _children(pid: int) -> list[int]:
    """Worker processes of ``pid`` (uvicorn spawns them; multiprocessing's resource tracker is not one)."""
    found = []
    for status in Path("/proc").glob("[0-9]*/status"):
        try:
            text = status.read_text()
            cmdline = (status.parent / "cmdline").read_bytes()
        except OSError:
            continue
        if re.search(rf"^PPid:\s+{pid}$", text, re.M) and b"spawn_main" in cmdline:
            found.append(int(status.parent.name))
    return found


@pytest.mark.skipif(not Path("/proc").is_dir(), reason="counts worker processes through /proc")
def test_two_workers_serve_the_api_and_share_the_login_limit(tmp_path: Path) -> None:
    env = {**os.environ, "STEPPEWATCH_DATABASE_URL": f"sqlite:///{tmp_path / 'sw.db'}", "PW": "a-long-password-1",
           "STEPPEWATCH_LOG_LEVEL": "WARNING"}
    _cli(env, "users", "add", "aigerim", "--role", "analyst", "--password-env", "PW")
    token = re.search(r"swt_\S+", _cli(env, "users", "token", "aigerim"))
    assert token
    port = free_port()
    server = subprocess.Popen([sys.executable, "-m", "steppewatch", "serve", "--port", str(port), "--workers", "2"],
                              env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                if httpx.get(base + "/login", timeout=2).status_code == 200 and len(_children(server.pid)) >= 2:
                    break
            except httpx.HTTPError:
                pass
            time.sleep(0.2)
        assert len(_children(server.pid)) == 2
        headers = {"Authorization": f"Bearer {token.group(0)}"}
        for _ in range(6):  # new connections: the kernel hands them to either process
            assert httpx.get(base + "/api/v1/events", headers=headers, timeout=10).status_code == 200
        statuses = []
        for _ in range(7):
            with httpx.Client(base_url=base, timeout=10) as c:
                csrf = re.search(r'name="csrf" value="([^"]+)"', c.get("/login").text)
                assert csrf
                r = c.post("/login", data={"username": "aigerim", "password": "wrong", "csrf": csrf.group(1)})
                statuses.append(r.status_code)
        assert statuses == [401] * 5 + [429] * 2
    finally:
        server.terminate()
        out, _ = server.communicate(timeout=30)
    assert "2 processes" in out
