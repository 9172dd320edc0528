"""Equity rules of a cohort (docs/criteria.md, "Equity rules"): pure functions over the
eligible regions in rank order. No I/O: the list of daerah tertinggal comes in as codes.

A cohort is filled in three steps:

1. by rank: its ``size`` best waiting regions, or, with ``places``, the ``kota`` best kota
   and the ``kabupaten`` best kabupaten (each kind its own ranking and cut-off); each
   region that gets a place only so is paired, best first, with the lowest-ranked region
   of the other kind that the ``size`` best would have taken instead;
2. ``reserved``: while fewer than ``places`` daerah tertinggal are in, the best waiting
   one comes in and the lowest-ranked region selected by rank that is not tertinggal (of
   the same kind, with ``places``) goes out;
3. ``min_per_wilayah``: for barat, tengah, timur in turn, while the wilayah is below its
   minimum, its best waiting region comes in and the lowest-ranked region selected by rank
   goes out whose removal breaks no rule already met (not of that wilayah, not of a wilayah
   at its minimum, not a tertinggal region the reserved places still need).

A region that step 2 or 3 put in is never put out again; one that got its place in step 1
(by rank within its kind) can be, like any region selected by rank. A region put out waits
for the next
cohort like any region not selected, unless a later step of the same cohort brings it
back in (a wilayah minimum may need it): then both moves are reported.
"""

from __future__ import annotations

import functools
from collections import Counter
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import Literal

from smartcity_assess.core.criteria import WILAYAH, Cohort

Rule = Literal["places", "reserved", "min_per_wilayah"]

_BARAT: tuple[str, ...] = (
    "11",
    "12",
    "13",
    "14",
    "15",
    "16",
    "17",
    "18",
    "19",
    "21",
)  # Sumatra and islands
_BARAT += ("31", "32", "33", "34", "35", "36", "61", "62")  # Java, Kalimantan Barat, Tengah
_TENGAH = ("51", "52", "53", "63", "64", "65", "71", "72", "73", "74", "75", "76")
_TIMUR = ("81", "82", "91", "92", "93", "94", "95", "96")
WILAYAH_BY_PROVINCE: dict[str, str] = {
    **dict.fromkeys(_BARAT, "barat"),
    **dict.fromkeys(_TENGAH, "tengah"),
    **dict.fromkeys(_TIMUR, "timur"),
}
"""The wilayah of each province (first two digits of the code), by its time zone
(Keppres 41/1987): WIB is barat (Sumatra, Java, West and Central Kalimantan), WITA is
tengah (Bali, Nusa Tenggara, the rest of Kalimantan, Sulawesi), WIT is timur (Maluku,
Papua)."""


def wilayah_of(code: str) -> str | None:
    """``barat``, ``tengah`` or ``timur`` for a region code; None for an unknown province."""
    return WILAYAH_BY_PROVINCE.get(code[:2])


class EquityUnsupported(ValueError):
    """A computation that cannot honour equity rules yet was asked to run with them."""


def has_equity(cohorts: Sequence[Cohort]) -> bool:
    return any(cohort.has_equity for cohort in cohorts)


def refuse_equity(cohorts: Sequence[Cohort], what: str) -> None:
    """Raise ``EquityUnsupported`` when any of ``cohorts`` has equity rules: ``what``
    would ignore them and give a wrong answer."""
    if has_equity(cohorts):
        raise EquityUnsupported(f"{what} cannot honour the cohorts' equity rules yet")


@dataclass(frozen=True, slots=True)
class Standing:
    """What the equity rules know of an eligible region."""

    code: str
    kind: str
    tertinggal: bool
    wilayah: str | None


def standings(
    codes: Sequence[str], kinds: Sequence[str], tertinggal: Collection[str]
) -> list[Standing]:
    return [
        Standing(code, kind, code in tertinggal, wilayah_of(code))
        for code, kind in zip(codes, kinds, strict=True)
    ]


@dataclass(frozen=True)
class Move:
    """A region a rule gave a place to, and the region that lost it."""

    year: int
    rule: Rule
    group: str
    """The entrant's kind for ``places``; ``tertinggal`` for ``reserved``; the wilayah
    for ``min_per_wilayah``."""
    entrant: str
    displaced: str


