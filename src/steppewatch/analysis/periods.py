"""Calendar periods used by the indicators: ISO weeks (keyed by their Monday) and months.

A period is stored as the ISO date of its first day, so periods sort as text in both
backends; :func:`label` turns it into ``2024-W05`` or ``2024-05`` for people.
"""

from __future__ import annotations

from datetime import date, timedelta

PERIOD_KINDS = ("week", "month")
ALL = "*"  # the "all admin1 / all categories" roll-up key
UNKNOWN = ""  # admin1 not known


def week_start(day: date) -> date:
    """The Monday of the ISO week that contains ``day``."""
    return day - timedelta(days=day.weekday())


def month_start(day: date) -> date:
    return day.replace(day=1)


def period_start(kind: str, day: date) -> date:
    return week_start(day) if kind == "week" else month_start(day)


def shift(kind: str, start: date, n: int) -> date:
    """The start of the period ``n`` periods after (or before, when negative) ``start``."""
    if kind == "week":
        return start + timedelta(weeks=n)
    months = start.year * 12 + start.month - 1 + n
    return date(months // 12, months % 12 + 1, 1)


def label(kind: str, start: str | date) -> str:
    day = date.fromisoformat(start) if isinstance(start, str) else start
    if kind == "week":
        year, week, _ = day.isocalendar()
        return f"{year}-W{week:02d}"
    return f"{day.year}-{day.month:02d}"


def last_complete(kind: str, today: date) -> date:
    """The start of the most recent period that has fully ended before ``today``."""
    return shift(kind, period_start(kind, today), -1)


def week_sql(dialect: str, column: str = "event_date") -> str:
    """SQL giving the ISO-week Monday (YYYY-MM-DD text) of a YYYY-MM-DD text column."""
    if dialect == "sqlite":
        return (f"date({column}, '-' || ((CAST(strftime('%w', {column}) AS INTEGER) + 6) % 7) "
                "|| ' days')")
    return f"to_char(date_trunc('week', CAST({column} AS date)), 'YYYY-MM-DD')"


def month_sql(column: str = "event_date") -> str:
    return f"substr({column}, 1, 7) || '-01'"
