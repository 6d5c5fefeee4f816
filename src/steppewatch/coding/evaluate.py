"""Evaluate the coder against hand-labelled gold files that reference, never contain, the texts.

A gold row names a file under the shared data folder, a document id and a field; the texts are
read from there at run time (``STEPPEWATCH_SHARED_DATA`` or ``../shared/data`` next to the repo).
Scores, all on the document's main event (gold ``events[0]``, predicted first event):

- category: per-category precision/recall/F1; ``category_macro_f1`` is their unweighted mean over
  every category that occurs in the gold *or* in the predictions of the scored rows ("no event"
  excluded; scikit-learn's default label set). A category predicted but absent from the gold
  therefore counts with F1 0: a wrong guess is not free. "No event" is a class of its own for
  ``category_accuracy``;
- country: share of gold events with a country whose predicted main event has that country;
- actors: micro precision/recall/F1 of actor ids;
- date: exact value (year-month for month precision) where the gold has a date
  (``date_exact``); ``date_exact_text`` counts only gold dates the text itself fixes (gold
  ``date_basis`` not ``"external"``: UCDP dates a dateless headline from its full sources);
- fatalities: best estimate within +/-10 % where the gold has a count.
"""

from __future__ import annotations

import csv
import json
import os
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from ..errors import InputError
from .coder import RuleCoder
from .output import code_rows

_ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}")
_GED_CITE = re.compile(r'^"?(?P<src>[^,"]+),(?P<date>\d{4}-\d{2}-\d{2}),(?P<head>[^"\n]+)')


def shared_data_dir() -> Path | None:
    env = os.environ.get("STEPPEWATCH_SHARED_DATA")
    path = Path(env) if env else Path(__file__).resolve().parents[3] / ".." / "shared" / "data"
    return path.resolve() if path.is_dir() else None


def ged_headline(source_art: str) -> tuple[str, str | None]:
    """The first cited headline of a GED ``source_art`` field and its publication date."""
    m = _GED_CITE.match(source_art.strip())
    if not m:
        return source_art.strip().strip('"'), None
    return m.group("head").strip(), m.group("date")


@lru_cache(maxsize=16)
def _load(path: Path) -> dict[str, dict[str, Any]]:
    if path.suffix == ".jsonl":
        out = {}
        for line in path.open(encoding="utf-8"):
            row = json.loads(line)
            out[str(row.get("doc_id") or row.get("guid"))] = row
        return out
    if path.suffix == ".tsv":
        with path.open(encoding="utf-8", newline="") as fh:
            return {f"row:{i}": row for i, row in enumerate(csv.DictReader(fh, delimiter="\t"))}
    if path.suffix == ".csv":
        with path.open(encoding="utf-8-sig", newline="") as fh:
            return {row["id"]: row for row in csv.DictReader(fh)}
    if path.suffix == ".geojson":
        data = json.loads(path.read_text(encoding="utf-8"))
        out = {}
        for f in data["features"]:
            props = dict(f["properties"])
            props["headline"], props["headline_date"] = ged_headline(props.get("source_art", ""))
            out[str(props["id"])] = props
        return out
    raise InputError("unsupported gold source file type", input=str(path))


def gold_input(row: dict[str, Any], data_dir: Path) -> dict[str, Any]:
    """The coder input line for one gold row, with the text read from the shared data."""
    path = data_dir / row["file"]
    if not path.is_file():
        raise InputError("gold source file missing from the shared data folder", input=str(path))
    record = _load(path).get(row["doc_id"])
    if record is None:
        raise InputError(f"document {row['doc_id']!r} not found", input=str(path))
    out = {"id": f"{row['set']}:{row['doc_id']}", "text": record[row["field"]], "language": None}
    if row.get("title_field"):
        out["title"] = record[row["title_field"]]
    published = published_at(record)
    if published:
        out["published_at"] = published
    return out


def published_at(record: dict[str, Any]) -> str | None:
    """The document's publication date as ingestion reads it from the source record, never from
    the gold: a GED headline's own citation date (``source,date,headline``), else the first date
    of GED ``source_date`` (as :mod:`steppewatch.ingest.ucdp` does), else the record's
    ``published_at`` or ``date`` (Global Voices posts, EUvsDisinfo cases). ``None`` where the
    source carries none (NEREL, RuSentNE): the coder then dates from the text alone."""
    value = record.get("headline_date")
    if not value and record.get("source_date"):
        value = next((d.strip() for d in str(record["source_date"]).split(";") if _ISO_DAY.match(d.strip())), None)
    value = value or record.get("published_at") or record.get("date")
    if not value or not _ISO_DAY.match(str(value)):
        return None
    value = str(value).strip().replace(" ", "T", 1)
    if len(value) == 10:
        return value + "T12:00:00+00:00"  # day precision: noon UTC keeps the day in any nearby zone
    return value if value.endswith("Z") or "+" in value[10:] else value + "+00:00"


def load_gold(paths: Iterable[str | Path]) -> list[dict[str, Any]]:
    rows = []
    for p in paths:
        path = Path(p)
        if not path.is_file():
            raise InputError("gold file not found", input=str(path))
        rows.extend(json.loads(line) for line in path.open(encoding="utf-8") if line.strip())
    return rows


