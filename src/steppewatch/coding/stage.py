"""Pipeline stage ``code.rules.v1``: code each document into sentence-level mentions."""

from __future__ import annotations

import logging
from typing import Any

from ..errors import Rejected
from ..pipeline import Item
from .coder import RuleCoder

log = logging.getLogger(__name__)


class CodingStage:
    name = "code.rules.v1"
    requires: tuple[str, ...] = ("document",)
    assigns: tuple[str, ...] = ("mentions",)

    def __init__(self, coder: RuleCoder) -> None:
        self.coder = coder
        self.counts: dict[str, int] = {"mentions": 0, "uncoded_language": 0}

    def process(self, batch: list[Item]) -> list[Item]:
        return [self._one(item) for item in batch]

    def _one(self, item: Item) -> Item:
        if item.skip or item.document is None:
            return item
        try:
            result = self.coder.code(item.document)
        except Exception as exc:  # one unreadable document is one rejection, not a failed run
            raise Rejected(f"coding failed: {type(exc).__name__}: {exc}", key=item.key) from exc
        if not result.coded:
            self.counts["uncoded_language"] += 1
        mentions = tuple(cm.mention for cm in result.mentions)
        self.counts["mentions"] += len(mentions)
        return item.replace(mentions=mentions)


def create(ctx: Any) -> CodingStage:
    """Stage factory; ``ctx.options["ucdp_actors"]`` seeds the registry from a UCDP actor CSV."""
    from .output import default_coder

    options = getattr(ctx, "options", {}) or {}
    return CodingStage(default_coder(options.get("ucdp_actors"), geoparse=options.get("geoparse", True)))
