"""Explaining one region: where it stands against the cut-off (or the bands), what sets it
apart from the selected regions, which gates it fails, and the fewest single-indicator
steps that would get it in (issue 5). Pure: no I/O, no printing.

Every number here comes from the scorer (one submission is a pool of one) and the
ranking: a step's gain is the total of the re-scored submission minus the total before,
and "gets it in" means the full ``ranking.rank`` of the pool, with the region's improved
submission in place of its own, puts it in a cohort. Nothing is added up on the side.
"""

from __future__ import annotations

import math
import statistics
from bisect import bisect_left
from collections.abc import Callable, Collection, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from decimal import Decimal
from itertools import chain, combinations
from typing import Literal, overload

import numpy as np

from smartcity_assess.core.criteria import Band, Cohort, Criteria, Indicator, Range
from smartcity_assess.core.ranking import (
    RankedRegion,
    Ranking,
    gaps_below,
    province_of,
    rank,
    rank_order,
)
from smartcity_assess.core.scoring import (
    Ints,
    PoolScores,
    ScoreCard,
    normalise,
    passes_gate,
    score,
    score_pool,
)
from smartcity_assess.core.submission import Submission, Value

StepKind = Literal["level", "boolean", "number", "gate"]
"""A single step (``Explanation.steps``): level, one level up; boolean, to true; number,
to its best goalpost; gate, straight to the least value that passes the indicator's gate.
A path step's kind is its indicator's type."""

Fix = Literal["gate", "factor-min", "coverage"]

HIGHLIGHTS = 3
"""How many strengths and weaknesses of each kind (factor, indicator) are listed."""


_Reached = Callable[[ScoreCard], bool]
"""Whether a (modified) submission's scorecard reaches the target."""
_Placed = Callable[[ScoreCard], RankedRegion | None]
"""With a pool, where the ranking puts a (modified) submission's scorecard."""

PROBES = 16
"""Values scored at once (as one pool) in each round of the search for a step's least
value; the first of them that reaches the target is found by bisection."""


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
    """Cohort target: cut-off score minus the region's total (None when selected, or when
    its province is full: see ``full_province``).
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
    search: Search
    """Whether ``path`` is proven the fewest steps, and how far the search went."""
    full_province: FullProvince | None = None
    """With a province cap: the places of the region's province, when the cap is what
    kept it out (it was passed over for a cohort it would otherwise have entered)."""

    @property
    def done(self) -> bool:
        """Nothing to do: already selected, or eligible and in the top band."""
        return self.reached and not self.path


@dataclass(frozen=True)
class FullProvince:
    province: str
    """The province code (``ranking.province_of``)."""
    cap: int
    """``max_per_province``: the most regions of one province in each cohort."""
    holders: tuple[RankedRegion, ...]
    """The province's selected regions, in rank order: they hold its places."""

    @property
    def weakest(self) -> RankedRegion:
        """The lowest ranked holder: a region that ranks above it takes a place."""
        return self.holders[-1]


class ExcludedRegion(ValueError):
    """The region is among the excluded codes: it cannot be selected this round."""


def explain(
    criteria: Criteria,
    submission: Submission,
    pool: Sequence[Submission] | None = None,
    cohorts: Sequence[Cohort] | None = None,
    max_per_province: int | None = None,
    excluded: Collection[str] = (),
    members: Mapping[str, Collection[str]] | None = None,
) -> Explanation:
    """Explain ``submission`` against the cut-off of ``pool`` (its own version replaces
    the pool's, if the pool has the region too), or, without a pool, against the bands.

    The path is the fewest steps, each changing one indicator, that get the full ranking
    to put the region in a cohort (ties at the cut-off decided by SPEC section 4's
    tie-break, as in ``assess rank``), or it to the next band (``_fewest``); each step is
    the least value that still gets there (``_least_values``). It counts indicators, not
    effort. The other regions stay as they are.
    """
    wanted = list(cohorts if cohorts is not None else criteria.cohorts)
    card = score(criteria, submission)
    if pool is None:
        return _against_bands(criteria, submission, card)
    if submission.code in excluded:
        raise ExcludedRegion(submission.code)
    others = score_pool(criteria, [s for s in pool if s.code != submission.code])
    context = _Pool(criteria, others, wanted, max_per_province, excluded, members or {})
    ranking = context.rank(card)
    region = next(r for r in ranking.regions if r.code == submission.code)
    cutoff = ranking.cutoff_for(region.card.submission.kind)
    selected = [r.card for r in ranking.selected if r.code != submission.code]
    factors = _factor_comparisons(card, selected)
    strengths, weaknesses = _highlights_against(card, selected)

    def reached(new_card: ScoreCard) -> bool:
        return context.region(new_card).cohort is not None

    full_province = _full_province(ranking, region)
    if wanted:
        path, done, search = _path(criteria, submission, reached, context.region)
    else:
        path, done, search = (), False, Search(True, 0, 0)  # no cohort to get into
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
        search=search,
        full_province=full_province,
    )


