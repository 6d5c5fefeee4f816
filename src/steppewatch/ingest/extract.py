"""``ingest.extract.v1``: payload -> :class:`~steppewatch.models.Document`.

Text comes from the payload's ``text`` or, for pages, from its ``html`` (trafilatura, raw HTML
kept in ``Document.raw``). The id is ``Document.make_id(url, text)`` over the cleaned text, so
the same input always gives the same document. Marking: the row's own, else the source's
default. Items that already carry a document (dataset rows) pass through untouched.
"""

from __future__ import annotations

from collections import Counter
from datetime import UTC, datetime
from typing import Any

from ..errors import Rejected
from ..models import Document, utcnow
from ..pipeline import Context, Item
from ..vocab import Tlp
from .html import extract_html
from .normalize import clean_language, clean_text, clean_title, parse_published

NAME = "ingest.extract.v1"
#: Recorded on documents whose text was given as plain text.
GIVEN = ("given", "1")


class Extractor:
    name = NAME
    requires = ("payload",)
    assigns = ("document",)
    stateless = True  # reads nothing earlier batches write: runs while the previous batch is stored

    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx
        s = ctx.settings
        self.max_chars = int(s.max_text_chars)
        self.max_html = int(s.max_download_bytes)
        self.tolerance = float(s.future_tolerance_hours)
        self._markings: dict[str, Tlp] = {}
        self.counts: Counter[str] = Counter()

    def process(self, batch: list[Item]) -> list[Item]:
        now = datetime.now(UTC)
        methods: Counter[str] = Counter()
        out = [self._one(item, now, methods) for item in batch]
        self.counts.update(methods)  # only once the whole batch went through
        return out

    def _one(self, item: Item, now: datetime, methods: Counter[str]) -> Item:
        if item.skip or item.document is not None:
            return item
        p = item.payload
        if p.get("_error"):
            raise Rejected(str(p["_error"]), key=item.key)
        url = _str(p.get("url"))
        raw = None
        method, version = GIVEN
        title = clean_title(p.get("title"))
        text = p.get("text")
        if text is not None and not isinstance(text, str):
            raise Rejected(f"text must be a string, got {type(text).__name__}", key=item.key)
        if not (text and text.strip()) and isinstance(p.get("html"), str):
            raw = p["html"]
            got = extract_html(raw, url=url, key=item.key, max_chars=self.max_html)
            text, method, version = got.text, got.method, got.version
            title = title or clean_title(got.title)
        text = clean_text(text or "", self.max_chars)
        if not text:
            raise Rejected("empty body: no text after extraction", key=item.key)
        published, precision = parse_published(p.get("published_at"), key=item.key, now=now,
                                               tolerance_hours=self.tolerance)
        try:
            marking = Tlp.parse(p["marking"]) if p.get("marking") else self._marking(item.source_id)
        except ValueError as exc:
            raise Rejected(str(exc), key=item.key) from None
        methods[method] += 1
        doc = Document(
            id=Document.make_id(url, text),
            source_id=item.source_id,
            text=text,
            url=url,
            title=title,
            language=clean_language(p.get("language")),
            published_at=published,
            published_precision=precision,
            fetched_at=_fetched(p.get("fetched_at")),
            raw=raw,
            extraction_method=method,
            extraction_version=version,
            marking=marking,
            run_id=self.ctx.run_id,
        )
        return item.replace(document=doc)

    def _marking(self, source_id: str) -> Tlp:
        if source_id not in self._markings:
            known = self.ctx.options.get("sources", {})
            source = known.get(source_id) if isinstance(known, dict) else None
            if source is None:
                source = self.ctx.store.get_source(source_id)
            self._markings[source_id] = source.marking if source is not None else Tlp.CLEAR
        return self._markings[source_id]


def _str(value: Any) -> str | None:
    return str(value).strip() or None if value not in (None, "") else None


def _fetched(value: Any) -> datetime:
    if isinstance(value, datetime):
        return value if value.tzinfo else value.replace(tzinfo=UTC)
    if isinstance(value, str):
        try:
            parsed = datetime.fromisoformat(value)
            return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)
        except ValueError:
            pass
    return utcnow()


def create(ctx: Context) -> Extractor:
    return Extractor(ctx)
