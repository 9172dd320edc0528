"""Scoring: pure functions from criteria and submissions to scorecards.

No I/O and no printing. Nothing is rounded here except where the method says a
comparison is made on the number the user sees (bands, ``min_score``, ties), and then
by ``rounding.round_key``'s rule (``round_keys``).

The method has one implementation, written as array operations over a pool: one row
per region, one column per indicator (in criteria order). ``score()`` of one
submission is a pool of one, so ``assess score``, ``rank`` and ``sensitivity`` compute
every number the same way. The loops run over indicators and factors, never over
regions, and they add in file order, so a total is exactly the sum of the
contributions shown beside it.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from itertools import accumulate, repeat
from operator import attrgetter
from typing import Any, TypeVar

import numpy as np
import numpy.typing as npt

from smartcity_assess.core.criteria import Band, Criteria, Factor, Indicator, indicator_share
from smartcity_assess.core.rounding import SIGNIFICANT_DIGITS, decimal_text, near_half, round_key
from smartcity_assess.core.submission import RowValues, Submission, Value, ValueColumns
from smartcity_assess.i18n import Msg, Named, Num, t

T = TypeVar("T")
Floats = npt.NDArray[np.float64]
Ints = npt.NDArray[np.int64]
Bools = npt.NDArray[np.bool_]

COVERAGE_TOLERANCE = 1e-9  # shares are sums of floats; 0.9999999999 is full coverage


# --- one indicator as a column ------------------------------------------------------------------


def encode_column(indicator: Indicator, values: Sequence[Value | None]) -> Floats:
    """Submitted values as numbers: a boolean as 1/0, a level as its position from the
    worst, a number as itself; nan where absent."""
    # None becomes nan in a float array; the codes are looked up in one C loop.
    if indicator.type == "boolean":
        codes: dict[Value | None, float] = {True: 1.0, False: 0.0, None: math.nan}
    elif indicator.type == "level":
        codes = {level: float(i) for i, level in enumerate(indicator.level_scores)}
        codes[None] = math.nan
    else:
        return np.array(values, dtype=np.float64)
    return np.fromiter(map(codes.__getitem__, values), dtype=np.float64, count=len(values))


def normalise_column(
    indicator: Indicator, raw: Floats, goalposts: tuple[Floats, Floats] | None = None
) -> Floats:
    """Encoded values on [0, 1], as SPEC section 3 defines them; nan stays nan.

    ``goalposts`` (worst, best) replace a number indicator's own; they may be arrays that
    broadcast with ``raw`` (sensitivity's runs)."""
    if indicator.type == "boolean":
        return raw
    if indicator.type == "level":
        scores = np.array([*indicator.level_scores.values(), math.nan], dtype=np.float64)
        index = np.where(np.isnan(raw), len(scores) - 1, raw).astype(np.int64)
        return scores[index]
    assert indicator.goalposts is not None
    worst, best = goalposts or (indicator.goalposts.worst, indicator.goalposts.best)
    # Clamped to the goalposts, taken in log space for ``log``, then (x - worst) / (best - worst).
    x = np.minimum(np.maximum(raw, np.minimum(worst, best)), np.maximum(worst, best))
    if indicator.transform == "log":
        x, worst, best = np.log(x), np.log(worst), np.log(best)
    normalised: Floats = (x - worst) / (best - worst)
    return normalised


def gate_column(indicator: Indicator, raw: Floats) -> Bools | None:
    """Whether each value passes the indicator's gate (absent fails); None without one."""
    gate = indicator.gate
    if gate is None:
        return None
    with np.errstate(invalid="ignore"):
        if indicator.type == "boolean":
            return raw >= 1.0
        if indicator.type == "level":
            return raw >= float(list(indicator.level_scores).index(str(gate)))
        assert isinstance(gate, int | float)
        return raw <= gate if indicator.lower_is_better else raw >= gate


def normalise(indicator: Indicator, value: Value) -> float:
    """One indicator value on [0, 1] (the column code, for a single value)."""
    return float(normalise_column(indicator, encode_column(indicator, [value]))[0])


def passes_gate(indicator: Indicator, value: Value | None) -> bool | None:
    """True/False against the indicator's gate (absent fails), None without a gate."""
    passed = gate_column(indicator, encode_column(indicator, [value]))
    return None if passed is None else bool(passed[0])


# --- factors and totals as arrays ----------------------------------------------------------------


def factor_scores(criteria: Criteria, v: Floats, present: Bools) -> tuple[Floats, Bools]:
    """Factor scores and whether each factor is included, shape (..., R, F).

    ``v`` is (..., R, I) with 0 where absent, ``present`` (R, I); each factor as
    ``factor_score`` has it."""
    shape = v.shape[:-1]
    scores = np.zeros((*shape, len(criteria.factors)))
    included = np.zeros((*shape, len(criteria.factors)), dtype=np.bool_)
    start = 0
    for f, factor in enumerate(criteria.factors):
        stop = start + len(factor.indicators)
        scores[..., f], included[..., f] = factor_score(
            criteria, factor, v[..., start:stop], present[:, start:stop]
        )
        start = stop
    return scores, included


def factor_score(
    criteria: Criteria, factor: Factor, v: Floats, present: Bools
) -> tuple[Floats, Bools]:
    """One factor's scores and whether it is included, shape (..., R), from its own
    columns of ``v`` (..., R, K) and ``present`` (R, K).

    The score is scale x sum(w v) / sum(w) over the indicators, added in file order;
    absent values count as 0 under ``missing: zero`` and are left out under ``missing:
    reweight`` (a factor with nothing left is not included).
    """
    shape = v.shape[:-1]
    numerator = np.zeros(shape)
    denominator = np.zeros(shape)
    for k, spec in enumerate(factor.indicators):
        if criteria.missing == "reweight":
            here = present[:, k]
            numerator = numerator + np.where(here, spec.weight * v[..., k], 0.0)
            denominator = denominator + np.where(here, spec.weight, 0.0)
        else:
            # An absent value is 0 in v: adding w x 0.0 leaves the sum as it was.
            numerator = numerator + spec.weight * v[..., k]
            denominator = denominator + spec.weight
    included = denominator != 0.0
    with np.errstate(divide="ignore", invalid="ignore"):
        scores = np.where(included, criteria.scale * numerator / denominator, 0.0)
    return scores, included


def points_lost(
    criteria: Criteria, v: Floats, present: Bools, weights: Floats, geometric: bool
) -> Floats:
    """What each indicator leaves on the table, (R, I): how much the total rises when it
    alone is at its best (present, v = 1) and everything else stays as it is.

    One definition for every aggregation, found by re-scoring: under a geometric index
    the smallest factor gains most. Under arithmetic with ``missing: zero`` it comes to
    scale x effective weight x (1 - v). ``v`` is (R, I), 0 where absent; ``weights`` (1, F).
    """
    scores, included = factor_scores(criteria, v, present)
    total = totals(criteria, scores, included, weights, geometric)[0]
    # A difference of two totals carries binary noise in its last digits, which would
    # order equal losses at random: read at SIGNIFICANT_DIGITS of the scale, they are
    # equal (and stay in file order). + 0.0: never -0.0.
    decimals = SIGNIFICANT_DIGITS - 1 - math.floor(math.log10(criteria.scale))
    lost = np.zeros(v.shape)
    start = 0
    for f, factor in enumerate(criteria.factors):
        stop = start + len(factor.indicators)
        for k in range(stop - start):
            best_v, best_present = v[:, start:stop].copy(), present[:, start:stop].copy()
            best_v[:, k], best_present[:, k] = 1.0, True
            best_scores, best_included = scores.copy(), included.copy()
            best_scores[:, f], best_included[:, f] = factor_score(
                criteria, factor, best_v, best_present
            )
            best = totals(criteria, best_scores, best_included, weights, geometric)[0]
            lost[:, start + k] = np.round(best - total, decimals) + 0.0
        start = stop
    return lost


def factor_shares(included: Bools, weights: Floats) -> list[Floats]:
    """Each factor's share of the total, one array per factor: its weight over the summed
    weights of the factors included for that region (0 when not included).

    ``included`` is (R, F) or (N, R, F), ``weights`` (N, F) and need not be normalised.
    """
    w = weights[:, None, :]  # (N, 1, F)
    shape = np.broadcast_shapes(included.shape[:-1], w.shape[:-1])
    included_weight = np.zeros(shape)
    for f in range(included.shape[-1]):
        included_weight = included_weight + np.where(included[..., f], w[..., f], 0.0)
    with np.errstate(divide="ignore", invalid="ignore"):
        return [
            np.where(included[..., f], w[..., f] / included_weight, 0.0)
            for f in range(included.shape[-1])
        ]


def totals(
    criteria: Criteria,
    scores: Floats,
    included: Bools,
    weights: Floats,
    geometric: Bools | bool,
) -> Floats:
    """Totals (N, R) for N factor weight vectors ``weights`` (N, F).

    ``scores`` and ``included`` are (R, F) or (N, R, F); ``geometric`` is one flag or one
    per run. Arithmetic: the contributions (share x score) added in factor order.
    Geometric: scale x exp(sum share x ln(score / scale)); one included factor at 0
    sinks the total to 0 (non-compensatory).
    """
    shares = factor_shares(included, weights)
    shape = shares[0].shape
    flags = np.asarray(geometric, dtype=np.bool_)
    result = np.zeros(shape)
    if not flags.all():
        for f, share in enumerate(shares):
            result = result + np.where(included[..., f], share * scores[..., f], 0.0)
    if flags.any():
        used = included & (scores > 0.0)
        sunk = (included & (scores <= 0.0)).any(axis=-1)
        logs = np.log(np.where(used, scores / criteria.scale, 1.0))
        log_mean = np.zeros(shape)
        for f, share in enumerate(shares):
            log_mean = log_mean + np.where(included[..., f], share * logs[..., f], 0.0)
        geo = np.where(sunk, 0.0, criteria.scale * np.exp(log_mean))
        geo = np.broadcast_to(geo, shape)
        result = np.where(flags[:, None], geo, result) if flags.ndim else geo
    return result


def round_keys(x: Floats, precision: int) -> Ints:
    """``round_key`` of every element, as an array: only the values near a half go
    through its decimal rule (each distinct value once: a pool repeats them)."""
    values = np.asarray(x, dtype=np.float64)
    scaled = values * 10.0**precision
    keys = np.rint(scaled)
    close = near_half(scaled, keys)
    if close.any():
        near, inverse = np.unique(values[close], return_inverse=True)
        exact = [round_key(value, precision) for value in near.tolist()]
        keys[close] = np.array(exact, dtype=np.float64)[inverse]
    return keys.astype(np.int64)


def band_indexes(criteria: Criteria, total_keys: Ints) -> Ints:
    """Each total's band as its position in ``criteria.bands`` (``len(bands)`` for none): the
    first band (highest first) whose ``min`` the total as shown (``total_keys``) reaches."""
    shown = total_keys / 10.0**criteria.precision
    found = np.full(shown.shape, len(criteria.bands), dtype=np.int64)
    for position in reversed(range(len(criteria.bands))):
        found[criteria.bands[position].min <= shown] = position
    return found


def effective_weights(criteria: Criteria, weights: Floats) -> Floats:
    """Each indicator's share of the total (``indicator_share``) under factor weights
    ``weights`` (N, F): (N, I), in criteria order."""
    weight_sum = np.cumsum(weights, axis=1)[:, -1]  # added in order, as factor_shares does
    columns = [
        indicator_share(weights[:, f] / weight_sum, factor, spec)
        for f, factor in enumerate(criteria.factors)
        for spec in factor.indicators
    ]
    return np.stack(columns, axis=-1)


def coverage(criteria: Criteria, present: Bools, weights: Floats) -> Floats:
    """Coverage (N, R) under factor weights ``weights`` (N, F): the effective weights of
    the indicators that have a value (``present``, (R, I)), added in file order within
    each factor, then factor by factor."""
    effective = effective_weights(criteria, weights)
    covered = np.zeros((len(weights), len(present)))
    start = 0
    for factor in criteria.factors:
        stop = start + len(factor.indicators)
        # Worked out once for each pattern of present values in the factor, not per region.
        patterns, which = _distinct_rows(present[:, start:stop])
        in_factor = np.zeros((len(weights), len(patterns)))
        for k in range(start, stop):
            in_factor += effective[:, k, None] * patterns[:, k - start]  # x 1.0 or x 0.0
        covered += in_factor[:, which]
        start = stop
    return covered


def _distinct_rows(block: Bools) -> tuple[Bools, Ints]:
    """The distinct rows of a boolean matrix and, for each row, which one it is: the
    rows are packed into bytes and compared as such (``np.unique(axis=0)`` sorts them
    column by column, ten times slower on a large pool)."""
    packed = np.ascontiguousarray(np.packbits(block, axis=1, bitorder="little"))
    width = packed.shape[1]  # a factor has at least one indicator: at least one byte
    distinct, which = np.unique(packed.view(f"V{width}").reshape(-1), return_inverse=True)
    rows = np.frombuffer(distinct.tobytes(), dtype=np.uint8).reshape(len(distinct), width)
    patterns = np.unpackbits(rows, axis=1, count=block.shape[1], bitorder="little")
    return patterns.astype(bool), which.reshape(-1)


@dataclass(frozen=True, slots=True)
class Scored:
    """A pool scored under one set of factor weights and aggregation (N = 1) or N sets at
    once. Factor arrays are (R, F), or (N, R, F) when the normalised values differ between
    the sets; the others are (N, R)."""

    scores: Floats
    included: Bools
    factor_keys: Ints
    """The factor scores rounded to the precision, times 10**precision."""
    below_minimum: Bools
    total: Floats
    total_keys: Ints
    """The totals rounded to the precision, times 10**precision."""
    coverage: Floats | None
    """The share of weight with a value; None when nobody asked and ``min_coverage`` is 0
    (then no coverage is short: sensitivity's runs do not work it out)."""
    coverage_short: Bools
    """Coverage is below the criteria's ``min_coverage`` (a float sum: within a tolerance)."""
    eligible: Bools
    """No failed gate, no factor below its minimum and coverage not short (SPEC section 3)."""


def score_arrays(
    criteria: Criteria,
    v: Floats,
    present: Bools,
    gates_failed: Bools,
    weights: Floats,
    geometric: Bools | bool,
    *,
    with_coverage: bool = False,
) -> Scored:
    """Every step of the method after normalisation and gates: factor scores, totals,
    rounding, minimum scores, coverage and eligibility. ``v`` is (R, I) or (N, R, I), 0
    where absent; ``present`` (R, I); ``gates_failed`` (R,); ``weights`` (N, F);
    ``geometric`` one flag or one per set of weights; ``with_coverage``: work coverage
    out even when ``min_coverage`` does not need it."""
    p = criteria.precision
    scores, included = factor_scores(criteria, v, present)
    factor_keys = round_keys(scores, p)
    # A minimum is judged on the score as shown; a factor without one compares with nan.
    minimums = [math.nan if f.min_score is None else f.min_score for f in criteria.factors]
    with np.errstate(invalid="ignore"):
        below = factor_keys / 10.0**p < np.array(minimums)
    total = totals(criteria, scores, included, weights, geometric)
    covered = None
    if with_coverage or criteria.min_coverage > 0.0:
        covered = coverage(criteria, present, weights)
    if criteria.min_coverage > 0.0 and covered is not None:
        short = covered + COVERAGE_TOLERANCE < criteria.min_coverage
    else:  # no coverage is below 0
        short = np.zeros(total.shape, dtype=np.bool_)
    eligible = ~(below.any(axis=-1) | gates_failed | short)
    total_keys = round_keys(total, p)
    return Scored(scores, included, factor_keys, below, total, total_keys, covered, short, eligible)


# --- a pool of scorecards ----------------------------------------------------------------------


class PoolScores:
    """Every number of a scored pool, as arrays (R regions, I indicators, F factors).

    Reports read it through ``ScoreCard``s; a card makes its factor and indicator
    objects only when asked, so a pool of 100,000 regions holds arrays, not millions
    of small objects.
    """

    def __init__(self, criteria: Criteria, submissions: Sequence[Submission]) -> None:
        self.criteria = criteria
        self.submissions = submissions
        self.indicators = indicators = [ind for _, ind in criteria.indicators()]
        addresses = list(criteria.addresses)
        rows = len(submissions)
        # Filled a column at a time, so stored a column at a time (Fortran order).
        shape = (rows, len(indicators))
        self.present: Bools = np.empty(shape, dtype=np.bool_, order="F")
        self.normalised: Floats = np.empty(shape, order="F")
        self.gate_passed: Bools = np.ones(shape, dtype=np.bool_, order="F")
        self.has_gate = [ind.gate is not None for ind in indicators]
        self._first_column = list(
            accumulate((len(f.indicators) for f in criteria.factors[:-1]), initial=0)
        )
        """Each factor's first indicator column."""
        self.factor_ids = [f.id for f in criteria.factors]
        self.addresses = addresses
        column_of = _value_columns(submissions)
        self._numbers: list[Floats] = []
        """The raw values of the number indicators (``number_columns``), for moved goalposts."""
        for col, (address, ind) in enumerate(zip(addresses, indicators, strict=True)):
            raw = column_of(ind, address)
            if ind.type == "number":
                self._numbers.append(raw)
            self.present[:, col] = ~np.isnan(raw)
            self.normalised[:, col] = normalise_column(ind, raw)
            passed = gate_column(ind, raw)
            if passed is not None:
                self.gate_passed[:, col] = passed
        nominal = np.array([[f.weight for f in criteria.factors]])
        self.effective_weights: Floats = effective_weights(criteria, nominal)[0]
        self._gated = np.array(self.has_gate, dtype=np.bool_)
        self.gates_failed: Bools = self._gates_failed(self.gate_passed)
        """(R,) some indicator gate is failed: independent of weights and goalposts."""
        self._nominal = nominal
        scored = self.rescored(nominal, criteria.aggregation == "geometric", with_coverage=True)
        self.factor_score: Floats = scored.scores
        self.included: Bools = scored.included
        self.factor_keys: Ints = scored.factor_keys
        self.below_minimum: Bools = scored.below_minimum
        self.total: Floats = scored.total[0]
        self.total_keys: Ints = scored.total_keys[0]
        assert scored.coverage is not None  # asked for
        self.coverage: Floats = scored.coverage[0]
        self.coverage_short: Bools = scored.coverage_short[0]
        self.eligible: Bools = scored.eligible[0]
        self.band_index: list[int] = band_indexes(criteria, self.total_keys).tolist()
        shares = factor_shares(self.included, nominal)
        self.factor_weight: Floats = np.stack([s[0] for s in shares], axis=-1)
        self.contribution: Floats = self.factor_weight * self.factor_score
        self._weakest: dict[int, Ints] = {}
        self._points_lost: Floats | None = None
        self._every_reason: list[tuple[Msg, ...]] | None = None

    def _gates_failed(self, gate_passed: Bools) -> Bools:
        failed: Bools = np.any(~gate_passed & self._gated, axis=-1)
        return failed

    def mixed(self, changed: Bools) -> Scored:
        """Rows (N, I) made of the first region's values with the columns ``changed`` (N, I)
        taken from the second, scored with the criteria's own weights: what explain's path
        search scores, every set of changed indicators at once."""
        present = np.where(changed, self.present[1], self.present[0])
        v = np.where(present, np.where(changed, self.normalised[1], self.normalised[0]), 0.0)
        gate_passed = np.where(changed, self.gate_passed[1], self.gate_passed[0])
        return score_arrays(
            self.criteria,
            v,
            present,
            self._gates_failed(gate_passed),
            self._nominal,
            self.criteria.aggregation == "geometric",
        )

    @property
    def v(self) -> Floats:
        """(R, I) the normalised values, 0 where absent."""
        v: Floats = np.where(self.present, self.normalised, 0.0)
        return v

    @property
    def points_lost(self) -> Floats:
        """(R, I) each indicator's ``points_lost`` under the nominal weights, worked out
        when first asked."""
        if self._points_lost is None:
            nominal = np.array([[f.weight for f in self.criteria.factors]])
            geometric = self.criteria.aggregation == "geometric"
            self._points_lost = points_lost(self.criteria, self.v, self.present, nominal, geometric)
        return self._points_lost

    @property
    def number_columns(self) -> list[int]:
        """The columns of the number indicators, in criteria order."""
        return [col for col, ind in enumerate(self.indicators) if ind.type == "number"]

    def rescored(
        self,
        weights: Floats,
        geometric: Bools | bool,
        goalposts: tuple[Floats, Floats] | None = None,
        *,
        numbers: Floats | None = None,
        with_coverage: bool = False,
    ) -> Scored:
        """The pool scored under factor weights ``weights`` (N, F), with ``geometric``
        aggregation (one flag, or one per row of weights) and, when given, goalposts
        (worst, best), each (N, K), for the number indicators (``number_columns``): the
        pool's own numbers with the nominal ones, sensitivity's runs with others.

        ``numbers`` (N, R, K), when given, replaces the submitted values of the number
        indicators (sensitivity's runs under value uncertainty): they are normalised
        and checked against their gates exactly as submitted values are."""
        v = self.v
        gates_failed = self.gates_failed
        if goalposts is not None or numbers is not None:
            columns = self.number_columns
            v = np.repeat(v[None, :, :], len(weights), axis=0)
            gate_passed = None
            if numbers is not None:
                gate_passed = np.repeat(self.gate_passed[None, :, :], len(weights), axis=0)
            for k, (col, raw) in enumerate(zip(columns, self._numbers, strict=True)):
                indicator = self.indicators[col]
                moved = None
                if goalposts is not None:
                    moved = (goalposts[0][:, k, None], goalposts[1][:, k, None])
                values = raw[None, :] if numbers is None else numbers[:, :, k]
                normalised = normalise_column(indicator, values, moved)
                v[:, :, col] = np.where(self.present[:, col], normalised, 0.0)
                passed = gate_column(indicator, values) if gate_passed is not None else None
                if gate_passed is not None and passed is not None:
                    gate_passed[:, :, col] = passed
            if gate_passed is not None:
                gates_failed = self._gates_failed(gate_passed)
        return score_arrays(
            self.criteria,
            v,
            self.present,
            gates_failed,
            weights,
            geometric,
            with_coverage=with_coverage,
        )

    @property
    def numbers(self) -> Floats:
        """(R, K) the submitted values of the number indicators (``number_columns``), nan
        where absent."""
        if not self._numbers:
            return np.zeros((len(self.submissions), 0))
        return np.stack(self._numbers, axis=-1)

    def cards(self) -> list[ScoreCard]:
        """A card per region, its headline numbers as plain Python values (reading a
        numpy element costs more than reading an attribute)."""
        return [
            ScoreCard(self, row, *numbers)
            for row, numbers in enumerate(
                zip(
                    [s.code for s in self.submissions],
                    self.total.tolist(),
                    self.total_keys.tolist(),
                    self.factor_keys.tolist(),
                    self.eligible.tolist(),
                    self.coverage.tolist(),
                    self.coverage_short.tolist(),
                    strict=True,
                )
            )
        ]

    def factors_of(
        self, row: int, factor_rows: list[tuple[str, float, float, float, bool]]
    ) -> tuple[FactorScore, ...]:
        """The factor and indicator scores of one region, as plain values."""
        values = self.submissions[row].values
        normalised = self.normalised[row].tolist()
        present = self.present[row].tolist()
        lost = self.points_lost[row].tolist()
        passed = self.gate_passed[row].tolist()
        below = self.below_minimum[row].tolist()
        weights = self.effective_weights.tolist()
        scale = self.criteria.scale
        made, col = [], 0
        for factor, (id, score, weight, part, used), short in zip(
            self.criteria.factors, factor_rows, below, strict=True
        ):
            indicators = []
            for spec in factor.indicators:
                indicators.append(
                    IndicatorScore(
                        factor=id,
                        id=spec.id,
                        value=values.get(self.addresses[col]),
                        normalised=normalised[col] if present[col] else None,
                        effective_weight=weights[col],
                        points=scale * weights[col] * (normalised[col] if present[col] else 0.0),
                        points_lost=lost[col],
                        gate_passed=passed[col] if self.has_gate[col] else None,
                    )
                )
                col += 1
            made.append(FactorScore(id, score, weight, part, used, tuple(indicators), short))
        return tuple(made)

    def every_reason(self) -> list[tuple[Msg, ...]]:
        """``reasons`` of every region of the pool, found once, when a card first asks
        (reports read them card by card)."""
        if self._every_reason is None:
            self._every_reason = self.reasons(np.arange(len(self.submissions)))
        return self._every_reason

    def reasons(self, rows: Ints) -> list[tuple[Msg, ...]]:
        """Why each of these regions is not eligible: each factor below its minimum,
        followed by the factor's failed gates, in file order, then coverage; () for an
        eligible region.

        Found with numpy for all the rows at once, not by walking every indicator of
        every region, and read from the pool's arrays rather than from the cards'
        factor objects (making those costs about ten times as much)."""
        criteria = self.criteria
        failed = ~self.gate_passed[rows] & self._gated
        # (region, column, factor): a factor's own reason sorts before its gates.
        found: list[tuple[int, int, int]] = []
        for r, f in zip(*(i.tolist() for i in np.nonzero(self.below_minimum[rows])), strict=True):
            found.append((r, self._first_column[f] - 1, f))
        for r, col in zip(*(i.tolist() for i in np.nonzero(failed)), strict=True):
            found.append((r, col, -1))
        found.sort()
        at = rows.tolist()
        made: dict[int, list[Msg]] = {}  # only the regions with a reason
        for r, col, f in found:
            row = at[r]
            if f >= 0:
                factor = criteria.factors[f]
                made.setdefault(r, []).append(
                    Msg.of(
                        "reason-factor-min",
                        factor=Named(factor.id, factor.label("id")),
                        score=Num(decimal_text(int(self.factor_keys[row, f]), criteria.precision)),
                        minimum=Num(_plain(factor.min_score)),
                    )
                )
                continue
            address = self.addresses[col]
            factor, indicator = criteria.addresses[address]
            value = self.submissions[row].values.get(address)
            made.setdefault(r, []).append(
                Msg.of(
                    "reason-gate-absent" if value is None else "reason-gate",
                    indicator=Named(address, f"{factor.label('id')}: {indicator.label('id')}"),
                    value=_answer(indicator, value),
                    gate=_answer(indicator, indicator.gate),
                )
            )
        for r in np.flatnonzero(self.coverage_short[rows]).tolist():
            made.setdefault(r, []).append(
                Msg.of(
                    "reason-coverage",
                    coverage=Num(f"{float(self.coverage[at[r]]):.0%}"),
                    minimum=Num(f"{criteria.min_coverage:.0%}"),
                )
            )
        every: list[tuple[Msg, ...]] = [()] * len(at)
        for r, reasons in made.items():
            every[r] = tuple(reasons)
        return every

    def weakest_array(self, count: int) -> Ints:
        """For each region, the columns (R, count) of the ``count`` indicators that lose
        the most points, worst first, ties in file order; only those that lose any,
        then -1."""
        found = self._weakest.get(count)
        if found is None:
            # The largest left, then the next: argmax takes the first of equal ones, as
            # a stable sort would (three passes, not a sort of every region's row).
            left = self.points_lost.copy()
            rows = np.arange(len(left))
            picked = []
            for _ in range(min(count, left.shape[1])):
                column = np.argmax(left, axis=1)
                picked.append(np.where(left[rows, column] > 0.0, column, -1))
                left[rows, column] = -np.inf
            found = np.stack(picked, axis=1) if picked else np.full((len(left), 0), -1)
            self._weakest[count] = found
        return found

    def weakest_columns(self, row: int, count: int) -> list[int]:
        """``weakest_array`` of one region, as a list."""
        return [c for c in self.weakest_array(count)[row].tolist() if c >= 0]


def _grouped(owners: Sequence[T], rows: Ints) -> list[tuple[T, Ints, Ints]]:
    """Items that are rows of shared owners (cards of pools, values of tables) grouped
    by owner, in order of first appearance: each owner with its items' positions and
    their rows of it. Found with numpy, not per item; owners are told apart by
    identity."""
    numbers: dict[int, int] = {}  # each owner's number, by its id
    distinct: list[T] = []
    for owner in owners:
        if numbers.setdefault(id(owner), len(numbers)) == len(distinct):
            distinct.append(owner)
    which = np.fromiter(map(numbers.__getitem__, map(id, owners)), np.int64, len(owners))
    order = np.argsort(which, kind="stable")
    ends = np.cumsum(np.bincount(which, minlength=len(distinct))).tolist()
    return [
        (owner, order[start:end], rows[order[start:end]])
        for owner, start, end in zip(distinct, [0, *ends][:-1], ends, strict=True)
    ]


def _value_columns(
    submissions: Sequence[Submission],
) -> Callable[[Indicator, str], Floats]:
    """How to read one indicator's encoded values for the whole pool: submissions whose
    values are rows of a ``ValueColumns`` (a CSV read a column at a time) are taken from
    its lists at once, the others from their dictionaries."""
    values = [s.values for s in submissions]
    tables = [v.table if type(v) is RowValues else None for v in values]
    rows = [v.row if type(v) is RowValues else -1 for v in values]
    groups = _grouped(tables, np.array(rows, dtype=np.int64))

    def given(table: ValueColumns | None, positions: Ints, rows: Ints) -> Callable[[str], Any]:
        """How one group reads an address: a table's list as it is when the group is
        every row of it in order, else picked; dictionaries by ``dict.get`` from C."""
        if table is not None:
            if np.array_equal(rows, np.arange(table.rows)):
                return lambda address: table.columns.get(address)
            picked = rows.tolist()
            return lambda address: (
                None
                if (column := table.columns.get(address)) is None
                else list(map(column.__getitem__, picked))
            )
        theirs = [values[p] for p in positions.tolist()]
        if all(type(v) is dict for v in theirs):  # the common case (YAML submissions)
            return lambda address: list(map(dict.get, theirs, repeat(address)))
        return lambda address: [v.get(address) for v in theirs]

    readers = [(positions, given(table, positions, rows)) for table, positions, rows in groups]

    def column_of(indicator: Indicator, address: str) -> Floats:
        raw = np.full(len(submissions), math.nan)
        for positions, read in readers:
            found = read(address)
            if found is not None:
                raw[positions] = encode_column(indicator, found)
        return raw

    return column_of


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
    points: float
    """scale x effective weight x v: what this indicator brings to the total (0 if absent)."""
    points_lost: float
    """What the total would gain with this indicator at its best (``points_lost``)."""
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


class ScoreCard:
    """One region's scores: one row of a ``PoolScores``, its headline numbers at hand."""

    __slots__ = (
        "_factors",
        "_pool",
        "_row",
        "code",
        "coverage",
        "coverage_short",
        "eligible",
        "factor_keys",
        "total",
        "total_key",
    )

    def __init__(
        self,
        pool: PoolScores,
        row: int,
        code: str,
        total: float,
        total_key: int,
        factor_keys: list[int],
        eligible: bool,
        coverage: float,
        coverage_short: bool,
    ) -> None:
        self._pool, self._row = pool, row
        self._factors: tuple[FactorScore, ...] | None = None
        self.code = code
        self.total = total
        self.total_key = total_key
        """The total rounded to the criteria's precision, times 10**precision."""
        self.factor_keys = factor_keys
        """Each factor's score rounded to the precision, times 10**precision."""
        self.eligible = eligible
        self.coverage = coverage
        self.coverage_short = coverage_short
        """Coverage is below the criteria's ``min_coverage`` (judged here, and only here)."""

    @property
    def submission(self) -> Submission:
        return self._pool.submissions[self._row]

    @property
    def criteria(self) -> Criteria:
        """The criteria the card was scored by."""
        return self._pool.criteria

    @property
    def rounded_total(self) -> float:
        """The total as shown: rounded to the criteria's precision (``round_keys``)."""
        return self.total_key / 10.0**self._pool.criteria.precision

    @property
    def band_index(self) -> int:
        """The card's ``band_indexes``: a lower one is a higher band."""
        return self._pool.band_index[self._row]

    @property
    def band(self) -> Band | None:
        """The first band (they are listed highest first) that the rounded total reaches."""
        return [*self._pool.criteria.bands, None][self.band_index]

    @property
    def next_band(self) -> Band | None:
        """The lowest band that the total does not reach; None at the top."""
        return self._pool.criteria.bands[self.band_index - 1] if self.band_index else None

    @property
    def factors(self) -> tuple[FactorScore, ...]:
        """Each factor with its indicators, made from the pool's row when first asked."""
        if self._factors is None:
            self._factors = self._pool.factors_of(self._row, self.factor_rows())
        return self._factors

    def factor_rows(self) -> list[tuple[str, float, float, float, bool]]:
        """``(id, score, weight, contribution, included)`` of each factor, without
        making the per-indicator objects (what a pool's ranking report needs)."""
        pool, row = self._pool, self._row
        return list(
            zip(
                pool.factor_ids,
                pool.factor_score[row].tolist(),
                pool.factor_weight[row].tolist(),
                pool.contribution[row].tolist(),
                pool.included[row].tolist(),
                strict=True,
            )
        )

    @property
    def reasons(self) -> tuple[Msg, ...]:
        """Why the region is not eligible, in factor order then coverage; () if it is."""
        return self._pool.every_reason()[self._row] if not self.eligible else ()

    def weakest(self, count: int = 3) -> list[IndicatorScore]:
        """The indicators that lose the most points, worst first (ties in file order)."""
        every = [i for f in self.factors for i in f.indicators]
        return [every[c] for c in self._pool.weakest_columns(self._row, count)]

    def weakest_addresses(self, count: int = 3) -> list[str]:
        """``weakest()`` as addresses, without making the per-indicator objects."""
        addresses = self._pool.addresses
        return [addresses[c] for c in self._pool.weakest_columns(self._row, count)]


@dataclass(frozen=True, slots=True)
class CardColumns:
    """The numbers of many cards at once, rows in the cards' order: what a report of a
    whole ranking reads, without a call per card. Factor numbers are (cards, F)."""

    total: Floats
    total_key: Ints
    coverage: Floats
    score: Floats
    weight: Floats
    contribution: Floats
    included: Bools
    weakest: Ints
    """Each card's ``weakest()`` as indicator columns (cards, 3, or fewer when the
    criteria have fewer indicators), -1 past the last (``PoolScores.weakest_array``)."""


_pool_of = attrgetter("_pool")
_row_of = attrgetter("_row")


class _PoolRows:
    """Which rows of which pools a list of cards is (``_grouped``)."""

    def __init__(self, cards: Sequence[ScoreCard]) -> None:
        rows = np.fromiter(map(_row_of, cards), dtype=np.int64, count=len(cards))
        self.count = len(cards)
        self.groups = _grouped(list(map(_pool_of, cards)), rows)

    def take(self, read: Callable[[PoolScores], npt.NDArray[Any]]) -> npt.NDArray[Any]:
        """``read(pool)[row]`` of every card, in the cards' order."""
        first = read(self.groups[0][0])
        found = np.empty((self.count, *first.shape[1:]), dtype=first.dtype)
        for pool, positions, rows in self.groups:
            found[positions] = read(pool)[rows]
        return found


def card_keys(cards: Sequence[ScoreCard]) -> tuple[Ints, Ints]:
    """The cards' ``total_key`` (R) and ``factor_keys`` (R, F), from their pools.
    ``cards`` is not empty."""
    rows = _PoolRows(cards)
    return rows.take(lambda pool: pool.total_keys), rows.take(lambda pool: pool.factor_keys)


def card_reasons(cards: Sequence[ScoreCard]) -> list[tuple[Msg, ...]]:
    """Each card's ``reasons``, found a pool at a time."""
    found: list[tuple[Msg, ...]] = [()] * len(cards)
    for pool, positions, rows in _PoolRows(cards).groups:
        for position, reasons in zip(positions.tolist(), pool.reasons(rows), strict=True):
            found[position] = reasons
    return found


def card_columns(cards: Sequence[ScoreCard]) -> CardColumns:
    """Each card's total, coverage, ``factor_rows()`` and weakest indicators as arrays,
    rows in the cards' order, taken from each pool's arrays in one step per pool (a
    ranking's cards share one). ``cards`` is not empty."""
    rows = _PoolRows(cards)
    return CardColumns(
        rows.take(lambda pool: pool.total),
        rows.take(lambda pool: pool.total_keys),
        rows.take(lambda pool: pool.coverage),
        rows.take(lambda pool: pool.factor_score),
        rows.take(lambda pool: pool.factor_weight),
        rows.take(lambda pool: pool.contribution),
        rows.take(lambda pool: pool.included),
        rows.take(lambda pool: pool.weakest_array(3)),
    )


def score_pool(criteria: Criteria, submissions: Sequence[Submission]) -> list[ScoreCard]:
    """The scorecards of a pool, computed together as arrays."""
    return PoolScores(criteria, submissions).cards()


def score(criteria: Criteria, submission: Submission) -> ScoreCard:
    """The scorecard of one submission: total, band, eligibility with reasons, factors."""
    return PoolScores(criteria, [submission]).cards()[0]


def below_threshold(cards: list[ScoreCard], threshold: float) -> list[ScoreCard]:
    """The cards whose total, rounded to the criteria's precision as shown, is below
    ``threshold`` (``score --fail-under``)."""
    return [c for c in cards if c.rounded_total < threshold]


def _plain(value: object) -> str:
    """A value as a user would write it: true, signed_mou, 2.5."""
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _answer(indicator: Indicator, value: object) -> Named | Num:
    """A value or gate in a reason: as written (``signed_mou``, ``true``, ``2.5``) in English;
    the level's label, ya/tidak, or the number with a decimal comma in Indonesian."""
    plain = _plain(value)
    if isinstance(value, bool):
        return Named(plain, t("id", "yes" if value else "no"))
    if indicator.type == "level" and isinstance(value, str):
        return Named(plain, indicator.level_label(value, "id"))
    return Num(plain)
