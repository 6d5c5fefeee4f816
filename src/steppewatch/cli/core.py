"""Core commands: init, ingest, run, demo, db migrate|stats, export."""

from __future__ import annotations

import json
import re
import time
from datetime import date
from pathlib import Path

import typer
from rich.table import Table

from ..cycle import file_items, run_pipeline
from ..errors import ConfigError, InputError
from ..registrations import DEFAULT_STAGES, INGEST_STAGES
from ..registry import get_registry
from ..store import EventFilter
from ..vocab import Tlp
from .common import console, get_settings, get_store, out, progress

ConfigOpt = typer.Option(None, "--config", "-c", help="TOML config file (default: ./steppewatch.toml if present).")
DbOpt = typer.Option(None, "--database-url", help="Override the database_url setting for this command.")

db_app = typer.Typer(help="Manage the database: migrate, stats.", no_args_is_help=True)


def register(app: typer.Typer, eval_app: typer.Typer) -> None:
    app.command("init")(init)
    app.command("ingest")(ingest)
    app.command("run")(run)
    app.command("demo")(demo)
    app.command("export")(export)
    app.add_typer(db_app, name="db")


def init(config: str = ConfigOpt, database_url: str = DbOpt) -> None:
    """Create the database, apply migrations and register the shipped sources.

    Example: steppewatch init
    """
    settings = get_settings(config)
    store = get_store(settings, database_url)
    n = _register_sources(store, settings)
    out.print(f"database ready: {store.url} (schema {store.schema_version()[-1]}); {n} sources registered")
    store.close()


def ingest(
    paths: list[Path] = typer.Argument(..., help="Files or folders: JSONL, CSV, HTML, plain text."),
    source_id: str = typer.Option(None, "--source", help="Source id to file the documents under."),
    collect_only: bool = typer.Option(False, "--collect-only", help="Store documents without coding them."),
    config: str = ConfigOpt,
    database_url: str = DbOpt,
) -> None:
    """Ingest local files into the store (idempotent: re-running adds nothing).

    Example: steppewatch ingest reports.jsonl --source my-notes
    """
    settings = get_settings(config)
    store = get_store(settings, database_url)
    stages = INGEST_STAGES if collect_only else DEFAULT_STAGES
    for path in paths:
        if not path.exists():
            raise InputError("no such file or folder", input=str(path))
        started = time.perf_counter()
        with progress(f"ingesting {path.name}") as advance:
            report = run_pipeline(store, file_items(path, source_id=source_id, settings=settings), stages,
                                  settings=settings, on_batch=advance)
        _print_report(report, time.perf_counter() - started)
    _after_run(store, settings)
    store.close()


def run(
    every: str = typer.Option(None, "--every", help="Repeat at this interval, e.g. 15m or 1h."),
    source: list[str] = typer.Option(None, "--source", help="Only these source ids (repeatable)."),
    config: str = ConfigOpt,
    database_url: str = DbOpt,
) -> None:
    """Run one collection cycle over the source registry (needs internet), then analysis and alerts.

    Example: steppewatch run --every 15m
    """
    from ..ingest import items_for_sources
    from ..ingest.registry import select_sources
    from ..pipeline import Context

    settings = get_settings(config, run_every=every)
    store = get_store(settings, database_url)
    interval = parse_interval(settings.run_every) if settings.run_every else None
    while True:
        sources = select_sources(settings, source)
        store.put_sources(sources)
        started = time.perf_counter()
        ctx = Context(store=store, settings=settings)
        with progress("collecting") as advance:
            report = run_pipeline(store, items_for_sources(sources, ctx), settings=settings, on_batch=advance)
        _print_report(report, time.perf_counter() - started)
        _after_run(store, settings)
        if interval is None:
            break
        console.print(f"next cycle in {interval} s")
        time.sleep(interval)
    store.close()


