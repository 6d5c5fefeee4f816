"""Evaluate the geoparser against gold files that point into the shared data.

A gold file holds labels and references, not texts. Each line is one of::

    {"task": "toponym", "corpus": "nerel", "doc": "174168_text", "start": 156, "end": 164,
     "text": "Алма-Ате", "language": "ru", "geonameid": 1526384, "country": "KZ",
     "admin1": "KZ-75", "lat": 43.25, "lon": 76.91}
    {"task": "event", "corpus": "ucdp", "doc": "126650", "language": "en", "country": "AF",
     "lat": 32.93, "lon": 66.26}

Texts are read from the shared data folder (``STEPPEWATCH_SHARED_DATA``, default
``../shared/data`` beside the repository) by corpus: ``nerel`` (ru-news), ``gv``
(en-news), ``ucdp`` (GED Afghanistan headlines), ``ucdp_actor`` (actor list: name, newline,
locations), ``disinfo`` (EUvsDisinfo cases: claim title, newline, keywords), ``rusentne``
(ru-news RuSentNE rows), ``kaznerd`` (kazakh-ner sentences). Rows with ``"split": "heldout"`` are scored in groups of
their own (``heldout/toponym/region/ru`` ...), apart from the development groups.
"""

from __future__ import annotations

import json
import os
import statistics
from collections import defaultdict
from collections.abc import Callable, Iterable
from functools import lru_cache
from pathlib import Path
from typing import Any

from ..errors import InputError
from ..models import Place
from ..vocab import CENTRAL_ASIA
from .resolver import haversine_km

REGION = set(CENTRAL_ASIA) | {"AF"}
ACC_KM = 161.0


def shared_data_dir() -> Path:
    env = os.environ.get("STEPPEWATCH_SHARED_DATA")
    if env:
        return Path(env)
    return Path(__file__).resolve().parents[3] / ".." / "shared" / "data"


# --- texts -----------------------------------------------------------------------------

@lru_cache(maxsize=8)
def _corpus(name: str, root: str) -> dict[str, str]:
    base = Path(root)
    if name == "nerel":
        out = {}
        for fn in ("nerel_ca_docs_dev.jsonl", "nerel_negative_docs_dev.jsonl"):
            for line in (base / "ru-news" / fn).read_text(encoding="utf-8").split("\n"):
                if not line.strip():
                    continue
                d = json.loads(line)
                out[d["doc_id"]] = d["text"]
        return out
    if name == "gv":
        out = {}
        for line in (base / "en-news" / "gv_2012-05_posts.jsonl").read_text(encoding="utf-8").split("\n"):
            if not line.strip():
                continue
            d = json.loads(line)
            out[str(d["guid"])] = d["text"]
        return out
    if name == "ucdp":
        data = json.loads((base / "ucdp" / "ged_afghanistan_dev.geojson").read_text(encoding="utf-8"))
        return {str(f["properties"]["id"]): f["properties"]["source_art"] for f in data["features"]}
    if name == "disinfo":  # EUvsDisinfo claim: title, then its keywords
        import csv

        with (base / "disinfo" / "posts_full_2015-2021.csv").open(encoding="utf-8") as fh:
            return {r["id"]: f"{r['title']}\n{r['keywords'].replace('+', ', ')}" for r in csv.DictReader(fh)}
    if name == "ucdp_actor":  # UCDP actor: name, then the countries where it fought
        import csv

        path = base / "ucdp" / "ucdp_actor_v22_1_central_asia_afghanistan.csv"
        with path.open(encoding="utf-8") as fh:
            return {r["ActorId"]: f"{r['NameData'].strip()}\n{r['Location']}" for r in csv.DictReader(fh)}
    if name == "rusentne":
        return {str(i): s for i, s in enumerate(rusentne_sentences(base))}
    if name == "kaznerd":
        out, n = {}, 0
        toks: list[str] = []
        for line in (base / "kazakh-ner" / "IOB2_test.txt").read_text(encoding="utf-8").split("\n"):
            if not line.strip():
                if toks:
                    out[str(n)] = " ".join(toks)
                    n += 1
                    toks = []
                continue
            toks.append(line.split()[0])
        if toks:
            out[str(n)] = " ".join(toks)
        return out
    raise InputError(f"unknown corpus {name!r}; use nerel, gv, ucdp, ucdp_actor, disinfo, rusentne or kaznerd",
                     input="gold")


