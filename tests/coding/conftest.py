"""Helpers shared by the sentence-table tests (``cases_*.tsv``)."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

from steppewatch.coding.coder import RuleCoder
from steppewatch.coding.output import document_from_json, event_json, group_mentions


def read_cases(name: str) -> list[dict[str, str]]:
    """Rows of a tab-separated sentence table next to this file."""
    with (Path(__file__).parent / name).open(encoding="utf-8") as fh:
        return list(csv.DictReader(fh, delimiter="\t"))


def case_id(row: dict[str, str]) -> str:
    return f"{row['category']}-{row['lang']}-{row['text'][:28]}"


def asserted_main_event(coder: RuleCoder, row: dict[str, str]) -> dict[str, Any] | None:
    """The first event of ``row``'s sentence that is neither negated nor hypothetical, as
    published on the row's ``published`` day (default 2024-05-06; rows of earlier years, such as
    2019 Afghan headlines with the Taliban as insurgents, carry their own)."""
    day = row.get("published") or "2024-05-06"
    result = coder.code(document_from_json({"id": "t", "text": row["text"], "language": row["lang"],
                                            "published_at": f"{day}T08:00:00+00:00"}))
    asserted = [g for g in group_mentions(result) if not all(m.mention.negated or m.mention.hypothetical for m in g)]
    return event_json(asserted[0]) if asserted else None