def _full_province(ranking: Ranking, region: RankedRegion) -> FullProvince | None:
    """Its province's places, when the cap is what kept an eligible region out."""
    cap = ranking.max_per_province
    if cap is None or not region.left_out_by_cap:
        return None
    province = province_of(region.card)
    holders = tuple(r for r in ranking.selected if province_of(r.card) == province)
    return FullProvince(province, cap, holders)


# --- the pool with one region swapped ---------------------------------------------------------


class _Pool:
    def __init__(
        self,
        criteria: Criteria,
        others: list[ScoreCard],
        cohorts: list[Cohort],
        cap: int | None,
        excluded: Collection[str],
        members: Mapping[str, Collection[str]],
    ) -> None:
        self.criteria = criteria
        self.others = others
        self.cohorts = cohorts
        self.cap = cap
        self.excluded = excluded
        self.members = members

    def rank(self, card: ScoreCard) -> Ranking:
        pool = [*self.others, card]
        return rank(self.criteria, pool, self.cohorts, self.cap, self.excluded, self.members)

    def region(self, card: ScoreCard) -> RankedRegion:
        return next(r for r in self.rank(card).regions if r.code == card.code)


# --- bands ------------------------------------------------------------------------------------


def _gap(criteria: Criteria, region: RankedRegion, cutoff: float | None) -> float | None:
    """How far the region is below the cut-off (``gaps_below``), as the ranking measures
    it; for an ineligible region too. None when selected or left out by the cap."""
    if region.cohort is not None or cutoff is None or region.left_out_by_cap:
        return None
    return float(gaps_below(criteria, cutoff, np.array([region.card.total_key]))[0])


def _against_bands(criteria: Criteria, submission: Submission, card: ScoreCard) -> Explanation:
    target = card.next_band

    def reached(new_card: ScoreCard) -> bool:
        return new_card.eligible and (target is None or new_card.band_index < card.band_index)

    path, done, search = _path(criteria, submission, reached, lambda _: None)
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
        search=search,
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
    return _inside_valid(indicator, indicator.goalposts.best)


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


SEARCH_LIMIT = 100_000
"""The most sets of indicators the path search scores (``_fewest``). All the sets of one
size are scored before any of the next size; a size whose sets would go past the limit
is not searched, and the path is then completed one indicator at a time (``_greedy``)
and not claimed to be the fewest."""

_BATCH = 20_000
"""Sets scored at once (a batch's arrays stay a few megabytes)."""


@dataclass(frozen=True)
class Search:
    """How far the path search went."""

    exact: bool
    """The search was not stopped by its limit: the path is the fewest steps there are
    (or, when the target is not reached, no set of steps reaches it)."""
    fewest_possible: int
    """No path has fewer steps than this."""
    sets: int
    """Sets of indicators scored."""


def _best_value(indicator: Indicator, value: Value | None) -> Value | None:
    """The value that scores most and passes the gate (inside ``valid``): ``true``, the
    top level, the best goalpost or, when the gate asks for more, the gate. None when
    ``value`` is already as good."""
    best: Value
    if indicator.type == "boolean":
        best = True
    elif indicator.type == "level":
        best = list(indicator.level_scores)[-1]
    else:
        best = _best_number(indicator)
        if passes_gate(indicator, best) is False:
            assert isinstance(indicator.gate, int | float)
            best = _inside_valid(indicator, float(indicator.gate))
    if (
        value is not None
        and passes_gate(indicator, value) is not False
        and normalise(indicator, value) >= normalise(indicator, best)
    ):
        return None
    return best


def _decimals(number: float) -> int:
    exponent = Decimal(repr(float(number))).normalize().as_tuple().exponent
    return max(0, -int(exponent)) if isinstance(exponent, int) else 0


