"""The one fill of the cohorts (``core.fill``, docs/rank.md "How the cohorts are filled"):
each rule alone and together on small pools checked by hand, what cannot be met, and
properties that hold for any pool, rules and panel decisions.

The hand-checked pools are ``Standing`` rows in rank order, so what each test relies on
(kind, province, wilayah, daerah tertinggal) is written next to each region.
"""

from __future__ import annotations

import csv
import io
import json
import random
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from smartcity_assess.core.criteria import Cohort
from smartcity_assess.core.equity import Move, Standing, Unmet
from smartcity_assess.core.fill import Filled, fill

from .test_equity import MEMBERS, _cards, _criteria, _selected


def region(code: str, kind: str, province: str, wilayah: str, tertinggal: bool = False) -> Standing:
    return Standing(code, kind, frozenset({"tertinggal"} if tertinggal else ()), wilayah, province)


# Eight regions, best first.
LINE = [
    region("A", "kota", "31", "barat"),
    region("B", "kota", "31", "barat"),
    region("C", "kabupaten", "32", "barat"),
    region("D", "kabupaten", "31", "barat"),
    region("E", "kabupaten", "53", "tengah", tertinggal=True),
    region("F", "kota", "73", "tengah"),
    region("G", "kabupaten", "91", "timur", tertinggal=True),
    region("H", "kota", "91", "timur"),
]


def cohort(year: int = 2020, size: int = 3, **rules: Any) -> Cohort:
    return Cohort.model_validate({"year": year, "size": size, **rules})


def taken(filled: Filled, regions: list[Standing] = LINE) -> dict[int, list[str]]:
    """The codes each cohort took (by index), in rank order."""
    found: dict[int, list[str]] = {}
    for r, index in zip(regions, filled.cohort, strict=True):
        if index >= 0:
            found.setdefault(index, []).append(r.code)
    return found


def moves(filled: Filled) -> list[tuple[str, str, str, str]]:
    return [(m.rule, m.group, m.entrant, m.displaced) for m in filled.moves]


# --- each rule alone ---------------------------------------------------------------------


def test_no_rule_takes_the_merit_order() -> None:
    """Two cohorts of 3: A B C, then D E F; G and H wait."""
    filled = fill([cohort(2020), cohort(2021)], LINE)
    assert taken(filled) == {0: ["A", "B", "C"], 1: ["D", "E", "F"]}
    assert filled.moves == [] and filled.unmet == [] and not any(filled.left_out_by_cap)
    assert filled.cutoffs == [{"all": 2}, {"all": 5}]


def test_the_province_cap_alone() -> None:
    """Cap 1, two cohorts of 3. 2020: A (31) in, B (31) passed over, C (32) in, D (31)
    passed over, E (53) in: full. 2021 from B D F G H: B (31) in, D (31) passed over again,
    F (73) and G (91) in. D was passed over by the last cohort while it had places: left out
    by the cap alone; H was never reached: not selected, not left out by the cap."""
    filled = fill([cohort(2020), cohort(2021)], LINE, 1)
    assert taken(filled) == {0: ["A", "C", "E"], 1: ["B", "F", "G"]}
    assert filled.deferred == [-1, 0, -1, 0, -1, -1, -1, -1]
    assert filled.left_out_by_cap == [False, False, False, True, False, False, False, False]
    assert filled.capped == [False, False]


def test_kind_places_alone() -> None:
    """One cohort of 4, kota 1, kabupaten 3. Kota: A. Kabupaten: C, D, E. Without places it
    would be A B C D, so E got its place only by the kind split, and B (the lowest region
    the plain fill took that is not in) lost it. Each kind has its own cut-off: kota at A
    (position 0), kabupaten at E (position 4)."""
    filled = fill([cohort(size=4, places={"kota": 1, "kabupaten": 3})], LINE)
    assert taken(filled) == {0: ["A", "C", "D", "E"]}
    assert moves(filled) == [("places", "kabupaten", "E", "B")]
    assert filled.cutoffs == [{"kota": 0, "kabupaten": 4}]


def test_reserved_places_alone() -> None:
    """One cohort of 3, 2 reserved for daerah tertinggal. By rank: A B C. The best
    tertinggal, E, comes in for the lowest region taken by rank (C); the next, G, for the
    next lowest (B). Only A is in by rank: the cut-off is A's."""
    filled = fill([cohort(reserved={"group": "tertinggal", "places": 2})], LINE)
    assert taken(filled) == {0: ["A", "E", "G"]}
    assert moves(filled) == [
        ("reserved", "tertinggal", "E", "C"),
        ("reserved", "tertinggal", "G", "B"),
    ]
    assert filled.cutoffs == [{"all": 0}]


