"""Bytes to text without guessing silently.

UTF-8 (with or without BOM) is read as is. Bytes that are not UTF-8 are read in the charset
the input declares, else the one charset-normalizer finds. A file that mixes valid UTF-8 with
invalid bytes is refused: any single-byte reading would garble its UTF-8 part.
"""

from __future__ import annotations

import re

from ..errors import InputError

_ESCAPED = re.compile(r"[\udc80-\udcff]")


def decode_bytes(data: bytes, *, name: str, declared: str | None = None) -> str:
    """Decode ``data`` (from the input called ``name``) or raise :class:`InputError`."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        first_bad = exc.start
    text = data.decode("utf-8", "surrogateescape")
    bad = len(_ESCAPED.findall(text))
    if any(ord(c) > 127 and not 0xDC80 <= ord(c) <= 0xDCFF for c in text):
        raise InputError(
            f"mixed encodings: valid UTF-8 text with {bad} invalid byte(s), the first at offset "
            f"{first_bad}; convert the file to UTF-8",
            input=name,
        )
    for charset in (declared, _guess(data)):
        if not charset or charset.replace("-", "").lower() == "utf8":
            continue
        try:
            return data.decode(charset)
        except (LookupError, UnicodeDecodeError):
            continue
    raise InputError(
        f"not valid UTF-8 (first bad byte at offset {first_bad}) and no other encoding fits; "
        "convert the file to UTF-8",
        input=name,
    )


def escaped_bytes(text: str) -> int:
    """How many undecodable bytes a ``surrogateescape``-decoded string carries."""
    return len(_ESCAPED.findall(text))


def _guess(data: bytes) -> str | None:
    try:
        from charset_normalizer import from_bytes
    except ImportError:  # pragma: no cover - installed with trafilatura
        return None
    best = from_bytes(data[:200_000]).best()
    return best.encoding if best is not None else None
