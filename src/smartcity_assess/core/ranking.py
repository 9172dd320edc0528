"""Ranking: pure functions from scorecards to ranks, ties and cohorts (SPEC section 4).

No I/O and no printing. Totals and factor scores are compared after rounding to the
criteria's ``precision``, the numbers the user sees; the raw numbers are kept for
reports.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from functools import cached_property
from operator import attrgetter
from typing import TYPE_CHECKING

from smartcity_assess.core.criteria import Cohort, Criteria

if TYPE_CHECKING:
    from smartcity_assess.core.equity import EquityOutcome
    from smartcity_assess.core.overrides import Override, OverrideOutcome
    from smartcity_assess.core.programme import Exclusion
    from smartcity_assess.core.scoring import Bools, Floats, Ints, ScoreCard

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
    """For an eligible region not selected by its score: the last cohort's cut-off score
    minus its score, both rounded to the criteria's precision as shown (``gap_between``).
    None when it was selected, and when the province cap left it out (``left_out_by_cap``)."""
    deferred_from: int | None = None
    """The first cohort it was passed over in because its province had reached
    ``max_per_province``; None when it never was."""
    left_out_by_cap: bool = False
    """Not selected only because of the province cap: the last cohort passed it over for
    it while still taking regions below it. Its score is at or above the cut-off."""

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
    cutoffs: tuple[tuple[str, float], ...] = ()
    """With places per kind (``Cohort.places``): each kind's own cut-off, the score of
    the last region of that kind selected by rank; empty otherwise."""

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
    at_cutoff: bool
    """The tie-break decided who was selected (or into which year): the tied regions
    landed in different cohorts, and putting two neighbours of the tie the other way
    round would change that. Not so when the province cap, not the order, kept one of
    them out."""


@dataclass(frozen=True)
class RankedColumns:
    """The regions of a ranking as columns, in its order: what a report of a whole pool
    reads without an object per region (a village-level pool has 100,000 of them)."""

    cards: tuple[ScoreCard, ...]
    ranks: tuple[int | None, ...]
    cohorts: tuple[int | None, ...]
    gaps: tuple[float | None, ...]
    deferred_from: tuple[int | None, ...]
    left_out_by_cap: tuple[bool, ...]

    def __len__(self) -> int:
        return len(self.cards)

    def regions(self) -> tuple[RankedRegion, ...]:
        return tuple(
            map(
                RankedRegion,
                self.cards,
                self.ranks,
                self.cohorts,
                self.gaps,
                self.deferred_from,
                self.left_out_by_cap,
            )
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
    equity: EquityOutcome | None = None
    """What the cohorts' equity rules did; None when no cohort has any."""
    overrides: OverrideOutcome | None = None
    """What the panel's overrides did; None when there were none."""
    exclusions: tuple[Exclusion, ...] = ()
    """Why excluded regions were left out, as a programme records it (``assess round
    rank``), by code: an excluded region not named here was left out by ``--exclude``."""

    def with_exclusions(self, why: Mapping[str, Exclusion]) -> Ranking:
        """This ranking with each excluded region in ``why`` labelled by it (selected or
        withdrawn in an earlier round); codes not excluded from this pool are ignored (a
        region need not apply again)."""
        dropped = sorted(card.code for card in self.excluded)
        return replace(self, exclusions=tuple(why[c] for c in dropped if c in why))

    def exclusion_of(self, code: str) -> Exclusion | None:
        """Why excluded region ``code`` was left out; None if the programme does not say."""
        return next((e for e in self.exclusions if e.code == code), None)

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

    def in_cohort(self, year: int) -> list[RankedRegion]:
        return [r for r in self.regions if r.cohort == year]

    def cut_ranks(self) -> list[int]:
        """The rank of the last region selected into each cohort that selected anyone."""
        ranks = []
        for cohort in self.cohorts:
            members = [r.rank for r in self.in_cohort(cohort.year) if r.rank is not None]
            if members:
                ranks.append(max(members))
        return ranks


