"""The ``steppewatch`` command line: one Typer app, sub-commands registered per area.

Each module in :data:`COMMAND_MODULES` exposes ``register(app, eval_app)``. Errors that
steppewatch raises on purpose print as one line on stderr with a non-zero exit code.
"""

from __future__ import annotations

import importlib
import logging
import sys

import typer

from ..errors import SteppewatchError

COMMAND_MODULES = ("core", "sources", "geo", "coding", "analysis", "web")

app = typer.Typer(
    name="steppewatch",
    help="Watch the security environment of Central Asia: collect, code, geolocate, analyse, share.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)
eval_app = typer.Typer(help="Evaluate the coder and the geoparser against gold files.", no_args_is_help=True)
app.add_typer(eval_app, name="eval")

for _name in COMMAND_MODULES:
    try:
        _module = importlib.import_module(f"{__name__}.{_name}")
    except ModuleNotFoundError as _exc:  # an area not installed in this build
        if _exc.name != f"{__name__}.{_name}":
            raise
        continue
    _module.register(app, eval_app)


def main(argv: list[str] | None = None) -> None:
    """Console entry point: run the app, turning steppewatch errors into one line."""
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    try:
        app(args=argv, standalone_mode=False)
    except SteppewatchError as exc:
        typer.echo(f"error: {exc}", err=True)
        sys.exit(exc.exit_code)
    except KeyboardInterrupt:
        typer.echo("interrupted", err=True)
        sys.exit(130)
    except Exception as exc:  # click usage errors and the like
        import click

        if isinstance(exc, click.exceptions.Exit):
            sys.exit(exc.exit_code)
        if isinstance(exc, click.ClickException):
            exc.show()
            sys.exit(exc.exit_code)
        if isinstance(exc, click.exceptions.Abort):
            sys.exit(1)
        raise
