"""Sensitivity under uncertain values (issue 15): the declared ``uncertainty`` of a
number indicator, the Monte Carlo over values against an independent one written here in
plain Python, the least single-value change that swaps a last place checked by hand, and
byte-identical output for the same seed."""

from __future__ import annotations

import json
from collections.abc import Callable
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from smartcity_assess.core.criteria import Criteria
from smartcity_assess.core.ranking import rank
from smartcity_assess.core.scoring import score_pool
from smartcity_assess.core.sensitivity import Settings, analyse
from smartcity_assess.core.submission import Submission
from smartcity_assess.core.value_uncertainty import ValueUncertainty

from .conftest import EXAMPLES

Run = Callable[..., Any]
ROOT = Path(__file__).resolve().parents[1]


def tiny(uncertainty: Any = 1.0, cohorts: int = 1) -> Criteria:
    """Two factors (weights 3 and 1), one number indicator each on goalposts 0..10;
    ``x`` declares ``uncertainty``."""
    return Criteria.model_validate(
        {
            "schema_version": 1,
            "id": "tiny",
            "version": "1",
            "title": "Tiny",
            "source": "test",
            "cohorts": [{"year": 2020 + i, "size": 1} for i in range(cohorts)],
            "factors": [
                {
                    "id": "a",
                    "weight": 3,
                    "indicators": [
                        {
                            "id": "x",
                            "type": "number",
                            "goalposts": {"worst": 0, "best": 10},
                            "uncertainty": uncertainty,
                        }
                    ],
                },
                {
                    "id": "b",
                    "weight": 1,
                    "indicators": [
                        {"id": "y", "type": "number", "goalposts": {"worst": 0, "best": 10}}
                    ],
                },
            ],
        }
    )


def pool(values: list[tuple[float, float]]) -> list[Submission]:
    return [
        Submission(f"11.{71 + i:02d}", f"Kota {i}", "Aceh", "kota", 2018, {"a.x": x, "b.y": y})
        for i, (x, y) in enumerate(values)
    ]


def analysed(criteria: Criteria, values: list[tuple[float, float]], **settings: Any) -> Any:
    cards = score_pool(criteria, pool(values))
    ranking = rank(criteria, cards, criteria.cohorts)
    return analyse(criteria, ranking, Settings(**settings), criteria.cohorts)


def half_up(value: float) -> Decimal:
    """The score as shown: the float's decimal value rounded half up to 2 decimals."""
    return Decimal(value).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def by_hand_swapped(x1: float, y1: float, x2: float, y2: float) -> bool:
    """Does region 2 (x2, y2) rank above region 1 (x1, y1)? SPEC section 4 written out:
    totals 100 x (3/4 v_x + 1/4 v_y) as shown, then factor a as shown, then code."""

    def v(value: float) -> float:
        return min(max(value, 0.0), 10.0) / 10.0

    def keys(x: float, y: float) -> tuple[Decimal, Decimal]:
        return half_up(100 * (0.75 * v(x) + 0.25 * v(y))), half_up(100 * v(x))

    return keys(x2, y2) > keys(x1, y1)


# --- the least change that swaps the last place, by hand -------------------------------------


