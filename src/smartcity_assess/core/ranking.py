"""Ranking: pure functions from scorecards to ranks, ties and cohorts (SPEC section 4).

No I/O and no printing. Totals and factor scores are compared after rounding to the
criteria's ``precision``, the numbers the user sees; the raw numbers are kept for
reports.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import cached_property
from operator import attrgetter
from typing import TYPE_CHECKING

from smartcity_assess.core.criteria import Cohort, Criteria
from smartcity_assess.core.equity import EquityOutcome, Standings
from smartcity_assess.core.fill import Filled, fill

if TYPE_CHECKING:
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
    """For an eligible region not selected by its score: the cut-off it is measured against
    (``cutoff_for``: the last cohort's, its kind's with places) minus its score, both
    rounded to the criteria's precision as shown (``gaps_below``). None when it was
    selected, when the province cap left it out (``left_out_by_cap``), when an equity rule
    put it out, and when the panel put it out or moved it."""
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
    """Short, and the fill passed regions over for the province cap: every eligible region
    left that it could take was in a province at the cap."""
    cutoffs: tuple[tuple[str, float], ...] = ()
    """With places per kind (``Cohort.places``): each kind's own cut-off, the score of
    the last region of that kind selected by rank; empty otherwise."""

    @property
    def short(self) -> bool:
        return len(self.selected) < self.size


@dataclass(frozen=True)
class CapMove:
    """A region a cohort took only because the province cap passed over a region above it
    (``Filled.cap_moves``), and that region."""

    year: int
    entrant: str
    displaced: str
    province: str
    """The province whose cap passed ``displaced`` over (``province_of``)."""


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
    members: Mapping[str, frozenset[str]] = field(default_factory=dict)
    """By group (``tertinggal``, a declared one), the regions of the pool (eligible or
    not) in it, for ``reserved`` places: what a re-ranking of the same pool
    (``sensitivity``) needs to honour the same rules."""
    cap_moves: tuple[CapMove, ...] = ()
    """Who the province cap let in, and in place of whom: by cohort, then in rank order;
    empty without a cap (docs/rank.md, "Province cap")."""
    deferred_in: tuple[tuple[str, tuple[int, ...]], ...] = ()
    """The regions of this ranking the panel deferred in earlier rounds of a programme,
    by code, with the years of those rounds (``assess round rank``); empty otherwise."""
    exclusions: tuple[Exclusion, ...] = ()
    """Why excluded regions were left out, as a programme records it (``assess round
    rank``), by code: an excluded region not named here was left out by ``--exclude``."""

    def with_exclusions(self, why: Mapping[str, Exclusion]) -> Ranking:
        """This ranking with each excluded region in ``why`` labelled by it (selected or
        withdrawn in an earlier round); codes not excluded from this pool are ignored (a
        region need not apply again)."""
        dropped = sorted(card.code for card in self.excluded)
        return replace(self, exclusions=tuple(why[c] for c in dropped if c in why))

    def with_deferrals(self, years: Mapping[str, tuple[int, ...]]) -> Ranking:
        """This ranking with each of its regions in ``years`` labelled as deferred by the
        panel in those rounds; codes not in this ranking are ignored."""
        codes = sorted(set(map(_code, self.columns.cards)).intersection(years))
        return replace(self, deferred_in=tuple((c, years[c]) for c in codes))

    @cached_property
    def deferred_in_by_code(self) -> dict[str, tuple[int, ...]]:
        return dict(self.deferred_in)

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

    def cutoff_for(self, kind: str) -> float | None:
        """The cut-off a region of ``kind`` not selected is measured against
        (``cutoff_for``)."""
        return cutoff_for(self.cohorts, kind)

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
    members: Mapping[str, Collection[str]] | None = None,
    overrides: Sequence[Override] = (),
    override_zone: float = 0.0,
) -> Ranking:
    """Rank a pool of scorecards and fill the cohorts in order (``core.fill``).

    ``excluded`` codes are dropped before ranking. With ``max_per_province``, a region
    whose province already has that many regions in a cohort is passed over for it and
    stays in line for the next one. Cohorts with equity rules honour them,
    ``members`` giving the codes of each group they reserve places for (``tertinggal``,
    a declared one). The panel's ``overrides``
    (``core.overrides``), allowed within ``override_zone`` points of a cut-off of the
    ranking without them, are applied by filling again with the regions forced in and put
    out; ``InvalidInput`` lists every override not allowed, and every region forced in
    that no cohort has a place for. Region codes must be unique in ``cards``.
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
    codes = list(map(_code, eligible))
    kinds = [card.submission.kind for card in eligible]
    groups = members or {}
    regions = Standings(codes, kinds, groups)
    filled = fill(cohorts, regions, max_per_province)
    outcome = None
    forced: dict[int, int] = {}
    removed: frozenset[int] = frozenset()
    if overrides:
        filled, outcome, forced, removed = _overridden(
            criteria,
            eligible,
            kept,
            cohorts,
            regions,
            max_per_province,
            filled,
            overrides,
            override_zone,
        )
    has_equity = any(cohort.has_equity for cohort in cohorts)

    def swap_matters(i: int) -> bool:
        """Would the cohorts take other regions had positions i and i + 1 (in different
        cohorts) stood the other way round? Always, without a cap or equity rules."""
        if max_per_province is None and not has_equity:
            return True
        swap = {i: i + 1, i + 1: i}
        codes, kinds = list(regions.codes), list(regions.kinds)
        codes[i], codes[i + 1] = codes[i + 1], codes[i]
        kinds[i], kinds[i + 1] = kinds[i + 1], kinds[i]
        swapped = Standings(codes, kinds, regions.members)
        again = fill(
            cohorts,
            swapped,
            max_per_province,
            forced={swap.get(j, j): k for j, k in forced.items()},
            removed={swap.get(j, j) for j in removed},
        ).cohort
        again[i], again[i + 1] = again[i + 1], again[i]  # back to the regions' own order
        return again != filled.cohort

    selected = _selected(eligible, cohorts, filled)
    in_year = [*(c.year for c in cohorts), None]  # index -1: none
    years = list(map(in_year.__getitem__, filled.cohort))
    moved = set() if outcome is None else {*outcome.by_code, *outcome.moved_by_code}
    gaps = _gaps(criteria, regions, total_keys, selected, filled, moved)
    return _assembled(
        criteria,
        (eligible, ineligible, total_keys, factor_keys),
        years,
        gaps,
        swap_matters,
        cohorts=selected,
        excluded=dropped,
        deferred_from=list(map(in_year.__getitem__, filled.deferred)),
        left_out_by_cap=filled.left_out_by_cap,
        max_per_province=max_per_province,
        cap_moves=tuple(
            CapMove(cohorts[k].year, regions.codes[i], regions.codes[j], regions[j].province)
            for k, i, j in filled.cap_moves
        ),
        overrides=outcome,
        equity=EquityOutcome(tuple(filled.moves), tuple(filled.unmet)) if has_equity else None,
        members={
            group: frozenset(c.code for c in kept if c.code in codes)
            for group, codes in groups.items()
        },
    )


