"""Property-based tests: every parser either returns well-formed output or refuses with our
error (InputError for a whole input, Rejected or an ``_error`` item for one record) — never a
crash, whatever the bytes."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path
from tempfile import TemporaryDirectory

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from steppewatch.errors import InputError, Rejected
from steppewatch.ingest import acled, gdelt, ucdp
from steppewatch.ingest.decode import decode_bytes
from steppewatch.ingest.files import iter_file_items
from steppewatch.ingest.html import extract_html
from steppewatch.ingest.normalize import clean_text, parse_published
from steppewatch.ingest.rss import parse_feed
from steppewatch.models import Source
from steppewatch.settings import load_settings
from steppewatch.vocab import Tlp

SETTINGS = load_settings(env={})
SRC = Source(id="s", name="S", kind="dataset")
FAST = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
texts = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=300)
cells = st.text(alphabet=st.characters(blacklist_characters="\t\n\r", blacklist_categories=("Cs",)), max_size=20)


@FAST
@given(st.binary(max_size=2000))
def test_feed_parser_never_crashes(data: bytes) -> None:
    try:
        meta, entries = parse_feed(data, name="feed")
    except InputError as exc:
        assert exc.input == "feed"
        return
    assert all(isinstance(e, dict) for e in entries) and isinstance(meta, dict)


@FAST
@given(st.lists(st.fixed_dictionaries({"title": texts, "link": st.sampled_from(["https://a.kg/1", "", "x"]),
                                       "desc": texts}), max_size=5))
def test_feed_entries_survive_any_text(entries: list[dict[str, str]]) -> None:
    from xml.sax.saxutils import escape

    items = "".join(f"<item><title>{escape(e['title'])}</title><link>{escape(e['link'])}</link>"
                    f"<description>{escape(e['desc'])}</description></item>" for e in entries)
    try:
        _, parsed = parse_feed(f"<rss version='2.0'><channel><title>t</title>{items}</channel></rss>".encode(),
                               name="f")
    except InputError:
        return
    assert len(parsed) <= len(entries)


@FAST
@given(st.lists(st.one_of(st.binary(max_size=80), texts.map(str.encode),
                          st.dictionaries(st.sampled_from(["text", "url", "title", "source", "marking"]), texts)
                          .map(lambda d: json.dumps(d).encode())), max_size=8))
def test_jsonl_reader_yields_items_or_error_items(lines: list[bytes]) -> None:
    with TemporaryDirectory() as tmp:
        f = Path(tmp) / "x.jsonl"
        f.write_bytes(b"\n".join(line.replace(b"\n", b" ") for line in lines))
        for item in iter_file_items(f, source_id="s", settings=SETTINGS):
            assert item.source_id and item.key.startswith(str(f))
            assert "_error" in item.payload or set(item.payload) <= {"id", "url", "title", "text", "language",
                                                                      "published_at", "marking"}


@FAST
@given(st.binary(max_size=600))
def test_csv_reader_yields_items_or_refuses(data: bytes) -> None:
    with TemporaryDirectory() as tmp:
        f = Path(tmp) / "x.csv"
        f.write_bytes(b"title,text\n" + data)
        try:
            items = list(iter_file_items(f, source_id=None, settings=SETTINGS))
        except InputError as exc:
            assert str(f) in str(exc)
            return
        assert all("_error" in i.payload or set(i.payload) <= {"title", "text"} for i in items)


@FAST
@given(texts, st.integers(min_value=0, max_value=400))
def test_html_extraction_returns_text_or_rejects(body: str, depth: int) -> None:
    html = "<div>" * depth + body + "</div>" * depth
    try:
        got = extract_html(html, key="k", max_chars=100_000)
    except Rejected as exc:
        assert exc.key == "k" and depth > 200
        return
    assert isinstance(got.text, str) and got.method in ("trafilatura", "lxml-text")


@FAST
@given(st.binary(max_size=400))
def test_decode_returns_text_or_refuses(data: bytes) -> None:
    try:
        text = decode_bytes(data, name="in")
    except InputError as exc:
        assert exc.input == "in"
        return
    assert isinstance(text, str)


@FAST
@given(texts)
def test_clean_text_is_idempotent(text: str) -> None:
    once = clean_text(text)
    assert clean_text(once) == once and "\x00" not in once


@FAST
@given(st.datetimes(min_value=datetime(1900, 1, 1), max_value=datetime(2100, 1, 1), timezones=st.just(UTC)))
def test_dates_round_trip_or_reject_future(value: datetime) -> None:
    now = datetime(2025, 1, 1, tzinfo=UTC)
    for form in (value.isoformat(), value.strftime("%a, %d %b %Y %H:%M:%S +0000")):
        try:
            parsed, precision = parse_published(form, key="k", now=now)
        except Rejected as exc:
            assert value - now > timedelta(hours=36) and "in the future" in exc.reason
            continue
        assert precision == "day" and abs(parsed - value) < timedelta(seconds=1)


@FAST
@given(texts)
def test_any_date_string_parses_or_rejects(text: str) -> None:
    try:
        parsed, precision = parse_published(text, key="k")
    except Rejected as exc:
        assert exc.key == "k"
        return
    assert parsed is None or parsed.tzinfo is not None


@FAST
@given(st.dictionaries(st.sampled_from(ucdp.REQUIRED + ("country_id", "source_headline", "event_clarity")), cells))
def test_ged_rows_become_events_or_errors(row: dict[str, str]) -> None:
    item = ucdp.row_item({k: "" for k in ucdp.REQUIRED} | row, SRC, key="k", version="24.1")
    assert ("_error" in item.payload) != bool(item.events)


@FAST
@given(st.lists(cells, min_size=55, max_size=65))
def test_gdelt_rows_become_events_or_errors(row: list[str]) -> None:
    item = gdelt.row_item(row, SRC, key="k")
    assert ("_error" in item.payload) != bool(item.events)


@FAST
@given(st.dictionaries(st.sampled_from(acled.REQUIRED + ("notes", "actor2", "iso")), cells))
def test_acled_rows_become_events_or_errors(row: dict[str, str]) -> None:
    item = acled.row_item({k: "" for k in acled.REQUIRED} | row, SRC, key="k", marking=Tlp.AMBER)
    assert ("_error" in item.payload) != bool(item.events)