def test_a_wilayah_minimum_alone() -> None:
    """One cohort of 3, at least 2 timur. By rank: A B C (all barat). Timur's best, G,
    comes in for C; the next, H, for B."""
    filled = fill([cohort(min_per_wilayah={"timur": 2})], LINE)
    assert taken(filled) == {0: ["A", "G", "H"]}
    assert moves(filled) == [
        ("min_per_wilayah", "timur", "G", "C"),
        ("min_per_wilayah", "timur", "H", "B"),
    ]


def test_panel_forced_in_put_out_and_deferred_alone() -> None:
    """Two cohorts of 3. F forced into 2020 takes a place first; B put out (or deferred:
    the fill does not tell them apart) is skipped. 2020: F, then A, C by rank (D, the
    third by rank, waits). 2021: D E G."""
    filled = fill([cohort(2020), cohort(2021)], LINE, forced={5: 0}, removed={1})
    assert taken(filled) == {0: ["A", "C", "F"], 1: ["D", "E", "G"]}
    assert filled.forced == [5]
    # The cut-off is the last region taken by rank, not F.
    assert filled.cutoffs == [{"all": 2}, {"all": 6}]


# --- rules together -----------------------------------------------------------------------


def test_cap_with_kind_places() -> None:
    """One cohort of 4, kota 1, kabupaten 3, cap 1. Kota: A (31); B and F wait, the kota
    place being taken (not passed over for the cap). Kabupaten: C (32); D (31) passed over,
    A holding 31; E (53); G (91). The fill without places but with the cap would take
    A C E F, so G got its place by the kind split and F lost it. D is left out by the cap
    alone; B is not (its kind was full)."""
    filled = fill([cohort(size=4, places={"kota": 1, "kabupaten": 3})], LINE, 1)
    assert taken(filled) == {0: ["A", "C", "E", "G"]}
    assert moves(filled) == [("places", "kabupaten", "G", "F")]
    assert filled.deferred == [-1, -1, -1, 0, -1, -1, -1, -1]
    assert filled.left_out_by_cap == [False, False, False, True, False, False, False, False]


CAPPED_TERTINGGAL = [
    region("K", "kabupaten", "53", "tengah"),
    region("L", "kota", "31", "barat"),
    region("M", "kabupaten", "32", "barat"),
    region("N", "kabupaten", "53", "tengah", tertinggal=True),
    region("P", "kabupaten", "91", "timur", tertinggal=True),
]


def test_cap_with_reserved_places() -> None:
    """One cohort of 3, 1 reserved, cap 1. By rank: K (53), L (31), M (32). N, the best
    tertinggal, is of 53, which K fills: N may come in only for a region of its own
    province, so K, not M (the lowest), gives way. Without the cap N would take M's place."""
    rules = {"reserved": {"group": "tertinggal", "places": 1}}
    capped = fill([cohort(**rules)], CAPPED_TERTINGGAL, 1)
    assert taken(capped, CAPPED_TERTINGGAL) == {0: ["L", "M", "N"]}
    assert moves(capped) == [("reserved", "tertinggal", "N", "K")]
    free = fill([cohort(**rules)], CAPPED_TERTINGGAL)
    assert taken(free, CAPPED_TERTINGGAL) == {0: ["K", "L", "N"]}
    assert moves(free) == [("reserved", "tertinggal", "N", "M")]


def test_reserved_places_the_cap_makes_impossible_are_reported() -> None:
    """One cohort of 3, 2 reserved, cap 1; both daerah tertinggal are of province 53. By
    rank: Q (31), R (53, tertinggal), S passed over (53 is full), T (32). S may come in only
    for a region of 53, and the only one is R, a tertinggal the reserved places need: one
    reserved place stays unfilled, reported as unmet, and the cap holds."""
    line = [
        region("Q", "kota", "31", "barat"),
        region("R", "kabupaten", "53", "tengah", tertinggal=True),
        region("S", "kabupaten", "53", "tengah", tertinggal=True),
        region("T", "kota", "32", "barat"),
    ]
    filled = fill([cohort(reserved={"group": "tertinggal", "places": 2})], line, 1)
    assert taken(filled, line) == {0: ["Q", "R", "T"]}
    assert filled.unmet == [Unmet(2020, "reserved", "tertinggal", 2, 1)]
    assert filled.left_out_by_cap == [False, False, True, False]


