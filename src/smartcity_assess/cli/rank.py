from pathlib import Path
from typing import Annotated

import typer

from smartcity_assess.cli import app
from smartcity_assess.cli.common import (
    CriteriaOption,
    DebugOption,
    FileProgress,
    FormatOption,
    LangOption,
    MaxSizeOption,
    NoColorOption,
    OutputOption,
    ReportFormat,
    edge,
    emit,
    print_problems,
    report_options,
    stderr_console,
    table_on_terminal,
)
from smartcity_assess.cli.inputs import existing_paths
from smartcity_assess.criteria import load_criteria
from smartcity_assess.exclusions import read_exclusions
from smartcity_assess.i18n import Lang, resolve_lang, t
from smartcity_assess.ranking import parse_cohorts
from smartcity_assess.ranking import rank as rank_pool
from smartcity_assess.report import RankResult, reporter_for
from smartcity_assess.report.common import cohort_warnings, cutoff_tie_warning, rank_summary
from smartcity_assess.report.common import skipped_lines as skipped_warning
from smartcity_assess.scoring import score as score_submission
from smartcity_assess.submission import read_batch


@app.command()
@edge
def rank(
    paths: Annotated[
        list[Path],
        typer.Argument(
            help="Submission files or folders (searched recursively for *.yaml, *.yml, *.csv).",
            show_default=False,
        ),
    ],
    criteria: CriteriaOption = None,
    cohorts: Annotated[
        str | None,
        typer.Option(
            "--cohorts",
            help="Cohorts to fill, in order, as YEAR:SIZE,... (e.g. 2018:50,2019:25). "
            "Default: the criteria's cohorts.",
            show_default=False,
        ),
    ] = None,
    exclude: Annotated[
        list[Path] | None,
        typer.Option(
            "--exclude",
            help="Leave out regions selected earlier: a JSON output of 'assess rank', a CSV "
            "file with a 'code' column, or a text file of codes (one a line, # comments). "
            "Repeatable.",
            show_default=False,
        ),
    ] = None,
    max_per_province: Annotated[
        int | None,
        typer.Option(
            "--max-per-province",
            min=1,
            help="At most N regions of one province in a cohort; the next one moves on to the "
            "next cohort. Default: the criteria's selection.max_per_province.",
            show_default=False,
        ),
    ] = None,
    skip_invalid: Annotated[
        bool,
        typer.Option(
            "--skip-invalid",
            help="Rank the valid files and list the invalid ones as skipped, instead of "
            "exiting 1 without a ranking.",
        ),
    ] = False,
    format: FormatOption = ReportFormat.table,
    output: OutputOption = None,
    lang: LangOption = None,
    no_color: NoColorOption = False,
    max_file_size: MaxSizeOption = None,
    debug: DebugOption = False,
) -> None:
    """Rank a pool of candidates and fill the yearly cohorts in rank order.

    Ties are judged at the criteria's precision and broken by factor scores (heaviest
    factor first), then by region code; every broken tie is reported. Exit 1 if any
    input is invalid (every problem is listed on stderr), unless --skip-invalid.

    Example: assess rank examples/pool-2018 --exclude examples/cohort-2017.txt
    --cohorts 2018:50 --format json -o round-2018.json
    """
    language = resolve_lang(lang)
    wanted = parse_cohorts(cohorts) if cohorts is not None else None
    loaded = load_criteria(criteria)
    model = loaded.model
    excluded = read_exclusions(exclude or [])
    cap = max_per_province if max_per_province is not None else model.selection.max_per_province
    inputs = existing_paths(paths)
    with FileProgress(stderr_console(no_color), t(language, "reading-inputs")) as progress:
        batch = read_batch(model, inputs, max_bytes=max_file_size, progress=progress)
    print_problems(batch.problems, language, no_color)
    if batch.errors and not skip_invalid:
        raise typer.Exit(1)
    cards = [score_submission(model, s) for s in batch.valid_submissions()]
    ranking = rank_pool(model, cards, wanted or model.cohorts, cap, excluded)
    result = RankResult(loaded, ranking, batch.contents(), batch.skipped())
    options = report_options(language, no_color, format.value, output)
    emit(reporter_for(format.value).rank(result, options), output)
    if not table_on_terminal(format.value, output):
        # A table on a terminal already says all this; anywhere else, stderr says it too.
        _print_summary(result, language, no_color)


def _print_summary(result: RankResult, lang: Lang, no_color: bool) -> None:
    console = stderr_console(no_color)
    model, ranking = result.criteria.model, result.ranking
    for line in skipped_warning(result.skipped, lang):
        console.print(line, style="bold red", markup=False, soft_wrap=True)
    for tie in ranking.cutoff_ties:
        console.print(
            cutoff_tie_warning(tie, ranking, model, lang),
            style="bold red",
            markup=False,
            soft_wrap=True,
        )
    for warning in cohort_warnings(ranking, lang):
        console.print(warning, style="yellow", markup=False, soft_wrap=True)
    console.print(rank_summary(ranking, lang), markup=False, soft_wrap=True)
