"""Fixes from a review of the panel round: help texts, messages and warnings that said
something other than what the tool does."""

from __future__ import annotations

from typing import Any


def _help(run: Any, *command: str) -> str:
    result = run(*command, "--help")
    assert result.exit_code == 0
    return " ".join(result.stdout.replace("│", " ").split())


def test_overrides_help_names_the_criteria_zone_as_enough(run: Any) -> None:
    for command in ("rank", "decision-record"):
        text = _help(run, command)
        assert "Needs --override-zone." not in text
        assert "selection.override_zone.points" in text.split("--override-zone POINTS")[0]


def test_agreement_cohorts_help_says_what_the_cohorts_are_for(run: Any) -> None:
    text = _help(run, "agreement")
    assert "Cohorts to fill" not in text
    assert "Nothing is filled" in text


def test_rank_md_documents_the_csv_optional_columns_in_the_order_written() -> None:
    import re

    from smartcity_assess.report import csv_report

    from .conftest import EXAMPLES

    docs = EXAMPLES.parent / "docs"
    text = (docs / "rank.md").read_text("utf-8")
    section = text.split("#### Optional columns, in order", 1)[1].split("\n#", 1)[0]
    documented = [
        name
        for row in re.findall(r"^\| \w+ \| `([^`]+)` \|", section, re.M)
        for name in row.split(",")
    ]
    written = [
        *csv_report.EQUITY_COLUMNS,
        *csv_report._OVERRIDE,
        *csv_report._VERIFIED,
        "cap_in_place_of",
        "deferred_in",
        *csv_report._EXCLUDED,
    ]
    assert documented == written
    for page in (docs / "verification.md", EXAMPLES / "panel-round-2018" / "README.md"):
        said = page.read_text("utf-8")
        assert "last three columns" not in said and "three last columns" not in said
        assert "rank.md#optional-columns-in-order" in said


PANEL_ROUND = ("examples/panel-round-2018/pool", "-c", "examples/panel-round-2018/criteria.yaml")
ROUND_ARGS = (
    "--cohorts", "2018:50", "--exclude", "examples/cohort-2017.txt",
    "--assessors", "examples/panel-round-2018/assessors",
)  # fmt: skip


def test_sensitivity_names_the_panels_spread_as_the_uncertainty_it_used(run: Any) -> None:
    from .conftest import ROOT

    args = ("sensitivity", *PANEL_ROUND, *ROUND_ARGS, "--runs", "20", "-f", "markdown")
    english = run(*(str(ROOT / a) if a.startswith("examples/") else a for a in args))
    assert english.exit_code == 0, english.output
    assert "x its uncertainty (from the panel's spread)." in english.stdout
    assert "x its declared uncertainty" not in english.stdout
    indonesian = run(
        *(str(ROOT / a) if a.startswith("examples/") else a for a in args), "--lang", "id"
    )
    assert indonesian.exit_code == 0, indonesian.output
    assert "x ketidakpastiannya (dari sebaran nilai panel)." in indonesian.stdout
    assert "ketidakpastian yang dinyatakan." not in indonesian.stdout


def test_an_assessor_file_for_other_criteria_is_called_an_assessor_file(
    run: Any, tmp_path: Any
) -> None:
    from .conftest import EXAMPLES

    source = (EXAMPLES / "panel-2018" / "budi" / "11-73.yaml").read_text("utf-8")
    (tmp_path / "11-73.yaml").write_text(
        source.replace("criteria: gerakan-100-smart-city-panel", "criteria: other"), "utf-8"
    )
    result = run(
        "agreement", str(tmp_path), "-c", str(EXAMPLES / "gerakan-100-smart-city-panel.yaml")
    )
    assert result.exit_code == 1
    assert "11-73.yaml:3:11" in result.output
    assert "assessor file is for criteria 'other'" in result.output
    assert "submission" not in result.output


