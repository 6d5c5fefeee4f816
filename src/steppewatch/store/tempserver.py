"""A throw-away PostgreSQL server for tests and benchmarks.

Starts the machine's own PostgreSQL binaries (``initdb`` and ``pg_ctl``) in a temporary
directory on a free loopback port, with durability switched off for speed. When run as root,
the server runs as the ``postgres`` user (or ``nobody``), since PostgreSQL refuses root.
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path

from ..errors import StoreError


def find_pg_bin() -> Path | None:
    """The folder holding initdb and pg_ctl, or None when PostgreSQL is not installed."""
    found = shutil.which("pg_ctl")
    if found and shutil.which("initdb"):
        return Path(found).resolve().parent
    for candidate in sorted(glob.glob("/usr/lib/postgresql/*/bin"), reverse=True):
        if Path(candidate, "initdb").exists() and Path(candidate, "pg_ctl").exists():
            return Path(candidate)
    return None


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class TempPostgres:
    """``with TempPostgres() as pg: url = pg.url`` — stopped and deleted on exit."""

    def __init__(self, user: str = "steppewatch") -> None:
        bindir = find_pg_bin()
        if bindir is None:
            raise StoreError("PostgreSQL server binaries (initdb, pg_ctl) not found; install Debian's postgresql")
        self.bindir = bindir
        self.user = user
        self.port = free_port()
        self.dir = Path(tempfile.mkdtemp(prefix="steppewatch-pg-"))
        self.data = self.dir / "data"
        self.log = self.dir / "server.log"
        self._runas: list[str] = []
        if os.geteuid() == 0:
            account = "postgres" if _has_user("postgres") else "nobody"
            pw = pwd.getpwnam(account)
            os.chown(self.dir, pw.pw_uid, pw.pw_gid)
            self._runas = ["runuser", "-u", account, "--"]
        self.started = False

    @property
    def url(self) -> str:
        return self.url_for(self.user)

    def url_for(self, dbname: str) -> str:
        return f"postgresql://{self.user}@127.0.0.1:{self.port}/{dbname}"

    def _run(self, *args: str) -> None:
        cmd = [*self._runas, *args]
        done = subprocess.run(cmd, capture_output=True, text=True, timeout=120)
        if done.returncode != 0:
            log = self.log.read_text(errors="replace")[-2000:] if self.log.exists() else ""
            raise StoreError(f"{Path(args[0]).name} failed: {done.stderr.strip() or done.stdout.strip()} {log}")

    def start(self) -> TempPostgres:
        self._run(str(self.bindir / "initdb"), "-D", str(self.data), "-U", self.user, "--auth=trust",
                  "-E", "UTF8", "--no-locale")
        options = (f"-p {self.port} -k {self.dir} -c listen_addresses=127.0.0.1 -c fsync=off "
                   "-c synchronous_commit=off -c full_page_writes=off -c max_connections=200")
        self._run(str(self.bindir / "pg_ctl"), "-D", str(self.data), "-o", options, "-l", str(self.log),
                  "-w", "-t", "60", "start")
        self.started = True
        self.create_database(self.user)
        return self

    def create_database(self, name: str, template: str | None = None) -> str:
        import psycopg

        with psycopg.connect(self.url_for("postgres"), autocommit=True) as conn:
            sql = f'CREATE DATABASE "{name}"' + (f' TEMPLATE "{template}"' if template else "")
            conn.execute(sql)  # type: ignore[arg-type]
        return self.url_for(name)

    def stop(self) -> None:
        if self.started:
            subprocess.run([*self._runas, str(self.bindir / "pg_ctl"), "-D", str(self.data), "-m", "immediate",
                            "-w", "stop"], capture_output=True, timeout=60)
            self.started = False
        shutil.rmtree(self.dir, ignore_errors=True)

    def __enter__(self) -> TempPostgres:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


def _has_user(name: str) -> bool:
    try:
        pwd.getpwnam(name)
        return True
    except KeyError:
        return False
