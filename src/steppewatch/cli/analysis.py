"""Analysis commands: profile, indicators, alerts, backtest, infrastructure."""

from __future__ import annotations

import json
from datetime import date

import typer
from rich.table import Table

from ..vocab import CENTRAL_ASIA, Tlp
from .common import console, get_settings, get_store, out

ConfigOpt = typer.Option(None, "--config", "-c", help="Config file (TOML).")
DbOpt = typer.Option(None, "--database-url", help="Store URL; default: the database_url setting.")
AsOfOpt = typer.Option(None, "--as-of", help="Pretend today is this date (YYYY-MM-DD).")

alerts_app = typer.Typer(help="List stored alerts or send a test through the configured channels.",
                         no_args_is_help=True)
infra_app = typer.Typer(help="Load critical infrastructure (GEM pipeline and hydropower files).",
                        no_args_is_help=True)


def register(app: typer.Typer, eval_app: typer.Typer) -> None:
    app.command("profile")(profile)
    app.command("indicators")(indicators)
    app.command("backtest")(backtest)
    app.add_typer(alerts_app, name="alerts")
    app.add_typer(infra_app, name="infrastructure")
    alerts_app.command("list")(alerts_list)
    alerts_app.command("test")(alerts_test)
    infra_app.command("load")(infrastructure_load)


def _today(as_of: str | None) -> date:
    from ..models import utcnow

    return date.fromisoformat(as_of) if as_of else utcnow().date()


def profile(
    country: str = typer.Argument(..., help="ISO code, e.g. KZ"),
    html: str = typer.Option(None, "--html", help="Write an HTML page with charts here."),
    png: str = typer.Option(None, "--png", help="Write the charts as PNG here."),
    as_json: bool = typer.Option(False, "--json", help="Print the profile as JSON."),
    admin1: str = typer.Option(None, "--admin1", help="GeoJSON of admin-1 polygons to outline on the map."),
    as_of: str = AsOfOpt, config: str = ConfigOpt, database_url: str = DbOpt,
) -> None:
    """A country's own picture: indicators, trends, actors, places, facts.

    Example: steppewatch profile KG --html kg.html
    """
    from ..analysis.indicators import update_indicators
    from ..analysis.profiles import country_profile

    settings = get_settings(config)
    store = get_store(settings, database_url)
    update_indicators(store, proximity_km=float(settings.proximity_km))
    data = country_profile(store, country, today=_today(as_of))
    if html or png:
        from ..analysis import charts

        if html:
            charts.write_html(store, data, html, admin1_geojson=admin1)
            console.print(f"wrote {html}")
        if png:
            charts.write_png(store, data, png, admin1_geojson=admin1)
            console.print(f"wrote {png}")
    if as_json:
        out.print_json(json.dumps(data, default=str))
        return
    out.print(f"[bold]{data['name']}[/bold] ({data['country']}), as of {data['as_of']}: "
              f"{data['events_last_12_months']} events in 12 months")
    if data["note"]:
        out.print(data["note"])
    if data["scarcity_note"]:
        out.print(f"[yellow]{data['scarcity_note']}[/yellow]")
    for f in data["trend"]["vs_4_weeks"] + data["trend"]["vs_52_weeks"]:
        out.print(f"change ({f['tracker']}): {f['level']}, {f['value']:.0f} events vs {f['baseline']:.1f}/week")
    t = Table(title="categories, last 12 months (emphasis first)")
    for col in ("category", "events", "fatalities", "near infra"):
        t.add_column(col)
    for c in data["categories"]:
        t.add_row(c["category"] + (" *" if c["emphasis"] else ""), str(c["events"]),
                  str(c["fatalities_best"]), str(c["near_infra"]))
    out.print(t)
    out.print("top actors: " + ", ".join(f"{a['name']} ({a['events']})" for a in data["top_actors"]))
    out.print("top places: " + ", ".join(f"{p['name']} ({p['events']})" for p in data["top_places"]))
    for power, cats in data["engagement"].items():
        out.print(f"{power}: " + ", ".join(f"{c} {n}" for c, n in sorted(cats.items())))
    for fact in data["facts"]:
        out.print(f"- {fact['text']} [dim]({fact['source']})[/dim]")


def indicators(
    full: bool = typer.Option(False, "--full", help="Recompute every indicator instead of what changed."),
    rebuild: bool = typer.Option(False, "--rebuild", help="Also re-read every event into the snapshot first."),
    country: str = typer.Option(None, "--country", help="Show this country's rows."),
    kind: str = typer.Option("week", "--kind", help="week or month"),
    last: int = typer.Option(8, "--last", help="How many periods to show."),
    config: str = ConfigOpt, database_url: str = DbOpt,
) -> None:
    """Update the indicator tables (incrementally unless --full) and show the latest periods.

    Example: steppewatch indicators --country TJ --kind month --last 6
    """
    from ..analysis.indicators import read_indicators, update_indicators
    from ..analysis.periods import label
    from .common import progress

    settings = get_settings(config)
    store = get_store(settings, database_url)
    with progress("indicators") as advance:
        steps = iter(range(1, 100))
        report = update_indicators(store, full=full, rebuild=rebuild, proximity_km=float(settings.proximity_km),
                                   progress=lambda msg: (advance(next(steps)), console.log(msg)))
    console.print(f"indicators {report.mode}: {report.changed_events} events, {report.rows} rows "
                  f"in {report.seconds:.2f} s")
    rows = read_indicators(store, kind=kind, country=country)
    periods = sorted({r["period"] for r in rows})[-last:]
    t = Table(title=f"events per {kind} (all admin-1, all categories)")
    for col in ("period", "country", "events", "fatalities", "actors", "sources", "near infra"):
        t.add_column(col)
    for r in rows:
        if r["period"] in periods:
            t.add_row(label(kind, r["period"]), r["country"], str(r["events"]), str(r["fatalities_best"]),
                      str(r["actors"]), str(r["sources"]), str(r["near_infra"]))
    out.print(t)


