"""Frozen records that flow through the pipeline and into the store.

All validation lives in :func:`_check` so each rule is written once. Records convert to and
from plain dicts (``to_dict`` / ``from_dict``) for JSON columns, exports and the API.
"""

from __future__ import annotations

import dataclasses
import hashlib
import uuid
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any, TypeVar

from .errors import RecordError
from .vocab import (
    ACTOR_ROLES,
    CATEGORY_KEYS,
    DATE_PRECISIONS,
    SOURCE_KINDS,
    STATE_AFFILIATION,
    Tlp,
)

#: Namespace for every deterministic steppewatch id (uuid5).
NAMESPACE = uuid.UUID("6f1c3a52-4e0b-5d8e-9a57-2b7d1c0e9f31")

T = TypeVar("T")


def stable_id(*parts: str) -> str:
    """A deterministic uuid5 over the joined parts: the same input always gives the same id."""
    return str(uuid.uuid5(NAMESPACE, "\x1f".join(parts)))


def content_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def utcnow() -> datetime:
    return datetime.now(UTC).replace(microsecond=0)


class _Record:
    """Shared behaviour: validation hook, dict conversion, functional update."""

    def __post_init__(self) -> None:
        _check(self)

    def to_dict(self) -> dict[str, Any]:
        return {f.name: _plain(getattr(self, f.name)) for f in dataclasses.fields(self)}  # type: ignore[arg-type]

    def replace(self: T, **changes: Any) -> T:
        return dataclasses.replace(self, **changes)  # type: ignore[type-var]

    @classmethod
    def from_dict(cls: type[T], data: dict[str, Any]) -> T:
        return _build(cls, data)


# --- small value records ----------------------------------------------------------------


@dataclass(frozen=True)
class Evidence(_Record):
    """Where a coded field came from: character offsets into the document text."""

    start: int
    end: int
    text: str = ""


@dataclass(frozen=True)
class DateRef(_Record):
    """A date as written, as resolved, its precision, and how it was resolved."""

    raw: str | None
    value: date | None
    precision: str = "day"  # one of vocab.DATE_PRECISIONS
    basis: str = "stated"  # stated | publication | relative:<expr> | dataset


@dataclass(frozen=True)
class Range(_Record):
    """A count given as low / best / high (fatalities, injured, arrested)."""

    low: int = 0
    best: int = 0
    high: int = 0
    raw: str | None = None

    @classmethod
    def exact(cls, n: int, raw: str | None = None) -> Range:
        return cls(n, n, n, raw)


@dataclass(frozen=True)
class Quantity(_Record):
    """A measured amount, e.g. 120 kg of heroin."""

    amount: float
    unit: str
    substance: str | None = None
    raw: str | None = None


@dataclass(frozen=True)
class Place(_Record):
    """A resolved (or unresolved) location with precision in ACLED and UCDP codes."""

    name: str
    country: str | None = None  # ISO 3166-1 alpha-2
    geonameid: int | None = None
    admin1_iso: str | None = None  # ISO 3166-2, e.g. KG-B
    admin1_name: str | None = None
    admin2: str | None = None
    lat: float | None = None
    lon: float | None = None
    precision_acled: int = 3
    precision_ucdp: int = 6
    feature_code: str | None = None
    text: str | None = None  # surface form in the document
    start: int | None = None
    end: int | None = None
    confidence: int = 0
    reason: str | None = None  # why unresolved, when geonameid and lat are missing

    @property
    def is_exact(self) -> bool:
        """True when the point may be drawn as a point (town-level or better)."""
        return self.lat is not None and self.precision_ucdp <= 2


@dataclass(frozen=True)
class ActorRef(_Record):
    """An actor as it takes part in one mention."""

    name: str
    role: str = "other"  # vocab.ACTOR_ROLES
    actor_id: str | None = None
    sector: str | None = None  # PLOVER actor type
    country: str | None = None
    text: str | None = None
    start: int | None = None
    end: int | None = None


# --- main records ------------------------------------------------------------------------


