"""Bundled criteria by id (``-c spbe-2020``) and ``assess criteria --list``."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from .conftest import CRITERIA_DIR, EXAMPLES

Run = Callable[..., Any]
IDS = ["gerakan-100-smart-city", "spbe-2020"]


@pytest.mark.parametrize("name", IDS)
def test_bundled_criteria_are_addressable_by_id(run: Run, name: str) -> None:
    by_id = run("criteria", name, "--format", "json")
    by_path = run("criteria", CRITERIA_DIR / f"{name}.yaml", "--format", "json")
    assert by_id.exit_code == 0, by_id.output
    assert json.loads(by_id.stdout)["criteria"]["id"] == name
    assert by_id.stdout == by_path.stdout
    template = run("template", "-c", name)
    assert template.exit_code == 0 and f"criteria: {name}" in template.stdout


def test_the_id_works_wherever_criteria_are_read(run: Run) -> None:
    pool = EXAMPLES / "pool-2018"
    by_id = run("rank", pool, "-c", "gerakan-100-smart-city", "--format", "json")
    default = run("rank", pool, "--format", "json")
    assert by_id.exit_code == 0 and by_id.stdout == default.stdout
    spbe = run("validate", EXAMPLES / "indramayu-2018.yaml", "--criteria", "spbe-2020")
    assert spbe.exit_code == 1 and "error[unknown-key]" in spbe.stdout  # read against SPBE


def test_a_file_of_that_name_wins_over_the_id(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    Path("spbe-2020").write_text("schema_version: 1\nid: [\n", encoding="utf-8")
    result = run("criteria", "spbe-2020")
    assert result.exit_code == 1 and result.output.startswith("spbe-2020:3:1: error[yaml-syntax]")


@pytest.mark.parametrize("name", ["spbe2020", "criteria/nope.yaml"])
def test_neither_a_file_nor_an_id_is_a_usage_error_listing_the_ids(run: Run, name: str) -> None:
    for args in (["criteria", name], ["score", EXAMPLES / "indramayu-2018.yaml", "-c", name]):
        result = run(*args)
        assert result.exit_code == 2, result.output
        assert result.output.count("\n") == 1 and "Traceback" not in result.output
        assert f"criteria {name}: no such file" in result.output
        assert "(bundled: gerakan-100-smart-city, spbe-2020)" in result.output
    indonesian = run("criteria", name, "--lang", "id")
    assert "bukan id kriteria bawaan (bawaan: gerakan-100-smart-city, spbe-2020)" in (
        indonesian.output
    )


def test_list_shows_id_version_title_and_file(run: Run) -> None:
    result = run("criteria", "--list")
    assert result.exit_code == 0, result.output
    header, *rows = result.stdout.splitlines()
    assert header.split() == ["id", "version", "title", "file"]
    assert [row.split()[0] for row in rows] == IDS
    assert rows[0].split()[1] == "2018.1" and "Gerakan Menuju 100 Smart City" in rows[0]
    assert rows[1].split()[1] == "2020.1" and "SPBE index" in rows[1]
    for name, row in zip(IDS, rows, strict=True):
        assert Path(row.split()[-1]).name == f"{name}.yaml" and Path(row.split()[-1]).is_file()
    listed = json.loads(run("criteria", "--list", "--format", "json", "--lang", "id").stdout)
    assert [c["id"] for c in listed["criteria"]] == IDS
    assert listed["criteria"][1]["title"].startswith("Indeks SPBE")


@pytest.mark.parametrize("args", [["--list", "spbe-2020"], ["--list", "--format", "csv"]])
def test_list_refuses_a_file_or_another_format(run: Run, args: list[str]) -> None:
    result = run("criteria", *args)
    assert result.exit_code == 2 and "criteria --list takes no FILE" in result.output
