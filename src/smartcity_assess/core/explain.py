"""Explaining one region: where it stands against the cut-off (or the bands), what sets it
apart from the selected regions, which gates it fails, and the fewest single-indicator
steps that would get it in (issue 5). Pure: no I/O, no printing.

Every number here comes from the scorer (one submission is a pool of one) and the
ranking: a step's gain is the total of the re-scored submission minus the total before,
and "gets it in" means the full ``ranking.rank`` of the pool, with the region's improved
submission in place of its own, puts it in a cohort. Nothing is added up on the side.
"""

from __future__ import annotations

import statistics
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass, replace
from typing import Literal

import numpy as np

from smartcity_assess.core.criteria import Band, Cohort, Criteria, Factor, Indicator
from smartcity_assess.core.ranking import RankedRegion, Ranking, gaps_below, rank
from smartcity_assess.core.scoring import ScoreCard, normalise, passes_gate, score, score_pool
from smartcity_assess.core.submission import Submission, Value

StepKind = Literal["level", "boolean", "number", "gate"]
"""level: one level up; boolean: to true; number: to its best goalpost; gate: straight to
the least value that passes the indicator's gate."""

Fix = Literal["gate", "factor-min", "coverage"]

HIGHLIGHTS = 3
"""How many strengths and weaknesses of each kind (factor, indicator) are listed."""


_Reached = Callable[[Submission], bool]
"""Whether a (modified) submission reaches the target."""
_Placed = Callable[[Submission], tuple[ScoreCard, RankedRegion | None]]
"""A (modified) submission's scorecard and, with a pool, where the ranking puts it."""


@dataclass(frozen=True)
class Step:
    """One change to one indicator of the submission."""

    address: str
    before: Value | None
    after: Value
    kind: StepKind
    gain: float
    """Total points gained by this step, re-scored with ``score()``: alone (in
    ``Explanation.steps``) or after the steps before it (in ``Explanation.path``)."""
    fixes: Fix | None = None
    """The eligibility rule this step was taken to satisfy, if any."""


@dataclass(frozen=True)
class PathStep:
    step: Step
    total: float
    """The region's total after this step (and every one before it)."""
    eligible: bool
    rank: int | None
    """In the pool after this step, others unchanged; None without a pool or if
    ineligible."""
    cohort: int | None
    band: Band | None


@dataclass(frozen=True)
class FailedGate:
    """An eligibility rule the region fails, and the value that would pass it."""

    kind: Fix
    target: str
    """The indicator's address, the factor's id, or ``coverage``."""
    value: Value | float | None
    """What the region has (None: absent)."""
    required: Value | float
    """The least value that passes: the gate, the factor's min_score, min_coverage."""


@dataclass(frozen=True)
class FactorComparison:
    id: str
    score: float
    contribution: float
    median_contribution: float | None
    """The median contribution of this factor among the selected regions (all cohorts);
    None without a pool or when nobody was selected."""

    @property
    def difference(self) -> float | None:
        if self.median_contribution is None:
            return None
        return self.contribution - self.median_contribution


@dataclass(frozen=True)
class Highlight:
    """A strength or a weakness, in points of the total."""

    kind: Literal["factor", "indicator"]
    id: str
    """A factor id or an indicator address."""
    points: float
    """Against the median of the selected regions: points above (+) or below (-) it.
    Without a pool: the points it earns (strengths) or loses (weaknesses, negative)."""


@dataclass(frozen=True)
class Explanation:
    card: ScoreCard
    target: Literal["cohort", "band"]
    ranking: Ranking | None
    """The pool ranked with the region's submission in it; None without a pool."""
    region: RankedRegion | None
    cutoff_score: float | None
    """The score of the last region selected (the last cohort that took anyone)."""
    gap: float | None
    """Cohort target: cut-off score minus the region's total (None when selected).
    Band target: the next band's min minus the region's rounded total."""
    next_band: Band | None
    factors: tuple[FactorComparison, ...]
    strengths: tuple[Highlight, ...]
    weaknesses: tuple[Highlight, ...]
    failed: tuple[FailedGate, ...]
    steps: tuple[Step, ...]
    """Every single step from the submission as it is, gate fixes first, then by gain."""
    path: tuple[PathStep, ...]
    """The fewest steps, in order, that reach the target (see ``explain``)."""
    reached: bool
    """The target is reached after ``path`` (trivially when it already was)."""

    @property
    def done(self) -> bool:
        """Nothing to do: already selected, or eligible and in the top band."""
        return self.reached and not self.path


class ExcludedRegion(ValueError):
    """The region is among the excluded codes: it cannot be selected this round."""


