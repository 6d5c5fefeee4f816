"""The synthetic demo scenario: an invented but realistic corpus of English and Russian reports.

Every document is labelled synthetic (synthetic outlets, a reserved ``.invalid`` domain, a
``synthetic: true`` field and a closing disclaimer). The same generator makes large corpora
for benchmarks.

>>> rows = list(generate(10, seed=1))
>>> all(r["synthetic"] for r in rows)
True
"""

from __future__ import annotations

from typing import Any

from .generator import DEFAULT_START, DOMAIN, Scenario, generate, write_corpus
from .sources import demo_sources

__all__ = ["DEFAULT_START", "DOMAIN", "Scenario", "demo_sources", "generate", "run_demo", "write_corpus"]


def run_demo(*args: Any, **kwargs: Any) -> dict[str, Any]:
    """See :func:`steppewatch.demo.runner.run_demo` (imported lazily: it pulls in the pipeline)."""
    from .runner import run_demo as _run

    return _run(*args, **kwargs)
