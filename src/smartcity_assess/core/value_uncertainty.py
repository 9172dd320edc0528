"""The cut-offs under uncertain values (issue 15): how likely each region near a cut-off
is to be placed under the values' declared ``uncertainty``, and the least change of one
number indicator's value that swaps a cohort's last place. Pure: no I/O, no printing.

Both are worked out with ``sensitivity``'s own runs (``simulate``/``simulate_batches``):
every try re-scores the whole pool with ``PoolScores.rescored`` (the changed values are
normalised and gated exactly as submitted ones) and ranks and fills it with the ranking's
own array code. Nothing here re-derives a score.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import ROUND_CEILING, ROUND_FLOOR, Decimal
from typing import Literal

import numpy as np
import numpy.typing as npt

from smartcity_assess.core.criteria import Cohort, Indicator
from smartcity_assess.core.ranking import Ranking
from smartcity_assess.core.scoring import PoolScores
from smartcity_assess.core.sensitivity import DECIMALS, PoolMatrix, placed, simulate_batches

Floats = npt.NDArray[np.float64]
Ints = npt.NDArray[np.int64]
Bools = npt.NDArray[np.bool_]

MAX_HALVINGS = 200
"""Bisection steps at most; halving a double's interval reaches adjacent floats long
before (about 60 steps for values of ordinary size)."""


@dataclass(frozen=True)
class ValueChange:
    """One value of one region changed alone, as little as swaps a cohort's last place."""

    code: str
    address: str
    direction: Literal["worse", "better"]
    """``worse`` for the last region in (it falls out), ``better`` for the first out."""
    value: float
    """The submitted value."""
    to: float
    """The least change that swaps (rounded to 6 decimals away from the value, so the
    number shown does swap; the unrounded threshold when rounding would pass a bound)."""
    change: float
    """``to - value``."""
    span_share: float
    """|change| over the goalpost span |best - worst|: the order of ``Cutoff.changes``."""
    uncertainty: float | None
    """The value's declared half-width (``Indicator.half_width``); None without one."""
    in_uncertainty: float | None
    """|change| / uncertainty: at most 1 means the change is within the uncertainty."""
    from_spread: bool = False
    """The uncertainty is the panel's spread (SD / sqrt(n)), not declared by the criteria."""


@dataclass(frozen=True)
class CutoffOdds:
    code: str
    rank: int | None
    cohort: int | None
    p_in: float | None
    """Share of the value runs that place the region in this cohort or an earlier one;
    None when no indicator declares an uncertainty (no runs)."""


@dataclass(frozen=True)
class Cutoff:
    year: int
    rank: int
    """The nominal rank of the cohort's last place."""
    last_in: str
    first_out: str | None
    """The first region ranked below the last place that no cohort up to this one took;
    None when there is none."""
    gap: float | None
    """Last in minus first out, both totals rounded to the precision (as ``rank`` shows)."""
    changes: tuple[ValueChange, ...]
    """Every single-value change that swaps the two, smallest ``span_share`` first."""
    regions: tuple[CutoffOdds, ...]
    """The two regions and every region whose ``p_in`` is strictly between 0 and 1, in
    nominal order."""

    @property
    def decisive(self) -> ValueChange | None:
        return self.changes[0] if self.changes else None


@dataclass(frozen=True)
class ValueUncertainty:
    uncertain: tuple[str, ...]
    """The addresses of the indicators that declare an uncertainty, in file order."""
    runs: int
    """Value runs made: the Monte Carlo's ``runs``, or 0 when nothing is uncertain."""
    cutoffs: tuple[Cutoff, ...]
    from_spread: tuple[str, ...] = ()
    """Of ``uncertain``, the addresses some of whose values take their half-width from
    the ``spread`` (the panel's), in file order."""


def _fix(value: float) -> float:
    return round(float(value), DECIMALS) + 0.0