def test_reserved_places_with_a_wilayah_minimum() -> None:
    """One cohort of 3, 1 reserved, at least 1 timur. By rank: A B C (barat). Reserved: E
    (tengah) for C, the lowest, barat having no minimum to keep. Timur: G for B, the lowest
    taken by rank left (E is in by a rule and stays). G is tertinggal too: two are in,
    more than the one reserved."""
    filled = fill(
        [cohort(reserved={"group": "tertinggal", "places": 1}, min_per_wilayah={"timur": 1})],
        LINE,
    )
    assert taken(filled) == {0: ["A", "E", "G"]}
    assert moves(filled) == [
        ("reserved", "tertinggal", "E", "C"),
        ("min_per_wilayah", "timur", "G", "B"),
    ]


def test_overrides_with_kind_places() -> None:
    """One cohort of 3, kota 1, kabupaten 2. Without the panel: kota A, kabupaten C D (D's
    place by the kind split, for B). The panel forces F (kota) in and puts B out: F takes
    the kota place first, so A, the best region, is not in; kabupaten C, D. The fill
    without places would take F, then A and C (B is out): D got its place by the kind split
    and A lost it. No kota is in by rank, so only kabupaten has a cut-off (D's)."""
    rules = {"places": {"kota": 1, "kabupaten": 2}}
    assert taken(fill([cohort(**rules)], LINE)) == {0: ["A", "C", "D"]}
    filled = fill([cohort(**rules)], LINE, forced={5: 0}, removed={1})
    assert taken(filled) == {0: ["C", "D", "F"]}
    assert moves(filled) == [("places", "kabupaten", "D", "A")]
    assert filled.cutoffs == [{"kabupaten": 3}]


def test_a_forced_region_is_never_displaced_by_a_rule() -> None:
    """One cohort of 3, 2 reserved. The panel forces D in. By rank after D: A, B. Reserved:
    E for B, G for A (the lowest taken by rank each time); D, forced, stays."""
    filled = fill([cohort(reserved={"group": "tertinggal", "places": 2})], LINE, forced={3: 0})
    assert taken(filled) == {0: ["D", "E", "G"]}
    assert moves(filled) == [
        ("reserved", "tertinggal", "E", "B"),
        ("reserved", "tertinggal", "G", "A"),
    ]


def test_a_region_put_out_never_enters_by_a_rule() -> None:
    """One cohort of 3, 1 reserved; the panel puts E (the best tertinggal) out: G, the
    next, takes the reserved place, for C."""
    filled = fill([cohort(reserved={"group": "tertinggal", "places": 1})], LINE, removed={4})
    assert taken(filled) == {0: ["A", "B", "G"]}
    assert moves(filled) == [("reserved", "tertinggal", "G", "C")]


def test_overrides_with_the_cap() -> None:
    """One cohort of 3, cap 1; the panel forces D (31) in. D takes 31's place first, so A
    and B (31) are passed over for the cap; C (32) and E (53) fill the rest. A and B are
    left out by the cap alone."""
    filled = fill([cohort()], LINE, 1, forced={3: 0})
    assert taken(filled) == {0: ["C", "D", "E"]}
    assert filled.left_out_by_cap == [True, True, False, False, False, False, False, False]


def test_a_forced_region_the_cap_cannot_fit_waits_for_the_next_cohort() -> None:
    """Two cohorts of 3, cap 1; the panel forces A and B (both 31) into 2020. A fits, B
    does not (31 is full) and waits: 2021 takes it first. With only 2020, B gets no place
    (``rank`` refuses that as ``override-no-place``)."""
    both = fill([cohort(2020), cohort(2021)], LINE, 1, forced={0: 0, 1: 0})
    assert taken(both) == {0: ["A", "C", "E"], 1: ["B", "F", "G"]}
    assert both.forced == [0, 1]
    one = fill([cohort(2020)], LINE, 1, forced={0: 0, 1: 0})
    assert one.cohort[1] == -1 and one.forced == [0]


def test_more_forced_in_than_places_leaves_the_lowest_out() -> None:
    """One cohort of 2; the panel forces F, G and H in: F and G, the best of them, take the
    places, H gets none (``rank`` refuses that as ``override-no-place``)."""
    filled = fill([cohort(size=2)], LINE, forced={5: 0, 6: 0, 7: 0})
    assert taken(filled) == {0: ["F", "G"]}
    assert filled.forced == [5, 6]


