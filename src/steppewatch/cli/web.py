"""Web commands: serve the dashboard and API; manage users and API tokens."""

from __future__ import annotations

import getpass
import os

import typer
from rich.table import Table

from ..errors import InputError
from .common import get_settings, get_store, out

ConfigOpt = typer.Option(None, "--config", "-c", help="TOML config file (default: ./steppewatch.toml if present).")
DbOpt = typer.Option(None, "--database-url", help="Override the database_url setting for this command.")

users_app = typer.Typer(help="Manage dashboard and API users: add, list, token, passwd, disable.",
                        no_args_is_help=True)


def register(app: typer.Typer, eval_app: typer.Typer) -> None:
    app.command("serve")(serve)
    app.add_typer(users_app, name="users")


def serve(
    host: str = typer.Option(None, "--host", help="Address to bind (default: the host setting, 127.0.0.1)."),
    port: int = typer.Option(None, "--port", help="Port (default: the port setting, 8000)."),
    allow_remote: bool = typer.Option(False, "--allow-remote",
                                      help="Allow a non-loopback address (needs at least one user)."),
    workers: int = typer.Option(None, "--workers", help="Server processes (default: the web_workers setting; "
                                                        "0 = one per CPU core, at most 4)."),
    config: str = ConfigOpt,
    database_url: str = DbOpt,
) -> None:
    """Serve the dashboard and the REST API (loopback only unless users exist and --allow-remote).

    Example: steppewatch serve --port 8000 --workers 2
    """
    from ..api.app import serve as run_server

    settings = get_settings(config)
    store = get_store(settings, database_url)
    try:
        run_server(store, settings, host=host, port=port, allow_remote=allow_remote, workers=workers,
                   config_file=config)
    finally:
        store.close()


def _password(password_env: str | None) -> str:
    if password_env:
        value = os.environ.get(password_env)
        if not value:
            raise InputError(f"environment variable {password_env} is empty or unset", input="--password-env")
        return value
    first = getpass.getpass("Password: ")
    if first != getpass.getpass("Repeat password: "):
        raise InputError("the two passwords differ", input="password")
    return first


@users_app.command("add")
def users_add(
    username: str = typer.Argument(..., help="Login name (letters, digits, . _ - @)."),
    role: str = typer.Option("viewer", "--role", help="viewer, analyst or admin."),
    max_marking: str = typer.Option("green", "--max-marking", help="Clearance: clear, green, amber, "
                                                                   "amber+strict or red."),
    organisation: str = typer.Option("", "--org", help="The user's organisation (shown with AMBER+STRICT)."),
    password_env: str = typer.Option(None, "--password-env",
                                     help="Read the password from this environment variable instead of a prompt."),
    config: str = ConfigOpt,
    database_url: str = DbOpt,
) -> None:
    """Add a user with a role, a TLP clearance and an organisation.

    Example: steppewatch users add aigerim --role analyst --max-marking amber --org "Desk A"
    """
    from ..auth.users import UserStore

    store = get_store(get_settings(config), database_url)
    user = UserStore(store).add(username, _password(password_env), role=role, max_marking=max_marking,
                                organisation=organisation)
    out.print(f"added {user.username}: {user.role}, cleared to {user.max_marking.label}"
              + (f", {user.organisation}" if user.organisation else ""))
    store.close()


@users_app.command("list")
def users_list(config: str = ConfigOpt, database_url: str = DbOpt) -> None:
    """List users with role, clearance, organisation and token count.

    Example: steppewatch users list
    """
    from ..auth.users import UserStore

    store = get_store(get_settings(config), database_url)
    us = UserStore(store)
    table = Table("user", "role", "clearance", "organisation", "tokens", "created", "status")
    for u in us.list():
        table.add_row(u.username, u.role, u.max_marking.label, u.organisation, str(len(us.tokens(u.username))),
                      u.created_at[:10], "disabled" if u.disabled else "active")
    out.print(table)
    store.close()


@users_app.command("token")
def users_token(
    username: str = typer.Argument(..., help="The user the token acts as."),
    name: str = typer.Option("api", "--name", help="A label to recognise the token by."),
    revoke: bool = typer.Option(False, "--revoke", help="Revoke every token of the user instead."),
    config: str = ConfigOpt,
    database_url: str = DbOpt,
) -> None:
    """Create an API token (printed once; only its hash is stored), or revoke a user's tokens.

    Example: steppewatch users token aigerim --name nightly-export
    """
    from ..auth.audit import audit
    from ..auth.users import UserStore

    store = get_store(get_settings(config), database_url)
    us = UserStore(store)
    if revoke:
        out.print(f"revoked {us.revoke_tokens(username)} token(s) of {username}")
    else:
        token = us.create_token(username, name)
        audit(store, "token_created", username, "cli", name=name)
        out.print(token)
    store.close()


@users_app.command("passwd")
def users_passwd(username: str = typer.Argument(...), password_env: str = typer.Option(None, "--password-env"),
                 config: str = ConfigOpt, database_url: str = DbOpt) -> None:
    """Set a user's password.

    Example: steppewatch users passwd aigerim
    """
    from ..auth.users import UserStore

    store = get_store(get_settings(config), database_url)
    UserStore(store).set_password(username, _password(password_env))
    out.print(f"password of {username} changed")
    store.close()


@users_app.command("disable")
def users_disable(username: str = typer.Argument(...), enable: bool = typer.Option(False, "--enable"),
                  config: str = ConfigOpt, database_url: str = DbOpt) -> None:
    """Disable a user (sessions and tokens stop working at once), or enable again.

    Example: steppewatch users disable bolat
    """
    from ..auth.users import UserStore

    store = get_store(get_settings(config), database_url)
    UserStore(store).set_disabled(username, not enable)
    out.print(f"{username} {'enabled' if enable else 'disabled'}")
    store.close()
