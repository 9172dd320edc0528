"""A CSV table is read a column at a time, by the rules a YAML document goes through.

``read_csv`` types each column, validates it with the validator of its field in the
submission model, and applies the region rules and the suspicious-value warnings to
the rows. The reference here reads every row the other way: as a document of the
shape of a YAML submission, through ``validate_document`` (the YAML path). Both must
give the same submissions, in the same order, at the same positions, and the same
problems.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any
from unittest.mock import patch

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from smartcity_assess.core.criteria import Criteria
from smartcity_assess.core.submission import RowValues
from smartcity_assess.problems import Problem
from smartcity_assess.reading import submissions
from smartcity_assess.reading.criteria_file import load_criteria
from smartcity_assess.reading.sources import CsvDocument, SourceFile, parse_csv
from smartcity_assess.reading.submissions import (
    _cell_problems,
    _csv_header,
    _typed_column,
    read_csv,
    validate_document,
)

from .conftest import TESTS, make_criteria

TINY = make_criteria(cohorts=[{"year": 2018, "size": 2}])  # the round of the rows
BUNDLED = load_criteria(None).model

CODES = ["32.12", "32.73", "32.72", "31.71", "32.12.05", "32.12.05.2001", "99.99", "32.1"]
CODES += ["3212", "32.12 ", "", "32.70", "11.01"]
NAMES = ["Kabupaten Indramayu", "Indramayu", "kabupaten  indramayu", "Kota Bandung", "X", ""]
PROVINCES = ["", "Jawa Barat", "jawa  barat", "Jawa Tengah", "DKI Jakarta"]
KINDS = ["kabupaten", "kota", "Kabupaten", "", "city"]
YEARS = ["", "2018", "+2018", "1899", "2201", "20x8", "2018.0", "0002018"]
BOOLEANS = ["", "true", "TRUE", "Ya", "tidak", "0", "1", "yes", "no", "maybe", "T"]
BOOLEANS += ["BENAR", "salah", "Salah", "iya", "tida\u212a"]  # a Kelvin sign: no ASCII k

NUMBERS = ["", "0", "5", "10", "50", "27.5", "-1", "1e2", "1E2", ".5", "5.", "+3", "nan"]
NUMBERS += ["inf", "-Infinity", "1e999", "1_000", "١٢", "0x10", "1,5", "101", "5 5"]
NUMBERS += ["\u22122"]  # a minus sign, not a hyphen
NUMBERS += ["78,5", ",5", "1.234", "12,500", "0,125", "1.234.567", "1.234,5", "1,"]


def _cells(criteria: Criteria) -> list[st.SearchStrategy[str]]:
    strategies = [
        st.sampled_from(CODES),
        st.sampled_from(NAMES),
        st.sampled_from(PROVINCES),
        st.sampled_from(KINDS),
        st.sampled_from(YEARS),
    ]
    for _, indicator in criteria.indicators():
        if indicator.type == "boolean":
            strategies.append(st.sampled_from(BOOLEANS))
        elif indicator.type == "level":
            strategies.append(st.sampled_from(["", *indicator.level_scores, "unknown", "NONE"]))
        else:
            strategies.append(st.sampled_from(NUMBERS))
    return strategies


def _header(criteria: Criteria) -> list[str]:
    return ["code", "name", "province", "kind", "year", *criteria.addresses]


def _text(header: list[str], rows: list[list[str]]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue().encode()


def _as_documents(criteria: Criteria, raw: bytes) -> tuple[list[Any], list[Problem]]:
    """Every row of the table as a document, each cell typed as ``read_csv`` types it,
    an empty cell left out (an absent value), validated as a YAML document is."""
    source = SourceFile("pool.csv", raw)
    table, problems = parse_csv(source)
    if table is None:
        return [], problems
    columns, header_problems = _csv_header(criteria, table)
    problems = problems + header_problems
    if not table.rows and not problems:
        return [], read_csv(criteria, source).problems  # the warning of a table of no rows
    valid = []
    for row in table.rows:
        data: dict[str, Any] = {"schema_version": 1, "region": {}, "values": {}}
        for factor in criteria.factors:
            data["values"][factor.id] = {}
        cells = {}
        for loc, column in columns.items():
            text = row.cells[column - 1]
            if not text:
                continue
            cells[loc] = text
            indicator = criteria.addresses[f"{loc[1]}.{loc[2]}"][1] if loc[0] == "values" else None
            value = _typed_column(loc, indicator, (text,))[0]
            if loc[0] == "region":
                data["region"][loc[1]] = value
            elif loc == ("year",):
                data["year"] = value
            else:
                data["values"][loc[1]][loc[2]] = value
        document = CsvDocument(
            path=table.path,
            index=row.line,
            data=data,
            line=row.line,
            columns=columns,
            header=table.header,
            cells=cells,
        )
        submission, found = validate_document(criteria, document)
        # A required value missing with its whole column was said once, at the header.
        found = [p for p in found if document.column_name(p.loc) or p.key != "missing-value"]
        problems.extend(_cell_problems(document, found))
        if submission is not None:
            valid.append((submission, *document.position(("region", "code"))))
    return valid, problems


def _both(criteria: Criteria, raw: bytes) -> None:
    source = SourceFile("pool.csv", raw)
    columnar = read_csv(criteria, source)
    valid, problems = _as_documents(criteria, raw)
    assert [(s, line, column) for s, line, column in columnar.submissions] == valid
    assert sorted(columnar.problems) == sorted(problems)
    assert [(p.key, p.params) for p in sorted(columnar.problems)] == [
        (p.key, p.params) for p in sorted(problems)
    ]


@st.composite
def _tables(draw: st.DrawFn, min_rows: int) -> tuple[Criteria, list[str], list[list[str]]]:
    """Criteria, and a header and rows of awkward cells for them."""
    criteria = draw(st.sampled_from([TINY, BUNDLED]))
    row = st.tuples(*_cells(criteria)).map(list)
    return criteria, _header(criteria), draw(st.lists(row, min_size=min_rows, max_size=12))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(table=_tables(min_rows=1), data=st.data())
def test_random_rows_read_as_documents(
    table: tuple[Criteria, list[str], list[list[str]]], data: st.DataObject
) -> None:
    criteria, header, rows = table
    if data.draw(st.booleans()):  # a column left out, or the columns in another order
        drop = data.draw(st.integers(0, len(header) - 1))
        keep = [i for i in range(len(header)) if i != drop]
        header = [header[i] for i in keep]
        rows = [[r[i] for i in keep] for r in rows]
    _both(criteria, _text(header, rows))


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(table=_tables(min_rows=2), block=st.integers(1, 5))
def test_a_table_read_a_block_of_rows_at_a_time_reads_as_documents(
    table: tuple[Criteria, list[str], list[list[str]]], block: int
) -> None:
    """The rows of a large table are read, typed and checked a block at a time; rows in
    later blocks meet the same rules at the same places, and their values are theirs."""
    criteria, header, rows = table
    with patch.object(submissions, "CSV_BLOCK_ROWS", block):
        _both(criteria, _text(header, rows))


def test_the_size_of_a_block_changes_nothing() -> None:
    rows = _clean_rows(23)
    rows[4][7] = "abc"  # an error, in the second block of four
    rows[8][2] = "Jawa Tengah"  # a warning, first in its block
    rows[11] = rows[11][:-1]  # a row of the wrong width, last in its block
    rows[19][0] = "99.99"  # an error and a warning
    raw = _text(_header(TINY), rows) + b"\n\n"  # blank rows at the end
    whole = read_csv(TINY, SourceFile("pool.csv", raw))
    assert len(whole.submissions) == 20 and len(whole.rejected) == 3
    for block in (1, 2, 4, 7, 22, 23):
        with patch.object(submissions, "CSV_BLOCK_ROWS", block):
            read = read_csv(TINY, SourceFile("pool.csv", raw))
        assert read.problems == whole.problems and read.rejected == whole.rejected
        assert read.submissions == whole.submissions
        # The rows' values are one table's, whole (the scorer takes its columns at once).
        values = [s.values for s, _, _ in read.submissions if isinstance(s.values, RowValues)]
        assert len(values) == 20 and {id(v.table) for v in values} == {id(values[0].table)}
        assert values[0].table.rows == 22
        assert [v.row for v in values] == [r for r in range(22) if r not in (4, 18)]


def _clean_rows(count: int) -> list[list[str]]:
    return [
        [
            "32.12" if i == 0 else f"32.12.01.{i:04d}",
            "Kabupaten Indramayu" if i == 0 else f"Desa {i}",
            "Jawa Barat",
            "kabupaten",
            "2018",
            ["true", "false"][i % 2],
            ["none", "some", "full"][i % 3],
            f"{i % 97 / 10}",
            f"{5 + i % 40}.5",
        ]
        for i in range(count)
    ]


def test_clean_rows_are_all_read() -> None:
    raw = _text(_header(TINY), _clean_rows(300))
    read = read_csv(TINY, SourceFile("pool.csv", raw))
    valid, problems = read.submissions, read.problems
    assert problems == [] and len(valid) == 300
    assert [line for _, line, _ in valid] == list(range(2, 302))
    _both(TINY, raw)


def test_rows_with_warnings_are_read_and_warned_about() -> None:
    rows = _clean_rows(4)
    rows[1][2] = "Jawa Tengah"  # registry-province warning
    rows[2][7:9] = ["0", "5"]  # numbers on goalposts, but only two of them: no warning
    rows[3][0] = "99.99"  # an unknown code, and one of a kota
    raw = _text(_header(TINY), rows)
    read = read_csv(TINY, SourceFile("pool.csv", raw))
    valid, problems = read.submissions, read.problems
    assert [line for _, line, _ in valid] == [2, 3, 4]
    assert [(p.code, p.line, p.severity) for p in problems] == [
        ("registry-province", 3, "warning"),
        ("region-kind", 5, "error"),
        ("registry-unknown", 5, "warning"),
    ]
    _both(TINY, raw)


def test_a_column_of_numbers_with_one_bad_cell() -> None:
    rows = _clean_rows(50)
    rows[30][7] = "1_000"
    raw = _text(_header(TINY), rows)
    read = read_csv(TINY, SourceFile("pool.csv", raw))
    valid, problems = read.submissions, read.problems
    assert len(valid) == 49 and [p.line for p in problems if p.severity == "error"] == [32]
    _both(TINY, raw)


def test_a_quoted_cell_with_a_line_break_is_not_split_into_numbers() -> None:
    rows = _clean_rows(3)
    rows[1][7] = "1\n2"
    _both(TINY, _text(_header(TINY), rows))


@pytest.mark.parametrize("path", sorted((TESTS / "data" / "hostile").glob("*.csv")), ids=str)
def test_hostile_csv_reads_as_documents(path: Path) -> None:
    try:
        _both(BUNDLED, path.read_bytes())
    except Exception as exc:  # encoding problems are raised before any row is read
        from smartcity_assess.errors import ProblemsError

        assert isinstance(exc, ProblemsError)


def test_rows_that_draw_the_suspicious_value_warnings() -> None:
    three = make_criteria(
        cohorts=[{"year": 2018, "size": 2}],
        factors=[
            {
                "id": "a",
                "weight": 1,
                "indicators": [
                    {"id": "x", "type": "boolean"},
                    {"id": "y", "type": "boolean"},
                    {"id": "z", "type": "level", "levels": [{"id": "none"}, {"id": "full"}]},
                ],
            },
            {
                "id": "b",
                "weight": 1,
                "indicators": [
                    {"id": f"n{i}", "type": "number", "goalposts": {"worst": 0, "best": 10}}
                    for i in range(3)
                ],
            },
        ],
    )
    region = ["32.12", "Kabupaten Indramayu", "Jawa Barat", "kabupaten", "2018"]
    rows = [
        [*region, "true", "false", "full", "0", "10", "10"],  # every number on a goalpost
        ["32.73", "Kota Bandung", "Jawa Barat", "kota", "2018", "", "", "", "0", "", "10"],
        [*region, "false", "no", "none", "3", "4", "5"],  # every choice at its lowest
        [*region, "true", "false", "none", "0", "", "5"],
    ]
    raw = _text(_header(three), rows)
    read = read_csv(three, SourceFile("pool.csv", raw))
    valid, problems = read.submissions, read.problems
    assert len(valid) == 4  # warnings only; repeated codes are the batch's to report
    assert [(p.code, p.line) for p in problems] == [
        ("suspicious-goalposts", 2),
        ("placeholder-values", 4),
    ]  # row 3 has only two numbers given, row 5 a mix
    _both(three, raw)


# --- a column of numbers in one pass ------------------------------------------------------------


@settings(max_examples=400, deadline=None)
@given(
    cells=st.lists(
        st.one_of(
            st.text(alphabet="0123456789.,+-eE", max_size=6),
            st.sampled_from(["1_000", "inf", "nan", " 1", "\u0661\u0662", "1\n2", "12"]),
            st.sampled_from(["1.234", "-12,500", "0.125", "1234.567", "78,5", "1.234.567"]),
        ),
        min_size=1,
        max_size=8,
    )
)
def test_a_column_read_in_one_pass_is_read_as_cell_by_cell(cells: list[str]) -> None:
    """The one-pass reading takes a column exactly when every cell is empty or a plain
    decimal number with a point or a comma that is not ambiguous (``NUMBER``, whose nan
    and inf are looked at one by one), with the values ``number_text`` gives."""
    import re

    from smartcity_assess.reading.cells import number_text
    from smartcity_assess.reading.submissions import _decimal_column

    decimal = re.compile(r"[+-]?(\d+[.,]?\d*|[.,]\d+)([eE][+-]?\d+)?", re.ASCII)
    ambiguous = re.compile(r"[+-]?[1-9]\d{0,2}[.,]\d{3}", re.ASCII)
    column = tuple(cells)
    one_pass = _decimal_column(column)
    if all(not c or (decimal.fullmatch(c) and not ambiguous.fullmatch(c)) for c in column):
        assert one_pass == [number_text(c) if c else None for c in column]
        assert one_pass == [float(c.replace(",", ".")) if c else None for c in column]
    else:
        assert one_pass is None


def test_the_one_pass_reading_refuses_what_float_alone_would_take() -> None:
    from smartcity_assess.reading.submissions import _decimal_column

    assert _decimal_column(("1", "", "2.5", "1e5", ".5", "5.", "+1", "-0", "78,5", ",5")) == [
        1.0, None, 2.5, 1e5, 0.5, 5.0, 1.0, -0.0, 78.5, 0.5,
    ]  # fmt: skip
    for odd in ("1_000", "inf", "nan", " 1", "1.2.3", ".", "-", "e5", "\u0661\u0662", "1\n2"):
        assert _decimal_column(("3", odd)) is None, odd
    for odd in ("1.234", "1,234", "-100.000", "1,2.5", "1.234,5", ","):
        assert _decimal_column(("3", odd)) is None, odd


@pytest.mark.parametrize("extra", [",", ",year", ",a.flag"])
def test_the_header_s_own_problems_are_reported_once(extra: str) -> None:
    """An empty or repeated column is a problem of the header, said once."""
    lines = _text(_header(TINY), _clean_rows(40)).split(b"\n")
    lines[0] += extra.encode()
    lines[1:-1] = [line + b"," for line in lines[1:-1]]
    raw = b"\n".join(lines)
    _both(TINY, raw)
    read = read_csv(TINY, SourceFile("pool.csv", raw))
    _, problems = read.submissions, read.problems
    assert len([p for p in problems if p.line == 1]) == 1
