"""Ranking: pure functions from scorecards to ranks, ties and cohorts (SPEC section 4).

No I/O and no printing. Totals and factor scores are compared after rounding to the
criteria's ``precision``, the numbers the user sees; the raw numbers are kept for
reports.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from functools import cached_property
from operator import attrgetter
from typing import TYPE_CHECKING

from smartcity_assess.criteria import Cohort, Criteria

if TYPE_CHECKING:
    from smartcity_assess.scoring import Ints, ScoreCard

DECIDED_BY_CODE = "code"
"""What ``Tie.decided_by`` says when every factor score was equal too."""


@dataclass(frozen=True, slots=True)
class RankedRegion:
    """One region of the pool and where the ranking put it."""

    card: ScoreCard
    rank: int | None
    """1..n among eligible regions; None when ineligible."""
    cohort: int | None
    """The year of the cohort it was selected into; None when not selected."""
    gap: float | None
    """For an eligible region not selected: the last cohort's cut-off score minus its score."""
    deferred_from: int | None = None
    """The first cohort it was passed over in because its province had reached
    ``max_per_province``; None when it never was."""

    @property
    def code(self) -> str:
        return self.card.code


@dataclass(frozen=True)
class SelectedCohort:
    year: int
    size: int
    selected: tuple[str, ...]
    """Codes in rank order."""
    cutoff_score: float | None
    """The score of the last region selected; None when nobody was."""
    capped: bool = False
    """Short only because every eligible region left was in a province at the cap."""

    @property
    def short(self) -> bool:
        return len(self.selected) < self.size


@dataclass(frozen=True)
class Tie:
    """Eligible regions whose totals are equal at the criteria's precision."""

    score: float
    """The total they share, rounded to the precision."""
    codes: tuple[str, ...]
    """In the order the tie-break put them."""
    ranks: tuple[int, ...]
    cohorts: tuple[int | None, ...]
    decided_by: tuple[str, ...]
    """For each neighbouring pair (so one fewer than ``codes``): the id of the first
    factor, in order of weight, whose rounded scores differ, or ``"code"``."""

    @property
    def at_cutoff(self) -> bool:
        """The tied regions did not all land in the same cohort: the tie-break decided
        who was selected (or into which year)."""
        return len(set(self.cohorts)) > 1


@dataclass(frozen=True)
class RankedColumns:
    """The regions of a ranking as columns, in its order: what a report of a whole pool
    reads without an object per region (a village-level pool has 100,000 of them)."""

    cards: tuple[ScoreCard, ...]
    ranks: tuple[int | None, ...]
    cohorts: tuple[int | None, ...]
    gaps: tuple[float | None, ...]
    deferred_from: tuple[int | None, ...]

    def __len__(self) -> int:
        return len(self.cards)

    def regions(self) -> tuple[RankedRegion, ...]:
        return tuple(
            map(RankedRegion, self.cards, self.ranks, self.cohorts, self.gaps, self.deferred_from)
        )


