"""``assess compare``: two rank JSONs, one made with a factor weight changed, name who
entered and who left, and show the changed weight, in every format; the correlations and
the criteria diff on their own; a bad file is a usage error."""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from smartcity_assess.core.compare import (
    CriteriaChange,
    compare,
    criteria_diff,
    savage_scores,
    spearman,
    top_down,
)
from smartcity_assess.core.criteria import LoadedCriteria, criteria_summary
from smartcity_assess.reading.rank_json import snapshot_from_data

from .conftest import CRITERIA_DIR, EXAMPLES

POOL = EXAMPLES / "pool-2018"
BUNDLED = CRITERIA_DIR / "gerakan-100-smart-city.yaml"
Run = Callable[..., Any]


def _ranked(run: Run, path: Path, *args: Any) -> Path:
    result = run("rank", POOL, "--format", "json", "-o", path, *args)
    assert result.exit_code == 0, result.output
    return path


def _reweighted(tmp_path: Path) -> Path:
    """The bundled criteria with the leadership weight changed from 20 to 35."""
    text = BUNDLED.read_text(encoding="utf-8")
    changed, count = re.subn(
        r"(- id: leadership\n(?:.*\n)*?    weight: )20\n", r"\g<1>35\n", text, count=1
    )
    assert count == 1
    target = tmp_path / "leadership-35.yaml"
    target.write_text(changed, encoding="utf-8")
    return target


@pytest.fixture(scope="module")
def two_runs(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, dict[str, Any]]:
    """Rank JSONs of the example pool under the bundled criteria and with leadership at 35,
    and the selection each made (computed from the JSONs themselves, not by compare)."""
    from typer.testing import CliRunner

    from smartcity_assess.cli import app

    folder = tmp_path_factory.mktemp("compare")
    runner = CliRunner()

    def run(*args: Any) -> Any:
        return runner.invoke(app, [str(a) for a in args], env={"COLUMNS": "100"})

    old = _ranked(run, folder / "old.json")
    new = _ranked(run, folder / "new.json", "-c", _reweighted(folder))
    data = [json.loads(p.read_text(encoding="utf-8")) for p in (old, new)]
    selected = [{code for cohort in d["cohorts"] for code in cohort["selected"]} for d in data]
    names = {r["code"]: r["name"] for r in data[1]["regions"]}
    expected = {
        "entered": sorted(selected[1] - selected[0]),
        "left": sorted(selected[0] - selected[1]),
        "names": names,
    }
    return old, new, expected


def test_the_reweighted_run_changes_the_selection(two_runs: Any) -> None:
    _, _, expected = two_runs
    # The premise of the tests below: the weight change moves someone in and out.
    assert expected["entered"] and expected["left"]


def test_table_names_who_entered_and_left_and_the_changed_weight(run: Run, two_runs: Any) -> None:
    old, new, expected = two_runs
    result = run("compare", old, new)
    assert result.exit_code == 0, result.output
    out = " ".join(result.stdout.split())
    for code in expected["entered"] + expected["left"]:
        assert f"{expected['names'][code]} ({code})" in out
    entered = out.index("Selected into any cohort")
    assert f"Entered: {expected['names'][expected['entered'][0]]}" in out[entered:]
    assert f"Left: {expected['names'][expected['left'][0]]}" in out[entered:]
    assert "Leadership commitment (leadership) weight 20 (share 20.0%) 35 (share 30.4%)" in out
    assert "Spearman 0.9" in out and "top-down 0.9" in out
    assert result.stderr == ""


