"""JSON views of records for the API and the pages: events, mentions with evidence, documents, sources."""

from __future__ import annotations

import json
import re
from typing import Any

from ..auth.users import User
from ..models import Document, Event, Evidence, Mention, Source
from ..store import Store
from ..vocab import COUNTRY_NAMES, UCDP_WHERE_PREC, Tlp

_SENTENCE_END = re.compile(r"[.!?…]\s|\n")
MAX_SENTENCE = 400  # characters of context each side of the evidence, at most


def event_json(e: Event) -> dict[str, Any]:
    d = e.to_dict()
    p = e.place
    d["marking_label"] = e.marking.label
    d["n_sources"] = e.n_sources
    d["approximate"] = not (p is not None and p.is_exact)
    d["precision_label"] = UCDP_WHERE_PREC.get(p.precision_ucdp) if p else "unknown location"
    d["country_name"] = COUNTRY_NAMES.get(e.country or "", e.country)
    return d


def evidence_sentence(text: str, ev: Evidence | None) -> dict[str, Any] | None:
    """The sentence that holds the evidence, with the evidence's offsets inside it."""
    if ev is None or not text:
        return None
    start, end = ev.start, ev.end
    if not (0 <= start <= end <= len(text)) or (ev.text and text[start:end] != ev.text):
        found = text.find(ev.text) if ev.text else -1  # offsets drifted: fall back to the quoted text
        if found < 0:
            return {"sentence": ev.text, "highlight": [0, len(ev.text)], "start": None, "end": None}
        start, end = found, found + len(ev.text)
    lo = max(0, start - MAX_SENTENCE)
    left = [m.end() for m in _SENTENCE_END.finditer(text, lo, start)]
    s0 = left[-1] if left else lo
    right = _SENTENCE_END.search(text, end, min(len(text), end + MAX_SENTENCE))
    s1 = right.start() + 1 if right else min(len(text), end + MAX_SENTENCE)
    sentence = text[s0:s1]
    strip = len(sentence) - len(sentence.lstrip())
    return {"sentence": sentence.strip(), "highlight": [start - s0 - strip, end - s0 - strip],
            "start": start, "end": end}


def document_meta(d: Document, source: Source | None = None) -> dict[str, Any]:
    return {
        "id": d.id, "source_id": d.source_id, "source_name": source.name if source else d.source_id,
        "url": d.url, "title": d.title, "language": d.language,
        "published_at": d.published_at.isoformat() if d.published_at else None,
        "marking": d.marking.value, "marking_label": d.marking.label, "duplicate_of": d.duplicate_of,
    }


def source_json(s: Source, health: dict[str, Any] | None = None) -> dict[str, Any]:
    d = s.to_dict()
    d["marking_label"] = s.marking.label
    d["health"] = health
    return d


def source_health(store: Store) -> dict[str, dict[str, Any]]:
    """Per-source health as the collector records it: state key ``source_health:<id>`` -> JSON."""
    out: dict[str, dict[str, Any]] = {}
    for key, value in store.query("SELECT key, value FROM state WHERE key LIKE ?", ("source_health:%",)):
        try:
            data = json.loads(value)
        except (TypeError, ValueError):
            data = {"raw": value}
        out[str(key).split(":", 1)[1]] = data if isinstance(data, dict) else {"value": data}
    return out


def visible_sources(store: Store, user: User) -> dict[str, Source]:
    return {s.id: s for s in store.get_sources() if user.cleared_for(s.marking)}


def event_detail(store: Store, event: Event, user: User) -> dict[str, Any]:
    """An event with its mentions, evidence sentences, documents and sources, all within clearance."""
    sources = visible_sources(store, user)
    docs: dict[str, Document | None] = {}
    mentions: list[dict[str, Any]] = []
    for m in store.get_mentions(event_id=event.id):
        if m.document_id not in docs:
            docs[m.document_id] = store.get_document(m.document_id, max_marking=user.max_marking)
        doc = docs[m.document_id]
        if doc is None:
            continue  # the document is above the reader's clearance: the mention is withheld
        mentions.append(mention_json(m, doc, sources.get(doc.source_id)))
    documents = [document_meta(d, sources.get(d.source_id)) for d in docs.values() if d is not None]
    used = {d["source_id"] for d in documents} | set(event.source_ids)
    return {
        "event": event_json(event),
        "mentions": mentions,
        "documents": documents,
        "sources": [source_json(sources[s]) for s in sorted(used) if s in sources],
    }


def mention_json(m: Mention, doc: Document, source: Source | None) -> dict[str, Any]:
    d = m.to_dict()
    d["document"] = document_meta(doc, source)
    d["evidence_sentence"] = evidence_sentence(doc.text, m.evidence)
    return d


def ceiling(user: User) -> dict[str, str]:
    return {"max_marking": user.max_marking.value, "label": user.max_marking.label}


def highest(markings: list[Tlp]) -> Tlp:
    return max(markings, key=lambda t: t.rank) if markings else Tlp.CLEAR
