"""Scoring: pure functions from criteria and a submission to a scorecard.

No I/O and no printing. Nothing is rounded here except where the method says a
comparison is made on the number the user sees (bands, ``min_score``).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from smartcity_assess.criteria import Band, Criteria, Factor, Indicator
from smartcity_assess.i18n import Msg
from smartcity_assess.submission import Submission, Value

COVERAGE_TOLERANCE = 1e-9  # shares are sums of floats; 0.9999999999 is full coverage


@dataclass(frozen=True, slots=True)
class IndicatorScore:
    factor: str
    id: str
    value: Value | None
    """The value as submitted; None when absent."""
    normalised: float | None
    """v in [0, 1]; None when absent."""
    effective_weight: float
    """Nominal share of the total: (W / sum W) x (w / sum w)."""
    points_lost: float
    """scale x effective weight x (1 - v): what this indicator leaves on the table."""
    gate_passed: bool | None
    """None when the indicator has no gate."""

    @property
    def address(self) -> str:
        return f"{self.factor}.{self.id}"


@dataclass(frozen=True, slots=True)
class FactorScore:
    id: str
    score: float
    """0..scale; 0 for a factor left out under ``missing: reweight``."""
    weight: float
    """Share of the total actually used (after reweighting); 0 when left out."""
    contribution: float
    """weight x score."""
    included: bool
    indicators: tuple[IndicatorScore, ...]
    below_minimum: bool = False
    """The score as shown (rounded to the precision) is below the factor's ``min_score``:
    the one place that rule is judged; reports and explanations read it from here."""


@dataclass(frozen=True, slots=True)
class ScoreCard:
    submission: Submission
    total: float
    band: Band | None
    eligible: bool
    reasons: tuple[Msg, ...]
    coverage: float
    factors: tuple[FactorScore, ...]
    coverage_short: bool = False
    """Coverage is below the criteria's ``min_coverage`` (judged here, and only here)."""

    @property
    def code(self) -> str:
        return self.submission.code

    def weakest(self, count: int = 3) -> list[IndicatorScore]:
        """The indicators that lose the most points, worst first (ties in file order)."""
        lost = [i for f in self.factors for i in f.indicators if i.points_lost > 0]
        return sorted(lost, key=lambda i: -i.points_lost)[:count]


def normalise(indicator: Indicator, value: Value) -> float:
    """An indicator value on [0, 1], as SPEC section 3 defines it."""
    if indicator.type == "boolean":
        return 1.0 if value is True else 0.0
    if indicator.type == "level":
        return indicator.level_scores[str(value)]
    assert indicator.goalposts is not None and isinstance(value, int | float)
    worst, best = indicator.goalposts.worst, indicator.goalposts.best
    x = min(max(float(value), min(worst, best)), max(worst, best))
    if indicator.transform == "log":
        x, worst, best = math.log(x), math.log(worst), math.log(best)
    return (x - worst) / (best - worst)


def passes_gate(indicator: Indicator, value: Value | None) -> bool | None:
    """True/False against the indicator's gate (absent fails), None without a gate."""
    gate = indicator.gate
    if gate is None:
        return None
    if value is None:
        return False
    if indicator.type == "boolean":
        return value is True
    if indicator.type == "level":
        order = list(indicator.level_scores)
        return order.index(str(value)) >= order.index(str(gate))
    assert isinstance(value, int | float) and isinstance(gate, int | float)
    return value <= gate if indicator.lower_is_better else value >= gate


def _indicator_score(
    criteria: Criteria, factor: Factor, indicator: Indicator, weight: float, value: Value | None
) -> IndicatorScore:
    normalised = None if value is None else normalise(indicator, value)
    lost = criteria.scale * weight * (1.0 - (normalised or 0.0))
    return IndicatorScore(
        factor=factor.id,
        id=indicator.id,
        value=value,
        normalised=normalised,
        effective_weight=weight,
        points_lost=lost,
        gate_passed=passes_gate(indicator, value),
    )