def test_json_carries_the_same_facts(run: Run, two_runs: Any) -> None:
    old, new, expected = two_runs
    result = run("compare", old, new, "--format", "json", "--top", "3")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["schema_version"] == 1 and data["command"] == "compare"
    assert sorted(data["selected"]["entered"]) == expected["entered"]
    assert sorted(data["selected"]["left"]) == expected["left"]
    assert data["criteria_changed"] is True
    assert data["criteria_changes"] == [
        {
            "subject": "leadership",
            "field": "weight",
            "old": 20.0,
            "new": 35.0,
            "old_share": pytest.approx(20 / 100),
            "new_share": pytest.approx(35 / 115),
        }
    ]
    assert len(data["moves"]) == 3
    assert [abs(m["change"]) for m in data["moves"]] == sorted(
        (abs(m["change"]) for m in data["moves"]), reverse=True
    )
    years = [c["year"] for c in data["cohorts"]]
    assert years == [2017, 2018, 2019]
    for cohort in data["cohorts"]:
        assert cohort["old_size"] == cohort["new_size"]
        assert len(cohort["entered"]) == len(cohort["left"])  # sizes are equal and filled
    assert 0.9 < data["correlation"]["spearman"] < 1.0
    assert data["correlation"]["regions"] == sum(
        1 for r in data["regions"] if r["old"].get("rank") and r["new"].get("rank")
    )
    assert "path" not in json.dumps({k: data[k] for k in ("old", "new")})


def test_json_is_the_same_wherever_the_files_are(
    run: Run, two_runs: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    old, new, _ = two_runs
    baseline = run("compare", old, new, "--format", "json").stdout
    moved = tmp_path / "elsewhere"
    moved.mkdir()
    (moved / "a.json").write_bytes(old.read_bytes())
    (moved / "b.json").write_bytes(new.read_bytes())
    monkeypatch.chdir(moved)
    assert run("compare", "a.json", "b.json", "--format", "json").stdout == baseline


def test_markdown_and_csv(run: Run, two_runs: Any) -> None:
    old, new, expected = two_runs
    markdown = run("compare", old, new, "--format", "markdown", "--lang", "id")
    assert markdown.exit_code == 0, markdown.output
    text = markdown.stdout
    assert text.startswith("# Perbandingan dua peringkat\n")
    assert (
        "| Komitmen pimpinan daerah (leadership) | bobot | 20 (porsi 20,0%) | 35 (porsi 30,4%) |"
        in text
    )
    for code in expected["entered"] + expected["left"]:
        assert f"({code})" in text
    table = run("compare", old, new, "--format", "csv")
    rows = {row["code"]: row for row in csv.DictReader(io.StringIO(table.stdout))}
    assert len(rows) == 160
    for code in expected["left"]:
        assert rows[code]["old_cohort"] != "" and rows[code]["new_cohort"] == ""


def test_html(run: Run, two_runs: Any, tmp_path: Path) -> None:
    pytest.importorskip("matplotlib")
    pytest.importorskip("jinja2")
    old, new, expected = two_runs
    out = tmp_path / "compare.html"
    result = run("compare", old, new, "--format", "html", "-o", out)
    assert result.exit_code == 0, result.output
    page = out.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>")
    assert page.count("<svg") == 1
    assert "<td>weight</td><td>20 (share 20.0%)</td><td>35 (share 30.4%)</td>" in page
    for code in expected["entered"] + expected["left"]:
        assert f"({code})" in page
    assert not re.search(r"""(?:src|href)\s*=\s*["']?\s*(?:https?:|//)""", page, re.I)


def test_each_side_shows_its_province_cap(run: Run, two_runs: Any, tmp_path: Path) -> None:
    old, _, _ = two_runs
    capped = _ranked(run, tmp_path / "capped.json", "--max-per-province", "3")
    for lang, phrase in (("en", "(at most 3 per province)"), ("id", "(paling banyak 3 per")):
        for fmt in ("table", "markdown", "html"):
            result = run("compare", old, capped, "-f", fmt, "--lang", lang)
            assert result.exit_code == 0, result.output
            out = " ".join(result.stdout.split())
            assert out.count(phrase) == 1, (lang, fmt)  # the new side only: the old has none


def test_the_same_file_twice_changes_nothing(run: Run, two_runs: Any) -> None:
    old, _, _ = two_runs
    data = json.loads(run("compare", old, old, "--format", "json").stdout)
    assert data["criteria_changed"] is False and data["criteria_changes"] == []
    assert data["selected"] == {"entered": [], "left": []}
    assert data["moves"] == []
    assert data["correlation"]["spearman"] == data["correlation"]["top_down"] == 1.0
    text = run("compare", old, old).stdout
    assert "Both rankings used the same criteria." in text
    assert "No region ranked in both changed its rank." in text


# --- a rank JSON without the criteria summary (an older version) ------------------------------


def _without_summary(source: Path, target: Path) -> Path:
    data = json.loads(source.read_text(encoding="utf-8"))
    del data["criteria_summary"]
    target.write_text(json.dumps(data), encoding="utf-8")
    return target


def test_without_summaries_the_criteria_diff_needs_the_files(
    run: Run, two_runs: Any, tmp_path: Path
) -> None:
    old, new, _ = two_runs
    bare_old = _without_summary(old, tmp_path / "old.json")
    bare_new = _without_summary(new, tmp_path / "new.json")
    result = run("compare", bare_old, bare_new, "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["criteria_changed"] is True and data["criteria_changes"] is None
    assert "pass --old-criteria and --new-criteria" in run("compare", bare_old, bare_new).stdout
    reweighted = _reweighted(tmp_path)
    given = run(
        "compare",
        bare_old,
        bare_new,
        "--old-criteria",
        BUNDLED,
        "--new-criteria",
        reweighted,
        "--format",
        "json",
    )
    assert given.exit_code == 0, given.output
    changes = json.loads(given.stdout)["criteria_changes"]
    assert [(c["subject"], c["field"], c["old"], c["new"]) for c in changes] == [
        ("leadership", "weight", 20.0, 35.0)
    ]
    wrong = run("compare", bare_old, bare_new, "--old-criteria", reweighted)
    assert wrong.exit_code == 2
    stderr = " ".join(wrong.stderr.split())
    assert "--old-criteria" in stderr and "is not the criteria" in stderr


# --- bad files are usage errors ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("{not json", "not valid JSON"),
        ("[1, 2]", "not a JSON output of 'assess rank'"),
        ('{"schema_version": 1, "command": "score"}', "command is missing or wrong"),
        ('{"schema_version": 2, "command": "rank"}', "schema_version is missing or wrong"),
        ('{"x": NaN}', "not valid JSON"),
        ("", "the file is empty"),
    ],
)
def test_a_file_that_is_not_a_rank_json_is_a_usage_error(
    run: Run, two_runs: Any, tmp_path: Path, content: str, message: str
) -> None:
    old, _, _ = two_runs
    bad = tmp_path / "bad.json"
    bad.write_text(content, encoding="utf-8")
    result = run("compare", old, bad)
    assert result.exit_code == 2, result.output
    stderr = " ".join(result.stderr.split())
    assert "cannot compare" in stderr and "bad.json" in stderr
    assert message in stderr
    assert "Traceback" not in result.output


