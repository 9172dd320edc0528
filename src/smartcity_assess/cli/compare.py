from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

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
    report_options,
)
from smartcity_assess.cli.options import resolve_lang
from smartcity_assess.core.criteria import criteria_summary
from smartcity_assess.errors import UsageError
from smartcity_assess.reading.criteria_file import load_criteria
from smartcity_assess.report import CompareResult, reporter_for

if TYPE_CHECKING:
    from smartcity_assess.core.compare import RankSnapshot

RankFile = Annotated[
    Path,
    typer.Argument(help="A JSON output of 'assess rank'.", show_default=False),
]


_CRITERIA_HELP = (
    "The criteria file {side} was ranked with: its summary replaces the one in the rank JSON "
    "(for files made before rank JSON carried one). Its sha256 must match the rank JSON's."
)
OldCriteria = Annotated[
    Path | None,
    typer.Option("--old-criteria", help=_CRITERIA_HELP.format(side="OLD"), show_default=False),
]
NewCriteria = Annotated[
    Path | None,
    typer.Option("--new-criteria", help=_CRITERIA_HELP.format(side="NEW"), show_default=False),
]


@app.command("compare")
@edge
def compare_command(
    old: RankFile,
    new: RankFile,
    top: Annotated[
        int,
        typer.Option("--top", min=0, help="How many of the largest rank moves to show."),
    ] = 10,
    old_criteria: OldCriteria = None,
    new_criteria: NewCriteria = None,
    format: FormatOption = ReportFormat.table,
    output: OutputOption = None,
    lang: LangOption = None,
    no_color: NoColorOption = False,
    debug: DebugOption = False,
) -> None:
    """Compare two rank JSONs: two rounds, or one round under two criteria versions.

    Shows who entered and who left each cohort (matched by year) and the selected set,
    the largest rank moves, Spearman's and the top-down rank correlation over the regions
    ranked in both, and what changed in the criteria (weights, goalposts, gates, levels,
    bands, cohorts).

    Example: assess compare round-a.json round-b.json --format markdown
    """
    from smartcity_assess.core.compare import compare
    from smartcity_assess.reading.rank_json import read_rank_json

    language = resolve_lang(lang)
    before = _with_criteria(read_rank_json(old), old_criteria, "old")
    after = _with_criteria(read_rank_json(new), new_criteria, "new")
    result = CompareResult(compare(before, after), top=top)
    options = report_options(language, no_color, format.value, output)
    emit(reporter_for(format.value).compare(result, options), output)


def _with_criteria(snapshot: "RankSnapshot", path: Path | None, side: str) -> "RankSnapshot":
    """The snapshot with the summary of the criteria file given for it, if any."""
    if path is None:
        return snapshot
    loaded = load_criteria(path)
    if loaded.sha256 != snapshot.criteria_sha256:
        raise UsageError(
            "usage-compare-criteria",
            side=side,
            path=str(path),
            ranking=snapshot.display,
            got=loaded.sha256[:12],
            expected=snapshot.criteria_sha256[:12],
        )
    return replace(snapshot, criteria_summary=criteria_summary(loaded.model))
