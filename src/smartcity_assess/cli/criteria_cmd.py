import json
from pathlib import Path
from typing import Annotated

import typer

from smartcity_assess.cli.app import app
from smartcity_assess.cli.common import (
    DebugOption,
    FormatOption,
    LangOption,
    NoColorOption,
    OutputOption,
    ReportFormat,
    edge,
    emit,
    print_problems,
    report_options,
)
from smartcity_assess.cli.options import resolve_lang
from smartcity_assess.errors import CriteriaInvalid, UsageError
from smartcity_assess.i18n import Lang, t
from smartcity_assess.reading.criteria_file import (
    bundled_criteria_ids,
    bundled_criteria_path,
    load_criteria,
)
from smartcity_assess.report import CriteriaResult, reporter_for


@app.command("criteria")
@edge
def criteria_command(
    file: Annotated[
        Path | None,
        typer.Argument(
            help="Criteria file to show and check. Default: the bundled criteria.",
            show_default=False,
        ),
    ] = None,
    list_: Annotated[
        bool,
        typer.Option("--list", help="List the bundled criteria (id, version, title, file)."),
    ] = False,
    format: FormatOption = ReportFormat.table,
    output: OutputOption = None,
    lang: LangOption = None,
    no_color: NoColorOption = False,
    debug: DebugOption = False,
) -> None:
    """Show the criteria tree with effective weights, bands and cohorts.

    FILE may be the id of bundled criteria (see --list). Exit 1 if FILE is not valid
    criteria (every problem is listed), 2 if it is missing.
    """
    language = resolve_lang(lang)
    if list_:
        if file is not None or format not in (ReportFormat.table, ReportFormat.json):
            raise UsageError("usage-criteria-list")
        emit(_bundled_list(language, format is ReportFormat.json), output)
        return
    try:
        loaded = load_criteria(file)
    except CriteriaInvalid as exc:
        # Here the criteria file *is* the input being checked: invalid means exit 1.
        print_problems(exc.problems, language, no_color)
        raise typer.Exit(1) from None
    options = report_options(language, no_color, format.value, output)
    emit(reporter_for(format.value).criteria(CriteriaResult(loaded), options), output)


def _bundled_list(lang: Lang, as_json: bool) -> str:
    """One row per bundled criteria: id, version, title and file, as a table or JSON."""
    rows = []
    for name in bundled_criteria_ids():
        model = load_criteria(bundled_criteria_path(name)).model
        path = str(bundled_criteria_path(name))
        rows.append(
            {"id": name, "version": model.version, "title": model.title.get(lang), "file": path}
        )
    if as_json:
        return json.dumps({"criteria": rows}, ensure_ascii=False, indent=2) + "\n"
    header = {key: t(lang, f"list-{key}") for key in ("id", "version", "title", "file")}
    widths = {key: max(len(row[key]) for row in [header, *rows]) for key in header}
    lines = [
        "  ".join(row[key].ljust(widths[key]) for key in header).rstrip() for row in [header, *rows]
    ]
    return "\n".join(lines) + "\n"
