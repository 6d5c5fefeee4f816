from __future__ import annotations

import json
from pathlib import Path

import pytest

from steppewatch.coding.coder import RuleCoder
from steppewatch.coding.merge_stage import MergeStage
from steppewatch.coding.output import code_file
from steppewatch.coding.stage import CodingStage
from steppewatch.errors import InputError
from steppewatch.models import Document
from steppewatch.pipeline import Item


def item(i: int, text: str) -> Item:
    doc = Document(id=f"d{i}", source_id=f"s{i}", text=text)
    return Item(key=f"k{i}", source_id=f"s{i}", document=doc)


def test_code_then_merge_stages() -> None:
    text = "Taliban attack on Afghan forces kills 8 in northern Kunduz province on 25 April 2018."
    batch = CodingStage(RuleCoder()).process([item(1, text), item(2, text), item(3, "Weather was fine.")])
    assert [len(i.mentions) for i in batch] == [1, 1, 0]
    out = MergeStage().process(batch)
    assert out[0].events and out[0].events[0].id == out[1].events[0].id
    assert out[0].events[0].n_sources == 2
    assert out[0].mentions[0].event_id == out[0].events[0].id


def test_code_file(tmp_path: Path) -> None:
    src = tmp_path / "in.jsonl"
    rows = [{"id": "a", "text": "Вчера пограничники Киргизии и Таджикистана вступили в перестрелку на границе.",
             "published_at": "2021-04-30T10:00:00Z"},
            {"id": "b", "text": "The cat sat on the mat."}]
    src.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows), encoding="utf-8")
    dst = tmp_path / "out.jsonl"
    assert code_file(src, dst, RuleCoder()) == 2
    a, b = [json.loads(x) for x in dst.read_text(encoding="utf-8").splitlines()]
    assert a["id"] == "a" and a["events"][0]["category"] == "border"
    assert a["events"][0]["date"]["value"] == "2021-04-29"
    assert b == {"id": "b", "language": "en", "events": []}


def test_bad_input_is_input_error(tmp_path: Path) -> None:
    src = tmp_path / "in.jsonl"
    src.write_text('{"text": "no id"}\n', encoding="utf-8")
    with pytest.raises(InputError):
        code_file(src, tmp_path / "out.jsonl", RuleCoder())
