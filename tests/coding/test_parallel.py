"""Coding on several processes gives the same output, in order, as one process."""

from __future__ import annotations

import os
import threading

from steppewatch.coding.coder import RuleCoder
from steppewatch.coding.output import code_rows
from steppewatch.coding.parallel import map_coder
from steppewatch.coding.stage import CodingStage
from steppewatch.models import Document
from steppewatch.pipeline import Item

TEXTS = ["Taliban attack on Afghan forces kills {n} in northern Kunduz province.",
         "The football club won the cup final on Sunday in Madrid.",
         "Пограничники Киргизии и Таджикистана вступили в перестрелку на границе, погибли {n} человек."]


def rows(n: int) -> list[dict[str, str]]:
    return [{"id": f"r{i}", "text": TEXTS[i % 3].format(n=i % 7 + 2), "published_at": "2022-01-06"} for i in range(n)]


def test_pool_output_equals_serial_output() -> None:
    coder = RuleCoder()
    data = rows(80)  # above parallel.MIN_ITEMS
    assert list(code_rows(data, coder, workers=2)) == list(code_rows(data, coder, workers=1))


def test_stage_with_workers_keeps_order_and_counts() -> None:
    items = [Item(key=f"k{i}", source_id="s", document=Document(id=r["id"], source_id="s", text=r["text"]))
             for i, r in enumerate(rows(70))]
    stage = CodingStage(RuleCoder(), workers=2)
    out = stage.process(items)
    assert [i.key for i in out] == [i.key for i in items]
    assert [bool(i.mentions) for i in out] == [i % 3 != 1 for i in range(70)]
    assert stage.counts["mentions"] == sum(len(i.mentions) for i in out)


def _pid(coder: RuleCoder, x: int) -> int:
    return os.getpid()


def test_no_fork_while_other_threads_run() -> None:
    stop = threading.Event()
    t = threading.Thread(target=stop.wait)
    t.start()
    try:
        pids = list(map_coder(_pid, list(range(80)), RuleCoder(), 2))
    finally:
        stop.set()
        t.join()
    assert set(pids) == {os.getpid()}


def test_large_inputs_are_coded_in_worker_processes() -> None:
    assert os.getpid() not in set(map_coder(_pid, list(range(80)), RuleCoder(), 2))
