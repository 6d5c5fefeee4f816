"""Great-power engagement: events per country and month that involve Russia, China, the
United States / NATO / EU, Turkey or Iran, by category (military, energy, diplomacy, information).

An event involves a power when one of its actors has that country code, or an actor name
matches one of the power's names (Russian forms included).
"""

from __future__ import annotations

from typing import Any

from ..store import Store
from ..vocab import Tlp

POWERS: dict[str, dict[str, tuple[str, ...]]] = {
    "Russia": {"countries": ("RU",), "names": ("russia", "russian", "kremlin", "moscow", "csto", "россия",
                                                "российск", "одкб", "кремл")},
    "China": {"countries": ("CN",), "names": ("china", "chinese", "beijing", "pla ", "китай", "китайск")},
    "US/NATO/EU": {"countries": ("US",), "names": ("united states", "u.s.", "american", "washington",
                                                    "nato", "european union", "eu ", "сша", "нато",
                                                    "евросоюз", "американск")},
    "Turkey": {"countries": ("TR",), "names": ("turkey", "turkish", "türkiye", "ankara", "турци", "турецк")},
    "Iran": {"countries": ("IR",), "names": ("iran", "iranian", "tehran", "иран")},
}
CATEGORIES = ("military", "energy", "diplomacy", "information")


def _power_case() -> tuple[str, list[Any]]:
    """A SQL CASE naming the power an event_actors row belongs to (first match wins)."""
    parts, params = [], []
    for power, spec in POWERS.items():
        conds = [f"a.country IN ({','.join('?' * len(spec['countries']))})"]
        params += list(spec["countries"])
        for name in spec["names"]:
            conds.append("LOWER(a.name) LIKE ?")
            params.append(f"%{name}%")
        parts.append(f"WHEN {' OR '.join(conds)} THEN ?")
        params.append(power)
    return "CASE " + " ".join(parts) + " END", params


def engagement(store: Store, country: str, *, since: str | None = None,
               max_marking: Tlp | str = Tlp.RED) -> list[dict[str, Any]]:
    """Rows of month, power, category, events (distinct events) for ``country``, oldest first."""
    case, params = _power_case()
    sql = (f"SELECT x.month, x.power, x.category, COUNT(DISTINCT x.id) FROM (SELECT substr(e.event_date, 1, 7) "
           f"AS month, e.id AS id, e.category AS category, {case} AS power FROM events e JOIN event_actors a "
           "ON a.event_id = e.id WHERE e.country = ? AND e.marking_rank <= ? AND e.event_date IS NOT NULL "
           f"AND e.category IN ({','.join('?' * len(CATEGORIES))})")
    args = [*params, country, Tlp.parse(max_marking).rank, *CATEGORIES]
    if since:
        sql += " AND e.event_date >= ?"
        args.append(since)
    sql += ") x WHERE x.power IS NOT NULL AND x.power <> ? GROUP BY x.month, x.power, x.category ORDER BY 1, 2, 3"
    # a country's own forces are not foreign engagement (Russia in Russia, China in China)
    own = {"RU": "Russia", "CN": "China", "IR": "Iran"}.get(country, "")
    return [{"month": m, "power": p, "category": c, "events": int(n)}
            for m, p, c, n in store.query(sql, [*args, own])]


def engagement_totals(rows: list[dict[str, Any]]) -> dict[str, dict[str, int]]:
    """power -> category -> events, summed over the months given."""
    out: dict[str, dict[str, int]] = {}
    for r in rows:
        out.setdefault(r["power"], {}).setdefault(r["category"], 0)
        out[r["power"]][r["category"]] += r["events"]
    return out
