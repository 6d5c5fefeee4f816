"""Shared cleaning for every source: text, titles, languages and publication dates.

Dates keep their precision: ``2024-05`` is a month, ``2024`` a year, RFC 822 and ISO 8601
timestamps are days (with the time kept). Naive timestamps are read as UTC.
"""

from __future__ import annotations

import re
import time
import unicodedata
from datetime import UTC, date, datetime, timedelta
from email.utils import parsedate_to_datetime
from typing import Any

from ..errors import Rejected

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u200b\ufeff\ufffe\uffff]")
_SURROGATE = re.compile(r"[\ud800-\udfff]")
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
_BLANK_LINES = re.compile(r"\n\s*\n+")
#: characters :func:`clean_text` would change (with the runs in ``_UNCLEAN_RUNS``: clean text is
#: returned as it is)
_UNCLEAN = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\x85\u200b\ufeff\ufffe\uffff\ud800-\udfff\r\t\u00a0\u1680"
                      r"\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]")
_UNCLEAN_RUNS = ("  ", " \n", "\n ", "\n\n\n")
#: characters str.strip() removes that the space pattern does not cover
_LINE_SPACE = ("\x1c", "\x1d", "\x1e", "\x1f", "\x85", "\u2028", "\u2029", "\u1680", "\x0b", "\x0c")
_YEAR = re.compile(r"^(\d{4})$")
_MONTH = re.compile(r"^(\d{4})-(\d{1,2})$")


def clean_text(text: str, max_chars: int | None = None) -> str:
    """NFC-normalise, drop control characters and lone surrogates, collapse runs of spaces.

    Paragraph breaks survive as one blank line; the result is cut to ``max_chars``.
    """
    if (not _UNCLEAN.search(text) and not any(run in text for run in _UNCLEAN_RUNS) and text == text.strip()
            and unicodedata.is_normalized("NFC", text)):
        return text[:max_chars].rstrip() if max_chars is not None and len(text) > max_chars else text
    text = _SURROGATE.sub("", text)
    if not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _CONTROL.sub("", text)
    text = _SPACES.sub(" ", text)  # whole text at once; then trim each line's edges
    if " \n" in text or "\n " in text or any(c in text for c in _LINE_SPACE):
        text = "\n".join(line.strip() for line in text.split("\n"))
    text = _BLANK_LINES.sub("\n\n", text).strip()
    if max_chars is not None and len(text) > max_chars:
        text = text[:max_chars].rstrip()
    return text


def clean_title(title: Any) -> str | None:
    if title is None:
        return None
    cleaned = clean_text(str(title)).replace("\n", " ")
    return cleaned[:1000] or None


def clean_language(value: Any) -> str | None:
    """``"ru-RU"`` -> ``"ru"``; anything that is not a two/three-letter code -> None."""
    if not value:
        return None
    code = str(value).strip().lower().replace("_", "-").split("-")[0]
    return code if code.isascii() and code.isalpha() and 2 <= len(code) <= 3 else None


def parse_published(
    value: Any,
    *,
    key: str,
    now: datetime | None = None,
    tolerance_hours: float = 36,
) -> tuple[datetime | None, str]:
    """Parse a publication date into (aware datetime, precision).

    Raises :class:`Rejected` naming ``key`` when the value cannot be read or lies more than
    ``tolerance_hours`` in the future. An empty value gives ``(None, "unknown")``.
    """
    if value is None or (isinstance(value, str) and not value.strip()):
        return None, "unknown"
    try:
        parsed, precision = _parse(value)
    except (ValueError, TypeError, OverflowError, IndexError) as exc:
        raise Rejected(f"unreadable publication date {str(value)[:60]!r}", key=key, detail=str(exc)) from None
    now = now or datetime.now(UTC)
    if parsed - now > timedelta(hours=tolerance_hours):
        ahead = (parsed - now).total_seconds() / 3600
        raise Rejected(
            f"publication date {parsed.isoformat()} lies {ahead:.0f} hours in the future "
            f"(future_tolerance_hours is {tolerance_hours:g})",
            key=key,
        )
    return parsed, precision


def _parse(value: Any) -> tuple[datetime, str]:
    if isinstance(value, datetime):
        return _aware(value), "day"
    if isinstance(value, date):
        return datetime(value.year, value.month, value.day, tzinfo=UTC), "day"
    if isinstance(value, time.struct_time):  # feedparser's *_parsed fields, always UTC
        return datetime(*value[:6], tzinfo=UTC), "day"
    if isinstance(value, int | float) and not isinstance(value, bool):
        return datetime.fromtimestamp(float(value), UTC), "day"
    text = str(value).strip()
    if m := _YEAR.match(text):
        return datetime(int(m[1]), 1, 1, tzinfo=UTC), "year"
    if m := _MONTH.match(text):
        return datetime(int(m[1]), int(m[2]), 1, tzinfo=UTC), "month"
    iso = text.replace("Z", "+00:00").replace("z", "+00:00")
    try:
        return _aware(datetime.fromisoformat(iso)), "day"
    except ValueError:
        pass
    try:
        parsed = parsedate_to_datetime(text)  # RFC 822 / RFC 2822, as RSS uses
    except (ValueError, TypeError):
        parsed = None
    if parsed is None:
        raise ValueError("not ISO 8601, RFC 822, YYYY-MM or YYYY")
    return _aware(parsed), "day"


def _aware(value: datetime) -> datetime:
    if value.tzinfo is None:
        return value.replace(tzinfo=UTC)
    return value.astimezone(UTC)
