"""Excel workbooks (issue 17): .xlsx submissions read as CSV tables are, problems at
``file.xlsx:Sheet!C12``, the Excel form of ``assess template`` and the ranking workbook."""

from __future__ import annotations

import builtins
import io
import json
import shutil
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from smartcity_assess.problems import Problem
from smartcity_assess.reading.criteria_file import load_criteria
from smartcity_assess.reading.sources import SourceFile
from smartcity_assess.reading.submissions import FileRead, read_csv
from smartcity_assess.reading.workbook import read_workbook
from smartcity_assess.report.xlsx_report import ZIP_TIME

from .conftest import EXAMPLES, make_criteria
from .hostile_xlsx import indramayu_row

Run = Callable[..., Any]
TINY = make_criteria(cohorts=[{"year": 2018, "size": 2}])
HEADER = ["code", "name", "province", "kind", "year", "a.flag", "a.stage", "b.share", "b.gap"]


def workbook_bytes(rows: list[list[Any]], title: str = "Data") -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = title
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def read_rows(rows: list[list[Any]], title: str = "Data") -> FileRead:
    return read_workbook(TINY, SourceFile("f.xlsx", workbook_bytes(rows, title)))


def located(problems: list[Problem]) -> list[tuple[str, str]]:
    return [(p.where, p.code) for p in sorted(problems)]


# --- reading ------------------------------------------------------------------------------


def test_typed_cells_are_read_as_their_values() -> None:
    read = read_rows(
        [
            HEADER,
            ["32.12", "Kabupaten Indramayu", "Jawa Barat", "kabupaten", 2018, True, "some", 5, 20],
            ["32.73", "Kota Bandung", None, "kota", "2018", "ya", "full", "5.5", 7.25],
        ]
    )
    assert read.problems == []
    (first, _, _), (second, line, column) = read.submissions
    assert (line, column) == (3, 1)
    assert dict(first.values.items()) == {
        "a.flag": True,
        "a.stage": "some",
        "b.share": 5.0,
        "b.gap": 20.0,
    }
    assert dict(second.values.items()) == {
        "a.flag": True,
        "a.stage": "full",
        "b.share": 5.5,
        "b.gap": 7.25,
    }
    assert second.year == 2018 and second.province == "Jawa Barat"  # from the registry


def test_problems_are_at_their_cells_with_the_csv_codes() -> None:
    """The same table as CSV and as a workbook: the same problems at the same cells."""
    rows = [
        HEADER,
        ["32.12", "Kabupaten Indramayu", "", "kabupaten", "2018", "maybe", "half", "150", "x"],
        ["32.73", "Kota Bandung", "", "kabupaten", "1800", "true", "none", "nan", ""],
    ]
    text = "".join(",".join(row) + "\n" for row in rows)
    from_csv = read_csv(TINY, SourceFile("f.csv", text.encode()))
    from_xlsx = read_rows([[cell or None for cell in row] for row in rows])
    assert sorted((p.line, p.column, p.code, p.key) for p in from_csv.problems) == sorted(
        (p.line, p.column, p.code, p.key) for p in from_xlsx.problems
    )
    assert [p.message() for p in sorted(from_csv.problems)] == [
        p.message() for p in sorted(from_xlsx.problems)
    ]
    assert located(from_xlsx.problems)[:2] == [
        ("f.xlsx:Data!F2", "wrong-type"),
        ("f.xlsx:Data!G2", "unknown-level"),
    ]


def test_a_sheet_name_that_needs_quotes_is_quoted() -> None:
    read = read_rows(
        [HEADER, ["32.12", "Kabupaten Indramayu", None, "kabupaten", 2018, "x"]], "Data 2018"
    )
    assert located(read.problems) == [("f.xlsx:'Data 2018'!F2", "wrong-type")]


def test_typed_values_meet_the_same_rules() -> None:
    read = read_rows(
        [
            HEADER,
            ["32.12", "Kabupaten Indramayu", None, "kabupaten", 2018.5, 1, 2, True, 20],
            [32.1, 3212, None, "kota", None, None, None, None, None],
        ]
    )
    assert located(read.problems) == [
        ("f.xlsx:Data!E2", "wrong-type"),  # a year is whole
        ("f.xlsx:Data!F2", "wrong-type"),  # a yes/no is not the number 1
        ("f.xlsx:Data!G2", "unknown-level"),  # the level '2'
        ("f.xlsx:Data!H2", "wrong-type"),  # a number is not a boolean
        ("f.xlsx:Data!A3", "region-code"),
        ("f.xlsx:Data!B3", "wrong-type"),
    ]
    code = next(p for p in read.problems if p.column == 1)
    assert "format the column as Text" in code.message()


