"""Pipeline stage ``code.rules.v1``: code each document into sentence-level mentions."""

from __future__ import annotations

import logging
from typing import Any

from ..errors import Rejected
from ..models import Document, Mention
from ..pipeline import Item
from .coder import RuleCoder
from .parallel import default_workers, map_coder

log = logging.getLogger(__name__)


class CodingStage:
    name = "code.rules.v1"
    requires: tuple[str, ...] = ("document",)
    assigns: tuple[str, ...] = ("mentions",)

    def __init__(self, coder: RuleCoder, workers: int = 1) -> None:
        self.coder = coder
        self.workers = workers
        self.counts: dict[str, int] = {"mentions": 0, "uncoded_language": 0}

    def process(self, batch: list[Item]) -> list[Item]:
        # Stored documents, near-copies of a coded original, and dataset rows that bring their own
        # events (UCDP, ACLED, GDELT) are not coded: coding them would count their events twice.
        todo = [i for i, item in enumerate(batch) if not item.skip and item.document is not None
                and item.document.duplicate_of is None and not item.payload.get("events_given")]
        coded = list(map_coder(_code_document, [batch[i].document for i in todo], self.coder, self.workers))
        for i, (_, _, error) in zip(todo, coded, strict=True):
            if error is not None:  # the runner retries the batch item by item and records this one
                raise Rejected(f"coding failed: {error}", key=batch[i].key)
        out = list(batch)
        for i, (mentions, was_coded, _) in zip(todo, coded, strict=True):
            if not was_coded:
                self.counts["uncoded_language"] += 1
            self.counts["mentions"] += len(mentions)
            out[i] = batch[i].replace(mentions=mentions)
        return out


def _code_document(coder: RuleCoder, doc: Document) -> tuple[tuple[Mention, ...], bool, str | None]:
    try:
        result = coder.code(doc)
    except Exception as exc:
        return (), False, f"{type(exc).__name__}: {exc}"
    return tuple(cm.mention for cm in result.mentions), result.coded, None


def create(ctx: Any) -> CodingStage:
    """Stage factory; ``ctx.options["ucdp_actors"]`` seeds the registry from a UCDP actor CSV;
    ``ctx.options["workers"]`` sets the processes for large batches (default: one per core)."""
    from .output import default_coder

    options = getattr(ctx, "options", {}) or {}
    workers = int(options.get("workers") or default_workers())
    return CodingStage(default_coder(options.get("ucdp_actors"), geoparse=options.get("geoparse", True)), workers)
