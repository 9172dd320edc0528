"""Ranking (SPEC section 4): ranks, ties at the criteria's precision, cohorts, exclusions,
the province cap, and the laws a ranking must keep whatever the pool."""

from __future__ import annotations

import random
from collections import Counter
from itertools import pairwise
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from smartcity_assess.cli.options import parse_cohorts
from smartcity_assess.core.criteria import Cohort, Criteria
from smartcity_assess.core.ranking import (
    DECIDED_BY_CODE,
    Ranking,
    province_of,
    rank,
)
from smartcity_assess.core.rounding import round_key
from smartcity_assess.core.scoring import ScoreCard, score
from smartcity_assess.core.submission import Submission
from smartcity_assess.errors import UsageError

from .conftest import columns_of


def _criteria(**overrides: Any) -> Criteria:
    """Three factors of one number indicator each (goalposts 0..100, so a value is its
    factor score); ``big`` weighs 2, ``left`` and ``right`` 1 each, in that file order.
    ``big`` below 20 makes a region ineligible."""
    number = {"type": "number", "required": True, "goalposts": {"worst": 0, "best": 100}}
    data: dict[str, Any] = {
        "schema_version": 1,
        "id": "ranking-test",
        "version": "1",
        "title": "Ranking test",
        "source": "test",
        "precision": 2,
        "cohorts": [{"year": 2017, "size": 2}, {"year": 2018, "size": 3}],
        "factors": [
            {"id": "left", "weight": 1, "indicators": [{"id": "v", **number}]},
            {"id": "big", "weight": 2, "min_score": 20, "indicators": [{"id": "v", **number}]},
            {"id": "right", "weight": 1, "indicators": [{"id": "v", **number}]},
        ],
    }
    data.update(overrides)
    return Criteria.model_validate(data)


CRITERIA = _criteria()


def card(
    code: str, left: float, big: float, right: float, criteria: Criteria = CRITERIA
) -> ScoreCard:
    values: dict[str, bool | str | float] = {"left.v": left, "big.v": big, "right.v": right}
    submission = Submission(
        code=code, name=f"Region {code}", province="", kind="kabupaten", year=None, values=values
    )
    return score(criteria, submission)


def cohorts(*pairs: tuple[int, int]) -> list[Cohort]:
    return [Cohort(year=year, size=size) for year, size in pairs]


def order(ranking: Ranking) -> list[str]:
    return [r.code for r in ranking.regions]


# --- ranks and ties --------------------------------------------------------------------------


def test_eligible_regions_are_ranked_by_total_then_ineligible_by_score() -> None:
    pool = [
        card("32.01", 50, 50, 50),  # 50
        card("32.02", 90, 90, 90),  # 90
        card("32.03", 100, 10, 100),  # 55, but big < 20: ineligible
        card("32.04", 70, 70, 70),  # 70
        card("32.05", 0, 0, 0),  # 0, ineligible
    ]
    ranking = rank(CRITERIA, pool, cohorts((2017, 2)))
    assert order(ranking) == ["32.02", "32.04", "32.01", "32.03", "32.05"]
    assert [r.rank for r in ranking.regions] == [1, 2, 3, None, None]
    assert [r.cohort for r in ranking.regions] == [2017, 2017, None, None, None]
    assert ranking.ties == ()


def test_totals_equal_at_precision_are_a_tie_broken_by_the_heaviest_factor() -> None:
    # 32.01's total is higher, but only beyond the two decimals the criteria judge at.
    higher_total = card("32.01", 60.00003, 45, 60)  # 52.5000075 -> 52.50
    stronger_big = card("32.02", 30, 60, 60)  # 52.5 exactly, big 60 > 45
    assert higher_total.total > stronger_big.total
    ranking = rank(CRITERIA, [higher_total, stronger_big], cohorts((2017, 1)))
    assert order(ranking) == ["32.02", "32.01"]
    (tie,) = ranking.ties
    assert tie.codes == ("32.02", "32.01")
    assert tie.ranks == (1, 2)
    assert tie.score == 52.5
    assert tie.decided_by == ("big",)
    assert tie.at_cutoff and tie.cohorts == (2017, None)


