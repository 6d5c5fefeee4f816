"""Ingest tables: MinHash signatures and LSH buckets for near-duplicate detection across runs.

Only original documents (not duplicates) are indexed; ``ingest.dedup.v1`` checks that a
candidate document is stored before linking to it, so rows left by an interrupted run are
harmless.
"""

NAME = "0010_ingest"

SQLITE = [
    """CREATE TABLE ingest_lsh (
        bucket INTEGER NOT NULL, document_id TEXT NOT NULL,
        PRIMARY KEY (bucket, document_id)) WITHOUT ROWID""",
    """CREATE TABLE ingest_minhash (document_id TEXT PRIMARY KEY, signature BLOB NOT NULL)""",
]

POSTGRES = [
    """CREATE TABLE ingest_lsh (
        bucket BIGINT NOT NULL, document_id TEXT NOT NULL,
        PRIMARY KEY (bucket, document_id))""",
    """CREATE TABLE ingest_minhash (document_id TEXT PRIMARY KEY, signature BYTEA NOT NULL)""",
]