def test_a_wrong_region_entry_is_named(run: Run, two_runs: Any, tmp_path: Path) -> None:
    old, _, _ = two_runs
    data = json.loads(old.read_text(encoding="utf-8"))
    data["regions"][3]["rank"] = "four"
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(data), encoding="utf-8")
    result = run("compare", old, bad)
    assert result.exit_code == 2
    assert "regions[3].rank is missing or wrong" in " ".join(result.stderr.split())


def test_a_missing_file_or_a_score_json(run: Run, two_runs: Any, tmp_path: Path) -> None:
    old, _, _ = two_runs
    missing = run("compare", old, tmp_path / "nope.json")
    assert missing.exit_code == 2 and "nope.json" in missing.stderr
    score = tmp_path / "score.json"
    done = run("score", EXAMPLES / "indramayu-2018.yaml", "--format", "json", "-o", score)
    assert done.exit_code == 0
    result = run("compare", score, old)
    assert result.exit_code == 2
    assert "command is missing or wrong" in " ".join(result.stderr.split())


def test_compare_and_exclude_read_a_rank_json_alike(run: Run, tmp_path: Path) -> None:
    """One reader: a ranking of sub-unit codes serves both, and a broken one is refused
    by both for the same reason."""
    unit = (EXAMPLES / "indramayu-2018.yaml").read_text(encoding="utf-8")
    unit = unit.replace('code: "32.12"', 'code: "32.12.05"')
    (tmp_path / "unit.yaml").write_text(unit.replace("Kabupaten Indramayu", "Desa Contoh"), "utf-8")
    ranked = tmp_path / "units.json"
    assert run("rank", tmp_path / "unit.yaml", "-f", "json", "-o", ranked).exit_code == 0
    assert "32.12.05" in json.loads(ranked.read_text(encoding="utf-8"))["cohorts"][0]["selected"]
    compared = run("compare", ranked, ranked, "--format", "json")
    assert compared.exit_code == 0, compared.output
    assert run("rank", tmp_path / "unit.yaml", "--exclude", ranked).exit_code == 0
    broken = tmp_path / "broken.json"
    data = json.loads(ranked.read_text(encoding="utf-8"))
    data["cohorts"][0]["selected"] = ["3212"]
    broken.write_text(json.dumps(data), encoding="utf-8")
    reason = "cohorts[0].selected[0] is missing or wrong"
    refused = run("compare", broken, ranked)
    assert refused.exit_code == 2 and reason in " ".join(refused.stderr.split())
    excluded = run("rank", POOL, "--exclude", broken)
    assert excluded.exit_code == 2 and reason in " ".join(excluded.stderr.split())


