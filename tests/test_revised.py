"""Revised submissions: a region submitted more than once in a pool, each copy with a
``submitted`` date, is ranked from the latest; every older copy is replaced, with a
``revised-submission`` warning at it and a ``replaced`` entry in the report (issue 16)."""

from __future__ import annotations

import datetime
import json
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from smartcity_assess.reading.criteria_file import load_criteria
from smartcity_assess.reading.submissions import read_batch

from .conftest import EXAMPLES

Run = Callable[..., Any]

BANDA_ACEH = EXAMPLES / "pool-2018" / "11-71-kota-banda-aceh.yaml"
ORIGINAL_SHARE = "    ict_budget_share: 2.6\n"
REVISED_SHARE = "    ict_budget_share: 0.4\n"


def dated(text: str, submitted: str | None, share: str = ORIGINAL_SHARE) -> str:
    """Banda Aceh's submission with a ``submitted`` date (none: as it is) and a budget share."""
    assert ORIGINAL_SHARE in text and "year: 2018\n" in text
    text = text.replace(ORIGINAL_SHARE, share)
    if submitted is None:
        return text
    return text.replace("year: 2018\n", f"year: 2018\nsubmitted: {submitted}\n")


def pool(tmp_path: Path, original: str | None, revised: str | None) -> tuple[Path, Path, Path]:
    """The example pool with Banda Aceh's submission dated ``original``, and a revision
    of it (a lower budget share) dated ``revised`` in a file of its own."""
    folder = tmp_path / "pool"
    shutil.copytree(EXAMPLES / "pool-2018", folder)
    text = BANDA_ACEH.read_text(encoding="utf-8")
    first = folder / BANDA_ACEH.name
    first.write_text(dated(text, original), encoding="utf-8")
    second = tmp_path / "revision.yaml"
    second.write_text(dated(text, revised, REVISED_SHARE), encoding="utf-8")
    return folder, first, second


def banda_aceh(report: dict[str, Any]) -> dict[str, Any]:
    return next(r for r in report["regions"] if r["code"] == "11.71")


def test_the_latest_submission_is_scored_and_the_older_one_reported(
    run: Run, tmp_path: Path
) -> None:
    folder, first, second = pool(tmp_path, "2018-03-01", "2018-04-15")
    result = run("rank", folder, second, "--format", "json")
    assert result.exit_code == 0, result.output
    line = first.read_text(encoding="utf-8").splitlines().index('  code: "11.71"') + 1
    assert (
        f"{folder}/{first.name}:{line}:9: warning[revised-submission]: region 11.71 submitted "
        f"2018-03-01 is replaced by the revision submitted 2018-04-15 at {second}:5"
    ) in result.stderr
    report = json.loads(result.stdout)
    assert report["replaced"] == [
        {
            "code": "11.71",
            "path": f"{folder}/{first.name}",
            "line": line,
            "submitted": "2018-03-01",
            "by": {"path": str(second), "line": 5, "submitted": "2018-04-15"},
        }
    ]
    # The revision's values are the ones scored: the same card as the pool ranked with
    # the revision in place of the original.
    alone = tmp_path / "alone"
    shutil.copytree(folder, alone)
    (alone / first.name).unlink()
    expected = json.loads(run("rank", alone, second, "--format", "json").stdout)
    assert banda_aceh(report) == banda_aceh(expected)
    assert report["cohorts"] == expected["cohorts"]
    original = json.loads(run("rank", EXAMPLES / "pool-2018", "--format", "json").stdout)
    assert banda_aceh(report)["score"] < banda_aceh(original)["score"]
    assert "replaced" not in original  # a pool with no revision: the report as before


def test_the_order_of_the_files_does_not_change_the_report(run: Run, tmp_path: Path) -> None:
    """The revision first or last, and the older copy in a later or earlier file."""
    folder, _, second = pool(tmp_path, "2018-04-15", "2018-03-01")
    forward = run("rank", folder, second, "--format", "json")
    backward = run("rank", second, folder, "--format", "json")
    assert forward.exit_code == backward.exit_code == 0, forward.output
    assert forward.stdout == backward.stdout
    replaced = json.loads(forward.stdout)["replaced"]
    assert [r["path"] for r in replaced] == [str(second)]  # the older copy, wherever it is


def test_the_same_date_is_a_duplicate(run: Run, tmp_path: Path) -> None:
    folder, _, second = pool(tmp_path, "2018-04-15", "2018-04-15")
    result = run("validate", folder, second)
    assert result.exit_code == 1
    assert "error[duplicate-region]: region 11.71 is also submitted at" in result.output
    assert "give each a different 'submitted' date (YYYY-MM-DD): the latest is used" in (
        result.output
    )
    assert "revised-submission" not in result.output


def test_undated_or_half_dated_copies_are_duplicates(run: Run, tmp_path: Path) -> None:
    for original, revised in ((None, None), ("2018-03-01", None), (None, "2018-03-01")):
        folder, _, second = pool(tmp_path / f"{original}-{revised}", original, revised)
        result = run("validate", folder, second)
        assert result.exit_code == 1, (original, revised)
        assert result.output.count("error[duplicate-region]") == 1
        assert "revised-submission" not in result.output


def test_validate_shows_the_warning(run: Run, tmp_path: Path) -> None:
    folder, _, second = pool(tmp_path, "2018-03-01", "2018-04-15")
    result = run("validate", folder, second)
    assert result.exit_code == 0, result.output
    assert result.output.count("warning[revised-submission]") == 1
    strict = run("validate", "--strict", folder, second)
    assert strict.exit_code == 1