def _options(indicator: Indicator, value: Value | None, best: Value) -> Sequence[Value]:
    """The values a step on ``indicator`` can propose, from the least change to ``best``:
    a boolean's ``true`` (``false`` first when absent: a value counts for coverage);
    every level above ``value`` (every level when absent); for a number, every value
    from ``value`` towards ``best`` in units of its precision (the most decimals among the
    value, the goalposts, the gate and the valid bounds), starting at the worst goalpost
    when absent, and ``best`` itself last."""
    if indicator.type == "boolean":
        return [False, True] if value is None else [True]
    if indicator.type == "level":
        order = list(indicator.level_scores)
        first = 0 if value is None else order.index(str(value)) + 1
        return order[first : order.index(str(best)) + 1]
    assert indicator.goalposts is not None and isinstance(best, float)
    start = _inside_valid(indicator, indicator.goalposts.worst) if value is None else value
    assert isinstance(start, int | float)
    valid = indicator.valid or Range()
    goalposts = indicator.goalposts
    bounds = (start, goalposts.worst, goalposts.best, indicator.gate, valid.min, valid.max)
    digits = min(6, max(_decimals(x) for x in bounds if isinstance(x, int | float)))
    return _Grid(float(start), best, digits, skip_start=value is not None)


class _Grid(Sequence[float]):
    """Numbers from ``start`` to ``end`` in steps of 10**-digits, ``end`` last, without a
    list of them (a range of millions of units is searched by bisection)."""

    def __init__(self, start: float, end: float, digits: int, *, skip_start: bool) -> None:
        self.start, self.end, self.digits = start, end, digits
        self.sign = 1.0 if end > start else -1.0
        self.first = 1 if skip_start else 0
        units = abs(end - start) * 10.0**digits
        self.size = max(1, math.ceil(round(units, 6)) - self.first + 1)

    def __len__(self) -> int:
        return self.size

    @overload
    def __getitem__(self, index: int) -> float: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[float]: ...
    def __getitem__(self, index: int | slice) -> float | Sequence[float]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(self.size))]
        if index < 0:
            index += self.size
        if index == self.size - 1:
            return self.end
        if not 0 <= index < self.size:
            raise IndexError(index)
        step = (self.first + index) * 10.0**-self.digits
        return round(self.start + self.sign * step, self.digits)


def _inside_valid(indicator: Indicator, number: float) -> float:
    valid = indicator.valid
    if valid is not None:
        if valid.min is not None:
            number = max(number, valid.min)
        if valid.max is not None:
            number = min(number, valid.max)
    return number


def _path(
    criteria: Criteria,
    submission: Submission,
    reached: _Reached,
    placed: _Placed,
) -> tuple[tuple[PathStep, ...], bool, Search]:
    """The fewest steps that reach the target (see ``explain``), each at the least value
    that still reaches it, and how far the search went."""
    if reached(score(criteria, submission)):
        return (), True, Search(True, 0, 1)
    best: dict[str, Value] = {}
    for address, (_, indicator) in criteria.addresses.items():
        value = _best_value(indicator, submission.values.get(address))
        if value is not None:
            best[address] = value
    chosen, search = _fewest(criteria, submission, best, reached)
    if chosen is None:
        return (), False, search
    values = _least_values(criteria, submission, chosen, best, reached)
    return _walk(criteria, submission, values, placed), True, search


def _fewest(
    criteria: Criteria,
    submission: Submission,
    best: dict[str, Value],
    reached: _Reached,
) -> tuple[list[str] | None, Search]:
    """The set of indicators that reaches the target with each at its best value: the
    smallest set, and of those the one that ranks first at those values (SPEC section
    4's order: rounded total, then factor scores by weight), then the earliest found.

    A set reaches the target only if it does at its best values: a better value never
    scores less, fails a gate or lowers coverage. Every indicator that fails its gate is
    in every set: nothing else fixes a gate. A factor's score depends on its own
    indicators only, and the total and every eligibility rule on the factor scores (and
    coverage), never lower for a higher one: so of the sets that change c indicators of
    each factor, the one made of each factor's best c-subset (``_menus``) ranks first. Only
    those sets are scored, smallest first; the first size where one reaches is the answer.
    """
    addresses = list(criteria.addresses)
    scores = PoolScores(criteria, [submission, _with_all(submission, best)])

    def as_addresses(columns: Sequence[int]) -> list[str]:
        return [addresses[c] for c in sorted(columns)]

    def reaches(columns: Sequence[int]) -> bool:
        changed = _with_all(submission, {a: best[a] for a in as_addresses(columns)})
        return reached(score(criteria, changed))

    columns = [addresses.index(a) for a in best]
    forced = [c for c in columns if _fails_gate(criteria, submission, addresses[c])]
    if not reaches(columns) and criteria.missing == "zero":
        # Under missing: zero a value never scores below an absent one: if every change
        # at once does not reach the target, no set of them does.
        return None, Search(True, len(columns) + 1, 1)
    menus, tried = _menus(criteria, scores, columns, forced, score(criteria, submission))
    strongest, free = list(forced), [c for c in columns if c not in forced]
    if menus is None:  # a factor with too many subsets to score
        return _greedy(scores, strongest, free, reaches, tried, len(forced))
    for size in range(len(forced), len(columns) + 1):
        sets = [sorted(chain.from_iterable(parts)) for parts in _compositions(menus, size)]
        if tried + len(sets) > SEARCH_LIMIT:
            return _greedy(scores, strongest, free, reaches, tried, size)
        tried += len(sets)
        winner = _strongest(criteria, scores, np.array(sets, dtype=np.int64), len(addresses))
        if winner is not None:
            strongest = winner
            if reaches(winner):
                return as_addresses(winner), Search(True, len(winner), tried)
    return None, Search(True, len(columns) + 1, tried)


