"""The synthetic outlets of the demo scenario. None of them exists; every name says so."""

from __future__ import annotations

from ..models import Source
from ..vocab import Tlp

# id, name, languages, default marking, share of reports
_OUTLETS: tuple[tuple[str, str, tuple[str, ...], str, float], ...] = (
    ("demo-border-wire", "Synthetic Border Wire (demo)", ("en", "ru"), "clear", 0.22),
    ("demo-steppe-daily", "Synthetic Steppe Daily (demo)", ("en",), "clear", 0.18),
    ("demo-herald-ru", "Synthetic Central Asia Herald, Russian edition (demo)", ("ru",), "clear", 0.18),
    ("demo-valley-courier", "Synthetic Fergana Valley Courier (demo)", ("ru", "en"), "clear", 0.13),
    ("demo-mountain-news", "Synthetic Mountain News (demo)", ("en",), "green", 0.1),
    ("demo-community-monitor", "Synthetic Community Monitor (demo)", ("ru",), "green", 0.12),
    ("demo-partner-notes", "Synthetic Partner Liaison Notes (demo)", ("en",), "amber", 0.04),
    ("demo-field-brief", "Synthetic Restricted Field Brief (demo)", ("en",), "red", 0.03),
)
#: The outlet that republishes other outlets' reports as near-copies.
SYNDICATOR = ("demo-regional-digest", "Synthetic Regional Digest (demo)", ("en", "ru"), "clear", 0.0)

OUTLETS = _OUTLETS + (SYNDICATOR,)


def demo_sources() -> list[Source]:
    """Source records for every synthetic outlet (kind ``file``, no homepage)."""
    return [
        Source(
            id=sid,
            name=name,
            kind="file",
            homepage=None,
            languages=langs,
            ownership="synthetic outlet of the steppewatch demo scenario",
            state_affiliation="unknown",
            marking=Tlp.parse(marking),
        )
        for sid, name, langs, marking, _ in OUTLETS
    ]