def code_ranks(codes: Sequence[str]) -> Ints:
    """(R,) the position of each of the (unique) ``codes`` in code order: the last
    tie-break as an integer column."""
    import numpy as np  # the cards' scoring loaded it

    return positions_of(np.argsort(np.array(codes), kind="stable"))


def province_index(cards: Sequence[ScoreCard]) -> Ints:
    """(R,) a number for each card's province (``province_of``), in order of first
    appearance: what the per-province cap counts by."""
    import numpy as np

    number: dict[str, int] = {}
    found = (number.setdefault(p, len(number)) for p in map(province_of, cards))
    return np.fromiter(found, dtype=np.int64, count=len(cards))


def positions_of(order: Ints) -> Ints:
    """(…, R) where each region stands in ``order`` (…, R): its inverse permutation."""
    import numpy as np

    positions = np.empty(order.shape, dtype=np.int64)
    count = order.shape[-1]
    np.put_along_axis(positions, order, np.broadcast_to(np.arange(count), order.shape), axis=-1)
    return positions


def rank_order(
    criteria: Criteria,
    total_keys: Ints,
    factor_keys: Ints,
    code_rank: Ints,
    eligible: Bools | None = None,
) -> Ints:
    """The permutation (…, R) that puts the regions in rank order (SPEC section 4: higher
    rounded total first, then higher rounded factor scores in order of factor weight,
    then the region code ascending), for one run (``total_keys`` (R,)) or a batch of
    runs (N, R) at once; regions not ``eligible`` in a run come after those that are.

    The rounded scores are compared as integers (``ScoreCard.total_key`` and
    ``factor_keys``, (R, F) or (N, R, F)); ``code_rank`` (R,) is ``code_ranks``. The
    tie-break (factor scores, then code) is one ``numpy.lexsort``; each region's place
    in it joins the total in one integer key, which is unique, so one sort orders all."""
    import numpy as np

    shape = factor_keys.shape[:-1]
    # np.lexsort sorts by the last key first.
    keys = [np.broadcast_to(code_rank, shape)]
    keys += [-factor_keys[..., f] for f in reversed(criteria.weight_order)]
    tie_break = positions_of(np.lexsort(keys, axis=-1))
    if not total_keys.size:
        return np.zeros(total_keys.shape, dtype=np.int64)
    behind = total_keys.max() - total_keys  # 0 for the highest total
    if eligible is not None:
        behind = np.where(eligible, behind, behind.max() + 1)
    order: Ints = np.argsort(behind * total_keys.shape[-1] + tie_break, axis=-1)
    return order


_code = attrgetter("code")
_total_key = attrgetter("total_key")


