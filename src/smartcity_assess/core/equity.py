"""Equity rules of a cohort (docs/criteria.md, "Equity rules"): what the rules know of a
region and what they did. No I/O: the groups reserved places are kept for (the daerah
tertinggal, and the criteria's declared ``groups``) come in as codes. The
cohorts are filled, with these rules or without, by ``core.fill``.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import Literal, NamedTuple, overload

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


class Standing(NamedTuple):
    """What the fill knows of an eligible region: its equity groups and its province (a
    named tuple: a pool of 100,000 regions makes one each, quickly)."""

    code: str
    kind: str
    groups: frozenset[str]
    """The groups (``reserved.group``: ``tertinggal``, a declared one) it is in."""
    wilayah: str | None
    province: str
    """The first two digits of the code, as the province cap counts (``province_of``)."""


class Standings(Sequence[Standing]):
    """The eligible regions in rank order as columns (code, kind), each ``Standing`` made
    when the fill asks for it: a fill of a few cohorts from 100,000 regions looks at a
    few hundred of them."""

    def __init__(
        self,
        codes: Sequence[str],
        kinds: Sequence[str],
        members: Mapping[str, Collection[str]],
    ) -> None:
        self.codes = codes
        self.kinds = kinds
        self.members = members
        """Each group's codes (every code its regions have had), by the group's id."""

    def __len__(self) -> int:
        return len(self.codes)

    @overload
    def __getitem__(self, index: int) -> Standing: ...

    @overload
    def __getitem__(self, index: slice) -> list[Standing]: ...

    def __getitem__(self, index: int | slice) -> Standing | list[Standing]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self.codes)))]
        code = self.codes[index]
        province = code[:2]
        return Standing(
            code,
            self.kinds[index],
            frozenset(group for group, codes in self.members.items() if code in codes),
            WILAYAH_BY_PROVINCE.get(province),
            province,
        )


def standings(
    codes: Sequence[str], kinds: Sequence[str], members: Mapping[str, Collection[str]]
) -> list[Standing]:
    return list(Standings(codes, kinds, members))


@dataclass(frozen=True)
class Move:
    """A region a rule gave a place to, and the region that lost it."""

    year: int
    rule: Rule
    group: str
    """The entrant's kind for ``places``; the group's id (``tertinggal``, a declared
    group) for ``reserved``; the wilayah
    for ``min_per_wilayah``."""
    entrant: str
    displaced: str


@dataclass(frozen=True)
class Unmet:
    """A rule a cohort could not honour: too few such regions were eligible and waiting
    (or put out by the panel), or none selected by rank was left to give way, or the
    province cap kept every candidate out (``core.fill``)."""

    year: int
    rule: Rule
    group: str
    wanted: int
    got: int


@dataclass(frozen=True)
class EquityOutcome:
    """What the equity rules did in a ranking, as ``Ranking.equity``."""

    moves: tuple[Move, ...]
    """In the order the rules made them: by cohort, places first, then reserved places,
    then the wilayah minimums."""
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
