"""A compact near-duplicate index: LSH rows point to a signature's integer ``ref``.

``ingest_minhash`` gets an integer key (rows are appended in ref order) and ``ingest_lsh`` holds
``(bucket, ref)`` pairs instead of ``(bucket, document id)``: a third of the size, so a batch's
random bucket inserts and look-ups touch far fewer pages. Rows of existing databases are copied
over; LSH rows whose signature is missing (left by an interrupted run) are dropped.
"""

NAME = "0011_ingest_refs"

_COPY_SIGNATURES = ("INSERT INTO ingest_minhash_v2 (document_id, signature) SELECT document_id, signature "
                    "FROM ingest_minhash ORDER BY document_id")
_COPY_BUCKETS = ("INSERT INTO ingest_lsh_v2 (bucket, ref) SELECT l.bucket, m.ref FROM ingest_lsh l "
                 "JOIN ingest_minhash_v2 m ON m.document_id = l.document_id")
_SWAP = [
    "DROP TABLE ingest_lsh",
    "DROP TABLE ingest_minhash",
    "ALTER TABLE ingest_minhash_v2 RENAME TO ingest_minhash",
    "ALTER TABLE ingest_lsh_v2 RENAME TO ingest_lsh",
]

SQLITE = [
    "CREATE TABLE ingest_minhash_v2 (ref INTEGER PRIMARY KEY, document_id TEXT NOT NULL UNIQUE, "
    "signature BLOB NOT NULL)",
    _COPY_SIGNATURES,
    "CREATE TABLE ingest_lsh_v2 (bucket INTEGER NOT NULL, ref INTEGER NOT NULL, PRIMARY KEY (bucket, ref)) "
    "WITHOUT ROWID",
    _COPY_BUCKETS,
    *_SWAP,
]

POSTGRES = [
    "CREATE TABLE ingest_minhash_v2 (ref BIGSERIAL PRIMARY KEY, document_id TEXT NOT NULL UNIQUE, "
    "signature BYTEA NOT NULL)",
    _COPY_SIGNATURES,
    "CREATE TABLE ingest_lsh_v2 (bucket BIGINT NOT NULL, ref BIGINT NOT NULL, PRIMARY KEY (bucket, ref))",
    _COPY_BUCKETS,
    *_SWAP,
]
