"""The method of SPEC section 3, case by case, with exact expected numbers."""

from __future__ import annotations

import math
from fractions import Fraction
from typing import Any

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from smartcity_assess.core.criteria import LoadedCriteria
from smartcity_assess.core.rounding import round_key
from smartcity_assess.core.scoring import (
    ScoreCard,
    band_indexes,
    normalise,
    passes_gate,
    round_keys,
    score,
    score_pool,
)
from smartcity_assess.core.submission import Submission
from smartcity_assess.reading.criteria_file import load_criteria
from smartcity_assess.report.common import fixed

from .conftest import ROOT, columns_of, make_criteria


def sub(values: dict, code: str = "32.12") -> Submission:
    return Submission(code=code, name="X", province="P", kind="kabupaten", year=None, values=values)


FULL = {"a.flag": True, "a.stage": "some", "b.share": 5.0, "b.gap": 27.5}


def test_indicator_values() -> None:
    c = make_criteria()
    a, b = c.factors
    flag, stage = a.indicators
    share, gap = b.indicators
    assert normalise(flag, True) == 1.0 and normalise(flag, False) == 0.0
    assert [normalise(stage, x) for x in ("none", "some", "full")] == [0.0, 0.5, 1.0]
    assert normalise(share, 5) == 0.5
    assert normalise(share, 99) == 1.0 and normalise(share, -1) == 0.0  # clamped
    assert normalise(gap, 27.5) == 0.5  # lower is better
    assert normalise(gap, 5) == 1.0 and normalise(gap, 80) == 0.0


def test_log_transform() -> None:
    c = make_criteria()
    data = c.model_dump()
    data["factors"][1]["indicators"][0].update(transform="log", goalposts={"worst": 1, "best": 100})
    from smartcity_assess.core.criteria import Criteria

    ind = Criteria.model_validate(data).factors[1].indicators[0]
    assert normalise(ind, 10) == pytest.approx(0.5)
    assert normalise(ind, 0.5) == 0.0


def test_factor_scores_total_and_contributions() -> None:
    card = score(make_criteria(), sub(FULL))
    a, b = card.factors
    assert a.score == pytest.approx(100 * (1 * 1 + 2 * 0.5) / 3)
    assert b.score == pytest.approx(50.0)
    assert (a.weight, b.weight) == (0.75, 0.25)
    assert card.total == sum(f.contribution for f in card.factors)
    assert card.total == pytest.approx(0.75 * a.score + 0.25 * 50)
    assert card.band is not None and card.band.label.en == "High"
    assert card.coverage == pytest.approx(1.0)


def test_missing_zero_versus_reweight() -> None:
    values = {"a.flag": True, "a.stage": "full"}  # factor b has nothing
    zero = score(make_criteria(), sub(values))
    assert zero.factors[1].score == 0.0 and zero.total == pytest.approx(75.0)
    re = score(make_criteria(missing="reweight"), sub(values))
    assert not re.factors[1].included and re.factors[0].weight == 1.0
    assert re.total == pytest.approx(100.0)
    assert re.coverage == pytest.approx(0.75)
    partial = score(make_criteria(missing="reweight"), sub({"a.flag": True}))
    assert partial.factors[0].score == pytest.approx(100.0)  # stage left out of both sums


def test_min_coverage_makes_ineligible() -> None:
    card = score(
        make_criteria(missing="reweight", min_coverage=0.8),
        sub({"a.flag": True, "a.stage": "full"}),
    )
    assert not card.eligible
    assert [r.key for r in card.reasons] == ["reason-coverage"]


