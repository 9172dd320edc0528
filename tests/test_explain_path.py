"""``assess explain``'s path (issue 14): the fewest indicators changed, checked against a
brute-force enumeration; each step at the least value that still reaches the target; and,
with a province cap, a full province named as such."""

from __future__ import annotations

import dataclasses
import itertools
import json
from collections.abc import Callable, Iterator, Mapping
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from smartcity_assess.core import explain as explain_module
from smartcity_assess.core.criteria import Criteria, Indicator
from smartcity_assess.core.explain import Explanation, explain
from smartcity_assess.core.ranking import province_of, rank
from smartcity_assess.core.scoring import ScoreCard, score
from smartcity_assess.core.submission import Submission, Value
from smartcity_assess.reading.criteria_file import load_criteria
from smartcity_assess.reading.submissions import read_batch
from smartcity_assess.report.analysis import path_note, path_result

from .conftest import EXAMPLES

POOL = EXAMPLES / "pool-2018"
CRITERIA = load_criteria().model
SUBMISSIONS = {s.code: s for s in read_batch(CRITERIA, [POOL]).submissions}
Run = Callable[..., Any]

# One factor; a level whose second step is worth more than its first (as the bundled
# command_centre: 0 / 0.15 / 0.7 / 1), two yes/no and a number. Taking the biggest gain one
# level at a time needs five steps to reach 60; two indicators are enough.
TRAP = Criteria.model_validate(
    {
        "schema_version": 1,
        "id": "greedy-trap",
        "version": "1",
        "title": "greedy trap",
        "source": "test",
        "bands": [{"min": 60, "label": "High"}, {"min": 0, "label": "Low"}],
        "cohorts": [{"year": 2020, "size": 1}],
        "factors": [
            {
                "id": "f",
                "weight": 1,
                "indicators": [
                    {
                        "id": "centre",
                        "type": "level",
                        "weight": 4,
                        "levels": [
                            {"id": "none", "score": 0},
                            {"id": "planned", "score": 0.15},
                            {"id": "built", "score": 0.7},
                            {"id": "running", "score": 1},
                        ],
                    },
                    {"id": "a", "type": "boolean"},
                    {"id": "b", "type": "boolean"},
                    {
                        "id": "apps",
                        "type": "number",
                        "weight": 2,
                        "valid": {"min": 0},
                        "goalposts": {"worst": 0, "best": 10},
                    },
                ],
            }
        ],
    }
)


def _region(code: str, **values: Value) -> Submission:
    return Submission(
        code=code,
        name=f"Region {code}",
        province=code[:2],
        kind="kabupaten",
        year=2020,
        values={f"f.{k}": v for k, v in values.items()},
    )


LOW = _region("11.01", centre="none", a=False, b=False, apps=3)
RIVAL = _region("12.01", centre="built", a=True, b=False, apps=6)  # 61.5


def _choices(indicator: Indicator) -> list[Value]:
    """Every value the brute force tries: each level, yes and no, 0..10 for the number."""
    if indicator.type == "level":
        return list(indicator.level_scores)
    if indicator.type == "boolean":
        return [False, True]
    return [float(n) for n in range(11)]


def _everything(criteria: Criteria, submission: Submission) -> Iterator[Submission]:
    grid = [_choices(indicator) for _, indicator in criteria.addresses.values()]
    for values in itertools.product(*grid):
        yield dataclasses.replace(
            submission, values=dict(zip(criteria.addresses, values, strict=True))
        )


def _changed(before: Mapping[str, Value], after: Mapping[str, Value]) -> int:
    return sum(1 for address, value in after.items() if before.get(address) != value)


def _target(
    criteria: Criteria, submission: Submission, pool: list[Submission] | None
) -> Callable[[Submission], bool]:
    """Whether a changed submission reaches what explain aims at, worked out from scratch:
    the full ranking with it in the pool, or its band."""
    own = score(criteria, submission)

    def reached(changed: Submission) -> bool:
        card = score(criteria, changed)
        if pool is None:
            return card.eligible and card.band_index < own.band_index
        others = [score(criteria, s) for s in pool if s.code != submission.code]
        ranking = rank(criteria, [*others, card], criteria.cohorts)
        return next(r for r in ranking.regions if r.code == card.code).cohort is not None

    return reached


def _applied(submission: Submission, explanation: Explanation) -> Submission:
    values = {**submission.values, **{p.step.address: p.step.after for p in explanation.path}}
    return dataclasses.replace(submission, values=values)


@pytest.mark.parametrize("pool", [None, [LOW, RIVAL]], ids=["bands", "pool"])
def test_the_path_is_as_short_as_a_brute_force_finds(pool: list[Submission] | None) -> None:
    reached = _target(TRAP, LOW, pool)
    fewest = min(_changed(LOW.values, s.values) for s in _everything(TRAP, LOW) if reached(s))
    explanation = explain(TRAP, LOW, pool)
    assert len(explanation.path) == fewest == 2  # the biggest gain each time took five
    assert explanation.reached and explanation.search.exact
    assert reached(_applied(LOW, explanation))
    centre = next(p.step for p in explanation.path if p.step.address == "f.centre")
    assert centre.before == "none" and centre.after in ("built", "running")


