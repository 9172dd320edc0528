import math
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from smartcity_assess.cli.app import app
from smartcity_assess.cli.common import (
    CohortsOption,
    CriteriaOption,
    DebugOption,
    ExcludeOption,
    LangOption,
    MaxPerProvinceOption,
    MaxSizeOption,
    NoColorOption,
    OutputOption,
    PoolSelection,
    SkipInvalidOption,
    binary_output,
    edge,
    emit,
    pool_selection,
    print_problems,
    read_pool,
    report_options,
    stderr_console,
    table_on_terminal,
)
from smartcity_assess.cli.options import parse_cohorts, resolve_lang
from smartcity_assess.cli.panel import AssessorsOption, scored_with_panel
from smartcity_assess.core.criteria import LoadedCriteria
from smartcity_assess.core.overrides import Override
from smartcity_assess.core.ranking import rank as rank_pool
from smartcity_assess.errors import UsageError
from smartcity_assess.i18n import Lang
from smartcity_assess.reading.criteria_file import load_criteria
from smartcity_assess.reading.workbook import require_openpyxl
from smartcity_assess.report import RankResult, reporter_for
from smartcity_assess.report.views import RankView


class RankFormat(StrEnum):
    """The report formats (``ReportFormat``), and a workbook."""

    table = "table"
    json = "json"
    csv = "csv"
    markdown = "markdown"
    html = "html"
    xlsx = "xlsx"


RankFormatOption = Annotated[
    RankFormat,
    typer.Option(
        "--format",
        "-f",
        help="Output format: table for a terminal; html for a self-contained page to print "
        "or share (needs the 'report' extra); json, csv and markdown for tools; xlsx for an "
        "Excel workbook with an autofilter (needs the 'xlsx' extra; use -o FILE.xlsx).",
    ),
]


OverridesOption = Annotated[
    Path | None,
    typer.Option(
        "--overrides",
        help="The panel's decisions near the cut-off: a YAML list of overrides, each with "
        "code, decision (in, out or defer), reason and assessors (docs/rank.md). Needs a zone: "
        "--override-zone or the criteria's selection.override_zone.points.",
        show_default=False,
    ),
]
OverrideZoneOption = Annotated[
    float | None,
    typer.Option(
        "--override-zone",
        metavar="POINTS",
        help="How near a cut-off the panel may decide: an override is allowed for a region "
        "whose score is within POINTS of a cohort's cut-off score before the overrides "
        "(both rounded as shown; the reports state it next to the zone). "
        "Default: the criteria's selection.override_zone.points.",
        show_default=False,
    ),
]