Spread = Mapping[tuple[str, str], float]
"""(region code, indicator address) -> a value's half-width where the criteria declare no
``uncertainty`` for it: the panel's (``panel.spread_half_widths``)."""


def half_widths(matrix: PoolMatrix, spread: Spread | None = None) -> Floats:
    """(R, K) how far each number value may be off (``Indicator.half_width``, else the
    ``spread`` given for the region's value): 0 for a value without either, nan where the
    value is absent."""
    pool = matrix.pool
    numbers = pool.numbers
    widths = np.zeros(numbers.shape)
    for k, col in enumerate(pool.number_columns):
        widths[:, k] = pool.indicators[col].half_width(numbers[:, k])
    if spread:
        rows = {submission.code: i for i, submission in enumerate(pool.submissions)}
        columns = {
            pool.addresses[c]: k
            for k, c in enumerate(pool.number_columns)
            if pool.indicators[c].uncertainty is None
        }
        for (code, address), width in spread.items():
            row, column = rows.get(code), columns.get(address)
            if row is not None and column is not None:
                widths[row, column] = width
    return widths


def _uncertain(matrix: PoolMatrix, spread: Spread | None) -> tuple[str, ...]:
    """The addresses of the number indicators that declare an uncertainty or have a
    ``spread`` for some region's value, in file order."""
    pool = matrix.pool
    spread_addresses = {address for _, address in spread or {}}
    return tuple(
        pool.addresses[c]
        for c in pool.number_columns
        if pool.indicators[c].uncertainty is not None or pool.addresses[c] in spread_addresses
    )


def value_uncertainty(
    matrix: PoolMatrix,
    ranking: Ranking,
    cohorts: Sequence[Cohort],
    runs: int,
    rng: np.random.Generator,
    spread: Spread | None = None,
) -> ValueUncertainty:
    """The cut-offs of ``ranking`` (its regions are ``matrix``'s rows) under uncertain
    values: ``runs`` runs at the nominal weights, aggregation and goalposts, in which
    each number value x becomes x + u x half-width, u uniform on [-1, 1], drawn from
    ``rng`` as (runs, R, K) in run order (made in batches, the same numbers)."""
    pool = matrix.pool
    uncertain = _uncertain(matrix, spread)
    cap = ranking.max_per_province
    counts = np.zeros((matrix.size, len(cohorts) + 1), dtype=np.int64)
    made = 0
    if uncertain:
        raw = pool.numbers
        widths = np.nan_to_num(half_widths(matrix, spread))

        def numbers(start: int, stop: int) -> Floats:
            u = rng.uniform(-1.0, 1.0, size=(stop - start, *raw.shape))
            moved: Floats = raw[None, :, :] + u * widths[None, :, :]
            return moved

        weights = np.repeat(matrix.factor_weights[None, :], runs, axis=0)
        geometric = np.full(runs, matrix.criteria.aggregation == "geometric")
        rows = np.arange(matrix.size)[None, :]
        width = len(cohorts) + 1
        for batch in simulate_batches(matrix, weights, geometric, cohorts, cap, None, numbers):
            counts += np.bincount(
                (rows * width + batch.cohorts + 1).ravel(), minlength=matrix.size * width
            ).reshape(matrix.size, width)
        made = runs
    return ValueUncertainty(
        uncertain=uncertain,
        runs=made,
        cutoffs=tuple(_cutoffs(matrix, ranking, cohorts, counts, made, spread)),
        from_spread=tuple(a for a in uncertain if any(a == b for _, b in spread or {})),
    )


