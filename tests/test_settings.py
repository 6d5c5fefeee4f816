from __future__ import annotations

from pathlib import Path

import pytest

from steppewatch.errors import ConfigError
from steppewatch.settings import SETTINGS, load_settings, settings_markdown

DOCS = Path(__file__).resolve().parents[1] / "docs" / "settings.md"


def test_docs_list_every_setting() -> None:
    text = DOCS.read_text(encoding="utf-8")
    missing = [s.name for s in SETTINGS if f"`{s.name}`" not in text or f"`{s.env}`" not in text]
    assert missing == [], f"docs/settings.md lacks {missing}; regenerate it from settings_markdown()"
    assert text == settings_markdown(), "docs/settings.md is out of date; regenerate it from settings_markdown()"


def test_layers_apply_in_order(tmp_path: Path) -> None:
    cfg = tmp_path / "sw.toml"
    cfg.write_text('batch_size = 50\npoliteness_delay = 3\nport = 9000\n')
    s = load_settings(cfg, env={"STEPPEWATCH_BATCH_SIZE": "70"}, port=9100)
    assert (s.batch_size, s.politeness_delay, s.port, s.http_retries) == (70, 3.0, 9100, 3)
    assert s.origins["batch_size"] == "environment" and s.origins["politeness_delay"] == str(cfg)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("no_such = 1", "unknown setting 'no_such'"),
        ("batch_size = 'many'", "setting 'batch_size'"),
        ('smtp_password = "x"', "is a secret"),
        ("not toml [", "not valid TOML"),
    ],
)
def test_bad_config_files_are_named_and_explained(tmp_path: Path, content: str, message: str) -> None:
    cfg = tmp_path / "bad.toml"
    cfg.write_text(content)
    with pytest.raises(ConfigError, match=message):
        load_settings(cfg, env={})


def test_missing_config_file_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="does not exist"):
        load_settings(tmp_path / "absent.toml", env={})


def test_secrets_come_from_the_environment() -> None:
    s = load_settings(env={"STEPPEWATCH_SMTP_PASSWORD": "hunter2", "STEPPEWATCH_ALERT_EMAIL_TO": "a@x, b@y"})
    assert s.smtp_password == "hunter2" and s.alert_email_to == ("a@x", "b@y")
