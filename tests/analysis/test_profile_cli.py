from __future__ import annotations

from datetime import date, timedelta

from typer.testing import CliRunner

from steppewatch.analysis.engagement import engagement
from steppewatch.analysis.indicators import update_indicators
from steppewatch.analysis.profiles import country_profile, facts
from steppewatch.analysis.synthetic import add
from steppewatch.cli import app

START = date(2024, 1, 1)


def test_every_fact_has_a_source_and_each_republic_an_emphasis():
    sheets = facts()
    assert set(sheets) >= {"KZ", "KG", "TJ", "TM", "UZ"}
    for code, sheet in sheets.items():
        assert sheet["emphasis"], code
        assert all(f["source"].strip() for f in sheet["facts"])
    assert sheets["TM"]["data_scarcity"] is True
    assert sheets["KG"]["emphasis"][0] == "border" and sheets["KZ"]["emphasis"][0] == "energy"
    assert any("201st" in f["text"] for f in sheets["TJ"]["facts"])


def _world(store) -> date:
    for w in range(30):
        add(store, 2, country="KG", admin1="KG-B", category="border", day=START + timedelta(weeks=w, days=2),
            actors=("Kyrgyz Border Service",), tag=f"b{w}")
        add(store, 1, country="KG", admin1="KG-GB", category="military", day=START + timedelta(weeks=w, days=3),
            actors=("Russian armed forces",), tag=f"m{w}")
    add(store, 1, country="KG", admin1="KG-GB", category="energy", day=START + timedelta(weeks=29, days=3),
        actors=("China National Petroleum Corporation",), tag="cn")
    update_indicators(store)
    return START + timedelta(weeks=30)


def test_profile_puts_emphasis_first_and_counts_powers(store):
    today = _world(store)
    p = country_profile(store, "KG", today=today)
    assert [c["category"] for c in p["categories"]][:1] == ["border"]
    assert p["top_actors"][0] == {"name": "Kyrgyz Border Service", "events": 60}
    assert p["engagement"]["Russia"] == {"military": 30}
    assert p["engagement"]["China"] == {"energy": 1}
    assert p["facts"] and not p["data_scarcity"]
    tm = country_profile(store, "TM", today=today)
    assert tm["data_scarcity"] and tm["events_last_12_months"] == 0
    months = {r["month"] for r in engagement(store, "KG")}
    assert "2024-01" in months


def test_profile_command_writes_html_and_png(store_url, tmp_path):
    from steppewatch.store import open_store

    store = open_store(store_url)
    today = _world(store)
    store.close()
    html, png = tmp_path / "kg.html", tmp_path / "kg.png"
    result = CliRunner().invoke(app, ["profile", "KG", "--database-url", store_url, "--as-of", today.isoformat(),
                                      "--html", str(html), "--png", str(png)])
    assert result.exit_code == 0, result.output
    assert "Kyrgyzstan" in result.output and "Kant air base" in result.output
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert "data:image/png;base64," in html.read_text(encoding="utf-8")
    result = CliRunner().invoke(app, ["alerts", "list", "--database-url", store_url])
    assert result.exit_code == 0, result.output
    result = CliRunner().invoke(app, ["backtest", "--country", "KG", "--database-url", store_url,
                                      "--as-of", today.isoformat(), "--origins", "4"])
    assert result.exit_code == 0, result.output
    assert "bootstrap 12m" in result.output
