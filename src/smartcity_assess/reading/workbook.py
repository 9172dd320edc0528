"""Excel workbooks (``.xlsx``) read as a CSV table is: one region per row, or one region
as a form (a column of keys, each value in the cell to its right).

The first worksheet is read into the same row table ``parse_csv`` makes (``CsvTable``),
and ``read_table`` validates it, so a workbook meets every rule a CSV file does, with
the same problem codes; each problem is then placed at its cell, ``file.xlsx:Sheet!C12``.
A form is read as a table of one row (its keys the header), and each problem is moved
from that table's cell to the sheet's: a key's, or the value's next to it.

Which layout a sheet has is told by the first ``code`` cell (in its first 10 non-blank
rows): when the same row holds another region column id (``name``, ``province``,
``kind``, ``year``) it is the row layout's header; else the column under ``code`` is a
form's keys. A sheet with no ``code`` cell is neither, and refused.
Text cells are passed on as text (and typed by the CSV rules); numbers and booleans as
the values they are; a date as its ISO text (which a number refuses, by name).

A workbook is a zip archive of XML, so it is checked before anything is parsed: it must
be a zip, and the sizes its directory declares (which bound what can be read from it)
must stay within ``MAX_UNCOMPRESSED``. The sheet is then streamed row by row by
openpyxl's parser in read-only mode, within ``MAX_ROWS`` and ``MAX_COLUMNS``.

Formulas are refused, not read as their cached value: the value a file holds for a
formula is whatever the program that saved it last computed, if anything (a workbook
written by a script has none, and one saved with recalculation off has a stale one),
and nothing here can compute it again. A submission's values are the ones typed in.
Merged cells are refused too: a merged range keeps its value in its first cell only,
and the other rows would silently lose it.

openpyxl is the optional ``xlsx`` extra: it is imported only when a workbook is read.
"""

from __future__ import annotations

import datetime as dt
import io
import warnings
import zipfile
from collections.abc import Callable, Collection, Iterator
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any, cast

from smartcity_assess.errors import UsageError
from smartcity_assess.problems import Problem, column_letters, problem, shown
from smartcity_assess.reading.sources import CsvRow, CsvTable, SourceFile, _header_problems

if TYPE_CHECKING:
    from smartcity_assess.core.criteria import Criteria
    from smartcity_assess.reading.submissions import FileRead

MAX_UNCOMPRESSED = 32 * 1024 * 1024
"""Most bytes the parts of a workbook may hold once unpacked (its zip directory says how
many; nothing beyond that is read). This bounds the time parsing can take: a sheet of all
514 kabupaten/kota is about 1 MB, and 20,000 rows of the bundled criteria are 30 MB (some
ten seconds of openpyxl's parsing); a larger pool belongs in a CSV file."""
MAX_ENTRIES = 10_000
"""Most parts (files in the zip) a workbook may have; Excel writes a dozen or so."""
MAX_ROWS = 20_000
"""Most non-blank rows read from a sheet (the header and any title rows included)."""
MAX_COLUMNS = 2_000
"""Rightmost column a value may be in (a criteria has some tens of indicators)."""
HEADER_SEARCH_ROWS = 10
"""The header may be below title rows (the template's headings): it is the first of
this many non-blank rows with a ``code`` cell (a form's keys start there too)."""


def require_openpyxl() -> None:
    """Raise the install hint (exit 2) unless openpyxl can be imported."""
    try:
        import openpyxl  # noqa: F401
    except ImportError as exc:
        raise UsageError("usage-xlsx-extra", detail=str(exc)) from None


@dataclass(frozen=True)
class Refused:
    """A refused cell, or range of cells, and its problem (at the first cell)."""

    problem: Problem
    rows: range
    columns: range

    @classmethod
    def cell(cls, found: Problem) -> Refused:
        return cls(found, range(found.line, found.line + 1), range(found.column, found.column + 1))


@dataclass
class Sheet:
    """A worksheet read as a table, and what was refused in it."""

    name: str
    table: CsvTable | None
    problems: list[Problem] = field(default_factory=list)
    refused: list[Refused] = field(default_factory=list)
    """Cells refused while reading (a formula, a merged range): the rows they cover are
    invalid, and what the model finds in those cells is not said again."""
    form: dict[tuple[int, int], tuple[int, int]] | None = None
    """A form's cells: the sheet's row and column of each cell of ``table`` (a key, at
    the header's line, or a value, at the one row's), by the table's line and column."""


