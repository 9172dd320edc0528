"""Work split over forked workers gives what the same work gives in one process."""

from __future__ import annotations

import pytest

from smartcity_assess import workers

needs_fork = pytest.mark.skipif(not workers.can_fork(), reason="needs fork and two cores")


@needs_fork
def test_forked_map_keeps_the_order_and_sees_this_process() -> None:
    offset = 1000  # a closure: the workers inherit it, nothing pickles it

    def work(item: int) -> tuple[int, int]:
        return item, item * item + offset

    assert list(workers.forked_map(work, range(200), chunksize=7)) == [
        (i, i * i + offset) for i in range(200)
    ]


def test_a_large_machine_starts_a_bounded_number_of_workers(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Each worker forks a copy of the process: 64 cores do not mean 64 copies, nor a
    4 MiB file cut into 64 parts."""
    from smartcity_assess import submission
    from smartcity_assess.loading import SourceFile

    monkeypatch.setattr(workers.os, "cpu_count", lambda: 64)
    monkeypatch.setattr(submission, "can_fork", lambda: True)
    assert workers.worker_count() == workers.MAX_WORKERS
    line = b"32.12,Kabupaten Indramayu,Jawa Barat,kabupaten,2018\n"
    header = b"code,name,province,kind,year\n"
    for size, parts in ((5, 2), (9, 4), (64, workers.MAX_WORKERS)):
        raw = header + line * (size * (1 << 20) // len(line))
        cut = submission._csv_parts(SourceFile("big.csv", raw))
        assert cut is not None and len(cut) == parts, size
        assert cut[0][0] == len(header) and cut[-1][1] == len(raw)
        assert all(raw[end - 1 : end] == b"\n" for _, end in cut)
