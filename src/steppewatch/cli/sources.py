"""Source commands: ``sources list`` and ``sources check``."""

from __future__ import annotations

import json
from typing import Any

import typer
from rich.table import Table

from .common import console, get_settings, get_store, out, progress

ConfigOpt = typer.Option(None, "--config", "-c", help="TOML config file (default: ./steppewatch.toml if present).")
DbOpt = typer.Option(None, "--database-url", help="Override the database_url setting for this command.")

sources_app = typer.Typer(help="The source registry: list sources, check their feeds.", no_args_is_help=True)


def register(app: typer.Typer, eval_app: typer.Typer) -> None:
    app.add_typer(sources_app, name="sources")


@sources_app.command("list")
def list_sources(
    as_json: bool = typer.Option(False, "--json", help="Print JSON instead of a table."),
    all_: bool = typer.Option(False, "--all", help="Include disabled entries (datasets that need set-up)."),
    config: str = ConfigOpt,
) -> None:
    """List the registered sources with languages, country and state affiliation.

    Example: steppewatch sources list --json
    """
    from ..ingest.registry import load_entries, registry_path

    settings = get_settings(config)
    entries = [e for e in load_entries(settings) if all_ or e.enabled]
    if as_json:
        out.print_json(json.dumps([{**e.source.to_dict(), "enabled": e.enabled, "options": e.options}
                                   for e in entries], ensure_ascii=False))
        return
    table = Table(title=f"{len(entries)} sources from {registry_path(settings)}")
    for col in ("id", "name", "kind", "languages", "country", "affiliation", "feeds"):
        table.add_column(col)
    for e in entries:
        s = e.source
        table.add_row(s.id, s.name, s.kind, ",".join(s.languages), s.country or "", s.state_affiliation,
                      str(len(s.feeds)))
    out.print(table)


@sources_app.command("check")
def check_sources(
    source: list[str] = typer.Option(None, "--source", help="Only these source ids (repeatable)."),
    as_json: bool = typer.Option(False, "--json", help="Print JSON instead of a table."),
    config: str = ConfigOpt,
    database_url: str = DbOpt,
) -> None:
    """Fetch every feed once and record per-source health (reachable, last success, items,
    empty bodies, missing dates) for the dashboard. Needs internet.

    Example: steppewatch sources check --source 24kg --source kloop
    """
    from ..ingest.check import check_source
    from ..ingest.health import get_health
    from ..ingest.registry import select_sources
    from ..pipeline import Context

    settings = get_settings(config)
    store = get_store(settings, database_url)
    sources = select_sources(settings, source)
    store.put_sources(sources)
    ctx = Context(store=store, settings=settings)
    results: dict[str, dict[str, Any]] = {}
    with progress("checking sources", total=len(sources)) as advance:
        for n, s in enumerate(sources, 1):
            check_source(s, ctx)
            results[s.id] = get_health(store, s.id)
            advance(n)
    store.close()
    if as_json:
        out.print_json(json.dumps(results))
        return
    table = Table(title="source health")
    for col in ("source", "reachable", "last success", "items", "empty bodies", "missing dates", "error"):
        table.add_column(col)
    for sid, h in results.items():
        table.add_row(sid, "yes" if h.get("reachable") else "NO", str(h.get("last_success") or "never"),
                      str(h.get("items", "")), str(h.get("empty_bodies", "")), str(h.get("missing_dates", "")),
                      (h.get("error") or "")[:60])
    out.print(table)
    down = [sid for sid, h in results.items() if not h.get("reachable")]
    if down:
        console.print(f"{len(down)} source(s) unreachable: {', '.join(down)}")
