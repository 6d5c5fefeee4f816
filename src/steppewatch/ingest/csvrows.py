"""Reading a dataset's CSV export (UCDP GED, ACLED): size limit, required columns, ragged rows."""

from __future__ import annotations

import csv
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path

from ..errors import InputError
from ..pipeline import Item


def dataset_rows(path: Path, *, source_id: str, max_bytes: int, required: Sequence[str], what: str
                 ) -> Iterator[tuple[str, dict[str, str]] | Item]:
    """``(key, row)`` for each well-formed row; an error :class:`Item` for a row with the wrong
    number of fields. A file over ``max_bytes`` or without a ``required`` column raises
    :class:`InputError` naming the file and saying it is not ``what``."""
    size = path.stat().st_size
    if size > max_bytes:
        raise InputError(f"file is {size:,} bytes, over max_file_bytes ({max_bytes:,})", input=str(path))
    csv.field_size_limit(min(sys.maxsize, max_bytes))
    with path.open("r", encoding="utf-8-sig", errors="replace", newline="") as fh:
        reader = csv.DictReader(fh)
        missing = [c for c in required if c not in (reader.fieldnames or [])]
        if missing:
            raise InputError(f"not {what}: missing column(s) {', '.join(missing)}", input=str(path))
        for row in reader:
            key = f"{path}:{reader.line_num}"
            if None in row or any(v is None for v in row.values()):
                yield Item(key=key, source_id=source_id,
                           payload={"_error": f"row at line {reader.line_num} has the wrong number of fields"})
                continue
            yield key, row