def explain(
    criteria: Criteria,
    submission: Submission,
    pool: Sequence[Submission] | None = None,
    cohorts: Sequence[Cohort] | None = None,
    max_per_province: int | None = None,
    excluded: Collection[str] = (),
) -> Explanation:
    """Explain ``submission`` against the cut-off of ``pool`` (its own version replaces
    the pool's, if the pool has the region too), or, without a pool, against the bands.

    The path is greedy and counts steps, not effort: first every failed gate is fixed
    (an ineligible region cannot be selected at all), then the step with the largest
    re-scored gain is taken, one at a time, until the full ranking puts the region in a
    cohort (ties at the cut-off decided by SPEC section 4's tie-break, as in
    ``assess rank``) or it reaches the next band. The other regions stay as they are.
    """
    wanted = list(cohorts if cohorts is not None else criteria.cohorts)
    card = score(criteria, submission)
    if pool is None:
        return _against_bands(criteria, submission, card)
    if submission.code in excluded:
        raise ExcludedRegion(submission.code)
    others = score_pool(criteria, [s for s in pool if s.code != submission.code])
    context = _Pool(criteria, others, wanted, max_per_province, excluded)
    ranking = context.rank(card)
    region = next(r for r in ranking.regions if r.code == submission.code)
    cutoff = ranking.last_cutoff
    selected = [r.card for r in ranking.selected if r.code != submission.code]
    factors = _factor_comparisons(card, selected)
    strengths, weaknesses = _highlights_against(card, selected)

    def placed(candidate: Submission) -> tuple[ScoreCard, RankedRegion]:
        new_card = score(criteria, candidate)
        return new_card, context.region(new_card)

    def reached(candidate: Submission) -> bool:
        return placed(candidate)[1].cohort is not None

    if wanted:
        path, done = _path(criteria, submission, reached, placed)
    else:
        path, done = (), False  # no cohort to get into
    return Explanation(
        card=card,
        target="cohort",
        ranking=ranking,
        region=region,
        cutoff_score=cutoff,
        gap=_gap(criteria, region, cutoff),
        next_band=None,
        factors=factors,
        strengths=strengths,
        weaknesses=weaknesses,
        failed=tuple(failed_gates(criteria, card)),
        steps=tuple(single_steps(criteria, submission)),
        path=path,
        reached=done,
    )


# --- the pool with one region swapped ---------------------------------------------------------


class _Pool:
    def __init__(
        self,
        criteria: Criteria,
        others: list[ScoreCard],
        cohorts: list[Cohort],
        cap: int | None,
        excluded: Collection[str],
    ) -> None:
        self.criteria = criteria
        self.others = others
        self.cohorts = cohorts
        self.cap = cap
        self.excluded = excluded

    def rank(self, card: ScoreCard) -> Ranking:
        return rank(self.criteria, [*self.others, card], self.cohorts, self.cap, self.excluded)

    def region(self, card: ScoreCard) -> RankedRegion:
        return next(r for r in self.rank(card).regions if r.code == card.code)


# --- bands ------------------------------------------------------------------------------------


def _gap(criteria: Criteria, region: RankedRegion, cutoff: float | None) -> float | None:
    """How far the region is below the cut-off (``gaps_below``), as the ranking measures
    it; for an ineligible region too. None when selected or left out by the cap."""
    if region.cohort is not None or cutoff is None or region.left_out_by_cap:
        return None
    return float(gaps_below(criteria, cutoff, np.array([region.card.total]))[0])


def _against_bands(criteria: Criteria, submission: Submission, card: ScoreCard) -> Explanation:
    target = card.next_band

    def placed(candidate: Submission) -> tuple[ScoreCard, None]:
        return score(criteria, candidate), None

    def reached(candidate: Submission) -> bool:
        new_card = score(criteria, candidate)
        return new_card.eligible and (target is None or new_card.band_index < card.band_index)

    path, done = _path(criteria, submission, reached, placed)
    strengths, weaknesses = _highlights_alone(card)
    return Explanation(
        card=card,
        target="band",
        ranking=None,
        region=None,
        cutoff_score=None,
        gap=None if target is None else target.min - card.rounded_total,
        next_band=target,
        factors=tuple(FactorComparison(f.id, f.score, f.contribution, None) for f in card.factors),
        strengths=strengths,
        weaknesses=weaknesses,
        failed=tuple(failed_gates(criteria, card)),
        steps=tuple(single_steps(criteria, submission)),
        path=path,
        reached=done,
    )


# --- gates ------------------------------------------------------------------------------------


def failed_gates(criteria: Criteria, card: ScoreCard) -> list[FailedGate]:
    """Every eligibility rule the region fails (SPEC section 3), in the order of
    ``card.reasons``: factor minimums and indicator gates in file order, then coverage."""
    failed: list[FailedGate] = []
    for factor, scored in zip(criteria.factors, card.factors, strict=True):
        if scored.below_minimum and factor.min_score is not None:
            failed.append(FailedGate("factor-min", factor.id, scored.score, factor.min_score))
        for spec, item in zip(factor.indicators, scored.indicators, strict=True):
            if item.gate_passed is False and spec.gate is not None:
                failed.append(FailedGate("gate", item.address, item.value, spec.gate))
    if card.coverage_short:
        failed.append(FailedGate("coverage", "coverage", card.coverage, criteria.min_coverage))
    return failed