@dataclass(frozen=True)
class Source(_Record):
    id: str
    name: str
    kind: str  # vocab.SOURCE_KINDS
    homepage: str | None = None
    feeds: tuple[str, ...] = ()
    languages: tuple[str, ...] = ()
    country: str | None = None  # country of origin, ISO alpha-2
    ownership: str | None = None
    state_affiliation: str = "unknown"  # vocab.STATE_AFFILIATION
    affiliation_note: str | None = None  # public justification for the affiliation
    marking: Tlp = Tlp.CLEAR  # default marking of its documents


@dataclass(frozen=True)
class Document(_Record):
    id: str
    source_id: str
    text: str
    url: str | None = None
    title: str | None = None
    language: str | None = None
    published_at: datetime | None = None
    published_precision: str = "day"
    fetched_at: datetime | None = None
    raw: str | None = None  # original content kept for re-extraction
    extraction_method: str | None = None
    extraction_version: str | None = None
    marking: Tlp = Tlp.CLEAR
    duplicate_of: str | None = None  # id of the document this one copies
    run_id: str | None = None

    @staticmethod
    def make_id(url: str | None, text: str) -> str:
        """uuid5 of the canonical URL, else of the content hash."""
        if url:
            return stable_id("url", canonical_url(url))
        return stable_id("sha256", content_hash(text))

    @property
    def content_hash(self) -> str:
        return content_hash(self.text)


@dataclass(frozen=True)
class Mention(_Record):
    """One coded event candidate found in one document."""

    id: str
    document_id: str
    category: str
    coder: str
    coder_version: str
    categories: tuple[tuple[str, int], ...] = ()  # (key, confidence) secondary labels included
    subtype: str | None = None
    actors: tuple[ActorRef, ...] = ()
    place: Place | None = None
    date: DateRef | None = None
    fatalities: Range = field(default_factory=Range)
    injured: Range = field(default_factory=Range)
    arrested: Range = field(default_factory=Range)
    quantities: tuple[Quantity, ...] = ()
    negated: bool = False
    hypothetical: bool = False
    claimed_by: str | None = None
    evidence: Evidence | None = None
    field_evidence: tuple[tuple[str, Evidence], ...] = ()  # per coded field: ("date", Evidence(...))
    country: str | None = None  # ISO alpha-2 where it happened, also when no place is resolved
    confidence: int = 50
    event_id: str | None = None


@dataclass(frozen=True)
class Event(_Record):
    """A deduplicated real-world event with the mentions that report it."""

    id: str
    category: str
    date: DateRef
    subtype: str | None = None
    categories: tuple[tuple[str, int], ...] = ()
    country: str | None = None
    place: Place | None = None
    actors: tuple[ActorRef, ...] = ()
    fatalities: Range = field(default_factory=Range)
    injured: Range = field(default_factory=Range)
    arrested: Range = field(default_factory=Range)
    quantities: tuple[Quantity, ...] = ()
    mention_ids: tuple[str, ...] = ()
    source_ids: tuple[str, ...] = ()
    first_seen: datetime | None = None
    last_seen: datetime | None = None
    confidence: int = 50
    marking: Tlp = Tlp.CLEAR
    origin: str = "coded"  # coded | ucdp | acled | gdelt
    origin_ref: str | None = None  # the dataset's own id
    summary: str | None = None

    @property
    def n_sources(self) -> int:
        return len(set(self.source_ids))


@dataclass(frozen=True)
class Actor(_Record):
    """An entry of the actor registry."""

    id: str
    name: str
    sector: str | None = None
    country: str | None = None
    aliases: tuple[str, ...] = ()
    wikidata: str | None = None
    ucdp_id: int | None = None
    parent: str | None = None
    #: ISO date from which an armed group is the de facto government (the Taliban from
    #: 2021-08-15): reports from then on code it as the state, not as militants.
    governs_since: str | None = None


@dataclass(frozen=True)
class Alert(_Record):
    id: str
    rule: str
    title: str
    created_at: datetime
    country: str | None = None
    admin1: str | None = None
    category: str | None = None
    tracker: str | None = None
    level: str | None = None
    value: float | None = None
    baseline: float | None = None
    period_start: date | None = None
    period_end: date | None = None
    event_ids: tuple[str, ...] = ()
    marking: Tlp = Tlp.CLEAR