def _gaps(
    criteria: Criteria,
    regions: Standings,
    total_keys: Ints,
    selected: tuple[SelectedCohort, ...],
    filled: Filled,
    moved: Collection[str],
) -> list[float | None]:
    """How far each eligible region not selected is below the cut-off of its own ranking
    group (its kind, with places) in the last cohort that took anyone of that group by
    rank (``gaps_below``). None for a region selected, left out by the cap, displaced by
    an equity rule, or put out or ``moved`` by the panel: its score is not what kept it out."""
    kinds = regions.kinds
    cutoffs = {kind: cutoff_for(selected, kind) for kind in sorted(set(kinds))}
    below = {
        c: gaps_below(criteria, c, total_keys).tolist()
        for c in sorted({c for c in cutoffs.values() if c is not None})
    }
    displaced = {move.displaced for move in filled.moves}
    gaps: list[float | None] = [None] * len(regions)
    for i, code in enumerate(regions.codes):
        if filled.cohort[i] >= 0 or filled.left_out_by_cap[i]:
            continue
        if code in displaced or code in moved:
            continue
        cutoff = cutoffs[kinds[i]]
        if cutoff is not None:
            gaps[i] = below[cutoff][i]
    return gaps


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
    cap_moves: tuple[CapMove, ...] = (),
    overrides: OverrideOutcome | None = None,
    equity: EquityOutcome | None = None,
    members: Mapping[str, frozenset[str]] | None = None,
) -> Ranking:
    """The ``Ranking`` of the eligible regions in rank order (``years``, ``gaps``, and by
    default neither deferred nor left out by a cap), the ineligible after them unranked,
    and the broken ties."""
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
        cap_moves=cap_moves,
        equity=equity,
        overrides=overrides,
        members={} if members is None else members,
    )