def test_gates_in_each_direction_and_absent_fails() -> None:
    c = make_criteria()
    flag, stage = c.factors[0].indicators
    share, gap = c.factors[1].indicators
    g = lambda ind, gate: ind.model_copy(update={"gate": gate})  # noqa: E731
    assert passes_gate(g(stage, "some"), "full") is True
    assert passes_gate(g(stage, "some"), "none") is False
    assert passes_gate(g(flag, True), False) is False
    assert passes_gate(g(share, 3), 3) is True and passes_gate(g(share, 3), 2.9) is False
    assert passes_gate(g(gap, 20), 19) is True and passes_gate(g(gap, 20), 21) is False
    assert passes_gate(g(share, 3), None) is False
    assert passes_gate(share, None) is None


def test_factor_min_score_uses_the_rounded_score() -> None:
    data = make_criteria().model_dump()
    data["factors"][1]["min_score"] = 50
    from smartcity_assess.core.criteria import Criteria

    c = Criteria.model_validate(data)
    # 49.996 rounds to 50.00 at precision 2: the user sees 50.00, so it passes.
    ok = score(c, sub({**FULL, "b.share": 4.9996, "b.gap": 27.5}))
    assert round(ok.factors[1].score, 2) == 50.0 and ok.eligible
    low = score(c, sub({**FULL, "b.share": 4.9, "b.gap": 27.5}))
    assert not low.eligible and low.reasons[0].key == "reason-factor-min"


def test_every_reason_is_listed() -> None:
    data = make_criteria().model_dump()
    data["factors"][0]["min_score"] = 90
    data["factors"][0]["indicators"][1]["gate"] = "full"
    data["factors"][1]["indicators"][0]["gate"] = 8
    from smartcity_assess.core.criteria import Criteria

    card = score(Criteria.model_validate(data), sub({"a.flag": False, "a.stage": "some"}))
    assert [r.key for r in card.reasons] == [
        "reason-factor-min",
        "reason-gate",
        "reason-gate-absent",
    ]
    assert not card.eligible


def test_geometric_aggregation_is_non_compensatory() -> None:
    c = make_criteria(aggregation="geometric")
    card = score(c, sub(FULL))
    a, b = card.factors
    expected = 100 * (a.score / 100) ** 0.75 * (b.score / 100) ** 0.25
    assert card.total == pytest.approx(expected)
    zero = score(c, sub({**FULL, "b.share": 0.0, "b.gap": 50.0}))
    assert zero.total == 0.0
    assert sum(f.contribution for f in zero.factors) > 0  # reported, not summed


def test_spbe_index_is_sum_of_weight_times_level(spbe: LoadedCriteria) -> None:
    model = spbe.model
    levels = [(n * 7 + 3) % 6 for n in range(47)]  # every level 0..5 appears
    values = {
        f"{f.id}.{i.id}": f"l{level}"
        for (f, i), level in zip(model.indicators(), levels, strict=True)
    }
    card = score(model, sub(values))
    official = sum(
        Fraction(str(i.weight)) / 100 * level
        for (_, i), level in zip(model.indicators(), levels, strict=True)
    )
    assert math.isclose(card.total, float(official), rel_tol=0, abs_tol=1e-12)
    expected_band = next(
        label
        for cut, label in [
            (4.2, "Memuaskan"),
            (3.5, "Sangat Baik"),
            (2.6, "Baik"),
            (1.8, "Cukup"),
            (0, "Kurang"),
        ]
        if round(float(official), 2) >= cut
    )
    assert card.band is not None and card.band.label.get("id") == expected_band


@pytest.mark.parametrize(
    ("level", "predicate"),
    [(5, "Memuaskan"), (4, "Sangat Baik"), (3, "Baik"), (2, "Cukup"), (1, "Kurang")],
)
def test_spbe_uniform_levels(spbe: LoadedCriteria, level: int, predicate: str) -> None:
    values = dict.fromkeys(spbe.model.addresses, f"l{level}")
    card = score(spbe.model, sub(values))
    assert card.total == pytest.approx(level)
    assert card.band is not None and card.band.label.get("id") == predicate