def rusentne_sentences(root: Path) -> list[str]:
    """The distinct sentences of the RuSentNE rows, in file order (a sentence with several
    entities has several rows); document ids of the ``rusentne`` corpus index this list."""
    import csv

    with (root / "ru-news" / "rusentne_ca_rows.tsv").open(encoding="utf-8") as fh:
        rows = [r["sentence"] for r in csv.DictReader(fh, delimiter="\t")]
    return list(dict.fromkeys(rows))


def text_of(corpus: str, doc: str, root: Path | None = None) -> str:
    base = root or shared_data_dir()
    texts = _corpus(corpus, str(base))
    if doc not in texts:
        raise InputError(f"document {doc!r} not found in corpus {corpus}", input="gold")
    return texts[doc]


def read_gold(path: Path) -> list[dict[str, Any]]:
    try:
        lines = path.read_text(encoding="utf-8").split("\n")
    except OSError as exc:
        raise InputError(f"cannot read gold file: {exc.strerror}", input=str(path)) from exc
    rows = []
    for i, line in enumerate(lines, 1):
        if line.strip():
            try:
                rows.append(json.loads(line))
            except json.JSONDecodeError as exc:
                raise InputError(f"line {i} is not JSON: {exc.msg}", input=str(path)) from exc
    return rows


# --- scoring ---------------------------------------------------------------------------

def _match(places: list[Place], start: int, end: int) -> Place | None:
    best = None
    for p in places:
        if p.start is None or p.end is None or p.end <= start or p.start >= end:
            continue
        if best is None or (p.geonameid is not None and best.geonameid is None):
            best = p
    return best


class _Tally:
    def __init__(self) -> None:
        self.n = self.found = self.exact = self.country = self.adm1 = self.adm1_n = self.acc = 0
        self.acc_n = 0
        self.errors: list[float] = []

    def add(self, gold: dict[str, Any], got: Place | None) -> None:
        self.n += 1
        self.acc_n += int(gold.get("lat") is not None)
        if got is None or got.geonameid is None:
            return
        self.found += 1
        if gold.get("geonameid") is not None:
            self.exact += int(got.geonameid == gold["geonameid"])
        elif gold.get("feature") == "ADM1":
            self.exact += int(got.feature_code == "ADM1" and got.admin1_iso == gold.get("admin1"))
        if gold.get("country") and got.country == gold["country"]:
            self.country += 1
        if gold.get("admin1"):
            self.adm1_n += 1
            self.adm1 += int(got.admin1_iso == gold["admin1"])
        if gold.get("lat") is not None and got.lat is not None:
            km = haversine_km(gold["lat"], gold["lon"], got.lat, got.lon)  # type: ignore[arg-type]
            self.errors.append(km)
            self.acc += int(km <= ACC_KM)

    def figures(self) -> dict[str, Any]:
        n = max(self.n, 1)
        return {
            "n": self.n,
            "resolved": round(self.found / n, 4),
            "exact": round(self.exact / n, 4),
            "country": round(self.country / n, 4),
            "adm1": round(self.adm1 / self.adm1_n, 4) if self.adm1_n else None,
            "adm1_n": self.adm1_n,
            "acc161": round(self.acc / self.acc_n, 4) if self.acc_n else None,
            "acc_n": self.acc_n,
            "mean_km": round(statistics.fmean(self.errors), 1) if self.errors else None,
            "median_km": round(statistics.median(self.errors), 1) if self.errors else None,
        }


def evaluate(gold: Iterable[dict[str, Any]], parse: Callable[[str, str | None], list[Place]],
             event: Callable[[list[Place], str], Place | None], root: Path | None = None) -> dict[str, Any]:
    """Figures per task, per language and for the region subset (gold country in CA + AF)."""
    tallies: dict[str, _Tally] = defaultdict(_Tally)
    cache: dict[tuple[str, str], tuple[str, list[Place]]] = {}
    for g in gold:
        key = (g["corpus"], str(g["doc"]))
        if key not in cache:
            text = text_of(g["corpus"], str(g["doc"]), root)
            cache[key] = (text, parse(text, g.get("language")))
        text, places = cache[key]
        task = g.get("task", "toponym")
        got = _match(places, g["start"], g["end"]) if task == "toponym" else event(places, text)
        lang = g.get("language") or "?"
        groups = [f"{task}/all", f"{task}/{lang}"]
        if g.get("country") in REGION:
            groups += [f"{task}/region", f"{task}/region/{lang}"]
        split = str(g.get("split") or "")
        if split.startswith("heldout"):  # never tuned on: each round reported on its own, not in the dev groups
            groups = [f"{split}/{group}" for group in groups]
        for group in groups:
            tallies[group].add(g, got)
    return {k: tallies[k].figures() for k in sorted(tallies)}
