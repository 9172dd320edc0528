"""``--format xlsx``: Excel workbooks out, a form to fill (``assess template``) and a
ranking (``assess rank``).

The form is read back by ``reading.workbook``: its first sheet has a row of headings in
the report language, then the header row of column ids (the CSV's), then the rows to
fill; the year of the round is filled in on the first of them, so that a form left
blank is a submission with every required value missing (and fails on exactly those
cells) rather than no submission at all. Drop-down lists and number ranges are the
spreadsheet's data validation; the two header rows are frozen and locked.

A workbook is a zip archive, and openpyxl writes the time of saving into it (in
``docProps/core.xml`` and in each zip entry): ``fixed_zip`` rewrites both, so the same
inputs give a byte-identical workbook.

openpyxl is the optional ``xlsx`` extra, imported only here.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterable
from datetime import datetime
from typing import TYPE_CHECKING, Any

from smartcity_assess.core.criteria import Criteria, Indicator
from smartcity_assess.i18n import Lang, t
from smartcity_assess.reading.submissions import REGION_COLUMNS
from smartcity_assess.reading.workbook import require_openpyxl
from smartcity_assess.report.common import criteria_note
from smartcity_assess.report.csv_report import EQUITY_COLUMNS
from smartcity_assess.report.interface import RankResult, ReportOptions
from smartcity_assess.report.template import _allowed, _gate, _percent
from smartcity_assess.report.views import RankView

if TYPE_CHECKING:
    from openpyxl.styles import Font, PatternFill
    from openpyxl.workbook.workbook import Workbook
    from openpyxl.worksheet.worksheet import Worksheet

FIXED_TIME = datetime(2000, 1, 1)
"""The creation and modification time written into every workbook (a fixed one, so that
the bytes depend on the inputs only)."""
ZIP_TIME = (1980, 1, 1, 0, 0, 0)
"""The time of every zip entry: the earliest a zip can hold."""
FORM_ROWS = 600
"""Rows made ready to fill in the form (more than the 514 kabupaten/kota)."""
HEADINGS_ROW, HEADER_ROW, FIRST_ROW = 1, 2, 3
_LIST_LIMIT = 255
"""Longest list Excel takes written into a validation; longer ones go on a sheet."""
_BOOLEAN_CHOICES: dict[Lang, str] = {"en": "true,false", "id": "ya,tidak"}


def _form_book(lang: Lang) -> tuple[Workbook, Worksheet, Worksheet]:
    """A new workbook for a form: the form sheet, and the hidden sheet of long lists."""
    require_openpyxl()
    from openpyxl import Workbook

    book = Workbook()
    form: Worksheet = book.active  # type: ignore[assignment]
    form.title = t(lang, "xlsx-sheet-form")
    lists = book.create_sheet(t(lang, "xlsx-sheet-lists"))
    lists.sheet_state = "hidden"
    return book, form, lists


def _heading_style() -> tuple[Font, PatternFill]:
    """The forms' headings: bold on light blue."""
    from openpyxl.styles import Font, PatternFill

    return Font(bold=True), PatternFill("solid", fgColor="DDEBF7")


