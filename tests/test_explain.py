"""``assess explain``: the steps it proposes, applied to the submission file and re-ranked
with ``assess rank``, put the region in a cohort; gains are re-scored, never added up on
the side; gates come first; without a pool it aims at the next band."""

from __future__ import annotations

import dataclasses
import json
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from smartcity_assess.core.explain import explain, single_steps
from smartcity_assess.core.ranking import rank
from smartcity_assess.core.rounding import round_key
from smartcity_assess.core.scoring import score
from smartcity_assess.reading.criteria_file import load_criteria
from smartcity_assess.reading.submissions import read_batch

from .conftest import EXAMPLES

POOL = EXAMPLES / "pool-2018"
Run = Callable[..., Any]
CRITERIA = load_criteria().model


def _file_of(code: str) -> Path:
    return next(POOL.glob(f"{code.replace('.', '-')}-*.yaml"))


def _nominal() -> dict[str, Any]:
    batch = read_batch(CRITERIA, [POOL])
    cards = [score(CRITERIA, s) for s in batch.submissions]
    ranking = rank(CRITERIA, cards, CRITERIA.cohorts)
    return {
        "first_out": ranking.not_selected[0].code,
        "far_out": ranking.not_selected[-1].code,
        "ineligible": ranking.ineligible[0].code,
        "selected": ranking.selected[0].code,
        "submissions": {s.code: s for s in batch.submissions},
    }


NOMINAL = _nominal()


def _apply(path: Path, steps: list[dict[str, Any]], target: Path) -> None:
    """Write ``path`` with each step's value put in, as a region's office would."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    for step in steps:
        factor, indicator = step["address"].split(".")
        data["values"].setdefault(factor, {})[indicator] = step["to"]
    target.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")


@pytest.mark.parametrize("which", ["first_out", "far_out", "ineligible"])
def test_applying_the_steps_and_re_ranking_puts_the_region_in(
    run: Run, tmp_path: Path, which: str
) -> None:
    code = NOMINAL[which]
    source = _file_of(code)
    result = run("explain", source, "--pool", POOL, "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["command"] == "explain" and data["target"] == "cohort"
    position = data["position"]
    assert position["cohort"] is None and position["gap"] > 0
    path = data["path"]
    assert path["reached"] is True and path["steps"]
    # Each step is the least value that gets in: at the cut-off, the tie-break may decide.
    gains = [step["gain"] for step in path["steps"]]
    after = round(position["cutoff_score"] - position["gap"] + sum(gains), 2)
    assert after >= round(position["cutoff_score"], 2)
    assert path["steps"][-1]["cohort"] is not None
    if which == "ineligible":
        assert data["failed_gates"]
        assert position["rank"] is None
        fixes = [s for s in path["steps"] if s["fixes"] == "gate"]
        assert fixes and path["steps"][: len(fixes)] == fixes  # gates first
        assert {s["address"] for s in fixes} == {g["target"] for g in data["failed_gates"]}

    # The region's office applies the steps to its file; the analyst ranks the pool again.
    pool = tmp_path / "pool"
    shutil.copytree(POOL, pool)
    _apply(source, path["steps"], pool / source.name)
    ranked = run("rank", pool, "--format", "json")
    assert ranked.exit_code == 0, ranked.output
    regions = {r["code"]: r for r in json.loads(ranked.stdout)["regions"]}
    assert regions[code]["cohort"] is not None
    assert regions[code]["rank"] == path["steps"][-1]["rank"]
    assert regions[code]["score"] == pytest.approx(path["steps"][-1]["total"])


def test_every_gain_is_a_re_scored_difference() -> None:
    submission = NOMINAL["submissions"][NOMINAL["far_out"]]
    base = score(CRITERIA, submission).total
    steps = single_steps(CRITERIA, submission)
    assert steps
    for step in steps:
        values = {**submission.values, step.address: step.after}
        changed = dataclasses.replace(submission, values=values)
        assert step.gain == score(CRITERIA, changed).total - base
    gains = [s.gain for s in steps if s.fixes is None]
    assert gains == sorted(gains, reverse=True)


def test_the_path_is_the_fewest_steps_when_gains_add_up() -> None:
    # Arithmetic aggregation and missing: zero make every indicator's points independent,
    # so no k - 1 steps can reach what the greedy path needs k for.
    pool = list(NOMINAL["submissions"].values())
    submission = NOMINAL["submissions"][NOMINAL["far_out"]]
    explanation = explain(CRITERIA, submission, pool)
    assert explanation.reached and len(explanation.path) >= 2
    needed = explanation.path[-1].total - explanation.card.total
    best = sorted((s.gain for s in explanation.steps), reverse=True)
    assert sum(best[: len(explanation.path) - 1]) < needed - 1e-9


def test_a_selected_region_has_nothing_to_do(run: Run) -> None:
    result = run("explain", _file_of(NOMINAL["selected"]), "--pool", POOL, "-f", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["position"]["cohort"] is not None
    assert data["path"]["reached"] is True and data["path"]["steps"] == []
    assert data["path"]["fewest"] is True and data["path"]["fewest_possible"] == 0
    assert all(f["median_contribution"] is not None for f in data["factors"])


def test_without_a_pool_it_explains_against_the_next_band(run: Run) -> None:
    result = run("explain", _file_of(NOMINAL["first_out"]), "-f", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["target"] == "band" and data["pool"] is None
    next_band = data["position"]["next_band"]
    assert next_band is not None and data["position"]["gap"] > 0
    steps = data["path"]["steps"]
    assert steps[-1]["band"] == next_band["label"]
    assert round_key(steps[-1]["total"], 2) / 100 >= next_band["min"]
    assert all(round_key(s["total"], 2) / 100 < next_band["min"] for s in steps[:-1])


def test_the_human_formats_in_both_languages(run: Run) -> None:
    source = _file_of(NOMINAL["ineligible"])
    table = run("explain", source, "--pool", POOL, "--no-color")
    assert table.exit_code == 0, table.output
    assert "What separates" in table.stdout and "Fewest steps" in table.stdout
    assert "Eligibility rules failed: 1" in table.stdout
    markdown = run("explain", source, "--pool", POOL, "-f", "markdown", "--lang", "id")
    assert markdown.exit_code == 0, markdown.output
    assert "# Apa yang memisahkan" in markdown.stdout
    assert "| # | Indikator | Dari | Menjadi |" in markdown.stdout
    assert "syarat minimum" in markdown.stdout


def _flat(result: Any) -> str:
    """stderr with the console's line wrapping undone."""
    return " ".join(result.stderr.split())