@dataclass(frozen=True)
class Rejection(_Record):
    run_id: str | None
    stage: str
    key: str
    reason: str
    detail: str | None = None
    at: datetime = field(default_factory=utcnow)


@dataclass(frozen=True)
class Run(_Record):
    id: str
    started_at: datetime
    finished_at: datetime | None = None
    status: str = "running"  # running | done | failed
    counts: tuple[tuple[str, int], ...] = ()  # (stage:counter, n)
    note: str | None = None


# --- validation, in one place ------------------------------------------------------------


def _check(rec: Any) -> None:
    name = type(rec).__name__

    def fail(field_name: str, message: str, value: Any = None) -> None:
        raise RecordError(name, field_name, message, value)

    def need(field_name: str) -> None:
        if not getattr(rec, field_name):
            fail(field_name, "is required")

    def conf(field_name: str) -> None:
        v = getattr(rec, field_name)
        if not isinstance(v, int) or not 0 <= v <= 100:
            fail(field_name, "must be an integer from 0 to 100", v)

    for f in dataclasses.fields(rec):
        if f.name == "marking":
            try:
                object.__setattr__(rec, "marking", Tlp.parse(rec.marking))
            except ValueError as exc:
                fail("marking", str(exc))

    if isinstance(rec, Evidence):
        if rec.start < 0 or rec.end < rec.start:
            fail("end", "evidence offsets must satisfy 0 <= start <= end", (rec.start, rec.end))
    elif isinstance(rec, DateRef):
        if rec.precision not in DATE_PRECISIONS:
            fail("precision", f"must be one of {', '.join(DATE_PRECISIONS)}", rec.precision)
    elif isinstance(rec, Range):
        if min(rec.low, rec.best, rec.high) < 0:
            fail("low", "counts cannot be negative", (rec.low, rec.best, rec.high))
        if not rec.low <= rec.best <= rec.high:
            fail("best", "must satisfy low <= best <= high", (rec.low, rec.best, rec.high))
    elif isinstance(rec, Quantity):
        if rec.amount < 0:
            fail("amount", "cannot be negative", rec.amount)
        need("unit")
    elif isinstance(rec, Place):
        need("name")
        if rec.country is not None and (len(rec.country) != 2 or not rec.country.isupper()):
            fail("country", "must be an ISO 3166-1 alpha-2 code such as KG", rec.country)
        if rec.precision_acled not in (1, 2, 3):
            fail("precision_acled", "must be 1, 2 or 3", rec.precision_acled)
        if rec.precision_ucdp not in range(1, 8):
            fail("precision_ucdp", "must be from 1 to 7", rec.precision_ucdp)
        if (rec.lat is None) != (rec.lon is None):
            fail("lat", "lat and lon must be given together")
        if rec.lat is not None and not (-90 <= rec.lat <= 90 and -180 <= rec.lon <= 180):  # type: ignore[operator]
            fail("lat", "coordinates out of range", (rec.lat, rec.lon))
        if rec.lat is None and rec.geonameid is None and rec.precision_ucdp < 6 and not rec.reason:
            fail("reason", "an unplaced location needs a reason or country precision")
        conf("confidence")
    elif isinstance(rec, ActorRef):
        need("name")
        if rec.role not in ACTOR_ROLES:
            fail("role", f"must be one of {', '.join(ACTOR_ROLES)}", rec.role)
    elif isinstance(rec, Source):
        need("id")
        need("name")
        if rec.kind not in SOURCE_KINDS:
            fail("kind", f"must be one of {', '.join(SOURCE_KINDS)}", rec.kind)
        if rec.state_affiliation not in STATE_AFFILIATION:
            fail("state_affiliation", f"must be one of {', '.join(STATE_AFFILIATION)}", rec.state_affiliation)
        if rec.state_affiliation in ("state", "state-aligned") and not rec.affiliation_note:
            fail("affiliation_note", "a state affiliation needs a public justification")
    elif isinstance(rec, Document):
        need("id")
        need("source_id")
        if not isinstance(rec.text, str):
            fail("text", "must be a string")
        if rec.published_at is not None and rec.published_at.tzinfo is None:
            fail("published_at", "must be timezone-aware", rec.published_at)
        if rec.published_precision not in DATE_PRECISIONS:
            fail("published_precision", f"must be one of {', '.join(DATE_PRECISIONS)}")
    elif isinstance(rec, (Mention, Event)):
        need("id")
        if rec.category not in CATEGORY_KEYS:
            fail("category", f"must be one of {', '.join(CATEGORY_KEYS)}", rec.category)
        for key, c in rec.categories:
            if key not in CATEGORY_KEYS or not 0 <= c <= 100:
                fail("categories", "each entry must be (category key, confidence 0-100)", (key, c))
        conf("confidence")
        if isinstance(rec, Mention):
            need("document_id")
            need("coder")
            need("coder_version")
    elif isinstance(rec, Run):
        if rec.status not in ("running", "done", "failed"):
            fail("status", "must be running, done or failed", rec.status)


