"""The one fill of the cohorts (docs/rank.md, "How the cohorts are filled"): pure
functions from the eligible regions in rank order and the rules of a ranking to the cohort
each region lands in, with the rule that put it in or kept it out.

Every ranking is filled here: by score alone, with a province cap, with equity rules
(``Cohort.places``, ``reserved``, ``min_per_wilayah``; ``core.equity``), with the
panel's overrides (``core.overrides``), and any of these together; ``sensitivity`` fills
each of its runs here too. Each cohort is filled in turn from the regions no earlier
cohort took, in four steps:

0. **forced in**: the regions the panel put in for this cohort or an earlier one that has
   not taken them yet, best first, each while its ranking group (its kind with ``places``,
   else the whole cohort) has a place left and its province is below ``max_per_province``;
   one that does not fit waits for the next cohort (none that takes it is the caller's
   ``override-no-place``);
1. **by rank**: the best waiting regions not put out by the panel, each while its group
   has a place left, a region whose province already has ``max_per_province`` regions in
   the cohort being passed over (it waits for the next cohort). With ``places``, each kind
   has its own places and cut-off; each region that gets a place only so is paired, best
   first, with the lowest-ranked region that the cohort filled without ``places`` would
   have taken instead (a ``places`` move);
2. **reserved**: while fewer than ``reserved.places`` regions of the reserved group (the
   daerah tertinggal, or a group the criteria declare) are in, the best waiting one comes
   in and the lowest-ranked region taken in step 1 not of the group (of the same kind,
   with ``places``) goes out, one whose wilayah stays above
   its minimum first;
3. **min_per_wilayah**: for barat, tengah, timur in turn, while the wilayah is below its
   minimum, its best waiting region comes in and the lowest-ranked region taken in step 1
   goes out whose removal breaks no rule already met (not of that wilayah, not of a
   wilayah at its minimum, not a region of the group the reserved places still need).

In steps 2 and 3 an entrant never breaks the province cap (it comes in only for a region
of its own province when its province is full) and a region the panel put out never
enters; a region forced in (step 0) or brought in by step 2 or 3 never goes out again. A
rule that cannot be met (too few such regions waiting, or none that may give way) is
reported as ``Unmet``, never dropped in silence.
"""

from __future__ import annotations

import functools
import itertools
from collections import Counter
from collections.abc import Callable, Collection, Iterator, Mapping, Sequence
from dataclasses import dataclass, field

from smartcity_assess.core.criteria import WILAYAH, Cohort
from smartcity_assess.core.equity import Move, Rule, Standing, Unmet

ALL = "all"
"""The ranking group of every region of a cohort without ``places``."""


@dataclass(frozen=True)
class Filled:
    """Where the cohorts took the eligible regions, by position in rank order, and why."""

    cohort: list[int]
    """The index of the cohort that took each position, -1 for none."""
    deferred: list[int]
    """The index of the first cohort that passed each position over because its province
    had reached the cap while the region's group still had places, -1 for none."""
    left_out_by_cap: list[bool]
    """Positions no cohort took that the last cohort passed over for the cap while their
    group still had places: left out by the cap alone."""
    cutoffs: list[dict[str, int]]
    """Per cohort: the position of the last region taken by rank (step 1, still in) in each
    ranking group (``kota``/``kabupaten`` with places, else ``all``)."""
    capped: list[bool]
    """Per cohort: it is short of its size and passed someone over for the province cap
    (the cap is why it is short)."""
    forced: list[int] = field(default_factory=list)
    """The positions the panel forced in that a cohort took, in rank order."""
    moves: list[Move] = field(default_factory=list)
    """What the equity rules did, in the order they did it: by cohort, then by step."""
    unmet: list[Unmet] = field(default_factory=list)
    cap_moves: list[tuple[int, int, int]] = field(default_factory=list)
    """What the province cap did: ``(cohort index, entrant, displaced)`` for each region
    that a cohort took by rank (step 1) and kept only because the cap passed over a region
    above it, paired best first with the best region so passed over that the cohort filled
    without the cap would have taken instead; by cohort, then in rank order."""


def group_of(cohort: Cohort, standing: Standing) -> str:
    """The ranking a region is filled by in ``cohort``: its kind with ``places``, else all."""
    return standing.kind if cohort.places is not None else ALL