_Menu = dict[int, list[tuple[int, ...]]]
"""A factor's best subsets of its changeable columns, by how many they change."""


def _menus(
    criteria: Criteria,
    scores: PoolScores,
    columns: list[int],
    forced: list[int],
    card: ScoreCard,
) -> tuple[list[_Menu] | None, int]:
    """For each factor, its best subsets of each size among ``columns`` (each with the
    factor's ``forced`` ones), scored at their best values: the one with the highest factor
    score (the first in file order of equals). When coverage is short, every subset that no
    other of its size beats on both factor score and coverage. Also how many were scored;
    None instead of the menus when that would pass ``SEARCH_LIMIT``."""
    menus: list[_Menu] = []
    tried = 0
    first = 0
    for f, factor in enumerate(criteria.factors):
        own = range(first, first + len(factor.indicators))
        first += len(factor.indicators)
        mine = [c for c in columns if c in own]
        must = tuple(c for c in mine if c in forced)
        free = [c for c in mine if c not in forced]
        if tried + 2 ** len(free) > SEARCH_LIMIT:
            return None, tried
        subsets = [
            (*must, *extra) for size in range(len(free) + 1) for extra in combinations(free, size)
        ]
        tried += len(subsets)
        changed = np.zeros((len(subsets), len(scores.indicators)), dtype=np.bool_)
        for row, subset in enumerate(subsets):
            changed[row, list(subset)] = True
        scored = scores.mixed(changed)
        factor_score = scored.scores[:, f].tolist()
        covered = [0.0] * len(subsets)
        if card.coverage_short and scored.coverage is not None:
            covered = scored.coverage[0].tolist()
        menu: _Menu = {}
        keys: dict[tuple[int, ...], tuple[float, float]] = {}
        for row, subset in enumerate(subsets):
            key = (factor_score[row], covered[row])
            kept = menu.setdefault(len(subset), [])
            if any(_at_least(keys[other], key) for other in kept):
                continue
            kept[:] = [other for other in kept if not _at_least(key, keys[other])]
            kept.append(subset)
            keys[subset] = key
        menus.append(menu)
    return menus, tried


def _at_least(one: tuple[float, float], other: tuple[float, float]) -> bool:
    return one[0] >= other[0] and one[1] >= other[1]


def _compositions(menus: list[_Menu], size: int) -> Iterator[tuple[tuple[int, ...], ...]]:
    """Every choice of one subset from each factor's menu that changes ``size`` columns in
    all, in file order."""
    if not menus:
        if size == 0:
            yield ()
        return
    for count, subsets in menus[0].items():
        if count <= size:
            for rest in _compositions(menus[1:], size - count):
                for subset in subsets:
                    yield (subset, *rest)


def _fails_gate(criteria: Criteria, submission: Submission, address: str) -> bool:
    return passes_gate(criteria.addresses[address][1], submission.values.get(address)) is False


def _greedy(
    scores: PoolScores,
    start: list[int],
    free: list[int],
    reaches: Callable[[Sequence[int]], bool],
    tried: int,
    fewest_possible: int,
) -> tuple[list[str] | None, Search]:
    """Past the search limit: from the strongest set of the last size searched, add the
    indicator that makes the strongest set, one at a time, until the target is reached."""
    chosen = list(start)
    criteria = scores.criteria
    addresses = list(criteria.addresses)
    while not reaches(chosen):
        left = [c for c in free if c not in chosen]
        sets = np.array([[*chosen, c] for c in left], dtype=np.int64)
        winner = _strongest(criteria, scores, sets, len(addresses))
        tried += len(left)
        if winner is None:
            return None, Search(False, fewest_possible, tried)
        chosen = winner
    return [addresses[c] for c in sorted(chosen)], Search(False, fewest_possible, tried)


