"""``assess rank --overrides``: the panel's in/out/defer decisions near the cut-off.

The pool is examples/pool-2018 with one cohort of 50 (``--cohorts 2018:50``). By score
alone (hand-read from ``assess rank examples/pool-2018 --cohorts 2018:50 -f csv``):

    rank 47  18.02 Lampung Tengah         67.18   selected
    rank 48  63.06 Hulu Sungai Selatan    66.85   selected
    rank 49  53.02 Timor Tengah Selatan   66.27   selected
    rank 50  64.01 Paser                  66.17   selected (the cut-off)
    rank 51  11.73 Lhokseumawe            66.06
    rank 52  32.78 Tasikmalaya            66.03
    rank 53  35.71 Kediri                 65.88
    rank 56  18.71 Bandar Lampung         64.78

With a zone of 1 point the panel may decide on scores 65.17 to 67.17: rank 47 is 0.01
outside it, rank 56 far below.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from .conftest import EXAMPLES

POOL = EXAMPLES / "pool-2018"
EXAMPLE = EXAMPLES / "pool-2018-overrides.yaml"
Run = Callable[..., Any]


def overrides_file(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "overrides.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def entry(code: str, decision: str, reason: str = "Panel hearing.") -> str:
    return f'- code: "{code}"\n  decision: {decision}\n  reason: {reason}\n  assessors: [Dewi]\n'


def ranked(run: Run, *args: Any, fmt: str = "json") -> Any:
    return run("rank", POOL, "--cohorts", "2018:50", "-f", fmt, *args)


def selected(result: Any) -> list[str]:
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    return list(data["cohorts"][0]["selected"])


@pytest.fixture(scope="module")
def by_score() -> list[str]:
    """The 50 selected by score alone, in rank order."""
    from typer.testing import CliRunner

    from smartcity_assess.cli import app

    result = CliRunner().invoke(app, ["rank", str(POOL), "--cohorts", "2018:50", "-f", "json"])
    data = json.loads(result.stdout)
    codes: list[str] = data["cohorts"][0]["selected"]
    assert codes[-4:] == ["18.02", "63.06", "53.02", "64.01"]
    return codes


def test_in_displaces_the_lowest_ranked_selected_region(
    run: Run, tmp_path: Path, by_score: list[str]
) -> None:
    path = overrides_file(tmp_path, entry("32.78", "in"))
    result = ranked(run, "--overrides", path, "--override-zone", "1")
    assert selected(result) == [*by_score[:-1], "32.78"]
    data = json.loads(result.stdout)
    assert data["overrides"] == [
        {
            "code": "32.78",
            "decision": "in",
            "reason": "Panel hearing.",
            "assessors": ["Dewi"],
            "cohort_before": None,
            "cohort_after": 2018,
        }
    ]
    assert data["moved_by_overrides"] == [
        {"code": "64.01", "cohort_before": 2018, "cohort_after": None}
    ]
    assert data["override_zone"] == 1.0
    # The cut-off is the score of the last region taken by rank (rank 49 now), not of
    # the region forced in.
    assert round(data["cohorts"][0]["cutoff_score"], 2) == 66.27
    regions = {r["code"]: r for r in data["regions"]}
    assert regions["64.01"]["cohort"] is None and regions["64.01"]["gap"] is None


def test_out_gives_the_place_to_the_next_in_rank(
    run: Run, tmp_path: Path, by_score: list[str]
) -> None:
    path = overrides_file(tmp_path, entry("63.06", "out"))
    result = ranked(run, "--overrides", path, "--override-zone", "1")
    assert selected(result) == [c for c in by_score if c != "63.06"] + ["11.73"]
    data = json.loads(result.stdout)
    assert data["moved_by_overrides"] == [
        {"code": "11.73", "cohort_before": None, "cohort_after": 2018}
    ]
    assert data["overrides"][0]["cohort_before"] == 2018
    assert data["overrides"][0]["cohort_after"] is None


def test_defer_is_not_selected_and_marked_deferred(
    run: Run, tmp_path: Path, by_score: list[str]
) -> None:
    path = overrides_file(tmp_path, entry("53.02", "defer", "Contract not yet awarded."))
    result = ranked(run, "--overrides", path, "--override-zone", "1")
    assert selected(result) == [c for c in by_score if c != "53.02"] + ["11.73"]
    assert json.loads(result.stdout)["overrides"][0]["decision"] == "defer"
    table = ranked(run, "--overrides", path, "--override-zone", "1", fmt="csv")
    rows = {r["code"]: r for r in csv.DictReader(io.StringIO(table.stdout))}
    assert rows["53.02"]["override"] == "defer"
    assert rows["53.02"]["override_reason"] == "Contract not yet awarded."
    assert rows["53.02"]["cohort"] == ""
    assert rows["11.73"]["moved_by_override"] == "none -> 2018"


def test_the_example_file(run: Run, by_score: list[str]) -> None:
    """32.78 in, 53.02 deferred: the deferred place and the forced one cancel out, so
    nobody else moves."""
    result = ranked(run, "--overrides", EXAMPLE, "--override-zone", "1")
    expected = [c for c in by_score if c != "53.02"] + ["32.78"]
    assert selected(result) == expected
    assert json.loads(result.stdout)["moved_by_overrides"] == []


def test_a_missing_reason_is_reported_at_its_place_with_exit_1(run: Run, tmp_path: Path) -> None:
    text = (
        entry("32.78", "in") + '- code: "53.02"\n  decision: out\n  reason: ""\n  assessors: [A]\n'
    )
    path = overrides_file(tmp_path, text)
    result = ranked(run, "--overrides", path, "--override-zone", "1")
    assert result.exit_code == 1
    assert f"{path}:7:11" in result.stderr
    assert "reason must be non-empty text" in result.stderr
    assert "Traceback" not in result.output


def test_a_value_yaml_versions_read_differently_is_refused_not_taken(
    run: Run, tmp_path: Path
) -> None:
    """``reason: yes`` is the text 'yes' to an editor and true to YAML 1.1: refused at its
    place, as in a submission, never read silently."""
    path = overrides_file(tmp_path, entry("32.78", "in", reason="yes"))
    result = ranked(run, "--overrides", path, "--override-zone", "1")
    assert result.exit_code == 1
    assert f"{path}:3:11: error[ambiguous-value]" in result.stderr


def test_a_missing_overrides_file_is_named_as_such_not_as_criteria(
    run: Run, tmp_path: Path
) -> None:
    missing = tmp_path / "missing.yaml"
    result = ranked(run, "--overrides", missing, "--override-zone", "1")
    assert result.exit_code == 2
    assert f"{missing}: error[file]: no such file or directory" in result.stderr
    assert "criteria" not in result.stderr


def test_every_problem_of_the_file_is_reported_at_once(run: Run, tmp_path: Path) -> None:
    text = (
        '- code: "32.78"\n  decision: maybe\n  reason: x\n  assessors: []\n'
        '- code: "32.78"\n  decision: in\n  reason: x\n  assessors: [A]\n'
        '- code: "32.79"\n  decision: in\n  reason: x\n  assessors: [A]\n'
        '- code: "32.79"\n  decision: out\n  reason: x\n  assessors: [A]\n'
        "- decision: in\n  reason: x\n  assessors: [A]\n  colour: red\n"
    )
    path = overrides_file(tmp_path, text)
    result = ranked(run, "--overrides", path, "--override-zone", "1")
    assert result.exit_code == 1
    err = result.stderr
    assert f"{path}:2:13" in err and "decision 'maybe' is not one of in, out, defer" in err
    assert f"{path}:4:14" in err and "assessors must be a list of at least one name" in err
    assert f"{path}:13:9" in err and "region 32.79 is overridden twice (first on line 9)" in err
    assert "this override has no 'code'" in err
    assert f"{path}:20:3" in err and "unknown key 'colour'" in err


def test_an_unknown_region_is_refused(run: Run, tmp_path: Path) -> None:
    path = overrides_file(tmp_path, entry("99.99", "in"))
    result = ranked(run, "--overrides", path, "--override-zone", "1")
    assert result.exit_code == 1
    assert f"{path}:1:3" in result.stderr
    assert "region 99.99 is not in the ranked pool" in result.stderr


def test_outside_the_zone_names_region_score_cutoff_and_zone(run: Run, tmp_path: Path) -> None:
    path = overrides_file(tmp_path, entry("18.02", "out") + entry("18.71", "in"))
    result = ranked(run, "--overrides", path, "--override-zone", "1")
    assert result.exit_code == 1
    err = " ".join(result.stderr.split())
    assert (
        f"{path}:1:3" in err
        and "region 18.02 scores 67.18, outside the zone of 1 point(s) around every cut-off "
        "before the overrides (nearest cut-off before the overrides 66.17)"
        in err
    )
    assert f"{path}:5:3" in err and "region 18.71 scores 64.78" in err
    # A wider zone allows both.
    assert ranked(run, "--overrides", path, "--override-zone", "1.5").exit_code == 0


def test_an_ineligible_region_cannot_be_overridden_in(run: Run, tmp_path: Path) -> None:
    data = json.loads(ranked(run).stdout)
    ineligible = [r["code"] for r in data["regions"] if not r["eligible"]]
    path = overrides_file(tmp_path, entry(ineligible[0], "in"))
    result = ranked(run, "--overrides", path, "--override-zone", "100")
    assert result.exit_code == 1
    assert f"region {ineligible[0]} is not eligible and cannot be overridden in" in result.stderr


def test_overrides_need_a_zone(run: Run, tmp_path: Path) -> None:
    path = overrides_file(tmp_path, entry("32.78", "in"))
    result = ranked(run, "--overrides", path)
    assert result.exit_code == 2 and "--override-zone" in result.stderr
    result = ranked(run, "--overrides", path, "--override-zone", "-1")
    assert result.exit_code == 2


def test_overrides_are_deterministic(run: Run) -> None:
    args = ("--overrides", EXAMPLE, "--override-zone", "1")
    for fmt in ("json", "csv", "markdown"):
        first, second = ranked(run, *args, fmt=fmt), ranked(run, *args, fmt=fmt)
        assert first.exit_code == 0 and first.stdout == second.stdout


@pytest.mark.parametrize("fmt", ["table", "json", "csv", "markdown", "html"])
def test_every_format_shows_the_overrides(run: Run, fmt: str) -> None:
    result = ranked(run, "--overrides", EXAMPLE, "--override-zone", "1", fmt=fmt)
    assert result.exit_code == 0, result.output
    text = " ".join(result.stdout.split())
    assert "Signed data-sharing agreement with the province" in text
    assert "Broadband rollout contract not yet awarded" in text
    if fmt in ("table", "markdown", "html"):
        assert (
            "Panel overrides (2; zone 1 point(s) around the cut-off before the overrides, "
            "2018 66.17)" in text
        )
        assert "Dewi Lestari, Budi Santoso, Rina Wijaya" in text
        assert "panel decision: in" in text
    if fmt in ("markdown", "html"):  # the table wraps its note column
        assert "panel decision: deferred to the next round" in text


def test_the_workbook_shows_the_overrides(run: Run, tmp_path: Path) -> None:
    pytest.importorskip("openpyxl")
    from openpyxl import load_workbook

    out = tmp_path / "ranking.xlsx"
    result = ranked(run, "--overrides", EXAMPLE, "--override-zone", "1", "-o", out, fmt="xlsx")
    assert result.exit_code == 0, result.output
    book = load_workbook(out)
    sheet = book.worksheets[0]
    rows = list(sheet.iter_rows(values_only=True))
    header = list(rows[0])
    assert header[-3:] == ["override", "override_reason", "moved_by_override"]
    by_code = {row[header.index("code")]: row for row in rows[1:]}
    assert by_code["32.78"][header.index("override")] == "in"
    about = [row[0] for row in book.worksheets[1].iter_rows(values_only=True)]
    assert any(str(line).startswith("Panel overrides (2;") for line in about)


def test_without_overrides_the_output_has_no_trace_of_them(run: Run) -> None:
    data = json.loads(ranked(run).stdout)
    assert "overrides" not in data and "override_zone" not in data
    assert "override" not in ranked(run, fmt="csv").stdout


# --- the fill with overrides by hand: two cohorts of 2, A 90, B 80, C 70, D 60, E 59, F 50 --
# (core.fill; the cohort index of each position, -1 for none)


def _filled(
    forced: dict[int, int] | None = None, removed: frozenset[int] = frozenset()
) -> list[int]:
    from smartcity_assess.core.criteria import Cohort
    from smartcity_assess.core.equity import Standing
    from smartcity_assess.core.fill import fill

    cohorts = [Cohort(year=2018 + i, size=2) for i in range(2)]
    regions = [Standing(code, "kota", False, None, code) for code in "ABCDEF"]
    return fill(cohorts, regions, forced=forced, removed=removed).cohort


def test_by_score_the_cohorts_take_the_line_in_order() -> None:
    assert _filled() == [0, 0, 1, 1, -1, -1]


def test_in_takes_a_place_in_the_cohort_of_its_zone() -> None:
    # E (59) is within 1 of the second cut-off (60), so its cohort is 2019 (index 1): it
    # takes a place there first, and D, the lowest 2019 would take by rank, gives way.
    assert _filled({4: 1}) == [0, 0, 1, -1, 1, -1]


def test_out_moves_everyone_below_up() -> None:
    # B put out (or deferred): C moves up into 2018, D and E into 2019.
    assert _filled(removed=frozenset({1})) == [0, -1, 0, 1, 1, -1]


def test_a_forced_region_cannot_be_displaced_by_another() -> None:
    # D in (already in 2019, so it stays there) and E in: both are placed first, so C,
    # not D, gives way.
    assert _filled({3: 1, 4: 1}) == [0, 0, -1, 1, 1, -1]


def test_more_forced_in_than_places_is_refused(run: Run, tmp_path: Path) -> None:
    path = overrides_file(tmp_path, entry("11.73", "in") + entry("32.78", "in"))
    result = run(
        "rank", POOL, "--cohorts", "2018:1", "-f", "json", "--overrides", path,
        "--override-zone", "100",
    )  # fmt: skip
    assert result.exit_code == 1
    assert f"{path}:5:3" in result.stderr
    assert "region 32.78 cannot be given a place" in result.stderr


def test_the_criteria_can_declare_the_zone(run: Run, tmp_path: Path, by_score: list[str]) -> None:
    from .conftest import TESTS

    bundled = (TESTS.parent / "criteria" / "gerakan-100-smart-city.yaml").read_text("utf-8")
    assert "  max_per_province: null\n" in bundled
    for points, ok in (("1", True), ("0.1", False)):
        criteria = tmp_path / f"zone-{points}.yaml"
        criteria.write_text(
            bundled.replace(
                "  max_per_province: null\n",
                f"  max_per_province: null\n  override_zone:\n    points: {points}\n",
            ),
            encoding="utf-8",
        )
        args = ("--criteria", criteria, "--overrides", EXAMPLE)
        result = ranked(run, *args)
        if ok:
            assert selected(result) == [c for c in by_score if c != "53.02"] + ["32.78"]
        else:
            # 32.78 scores 66.03, 0.14 below the cut-off 66.17: outside a zone of 0.1
            # (53.02, at 66.27 exactly 0.10 above, is inside).
            assert result.exit_code == 1
            err = " ".join(result.stderr.split())
            assert "region 32.78 scores 66.03, outside the zone of 0.1" in err
            assert "53.02" not in err
            # The option wins over the criteria.
            assert ranked(run, *args, "--override-zone", "1").exit_code == 0
