"""Collection: sources (RSS, web pages, files, UCDP, GDELT, ACLED), fetch, extract, dedup.

:func:`items_for_sources` runs one collection cycle over registered sources; ``steppewatch
run`` feeds its items to the pipeline. A source that fails (network down, bad file) is logged
and recorded in its health entry; the others go on.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from typing import Any

from ..errors import FetchError, InputError, NotConfigured
from ..models import Source
from ..pipeline import Context, Item

log = logging.getLogger(__name__)

#: Source kind -> registered source class, when the entry names no ``adapter``.
DEFAULT_ADAPTER = {"rss": "rss", "web": "web", "file": "file"}


def source_for(source: Source, ctx: Context, client: Any = None, **options: Any) -> Any:
    """Construct the registered source class for ``source`` (``adapter`` option or its kind)."""
    from ..registry import get_registry

    adapter = options.pop("adapter", None) or DEFAULT_ADAPTER.get(source.kind)
    if adapter is None:
        raise NotConfigured(f"source {source.id}: a {source.kind} source needs an adapter "
                            "(ucdp-csv, ucdp-api, gdelt or acled-csv)")
    cls = get_registry().get("source", adapter)
    return cls(source, ctx, client, **options)


def items_for_sources(sources: Iterable[Source], ctx: Context, client: Any = None) -> Iterator[Item]:
    """Items from every source in turn. Per-source options come from ``ctx.options["source_options"]``
    (``{source_id: {option: value}}``, as the registry file gives them)."""
    from .health import record_failure

    all_options = ctx.options.get("source_options")
    if all_options is None:  # options of the registry file in use
        from .registry import load_entries, source_options

        try:
            all_options = source_options(load_entries(ctx.settings))
        except InputError:
            all_options = {}
    for source in sources:
        options = dict(all_options.get(source.id, {}))
        try:
            yield from source_for(source, ctx, client, **options).items()
        except NotConfigured as exc:
            log.warning("%s", exc)
        except (FetchError, InputError) as exc:
            log.warning("source %s failed: %s", source.id, exc)
            record_failure(ctx.store, source.id, str(exc))
