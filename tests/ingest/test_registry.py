"""The shipped source registry, the loader's errors, and the sources commands."""

from __future__ import annotations

import json
from pathlib import Path

import httpx
import pytest
from typer.testing import CliRunner

from steppewatch.cli import app
from steppewatch.errors import InputError
from steppewatch.ingest.check import check_source
from steppewatch.ingest.health import all_health
from steppewatch.ingest.registry import SHIPPED, load_entries, load_sources
from steppewatch.pipeline import Context
from steppewatch.settings import load_settings
from steppewatch.store import Store
from steppewatch.vocab import CENTRAL_ASIA

REQUIRED = {"kazinform", "kabar", "khovar", "tdh", "uza", "dunyo", "azattyq", "azattyk", "ozodi", "azatlyk",
            "ozodlik", "rferl", "eurasianet", "24kg", "kloop", "asia-plus", "gazeta-uz", "kun-uz", "vlast-kz",
            "orda-kz", "turkmen-news", "hronikatm", "diplomat-ca", "akipress", "vesti-kg", "sputnik-kz",
            "sputnik-kg", "sputnik-tj", "sputnik-uz", "tass", "ria", "cgtn-ru", "xinhua-ru"}


def test_shipped_registry_covers_the_region() -> None:
    sources = load_sources(SHIPPED)
    ids = {s.id for s in sources}
    assert len(sources) >= 25 and REQUIRED <= ids
    assert all(s.homepage and s.feeds and s.languages and s.ownership for s in sources)
    langs = {lang for s in sources for lang in s.languages}
    assert {"en", "ru"} <= langs
    for s in sources:
        if s.state_affiliation in ("state", "state-aligned"):
            assert s.affiliation_note and len(s.affiliation_note) > 20
    # every republic has its national agency and at least one independent outlet
    home = {s.country for s in sources}
    assert set(CENTRAL_ASIA) <= home
    for c in ("KZ", "KG", "TJ", "UZ"):
        assert any(s.country == c and s.state_affiliation == "independent" for s in sources), c
    assert all(s.id.startswith("sputnik") is False or "Rossiya Segodnya" in (s.affiliation_note or "")
               for s in sources)


def test_disabled_dataset_entries_carry_options() -> None:
    entries = {e.source.id: e for e in load_entries(SHIPPED)}
    assert not entries["ucdp-ged"].enabled and entries["ucdp-ged"].options["adapter"] == "ucdp-api"
    assert "ucdp-ged" not in {s.id for s in load_sources(SHIPPED)}


@pytest.mark.parametrize(("text", "message"), [
    ("not toml [", "not valid TOML"),
    ("title = 'x'", "no \\[\\[source\\]\\] entries"),
    ("[[source]]\nid = 'a'\nkind = 'rss'", r"source #1 \(a\): name is required"),
    ("[[source]]\nid = 'a'\nname = 'A'\nkind = 'rss'\nstate_affiliation = 'state'",
     r"source #1 \(a\): affiliation_note: a state affiliation needs a public justification"),
    ("[[source]]\nid = 'a'\nname = 'A'\nkind = 'tv'", r"source #1 \(a\): kind: must be one of"),
    ("[[source]]\nid = 'a'\nname = 'A'\nkind = 'rss'\nfeed = 'x'", r"unknown field\(s\) feed"),
    ("[[source]]\nid = 'a'\nname = 'A'\nkind = 'rss'\n[[source]]\nid = 'a'\nname = 'B'\nkind = 'rss'",
     r"source #2 \(a\): duplicate id 'a'"),
    ("[[source]]\nid = 'a'\nname = 'A'\nkind = 'rss'\nmarking = 'pink'", "unknown TLP marking"),
])
def test_bad_registry_names_file_and_entry(tmp_path: Path, text: str, message: str) -> None:
    f = tmp_path / "mine.toml"
    f.write_text(text, encoding="utf-8")
    with pytest.raises(InputError, match=message) as info:
        load_entries(f)
    assert str(f) in str(info.value)


def test_sources_file_setting_overrides(tmp_path: Path) -> None:
    f = tmp_path / "mine.toml"
    f.write_text("[[source]]\nid = 'mine'\nname = 'Mine'\nkind = 'rss'\nfeeds = ['https://x.kg/rss']\n",
                 encoding="utf-8")
    settings = load_settings(env={"STEPPEWATCH_SOURCES_FILE": str(f)})
    assert [s.id for s in load_sources(settings)] == ["mine"]


def test_check_records_health(store: Store) -> None:
    feed = (b"<rss version='2.0'><channel><title>K</title><item><title>a</title><link>https://k.kg/1</link>"
            b"</item><item><title>b</title><link>https://k.kg/2</link><description>d</description>"
            b"<pubDate>Mon, 06 May 2024 08:00:00 GMT</pubDate></item></channel></rss>")
    handler = httpx.MockTransport(lambda r: httpx.Response(200, content=feed) if "k.kg" in r.url.host
                                  else httpx.Response(503))
    sources = {s.id: s for s in load_sources(SHIPPED)}
    ok = sources["kloop"].replace(feeds=("https://k.kg/feed/",))
    with httpx.Client(transport=handler) as client:
        ctx = Context(store=store, settings=load_settings(env={}, politeness_delay=0, http_retries=0))
        good = check_source(ok, ctx, client)
        bad = check_source(sources["tass"], ctx, client)
    assert good["reachable"] and good["items"] == 2 and good["empty_bodies"] == 1 and good["missing_dates"] == 1
    assert bad["reachable"] is False and "HTTP 503" in bad["error"] and bad["last_success"] is None
    assert set(all_health(store)) == {"kloop", "tass"}
    assert store.count_documents() == 0


def test_sources_list_command() -> None:
    result = CliRunner().invoke(app, ["sources", "list", "--json"])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.output)
    assert {r["id"] for r in rows} >= REQUIRED
    assert CliRunner().invoke(app, ["sources", "list"]).exit_code == 0
    assert "Example:" in CliRunner().invoke(app, ["sources", "check", "--help"]).output