def _cutoffs(
    matrix: PoolMatrix,
    ranking: Ranking,
    cohorts: Sequence[Cohort],
    counts: Ints,
    runs: int,
    spread: Spread | None = None,
) -> list[Cutoff]:
    regions = ranking.regions
    years = [c.year for c in cohorts]
    placed = np.array(
        [len(years) if r.cohort is None else years.index(r.cohort) for r in regions],
        dtype=np.int64,
    )
    precision = matrix.criteria.precision
    found = []
    for ci, year in enumerate(years):
        members = [i for i, r in enumerate(regions) if r.cohort == year and r.rank is not None]
        if not members:
            continue
        last = max(members, key=lambda i: regions[i].rank or 0)
        below = [
            i
            for i, r in enumerate(regions)
            if r.rank is not None and r.rank > (regions[last].rank or 0) and placed[i] > ci
        ]
        first = below[0] if below else None
        gap = None
        changes: tuple[ValueChange, ...] = ()
        if first is not None:
            keys = (regions[last].card.total_key, regions[first].card.total_key)
            gap = _fix((keys[0] - keys[1]) / 10.0**precision)
            changes = _decisive(
                matrix, cohorts, ranking.max_per_province, ci, last, first, spread or {}
            )
        within = counts[:, 1 : ci + 2].sum(axis=1)
        shown = [
            i for i in range(len(regions)) if i in (last, first) or (runs and 0 < within[i] < runs)
        ]
        found.append(
            Cutoff(
                year=year,
                rank=regions[last].rank or 0,
                last_in=regions[last].code,
                first_out=None if first is None else regions[first].code,
                gap=gap,
                changes=changes,
                regions=tuple(
                    CutoffOdds(
                        code=regions[i].code,
                        rank=regions[i].rank,
                        cohort=regions[i].cohort,
                        p_in=_fix(within[i] / runs) if runs else None,
                    )
                    for i in shown
                ),
            )
        )
    return found


@dataclass(frozen=True)
class _Try:
    row: int
    k: int
    """The number column (index into ``number_columns``)."""
    direction: Literal["worse", "better"]
    far: float
    """The farthest value worth trying in that direction (a goalpost, just past a gate,
    or a ``valid`` bound)."""


def _far(indicator: Indicator, value: float, better: bool) -> float | None:
    """The farthest value worth trying from ``value``, or None when none is farther.
    Past a goalpost the normalised value no longer changes, so the goalpost is far
    enough, unless the gate lies beyond it (then just past the gate, going worse)."""
    assert indicator.goalposts is not None
    up = indicator.lower_is_better != better  # moving to larger numbers
    goal = indicator.goalposts.best if better else indicator.goalposts.worst
    pick = max if up else min
    far = goal
    gate = indicator.gate
    if isinstance(gate, int | float) and not isinstance(gate, bool):
        # Failing a gate (going worse) needs a value just past it.
        edge = float(gate) if better else float(np.nextafter(gate, np.inf if up else -np.inf))
        far = pick(far, edge)
    valid = indicator.valid
    bound = None if valid is None else (valid.max if up else valid.min)
    if bound is not None:
        far = min(far, bound) if up else max(far, bound)
    return far if (far > value if up else far < value) else None


