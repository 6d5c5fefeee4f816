"""Local files and folders -> items: JSONL, CSV, HTML and plain text.

JSONL and CSV rows carry ``{id?, url?, title?, text, language?, published_at?, source?,
marking?}``; other columns are ignored. Each row's ``source`` wins over the ``source_id``
passed in, which wins over :data:`DEFAULT_SOURCE`. A file over ``max_file_bytes``, of an
unknown type or a CSV without a ``text`` column raises :class:`InputError`; a bad row becomes
an item carrying ``_error``, which ``ingest.extract.v1`` records as a rejection.
Files are read as streams, so memory does not grow with the file.
"""

from __future__ import annotations

import csv
import io
import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ..errors import InputError
from ..models import Source
from ..pipeline import Context, Item
from ..settings import Settings, load_settings
from .decode import decode_bytes, escaped_bytes
from .html import declared_charset

DEFAULT_SOURCE = "local-files"
ROW_FIELDS = ("id", "url", "title", "text", "language", "published_at", "source", "marking")
SUFFIXES = {".jsonl": "jsonl", ".ndjson": "jsonl", ".csv": "csv", ".html": "html", ".htm": "html",
            ".txt": "text", ".text": "text", ".md": "text"}


def iter_file_items(path: Path, *, source_id: str | None, settings: Settings) -> Iterator[Item]:
    """Items from one file or every supported file under a folder (sorted, hidden files skipped)."""
    path = Path(path)
    if path.is_dir():
        files = sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in SUFFIXES
                       and not any(part.startswith(".") for part in p.relative_to(path).parts))
        for f in files:
            yield from _one_file(f, source_id, settings)
    elif path.is_file():
        yield from _one_file(path, source_id, settings)
    else:
        raise InputError("no such file or folder", input=str(path))


def _one_file(path: Path, source_id: str | None, settings: Settings) -> Iterator[Item]:
    kind = SUFFIXES.get(path.suffix.lower())
    if kind is None:
        known = ", ".join(sorted(SUFFIXES))
        raise InputError(f"unsupported file type {path.suffix or '(none)'}; use one of {known}", input=str(path))
    size = path.stat().st_size
    limit = int(settings.max_file_bytes)
    if size > limit:
        raise InputError(f"file is {size:,} bytes, over max_file_bytes ({limit:,}); split it or raise the "
                         "setting", input=str(path))
    reader = {"jsonl": _jsonl, "csv": _csv, "html": _html, "text": _text}[kind]
    yield from reader(path, source_id or DEFAULT_SOURCE, settings)


def _row_item(key: str, row: dict[str, Any], default_source: str) -> Item:
    payload = {k: row[k] for k in ROW_FIELDS if row.get(k) not in (None, "")}
    source = payload.pop("source", None)
    return Item(key=key, source_id=str(source or default_source), payload=payload)


def _error_item(key: str, source_id: str, message: str) -> Item:
    return Item(key=key, source_id=source_id, payload={"_error": message})


def _jsonl(path: Path, source_id: str, settings: Settings) -> Iterator[Item]:
    with path.open("rb") as fh:
        for lineno, raw in enumerate(fh, 1):
            if lineno == 1 and raw.startswith(b"\xef\xbb\xbf"):
                raw = raw[3:]
            try:
                line, bad = raw.decode("utf-8").strip(), False
            except UnicodeDecodeError:
                line = raw.decode("utf-8", "surrogateescape").strip()
                bad = escaped_bytes(line) > 0
            if not line:
                continue
            key = f"{path}:{lineno}"
            if bad:
                yield _error_item(key, source_id, f"line {lineno} is not valid UTF-8")
                continue
            try:
                row = json.loads(line)
            except json.JSONDecodeError as exc:
                yield _error_item(key, source_id, f"line {lineno} is not valid JSON: {exc.msg} "
                                                  f"at column {exc.colno}")
                continue
            if not isinstance(row, dict):
                yield _error_item(key, source_id, f"line {lineno} is a JSON {type(row).__name__}, "
                                                  "not an object")
                continue
            yield _row_item(key, row, source_id)


def _csv(path: Path, source_id: str, settings: Settings) -> Iterator[Item]:
    csv.field_size_limit(min(sys.maxsize, int(settings.max_file_bytes)))
    with path.open("rb") as raw:
        head = raw.read(3)
        if head != b"\xef\xbb\xbf":
            raw.seek(0)
        text = io.TextIOWrapper(raw, encoding="utf-8", errors="surrogateescape", newline="")
        reader = csv.reader(text)
        try:
            header = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            raise InputError(f"unreadable CSV header: {exc}", input=str(path)) from None
        columns = [c.strip().lower() for c in header]
        if "text" not in columns and "url" not in columns:
            raise InputError(
                f"CSV has no 'text' (or 'url') column; found {', '.join(columns) or 'none'}; "
                f"expected some of {', '.join(ROW_FIELDS)}",
                input=str(path),
            )
        while True:
            try:
                cells = next(reader)
            except StopIteration:
                return
            except csv.Error as exc:
                raise InputError(f"CSV broken at line {reader.line_num}: {exc}", input=str(path)) from None
            key = f"{path}:{reader.line_num}"
            if not any(c.strip() for c in cells):
                continue
            if len(cells) != len(columns):
                yield _error_item(key, source_id, f"row at line {reader.line_num} has {len(cells)} "
                                                  f"fields, the header has {len(columns)}")
                continue
            if any(escaped_bytes(c) for c in cells):
                yield _error_item(key, source_id, f"row at line {reader.line_num} is not valid UTF-8")
                continue
            yield _row_item(key, dict(zip(columns, cells, strict=True)), source_id)


def _html(path: Path, source_id: str, settings: Settings) -> Iterator[Item]:
    data = path.read_bytes()
    html = decode_bytes(data, name=str(path), declared=declared_charset(data))
    yield Item(key=str(path), source_id=source_id, payload={"html": html, "path": str(path)})


def _text(path: Path, source_id: str, settings: Settings) -> Iterator[Item]:
    text = decode_bytes(path.read_bytes(), name=str(path))
    first = text.strip().split("\n", 1)[0].strip()
    payload: dict[str, Any] = {"text": text, "path": str(path)}
    if first and len(first) <= 200:
        payload["title"] = first
    yield Item(key=str(path), source_id=source_id, payload=payload)


class FileSource:
    """A registered source of kind ``file``: its ``feeds`` (or the ``path`` option) are local paths."""

    def __init__(self, source: Source, ctx: Context, client: Any = None, **options: Any) -> None:
        self.source = source
        self.ctx = ctx
        paths = options.get("path") or options.get("paths") or list(source.feeds)
        self.paths = [Path(p) for p in ([paths] if isinstance(paths, str | Path) else paths)]
        if not self.paths:
            raise InputError("a file source needs a path (feeds = [\"PATH\"] or path = \"PATH\")",
                             input=source.id)

    def items(self) -> Iterator[Item]:
        settings = self.ctx.settings or load_settings()
        for p in self.paths:
            yield from iter_file_items(p, source_id=self.source.id, settings=settings)
