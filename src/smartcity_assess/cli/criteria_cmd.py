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
from smartcity_assess.i18n import Msg
from smartcity_assess.reading.criteria_file import load_criteria
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
    format: FormatOption = ReportFormat.table,
    output: OutputOption = None,
    lang: LangOption = None,
    no_color: NoColorOption = False,
    debug: DebugOption = False,
) -> None:
    """Show the criteria tree with effective weights, bands and cohorts.

    Exit 1 if FILE is not valid criteria (every problem is listed), 2 if it is missing.
    """
    language = resolve_lang(lang)
    if file is not None and not file.exists():
        raise UsageError("usage-path", path=str(file), reason=Msg.of("file-missing"))
    try:
        loaded = load_criteria(file)
    except CriteriaInvalid as exc:
        # Here the criteria file *is* the input being checked: invalid means exit 1.
        print_problems(exc.problems, language, no_color)
        raise typer.Exit(1) from None
    options = report_options(language, no_color, format.value, output)
    emit(reporter_for(format.value).criteria(CriteriaResult(loaded), options), output)