def _quotas(cohort: Cohort) -> dict[str, int]:
    if cohort.places is None:
        return {ALL: cohort.size}
    return {"kota": cohort.places.kota, "kabupaten": cohort.places.kabupaten}


def fill(
    cohorts: Sequence[Cohort],
    regions: Sequence[Standing],
    max_per_province: int | None = None,
    *,
    forced: Mapping[int, int] | None = None,
    removed: Collection[int] = (),
) -> Filled:
    """Fill each cohort in turn from the eligible ``regions`` in rank order (docstring of
    this module). ``forced`` maps the position of each region the panel put in to the index
    of its cohort; ``removed`` are the positions of those it put out or deferred."""
    count = len(regions)
    filled = Filled(
        cohort=[-1] * count,
        deferred=[-1] * count,
        left_out_by_cap=[False] * count,
        cutoffs=[],
        capped=[],
    )
    targets = dict(forced or {})
    waiting = _Line(count, filled.cohort)
    passed: list[int] = []
    for index, cohort in enumerate(cohorts):
        state = _Cohort(index, cohort, regions, max_per_province, filled)
        for i in sorted(i for i, k in targets.items() if k <= index and filled.cohort[i] < 0):
            if state.fits(i):
                state.take(i)
                state.ruled.add(i)
                filled.forced.append(i)
        passed = state.by_rank(waiting, removed)
        by_rank = state.taken - state.ruled
        if cohort.reserved is not None or cohort.min_per_wilayah is not None:
            state.recount()
        if cohort.reserved is not None:
            _reserve(state, waiting, removed, cohort.reserved.places)
        if cohort.min_per_wilayah is not None:
            _balance(state, waiting, removed)
        cutoffs: dict[str, int] = {}
        for i in state.taken:
            filled.cohort[i] = index
        filled.cap_moves.extend((index, i, out) for i, out in state.let_in if i in state.taken)
        ranked_in = by_rank.intersection(state.taken)
        if cohort.places is None:
            if ranked_in:
                cutoffs[ALL] = max(ranked_in)
        else:
            for i in ranked_in:
                kind = regions[i].kind
                cutoffs[kind] = max(i, cutoffs.get(kind, i))
        filled.cutoffs.append(cutoffs)
        filled.capped.append(bool(passed) and len(state.taken) < cohort.size)
        waiting.drop(state.taken)
    for i in passed:
        if filled.cohort[i] < 0:
            filled.left_out_by_cap[i] = True
    filled.forced.sort()
    return filled


class _Line:
    """The positions no cohort has taken yet, in rank order: ``head``, then every position
    from ``start`` on. Only the part up to the last position a cohort took is ever
    rebuilt, so a fill of a few cohorts from a long line stays short."""

    def __init__(self, count: int, cohort: list[int]) -> None:
        self.count = count
        self.cohort = cohort
        self.head: list[int] = []
        self.start = 0

    def __iter__(self) -> Iterator[int]:
        return itertools.chain(self.head, range(self.start, self.count))

    def first(self, n: int) -> list[int]:
        """The first ``n`` positions."""
        found = self.head[:n]
        found += range(self.start, min(self.start + n - len(found), self.count))
        return found

    def drop(self, taken: Collection[int]) -> None:
        """Forget the positions a cohort took."""
        cohort = self.cohort
        head = [i for i in self.head if cohort[i] < 0]
        last = max(taken, default=-1)
        if last >= self.start:
            head += [i for i in range(self.start, last + 1) if cohort[i] < 0]
            self.start = last + 1
        self.head = head


