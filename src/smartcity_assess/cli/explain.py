from pathlib import Path
from typing import Annotated

import typer

from smartcity_assess.cli.app import app
from smartcity_assess.cli.common import (
    CohortsOption,
    CriteriaOption,
    DebugOption,
    ExcludeOption,
    FormatOption,
    LangOption,
    MaxPerProvinceOption,
    MaxSizeOption,
    NoColorOption,
    OutputOption,
    ReportFormat,
    SkipInvalidOption,
    edge,
    emit,
    pool_selection,
    print_problems,
    read_pool,
    report_options,
    stderr_console,
    table_on_terminal,
)
from smartcity_assess.cli.formats import reporter_supporting
from smartcity_assess.cli.inputs import existing_paths
from smartcity_assess.cli.options import parse_cohorts, resolve_lang
from smartcity_assess.cli.panel import AssessorsOption, scored_with_panel
from smartcity_assess.errors import UsageError
from smartcity_assess.reading.criteria_file import load_criteria
from smartcity_assess.reading.submissions import Skipped, read_batch
from smartcity_assess.report.analysis import path_result, position_line
from smartcity_assess.report.common import skipped_lines
from smartcity_assess.report.interface import ExplainResult


@app.command("explain")
@edge
def explain_command(
    file: Annotated[
        Path,
        typer.Argument(help="The submission to explain (one region).", show_default=False),
    ],
    pool: Annotated[
        list[Path] | None,
        typer.Option(
            "--pool",
            help="The pool to rank it in: files or folders, as for 'assess rank'; repeat for "
            "several. The file's own version of its region replaces the pool's. Without "
            "--pool, the region is explained against the bands.",
            show_default=False,
        ),
    ] = None,
    criteria: CriteriaOption = None,
    cohorts: CohortsOption = None,
    exclude: ExcludeOption = None,
    max_per_province: MaxPerProvinceOption = None,
    assessors: AssessorsOption = None,
    skip_invalid: SkipInvalidOption = False,
    format: FormatOption = ReportFormat.table,
    output: OutputOption = None,
    lang: LangOption = None,
    no_color: NoColorOption = False,
    max_file_size: MaxSizeOption = None,
    debug: DebugOption = False,
) -> None:
    """What separates one region from the cut-off, and which improvements count most.

    With --pool: its rank and cohort (or its gap to the cut-off), its factor contributions
    against the median of the selected regions, its strengths and weaknesses, every gate
    it fails, and the fewest single-indicator steps that would get it selected, with the
    other regions as they are. Without --pool: the same against the next band.
    Formats: table, json, markdown, html. Exit 1 if an input is invalid.

    Example: assess explain examples/pool-2018/33-25-kabupaten-batang.yaml
    --pool examples/pool-2018
    """
    language = resolve_lang(lang)
    wanted = parse_cohorts(cohorts) if cohorts is not None else None
    reporter = reporter_supporting(format.value, "explain")
    loaded = load_criteria(criteria)
    model = loaded.model
    selection = pool_selection(model, wanted, exclude, max_per_province)

    own = read_batch(
        model,
        existing_paths([file], language),
        max_bytes=max_file_size,
        cohorts=[c.year for c in selection.cohorts],
    )
    print_problems(own.problems, language, no_color)
    if own.errors:
        raise typer.Exit(1)
    if len(own.submissions) != 1:
        raise UsageError("explain-one-submission", path=str(file), count=len(own.submissions))
    submission = own.submissions[0]

    pool_inputs = None
    skipped: list[Skipped] = []
    members = None
    if pool:
        batch = read_pool(
            model,
            pool,
            cohorts=selection.cohorts,
            skip_invalid=skip_invalid,
            max_bytes=max_file_size,
            lang=language,
            no_color=no_color,
        )
        members = batch.submissions
        pool_inputs, skipped = batch.contents(), batch.skipped
    # The panel's values join the region's and the pool's (one read, one pool of codes).
    together, _ = scored_with_panel(
        model,
        [submission, *(members or [])],
        assessors,
        cohorts=[c.year for c in selection.cohorts],
        max_bytes=max_file_size,
        lang=language,
        no_color=no_color,
    )
    submission = together[0]
    members = None if members is None else together[1:]
    from smartcity_assess.core.explain import ExcludedRegion, explain  # loads numpy

    try:
        explanation = explain(
            model,
            submission,
            members,
            wanted,
            selection.max_per_province,
            selection.excluded,
            selection.members,
        )
    except ExcludedRegion:
        raise UsageError("explain-excluded", code=submission.code) from None
    result = ExplainResult(loaded, explanation, own.inputs[0], pool_inputs, skipped)
    options = report_options(language, no_color, format.value, output)
    emit(reporter.explain(result, options), output)
    if not table_on_terminal(format.value, output):
        console = stderr_console(no_color)
        for line in skipped_lines(skipped, language):
            console.print(line, style="bold red", markup=False, soft_wrap=True)
        console.print(position_line(explanation, model, language), markup=False, soft_wrap=True)
        console.print(path_result(explanation, model, language), markup=False, soft_wrap=True)