def test_equal_weights_are_compared_in_file_order_then_the_code_decides() -> None:
    # big is equal; left comes before right in the file, so left decides.
    by_left = [card("32.09", 40, 50, 60), card("32.01", 60, 50, 40)]
    ranking = rank(CRITERIA, by_left, cohorts((2017, 5)))
    assert order(ranking) == ["32.01", "32.09"]
    assert ranking.ties[0].decided_by == ("left",)
    assert not ranking.ties[0].at_cutoff  # both in 2017: the tie-break decided nothing
    # Every factor equal at the precision: the lower code goes first.
    same = [card("32.09", 50, 50, 50.001), card("32.01", 50, 50, 50)]
    ranking = rank(CRITERIA, same, cohorts((2017, 5)))
    assert order(ranking) == ["32.01", "32.09"]
    assert ranking.ties[0].decided_by == (DECIDED_BY_CODE,)


def test_a_tie_of_three_reports_each_decision() -> None:
    pool = [card("32.03", 50, 50, 50), card("32.02", 60, 45, 50), card("32.01", 45, 55, 45)]
    ranking = rank(CRITERIA, pool, cohorts((2017, 2)))
    (tie,) = ranking.ties
    assert tie.codes == ("32.01", "32.03", "32.02")  # big: 55, 50, 45
    assert tie.ranks == (1, 2, 3)
    assert tie.decided_by == ("big", "big")
    assert tie.cohorts == (2017, 2017, None)


def test_ineligible_regions_are_never_in_a_tie_or_a_cohort() -> None:
    pool = [card("32.01", 50, 50, 50), card("32.02", 100, 19, 62)]  # both total 50
    ranking = rank(CRITERIA, pool, cohorts((2017, 5)))
    assert ranking.ties == ()
    assert ranking.in_cohort(2017)[0].code == "32.01"
    assert ranking.regions[1].cohort is None and ranking.regions[1].rank is None


# --- cohorts, gaps, exclusions ------------------------------------------------------------------


def test_cohorts_fill_in_rank_order_and_the_rest_get_their_gap() -> None:
    pool = [card(f"32.{i:02d}", 10 * i, 10 * i, 10 * i) for i in range(2, 10)]  # 20..90
    ranking = rank(CRITERIA, pool, cohorts((2017, 2), (2018, 3)))
    first, second = ranking.cohorts
    assert first.selected == ("32.09", "32.08") and first.cutoff_score == pytest.approx(80)
    assert second.selected == ("32.07", "32.06", "32.05")
    assert second.cutoff_score == pytest.approx(50)
    waiting = ranking.not_selected
    assert [r.code for r in waiting] == ["32.04", "32.03", "32.02"]
    assert [r.gap for r in waiting] == pytest.approx([10, 20, 30])
    assert all(r.gap is None for r in ranking.selected)


def test_a_cohort_larger_than_the_pool_is_short_and_later_ones_empty() -> None:
    pool = [card("32.01", 50, 50, 50), card("32.02", 60, 60, 60)]
    ranking = rank(CRITERIA, pool, cohorts((2017, 5), (2018, 5)))
    first, second = ranking.cohorts
    assert first.selected == ("32.02", "32.01") and first.short and not first.capped
    assert second.selected == () and second.cutoff_score is None
    assert ranking.not_selected == []


def test_excluded_regions_leave_the_pool_before_ranking() -> None:
    pool = [card(f"32.{i:02d}", 10 * i, 10 * i, 10 * i) for i in range(2, 8)]
    ranking = rank(CRITERIA, pool, cohorts((2017, 2)), excluded={"32.07", "99.99"})
    assert [c.code for c in ranking.excluded] == ["32.07"]
    assert "32.07" not in order(ranking)
    assert ranking.cohorts[0].selected == ("32.06", "32.05")
    assert ranking.eligible[0].rank == 1