# --- through rank(): real regions, the reports' moves and the panel's outcome -------------


RESERVED_ONE = {"group": "tertinggal", "places": 1}


def _override(code: str, decision: str) -> Any:
    from smartcity_assess.core.overrides import Override

    return Override(code, decision, "Panel hearing.", ("Dewi",))


def test_rank_overrides_with_reserved_places() -> None:
    """test_equity's twelve regions, one cohort of 4 with 1 reserved. By score: Kota Bogor,
    Kabupaten Bogor, Kota Kediri, Cilacap; Nias (12.04, tertinggal) comes in for Cilacap.
    The panel puts Nias out: the reserved place goes to the next tertinggal, Kupang
    (53.01), again for Cilacap; Kupang is reported as moved by the panel."""
    from smartcity_assess.core.ranking import rank

    criteria = _criteria(
        [{"year": 2020, "size": 4, "reserved": {"group": "tertinggal", "places": 1}}]
    )
    cards = _cards(criteria)
    plain = rank(criteria, cards, criteria.cohorts, members=MEMBERS)
    assert _selected(plain) == {2020: ["32.71", "32.01", "35.71", "12.04"]}
    ranking = rank(
        criteria,
        cards,
        criteria.cohorts,
        members=MEMBERS,
        overrides=[_override("12.04", "out")],
        override_zone=100,
    )
    assert _selected(ranking) == {2020: ["32.71", "32.01", "35.71", "53.01"]}
    assert ranking.equity is not None
    assert ranking.equity.moves == (Move(2020, "reserved", "tertinggal", "53.01", "33.01"),)
    assert ranking.overrides is not None
    assert ranking.overrides.moved_by_code == {"53.01": (None, 2020)}
    [applied] = ranking.overrides.applied
    assert (applied.before, applied.after) == (2020, None)


def test_rank_forced_in_with_reserved_places() -> None:
    """The same cohort; the panel forces Cilacap (33.01) in, whom the reserved place put
    out. Cilacap takes its place first; by rank Kota Bogor, Kabupaten Bogor, Kota Kediri;
    Nias comes in for the lowest taken by rank, Kota Kediri, not for Cilacap."""
    from smartcity_assess.core.ranking import rank

    criteria = _criteria(
        [{"year": 2020, "size": 4, "reserved": {"group": "tertinggal", "places": 1}}]
    )
    ranking = rank(
        criteria,
        _cards(criteria),
        criteria.cohorts,
        members=MEMBERS,
        overrides=[_override("33.01", "in")],
        override_zone=100,
    )
    assert _selected(ranking) == {2020: ["32.71", "32.01", "33.01", "12.04"]}
    assert ranking.equity is not None
    assert ranking.equity.moves == (Move(2020, "reserved", "tertinggal", "12.04", "35.71"),)


def test_rank_refuses_a_forced_region_the_cap_leaves_no_place_for() -> None:
    """One cohort of 2, cap 1: Kota Bogor (32.71) and Kabupaten Bogor (32.01), both of
    province 32, forced in: the second cannot have a place, and rank says so for it."""
    from smartcity_assess.core.ranking import rank
    from smartcity_assess.errors import InvalidInput

    criteria = _criteria([{"year": 2020, "size": 2}])
    with pytest.raises(InvalidInput) as caught:
        rank(
            criteria,
            _cards(criteria),
            criteria.cohorts,
            1,
            overrides=[_override("32.71", "in"), _override("32.01", "in")],
            override_zone=100,
        )
    [problem] = caught.value.problems
    assert "region 32.01 cannot be given a place" in problem.message()


# --- properties ---------------------------------------------------------------------------

PROVINCES = ["31", "32", "53", "91"]
WILAYAH_OF = {"31": "barat", "32": "barat", "53": "tengah", "91": "timur"}


@st.composite
def lines(draw: st.DrawFn) -> list[Standing]:
    count = draw(st.integers(0, 14))
    found = []
    for i in range(count):
        province = draw(st.sampled_from(PROVINCES))
        kind = draw(st.sampled_from(["kota", "kabupaten"]))
        tertinggal = kind == "kabupaten" and draw(st.booleans())
        found.append(region(f"R{i:02d}", kind, province, WILAYAH_OF[province], tertinggal))
    return found