def test_a_pool_scores_each_region_as_it_scores_alone() -> None:
    # One implementation: a region's numbers do not depend on the pool it is scored in.
    from pathlib import Path

    from smartcity_assess.core.scoring import score_pool
    from smartcity_assess.reading.criteria_file import load_criteria
    from smartcity_assess.reading.submissions import read_batch

    model = load_criteria(None).model
    pool = Path(__file__).resolve().parents[1] / "examples" / "pool-2018"
    submissions = read_batch(model, [pool]).submissions
    together = score_pool(model, submissions)
    assert len(together) == len(submissions) > 100
    for card, submission in zip(together, submissions, strict=True):
        alone = score(model, submission)
        assert card.total == alone.total and card.coverage == alone.coverage
        assert card.eligible == alone.eligible and card.reasons == alone.reasons
        assert [f.score for f in card.factors] == [f.score for f in alone.factors]
        assert [i.address for i in card.weakest()] == card.weakest_addresses()
        assert card.weakest_addresses() == alone.weakest_addresses()
    assert any(not c.eligible for c in together) and any(c.eligible for c in together)


def test_the_rank_json_line_is_the_encoded_dictionary() -> None:
    from dataclasses import replace
    from pathlib import Path

    from smartcity_assess.core.ranking import rank
    from smartcity_assess.core.scoring import score_pool
    from smartcity_assess.reading.criteria_file import load_criteria
    from smartcity_assess.reading.submissions import read_batch
    from smartcity_assess.report.common import card_data
    from smartcity_assess.report.json_report import _ENCODE, ranked_lines

    model = load_criteria(None).model
    pool = Path(__file__).resolve().parents[1] / "examples" / "pool-2018"
    submissions = read_batch(model, [pool]).submissions
    # Names and provinces that JSON must escape, and a region without a year.
    submissions[0] = replace(
        submissions[0], name='Kota "Ujung" \\ 100% Pandang\u00e9\u2028', year=None
    )
    ranking = rank(model, score_pool(model, submissions), model.cohorts, max_per_province=3)
    assert any(r.deferred_from for r in ranking.regions) and any(r.gap for r in ranking.regions)
    assert any(r.left_out_by_cap for r in ranking.regions)
    # Cards of one pool are read from its arrays at once; cards scored apart, one by one.
    apart = [replace(r, card=score(model, r.card.submission)) for r in ranking.regions]
    for lang in ("en", "id"):
        lines = ranked_lines(ranking.columns, model, lang)
        assert lines == ranked_lines(columns_of(apart), model, lang)
        assert len(lines) == len(ranking.regions)
        for region, line in zip(ranking.regions, lines, strict=True):
            # The documented entry: the card's fields, with the ranking's after "score".
            expected: dict[str, object] = {}
            for key, value in card_data(region.card, lang).items():
                expected[key] = value
                if key == "factors":  # a ranking names the factors without indicators
                    expected[key] = [
                        {k: v for k, v in factor.items() if k != "indicators"} for factor in value
                    ]
                if key == "score":
                    expected["rank"] = region.rank
                    expected["cohort"] = region.cohort
                    expected["gap"] = region.gap
                    expected["deferred_from"] = region.deferred_from
                    expected["left_out_by_cap"] = region.left_out_by_cap
            assert line == _ENCODE(expected)


def _reasons_plainly(card: ScoreCard) -> list[tuple[str, dict[str, str]]]:
    """The reasons as the rules read: factor by factor, its minimum, then each of its
    indicators' gates in file order; coverage last. From the card's own objects."""
    found = []
    for factor in card.factors:
        if factor.below_minimum:
            found.append(("reason-factor-min", factor.id))
        for indicator in factor.indicators:
            if indicator.gate_passed is False:
                absent = indicator.value is None
                found.append(("reason-gate-absent" if absent else "reason-gate", indicator.address))
    if card.coverage_short:
        found.append(("reason-coverage", ""))
    return [(key, {"what": what}) for key, what in found]


