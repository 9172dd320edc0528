"""CSV submissions (SPEC section 2): one row per region, validated exactly like YAML, with
problems at the row's line and the cell's column."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from smartcity_assess.core.criteria import Criteria
from smartcity_assess.core.scoring import score
from smartcity_assess.core.submission import Submission
from smartcity_assess.problems import Problem
from smartcity_assess.reading.criteria_file import load_criteria
from smartcity_assess.reading.sources import SourceFile, parse_csv, parse_yaml
from smartcity_assess.reading.submissions import read_batch, read_csv, validate_document

from .conftest import EXAMPLES, make_criteria

TINY = make_criteria(cohorts=[{"year": 2018, "size": 2}])  # the round of the rows
HEADER = "code,name,province,kind,year,a.flag,a.stage,b.share,b.gap\n"


def read_rows(text: str, criteria: Criteria = TINY) -> tuple[list[Submission], list[Problem]]:
    """Every submission and every problem of a CSV text, as ``read_batch`` would see them."""
    read = read_csv(criteria, SourceFile("f.csv", text.encode()))
    valid, problems = read.submissions, read.problems
    return [submission for submission, _, _ in valid], sorted(problems)


def read_yaml(text: str) -> tuple[Submission | None, list[Problem]]:
    """The submission and problems of a one-document YAML text (the CSV's counterpart)."""
    (document,), _ = parse_yaml(SourceFile("f.yaml", text.encode()))
    return validate_document(TINY, document)


def errors(problems: list[Problem]) -> list[Problem]:
    return [p for p in problems if p.severity == "error"]


# --- reading the table -----------------------------------------------------------------------


def test_rows_keep_the_line_they_start_on() -> None:
    text = 'code,name\n\n32.12,"Kabupaten\nIndramayu"\n,\n32.73,Kota Bandung\n'
    table, problems = parse_csv(SourceFile("f.csv", text.encode()))
    assert problems == [] and table is not None
    assert table.header == ("code", "name")
    # The blank line and the row of empty cells are skipped; a quoted newline stays.
    assert [(row.line, row.cells) for row in table.rows] == [
        (3, ("32.12", "Kabupaten\nIndramayu")),
        (6, ("32.73", "Kota Bandung")),
    ]


def test_structural_problems_are_each_reported() -> None:
    text = "code,name,,code\n32.12,a,b\n32.73,b,c,d\n"
    table, problems = parse_csv(SourceFile("f.csv", text.encode()))
    assert table is not None and len(table.rows) == 1
    assert [(p.line, p.column, p.code, p.key) for p in problems] == [
        (1, 3, "csv-syntax", "csv-empty-column"),
        (1, 4, "duplicate-key", "duplicate-column"),
        (2, 1, "csv-syntax", "csv-row-width"),
    ]
    assert "first as column 1" in problems[1].message()
    assert "3 cell(s), but the header has 4" in problems[2].message()


@pytest.mark.parametrize("raw", [b"", b"\n\n", b" , \n"])
def test_an_empty_csv_is_reported(raw: bytes) -> None:
    table, problems = parse_csv(SourceFile("f.csv", raw))
    assert table is None
    assert [p.code for p in problems] == ["empty"]


def test_bom_and_crlf_are_accepted() -> None:
    raw = (
        b"\xef\xbb\xbf"
        + (HEADER + "32.12,Kabupaten Indramayu,,kabupaten,,true,,,\n")
        .replace("\n", "\r\n")
        .encode()
    )
    read = read_csv(TINY, SourceFile("f.csv", raw))
    valid, problems = read.submissions, read.problems
    assert problems == []
    assert [submission.code for submission, _, _ in valid] == ["32.12"]


# --- rows as submissions ------------------------------------------------------------------------


def test_a_row_is_the_same_submission_as_the_yaml_document() -> None:
    yaml_text = (
        'schema_version: 1\nregion: {code: "32.12", name: Kabupaten Indramayu, '
        "province: Jawa Barat, kind: kabupaten}\nyear: 2018\n"
        "values:\n  a: {flag: true, stage: some}\n  b: {share: 12.5, gap: 7}\n"
    )
    from_yaml, problems = read_yaml(yaml_text)
    assert problems == [] and from_yaml is not None
    (from_csv,), problems = read_rows(
        HEADER + "32.12,Kabupaten Indramayu,Jawa Barat,kabupaten,2018,YA,some,12.5,7\n"
    )
    assert problems == []
    for name in ("code", "name", "province", "kind", "year", "values"):
        assert getattr(from_csv, name) == getattr(from_yaml, name)
    assert from_csv.document == 2  # the row's line


@pytest.mark.parametrize(
    ("cell", "value"),
    [
        *[("true", True), ("Yes", True), ("ya", True), ("1", True)],
        *[("FALSE", False), ("no", False), ("Tidak", False), ("0", False)],
    ],
)
def test_boolean_words(cell: str, value: bool) -> None:
    (submission,), _ = read_rows(HEADER + f"32.12,Kabupaten Indramayu,,kabupaten,,{cell},,,\n")
    assert submission.values["a.flag"] is value


def test_an_empty_cell_is_an_absent_value() -> None:
    (submission,), problems = read_rows(HEADER + "32.12,Kabupaten Indramayu,,kabupaten,,,,3,\n")
    assert errors(problems) == []
    assert submission.values == {"b.share": 3.0}
    assert submission.year is None
    assert submission.province == "Jawa Barat"  # from the registry, as in YAML


def test_cell_problems_point_at_the_row_and_column_and_name_it() -> None:
    text = HEADER + (
        "32.12,Kabupaten Indramayu,,kabupaten,,true,some,1,1\n"
        "32.73,Kota Bandung,,kota,later,maybe,most,150,nan\n"
        "32.10,Kabupaten Majalengka,,,2018,,,abc,inf\n"
    )
    submissions, problems = read_rows(text)
    assert [s.code for s in submissions] == ["32.12"]
    found = [(p.line, p.column, p.code) for p in errors(problems)]
    assert found == [
        (3, 5, "wrong-type"),  # year 'later'
        (3, 6, "wrong-type"),  # flag 'maybe'
        (3, 7, "unknown-level"),  # stage 'most'
        (3, 8, "out-of-range"),  # share 150
        (3, 9, "not-finite"),  # gap nan
        (4, 4, "missing-value"),  # kind empty
        (4, 8, "wrong-type"),  # share 'abc'
        (4, 9, "not-finite"),  # gap inf
    ]
    messages = [p.message() for p in errors(problems)]
    assert messages[1] == (
        "column 'a.flag': expected true or false (or ya/tidak, benar/salah), got the text 'maybe'"
    )
    assert messages[2].startswith("column 'a.stage': unknown level 'most'; allowed: none, some")
    assert messages[5] == "column 'kind': missing required value 'kind'"
    assert problems[0].message("id").startswith("kolom 'year': ")


def test_csv_mistakes_are_the_same_problems_as_in_yaml() -> None:
    yaml_text = (
        'schema_version: 1\nregion: {code: "32.73", name: Kota Bandung, kind: kabupaten}\n'
        "values:\n  a: {flag: maybe, stage: most}\n  b: {share: 150, gap: .nan}\n"
    )
    _, from_yaml = read_yaml(yaml_text)
    _, from_csv = read_rows(HEADER + "32.73,Kota Bandung,,kabupaten,,maybe,most,150,nan\n")
    assert sorted(p.code for p in from_csv) == sorted(p.code for p in from_yaml)
    assert len(from_csv) == 5


def test_unknown_and_missing_columns_are_header_problems() -> None:
    text = "name,kind,a.flg,b.share,notes\nKota Bandung,kota,true,1,x\nKota Bogor,kota,,2,y\n"
    _, problems = read_rows(text)
    found = [(p.line, p.column, p.code, p.message()) for p in problems]
    assert found == [
        (1, 1, "missing-value", "missing required column 'code'"),
        (1, 3, "unknown-key", "unknown column 'a.flg'; did you mean 'a.flag'?"),
        (1, 5, "unknown-key", "unknown column 'notes'"),
    ]


def test_a_missing_required_column_is_reported_once_not_on_every_row() -> None:
    bundled = load_criteria().model
    header = [
        "code",
        "name",
        "kind",
        *(a for a, (_, i) in bundled.addresses.items() if i.required),
    ]
    header.remove("leadership.head_commitment")
    rows = [["32.12", "Kabupaten Indramayu", "kabupaten", *["1"] * (len(header) - 3)]] * 3
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows([header, *rows])
    _, problems = read_rows(buffer.getvalue(), bundled)
    about_column = [p for p in problems if "head_commitment" in p.message()]
    assert [(p.line, p.code) for p in about_column] == [(1, "missing-value")]


# --- in a batch ---------------------------------------------------------------------------------


def test_read_batch_reads_csv_and_finds_a_region_given_twice(tmp_path: Path) -> None:
    (tmp_path / "a.csv").write_text(
        HEADER + "32.12,Kabupaten Indramayu,,kabupaten,,true,,,\n", encoding="utf-8"
    )
    (tmp_path / "b.yaml").write_text(
        'schema_version: 1\nregion: {code: "32.12", name: Kabupaten Indramayu, kind: kabupaten}\n',
        encoding="utf-8",
    )
    batch = read_batch(TINY, [tmp_path])
    assert [s.code for s in batch.submissions] == ["32.12"]
    (duplicate,) = batch.errors
    assert duplicate.code == "duplicate-region" and duplicate.path.endswith("b.yaml")
    assert f"{(tmp_path / 'a.csv').as_posix()}:2" in duplicate.message()


def _as_csv(submissions: list[Submission], criteria: Criteria) -> str:
    """The SPEC section 2 CSV of some submissions."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    addresses = list(criteria.addresses)
    writer.writerow(["code", "name", "province", "kind", "year", *addresses])
    for s in submissions:
        values = [s.values.get(a) for a in addresses]
        cells = [
            "" if v is None else str(v).lower() if isinstance(v, bool) else str(v) for v in values
        ]
        writer.writerow([s.code, s.name, s.province, s.kind, s.year or "", *cells])
    return buffer.getvalue()


def test_the_example_pool_as_one_csv_scores_the_same(tmp_path: Path) -> None:
    criteria = load_criteria().model
    from_yaml = read_batch(criteria, [EXAMPLES / "pool-2018"])
    assert from_yaml.problems == []
    pool_csv = tmp_path / "pool.csv"
    pool_csv.write_text(_as_csv(from_yaml.submissions, criteria), encoding="utf-8")
    from_csv = read_batch(criteria, [pool_csv])
    assert from_csv.problems == []
    totals = {s.code: score(criteria, s).total for s in from_yaml.submissions}
    assert {s.code: score(criteria, s).total for s in from_csv.submissions} == totals


@pytest.mark.parametrize("code", ["\u0663\u0662.\u0661\u0662", "3\uff12.12", "32.1\U0001d7d0"])
def test_a_code_in_other_digits_is_refused(code: str) -> None:
    """Kemendagri codes are ASCII digits; other scripts' digits would otherwise pass as a
    code the registry does not know (and count as a province of their own for the cap)."""
    valid, problems = read_rows(HEADER + f"{code},Kabupaten Indramayu,,kabupaten,,true,,,\n")
    assert valid == []
    assert [p.code for p in errors(problems)] == ["region-code"]


def test_a_code_with_a_line_break_after_it_is_refused() -> None:
    yaml_text = (
        'schema_version: 1\nregion: {code: "32.12\\n", name: Kabupaten Indramayu, '
        "kind: kabupaten}\nvalues:\n  a: {flag: true}\n"
    )
    submission, problems = read_yaml(yaml_text)
    assert submission is None
    assert "region-code" in [p.code for p in errors(problems)]
