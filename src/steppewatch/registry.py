"""Registration of stages, source kinds and exporters.

Built-ins register through the same hook an outside plugin uses: a callable
``register(registry)``. Built-ins are listed in :mod:`steppewatch.registrations`; outside
plugins declare an entry point in the ``steppewatch.plugins`` group.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from importlib.metadata import entry_points
from typing import Any

from .errors import ConfigError

Target = str | Callable[..., Any]  # "module:attr" (imported lazily) or the callable itself


class Registry:
    def __init__(self) -> None:
        self._tables: dict[str, dict[str, Target]] = {"stage": {}, "source": {}, "exporter": {}}

    def add(self, table: str, name: str, target: Target) -> None:
        entries = self._tables[table]
        if name in entries and entries[name] != target:
            raise ConfigError(f"{table} {name!r} is registered twice")
        entries[name] = target

    def add_stage(self, name: str, factory: Target) -> None:
        self.add("stage", name, factory)

    def add_source(self, kind: str, factory: Target) -> None:
        self.add("source", kind, factory)

    def add_exporter(self, name: str, writer: Target) -> None:
        self.add("exporter", name, writer)

    def names(self, table: str) -> list[str]:
        return sorted(self._tables[table])

    def get(self, table: str, name: str) -> Callable[..., Any]:
        try:
            target = self._tables[table][name]
        except KeyError:
            options = ", ".join(self.names(table)) or "none"
            raise ConfigError(f"unknown {table} {name!r}; registered: {options}") from None
        if isinstance(target, str):
            module, _, attr = target.partition(":")
            target = getattr(importlib.import_module(module), attr)
            self._tables[table][name] = target
        return target


_REGISTRY: Registry | None = None


def get_registry() -> Registry:
    """The process-wide registry: built-ins first, then installed plugins."""
    global _REGISTRY
    if _REGISTRY is None:
        from .registrations import register_builtins

        registry = Registry()
        register_builtins(registry)
        for ep in entry_points(group="steppewatch.plugins"):
            ep.load()(registry)
        _REGISTRY = registry
    return _REGISTRY
