"""Hostile and awkward Excel workbooks, made on demand (issue 17): binaries are not
committed, and a zip bomb is only a bomb once unpacked.

    python tests/hostile_xlsx.py FOLDER      # writes every case into FOLDER

``tests/test_hostile.py`` and ``benchmarks/hostile.py`` import ``write_all``; it lives with
the tests, which an sdist ships. Each workbook
but the broken ones holds the header of the bundled criteria and Indramayu's valid row
(from examples/indramayu-2018.yaml), so that the case's one flaw is all that is wrong.
"""

from __future__ import annotations

import datetime as dt
import io
import sys
import zipfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "indramayu-2018.yaml"


def indramayu_row() -> tuple[list[str], list[Any]]:
    """The bundled criteria's columns and Indramayu's values in them."""
    from smartcity_assess.reading.criteria_file import load_criteria
    from smartcity_assess.reading.submissions import REGION_COLUMNS, read_batch

    criteria = load_criteria().model
    (submission,) = read_batch(criteria, [EXAMPLE]).submissions
    columns = [*REGION_COLUMNS, *criteria.addresses]
    region = [submission.code, submission.name, submission.province, submission.kind]
    values = [submission.values.get(address) for address in criteria.addresses]
    return columns, [*region, submission.year, *values]


def _book(rows: list[list[Any]]) -> Any:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "Data"
    for row in rows:
        sheet.append(row)
    return book


def _save(book: Any, path: Path) -> None:
    buffer = io.BytesIO()
    book.save(buffer)
    path.write_bytes(buffer.getvalue())


_OOXML = "http://schemas.openxmlformats.org"
_MAIN = f"{_OOXML}/spreadsheetml/2006/main"
_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml"
_RELATIONS = f"{_OOXML}/officeDocument/2006/relationships"
_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    f'<Types xmlns="{_OOXML}/package/2006/content-types">'
    '<Default Extension="rels" '
    'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    f'<Override PartName="/xl/workbook.xml" ContentType="{_TYPE}.sheet.main+xml"/>'
    f'<Override PartName="/xl/worksheets/sheet1.xml" ContentType="{_TYPE}.worksheet+xml"/>'
    "</Types>"
)
_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    f'<Relationships xmlns="{_OOXML}/package/2006/relationships">'
    f'<Relationship Id="rId1" Type="{_RELATIONS}/officeDocument" Target="xl/workbook.xml"/>'
    "</Relationships>"
)
_WORKBOOK = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    f'<workbook xmlns="{_MAIN}" xmlns:r="{_RELATIONS}">'
    '<sheets><sheet name="Data" sheetId="1" r:id="rId1"/></sheets></workbook>'
)
_WORKBOOK_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    f'<Relationships xmlns="{_OOXML}/package/2006/relationships">'
    f'<Relationship Id="rId1" Type="{_RELATIONS}/worksheet" Target="worksheets/sheet1.xml"/>'
    "</Relationships>"
)
_SHEET_HEAD = f'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{_MAIN}"><sheetData>'
_SHEET_TAIL = "</sheetData></worksheet>"


def _raw_workbook(path: Path, rows: Any) -> None:
    """A minimal workbook whose sheet XML is streamed from ``rows`` (strings of
    ``<row>`` elements), so that a huge sheet is never held in memory here."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", _CONTENT_TYPES)
        archive.writestr("_rels/.rels", _RELS)
        archive.writestr("xl/workbook.xml", _WORKBOOK)
        archive.writestr("xl/_rels/workbook.xml.rels", _WORKBOOK_RELS)
        with archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as sheet:
            sheet.write(_SHEET_HEAD.encode())
            for chunk in rows:
                sheet.write(chunk.encode())
            sheet.write(_SHEET_TAIL.encode())


def _text_row(line: int, cells: list[Any]) -> str:
    parts = []
    for column, value in enumerate(cells, start=1):
        ref = _letters(column) + str(line)
        if value is None:
            continue
        if isinstance(value, bool):
            parts.append(f'<c r="{ref}" t="b"><v>{int(value)}</v></c>')
        elif isinstance(value, int | float):
            parts.append(f'<c r="{ref}"><v>{value}</v></c>')
        else:
            parts.append(f'<c r="{ref}" t="inlineStr"><is><t>{value}</t></is></c>')
    return f'<row r="{line}">' + "".join(parts) + "</row>"


def _letters(column: int) -> str:
    letters = ""
    while column > 0:
        column, rest = divmod(column - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def write_all(folder: Path, *, huge_rows: int | None = None, bomb_bytes: int | None = None) -> None:
    """Every case into ``folder`` (``huge_rows`` and ``bomb_bytes`` default to just past
    the reader's limits)."""
    from smartcity_assess.reading import workbook

    columns, row = indramayu_row()
    folder.mkdir(parents=True, exist_ok=True)
    _save(_book([columns, row]), folder / "valid.xlsx")

    # A formula where a number goes: refused, its cached value is not read.
    formula = list(row)
    address = columns.index("budget.ict_budget_share")
    formula[address] = "=1+1"
    _save(_book([columns, formula]), folder / "formula.xlsx")

    # A merged range down the province column of two regions.
    book = _book([columns, row, ["32.73", "Kota Bandung", None, "kota", *row[4:]]])
    book.active.merge_cells("C2:C3")
    _save(book, folder / "merged.xlsx")

    # A date typed into a number cell (Excel turns 1/3 into the 1st of March).
    dated = list(row)
    dated[address] = dt.datetime(2018, 3, 1)
    _save(_book([columns, dated]), folder / "date-in-number.xlsx")

    # Not a zip at all, only named .xlsx; and a zip cut short.
    (folder / "not-zip.xlsx").write_text("code,name\n32.12,Indramayu\n", encoding="utf-8")
    whole = (folder / "valid.xlsx").read_bytes()
    (folder / "truncated.xlsx").write_bytes(whole[: len(whole) // 2])

    # A zip bomb: a sheet that unpacks to more than the reader takes; the zip's directory
    # says so, and the sheet is refused before a byte of it is parsed.
    size = bomb_bytes if bomb_bytes is not None else workbook.MAX_UNCOMPRESSED + 1
    filler = "<row/>" * (1 << 14)

    def bomb() -> Any:
        yield _text_row(1, columns)
        written = 0
        while written < size:
            yield filler
            written += len(filler)

    _raw_workbook(folder / "zip-bomb.xlsx", bomb())

    # A sheet of more rows than the reader takes (each a short, valid-looking row).
    rows = huge_rows if huge_rows is not None else workbook.MAX_ROWS + 1

    def huge() -> Any:
        yield _text_row(1, columns)
        for line in range(2, rows + 2):
            yield f'<row r="{line}"><c r="A{line}"><v>{line}</v></c></row>'

    _raw_workbook(folder / "huge-sheet.xlsx", huge())

    # A value far to the right (column XFD, the last Excel has).
    wide = _text_row(1, columns) + _text_row(2, row)[: -len("</row>")]
    wide += '<c r="XFD2" t="inlineStr"><is><t>x</t></is></c></row>'
    _raw_workbook(folder / "wide-sheet.xlsx", [wide])


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    write_all(Path(sys.argv[1]))
