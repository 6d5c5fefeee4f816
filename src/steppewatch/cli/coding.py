"""``steppewatch code`` and ``steppewatch eval coding``: thin wrappers over steppewatch.coding."""

from __future__ import annotations

from pathlib import Path

import typer


def register(app: typer.Typer, eval_app: typer.Typer) -> None:
    app.command("code")(code_command)
    eval_app.command("coding")(eval_coding_command)


def code_command(
    input: Path = typer.Argument(
        ..., help='JSONL, one {"id","text","title"?,"published_at"?,"language"?,"source"?} a line.'),
    output: Path = typer.Option(..., "-o", "--output", help="Where to write one JSON line per input line."),
    ucdp_actors: Path | None = typer.Option(
        None, "--ucdp-actors", help="Seed the actor registry from a UCDP actor CSV."),
    no_geo: bool = typer.Option(False, "--no-geo", help="Code without the geoparser (country-level places)."),
    workers: int = typer.Option(0, "--workers", help="Processes for large inputs (0 = one per CPU core)."),
) -> None:
    """Code news reports into security events (English and Russian).

    Example: steppewatch code reports.jsonl -o events.jsonl
    """
    from ..coding.output import code_file, default_coder
    from ..coding.parallel import default_workers

    n = code_file(input, output, default_coder(ucdp_actors, geoparse=not no_geo), workers or default_workers())
    typer.echo(f"coded {n} documents -> {output}")


def eval_coding_command(
    gold: list[Path] = typer.Argument(..., help="Gold JSONL files (tests/eval/coding/gold_*.jsonl)."),
    split: str | None = typer.Option(None, help="Only rows of this split: dev or test."),
    errors: int = typer.Option(0, help="Also print this many mis-coded documents."),
    no_geo: bool = typer.Option(False, "--no-geo", help="Evaluate without the geoparser."),
    as_json: bool = typer.Option(False, "--json", help="Print the summary as JSON."),
) -> None:
    """Score the coder on gold files: per-category P/R/F1, macro-F1, country, actors, date, fatalities.

    Example: steppewatch eval coding tests/eval/coding/gold_dev.jsonl tests/eval/coding/gold_test.jsonl
    """
    import json

    from ..coding.evaluate import evaluate
    from ..coding.output import default_coder
    from ..coding.parallel import default_workers

    result = evaluate(gold, default_coder(geoparse=not no_geo), split=split, workers=default_workers())
    if as_json:
        typer.echo(json.dumps({k: v.summary() for k, v in result.items()}, indent=2))
        return
    overall = result["all"]
    typer.echo(f"{'category':<14}{'P':>7}{'R':>7}{'F1':>7}{'n':>6}")
    for cat, (p, r, f, n) in overall.per_category().items():
        typer.echo(f"{cat:<14}{p:7.2f}{r:7.2f}{f:7.2f}{n:6d}")
    typer.echo("")
    typer.echo(f"{'set':<20}{'docs':>5}{'macroF1':>9}{'acc':>6}{'country':>9}{'actorF1':>9}{'date':>7}{'d.text':>7}{'fatal':>7}")
    for name, sc in result.items():
        s = sc.summary()
        typer.echo(f"{name:<20}{s['documents']:>5}{s['category_macro_f1']:9.3f}{s['category_accuracy']:6.2f}"
                   f"{s['country_accuracy']:9.3f}{s['actor_f1']:9.3f}{s['date_exact']:7.3f}{s['date_exact_text']:7.3f}"
                   f"{s['fatalities_within_10pct']:7.3f}")
    for err in overall.errors[:errors]:
        typer.echo(f"  {err['id']}: {'; '.join(err['wrong'])}")