def template_workbook(criteria: Criteria, lang: Lang) -> bytes:
    """The form for regional offices: one region a row, with an indicator sheet."""
    from openpyxl.styles import Alignment, Font, Protection
    from openpyxl.utils import get_column_letter

    book, form, lists = _form_book(lang)
    columns = [*REGION_COLUMNS, *criteria.questionnaire_addresses]
    headings = [t(lang, f"xlsx-head-{name}") for name in REGION_COLUMNS]
    headings += [i.label(lang) for _, i in criteria.questionnaire_addresses.values()]
    bold, fill = _heading_style()
    unlocked = Protection(locked=False)
    for column, (heading, name) in enumerate(zip(headings, columns, strict=True), start=1):
        top = form.cell(HEADINGS_ROW, column, heading)
        top.font, top.fill = bold, fill
        top.alignment = Alignment(wrap_text=True, vertical="top")
        form.cell(HEADER_ROW, column, name).font = Font(italic=True, color="595959")
        form.column_dimensions[get_column_letter(column)].width = 18
        text = name in ("code", "name", "province", "kind") or _is_level(criteria, name)
        for row in range(FIRST_ROW, FIRST_ROW + FORM_ROWS):
            cell = form.cell(row, column)
            cell.protection = unlocked
            if text:
                cell.number_format = "@"  # 32.10 stays the text 32.10, not the number 32.1
    form.cell(FIRST_ROW, columns.index("year") + 1, _year(criteria))
    form.row_dimensions[HEADINGS_ROW].height = 45
    form.freeze_panes = f"A{FIRST_ROW}"
    form.protection.sheet = True
    form.protection.formatColumns = False  # widths may still be changed
    form.protection.formatRows = False
    ranges = [
        f"{get_column_letter(c)}{FIRST_ROW}:{get_column_letter(c)}{FIRST_ROW + FORM_ROWS - 1}"
        for c in range(1, len(columns) + 1)
    ]
    _validations(form, lists, criteria, columns, ranges, lang)
    _indicator_sheet(book.create_sheet(t(lang, "xlsx-sheet-indicators")), criteria, lang)
    book.move_sheet(lists, offset=1)  # after the indicators: not in the way
    return _saved(book)


FORM_KEYS_ROW = 2
"""The form layout's first key row (``code``), under a row of headings."""


def form_workbook(criteria: Criteria, lang: Lang) -> bytes:
    """The form for one region (``--layout form``): a field a row, its key (the column
    id) in column A, its value to fill in column B, its name and what it takes in C and
    D; the same drop-down lists and ranges, and the indicator sheet."""
    from openpyxl.styles import Alignment, Font, Protection

    book, form, lists = _form_book(lang)
    columns = [*REGION_COLUMNS, *criteria.questionnaire_addresses]
    bold, fill = _heading_style()
    for column, key in enumerate(["key", "value", "field", "allowed"], start=1):
        top = form.cell(1, column, t(lang, f"xlsx-form-head-{key}"))
        top.font, top.fill = bold, fill
    for row, name in enumerate(columns, start=FORM_KEYS_ROW):
        form.cell(row, 1, name).font = Font(italic=True, color="595959")
        value = form.cell(row, 2)
        value.protection = Protection(locked=False)
        if name in ("code", "name", "province", "kind") or _is_level(criteria, name):
            value.number_format = "@"  # 32.10 stays the text 32.10, not the number 32.1
        found = criteria.addresses.get(name)
        if found is None:
            label, allowed = t(lang, f"xlsx-head-{name}"), ""
        else:
            label = found[1].label(lang)
            allowed = " ".join(text for _, text in _allowed(found[1], lang))
        form.cell(row, 3, label)
        form.cell(row, 4, allowed).alignment = Alignment(wrap_text=True, vertical="top")
    form.cell(FORM_KEYS_ROW + columns.index("year"), 2, _year(criteria))
    for letter, width in {"A": 34, "B": 24, "C": 40, "D": 60}.items():
        form.column_dimensions[letter].width = width
    form.freeze_panes = f"A{FORM_KEYS_ROW}"
    form.protection.sheet = True
    form.protection.formatColumns = False
    form.protection.formatRows = False
    ranges = [f"B{row}" for row in range(FORM_KEYS_ROW, FORM_KEYS_ROW + len(columns))]
    _validations(form, lists, criteria, columns, ranges, lang)
    _indicator_sheet(book.create_sheet(t(lang, "xlsx-sheet-indicators")), criteria, lang)
    book.move_sheet(lists, offset=1)
    return _saved(book)


def _is_level(criteria: Criteria, name: str) -> bool:
    found = criteria.addresses.get(name)
    return found is not None and found[1].type == "level"