@dataclass(frozen=True)
class Ranking:
    columns: RankedColumns
    """Eligible regions in rank order, then ineligible ones by score and code."""
    cohorts: tuple[SelectedCohort, ...]
    ties: tuple[Tie, ...]
    excluded: tuple[ScoreCard, ...]
    """Regions of the pool dropped before ranking (``--exclude``), by code."""
    max_per_province: int | None = None

    @cached_property
    def regions(self) -> tuple[RankedRegion, ...]:
        """``columns`` as a ``RankedRegion`` each, made when first asked for."""
        return self.columns.regions()

    @cached_property
    def cards_by_code(self) -> dict[str, ScoreCard]:
        return dict(zip(map(_code, self.columns.cards), self.columns.cards, strict=True))

    @property
    def eligible(self) -> list[RankedRegion]:
        return [r for r in self.regions if r.rank is not None]

    @property
    def ineligible(self) -> list[RankedRegion]:
        return [r for r in self.regions if r.rank is None]

    @property
    def selected(self) -> list[RankedRegion]:
        return [r for r in self.regions if r.cohort is not None]

    @property
    def not_selected(self) -> list[RankedRegion]:
        """Eligible regions that no cohort took, in rank order."""
        return [r for r in self.regions if r.rank is not None and r.cohort is None]

    def counts(self) -> dict[str, int]:
        """How many regions are in each part of the ranking, read from the columns."""
        ranks, cohorts = self.columns.ranks, self.columns.cohorts
        eligible = len(ranks) - ranks.count(None)
        selected = len(cohorts) - cohorts.count(None)
        return {
            "regions": len(ranks),
            "eligible": eligible,
            "selected": selected,
            "not_selected": eligible - selected,
            "ineligible": len(ranks) - eligible,
            "excluded": len(self.excluded),
        }

    @property
    def last_cutoff(self) -> float | None:
        return last_cutoff_score(self.cohorts)

    @property
    def cutoff_ties(self) -> list[Tie]:
        return [tie for tie in self.ties if tie.at_cutoff]

    def in_cohort(self, year: int) -> list[RankedRegion]:
        return [r for r in self.regions if r.cohort == year]


def rank_order(criteria: Criteria, cards: list[ScoreCard]) -> tuple[Ints, Ints, Ints]:
    """The permutation that puts ``cards`` in rank order (SPEC section 4: higher rounded
    total first, then higher rounded factor scores in order of factor weight, then the
    region code ascending), with their total keys and factor keys (R, F) in that order.

    The rounded scores are compared as integers (``ScoreCard.total_key`` and
    ``factor_keys``), taken from the cards' pools as arrays and sorted by one
    ``numpy.lexsort``, not a key tuple per card."""
    import numpy as np  # the cards' scoring loaded it

    from smartcity_assess.scoring import card_keys

    if not cards:
        nothing = np.zeros(0, dtype=np.int64)
        return nothing, nothing, np.zeros((0, len(criteria.factors)), dtype=np.int64)
    totals, factors = card_keys(cards)
    keys = [np.array([c.code for c in cards])]
    keys += [-factors[:, f] for f in reversed(criteria.weight_order)]
    keys.append(-totals)
    order = np.lexsort(keys)
    return order, totals[order], factors[order]


_code = attrgetter("code")
_total_key = attrgetter("total_key")


def rank(
    criteria: Criteria,
    cards: Iterable[ScoreCard],
    cohorts: Sequence[Cohort],
    max_per_province: int | None = None,
    excluded: Collection[str] = (),
) -> Ranking:
    """Rank a pool of scorecards and fill the cohorts in order.

    ``excluded`` codes are dropped before ranking. With ``max_per_province``, a region
    whose province already has that many regions in a cohort is passed over for it and
    stays in line for the next one. Region codes must be unique in ``cards``.
    """
    pool = list(cards)
    if len(set(map(_code, pool))) != len(pool):
        raise ValueError("rank() needs unique region codes")
    dropped = tuple(sorted((c for c in pool if c.code in excluded), key=_code))
    kept = [c for c in pool if c.code not in excluded] if excluded else pool
    candidates = [c for c in kept if c.eligible]
    order, total_keys, factor_keys = rank_order(criteria, candidates)
    eligible = list(map(candidates.__getitem__, order.tolist()))
    ineligible = sorted((c for c in kept if not c.eligible), key=_code)
    ineligible.sort(key=_total_key, reverse=True)

    filled, cohort_of, deferred_from = _fill(eligible, cohorts, max_per_province)
    last_cutoff = last_cutoff_score(filled)
    codes = list(map(_code, eligible))
    years = list(map(cohort_of.get, codes))
    gaps: list[float | None] = [None] * len(eligible)
    if last_cutoff is not None:
        gaps = [
            None if year is not None else last_cutoff - card.total
            for card, year in zip(eligible, years, strict=True)
        ]
    unranked = (None,) * len(ineligible)
    columns = RankedColumns(
        cards=(*eligible, *ineligible),
        ranks=(*range(1, len(eligible) + 1), *unranked),
        cohorts=(*years, *unranked),
        gaps=(*gaps, *unranked),
        deferred_from=(*map(deferred_from.get, codes), *unranked),
    )
    return Ranking(
        columns=columns,
        cohorts=tuple(filled),
        ties=tuple(_ties(criteria, codes, years, total_keys, factor_keys)),
        excluded=dropped,
        max_per_province=max_per_province,
    )


