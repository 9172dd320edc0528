"""The scoring laws, held by hypothesis over the bundled criteria's real indicators."""

from __future__ import annotations

import dataclasses
import math
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from smartcity_assess.core.criteria import Criteria, Indicator
from smartcity_assess.core.scoring import score
from smartcity_assess.core.submission import Submission
from smartcity_assess.reading.criteria_file import load_criteria

CRITERIA = load_criteria().model
GEOMETRIC = CRITERIA.model_copy(update={"aggregation": "geometric"})
REWEIGHT = CRITERIA.model_copy(update={"missing": "reweight"})
ADDRESSES = list(CRITERIA.addresses.items())


def _value(indicator: Indicator) -> st.SearchStrategy[Any]:
    if indicator.type == "boolean":
        return st.booleans()
    if indicator.type == "level":
        return st.sampled_from(list(indicator.level_scores))
    assert indicator.valid is not None and indicator.goalposts is not None
    low = indicator.valid.min if indicator.valid.min is not None else -1e6
    high = indicator.valid.max if indicator.valid.max is not None else 1e6
    return st.floats(low, high, allow_nan=False, allow_infinity=False)


@st.composite
def submissions(draw: st.DrawFn, optional_absent: bool = True) -> Submission:
    values: dict[str, Any] = {}
    for address, (_, indicator) in ADDRESSES:
        if optional_absent and not indicator.required and draw(st.booleans()):
            continue
        values[address] = draw(_value(indicator))
    return Submission(
        code="32.12", name="X", province="P", kind="kabupaten", year=None, values=values
    )


def _better(indicator: Indicator, value: Any, draw: st.DrawFn) -> Any:
    """A value at least as good as ``value`` for ``indicator``."""
    if indicator.type == "boolean":
        return True if value is None else draw(st.sampled_from([value, True]))
    if indicator.type == "level":
        order = list(indicator.level_scores)
        start = 0 if value is None else order.index(value)
        return draw(st.sampled_from(order[start:]))
    assert indicator.valid is not None
    low = indicator.valid.min if indicator.valid.min is not None else -1e6
    high = indicator.valid.max if indicator.valid.max is not None else 1e6
    if value is None:
        return draw(st.floats(low, high, allow_nan=False))
    if indicator.lower_is_better:
        return draw(st.floats(low, value, allow_nan=False))
    return draw(st.floats(value, high, allow_nan=False))


@settings(max_examples=150, deadline=None)
@given(data=st.data(), criteria=st.sampled_from([CRITERIA, GEOMETRIC, REWEIGHT]))
def test_raising_one_indicator_never_lowers_factor_or_total(
    data: st.DataObject, criteria: Criteria
) -> None:
    before = data.draw(submissions(optional_absent=criteria is not REWEIGHT))
    address, (factor, indicator) = data.draw(st.sampled_from(ADDRESSES))
    improved = dict(before.values)
    improved[address] = _better(indicator, before.values.get(address), data.draw)
    after = dataclasses.replace(before, values=improved)
    old, new = score(criteria, before), score(criteria, after)
    index = [f.id for f in criteria.factors].index(factor.id)
    tolerance = 1e-9 * criteria.scale
    assert new.factors[index].score >= old.factors[index].score - tolerance
    assert new.total >= old.total - tolerance


@settings(max_examples=100, deadline=None)
@given(
    sub=submissions(),
    k=st.floats(1e-3, 1e3, allow_nan=False),
    criteria=st.sampled_from([CRITERIA, GEOMETRIC, REWEIGHT]),
)
def test_scaling_all_weights_changes_no_score(
    sub: Submission, k: float, criteria: Criteria
) -> None:
    data = criteria.model_dump()
    for factor in data["factors"]:
        factor["weight"] *= k
        for indicator in factor["indicators"]:
            indicator["weight"] *= k
    scaled = Criteria.model_validate(data)
    a, b = score(criteria, sub), score(scaled, sub)
    assert math.isclose(a.total, b.total, rel_tol=1e-9, abs_tol=1e-9)
    for fa, fb in zip(a.factors, b.factors, strict=True):
        assert math.isclose(fa.score, fb.score, rel_tol=1e-9, abs_tol=1e-9)
    assert a.eligible == b.eligible


@settings(max_examples=100, deadline=None)
@given(sub=submissions(), criteria=st.sampled_from([CRITERIA, REWEIGHT]))
def test_contributions_add_up_to_the_total(sub: Submission, criteria: Criteria) -> None:
    card = score(criteria, sub)
    assert card.total == sum(f.contribution for f in card.factors)
    assert 0.0 <= card.total <= criteria.scale + 1e-9