def alerts_list(
    limit: int = typer.Option(20, "--limit"), country: str = typer.Option(None, "--country"),
    max_marking: str = typer.Option("red", "--max-marking", help="Hide alerts above this TLP marking."),
    atom: bool = typer.Option(False, "--atom", help="Print an Atom feed instead of a table."),
    config: str = ConfigOpt, database_url: str = DbOpt,
) -> None:
    """Stored alerts, newest first.

    Example: steppewatch alerts list --country KG --max-marking amber
    """
    from ..alerts import atom_feed, list_alerts

    store = get_store(get_settings(config), database_url)
    found = list_alerts(store, limit=limit, country=country, max_marking=Tlp.parse(max_marking))
    if atom:
        out.print(atom_feed(found, max_marking=Tlp.parse(max_marking)), markup=False)
        return
    t = Table(title=f"{len(found)} alert(s)")
    for col in ("created", "rule", "title", "events", "marking"):
        t.add_column(col)
    for a in found:
        t.add_row(a.created_at.date().isoformat(), a.rule, a.title, str(len(a.event_ids)), a.marking.label)
    out.print(t)


def alerts_test(as_of: str = AsOfOpt, config: str = ConfigOpt, database_url: str = DbOpt) -> None:
    """Evaluate the rules now and send a test message through every configured channel.

    Example: STEPPEWATCH_WEBHOOK_URL=http://localhost:9000/hook steppewatch alerts test
    """
    from datetime import UTC, datetime

    from ..alerts import deliver_all, evaluate_alerts, load_rules
    from ..models import Alert, stable_id, utcnow

    settings = get_settings(config)
    store = get_store(settings, database_url)
    now = datetime.combine(_today(as_of), datetime.min.time(), UTC) if as_of else utcnow()
    rules = load_rules(settings, config)
    new = evaluate_alerts(store, settings, now=now, rules=rules)
    out.print(f"{len(rules)} rule(s) evaluated: {len(new)} new alert(s)")
    for a in new:
        out.print(f"  {a.title} [{a.marking.label}]")
    test = Alert(id=stable_id("test-alert", now.isoformat()), rule="test", title="steppewatch test alert",
                 created_at=now, tracker="test", level="test")
    outcome = deliver_all(store, settings, [test])
    if not outcome:
        out.print("no channel configured (set STEPPEWATCH_WEBHOOK_URL, or smtp_host and alert_email_to)")
    for channel, status in outcome.items():
        out.print(f"{channel}: {status}")


def backtest(
    country: list[str] = typer.Option(list(CENTRAL_ASIA), "--country", help="Countries (repeat)."),
    category: list[str] = typer.Option(["*"], "--category", help="Categories (repeat); * = all."),
    origins: int = typer.Option(26, "--origins", help="Weekly forecast origins to replay."),
    as_of: str = AsOfOpt, config: str = ConfigOpt, database_url: str = DbOpt,
) -> None:
    """Replay history: the outlook model against the ViEWS naive benchmarks (CRPS, Brier).

    Example: steppewatch backtest --country KG --country TJ --origins 52
    """
    from ..analysis.indicators import update_indicators
    from ..analysis.outlook import backtest as run_backtest

    store = get_store(get_settings(config), database_url)
    update_indicators(store)
    with console.status("replaying forecast origins"):
        scores = run_backtest(store, country, today=_today(as_of), categories=category, origins=origins)
    t = Table(title="4-week outlook backtest (lower is better)")
    for col in ("model", "CRPS", "Brier P(count>0)", "forecasts"):
        t.add_column(col)
    for name, s in scores.items():
        t.add_row(name, f"{s['crps']:.3f}", f"{s['brier']:.3f}", f"{s['n']:.0f}")
    out.print(t)
    model = scores["negbin"]
    best = min((s["crps"], n) for n, s in scores.items() if n != "negbin")
    verdict = "beats" if model["crps"] < best[0] else "does NOT beat"
    out.print(f"negbin {verdict} the best benchmark on CRPS ({best[1]}: {best[0]:.3f})")


def infrastructure_load(
    path: str = typer.Argument(..., help="A GEM CSV/GeoJSON file or a folder of them."),
    config: str = ConfigOpt, database_url: str = DbOpt,
) -> None:
    """Load pipelines, dams and plants, flag events near them, recount indicators.

    Example: steppewatch infrastructure load ~/data/gem/hydropower/
    """
    from ..analysis.indicators import update_indicators
    from ..analysis.infrastructure import flag_events, load_infrastructure

    settings = get_settings(config)
    store = get_store(settings, database_url)
    n = load_infrastructure(store, path)
    with console.status("flagging events near infrastructure"):
        flagged = flag_events(store, float(settings.proximity_km))
        update_indicators(store, full=True, proximity_km=float(settings.proximity_km))
    out.print(f"{n} features loaded; {flagged} events within {settings.proximity_km} km flagged")
