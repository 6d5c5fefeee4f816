"""``ingest.dedup.v1``: stored ids skipped, exact and near copies linked, across runs."""

from __future__ import annotations

import numpy as np

from steppewatch.cycle import run_pipeline
from steppewatch.ingest import minhash
from steppewatch.ingest.dedup import create
from steppewatch.models import Document
from steppewatch.pipeline import Context, Item
from steppewatch.registrations import INGEST_STAGES
from steppewatch.settings import load_settings
from steppewatch.store import Store

BASE = ("Border guards of Kyrgyzstan and Tajikistan exchanged fire near the village of Kok-Tash on "
        "Tuesday, the State Border Service said. Two servicemen were injured and taken to hospital in "
        "Isfana. Talks on the demarcation of the border are due to resume next month in Batken.")
#: a syndicated copy: the same story behind an agency dateline (true Jaccard of shingles 0.96)
NEAR = "BISHKEK (AKIpress) - " + BASE
OTHER = ("Customs officers at the Dostyk crossing seized 120 kilograms of heroin hidden in a truck "
         "carrying fruit from Tajikistan, the Interior Ministry of Kazakhstan reported on Friday.")


def _item(key: str, text: str, url: str | None = None, **payload: object) -> Item:
    doc = Document(id=Document.make_id(url, text), source_id="s", text=text, url=url)
    return Item(key, "s", payload, document=doc)


def test_minhash_estimates_similarity() -> None:
    a, b, c = minhash.shingle_sets([BASE, NEAR, OTHER])
    sa, sb, sc = minhash.signatures([a, b, c])
    true_ab = len(set(a.tolist()) & set(b.tolist())) / len(set(a.tolist()) | set(b.tolist()))
    assert 0.9 < true_ab < 1.0
    # 128 permutations: the estimate's standard deviation is about sqrt(J(1-J)/128) = 0.03
    assert abs(minhash.similarity(sa, sb) - true_ab) < 0.1
    assert minhash.similarity(sa, sc) < 0.2
    assert minhash.from_bytes(minhash.to_bytes(sa)).tolist() == sa.tolist()
    keys = minhash.band_keys(np.stack([sa, sb]))
    assert keys.shape == (2, minhash.BANDS) and (keys >= 0).all()
    assert len(set(keys[0]) & set(keys[1])) >= 1


def test_within_one_batch(store: Store) -> None:
    stage = create(Context(store=store, settings=load_settings(env={})))
    a = _item("a", BASE, "https://a.kg/1")
    same_url = _item("a2", BASE + " Updated.", "https://a.kg/1")
    exact = _item("b", BASE, "https://b.kg/2")
    near = _item("c", NEAR, "https://c.kg/3")
    other = _item("d", OTHER)
    out = stage.process([a, same_url, exact, near, other])
    assert out[0].document.duplicate_of is None and not out[0].skip
    assert out[1].skip
    assert out[2].document.duplicate_of == a.document.id
    assert out[3].document.duplicate_of == a.document.id
    assert out[4].document.duplicate_of is None
    assert dict(stage.counts) == {"known": 1, "exact_duplicates": 1, "near_duplicates": 1}


def test_across_runs_through_the_pipeline(store: Store, tmp_path) -> None:  # type: ignore[no-untyped-def]
    settings = load_settings(env={})
    first = [Item("1", "s", {"text": BASE, "url": "https://a.kg/1"}),
             Item("2", "s", {"text": OTHER})]
    report = run_pipeline(store, first, INGEST_STAGES, settings=settings)
    assert report.counts["store.write.v1:documents"] == 2
    again = run_pipeline(store, first, INGEST_STAGES, settings=settings)
    assert again.counts["ingest.dedup.v1:known"] == 2 and again.counts["store.write.v1:documents"] == 0
    later = [Item("3", "s", {"text": NEAR, "url": "https://c.kg/3"}),
             Item("4", "s", {"text": OTHER, "url": "https://d.kg/4"})]
    report = run_pipeline(store, later, INGEST_STAGES, settings=settings)
    assert report.counts["store.write.v1:documents"] == 2
    original = store.get_document(Document.make_id("https://a.kg/1", BASE))
    near = store.get_document(Document.make_id("https://c.kg/3", NEAR))
    copy = store.get_document(Document.make_id("https://d.kg/4", OTHER))
    assert near.duplicate_of == original.id
    assert copy.duplicate_of == Document.make_id(None, OTHER)
    assert store.stats()["duplicates"] == 2


def test_index_rows_of_an_interrupted_run_are_ignored(store: Store) -> None:
    stage = create(Context(store=store, settings=load_settings(env={})))
    stage.process([_item("a", BASE, "https://a.kg/1")])  # indexed, but never stored
    (out,) = stage.process([_item("c", NEAR, "https://c.kg/3")])
    assert out.document.duplicate_of is None


def test_short_texts_and_dataset_rows_are_not_near_matched(store: Store) -> None:
    stage = create(Context(store=store, settings=load_settings(env={})))
    out = stage.process([_item("a", "Blast in Osh"), _item("b", "Blast in Osh!"),
                         _item("g1", BASE, "https://ucdp/1", events_given=True),
                         _item("g2", BASE, "https://ucdp/2", events_given=True)])
    assert all(i.document.duplicate_of is None for i in out)


def test_shingling_in_passes_gives_the_hashes_of_one_pass(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import random

    import numpy as np

    from steppewatch.ingest import minhash

    rng = random.Random(3)
    words = "alpha beta gamma жол delta epsilon zeta eta theta".split()
    texts = [" ".join(rng.choice(words) for _ in range(rng.randint(1, 300))) for _ in range(400)] + ["", "one", "a b"]
    monkeypatch.setattr(minhash, "PASS_BYTES", 4096)  # many passes
    split = minhash.shingle_sets(texts)
    monkeypatch.setattr(minhash, "PASS_BYTES", 1 << 40)  # one pass
    whole = minhash.shingle_sets(texts)
    assert len(split) == len(texts) and all(np.array_equal(a, b) for a, b in zip(split, whole, strict=True))