def _two_factors(aggregation: str, missing: str) -> Criteria:
    return Criteria.model_validate(
        {
            "schema_version": 1,
            "id": "two-factors",
            "version": "1",
            "title": "two factors",
            "source": "test",
            "aggregation": aggregation,
            "missing": missing,
            "bands": [{"min": 55, "label": "High"}, {"min": 0, "label": "Low"}],
            "factors": [
                {
                    "id": "f",
                    "weight": 2,
                    "min_score": 30,
                    "indicators": TRAP.factors[0].model_dump()["indicators"][:2],
                },
                {
                    "id": "g",
                    "weight": 1,
                    "indicators": [
                        TRAP.factors[0].model_dump()["indicators"][3],
                        {"id": "b", "type": "boolean", "weight": 2},
                        {"id": "c", "type": "boolean", "gate": True},
                    ],
                },
            ],
        }
    )


@pytest.mark.parametrize("aggregation", ["arithmetic", "geometric"])
@pytest.mark.parametrize("missing", ["zero", "reweight"])
def test_the_search_by_factor_finds_what_a_brute_force_finds(
    aggregation: str, missing: str
) -> None:
    # Several factors, a factor minimum, a gate, an absent value: every aggregation.
    criteria = _two_factors(aggregation, missing)
    region = Submission(
        code="11.01",
        name="Region",
        province="11",
        kind="kota",
        year=2020,
        values={"f.centre": "planned", "f.a": False, "g.apps": 1.0, "g.c": False},
    )
    reached = _target(criteria, region, None)
    grid = []
    for address, (_, indicator) in criteria.addresses.items():
        grid.append([*([None] if address not in region.values else []), *_choices(indicator)])
    fewest = None
    for values in itertools.product(*grid):
        given = {a: v for a, v in zip(criteria.addresses, values, strict=True) if v is not None}
        changed = dataclasses.replace(region, values=given)
        if reached(changed):
            count = _changed(region.values, given)
            fewest = count if fewest is None else min(fewest, count)
    explanation = explain(criteria, region)
    assert fewest is not None and explanation.reached
    assert len(explanation.path) == fewest
    assert reached(_applied(region, explanation))


def _unit(indicator: Indicator, value: Value | None) -> float:
    """One unit of a number indicator as docs/sensitivity.md defines it: 10**-d for the most
    decimals d among the region's value, the goalposts, the gate and the valid bounds."""
    assert indicator.goalposts is not None
    valid = indicator.valid
    numbers = [value, indicator.goalposts.worst, indicator.goalposts.best, indicator.gate]
    numbers += [valid.min, valid.max] if valid else []
    decimals = [
        max(0, -int(Decimal(repr(float(n))).normalize().as_tuple().exponent))
        for n in numbers
        if isinstance(n, int | float) and not isinstance(n, bool)
    ]
    return 10.0 ** -max(decimals)


def _one_less(criteria: Criteria, address: str, before: Value | None, after: Value) -> Value:
    indicator = criteria.addresses[address][1]
    if indicator.type == "boolean":
        return False
    if indicator.type == "level":
        levels = list(indicator.level_scores)
        return levels[levels.index(str(after)) - 1]
    assert isinstance(after, float) and indicator.goalposts is not None
    down = -1.0 if indicator.goalposts.best > indicator.goalposts.worst else 1.0
    return after + down * _unit(indicator, before)


def _check_least_values(
    criteria: Criteria,
    submission: Submission,
    explanation: Explanation,
    reached: Callable[[Submission], bool],
) -> None:
    done = _applied(submission, explanation)
    assert reached(done)
    for item in explanation.path:
        step = item.step
        if step.before is False or (step.before is None and step.after is False):
            continue  # a yes/no has nothing between no and yes
        less = _one_less(criteria, step.address, step.before, step.after)
        if less == step.before:
            continue  # one unit less is no change: the step is the smallest there is
        lowered = dataclasses.replace(done, values={**done.values, step.address: less})
        assert not reached(lowered), (step.address, step.after, less)


def test_each_step_is_the_least_value_that_still_gets_there() -> None:
    pool = list(SUBMISSIONS.values())
    for code in ("18.04", "52.71", "33.25"):
        submission = SUBMISSIONS[code]
        explanation = explain(CRITERIA, submission, pool)
        _check_least_values(CRITERIA, submission, explanation, _target(CRITERIA, submission, pool))
        alone = explain(CRITERIA, submission)
        _check_least_values(CRITERIA, submission, alone, _target(CRITERIA, submission, None))
    trap = explain(TRAP, LOW)
    _check_least_values(TRAP, LOW, trap, _target(TRAP, LOW, None))
    assert [(p.step.address, p.step.after) for p in trap.path] == [
        ("f.centre", "built"),  # not "running": "built" is enough with apps at 10
        ("f.apps", 10.0),
    ]


