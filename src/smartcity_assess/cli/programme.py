"""A programme across rounds: ``assess round rank``, ``assess round record`` and
``assess history``, all reading one programme file (``reading.programme``)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Annotated

import typer

from smartcity_assess.cli.app import app
from smartcity_assess.cli.common import (
    DebugOption,
    FormatOption,
    LangOption,
    MaxSizeOption,
    NoColorOption,
    OutputOption,
    ReportFormat,
    SkipInvalidOption,
    edge,
    emit,
    pool_selection,
    report_options,
)
from smartcity_assess.cli.formats import reporter_supporting
from smartcity_assess.cli.options import resolve_lang
from smartcity_assess.cli.rank import (
    RankFormat,
    RankFormatOption,
    check_output,
    rank_files,
    write_ranking,
)
from smartcity_assess.core.criteria import LoadedCriteria
from smartcity_assess.core.history import RoundRanking, region_history
from smartcity_assess.errors import UsageError
from smartcity_assess.i18n import Lang
from smartcity_assess.reading.criteria_file import load_criteria
from smartcity_assess.reading.programme import LoadedProgramme, load_programme
from smartcity_assess.reading.registry import code_in, current_code, registry, registry_for
from smartcity_assess.reading.submissions import CODE_PATTERN
from smartcity_assess.report import RankResult
from smartcity_assess.report.interface import HistoryResult

round_app = typer.Typer(
    name="round",
    help="One round of a programme file: rank it with earlier rounds' regions left out, "
    "then record what it selected.\n\n"
    "A programme file lists the rounds in year order, each with its criteria (a bundled "
    "id or a file, optionally pinned by sha256), its cohorts, its pool and, once decided, "
    "its outcome (selected, withdrawn, deferred). See docs/programme.md.",
    no_args_is_help=True,
    context_settings={"help_option_names": ["-h", "--help"]},
)
app.add_typer(round_app, name="round")

ProgrammeArgument = Annotated[
    Path,
    typer.Argument(help="The programme file (YAML).", show_default=False),
]
YearArgument = Annotated[int, typer.Argument(help="The round's year.", show_default=False)]


def _round_ranking(
    programme: LoadedProgramme,
    year: int,
    *,
    readmit: list[str],
    skip_invalid: bool,
    max_bytes: int | None,
    lang: Lang,
    no_color: bool,
) -> RankResult:
    """Rank the round of ``year``: its pool against its criteria and cohorts, with every
    region an earlier round selected left out (those that withdrew labelled so), except
    the codes of ``readmit``."""
    round_ = programme.round_for(year)
    why = programme.exclusions(year, readmit)
    excluded = frozenset(why)
    loaded: LoadedCriteria = load_criteria(programme.criteria_path(round_))
    selection = pool_selection(loaded.model, round_.cohort_list(), None, None)
    result = rank_files(
        loaded,
        [programme.pool_path(round_)],
        replace(selection, excluded=excluded),
        assessors=programme.assessors_path(round_),
        skip_invalid=skip_invalid,
        max_bytes=max_bytes,
        lang=lang,
        no_color=no_color,
    )
    # Regions the panel deferred in an earlier round are ranked again, labelled so.
    ranking = result.ranking.with_exclusions(why).with_deferrals(programme.deferrals(year))
    return replace(result, ranking=ranking)


@round_app.command("rank")
@edge
def round_rank(
    programme: ProgrammeArgument,
    year: YearArgument,
    readmit: Annotated[
        list[str] | None,
        typer.Option(
            "--readmit",
            help="Rank CODE although an earlier round selected it (an explicit override; "
            "repeat for more codes).",
            metavar="CODE",
        ),
    ] = None,
    skip_invalid: SkipInvalidOption = False,
    format: RankFormatOption = RankFormat.table,
    output: OutputOption = None,
    lang: LangOption = None,
    no_color: NoColorOption = False,
    max_file_size: MaxSizeOption = None,
    debug: DebugOption = False,
) -> None:
    """Rank the round of YEAR with every earlier round's regions left out.

    The round's criteria, cohorts and pool come from the programme file. Every region an
    earlier round selected is excluded, with no --exclude to forget, and labelled in
    every format 'selected in YEAR', or 'withdrawn in YEAR: REASON' if it withdrew (CSV
    and xlsx: rows after the ranked ones, column 'excluded'). Deferred regions stay in
    the pool, labelled 'deferred in YEAR' (JSON: deferred_earlier; CSV and xlsx: column
    'deferred_in').
    Exit 2 if the programme file is invalid (every problem at file:line:col).

    Example: assess round rank examples/programme/programme.yaml 2018 --format json
    -o round-2018.json
    """
    language = resolve_lang(lang)
    check_output(format, output)
    loaded = load_programme(programme)
    result = _round_ranking(
        loaded,
        year,
        readmit=list(readmit or []),
        skip_invalid=skip_invalid,
        max_bytes=max_file_size,
        lang=language,
        no_color=no_color,
    )
    write_ranking(result, format, output, language, no_color)


@round_app.command("record")
@edge
def round_record(
    programme: ProgrammeArgument,
    year: YearArgument,
    from_: Annotated[
        Path,
        typer.Option(
            "--from",
            help="The JSON output of 'assess round rank PROGRAMME YEAR --format json'.",
            show_default=False,
        ),
    ],
    lang: LangOption = None,
    no_color: NoColorOption = False,
    debug: DebugOption = False,
) -> None:
    """Print the outcome block that records the round's selected regions.

    The block is printed, not written: paste it under the round of YEAR in the programme
    file (replacing any outcome there) and add withdrawals and deferrals by hand. The
    ranking must fill the round's cohorts with the round's criteria (same sha256).

    Example: assess round record examples/programme/programme.yaml 2018 --from
    round-2018.json
    """
    from smartcity_assess.reading.rank_json import read_rank_json  # loads compare's models

    loaded = load_programme(programme)
    round_ = loaded.round_for(year)
    snapshot = read_rank_json(from_, "usage-record-file")
    found = {c.year: c.size for c in snapshot.cohorts}
    if found != dict(round_.cohorts):
        raise UsageError(
            "usage-record-year",
            path=snapshot.display,
            found=_cohorts_text(found),
            year=year,
            wanted=_cohorts_text(dict(round_.cohorts)),
        )
    wanted_sha = load_criteria(loaded.criteria_path(round_)).sha256
    if snapshot.criteria_sha256 != wanted_sha:
        raise UsageError(
            "usage-record-criteria",
            path=snapshot.display,
            found=snapshot.criteria_sha256,
            year=year,
            wanted=wanted_sha,
        )
    known = registry_for(year)
    lines = [
        f"    # Recorded from {snapshot.display} (assess round record ... {year}).",
        "    outcome:",
        "      selected:",
    ]
    for cohort in snapshot.cohorts:
        for code in cohort.selected:
            region = known.get(code)
            name = f"  # {region.name}" if region is not None else ""
            lines.append(f'        - "{code}"{name}')
    lines += ["      withdrawn: []", "      deferred: []"]
    typer.echo("\n".join(lines))


def _cohorts_text(cohorts: dict[int, int]) -> str:
    return ", ".join(f"{year}:{size}" for year, size in cohorts.items()) or "-"


@app.command("history")
@edge
def history(
    programme: ProgrammeArgument,
    code: Annotated[str, typer.Argument(help="The region's code, PP.RR.", show_default=False)],
    format: FormatOption = ReportFormat.table,
    skip_invalid: SkipInvalidOption = False,
    output: OutputOption = None,
    lang: LangOption = None,
    no_color: NoColorOption = False,
    max_file_size: MaxSizeOption = None,
    debug: DebugOption = False,
) -> None:
    """Show one region's history across the rounds of a programme file.

    For each round: whether the region applied (is in the round's pool), its score and
    its change since the last round it was scored in, its rank and places gained or
    lost, the factor whose contribution changed most, and the outcome (selected,
    withdrawn, deferred, not selected, not eligible, or excluded as selected or
    withdrawn earlier). Each round is ranked as 'assess round rank' ranks it.
    Exit 2 if CODE is not a region code of the registry in any year (a code a region
    had before a change, such as 91.09 for Mimika, is one).

    Example: assess history examples/programme/programme.yaml 32.73 --format json
    """
    language = resolve_lang(lang)
    reporter = reporter_supporting(format.value, "history")
    if not CODE_PATTERN.fullmatch(code):
        raise UsageError("usage-history-code", code=code)
    # A region's code in any year of the registry (91.09 and 94.04 are both Mimika's).
    known = registry().get(current_code(code))
    if known is None:
        raise UsageError("usage-history-unknown", code=code)
    loaded = load_programme(programme)
    rounds = []
    for round_ in loaded.model.rounds:
        result = _round_ranking(
            loaded,
            round_.year,
            readmit=[],
            skip_invalid=skip_invalid,
            max_bytes=max_file_size,
            lang=language,
            no_color=no_color,
        )
        inputs = tuple(sha for sha, _ in result.inputs)
        in_year = code_in(code, round_.year)  # the region's code in that round's year
        rounds.append(RoundRanking(round_, result.criteria, result.ranking, inputs, in_year))
    found = region_history(loaded.model, code, known.name, rounds)
    options = report_options(language, no_color, format.value, output)
    emit(reporter.history(HistoryResult(found, loaded.sha256), options), output)