def read_workbook(
    criteria: Criteria, source: SourceFile, years: Collection[int] | None = None
) -> FileRead:
    """The valid submissions of a workbook's first sheet, and every problem in it; as
    ``read_csv``, with each problem at its cell."""
    from smartcity_assess.reading.submissions import FileRead, read_table

    sheet = parse_workbook(source)
    if sheet.table is None:
        return FileRead(problems=sheet.problems + [r.problem for r in sheet.refused])
    if sheet.form is not None:
        read = read_table(criteria, sheet.table, [], years, typed_cells=True)
        _place_form(read, sheet.form, source.display)
        read.problems = sheet.problems + read.problems
        _refuse_form(read, sheet.refused, sheet.form)
        return _in_sheet(read, source.display, sheet.name)
    read = read_table(criteria, sheet.table, sheet.problems, years, typed_cells=True)
    _refuse(read, sheet.refused, sheet.table)
    return _in_sheet(read, source.display, sheet.name)


def parse_workbook(source: SourceFile) -> Sheet:
    """The first worksheet of a workbook as a table, or None with the problem why not."""
    name = source.display
    try:
        archive = zipfile.ZipFile(io.BytesIO(source.raw))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError):
        return Sheet("", None, [problem(name, "xlsx-syntax", "xlsx-not-zip")])
    with archive:
        entries = archive.infolist()
        if len(entries) > MAX_ENTRIES:
            found = problem(name, "too-complex", "xlsx-entries", count=len(entries))
            return Sheet("", None, [found], [])
        unpacked = sum(entry.file_size for entry in entries)
        if unpacked > MAX_UNCOMPRESSED:
            found = problem(
                name, "too-large", "xlsx-uncompressed", size=unpacked, limit=MAX_UNCOMPRESSED
            )
            return Sheet("", None, [found])
    # Only now: what is not a workbook, or too big to open, is said without openpyxl.
    require_openpyxl()
    try:
        with warnings.catch_warnings():
            # openpyxl warns of what it does not support (extensions, styles): not the
            # user's concern, and nothing it leaves out is a value.
            warnings.simplefilter("ignore")
            return _read_first_sheet(source)
    except Exception as exc:  # a third-party parser on hostile input
        # A broken part, bad XML, an impossible cell reference: the file cannot be read.
        detail = shown(f"{type(exc).__name__}: {exc}", 120)
        return Sheet("", None, [problem(name, "xlsx-syntax", "xlsx-unreadable", detail=detail)])


def _read_first_sheet(source: SourceFile) -> Sheet:
    from openpyxl import load_workbook
    from openpyxl.worksheet._reader import WorkSheetParser

    name = source.display
    book = load_workbook(io.BytesIO(source.raw), read_only=True, data_only=False)
    try:
        if not book.worksheets:
            return Sheet("", None, [problem(name, "xlsx-syntax", "xlsx-no-sheet")])
        sheet: Any = book.worksheets[0]
        # openpyxl's read-only sheet trusts the sheet's declared dimension (which can
        # be wrong, so rows would be lost) and pads every row to it: its parser is used
        # instead, and rows are made here, within the limits. The attributes are those
        # the read-only sheet itself passes to the parser.
        inner: Any = book
        with inner._archive.open(sheet._worksheet_path) as stream:
            parser = WorkSheetParser(
                stream,
                book.shared_strings,
                data_only=False,
                epoch=book.epoch,
                date_formats=inner._date_formats,
                timedelta_formats=inner._timedelta_formats,
            )
            result = _rows(name, sheet.title, parser.parse())
            if result.table is not None:
                # The rows were all read, so the parser has seen the merged cells (they
                # come after the rows).
                merged = getattr(parser, "merged_cells", None)
                refs = [str(m.ref) for m in getattr(merged, "mergeCell", None) or []]
                result.refused.extend(_merged(name, refs))
        return result
    finally:
        book.close()


def _rows(path: str, sheet: str, parsed: Iterator[tuple[int, list[dict[str, Any]]]]) -> Sheet:
    """The non-blank rows of the sheet as lists of cell values (None where empty), with
    formulas refused; the table is None when a limit was passed."""
    rows: list[tuple[int, list[Any]]] = []
    refused: list[Refused] = []
    for line, cells in parsed:
        values: list[Any] = []
        for cell in cells:
            value = cell["value"]
            if value is None or (isinstance(value, str) and not value.strip()):
                continue
            column = int(cell["column"])
            if column > MAX_COLUMNS:
                found = problem(
                    path,
                    "too-large",
                    "xlsx-columns",
                    line=line,
                    column=column,
                    limit=column_letters(MAX_COLUMNS),
                )
                return Sheet(sheet, None, [replace(found, sheet=sheet)])
            if cell["data_type"] == "f":
                formula = shown(str(getattr(value, "text", value)), 40)
                found = problem(path, "xlsx-formula", line=line, column=column, formula=formula)
                refused.append(Refused.cell(found))
                value = None
            else:
                value = _value(value)
            if column > len(values):
                values.extend([None] * (column - len(values)))
            values[column - 1] = value
        if any(v is not None for v in values):
            if len(rows) >= MAX_ROWS:
                found = problem(path, "too-large", "xlsx-rows", line=line, column=1, limit=MAX_ROWS)
                return Sheet(sheet, None, [replace(found, sheet=sheet)])
            rows.append((line, values))
        elif any(line in r.rows for r in refused):
            rows.append((line, values))  # a row of formulas only is not a blank row
    return _table(path, sheet, rows, refused)


