"""``assess sensitivity``: the array path is the scalar method (to 1e-9, and the same ranks
and cohorts), seeded runs are byte-identical, zero noise collapses to the nominal ranking,
and a region on the cut-off is borderline while one far above it is always selected."""

from __future__ import annotations

import json
import random
import subprocess
import sys
from collections.abc import Callable
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from smartcity_assess.core.criteria import Criteria
from smartcity_assess.core.ranking import rank
from smartcity_assess.core.rounding import round_key
from smartcity_assess.core.scoring import ScoreCard, coverage, round_keys, score
from smartcity_assess.core.sensitivity import (
    Settings,
    analyse,
    perturbed_goalposts,
    pool_matrix,
    simulate,
)
from smartcity_assess.core.submission import Submission
from smartcity_assess.reading.criteria_file import load_criteria

from .conftest import EXAMPLES, TESTS

POOL = EXAMPLES / "pool-2018"
INDRAMAYU = EXAMPLES / "indramayu-2018.yaml"
TINY_CRITERIA = TESTS / "data" / "rank" / "criteria.yaml"
Run = Callable[..., Any]
BUNDLED = load_criteria().model


# --- the array path is the scalar method ------------------------------------------------------


def _variant(criteria: Criteria, **changes: Any) -> Criteria:
    """A criteria with top-level or per-factor changes, validated afresh (``model_copy``
    would carry stale cached properties such as the weight sums)."""
    data = criteria.model_dump()
    weights = changes.pop("weights", None)
    goalposts = changes.pop("goalposts", None)
    data.update(changes)
    if weights is not None:
        for factor, weight in zip(data["factors"], weights, strict=True):
            factor["weight"] = float(weight)
    if goalposts is not None:
        numbers = [i for f in data["factors"] for i in f["indicators"] if i["type"] == "number"]
        for indicator, (worst, best) in zip(numbers, goalposts, strict=True):
            indicator["goalposts"] = {"worst": float(worst), "best": float(best)}
    return Criteria.model_validate(data)


def _random_value(indicator: Any, rng: random.Random) -> Any:
    if indicator.type == "boolean":
        return rng.random() < 0.6
    if indicator.type == "level":
        return rng.choice(list(indicator.level_scores))
    low = indicator.valid.min if indicator.valid and indicator.valid.min is not None else 0.0
    high = indicator.valid.max if indicator.valid and indicator.valid.max is not None else None
    if high is None:
        high = 2 * max(indicator.goalposts.worst, indicator.goalposts.best)
    return round(rng.uniform(low, high), rng.choice([0, 1, 2, 6]))


def random_pool(criteria: Criteria, size: int, seed: int, absent: float = 0.15) -> list[Submission]:
    """Submissions with random values, some optional ones absent (and now and then a
    whole factor, to exercise ``missing: reweight``)."""
    rng = random.Random(seed)
    codes = rng.sample([f"{p}.{r:02d}" for p in range(11, 95) for r in range(1, 70)], size)
    pool = []
    for code in codes:
        values: dict[str, Any] = {}
        empty_factor = rng.choice([f.id for f in criteria.factors]) if rng.random() < 0.1 else None
        for address, (factor, indicator) in criteria.addresses.items():
            optional = not indicator.required
            if optional and (rng.random() < absent or factor.id == empty_factor):
                continue
            values[address] = _random_value(indicator, rng)
        pool.append(
            Submission(
                code=code, name=code, province="", kind="kabupaten", year=None, values=values
            )
        )
    return pool


VARIANTS = [
    pytest.param({}, id="arithmetic-zero"),
    pytest.param({"aggregation": "geometric"}, id="geometric-zero"),
    pytest.param({"missing": "reweight"}, id="arithmetic-reweight"),
    pytest.param(
        {"aggregation": "geometric", "missing": "reweight", "min_coverage": 0.8},
        id="geometric-reweight-coverage",
    ),
]


def _scalar_ranks(
    criteria: Criteria, cards: list[ScoreCard], cap: int | None
) -> tuple[list[int], list[int]]:
    """Ranks (0 = not ranked) and cohort index (-1 = none) in ``cards`` order, as ``rank()``
    under ``criteria`` gives them.

    ``cards`` may be scored under other weights or goalposts: ``rank()`` reads their rounded
    scores and takes the order of factor weight for the tie-break from ``criteria``. Given
    the nominal criteria, that is every run's rule: ties go by the *published* order of
    factor weight, whatever the run's weights are.
    """
    ranking = rank(criteria, cards, criteria.cohorts, cap)
    years = [c.year for c in criteria.cohorts]
    by_code = {r.code: r for r in ranking.regions}
    ranks = [by_code[c.code].rank or 0 for c in cards]
    cohorts = [
        -1 if by_code[c.code].cohort is None else years.index(by_code[c.code].cohort or 0)
        for c in cards
    ]
    return ranks, cohorts


