"""Local files and folders -> items, and the bad-input cases each reader refuses."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from steppewatch.cycle import file_items
from steppewatch.errors import InputError
from steppewatch.ingest.files import FileSource, iter_file_items
from steppewatch.models import Source
from steppewatch.pipeline import Context
from steppewatch.settings import load_settings

SETTINGS = load_settings(env={})


def _write_jsonl(path: Path, rows: list[object]) -> Path:
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\n", encoding="utf-8")
    return path


def test_jsonl_rows_become_items_with_row_source(tmp_path: Path) -> None:
    f = _write_jsonl(tmp_path / "a.jsonl", [
        {"id": "1", "url": "https://24.kg/a", "title": "T", "text": "Текст", "language": "ru",
         "published_at": "2024-05-01", "source": "24kg", "marking": "green", "extra": 1},
        {"text": "plain"},
    ])
    items = list(iter_file_items(f, source_id="mine", settings=SETTINGS))
    assert [i.key for i in items] == [f"{f}:1", f"{f}:2"]
    assert items[0].source_id == "24kg" and items[1].source_id == "mine"
    assert items[0].payload["text"] == "Текст" and "extra" not in items[0].payload
    assert items[0].payload["marking"] == "green"


def test_jsonl_bad_lines_become_error_items(tmp_path: Path) -> None:
    f = tmp_path / "bad.jsonl"
    f.write_bytes(b'{"text": "ok"}\nnot json\n[1, 2]\n{"text": "\xff\xfe bad"}\n\n')
    items = list(file_items(f))
    errors = [i.payload.get("_error") for i in items]
    assert errors[0] is None
    assert "line 2 is not valid JSON" in errors[1]
    assert "line 3 is a JSON list" in errors[2]
    assert "line 4 is not valid UTF-8" in errors[3]
    assert len(items) == 4


def test_csv_rows_and_ragged_rows(tmp_path: Path) -> None:
    f = tmp_path / "a.csv"
    f.write_text('\ufefftitle,text,published_at,other\n"A, b","multi\nline",2024-01-02,x\nonly,two\n'
                 "a,b,c,d,e\n", encoding="utf-8")
    items = list(iter_file_items(f, source_id=None, settings=SETTINGS))
    assert items[0].payload == {"title": "A, b", "text": "multi\nline", "published_at": "2024-01-02"}
    assert items[0].source_id == "local-files"
    assert "has 2 fields, the header has 4" in items[1].payload["_error"]
    assert "has 5 fields, the header has 4" in items[2].payload["_error"]


def test_csv_without_text_column_is_refused(tmp_path: Path) -> None:
    f = tmp_path / "a.csv"
    f.write_text("title,body\nx,y\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"a\.csv: CSV has no 'text'.*found title, body"):
        list(iter_file_items(f, source_id=None, settings=SETTINGS))


def test_file_over_the_size_limit_is_refused(tmp_path: Path) -> None:
    f = tmp_path / "big.txt"
    f.write_bytes(b"x" * 2000)
    small = load_settings(env={}, max_file_bytes=1000)
    with pytest.raises(InputError, match=r"big\.txt: file is 2,000 bytes, over max_file_bytes \(1,000\)"):
        list(iter_file_items(f, source_id=None, settings=small))


def test_unknown_suffix_and_missing_path(tmp_path: Path) -> None:
    (tmp_path / "x.pdf").write_bytes(b"%PDF")
    with pytest.raises(InputError, match="unsupported file type .pdf"):
        list(iter_file_items(tmp_path / "x.pdf", source_id=None, settings=SETTINGS))
    with pytest.raises(InputError, match="no such file or folder"):
        list(iter_file_items(tmp_path / "nope", source_id=None, settings=SETTINGS))


def test_folder_reads_supported_files_in_order(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "b.txt").write_text("Title line\n\nBody of b.", encoding="utf-8")
    (tmp_path / "sub" / "a.html").write_text("<html><body><p>Hello</p></body></html>", encoding="utf-8")
    (tmp_path / ".hidden.txt").write_text("secret", encoding="utf-8")
    (tmp_path / "notes.pdf").write_bytes(b"%PDF")
    items = list(iter_file_items(tmp_path, source_id="s", settings=SETTINGS))
    assert [Path(i.key).name for i in items] == ["b.txt", "a.html"]
    assert items[0].payload["title"] == "Title line"
    assert "html" in items[1].payload


def test_legacy_encoding_is_decoded_and_mixed_encoding_refused(tmp_path: Path) -> None:
    cp = tmp_path / "cp1251.txt"
    cp.write_bytes(("Пограничники Кыргызстана сообщили о перестрелке на границе. " * 5).encode("cp1251"))
    (item,) = iter_file_items(cp, source_id=None, settings=SETTINGS)
    assert "Пограничники" in item.payload["text"]
    mixed = tmp_path / "mixed.txt"
    mixed.write_bytes("Пограничники ".encode() + "сообщили".encode("cp1251"))
    with pytest.raises(InputError, match=r"mixed\.txt: mixed encodings"):
        list(iter_file_items(mixed, source_id=None, settings=SETTINGS))


def test_file_source_uses_its_feeds_as_paths(tmp_path: Path, sqlite_url: str) -> None:
    from steppewatch.store import open_store

    f = _write_jsonl(tmp_path / "a.jsonl", [{"text": "one"}])
    src = Source(id="local", name="Local", kind="file", feeds=(str(f),))
    with open_store(sqlite_url) as store:
        items = list(FileSource(src, Context(store=store, settings=SETTINGS)).items())
    assert [i.source_id for i in items] == ["local"]
    with pytest.raises(InputError, match="needs a path"):
        FileSource(Source(id="x", name="X", kind="file"), Context(store=None, settings=SETTINGS))  # type: ignore[arg-type]
