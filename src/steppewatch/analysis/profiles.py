"""Country profiles: each republic's own indicators, trends, actors, places and facts sheet.

:func:`country_profile` returns a plain dict (the API serves it as JSON; the CLI prints it).
The facts sheet (``data/facts.toml``) is maintained by the project; every fact carries a source.
Categories in the country's ``emphasis`` list come first, because the countries differ.
"""

from __future__ import annotations

import tomllib
from datetime import date
from functools import lru_cache
from importlib import resources
from typing import Any

from ..errors import InputError
from ..models import utcnow
from ..store import Store
from ..vocab import CATEGORY_KEYS, COUNTRY_NAMES, REGION, Tlp
from . import snapshot, trackers
from .engagement import engagement, engagement_totals
from .indicators import level_for, read_indicators
from .periods import last_complete, shift


@lru_cache(maxsize=1)
def facts() -> dict[str, dict[str, Any]]:
    """The maintained facts sheets, keyed by ISO country code."""
    text = resources.files("steppewatch.analysis").joinpath("data/facts.toml").read_text(encoding="utf-8")
    data = tomllib.loads(text)
    for code, sheet in data.items():
        for fact in sheet.get("facts", []):
            if not fact.get("source"):
                raise ValueError(f"facts.toml: a fact for {code} has no source: {fact.get('text')!r}")
    return data


def _ordered_categories(emphasis: list[str]) -> list[str]:
    first = [c for c in emphasis if c in CATEGORY_KEYS]
    return first + [c for c in CATEGORY_KEYS if c not in first and c != "other"]


def country_profile(store: Store, country: str, *, today: date | None = None,
                    max_marking: Tlp | str = Tlp.RED, weeks: int = 26) -> dict[str, Any]:
    """Everything the profile page shows for ``country`` (ISO alpha-2), as plain data."""
    code = country.upper()
    if code not in REGION:
        raise InputError(f"unknown country {country!r}; use one of: {', '.join(REGION)}", input="country")
    today = today or utcnow().date()
    sheet = facts().get(code, {})
    emphasis = list(sheet.get("emphasis", []))
    level = level_for(store, max_marking)
    rank = Tlp.parse(max_marking).rank
    week0 = shift("week", last_complete("week", today), -(weeks - 1))
    month0 = shift("month", last_complete("month", today), -11)
    weekly = read_indicators(store, kind="week", country=code, since=week0.isoformat(), max_marking=max_marking)
    monthly_cat = read_indicators(store, kind="month", country=code, category=None,
                                  since=month0.isoformat(), max_marking=max_marking)
    by_cat: dict[str, dict[str, float]] = {}
    for r in monthly_cat:
        if r["category"] == "*":
            continue
        agg = by_cat.setdefault(r["category"], {"events": 0, "fatalities_best": 0, "near_infra": 0})
        for k in agg:
            agg[k] += r[k]
    categories = [{"category": c, **by_cat[c], "emphasis": c in emphasis}
                  for c in _ordered_categories(emphasis) if c in by_cat]
    since = month0.isoformat()
    actors = snapshot.top_actors(store, code, month0, rank) if level is not None else []
    places = store.query(
        "SELECT place_name, admin1, COUNT(*) FROM events WHERE country = ? AND event_date >= ? "
        "AND marking_rank <= ? AND place_name IS NOT NULL GROUP BY place_name, admin1 ORDER BY 3 DESC, 1 LIMIT 10",
        (code, since, rank))
    trend = {
        "vs_4_weeks": [f.to_dict() for f in trackers.change_levels(store, today, weeks=4, country=code,
                                                                   max_marking=max_marking)],
        "vs_52_weeks": [f.to_dict() for f in trackers.change_levels(store, today, weeks=52, country=code,
                                                                    max_marking=max_marking)],
        "emphasis": [f.to_dict() for c in emphasis if c in CATEGORY_KEYS
                     for f in trackers.change_levels(store, today, weeks=4, country=code, category=c,
                                                     max_marking=max_marking)],
        "surges": [f.to_dict() for f in trackers.surges(store, today, country=code, max_marking=max_marking)],
        "threats": [f.to_dict() for f in trackers.threats(store, today, country=code, max_marking=max_marking)],
    }
    total_year = sum(r["events"] for r in read_indicators(store, kind="month", country=code, since=since,
                                                           max_marking=max_marking))
    scarce = bool(sheet.get("data_scarcity")) or total_year < 12
    return {
        "country": code,
        "name": sheet.get("name", COUNTRY_NAMES.get(code, code)),
        "as_of": today.isoformat(),
        "note": sheet.get("note"),
        "emphasis": emphasis,
        "data_scarcity": scarce,
        "scarcity_note": ("Few independent sources report from here: low counts mean little reporting, "
                          "not necessarily calm.") if scarce else None,
        "events_last_12_months": total_year,
        "weekly": [{"period": r["period"], "events": r["events"], "fatalities_best": r["fatalities_best"],
                    "actors": r["actors"], "sources": r["sources"]} for r in weekly],
        "categories": categories,
        "trend": trend,
        "top_actors": [{"name": n, "events": int(c)} for n, c in actors],
        "top_places": [{"name": n, "admin1": a, "events": int(c)} for n, a, c in places],
        "engagement": engagement_totals(engagement(store, code, since=since, max_marking=max_marking)),
        "facts": list(sheet.get("facts", [])),
    }