def test_province_cap_defers_a_region_to_the_next_cohort() -> None:
    pool = [
        card("32.01", 90, 90, 90),
        card("32.02", 80, 80, 80),
        card("32.03", 70, 70, 70),  # third of province 32: deferred from 2017
        card("33.01", 60, 60, 60),
        card("33.02", 50, 50, 50),
    ]
    ranking = rank(CRITERIA, pool, cohorts((2017, 3), (2018, 2)), max_per_province=2)
    first, second = ranking.cohorts
    assert first.selected == ("32.01", "32.02", "33.01")
    assert second.selected == ("32.03", "33.02")
    deferred = next(r for r in ranking.regions if r.code == "32.03")
    assert deferred.rank == 3 and deferred.cohort == 2018 and deferred.deferred_from == 2017
    assert all(r.deferred_from is None for r in ranking.regions if r.code != "32.03")


def test_a_cohort_short_because_of_the_cap_says_so() -> None:
    pool = [card(f"32.{i:02d}", 10 * i, 10 * i, 10 * i) for i in range(2, 6)]
    ranking = rank(CRITERIA, pool, cohorts((2017, 3)), max_per_province=1)
    (only,) = ranking.cohorts
    assert only.selected == ("32.05",) and only.short and only.capped
    assert [r.deferred_from for r in ranking.not_selected] == [2017, 2017, 2017]


def test_a_region_left_out_by_the_cap_has_no_gap_and_says_so() -> None:
    pool = [
        card("32.01", 90, 90, 90),
        card("32.02", 80, 80, 80),  # province 32 is full: above the cut-off, left out
        card("33.01", 60, 60, 60),
        card("33.02", 50, 50, 50),  # below the cut-off: an ordinary gap
    ]
    ranking = rank(CRITERIA, pool, cohorts((2017, 2)), max_per_province=1)
    assert ranking.cohorts[0].selected == ("32.01", "33.01")
    capped, below = ranking.not_selected
    assert capped.code == "32.02" and capped.left_out_by_cap and capped.gap is None
    assert capped.deferred_from == 2017
    assert below.code == "33.02" and not below.left_out_by_cap and below.gap == 10


def test_passed_over_then_below_a_later_cut_off_is_not_left_out_by_the_cap() -> None:
    pool = [
        card("32.01", 95, 95, 95),
        card("32.02", 94, 94, 94),  # passed over in 2017, first in 2018
        card("33.01", 93, 93, 93),
        card("33.02", 92, 92, 92),  # passed over in 2017, then 2018 is full above it
        card("34.01", 91, 91, 91),
    ]
    ranking = rank(CRITERIA, pool, cohorts((2017, 3), (2018, 1)), max_per_province=1)
    assert ranking.cohorts[1].selected == ("32.02",)
    (waiting,) = ranking.not_selected
    assert waiting.code == "33.02" and waiting.deferred_from == 2017
    assert not waiting.left_out_by_cap and waiting.gap == 2


def test_a_gap_is_the_difference_of_the_scores_as_shown() -> None:
    # 70.734 shows as 70.73 and 70.696 as 70.70: 0.03 below, not 0.038 -> 0.04.
    cut, short = card("32.01", 70.734, 70.734, 70.734), card("32.02", 70.696, 70.696, 70.696)
    ranking = rank(CRITERIA, [cut, short], cohorts((2017, 1)))
    assert ranking.not_selected[0].gap == 0.03