def demo(
    docs: int = typer.Option(3000, "--docs", help="Number of synthetic reports to generate."),
    seed: int = typer.Option(7, "--seed", help="Random seed; the same seed gives the same scenario."),
    config: str = ConfigOpt,
    database_url: str = DbOpt,
) -> None:
    """Generate the synthetic demo scenario and run the whole pipeline on it.

    Example: steppewatch demo --docs 3000
    """
    from datetime import date, timedelta

    from ..demo import run_demo
    from ..demo.generator import WEEKS

    settings = get_settings(config)
    store = get_store(settings, database_url)
    today = date.today()
    start = today - timedelta(days=today.weekday(), weeks=WEEKS)  # the scenario ends last Sunday
    summary = run_demo(store, docs=docs, seed=seed, progress=console.is_terminal, start=start)
    alerts = _replay_alerts(store, settings, start, today)
    out.print("[bold]synthetic demo scenario[/bold] (generated reports, not real news)")
    _print_summary(store.stats(), summary)
    surge = summary.get("surge_week")
    out.print(f"planted surge: week of {surge} in {summary.get('surge_region')}; "
              f"{len(alerts)} alert(s) raised while replaying the scenario week by week")
    region = re.search(r"\(([A-Z]{2}-[A-Z0-9]+)\)", str(summary.get("surge_region") or ""))
    shown = [a for a in alerts if region and a.admin1 == region.group(1)] or alerts
    week = date.fromisoformat(surge) if surge else None
    # the surge region's alerts, those of the planted week first, then the others in date order
    shown.sort(key=lambda a: not (week and a.period_end and week <= a.period_end <= week + timedelta(days=7)))
    for alert in shown[:8]:
        out.print(f"  {alert.period_end or alert.created_at.date()}  {alert.title}")
    store.close()


@db_app.command("migrate")
def db_migrate(config: str = ConfigOpt, database_url: str = DbOpt) -> None:
    """Apply pending schema migrations in place.

    Example: steppewatch db migrate --database-url postgresql://analyst@db/steppewatch
    """
    settings = get_settings(config)
    store = get_store(settings, database_url)  # open_store migrates
    out.print(f"{store.url}: schema at {store.schema_version()[-1]} ({len(store.schema_version())} migrations)")
    store.close()


@db_app.command("stats")
def db_stats(
    as_json: bool = typer.Option(False, "--json", help="Print JSON instead of a table."),
    config: str = ConfigOpt,
    database_url: str = DbOpt,
) -> None:
    """Counts of sources, documents, mentions, events, runs and rejections.

    Example: steppewatch db stats --json
    """
    settings = get_settings(config)
    store = get_store(settings, database_url)
    stats = store.stats()
    if as_json:
        out.print_json(json.dumps(stats))
    else:
        _print_summary(stats, None)
    store.close()


def export(
    output: Path = typer.Option(..., "--output", "-o", help="File to write ('-' for standard output)."),
    fmt: str = typer.Option("csv", "--format", "-f", help="csv, jsonl, geojson or plover."),
    country: str = typer.Option(None, help="ISO alpha-2 country code, e.g. KG."),
    category: str = typer.Option(None, help="Event category, e.g. border."),
    since: str = typer.Option(None, help="First day, YYYY-MM-DD."),
    until: str = typer.Option(None, help="Last day, YYYY-MM-DD."),
    max_marking: str = typer.Option(
        "green", "--max-marking", help="Most restricted TLP marking to include: clear, green, amber, amber+strict, red."
    ),
    config: str = ConfigOpt,
    database_url: str = DbOpt,
) -> None:
    """Export events. Only events at or below --max-marking leave; each row carries its marking.

    Example: steppewatch export -f csv -o kg-border.csv --country KG --category border
    """
    try:
        ceiling = Tlp.parse(max_marking)
        flt = EventFilter(country=country, category=category, max_marking=ceiling,
                          since=date.fromisoformat(since) if since else None,
                          until=date.fromisoformat(until) if until else None)
    except ValueError as exc:
        raise ConfigError(f"export: {exc}") from None
    settings = get_settings(config)
    store = get_store(settings, database_url)
    writer = get_registry().get("exporter", fmt)
    events = _iter_events(store, flt)
    if str(output) == "-":
        import sys

        n = writer(events, sys.stdout)
    else:
        with open(output, "w", encoding="utf-8", newline="") as fh:
            n = writer(events, fh)
    console.print(f"exported {n} events (markings up to {ceiling.label}) to {output}")
    store.close()


