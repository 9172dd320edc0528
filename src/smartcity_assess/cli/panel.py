"""A panel of assessors: ``--assessors PATH`` on the commands that score, and ``assess
agreement``, which reports how far the assessors agree."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

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
    print_problems,
    read_pool,
    report_options,
    stderr_console,
    table_on_terminal,
)
from smartcity_assess.cli.options import parse_cohorts, resolve_lang
from smartcity_assess.core.criteria import Criteria
from smartcity_assess.core.panel import Panel, Rating, agreement, panel_addresses, verified_twice
from smartcity_assess.errors import InvalidInput, UsageError
from smartcity_assess.i18n import Lang, Msg
from smartcity_assess.reading.criteria_file import load_criteria

if TYPE_CHECKING:
    from smartcity_assess.core.submission import Submission

AssessorsOption = Annotated[
    Path | None,
    typer.Option(
        "--assessors",
        metavar="PATH",
        help="The panel's values: a folder of assessor files (YAML, one per assessor per "
        "region; docs/panel.md), aggregated per item per region as the criteria's panel "
        "rules say. An interview item's aggregate is its value; a number questionnaire "
        "item's verifies the region's claim (verified or corrected, docs/verification.md).",
        show_default=False,
    ),
]


def read_assessors(
    criteria: Criteria,
    path: Path,
    *,
    pool: Collection[str] | None,
    cohorts: Collection[int] | None,
    max_bytes: int | None,
    lang: Lang,
    no_color: bool,
    submissions: Sequence[Submission] = (),
) -> tuple[Panel, list[Rating]]:
    """The panel from the assessor files under ``path``: their warnings printed, every
    error an ``InvalidInput`` (exit 1); criteria with no item the panel may score a
    usage error."""
    if not panel_addresses(criteria):
        raise UsageError("usage-assessors-criteria", id=criteria.id)
    if not path.exists():
        raise UsageError("usage-path", path=str(path), reason=Msg.of("file-missing"))
    from smartcity_assess.reading.panel import SUFFIXES, read_panel
    from smartcity_assess.reading.sources import discover

    if not any(Path(name).suffix.lower() in SUFFIXES for _, name in discover([path])):
        raise UsageError("usage-assessors-empty", path=str(path))

    ratings, warnings = read_panel(criteria, path, pool=pool, cohorts=cohorts, max_bytes=max_bytes)
    twice = verified_twice(submissions, ratings)
    if twice:
        raise InvalidInput(sorted([*twice, *warnings]))
    print_problems(warnings, lang, no_color)
    return agreement(criteria, ratings), ratings


def scored_with_panel(
    criteria: Criteria,
    submissions: Sequence[Submission],
    path: Path | None,
    *,
    cohorts: Collection[int] | None,
    max_bytes: int | None,
    lang: Lang,
    no_color: bool,
) -> tuple[list[Submission], Panel | None]:
    """The submissions, each with its region's aggregated interview values and the
    panel's checks of its questionnaire claims when ``path`` names the panel's files
    (every file about a region of the submissions); a claim the submission has checked
    already and an assessor scores too is an error (``verified_twice``)."""
    if path is None:
        return list(submissions), None
    from smartcity_assess.core.panel import short_problems, with_panel

    panel, ratings = read_assessors(
        criteria,
        path,
        pool={s.code for s in submissions},
        cohorts=cohorts,
        max_bytes=max_bytes,
        lang=lang,
        no_color=no_color,
        submissions=submissions,
    )
    # Scored without an interview item too few assessors gave: say so (the agreement
    # report flags it too, but a ranking must not do it silently).
    print_problems(short_problems(panel, ratings), lang, no_color)
    return with_panel(submissions, panel, criteria), panel


class AgreementFormat(StrEnum):
    table = "table"
    json = "json"
    csv = "csv"
    markdown = "markdown"


@app.command("agreement")
@edge
def agreement_command(
    path: Annotated[
        Path,
        typer.Argument(
            help="The assessor files: a folder (searched recursively for *.yaml, *.yml) or "
            "one file.",
            show_default=False,
        ),
    ],
    pool: Annotated[
        list[Path] | None,
        typer.Option(
            "--pool",
            help="The submissions the panel assessed (files or folders); an assessor file "
            "for a region not among them is an error. Without it, every region must be in "
            "the registry.",
            show_default=False,
        ),
    ] = None,
    criteria: CriteriaOption = None,
    cohorts: Annotated[
        str | None,
        typer.Option(
            "--cohorts",
            help="The round, as YEAR:SIZE,... (e.g. 2018:50): its years are those the "
            "submissions of --pool and the assessor files are checked against (the "
            "registry of the year, a year far from the round). Nothing is filled. "
            "Default: the criteria's cohorts.",
            show_default=False,
        ),
    ] = None,
    format: Annotated[
        AgreementFormat,
        typer.Option("--format", "-f", help="Output format: table, json, csv or markdown."),
    ] = AgreementFormat.table,
    output: OutputOption = None,
    lang: LangOption = None,
    no_color: NoColorOption = False,
    max_file_size: MaxSizeOption = None,
    debug: DebugOption = False,
) -> None:
    """How far a panel of assessors agrees on the interview items, and on the number
    questionnaire items it verifies (with --pool: each claim and the status the panel
    gives it, verified or corrected).

    Per item per region: each assessor's value, the aggregate (the criteria's panel
    rules: median, mean or trimmed mean), minimum, maximum, range and standard
    deviation, and a flag where the range, on the item's 0-100 score scale, is above
    the criteria's disagreement threshold or too few assessors scored it. For the panel:
    Krippendorff's alpha per item and over all items (interval and ordinal).
    Exit 1 if an assessor file (or a submission of --pool) is invalid, every problem at
    file:line:col; 2 if PATH is missing or holds no assessor file, or the criteria have
    no interview item.

    Example: assess agreement examples/panel-2018 -c examples/gerakan-100-smart-city-panel.yaml
    --pool examples/pool-2018
    """
    from smartcity_assess.report.agreement import FORMATS, AgreementResult, summary

    language = resolve_lang(lang)
    wanted = parse_cohorts(cohorts) if cohorts is not None else None
    loaded = load_criteria(criteria)
    model = loaded.model
    years = None if wanted is None else [c.year for c in wanted]
    codes: set[str] | None = None
    read: Sequence[Submission] = ()
    if pool:
        batch = read_pool(
            model,
            pool,
            cohorts=wanted if wanted is not None else list(model.cohorts),
            skip_invalid=False,
            max_bytes=max_file_size,
            lang=language,
            no_color=no_color,
        )
        codes = {s.code for s in batch.submissions}
        read = batch.submissions
    panel, _ = read_assessors(
        model,
        path,
        pool=codes,
        cohorts=years,
        max_bytes=max_file_size,
        lang=language,
        no_color=no_color,
        submissions=read,
    )
    result = AgreementResult(loaded, panel, read)
    options = report_options(language, no_color, format.value, output)
    emit(FORMATS[format.value](result, options), output)
    if not table_on_terminal(format.value, output):
        stderr_console(no_color).print(summary(panel, language), markup=False, soft_wrap=True)