def _validations(
    form: Worksheet,
    lists: Worksheet,
    criteria: Criteria,
    columns: list[str],
    ranges: list[str],
    lang: Lang,
) -> None:
    """Each column id's drop-down list or range, on its cells (``ranges``, by column)."""
    from openpyxl.utils import get_column_letter, quote_sheetname
    from openpyxl.worksheet.datavalidation import DataValidation

    def add(column: int, rule: DataValidation, prompt: str = "") -> None:
        rule.error = t(lang, "xlsx-invalid-cell")[:_LIST_LIMIT]
        rule.errorTitle = columns[column - 1][:32]
        rule.showErrorMessage = True
        if prompt:
            rule.prompt = prompt[:_LIST_LIMIT]
            rule.promptTitle = columns[column - 1][:32]
            rule.showInputMessage = True
        rule.add(ranges[column - 1])
        form.add_data_validation(rule)

    def choices(values: list[str]) -> str:
        inline = ",".join(values)
        if len(inline) + 2 <= _LIST_LIMIT:
            return f'"{inline}"'
        column = lists.max_column + 1 if lists.max_row > 1 or lists["A1"].value else 1
        for row, value in enumerate(values, start=1):
            lists.cell(row, column, value)
        letter = get_column_letter(column)
        return f"{quote_sheetname(lists.title)}!${letter}$1:${letter}${len(values)}"

    for column, name in enumerate(columns, start=1):
        if name == "code":
            add(
                column,
                DataValidation("textLength", operator="between", formula1="5", formula2="13"),
            )
        elif name == "kind":
            add(column, DataValidation("list", formula1=choices(["kabupaten", "kota"])))
        elif name == "year":
            add(
                column,
                DataValidation("whole", operator="between", formula1="1900", formula2="2200"),
            )
        elif name in criteria.addresses:
            indicator = criteria.addresses[name][1]
            prompt = " ".join(text for _, text in _allowed(indicator, lang))
            add(column, _indicator_rule(indicator, lang, choices), prompt)


def _indicator_rule(indicator: Indicator, lang: Lang, choices: Any) -> Any:
    from openpyxl.worksheet.datavalidation import DataValidation

    if indicator.type == "boolean":
        return DataValidation("list", formula1=f'"{_BOOLEAN_CHOICES[lang]}"')
    if indicator.type == "level":
        return DataValidation("list", formula1=choices(list(indicator.level_scores)))
    valid = indicator.valid
    low = valid.min if valid is not None else None
    high = valid.max if valid is not None else None
    if low is not None and high is not None:
        return DataValidation("decimal", operator="between", formula1=_n(low), formula2=_n(high))
    if low is not None:
        return DataValidation("decimal", operator="greaterThanOrEqual", formula1=_n(low))
    if high is not None:
        return DataValidation("decimal", operator="lessThanOrEqual", formula1=_n(high))
    # Any number: a number, at least, and not text.
    return DataValidation("decimal", operator="between", formula1="-1E+300", formula2="1E+300")


