"""Document-level events for the ``code`` command: mentions grouped per category, main first.

Within one document, mentions of the same category are one event unless they carry different
day-precision dates. The main event is the group with the most evidence: the sum of its
mentions' scores, plus the title's score for that category, with sentences in the lead counting
half again; asserted events rank before negated or hypothetical ones.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from ..errors import InputError
from ..models import Document, Range
from .coder import CodedMention, CodingResult, RuleCoder
from .places import place_json

_LEAD_CHARS = 400


def group_mentions(result: CodingResult) -> list[list[CodedMention]]:
    groups: dict[tuple[str, date | None], list[CodedMention]] = {}
    for cm in result.mentions:
        d = cm.mention.date
        day = d.value if d is not None and d.precision == "day" and d.basis != "publication" else None
        key = (cm.mention.category, day)
        same_cat = [k for k in groups if k[0] == key[0]]
        if day is None and same_cat:
            key = same_cat[0]
        elif day is not None and (cm.mention.category, None) in groups:
            groups[key] = groups.pop((cm.mention.category, None))
        groups.setdefault(key, []).append(cm)

    def rank(group: list[CodedMention]) -> tuple[bool, float]:
        asserted = any(not (g.mention.negated or g.mention.hypothetical) for g in group)
        total = sum(_weight(g) for g in group)
        total += 1.5 * result.title_scores.get(group[0].mention.category, 0.0)
        return asserted, total

    return sorted(groups.values(), key=rank, reverse=True)


def _weight(cm: CodedMention) -> float:
    """A mention's evidence for its event: its score, half again in the lead."""
    return cm.score * (1.5 if cm.sentence[0] < _LEAD_CHARS else 1.0)


def event_json(group: list[CodedMention]) -> dict[str, Any]:
    """One output event from a group of mentions of the same category in one document."""
    asserted = [g for g in group if not (g.mention.negated or g.mention.hypothetical)] or group
    # The lead states the report's event (a later sentence of the same category is often its
    # background: "X, who accused the president of corruption, was shot in Istanbul"), so the head
    # is chosen with the weight the ranking gives the lead.
    head = max(asserted, key=_weight)
    m = head.mention
    dated = next((g for g in asserted if g.mention.date and g.mention.date.basis != "publication"), head)
    date_ref = dated.mention.date or m.date
    actors: dict[str, dict[str, Any]] = {}
    for g in asserted:
        for a in g.mention.actors:
            actors.setdefault(a.actor_id or a.name, a.to_dict())
    evidence: dict[str, Any] = {k: v.to_dict() for k, v in head.field_evidence.items()}
    if dated is not head and "date" in dated.field_evidence:
        evidence["date"] = dated.field_evidence["date"].to_dict()
    counts: dict[str, Range] = {}
    for name in ("fatalities", "injured", "arrested"):
        best = max(asserted, key=lambda g: getattr(g.mention, name).best)
        counts[name] = getattr(best.mention, name)
        if counts[name].best and name in best.field_evidence:
            evidence[name] = best.field_evidence[name].to_dict()
    quantities = [q.to_dict() for g in asserted for q in g.mention.quantities]
    return {
        "category": m.category,
        "categories": [{"key": k, "confidence": c} for k, c in m.categories],
        "subtype": m.subtype,
        "country": head.country,
        "place": place_json(m.place),
        "actors": list(actors.values()),
        "date": date_ref.to_dict() if date_ref else None,
        "fatalities": counts["fatalities"].to_dict(),
        "injured": counts["injured"].to_dict(),
        "arrested": counts["arrested"].to_dict(),
        "quantities": quantities,
        "modes": {"negated": all(g.mention.negated for g in group),
                  "hypothetical": all(g.mention.hypothetical for g in group),
                  "claimed_by": m.claimed_by},
        "evidence": evidence,
        "mentions": [g.mention.id for g in group],
        "confidence": m.confidence,
        "coder": m.coder,
        "coder_version": m.coder_version,
    }


def document_from_json(row: dict[str, Any], where: str = "input") -> Document:
    if not isinstance(row, dict) or "id" not in row or not isinstance(row.get("text"), str):
        raise InputError('each line needs {"id": ..., "text": ...}', input=where)
    published = row.get("published_at")
    when = None
    if published:
        try:
            when = datetime.fromisoformat(str(published).replace("Z", "+00:00"))
        except ValueError:
            raise InputError(f"published_at {published!r} is not an ISO date", input=where) from None
        if when.tzinfo is None:
            when = when.replace(tzinfo=UTC)
    return Document(id=str(row["id"]), source_id=str(row.get("source") or "input"), text=row["text"],
                    title=row.get("title"), language=row.get("language"), published_at=when)


def code_row(coder: RuleCoder, numbered: tuple[int, dict[str, Any]]) -> dict[str, Any]:
    """The output line for input line ``numbered = (line number, row)``."""
    i, row = numbered
    doc = document_from_json(row, f"line {i}")
    result = coder.code(doc)
    out: dict[str, Any] = {"id": doc.id, "language": result.language,
                           "events": [event_json(g) for g in group_mentions(result)]}
    if result.skipped:
        out["skipped"] = result.skipped
    return out


def code_rows(rows: Iterable[dict[str, Any]], coder: RuleCoder, workers: int = 1) -> Iterator[dict[str, Any]]:
    """Output lines in input order; ``workers > 1`` codes large inputs on that many processes."""
    from .parallel import map_coder

    if workers <= 1:
        for numbered in enumerate(rows, 1):
            yield code_row(coder, numbered)
        return
    yield from map_coder(code_row, list(enumerate(rows, 1)), coder, workers)


def read_jsonl(path: str | Path) -> Iterator[dict[str, Any]]:
    p = Path(path)
    if not p.is_file():
        raise InputError("file not found", input=str(p))
    with p.open(encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            if line.strip():
                try:
                    yield json.loads(line)
                except json.JSONDecodeError as exc:
                    raise InputError(f"line {n} is not JSON ({exc.msg})", input=str(p)) from None


def code_file(input_path: str | Path, output_path: str | Path, coder: RuleCoder | None = None,
              workers: int = 1) -> int:
    """Code every line of a JSONL file into OUTPUT (one line per input); returns the count."""
    coder = coder or default_coder()
    n = 0
    with Path(output_path).open("w", encoding="utf-8") as out:
        for row in code_rows(read_jsonl(input_path), coder, workers):
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
            n += 1
    return n


def default_coder(ucdp_actors: str | Path | None = None, geoparse: bool = True) -> RuleCoder:
    from .actors import ActorRegistry, seed_from_ucdp
    from .places import default_geoparser

    registry = ActorRegistry.default()
    if ucdp_actors:
        registry = seed_from_ucdp(registry, ucdp_actors)
    return RuleCoder(registry, default_geoparser() if geoparse else None)
