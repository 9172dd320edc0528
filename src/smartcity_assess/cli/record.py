"""``assess decision-record``: the round's decision record (berita acara) for the panel
to sign."""

import datetime
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
    MaxSizeOption,
    NoColorOption,
    OutputOption,
    SkipInvalidOption,
    edge,
    emit,
)
from smartcity_assess.cli.options import resolve_lang
from smartcity_assess.cli.panel import AssessorsOption
from smartcity_assess.cli.rank import OverridesOption, OverrideZoneOption, rank_command
from smartcity_assess.errors import UsageError
from smartcity_assess.i18n import Lang
from smartcity_assess.reading.criteria_file import is_bundled
from smartcity_assess.report.record import PanelMember, RecordResult, record_json, record_page


class RecordFormat(StrEnum):
    html = "html"
    json = "json"


@app.command("decision-record")
@edge
def record(
    paths: Annotated[
        list[Path],
        typer.Argument(
            help="Submission files or folders, as for 'assess rank'.", show_default=False
        ),
    ],
    panel: Annotated[
        list[str],
        typer.Option(
            "--panel",
            metavar='"NAME, ROLE"',
            help='A member of the panel who signs the record: "Name, role". Repeatable, '
            "in the order of the signature lines; at least one.",
            show_default=False,
        ),
    ],
    criteria: CriteriaOption = None,
    cohorts: CohortsOption = None,
    exclude: ExcludeOption = None,
    overrides: OverridesOption = None,
    override_zone: OverrideZoneOption = None,
    assessors: AssessorsOption = None,
    skip_invalid: SkipInvalidOption = False,
    date: Annotated[
        str | None,
        typer.Option(
            "--date",
            metavar="YYYY-MM-DD",
            help="The date of the record. Default: a blank to write by hand (the clock is "
            "never read, so the same inputs give the same bytes).",
            show_default=False,
        ),
    ] = None,
    format: Annotated[
        RecordFormat,
        typer.Option(
            "--format",
            "-f",
            help="html: a self-contained page to print on A4 and sign (needs the 'report' "
            "extra); json: the same record for tools (docs/record.md).",
        ),
    ] = RecordFormat.html,
    output: OutputOption = None,
    lang: Annotated[
        str | None,
        typer.Option(
            "--lang",
            help="Write the HTML record in one language only: id or en. Default: both, "
            "Indonesian first. Messages follow it too (else $ASSESS_LANG).",
            show_default=False,
        ),
    ] = None,
    no_color: NoColorOption = False,
    max_file_size: MaxSizeOption = None,
    debug: DebugOption = False,
) -> None:
    """Write the round's decision record (berita acara) for the panel to sign.

    In Indonesian and English: the criteria and the inputs by SHA-256, the panel, each
    cohort's regions and scores, the overrides with their reasons, the broken ties, the
    regions nearest each cut-off, the date and a signature line per member.

    The ranking is exactly that of 'assess rank' with the same options ('assess round
    record' is another thing: a programme round's outcome block to paste). Exit 1 if any
    input is invalid, unless --skip-invalid.

    Example: assess decision-record examples/pool-2018 --cohorts 2018:50 --overrides
    examples/pool-2018-overrides.yaml --override-zone 1 --panel "Dewi Lestari, chair"
    --panel "Budi Santoso, assessor" --date 2018-03-12 -o berita-acara-2018.html
    """
    language = resolve_lang(lang)
    members = _panel(panel)
    when = _date(date)
    if format is RecordFormat.html:
        from smartcity_assess.report.html import require_report_extra

        require_report_extra()
    result = rank_command(
        paths,
        criteria,
        cohorts,
        exclude,
        None,
        overrides,
        override_zone,
        assessors=assessors,
        skip_invalid=skip_invalid,
        max_bytes=max_file_size,
        lang=language,
        no_color=no_color,
    )
    bundled = is_bundled(result.criteria)
    langs: tuple[Lang, ...] = ("id", "en") if lang is None else (language,)
    made = RecordResult(result, members, when, bundled, langs)
    emit(record_page(made) if format is RecordFormat.html else record_json(made), output)


def _panel(values: list[str]) -> tuple[PanelMember, ...]:
    members = []
    for value in values:
        name, comma, role = value.partition(",")
        if not comma or not name.strip() or not role.strip():
            raise UsageError("usage-panel-member", value=value)
        members.append(PanelMember(" ".join(name.split()), " ".join(role.split())))
    return tuple(members)


def _date(value: str | None) -> str | None:
    if value is None:
        return None
    try:
        return datetime.date.fromisoformat(value.strip()).isoformat()
    except ValueError:
        raise UsageError("usage-record-date", value=value) from None