def rank(
    criteria: Criteria,
    cards: Iterable[ScoreCard],
    cohorts: Sequence[Cohort],
    max_per_province: int | None = None,
    excluded: Collection[str] = (),
    tertinggal: Collection[str] = frozenset(),
    overrides: Sequence[Override] = (),
    override_zone: float = 0.0,
) -> Ranking:
    """Rank a pool of scorecards and fill the cohorts in order.

    ``excluded`` codes are dropped before ranking. With ``max_per_province``, a region
    whose province already has that many regions in a cohort is passed over for it and
    stays in line for the next one. Cohorts with equity rules are filled by
    ``equity.fill_equity``, ``tertinggal`` being the codes of the daerah tertinggal;
    they cannot be combined with ``max_per_province``. Region codes must be unique in
    ``cards``. The panel's ``overrides`` (``core.overrides``), allowed within
    ``override_zone`` points of a cut-off, are applied after the fill; they cannot be
    combined with equity rules or ``max_per_province``, and ``InvalidInput`` lists every
    override not allowed.
    """
    import numpy as np  # the cards' scoring loaded it

    from smartcity_assess.core.scoring import card_keys

    pool = list(cards)
    if len(set(map(_code, pool))) != len(pool):
        raise ValueError("rank() needs unique region codes")
    dropped = tuple(sorted((c for c in pool if c.code in excluded), key=_code))
    kept = [c for c in pool if c.code not in excluded] if excluded else pool
    candidates = [c for c in kept if c.eligible]
    if candidates:
        total_keys, factor_keys = card_keys(candidates)
        order = rank_order(
            criteria, total_keys, factor_keys, code_ranks(list(map(_code, candidates)))
        )
        total_keys, factor_keys = total_keys[order], factor_keys[order]
    else:
        order = total_keys = np.zeros(0, dtype=np.int64)
        factor_keys = np.zeros((0, len(criteria.factors)), dtype=np.int64)
    eligible = list(map(candidates.__getitem__, order.tolist()))
    ineligible = sorted((c for c in kept if not c.eligible), key=_code)
    ineligible.sort(key=_total_key, reverse=True)
    if any(cohort.has_equity for cohort in cohorts):
        if max_per_province is not None:
            raise ValueError("equity rules cannot be combined with max_per_province")
        if overrides:
            raise ValueError("overrides cannot be combined with equity rules")
        ranked = (eligible, ineligible, total_keys, factor_keys)
        return _equity_ranking(criteria, ranked, cohorts, dropped, tertinggal)

    province = None if max_per_province is None else province_index(eligible)
    waiting = np.ones(len(eligible), dtype=np.bool_)
    filled = fill(cohorts, waiting, province, max_per_province)
    outcome = None
    forced: list[int] = []
    if overrides:
        if province is not None:
            raise ValueError("overrides cannot be combined with max_per_province")
        filled, outcome, forced = _overridden(
            criteria, eligible, kept, cohorts, filled, overrides, override_zone
        )

    def swap_matters(i: int) -> bool:
        """Would the cohorts take other regions had positions i and i + 1 (in different
        cohorts) stood the other way round? Always, without a cap."""
        if province is None:
            return True
        order = np.arange(len(eligible))
        order[[i, i + 1]] = i + 1, i
        again = fill(cohorts, waiting, province[order], max_per_province).cohort
        return not np.array_equal(again[positions_of(order)], filled.cohort)

    selected = _selected(eligible, cohorts, filled, forced)
    last_cutoff = last_cutoff_score(selected)
    codes = list(map(_code, eligible))
    in_year = [*(c.year for c in cohorts), None]  # index -1: none
    years = list(map(in_year.__getitem__, filled.cohort.tolist()))
    left_out_by_cap = filled.left_out_by_cap.tolist()
    gaps: list[float | None] = [None] * len(eligible)
    if last_cutoff is not None:
        below = gaps_below(criteria, last_cutoff, total_keys)
        gaps = [
            None if year is not None or out else gap
            for gap, year, out in zip(below.tolist(), years, left_out_by_cap, strict=True)
        ]
        if outcome is not None:  # put out or displaced by the panel: no gap to close
            moved = {*outcome.by_code, *outcome.moved_by_code}
            gaps = [None if code in moved else gap for code, gap in zip(codes, gaps, strict=True)]
    return _assembled(
        criteria,
        (eligible, ineligible, total_keys, factor_keys),
        years,
        gaps,
        swap_matters,
        cohorts=selected,
        excluded=dropped,
        deferred_from=list(map(in_year.__getitem__, filled.deferred.tolist())),
        left_out_by_cap=left_out_by_cap,
        max_per_province=max_per_province,
        overrides=outcome,
    )