def _strongest(criteria: Criteria, scores: PoolScores, sets: Ints, width: int) -> list[int] | None:
    """Of ``sets`` of columns, each scored at its best values (row 1 of ``scores``) with
    the rest as submitted (row 0), the eligible one that ranks first; ties go to the
    earlier set. None when none is eligible."""
    winners: list[tuple[int, int, Ints]] = []
    for start in range(0, len(sets), _BATCH):
        batch = sets[start : start + _BATCH]
        changed = np.zeros((len(batch), width), dtype=np.bool_)
        changed[np.arange(len(batch))[:, None], batch] = True
        scored = scores.mixed(changed)
        eligible = scored.eligible[0]
        order = rank_order(
            criteria, scored.total_keys[0], scored.factor_keys, np.arange(len(batch)), eligible
        )
        first = int(order[0])
        if eligible[first]:
            winners.append(
                (start + first, int(scored.total_keys[0][first]), scored.factor_keys[first])
            )
    if not winners:
        return None
    order = rank_order(
        criteria,
        np.array([w[1] for w in winners]),
        np.stack([w[2] for w in winners]),
        np.array([w[0] for w in winners]),
    )
    winner: list[int] = sets[winners[int(order[0])][0]].tolist()
    return winner


def _least_values(
    criteria: Criteria,
    submission: Submission,
    chosen: list[str],
    best: dict[str, Value],
    reached: _Reached,
) -> dict[str, Value]:
    """The path's steps, in order, each at the least value that still reaches the target
    with the steps before it at theirs and the steps after it at their best: gate fixes
    first (file order), then by what the step gains alone at its best value (most first,
    then file order). Found by searching ``_options`` (``PROBES`` at a time, each try
    re-scored): a higher value never reaches less."""
    alone = score_pool(criteria, [_with(submission, a, best[a]) for a in chosen])
    gains = {a: card.total for a, card in zip(chosen, alone, strict=True)}
    fixing = {a for a in chosen if _fails_gate(criteria, submission, a)}
    ordered = sorted(chosen, key=lambda a: (a not in fixing, -gains[a]))
    values = {a: best[a] for a in ordered}
    for address in ordered:
        indicator = criteria.addresses[address][1]
        options = _options(indicator, submission.values.get(address), best[address])
        low, high = 0, len(options) - 1  # options[high] reaches the target, below low fail
        while low < high:
            probes = sorted({low + (high - low) * i // PROBES for i in range(PROBES)})
            trials = [_with_all(submission, {**values, address: options[i]}) for i in probes]
            cards = score_pool(criteria, trials)
            first = bisect_left(range(len(probes)), True, key=lambda i: reached(cards[i]))
            if first < len(probes):
                high = probes[first]
            low = probes[first - 1] + 1 if first > 0 else low
        values[address] = options[high]
    return values


def _walk(
    criteria: Criteria, submission: Submission, values: dict[str, Value], placed: _Placed
) -> tuple[PathStep, ...]:
    """The steps taken one after the other, each re-scored and, with a pool, re-ranked."""
    steps = list(values.items())
    after = [_with_all(submission, dict(steps[: i + 1])) for i in range(len(steps))]
    cards = score_pool(criteria, [submission, *after])
    path: list[PathStep] = []
    for (address, value), before, new_card in zip(steps, cards, cards[1:], strict=False):
        region = placed(new_card)
        step = Step(
            address,
            submission.values.get(address),
            value,
            criteria.addresses[address][1].type,
            new_card.total - before.total,
            _fixes(criteria, cards[0], address),
        )
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
    return tuple(path)


def _fixes(criteria: Criteria, card: ScoreCard, address: str) -> Fix | None:
    """The eligibility rule a step on ``address`` helps to satisfy, if any: its failed
    gate, its factor's minimum, or coverage (a value where there was none)."""
    factor, indicator = criteria.addresses[address]
    value = card.submission.values.get(address)
    if passes_gate(indicator, value) is False:
        return "gate"
    if next(f for f in card.factors if f.id == factor.id).below_minimum:
        return "factor-min"
    if value is None and card.coverage_short:
        return "coverage"
    return None


def _with_all(submission: Submission, values: dict[str, Value]) -> Submission:
    return replace(submission, values={**submission.values, **values})


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