@dataclass(frozen=True)
class Unmet:
    """A rule a cohort could not honour: too few such regions were eligible and waiting
    (or none selected by rank was left to give way)."""

    year: int
    rule: Rule
    group: str
    wanted: int
    got: int


@dataclass(frozen=True)
class EquityFill:
    """Where the cohorts took the eligible regions, by position in rank order."""

    cohort: list[int]
    """The index of the cohort that took each position, -1 for none."""
    cutoffs: list[dict[str, int]]
    """Per cohort: the position of the last region taken by rank in each ranking group
    (``kota``/``kabupaten`` with places, else ``all``)."""
    moves: list[Move] = field(default_factory=list)
    unmet: list[Unmet] = field(default_factory=list)


@dataclass(frozen=True)
class EquityOutcome:
    """What the equity rules did in a ranking, as ``Ranking.equity``."""

    moves: tuple[Move, ...]
    """In the order the rules made them: by cohort, reserved places first."""
    unmet: tuple[Unmet, ...]

    @cached_property
    def entered(self) -> dict[str, Move]:
        """The move that gave each region a place, by its code."""
        return {move.entrant: move for move in self.moves}

    @cached_property
    def displaced(self) -> dict[str, list[Move]]:
        """The moves that put each region out, by its code (one per cohort at most)."""
        found: dict[str, list[Move]] = {}
        for move in self.moves:
            found.setdefault(move.displaced, []).append(move)
        return found


def group_of(cohort: Cohort, standing: Standing) -> str:
    """The ranking a region is filled by in ``cohort``: its kind with ``places``, else all."""
    return standing.kind if cohort.places is not None else "all"


def fill_equity(cohorts: Sequence[Cohort], regions: Sequence[Standing]) -> EquityFill:
    """Fill each cohort in turn from the ``regions`` (in rank order) still waiting."""
    assigned = [-1] * len(regions)
    filled = EquityFill(assigned, [])
    for index, cohort in enumerate(cohorts):
        waiting = [i for i in range(len(regions)) if assigned[i] < 0]
        taken = _by_rank(cohort, regions, waiting, filled)
        state = _Filling(cohort, regions, set(taken), set(), filled.moves)
        by_rank = set(state.taken)
        if cohort.reserved is not None:
            _reserve(state, waiting, cohort.reserved.places, filled.unmet)
        if cohort.min_per_wilayah is not None:
            _balance(state, waiting, filled.unmet)
        cutoffs: dict[str, int] = {}
        for i in sorted(state.taken):
            assigned[i] = index
            if i in by_rank and i not in state.ruled:
                cutoffs[group_of(cohort, regions[i])] = i
        filled.cutoffs.append(cutoffs)
    return filled


@dataclass
class _Filling:
    """One cohort being filled: who is in, and who a rule brought in."""

    cohort: Cohort
    regions: Sequence[Standing]
    taken: set[int]
    ruled: set[int]
    moves: list[Move]
    counts: Counter[str] = field(default_factory=Counter)
    """How many of ``taken`` are tertinggal (``"tertinggal"``) and in each wilayah."""

    def __post_init__(self) -> None:
        for j in self.taken:
            self._count(j, 1)

    def _count(self, j: int, step: int) -> None:
        region = self.regions[j]
        if region.tertinggal:
            self.counts["tertinggal"] += step
        if region.wilayah is not None:
            self.counts[region.wilayah] += step

    def tertinggal(self) -> int:
        return self.counts["tertinggal"]

    def in_wilayah(self, wilayah: str) -> int:
        return self.counts[wilayah]

    def bring_in(
        self, entrant: int, rule: Rule, group: str, may_leave: Callable[[int], bool]
    ) -> bool:
        """Put ``entrant`` in for the lowest-ranked region of its ranking group that was
        taken by rank and ``may_leave``; nothing when there is none."""
        regions, kind = self.regions, group_of(self.cohort, self.regions[entrant])
        leaving = [
            j
            for j in self.taken
            if j not in self.ruled and group_of(self.cohort, regions[j]) == kind and may_leave(j)
        ]
        if not leaving:
            return False
        out = max(leaving)
        self.taken.remove(out)
        self.taken.add(entrant)
        self._count(out, -1)
        self._count(entrant, 1)
        self.ruled.add(entrant)
        self.moves.append(
            Move(self.cohort.year, rule, group, regions[entrant].code, regions[out].code)
        )
        return True


