from pathlib import Path
from typing import Annotated

import typer

from smartcity_assess.cli.app import app
from smartcity_assess.cli.common import (
    CohortsOption,
    CriteriaOption,
    DebugOption,
    ExcludeOption,
    FileProgress,
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
    read_pool,
    report_options,
    stderr_console,
    table_on_terminal,
)
from smartcity_assess.cli.formats import reporter_supporting
from smartcity_assess.cli.options import parse_cohorts, resolve_lang
from smartcity_assess.cli.panel import AssessorsOption, scored_with_panel
from smartcity_assess.core.ranking import rank as rank_pool
from smartcity_assess.errors import UsageError
from smartcity_assess.i18n import t
from smartcity_assess.reading.criteria_file import load_criteria
from smartcity_assess.report.common import skipped_lines
from smartcity_assess.report.interface import SensitivityResult


def _in_range(option: str, value: float, high: float) -> float:
    if not 0.0 <= value < high:
        raise UsageError("usage-range", option=option, low=0, high=high, value=value)
    return value


@app.command()
@edge
def sensitivity(
    paths: Annotated[
        list[Path],
        typer.Argument(
            help="Submission files or folders (searched recursively for *.yaml, *.yml, *.csv, "
            "*.xlsx).",
            show_default=False,
        ),
    ],
    runs: Annotated[
        int, typer.Option("--runs", min=1, help="Monte Carlo runs; each re-scores and re-ranks.")
    ] = 1000,
    seed: Annotated[
        int,
        typer.Option(
            "--seed", help="Seed of the random generator: the same seed, the same report."
        ),
    ] = 0,
    weight_noise: Annotated[
        float,
        typer.Option(
            "--weight-noise",
            help="Each run multiplies every factor weight by 1 + U(-x, +x), then renormalises "
            "(0 <= x < 1).",
        ),
    ] = 0.25,
    vary_aggregation: Annotated[
        bool,
        typer.Option(
            "--vary-aggregation", help="Each run aggregates arithmetically or geometrically."
        ),
    ] = False,
    goalpost_noise: Annotated[
        float,
        typer.Option(
            "--goalpost-noise",
            help="Each run moves every goalpost of a number indicator by U(-x, +x) times the "
            "span between its goalposts (0 <= x < 0.5). Default: 0, goalposts fixed.",
        ),
    ] = 0.0,
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
    """How robust the ranking is to its weights and method (seeded Monte Carlo).

    Every run perturbs the factor weights (and optionally the aggregation and the
    goalposts), re-scores and re-ranks the whole pool; a one-at-a-time sweep shows which
    factor's weight matters most.

    Reports each region's rank interval and selection probability, the borderline regions
    (selected in more than 5% and fewer than 95% of runs) and how stable the selection is.
    For each cohort's last place: the least change of one number value that swaps it and,
    when the criteria declare an 'uncertainty' for some values, each nearby region's odds
    of being placed under it (as many runs, values moved, weights nominal).
    Formats: table, json, markdown, html. Exit 1 if any input is invalid, unless --skip-invalid.

    Example: assess sensitivity examples/pool-2018 --runs 1000 --seed 7 --format json
    """
    language = resolve_lang(lang)
    settings_noise = _in_range("--weight-noise", weight_noise, 1.0)
    settings_goalposts = _in_range("--goalpost-noise", goalpost_noise, 0.5)
    wanted = parse_cohorts(cohorts) if cohorts is not None else None
    reporter = reporter_supporting(format.value, "sensitivity")
    loaded = load_criteria(criteria)
    model = loaded.model
    selection = pool_selection(model, wanted, exclude, max_per_province)
    batch = read_pool(
        model,
        paths,
        cohorts=selection.cohorts,
        skip_invalid=skip_invalid,
        max_bytes=max_file_size,
        lang=language,
        no_color=no_color,
    )

    # numpy loads here, and only for this command.
    from smartcity_assess.core.sensitivity import Settings, analyse

    chosen = selection.cohorts
    from smartcity_assess.core.scoring import score_pool  # loads numpy

    submissions, panel = scored_with_panel(
        model,
        batch.submissions,
        assessors,
        cohorts=[c.year for c in chosen],
        max_bytes=max_file_size,
        lang=language,
        no_color=no_color,
    )
    cards = score_pool(model, submissions)
    ranking = rank_pool(
        model,
        cards,
        chosen,
        selection.max_per_province,
        selection.excluded,
        members=selection.members,
    )
    settings = Settings(
        runs=runs,
        seed=seed,
        weight_noise=settings_noise,
        vary_aggregation=vary_aggregation,
        goalpost_noise=settings_goalposts,
    )
    spread = None
    if panel is not None:
        from smartcity_assess.core.panel import spread_half_widths

        spread = spread_half_widths(panel, model)
    with FileProgress(stderr_console(no_color), t(language, "simulating-runs"), 1) as progress:
        analysis = analyse(model, ranking, settings, chosen, progress, spread)
    result = SensitivityResult(loaded, analysis, batch.contents(), batch.skipped)
    options = report_options(language, no_color, format.value, output)
    emit(reporter.sensitivity(result, options), output)
    if not table_on_terminal(format.value, output):
        from smartcity_assess.report.analysis import borderline_line, sensitivity_summary

        console = stderr_console(no_color)
        for line in skipped_lines(result.skipped, language):
            console.print(line, style="bold red", markup=False, soft_wrap=True)
        if analysis.borderline:
            console.print(
                borderline_line(analysis, language),
                style="bold yellow",
                markup=False,
                soft_wrap=True,
            )
        console.print(sensitivity_summary(analysis, language), markup=False, soft_wrap=True)
