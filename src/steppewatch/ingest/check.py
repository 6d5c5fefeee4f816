"""Check one source without storing anything: fetch its feeds, count items, record health."""

from __future__ import annotations

from typing import Any

from ..errors import FetchError, InputError, NotConfigured
from ..models import Source
from ..pipeline import Context
from .health import get_health, record_failure


def check_source(source: Source, ctx: Context, client: Any = None) -> dict[str, Any]:
    """Run the source's ``items()`` once (unconditional fetches) and return its health entry.

    RSS and web sources record their own health while they run; other kinds are recorded
    here from what ``items()`` gave.
    """
    from . import source_for
    from .health import record_success

    try:
        src = source_for(source, ctx, client, conditional=False)  # a check asks for the full feed
    except (NotConfigured, InputError) as exc:
        return record_failure(ctx.store, source.id, str(exc))
    try:
        n = empty = undated = 0
        for item in src.items():
            n += 1
            p = item.payload
            if not (p.get("text") or p.get("html") or p.get("summary") or item.document):
                empty += 1
            if not p.get("published_at") and item.document is None:
                undated += 1
    except (FetchError, InputError) as exc:
        return record_failure(ctx.store, source.id, str(exc))
    if source.kind not in ("rss", "web"):
        record_success(ctx.store, source.id, items=n, empty_bodies=empty, missing_dates=undated)
    return get_health(ctx.store, source.id)