def test_a_tie_split_by_the_cap_is_not_a_tie_broken_at_the_cut_off() -> None:
    pool = [
        card("32.01", 90, 90, 90),
        card("32.02", 50, 50, 50),  # ties with 33.01 and goes first (code), but 32 is full
        card("33.01", 50, 50, 50),
    ]
    ranking = rank(CRITERIA, pool, cohorts((2017, 2)), max_per_province=1)
    (tie,) = ranking.ties
    assert tie.codes == ("32.02", "33.01") and tie.cohorts == (None, 2017)
    assert not tie.at_cutoff  # the cap decided: the other order selects the same regions
    # Without the cap the same tie does decide who is selected.
    (tie,) = rank(CRITERIA, pool, cohorts((2017, 2))).ties
    assert tie.at_cutoff


def test_a_tie_in_one_province_under_the_cap_is_broken_at_the_cut_off() -> None:
    pool = [card("32.01", 50, 50, 50), card("32.02", 50, 50, 50), card("33.01", 10, 80, 10)]
    ranking = rank(CRITERIA, pool, cohorts((2017, 2), (2018, 1)), max_per_province=1)
    (tie,) = ranking.ties
    assert tie.cohorts == (2017, 2018) and tie.at_cutoff  # the order decided the year


def test_province_is_the_code_prefix() -> None:
    assert province_of(card("32.73", 1, 1, 1)) == "32"


def test_duplicate_codes_are_a_programming_error() -> None:
    with pytest.raises(ValueError, match="unique"):
        rank(CRITERIA, [card("32.01", 1, 1, 1), card("32.01", 2, 2, 2)], cohorts())


# --- --cohorts --------------------------------------------------------------------------------


def test_parse_cohorts_keeps_the_order_given() -> None:
    assert parse_cohorts("2019:25, 2018:50") == cohorts((2019, 25), (2018, 50))


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("2018", "cohorts-form"),
        ("2018:fifty", "cohorts-form"),
        ("2018:50,", "cohorts-form"),
        ("18:50", "cohorts-form"),
        ("2018:0", "cohorts-size"),
        ("2018:5,2018:6", "cohorts-repeat"),
    ],
)
def test_parse_cohorts_refuses_bad_items(text: str, reason: str) -> None:
    with pytest.raises(UsageError) as caught:
        parse_cohorts(text)
    assert caught.value.key == "usage-cohorts"
    assert caught.value.params["reason"].key == reason


# --- laws, for any pool ---------------------------------------------------------------------------

# Few distinct values, so that equal totals (ties) are common.
SCORES = st.sampled_from([0.0, 15.0, 25.0, 33.333, 50.0, 50.004, 66.667, 75.0, 100.0])
CODES = [f"{province}.{region:02d}" for province in (11, 32, 33, 35) for region in range(1, 13)]


@st.composite
def pools(draw: st.DrawFn) -> list[ScoreCard]:
    codes = draw(st.lists(st.sampled_from(CODES), min_size=0, max_size=30, unique=True))
    return [card(code, draw(SCORES), draw(SCORES), draw(SCORES)) for code in codes]


COHORT_LISTS = st.lists(
    st.tuples(st.integers(2000, 2100), st.integers(1, 12)),
    max_size=4,
    unique_by=lambda pair: pair[0],
).map(lambda pairs: cohorts(*pairs))


def _signature(ranking: Ranking) -> Any:
    return (
        [(r.code, r.rank, r.cohort, r.gap, r.deferred_from) for r in ranking.regions],
        ranking.cohorts,
        ranking.ties,
    )


