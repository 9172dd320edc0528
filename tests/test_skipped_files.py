"""A file in a folder of submissions that is not read (a spreadsheet, a note) is named on
stderr with the reason, under every command that reads folders; hidden ones stay silent."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from smartcity_assess.reading.sources import discover, passed_over

from .conftest import EXAMPLES

Run = Callable[..., Any]


@pytest.fixture
def pool(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Three submissions, and beside them what people drop into such a folder."""
    monkeypatch.chdir(tmp_path)
    folder = Path("pool")
    (folder / "notes").mkdir(parents=True)
    (folder / ".git").mkdir()
    for source in sorted((EXAMPLES / "pool-2018").glob("1*.yaml"))[:3]:
        shutil.copy(source, folder)
    for name in ("budget.xls", "scores.ods", "notes/readme.txt", "LICENSE"):
        (folder / name).write_bytes(b"PK\x03\x04")
    for name in (".DS_Store", ".git/config.yaml", ".git/HEAD"):
        (folder / name).write_text("x: 1\n", encoding="utf-8")
    return folder


EXPECTED = [
    "pool/LICENSE: skipped: not a YAML, CSV or .xlsx submission (no suffix)",
    "pool/budget.xls: skipped: not a YAML, CSV or .xlsx submission (.xls); save it as .xlsx "
    "or export the sheet as CSV",
    "pool/notes/readme.txt: skipped: not a YAML, CSV or .xlsx submission (.txt)",
    "pool/scores.ods: skipped: not a YAML, CSV or .xlsx submission (.ods); save it as .xlsx "
    "or export the sheet as CSV",
]


@pytest.mark.parametrize(
    "command",
    [["validate"], ["rank", "--format", "json"], ["sensitivity", "--runs", "5", "-f", "json"]],
)
def test_every_skipped_file_is_named_with_the_reason(
    run: Run, pool: Path, command: list[str]
) -> None:
    result = run(*command, pool)
    assert result.exit_code == 0, result.output
    lines = result.stderr.splitlines()
    assert [line for line in lines if ": skipped: " in line] == EXPECTED
    assert ".git" not in result.stderr and ".DS_Store" not in result.stderr
    assert ".xls" not in result.stdout  # the report itself is unchanged


def test_in_indonesian(run: Run, pool: Path) -> None:
    result = run("validate", pool, "--lang", "id")
    assert (
        "pool/budget.xls: dilewati: bukan pengajuan YAML, CSV atau .xlsx (.xls); simpan sebagai "
        ".xlsx atau ekspor lembar kerjanya sebagai CSV"
    ) in result.stderr.splitlines()
    assert "pool/LICENSE: dilewati: bukan pengajuan YAML, CSV atau .xlsx (tanpa akhiran)" in (
        result.stderr
    )


def test_a_folder_of_nothing_readable_names_its_files_then_fails(run: Run, tmp_path: Path) -> None:
    (tmp_path / "budget.ods").write_bytes(b"PK")
    result = run("validate", tmp_path)
    assert result.exit_code == 2
    assert result.stderr.splitlines()[0].endswith(
        "budget.ods: skipped: not a YAML, CSV or .xlsx submission (.ods); save it as .xlsx or "
        "export the sheet as CSV"
    )
    assert "no submission files found" in result.stderr


def test_a_file_named_explicitly_is_read_whatever_its_suffix(run: Run, pool: Path) -> None:
    result = run("validate", pool / "budget.xls")
    assert result.exit_code == 1 and "skipped" not in result.stderr


def test_hidden_folders_are_not_searched(pool: Path) -> None:
    found = [display for _, display in discover([pool])]
    assert len(found) == 3 and all(".git" not in name for name in found)
    assert [p.as_posix() for p in passed_over([pool])] == [line.split(":")[0] for line in EXPECTED]


def test_the_validate_summary_counts_the_skipped_files(run: Run, pool: Path) -> None:
    # Not "no problems" as if all seven files had been checked: three were, four were not.
    result = run("validate", pool)
    assert result.exit_code == 0
    assert result.stderr.splitlines()[-1] == (
        "3 file(s), 3 region(s): no problems; "
        "4 other file(s) skipped, not checked (not YAML, CSV or .xlsx)"
    )
    indonesian = run("validate", pool, "--lang", "id")
    assert indonesian.stderr.splitlines()[-1] == (
        "3 berkas, 3 wilayah: tidak ada masalah; "
        "4 berkas lain dilewati, tidak diperiksa (bukan YAML, CSV atau .xlsx)"
    )


def test_the_summary_counts_them_beside_the_problems_too(run: Run, pool: Path) -> None:
    (pool / "broken.yaml").write_text("region: [\n", encoding="utf-8")
    result = run("validate", pool)
    assert result.exit_code == 1
    last = result.stderr.splitlines()[-1]
    assert last.startswith("4 file(s): 1 error(s), 0 warning(s); 4 other file(s) skipped"), last


def test_without_skipped_files_the_summary_says_nothing_of_them(run: Run) -> None:
    result = run("validate", EXAMPLES / "pool-2018")
    assert result.stderr.splitlines()[-1] == "160 file(s), 160 region(s): no problems"