def test_the_decisive_change_is_the_hand_computed_threshold() -> None:
    # Region 1: 75 x 0.6 + 25 x 0.5 = 57.5; region 2: 75 x 0.51 + 25 x 0.7 = 55.75.
    # Region 1 falls behind when 7.5 x + 12.5 < 55.745 (shown below 55.75; at 55.75
    # it wins the tie on factor a), that is x < 5.766; region 2 gets ahead when
    # 7.5 x + 17.5 >= 57.505, x >= 5.334. By y: region 1 needs y < 4.298 (45 + 2.5 y
    # < 55.745), region 2 y >= 7.702 (38.25 + 2.5 y >= 57.505).
    a = analysed(tiny(), [(6.0, 5.0), (5.1, 7.0), (1.0, 1.0)], runs=10, weight_noise=0.0)
    values: ValueUncertainty = a.values
    (cut,) = values.cutoffs
    assert (cut.year, cut.rank, cut.last_in, cut.first_out, cut.gap) == (
        2020,
        1,
        "11.71",
        "11.72",
        1.75,
    )
    found = {(c.code, c.address): c for c in cut.changes}
    expected = {
        ("11.71", "a.x"): 5.766,
        ("11.72", "a.x"): 5.334,
        ("11.71", "b.y"): 4.298,
        ("11.72", "b.y"): 7.702,
    }
    assert set(found) == set(expected)
    for key, threshold in expected.items():
        change = found[key]
        assert change.to == pytest.approx(threshold, abs=1.5e-6)
        # The value shown swaps them; two display units less change do not. (One unit
        # less lands on the half itself, where this formula's float and the scorer's
        # sum in another order may differ in the last bit.)
        step = 2e-6 if change.to < change.value else -2e-6
        x1, y1, x2, y2 = 6.0, 5.0, 5.1, 7.0
        at = {"a.x": (0, 2), "b.y": (1, 3)}[key[1]][0 if key[0] == "11.71" else 1]
        moved = [x1, y1, x2, y2]
        moved[at] = change.to
        assert by_hand_swapped(*moved)
        moved[at] = change.to + step
        assert not by_hand_swapped(*moved)
        assert change.change == pytest.approx(change.to - change.value, abs=1e-6)
        assert change.span_share == pytest.approx(abs(change.change) / 10, abs=1e-6)
    # The x changes (0.234 of 10) come before the y changes (0.702 of 10).
    assert [c.address for c in cut.changes[:2]] == ["a.x", "a.x"]
    assert cut.decisive is not None and cut.decisive.span_share == pytest.approx(0.0234)
    # x declares an uncertainty of 1: 0.234 of it; y declares none.
    assert found[("11.71", "a.x")].in_uncertainty == pytest.approx(0.234, abs=1e-6)
    assert found[("11.72", "b.y")].uncertainty is None


def test_a_relative_uncertainty_scales_with_the_value() -> None:
    a = analysed(tiny({"relative": 0.1}), [(6.0, 5.0), (5.1, 7.0)], runs=10, weight_noise=0.0)
    found = {(c.code, c.address): c for c in a.values.cutoffs[0].changes}
    assert found[("11.71", "a.x")].uncertainty == pytest.approx(0.6)
    assert found[("11.72", "a.x")].uncertainty == pytest.approx(0.51)


# --- the Monte Carlo over values against an independent one ---------------------------------


@pytest.mark.parametrize("seed", [0, 5])
def test_selection_odds_match_an_independent_monte_carlo(seed: int) -> None:
    values = [(6.0, 5.0), (5.8, 5.4), (5.5, 6.5), (5.9, 4.0), (2.0, 2.0)]
    runs = 400
    criteria = tiny(0.4, cohorts=2)
    a = analysed(criteria, values, runs=runs, seed=seed, weight_noise=0.25)

    # The documented draws: weights (runs x F), aggregation (runs), goalposts
    # (runs x K x 2), then the values (runs x R x K), all from one PCG64(seed).
    rng = np.random.Generator(np.random.PCG64(seed))
    rng.uniform(-1.0, 1.0, size=(runs, 2))
    rng.random(runs)
    rng.uniform(-1.0, 1.0, size=(runs, 2, 2))
    u = rng.uniform(-1.0, 1.0, size=(runs, len(values), 2))
    # The rows are the regions in nominal order (the report's order), not file order.
    given = dict(zip([s.code for s in pool(values)], values, strict=True))
    codes = [r.code for r in a.ranking.regions]
    values = [given[code] for code in codes]
    inside = {2020: dict.fromkeys(codes, 0), 2021: dict.fromkeys(codes, 0)}
    for run in range(runs):
        keyed = []
        for r, (x, y) in enumerate(values):
            moved_x = x + 0.4 * u[run, r, 0]  # y declares no uncertainty: u x 0
            vx, vy = min(max(moved_x, 0.0), 10.0) / 10.0, min(max(y, 0.0), 10.0) / 10.0
            total = 100 * (0.75 * vx + 0.25 * vy)
            keyed.append((-half_up(total), -half_up(100 * vx), -half_up(100 * vy), codes[r]))
        order = [k[3] for k in sorted(keyed)]
        inside[2020][order[0]] += 1
        for code in order[:2]:
            inside[2021][code] += 1

    nominal = {r.code: r for r in a.ranking.regions}
    for cut in a.values.cutoffs:
        listed = {o.code: o.p_in for o in cut.regions}
        for code in codes:
            p = round(inside[cut.year][code] / runs, 6)
            if 0 < p < 1:
                assert listed[code] == p, (cut.year, code)
            elif code in listed:
                assert listed[code] == p
        assert {cut.last_in, cut.first_out} <= set(listed)
        assert all(nominal[c].rank is not None for c in listed)
    assert a.values.runs == runs
    assert a.values.uncertain == ("a.x",)


