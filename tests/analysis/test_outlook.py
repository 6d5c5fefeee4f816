from __future__ import annotations

from datetime import date, timedelta

import numpy as np
import pytest

from steppewatch.analysis.indicators import update_indicators
from steppewatch.analysis.outlook import (
    backtest,
    brier,
    crps,
    forecast_bootstrap,
    forecast_last,
    forecast_negbin,
    outlook,
)
from steppewatch.analysis.synthetic import add


def test_scores_of_a_point_mass():
    (f,) = forecast_last(np.array([3.0]), horizon=1)
    assert crps(f, 3) == 0 and crps(f, 5) == 2  # CRPS of a point mass = |x - y| on integers
    assert brier(f, 0) == 1 and brier(f, 4) == 0


def test_negbin_recovers_a_trend():
    rng = np.random.default_rng(3)
    t = np.arange(156)
    y = rng.poisson(np.exp(1.0 + 0.8 * t / 52))
    f = forecast_negbin(y.astype(float))
    assert f[0].mean == pytest.approx(np.exp(1.0 + 0.8 * 157 / 52), rel=0.25)
    assert f[0].q10 <= f[0].mean <= f[0].q90
    boot = forecast_bootstrap(y.astype(float))
    assert boot[0].mean < f[0].mean  # the bootstrap lags a rising series


def test_backtest_and_outlook_on_a_store(store):
    rng = np.random.default_rng(1)
    start = date(2022, 1, 3)
    for w in range(120):
        n = int(rng.poisson(2 + 2 * np.sin(w / 52 * 2 * np.pi) + 2))
        if n:
            add(store, n, country="KZ", admin1="KZ-ALA", day=start + timedelta(weeks=w, days=1), tag=f"w{w}")
    update_indicators(store)
    today = start + timedelta(weeks=120)
    scores = backtest(store, ["KZ"], today=today, origins=10)
    assert set(scores) == {"negbin", "last value", "bootstrap 12m"}
    assert all(s["n"] == 40 for s in scores.values())
    rows = outlook(store, "KZ", today=today)
    assert len(rows) == 4 and all(r["p10"] <= r["mean"] <= r["p90"] + 1 for r in rows)