def _iter_events(store, flt: EventFilter, page: int = 1000):  # type: ignore[no-untyped-def]
    from ..store import event_cursor

    after = None
    while True:
        batch = store.query_events(flt, limit=page, after=after)
        yield from batch
        if len(batch) < page:
            return
        after = event_cursor(batch[-1])


def parse_interval(text: str) -> int:
    """'15m' -> 900 seconds; accepts s, m, h, d."""
    match = re.fullmatch(r"\s*(\d+)\s*([smhd])\s*", text or "")
    if not match:
        raise ConfigError(f"interval {text!r} is not valid; use a number and a unit, e.g. 30s, 15m, 2h, 1d")
    return int(match.group(1)) * {"s": 1, "m": 60, "h": 3600, "d": 86400}[match.group(2)]


def _register_sources(store, settings) -> int:  # type: ignore[no-untyped-def]
    from ..ingest.registry import select_sources

    sources = select_sources(settings)
    store.put_sources(sources)
    return len(sources)


def _replay_alerts(store, settings, start, end):  # type: ignore[no-untyped-def]
    """Evaluate the alert rules at the end of each week from ``start`` to ``end``, as a system
    running through those weeks would have, so a freshly loaded history shows its alerts."""
    from datetime import UTC, datetime, time, timedelta

    try:
        from ..alerts import evaluate_alerts
        from ..analysis import update_indicators
    except ImportError:
        return []
    update_indicators(store)
    raised = []
    day = start + timedelta(weeks=5)  # a month of history before the first evaluation
    with progress("evaluating alert rules week by week") as advance:
        n = 0
        while day <= end:
            now = datetime.combine(day, time(6), tzinfo=UTC)
            raised += evaluate_alerts(store, settings, now=now, deliver=False, update=False)
            day += timedelta(weeks=1)
            n += 1
            advance(n)
    return raised


def _after_run(store, settings) -> None:  # type: ignore[no-untyped-def]
    """Update indicators and evaluate alert rules when the analysis package is present."""
    try:
        from ..alerts import evaluate_alerts
        from ..analysis import update_indicators
    except ImportError:
        return
    update_indicators(store)
    alerts = evaluate_alerts(store, settings)
    if alerts:
        console.print(f"{len(alerts)} new alert(s): " + "; ".join(a.title for a in alerts[:5]))


def _print_report(report, seconds: float) -> None:  # type: ignore[no-untyped-def]
    c = report.counts
    rate = c["items"] / seconds if seconds else 0.0
    out.print(
        f"run {report.run.id[:8]} {report.run.status}: {c['items']} items, "
        f"{report.stored_documents} new documents, {c['store.write.v1:events']} events written, "
        f"{len(report.rejections)} rejected in {seconds:.1f} s ({rate:.0f} items/s)"
    )
    for rej in report.rejections[:5]:
        console.print(f"  rejected {rej.key} at {rej.stage}: {rej.reason}")


def _print_summary(stats: dict, summary: dict | None) -> None:  # type: ignore[type-arg]
    table = Table(title=f"steppewatch store ({stats['backend']})", show_header=False)
    for key in ("sources", "documents", "duplicates", "mentions", "events", "runs", "rejections"):
        table.add_row(key, str(stats[key]))
    table.add_row("events by country", ", ".join(f"{k} {v}" for k, v in stats["events_by_country"].items()) or "-")
    table.add_row("events by category", ", ".join(f"{k} {v}" for k, v in stats["events_by_category"].items()) or "-")
    if summary and "seconds" in summary:
        table.add_row("pipeline time", f"{summary['seconds']:.1f} s")
    out.print(table)