# --- dict conversion ---------------------------------------------------------------------


def _plain(value: Any) -> Any:
    if isinstance(value, _Record):
        return value.to_dict()
    if isinstance(value, Tlp):
        return value.value
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, tuple | list):
        return [_plain(v) for v in value]
    return value


_NESTED: dict[str, type] = {
    "evidence": Evidence,
    "date": DateRef,
    "fatalities": Range,
    "injured": Range,
    "arrested": Range,
    "place": Place,
}
_NESTED_SEQ: dict[str, type] = {"actors": ActorRef, "quantities": Quantity}
_DATETIMES = {"published_at", "fetched_at", "first_seen", "last_seen", "created_at", "started_at", "finished_at", "at"}
_DATES = {"value", "period_start", "period_end"}


def _build(cls: type[T], data: dict[str, Any]) -> T:
    names = {f.name: f for f in dataclasses.fields(cls)}  # type: ignore[arg-type]
    kwargs: dict[str, Any] = {}
    for key, value in data.items():
        if key not in names:
            continue
        if value is not None:
            if key in _NESTED and isinstance(value, dict):
                value = _build(_NESTED[key], value)
            elif key in _NESTED_SEQ:
                value = tuple(_build(_NESTED_SEQ[key], v) if isinstance(v, dict) else v for v in value)
            elif key in _DATETIMES and isinstance(value, str):
                value = datetime.fromisoformat(value)
            elif key in _DATES and isinstance(value, str):
                value = date.fromisoformat(value[:10])
            elif key in ("categories", "counts"):
                value = tuple(tuple(v) for v in value)
            elif key == "field_evidence":
                value = tuple((k, _build(Evidence, v) if isinstance(v, dict) else v) for k, v in value)
            elif isinstance(value, list):
                value = tuple(value)
        kwargs[key] = value
    return cls(**kwargs)


# --- URLs --------------------------------------------------------------------------------

_TRACKING = ("utm_", "fbclid", "gclid", "yclid", "mc_cid", "mc_eid", "ref", "rss")


def canonical_url(url: str) -> str:
    """Lower-case scheme and host, drop fragments, default ports and tracking parameters."""
    from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

    parts = urlsplit(url.strip())
    scheme = (parts.scheme or "http").lower()
    host = (parts.hostname or "").lower()
    if host.startswith("www."):
        host = host[4:]
    port = parts.port
    netloc = host if port in (None, 80, 443) else f"{host}:{port}"
    query = [
        (k, v)
        for k, v in parse_qsl(parts.query, keep_blank_values=True)
        if not any(k.lower() == t or k.lower().startswith(t) for t in _TRACKING)
    ]
    path = parts.path or "/"
    if len(path) > 1 and path.endswith("/"):
        path = path[:-1]
    return urlunsplit((scheme if scheme != "http" else "https", netloc, path, urlencode(sorted(query)), ""))