def test_usage_errors(run: Run, tmp_path: Path) -> None:
    two = tmp_path / "two.yaml"
    text = _file_of(NOMINAL["first_out"]).read_text(encoding="utf-8")
    other = _file_of(NOMINAL["far_out"]).read_text(encoding="utf-8")
    two.write_text(text + "---\n" + other, encoding="utf-8")
    result = run("explain", two, "--pool", POOL)
    assert result.exit_code == 2 and "explain takes a file with exactly one" in _flat(result)

    excluded = tmp_path / "excluded.txt"
    excluded.write_text(NOMINAL["first_out"] + "\n", encoding="utf-8")
    source = _file_of(NOMINAL["first_out"])
    result = run("explain", source, "--pool", POOL, "--exclude", excluded)
    assert result.exit_code == 2 and "is excluded" in _flat(result)

    result = run("explain", source, "--pool", POOL, "-f", "csv")
    assert result.exit_code == 2 and "not available for this command" in _flat(result)
    assert "Traceback" not in result.output


def test_the_file_replaces_the_pools_version_of_its_region(run: Run, tmp_path: Path) -> None:
    source = _file_of(NOMINAL["first_out"])
    better = tmp_path / "better.yaml"
    data = yaml.safe_load(source.read_text(encoding="utf-8"))
    data["values"]["leadership"]["deputy_involvement"] = True
    data["values"]["applications"]["online_licensing"] = True
    better.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    result = run("explain", better, "--pool", POOL, "-f", "json")
    assert result.exit_code == 0, result.output
    out = json.loads(result.stdout)
    assert out["position"]["cohort"] is not None
    assert out["pool"]["regions"] == 160
