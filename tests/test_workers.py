"""Work split over forked workers gives what the same work gives in one process."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from smartcity_assess import workers
from smartcity_assess.criteria import load_criteria
from smartcity_assess.ranking import rank
from smartcity_assess.report.interface import RankResult, ReportOptions
from smartcity_assess.report.json_report import JsonReporter
from smartcity_assess.scoring import score_pool
from smartcity_assess.submission import read_batch

POOL = Path(__file__).resolve().parents[1] / "examples" / "pool-2018"

needs_fork = pytest.mark.skipif(not workers.can_fork(), reason="needs fork and two cores")


@needs_fork
def test_forked_map_keeps_the_order_and_sees_this_process() -> None:
    offset = 1000  # a closure: the workers inherit it, nothing pickles it

    def work(item: int) -> tuple[int, int]:
        return item, item * item + offset

    assert list(workers.forked_map(work, range(200), chunksize=7)) == [
        (i, i * i + offset) for i in range(200)
    ]


@needs_fork
@pytest.mark.parametrize("lang", ["en", "id"])
def test_a_ranking_written_by_workers_is_the_same_bytes(
    monkeypatch: pytest.MonkeyPatch, lang: str
) -> None:
    import smartcity_assess.report.json_report as json_report

    loaded = load_criteria(None)
    model = loaded.model
    batch = read_batch(model, [POOL], parallel=False)
    ranking = rank(model, score_pool(model, batch.valid_submissions()), model.cohorts)
    result = RankResult(loaded, ranking, batch.contents(), batch.skipped())
    options = ReportOptions(lang=lang)  # type: ignore[arg-type]

    def written(parallel_from: int) -> bytes:
        monkeypatch.setattr(json_report, "PARALLEL_BLOCKS", parallel_from)
        return b"".join(JsonReporter().rank(result, options).parts)

    monkeypatch.setattr(json_report, "_BLOCK", 7)  # 160 regions: 23 blocks
    by_workers, here = written(3), written(10**9)
    assert by_workers == here
    monkeypatch.setattr(json_report, "_BLOCK", 8192)
    assert written(10**9) == here  # and the same as one block
    assert json.loads(here)["summary"]["regions"] == len(ranking.regions)


def test_pieces_go_to_a_stream_as_bytes_or_as_text() -> None:
    """``emit`` writes a report's UTF-8 pieces to the bytes beneath a text stream, or,
    for a stream with none (``io.StringIO``), as text; either way after what the
    stream already held."""
    import io

    from smartcity_assess.cli.common import _write
    from smartcity_assess.report.interface import Pieces

    def pieces() -> Pieces:
        return Pieces(iter([b'{"name": "', "Pandangé".encode(), b'"}\n']))

    text = io.StringIO()
    text.write("before\n")
    _write(text, pieces())
    assert text.getvalue() == 'before\n{"name": "Pandangé"}\n'
    raw = io.BytesIO()
    wrapper = io.TextIOWrapper(raw, encoding="utf-8", newline="\n")
    wrapper.write("before\n")
    _write(wrapper, pieces())
    wrapper.flush()
    assert raw.getvalue() == 'before\n{"name": "Pandangé"}\n'.encode()


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