_POOL_VALUES = st.lists(
    st.fixed_dictionaries(
        {
            "a.flag": st.one_of(st.none(), st.booleans()),
            "a.stage": st.one_of(st.none(), st.sampled_from(["none", "some", "full"])),
            "b.share": st.one_of(st.none(), st.sampled_from([0.0, 2.0, 9.0])),
            "b.gap": st.one_of(st.none(), st.sampled_from([5.0, 30.0, 50.0])),
        }
    ),
    min_size=1,
    max_size=6,
)
"""Small pools whose values repeat, so that reasons and equal losses are common."""


def _pool_of(values: list[dict]) -> list[Submission]:
    return [
        sub({k: v for k, v in row.items() if v is not None}, code=f"32.{i:02d}")
        for i, row in enumerate(values)
    ]


@settings(max_examples=100, deadline=None)
@given(_POOL_VALUES)
def test_the_weakest_are_the_largest_losses_ties_in_file_order(values: list[dict]) -> None:
    model = make_criteria()
    for card in score_pool(model, _pool_of(values)):
        every = [i for f in card.factors for i in f.indicators]
        plainly = sorted(every, key=lambda i: -i.points_lost)  # a stable sort
        expected = [i.address for i in plainly[:3] if i.points_lost > 0]
        assert card.weakest_addresses() == expected
        assert [i.address for i in card.weakest()] == expected


@settings(max_examples=100, deadline=None)
@given(_POOL_VALUES)
def test_a_pool_s_reasons_are_the_rules_read_region_by_region(values: list[dict]) -> None:
    """``PoolScores.reasons`` finds every region's reasons at once; each list is the one
    the rules give when read region by region, in the same order."""
    data = make_criteria(min_coverage=0.6).model_dump()
    data["factors"][0]["min_score"] = 60
    data["factors"][0]["indicators"][1]["gate"] = "some"  # the last column of factor a
    data["factors"][1]["min_score"] = 40  # reported after factor a's gate
    data["factors"][1]["indicators"][0]["gate"] = 2
    from smartcity_assess.core.criteria import Criteria

    model = Criteria.model_validate(data)
    for card in score_pool(model, _pool_of(values)):
        reasons = [(r.key, dict(r.params)) for r in card.reasons]
        expected = _reasons_plainly(card)
        assert [key for key, _ in reasons] == [key for key, _ in expected]
        for (key, params), (_, plain) in zip(reasons, expected, strict=True):
            if key == "reason-factor-min":
                assert params["factor"].id == plain["what"]
            elif key != "reason-coverage":
                assert params["indicator"].id == plain["what"]
        assert card.eligible == (not reasons)


# --- rounding at a half ---------------------------------------------------------------------------

# SPBE levels (one digit per indicator, in file order) whose index is exactly 2.595 and 1.795,
# sum(weight% x level) / 100; as floats both are a hair below
# (2.5949999999999998 and 1.795, which is 1.79499999999999992894572642398998141288757324...).
SPBE_ON_AN_EDGE = [
    ("14533132210443023515423121423415054504410210245", 260, "2.60", "Baik"),
    ("03101223445034012050540111205215311221210030400", 180, "1.80", "Cukup"),
]


@pytest.mark.parametrize(("levels", "key", "shown", "predicate"), SPBE_ON_AN_EDGE)
def test_an_spbe_index_on_a_half_rounds_up_into_its_band(
    spbe: LoadedCriteria, levels: str, key: int, shown: str, predicate: str
) -> None:
    model = spbe.model
    values = {address: f"l{level}" for address, level in zip(model.addresses, levels, strict=True)}
    exact = sum(
        Fraction(str(i.weight)) * int(level)
        for (_, i), level in zip(model.indicators(), levels, strict=True)
    )
    assert exact / 100 == Fraction(key * 10 - 5, 1000)  # exactly on the half below the key
    card = score(model, sub(values))
    assert card.total_key == key
    assert card.band is not None and card.band.label.get("id") == predicate
    assert fixed(card.total, model.precision, "en") == shown
    assert fixed(card.total, model.precision, "id") == shown.replace(".", ",")