def last_cutoff_score(cohorts: Sequence[SelectedCohort]) -> float | None:
    """The score of the last region selected into the last cohort that took anyone: the
    bar every region not selected is measured against."""
    taken = [c.cutoff_score for c in cohorts if c.cutoff_score is not None]
    return taken[-1] if taken else None


def province_of(card: ScoreCard) -> str:
    """The province as the first two digits of the Kemendagri code (``32`` for 32.73), so
    the spelling of a province name cannot split or merge provinces."""
    return card.code[:2]


def _fill(
    eligible: list[ScoreCard], cohorts: Sequence[Cohort], max_per_province: int | None
) -> tuple[list[SelectedCohort], dict[str, int], dict[str, int]]:
    """Fill each cohort from the regions still waiting, in rank order."""
    waiting = list(eligible)
    filled: list[SelectedCohort] = []
    cohort_of: dict[str, int] = {}
    deferred_from: dict[str, int] = {}
    for cohort in cohorts:
        chosen: list[ScoreCard] = []
        passed_over: list[ScoreCard] = []
        per_province: dict[str, int] = {}
        looked_at = len(waiting)
        for position, card in enumerate(waiting):
            if len(chosen) == cohort.size:
                looked_at = position
                break
            province = province_of(card)
            if max_per_province is not None and per_province.get(province, 0) >= max_per_province:
                deferred_from.setdefault(card.code, cohort.year)
                passed_over.append(card)
                continue
            per_province[province] = per_province.get(province, 0) + 1
            chosen.append(card)
            cohort_of[card.code] = cohort.year
        # Still in rank order: those passed over came before those not looked at.
        waiting = passed_over + waiting[looked_at:]
        filled.append(
            SelectedCohort(
                year=cohort.year,
                size=cohort.size,
                selected=tuple(c.code for c in chosen),
                cutoff_score=chosen[-1].total if chosen else None,
                capped=len(chosen) < cohort.size and bool(waiting),
            )
        )
    return filled, cohort_of, deferred_from


def _ties(
    criteria: Criteria,
    codes: list[str],
    cohorts: list[int | None],
    total_keys: Ints,
    factor_keys: Ints,
) -> list[Tie]:
    """Every run of eligible regions (in rank order, with their keys) whose rounded
    totals are equal, with what decided the order between each neighbouring pair: the
    first factor, in order of weight, whose rounded scores differ, else the code."""
    import numpy as np

    if len(codes) < 2:
        return []
    scale = 10.0**criteria.precision
    tied = total_keys[1:] == total_keys[:-1]  # pair i is regions i and i + 1
    by_weight = factor_keys[:, criteria.weight_order]
    differ = by_weight[1:] != by_weight[:-1]
    first = np.where(differ.any(axis=1), differ.argmax(axis=1), len(criteria.factors))
    names = [*(f.id for f in criteria.factors_by_weight), DECIDED_BY_CODE]
    decided = list(map(names.__getitem__, first.tolist()))
    # Runs of tied pairs: pairs start..end-1 tie regions start..end.
    edges = np.flatnonzero(np.diff(np.concatenate(([0], tied.view(np.int8), [0]))))
    keys = total_keys.tolist()
    ties: list[Tie] = []
    for start, end in zip(edges[::2].tolist(), edges[1::2].tolist(), strict=True):
        ties.append(
            Tie(
                score=keys[start] / scale,
                codes=tuple(codes[start : end + 1]),
                ranks=tuple(range(start + 1, end + 2)),
                cohorts=tuple(cohorts[start : end + 1]),
                decided_by=tuple(decided[start:end]),
            )
        )
    return ties