@dataclass
class _Cohort:
    """One cohort being filled: who is in, and who is in by a rule (never put out)."""

    index: int
    cohort: Cohort
    regions: Sequence[Standing]
    cap: int | None
    filled: Filled
    taken: set[int] = field(default_factory=set)
    ruled: set[int] = field(default_factory=set)
    counts: Counter[str] = field(default_factory=Counter)
    """How many of ``taken`` are of the reserved group (``"reserved"``), in each wilayah, in each
    ranking group (``"group:..."``) and in each province (``"province:..."``): counted
    again by ``recount`` when a step needs them, then kept by ``bring_in``."""
    let_in: list[tuple[int, int]] = field(default_factory=list)
    """Step 1's regions in only because of the cap, each with the region passed over for
    the cap whose place it took (``Filled.cap_moves``)."""

    def recount(self) -> None:
        self.counts = Counter()
        for j in self.taken:
            self._count(j, 1)

    def _count(self, j: int, step: int) -> None:
        region = self.regions[j]
        if self.reserved_for(j):
            self.counts["reserved"] += step
        if region.wilayah is not None:
            self.counts[region.wilayah] += step
        self.counts["group:" + group_of(self.cohort, region)] += step
        self.counts["province:" + region.province] += step

    def take(self, j: int) -> None:
        self.taken.add(j)

    def reserved_for(self, j: int) -> bool:
        """Whether the region at ``j`` is of the group the cohort reserves places for: the
        one membership rule of ``reserved`` (the daerah tertinggal being the shipped group)."""
        reserved = self.cohort.reserved
        return reserved is not None and reserved.group in self.regions[j].groups

    def province_full(self, j: int) -> bool:
        return self.cap is not None and self.counts["province:" + self.regions[j].province] >= (
            self.cap
        )

    def fits(self, j: int) -> bool:
        """Whether ``j`` (forced in) fits: a place left in its group, its province below
        the cap."""
        self.recount()
        group = group_of(self.cohort, self.regions[j])
        room = _quotas(self.cohort).get(group, 0) - self.counts["group:" + group]
        return room > 0 and not self.province_full(j)

    def by_rank(self, waiting: _Line, removed: Collection[int]) -> list[int]:
        """Step 1: the rest of each group's places in rank order, passing over a region
        whose province is full; the places moves, the places unmet, and the positions
        passed over for the cap."""
        cohort, regions = self.cohort, self.regions
        taken, passed = self._ranked(waiting, removed, _quotas(cohort), mark=True)
        if passed:
            # Who is in only because the cap passed over a region above it: those the
            # same step would not take without the cap, paired best first with the
            # regions passed over that it would.
            kept = set(self._ranked(waiting, removed, _quotas(cohort), mark=False, cap=False)[0])
            entrants = [i for i in taken if i not in kept]
            self.let_in = list(zip(entrants, [i for i in passed if i in kept], strict=False))
        if cohort.places is not None:
            plain = set(self._ranked(waiting, removed, {ALL: cohort.size}, mark=False)[0])
            entrants = [i for i in taken if i not in plain]
            displaced = sorted(plain.difference(taken), reverse=True)
            for entrant, out in zip(entrants, displaced, strict=False):
                kind = regions[entrant].kind
                self.filled.moves.append(
                    Move(cohort.year, "places", kind, regions[entrant].code, regions[out].code)
                )
        self.taken.update(taken)
        if cohort.places is not None:
            kinds = Counter(regions[j].kind for j in self.taken)
            for kind, wanted in _quotas(cohort).items():
                got = kinds[kind]
                if got < wanted:
                    self.filled.unmet.append(Unmet(cohort.year, "places", kind, wanted, got))
        return passed

    def _ranked(
        self,
        waiting: _Line,
        removed: Collection[int],
        quotas: dict[str, int],
        *,
        mark: bool,
        cap: bool = True,
    ) -> tuple[list[int], list[int]]:
        """The waiting positions step 1 takes with ``quotas`` per group (the cohort's own,
        or ``{"all": size}`` to see what it would take without places), and those it
        passes over for the cap (none with ``cap=False``: what it would take without the
        cap); with ``mark``, the first cohort that passed each over is recorded
        (``Filled.deferred``)."""
        regions, already = self.regions, self.taken
        cap_ = self.cap if cap else None
        plain = ALL in quotas
        if plain:
            room = {ALL: quotas[ALL] - len(already)}
        else:
            kinds = Counter(regions[j].kind for j in already)
            room = {g: q - kinds[g] for g, q in quotas.items()}
        left = sum(max(r, 0) for r in room.values())
        taken: list[int] = []
        passed: list[int] = []
        if left <= 0:
            return taken, passed
        if plain and cap_ is None and not removed and not already:
            # Nothing to pass over: the first ``left`` waiting positions, as the walk
            # below would take them.
            return waiting.first(left), passed
        provinces: dict[str, int] = {}
        for j in already:
            provinces[regions[j].province] = provinces.get(regions[j].province, 0) + 1
        deferred, index = self.filled.deferred, self.index
        skip = bool(already or removed)
        for i in waiting:
            if skip and (i in already or i in removed):
                continue
            region = regions[i]
            group = ALL if plain else region.kind
            if not plain and room.get(group, 0) <= 0:
                continue
            if cap_ is not None:
                province = region.province
                held = provinces.get(province, 0)
                if held >= cap_:
                    passed.append(i)
                    if mark and deferred[i] < 0:
                        deferred[i] = index
                    continue
                provinces[province] = held + 1
            taken.append(i)
            room[group] -= 1
            left -= 1
            if left <= 0:
                break
        return taken, passed

    def bring_in(
        self, entrant: int, rule: Rule, group: str, may_leave: Callable[[int], bool]
    ) -> bool:
        """Put ``entrant`` in for the lowest-ranked region of its ranking group that was
        taken by rank, ``may_leave``, and whose place keeps the entrant's province within
        the cap; nothing when there is none."""
        regions, cohort = self.regions, self.cohort
        kind = group_of(cohort, regions[entrant])
        province = regions[entrant].province
        full = self.province_full(entrant)
        leaving = [
            j
            for j in self.taken
            if j not in self.ruled
            and group_of(cohort, regions[j]) == kind
            and (not full or regions[j].province == province)
            and may_leave(j)
        ]
        if not leaving:
            return False
        out = max(leaving)
        self.taken.remove(out)
        self._count(out, -1)
        self.take(entrant)
        self._count(entrant, 1)
        self.ruled.add(entrant)
        self.filled.moves.append(
            Move(cohort.year, rule, group, regions[entrant].code, regions[out].code)
        )
        return True

    def may_enter(self, i: int, removed: Collection[int]) -> bool:
        places = self.cohort.places
        kind_has_places = places is None or getattr(places, self.regions[i].kind, 0) > 0
        return i not in self.taken and i not in removed and kind_has_places


