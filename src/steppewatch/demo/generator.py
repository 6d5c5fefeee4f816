"""The synthetic corpus: a deterministic, streaming stream of JSONL rows.

Time runs over 78 weeks from ``start``. Each day gets a share of the documents (weekdays
busier than weekends, a mild seasonal swing, and a planted surge week), and each day's
underlying events are reported by one to five synthetic outlets in English or Russian, some
as syndicated near-copies. Nothing is held in memory beyond the current event.
"""

from __future__ import annotations

import itertools
import json
import math
import random
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from ..models import stable_id
from . import scenes
from .sources import _OUTLETS, SYNDICATOR
from .writer import render, slots

DEFAULT_START = date(2024, 1, 1)
WEEKS = 78
DOMAIN = "https://demo.steppewatch.invalid"
_WEEKDAY = (1.15, 1.2, 1.2, 1.15, 1.05, 0.65, 0.55)
_SURGE_FACTOR = 2.5
_SURGE_SHARE = 0.65  # share of the surge week's events that are Batken border clashes
_REPORTS = (1, 1, 1, 1, 2, 2, 2, 3, 3, 4)
_OUTLET_CUM = list(itertools.accumulate(o[4] for o in _OUTLETS))


@dataclass
class Scenario:
    """What the generator planted, for tests and analysis checks."""

    seed: int
    docs: int
    start: date
    end: date
    surge_week: date  # Monday of the surge week
    surge_country: str = "KG"
    surge_admin1: str = "KG-B"
    surge_region: str = "Batken region"
    surge_category: str = "border"
    events: int = 0
    documents: int = 0
    by_category: Counter[str] = field(default_factory=Counter)
    by_language: Counter[str] = field(default_factory=Counter)
    by_marking: Counter[str] = field(default_factory=Counter)
    surge_events_by_week: Counter[date] = field(default_factory=Counter)  # Batken border events per week

    @classmethod
    def plan(cls, docs: int, seed: int = 7, start: date = DEFAULT_START) -> Scenario:
        start = start - timedelta(days=start.weekday())
        week = random.Random(f"surge:{seed}").randint(50, 70)
        return cls(seed, docs, start, start + timedelta(weeks=WEEKS, days=-1), start + timedelta(weeks=week))

    def week_of(self, day: date) -> date:
        return day - timedelta(days=day.weekday())

    def to_dict(self) -> dict[str, Any]:
        return {
            "seed": self.seed, "docs": self.docs, "start": self.start.isoformat(), "end": self.end.isoformat(),
            "surge_week": self.surge_week.isoformat(), "surge_country": self.surge_country,
            "surge_admin1": self.surge_admin1, "surge_category": self.surge_category, "events": self.events,
            "documents": self.documents, "by_category": dict(self.by_category),
            "by_language": dict(self.by_language), "by_marking": dict(self.by_marking),
        }


def _quotas(sc: Scenario) -> list[int]:
    days = (sc.end - sc.start).days + 1
    weights = []
    for i in range(days):
        day = sc.start + timedelta(days=i)
        w = _WEEKDAY[day.weekday()] * (1 + 0.2 * math.sin(2 * math.pi * (day.timetuple().tm_yday - 80) / 365))
        if sc.week_of(day) == sc.surge_week:
            w *= _SURGE_FACTOR
        weights.append(w)
    total, cum, out, done = sum(weights), 0.0, [], 0
    for w in weights:
        cum += w
        target = round(sc.docs * cum / total)
        out.append(target - done)
        done = target
    return out


