from enum import StrEnum
from typing import Annotated

import typer

from smartcity_assess.cli.app import app
from smartcity_assess.cli.common import (
    CriteriaOption,
    DebugOption,
    LangOption,
    NoColorOption,
    OutputOption,
    binary_output,
    edge,
    emit,
)
from smartcity_assess.cli.options import resolve_lang
from smartcity_assess.reading.criteria_file import load_criteria
from smartcity_assess.reading.workbook import require_openpyxl
from smartcity_assess.report.template import DEFAULT_SCHEMA_URL, csv_template, yaml_template


class TemplateLayout(StrEnum):
    rows = "rows"
    form = "form"


class TemplateFormat(StrEnum):
    yaml = "yaml"
    csv = "csv"
    xlsx = "xlsx"


@app.command("template")
@edge
def template_command(
    criteria: CriteriaOption = None,
    format: Annotated[
        TemplateFormat,
        typer.Option(
            "--format",
            "-f",
            help="yaml: one commented submission; csv: the header row for a spreadsheet, "
            "one row per region; xlsx: an Excel form, one row per region, with drop-down lists, "
            "number ranges and a sheet explaining each indicator (needs the 'xlsx' extra; "
            "use -o FILE.xlsx).",
        ),
    ] = TemplateFormat.yaml,
    layout: Annotated[
        TemplateLayout,
        typer.Option(
            "--layout",
            help="With --format xlsx: rows, one region a row; form, one region, a field a row "
            "(keys in column A, values in column B). Both are read back by every command.",
        ),
    ] = TemplateLayout.rows,
    schema_url: Annotated[
        str,
        typer.Option(
            "--schema-url",
            help="Where editors find the JSON Schema (the '# yaml-language-server: $schema=' "
            "line): a URL, or a path relative to the submission file.",
        ),
    ] = DEFAULT_SCHEMA_URL,
    output: OutputOption = None,
    lang: LangOption = None,
    no_color: NoColorOption = False,
    debug: DebugOption = False,
) -> None:
    """Print a blank submission for the criteria, to fill in.

    Every indicator is listed with its meaning, allowed values and whether it is
    required; values are left empty (empty means absent). Once the required values are
    filled in, 'assess validate' accepts it. --lang sets the language of the comments
    (and of an Excel form's headings and sheets).
    """
    language = resolve_lang(lang)
    if format is TemplateFormat.xlsx:
        binary_output(output)
        require_openpyxl()
    model = load_criteria(criteria).model
    if format is TemplateFormat.xlsx:
        from smartcity_assess.report.xlsx_report import form_workbook, template_workbook

        write = form_workbook if layout is TemplateLayout.form else template_workbook
        emit(write(model, language), output)
        return
    if format is TemplateFormat.csv:
        text = csv_template(model)
    else:
        criteria_arg = str(criteria) if criteria is not None else None
        text = yaml_template(model, lang=language, schema_url=schema_url, criteria_arg=criteria_arg)
    emit(text, output)
