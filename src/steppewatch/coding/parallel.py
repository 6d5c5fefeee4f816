"""Coding many documents on every core.

Coding is CPU-bound pure Python, so threads do not help; a ``fork`` pool does, and its workers
inherit the loaded coder (dictionaries, actor registry, gazetteer) instead of loading their own.
Small inputs, one core, a process with other threads running or a platform without ``fork``
code in this process. Results come back
in input order. Each worker keeps its own ``geo_failures`` count (the parent's is not updated).
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import threading
from collections.abc import Callable, Iterable, Iterator
from typing import Any, TypeVar

from .coder import RuleCoder

T = TypeVar("T")
R = TypeVar("R")

#: Below this many inputs the pool costs more than it saves.
MIN_ITEMS = 64
_CHUNK = 32
_WORKER: list[Any] = []  # (coder, fn) of the pool being started; inherited by fork


def default_workers() -> int:
    return os.cpu_count() or 1


def _call(x: Any) -> Any:
    coder, fn = _WORKER[-1]
    return fn(coder, x)


def map_coder(fn: Callable[[RuleCoder, T], R], items: Iterable[T], coder: RuleCoder,
              workers: int | None = None) -> Iterator[R]:
    """``fn(coder, item)`` for every item, in order, on ``workers`` processes (default: all cores)."""
    workers = default_workers() if workers is None else workers
    if not isinstance(items, list | tuple):
        items = list(items)
    # Forking while other threads run (a progress bar, a web server) can copy a held lock into
    # the children; such callers code in this process.
    if (workers <= 1 or len(items) < MIN_ITEMS or threading.active_count() > 1
            or "fork" not in multiprocessing.get_all_start_methods()):
        for x in items:
            yield fn(coder, x)
        return
    _WORKER.append((coder, fn))
    gc.freeze()  # the loaded dictionaries stay shared: the children's collector leaves them alone
    try:
        with multiprocessing.get_context("fork").Pool(min(workers, len(items) // _CHUNK or 1)) as pool:
            yield from pool.imap(_call, items, chunksize=_CHUNK)
    finally:
        _WORKER.pop()
        gc.unfreeze()
