"""The column-at-a-time CSV reading against the row-by-row one it stands in for.

``read_csv`` takes the rows it can a column at a time and validates the others one by
one; it must give exactly what validating every row one by one gives: the same
submissions, in the same order, at the same positions, and the same problems.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from smartcity_assess import submission
from smartcity_assess.criteria import Criteria, load_criteria
from smartcity_assess.loading import SourceFile, parse_csv
from smartcity_assess.submission import _csv_header, _quick_rows, read_csv
from smartcity_assess.workers import can_fork

from .conftest import TESTS, make_criteria

TINY = make_criteria()
BUNDLED = load_criteria(None).model

CODES = ["32.12", "32.73", "32.72", "31.71", "32.12.05", "32.12.05.2001", "99.99", "32.1"]
CODES += ["3212", "32.12 ", "", "32.70", "11.01"]
NAMES = ["Kabupaten Indramayu", "Indramayu", "kabupaten  indramayu", "Kota Bandung", "X", ""]
PROVINCES = ["", "Jawa Barat", "jawa  barat", "Jawa Tengah", "DKI Jakarta"]
KINDS = ["kabupaten", "kota", "Kabupaten", "", "city"]
YEARS = ["", "2018", "+2018", "1899", "2201", "20x8", "2018.0", "0002018"]
BOOLEANS = ["", "true", "TRUE", "Ya", "tidak", "0", "1", "yes", "no", "maybe", "T"]
NUMBERS = ["", "0", "5", "10", "50", "27.5", "-1", "1e2", "1E2", ".5", "5.", "+3", "nan"]
NUMBERS += ["inf", "-Infinity", "1e999", "1_000", "١٢", "0x10", "1,5", "101", "5 5"]
NUMBERS += ["\u22122"]  # a minus sign, not a hyphen


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


def _both(criteria: Criteria, raw: bytes) -> None:
    source = SourceFile("pool.csv", raw)
    quick = read_csv(criteria, source)
    reference = read_csv(criteria, source, columnar=False)
    assert quick[0] == reference[0]
    assert sorted(quick[1]) == sorted(reference[1])


@st.composite
def _tables(draw: st.DrawFn, min_rows: int) -> tuple[Criteria, list[str], list[list[str]]]:
    """Criteria, and a header and rows of awkward cells for them."""
    criteria = draw(st.sampled_from([TINY, BUNDLED]))
    row = st.tuples(*_cells(criteria)).map(list)
    return criteria, _header(criteria), draw(st.lists(row, min_size=min_rows, max_size=12))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(table=_tables(min_rows=1), data=st.data())
def test_random_rows_read_as_row_by_row(
    table: tuple[Criteria, list[str], list[list[str]]], data: st.DataObject
) -> None:
    criteria, header, rows = table
    if data.draw(st.booleans()):  # a column left out, or the columns in another order
        drop = data.draw(st.integers(0, len(header) - 1))
        keep = [i for i in range(len(header)) if i != drop]
        header = [header[i] for i in keep]
        rows = [[r[i] for i in keep] for r in rows]
    _both(criteria, _text(header, rows))


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


def test_clean_rows_are_all_taken_a_column_at_a_time() -> None:
    raw = _text(_header(TINY), _clean_rows(300))
    table, problems = parse_csv(SourceFile("pool.csv", raw))
    assert table is not None and problems == []
    columns, header_problems = _csv_header(TINY, table)
    assert header_problems == []
    assert all(_quick_rows(TINY, table, columns).taken())
    _both(TINY, raw)


def test_rows_with_warnings_are_left_to_the_full_reading() -> None:
    rows = _clean_rows(4)
    rows[1][2] = "Jawa Tengah"  # registry-province warning
    rows[2][7:9] = ["0", "5"]  # numbers on goalposts, but only two of them: no warning
    rows[3][0] = "99.99"  # an unknown code
    raw = _text(_header(TINY), rows)
    table, _ = parse_csv(SourceFile("pool.csv", raw))
    assert table is not None
    columns, _ = _csv_header(TINY, table)
    taken = _quick_rows(TINY, table, columns).taken()
    assert taken == [True, False, True, False]
    _both(TINY, raw)


def test_a_column_of_numbers_with_one_bad_cell() -> None:
    rows = _clean_rows(50)
    rows[30][7] = "1_000"
    raw = _text(_header(TINY), rows)
    valid, problems = read_csv(TINY, SourceFile("pool.csv", raw))
    assert len(valid) == 49 and [p.line for p in problems if p.severity == "error"] == [32]
    _both(TINY, raw)


def test_a_quoted_cell_with_a_line_break_is_not_split_into_numbers() -> None:
    rows = _clean_rows(3)
    rows[1][7] = "1\n2"
    _both(TINY, _text(_header(TINY), rows))


@pytest.mark.parametrize("path", sorted((TESTS / "data" / "hostile").glob("*.csv")), ids=str)
def test_hostile_csv_reads_as_row_by_row(path: Path) -> None:
    try:
        _both(BUNDLED, path.read_bytes())
    except Exception as exc:  # encoding problems are raised before any row is read
        from smartcity_assess.errors import ProblemsError

        assert isinstance(exc, ProblemsError)


def test_rows_that_draw_the_suspicious_value_warnings_are_read_row_by_row() -> None:
    three = make_criteria(
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
        ]
    )
    region = ["32.12", "Kabupaten Indramayu", "Jawa Barat", "kabupaten", "2018"]
    rows = [
        [*region, "true", "false", "full", "0", "10", "10"],  # every number on a goalpost
        ["32.73", "Kota Bandung", "Jawa Barat", "kota", "2018", "", "", "", "0", "", "10"],
        [*region, "false", "no", "none", "3", "4", "5"],  # every choice at its lowest
        [*region, "true", "false", "none", "0", "", "5"],
    ]
    raw = _text(_header(three), rows)
    table, _ = parse_csv(SourceFile("pool.csv", raw))
    assert table is not None
    columns, _ = _csv_header(three, table)
    taken = _quick_rows(three, table, columns).taken()
    assert taken == [False, True, False, True]  # row 2 has only two numbers given
    valid, problems = read_csv(three, SourceFile("pool.csv", raw))
    assert len(valid) == 4  # warnings only; repeated codes are the batch's to report
    assert [(p.code, p.line) for p in problems] == [
        ("suspicious-goalposts", 2),
        ("placeholder-values", 4),
    ]
    _both(three, raw)


# --- a column of numbers in one pass ------------------------------------------------------------


@settings(max_examples=400, deadline=None)
@given(
    cells=st.lists(
        st.one_of(
            st.text(alphabet="0123456789.+-eE", max_size=6),
            st.sampled_from(["1_000", "inf", "nan", " 1", "\u0661\u0662", "1\n2", "12"]),
        ),
        min_size=1,
        max_size=8,
    )
)
def test_a_column_read_in_one_pass_is_read_as_cell_by_cell(cells: list[str]) -> None:
    """The one-pass reading takes a column exactly when every cell is empty or a plain
    decimal number (``_NUMBER`` without its nan and inf, which are looked at one by one),
    with the values ``float()`` gives."""
    import re

    from smartcity_assess.submission import _plain_numbers

    decimal = re.compile(r"[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?", re.ASCII)
    column = tuple(cells)
    one_pass = _plain_numbers(column)
    if all(not c or decimal.fullmatch(c) for c in column):
        assert one_pass == [float(c) if c else None for c in column]
    else:
        assert one_pass is None


def test_the_one_pass_reading_refuses_what_float_alone_would_take() -> None:
    from smartcity_assess.submission import _plain_numbers

    assert _plain_numbers(("1", "", "2.5", "1e5", ".5", "5.", "+1", "-0")) == [
        1.0, None, 2.5, 1e5, 0.5, 5.0, 1.0, -0.0,
    ]  # fmt: skip
    for odd in ("1_000", "inf", "nan", " 1", "1.2.3", ".", "-", "e5", "\u0661\u0662", "1\n2"):
        assert _plain_numbers(("3", odd)) is None, odd


# --- a large file read in parts -----------------------------------------------------------------

needs_fork = pytest.mark.skipif(not can_fork(), reason="needs fork and two cores")


def _in_parts_and_whole(criteria: Criteria, raw: bytes) -> bool:
    """Read ``raw`` in parts (as if it were large) and in one piece, and hold the two
    readings equal; whether it was cut at all."""
    source = SourceFile("pool.csv", raw)
    whole = read_csv(criteria, source, split=False)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(submission, "SPLIT_FROM", 1)
        cut = submission._csv_parts(source) is not None
        parts = read_csv(criteria, source)
    assert parts[0] == whole[0]
    assert sorted(parts[1]) == sorted(whole[1])
    assert [(p.key, p.params) for p in sorted(parts[1])] == [
        (p.key, p.params) for p in sorted(whole[1])
    ]
    return cut


@needs_fork
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(table=_tables(min_rows=2), data=st.data())
def test_random_rows_read_in_parts_as_in_one_piece(
    table: tuple[Criteria, list[str], list[list[str]]], data: st.DataObject
) -> None:
    criteria, header, rows = table
    text = _text(header, rows)
    if data.draw(st.booleans()):  # blank lines and a ragged row somewhere after the header
        lines = text.split(b"\n")
        at = data.draw(st.integers(1, len(lines) - 1))
        lines[at:at] = [b"", b"32.12,short", b"  "]
        text = b"\n".join(lines)
    _in_parts_and_whole(criteria, text)


@needs_fork
def test_a_large_file_in_parts_keeps_lines_warnings_and_errors() -> None:
    rows = _clean_rows(400)
    rows[10][2] = "Jawa Tengah"  # a warning in the first part
    rows[350][2] = "Jawa Tengah"  # and in the second
    rows[360][7] = "1_000"  # an error in the second
    rows[370][0] = "99.99"  # an unknown code
    raw = _text(_header(TINY), rows)
    lines = raw.split(b"\n")
    lines[300:300] = [b"", b"32.12,too,few", b""]  # blank lines and a ragged row, late
    assert _in_parts_and_whole(TINY, b"\n".join(lines))


@needs_fork
def test_a_part_that_meets_a_syntax_error_sends_the_file_back_in_one_piece() -> None:
    rows = _clean_rows(200)
    rows[150][1] = "x" * (csv.field_size_limit() + 1)  # the csv module stops here
    assert _in_parts_and_whole(TINY, _text(_header(TINY), rows))


@needs_fork
@pytest.mark.parametrize(
    "raw",
    [
        b"\n" + _text(_header(TINY), _clean_rows(20)),  # the header is not on line 1
        b",,,,\n" + _text(_header(TINY), _clean_rows(20)),  # nor after an empty row
        b"\xef\xbb\xbf\n" + _text(_header(TINY), _clean_rows(20)),  # nor after a BOM alone
        " \u00a0 ,\u3000\n".encode() + _text(_header(TINY), _clean_rows(20)),
        _text(_header(TINY), _clean_rows(20)).replace(b"\n", b"\r\n"),
        _text(_header(TINY), _clean_rows(20)).replace(b"Desa 5", b'"Desa, 5"'),
    ],
)
def test_files_not_cut_are_read_as_before(raw: bytes) -> None:
    assert not _in_parts_and_whole(TINY, raw)


@needs_fork
def test_a_file_of_only_a_header_and_blank_lines_is_read_in_one_piece() -> None:
    raw = _text(_header(TINY), []) + b"\n" * 50
    assert _in_parts_and_whole(TINY, raw)  # cut, then read whole: no rows to share out


@needs_fork
@pytest.mark.parametrize("extra", [",", ",year", ",a.flag"])
def test_the_header_s_own_problems_are_reported_once(extra: str) -> None:
    """An empty or repeated column is a problem of the header, said once, not per part."""
    lines = _text(_header(TINY), _clean_rows(40)).split(b"\n")
    lines[0] += extra.encode()
    lines[1:-1] = [line + b"," for line in lines[1:-1]]
    raw = b"\n".join(lines)
    assert _in_parts_and_whole(TINY, raw)
    _, problems = read_csv(TINY, SourceFile("pool.csv", raw), split=False)
    assert [p.line for p in problems if p.line == 1]  # the header's problem, once