def test_without_a_declared_uncertainty_no_value_runs_are_made() -> None:
    plain = tiny(None)
    a = analysed(plain, [(6.0, 5.0), (5.1, 7.0)], runs=50)
    assert a.values.runs == 0 and a.values.uncertain == ()
    assert all(o.p_in is None for o in a.values.cutoffs[0].regions)
    # The weights' Monte Carlo is the same with or without the value runs after it.
    b = analysed(tiny(1.0), [(6.0, 5.0), (5.1, 7.0)], runs=50)

    def without_cards(analysis: Any) -> list[Any]:
        return [{**vars(r), "card": r.code} for r in analysis.regions]

    assert without_cards(a) == without_cards(b) and a.pool == b.pool


# --- the command: every format, determinism, the criteria field --------------------------------


@pytest.fixture
def uncertain_criteria(tmp_path: Path) -> Path:
    text = (ROOT / "criteria" / "gerakan-100-smart-city.yaml").read_text(encoding="utf-8")
    anchor = "        gate: 0.25\n"
    assert text.count(anchor) == 1
    path = tmp_path / "criteria.yaml"
    path.write_text(text.replace(anchor, anchor + "        uncertainty: 0.02\n"), "utf-8")
    return path


def test_the_same_seed_gives_the_same_bytes(run: Run, uncertain_criteria: Path) -> None:
    args = ["sensitivity", EXAMPLES / "pool-2018", "-c", uncertain_criteria, "--runs", "200"]
    first = run(*args, "--seed", "3", "-f", "json")
    second = run(*args, "--seed", "3", "-f", "json")
    assert first.exit_code == 0 and second.exit_code == 0
    assert first.stdout == second.stdout
    other = run(*args, "--seed", "4", "-f", "json")
    data, changed = json.loads(first.stdout)["values"], json.loads(other.stdout)["values"]
    assert data["uncertain"] == ["budget.ict_budget_share"] and data["runs"] == 200
    assert data["cutoffs"] != changed["cutoffs"]  # the odds come from the draws
    cut = next(c for c in data["cutoffs"] if c["year"] == 2018)
    assert (cut["rank"], cut["last_in"], cut["first_out"]) == (75, "32.08", "12.06")
    budget = [c for c in cut["changes"] if c["address"] == "budget.ict_budget_share"]
    assert budget[0] == {
        "code": "12.06",
        "address": "budget.ict_budget_share",
        "direction": "better",
        "value": 2.4,
        "to": 2.421196,
        "change": 0.021196,
        "span_share": 0.008478,
        "uncertainty": 0.02,
        "in_uncertainty": 1.0598,
    }
    odds = {o["code"]: o["p_in"] for o in cut["regions"]}
    assert 0 < odds["32.08"] < 1 and 0 < odds["12.06"] < 1


@pytest.mark.parametrize("fmt", ["table", "markdown"])
def test_the_text_formats_show_the_last_places(
    run: Run, uncertain_criteria: Path, fmt: str
) -> None:
    result = run(
        "sensitivity", EXAMPLES / "pool-2018", "-c", uncertain_criteria, "--runs", "100", "-f", fmt
    )
    assert result.exit_code == 0
    out = " ".join(result.stdout.split())
    assert "The last places under uncertain values" in out
    assert "2018, last place (rank 75): Kabupaten Kuningan (32.08) leads Kabupaten Karo" in out
    assert "P(in 2018 or earlier): Kabupaten Ponorogo (35.02)" in out
    assert "2.421196" in out


def test_the_indonesian_report_has_the_section(run: Run, uncertain_criteria: Path) -> None:
    args = ["sensitivity", EXAMPLES / "pool-2018", "-c", uncertain_criteria, "--runs", "50"]
    result = run(*args, "-f", "markdown", "--lang", "id")
    assert result.exit_code == 0
    assert "Posisi terakhir di bawah ketidakpastian nilai" in result.stdout