def test_two_documents_of_one_file(run: Run, tmp_path: Path) -> None:
    text = BANDA_ACEH.read_text(encoding="utf-8")
    path = tmp_path / "both.yaml"
    revised = dated(text, "2018-05-02", REVISED_SHARE)
    path.write_text(revised + "---\n" + dated(text, "2018-05-01"), encoding="utf-8")
    result = run("validate", path)
    assert result.exit_code == 0, result.output
    second_code = len(revised.splitlines()) + 1 + 5  # '---', then the region's code
    assert (
        f"{path}:{second_code}:9: warning[revised-submission]: region 11.71 submitted "
        f"2018-05-01 is replaced by the revision submitted 2018-05-02 at {path}:5"
    ) in result.output
    batch = read_batch(load_criteria().model, [path])
    assert [s.values["budget.ict_budget_share"] for s in batch.submissions] == [0.4]


def test_csv_rows(run: Run, tmp_path: Path) -> None:
    template = run("template", "--format", "csv")
    header = template.stdout.splitlines()[0].split(",")
    row = dict.fromkeys(header, "")
    row.update(code="32.12", name="Kabupaten Indramayu", kind="kabupaten", year="2018")
    for address, value in {
        "leadership.head_commitment": "signed_mou",
        "budget.ict_budget_share": "1.4",
        "policy.egov_regulation": "enacted",
        "planning.rpjmd_smart_city": "mentioned",
        "internet.coverage_4g_population": "82.5",
        "it_staff.it_graduate_staff": "52",
        "applications.public_service_apps": "12",
        "infrastructure.data_centre": "dedicated",
    }.items():
        row[address] = value
    lines = [",".join([*header, "submitted"])]
    for share, submitted in (("2.5", "2018-06-30"), ("1.4", "2018-01-31")):
        cells = {**row, "budget.ict_budget_share": share}
        lines.append(",".join([*(cells[name] for name in header), submitted]))
    path = tmp_path / "pool.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = run("validate", path)
    assert result.exit_code == 0, result.output
    assert (
        f"{path}:3:1: warning[revised-submission]: region 32.12 submitted 2018-01-31 is "
        f"replaced by the revision submitted 2018-06-30 at {path}:2"
    ) in result.output
    batch = read_batch(load_criteria().model, [path])
    assert [s.values["budget.ict_budget_share"] for s in batch.submissions] == [2.5]
    assert [(r.line, r.by_line) for r in batch.replaced] == [(3, 2)]


def test_an_invalid_date_is_an_error_at_it(run: Run, tmp_path: Path) -> None:
    text = BANDA_ACEH.read_text(encoding="utf-8")
    for given in ("2018-02-30", "31/03/2018", "2018-3-1"):
        path = tmp_path / "bad.yaml"
        path.write_text(dated(text, given), encoding="utf-8")
        result = run("validate", path)
        assert result.exit_code == 1, given
        line = dated(text, given).splitlines().index(f"submitted: {given}") + 1
        assert (
            f"{path}:{line}:12: error[invalid-date]: 'submitted' must be a date written "
            f"YYYY-MM-DD (such as 2025-03-31), got {given}"
        ) in result.output


def test_the_readable_reports_list_the_replaced_submissions(run: Run, tmp_path: Path) -> None:
    folder, first, second = pool(tmp_path, "2018-03-01", "2018-04-15")
    line = first.read_text(encoding="utf-8").splitlines().index('  code: "11.71"') + 1
    entry = (
        f"11.71 at {folder}/{first.name}:{line} (submitted 2018-03-01) replaced by "
        f"{second}:5 (submitted 2018-04-15)"
    )
    heading = "Revised submissions: 1 replaced by a later 'submitted' date of the same region:"
    markdown = run("rank", folder, second, "--format", "markdown")
    assert f"> {heading}\n> - {entry}\n" in markdown.stdout
    wide = run("rank", folder, second, env={"COLUMNS": "400"})
    assert f"{heading}\n{entry}\n" in wide.stdout
    html = run("rank", folder, second, "--format", "html")
    assert heading.replace("'", "&#39;") in html.stdout
    plain = run("rank", EXAMPLES / "pool-2018", "--format", "markdown")
    assert "Revised submissions" not in plain.stdout


def test_a_workbook_date_cell(run: Run, tmp_path: Path) -> None:
    """A spreadsheet's date cell is read as its ISO day, text cells as in CSV."""
    openpyxl = pytest.importorskip("openpyxl")
    addresses = list(load_criteria().model.addresses)
    values: dict[str, object] = {
        "leadership.head_commitment": "signed_mou",
        "policy.egov_regulation": "enacted",
        "planning.rpjmd_smart_city": "mentioned",
        "internet.coverage_4g_population": 82.5,
        "it_staff.it_graduate_staff": 52,
        "applications.public_service_apps": 12,
        "infrastructure.data_centre": "dedicated",
    }
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Pool"
    sheet.append(["code", "name", "province", "kind", "year", "submitted", *addresses])
    for share, submitted in ((2.5, datetime.datetime(2018, 6, 30)), (1.4, "2018-01-31")):
        cells = {**values, "budget.ict_budget_share": share}
        row = ["32.12", "Kabupaten Indramayu", None, "kabupaten", 2018, submitted]
        sheet.append([*row, *(cells.get(a) for a in addresses)])
    path = tmp_path / "pool.xlsx"
    book.save(path)
    result = run("validate", path)
    assert result.exit_code == 0, result.output
    assert (
        f"{path}:Pool!A3: warning[revised-submission]: region 32.12 submitted 2018-01-31 is "
        f"replaced by the revision submitted 2018-06-30 at {path}:Pool!2:2"
    ) in result.output
    batch = read_batch(load_criteria().model, [path])
    assert [s.values["budget.ict_budget_share"] for s in batch.submissions] == [2.5]