@settings(max_examples=150, deadline=None)
@given(pool=pools(), wanted=COHORT_LISTS, seed=st.integers(0, 2**32 - 1))
def test_cohorts_ranks_and_order_independence(
    pool: list[ScoreCard], wanted: list[Cohort], seed: int
) -> None:
    ranking = rank(CRITERIA, pool, wanted)
    eligible = [r for r in ranking.regions if r.card.eligible]
    # Ranks are 1..n without gaps, eligible regions first.
    assert [r.rank for r in eligible] == list(range(1, len(eligible) + 1))
    assert ranking.regions[: len(eligible)] == tuple(eligible)
    assert all(r.rank is None and r.cohort is None for r in ranking.ineligible)
    # Each cohort takes min(size, eligible still waiting).
    waiting = len(eligible)
    for cohort in ranking.cohorts:
        assert len(cohort.selected) == min(cohort.size, waiting)
        waiting -= len(cohort.selected)
    selected = [code for cohort in ranking.cohorts for code in cohort.selected]
    assert len(selected) == len(set(selected))
    # Rounded totals never rise down the ranking.
    totals = [round_key(r.card.total, CRITERIA.precision) for r in eligible]
    assert totals == sorted(totals, reverse=True)
    # The input order does not matter.
    shuffled = list(pool)
    random.Random(seed).shuffle(shuffled)
    assert _signature(rank(CRITERIA, shuffled, wanted)) == _signature(ranking)


@settings(max_examples=150, deadline=None)
@given(pool=pools(), wanted=COHORT_LISTS, cap=st.integers(1, 3))
def test_the_province_cap_holds_in_every_cohort(
    pool: list[ScoreCard], wanted: list[Cohort], cap: int
) -> None:
    ranking = rank(CRITERIA, pool, wanted, max_per_province=cap)
    cards = {r.code: r.card for r in ranking.regions}
    for index, cohort in enumerate(ranking.cohorts):
        provinces = Counter(province_of(cards[code]) for code in cohort.selected)
        assert all(count <= cap for count in provinces.values())
        if cohort.short and not cohort.capped:
            # Short without the cap's doing: nobody eligible was left waiting.
            so_far = {c.year for c in ranking.cohorts[: index + 1]}
            assert all(r.cohort in so_far for r in ranking.eligible)
    selected = [code for cohort in ranking.cohorts for code in cohort.selected]
    assert len(selected) == len(set(selected))
    assert all(cards[code].eligible for code in selected)


@settings(max_examples=100, deadline=None)
@given(pool=pools())
def test_every_tie_is_reported_with_a_decider_per_pair(pool: list[ScoreCard]) -> None:
    ranking = rank(CRITERIA, pool, cohorts((2017, 3)))
    rounded = Counter(round_key(r.card.total, CRITERIA.precision) for r in ranking.eligible)
    tied = {score for score, count in rounded.items() if count > 1}
    assert {round_key(tie.score, CRITERIA.precision) for tie in ranking.ties} == tied
    regions = {r.code: r for r in ranking.regions}
    for tie in ranking.ties:
        assert len(tie.decided_by) == len(tie.codes) - 1
        assert list(tie.ranks) == list(range(tie.ranks[0], tie.ranks[0] + len(tie.codes)))
        assert tie.ranks == tuple(regions[code].rank for code in tie.codes)
        assert tie.cohorts == tuple(regions[code].cohort for code in tie.codes)
        for (first, second), decided in zip(pairwise(tie.codes), tie.decided_by, strict=True):
            a, b = regions[first].card.factor_keys, regions[second].card.factor_keys
            differ = [f for f in CRITERIA.weight_order if a[f] != b[f]]
            assert decided == (CRITERIA.factors[differ[0]].id if differ else DECIDED_BY_CODE)


@settings(max_examples=50, deadline=None)
@given(pool=pools(), cap=st.one_of(st.none(), st.integers(1, 3)))
def test_the_counts_and_columns_are_the_regions(pool: list[ScoreCard], cap: int | None) -> None:
    ranking = rank(CRITERIA, pool, cohorts((2017, 3), (2018, 2)), max_per_province=cap)
    assert ranking.counts() == {
        "regions": len(ranking.regions),
        "eligible": len(ranking.eligible),
        "selected": len(ranking.selected),
        "not_selected": len(ranking.not_selected),
        "ineligible": len(ranking.ineligible),
        "excluded": 0,
    }
    assert columns_of(ranking.regions) == ranking.columns
    assert ranking.cards_by_code == {r.code: r.card for r in ranking.regions}