def _reserve(state: _Cohort, waiting: _Line, removed: Collection[int], places: int) -> None:
    """Step 2: the best waiting regions of the reserved group in, until ``places`` of them
    are. The region to give way is one whose wilayah stays above its minimum when there is
    one (so step 3 need not undo it), else any region taken by rank not of the group."""
    regions, minimum = state.regions, state.cohort.min_per_wilayah
    group = state.cohort.reserved.group if state.cohort.reserved is not None else ""

    def spare(j: int) -> bool:
        wilayah = regions[j].wilayah
        if state.reserved_for(j):
            return False
        if minimum is None or wilayah is None:
            return True
        return state.counts[wilayah] > int(getattr(minimum, wilayah))

    for i in waiting:
        if state.counts["reserved"] >= places:
            break
        if (
            state.reserved_for(i)
            and state.may_enter(i, removed)
            and not state.bring_in(i, "reserved", group, spare)
        ):
            state.bring_in(i, "reserved", group, lambda j: not state.reserved_for(j))
    got = state.counts["reserved"]
    if got < places:
        state.filled.unmet.append(Unmet(state.cohort.year, "reserved", group, places, got))


def _balance(state: _Cohort, waiting: _Line, removed: Collection[int]) -> None:
    """Step 3: each wilayah up to its minimum, breaking no rule already met."""
    regions, cohort = state.regions, state.cohort
    minimum = cohort.min_per_wilayah
    wanted = {w: 0 if minimum is None else int(getattr(minimum, w)) for w in WILAYAH}
    reserved = 0 if cohort.reserved is None else cohort.reserved.places

    def may_leave(j: int, wilayah: str) -> bool:
        other = regions[j].wilayah
        if other == wilayah or (other is not None and state.counts[other] <= wanted[other]):
            return False
        return not (state.reserved_for(j) and state.counts["reserved"] <= reserved)

    for w in WILAYAH:
        for i in waiting:
            if state.counts[w] >= wanted[w]:
                break
            if regions[i].wilayah == w and state.may_enter(i, removed):
                state.bring_in(i, "min_per_wilayah", w, functools.partial(may_leave, wilayah=w))
        if state.counts[w] < wanted[w]:
            state.filled.unmet.append(
                Unmet(cohort.year, "min_per_wilayah", w, wanted[w], state.counts[w])
            )