@pytest.mark.parametrize("changes", VARIANTS)
def test_the_array_path_equals_the_scalar_scorer(changes: dict[str, Any]) -> None:
    criteria = _variant(
        BUNDLED, **changes, cohorts=[{"year": 2020, "size": 12}, {"year": 2021, "size": 10}]
    )
    pool = random_pool(criteria, 60, seed=len(changes))
    cards = [score(criteria, s) for s in pool]
    matrix = pool_matrix(criteria, cards)
    geometric = criteria.aggregation == "geometric"

    # The nominal weights give the numbers of score(), region by region.
    nominal = matrix.pool.rescored(matrix.factor_weights[None, :], geometric)
    assert nominal.total[0].tolist() == [c.total for c in cards]
    assert nominal.total_keys[0].tolist() == [c.total_key for c in cards]
    assert nominal.eligible[0].tolist() == [c.eligible for c in cards]
    assert not nominal.eligible.all() and nominal.eligible.any()

    # Random factor weights: totals, eligibility, ranks and cohorts against score() and
    # rank() under criteria with those weights (with and without a province cap).
    rng = np.random.default_rng(5)
    weights = matrix.factor_weights[None, :] * rng.uniform(
        0.5, 1.5, size=(6, len(criteria.factors))
    )
    flags = np.full(len(weights), geometric)
    scored = matrix.pool.rescored(weights, flags)
    covered = coverage(criteria, matrix.pool.present, weights)
    for cap in (None, 1):
        runs = simulate(matrix, weights, flags, criteria.cohorts, cap)
        for i, w in enumerate(weights):
            varied = _variant(criteria, weights=w)
            varied_cards = [score(varied, s) for s in pool]
            assert scored.total[i].tolist() == [c.total for c in varied_cards]
            assert covered[i].tolist() == [c.coverage for c in varied_cards]
            assert [c.eligible for c in varied_cards] == list(runs.ranks[i] > 0)
            ranks, cohorts = _scalar_ranks(criteria, varied_cards, cap)
            assert list(runs.ranks[i]) == ranks
            assert list(runs.cohorts[i]) == cohorts


@pytest.mark.parametrize("changes", VARIANTS[:3])
def test_the_array_goalposts_equal_the_scalar_scorer(changes: dict[str, Any]) -> None:
    criteria = _variant(BUNDLED, **changes)
    pool = random_pool(criteria, 40, seed=11)
    cards = [score(criteria, s) for s in pool]
    matrix = pool_matrix(criteria, cards)
    u = np.random.default_rng(3).uniform(-1, 1, size=(4, len(matrix.pool.number_columns), 2))
    worst, best = perturbed_goalposts(matrix, 0.3, u)
    weights = np.repeat(matrix.factor_weights[None, :], len(u), axis=0)
    flags = np.full(len(u), criteria.aggregation == "geometric")
    scored = matrix.pool.rescored(weights, flags, (worst, best))
    runs = simulate(matrix, weights, flags, criteria.cohorts, None, (worst, best))
    for i in range(len(u)):
        varied = _variant(criteria, goalposts=list(zip(worst[i], best[i], strict=True)))
        varied_cards = [score(varied, s) for s in pool]
        expected = np.array([[f.score for f in c.factors] for c in varied_cards])
        assert np.abs(scored.scores[i] - expected).max() <= 1e-9
        assert np.abs(scored.total[i] - [c.total for c in varied_cards]).max() <= 1e-9
        assert scored.eligible[i].tolist() == [c.eligible for c in varied_cards]
        ranks, cohorts = _scalar_ranks(criteria, varied_cards, None)
        assert list(runs.ranks[i]) == ranks
        assert list(runs.cohorts[i]) == cohorts