def sort_key(criteria: Criteria, card: ScoreCard) -> tuple[int, tuple[int, ...], str]:
    """SPEC section 4's order as a key: higher rounded total first, then higher rounded
    factor scores in order of factor weight, then the region code ascending."""
    keys = card.factor_keys
    return (-card.total_key, tuple(-keys[f] for f in criteria.weight_order), card.code)


def _reference(pool: list[ScoreCard], wanted: list[Cohort], cap: int | None) -> Any:
    """The ranking rules written plainly: a key tuple per card, and each cohort filled
    by walking the whole waiting list (what ``rank`` computes with less work)."""
    eligible = sorted((c for c in pool if c.eligible), key=lambda c: sort_key(CRITERIA, c))
    ineligible = sorted((c for c in pool if not c.eligible), key=lambda c: (-c.total_key, c.code))
    waiting, placed = list(eligible), {}
    for cohort in wanted:
        chosen: list[str] = []
        count: Counter[str] = Counter()
        for c in waiting:
            if len(chosen) < cohort.size and (cap is None or count[province_of(c)] < cap):
                chosen.append(c.code)
                count[province_of(c)] += 1
        placed.update(dict.fromkeys(chosen, cohort.year))
        waiting = [c for c in waiting if c.code not in placed]
    return [c.code for c in eligible + ineligible], placed


@settings(max_examples=200, deadline=None)
@given(
    pool=pools(),
    wanted=COHORT_LISTS,
    cap=st.one_of(st.none(), st.integers(1, 3)),
)
def test_rank_agrees_with_the_rules_written_plainly(
    pool: list[ScoreCard], wanted: list[Cohort], cap: int | None
) -> None:
    ranking = rank(CRITERIA, pool, wanted, max_per_province=cap)
    codes, placed = _reference(pool, wanted, cap)
    assert [r.code for r in ranking.regions] == codes
    assert {r.code: r.cohort for r in ranking.regions if r.cohort is not None} == placed


def _fill_one_by_one(
    provinces: list[int], sizes: list[int], cap: int | None
) -> tuple[list[int], list[int]]:
    """The fill rule as a plain walk down the line, cohort by cohort: each position's
    cohort index and the first cohort that passed it over for its province (-1: none)."""
    cohort = [-1] * len(provinces)
    deferred = [-1] * len(provinces)
    waiting = list(range(len(provinces)))
    for index, size in enumerate(sizes):
        taken: list[int] = []
        passed_over: list[int] = []
        per_province: Counter[int] = Counter()
        looked_at = len(waiting)
        for place, position in enumerate(waiting):
            if len(taken) == size:
                looked_at = place
                break
            if cap is not None and per_province[provinces[position]] >= cap:
                if deferred[position] < 0:
                    deferred[position] = index
                passed_over.append(position)
                continue
            per_province[provinces[position]] += 1
            taken.append(position)
            cohort[position] = index
        waiting = passed_over + waiting[looked_at:]
    return cohort, deferred


@settings(max_examples=200, deadline=None)
@given(
    line=st.lists(st.integers(0, 3), max_size=25),
    sizes=st.lists(st.integers(1, 8), max_size=4),
    cap=st.none() | st.integers(1, 3),
)
def test_fill_takes_the_line_as_a_walk_down_it_would(
    line: list[int], sizes: list[int], cap: int | None
) -> None:
    from smartcity_assess.core.equity import Standing
    from smartcity_assess.core.fill import fill

    regions = [Standing(f"{p}", "kota", False, None, f"{p}") for p in line]
    wanted = cohorts(*((2000 + i, size) for i, size in enumerate(sizes)))
    filled = fill(wanted, regions, cap)
    cohort, deferred = _fill_one_by_one(line, sizes, cap)
    assert filled.cohort == cohort
    assert filled.deferred == deferred