def _assembled(
    criteria: Criteria,
    ranked: tuple[list[ScoreCard], list[ScoreCard], Ints, Ints],
    years: list[int | None],
    gaps: list[float | None],
    swap_matters: Callable[[int], bool],
    *,
    cohorts: tuple[SelectedCohort, ...],
    excluded: tuple[ScoreCard, ...],
    deferred_from: list[int | None] | None = None,
    left_out_by_cap: list[bool] | None = None,
    max_per_province: int | None = None,
    overrides: OverrideOutcome | None = None,
    equity: EquityOutcome | None = None,
) -> Ranking:
    """The ``Ranking`` of the eligible regions in rank order (``years``, ``gaps``, and by
    default neither deferred nor left out by a cap), the ineligible after them unranked,
    and the broken ties; the one ending of both fills, plain and with equity rules."""
    eligible, ineligible, total_keys, factor_keys = ranked
    unranked = (None,) * len(ineligible)
    none = [None] * len(eligible)
    columns = RankedColumns(
        cards=(*eligible, *ineligible),
        ranks=(*range(1, len(eligible) + 1), *unranked),
        cohorts=(*years, *unranked),
        gaps=(*gaps, *unranked),
        deferred_from=(*(none if deferred_from is None else deferred_from), *unranked),
        left_out_by_cap=(
            *([False] * len(eligible) if left_out_by_cap is None else left_out_by_cap),
            *(False,) * len(ineligible),
        ),
    )
    codes = list(map(_code, eligible))
    return Ranking(
        columns=columns,
        cohorts=cohorts,
        ties=tuple(_ties(criteria, codes, years, total_keys, factor_keys, swap_matters)),
        excluded=excluded,
        max_per_province=max_per_province,
        equity=equity,
        overrides=overrides,
    )


def _overridden(
    criteria: Criteria,
    eligible: list[ScoreCard],
    kept: list[ScoreCard],
    cohorts: Sequence[Cohort],
    filled: Filled,
    overrides: Sequence[Override],
    zone: float,
) -> tuple[Filled, OverrideOutcome, list[int]]:
    """The fill after the panel's ``overrides`` (``core.overrides``), what they did, and
    the positions forced in."""
    import numpy as np

    from smartcity_assess.core.overrides import (
        Applied,
        OverrideOutcome,
        override_problems,
        refill,
    )
    from smartcity_assess.core.rounding import round_key
    from smartcity_assess.errors import InvalidInput
    from smartcity_assess.problems import problem

    p = criteria.precision
    by_rank = _selected(eligible, cohorts, filled)
    cutoff_keys = [
        None if c.cutoff_score is None else round_key(c.cutoff_score, p) for c in by_rank
    ]
    scores = {c.code: (c.total_key, c.eligible) for c in kept}
    problems = override_problems(overrides, scores, cutoff_keys, p, zone)
    if problems:
        raise InvalidInput(problems)
    codes = list(map(_code, eligible))
    keys = [c.total_key for c in eligible]
    before = filled.cohort.tolist()
    after = refill(cohorts, codes, keys, before, overrides, cutoff_keys, round_key(zone, p))
    no_place = [o for o in overrides if o.decision == "in" and after[codes.index(o.code)] < 0]
    if no_place:  # more regions forced in than the cohorts from theirs on have places
        raise InvalidInput(
            [
                problem(o.path, "override-no-place", line=o.line, column=o.column, code=o.code)
                for o in no_place
            ]
        )
    in_year = [*(c.year for c in cohorts), None]
    position = {code: i for i, code in enumerate(codes)}
    overridden = {o.code for o in overrides}
    applied = tuple(
        Applied(
            o,
            in_year[before[position[o.code]]] if o.code in position else None,
            in_year[after[position[o.code]]] if o.code in position else None,
        )
        for o in overrides
    )
    moved = tuple(
        (code, in_year[b], in_year[a])
        for code, b, a in zip(codes, before, after, strict=True)
        if a != b and code not in overridden
    )
    forced = sorted(position[o.code] for o in overrides if o.decision == "in")
    again = Filled(np.array(after, dtype=np.int64), filled.deferred, filled.left_out_by_cap)
    return again, OverrideOutcome(applied, moved, zone), forced