def _value(value: Any) -> Any:
    """A cell's value as a CSV reader would pass it on: text stripped, numbers and
    booleans as they are, a date or time as its ISO text."""
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, bool | int | float):
        return value
    if isinstance(value, dt.datetime) and value.time() == dt.time():
        return value.date().isoformat()
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, dt.timedelta):
        return str(value)
    return str(value)


def _table(
    path: str, sheet: str, rows: list[tuple[int, list[Any]]], refused: list[Refused]
) -> Sheet:
    if not rows:
        return Sheet(sheet, None, [problem(path, "empty", "xlsx-empty", sheet=sheet)], refused)
    at = next(
        (i for i, (_, cells) in enumerate(rows[:HEADER_SEARCH_ROWS]) if "code" in cells),
        None,
    )
    if at is None:
        line, cells = rows[0]
        column = next(i for i, c in enumerate(cells, start=1) if c is not None)
        found = problem(path, "xlsx-syntax", "xlsx-layout", line=line, column=column)
        return Sheet(sheet, None, [replace(found, sheet=sheet)], refused)
    header_line, header_cells = rows[at]
    if not REGION_KEYS & {c for c in header_cells if isinstance(c, str)}:
        return _form(path, sheet, rows[at:], header_cells.index("code"), refused)
    width = max((i + 1 for i, c in enumerate(header_cells) if c is not None), default=0)
    header = tuple("" if c is None else _header_text(c) for c in header_cells[:width])
    problems = list(_header_problems(path, header, header_line))
    code_column = header.index("code") if "code" in header else None
    table_rows: list[CsvRow] = []
    for line, cells in rows[at + 1 :]:
        outside = [i for i, c in enumerate(cells[width:], start=width + 1) if c is not None]
        if outside:
            found = problem(path, "xlsx-syntax", "xlsx-outside", line=line, column=outside[0])
            refused.append(Refused.cell(found))
        if code_column is not None and _is_number(cells[code_column : code_column + 1]):
            # 32.10 typed into a cell formatted as a number is 32.1: the code is lost.
            value = cells[code_column]
            found = problem(
                path,
                "region-code",
                "xlsx-code-number",
                line=line,
                column=code_column + 1,
                got=_header_text(value),
            )
            refused.append(Refused.cell(found))
        padded = cells[:width] + [None] * (width - len(cells))
        # Empty cells are '' as in a CSV row; typed values stay typed (see read_table).
        typed = tuple("" if c is None else c for c in padded)
        table_rows.append(CsvRow(line, cast(tuple[str, ...], typed)))
    table = CsvTable(path, header, header_line, tuple(table_rows))
    return Sheet(sheet, table, problems, refused)


REGION_KEYS = frozenset({"name", "province", "kind", "year"})
"""Column ids besides ``code`` that only a row layout's header has in ``code``'s row."""


def _form(
    path: str, sheet: str, rows: list[tuple[int, list[Any]]], keys: int, refused: list[Refused]
) -> Sheet:
    """A form, from its ``code`` row down: each key in column ``keys`` (0-based) and its
    value in the next column, as a table of one row. Other columns are labels, not read; a
    row with no key and no value is a label row. The table's header is at line 1 and its
    row at line 2; ``Sheet.form`` says where each of their cells is in the sheet."""
    header: list[str] = []
    values: list[Any] = []
    where: dict[tuple[int, int], tuple[int, int]] = {}
    problems: list[Problem] = []
    for line, cells in rows:
        key, value = [*cells[keys : keys + 2], None, None][:2]
        if key is None:
            if value is not None:
                found = problem(path, "xlsx-syntax", "xlsx-form-no-key", line=line, column=keys + 2)
                refused.append(Refused.cell(found))
            continue
        key = _header_text(key)
        if key == "code" and _is_number([value]):
            found = problem(
                path,
                "region-code",
                "xlsx-code-number",
                line=line,
                column=keys + 2,
                got=_header_text(value),
            )
            refused.append(Refused.cell(found))
        header.append(key)
        values.append("" if value is None else value)
        where[(1, len(header))] = (line, keys + 1)
        where[(2, len(header))] = (line, keys + 2)
    for found in _header_problems(path, tuple(header), 1):
        line, column = where[(found.line, found.column)]
        if found.key == "duplicate-column":
            # The key's first row, not a column of the one-row table.
            at = where[(1, dict(found.params)["other"])]
            found = problem(
                path,
                found.code,
                "xlsx-form-duplicate",
                line=line,
                column=column,
                key=dict(found.params)["key"],
                other=f"{column_letters(at[1])}{at[0]}",
            )
        problems.append(replace(found, line=line, column=column))
    row = CsvRow(2, cast(tuple[str, ...], tuple(values)))
    table = CsvTable(path, tuple(header), 1, (row,))
    return Sheet(sheet, table, problems, refused, form=where)


