"""Alert rules: which tracker, where, which category, what threshold.

Rules come from ``[[alerts.rules]]`` tables in the config file, or from the file named by the
``alert_rules_file`` setting (same shape), or else from :data:`DEFAULT_RULES`::

    [[alerts.rules]]
    name = "fergana-border-surge"
    tracker = "surge"          # change_4w | change_52w | surge | threat | volatility | emerging_actor | actor
    category = "border"        # default: all categories
    country = "KG"             # default: every country
    admin1 = "KG-B"            # default: every admin-1 unit
    threshold = 1.0            # tracker-specific, see docs/alerts.md
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import ConfigError
from ..settings import Settings
from ..vocab import CATEGORY_KEYS

TRACKERS = ("change_4w", "change_52w", "surge", "threat", "volatility", "emerging_actor", "actor")
_FIELDS = ("name", "tracker", "category", "country", "admin1", "actor", "threshold")


@dataclass(frozen=True)
class AlertRule:
    """One rule; ``threshold`` means: change_* minimum rise (0.25 = +25 %), surge/threat minimum
    rise (1.0 = +100 %), volatility minimum spike weeks, actor minimum events in the week."""

    name: str
    tracker: str
    category: str = "*"
    country: str | None = None
    admin1: str | None = None
    actor: str | None = None
    threshold: float | None = None

    def __post_init__(self) -> None:
        if not self.name:
            raise ConfigError("an alert rule needs a name")
        if self.tracker not in TRACKERS:
            raise ConfigError(f"alert rule {self.name!r}: unknown tracker {self.tracker!r}; "
                              f"use one of: {', '.join(TRACKERS)}")
        if self.category != "*" and self.category not in CATEGORY_KEYS:
            raise ConfigError(f"alert rule {self.name!r}: unknown category {self.category!r}; "
                              f"use one of: *, {', '.join(CATEGORY_KEYS)}")
        if self.tracker == "actor" and not self.actor:
            raise ConfigError(f"alert rule {self.name!r}: tracker 'actor' needs an actor name")

    @classmethod
    def from_dict(cls, data: dict[str, Any], origin: str = "rules") -> AlertRule:
        unknown = set(data) - set(_FIELDS)
        if unknown:
            raise ConfigError(f"{origin}: unknown alert rule field(s) {', '.join(sorted(unknown))}; "
                              f"known: {', '.join(_FIELDS)}")
        try:
            threshold = data.get("threshold")
            return cls(name=str(data.get("name", "")), tracker=str(data.get("tracker", "")),
                       category=str(data.get("category") or "*"), country=data.get("country") or None,
                       admin1=data.get("admin1") or None, actor=data.get("actor") or None,
                       threshold=None if threshold is None else float(threshold))
        except (TypeError, ValueError) as exc:
            raise ConfigError(f"{origin}: bad alert rule {data.get('name')!r}: {exc}") from None


#: Shipped defaults: ACLED-style thresholds over all categories and every country.
DEFAULT_RULES: tuple[AlertRule, ...] = (
    AlertRule("country-large-increase-4w", "change_4w", threshold=0.25),
    AlertRule("country-large-increase-52w", "change_52w", threshold=0.25),
    AlertRule("subnational-surge", "surge", threshold=1.0),
    AlertRule("subnational-threat", "threat", threshold=1.0),
    AlertRule("high-volatility", "volatility", threshold=6),
    AlertRule("emerging-actor", "emerging_actor"),
    AlertRule("border-surge", "surge", category="border", threshold=1.0),
)


def _read(path: Path) -> dict[str, Any]:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigError(f"alert rules file {path} does not exist") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"alert rules file {path} is not valid TOML: {exc}") from None


def _rules_in(data: dict[str, Any]) -> list[dict[str, Any]] | None:
    section = data.get("steppewatch", data).get("alerts", data.get("alerts"))
    if isinstance(section, dict) and "rules" in section:
        return list(section["rules"])
    return None


def load_rules(settings: Settings, config_file: str | Path | None = None) -> list[AlertRule]:
    """Rules from ``alert_rules_file``, else ``[[alerts.rules]]`` in the config file, else defaults."""
    if settings.alert_rules_file:
        path = Path(settings.alert_rules_file)
        found = _rules_in(_read(path))
        if found is None:
            raise ConfigError(f"{path}: no [[alerts.rules]] tables found")
        return _build(found, str(path))
    config = config_file or os.environ.get("STEPPEWATCH_CONFIG") or (
        "steppewatch.toml" if Path("steppewatch.toml").is_file() else None)
    if config:
        found = _rules_in(_read(Path(config)))
        if found is not None:
            return _build(found, str(config))
    return list(DEFAULT_RULES)


def _build(rows: list[dict[str, Any]], origin: str) -> list[AlertRule]:
    rules = [AlertRule.from_dict(r, origin) for r in rows]
    names = [r.name for r in rules]
    dupes = sorted({n for n in names if names.count(n) > 1})
    if dupes:
        raise ConfigError(f"{origin}: alert rule names must be unique; repeated: {', '.join(dupes)}")
    return rules
