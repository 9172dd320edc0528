"""Golden files for every command's machine output on the bundled 2018 pool.

These pin the reports byte for byte, so that a change in how they are made (the
layout, the readers, the view models) cannot change what they say unnoticed. A change
of output is a reviewed diff of ``tests/golden/pipeline/`` (``pytest --update-goldens``).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import ROOT

# Paths relative to the project root, where the tests run, so that the reports (which
# name their inputs) do not depend on where the project is checked out.
POOL = "examples/pool-2018"
COHORT_2017 = "examples/cohort-2017.txt"
BATANG = f"{POOL}/33-25-kabupaten-batang.yaml"
LAMPUNG_BARAT = f"{POOL}/18-04-kabupaten-lampung-barat.yaml"


@pytest.fixture(autouse=True)
def _at_root(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)


RANKINGS: dict[str, tuple[str, ...]] = {
    "plain": (),
    "exclude": ("--exclude", COHORT_2017),
    "cap": ("--max-per-province", "3"),
    "exclude-cap": ("--exclude", COHORT_2017, "--max-per-province", "2"),
}
FORMATS = {"table": "txt", "json": "json", "csv": "csv", "markdown": "md"}


def _output(run: Callable[..., Any], *args: str) -> str:
    result = run(*args)
    assert result.exit_code == 0, result.output
    return str(result.stdout)


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("variant", RANKINGS)
def test_rank_outputs_are_golden(
    run: Callable[..., Any], golden: Callable[[str, str], None], variant: str, fmt: str
) -> None:
    text = _output(run, "rank", POOL, "--format", fmt, *RANKINGS[variant])
    golden(f"pipeline/rank-{variant}.{FORMATS[fmt]}", text)


def test_rank_table_in_indonesian_is_golden(
    run: Callable[..., Any], golden: Callable[[str, str], None]
) -> None:
    text = _output(run, "rank", POOL, "--lang", "id", "--max-per-province", "3")
    golden("pipeline/rank-cap.id.txt", text)


COMMANDS: dict[str, tuple[str, ...]] = {
    "score-pool.csv": ("score", POOL, "--format", "csv"),
    "score-batang.json": ("score", BATANG, "--format", "json"),
    "sensitivity.json": (
        "sensitivity",
        POOL,
        "--runs",
        "60",
        "--seed",
        "3",
        "--format",
        "json",
    ),
    "sensitivity-cap.json": (
        "sensitivity",
        POOL,
        "--runs",
        "40",
        "--seed",
        "5",
        "--vary-aggregation",
        "--goalpost-noise",
        "0.1",
        "--max-per-province",
        "3",
        "--format",
        "json",
    ),
    "sensitivity.md": ("sensitivity", POOL, "--runs", "40", "--format", "markdown"),
    "explain-batang.json": ("explain", BATANG, "--pool", POOL, "--format", "json"),
    "explain-lampung-barat.json": (
        "explain",
        LAMPUNG_BARAT,
        "--pool",
        POOL,
        "--format",
        "json",
    ),
    "explain-lampung-barat.md": (
        "explain",
        LAMPUNG_BARAT,
        "--pool",
        POOL,
        "--format",
        "markdown",
    ),
    "explain-bands.json": ("explain", BATANG, "--format", "json"),
}


@pytest.mark.parametrize("name", COMMANDS)
def test_command_outputs_are_golden(
    run: Callable[..., Any], golden: Callable[[str, str], None], name: str
) -> None:
    golden(f"pipeline/{name}", _output(run, *COMMANDS[name]))


@pytest.mark.parametrize("fmt", ["json", "markdown", "csv"])
def test_compare_outputs_are_golden(
    run: Callable[..., Any], golden: Callable[[str, str], None], tmp_path: Path, fmt: str
) -> None:
    old, new = tmp_path / "old.json", tmp_path / "new.json"
    _output(run, "rank", POOL, "--format", "json", "--output", str(old))
    _output(run, "rank", POOL, "--max-per-province", "2", "-f", "json", "-o", str(new))
    text = _output(run, "compare", str(old), str(new), "--format", fmt)
    golden(f"pipeline/compare.{fmt}", text.replace(str(tmp_path), "TMP"))


MIXED_CSV = "tests/data/rank/pool-2018-mixed.csv"
"""The 2018 pool as one CSV table (lines 2-161), then eight rows with mistakes."""


@pytest.mark.parametrize("fmt", ["text", "json"])
def test_csv_problems_are_golden(
    run: Callable[..., Any], golden: Callable[[str, str], None], fmt: str
) -> None:
    result = run("validate", MIXED_CSV, "--format", fmt)
    assert result.exit_code == 1
    golden(f"pipeline/validate-mixed-csv.{fmt}", result.stdout + result.stderr)


def test_csv_pool_ranks_as_golden(
    run: Callable[..., Any], golden: Callable[[str, str], None], tmp_path: Path
) -> None:
    lines = (ROOT / MIXED_CSV).read_text(encoding="utf-8").splitlines(keepends=True)
    table = tmp_path / "pool.csv"
    table.write_text("".join(lines[:161]), encoding="utf-8")
    text = _output(run, "rank", str(table), "--format", "json")
    golden("pipeline/rank-csv.json", text.replace(str(tmp_path), "TMP"))


@pytest.mark.parametrize(("fmt", "suffix"), [("json", "json"), ("markdown", "md")])
def test_mixed_csv_pool_ranks_its_valid_rows_as_golden(
    run: Callable[..., Any], golden: Callable[[str, str], None], fmt: str, suffix: str
) -> None:
    """--skip-invalid leaves out the seven rows with errors, each named, and ranks the
    other 161 (164 has only a warning)."""
    text = _output(run, "rank", MIXED_CSV, "--skip-invalid", "--format", fmt)
    golden(f"pipeline/rank-mixed-skip.{suffix}", text)