def _reserve(state: _Filling, waiting: list[int], places: int, unmet: list[Unmet]) -> None:
    """Step 2: the best waiting daerah tertinggal in, until ``places`` of them are. The
    region to give way is one whose wilayah stays above its minimum when there is one
    (so step 3 need not undo it), else any region selected by rank that is not tertinggal."""
    regions, minimum = state.regions, state.cohort.min_per_wilayah

    def spare(j: int) -> bool:
        wilayah = regions[j].wilayah
        if regions[j].tertinggal:
            return False
        if minimum is None or wilayah is None:
            return True
        return state.in_wilayah(wilayah) > int(getattr(minimum, wilayah))

    for i in waiting:
        if state.tertinggal() >= places:
            break
        wanted = regions[i].tertinggal and i not in state.taken
        if (
            wanted
            and _has_places(state.cohort, regions[i])
            and not state.bring_in(i, "reserved", "tertinggal", spare)
        ):
            state.bring_in(i, "reserved", "tertinggal", lambda j: not regions[j].tertinggal)
    if state.tertinggal() < places:
        unmet.append(Unmet(state.cohort.year, "reserved", "tertinggal", places, state.tertinggal()))


def _balance(state: _Filling, waiting: list[int], unmet: list[Unmet]) -> None:
    """Step 3: each wilayah up to its minimum, breaking no rule already met."""
    regions, cohort = state.regions, state.cohort
    minimum = cohort.min_per_wilayah
    wanted = {w: 0 if minimum is None else int(getattr(minimum, w)) for w in WILAYAH}
    reserved = 0 if cohort.reserved is None else cohort.reserved.places

    def may_leave(j: int, wilayah: str) -> bool:
        other = regions[j].wilayah
        if other == wilayah or (other is not None and state.in_wilayah(other) <= wanted[other]):
            return False
        return not (regions[j].tertinggal and state.tertinggal() <= reserved)

    for w in WILAYAH:
        for i in waiting:
            if state.in_wilayah(w) >= wanted[w]:
                break
            if regions[i].wilayah == w and i not in state.taken and _has_places(cohort, regions[i]):
                state.bring_in(i, "min_per_wilayah", w, functools.partial(may_leave, wilayah=w))
        if state.in_wilayah(w) < wanted[w]:
            unmet.append(Unmet(cohort.year, "min_per_wilayah", w, wanted[w], state.in_wilayah(w)))


def _has_places(cohort: Cohort, standing: Standing) -> bool:
    places = cohort.places
    return places is None or getattr(places, standing.kind, 0) > 0


def _by_rank(
    cohort: Cohort, regions: Sequence[Standing], waiting: list[int], filled: EquityFill
) -> list[int]:
    """Step 1: the best waiting regions of each ranking group, up to its places."""
    places = cohort.places
    if places is None:
        return waiting[: cohort.size]
    quota: dict[str, int] = places.model_dump()
    taken: list[int] = []
    for i in waiting:
        kind = regions[i].kind
        if quota.get(kind, 0) > 0:
            quota[kind] -= 1
            taken.append(i)
    plain = set(waiting[: cohort.size])
    entrants = [i for i in taken if i not in plain]
    displaced = sorted(plain.difference(taken), reverse=True)
    for entrant, out in zip(entrants, displaced, strict=False):
        kind = regions[entrant].kind
        filled.moves.append(
            Move(cohort.year, "places", kind, regions[entrant].code, regions[out].code)
        )
    for kind, left in quota.items():
        if left:
            wanted = int(getattr(places, kind))
            filled.unmet.append(Unmet(cohort.year, "places", kind, wanted, wanted - left))
    return taken