def test_title_rows_above_the_header_and_blank_rows_are_passed_over() -> None:
    read = read_rows(
        [
            ["Smart-city readiness 2018"],
            [],
            HEADER,
            [],
            ["32.12", "Kabupaten Indramayu", None, "kabupaten", None, True, "some", 5, 20],
        ]
    )
    assert read.problems == []
    assert [(s.code, line) for s, line, _ in read.submissions] == [("32.12", 5)]


def test_formulas_are_refused_and_the_row_left_out() -> None:
    read = read_rows(
        [
            HEADER,
            ["32.12", "Kabupaten Indramayu", None, "kabupaten", 2018, True, "some", "=2+3", 20],
            ["32.73", "Kota Bandung", None, "kota", 2018, True, "some", 5, 20],
        ]
    )
    assert located(read.problems) == [("f.xlsx:Data!H2", "xlsx-formula")]
    assert "=2+3" in read.problems[0].message()
    assert [s.code for s, _, _ in read.submissions] == ["32.73"]
    assert [[p.where for p in errors] for errors in read.rejected] == [["f.xlsx:Data!H2"]]


def test_a_formula_in_a_required_cell_is_said_once() -> None:
    tiny = make_criteria(
        cohorts=[{"year": 2018, "size": 2}],
        factors=[
            {
                "id": "b",
                "weight": 1,
                "indicators": [
                    {
                        "id": "share",
                        "type": "number",
                        "required": True,
                        "goalposts": {"worst": 0, "best": 10},
                    }
                ],
            }
        ],
    )
    raw = workbook_bytes(
        [["code", "name", "kind", "b.share"], ["32.12", "Kabupaten Indramayu", "kabupaten", "=A1"]]
    )
    read = read_workbook(tiny, SourceFile("f.xlsx", raw))
    assert located(read.problems) == [("f.xlsx:Data!D2", "xlsx-formula")]


def test_merged_cells_are_refused_in_each_row_they_cover() -> None:
    book = openpyxl.load_workbook(
        io.BytesIO(
            workbook_bytes(
                [
                    HEADER,
                    [
                        "32.12",
                        "Kabupaten Indramayu",
                        "Jawa Barat",
                        "kabupaten",
                        2018,
                        True,
                        "some",
                        5,
                        20,
                    ],
                    ["32.73", "Kota Bandung", None, "kota", 2018, True, "some", 5, 20],
                    [
                        "32.04",
                        "Kabupaten Bandung",
                        "Jawa Barat",
                        "kabupaten",
                        2018,
                        True,
                        "some",
                        5,
                        20,
                    ],
                ]
            )
        )
    )
    sheet = book.active
    assert sheet is not None
    sheet.merge_cells("C2:C3")
    buffer = io.BytesIO()
    book.save(buffer)
    read = read_workbook(TINY, SourceFile("f.xlsx", buffer.getvalue()))
    assert located(read.problems) == [("f.xlsx:Data!C2", "xlsx-merged")]
    assert [s.code for s, _, _ in read.submissions] == ["32.04"]
    assert len(read.rejected) == 2


def test_a_value_outside_the_table_is_refused() -> None:
    read = read_rows(
        [
            HEADER,
            [
                "32.12",
                "Kabupaten Indramayu",
                None,
                "kabupaten",
                2018,
                True,
                "some",
                5,
                20,
                None,
                "x",
            ],
        ]
    )
    assert located(read.problems) == [("f.xlsx:Data!K2", "xlsx-syntax")]
    assert read.submissions == []


def test_dates_are_read_as_their_text() -> None:
    import datetime as dt

    read = read_rows(
        [
            HEADER,
            [
                "32.12",
                "Kabupaten Indramayu",
                None,
                "kabupaten",
                2018,
                True,
                "some",
                dt.datetime(2018, 3, 1),
                20,
            ],
        ]
    )
    (found,) = read.problems
    assert found.where == "f.xlsx:Data!H2"
    assert "got the text '2018-03-01'" in found.message()


@pytest.mark.parametrize(
    ("raw", "key"),
    [
        (b"", "xlsx-not-zip"),
        (b"code,name\n", "xlsx-not-zip"),
        (b"PK\x03\x04broken", "xlsx-not-zip"),
    ],
)
def test_what_is_not_a_workbook_is_one_problem(raw: bytes, key: str) -> None:
    read = read_workbook(TINY, SourceFile("f.xlsx", raw))
    assert [(p.where, p.code, p.key) for p in read.problems] == [("f.xlsx", "xlsx-syntax", key)]


