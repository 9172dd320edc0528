"""Progress of a long ``sensitivity`` run: the core reports each batch of runs, and the
command shows a transient bar on stderr when stderr is a terminal (as ``rank`` does)."""

from __future__ import annotations

import io
from collections.abc import Callable
from typing import Any

import pytest
from rich.console import Console

from smartcity_assess.cli.common import FileProgress
from smartcity_assess.core import sensitivity
from smartcity_assess.core.ranking import rank
from smartcity_assess.core.scoring import score
from smartcity_assess.core.sensitivity import Settings, analyse
from smartcity_assess.reading.criteria_file import load_criteria

from .conftest import EXAMPLES
from .test_sensitivity import TINY_CRITERIA, random_pool

Run = Callable[..., Any]


def test_the_core_reports_each_batch_and_its_result_does_not_change(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    criteria = load_criteria(TINY_CRITERIA).model
    pool = random_pool(criteria, 30, seed=4, absent=0.0)
    ranking = rank(criteria, [score(criteria, s) for s in pool], criteria.cohorts)
    settings = Settings(runs=45, seed=3)
    quiet = analyse(criteria, ranking, settings, criteria.cohorts)
    factors = len(criteria.factors)
    monkeypatch.setattr(sensitivity, "CHUNK_CELLS", 30 * factors * 10)  # 10 runs a batch
    calls: list[tuple[int, int]] = []
    told = analyse(criteria, ranking, settings, criteria.cohorts, lambda *a: calls.append(a))
    assert calls == [(10, 45), (20, 45), (30, 45), (40, 45), (45, 45)]
    assert told == quiet


def test_the_bar_shows_on_a_terminal_only_and_not_for_one_batch() -> None:
    def shown(terminal: bool, steps: list[int]) -> str:
        out = io.StringIO()
        with FileProgress(Console(file=out, force_terminal=terminal), "Runs", 1) as bar:
            for done in steps:
                bar(done, steps[-1])
        return out.getvalue()

    assert "Runs" in shown(True, [100, 200, 300])
    assert shown(False, [100, 200, 300]) == ""
    assert shown(True, [300]) == ""  # all done in the first batch: nothing to watch


@pytest.mark.parametrize(("env", "expected"), [({"FORCE_COLOR": "1"}, True), ({}, False)])
def test_the_command_shows_it_when_stderr_is_a_terminal(
    run: Run, monkeypatch: pytest.MonkeyPatch, env: dict[str, str], expected: bool
) -> None:
    # rich takes FORCE_COLOR as "this is a terminal"; small batches make several of them.
    monkeypatch.setattr(sensitivity, "CHUNK_CELLS", 160 * 8 * 20)
    pool = EXAMPLES / "pool-2018"
    result = run("sensitivity", pool, "--runs", "100", "-f", "json", "--lang", "id", env=env)
    assert result.exit_code == 0, result.output
    assert ("Menyimulasikan putaran" in result.stderr) is expected
    assert "Menyimulasikan" not in result.stdout
