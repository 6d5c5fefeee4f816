"""``ingest.dedup.v1``: skip what is stored, link exact and near-duplicates to the first copy.

Per batch, with a fixed number of queries whatever its size:

1. documents whose id is already stored get ``skip=True`` (so are repeats inside the batch);
2. documents with the same text (content hash) as a stored or earlier document get
   ``duplicate_of`` set to that document's original;
3. documents whose MinHash signature (see :mod:`.minhash`) is at least ``THRESHOLD`` (0.9)
   similar to an indexed original's get ``duplicate_of`` set to the most similar one. The
   threshold is high on purpose: wire stories about different events share templates and
   boilerplate (similarity 0.7-0.8 is common); a copy with a new intro or byline stays above 0.9.

Originals are indexed in ``ingest_lsh`` / ``ingest_minhash`` (migration 0010), so duplicates are
found across runs. Duplicates are stored but not coded. Dataset rows that arrive with their
events (``payload["events_given"]``) are only checked by id: two GED events may share a
headline and still be two events.
"""

from __future__ import annotations

from collections import Counter, OrderedDict, defaultdict
from collections.abc import Callable, Iterable

import numpy as np

from ..errors import ConfigError
from ..pipeline import Context, Item
from ..store import Store
from . import minhash

NAME = "ingest.dedup.v1"
#: Estimated Jaccard similarity of 3-word shingles at or above which a document is a near-copy.
THRESHOLD = 0.9
#: A stored document is compared only when it shares this many LSH bands with the new one. At
#: similarity 0.9 a band matches with probability 0.9^8 = 0.43, so a true near-copy shares fewer
#: than two of 16 bands with probability 0.3 %.
MIN_BANDS = 2
#: Documents indexed per LSH bucket. Buckets fill up with boilerplate (the same agency footer
#: in thousands of stories); once full, later documents are found through their other bands.
BUCKET_CAP = 16
#: Stored signatures kept in memory between batches (about 0.6 KB each). Capped buckets keep their
#: first members for good, so the same originals come up batch after batch.
SIGNATURE_CACHE = 8192


