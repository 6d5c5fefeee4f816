"""The rule coder on the synthetic demo reports, against the event the generator planted.

    .venv/bin/python bench/eval_coding_demo.py [--docs 1000] [--seed 7] [--corpus PATH] [--show 15]

Reads ``--corpus`` (the ``data/demo/corpus.jsonl`` that ``steppewatch demo`` writes) or, without
it, generates the same rows in memory. Each report is coded as ``steppewatch code`` codes it
(title, text, publication date; geoparser on) and its main event is compared with the row's
``truth``: category (a planted ``other`` report, not security news, must give no event), and over
the reports with an event: country, date (day) and killed (within +/-10 %; zero must be zero). Every
mention is scored too: a mention whose category or country differs from the planted event is a
background sentence coded as an event (or a wrongly placed one).

The demo corpus is generated from our own templates, so this is an integration check of the
coder with the geoparser, not evidence of accuracy on real text (see ``steppewatch eval coding``).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from steppewatch.coding.output import default_coder, document_from_json, event_json, group_mentions  # noqa: E402


def rows(args: argparse.Namespace) -> Iterator[dict[str, Any]]:
    if args.corpus:
        with Path(args.corpus).open(encoding="utf-8") as fh:
            for i, line in enumerate(fh):
                if i >= args.docs:
                    return
                yield json.loads(line)
        return
    from steppewatch.demo.generator import generate

    yield from generate(args.docs, args.seed)


def _killed_ok(got: int | None, want: int) -> bool:
    got = got or 0
    return abs(got - want) <= 0.1 * want if want else got == 0


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--docs", type=int, default=1000)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--corpus", help="a demo corpus.jsonl (default: generate --docs rows in memory)")
    ap.add_argument("--show", type=int, default=15, help="how many frequent errors to list")
    ap.add_argument("--json", action="store_true", help="print the shares as JSON")
    args = ap.parse_args()
    coder = default_coder()
    started = time.perf_counter()
    n = scored = 0
    right: Counter[str] = Counter()
    mentions = mentions_ok = 0
    errors: dict[str, Counter[tuple[str, ...]]] = {k: Counter() for k in
                                                   ("category", "country", "date", "killed", "mention")}
    for row in rows(args):
        truth = row["truth"]
        doc = document_from_json(row)
        result = coder.code(doc)
        groups = group_mentions(result)
        n += 1
        main_event = event_json(groups[0]) if groups else None
        want_category = None if truth["category"] == "other" else truth["category"]
        got_category = main_event["category"] if main_event else None
        if got_category == want_category:
            right["category"] += 1
        else:
            errors["category"][(str(want_category), str(got_category), row["language"], doc.title or "")] += 1
        for cm in result.mentions:
            mentions += 1
            if cm.mention.category == want_category and cm.country == truth["country"]:
                mentions_ok += 1
            else:
                sentence = cm.mention.evidence.text if cm.mention.evidence else ""
                errors["mention"][(f"{cm.mention.category}/{cm.country}",
                                   f"truth {want_category}/{truth['country']}", sentence[:100])] += 1
        if want_category is None:
            continue
        scored += 1
        got = {
            "country": main_event["country"] if main_event else None,
            "date": (main_event["date"] or {}).get("value") if main_event else None,
        }
        for key, want in (("country", truth["country"]), ("date", truth["date"])):
            if got[key] == want:
                right[key] += 1
            else:
                errors[key][(truth["category"], str(want), str(got[key]), row["language"])] += 1
        killed = (main_event["fatalities"] or {}).get("best") if main_event else None
        if _killed_ok(killed, truth["killed"] or 0):
            right["killed"] += 1
        else:
            errors["killed"][(truth["category"], str(truth["killed"]), str(killed), row["language"])] += 1
    secs = time.perf_counter() - started
    shares = {"category": round(right["category"] / max(n, 1), 3)}
    shares.update({k: round(right[k] / max(scored, 1), 3) for k in ("country", "date", "killed")})
    shares["mentions_right"] = round(mentions_ok / max(mentions, 1), 3)
    if args.json:
        print(json.dumps({"docs": n, "with_event": scored, "mentions": mentions, **shares}))
        return
    print("SYNTHETIC demo corpus (our own templates): an integration check, not real-text accuracy.")
    print(f"docs={n} with a planted event={scored} mentions={mentions} ({secs:.1f} s)")
    print(f"main event category right: {right['category']}/{n} = {shares['category']:.3f} (no event for 'other')")
    for key in ("country", "date", "killed"):
        print(f"main event {key:8} right: {right[key]}/{scored} = {shares[key]:.3f}")
    print(f"mentions with the planted category and country: {mentions_ok}/{mentions} = {shares['mentions_right']:.3f}")
    for key, counter in errors.items():
        if counter and args.show:
            print(f"most frequent {key} errors:")
            for parts, k in counter.most_common(args.show):
                print(f"  {k:4d}  " + " | ".join(parts))


if __name__ == "__main__":
    main()