def test_a_zip_that_is_not_a_workbook_is_unreadable() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("hello.txt", "hello")
    read = read_workbook(TINY, SourceFile("f.xlsx", buffer.getvalue()))
    assert [(p.code, p.key) for p in read.problems] == [("xlsx-syntax", "xlsx-unreadable")]


def test_the_row_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    from smartcity_assess.reading import workbook

    monkeypatch.setattr(workbook, "MAX_ROWS", 2)
    read = read_rows([HEADER, ["32.12"], ["32.73"]])
    assert located(read.problems) == [("f.xlsx:Data!A3", "too-large")]
    assert "more than 2 rows" in read.problems[0].message()


# --- through the CLI ------------------------------------------------------------------------


def test_a_folder_reads_its_workbooks(run: Run, tmp_path: Path) -> None:
    columns, row = indramayu_row()
    other = ["32.73", "Kota Bandung", "Jawa Barat", "kota", *row[4:]]
    (tmp_path / "pool.xlsx").write_bytes(workbook_bytes([columns, other]))
    shutil.copy(EXAMPLES / "indramayu-2018.yaml", tmp_path)
    (tmp_path / "scores.ods").write_bytes(b"PK")
    result = run("validate", tmp_path)
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines()[0] == (
        f"{tmp_path.as_posix()}/scores.ods: skipped: not a YAML, CSV or .xlsx submission (.ods); "
        "save it as .xlsx or export the sheet as CSV"
    )
    assert "2 file(s), 2 region(s): no problems" in result.stderr


def test_skip_invalid_names_the_rows_left_out(run: Run, tmp_path: Path) -> None:
    columns, row = indramayu_row()
    bad = list(row)
    bad[0], bad[1] = "32.73", "Kota Bandung"
    bad[3] = "kota"
    bad[columns.index("budget.ict_budget_share")] = "=1"
    path = tmp_path / "pool.xlsx"
    path.write_bytes(workbook_bytes([columns, row, bad], "Pool"))
    result = run("rank", path, "--skip-invalid", "-f", "json")
    assert result.exit_code == 0, result.output
    assert f"{path}:Pool!3:3" in result.stderr
    assert f"{path}:Pool!J3: error[xlsx-formula]" in result.stderr
    ranked = json.loads(result.stdout)
    assert [r["code"] for r in ranked["regions"]] == ["32.12"]
    assert [s["line"] for s in ranked["skipped"]] == [3]


def test_duplicate_regions_are_said_with_their_cells(run: Run, tmp_path: Path) -> None:
    columns, row = indramayu_row()
    path = tmp_path / "pool.xlsx"
    path.write_bytes(workbook_bytes([columns, row, row]))
    result = run("validate", path)
    assert result.exit_code == 1
    assert f"{path}:Data!A3: error[duplicate-region]" in result.stdout
    assert f"{path}:Data!2:2" in result.stdout


def test_problem_formats_carry_the_cell(run: Run, tmp_path: Path) -> None:
    path = tmp_path / "f.xlsx"
    path.write_bytes(
        workbook_bytes([["code", "name", "kind"], ["32.12", "Kabupaten Indramayu", "x"]])
    )
    data = json.loads(run("validate", path, "-f", "json").stdout)
    first = data["problems"][0]
    assert (first["sheet"], first["line"], first["column"]) == ("Data", 1, 1)
    assert "cell" in first
    github = run("validate", path, "-f", "github").stdout
    assert github.startswith(f"::error file={path},title=missing-value::Data!A1: ")


# --- the template round trip -------------------------------------------------------------


def _template(run: Run, tmp_path: Path, *args: str) -> Path:
    path = tmp_path / "form.xlsx"
    result = run("template", "-f", "xlsx", "-o", path, *args)
    assert result.exit_code == 0, result.output
    return path


def test_a_blank_form_fails_on_exactly_the_required_cells(run: Run, tmp_path: Path) -> None:
    path = _template(run, tmp_path)
    criteria = load_criteria().model
    columns, _ = indramayu_row()
    required = ["code", "name", "kind"]
    required += [a for a, (_, i) in criteria.addresses.items() if i.required]
    from openpyxl.utils import get_column_letter

    expected = {f"{path}:Submission!{get_column_letter(columns.index(c) + 1)}3" for c in required}
    result = run("validate", path)
    assert result.exit_code == 1
    found = [line.split(": error[")[0] for line in result.stdout.splitlines()]
    assert sorted(found) == sorted(expected)
    assert all("error[missing-value]" in line for line in result.stdout.splitlines())