@dataclass
class Scores:
    n: int = 0
    category: Counter[tuple[str, str]] = field(default_factory=Counter)  # (gold, pred)
    country: list[bool] = field(default_factory=list)
    actors: Counter[str] = field(default_factory=Counter)  # tp / fp / fn
    date: list[bool] = field(default_factory=list)
    date_text: list[bool] = field(default_factory=list)  # gold dates the text fixes
    fatalities: list[bool] = field(default_factory=list)
    errors: list[dict[str, Any]] = field(default_factory=list)

    def per_category(self) -> dict[str, tuple[float, float, float, int]]:
        labels = sorted({g for g, _ in self.category} | {p for _, p in self.category} - {"none"})
        out = {}
        for lab in labels:
            if lab == "none":
                continue
            tp = self.category[(lab, lab)]
            fp = sum(v for (g, p), v in self.category.items() if p == lab and g != lab)
            fn = sum(v for (g, p), v in self.category.items() if g == lab and p != lab)
            prec = tp / (tp + fp) if tp + fp else 0.0
            rec = tp / (tp + fn) if tp + fn else 0.0
            f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
            out[lab] = (prec, rec, f1, tp + fn)
        return out

    def summary(self) -> dict[str, float | int]:
        per = self.per_category()
        tp, fp, fn = self.actors["tp"], self.actors["fp"], self.actors["fn"]
        ap = tp / (tp + fp) if tp + fp else 0.0
        ar = tp / (tp + fn) if tp + fn else 0.0

        def rate(xs: list[bool]) -> float:
            return sum(xs) / len(xs) if xs else 0.0

        return {
            "documents": self.n,
            "category_macro_f1": sum(f for _, _, f, _ in per.values()) / len(per) if per else 0.0,
            "category_accuracy": sum(v for (g, p), v in self.category.items() if g == p) / self.n if self.n else 0.0,
            "country_accuracy": rate(self.country), "country_n": len(self.country),
            "actor_precision": ap, "actor_recall": ar,
            "actor_f1": 2 * ap * ar / (ap + ar) if ap + ar else 0.0,
            "date_exact": rate(self.date), "date_n": len(self.date),
            "date_exact_text": rate(self.date_text), "date_text_n": len(self.date_text),
            "fatalities_within_10pct": rate(self.fatalities), "fatalities_n": len(self.fatalities),
        }


def score_rows(gold: list[dict[str, Any]], coder: RuleCoder, data_dir: Path, workers: int = 1) -> Scores:
    inputs = [gold_input(r, data_dir) for r in gold]
    return score_outputs(gold, list(code_rows(inputs, coder, workers)))


def score_outputs(gold: list[dict[str, Any]], outputs: list[dict[str, Any]]) -> Scores:
    scores = Scores()
    for row, out in zip(gold, outputs, strict=True):
        _score_one(scores, row, out)
    return scores


def _score_one(scores: Scores, row: dict[str, Any], out: dict[str, Any]) -> None:
    scores.n += 1
    g = row["events"][0] if row["events"] else None
    p = out["events"][0] if out["events"] else None
    gc, pc = (g["category"] if g else "none"), (p["category"] if p else "none")
    scores.category[(gc, pc)] += 1
    wrong: list[str] = [] if gc == pc else [f"category {gc} != {pc}"]
    if g is not None:
        if g.get("country"):
            ok = p is not None and p.get("country") == g["country"]
            scores.country.append(ok)
            if not ok:
                wrong.append(f"country {g['country']} != {p and p.get('country')}")
        gold_a = set(g.get("actors", []))
        pred_a = {a.get("actor_id") for a in (p or {}).get("actors", []) if a.get("actor_id")}
        scores.actors["tp"] += len(gold_a & pred_a)
        scores.actors["fp"] += len(pred_a - gold_a)
        scores.actors["fn"] += len(gold_a - pred_a)
        if gold_a != pred_a:
            wrong.append(f"actors {sorted(gold_a)} != {sorted(pred_a)}")
        if g.get("date"):
            pred_d = ((p or {}).get("date") or {}).get("value")
            ok = bool(pred_d) and (pred_d[:7] == g["date"][:7] if g.get("date_precision") == "month"
                                   else pred_d == g["date"])
            scores.date.append(ok)
            if g.get("date_basis") != "external":
                scores.date_text.append(ok)
            if not ok:
                wrong.append(f"date {g['date']} != {pred_d}")
        if g.get("fatalities") is not None:
            best = (p or {}).get("fatalities", {}).get("best", 0)
            gold_f = g["fatalities"]
            ok = abs(best - gold_f) <= 0.1 * gold_f if gold_f else best == 0
            scores.fatalities.append(ok)
            if not ok:
                wrong.append(f"fatalities {gold_f} != {best}")
    elif p is not None:
        scores.actors["fp"] += 0  # a false event is counted once, under category
    if wrong:
        scores.errors.append({"id": f"{row['set']}:{row['doc_id']}", "split": row.get("split"), "wrong": wrong})


def evaluate(paths: Iterable[str | Path], coder: RuleCoder, data_dir: Path | None = None,
             split: str | None = None, workers: int = 1) -> dict[str, Scores]:
    """Scores overall and per gold set; ``split`` keeps only rows of that split. Each document is
    coded once (on ``workers`` processes)."""
    data_dir = data_dir or shared_data_dir()
    if data_dir is None:
        raise InputError("shared data folder not found; set STEPPEWATCH_SHARED_DATA", input="../shared/data")
    gold = [r for r in load_gold(paths) if split is None or r.get("split") == split]
    outputs = list(code_rows([gold_input(r, data_dir) for r in gold], coder, workers))
    result = {"all": score_outputs(gold, outputs)}
    for name in sorted({r["set"] for r in gold}):
        keep = [i for i, r in enumerate(gold) if r["set"] == name]
        result[name] = score_outputs([gold[i] for i in keep], [outputs[i] for i in keep])
    return result