class Deduplicator:
    name = NAME
    requires = ("document",)
    assigns = ("document",)

    def __init__(self, store: Store, threshold: float = THRESHOLD,
                 defer: Callable[[Callable[[], object]], None] | None = None) -> None:
        self.store = store
        self.threshold = threshold
        self.counts: Counter[str] = Counter()
        self.defer = defer or (lambda write: write())
        self._prepared: dict[str, tuple[np.ndarray, list[int]] | None] = {}
        self._sig_cache: OrderedDict[int, tuple[str, np.ndarray]] = OrderedDict()

    def prepare(self, batch: list[Item]) -> None:
        """Signatures and band keys of the batch's candidates (no store access: runs while the
        runner still writes the previous batch)."""
        docs = {it.document.content_hash: it.document.text for it in batch if _candidate(it)}  # type: ignore[union-attr]
        self._prepared = dict(zip(docs, _hashes(list(docs.values())), strict=True))

    def process(self, batch: list[Item]) -> list[Item]:
        out = list(batch)
        live = [i for i, it in enumerate(out) if not it.skip and it.document is not None]
        known = self.store.known_documents(out[i].document.id for i in live)  # type: ignore[union-attr]
        seen: set[str] = set()
        fresh: list[int] = []
        for i in live:
            doc_id = out[i].document.id  # type: ignore[union-attr]
            if doc_id in known or doc_id in seen:
                out[i] = out[i].replace(skip=True)
                self.counts["known"] += 1
                continue
            seen.add(doc_id)
            if _candidate(out[i]):
                fresh.append(i)
        if fresh:
            rest = self._exact(out, fresh)
            if rest:
                self._near(out, rest)
        self._prepared = {}
        return out

    # --- exact copies ----------------------------------------------------------------------
    def _exact(self, out: list[Item], idx: list[int]) -> list[int]:
        hashes = {i: out[i].document.content_hash for i in idx}  # type: ignore[union-attr]
        stored = self._originals_by_hash(set(hashes.values()))
        local: dict[str, str] = {}
        rest = []
        for i in idx:
            doc = out[i].document
            assert doc is not None
            h = hashes[i]
            first = stored.get(h) or local.get(h)
            if first and first != doc.id:
                out[i] = out[i].replace(document=doc.replace(duplicate_of=first))
                self.counts["exact_duplicates"] += 1
            else:
                local[h] = doc.id
                rest.append(i)
        return rest

    def _originals_by_hash(self, hashes: set[str]) -> dict[str, str]:
        originals: dict[str, str] = {}
        fallback: dict[str, str] = {}
        where, params = self.store.in_values("content_hash", sorted(hashes))
        for h, doc_id, dup in self.store.query(
                f"SELECT content_hash, id, duplicate_of FROM documents WHERE {where} ORDER BY id", params):
            if dup is None:
                originals.setdefault(h, doc_id)
            else:
                fallback.setdefault(h, dup)
        return {**fallback, **originals}

    # --- near copies -----------------------------------------------------------------------
    def _near(self, out: list[Item], idx: list[int]) -> None:
        prepared = self._prepared
        docs = [out[i].document for i in idx]
        todo = {d.content_hash: d.text for d in docs if d.content_hash not in prepared}  # type: ignore[union-attr]
        if todo:
            prepared = {**prepared, **dict(zip(todo, _hashes(list(todo.values())), strict=True))}
        hashed = [prepared[d.content_hash] for d in docs]  # type: ignore[union-attr]
        idx = [i for i, h in zip(idx, hashed, strict=True) if h is not None]
        if not idx:
            return
        sigs = np.stack([h[0] for h in hashed if h is not None])
        key_lists = [h[1] for h in hashed if h is not None]
        by_bucket = self._stored_buckets({k for row in key_lists for k in row})
        # candidates: stored originals (by signature ref) sharing at least MIN_BANDS bands with the document
        stored_shared: list[list[int]] = []
        for row_keys in key_lists:
            hits = [r for k in row_keys if k in by_bucket for r in by_bucket[k]]
            stored_shared.append([r for r, n in Counter(hits).items() if n >= MIN_BANDS] if len(hits) > 1 else [])
        wanted = {ref for refs in stored_shared for ref in refs}
        stored = self._signatures(wanted) if wanted else {}
        local_buckets: dict[int, list[str]] = defaultdict(list)
        local_sigs: dict[str, np.ndarray] = {}
        lsh_rows: list[tuple[int, str]] = []
        sig_rows: list[tuple[str, bytes]] = []
        for row, i in enumerate(idx):
            doc = out[i].document
            assert doc is not None
            sig, doc_keys = sigs[row], key_lists[row]
            local_hits = Counter(d for k in doc_keys if k in local_buckets for d in local_buckets[k])
            cands = [stored[r] for r in stored_shared[row] if r in stored]
            cands += [(d, local_sigs[d]) for d, n in local_hits.items() if n >= MIN_BANDS]
            cands = sorted((c for c in cands if c[0] != doc.id), key=lambda c: c[0])
            if cands:
                sims = minhash.similarities(sig, np.stack([c[1] for c in cands]))
                best = int(np.argmax(sims))  # first of the most similar, in id order
                if sims[best] >= self.threshold:
                    out[i] = out[i].replace(document=doc.replace(duplicate_of=cands[best][0]))
                    self.counts["near_duplicates"] += 1
                    continue
            local_sigs[doc.id] = sig
            for k in doc_keys:
                members = local_buckets[k]
                if len(members) + len(by_bucket.get(k, ())) < BUCKET_CAP:
                    members.append(doc.id)
                    lsh_rows.append((k, doc.id))
            sig_rows.append((doc.id, minhash.to_bytes(sig)))
        store = self.store

        def write() -> None:  # handed to the runner's writer: the next batch's lookups wait for it
            if not sig_rows:
                return
            with store.transaction():
                store.executemany(
                    "INSERT INTO ingest_minhash (document_id, signature) VALUES (?, ?) "
                    "ON CONFLICT (document_id) DO NOTHING", sig_rows)
                where, params = store.in_values("document_id", [d for d, _ in sig_rows])
                refs = {d: int(r) for d, r in store.query(f"SELECT document_id, ref FROM ingest_minhash WHERE {where}",
                                                          params)}
                store.executemany("INSERT INTO ingest_lsh (bucket, ref) VALUES (?, ?) ON CONFLICT DO NOTHING",
                                  [(k, refs[d]) for k, d in lsh_rows])

        self.defer(write)

    def _stored_buckets(self, keys: set[int]) -> dict[int, list[int]]:
        """Bucket key -> refs of the stored signatures indexed under it."""
        found: dict[int, list[int]] = defaultdict(list)
        where, params = self.store.in_values("bucket", sorted(keys))
        for bucket, ref in self.store.query(f"SELECT bucket, ref FROM ingest_lsh WHERE {where}", params):
            found[bucket].append(ref)
        return found

    def _signatures(self, refs: Iterable[int]) -> dict[int, tuple[str, np.ndarray]]:
        """ref -> (document id, signature), for documents really stored (rows of an interrupted run
        may point nowhere); recently used ones come from memory."""
        cache = self._sig_cache
        found: dict[int, tuple[str, np.ndarray]] = {}
        missing: list[int] = []
        for ref in sorted(set(refs)):
            hit = cache.get(ref)
            if hit is None:
                missing.append(ref)
            else:
                cache.move_to_end(ref)
                found[ref] = hit
        if missing:
            where, params = self.store.in_values("m.ref", missing)
            for ref, doc_id, blob in self.store.query(
                    "SELECT m.ref, m.document_id, m.signature FROM ingest_minhash m "
                    f"JOIN documents d ON d.id = m.document_id WHERE {where}", params):
                found[int(ref)] = cache[int(ref)] = (doc_id, minhash.from_bytes(blob))
            while len(cache) > SIGNATURE_CACHE:
                cache.popitem(last=False)
        return found


def _candidate(item: Item) -> bool:
    """A document compared by content: not a dataset row with its own events, not linked already."""
    doc = item.document
    return (not item.skip and doc is not None and not item.payload.get("events_given")
            and doc.duplicate_of is None)


def _hashes(texts: list[str]) -> list[tuple[np.ndarray, list[int]] | None]:
    """Each text's MinHash signature and LSH band keys; None for texts too short to compare."""
    sets = minhash.shingle_sets(texts)
    keep = [n for n, shingles in enumerate(sets) if len(shingles) > minhash.MIN_TOKENS - minhash.SHINGLE]
    out: list[tuple[np.ndarray, list[int]] | None] = [None] * len(texts)
    if keep:
        sigs = minhash.signatures([sets[n] for n in keep])
        for row, keys in enumerate(minhash.band_keys(sigs).tolist()):
            out[keep[row]] = (sigs[row], keys)
    return out


def create(ctx: Context) -> Deduplicator:
    threshold = ctx.options.get("dedup_threshold", ctx.settings.get("dedup_threshold", THRESHOLD))
    if not 0 < float(threshold) <= 1:
        raise ConfigError(f"dedup_threshold must be above 0 and at most 1, got {threshold}")
    return Deduplicator(ctx.store, float(threshold), defer=ctx.defer)