def _fill(path: Path) -> None:
    columns, row = indramayu_row()
    book = openpyxl.load_workbook(path)
    sheet = book.worksheets[0]
    header = [cell.value for cell in sheet[2]]
    assert header == columns
    for column, value in enumerate(row, start=1):
        sheet.cell(3, column, value)
    book.save(path)


def test_a_filled_form_scores_as_the_yaml_does(run: Run, tmp_path: Path) -> None:
    path = _template(run, tmp_path)
    _fill(path)
    result = run("validate", path)
    assert result.exit_code == 0, result.output
    from_xlsx = json.loads(run("score", path, "-f", "json").stdout)["regions"]
    from_yaml = json.loads(run("score", EXAMPLES / "indramayu-2018.yaml", "-f", "json").stdout)[
        "regions"
    ]
    assert from_xlsx == from_yaml


def test_the_form_in_indonesian(run: Run, tmp_path: Path) -> None:
    path = _template(run, tmp_path, "--lang", "id")
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == ["Pengajuan", "Indikator", "Daftar"]
    form = book["Pengajuan"]
    assert form["A1"].value == "Kode wilayah (PP.RR)" and form["A2"].value == "code"
    _fill(path)
    assert run("validate", path).exit_code == 0


def test_the_form_has_lists_ranges_and_a_locked_header(run: Run, tmp_path: Path) -> None:
    path = _template(run, tmp_path)
    book = openpyxl.load_workbook(path)
    form = book["Submission"]
    assert form.freeze_panes == "A3" and form.protection.sheet
    assert form["A2"].protection.locked and not form["A3"].protection.locked
    assert form["A3"].number_format == "@"  # a code stays text
    rules = {str(rule.sqref).split(":")[0]: rule for rule in form.data_validations.dataValidation}
    columns, _ = indramayu_row()
    from openpyxl.utils import get_column_letter

    def rule(name: str) -> Any:
        return rules[f"{get_column_letter(columns.index(name) + 1)}3"]

    assert rule("kind").formula1 == '"kabupaten,kota"'
    assert rule("leadership.deputy_involvement").formula1 == '"true,false"'
    assert rule("leadership.head_commitment").type == "list"
    share = rule("budget.ict_budget_share")
    assert (share.type, share.operator) == ("decimal", "between")
    indicators = book["Indicators"]
    assert [c.value for c in indicators[1]][:4] == ["column", "factor", "indicator", "meaning"]
    assert indicators.max_row == 1 + 5 + len(load_criteria().model.addresses)


def test_workbooks_are_byte_identical_across_runs(run: Run, tmp_path: Path) -> None:
    first = _template(run, tmp_path).read_bytes()
    second = _template(run, tmp_path).read_bytes()
    assert first == second
    with zipfile.ZipFile(io.BytesIO(first)) as archive:
        assert {entry.date_time for entry in archive.infolist()} == {ZIP_TIME}
        core = archive.read("docProps/core.xml").decode()
    assert "2000-01-01T00:00:00Z" in core
    ranked = [
        run("rank", EXAMPLES / "pool-2018", "-f", "xlsx", "-o", tmp_path / f"r{i}.xlsx")
        for i in range(2)
    ]
    assert all(r.exit_code == 0 for r in ranked)
    assert (tmp_path / "r0.xlsx").read_bytes() == (tmp_path / "r1.xlsx").read_bytes()


def test_the_ranking_workbook(run: Run, tmp_path: Path) -> None:
    path = tmp_path / "ranking.xlsx"
    result = run("rank", EXAMPLES / "pool-2018", "-f", "xlsx", "-o", path)
    assert result.exit_code == 0, result.output
    as_csv = run("rank", EXAMPLES / "pool-2018", "-f", "csv").stdout.splitlines()
    book = openpyxl.load_workbook(path)
    sheet = book["Ranking"]
    assert sheet.auto_filter.ref == f"A1:X{len(as_csv)}"
    rows = list(sheet.iter_rows(values_only=True))
    assert list(rows[0]) == as_csv[0].split(",")
    assert len(rows) == len(as_csv)
    first = dict(zip(rows[0], rows[1], strict=True))
    assert isinstance(first["rank"], int) and isinstance(first["score"], float)
    assert first["eligible"] is True
    assert any(
        "not an official instrument" in str(r[0]) for r in book["About"].iter_rows(values_only=True)
    )


