"""The Store: one interface, implemented once over portable SQL.

Backends (:mod:`.sqlite`, :mod:`.postgres`) supply a connection, a dialect name and the
few statements that differ (full-text search). Everything else is written here once, with
``?`` placeholders that the PostgreSQL backend rewrites.
"""

from __future__ import annotations

import json
import threading
import uuid
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any

from ..errors import MigrationError, StoreError
from ..models import Document, Event, Mention, Rejection, Run, Source, utcnow
from ..vocab import Tlp
from .migrations import discover

_CHUNK = 500  # ids per IN (...) clause


@dataclass(frozen=True)
class EventFilter:
    """Filters over stored events; every field is optional."""

    country: str | None = None
    admin1: str | None = None
    category: str | None = None
    actor: str | None = None
    since: date | None = None
    until: date | None = None
    text: str | None = None  # full-text over the events' documents
    bbox: tuple[float, float, float, float] | None = None  # min_lon, min_lat, max_lon, max_lat
    min_confidence: int | None = None
    marking: str | None = None
    max_marking: Tlp = Tlp.RED
    origin: str | None = None
    ids: tuple[str, ...] = field(default_factory=tuple)


class Store:
    """Shared behaviour of every backend. Not instantiated directly: use :func:`open_store`."""

    dialect = "abstract"

    def __init__(self, url: str) -> None:
        self.url = url
        self._lock = threading.RLock()
        self._depth = 0

    # --- backend hooks -------------------------------------------------------------------
    def _cursor(self) -> Any:
        raise NotImplementedError

    def _sql(self, sql: str) -> str:
        return sql

    def _begin(self) -> None:
        self._cursor().execute("BEGIN")

    def _commit(self) -> None:
        self._cursor().execute("COMMIT")

    def _rollback(self) -> None:
        self._cursor().execute("ROLLBACK")

    def close(self) -> None:
        raise NotImplementedError

    def _fts_ids(self, query: str, limit: int) -> list[str]:
        raise NotImplementedError

    def _lock_schema(self) -> None:
        """Serialise schema changes between processes, inside the current transaction."""

    # --- generic SQL ---------------------------------------------------------------------
    def execute(self, sql: str, params: Sequence[Any] = ()) -> int:
        with self._lock, self._wrap(sql):
            cur = self._cursor()
            cur.execute(self._sql(sql), tuple(params))
            return cur.rowcount

    def executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> None:
        rows = [tuple(r) for r in rows]
        if not rows:
            return
        with self._lock, self._wrap(sql):
            self._cursor().executemany(self._sql(sql), rows)

    def in_values(self, column: str, values: Sequence[Any]) -> tuple[str, list[Any]]:
        """``column IN (values)`` as SQL and its parameters, for lists of any length in one statement
        (a JSON array on SQLite, an array parameter on PostgreSQL)."""
        return f"{column} IN ({', '.join('?' * len(values)) or 'NULL'})", list(values)

    def insert_many(self, table: str, columns: Sequence[str], rows: Iterable[Sequence[Any]]) -> None:
        """Bulk insert of plain rows (no conflict handling): ``executemany`` here, ``COPY`` on PostgreSQL."""
        marks = ", ".join("?" * len(columns))
        self.executemany(f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})", rows)

    def query(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        with self._lock, self._wrap(sql):
            cur = self._cursor()
            cur.execute(self._sql(sql), tuple(params))
            return [tuple(r) for r in cur.fetchall()]

    @contextmanager
    def _wrap(self, sql: str) -> Iterator[None]:
        try:
            yield
        except StoreError:
            raise
        except Exception as exc:  # driver errors become StoreError with the statement named
            if type(exc).__module__.split(".")[0] in ("sqlite3", "psycopg"):
                head = " ".join(sql.split())[:80]
                raise StoreError(f"database error in `{head}`: {exc}", statement=head) from exc
            raise

    @contextmanager
    def transaction(self) -> Iterator[Store]:
        """All statements inside commit together or not at all. Nested calls join the outer one."""
        with self._lock:
            outer = self._depth == 0
            if outer:
                self._begin()
            self._depth += 1
            try:
                yield self
            except BaseException:
                self._depth -= 1
                if outer:
                    self._rollback()
                raise
            self._depth -= 1
            if outer:
                self._commit()

    # --- schema --------------------------------------------------------------------------
    def migrate(self) -> list[str]:
        """Apply pending migrations in order; returns the names applied now."""
        with self.transaction():
            self._lock_schema()
            self.execute(
                "CREATE TABLE IF NOT EXISTS schema_migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)"
            )
        done = {r[0] for r in self.query("SELECT name FROM schema_migrations")}
        applied = []
        for m in discover():
            if m.name in done:
                continue
            try:
                with self.transaction():
                    self._lock_schema()  # another process may be migrating the same database
                    if self.query("SELECT 1 FROM schema_migrations WHERE name = ?", (m.name,)):
                        continue
                    for statement in m.statements(self.dialect):
                        self.execute(statement)
                    self.execute(
                        "INSERT INTO schema_migrations (name, applied_at) VALUES (?, ?)",
                        (m.name, utcnow().isoformat()),
                    )
            except StoreError as exc:
                raise MigrationError(f"migration {m.name} failed: {exc}", migration=m.name) from exc
            applied.append(m.name)
        return applied

    def schema_version(self) -> list[str]:
        return [r[0] for r in self.query("SELECT name FROM schema_migrations ORDER BY name")]

    # --- sources -------------------------------------------------------------------------
    def put_sources(self, sources: Iterable[Source]) -> None:
        now = utcnow().isoformat()
        self.executemany(
            "INSERT INTO sources (id, name, kind, marking, data, updated_at) VALUES (?, ?, ?, ?, ?, ?) "
            "ON CONFLICT (id) DO UPDATE SET name = excluded.name, kind = excluded.kind, "
            "marking = excluded.marking, data = excluded.data, updated_at = excluded.updated_at",
            [(s.id, s.name, s.kind, s.marking.value, _dump(s.to_dict()), now) for s in sources],
        )

    def get_sources(self) -> list[Source]:
        return [Source.from_dict(json.loads(r[0])) for r in self.query("SELECT data FROM sources ORDER BY id")]

    def get_source(self, source_id: str) -> Source | None:
        rows = self.query("SELECT data FROM sources WHERE id = ?", (source_id,))
        return Source.from_dict(json.loads(rows[0][0])) if rows else None

    # --- documents -----------------------------------------------------------------------
    def known_documents(self, ids: Iterable[str]) -> set[str]:
        ids = list(dict.fromkeys(ids))
        found: set[str] = set()
        for i in range(0, len(ids), _CHUNK):
            chunk = ids[i : i + _CHUNK]
            marks = ",".join("?" * len(chunk))
            found.update(r[0] for r in self.query(f"SELECT id FROM documents WHERE id IN ({marks})", chunk))
        return found

    def put_documents(self, docs: Iterable[Document]) -> int:
        """Insert documents not stored yet; returns how many were new. Idempotent."""
        docs = list({d.id: d for d in docs}.values())
        if not docs:
            return 0
        with self.transaction():
            known = self.known_documents(d.id for d in docs)
            new = [d for d in docs if d.id not in known]
            self.executemany(
                "INSERT INTO documents (id, source_id, url, title, text, language, published_at, "
                "published_precision, fetched_at, content_hash, duplicate_of, marking, marking_rank, "
                "run_id, data, raw) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                "ON CONFLICT (id) DO NOTHING",
                [_doc_row(d) for d in new],
            )
        return len(new)

    def get_document(self, doc_id: str, max_marking: Tlp = Tlp.RED) -> Document | None:
        rows = self.query(
            "SELECT data, text, raw FROM documents WHERE id = ? AND marking_rank <= ?",
            (doc_id, Tlp.parse(max_marking).rank),
        )
        return _doc_from(rows[0]) if rows else None

    def iter_documents(
        self, source_id: str | None = None, max_marking: Tlp = Tlp.RED, batch: int = 1000
    ) -> Iterator[Document]:
        """Documents in id order, read in pages so memory stays flat."""
        last = ""
        while True:
            sql = "SELECT data, text, raw, id FROM documents WHERE id > ? AND marking_rank <= ?"
            params: list[Any] = [last, Tlp.parse(max_marking).rank]
            if source_id:
                sql += " AND source_id = ?"
                params.append(source_id)
            rows = self.query(sql + " ORDER BY id LIMIT ?", [*params, batch])
            if not rows:
                return
            for r in rows:
                yield _doc_from(r)
            last = rows[-1][3]

    def search_documents(self, text: str, limit: int = 20, max_marking: Tlp = Tlp.RED) -> list[Document]:
        """Full-text search (FTS5 on SQLite, tsvector on PostgreSQL), best matches first."""
        ids = self._fts_ids(text, limit * 4)
        docs = [self.get_document(i, max_marking) for i in ids]
        return [d for d in docs if d is not None][:limit]

    def count_documents(self) -> int:
        return int(self.query("SELECT COUNT(*) FROM documents")[0][0])

    def find_by_hash(self, hashes: Iterable[str]) -> dict[str, str]:
        """content_hash -> id of the first stored document with that exact text."""
        hashes = list(dict.fromkeys(hashes))
        out: dict[str, str] = {}
        for i in range(0, len(hashes), _CHUNK):
            chunk = hashes[i : i + _CHUNK]
            marks = ",".join("?" * len(chunk))
            for h, doc_id in self.query(
                f"SELECT content_hash, MIN(id) FROM documents WHERE content_hash IN ({marks}) GROUP BY content_hash",
                chunk,
            ):
                out[h] = doc_id
        return out

    # --- mentions and events -------------------------------------------------------------
    def put_mentions(self, mentions: Iterable[Mention]) -> None:
        self.executemany(
            "INSERT INTO mentions (id, document_id, event_id, category, confidence, coder, coder_version, data) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET event_id = excluded.event_id, "
            "category = excluded.category, confidence = excluded.confidence, coder = excluded.coder, "
            "coder_version = excluded.coder_version, data = excluded.data",
            [
                (m.id, m.document_id, m.event_id, m.category, m.confidence, m.coder, m.coder_version,
                 _dump(m.to_dict()))
                for m in mentions
            ],
        )

    def get_mentions(
        self, *, document_id: str | None = None, event_id: str | None = None, max_marking: Tlp = Tlp.RED
    ) -> list[Mention]:
        """Mentions of a document or an event; below RED, only those whose document is within ``max_marking``."""
        column, value = ("document_id", document_id) if document_id else ("event_id", event_id)
        ceiling = Tlp.parse(max_marking)
        if ceiling is Tlp.RED:
            rows = self.query(f"SELECT data FROM mentions WHERE {column} = ? ORDER BY id", (value,))
        else:
            rows = self.query(
                f"SELECT m.data FROM mentions m JOIN documents d ON d.id = m.document_id "
                f"WHERE m.{column} = ? AND d.marking_rank <= ? ORDER BY m.id", (value, ceiling.rank))
        return [Mention.from_dict(json.loads(r[0])) for r in rows]

    def put_events(self, events: Iterable[Event]) -> None:
        """Insert or replace events (a merge may grow an event with new mentions)."""
        events = list({e.id: e for e in events}.values())
        if not events:
            return
        now = utcnow().isoformat()
        with self.transaction():
            self.executemany(
                "INSERT INTO events (id, category, subtype, country, admin1, admin1_name, place_name, lat, lon, "
                "precision_ucdp, precision_acled, event_date, date_precision, fatalities_low, fatalities_best, "
                "fatalities_high, injured, arrested, n_sources, confidence, marking, marking_rank, origin, "
                "first_seen, last_seen, updated_at, data) VALUES "
                "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                "ON CONFLICT (id) DO UPDATE SET " + ", ".join(f"{c} = excluded.{c}" for c in _EVENT_COLUMNS),
                [_event_row(e, now) for e in events],
            )
            ids = [e.id for e in events]
            for i in range(0, len(ids), _CHUNK):
                chunk = ids[i : i + _CHUNK]
                self.execute(f"DELETE FROM event_actors WHERE event_id IN ({','.join('?' * len(chunk))})", chunk)
            self.executemany(
                "INSERT INTO event_actors (event_id, name, actor_id, role, sector, country) "
                "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
                [(e.id, a.name, a.actor_id, a.role, a.sector, a.country) for e in events for a in e.actors],
            )

    def get_event(self, event_id: str, max_marking: Tlp = Tlp.RED) -> Event | None:
        rows = self.query(
            "SELECT data FROM events WHERE id = ? AND marking_rank <= ?", (event_id, Tlp.parse(max_marking).rank)
        )
        return Event.from_dict(json.loads(rows[0][0])) if rows else None

    def query_events(
        self, flt: EventFilter | None = None, *, limit: int = 100, after: str | None = None
    ) -> list[Event]:
        """Events matching the filter, newest first, ``after`` a cursor from :func:`event_cursor`."""
        where, params = self.event_where(flt or EventFilter())
        if after:
            day, _, eid = after.partition("|")
            where.append("(COALESCE(event_date, '') < ? OR (COALESCE(event_date, '') = ? AND id < ?))")
            params += [day, day, eid]
        sql = "SELECT data FROM events"
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += " ORDER BY COALESCE(event_date, '') DESC, id DESC LIMIT ?"
        return [Event.from_dict(json.loads(r[0])) for r in self.query(sql, [*params, limit])]

    def count_events(self, flt: EventFilter | None = None) -> int:
        where, params = self.event_where(flt or EventFilter())
        sql = "SELECT COUNT(*) FROM events" + (" WHERE " + " AND ".join(where) if where else "")
        return int(self.query(sql, params)[0][0])

    def event_where(self, f: EventFilter) -> tuple[list[str], list[Any]]:
        """SQL conditions and parameters for ``f`` over the ``events`` table (markings included)."""
        where: list[str] = ["marking_rank <= ?"]
        params: list[Any] = [Tlp.parse(f.max_marking).rank]
        for column, value in (("country", f.country), ("admin1", f.admin1), ("category", f.category),
                              ("origin", f.origin)):
            if value:
                where.append(f"{column} = ?")
                params.append(value)
        if f.marking:
            where.append("marking = ?")
            params.append(Tlp.parse(f.marking).value)
        if f.since:
            where.append("event_date >= ?")
            params.append(f.since.isoformat())
        if f.until:
            where.append("event_date <= ?")
            params.append(f.until.isoformat())
        if f.min_confidence is not None:
            where.append("confidence >= ?")
            params.append(f.min_confidence)
        if f.bbox:
            where.append("lon >= ? AND lat >= ? AND lon <= ? AND lat <= ?")
            params += list(f.bbox)
        if f.actor:
            where.append("id IN (SELECT event_id FROM event_actors WHERE LOWER(name) = LOWER(?) OR actor_id = ?)")
            params += [f.actor, f.actor]
        if f.ids:
            where.append(f"id IN ({','.join('?' * len(f.ids))})")
            params += list(f.ids)
        if f.text:
            doc_ids = self._fts_ids(f.text, 5000) or ["-"]
            where.append(
                f"id IN (SELECT event_id FROM mentions WHERE document_id IN ({','.join('?' * len(doc_ids))}))"
            )
            params += doc_ids
        return where, params

    # --- runs, rejections, state ---------------------------------------------------------
    def start_run(self, note: str | None = None) -> Run:
        run = Run(id=str(uuid.uuid4()), started_at=datetime.now(UTC), note=note)
        self.execute(
            "INSERT INTO runs (id, started_at, status, counts, note) VALUES (?, ?, ?, ?, ?)",
            (run.id, run.started_at.isoformat(), run.status, "{}", note),
        )
        return run

    def finish_run(self, run_id: str, status: str, counts: dict[str, int]) -> None:
        self.execute(
            "UPDATE runs SET finished_at = ?, status = ?, counts = ? WHERE id = ?",
            (utcnow().isoformat(), status, _dump(counts), run_id),
        )

    def get_runs(self, limit: int = 20) -> list[Run]:
        rows = self.query(
            "SELECT id, started_at, finished_at, status, counts, note FROM runs ORDER BY started_at DESC LIMIT ?",
            (limit,),
        )
        return [
            Run.from_dict({"id": r[0], "started_at": r[1], "finished_at": r[2], "status": r[3],
                           "counts": sorted(json.loads(r[4]).items()), "note": r[5]})
            for r in rows
        ]

    def add_rejections(self, rejections: Iterable[Rejection]) -> None:
        self.executemany(
            "INSERT INTO rejections (run_id, stage, key, reason, detail, at) VALUES (?, ?, ?, ?, ?, ?)",
            [(r.run_id, r.stage, r.key, r.reason, r.detail, r.at.isoformat()) for r in rejections],
        )

    def get_rejections(self, run_id: str | None = None, limit: int = 1000) -> list[Rejection]:
        sql = "SELECT run_id, stage, key, reason, detail, at FROM rejections"
        params: list[Any] = []
        if run_id:
            sql += " WHERE run_id = ?"
            params.append(run_id)
        rows = self.query(sql + " ORDER BY id LIMIT ?", [*params, limit])
        return [Rejection.from_dict(dict(zip(("run_id", "stage", "key", "reason", "detail", "at"), r, strict=True)))
                for r in rows]

    def get_state(self, key: str) -> str | None:
        rows = self.query("SELECT value FROM state WHERE key = ?", (key,))
        return rows[0][0] if rows else None

    def set_state(self, key: str, value: str) -> None:
        self.execute(
            "INSERT INTO state (key, value, updated_at) VALUES (?, ?, ?) "
            "ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at",
            (key, value, utcnow().isoformat()),
        )

    def stats(self) -> dict[str, Any]:
        """Row counts and breakdowns for `steppewatch db stats` and the demo summary."""
        def count(table: str) -> int:
            return int(self.query(f"SELECT COUNT(*) FROM {table}")[0][0])

        return {
            "backend": self.dialect,
            "schema": self.schema_version()[-1:] or ["none"],
            "sources": count("sources"),
            "documents": count("documents"),
            "duplicates": int(self.query("SELECT COUNT(*) FROM documents WHERE duplicate_of IS NOT NULL")[0][0]),
            "mentions": count("mentions"),
            "events": count("events"),
            "runs": count("runs"),
            "rejections": count("rejections"),
            "events_by_country": dict(self.query(
                "SELECT COALESCE(country, '-'), COUNT(*) FROM events GROUP BY 1 ORDER BY 2 DESC")),
            "events_by_category": dict(self.query(
                "SELECT category, COUNT(*) FROM events GROUP BY 1 ORDER BY 2 DESC")),
        }

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def event_cursor(event: Event) -> str:
    """An opaque pagination cursor pointing just after ``event`` in query order."""
    return f"{event.date.value.isoformat() if event.date.value else ''}|{event.id}"


_EVENT_COLUMNS = (
    "category", "subtype", "country", "admin1", "admin1_name", "place_name", "lat", "lon", "precision_ucdp",
    "precision_acled", "event_date", "date_precision", "fatalities_low", "fatalities_best", "fatalities_high",
    "injured", "arrested", "n_sources", "confidence", "marking", "marking_rank", "origin", "first_seen",
    "last_seen", "updated_at", "data",
)


def _dump(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def _iso(value: Any) -> str | None:
    return value.isoformat() if value is not None else None


def _doc_row(d: Document) -> tuple[Any, ...]:
    meta = {  # the document without its text and raw content (written once per document: kept lean)
        "id": d.id, "source_id": d.source_id, "url": d.url, "title": d.title, "language": d.language,
        "published_at": _iso(d.published_at), "published_precision": d.published_precision,
        "fetched_at": _iso(d.fetched_at), "extraction_method": d.extraction_method,
        "extraction_version": d.extraction_version, "marking": d.marking.value, "duplicate_of": d.duplicate_of,
        "run_id": d.run_id,
    }
    return (
        d.id, d.source_id, d.url, d.title, d.text, d.language, _iso(d.published_at), d.published_precision,
        _iso(d.fetched_at), d.content_hash, d.duplicate_of, d.marking.value, d.marking.rank, d.run_id,
        _dump(meta), d.raw,
    )


def _doc_from(row: Sequence[Any]) -> Document:
    meta = json.loads(row[0])
    meta["text"], meta["raw"] = row[1], row[2]
    return Document.from_dict(meta)


def _event_row(e: Event, now: str) -> tuple[Any, ...]:
    p = e.place
    return (
        e.id, e.category, e.subtype, e.country, p.admin1_iso if p else None, p.admin1_name if p else None,
        p.name if p else None, p.lat if p else None, p.lon if p else None, p.precision_ucdp if p else None,
        p.precision_acled if p else None, _iso(e.date.value), e.date.precision, e.fatalities.low,
        e.fatalities.best, e.fatalities.high, e.injured.best, e.arrested.best, max(1, e.n_sources),
        e.confidence, e.marking.value, e.marking.rank, e.origin, _iso(e.first_seen), _iso(e.last_seen), now,
        _dump(e.to_dict()),
    )
