"""A programme across rounds: ``assess round rank``, ``assess round record`` and
``assess history``, all reading one programme file (``reading.programme``)."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path
from typing import Annotated, Any

import typer

from smartcity_assess.cli.app import app
from smartcity_assess.cli.common import (
    DebugOption,
    LangOption,
    MaxSizeOption,
    NoColorOption,
    OutputOption,
    SkipInvalidOption,
    edge,
    emit,
    pool_selection,
)
from smartcity_assess.cli.options import resolve_lang
from smartcity_assess.cli.rank import (
    RankFormat,
    RankFormatOption,
    check_output,
    rank_files,
    write_ranking,
)
from smartcity_assess.core.criteria import LoadedCriteria
from smartcity_assess.errors import UsageError
from smartcity_assess.i18n import Lang, t
from smartcity_assess.reading.criteria_file import load_criteria
from smartcity_assess.reading.programme import LoadedProgramme, load_programme
from smartcity_assess.reading.registry import aliases, code_in, current_code, registry, registry_for
from smartcity_assess.reading.submissions import CODE_PATTERN
from smartcity_assess.report import RankResult
from smartcity_assess.report.analysis import signed
from smartcity_assess.report.common import fixed

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
    excluded, withdrawn = programme.model.exclusions(year)
    for code in readmit:
        if not aliases([code]) & excluded:
            raise UsageError("usage-programme-readmit", code=code, year=year)
    # Earlier rounds' codes match a region under its code of any year (the 2022 Papua split).
    excluded = aliases(excluded) - aliases(readmit)
    withdrawn = {alias: y for code, y in withdrawn.items() for alias in aliases([code])}
    loaded: LoadedCriteria = load_criteria(programme.criteria_path(round_))
    selection = pool_selection(loaded.model, round_.cohort_list(), None, None)
    result = rank_files(
        loaded,
        [programme.pool_path(round_)],
        replace(selection, excluded=frozenset(excluded)),
        skip_invalid=skip_invalid,
        max_bytes=max_bytes,
        lang=lang,
        no_color=no_color,
    )
    return replace(result, ranking=result.ranking.with_withdrawn(withdrawn))


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
    earlier round selected is excluded, with no --exclude to forget; one that withdrew
    is excluded too and labelled 'withdrawn in YEAR'. Deferred regions stay in the pool.
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
    as_json: Annotated[
        bool, typer.Option("--json", help="Print JSON (for tools) instead of a table.")
    ] = False,
    skip_invalid: SkipInvalidOption = False,
    output: OutputOption = None,
    lang: LangOption = None,
    no_color: NoColorOption = False,
    max_file_size: MaxSizeOption = None,
    debug: DebugOption = False,
) -> None:
    """Show one region's history across the rounds of a programme file.

    For each round: whether the region applied (is in the round's pool), its score, the
    change since the last round it was scored in, its rank, and the outcome (selected,
    withdrawn, deferred, not selected, or excluded as selected earlier). Each round is
    ranked as 'assess round rank' ranks it.

    Example: assess history examples/programme/programme.yaml 32.73
    """
    language = resolve_lang(lang)
    if not CODE_PATTERN.fullmatch(code):
        raise UsageError("usage-history-code", code=code)
    loaded = load_programme(programme)
    rows = []
    previous: float | None = None
    precision = 2
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
        precision = result.criteria.model.precision
        in_year = code_in(code, round_.year)  # the region's code in that round's year
        row = _history_row(round_.year, in_year, result, previous, round_.standing_of(in_year))
        if row["outcome"] == "excluded":
            # Why: selected, or withdrawn, in which earlier round.
            withdrawn_in = result.ranking.withdrawn_in(in_year)
            row["excluded_for"] = "selected" if withdrawn_in is None else "withdrawn"
            row["excluded_since"] = withdrawn_in or next(
                r.year
                for r in loaded.model.before(round_.year)
                if r.standing_of(code_in(code, r.year))[0] == "selected"
            )
        rows.append(row)
        if rows[-1]["score"] is not None:
            previous = rows[-1]["score"]
    known = registry().get(current_code(code))
    name = known.name if known is not None else code
    if as_json:
        data = {"command": "history", "code": code, "name": name, "rounds": rows}
        emit(json.dumps(data, indent=2, ensure_ascii=False) + "\n", output)
    else:
        emit(_history_table(rows, name, code, loaded.model.title, precision, language), output)


def _history_row(
    year: int,
    code: str,
    result: RankResult,
    previous: float | None,
    standing: tuple[str, dict[str, str]],
) -> dict[str, Any]:
    ranking = result.ranking
    precision = result.criteria.model.precision
    card = ranking.cards_by_code.get(code)
    excluded = next((c for c in ranking.excluded if c.code == code), None)
    region = next((r for r in ranking.regions if r.card.code == code), None)
    scored = card if card is not None else excluded
    # Rounded as every report rounds a score (half up, on the decimal): float(fixed(...)).
    score = None if scored is None else float(fixed(scored.total, precision, "en"))
    status, detail = standing
    if status == "none" or status == "pending":
        if excluded is not None:
            status = "excluded"
        elif region is not None and region.rank is None:
            status = "ineligible" if status == "none" else status
        elif status == "none":
            status = "not-selected"
    return {
        "year": year,
        "applied": scored is not None,
        "score": score,
        "change": (
            None
            if score is None or previous is None
            else float(fixed(score - previous, precision, "en"))
        ),
        "rank": None if region is None else region.rank,
        "cohort": None if region is None else region.cohort,
        "outcome": status,
        **detail,
    }


def _history_table(
    rows: list[dict[str, Any]], name: str, code: str, title: str, precision: int, lang: Lang
) -> str:
    def number(value: float | None, sign: bool = False) -> str:
        if value is None:
            return t(lang, "history-none")
        return signed(value, precision, lang) if sign else fixed(value, precision, lang)

    def outcome(row: dict[str, Any]) -> str:
        status = row["outcome"]
        if status == "selected":
            return t(lang, "history-selected", cohort=row["cohort"] or row["year"])
        if status == "withdrawn":
            return t(lang, "history-withdrawn", date=row["date"], reason=row["reason"])
        if status == "excluded":
            key = f"history-excluded-{row['excluded_for']}"
            return t(lang, key, year=row["excluded_since"])
        keys = {
            "deferred": "history-deferred",
            "ineligible": "history-ineligible",
            "not-selected": "history-not-selected",
            "pending": "history-pending",
        }
        return t(lang, keys[status])

    head = t(lang, "history-head").split("|")
    body = [
        [
            str(row["year"]),
            t(lang, "history-yes" if row["applied"] else "history-no"),
            number(row["score"]),
            number(row["change"], sign=True),
            t(lang, "history-none") if row["rank"] is None else str(row["rank"]),
            outcome(row),
        ]
        for row in rows
    ]
    widths = [max(len(line[i]) for line in [head, *body]) for i in range(len(head))]
    lines = [t(lang, "history-title", name=name, code=code, title=title), ""]
    for line in [head, *body]:
        lines.append(
            "  ".join(cell.ljust(w) for cell, w in zip(line, widths, strict=True)).rstrip()
        )
    return "\n".join(lines) + "\n"
