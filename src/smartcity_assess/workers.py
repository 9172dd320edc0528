"""Work split over forked worker processes, with results in input order.

A forked worker inherits this process's memory, so the function it runs may close over
anything (the criteria, a whole ranking); only the items and the results are pickled.
Nothing depends on which worker is faster: results come back in the order of the items.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Sequence
from typing import Any, TypeVar

T = TypeVar("T")
R = TypeVar("R")

_TASK: list[Callable[[Any], Any]] = []


MAX_WORKERS = 8
"""At most this many workers: each forks a copy of a possibly large process, and the
work shared out here is never so large that more would pay."""


def can_fork() -> bool:
    """More than one core, and a platform that can fork (not Windows; macOS can)."""
    import multiprocessing

    return (os.cpu_count() or 1) > 1 and "fork" in multiprocessing.get_all_start_methods()


def worker_count() -> int:
    """How many workers a map starts at most: one per core, up to ``MAX_WORKERS``."""
    return max(1, min(os.cpu_count() or 2, MAX_WORKERS))


def forked_map(
    function: Callable[[T], R],
    items: Sequence[T],
    *,
    chunksize: int = 1,
) -> Iterator[R]:
    """``map(function, items)``, computed by forked workers: one per core (at most
    ``worker_count()``) and never more than there are chunks of ``items``.

    One map at a time: the workers find ``function`` where this process left it before
    forking."""
    import multiprocessing

    workers = max(1, min(worker_count(), -(-len(items) // chunksize)))
    _TASK[:] = [function]
    try:
        with multiprocessing.get_context("fork").Pool(workers) as pool:
            yield from pool.imap(_run, items, chunksize)
    finally:
        _TASK.clear()


def _run(item: Any) -> Any:
    return _TASK[0](item)
