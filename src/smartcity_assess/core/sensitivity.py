"""Sensitivity of a ranking to its method: a seeded Monte Carlo over factor weights,
aggregation and goalposts, with every run scored and ranked as array operations (issue 5)
and put into cohorts by the one fill of ``assess rank`` (``core.fill``). Pure: no I/O, no printing.

Scoring itself is ``scoring``'s array code, the one definition of the method: each
batch of runs is ``PoolScores.rescored`` with perturbed weights (and goalposts), which
scores, rounds and judges eligibility exactly as ``assess rank`` does, so with the nominal
weights a run gives the very numbers that ``assess rank`` shows.

The CLI imports this module lazily, so ``assess --help`` never loads it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
import numpy.typing as npt

from smartcity_assess.core.criteria import Cohort, Criteria
from smartcity_assess.core.equity import Standing, standings
from smartcity_assess.core.fill import fill
from smartcity_assess.core.ranking import Ranking, code_ranks, positions_of, rank_order
from smartcity_assess.core.scoring import PoolScores, ScoreCard

if TYPE_CHECKING:
    from smartcity_assess.core.value_uncertainty import ValueUncertainty

Floats = npt.NDArray[np.float64]
Ints = npt.NDArray[np.int64]
Bools = npt.NDArray[np.bool_]

BORDERLINE_LOW = 0.05
BORDERLINE_HIGH = 0.95
"""A region is borderline when its selection probability is strictly between these."""

DECIMALS = 6
"""Every float in a sensitivity result is rounded to this many decimals, so that the
JSON is byte-stable and its last digits carry no noise."""

Progress = Callable[[int, int], None]
"""Called with (runs done, runs in all) after each batch of runs."""

CHUNK_CELLS = 2_000_000
"""About how many (run, region, factor) cells one batch of runs may hold."""


# --- settings and results ----------------------------------------------------------------------


@dataclass(frozen=True)
class Settings:
    runs: int = 1000
    seed: int = 0
    weight_noise: float = 0.25
    """Each factor weight is multiplied by 1 + U(-noise, +noise); in [0, 1)."""
    vary_aggregation: bool = False
    """Each run picks arithmetic or geometric with equal probability."""
    goalpost_noise: float = 0.0
    """Each goalpost of a number indicator moves by U(-noise, +noise) x its span (in the
    indicator's transform space); in [0, 0.5), so the goalposts never meet or cross."""

    def __post_init__(self) -> None:
        if self.runs < 1:
            raise ValueError("runs must be at least 1")
        if not 0.0 <= self.weight_noise < 1.0:
            raise ValueError("weight_noise must be in [0, 1)")
        if not 0.0 <= self.goalpost_noise < 0.5:
            raise ValueError("goalpost_noise must be in [0, 0.5)")


@dataclass(frozen=True)
class Spread:
    """A per-run statistic summarised over the runs (None when it is undefined, for
    example a correlation over fewer than two ranked regions)."""

    mean: float | None
    p5: float | None
    p95: float | None


@dataclass(frozen=True)
class RegionRobustness:
    card: ScoreCard
    nominal_rank: int | None
    nominal_cohort: int | None
    median_rank: int | None
    """Over the runs in which the region was eligible; None if it never was."""
    rank_p5: int | None
    rank_p95: int | None
    best_rank: int | None
    worst_rank: int | None
    mean_rank_shift: float | None
    """Mean |run rank - nominal rank| over the runs where it has both."""
    p_eligible: float
    p_selected: float
    p_cohort: tuple[tuple[int, float], ...]
    """(year, probability) for each cohort, in cohort order."""

    @property
    def code(self) -> str:
        return self.card.code

    @property
    def borderline(self) -> bool:
        return BORDERLINE_LOW < self.p_selected < BORDERLINE_HIGH


@dataclass(frozen=True)
class PoolRobustness:
    mean_abs_rank_shift: float | None
    """Over every (run, region) ranked both in the run and nominally."""
    same_selection: float
    """Share of runs whose selected set (all cohorts together) is the nominal one."""
    same_cohorts: float
    """Share of runs in which every region is in its nominal cohort (or none)."""
    spearman: Spread
    weighted_spearman: Spread


@dataclass(frozen=True)
class WeightEffect:
    """What one change of one factor weight (others fixed) does to the nominal result."""

    share: float
    """The factor's share of the total after the change (renormalised)."""
    selection_changes: int
    """Regions that go in or out of the selection (all cohorts together)."""
    cohort_changes: int
    """Regions whose cohort (or none) changes: the above plus moves between years."""
    mean_rank_shift: float | None


@dataclass(frozen=True)
class FactorInfluence:
    id: str
    share: float
    """The nominal share W / sum W."""
    up: WeightEffect
    down: WeightEffect

    @property
    def selection_changes(self) -> int:
        return max(self.up.selection_changes, self.down.selection_changes)

    @property
    def mean_rank_shift(self) -> float:
        return max(self.up.mean_rank_shift or 0.0, self.down.mean_rank_shift or 0.0)


@dataclass(frozen=True)
class Sensitivity:
    settings: Settings
    ranking: Ranking
    """The nominal ranking: exactly what ``assess rank`` gives for the same inputs."""
    cohorts: tuple[Cohort, ...]
    regions: tuple[RegionRobustness, ...]
    """In nominal order: eligible regions by rank, then the ineligible ones."""
    pool: PoolRobustness
    factors: tuple[FactorInfluence, ...]
    """Most influential first: by selection changes, then mean rank shift, then file order."""
    oat_noise: float
    """The relative change of each weight in the one-at-a-time sweep."""
    values: ValueUncertainty | None = None
    """The cut-offs under uncertain values (``value_uncertainty``)."""

    @property
    def borderline(self) -> list[RegionRobustness]:
        return [r for r in self.regions if r.borderline]


# --- the pool as arrays --------------------------------------------------------------------------


@dataclass(frozen=True)
class PoolMatrix:
    """The regions of a ranking, in its order, as ``scoring``'s arrays, with what the
    runs' ranking needs besides their scores."""

    pool: PoolScores
    regions: tuple[Standing, ...]
    """What the province cap and the equity rules know of each region (``fill``)."""
    code_order: Ints
    """(R,) the position of each region's code in code order (the last tie-break)."""

    @property
    def criteria(self) -> Criteria:
        return self.pool.criteria

    @property
    def size(self) -> int:
        return len(self.regions)

    @property
    def factor_weights(self) -> Floats:
        return np.array([f.weight for f in self.criteria.factors], dtype=np.float64)


def pool_matrix(
    criteria: Criteria,
    cards: Sequence[ScoreCard],
    members: Mapping[str, frozenset[str]] | None = None,
) -> PoolMatrix:
    """The cards' submissions scored again as one pool (the same numbers, row by row);
    ``members`` are the codes of each reserved group's regions among them."""
    pool = PoolScores(criteria, [c.submission for c in cards])
    codes = [c.code for c in cards]
    kinds = [c.submission.kind for c in cards]
    return PoolMatrix(
        pool=pool,
        regions=tuple(standings(codes, kinds, members or {})),
        code_order=code_ranks(codes),
    )


# --- the runs ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Runs:
    """The outcome of N runs: ranks (N, R), 0 when not eligible; cohort index (N, R),
    -1 when not selected."""

    ranks: Ints
    cohorts: Ints


def simulate(
    matrix: PoolMatrix,
    weights: Floats,
    geometric: Bools,
    cohorts: Sequence[Cohort],
    max_per_province: int | None,
    goalposts: tuple[Floats, Floats] | None = None,
) -> Runs:
    """Every run of ``simulate_batches`` in one ``Runs``."""
    batches = list(
        simulate_batches(matrix, weights, geometric, cohorts, max_per_province, goalposts)
    )
    return Runs(
        ranks=np.concatenate([b.ranks for b in batches]),
        cohorts=np.concatenate([b.cohorts for b in batches]),
    )


def simulate_batches(
    matrix: PoolMatrix,
    weights: Floats,
    geometric: Bools,
    cohorts: Sequence[Cohort],
    max_per_province: int | None,
    goalposts: tuple[Floats, Floats] | None = None,
    numbers: Callable[[int, int], Floats] | None = None,
) -> Iterator[Runs]:
    """Score (``PoolScores.rescored``), rank and fill the cohorts for each run: factor
    weights (N, F), one aggregation flag per run, optionally goalposts (worst, best),
    each (N, K) for the number columns, and optionally ``numbers(start, stop)``: the
    values of the number columns of runs start..stop, (stop - start, R, K). Runs come in
    batches, in order, so memory stays bounded."""
    pool = matrix.pool
    wide = goalposts is not None or numbers is not None
    columns = pool.present.shape[1] if wide else len(pool.factor_ids)
    per_run = matrix.size * columns
    batch = max(1, CHUNK_CELLS // max(per_run, 1))
    for start in range(0, weights.shape[0], batch):
        stop = min(start + batch, weights.shape[0])
        moved = None if goalposts is None else (goalposts[0][start:stop], goalposts[1][start:stop])
        values = None if numbers is None else numbers(start, stop)
        scored = pool.rescored(weights[start:stop], geometric[start:stop], moved, numbers=values)
        yield placed(
            matrix,
            scored.total_keys,
            scored.factor_keys,
            scored.eligible,
            cohorts,
            max_per_province,
        )


def placed(
    matrix: PoolMatrix,
    total_keys: Ints,
    factor_keys: Ints,
    eligible: Bools,
    cohorts: Sequence[Cohort],
    max_per_province: int | None,
) -> Runs:
    """N runs ranked (``rank_order``) and put into cohorts (``fill``, one run at a time,
    as ``assess rank`` fills them) from their rounded totals (N, R), factor scores (R, F)
    or (N, R, F) and eligibility (N, R).

    Without a cap or equity rules, the fill of a run depends on nothing but how many
    regions are eligible in it (the cohorts take the line in order), so it is filled once
    per such count and shared by the runs with that count."""
    order = rank_order(matrix.criteria, total_keys, factor_keys, matrix.code_order, eligible)
    counts = eligible.sum(axis=1)
    regions = matrix.regions
    in_order = np.full(order.shape, -1, dtype=np.int64)
    if max_per_province is None and not any(c.has_equity for c in cohorts):
        for count in np.unique(counts).tolist():
            line = fill(cohorts, regions[:count]).cohort
            in_order[np.flatnonzero(counts == count), :count] = line
    else:
        rows: list[list[int]] = order.tolist()
        for run, count in enumerate(counts.tolist()):
            ranked = [regions[j] for j in rows[run][:count]]
            in_order[run, :count] = fill(cohorts, ranked, max_per_province).cohort
    positions = positions_of(order)
    return Runs(
        ranks=np.where(eligible, positions + 1, 0),
        cohorts=np.take_along_axis(in_order, positions, axis=1),
    )


# --- the Monte Carlo and its summaries ------------------------------------------------------------


def draws_from(
    rng: np.random.Generator, matrix: PoolMatrix, settings: Settings
) -> tuple[Floats, Bools, tuple[Floats, Floats] | None]:
    """The random inputs of every run, from ``rng`` (``Generator(PCG64(seed))``), which is
    left after the goalpost draws (the value draws, ``value_uncertainty``, continue from
    there).

    All three kinds are always drawn, in a fixed order, so that turning an option on
    or off does not change the draws of the others (the same seed, the same weights).
    """
    criteria = matrix.criteria
    runs = settings.runs
    nominal = matrix.factor_weights
    weight_u = rng.uniform(-1.0, 1.0, size=(runs, len(nominal)))
    aggregation_u = rng.random(runs)
    columns = matrix.pool.number_columns
    goalpost_u = rng.uniform(-1.0, 1.0, size=(runs, len(columns), 2))

    # noise 0 gives the nominal weights exactly (x 1.0), not a renormalised copy.
    weights = nominal[None, :] * (1.0 + settings.weight_noise * weight_u)
    if settings.vary_aggregation:
        geometric = aggregation_u < 0.5
    else:
        geometric = np.full(runs, criteria.aggregation == "geometric")
    if settings.goalpost_noise <= 0.0 or not columns:
        return weights, geometric, None
    return weights, geometric, perturbed_goalposts(matrix, settings.goalpost_noise, goalpost_u)


def perturbed_goalposts(matrix: PoolMatrix, noise: float, u: Floats) -> tuple[Floats, Floats]:
    """Goalposts (worst, best), each (N, K): each one moved by u x noise x the span
    between them, measured in the indicator's transform space (log for ``log``)."""
    specs = [matrix.pool.indicators[c] for c in matrix.pool.number_columns]
    worst = np.array([s.goalposts.worst for s in specs if s.goalposts is not None])
    best = np.array([s.goalposts.best for s in specs if s.goalposts is not None])
    logs = np.array([s.transform == "log" for s in specs], dtype=np.bool_)
    tw = np.where(logs, np.log(np.where(logs, worst, 1.0)), worst)
    tb = np.where(logs, np.log(np.where(logs, best, 1.0)), best)
    span = np.abs(tb - tw)
    new_w = tw[None, :] + noise * u[:, :, 0] * span[None, :]
    new_b = tb[None, :] + noise * u[:, :, 1] * span[None, :]
    return np.where(logs, np.exp(new_w), new_w), np.where(logs, np.exp(new_b), new_b)


def analyse(
    criteria: Criteria,
    ranking: Ranking,
    settings: Settings,
    cohorts: Sequence[Cohort],
    progress: Progress | None = None,
    spread: Mapping[tuple[str, str], float] | None = None,
) -> Sensitivity:
    """The robustness of ``ranking`` (the nominal result of ``ranking.rank`` with these
    ``cohorts``) under the uncertainty ``settings`` describe; ``progress`` is told of
    each batch of runs done. ``spread``: (code, address) -> the half-width of a value
    the criteria declare no uncertainty for (the panel's, ``panel.spread_half_widths``)."""
    cards = [region.card for region in ranking.regions]
    matrix = pool_matrix(criteria, cards, ranking.members)
    cap = ranking.max_per_province
    years = [c.year for c in cohorts]
    nominal_ranks = np.array([r.rank or 0 for r in ranking.regions], dtype=np.int64)
    nominal_cohorts = np.array(
        [-1 if r.cohort is None else years.index(r.cohort) for r in ranking.regions],
        dtype=np.int64,
    )
    tally = _Tally(matrix.size, len(years), nominal_ranks, nominal_cohorts)
    rng = np.random.Generator(np.random.PCG64(settings.seed))
    weights, geometric, goalposts = draws_from(rng, matrix, settings)
    for batch in simulate_batches(matrix, weights, geometric, cohorts, cap, goalposts):
        tally.add(batch)
        if progress is not None:
            progress(tally.runs, settings.runs)
    from smartcity_assess.core.value_uncertainty import value_uncertainty

    values = value_uncertainty(matrix, ranking, cohorts, settings.runs, rng, spread)
    return Sensitivity(
        settings=settings,
        ranking=ranking,
        cohorts=tuple(cohorts),
        regions=tally.regions(ranking, years),
        pool=tally.pool(),
        factors=_one_at_a_time(
            matrix, settings.weight_noise, cohorts, cap, nominal_ranks, nominal_cohorts
        ),
        oat_noise=settings.weight_noise,
        values=values,
    )


def _fix(value: float) -> float:
    return round(float(value), DECIMALS) + 0.0  # + 0.0: never -0.0


class _Tally:
    """What the report needs from the runs, added up batch by batch: for each region a
    histogram of its ranks (so percentiles are exact whatever the number of runs) and
    counts per cohort; for each run its correlations and whether it kept the selection."""

    def __init__(
        self, regions: int, cohorts: int, nominal_ranks: Ints, nominal_cohorts: Ints
    ) -> None:
        self.size = regions
        self.cohort_count = cohorts
        self.nominal_ranks = nominal_ranks
        self.nominal_cohorts = nominal_cohorts
        self.runs = 0
        self.rank_counts = np.zeros((regions, regions + 1), dtype=np.int64)  # rank 0: none
        self.cohort_counts = np.zeros((regions, cohorts + 1), dtype=np.int64)  # 0: none
        self.spearman: list[Floats] = []
        self.weighted: list[Floats] = []
        self.same_selection = 0
        self.same_cohorts = 0

    def add(self, batch: Runs) -> None:
        rows = np.arange(self.size)[None, :]
        width = self.size + 1
        self.rank_counts += np.bincount(
            (rows * width + batch.ranks).ravel(), minlength=self.size * width
        ).reshape(self.size, width)
        width = self.cohort_count + 1
        self.cohort_counts += np.bincount(
            (rows * width + batch.cohorts + 1).ravel(), minlength=self.size * width
        ).reshape(self.size, width)
        rho, r_w = _correlations(batch.ranks, self.nominal_ranks)
        self.spearman.append(rho)
        self.weighted.append(r_w)
        selected = batch.cohorts >= 0
        nominal_selected = self.nominal_cohorts >= 0
        self.same_selection += int((selected == nominal_selected[None, :]).all(axis=1).sum())
        self.same_cohorts += int((batch.cohorts == self.nominal_cohorts[None, :]).all(axis=1).sum())
        self.runs += batch.ranks.shape[0]

    def _shifts(self) -> tuple[Ints, Ints]:
        """Per region: the summed |rank - nominal rank| and how many runs it counts."""
        ranks = np.arange(self.size + 1)[None, :]
        distance = np.abs(ranks - self.nominal_ranks[:, None])
        counts = self.rank_counts.copy()
        counts[:, 0] = 0
        counts[self.nominal_ranks == 0] = 0
        return (counts * distance).sum(axis=1), counts.sum(axis=1)

    def regions(self, ranking: Ranking, years: list[int]) -> tuple[RegionRobustness, ...]:
        shift_sum, shift_count = self._shifts()
        result = []
        for r, region in enumerate(ranking.regions):
            counts = self.rank_counts[r, 1:]
            ranked = int(counts.sum())
            seen = np.flatnonzero(counts) + 1
            chosen = self.cohort_counts[r]
            result.append(
                RegionRobustness(
                    card=region.card,
                    nominal_rank=region.rank,
                    nominal_cohort=region.cohort,
                    median_rank=_percentile(counts, 50),
                    rank_p5=_percentile(counts, 5),
                    rank_p95=_percentile(counts, 95),
                    best_rank=int(seen[0]) if seen.size else None,
                    worst_rank=int(seen[-1]) if seen.size else None,
                    mean_rank_shift=_fix(shift_sum[r] / shift_count[r]) if shift_count[r] else None,
                    p_eligible=_fix(ranked / self.runs),
                    p_selected=_fix(chosen[1:].sum() / self.runs),
                    p_cohort=tuple(
                        (year, _fix(chosen[i + 1] / self.runs)) for i, year in enumerate(years)
                    ),
                )
            )
        return tuple(result)

    def pool(self) -> PoolRobustness:
        shift_sum, shift_count = self._shifts()
        total = int(shift_count.sum())
        return PoolRobustness(
            mean_abs_rank_shift=_fix(shift_sum.sum() / total) if total else None,
            same_selection=_fix(self.same_selection / self.runs),
            same_cohorts=_fix(self.same_cohorts / self.runs),
            spearman=_spread(np.concatenate(self.spearman)),
            weighted_spearman=_spread(np.concatenate(self.weighted)),
        )


def _percentile(counts: Ints, percent: int) -> int | None:
    """The smallest rank k such that at least ``percent``% of the runs that ranked the
    region put it at k or better (the inverted-CDF percentile), from a histogram of
    ranks 1..n; computed in integers, so it is exact. None if it was never ranked."""
    cumulative = np.cumsum(counts)
    total = int(cumulative[-1]) if cumulative.size else 0
    if total == 0:
        return None
    return int(np.argmax(cumulative * 100 >= percent * total)) + 1


def _correlations(ranks: Ints, nominal: Ints) -> tuple[Floats, Floats]:
    """Spearman's rho and the weighted rank correlation r_W of Pinto da Costa and
    Soares (2005) of each run (N, R ranks) with the nominal ranks (R), over the regions
    ranked in both, re-ranked 1..n among themselves; nan when n < 2."""
    both = (ranks > 0) & (nominal[None, :] > 0)
    big = ranks.shape[1] + 1
    run_ranks = _rerank(np.where(both, ranks, big), both)
    nominal_ranks = _rerank(np.where(both, nominal[None, :], big), both)
    n = both.sum(axis=1).astype(np.float64)
    d2 = np.where(both, (run_ranks - nominal_ranks) ** 2, 0).astype(np.float64)
    weight = np.where(both, (n[:, None] - run_ranks + 1) + (n[:, None] - nominal_ranks + 1), 0)
    with np.errstate(divide="ignore", invalid="ignore"):
        rho = 1.0 - 6.0 * d2.sum(axis=1) / (n * (n * n - 1.0))
        r_w = 1.0 - 6.0 * (d2 * weight).sum(axis=1) / (n**4 + n**3 - n**2 - n)
    rho = np.where(n >= 2, rho, np.nan)
    r_w = np.where(n >= 2, r_w, np.nan)
    return rho, r_w


def _rerank(keys: Ints, keep: Bools) -> Ints:
    """1..n among the kept entries of each row, in the order of ``keys``."""
    order = np.argsort(keys, axis=1, kind="stable")
    positions = np.empty_like(order)
    np.put_along_axis(positions, order, np.broadcast_to(np.arange(keys.shape[1]), keys.shape), 1)
    return np.where(keep, positions + 1, 0)


def _spread(values: Floats) -> Spread:
    finite = values[~np.isnan(values)]
    if not finite.size:
        return Spread(None, None, None)
    return Spread(
        mean=_fix(finite.mean()),
        p5=_fix(np.percentile(finite, 5)),
        p95=_fix(np.percentile(finite, 95)),
    )


def _one_at_a_time(
    matrix: PoolMatrix,
    noise: float,
    cohorts: Sequence[Cohort],
    cap: int | None,
    nominal_ranks: Ints,
    nominal_cohorts: Ints,
) -> tuple[FactorInfluence, ...]:
    """Each factor weight x (1 + noise) and x (1 - noise), the others fixed, nominal
    aggregation and goalposts: what each change alone does to the selection."""
    criteria = matrix.criteria
    nominal = matrix.factor_weights
    factors = len(nominal)
    weights = np.repeat(nominal[None, :], 2 * factors, axis=0)
    for f in range(factors):
        weights[2 * f, f] *= 1.0 + noise
        weights[2 * f + 1, f] *= 1.0 - noise
    geometric = np.full(2 * factors, criteria.aggregation == "geometric")
    runs = simulate(matrix, weights, geometric, cohorts, cap)
    both = (runs.ranks > 0) & (nominal_ranks[None, :] > 0)
    selected = runs.cohorts >= 0
    effects = []
    for row in range(2 * factors):
        f = row // 2
        shifts = np.abs(runs.ranks[row] - nominal_ranks)[both[row]]
        effects.append(
            WeightEffect(
                share=_fix(weights[row, f] / weights[row].sum()),
                selection_changes=int(np.count_nonzero(selected[row] != (nominal_cohorts >= 0))),
                cohort_changes=int(np.count_nonzero(runs.cohorts[row] != nominal_cohorts)),
                mean_rank_shift=_fix(shifts.mean()) if shifts.size else None,
            )
        )
    influences = [
        FactorInfluence(
            id=factor.id,
            share=_fix(criteria.factor_share(factor)),
            up=effects[2 * f],
            down=effects[2 * f + 1],
        )
        for f, factor in enumerate(criteria.factors)
    ]
    ordered = sorted(
        enumerate(influences),
        key=lambda item: (-item[1].selection_changes, -item[1].mean_rank_shift, item[0]),
    )
    return tuple(influence for _, influence in ordered)