def _half_up(value: Fraction, precision: int) -> int:
    scaled = value * 10**precision
    return math.floor(scaled + Fraction(1, 2))


@settings(max_examples=300, deadline=None)
@given(
    terms=st.lists(st.tuples(st.integers(0, 100_000), st.integers(0, 5)), min_size=1, max_size=50),
    order=st.randoms(use_true_random=False),
    precision=st.integers(0, 3),
)
def test_the_rounded_sum_does_not_depend_on_the_order_of_its_terms(
    terms: list[tuple[int, int]], order: Any, precision: int
) -> None:
    # Weights in thousandths times levels: a decimal sum that may sit exactly on a half.
    shuffled = list(terms)
    order.shuffle(shuffled)
    sums = [sum((w / 1000) * level for w, level in ts) for ts in (terms, shuffled)]
    exact = sum(Fraction(w, 1000) * level for w, level in terms)
    keys = round_keys(np.array(sums), precision)
    assert keys.tolist() == [_half_up(exact, precision)] * 2
    assert [round_key(s, precision) for s in sums] == keys.tolist()
    # A band whose edge is the sum as shown takes it, whichever way it was added.
    edge = [{"min": keys[0] / 10**precision, "label": "Edge"}, {"min": 0, "label": "Below"}]
    criteria = make_criteria(precision=precision, bands=edge)
    assert band_indexes(criteria, keys).tolist() == [0, 0]


# --- points lost under every aggregation ------------------------------------------------------

GEOMETRIC = ROOT / "tests" / "data" / "geometric"


def test_points_lost_are_what_the_total_gains_with_the_indicator_at_its_best() -> None:
    # Under a geometric index the smallest factor matters most: a.base at 1 of 100 loses
    # more than b.reach at 40, though the arithmetic formula says b.reach (45 against 24.75).
    model = load_criteria(GEOMETRIC / "criteria.yaml").model
    values = {"a.base": 1.0, "b.reach": 40.0}
    card = score(model, sub(values))
    lost = {i.address: i.points_lost for f in card.factors for i in f.indicators}
    for address in values:
        best = score(model, sub({**values, address: 100.0}))
        assert lost[address] == pytest.approx(best.total - card.total)
    assert lost["a.base"] == pytest.approx(34.39, abs=0.01)
    assert lost["b.reach"] == pytest.approx(15.72, abs=0.01)
    assert [i.address for i in card.weakest()] == ["a.base", "b.reach"]


def test_score_shows_the_points_a_geometric_index_really_loses(run: Any) -> None:
    result = run(
        "score", "-c", GEOMETRIC / "criteria.yaml", GEOMETRIC / "region.yaml", "-f", "markdown"
    )
    assert result.exit_code == 0, result.output
    weakest = result.stdout[result.stdout.index("Weakest") :]
    assert weakest.index("base") < weakest.index("reach")
    assert "34.39" in weakest and "15.72" in weakest


@settings(max_examples=50, deadline=None)
@given(st.data())
def test_points_lost_under_arithmetic_are_scale_times_weight_times_what_is_missing(
    data: st.DataObject,
) -> None:
    model = make_criteria()
    values = {
        "a.flag": data.draw(st.booleans()),
        "a.stage": data.draw(st.sampled_from(["none", "some", "full"])),
        "b.share": data.draw(st.floats(0, 10)),
        "b.gap": data.draw(st.floats(5, 50)),
    }
    card = score(model, sub(values))
    for f in card.factors:
        for i in f.indicators:
            expected = model.scale * i.effective_weight * (1.0 - (i.normalised or 0.0))
            assert i.points_lost == pytest.approx(expected, abs=1e-9)
