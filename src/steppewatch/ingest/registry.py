"""The source registry: ``ingest/data/sources.toml`` (or the file in setting ``sources_file``)
validated into :class:`~steppewatch.models.Source` records.

A bad file raises :class:`InputError` naming the file and, for a bad entry, the entry
(``sources.toml: source #3 (kabar): state_affiliation: ...``).
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import InputError, RecordError
from ..models import Source
from ..settings import Settings, load_settings

SHIPPED = Path(__file__).with_name("data") / "sources.toml"
_FIELDS = {"id", "name", "kind", "homepage", "feeds", "languages", "country", "ownership",
           "state_affiliation", "affiliation_note", "marking"}
_EXTRA = {"enabled", "options"}


@dataclass(frozen=True)
class Entry:
    source: Source
    enabled: bool = True
    options: dict[str, Any] = field(default_factory=dict)


def registry_path(settings: Settings | None = None) -> Path:
    settings = settings or load_settings()
    return Path(settings.sources_file) if settings.sources_file else SHIPPED


def load_entries(path: str | Path | Settings | None = None, *, settings: Settings | None = None) -> list[Entry]:
    """Every entry of the registry file, enabled or not, in file order.

    ``path`` may be a file, or :class:`Settings` (then ``sources_file`` or the shipped file).
    """
    if isinstance(path, Settings):
        path, settings = None, path
    p = Path(path) if path else registry_path(settings)
    try:
        data = tomllib.loads(p.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise InputError("source registry not found (check the sources_file setting)", input=str(p)) from None
    except UnicodeDecodeError as exc:
        raise InputError(f"not UTF-8 text: {exc}", input=str(p)) from None
    except tomllib.TOMLDecodeError as exc:
        raise InputError(f"not valid TOML: {exc}", input=str(p)) from None
    raw = data.get("source")
    if not isinstance(raw, list) or not raw:
        raise InputError("no [[source]] entries", input=str(p))
    entries: list[Entry] = []
    seen: set[str] = set()
    for n, item in enumerate(raw, 1):
        label = f"{p}: source #{n}" + (f" ({item.get('id')})" if isinstance(item, dict) and item.get("id") else "")
        entry = _entry(item, label)
        if entry.source.id in seen:
            raise InputError(f"duplicate id {entry.source.id!r}", input=label)
        seen.add(entry.source.id)
        entries.append(entry)
    return entries


def load_sources(path: str | Path | Settings | None = None, *, settings: Settings | None = None,
                 include_disabled: bool = False) -> list[Source]:
    return [e.source for e in load_entries(path, settings=settings) if include_disabled or e.enabled]


def source_options(entries: list[Entry]) -> dict[str, dict[str, Any]]:
    """``{source_id: options}`` in the shape ``items_for_sources`` reads from ``ctx.options``."""
    return {e.source.id: dict(e.options) for e in entries if e.options}


def _entry(item: Any, label: str) -> Entry:
    if not isinstance(item, dict):
        raise InputError("must be a table", input=label)
    unknown = sorted(set(item) - _FIELDS - _EXTRA)
    if unknown:
        raise InputError(f"unknown field(s) {', '.join(unknown)}; known: {', '.join(sorted(_FIELDS | _EXTRA))}",
                         input=label)
    for key in ("id", "name", "kind"):
        if not isinstance(item.get(key), str) or not item[key].strip():
            raise InputError(f"{key} is required and must be text", input=label)
    for key in ("feeds", "languages"):
        if key in item and not (isinstance(item[key], list) and all(isinstance(v, str) for v in item[key])):
            raise InputError(f"{key} must be a list of strings", input=label)
    options = item.get("options", {})
    if not isinstance(options, dict):
        raise InputError("options must be a table", input=label)
    enabled = item.get("enabled", True)
    if not isinstance(enabled, bool):
        raise InputError("enabled must be true or false", input=label)
    fields = {k: v for k, v in item.items() if k in _FIELDS}
    try:
        source = Source.from_dict(fields)
    except RecordError as exc:
        raise InputError(exc.reason, input=label) from None
    except (TypeError, ValueError) as exc:
        raise InputError(str(exc), input=label) from None
    return Entry(source, enabled, dict(options))


def select_sources(settings: Settings, ids: list[str] | None = None) -> list[Source]:
    """The registry's enabled sources, or only those with the given ids (an error names unknown ones)."""
    from ..errors import ConfigError

    sources = load_sources(settings)
    if ids:
        wanted = set(ids)
        sources = [s for s in sources if s.id in wanted]
        if not sources:
            raise ConfigError(f"no registered source matches {', '.join(ids)}; see `steppewatch sources list`")
    return sources