@st.composite
def cohorts_with_rules(draw: st.DrawFn) -> list[Cohort]:
    made = []
    for k in range(draw(st.integers(1, 3))):
        size = draw(st.integers(1, 5))
        rules: dict[str, Any] = {}
        if draw(st.booleans()):
            kota = draw(st.integers(0, size))
            rules["places"] = {"kota": kota, "kabupaten": size - kota}
        room = size if "places" not in rules else rules["places"]["kabupaten"]
        if room and draw(st.booleans()):
            rules["reserved"] = {"group": "tertinggal", "places": draw(st.integers(1, room))}
        if draw(st.booleans()):
            timur = draw(st.integers(0, size))
            tengah = draw(st.integers(0, size - timur))
            rules["min_per_wilayah"] = {"tengah": tengah, "timur": timur}
        made.append(cohort(2020 + k, size, **rules))
    return made


@st.composite
def panels(draw: st.DrawFn, count: int, cohorts: int) -> tuple[dict[int, int], set[int]]:
    positions = list(range(count))
    forced_at = draw(st.lists(st.sampled_from(positions), unique=True)) if positions else []
    forced = {i: draw(st.integers(0, cohorts - 1)) for i in forced_at}
    rest = [i for i in positions if i not in forced]
    removed = set(draw(st.lists(st.sampled_from(rest), unique=True))) if rest else set()
    return forced, removed


@settings(max_examples=300, deadline=None)
@given(lines(), st.lists(st.integers(1, 5), min_size=1, max_size=3))
def test_without_constraints_the_fill_is_the_merit_order(
    line: list[Standing], sizes: list[int]
) -> None:
    filled = fill([cohort(2020 + k, size) for k, size in enumerate(sizes)], line)
    expected = [k for k, size in enumerate(sizes) for _ in range(size)][: len(line)]
    assert filled.cohort == expected + [-1] * (len(line) - len(expected))
    assert filled.moves == [] and filled.unmet == [] and filled.forced == []


@settings(max_examples=400, deadline=None)
@given(st.data(), lines(), cohorts_with_rules(), st.none() | st.integers(1, 3))
def test_every_constraint_holds_or_is_reported(
    data: st.DataObject, line: list[Standing], cohorts: list[Cohort], cap: int | None
) -> None:
    forced, removed = data.draw(panels(len(line), len(cohorts)))
    filled = fill(cohorts, line, cap, forced=forced, removed=removed)
    again = fill(cohorts, line, cap, forced=dict(forced), removed=set(removed))
    assert again == filled  # deterministic
    for k, c in enumerate(cohorts):
        members = [r for r, index in zip(line, filled.cohort, strict=True) if index == k]
        unmet = {(u.rule, u.group): u for u in filled.unmet if u.year == c.year}
        assert len(members) <= c.size
        if cap is not None:
            for province in PROVINCES:
                assert sum(r.province == province for r in members) <= cap
        if c.places is not None:
            for kind in ("kota", "kabupaten"):
                got = sum(r.kind == kind for r in members)
                wanted = int(getattr(c.places, kind))
                assert got <= wanted
                assert (got < wanted) == (("places", kind) in unmet)
        if c.reserved is not None:
            got = sum("tertinggal" in r.groups for r in members)
            assert (got < c.reserved.places) == (("reserved", "tertinggal") in unmet)
        if c.min_per_wilayah is not None:
            for wilayah in ("tengah", "timur"):
                got = sum(r.wilayah == wilayah for r in members)
                wanted = int(getattr(c.min_per_wilayah, wilayah))
                assert (got < wanted) == (("min_per_wilayah", wilayah) in unmet)
    # Never both selected and put out; a forced region placed is in a cohort.
    assert all(filled.cohort[i] < 0 for i in removed)
    assert all(filled.cohort[i] >= 0 for i in filled.forced)
    assert set(filled.forced) <= set(forced)
    # Every move: the entrant is in that cohort unless a later move of the cohort put it
    # out again (a region in by its kind's ranking may give way to a reserved place or a
    # wilayah minimum), and without a cap (which can pass a region over for one below it)
    # it ranks below the region it displaced.
    codes = {r.code: i for i, r in enumerate(line)}
    years = [c.year for c in cohorts]
    for n, move in enumerate(filled.moves):
        entrant, out = codes[move.entrant], codes[move.displaced]
        assert cap is not None or entrant > out
        later = filled.moves[n + 1 :]
        put_out = any(m.year == move.year and m.displaced == move.entrant for m in later)
        assert put_out or (
            filled.cohort[entrant] >= 0 and years[filled.cohort[entrant]] == move.year
        )
        assert out not in removed and entrant not in removed


