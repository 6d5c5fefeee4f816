"""Helpers shared by the command modules: settings and store from options, progress, tables."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from typing import Any

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

from ..settings import Settings, load_settings
from ..store import Store, open_store

console = Console(stderr=True)
out = Console()


def get_settings(config: str | None = None, **overrides: Any) -> Settings:
    return load_settings(config, **overrides)


def get_store(settings: Settings, database_url: str | None = None) -> Store:
    return open_store(database_url or settings.database_url)


@contextlib.contextmanager
def progress(description: str, total: int | None = None) -> Iterator[Any]:
    """A Rich progress bar on stderr; yields ``advance_to(n)``. Silent when stderr is not a terminal."""
    bar = Progress(SpinnerColumn(), TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                   TimeElapsedColumn(), console=console, transient=True, disable=not console.is_terminal)
    with bar:
        task = bar.add_task(description, total=total)

        def advance_to(n: int) -> None:
            bar.update(task, completed=n)

        yield advance_to