# --- the core, on its own ---------------------------------------------------------------------


def test_spearman_and_top_down_on_known_orders() -> None:
    same = ["a", "b", "c", "d", "e"]
    assert spearman(same, same) == pytest.approx(1.0)
    assert top_down(same, same) == pytest.approx(1.0)
    reverse = list(reversed(same))
    assert spearman(same, reverse) == pytest.approx(-1.0)
    assert top_down(same, reverse) == pytest.approx(-0.8533, abs=1e-4)  # not -1: see docs
    assert spearman(["a"], ["a"]) is None and top_down([], []) is None
    # One swap costs Spearman the same anywhere; the top-down correlation far more at the top.
    top_swap = ["b", "a", "c", "d", "e"]
    bottom_swap = ["a", "b", "c", "e", "d"]
    assert spearman(same, top_swap) == spearman(same, bottom_swap) == pytest.approx(0.9)
    assert top_down(same, top_swap) < top_down(same, bottom_swap) < 1.0


def test_savage_scores() -> None:
    scores = savage_scores(4)
    assert scores == pytest.approx(
        [1 + 1 / 2 + 1 / 3 + 1 / 4, 1 / 2 + 1 / 3 + 1 / 4, 1 / 3 + 1 / 4, 1 / 4]
    )
    assert sum(scores) == pytest.approx(4)  # a known identity: sum S_i = n


def test_criteria_diff_finds_every_kind_of_change(bundled: LoadedCriteria) -> None:
    before = criteria_summary(bundled.model)
    after = json.loads(json.dumps(before))
    leadership = after["factors"][0]
    leadership["min_score"] = 50
    head = leadership["indicators"][0]
    head["gate"] = "signed_mou"
    head["levels"][1]["score"] = 0.25
    budget = after["factors"][1]
    share = budget["indicators"][0]
    share["goalposts"] = {"worst": 1.0, "best": 4.0}
    share["weight"] = 2 * share["weight"]
    removed = budget["indicators"].pop()
    after["bands"][0]["min"] = 80
    after["cohorts"] = [{"year": 2018, "size": 50}]
    after["factors"].append(
        {"id": "new_factor", "name": None, "weight": 5, "min_score": None, "indicators": []}
    )
    changes = list(criteria_diff(before, after))
    found = {(c.subject, c.field) for c in changes}
    assert found == {
        ("", "bands"),
        ("", "cohorts"),
        ("leadership", "min_score"),
        ("leadership.head_commitment", "gate"),
        ("leadership.head_commitment", "levels"),
        (f"budget.{share['id']}", "goalposts"),
        (f"budget.{share['id']}", "weight"),
        (f"budget.{removed['id']}", "indicator"),
        ("new_factor", "factor"),
    }
    weight = next(c for c in changes if c.field == "weight")
    assert isinstance(weight, CriteriaChange)
    assert weight.new_share is not None and weight.old_share is not None
    assert weight.new_share > weight.old_share
    assert list(criteria_diff(before, before)) == []


