"""The documented Python API: its public names are pinned here."""

from __future__ import annotations

import steppewatch

PUBLIC = {
    "Actor", "Alert", "Document", "Event", "EventFilter", "Mention", "Place", "Rejection", "Run", "Source",
    "SteppewatchError", "Store", "Tlp", "__version__", "build_pipeline", "file_items", "load_settings",
    "open_store", "run_pipeline",
}


def test_exported_names_are_pinned() -> None:
    assert set(steppewatch.__all__) == PUBLIC
    for name in PUBLIC:
        assert hasattr(steppewatch, name), name


def test_notebook_round_trip(tmp_path) -> None:
    store = steppewatch.open_store(f"sqlite:///{tmp_path / 'nb.db'}")
    doc = steppewatch.Document(id="d1", source_id="notes", text="Mudflow in Batken")
    assert store.put_documents([doc]) == 1
    assert [d.id for d in store.search_documents("mudflow")] == ["d1"]
    assert store.query_events(steppewatch.EventFilter(country="KG")) == []
    store.close()