@settings(max_examples=100, deadline=None)
@given(st.randoms(use_true_random=False), st.none() | st.integers(1, 2))
def test_rank_does_not_depend_on_the_order_of_its_input(
    rng: random.Random, cap: int | None
) -> None:
    from smartcity_assess.core.ranking import rank

    criteria = _criteria(
        [
            {
                "year": 2020,
                "size": 4,
                "places": {"kota": 2, "kabupaten": 2},
                "reserved": {"group": "tertinggal", "places": 1},
                "min_per_wilayah": {"timur": 1},
            },
            {"year": 2021, "size": 3},
        ]
    )
    cards = _cards(criteria)
    shuffled = list(cards)
    rng.shuffle(shuffled)
    excluded = {cards[1].code}
    first = rank(criteria, cards, criteria.cohorts, cap, excluded, members=MEMBERS)
    second = rank(criteria, shuffled, criteria.cohorts, cap, excluded, members=MEMBERS)
    assert first.cohorts == second.cohorts and first.equity == second.equity
    selected = {code for c in first.cohorts for code in c.selected}
    assert not selected & excluded  # never both selected and excluded


# --- the worked example of docs/rank.md ---------------------------------------------------


def test_the_worked_example_of_docs_rank_md() -> None:
    """docs/rank.md, "How the cohorts are filled": test_equity's twelve regions, one cohort
    of 4 with kota 2, kabupaten 2, 1 reserved, at least 1 timur, and a cap of 1. By rank:
    kota Kota Bogor, Kota Kediri; kabupaten Kabupaten Bogor passed over (32 is full),
    Cilacap, Nias; without places Denpasar would be in, not Nias. Reserved: Nias is in.
    Timur: Ambon for Kota Kediri. With Kota Kediri put out by the panel, the same cohort,
    with Makassar and Denpasar the regions that gave way."""
    from smartcity_assess.core.ranking import rank

    criteria = _criteria(
        [
            {
                "year": 2020,
                "size": 4,
                "places": {"kota": 2, "kabupaten": 2},
                "reserved": RESERVED_ONE,
                "min_per_wilayah": {"timur": 1},
            }
        ]
    )
    cards = _cards(criteria)
    ranking = rank(criteria, cards, criteria.cohorts, 1, members=MEMBERS)
    assert _selected(ranking) == {2020: ["32.71", "33.01", "12.04", "81.71"]}
    assert ranking.cohorts[0].cutoffs == (("kota", 95.0), ("kabupaten", 65.0))
    assert ranking.equity is not None and ranking.equity.unmet == ()
    assert ranking.equity.moves == (
        Move(2020, "places", "kabupaten", "12.04", "51.71"),
        Move(2020, "min_per_wilayah", "timur", "81.71", "35.71"),
    )
    by_code = {r.code: r for r in ranking.regions}
    assert by_code["32.01"].left_out_by_cap and by_code["32.01"].gap is None
    assert by_code["51.71"].gap is None and by_code["35.71"].gap is None
    panel = rank(
        criteria,
        cards,
        criteria.cohorts,
        1,
        members=MEMBERS,
        overrides=[_override("35.71", "out")],
        override_zone=100,
    )
    assert _selected(panel) == _selected(ranking)
    assert panel.equity is not None
    assert panel.equity.moves == (
        Move(2020, "places", "kabupaten", "12.04", "73.71"),
        Move(2020, "min_per_wilayah", "timur", "81.71", "51.71"),
    )


# --- every format says which rule gave or cost a place ------------------------------------

PANEL_OUT = (
    '- code: "35.71"\n  decision: out\n  reason: Withdrew its data-sharing agreement.\n'
    "  assessors: [Dewi]\n"
)


def _combined(run: Any, tmp_path: Path, fmt: str, *extra: Any) -> Any:
    """test_equity's pool and cohort (kota 2, kabupaten 2, 1 reserved, at least 1 timur)
    with a cap of 1 and the panel putting Kota Kediri out: the worked example of
    docs/rank.md with the panel."""
    from .test_equity import _pool_and_criteria

    pool, criteria = _pool_and_criteria(tmp_path)
    overrides = tmp_path / "overrides.yaml"
    overrides.write_text(PANEL_OUT, encoding="utf-8")
    args = ["rank", pool, "-c", criteria, "--max-per-province", "1", "--overrides", overrides]
    return run(*args, "--override-zone", "100", "-f", fmt, *extra)