def _equity_ranking(
    criteria: Criteria,
    ranked: tuple[list[ScoreCard], list[ScoreCard], Ints, Ints],
    cohorts: Sequence[Cohort],
    dropped: tuple[ScoreCard, ...],
    tertinggal: Collection[str],
) -> Ranking:
    """``rank`` for cohorts with equity rules (``equity.fill_equity``). A region not
    selected is measured against the cut-off of its own ranking (its kind, with places)
    in the last cohort that took anyone of it by rank; one that a rule displaced and no
    later cohort took has no gap: its score reached the cut-off."""
    from smartcity_assess.core.equity import EquityOutcome, fill_equity, group_of, standings

    eligible, _, total_keys, _ = ranked
    codes = list(map(_code, eligible))
    regions = standings(codes, [card.submission.kind for card in eligible], tertinggal)
    filled = fill_equity(cohorts, regions)
    in_year = [*(c.year for c in cohorts), None]
    years = list(map(in_year.__getitem__, filled.cohort))
    made = []
    for index, cohort in enumerate(cohorts):
        taken = [i for i, c in enumerate(filled.cohort) if c == index]
        last = filled.cutoffs[index]
        made.append(
            SelectedCohort(
                year=cohort.year,
                size=cohort.size,
                selected=tuple(codes[i] for i in taken),
                cutoff_score=eligible[max(last.values())].total if last else None,
                cutoffs=(
                    tuple(
                        (kind, eligible[last[kind]].total)
                        for kind in ("kota", "kabupaten")
                        if kind in last
                    )
                    if cohort.places is not None
                    else ()
                ),
            )
        )
    displaced = {move.displaced for move in filled.moves}
    gaps: list[float | None] = [None] * len(eligible)
    for i, year in enumerate(years):
        if year is not None or codes[i] in displaced:
            continue
        for index in reversed(range(len(cohorts))):
            at = filled.cutoffs[index].get(group_of(cohorts[index], regions[i]))
            if at is not None:
                cutoff = eligible[at].total
                gaps[i] = float(gaps_below(criteria, cutoff, total_keys[i : i + 1])[0])
                break

    def swap_matters(i: int) -> bool:
        """Would the cohorts take other regions had positions i and i + 1 stood the other
        way round?"""
        swapped = list(regions)
        swapped[i], swapped[i + 1] = regions[i + 1], regions[i]
        again = fill_equity(cohorts, swapped).cohort
        again[i], again[i + 1] = again[i + 1], again[i]  # back to the regions' own order
        return again != filled.cohort

    return _assembled(
        criteria,
        ranked,
        years,
        gaps,
        swap_matters,
        cohorts=tuple(made),
        excluded=dropped,
        equity=EquityOutcome(tuple(filled.moves), tuple(filled.unmet)),
    )


def gaps_below(criteria: Criteria, cutoff: float, total_keys: Ints) -> Floats:
    """How far each total is below ``cutoff``, as the difference of the numbers shown:
    ``total_keys`` (``round_keys``) and the cut-off rounded the same way (``round_key``).
    Every report and ``explain`` print this one number, so a gap adds up on the page."""
    from smartcity_assess.core.rounding import round_key

    p = criteria.precision
    gaps: Floats = (round_key(cutoff, p) - total_keys) / 10.0**p
    return gaps


def last_cutoff_score(cohorts: Sequence[SelectedCohort]) -> float | None:
    """The score of the last region selected into the last cohort that took anyone: the
    bar every region not selected is measured against."""
    taken = [c.cutoff_score for c in cohorts if c.cutoff_score is not None]
    return taken[-1] if taken else None


def province_of(card: ScoreCard) -> str:
    """The province as the first two digits of the Kemendagri code (``32`` for 32.73), so
    the spelling of a province name cannot split or merge provinces."""
    return card.code[:2]


@dataclass(frozen=True)
class Filled:
    """Where the cohorts took the regions of one run (R,) or of each of N runs (N, R),
    by position in rank order."""

    cohort: Ints
    """The index of the cohort that took each position, -1 for none."""
    deferred: Ints
    """The index of the first cohort that passed each position over because its
    province had reached the cap, -1 for none."""
    left_out_by_cap: Bools
    """Positions that no cohort took and that the last cohort passed over for the cap
    while it still had places: left out by the cap alone."""