def test_round_keys_round_each_value_half_up_as_round_key_does() -> None:
    rng = np.random.default_rng(1)
    awkward = [2.675, 0.125, 0.375, 1.005, 64.125, 99.995, 0.0, 100.0, 57.985, 2.5, 3.5]
    # Each awkward value three times over: one that is close to a half is worked out once.
    values = np.array(
        awkward * 3 + list(rng.uniform(0, 100, 2000)) + [k / 1000 for k in range(5000)]
    )
    for precision in (0, 1, 2, 3):
        keys = round_keys(values, precision).tolist()
        assert keys == [round_key(x, precision) for x in values.tolist()]
        # Each value is the short decimal it was written as, rounded half up.
        assert keys == [
            int(Decimal(repr(x)).scaleb(precision).to_integral_value(ROUND_HALF_UP))
            for x in values.tolist()
        ]
    assert round_keys(np.array([2.675, 0.125, 2.5]), 2).tolist() == [268, 13, 250]


# --- the command --------------------------------------------------------------------------------


def test_the_same_seed_gives_the_same_bytes_and_another_seed_does_not(run: Run) -> None:
    args = ("sensitivity", POOL, "--runs", "1000", "--format", "json")
    first = run(*args, "--seed", "7")
    second = run(*args, "--seed", "7")
    other = run(*args, "--seed", "8")
    assert first.exit_code == second.exit_code == other.exit_code == 0, first.output
    assert first.stdout == second.stdout
    assert other.stdout != first.stdout
    data = json.loads(first.stdout)
    assert data["schema_version"] == 1 and data["command"] == "sensitivity"
    assert data["settings"]["runs"] == 1000 and data["settings"]["seed"] == 7
    assert len(data["regions"]) == 160
    assert len(data["factors"]) == 8
    assert data["borderline"] == [r["code"] for r in data["regions"] if r["borderline"]]
    for region in data["regions"]:
        assert region["borderline"] == (0.05 < region["p_selected"] < 0.95)
        assert region["p_selected"] == pytest.approx(sum(c["p"] for c in region["p_cohort"]))
        if region["rank"] is not None:
            assert region["rank_p5"] <= region["median_rank"] <= region["rank_p95"]
    summary = data["summary"]
    assert -1 <= summary["spearman"]["p5"] <= summary["spearman"]["mean"] <= 1
    assert summary["borderline"] == len(data["borderline"])


