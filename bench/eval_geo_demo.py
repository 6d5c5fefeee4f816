"""Event place of the synthetic demo reports against the place the generator planted.

    .venv/bin/python bench/eval_geo_demo.py [--docs 1000] [--seed 7] [--show 15]

Generates the demo corpus in memory (the same rows ``steppewatch demo --docs N --seed S``
writes to ``data/demo/corpus.jsonl``), geoparses title + text of each report, takes the
document's event place and compares it with the row's ``truth`` (country; and the planted
town, which counts as right when the chosen place lies within 161 km of it, as in
``steppewatch eval geo``). With ``--mentions`` it also runs the rule coder (which asks the
geoparser for each mention's sentence) and scores every mention's country, as the pipeline
stores it. Prints the shares right and the most frequent wrong choices.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from steppewatch.demo.generator import generate  # noqa: E402
from steppewatch.geo import Geoparser  # noqa: E402
from steppewatch.geo.resolver import haversine_km  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--docs", type=int, default=1000)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--show", type=int, default=15, help="how many wrong choices to list")
    ap.add_argument("--mentions", action="store_true", help="also score the rule coder's mentions")
    args = ap.parse_args()
    gp = Geoparser.default()
    town_at = {e.id: (e.lat, e.lon) for e in gp.gazetteer.places.values() if e.lat is not None}
    n = country_ok = near_ok = near_n = none = 0
    wrong: Counter[tuple[str, str, str]] = Counter()
    by_lang: Counter[tuple[str, bool]] = Counter()
    started = time.perf_counter()
    for row in generate(args.docs, args.seed):
        truth = row["truth"]
        text = f"{row['title']}\n\n{row['text']}"
        event = gp.event_place(gp.parse(text, row["language"]), text)
        n += 1
        ok = event is not None and event.country == truth["country"]
        country_ok += ok
        by_lang[(row["language"], ok)] += 1
        if event is None:
            none += 1
            wrong[("-", "-", truth["country"])] += 1
            continue
        if not ok:
            wrong[(event.text or "", f"{event.name} ({event.country})", truth["country"])] += 1
        at = town_at.get(truth.get("geonameid") or -1)
        if at is not None:
            near_n += 1
            if event.lat is not None and haversine_km(at[0], at[1], event.lat, event.lon) <= 161:  # type: ignore[arg-type]
                near_ok += 1
    secs = time.perf_counter() - started
    print(f"demo docs={n} seed={args.seed} ({secs:.1f} s)")
    print(f"event country right: {country_ok}/{n} = {country_ok / n:.3f}; no event place: {none}")
    for lang in sorted({k[0] for k in by_lang}):
        tot = by_lang[(lang, True)] + by_lang[(lang, False)]
        print(f"  {lang}: {by_lang[(lang, True)]}/{tot} = {by_lang[(lang, True)] / tot:.3f}")
    if near_n:
        print(f"event place within 161 km of the planted town: {near_ok}/{near_n} = {near_ok / near_n:.3f}")
    print("most frequent wrong choices (surface, resolved as, true country):")
    for (surface, resolved, cc), k in wrong.most_common(args.show):
        print(f"  {k:4d}  {surface!r:32} {resolved:36} truth {cc}")
    if args.mentions:
        _mentions(gp, args)


def _mentions(gp: Geoparser, args: argparse.Namespace) -> None:
    from datetime import datetime

    from steppewatch.coding.coder import RuleCoder
    from steppewatch.models import Document

    coder = RuleCoder(geoparser=gp)
    n = ok = 0
    wrong: Counter[tuple[str, str, str]] = Counter()
    for row in generate(args.docs, args.seed):
        doc = Document(id=row["id"], source_id=row["source"], text=row["text"], title=row["title"],
                       language=row["language"], published_at=datetime.fromisoformat(row["published_at"]))
        for cm in coder.code(doc).mentions:
            m = cm.mention
            got = m.place.country if m.place is not None and m.place.country else cm.country
            n += 1
            if got == row["truth"]["country"]:
                ok += 1
            else:
                p = m.place
                wrong[((p.text or "") if p else "-", f"{p.name} ({p.country})" if p else "-",
                       row["truth"]["country"])] += 1
    print(f"mention country right (rule coder + geoparser): {ok}/{n} = {ok / max(n, 1):.3f}")
    for (surface, resolved, cc), k in wrong.most_common(args.show):
        print(f"  {k:4d}  {surface!r:32} {resolved:36} truth {cc}")


if __name__ == "__main__":
    main()