@pytest.mark.parametrize("fmt", ["table", "markdown", "html"])
def test_the_text_formats_name_every_rule_that_moved_a_region(
    run: Any, tmp_path: Path, fmt: str
) -> None:
    out = tmp_path / f"ranking.{fmt}"
    result = _combined(run, tmp_path, fmt, "-o", out)
    assert result.exit_code == 0, result.output
    text = " ".join(out.read_text(encoding="utf-8").split())
    assert "Equity rules (2 place(s) given by a rule)" in text
    assert (
        "2018: Kabupaten Nias (12.04), rank 7, score 65.00, got a place by places for "
        "kabupaten; Kota Makassar (73.71), rank 6, score 70.00, lost it." in text
    )
    assert (
        "2018: Kota Ambon (81.71), rank 9, score 55.00, got a place by minimum for wilayah "
        "timur; Kota Denpasar (51.71), rank 5, score 75.00, lost it." in text
    )
    assert (
        "Panel overrides (1; zone 100 point(s) around the cut-off before the overrides, "
        "2018 kota 95.00, kabupaten 65.00)" in text
    )
    assert "province full" in text
    if fmt != "table":  # the table wraps its note column
        assert "placed by rule: minimum for wilayah timur, in place of Kota Denpasar" in text
        assert "gave way in 2018 to Kabupaten Nias (12.04) (places for kabupaten)" in text
        assert "panel decision: out (Withdrew its data-sharing agreement.)" in text


