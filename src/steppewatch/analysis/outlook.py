"""Outlook: a probabilistic 4-week forecast of weekly event counts per country x category, and
a backtest against the naive benchmarks used by the ViEWS forecasting competition.

Model: negative binomial with log-linear mean ``log mu_t = a + b * t + c * sin(2 pi t / 52) +
d * cos(2 pi t / 52)`` fitted by maximum likelihood (scipy) on the last ``window`` weeks, with
the dispersion estimated jointly. Benchmarks (ViEWS prediction challenge 2023/24, Hegre et al.):
"last value" (a point mass at the last observed count) and "bootstrap" (the empirical
distribution of the last 12 months). Scores: CRPS of the predictive distribution (lower is
better) and Brier score of P(count > 0).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date
from typing import Any

import numpy as np
from scipy import optimize, stats

from ..store import Store
from ..vocab import Tlp
from .indicators import read_indicators
from .periods import ALL, last_complete, shift

HORIZON = 4
MAX_COUNT = 400  # support used to score and sample discrete distributions


@dataclass(frozen=True)
class Forecast:
    mean: float
    p_any: float
    q10: float
    q90: float
    pmf: np.ndarray  # probabilities over 0..MAX_COUNT


def weekly_series(store: Store, country: str, category: str = ALL, *, until: date,
                  weeks: int | None = None, max_marking: Tlp | str = Tlp.RED) -> tuple[date, np.ndarray]:
    """(first week, counts) up to the week starting ``until``, zero-filled."""
    rows = read_indicators(store, kind="week", country=country, category=category, until=until.isoformat(),
                           max_marking=max_marking)
    if not rows:
        return until, np.zeros(0)
    first = date.fromisoformat(rows[0]["period"])
    if weeks is not None:
        first = max(first, shift("week", until, -(weeks - 1)))
    n = (until - first).days // 7 + 1
    y = np.zeros(n)
    for r in rows:
        i = (date.fromisoformat(r["period"]) - first).days // 7
        if 0 <= i < n:
            y[i] = r["events"]
    return first, y


def _design(t: np.ndarray) -> np.ndarray:
    w = 2 * math.pi * t / 52.0
    return np.column_stack([np.ones_like(t), t / 52.0, np.sin(w), np.cos(w)])


def fit_negbin(y: np.ndarray) -> tuple[np.ndarray, float]:
    """ML estimates (coefficients, log dispersion alpha) of the NB2 model on ``y``."""
    t = np.arange(len(y), dtype=float)
    x = _design(t)
    start = np.array([math.log(y.mean() + 0.1), 0.0, 0.0, 0.0, 0.0])

    def nll(theta: np.ndarray) -> float:
        beta, log_alpha = theta[:4], theta[4]
        mu = np.exp(np.clip(x @ beta, -20, 12))
        r = 1.0 / math.exp(log_alpha)
        return float(-stats.nbinom.logpmf(y, r, r / (r + mu)).sum() + 0.01 * float(beta[1:] @ beta[1:]))

    res = optimize.minimize(nll, start, method="L-BFGS-B",
                            bounds=[(-20, 12), (-5, 5), (-5, 5), (-5, 5), (-8, 5)])
    return res.x[:4], float(res.x[4])


def forecast_negbin(y: np.ndarray, horizon: int = HORIZON) -> list[Forecast]:
    if len(y) < 8 or y.sum() == 0:
        return [_from_samples(np.zeros(1)) for _ in range(horizon)]
    beta, log_alpha = fit_negbin(y)
    r = 1.0 / math.exp(log_alpha)
    out = []
    support = np.arange(MAX_COUNT + 1)
    for h in range(1, horizon + 1):
        mu = float(np.exp(np.clip(_design(np.array([len(y) - 1 + h], dtype=float)) @ beta, -20, 12))[0])
        pmf = stats.nbinom.pmf(support, r, r / (r + mu))
        out.append(_from_pmf(pmf / pmf.sum()))
    return out


def forecast_last(y: np.ndarray, horizon: int = HORIZON) -> list[Forecast]:
    last = y[-1:] if len(y) else np.zeros(1)
    return [_from_samples(last) for _ in range(horizon)]


def forecast_bootstrap(y: np.ndarray, horizon: int = HORIZON) -> list[Forecast]:
    recent = y[-52:] if len(y) else np.zeros(1)
    return [_from_samples(recent) for _ in range(horizon)]


def _from_samples(samples: np.ndarray) -> Forecast:
    counts = np.clip(np.rint(samples).astype(int), 0, MAX_COUNT)
    pmf = np.bincount(counts, minlength=MAX_COUNT + 1).astype(float)
    return _from_pmf(pmf / pmf.sum())


def _from_pmf(pmf: np.ndarray) -> Forecast:
    cdf = np.cumsum(pmf)
    support = np.arange(len(pmf))
    return Forecast(float(support @ pmf), float(1 - pmf[0]), float(np.searchsorted(cdf, 0.1)),
                    float(np.searchsorted(cdf, 0.9)), pmf)


def crps(f: Forecast, observed: float) -> float:
    """CRPS of a discrete distribution on 0..MAX_COUNT: sum over k of (F(k) - 1{obs <= k})^2."""
    cdf = np.cumsum(f.pmf)
    step = (np.arange(len(cdf)) >= observed).astype(float)
    return float(((cdf - step) ** 2).sum())


def brier(f: Forecast, observed: float) -> float:
    return (f.p_any - (1.0 if observed > 0 else 0.0)) ** 2


MODELS = {"negbin": forecast_negbin, "last value": forecast_last, "bootstrap 12m": forecast_bootstrap}


def outlook(store: Store, country: str, *, today: date, categories: list[str] | None = None,
            window: int = 156, max_marking: Tlp | str = Tlp.RED) -> list[dict[str, Any]]:
    """The next four weeks per category (mean, 80 % interval, P(any event))."""
    end = last_complete("week", today)
    out = []
    for cat in categories or [ALL]:
        _, y = weekly_series(store, country, cat, until=end, weeks=window, max_marking=max_marking)
        for h, f in enumerate(forecast_negbin(y), start=1):
            out.append({"category": cat, "week": shift("week", end, h).isoformat(), "mean": round(f.mean, 2),
                        "p10": f.q10, "p90": f.q90, "p_any": round(f.p_any, 3)})
    return out


def backtest(store: Store, countries: list[str], *, today: date, categories: list[str] | None = None,
             origins: int = 26, window: int = 156, max_marking: Tlp | str = Tlp.RED) -> dict[str, dict[str, float]]:
    """Replay ``origins`` weekly forecast origins; mean CRPS and Brier per model over all series,
    horizons 1-4 (each origin only sees data up to itself)."""
    end = last_complete("week", today)
    scores: dict[str, dict[str, list[float]]] = {m: {"crps": [], "brier": []} for m in MODELS}
    for country in countries:
        for cat in categories or [ALL]:
            first, y = weekly_series(store, country, cat, until=end, max_marking=max_marking)
            if len(y) < 60:
                continue
            for o in range(len(y) - HORIZON - origins, len(y) - HORIZON):
                if o < 52:
                    continue
                history, future = y[max(0, o + 1 - window): o + 1], y[o + 1: o + 1 + HORIZON]
                for name, model in MODELS.items():
                    for f, obs in zip(model(history), future, strict=True):
                        scores[name]["crps"].append(crps(f, obs))
                        scores[name]["brier"].append(brier(f, obs))
    return {m: {"crps": float(np.mean(v["crps"])) if v["crps"] else float("nan"),
                "brier": float(np.mean(v["brier"])) if v["brier"] else float("nan"),
                "n": float(len(v["crps"]))} for m, v in scores.items()}
