"""Excel workbooks in the form layout (issue 17): one region, a column of keys with each
value in the cell to its right, read as a table of one row, problems at the value's cell."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import openpyxl

from smartcity_assess.reading.criteria_file import load_criteria
from smartcity_assess.reading.sources import SourceFile
from smartcity_assess.reading.workbook import read_workbook

from .conftest import EXAMPLES
from .hostile_xlsx import indramayu_row
from .test_xlsx import TINY, located, read_rows, workbook_bytes

Run = Callable[..., Any]


def form(**overrides: Any) -> list[list[Any]]:
    """TINY's form for Indramayu, under a title row, with a label column after the
    values; ``overrides`` replace values (None leaves the cell blank)."""
    fields: dict[str, Any] = {
        "code": "32.12",
        "name": "Kabupaten Indramayu",
        "province": "Jawa Barat",
        "kind": "kabupaten",
        "year": 2018,
        "a.flag": True,
        "a.stage": "some",
        "b.share": 5,
        "b.gap": 20,
    }
    fields.update(overrides)
    rows: list[list[Any]] = [["Smart city readiness: one region"], []]
    rows += [[key, value, f"label of {key}"] for key, value in fields.items()]
    return rows


def test_a_form_is_one_submission() -> None:
    read = read_rows(form())
    assert read.problems == []
    ((submission, line, column),) = read.submissions
    assert (line, column) == (3, 2)  # the code's value cell, B3
    assert submission.code == "32.12" and submission.year == 2018
    assert dict(submission.values.items()) == {
        "a.flag": True,
        "a.stage": "some",
        "b.share": 5.0,
        "b.gap": 20.0,
    }


def test_the_form_and_the_row_layout_read_the_same() -> None:
    rows = form()[2:]
    as_rows = read_rows([[key for key, _, _ in rows], [value for _, value, _ in rows]])
    ((by_row, _, _),) = as_rows.submissions
    ((by_form, _, _),) = read_rows(form()).submissions
    assert by_form == by_row


def test_a_bad_value_is_at_its_cell() -> None:
    read = read_rows(form(**{"a.stage": "half", "b.share": 150}))
    assert located(read.problems) == [
        ("f.xlsx:Data!B9", "unknown-level"),
        ("f.xlsx:Data!B10", "out-of-range"),
    ]
    assert read.submissions == []
    assert len(read.rejected) == 1  # one region left out under --skip-invalid


def test_a_blank_required_value_is_at_its_cell() -> None:
    read = read_rows(form(name=None))
    assert located(read.problems) == [("f.xlsx:Data!B4", "missing-value")]
    assert read.submissions == []


def test_an_unknown_key_is_at_its_cell() -> None:
    rows = form()
    rows.insert(7, ["a.flg", True])
    read = read_rows(rows)
    assert located(read.problems) == [("f.xlsx:Data!A8", "unknown-key")]
    assert "a.flg" in read.problems[0].message()


def test_a_repeated_key_names_its_first_cell() -> None:
    rows = form()
    rows.append(["kind", "kota"])
    read = read_rows(rows)
    assert located(read.problems) == [("f.xlsx:Data!A12", "duplicate-key")]
    assert read.problems[0].message() == "key 'kind' appears twice (first at A6)"


def test_a_value_without_a_key_and_a_formula_are_refused() -> None:
    rows = form(**{"b.gap": "=1+1"})
    rows.append([None, "stray"])
    read = read_rows(rows)
    assert located(read.problems) == [
        ("f.xlsx:Data!B11", "xlsx-formula"),
        ("f.xlsx:Data!B12", "xlsx-syntax"),
    ]
    assert read.submissions == [] and len(read.rejected) == 1


def test_a_code_typed_as_a_number_is_refused() -> None:
    read = read_rows(form(code=32.1))
    assert located(read.problems) == [("f.xlsx:Data!B3", "region-code")]


def test_labels_left_of_the_keys_are_not_read() -> None:
    rows = [[f"({i})", *row] for i, row in enumerate(form()[2:])]
    read = read_rows(rows)
    assert read.problems == []
    assert [(line, column) for _, line, column in read.submissions] == [(1, 3)]


def test_a_sheet_of_neither_layout_is_one_clear_error() -> None:
    read = read_rows([["region", "32.12"], ["name", "Kabupaten Indramayu"]])
    assert located(read.problems) == [("f.xlsx:Data!A1", "xlsx-syntax")]
    message = read.problems[0].message()
    assert "neither layout" in message and "one region a row" in message and "form" in message
    assert read.submissions == []


def test_a_filled_form_scores_as_the_yaml_does(run: Run, tmp_path: Path) -> None:
    columns, values = indramayu_row()
    path = tmp_path / "indramayu.xlsx"
    path.write_bytes(
        workbook_bytes(
            [["Key", "Value"], *([c, v] for c, v in zip(columns, values, strict=True))],
            title="Form",
        )
    )
    result = run("validate", path)
    assert result.exit_code == 0, result.output
    from_xlsx = json.loads(run("score", path, "-f", "json").stdout)["regions"]
    from_yaml = json.loads(run("score", EXAMPLES / "indramayu-2018.yaml", "-f", "json").stdout)
    assert from_xlsx == from_yaml["regions"]


def test_a_bad_form_value_is_reported_at_its_cell_by_validate(run: Run, tmp_path: Path) -> None:
    columns, values = indramayu_row()
    values[columns.index("policy.egov_regulation")] = "passed"
    path = tmp_path / "indramayu.xlsx"
    path.write_bytes(workbook_bytes([[c, v] for c, v in zip(columns, values, strict=True)]))
    result = run("validate", path)
    assert result.exit_code == 1
    row = columns.index("policy.egov_regulation") + 1
    (line,) = [line for line in result.stdout.splitlines() if "error[" in line]
    assert line.startswith(f"{path}:Data!B{row}: error[unknown-level]")


def test_source_file_reads_a_form_directly() -> None:
    raw = workbook_bytes(form())
    read = read_workbook(TINY, SourceFile("g.xlsx", raw))
    assert read.sheet == "Data" and len(read.submissions) == 1


# --- writing: assess template --format xlsx --layout form ---------------------------------


def _form_template(run: Run, tmp_path: Path, *args: str) -> Path:
    path = tmp_path / "form.xlsx"
    result = run("template", "-f", "xlsx", "--layout", "form", "-o", path, *args)
    assert result.exit_code == 0, result.output
    return path


def test_a_blank_form_template_fails_on_exactly_the_required_cells(
    run: Run, tmp_path: Path
) -> None:
    path = _form_template(run, tmp_path)
    criteria = load_criteria().model
    columns, _ = indramayu_row()
    required = ["code", "name", "kind"]
    required += [a for a, (_, i) in criteria.addresses.items() if i.required]
    expected = {f"{path}:Submission!B{columns.index(c) + 2}" for c in required}
    result = run("validate", path)
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert sorted(line.split(": error[")[0] for line in lines) == sorted(expected)
    assert all("error[missing-value]" in line for line in lines)


def test_a_filled_form_template_scores_as_the_yaml_does(run: Run, tmp_path: Path) -> None:
    path = _form_template(run, tmp_path, "--lang", "id")
    columns, values = indramayu_row()
    book = openpyxl.load_workbook(path)
    sheet = book.worksheets[0]
    assert [sheet.cell(row, 1).value for row in range(2, 2 + len(columns))] == columns
    for row, value in enumerate(values, start=2):
        sheet.cell(row, 2, value)
    book.save(path)
    assert run("validate", path).exit_code == 0
    from_xlsx = json.loads(run("score", path, "-f", "json").stdout)["regions"]
    from_yaml = json.loads(run("score", EXAMPLES / "indramayu-2018.yaml", "-f", "json").stdout)
    assert from_xlsx == from_yaml["regions"]


def test_the_form_template_has_its_rules_on_the_value_cells(run: Run, tmp_path: Path) -> None:
    path = _form_template(run, tmp_path)
    sheet = openpyxl.load_workbook(path).worksheets[0]
    columns, _ = indramayu_row()
    rules = {str(r.sqref): r for r in sheet.data_validations.dataValidation}
    kind = rules[f"B{columns.index('kind') + 2}"]
    assert kind.type == "list" and kind.formula1 == '"kabupaten,kota"'
    assert sheet.protection.sheet and not sheet.cell(2, 2).protection.locked
    assert sheet.cell(2, 1).protection.locked  # the keys


def test_the_form_template_is_byte_identical_across_runs(run: Run, tmp_path: Path) -> None:
    first = _form_template(run, tmp_path).read_bytes()
    second = _form_template(run, tmp_path).read_bytes()
    assert first == second


def test_help_names_the_layouts(run: Run) -> None:
    result = run("template", "--help")
    assert result.exit_code == 0
    assert "--layout" in result.output and "form" in result.output