def _overridden(
    criteria: Criteria,
    eligible: list[ScoreCard],
    kept: list[ScoreCard],
    cohorts: Sequence[Cohort],
    regions: Standings,
    max_per_province: int | None,
    filled: Filled,
    overrides: Sequence[Override],
    zone: float,
) -> tuple[Filled, OverrideOutcome, dict[int, int], frozenset[int]]:
    """The fill with the panel's ``overrides`` (``core.overrides``), what they did, the
    positions forced in (with their cohort's index) and those put out."""
    from smartcity_assess.core.overrides import (
        Applied,
        OverrideOutcome,
        ZoneCutoff,
        forced_targets,
        override_problems,
    )
    from smartcity_assess.core.rounding import round_key
    from smartcity_assess.errors import InvalidInput
    from smartcity_assess.problems import problem

    p = criteria.precision
    by_rank = _selected(eligible, cohorts, filled)

    def key(score: float | None) -> int | None:
        return None if score is None else round_key(score, p)

    def cutoff_keys(kind: str) -> list[int | None]:
        """Each cohort's cut-off for a region of ``kind``: its kind's, with places."""
        return [
            key(dict(c.cutoffs).get(kind)) if cohort.places is not None else key(c.cutoff_score)
            for c, cohort in zip(by_rank, cohorts, strict=True)
        ]

    kinds = {c.code: c.submission.kind for c in kept}
    scores = {c.code: (c.total_key, c.eligible) for c in kept}
    keys_by_code = {code: cutoff_keys(kind) for code, kind in kinds.items()}
    problems = override_problems(overrides, scores, keys_by_code, p, zone)
    if problems:
        raise InvalidInput(problems)
    codes = list(regions.codes)
    position = {code: i for i, code in enumerate(codes)}
    before = filled.cohort
    forced = forced_targets(
        overrides,
        position,
        [c.total_key for c in eligible],
        before,
        keys_by_code,
        round_key(zone, p),
    )
    removed = frozenset(position[o.code] for o in overrides if o.decision != "in")
    again = fill(cohorts, regions, max_per_province, forced=forced, removed=removed)
    after = again.cohort
    no_place = [o for o in overrides if o.decision == "in" and after[position[o.code]] < 0]
    if no_place:  # more regions forced in than the cohorts from theirs on have places
        raise InvalidInput(
            [
                problem(o.path, "override-no-place", line=o.line, column=o.column, code=o.code)
                for o in no_place
            ]
        )
    in_year = [*(c.year for c in cohorts), None]
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
    cutoffs = tuple(ZoneCutoff(c.year, c.cutoff_score, c.cutoffs) for c in by_rank)
    return again, OverrideOutcome(applied, moved, zone, cutoffs), forced, removed


def gaps_below(criteria: Criteria, cutoff: float, total_keys: Ints) -> Floats:
    """How far each total is below ``cutoff``, as the difference of the numbers shown:
    ``total_keys`` (``round_keys``) and the cut-off rounded the same way (``round_key``).
    Every report and ``explain`` print this one number, so a gap adds up on the page."""
    from smartcity_assess.core.rounding import round_key

    p = criteria.precision
    gaps: Floats = (round_key(cutoff, p) - total_keys) / 10.0**p
    return gaps


def cutoff_for(cohorts: Sequence[SelectedCohort], kind: str) -> float | None:
    """The cut-off a region of ``kind`` not selected is measured against: that of its own
    ranking (its kind's, in a cohort with places) in the last cohort that took anyone of
    it by rank."""
    for cohort in reversed(cohorts):
        score = dict(cohort.cutoffs).get(kind) if cohort.cutoffs else cohort.cutoff_score
        if score is not None:
            return score
    return None


def province_of(card: ScoreCard) -> str:
    """The province as the first two digits of the Kemendagri code (``32`` for 32.73), so
    the spelling of a province name cannot split or merge provinces."""
    return card.code[:2]


def _selected(
    in_order: list[ScoreCard], cohorts: Sequence[Cohort], filled: Filled
) -> tuple[SelectedCohort, ...]:
    """The cohorts as ``fill`` filled them from the regions ``in_order``. A cohort's
    cut-off is the score of the last region it took by rank (``Filled.cutoffs``), not
    forced in by the panel nor brought in by an equity rule (of the last region it took
    when it took none by rank); with places, each kind has its own too."""
    taken: list[list[int]] = [[] for _ in cohorts]
    for i, index in enumerate(filled.cohort):
        if index >= 0:
            taken[index].append(i)
    made = []
    for index, cohort in enumerate(cohorts):
        last = filled.cutoffs[index]
        members = taken[index]
        at = max(last.values()) if last else (members[-1] if members else None)
        made.append(
            SelectedCohort(
                year=cohort.year,
                size=cohort.size,
                selected=tuple(in_order[i].code for i in members),
                cutoff_score=None if at is None else in_order[at].total,
                capped=filled.capped[index],
                cutoffs=(
                    tuple(
                        (kind, in_order[last[kind]].total)
                        for kind in ("kota", "kabupaten")
                        if kind in last
                    )
                    if cohort.places is not None
                    else ()
                ),
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