# --- steps ------------------------------------------------------------------------------------


def _best_number(indicator: Indicator) -> float:
    """The best goalpost, kept inside ``valid``."""
    assert indicator.goalposts is not None
    best = indicator.goalposts.best
    valid = indicator.valid
    if valid is not None:
        if valid.min is not None:
            best = max(best, valid.min)
        if valid.max is not None:
            best = min(best, valid.max)
    return best


def _next_value(indicator: Indicator, value: Value | None) -> tuple[Value, StepKind] | None:
    """The one step up from ``value``; None when it is already the best there is."""
    if indicator.type == "boolean":
        return None if value is True else (True, "boolean")
    if indicator.type == "level":
        scores = indicator.level_scores
        order = list(scores)
        if value is None:
            # An absent level is below the lowest: its first step is the lowest level that
            # earns anything (the lowest of all when none does).
            first = next((level for level in order if scores[level] > 0), order[0])
            return first, "level"
        index = order.index(str(value))
        return None if index + 1 >= len(order) else (order[index + 1], "level")
    best = _best_number(indicator)
    if value is not None and normalise(indicator, value) >= normalise(indicator, best):
        return None
    return best, "number"


def _gate_value(indicator: Indicator, value: Value | None) -> Value | None:
    """The least value that passes the gate (the gate itself), when ``value`` does not."""
    return indicator.gate if passes_gate(indicator, value) is False else None


def _candidates(criteria: Criteria, submission: Submission) -> list[tuple[str, Value, StepKind]]:
    """Every single step from ``submission``, in file order: the step up, and the step
    straight to the gate when that is a different value."""
    found: list[tuple[str, Value, StepKind]] = []
    for address, (_, indicator) in criteria.addresses.items():
        value = submission.values.get(address)
        gate = _gate_value(indicator, value)
        if gate is not None:
            found.append((address, gate, "gate"))
        step = _next_value(indicator, value)
        if step is not None and step[0] != gate:
            found.append((address, step[0], step[1]))
    return found


def _with(submission: Submission, address: str, value: Value) -> Submission:
    return replace(submission, values={**submission.values, address: value})


def single_steps(criteria: Criteria, submission: Submission) -> list[Step]:
    """Every single step from the submission as it is, each with its re-scored gain:
    those that fix a failed gate first, then by gain (highest first), then file order."""
    base = score(criteria, submission).total
    candidates = list(_candidates(criteria, submission))
    # Every candidate re-scored at once, as one pool: the same numbers as one by one.
    scored = score_pool(criteria, [_with(submission, a, v) for a, v, _ in candidates])
    steps = []
    for (address, value, kind), new_card in zip(candidates, scored, strict=True):
        gain = new_card.total - base
        steps.append(
            Step(
                address=address,
                before=submission.values.get(address),
                after=value,
                kind=kind,
                gain=gain,
                fixes="gate" if kind == "gate" else None,
            )
        )
    order = {address: i for i, address in enumerate(criteria.addresses)}
    return sorted(steps, key=lambda s: (s.fixes is None, -s.gain, order[s.address]))


def _path(
    criteria: Criteria,
    submission: Submission,
    reached: _Reached,
    placed: _Placed,
) -> tuple[tuple[PathStep, ...], bool]:
    """The greedy path: fix the gates, then take the biggest gain until ``reached``."""
    path: list[PathStep] = []
    current = submission
    order = {address: i for i, address in enumerate(criteria.addresses)}

    def take(address: str, value: Value, kind: StepKind, fixes: Fix | None) -> None:
        nonlocal current
        before_total = score(criteria, current).total
        before = current.values.get(address)
        current = _with(current, address, value)
        new_card, region = placed(current)
        step = Step(address, before, value, kind, new_card.total - before_total, fixes)
        path.append(
            PathStep(
                step=step,
                total=new_card.total,
                eligible=new_card.eligible,
                rank=None if region is None else region.rank,
                cohort=None if region is None else region.cohort,
                band=new_card.band,
            )
        )

    # 1. Indicator gates: straight to the least value that passes, in file order.
    for address, (_, indicator) in criteria.addresses.items():
        gate = _gate_value(indicator, current.values.get(address))
        if gate is not None:
            take(address, gate, "gate", "gate")
    # 2. Factor minimums: the steps that raise that factor's score most, until it passes.
    for factor in criteria.factors:
        while _below_minimum(criteria, factor, current):
            best = _best_step(criteria, current, order, factor_id=factor.id)
            if best is None:
                return tuple(path), False
            take(*best, "factor-min")
    # 3. Coverage: values for the absent indicators that carry the most weight.
    while _coverage_short(criteria, current):
        best = _best_step(criteria, current, order, absent_only=True)
        if best is None:
            return tuple(path), False
        take(*best, "coverage")
    # 4. The target: the biggest re-scored gain, one step at a time.
    while not reached(current):
        best = _best_step(criteria, current, order)
        if best is None:
            return tuple(path), False
        take(*best, None)
    return tuple(path), True