def test_json_names_every_rule_that_moved_a_region(run: Any, tmp_path: Path) -> None:
    result = _combined(run, tmp_path, "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["cohorts"][0]["selected"] == ["32.71", "33.01", "12.04", "81.71"]
    assert [(m["rule"], m["entrant"], m["displaced"]) for m in data["equity"]["moves"]] == [
        ("places", "12.04", "73.71"),
        ("min_per_wilayah", "81.71", "51.71"),
    ]
    assert [(o["code"], o["decision"]) for o in data["overrides"]] == [("35.71", "out")]
    regions = {r["code"]: r for r in data["regions"]}
    assert regions["32.01"]["left_out_by_cap"] is True
    assert regions["32.01"]["deferred_from"] == 2018


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_csv_and_the_workbook_have_a_column_for_every_rule(
    run: Any, tmp_path: Path, fmt: str
) -> None:
    if fmt == "xlsx":
        pytest.importorskip("openpyxl")
        from openpyxl import load_workbook

        out = tmp_path / "ranking.xlsx"
        result = _combined(run, tmp_path, fmt, "-o", out)
        assert result.exit_code == 0, result.output
        book = load_workbook(out)
        rows = [list(row) for row in book.worksheets[0].iter_rows(values_only=True)]
        about = [str(row[0]) for row in book.worksheets[1].iter_rows(values_only=True)]
        assert "Equity rules (2 place(s) given by a rule)" in about
        assert any(line.startswith("Panel overrides (1;") for line in about)
    else:
        result = _combined(run, tmp_path, fmt)
        assert result.exit_code == 0, result.output
        rows = [list(row) for row in csv.reader(io.StringIO(result.stdout))]
    header = rows[0]
    assert header[-8:] == [
        "equity_rule",
        "displaced",
        "displaced_by",
        "displaced_by_rule",
        "override",
        "override_reason",
        "moved_by_override",
        "cap_in_place_of",
    ]
    by_code = {str(row[header.index("code")]): row for row in rows[1:]}

    def cells(code: str, *names: str) -> list[str]:
        return [str(by_code[code][header.index(n)] or "") for n in names]

    assert cells("12.04", "equity_rule", "displaced") == ["places:kabupaten", "73.71"]
    assert cells("51.71", "displaced_by", "displaced_by_rule") == [
        "81.71",
        "min_per_wilayah:timur",
    ]
    assert cells("35.71", "override") == ["out"]
    assert cells("32.01", "left_out_by_cap")[0].lower() == "true"
    # Nias is in by the cap too: Kabupaten Bogor, above it, was passed over for it.
    assert cells("12.04", "cap_in_place_of") == ["32.01"]
    assert [code for code in by_code if cells(code, "cap_in_place_of") != [""]] == ["12.04"]


# --- who the province cap let in, and in place of whom -------------------------------------


def cap_moves(filled: Filled, regions: list[Standing] = LINE) -> list[tuple[int, str, str]]:
    return [(k, regions[i].code, regions[j].code) for k, i, j in filled.cap_moves]


def test_the_cap_pairs_each_region_it_let_in_with_the_one_it_passed_over() -> None:
    """LINE, a cap of 1. One cohort of 3: A (31) in, B (31) passed over, C (32) in, D (31)
    passed over, E (53) in; without the cap A, B, C: E is in for B, and D (which the
    cohort would not have taken anyway) is nobody's. Two cohorts of 2: A, C for A, B (C for
    B); then B, E for B, D (E for D)."""
    one = fill([cohort(size=3)], LINE, 1)
    assert taken(one) == {0: ["A", "C", "E"]}
    assert cap_moves(one) == [(0, "E", "B")]
    two = fill([cohort(2020, 2), cohort(2021, 2)], LINE, 1)
    assert taken(two) == {0: ["A", "C"], 1: ["B", "E"]}
    assert cap_moves(two) == [(0, "C", "B"), (1, "E", "D")]
    assert fill([cohort(size=3)], LINE).cap_moves == []  # no cap, no moves
    assert fill([cohort(size=3)], LINE, 2).cap_moves == []  # a cap never reached


def test_the_cap_pairs_best_first_and_a_short_cohort_lets_nobody_in() -> None:
    """A cap of 1, a cohort of 3 from A, B (31), C (31), D (32), E (53): B and C passed
    over, D and E in for them, best with best. From A, B, C (all 31) alone the cohort is
    short: nobody is let in, so nobody is named."""
    line = [
        region("A", "kota", "31", "barat"),
        region("B", "kota", "31", "barat"),
        region("C", "kota", "31", "barat"),
        region("D", "kota", "32", "barat"),
        region("E", "kota", "53", "tengah"),
    ]
    filled = fill([cohort(size=3)], line, 1)
    assert taken(filled, line) == {0: ["A", "D", "E"]}
    assert cap_moves(filled, line) == [(0, "D", "B"), (0, "E", "C")]
    short = fill([cohort(size=3)], line[:3], 1)
    assert taken(short, line[:3]) == {0: ["A"]} and short.cap_moves == []


def test_a_region_the_cap_let_in_that_a_rule_then_put_out_is_not_named() -> None:
    """LINE, a cap of 1, a cohort of 3 with at least 1 timur: by rank A, C, E (E in for B);
    the minimum brings G in for E, the lowest taken by rank. E is out, so the cap let
    nobody in, and the minimum's move names E."""
    filled = fill([cohort(size=3, min_per_wilayah={"timur": 1})], LINE, 1)
    assert taken(filled) == {0: ["A", "C", "G"]}
    assert moves(filled) == [("min_per_wilayah", "timur", "G", "E")]
    assert filled.cap_moves == []


def test_a_region_forced_in_is_not_let_in_by_the_cap() -> None:
    """LINE, a cap of 1, a cohort of 3, the panel forcing H (91) in: H first, then by rank
    A, B passed over, C; without the cap A, B. C is in for B; H, forced in, is nobody's
    entrant."""
    filled = fill([cohort(size=3)], LINE, 1, forced={7: 0})
    assert taken(filled) == {0: ["A", "C", "H"]}
    assert cap_moves(filled) == [(0, "C", "B")]


@pytest.mark.parametrize(
    ("lang", "note"),
    [
        ("en", "in by the province cap, in place of Kabupaten Bogor (32.01)"),
        ("id", "masuk karena batas provinsi, menggantikan Kabupaten Bogor (32.01)"),
    ],
)
@pytest.mark.parametrize("fmt", ["markdown", "html"])
def test_the_text_formats_name_whom_the_cap_let_in(
    run: Any, tmp_path: Path, fmt: str, lang: str, note: str
) -> None:
    out = tmp_path / f"ranking.{fmt}"
    result = _combined(run, tmp_path, fmt, "-o", out, "--lang", lang)
    assert result.exit_code == 0, result.output
    text = " ".join(out.read_text(encoding="utf-8").split())
    assert text.count(note) == 1


def test_json_lists_whom_the_cap_let_in_and_nothing_without_a_cap(run: Any, tmp_path: Path) -> None:
    result = _combined(run, tmp_path, "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["cap_moves"] == [{"year": 2018, "entrant": "12.04", "displaced": "32.01"}]
    from .test_equity import _pool_and_criteria

    pool, criteria = _pool_and_criteria(tmp_path)
    plain = run("rank", pool, "-c", criteria, "-f", "json")
    assert plain.exit_code == 0, plain.output
    assert "cap_moves" not in json.loads(plain.stdout)
    rows = run("rank", pool, "-c", criteria, "-f", "csv")
    assert "cap_in_place_of" not in rows.stdout
