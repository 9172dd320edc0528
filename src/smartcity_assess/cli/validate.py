from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from smartcity_assess.cli.app import app
from smartcity_assess.cli.common import (
    CriteriaOption,
    DebugOption,
    LangOption,
    MaxSizeOption,
    NoColorOption,
    OutputOption,
    edge,
    emit,
    stderr_console,
)
from smartcity_assess.cli.inputs import checked_inputs
from smartcity_assess.cli.options import resolve_lang
from smartcity_assess.i18n import t
from smartcity_assess.reading.criteria_file import load_criteria
from smartcity_assess.reading.submissions import read_batch
from smartcity_assess.report.problems import PROBLEM_FORMATS, resolve_problem_format


class ProblemFormat(StrEnum):
    auto = "auto"
    text = "text"
    json = "json"
    github = "github"


@app.command()
@edge
def validate(
    paths: Annotated[
        list[Path],
        typer.Argument(
            help="Submission files or folders (searched recursively for *.yaml, *.yml, *.csv, "
            "*.xlsx); '-' reads standard input.",
            show_default=False,
        ),
    ],
    criteria: CriteriaOption = None,
    format: Annotated[
        ProblemFormat,
        typer.Option(
            "--format",
            "-f",
            help="text: path:line:col: error[code]: message; json; github: Actions "
            "annotations; auto: github when GITHUB_ACTIONS is set, else text.",
        ),
    ] = ProblemFormat.auto,
    strict: Annotated[
        bool, typer.Option("--strict", help="Treat warnings as errors (exit 1).")
    ] = False,
    output: OutputOption = None,
    lang: LangOption = None,
    no_color: NoColorOption = False,
    max_file_size: MaxSizeOption = None,
    debug: DebugOption = False,
) -> None:
    """Check submissions against the criteria and report every problem at once.

    Exit 0 when valid, 1 when any file has an error (or a warning, with --strict). A file
    in a folder that is not YAML, CSV or .xlsx (another spreadsheet, a note) is named on
    stderr as skipped, and the closing summary counts it as not checked.
    """
    language = resolve_lang(lang)
    loaded = load_criteria(criteria)
    inputs, skipped = checked_inputs(paths, language)
    batch = read_batch(loaded.model, inputs, max_bytes=max_file_size)
    formatter = PROBLEM_FORMATS[resolve_problem_format(format.value)]
    emit(formatter(batch.problems, language), output)
    files = batch.file_count
    if batch.problems:
        summary = t(
            language,
            "summary-problems",
            files=files,
            errors=len(batch.errors),
            warnings=len(batch.warnings),
        )
    else:
        summary = t(language, "summary-valid", files=files, regions=len(batch.submissions))
    if skipped:  # named above, one a line: the summary must not pass them off as checked
        summary = f"{summary}; {t(language, 'summary-skipped', count=skipped)}"
    stderr_console(no_color).print(summary, markup=False, highlight=False, soft_wrap=True)
    if batch.errors or (strict and batch.warnings):
        raise typer.Exit(1)