def _below_minimum(criteria: Criteria, factor: Factor, submission: Submission) -> bool:
    if factor.min_score is None:
        return False
    card = score(criteria, submission)
    scored = next(f for f in card.factors if f.id == factor.id)
    return scored.below_minimum


def _coverage_short(criteria: Criteria, submission: Submission) -> bool:
    return score(criteria, submission).coverage_short


def _best_step(
    criteria: Criteria,
    submission: Submission,
    order: dict[str, int],
    *,
    factor_id: str | None = None,
    absent_only: bool = False,
) -> tuple[str, Value, StepKind] | None:
    """The candidate step with the largest gain (in the factor's score when
    ``factor_id`` is given, in coverage when ``absent_only``, else in the total); ties
    go to file order. None when no step gains anything."""
    base = score(criteria, submission)
    candidates = [
        (address, value, kind)
        for address, value, kind in _candidates(criteria, submission)
        if (factor_id is None or address.startswith(f"{factor_id}."))
        and not (absent_only and address in submission.values)
    ]
    cards = score_pool(criteria, [_with(submission, a, v) for a, v, _ in candidates])
    best: tuple[tuple[float, int], tuple[str, Value, StepKind]] | None = None
    for (address, value, kind), card in zip(candidates, cards, strict=True):
        if factor_id is not None:
            gain = _factor_score(card, factor_id) - _factor_score(base, factor_id)
        elif absent_only:
            gain = card.coverage - base.coverage
        else:
            gain = card.total - base.total
        if gain <= 0.0:
            continue
        key = (-gain, order[address])
        if best is None or key < best[0]:
            best = (key, (address, value, kind))
    return None if best is None else best[1]


def _factor_score(card: ScoreCard, factor_id: str) -> float:
    return next(f.score for f in card.factors if f.id == factor_id)


# --- strengths and weaknesses -----------------------------------------------------------------


def _factor_comparisons(card: ScoreCard, selected: list[ScoreCard]) -> tuple[FactorComparison, ...]:
    result = []
    for f, factor in enumerate(card.factors):
        median = (
            statistics.median(c.factors[f].contribution for c in selected) if selected else None
        )
        result.append(FactorComparison(factor.id, factor.score, factor.contribution, median))
    return tuple(result)


def _indicator_points(card: ScoreCard) -> dict[str, float]:
    return {item.address: item.points for factor in card.factors for item in factor.indicators}


def _split(items: list[Highlight]) -> tuple[tuple[Highlight, ...], tuple[Highlight, ...]]:
    above = sorted((h for h in items if h.points > 0), key=lambda h: -h.points)
    below = sorted((h for h in items if h.points < 0), key=lambda h: h.points)
    return tuple(above[:HIGHLIGHTS]), tuple(below[:HIGHLIGHTS])


def _highlights_against(
    card: ScoreCard, selected: list[ScoreCard]
) -> tuple[tuple[Highlight, ...], tuple[Highlight, ...]]:
    """Factors and indicators furthest above and below the median of the selected regions
    (stable order: by distance, then file order)."""
    if not selected:
        return _highlights_alone(card)
    factors = [
        Highlight(
            "factor",
            f.id,
            f.contribution - statistics.median(c.factors[i].contribution for c in selected),
        )
        for i, f in enumerate(card.factors)
    ]
    mine = _indicator_points(card)
    theirs = [_indicator_points(c) for c in selected]
    indicators = [
        Highlight("indicator", address, points - statistics.median(t[address] for t in theirs))
        for address, points in mine.items()
    ]
    fs, fw = _split(factors)
    is_, iw = _split(indicators)
    return fs + is_, fw + iw


def _highlights_alone(card: ScoreCard) -> tuple[tuple[Highlight, ...], tuple[Highlight, ...]]:
    """Without a pool: the indicators that earn the most and those that lose the most."""
    earned = sorted(
        (
            Highlight("indicator", address, points)
            for address, points in _indicator_points(card).items()
            if points > 0
        ),
        key=lambda h: -h.points,
    )
    lost = [Highlight("indicator", i.address, -i.points_lost) for i in card.weakest(HIGHLIGHTS)]
    return tuple(earned[:HIGHLIGHTS]), tuple(lost)