def _decisive(
    matrix: PoolMatrix,
    cohorts: Sequence[Cohort],
    cap: int | None,
    ci: int,
    last: int,
    first: int,
    spread: Spread,
) -> tuple[ValueChange, ...]:
    """Every number value of ``last`` made worse, and of ``first`` made better, alone and
    as little as swaps them across the last place of cohort ``ci``: found by bisection on
    the value, each try a whole run of the pool, so the threshold is exact to the float.

    A try changes one region's value, and a region's scores depend on its own values
    only: so only the two regions are scored again (a pool of two, the scorer's own
    ``rescored``), and the whole pool is ranked and filled with their new keys in place
    of the nominal ones (``placed``)."""
    pool = matrix.pool
    raw = pool.numbers
    pair = PoolScores(pool.criteria, [pool.submissions[last], pool.submissions[first]])
    pair_raw = pair.numbers
    rows = {last: 0, first: 1}
    specs = [pool.indicators[c] for c in pool.number_columns]
    tries: list[_Try] = []
    for row, direction in ((last, "worse"), (first, "better")):
        for k, spec in enumerate(specs):
            value = float(raw[row, k])
            if np.isnan(value):
                continue
            far = _far(spec, value, direction == "better")
            if far is not None:
                tries.append(_Try(row, k, direction, far))  # type: ignore[arg-type]
    if not tries:
        return ()
    weights = matrix.factor_weights[None, :]
    geometric = matrix.criteria.aggregation == "geometric"

    def swapped(at: Sequence[_Try], values: Floats) -> Bools:
        """Whether each try, with its value at ``values``, swaps the last place."""
        tries = np.arange(len(at))
        numbers = np.repeat(pair_raw[None, :, :], len(at), axis=0)
        numbers[tries, [rows[item.row] for item in at], [item.k for item in at]] = values
        scored = pair.rescored(np.repeat(weights, len(at), axis=0), geometric, numbers=numbers)
        total_keys = np.repeat(pool.total_keys[None, :], len(at), axis=0)
        factor_keys = np.repeat(pool.factor_keys[None, :, :], len(at), axis=0)
        eligible = np.repeat(pool.eligible[None, :], len(at), axis=0)
        for row, r in rows.items():
            total_keys[:, row] = scored.total_keys[:, r]
            factor_keys[:, row] = scored.factor_keys[:, r]
            eligible[:, row] = scored.eligible[:, r]
        result = placed(matrix, total_keys, factor_keys, eligible, cohorts, cap)
        cohort = result.cohorts[tries, [item.row for item in at]]
        inside = (cohort >= 0) & (cohort <= ci)
        worse = np.array([item.direction == "worse" for item in at])
        out: Bools = np.where(worse, ~inside, inside)
        return out

    lo = np.array([raw[t.row, t.k] for t in tries])
    hi = np.array([t.far for t in tries])
    reach = swapped(tries, hi)
    tries = [t for t, ok in zip(tries, reach.tolist(), strict=True) if ok]
    lo, hi = lo[reach], hi[reach]
    for _ in range(MAX_HALVINGS):
        mid = lo + (hi - lo) / 2.0
        open_ = (mid != lo) & (mid != hi)
        if not open_.any():
            break
        at = np.flatnonzero(open_)
        ok = swapped([tries[i] for i in at], mid[at])
        hi[at[ok]] = mid[at[ok]]
        lo[at[~ok]] = mid[at[~ok]]
    # Shown to 6 decimals, rounded away from the value so that the number shown swaps.
    shown = hi.copy()
    for n, t in enumerate(tries):
        rounding = ROUND_CEILING if hi[n] > raw[t.row, t.k] else ROUND_FLOOR
        rounded = float(Decimal(float(hi[n])).quantize(Decimal(1).scaleb(-DECIMALS), rounding))
        inside = (rounded - t.far) * (hi[n] - raw[t.row, t.k]) <= 0.0
        if inside:
            shown[n] = rounded
    if tries:
        keep = swapped(tries, shown)
        shown = np.where(keep, shown, hi)
    changes = []
    for n, t in enumerate(tries):
        spec = specs[t.k]
        assert spec.goalposts is not None
        value = float(raw[t.row, t.k])
        change = float(shown[n]) - value
        span = abs(spec.goalposts.best - spec.goalposts.worst)
        address = pool.addresses[pool.number_columns[t.k]]
        width = (
            spec.half_width(value)
            if spec.uncertainty is not None
            else spread.get((pool.submissions[t.row].code, address))
        )
        changes.append(
            (
                abs(change) / span,
                n,
                ValueChange(
                    code=pool.submissions[t.row].code,
                    address=pool.addresses[pool.number_columns[t.k]],
                    direction=t.direction,
                    value=value,
                    to=float(shown[n]),
                    change=_fix(change),
                    span_share=_fix(abs(change) / span),
                    uncertainty=None if width is None else _fix(width),
                    in_uncertainty=_fix(abs(change) / width) if width else None,
                    from_spread=width is not None and spec.uncertainty is None,
                ),
            )
        )
    changes.sort(key=lambda item: (item[0], item[1]))
    return tuple(change for _, _, change in changes)
