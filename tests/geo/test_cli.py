from __future__ import annotations

import json
from pathlib import Path

import typer
from typer.testing import CliRunner

from steppewatch.cli.geo import register


def _app() -> typer.Typer:
    app = typer.Typer()
    eval_app = typer.Typer()
    app.add_typer(eval_app, name="eval")
    register(app, eval_app)
    return app


def test_geocode_writes_the_documented_shape(tmp_path: Path, geoparser: object) -> None:
    src = tmp_path / "in.jsonl"
    src.write_text(json.dumps({"id": "a", "text": "Officials in Bishkek said clashes in Batken killed two."}) + "\n"
                   + json.dumps({"id": "b", "text": "Nothing to see.", "language": "en"}) + "\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    result = CliRunner().invoke(_app(), ["geocode", str(src), "-o", str(out)])
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert rows[0]["id"] == "a" and rows[0]["event_place"]["name"] == "Batken"
    assert [p["text"] for p in rows[0]["places"]] == ["Bishkek", "Batken"]
    assert rows[1] == {"id": "b", "places": [], "event_place": None}


def test_geocode_bad_input_is_an_input_error(tmp_path: Path, geoparser: object) -> None:
    from steppewatch.errors import InputError

    src = tmp_path / "in.jsonl"
    src.write_text("{not json\n", encoding="utf-8")
    result = CliRunner().invoke(_app(), ["geocode", str(src)])
    assert result.exit_code != 0 and isinstance(result.exception, InputError)
    assert "line 1" in str(result.exception)


def test_commands_have_help_with_an_example() -> None:
    app = _app()
    for args in (["geocode", "--help"], ["gazetteer", "build", "--help"], ["gazetteer", "update", "--help"],
                 ["gazetteer", "load-boundaries", "--help"], ["gazetteer", "load-infrastructure", "--help"],
                 ["gazetteer", "stats", "--help"], ["eval", "geo", "--help"]):
        result = CliRunner().invoke(app, args)
        assert result.exit_code == 0 and "Example:" in result.output, args
