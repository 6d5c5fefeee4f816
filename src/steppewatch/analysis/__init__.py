"""Analysis: indicators, change levels and trackers, profiles, engagement, outlook, infrastructure.

Each republic gets its own picture: indicators are kept per country x admin-1 x category x
ISO week and month (:mod:`.indicators`), trackers follow ACLED's early-warning rules
(:mod:`.trackers`), and :mod:`.profiles` puts them beside a maintained facts sheet.
"""

from __future__ import annotations

from .indicators import IndicatorReport, read_indicators, update_indicators

__all__ = ["IndicatorReport", "read_indicators", "update_indicators"]
