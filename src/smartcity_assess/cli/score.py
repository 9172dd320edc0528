import math
from pathlib import Path
from typing import Annotated

import typer

from smartcity_assess.cli.app import app
from smartcity_assess.cli.common import (
    CriteriaOption,
    DebugOption,
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
)
from smartcity_assess.cli.inputs import existing_paths
from smartcity_assess.cli.options import resolve_lang
from smartcity_assess.cli.panel import AssessorsOption, scored_with_panel
from smartcity_assess.errors import UsageError
from smartcity_assess.i18n import t
from smartcity_assess.reading.criteria_file import load_criteria
from smartcity_assess.reading.submissions import read_batch
from smartcity_assess.report import ScoreResult, reporter_for
from smartcity_assess.report.common import fixed, num


@app.command()
@edge
def score(
    files: Annotated[
        list[Path],
        typer.Argument(
            help="Submission files (YAML, several --- documents allowed).", show_default=False
        ),
    ],
    criteria: CriteriaOption = None,
    assessors: AssessorsOption = None,
    format: FormatOption = ReportFormat.table,
    output: OutputOption = None,
    lang: LangOption = None,
    no_color: NoColorOption = False,
    max_file_size: MaxSizeOption = None,
    fail_under: Annotated[
        float | None,
        typer.Option(
            "--fail-under",
            help="Exit 1 if any region's total, as shown (rounded to the criteria's "
            "precision), is below this score. The report is still written.",
            show_default=False,
        ),
    ] = None,
    debug: DebugOption = False,
) -> None:
    """Scorecard per region: total, band, eligibility, factors and weakest indicators.

    Each scorecard lists every reason a region is not eligible, each factor's score with
    its contribution to the total, and the three indicators that lose the most points.

    Exit 1 if any submission is invalid (every problem is listed on stderr), or if a
    total is below --fail-under.

    Example: assess score examples/indramayu-2018.yaml --format json
    """
    language = resolve_lang(lang)
    if fail_under is not None and not math.isfinite(fail_under):
        raise UsageError("usage-fail-under", value=str(fail_under))
    loaded = load_criteria(criteria)
    batch = read_batch(loaded.model, existing_paths(files, language), max_bytes=max_file_size)
    print_problems(batch.problems, language, no_color)
    if batch.errors:
        raise typer.Exit(1)
    submissions, _ = scored_with_panel(
        loaded.model,
        batch.submissions,
        assessors,
        cohorts=None,
        max_bytes=max_file_size,
        lang=language,
        no_color=no_color,
    )
    from smartcity_assess.core.scoring import (
        below_threshold,
        score_pool,
    )  # numpy: only commands that score load it

    cards = score_pool(loaded.model, submissions)
    explanations = []
    if format is ReportFormat.html:  # the page lists each region's cheapest improvements
        from smartcity_assess.core.explain import explain

        explanations = [explain(loaded.model, card.submission) for card in cards]
    result = ScoreResult(loaded, cards, batch.inputs, explanations)
    options = report_options(language, no_color, format.value, output)
    emit(reporter_for(format.value).score(result, options), output)
    if fail_under is not None:
        failing = below_threshold(cards, fail_under)
        console = stderr_console(no_color)
        for card in failing:
            console.print(
                t(
                    language,
                    "fail-under",
                    name=card.submission.name,
                    code=card.code,
                    score=fixed(card.total, loaded.model.precision, language),
                    threshold=num(fail_under, "g", language),
                ),
                style="bold red",
                markup=False,
                soft_wrap=True,
            )
        if failing:
            raise typer.Exit(1)