def test_no_weight_noise_collapses_to_the_nominal_ranking(run: Run) -> None:
    result = run("sensitivity", POOL, "--runs", "50", "--weight-noise", "0", "-f", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    ranked = json.loads(run("rank", POOL, "-f", "json").stdout)
    nominal = {r["code"]: (r["rank"], r["cohort"]) for r in ranked["regions"]}
    for region in data["regions"]:
        rank_, cohort = nominal[region["code"]]
        assert region["rank"] == rank_ and region["cohort"] == cohort
        assert region["rank_p5"] == region["median_rank"] == region["rank_p95"] == rank_
        assert region["p_selected"] == (0.0 if cohort is None else 1.0)
        assert {c["p"] for c in region["p_cohort"]} <= {0.0, 1.0}
    assert data["borderline"] == []
    assert data["summary"]["same_cohorts"] == 1.0
    assert data["summary"]["mean_abs_rank_shift"] == 0.0
    assert data["summary"]["spearman"] == {"mean": 1.0, "p5": 1.0, "p95": 1.0}


def test_the_terminal_chart_draws_the_cut_off_at_the_last_selected_rank(run: Run) -> None:
    # With at most 3 per province, 100 selected reach down to rank 126 (the cap passes
    # regions over): the line must follow the ranking, not the count of places.
    ranked = json.loads(run("rank", POOL, "--max-per-province", "3", "-f", "json").stdout)
    last = max(r["rank"] for r in ranked["regions"] if r["cohort"] is not None)
    assert last == 126
    result = run("sensitivity", POOL, "--max-per-province", "3", "--runs", "20")
    assert result.exit_code == 0, result.output
    assert f"the cut-off after rank {last}." in " ".join(result.stdout.split())


def _region(code: str, name: str, x: float, y: float) -> str:
    return (
        f'schema_version: 1\nregion:\n  code: "{code}"\n  name: {name}\n'
        f"  province: Jawa Barat\n  kind: kabupaten\n"
        f"values:\n  first: {{x: {x}}}\n  second: {{y: {y}}}\n"
    )


def test_a_region_on_the_cut_off_is_borderline_and_one_far_above_is_always_in(
    run: Run, tmp_path: Path
) -> None:
    # Totals are (2x + y) / 3. One cohort of 2: A is far ahead; B and C tie at 60 (B wins
    # on the heavier first factor), so which of them is in turns on the weights; D trails.
    pool = tmp_path / "pool.yaml"
    pool.write_text(
        "---\n".join(
            [
                _region("32.01", "Kabupaten Bogor", 95, 95),
                _region("32.02", "Kabupaten Sukabumi", 70, 40),
                _region("32.03", "Kabupaten Cianjur", 40, 100),
                _region("32.04", "Kabupaten Bandung", 30, 10),
            ]
        ),
        encoding="utf-8",
    )
    args = ("sensitivity", pool, "-c", TINY_CRITERIA, "--cohorts", "2020:2", "--runs", "400")
    result = run(*args, "-f", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    p = {r["code"]: r["p_selected"] for r in data["regions"]}
    assert p["32.01"] == 1.0
    assert 0 < p["32.02"] < 1 and 0 < p["32.03"] < 1
    assert p["32.02"] + p["32.03"] == pytest.approx(1.0)
    assert p["32.04"] == 0.0
    assert data["borderline"] == ["32.02", "32.03"]
    table = run(*args, "--no-color")
    assert "BORDERLINE" in table.stdout and "━" in table.stdout and "●" in table.stdout
    markdown = run(*args, "-f", "markdown", "--lang", "id")
    assert "**AMBANG BATAS**" in markdown.stdout and "Sensitivitas peringkat" in markdown.stdout


def test_every_option_of_uncertainty_runs(run: Run) -> None:
    result = run(
        "sensitivity",
        POOL,
        "--runs",
        "60",
        "--vary-aggregation",
        "--goalpost-noise",
        "0.2",
        "--max-per-province",
        "3",
        "--exclude",
        EXAMPLES / "cohort-2017.txt",
        "--cohorts",
        "2018:50",
        "-f",
        "json",
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["settings"]["vary_aggregation"] is True
    assert data["settings"]["goalpost_noise"] == 0.2
    assert data["settings"]["cohorts"] == [{"year": 2018, "size": 50}]
    ranked = run("rank", POOL, "--exclude", EXAMPLES / "cohort-2017.txt", "-f", "json")
    assert [r["code"] for r in data["regions"]] == [
        r["code"] for r in json.loads(ranked.stdout)["regions"]
    ]


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (("--weight-noise", "1.5"), "--weight-noise must be at least 0 and below 1"),
        (("--goalpost-noise", "0.5"), "--goalpost-noise must be at least 0 and below 0.5"),
        (("-f", "csv"), "format 'csv' is not available for this command"),
    ],
)
def test_usage_errors(run: Run, args: tuple[str, ...], needle: str) -> None:
    result = run("sensitivity", POOL, "--runs", "5", *args)
    assert result.exit_code == 2
    assert needle in " ".join(result.stderr.split())
    assert "Traceback" not in result.output


def test_the_core_agrees_with_the_nominal_ranking_it_is_given() -> None:
    criteria = load_criteria(TINY_CRITERIA).model
    pool = random_pool(criteria, 30, seed=4, absent=0.0)
    ranking = rank(criteria, [score(criteria, s) for s in pool], criteria.cohorts)
    analysis = analyse(criteria, ranking, Settings(runs=20, weight_noise=0.0), criteria.cohorts)
    assert [r.code for r in analysis.regions] == [r.code for r in ranking.regions]
    assert all(r.median_rank == r.nominal_rank for r in analysis.regions)


def test_numpy_is_not_loaded_for_help_or_validate() -> None:
    # Scoring is array code, so ``assess score`` loads numpy; reading and checking do not.
    code = (
        "import sys\n"
        "from typer.testing import CliRunner\n"
        "from smartcity_assess.cli import app\n"
        "r = CliRunner()\n"
        "assert r.invoke(app, ['--help']).exit_code == 0\n"
        f"assert r.invoke(app, ['validate', {str(INDRAMAYU)!r}]).exit_code == 0\n"
        "print('numpy' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_what_a_command_does_not_use_is_not_loaded() -> None:
    """A ranking loads the scorer and the JSON format only; compare's rank-JSON models,
    the other formats' modules and rich's progress bar stay unloaded (start-up time)."""
    code = (
        "import sys\n"
        "from typer.testing import CliRunner\n"
        "from smartcity_assess.cli import app\n"
        f"result = CliRunner().invoke(app, ['rank', {str(POOL)!r}, '--format', 'json'])\n"
        "assert result.exit_code == 0, result.output\n"
        "names = ['smartcity_assess.core.compare', 'smartcity_assess.report.compare_report',\n"
        "         'smartcity_assess.report.html', 'smartcity_assess.report.table',\n"
        "         'rich.progress', 'numpy']\n"
        "print([name in sys.modules for name in names])\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[False, False, False, False, False, True]"