def test_lampung_barat_needs_five_steps_not_six() -> None:
    # The gate on the ICT budget share and the points it gives are one step, 0.1 -> 2.03,
    # not a step to the gate (0.25, gaining nothing) and another to 3.
    submission = SUBMISSIONS["18.04"]
    explanation = explain(CRITERIA, submission, list(SUBMISSIONS.values()))
    assert len(explanation.path) == 5
    assert explanation.reached and explanation.search.exact
    budget = [p.step for p in explanation.path if p.step.address == "budget.ict_budget_share"]
    assert len(budget) == 1 and budget[0].fixes == "gate" and budget[0].gain > 0
    assert explanation.path[0].step is budget[0]  # the gate fix comes first
    assert explanation.path[-1].cohort is not None


def _cards(pool: list[Submission]) -> list[ScoreCard]:
    return [score(CRITERIA, s) for s in pool]


SURABAYA = "35.78"


def test_a_region_kept_out_by_the_province_cap_is_told_its_province_is_full(
    run: Run,
) -> None:
    pool = list(SUBMISSIONS.values())
    ranking = rank(CRITERIA, _cards(pool), CRITERIA.cohorts, max_per_province=2)
    holders = [r for r in ranking.selected if province_of(r.card) == "35"]
    assert len(holders) == 6  # two in each of three cohorts
    explanation = explain(CRITERIA, SUBMISSIONS[SURABAYA], pool, max_per_province=2)
    full = explanation.full_province
    assert full is not None and full.cap == 2 and explanation.gap is None
    assert [h.code for h in full.holders] == [h.code for h in holders]
    assert full.weakest.code == holders[-1].code
    # The path gets in by passing the weakest holder.
    assert round(explanation.path[-1].total, 2) > round(full.weakest.card.total, 2)

    source = next(POOL.glob("35-78-*.yaml"))
    cap = ("--pool", POOL, "--max-per-province", "2")
    data = json.loads(run("explain", source, *cap, "-f", "json").stdout)
    position = data["position"]
    assert position["gap"] is None
    assert [h["code"] for h in position["province_full"]["holders"]] == [h.code for h in holders]
    assert position["province_full"]["displace_above"] == full.weakest.card.total
    weakest = full.weakest.card.submission.name
    for fmt, lang, words in (
        ("markdown", "en", "its province is full"),
        ("table", "en", "its province is full"),
        ("markdown", "id", "provinsinya sudah penuh"),
        ("table", "id", "provinsinya sudah penuh"),
    ):
        result = run("explain", source, *cap, "-f", fmt, "--lang", lang, "--no-color")
        assert result.exit_code == 0, result.output
        text = " ".join(result.stdout.replace("│", " ").split())
        assert words in text and weakest in text and "points below" not in text
        assert "poin di bawah" not in text
        score = f"{full.weakest.card.total:.2f}"
        assert (score.replace(".", ",") if lang == "id" else score) in text


def test_a_full_province_is_read_from_the_criteria_too(run: Run, tmp_path: Path) -> None:
    criteria = tmp_path / "capped.yaml"
    text = (EXAMPLES.parent / "criteria" / "gerakan-100-smart-city.yaml").read_text("utf-8")
    assert "\n  max_per_province: null\n" in text
    text = text.replace("\n  max_per_province: null\n", "\n  max_per_province: 2\n")
    criteria.write_text(text, encoding="utf-8")
    source = next(POOL.glob("35-78-*.yaml"))
    result = run("explain", source, "--pool", POOL, "-c", criteria, "-f", "json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["position"]["province_full"]["max_per_province"] == 2


def test_an_unreachable_target_is_said_so_and_lists_no_steps() -> None:
    data = TRAP.model_dump()
    apps = data["factors"][0]["indicators"][3]
    apps["gate"], apps["valid"] = 20.0, {"min": 0, "max": 10}  # no valid value passes
    criteria = Criteria.model_validate(data)
    explanation = explain(criteria, LOW)
    assert not explanation.reached and explanation.path == ()
    assert explanation.search.exact
    assert path_result(explanation, criteria, "en") == (
        "No set of changes to the indicators reaches the target."
    )


def test_past_the_search_limit_the_path_is_not_claimed_the_fewest(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(explain_module, "SEARCH_LIMIT", 5)
    explanation = explain(TRAP, LOW)
    assert explanation.reached and not explanation.search.exact
    assert len(explanation.path) >= explanation.search.fewest_possible
    note = path_note(explanation, "en")
    assert "stopped at its limit of 5 sets" in note and "shorter than this may exist" in note
    assert "tidak ada jalur dengan kurang dari" in path_note(explanation, "id")
