"""Ordered, named schema migrations recorded in the ``schema_migrations`` table.

Each module ``mNNNN_name.py`` in this package defines ``NAME``, ``SQLITE`` and ``POSTGRES``
(lists of statements). Modules apply in name order; each runs in its own transaction and is
recorded, so an existing database upgrades in place and a failed step leaves the last good
version behind.
"""

from __future__ import annotations

import importlib
import pkgutil
from dataclasses import dataclass


@dataclass(frozen=True)
class Migration:
    name: str
    sqlite: tuple[str, ...]
    postgres: tuple[str, ...]

    def statements(self, dialect: str) -> tuple[str, ...]:
        return self.sqlite if dialect == "sqlite" else self.postgres


def discover() -> list[Migration]:
    found = []
    for info in pkgutil.iter_modules(__path__):
        if not info.name.startswith("m"):
            continue
        mod = importlib.import_module(f"{__name__}.{info.name}")
        found.append(Migration(mod.NAME, tuple(mod.SQLITE), tuple(mod.POSTGRES)))
    found.sort(key=lambda m: m.name)
    names = [m.name for m in found]
    if len(set(names)) != len(names):
        raise RuntimeError(f"duplicate migration names: {names}")
    return found