def fill(
    cohorts: Sequence[Cohort],
    waiting: Bools,
    province: Ints | None,
    max_per_province: int | None,
) -> Filled:
    """Fill each cohort in turn from the regions still ``waiting`` (…, R), in rank
    order; ``province`` (…, R) is each position's ``province_index``, needed only with
    ``max_per_province``.

    A waiting region is taken by a cohort exactly when fewer than ``max_per_province``
    regions of its province wait ahead of it and fewer than the cohort's size have been
    taken before it; a region passed over for its province waits for the next cohort,
    still in rank order."""
    import numpy as np

    cohort = np.full(waiting.shape, -1, dtype=np.int64)
    deferred = np.full(waiting.shape, -1, dtype=np.int64)
    capped = max_per_province is not None
    if capped:
        if province is None:
            raise ValueError("a province cap needs each position's province")
        # The positions grouped by province, in rank order within each group.
        grouped = np.argsort(province, axis=-1, kind="stable")
        in_group = np.take_along_axis(province, grouped, axis=-1)
        first = np.ones(in_group.shape, dtype=np.bool_)
        first[..., 1:] = in_group[..., 1:] != in_group[..., :-1]
    for index, size in enumerate(c.size for c in cohorts):
        allowed = waiting
        if capped:
            wait = np.take_along_axis(waiting, grouped, axis=-1).astype(np.int64)
            before = np.cumsum(wait, axis=-1) - wait  # waiting ahead, group starts included
            ahead_grouped = before - np.maximum.accumulate(np.where(first, before, 0), axis=-1)
            ahead = np.empty_like(ahead_grouped)
            np.put_along_axis(ahead, grouped, ahead_grouped, axis=-1)
            allowed = waiting & (ahead < max_per_province)
        taken_by = np.cumsum(allowed, axis=-1)  # taken at or before each position
        taken = allowed & (taken_by <= size)
        passed_over = waiting & ~allowed & (taken_by < size)
        deferred[passed_over & (deferred < 0)] = index
        cohort[taken] = index
        waiting = waiting & ~taken
    left_out_by_cap = passed_over & waiting if cohorts else np.zeros(waiting.shape, dtype=np.bool_)
    return Filled(cohort, deferred, left_out_by_cap)


def _selected(
    in_order: list[ScoreCard],
    cohorts: Sequence[Cohort],
    filled: Filled,
    forced: Collection[int] = (),
) -> tuple[SelectedCohort, ...]:
    """The cohorts as ``fill`` filled them from the regions ``in_order`` (one run). A
    cohort's cut-off is the score of the last region it took by rank, not ``forced`` in
    by the panel (of the last one forced in when it took only such)."""
    import numpy as np

    made = []
    for index, cohort in enumerate(cohorts):
        taken = np.flatnonzero(filled.cohort == index).tolist()
        later = int(np.count_nonzero((filled.cohort < 0) | (filled.cohort > index)))
        by_rank = [i for i in taken if i not in forced] or taken
        made.append(
            SelectedCohort(
                year=cohort.year,
                size=cohort.size,
                selected=tuple(in_order[i].code for i in taken),
                cutoff_score=in_order[by_rank[-1]].total if taken else None,
                capped=len(taken) < cohort.size and later > 0,
            )
        )
    return tuple(made)


def _ties(
    criteria: Criteria,
    codes: list[str],
    cohorts: list[int | None],
    total_keys: Ints,
    factor_keys: Ints,
    swap_matters: Callable[[int], bool],
) -> list[Tie]:
    """Every run of eligible regions (in rank order, with their keys) whose rounded
    totals are equal, with what decided the order between each neighbouring pair: the
    first factor, in order of weight, whose rounded scores differ, else the code; and
    whether the order decided a cut-off: some neighbouring pair in different cohorts
    for which ``swap_matters``."""
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
                at_cutoff=any(
                    cohorts[i] != cohorts[i + 1] and swap_matters(i) for i in range(start, end)
                ),
            )
        )
    return ties
