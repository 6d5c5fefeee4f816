"""/api/v1/documents and /api/v1/sources: the collected texts and where they come from."""

from __future__ import annotations

import json
from typing import Any

from fastapi import APIRouter, Depends, Query, Request

from ..auth.users import User
from ..models import Document
from ..store import Store
from .errors import not_found
from .params import decode_cursor, encode_cursor
from .security import current_user
from .serialize import ceiling, document_meta, event_json, source_health, source_json, visible_sources

router = APIRouter(prefix="/api/v1", tags=["documents and sources"])


def get_store(request: Request) -> Store:
    return request.app.state.store  # type: ignore[no-any-return]


def list_documents(store: Store, user: User, *, source: str | None = None, limit: int = 50,
                   after: str | None = None) -> list[Document]:
    """Documents newest first (by publication time), within the reader's clearance."""
    where = ["marking_rank <= ?"]
    params: list[Any] = [user.max_marking.rank]
    if source:
        where.append("source_id = ?")
        params.append(source)
    if after:
        day, _, doc_id = after.partition("|")
        where.append("(COALESCE(published_at, '') < ? OR (COALESCE(published_at, '') = ? AND id < ?))")
        params += [day, day, doc_id]
    rows = store.query(
        "SELECT data, id, COALESCE(published_at, '') FROM documents WHERE " + " AND ".join(where)
        + " ORDER BY COALESCE(published_at, '') DESC, id DESC LIMIT ?", [*params, limit])
    docs = []
    for data, _doc_id, _published in rows:
        meta = json.loads(data)
        meta["text"], meta["raw"] = "", None
        docs.append(Document.from_dict(meta))
    return docs


def _doc_cursor(d: Document) -> str:
    return f"{d.published_at.isoformat() if d.published_at else ''}|{d.id}"


@router.get("/documents", summary="List or search documents (metadata only)")
def documents(
    request: Request,
    source: str | None = Query(None, description="Only this source id"),
    q: str | None = Query(None, max_length=200, description="Full-text search; best matches first"),
    limit: int = Query(50, ge=1, le=500),
    cursor: str | None = Query(None),
    user: User = Depends(current_user),
) -> dict[str, Any]:
    store = get_store(request)
    sources = visible_sources(store, user)
    if q:
        docs = store.search_documents(q, limit=limit, max_marking=user.max_marking)
        docs = [d for d in docs if not source or d.source_id == source]
        return {"data": [document_meta(d, sources.get(d.source_id)) for d in docs], "next_cursor": None,
                "limit": limit, "marking_ceiling": ceiling(user)}
    docs = list_documents(store, user, source=source, limit=limit + 1, after=decode_cursor(cursor))
    more = len(docs) > limit
    docs = docs[:limit]
    return {"data": [document_meta(d, sources.get(d.source_id)) for d in docs],
            "next_cursor": encode_cursor(_doc_cursor(docs[-1])) if more and docs else None,
            "limit": limit, "marking_ceiling": ceiling(user)}


@router.get("/documents/{doc_id}", summary="One document with its text and the events coded from it")
def document(doc_id: str, request: Request, user: User = Depends(current_user)) -> dict[str, Any]:
    store = get_store(request)
    doc = store.get_document(doc_id, max_marking=user.max_marking)
    if doc is None:
        raise not_found("document", doc_id)
    sources = visible_sources(store, user)
    events = []
    for event_id in dict.fromkeys(m.event_id for m in store.get_mentions(document_id=doc.id) if m.event_id):
        e = store.get_event(event_id, max_marking=user.max_marking)
        if e is not None:
            events.append(event_json(e))
    return {**document_meta(doc, sources.get(doc.source_id)), "text": doc.text, "events": events,
            "marking_ceiling": ceiling(user)}


@router.get("/sources", summary="Registered sources with their health")
def sources(request: Request, user: User = Depends(current_user)) -> dict[str, Any]:
    store = get_store(request)
    health = source_health(store)
    return {"data": [source_json(s, health.get(s.id)) for s in visible_sources(store, user).values()],
            "marking_ceiling": ceiling(user)}


@router.get("/sources/health", summary="Per-source health as the collector last recorded it")
def sources_health(request: Request, user: User = Depends(current_user)) -> dict[str, Any]:
    store = get_store(request)
    health = source_health(store)
    visible = visible_sources(store, user)
    return {"data": {sid: h for sid, h in sorted(health.items()) if sid in visible},
            "marking_ceiling": ceiling(user)}


@router.get("/sources/{source_id}", summary="One source with its health and document count")
def source(source_id: str, request: Request, user: User = Depends(current_user)) -> dict[str, Any]:
    store = get_store(request)
    s = visible_sources(store, user).get(source_id)
    if s is None:
        raise not_found("source", source_id)
    n = store.query("SELECT COUNT(*) FROM documents WHERE source_id = ? AND marking_rank <= ?",
                    (source_id, user.max_marking.rank))[0][0]
    return {**source_json(s, source_health(store).get(source_id)), "documents": int(n),
            "marking_ceiling": ceiling(user)}