def test_history_of_a_code_no_region_ever_had_is_a_usage_error(run: Any) -> None:
    from .conftest import EXAMPLES

    programme = str(EXAMPLES / "programme" / "programme.yaml")
    result = run("history", programme, "99.99")
    assert result.exit_code == 2
    assert "'99.99' is not a region code in any year of the registry" in result.output
    assert "did not apply" not in result.output
    # A code a region had before a change is a region code (Mimika: 91.09, today 94.04).
    older = run("history", programme, "91.09", "-f", "json")
    assert older.exit_code == 0, older.output


def test_rank_warns_of_an_interview_item_too_few_assessors_scored(run: Any) -> None:
    from .conftest import EXAMPLES

    record = ("--panel", "Dewi Lestari, ketua", "--date", "2018-03-12", "--format", "json")
    for command, *extra in (("rank", "-f", "json"), ("decision-record", *record)):
        result = run(
            command, str(EXAMPLES / "pool-2018"), *extra,
            "-c", str(EXAMPLES / "gerakan-100-smart-city-panel.yaml"), "--cohorts", "2018:50",
            "--assessors", str(EXAMPLES / "panel-2018"),
        )  # fmt: skip
        assert result.exit_code == 0, result.output
        warning = (
            "dewi/11-73.yaml:11:24: warning[panel-too-few]: region 11.73: interview item "
            "'interview.readiness_to_fund' was scored by 1 assessor(s) (Dewi Lestari), fewer "
            "than the criteria's panel.min_assessors (2)"
        )
        assert warning in " ".join(result.stderr.split())


def test_an_override_naming_no_assessor_of_the_panel_is_a_warning_at_the_name(
    run: Any, tmp_path: Any
) -> None:
    from .conftest import ROOT

    round_dir = ROOT / "examples" / "panel-round-2018"
    source = (round_dir / "overrides.yaml").read_text("utf-8")
    assert "Budi Santoso, Rina Wijaya]" in source
    overrides = tmp_path / "overrides.yaml"
    overrides.write_text(source.replace("Rina Wijaya]", "Rina Wijayaa]", 1), "utf-8")
    args = [str(ROOT / a) if a.startswith("examples/") else a for a in (*PANEL_ROUND, *ROUND_ARGS)]
    result = run("rank", *args, "--overrides", str(overrides), "-f", "json")
    assert result.exit_code == 0, result.output
    said = " ".join(result.stderr.split())
    assert (
        "overrides.yaml:9:43: warning[override-unknown-assessor]: the override of 35.71 names "
        "'Rina Wijayaa', who is none of the panel's assessors (Budi Santoso, Dewi Lestari, "
        "Rina Wijaya)"
    ) in said
    right = run("rank", *args, "--overrides", str(round_dir / "overrides.yaml"), "-f", "json")
    assert right.exit_code == 0 and "override-unknown-assessor" not in right.stderr


def test_agreement_names_items_and_regions_in_english_as_in_indonesian(run: Any) -> None:
    from .conftest import EXAMPLES

    args = (
        "agreement", str(EXAMPLES / "panel-2018"),
        "-c", str(EXAMPLES / "gerakan-100-smart-city-panel.yaml"),
        "--pool", str(EXAMPLES / "pool-2018"),
    )  # fmt: skip
    table = " ".join(run(*args).stdout.split())
    assert "11.73 Vision for a smart city 3 3 3" in table
    assert "Regions: 11.73 = Kota Lhokseumawe," in table
    assert "interview.readiness" not in table
    markdown = run(*args, "-f", "markdown").stdout
    assert "| Kota Lhokseumawe (11.73) | Interview with the regent/mayor: Readiness to fund |" in (
        markdown
    )
    csv = run(*args, "-f", "csv").stdout.splitlines()
    assert csv[0].endswith(",too_few_assessors,name")
    assert csv[1].startswith("11.73,interview.vision,") and csv[1].endswith(",Kota Lhokseumawe")