@app.command()
@edge
def rank(
    paths: Annotated[
        list[Path],
        typer.Argument(
            help="Submission files or folders (searched recursively for *.yaml, *.yml, *.csv, "
            "*.xlsx).",
            show_default=False,
        ),
    ],
    criteria: CriteriaOption = None,
    cohorts: CohortsOption = None,
    exclude: ExcludeOption = None,
    max_per_province: MaxPerProvinceOption = None,
    overrides: OverridesOption = None,
    override_zone: OverrideZoneOption = None,
    assessors: AssessorsOption = None,
    skip_invalid: SkipInvalidOption = False,
    format: RankFormatOption = RankFormat.table,
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
    check_output(format, output)
    result = rank_command(
        paths,
        criteria,
        cohorts,
        exclude,
        max_per_province,
        overrides,
        override_zone,
        assessors=assessors,
        skip_invalid=skip_invalid,
        max_bytes=max_file_size,
        lang=language,
        no_color=no_color,
    )
    write_ranking(result, format, output, language, no_color)


def rank_command(
    paths: list[Path],
    criteria: Path | None,
    cohorts: str | None,
    exclude: list[Path] | None,
    max_per_province: int | None,
    overrides: Path | None,
    override_zone: float | None,
    *,
    assessors: Path | None = None,
    skip_invalid: bool,
    max_bytes: int | None,
    lang: Lang,
    no_color: bool,
) -> RankResult:
    """What 'assess rank' ranks, from its options: the criteria, the cohorts, the
    exclusions, the overrides and their zone (default: the criteria's), then
    ``rank_files``. 'assess record' ranks the same way."""
    wanted = parse_cohorts(cohorts) if cohorts is not None else None
    loaded = load_criteria(criteria)
    model = loaded.model
    selection = pool_selection(model, wanted, exclude, max_per_province)
    if override_zone is None and model.selection.override_zone is not None:
        override_zone = model.selection.override_zone.points
    decisions = _read_overrides(overrides, override_zone)
    return rank_files(
        loaded,
        paths,
        selection,
        skip_invalid=skip_invalid,
        max_bytes=max_bytes,
        lang=lang,
        no_color=no_color,
        overrides=decisions,
        override_zone=override_zone or 0.0,
        assessors=assessors,
    )


def check_output(format: RankFormat, output: Path | None) -> None:
    """Refuse, before any work, a workbook to a terminal or without its extra."""
    if format is RankFormat.xlsx:
        binary_output(output)
        require_openpyxl()


def rank_files(
    loaded: LoadedCriteria,
    paths: list[Path],
    selection: PoolSelection,
    *,
    skip_invalid: bool,
    max_bytes: int | None,
    lang: Lang,
    no_color: bool,
    overrides: tuple[Override, ...] = (),
    override_zone: float = 0.0,
    assessors: Path | None = None,
) -> RankResult:
    """Read, score and rank a pool: the one pipeline of 'assess rank' and 'assess round
    rank' (whose selection excludes the earlier rounds' regions). ``assessors`` names
    the panel's files: their aggregated interview values join the submissions'."""
    model = loaded.model
    batch = read_pool(
        model,
        paths,
        cohorts=selection.cohorts,
        skip_invalid=skip_invalid,
        max_bytes=max_bytes,
        lang=lang,
        no_color=no_color,
    )
    submissions, panel = scored_with_panel(
        model,
        batch.submissions,
        assessors,
        cohorts=[c.year for c in selection.cohorts],
        max_bytes=max_bytes,
        lang=lang,
        no_color=no_color,
    )
    if panel is not None and overrides:
        from smartcity_assess.core.overrides import unknown_assessors

        print_problems(unknown_assessors(overrides, panel.assessors), lang, no_color)
    from smartcity_assess.core.scoring import score_pool  # loads numpy

    cards = score_pool(model, submissions)
    ranking = rank_pool(
        model,
        cards,
        selection.cohorts,
        selection.max_per_province,
        selection.excluded,
        members=selection.members,
        overrides=overrides,
        override_zone=override_zone,
    )
    files = () if panel is None else panel.files
    return RankResult(
        loaded, ranking, batch.contents(), batch.skipped, batch.replaced, files, panel
    )


def write_ranking(
    result: RankResult, format: RankFormat, output: Path | None, lang: Lang, no_color: bool
) -> None:
    """The ranking in ``format`` to ``output`` (or stdout), and its summary on stderr."""
    options = report_options(lang, no_color, format.value, output)
    if format is RankFormat.xlsx:
        from smartcity_assess.report.xlsx_report import rank_workbook

        emit(rank_workbook(result, options), output)
    else:
        emit(reporter_for(format.value).rank(result, options), output)
    if not table_on_terminal(format.value, output):
        # A table on a terminal already says all this; anywhere else, stderr says it too.
        _print_summary(result, lang, no_color)


def _read_overrides(path: Path | None, zone: float | None) -> tuple[Override, ...]:
    """The panel's overrides (none without ``--overrides``), refused without a zone."""
    if path is None:
        return ()
    if zone is None:
        raise UsageError("usage-overrides-zone")
    if not math.isfinite(zone) or zone < 0:
        raise UsageError("usage-override-zone-negative", value=f"{zone:g}")
    from smartcity_assess.reading.overrides import read_overrides

    return read_overrides(path)


def _print_summary(result: RankResult, lang: Lang, no_color: bool) -> None:
    console = stderr_console(no_color)
    view = RankView(result, lang)
    for line in [*view.skipped, *view.cutoff_warnings]:
        console.print(line, style="bold red", markup=False, soft_wrap=True)
    for warning in view.cohort_warnings:
        console.print(warning, style="yellow", markup=False, soft_wrap=True)
    console.print(view.summary, markup=False, soft_wrap=True)
