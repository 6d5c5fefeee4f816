"""Every setting, declared once with its default and help, loaded in layers.

Precedence, lowest to highest: declared defaults < config file (TOML) < environment
(``STEPPEWATCH_<NAME>``) < explicit overrides (command-line options). Secrets are read from
the environment only. ``docs/settings.md`` lists every setting; a test keeps it in step.
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .errors import ConfigError


def _bool(v: Any) -> bool:
    if isinstance(v, bool):
        return v
    text = str(v).strip().lower()
    if text in ("1", "true", "yes", "on"):
        return True
    if text in ("0", "false", "no", "off", ""):
        return False
    raise ValueError(f"expected true or false, got {v!r}")


def _list(v: Any) -> tuple[str, ...]:
    if isinstance(v, list | tuple):
        return tuple(str(x) for x in v)
    return tuple(x.strip() for x in str(v).split(",") if x.strip())


@dataclass(frozen=True)
class Setting:
    name: str
    default: Any
    help: str
    parse: Callable[[Any], Any] = str
    secret: bool = False

    @property
    def env(self) -> str:
        return "STEPPEWATCH_" + self.name.upper()


SETTINGS: tuple[Setting, ...] = (
    # storage
    Setting("database_url", "sqlite:///data/steppewatch.db",
            "Where events are stored: sqlite:///PATH (embedded, default) or postgresql://user@host/db."),
    Setting("batch_size", 1000, "Items per pipeline batch; each batch is one transaction.", int),
    Setting("write_behind", True, "Write each batch to the store in a background thread while the next batch is "
            "read, extracted and hashed (one batch in flight at most).", _bool),
    # collection
    Setting("sources_file", "", "A TOML source registry to use instead of the shipped one."),
    Setting("user_agent", "steppewatch/0.1 (open-source news monitor; add your contact address here)",
            "User-Agent header sent with every request."),
    Setting("http_timeout", 20.0, "Seconds before a request times out.", float),
    Setting("http_retries", 3, "Retries with exponential backoff for failed requests.", int),
    Setting("politeness_delay", 1.0, "Minimum seconds between two requests to the same host.", float),
    Setting("max_download_bytes", 10_000_000, "Largest response body accepted from the network.", int),
    Setting("max_file_bytes", 50_000_000, "Largest local input file accepted (bytes).", int),
    Setting("max_text_chars", 2_000_000, "Longest extracted document text kept (characters).", int),
    Setting("future_tolerance_hours", 36, "How far in the future a publication date may lie.", int),
    Setting("dedup_threshold", 0.9,
            "Estimated word-shingle similarity (0-1) at which a document is linked as a near-copy.", float),
    Setting("run_every", "", "Repeat `steppewatch run` at this interval, e.g. 15m or 1h."),
    Setting("ucdp_token", "", "Access token for the UCDP API (environment only).", secret=True),
    Setting("shared_data_dir", "../shared/data",
            "Folder of reference data used by evaluations and tests."),
    # coding and events
    Setting("merge_window_days", 2, "Mentions this many days apart may still be one event.", int),
    Setting("merge_distance_km", 50.0, "Mentions farther apart than this are different events.", float),
    Setting("min_confidence", 0, "Mentions below this confidence are not merged into events.", int),
    # analysis and alerts
    Setting("proximity_km", 25.0, "Events within this distance of infrastructure are flagged.", float),
    Setting("alert_rules_file", "", "A TOML file of alert rules to use instead of the defaults."),
    Setting("alert_cooldown_days", 14, "A rule that fired stays quiet for this many days.", int),
    Setting("webhook_url", "", "POST each new alert as JSON to this URL (environment only).", secret=True),
    Setting("smtp_host", "", "SMTP server for alert e-mail."),
    Setting("smtp_port", 25, "SMTP port.", int),
    Setting("smtp_user", "", "SMTP user name."),
    Setting("smtp_password", "", "SMTP password (environment only).", secret=True),
    Setting("smtp_starttls", False, "Use STARTTLS with the SMTP server.", _bool),
    Setting("alert_email_from", "steppewatch@localhost", "From address of alert e-mail."),
    Setting("alert_email_to", (), "Recipients of alert e-mail, comma-separated.", _list),
    # web
    Setting("host", "127.0.0.1", "Address the web server binds to."),
    Setting("port", 8000, "Port the web server listens on.", int),
    Setting("web_workers", 0, "Web server processes, each with its own database connection; 0 picks one per CPU "
            "core, at most 4.", int),
    Setting("secret_key", "", "Key that signs login sessions (environment only).", secret=True),
    Setting("tile_url", "", "Map tile URL template for users with internet; empty draws offline."),
    Setting("log_level", "WARNING", "Logging level: DEBUG, INFO, WARNING or ERROR."),
)
BY_NAME: dict[str, Setting] = {s.name: s for s in SETTINGS}


class Settings(Mapping[str, Any]):
    """Resolved settings; read with ``settings["name"]`` or ``settings.name``."""

    def __init__(self, values: dict[str, Any], origins: dict[str, str]) -> None:
        self._values = values
        self.origins = origins

    def __getitem__(self, key: str) -> Any:
        return self._values[key]

    def __getattr__(self, key: str) -> Any:
        try:
            return self._values[key]
        except KeyError:
            raise AttributeError(key) from None

    def __iter__(self):  # type: ignore[no-untyped-def]
        return iter(self._values)

    def __len__(self) -> int:
        return len(self._values)

    def with_overrides(self, **overrides: Any) -> Settings:
        values, origins = dict(self._values), dict(self.origins)
        for name, value in overrides.items():
            if value is None:
                continue
            values[name] = _parse(BY_NAME.get(name), name, value, "override")
            origins[name] = "override"
        return Settings(values, origins)


def _parse(setting: Setting | None, name: str, value: Any, origin: str) -> Any:
    if setting is None:
        options = ", ".join(sorted(BY_NAME))
        raise ConfigError(f"unknown setting {name!r} in {origin}; known settings: {options}")
    try:
        return setting.parse(value)
    except (TypeError, ValueError) as exc:
        raise ConfigError(f"setting {name!r} from {origin}: {exc}") from None


def load_settings(
    config_file: str | Path | None = None,
    env: Mapping[str, str] | None = None,
    **overrides: Any,
) -> Settings:
    """Resolve every setting from defaults, a config file, the environment and overrides."""
    env = os.environ if env is None else env
    values = {s.name: s.default for s in SETTINGS}
    origins = {s.name: "default" for s in SETTINGS}
    path = config_file or env.get("STEPPEWATCH_CONFIG") or None
    if path is None and Path("steppewatch.toml").is_file():
        path = "steppewatch.toml"
    if path:
        p = Path(path)
        try:
            data = tomllib.loads(p.read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise ConfigError(f"config file {p} does not exist") from None
        except tomllib.TOMLDecodeError as exc:
            raise ConfigError(f"config file {p} is not valid TOML: {exc}") from None
        for name, value in data.get("steppewatch", data).items():
            if isinstance(value, dict):
                continue  # sections (alert rules, sources) are read by their own modules
            setting = BY_NAME.get(name)
            if setting is not None and setting.secret:
                raise ConfigError(f"{p}: {name} is a secret; set {setting.env} in the environment")
            values[name] = _parse(setting, name, value, str(p))
            origins[name] = str(p)
    for s in SETTINGS:
        if s.env in env:
            values[s.name] = _parse(s, s.name, env[s.env], s.env)
            origins[s.name] = "environment"
    if "STEPPEWATCH_DATABASE_URL" not in env and env.get("DATABASE_URL"):
        values["database_url"] = env["DATABASE_URL"]
        origins["database_url"] = "environment"
    return Settings(values, origins).with_overrides(**overrides)


def settings_markdown() -> str:
    """The settings reference as Markdown (``docs/settings.md`` is written from this)."""
    lines = [
        "# Settings",
        "",
        "Every setting has a default. Layers, lowest to highest: default < config file (`steppewatch.toml` in",
        "the working directory, or the file named by `STEPPEWATCH_CONFIG` / `--config`) < environment",
        "variable < command-line option. Secrets are read from the environment only.",
        "",
        "| setting | environment variable | default | meaning |",
        "|---|---|---|---|",
    ]
    for s in SETTINGS:
        default = "(empty)" if s.default in ("", ()) else f"`{s.default}`"
        note = " Secret: environment only." if s.secret else ""
        lines.append(f"| `{s.name}` | `{s.env}` | {default} | {s.help}{note} |")
    lines += ["", "Example `steppewatch.toml`:", "", "```toml", 'database_url = "sqlite:///data/steppewatch.db"',
              "batch_size = 500", "politeness_delay = 2.0", "```", ""]
    return "\n".join(lines)
