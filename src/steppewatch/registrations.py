"""Built-in stages, sources and exporters, registered in one place.

Outside plugins use the same calls from their own ``register(registry)`` hook, declared as an
entry point in the ``steppewatch.plugins`` group. Targets are "module:attr" strings so that
nothing is imported until it is used.
"""

from __future__ import annotations

from .registry import Registry

#: The full cycle, in order: fetch -> extract -> dedup -> code -> geo -> merge -> store.
DEFAULT_STAGES: tuple[str, ...] = (
    "ingest.fetch.v1",
    "ingest.extract.v1",
    "ingest.dedup.v1",
    "code.rules.v1",
    "geo.gazetteer.v1",
    "merge.events.v1",
    "store.write.v1",
)

#: Collection only: documents are stored, nothing is coded.
INGEST_STAGES: tuple[str, ...] = ("ingest.fetch.v1", "ingest.extract.v1", "ingest.dedup.v1", "store.write.v1")


def register_builtins(registry: Registry) -> None:
    stage = registry.add_stage
    stage("ingest.fetch.v1", "steppewatch.ingest.fetch:create")
    stage("ingest.extract.v1", "steppewatch.ingest.extract:create")
    stage("ingest.dedup.v1", "steppewatch.ingest.dedup:create")
    stage("code.rules.v1", "steppewatch.coding.stage:create")
    stage("geo.gazetteer.v1", "steppewatch.geo.stage:create")
    stage("merge.events.v1", "steppewatch.coding.merge_stage:create")
    stage("store.write.v1", "steppewatch.store.stage:create")

    source = registry.add_source
    source("rss", "steppewatch.ingest.rss:RssSource")
    source("web", "steppewatch.ingest.web:WebSource")
    source("file", "steppewatch.ingest.files:FileSource")
    source("ucdp-csv", "steppewatch.ingest.ucdp:UcdpCsvSource")
    source("ucdp-api", "steppewatch.ingest.ucdp:UcdpApiSource")
    source("gdelt", "steppewatch.ingest.gdelt:GdeltSource")
    source("acled-csv", "steppewatch.ingest.acled:AcledCsvSource")

    exporter = registry.add_exporter
    exporter("csv", "steppewatch.export.tabular:write_csv")
    exporter("jsonl", "steppewatch.export.tabular:write_jsonl")