def _factor_raw(
    criteria: Criteria, factor: Factor, indicators: list[IndicatorScore]
) -> float | None:
    """scale x sum(w v) / sum(w); None when nothing was given and absent values are
    left out (``missing: reweight``)."""
    numerator = denominator = 0.0
    for spec, scored in zip(factor.indicators, indicators, strict=True):
        if scored.normalised is None:
            if criteria.missing == "reweight":
                continue
            denominator += spec.weight
        else:
            numerator += spec.weight * scored.normalised
            denominator += spec.weight
    if denominator == 0.0:
        return None
    return criteria.scale * numerator / denominator


def score(criteria: Criteria, submission: Submission) -> ScoreCard:
    """The scorecard of one submission: total, band, eligibility with reasons, factors."""
    precision = criteria.precision
    reasons: list[Msg] = []
    raw: list[tuple[Factor, float | None, list[IndicatorScore]]] = []
    coverage = 0.0
    values = submission.values
    for factor, planned in criteria.plan:
        indicators = [
            _indicator_score(criteria, factor, ind, weight, values.get(address))
            for ind, address, weight in planned
        ]
        coverage += sum(i.effective_weight for i in indicators if i.value is not None)
        raw.append((factor, _factor_raw(criteria, factor, indicators), indicators))

    included_weight = sum(f.weight for f, s, _ in raw if s is not None)
    factors: list[FactorScore] = []
    for factor, factor_score, indicators in raw:
        share = factor.weight / included_weight if factor_score is not None else 0.0
        value = factor_score if factor_score is not None else 0.0
        below = factor.min_score is not None and round(value, precision) < factor.min_score
        factors.append(
            FactorScore(
                id=factor.id,
                score=value,
                weight=share,
                contribution=share * value,
                included=factor_score is not None,
                indicators=tuple(indicators),
                below_minimum=below,
            )
        )
        if below:
            reasons.append(
                Msg.of(
                    "reason-factor-min",
                    factor=factor.id,
                    score=f"{value:.{precision}f}",
                    minimum=_plain(factor.min_score),
                )
            )
        for spec, scored in zip(factor.indicators, indicators, strict=True):
            if scored.gate_passed is False:
                reasons.append(
                    Msg.of(
                        "reason-gate-absent" if scored.value is None else "reason-gate",
                        indicator=scored.address,
                        value=_plain(scored.value),
                        gate=_plain(spec.gate),
                    )
                )
    coverage_short = coverage + COVERAGE_TOLERANCE < criteria.min_coverage
    if coverage_short:
        reasons.append(
            Msg.of(
                "reason-coverage",
                coverage=f"{coverage:.0%}",
                minimum=f"{criteria.min_coverage:.0%}",
            )
        )
    total = _aggregate(criteria, factors)
    return ScoreCard(
        submission=submission,
        total=total,
        band=criteria.band_for(round(total, precision)),
        eligible=not reasons,
        reasons=tuple(reasons),
        coverage=coverage,
        factors=tuple(factors),
        coverage_short=coverage_short,
    )


def below_threshold(
    criteria: Criteria, cards: list[ScoreCard], threshold: float
) -> list[ScoreCard]:
    """The cards whose total, rounded to the criteria's precision as shown, is below
    ``threshold`` (``score --fail-under``)."""
    return [c for c in cards if round(c.total, criteria.precision) < threshold]


def _aggregate(criteria: Criteria, factors: list[FactorScore]) -> float:
    used = [f for f in factors if f.included]
    if criteria.aggregation == "arithmetic":
        # Summed in factor order, exactly as the contributions are, so they add up.
        return sum(f.contribution for f in used)
    if any(f.score <= 0.0 for f in used):
        return 0.0  # non-compensatory: one empty factor sinks the total
    log_mean = sum(f.weight * math.log(f.score / criteria.scale) for f in used)
    return criteria.scale * math.exp(log_mean)


def _plain(value: object) -> str:
    """A value as a user would write it: true, signed_mou, 2.5."""
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)