def test_cohorts_are_matched_by_year() -> None:
    def snapshot(cohorts: list[dict[str, Any]], codes: list[str]) -> Any:
        regions = [
            {
                "code": code,
                "name": code,
                "score": 90.0 - i,
                "rank": i + 1,
                "cohort": next((c["year"] for c in cohorts if code in c["selected"]), None),
                "eligible": True,
            }
            for i, code in enumerate(codes)
        ]
        data = {
            "schema_version": 1,
            "command": "rank",
            "criteria": {"id": "x", "version": "1", "sha256": "0" * 64},
            "cohorts": [{**c, "cutoff_score": None} for c in cohorts],
            "regions": regions,
        }
        return snapshot_from_data(data, "x.json")

    old = snapshot(
        [{"year": 2018, "size": 2, "selected": ["11.01", "11.02"]}],
        ["11.01", "11.02", "11.03"],
    )
    new = snapshot(
        [
            {"year": 2018, "size": 2, "selected": ["11.01", "11.03"]},
            {"year": 2019, "size": 1, "selected": ["11.02"]},
        ],
        ["11.01", "11.03", "11.02"],
    )
    result = compare(old, new)
    by_year = {c.year: c for c in result.cohorts}
    assert by_year[2018].entered == ("11.03",) and by_year[2018].left == ("11.02",)
    assert by_year[2019].old_size is None and by_year[2019].entered == ("11.02",)
    assert result.entered == ("11.03",) and result.left == ()
    assert result.criteria_changes == ()  # same sha256, no summaries: nothing to say


def test_every_field_of_the_diff_has_a_label_in_both_languages() -> None:
    from smartcity_assess.core.compare import _INDICATOR_FIELDS, _TOP_FIELDS
    from smartcity_assess.i18n import CATALOGUE

    fields = {*_TOP_FIELDS, *_INDICATOR_FIELDS, "factor", "indicator", "weight", "min_score"}
    assert {f"cf-{field}" for field in fields} <= set(CATALOGUE)


def test_criteria_diff_finds_the_panel_verification_and_uncertainty_rules(
    bundled: LoadedCriteria,
) -> None:
    """value_basis, the override zone, the panel's rules and an indicator's source and
    uncertainty decide a ranking too: a change of each is reported, and criteria that
    leave them at their defaults summarise as before (no new keys)."""
    from smartcity_assess.core.criteria import Criteria

    before = criteria_summary(bundled.model)
    assert not {"value_basis", "override_zone", "panel"} & set(before)
    data = bundled.model.model_dump(mode="json", exclude_unset=True)
    data["value_basis"] = "verified-only"
    data["selection"] = {**data.get("selection", {}), "override_zone": {"points": 1.5}}
    data["panel"] = {"aggregate": "mean", "disagreement": 30}
    budget = data["factors"][1]["indicators"][0]
    budget["uncertainty"] = 0.2
    changed = Criteria.model_validate(data)
    changes = {
        (c.subject, c.field): (c.old, c.new)
        for c in criteria_diff(before, criteria_summary(changed))
    }
    assert changes[("", "value_basis")] == ("verified-else-claimed", "verified-only")
    assert changes[("", "override_zone")] == (None, 1.5)
    assert changes[("", "panel")][1]["aggregate"] == "mean"
    assert changes[(f"budget.{budget['id']}", "uncertainty")] == (None, 0.2)


def test_criteria_diff_finds_a_change_of_a_declared_group(bundled: LoadedCriteria) -> None:
    """A group's codes decide who gets a reserved place: a code added is a change."""
    from smartcity_assess.reading.criteria_file import load_criteria

    border = load_criteria(EXAMPLES / "gerakan-100-smart-city-border.yaml")
    before = criteria_summary(border.model)
    after = json.loads(json.dumps(before))
    after["groups"]["perbatasan_kalbar"]["codes"].append("61.08")
    changes = {(c.subject, c.field) for c in criteria_diff(before, after)}
    assert changes == {("", "groups")}
    assert ("", "groups") in {
        (c.subject, c.field) for c in criteria_diff(criteria_summary(bundled.model), before)
    }