def _n(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else repr(float(value))


def _indicator_sheet(sheet: Worksheet, criteria: Criteria, lang: Lang) -> None:
    """What each column of the form means, its unit, what it takes and its weight."""
    from openpyxl.styles import Alignment, Font

    keys = ["column", "factor", "indicator", "meaning", "unit", "allowed", "required", "weight"]
    sheet.append([t(lang, f"xlsx-ind-{key}") for key in keys])
    for name in REGION_COLUMNS:
        heading = t(lang, f"xlsx-head-{name}")
        note = t(lang, f"xlsx-note-{name}", year=_year(criteria))
        sheet.append([name, "", heading, note, "", "", "", ""])
    for address, (factor, indicator) in criteria.questionnaire_addresses.items():
        unit = indicator.unit.get(lang) if indicator.unit else ""
        allowed = [
            f"{lead.strip()}: {text}" if lead else text for lead, text in _allowed(indicator, lang)
        ]
        if indicator.gate is not None:
            allowed.append(_gate(indicator, lang))
        status = "tpl-required" if indicator.required else f"tpl-optional-{criteria.missing}"
        sheet.append(
            [
                address,
                factor.label(lang),
                indicator.label(lang),
                indicator.description.get(lang) if indicator.description else "",
                unit,
                " ".join(allowed),
                t(lang, status),
                _percent(criteria.effective_weight(factor, indicator), lang),
            ]
        )
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    widths = {"A": 34, "B": 22, "C": 34, "D": 60, "E": 16, "F": 50, "G": 30, "H": 10}
    for letter, width in widths.items():
        sheet.column_dimensions[letter].width = width
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    sheet.freeze_panes = "A2"


def _year(criteria: Criteria) -> int:
    return criteria.cohorts[0].year if criteria.cohorts else 2018


# --- the ranking -------------------------------------------------------------------------

_WHOLE = re.compile(r"^-?\d+$")
_DECIMAL = re.compile(r"^-?\d+\.(\d+)$")


def rank_workbook(result: RankResult, options: ReportOptions) -> bytes:
    """The ranking as the CSV has it, one region a row with its factor scores, numbers
    as numbers, under an autofilter; a second sheet says what was ranked, and how."""
    require_openpyxl()
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    lang = options.lang
    view = RankView(result, lang, numbers="en")  # cells are typed from the English form
    model = result.criteria.model
    book = Workbook()
    sheet: Worksheet = book.active  # type: ignore[assignment]
    sheet.title = t(lang, "xlsx-sheet-ranking")
    card = ["code", "name", "province", "kind", "year", "score", "band", "eligible"]
    header = ["rank", "cohort", *card, "gap", "deferred_from", "left_out_by_cap", "tie"]
    header += ["coverage", *(f"factor.{f.id}" for f in model.factors), "reasons"]
    ruled = result.ranking.equity is not None
    equity = list(EQUITY_COLUMNS) if ruled else []
    overridden = result.ranking.overrides is not None
    panel = ["override", "override_reason", "moved_by_override"] if overridden else []
    header += equity + panel
    capped = ["cap_in_place_of"] if result.ranking.max_per_province is not None else []
    capped += ["deferred_in"] if result.ranking.deferred_in else []
    header += capped
    excluded = ["excluded", "excluded_round", "excluded_note"] if result.ranking.excluded else []
    header += excluded
    sheet.append(header)
    for row in view.each_row():
        cells: list[Any] = [
            row.rank,
            row.cohort,
            row.code,
            row.name,
            row.province,
            row.kind,
            row.year,
            row.score,
            row.band,
            row.eligible,
            row.gap,
            row.deferred_from,
            row.left_out_by_cap,
            row.tie,
            row.coverage,
            *row.factors,
            "; ".join(row.reasons),
            *(getattr(row, name) for name in (*equity, *panel, *capped)),
            *("" for _ in excluded),
        ]
        _typed_row(sheet, header, cells)
    # Then the regions left out before ranking, as the CSV has them: no rank, no scores.
    for ex in view.excluded_rows:
        cells = ["", "", ex.code, ex.name, ex.province, ex.kind, ex.year]
        cells += [""] * (len(header) - len(cells) - len(excluded))
        _typed_row(sheet, header, [*cells, ex.status, ex.round, ex.note])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    last = get_column_letter(len(header))
    sheet.auto_filter.ref = f"A1:{last}{sheet.max_row}"
    sheet.freeze_panes = "C2"
    for column, name in enumerate(header, start=1):
        sheet.column_dimensions[get_column_letter(column)].width = 28 if name == "name" else 12
    about = book.create_sheet(t(lang, "xlsx-sheet-about"))
    for line in _about(result, view, lang):
        about.append([line])
    about.column_dimensions["A"].width = 120
    if view.verification_heading:
        _verification_sheet(book, view)
    return _saved(book)


_VERIFICATION = ("rank", "code", "name", "score_claimed", "score", "score_change", "values_moved")
"""The columns of the verification sheet, named as the CSV names them."""


def _verification_sheet(book: Workbook, view: RankView) -> None:
    """Where verification moved a score, a region a row with numbers as numbers, as the
    view has it (the same rows as every format's section); then its note."""
    from openpyxl.styles import Font

    sheet = book.create_sheet(t(view.lang, "verview-sheet"))
    sheet.append(list(_VERIFICATION))
    for r in view.verification_rows:
        change = r.change.removeprefix("+")  # a number, not text
        cells = [r.rank, r.code, r.name, r.score_claimed, r.score, change, r.values_moved]
        _typed_row(sheet, list(_VERIFICATION), cells)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    sheet.append([])
    sheet.append([view.verification_note])
    sheet.column_dimensions["C"].width = 28


def _typed_row(sheet: Worksheet, header: list[str], cells: list[Any]) -> None:
    """``cells`` as the next row of ``sheet``, each typed by its column (``_typed``)."""
    r = sheet.max_row + 1
    for column, (name, text) in enumerate(zip(header, cells, strict=True), start=1):
        value, number_format = _typed(name, text)
        written = sheet.cell(r, column, value)
        if number_format:
            written.number_format = number_format


_NUMERIC = frozenset(
    {"rank", "cohort", "year", "score", "gap", "deferred_from", "coverage", "excluded_round"}
    | {"score_claimed", "score_change", "values_moved"}
)


def _typed(name: str, cell: Any) -> tuple[Any, str]:
    """A report cell as the value a spreadsheet sorts and sums, and its number format:
    numbers as numbers (shown with as many decimals as the report shows them), yes/no
    as booleans, empty as empty, the rest as text."""
    if isinstance(cell, bool) or cell is None:
        return cell, ""
    text = str(cell)
    if text == "":
        return None, ""
    if name not in _NUMERIC and not name.startswith("factor."):
        return text, ""
    if _WHOLE.match(text):
        return int(text), ""
    decimal = _DECIMAL.match(text)
    if decimal:
        return float(text), "0." + "0" * len(decimal.group(1))
    return text, ""


def _about(result: RankResult, view: RankView, lang: Lang) -> Iterable[str]:
    model = result.criteria.model
    yield view.title
    yield view.summary
    yield criteria_note(model, lang)
    yield t(lang, "xlsx-criteria", id=model.id, version=model.version, sha=result.criteria.sha256)
    for line in [*view.cutoff_warnings, *view.cohort_warnings, *view.skipped]:
        yield " ".join(line.split())
    if view.equity_heading:
        yield view.equity_heading
        yield from view.equity_lines
    if view.overrides_heading:
        yield view.overrides_heading
        yield from view.overrides_lines
    if view.verification_heading:
        yield view.verification_heading
        yield view.verification_note
    if view.excluded:
        yield view.excluded_heading
        yield from view.excluded


# --- saving, byte for byte -------------------------------------------------------------------

_CORE_TIMES = re.compile(rb"(<dcterms:(created|modified)[^>]*>)[^<]*(</dcterms:\2>)")


def _saved(book: Workbook) -> bytes:
    book.properties.creator = "smartcity-assess"
    book.properties.created = FIXED_TIME
    book.properties.modified = FIXED_TIME
    buffer = io.BytesIO()
    book.save(buffer)
    return fixed_zip(buffer.getvalue())


def fixed_zip(data: bytes) -> bytes:
    """The workbook ``data`` with every time in it fixed: the document's creation and
    modification times (openpyxl writes the time of saving) and each zip entry's."""
    stamp = FIXED_TIME.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for entry in source.infolist():
            content = source.read(entry)
            if entry.filename == "docProps/core.xml":
                content = _CORE_TIMES.sub(rb"\g<1>" + stamp + rb"\g<3>", content)
            info = zipfile.ZipInfo(entry.filename, date_time=ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            target.writestr(info, content)
    return out.getvalue()