def generate(docs: int, seed: int = 7, start: date = DEFAULT_START, *, scenario: Scenario | None = None
             ) -> Iterator[dict[str, Any]]:
    """Yield ``docs`` JSONL rows of the synthetic scenario, deterministically from ``seed``."""
    sc = scenario or Scenario.plan(docs, seed, start)
    rng = random.Random(seed)
    cats, cat_cum = list(scenes.WEIGHTS), list(itertools.accumulate(scenes.WEIGHTS.values()))
    n = 0
    for offset, quota in enumerate(_quotas(sc)):
        day = sc.start + timedelta(days=offset)
        surge_day = sc.week_of(day) == sc.surge_week
        while quota > 0:
            surge = surge_day and rng.random() < _SURGE_SHARE
            category = "border" if surge else rng.choices(cats, cum_weights=cat_cum)[0]
            scene = scenes.border(rng, surge=True) if surge else scenes.BUILDERS[category](rng)
            reports = min(quota, rng.choice(_REPORTS) + (1 if surge else 0))
            quota -= reports
            sc.events += 1
            sc.by_category[category] += 1
            if category == "border" and scene.region.iso == sc.surge_admin1:
                sc.surge_events_by_week[sc.week_of(day)] += 1
            for row in _reports(rng, sc, scene, day, reports, n):
                n += 1
                sc.documents += 1
                sc.by_language[row["language"]] += 1
                sc.by_marking[row["marking"]] += 1
                yield row


def _reports(rng: random.Random, sc: Scenario, scene: scenes.Scene, day: date, k: int, n: int
             ) -> Iterator[dict[str, Any]]:
    event = f"demo-{sc.seed}-{sc.events}"
    truth = {
        "event": event, "category": scene.category, "subtype": scene.subtype, "country": scene.country,
        "admin1": scene.region.iso, "place": scene.town.en, "geonameid": scene.town.geonameid,
        "date": day.isoformat(), "killed": scene.killed, "injured": scene.injured, "arrested": scene.arrested,
    }
    cache: dict[str, dict[str, str]] = {}
    first: dict[str, Any] | None = None
    used: set[str] = set()
    for i in range(k):
        syndicate = first is not None and first["marking"] in ("clear", "green") and rng.random() < 0.3
        if syndicate and first is not None:
            sid, name, _, marking, _ = SYNDICATOR
            lang, lag = first["language"], first["_lag"] + rng.choice((0, 1))
            note = (_T_SYN[lang]).format(origin=first["_source_name"])
            title, text = first["title"], note + "\n\n" + first["text"]
        else:
            for _ in range(4):
                sid, name, langs, marking, _ = rng.choices(_OUTLETS, cum_weights=_OUTLET_CUM)[0]
                if sid not in used:
                    break
            lang = langs[0] if len(langs) == 1 or rng.random() < 0.6 else langs[1]
            lag = rng.choice((0, 0, 0, 1, 1, 2))
            d = cache.get(lang) or cache.setdefault(lang, slots(scene, lang))
            title, text = render(scene, d, lang, day, lag, rng)
            if marking == "red" and rng.random() < 0.5:
                marking = "amber+strict"
        used.add(sid)
        pub = day + timedelta(days=lag)
        url = f"{DOMAIN}/{sid}/{pub.isoformat().replace('-', '/')}/{n + i}"
        row = {
            "id": stable_id("url", url), "url": url, "title": title, "text": text, "language": lang,
            "published_at": f"{pub.isoformat()}T{6 + (n + i) % 15:02d}:{(n * 7 + i) % 60:02d}:00+00:00",
            "source": sid, "marking": marking, "synthetic": True,
            "truth": {**truth, "syndicated": syndicate},
        }
        if first is None:
            first = {**row, "_lag": lag, "_source_name": name}
        yield row


_T_SYN = {"en": "This report was first published by {origin}.", "ru": "Материал впервые опубликован изданием {origin}."}


def write_corpus(path: str | Path, docs: int, seed: int = 7, start: date = DEFAULT_START) -> Scenario:
    """Write the corpus as JSONL to ``path`` (streaming) and return what was planted."""
    sc = Scenario.plan(docs, seed, start)
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    dumps = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode
    with path.open("w", encoding="utf-8") as fh:
        buf: list[str] = []
        for row in generate(docs, seed, start, scenario=sc):
            buf.append(dumps(row))
            if len(buf) >= 256:
                fh.write("\n".join(buf) + "\n")
                buf.clear()
        if buf:
            fh.write("\n".join(buf) + "\n")
    return sc