@pytest.mark.parametrize(
    ("field", "message"),
    [
        ("uncertainty: -0.5", ":13:22: error[invalid-criteria]: uncertainty must be above 0"),
        ("uncertainty: {relative: 0}", ":13:33: error[invalid-criteria]: uncertainty must be"),
        ("uncertainty: .inf", ":13:22: error[not-finite]: expected a finite number"),
        ("uncertainty: abc", ":13:22: error[wrong-type]: expected a number, got the text"),
    ],
)
def test_a_bad_uncertainty_is_one_error_at_its_place(
    run: Run, tmp_path: Path, field: str, message: str
) -> None:
    path = tmp_path / "c.yaml"
    path.write_text(
        "schema_version: 1\nid: tiny\nversion: '1'\ntitle: Tiny\nsource: test\nfactors:\n"
        "  - id: a\n    weight: 1\n    indicators:\n      - id: x\n        type: number\n"
        f"        goalposts: {{worst: 0, best: 10}}\n        {field}\n",
        "utf-8",
    )
    result = run("criteria", path)
    assert result.exit_code == 1
    errors = [line for line in result.stderr.splitlines() if "error[" in line]
    assert len(errors) == 1 and message in errors[0]


def test_uncertainty_does_not_apply_to_a_level(run: Run, tmp_path: Path) -> None:
    path = tmp_path / "c.yaml"
    path.write_text(
        "schema_version: 1\nid: tiny\nversion: '1'\ntitle: Tiny\nsource: test\nfactors:\n"
        "  - id: a\n    weight: 1\n    indicators:\n      - id: x\n        type: boolean\n"
        "        uncertainty: 0.1\n",
        "utf-8",
    )
    result = run("criteria", path)
    assert result.exit_code == 1
    assert ":12:22: error[invalid-criteria]: 'uncertainty' does not apply to a boolean" in (
        result.stderr
    )


def test_the_html_page_shows_the_last_places(
    run: Run, uncertain_criteria: Path, tmp_path: Path
) -> None:
    pytest.importorskip("jinja2")
    page = tmp_path / "page.html"
    args = ["sensitivity", EXAMPLES / "pool-2018", "-c", uncertain_criteria, "--runs", "50"]
    result = run(
        *args,
        "--exclude",
        EXAMPLES / "cohort-2017.txt",
        "--cohorts",
        "2018:50",
        "-f",
        "html",
        "-o",
        page,
    )
    assert result.exit_code == 0
    html = page.read_text(encoding="utf-8")
    assert 'id="last-places"' in html
    assert "2018, last place (rank 50): Kabupaten Nganjuk (35.18) leads Kota Bontang" in html
    assert '<td class="num">1.911327</td>' in html


@pytest.mark.parametrize("cap", [None, 2])
def test_each_change_swaps_the_last_place_when_ranked_again(cap: int | None) -> None:
    """Every listed change, written into the submission and ranked again by ``rank()``,
    moves the last place; a change two display units smaller does not."""
    from dataclasses import replace

    from smartcity_assess.reading.criteria_file import load_criteria
    from smartcity_assess.reading.submissions import read_batch

    criteria = load_criteria().model
    submissions = read_batch(criteria, [EXAMPLES / "pool-2018"]).submissions
    cohorts = criteria.cohorts

    def placed_within(changed: list[Submission], code: str, year: int) -> bool:
        ranking = rank(criteria, score_pool(criteria, changed), cohorts, cap)
        years = [c.year for c in cohorts]
        region = next(r for r in ranking.regions if r.code == code)
        return region.cohort is not None and years.index(region.cohort) <= years.index(year)

    ranking = rank(criteria, score_pool(criteria, submissions), cohorts, cap)
    a = analyse(criteria, ranking, Settings(runs=1), cohorts)
    checked = 0
    for cut in a.values.cutoffs:
        for change in cut.changes[:4]:
            step = 2e-6 if change.to < change.value else -2e-6
            for value, swaps in ((change.to, True), (change.to + step, False)):
                changed = [
                    replace(s, values={**s.values, change.address: value})
                    if s.code == change.code
                    else s
                    for s in submissions
                ]
                inside = placed_within(changed, change.code, cut.year)
                assert inside == ((change.direction == "better") == swaps), (cut.year, change)
                checked += 1
    assert checked >= 12