def test_the_indonesian_ranking_workbook_holds_numbers_as_numbers(run: Run, tmp_path: Path) -> None:
    """Under --lang id the headings may speak Indonesian, but a score is a number a
    spreadsheet sorts, not the text '66,79'."""
    english, indonesian = tmp_path / "en.xlsx", tmp_path / "id.xlsx"
    assert run("rank", EXAMPLES / "pool-2018", "-f", "xlsx", "-o", english).exit_code == 0
    made = run("rank", EXAMPLES / "pool-2018", "-f", "xlsx", "--lang", "id", "-o", indonesian)
    assert made.exit_code == 0, made.output

    def values(path: Path) -> list[tuple[Any, ...]]:
        sheet = openpyxl.load_workbook(path).worksheets[0]  # 'Ranking' / 'Peringkat'
        return list(sheet.iter_rows(min_row=2, values_only=True))

    header = next(openpyxl.load_workbook(english).worksheets[0].iter_rows(values_only=True))
    score = list(header).index("score")

    def numbers(rows: list[tuple[Any, ...]]) -> list[list[Any]]:
        return [[v for v in row if isinstance(v, int | float)] for row in rows]

    assert numbers(values(indonesian)) == numbers(values(english))  # labels may differ
    assert all(isinstance(row[score], float) for row in values(indonesian)[:10])


def test_a_workbook_goes_to_stdout_when_it_is_not_a_terminal(run: Run) -> None:
    result = run("template", "-f", "xlsx")
    assert result.exit_code == 0
    assert result.stdout_bytes.startswith(b"PK\x03\x04")


def test_help_lists_xlsx_where_it_applies(run: Run) -> None:
    assert "xlsx" in run("template", "--help").stdout
    assert "xlsx" in run("rank", "--help").stdout
    assert run("score", "-f", "xlsx", EXAMPLES / "indramayu-2018.yaml").exit_code == 2


@pytest.fixture
def no_openpyxl(monkeypatch: pytest.MonkeyPatch) -> None:
    real = builtins.__import__

    def refuse(name: str, *args: Any, **kwargs: Any) -> Any:
        if name == "openpyxl" or name.startswith("openpyxl."):
            raise ImportError("No module named 'openpyxl'")
        return real(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", refuse)


@pytest.mark.parametrize(
    "args",
    [
        ["template", "-f", "xlsx", "-o", "form.xlsx"],
        ["rank", str(EXAMPLES / "pool-2018"), "-f", "xlsx", "-o", "ranking.xlsx"],
        ["validate", "form.xlsx"],
    ],
)
def test_without_the_extra_an_install_hint(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, args: list[str], no_openpyxl: None
) -> None:
    monkeypatch.chdir(tmp_path)
    with zipfile.ZipFile(tmp_path / "form.xlsx", "w") as archive:  # a zip: it gets that far
        archive.writestr("xl/workbook.xml", "<workbook/>")
    result = run(*args)
    assert result.exit_code == 2, result.output
    assert "pip install 'smartcity-assess[xlsx]'" in result.stderr
    assert "Traceback" not in result.output
    assert not (tmp_path / "ranking.xlsx").exists()


def test_a_workbook_is_not_written_to_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    import sys

    from smartcity_assess.cli.common import binary_output
    from smartcity_assess.errors import UsageError

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    monkeypatch.setattr(sys, "stdout", Terminal())
    with pytest.raises(UsageError) as refused:
        binary_output(None)
    assert refused.value.key == "usage-binary-terminal"
    binary_output(Path("ranking.xlsx"))  # a file is fine


def test_a_long_level_list_goes_on_the_lists_sheet() -> None:
    from smartcity_assess.report.xlsx_report import template_workbook

    levels = [{"id": f"stage_number_{i:02d}"} for i in range(30)]  # over 255 characters
    criteria = make_criteria(
        factors=[
            {
                "id": "a",
                "weight": 1,
                "indicators": [
                    {"id": "stage", "type": "level", "required": True, "levels": levels}
                ],
            }
        ]
    )
    book = openpyxl.load_workbook(io.BytesIO(template_workbook(criteria, "en")))
    lists = book["Lists"]
    assert lists.sheet_state == "hidden"
    assert [row[0] for row in lists.iter_rows(values_only=True)] == [lv["id"] for lv in levels]
    rule = next(
        r for r in book["Submission"].data_validations.dataValidation if str(r.sqref) == "F3:F602"
    )
    assert rule.formula1 == "'Lists'!$A$1:$A$30"
