from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from steppewatch.alerts import AlertRule, evaluate_alerts, list_alerts
from steppewatch.analysis.synthetic import add, quiet_history
from steppewatch.errors import ConfigError
from steppewatch.settings import load_settings
from steppewatch.vocab import Tlp

START = date(2024, 1, 1)  # a Monday
SURGE = START + timedelta(weeks=20)  # Monday of the surge week
SURGE_RULES = [AlertRule("surge", "surge", threshold=1.0)]


def _at(day: date) -> datetime:
    return datetime(day.year, day.month, day.day, 6, tzinfo=UTC)


@pytest.fixture
def settings():
    return load_settings(env={}, alert_cooldown_days=14)


def _surge_world(store) -> list[str]:
    quiet_history(store, start=START, weeks=30, per_week=2)
    return add(store, 9, country="KG", admin1="KG-B", day=SURGE + timedelta(days=1), tag="surge",
               marking=Tlp.AMBER)


def test_surge_fires_in_the_surge_week_only(store, settings):
    surge_ids = _surge_world(store)
    fired = {}
    for w in range(6, 29):
        now = _at(START + timedelta(weeks=w, days=1))  # Tuesday: last complete week = w - 1
        new = evaluate_alerts(store, settings, now=now, rules=SURGE_RULES, deliver=False)
        fired[w - 1] = new
    surge_week = 20
    assert [w for w, alerts in fired.items() if alerts] == [surge_week]
    (alert,) = fired[surge_week]
    assert alert.admin1 == "KG-B" and alert.tracker == "surge"
    assert alert.period_start == SURGE and alert.value == 11 and alert.baseline == 2
    assert set(surge_ids) <= set(alert.event_ids) and len(alert.event_ids) == 11
    assert alert.marking == Tlp.AMBER  # the most restrictive of its events
    assert list_alerts(store, max_marking=Tlp.GREEN) == []
    assert [a.id for a in list_alerts(store)] == [alert.id]


def test_one_surge_is_one_alert(store, settings):
    _surge_world(store)
    # the surge goes on the next week too: same rule and place stay quiet during the cool-down
    add(store, 12, country="KG", admin1="KG-B", day=SURGE + timedelta(weeks=1, days=2), tag="again")
    now = _at(SURGE + timedelta(weeks=1, days=1))
    first = evaluate_alerts(store, settings, now=now, rules=SURGE_RULES, deliver=False)
    again = evaluate_alerts(store, settings, now=now, rules=SURGE_RULES, deliver=False)
    later = evaluate_alerts(store, settings, now=now + timedelta(weeks=1), rules=SURGE_RULES, deliver=False)
    assert len(first) == 1 and again == [] and later == []
    assert len(list_alerts(store)) == 1


def test_default_rules_and_emerging_actor(store, settings):
    quiet_history(store, start=START, weeks=30, per_week=3)
    add(store, 1, country="KG", admin1="KG-B", day=SURGE + timedelta(days=3), tag="new",
        actors=("Jamaat Ansarullah",))
    new = evaluate_alerts(store, settings, now=_at(SURGE + timedelta(weeks=1)), deliver=False)
    emerging = [a for a in new if a.tracker == "emerging_actor"]
    assert len(emerging) == 1 and "Jamaat Ansarullah" in emerging[0].title
    assert len(emerging[0].event_ids) == 1


def test_rules_from_config_file(tmp_path):
    cfg = tmp_path / "steppewatch.toml"
    cfg.write_text('[[alerts.rules]]\nname = "kg"\ntracker = "surge"\ncountry = "KG"\ncategory = "border"\n'
                   'threshold = 0.5\n', encoding="utf-8")
    from steppewatch.alerts import load_rules

    (rule,) = load_rules(load_settings(env={}), config_file=cfg)
    assert (rule.tracker, rule.country, rule.category, rule.threshold) == ("surge", "KG", "border", 0.5)
    bad = tmp_path / "bad.toml"
    bad.write_text('[[alerts.rules]]\nname = "x"\ntracker = "spike"\n', encoding="utf-8")
    with pytest.raises(ConfigError, match="unknown tracker 'spike'"):
        load_rules(load_settings(env={}, alert_rules_file=str(bad)))