def _place_form(read: FileRead, where: dict[tuple[int, int], tuple[int, int]], path: str) -> None:
    """Every problem and submission of a form's one-row table moved to its sheet cell."""
    code = where.get((2, 1), (0, 0))

    def placed(p: Problem) -> Problem:
        if p.path != path or not p.line:
            return p
        line, column = where.get((p.line, p.column), code)
        return replace(p, line=line, column=column)

    read.problems = [placed(p) for p in read.problems]
    read.rejected = [tuple(map(placed, errors)) for errors in read.rejected]
    read.submissions = [
        (s, *where.get((line, column), code)) for s, line, column in read.submissions
    ]


def _put_refused(read: FileRead, refused: list[Refused]) -> Callable[[Problem], bool]:
    """The refused cells' problems in ``read``, in place of any the model found at the
    same cells; returns the test of whether a problem is at a refused cell."""

    def covered(p: Problem) -> bool:
        return any(p.line in r.rows and p.column in r.columns for r in refused)

    read.problems = [p for p in read.problems if not covered(p)]
    read.problems.extend(r.problem for r in refused)
    return covered


def _refuse_form(
    read: FileRead, refused: list[Refused], where: dict[tuple[int, int], tuple[int, int]]
) -> None:
    """``_refuse`` for a form: a refused cell among its keys and values (not in the title
    rows above ``code``, nor in a label column) spoils its one submission; its problem
    replaces any found at the same cell."""
    top = min((line for line, _ in where.values()), default=0)
    read_columns = {column for _, column in where.values()}
    refused = [
        r for r in refused if r.rows.stop > top and any(c in r.columns for c in read_columns)
    ]
    if not refused:
        return
    covered = _put_refused(read, refused)
    mine = [p for errors in read.rejected for p in errors if not covered(p)]
    read.submissions = []
    read.rejected = [(*(r.problem for r in refused), *mine)]


def _is_number(cells: list[Any]) -> bool:
    return bool(cells) and isinstance(cells[0], int | float) and not isinstance(cells[0], bool)


def _header_text(cell: Any) -> str:
    if isinstance(cell, str):
        return cell
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    return str(cell)


def _merged(path: str, refs: list[str]) -> Iterator[Refused]:
    from openpyxl.utils.cell import range_boundaries

    for ref in refs:
        low_col, low_row, high_col, high_row = range_boundaries(ref)
        if low_col is None or low_row is None or high_row is None:
            continue
        found = problem(path, "xlsx-merged", line=low_row, column=low_col, cells=ref)
        yield Refused(found, range(low_row, high_row + 1), range(low_col, (high_col or 0) + 1))


def _refuse(read: FileRead, refused: list[Refused], table: CsvTable) -> None:
    """Put the refused cells into ``read``: their problems replace any the model found at
    the same cells, and the rows they spoil are invalid (left out by --skip-invalid, one
    by one); one in the header spoils the whole file. Above the header (title rows,
    which are not read) nothing is refused."""
    refused = [r for r in refused if r.rows.stop > table.header_line]
    if not refused:
        return
    covered = _put_refused(read, refused)
    lines = {row.line for row in table.rows}
    spoilt: dict[int, list[Problem]] = {}
    for r in refused:
        if table.header_line not in r.rows:
            for line in r.rows:
                if line in lines:
                    spoilt.setdefault(line, []).append(r.problem)
    read.submissions = [s for s in read.submissions if s[1] not in spoilt]
    kept: list[tuple[Problem, ...]] = []
    for errors in read.rejected:
        line = errors[0].line if errors else 0
        mine = tuple(p for p in errors if not covered(p))
        if line in spoilt:
            spoilt[line].extend(mine)
        elif mine:
            kept.append(mine)
    kept.extend(tuple(errors) for errors in spoilt.values())
    read.rejected = kept


def _in_sheet(read: FileRead, path: str, sheet: str) -> FileRead:
    """Every problem at a cell of ``read`` named with its sheet (``Sheet!C12``)."""

    def placed(p: Problem) -> Problem:
        return replace(p, sheet=sheet) if p.path == path and p.line and not p.sheet else p

    read.problems = [placed(p) for p in read.problems]
    read.rejected = [tuple(map(placed, errors)) for errors in read.rejected]
    read.sheet = sheet
    return read
