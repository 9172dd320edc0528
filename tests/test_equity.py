"""Equity rules of a cohort (docs/criteria.md, "Equity rules"): places per kind, places
reserved for daerah tertinggal, a minimum per wilayah; each on a small pool checked by
hand, their combination, the reports, the validation and the commands that honour them."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from smartcity_assess.core.criteria import Cohort, Criteria
from smartcity_assess.core.equity import Standing, Unmet, wilayah_of
from smartcity_assess.core.fill import fill
from smartcity_assess.core.ranking import Ranking, rank
from smartcity_assess.core.scoring import ScoreCard, score
from smartcity_assess.core.submission import Submission
from smartcity_assess.errors import CriteriaInvalid
from smartcity_assess.reading.criteria_file import load_criteria
from smartcity_assess.reading.registry import code_in, registry, registry_for, tertinggal

# Twelve regions, best first (a region's total is its value): the kind, the wilayah and
# whether it is a daerah tertinggal follow from the code.
POOL: list[tuple[str, float]] = [
    ("32.71", 95),  # Kota Bogor, barat
    ("32.01", 90),  # Kabupaten Bogor, barat
    ("35.71", 85),  # Kota Kediri, barat
    ("33.01", 80),  # Kabupaten Cilacap, barat
    ("51.71", 75),  # Kota Denpasar, tengah
    ("73.71", 70),  # Kota Makassar, tengah
    ("12.04", 65),  # Kabupaten Nias, barat, tertinggal
    ("53.01", 60),  # Kabupaten Kupang, tengah, tertinggal
    ("81.71", 55),  # Kota Ambon, timur
    ("91.71", 50),  # Kota Jayapura, timur
    ("95.01", 45),  # Kabupaten Jayawijaya, timur, tertinggal
    ("81.06", 40),  # Kabupaten Seram Bagian Barat, timur, tertinggal
]
TERTINGGAL = frozenset({"12.04", "53.01", "95.01", "81.06"})
MEMBERS = {"tertinggal": TERTINGGAL}
"""The reserved groups' codes as ``rank`` takes them: here the daerah tertinggal only."""


def _groups(code: str) -> frozenset[str]:
    return frozenset({"tertinggal"} if code in TERTINGGAL else ())


NUMBER = {"type": "number", "required": True, "goalposts": {"worst": 0, "best": 100}}


def _criteria(cohorts: list[dict[str, Any]]) -> Criteria:
    return Criteria.model_validate(
        {
            "schema_version": 1,
            "id": "equity-test",
            "version": "1",
            "title": "Equity test",
            "source": "test",
            "cohorts": cohorts,
            "factors": [{"id": "f", "weight": 1, "indicators": [{"id": "v", **NUMBER}]}],
        }
    )


def _cards(criteria: Criteria, pool: list[tuple[str, float]] = POOL) -> list[ScoreCard]:
    known = registry()
    return [
        score(
            criteria,
            Submission(
                code=code,
                name=known[code].name,
                province=known[code].province,
                kind=known[code].kind,
                year=None,
                values={"f.v": value},
            ),
        )
        for code, value in pool
    ]


def _rank(*cohorts: dict[str, Any]) -> Ranking:
    criteria = _criteria(list(cohorts))
    return rank(criteria, _cards(criteria), criteria.cohorts, members=MEMBERS)


def _selected(ranking: Ranking) -> dict[int, list[str]]:
    return {cohort.year: list(cohort.selected) for cohort in ranking.cohorts}


def _moves(ranking: Ranking) -> list[tuple[str, str, str, str]]:
    assert ranking.equity is not None
    return [(m.rule, m.group, m.entrant, m.displaced) for m in ranking.equity.moves]


def test_the_pool_is_what_its_comments_say() -> None:
    known = registry()
    assert [known[code].kind for code, _ in POOL[:4]] == ["kota", "kabupaten", "kota", "kabupaten"]
    assert [wilayah_of(code) for code, _ in POOL] == [
        *["barat"] * 4,
        "tengah",
        "tengah",
        "barat",
        "tengah",
        *["timur"] * 4,
    ]
    assert tertinggal() >= TERTINGGAL  # the shipped list has them all


def test_without_rules_the_selection_is_the_plain_ranking() -> None:
    ranking = _rank({"year": 2020, "size": 4})
    assert ranking.equity is None
    assert _selected(ranking) == {2020: ["32.71", "32.01", "35.71", "33.01"]}


def test_places_per_kind_fill_each_kind_by_its_own_ranking() -> None:
    ranking = _rank({"year": 2020, "size": 4, "places": {"kota": 1, "kabupaten": 3}})
    # Kota: only the best (Kota Bogor); kabupaten: the three best, down to Nias at 65.
    assert _selected(ranking) == {2020: ["32.71", "32.01", "33.01", "12.04"]}
    # Kota Kediri (rank 3) would be in on rank alone; the kind split gave its place to Nias.
    assert _moves(ranking) == [("places", "kabupaten", "12.04", "35.71")]
    assert ranking.cohorts[0].cutoffs == (("kota", 95.0), ("kabupaten", 65.0))
    assert ranking.cohorts[0].cutoff_score == 65.0
    gaps = {r.code: r.gap for r in ranking.not_selected}
    assert gaps["35.71"] is None  # put out by a rule: it reached its own cut-off
    assert gaps["51.71"] == 20.0  # a kota: measured against the kota cut-off of 95
    assert gaps["53.01"] == 5.0  # a kabupaten: against the kabupaten cut-off of 65


def test_reserved_places_take_the_best_tertinggal_below_the_cut_off() -> None:
    ranking = _rank({"year": 2020, "size": 4, "reserved": {"group": "tertinggal", "places": 2}})
    assert _selected(ranking) == {2020: ["32.71", "32.01", "12.04", "53.01"]}
    # The best tertinggal (Nias) puts out the lowest selection (Cilacap), the next (Kupang)
    # the next lowest (Kota Kediri).
    assert _moves(ranking) == [
        ("reserved", "tertinggal", "12.04", "33.01"),
        ("reserved", "tertinggal", "53.01", "35.71"),
    ]
    assert ranking.cohorts[0].cutoff_score == 90.0  # the lowest selected by rank
    gaps = {r.code: r.gap for r in ranking.not_selected}
    assert (gaps["35.71"], gaps["33.01"], gaps["51.71"]) == (None, None, 15.0)


def test_reserved_places_already_held_by_rank_move_nobody() -> None:
    ranking = _rank({"year": 2020, "size": 7, "reserved": {"group": "tertinggal", "places": 1}})
    assert _selected(ranking)[2020][-1] == "12.04"  # Nias is 7th on rank alone
    assert _moves(ranking) == []


def test_a_minimum_per_wilayah_brings_in_the_best_of_each_short_wilayah() -> None:
    ranking = _rank({"year": 2020, "size": 4, "min_per_wilayah": {"tengah": 1, "timur": 1}})
    assert _selected(ranking) == {2020: ["32.71", "32.01", "51.71", "81.71"]}
    assert _moves(ranking) == [
        ("min_per_wilayah", "tengah", "51.71", "33.01"),
        ("min_per_wilayah", "timur", "81.71", "35.71"),
    ]


def test_a_region_a_rule_brought_in_is_never_put_out_by_a_later_rule() -> None:
    ranking = _rank(
        {
            "year": 2020,
            "size": 3,
            "reserved": {"group": "tertinggal", "places": 1},
            "min_per_wilayah": {"timur": 1},
        }
    )
    # Nias (reserved) is the lowest selection when Ambon comes in for timur, but it stays:
    # Kabupaten Bogor, the lowest selected by rank, gives way.
    assert _selected(ranking) == {2020: ["32.71", "12.04", "81.71"]}
    assert _moves(ranking) == [
        ("reserved", "tertinggal", "12.04", "35.71"),
        ("min_per_wilayah", "timur", "81.71", "32.01"),
    ]


def test_a_wilayah_minimum_never_takes_a_place_a_met_rule_needs() -> None:
    ranking = _rank(
        {
            "year": 2020,
            "size": 2,
            "reserved": {"group": "tertinggal", "places": 1},
            "min_per_wilayah": {"barat": 1, "timur": 1},
        }
    )
    # Rank: Kota Bogor, Kabupaten Bogor. Reserved: Nias (barat) for Kabupaten Bogor. Timur:
    # Kota Bogor may go (barat keeps Nias), Nias may not (the reserved place needs it).
    assert _selected(ranking) == {2020: ["12.04", "81.71"]}
    assert _moves(ranking) == [
        ("reserved", "tertinggal", "12.04", "32.01"),
        ("min_per_wilayah", "timur", "81.71", "32.71"),
    ]


def test_all_rules_together_on_two_cohorts() -> None:
    ranking = _rank(
        {
            "year": 2020,
            "size": 5,
            "places": {"kota": 2, "kabupaten": 3},
            "reserved": {"group": "tertinggal", "places": 1},
            "min_per_wilayah": {"timur": 1},
        },
        {"year": 2021, "size": 3},
    )
    # 2020 by kind: kota Bogor and Kediri, kabupaten Bogor, Cilacap and Nias (Denpasar,
    # 5th, gives way to Nias). Reserved: Nias is in. Timur: Ambon, a kota, for the lowest
    # kota (Kediri). 2021 takes the best left by rank: Kediri, Denpasar, Makassar.
    assert _selected(ranking) == {
        2020: ["32.71", "32.01", "33.01", "12.04", "81.71"],
        2021: ["35.71", "51.71", "73.71"],
    }
    assert _moves(ranking) == [
        ("places", "kabupaten", "12.04", "51.71"),
        ("min_per_wilayah", "timur", "81.71", "35.71"),
    ]
    assert ranking.cohorts[0].cutoffs == (("kota", 95.0), ("kabupaten", 65.0))
    assert ranking.cohorts[1].cutoffs == ()
    assert ranking.equity is not None and ranking.equity.unmet == ()


def test_a_rule_the_pool_cannot_meet_is_reported_not_forced() -> None:
    ranking = _rank(
        {"year": 2020, "size": 6, "min_per_wilayah": {"timur": 5}},
        {"year": 2021, "size": 4, "places": {"kota": 4, "kabupaten": 0}},
    )
    assert ranking.equity is not None
    # Only four timur regions exist, all taken in 2020, each for the lowest region left that
    # no minimum needs; only three kota are left for 2021.
    assert ranking.equity.unmet == (
        Unmet(2020, "min_per_wilayah", "timur", 5, 4),
        Unmet(2021, "places", "kota", 4, 3),
    )
    assert ranking.cohorts[0].selected == ("32.71", "32.01", "81.71", "91.71", "95.01", "81.06")
    assert ranking.cohorts[1].selected == ("35.71", "51.71", "73.71")
    assert ranking.cohorts[1].short


# --- properties ------------------------------------------------------------------------------

CODES = [code for code, _ in POOL] + ["31.71", "64.71", "94.01", "13.09", "73.01", "82.71"]


@st.composite
def pools(draw: st.DrawFn) -> list[Standing]:
    codes = draw(st.lists(st.sampled_from(CODES), unique=True, min_size=0, max_size=len(CODES)))
    known = registry()
    return [
        Standing(code, known[code].kind, _groups(code), wilayah_of(code), code[:2])
        for code in codes
    ]


SIZES = st.lists(st.integers(1, 6), min_size=1, max_size=3)


@settings(max_examples=200, deadline=None)
@given(pools(), SIZES)
def test_without_rules_the_fill_is_the_merit_order(
    regions: list[Standing], sizes: list[int]
) -> None:
    cohorts = [Cohort(year=2020 + i, size=size) for i, size in enumerate(sizes)]
    filled = fill(cohorts, regions)
    expected = [k for k, size in enumerate(sizes) for _ in range(size)][: len(regions)]
    assert filled.cohort == expected + [-1] * (len(regions) - len(expected))
    assert filled.moves == [] and filled.unmet == []


@settings(max_examples=300, deadline=None)
@given(pools(), st.integers(1, 6), st.integers(0, 6), st.integers(0, 3), st.integers(0, 2))
def test_with_rules_sizes_hold_and_each_rule_is_met_or_reported(
    regions: list[Standing], size: int, kota: int, reserved: int, timur: int
) -> None:
    kota = min(kota, size)
    rules: dict[str, Any] = {"places": {"kota": kota, "kabupaten": size - kota}}
    if reserved and reserved <= size - kota:
        rules["reserved"] = {"group": "tertinggal", "places": reserved}
    if timur <= size:
        rules["min_per_wilayah"] = {"timur": timur}
    cohort = Cohort.model_validate({"year": 2020, "size": size, **rules})
    filled = fill([cohort], regions)
    taken = [r for r, c in zip(regions, filled.cohort, strict=True) if c == 0]
    kinds = [r.kind for r in regions]
    # Each kind gets its places, or all of its regions and a report.
    for kind, places in (("kota", kota), ("kabupaten", size - kota)):
        got = sum(r.kind == kind for r in taken)
        assert got == min(places, kinds.count(kind))
        assert (got < places) == any(u.rule == "places" and u.group == kind for u in filled.unmet)
    for rule, group, count in (
        ("reserved", "tertinggal", sum("tertinggal" in r.groups for r in taken)),
        ("min_per_wilayah", "timur", sum(r.wilayah == "timur" for r in taken)),
    ):
        if rule not in rules:
            continue
        wanted = {"reserved": reserved, "min_per_wilayah": timur}[rule]
        reported = [u for u in filled.unmet if u.rule == rule and u.group == group]
        assert (count < wanted) == bool(reported)
        assert all(u.got == count for u in reported)
    # Every move puts a region in for one ranked above it, and each entrant is selected.
    position = {r.code: i for i, r in enumerate(regions)}
    codes = {r.code for r in taken}
    ruled = {m.entrant for m in filled.moves if m.rule != "places"}
    for move in filled.moves:
        assert position[move.entrant] > position[move.displaced]
        assert move.displaced in ruled or move.displaced not in codes
    assert ruled <= codes


# --- reading: validation and the shipped list ------------------------------------------------

CRITERIA_YAML = """\
schema_version: 1
id: equity-test
version: "1"
title: Equity test
source: test
cohorts:
  - year: 2020
    size: 5
{rules}
factors:
  - id: f
    weight: 1
    indicators:
      - {{id: v, type: number, required: true, goalposts: {{worst: 0, best: 100}}}}
"""


def _load(tmp_path: Path, rules: str, extra: str = "") -> Any:
    path = tmp_path / "c.yaml"
    path.write_text(CRITERIA_YAML.format(rules=rules) + extra, encoding="utf-8")
    return load_criteria(path)


@pytest.mark.parametrize(
    ("rules", "where", "message"),
    [
        (
            "    places: {kota: 3, kabupaten: 3}",
            "c.yaml:9:13",
            "places for kota and kabupaten add up to 6, but the cohort's size is 5",
        ),
        (
            "    places: {kota: 4, kabupaten: 1}\n    reserved: {group: tertinggal, places: 2}",
            "c.yaml:10:43",
            "2 reserved places cannot fit: daerah tertinggal are kabupaten, and the cohort "
            "has 1 place(s) for kabupaten",
        ),
        (
            "    min_per_wilayah: {barat: 2, tengah: 2, timur: 2}",
            "c.yaml:9:22",
            "the minimums per wilayah add up to 6, above the cohort's size of 5",
        ),
        ("    reserved: {group: miskin, places: 1}", "c.yaml:9:23", "'tertinggal'"),
        ("    places: {kota: -1, kabupaten: 6}", "c.yaml:9:20", "-1 must be >= 0"),
        ("    min_per_wilayah: {utara: 1}", "c.yaml:9:23", "utara"),
    ],
)
def test_impossible_equity_rules_are_refused_in_place(
    tmp_path: Path, rules: str, where: str, message: str
) -> None:
    with pytest.raises(CriteriaInvalid) as caught:
        _load(tmp_path, rules)
    text = "\n".join(f"{p.path}:{p.line}:{p.column} {p.message()}" for p in caught.value.problems)
    assert where in text and message in text, text


def test_equity_rules_with_a_province_cap_in_the_criteria_load(tmp_path: Path) -> None:
    loaded = _load(
        tmp_path,
        "    reserved: {group: tertinggal, places: 1}",
        "selection:\n  max_per_province: 2\n",
    )
    assert loaded.model.selection.max_per_province == 2
    assert loaded.model.cohorts[0].reserved is not None


def test_the_shipped_tertinggal_list_is_kabupaten_of_the_registry() -> None:
    codes = tertinggal()
    assert len(codes) == 62  # all 62 of the Perpres (see the file's header)
    assert {"12.04", "53.01", "81.06", "95.01", "81.03"} <= codes
    assert all(registry()[code].kind == "kabupaten" for code in codes)


def test_rank_honours_equity_rules_and_a_cap_together() -> None:
    criteria = _criteria(
        [{"year": 2020, "size": 3, "reserved": {"group": "tertinggal", "places": 1}}]
    )
    ranking = rank(criteria, _cards(criteria), criteria.cohorts, 1, members=MEMBERS)
    # Cap 1: Kota Bogor (32) in, Kabupaten Bogor (32) passed over, Kota Kediri (35) in,
    # Cilacap (33) in. Reserved: Nias (12) for Cilacap, the lowest taken by rank.
    assert _selected(ranking) == {2020: ["32.71", "35.71", "12.04"]}
    assert _moves(ranking) == [("reserved", "tertinggal", "12.04", "33.01")]
    by_code = {r.code: r for r in ranking.regions}
    assert by_code["32.01"].deferred_from == 2020 and by_code["32.01"].left_out_by_cap


@pytest.mark.parametrize(("kota", "at_cutoff"), [(2, True), (3, False)])
def test_a_tie_at_a_kinds_cut_off_is_flagged(kota: int, at_cutoff: bool) -> None:
    criteria = _criteria(
        [{"year": 2020, "size": 3, "places": {"kota": kota, "kabupaten": 3 - kota}}]
    )
    pool = [("32.71", 95), ("32.01", 90), ("35.71", 85), ("35.72", 85), ("33.01", 80)]
    ranking = rank(criteria, _cards(criteria, pool), criteria.cohorts, members=MEMBERS)
    [tie] = ranking.ties
    assert tie.codes == ("35.71", "35.72")
    # Two kota places: the code decided that Kediri, not Blitar, took the second one.
    assert tie.at_cutoff is at_cutoff


# --- the commands ----------------------------------------------------------------------------

RANK_CRITERIA = Path(__file__).parent / "data" / "rank" / "criteria.yaml"
EQUITY_COHORT = (
    "  - {year: 2018, size: 4, places: {kota: 2, kabupaten: 2}, "
    "reserved: {group: tertinggal, places: 1}, min_per_wilayah: {timur: 1}}\n"
)


def _pool_and_criteria(tmp_path: Path, cohort: str = EQUITY_COHORT) -> tuple[Path, Path]:
    """The twelve regions as submissions (both indicators at the region's total) and the
    rank tests' criteria with one cohort of ``cohort``."""
    known = registry_for(2018)  # the cohort's year: Jayawijaya is 91.02 (Papua) in 2018
    documents = []
    for code, value in POOL:
        region = known[code_in(code, 2018)]
        documents.append(
            "schema_version: 1\n"
            f'region: {{code: "{region.code}", name: "{region.name}", '
            f'province: "{region.province}", '
            f"kind: {region.kind}}}\n"
            f"values: {{first: {{x: {value}}}, second: {{y: {value}}}}}\n"
        )
    pool = tmp_path / "pool.yaml"
    pool.write_text("---\n".join(documents), encoding="utf-8")
    text = RANK_CRITERIA.read_text(encoding="utf-8")
    start = text.index("cohorts:\n") + len("cohorts:\n")
    end = text.index("factors:")
    criteria = tmp_path / "criteria.yaml"
    criteria.write_text(text[:start] + cohort + text[end:], encoding="utf-8")
    return pool, criteria


# 2018 by kind: kota Bogor, Kediri; kabupaten Bogor, Cilacap. Reserved: Nias (rank 7) for
# Cilacap (rank 4). Timur: Ambon (rank 9, a kota) for the lowest kota, Kediri (rank 3).
EXPECTED_MOVES = [
    {
        "year": 2018,
        "rule": "reserved",
        "group": "tertinggal",
        "entrant": "12.04",
        "displaced": "33.01",
    },
    {
        "year": 2018,
        "rule": "min_per_wilayah",
        "group": "timur",
        "entrant": "81.71",
        "displaced": "35.71",
    },
]


def test_rank_json_names_every_move_and_each_kinds_cut_off(run: Any, tmp_path: Path) -> None:
    pool, criteria = _pool_and_criteria(tmp_path)
    result = run("rank", pool, "-c", criteria, "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    [cohort] = data["cohorts"]
    assert cohort["selected"] == ["32.71", "32.01", "12.04", "81.71"]
    assert cohort["cutoffs"] == {"kota": 95.0, "kabupaten": 90.0}
    assert data["equity"] == {"moves": EXPECTED_MOVES, "unmet": []}
    assert data["criteria_summary"]["cohorts"][0]["reserved"] == {
        "group": "tertinggal",
        "places": 1,
    }


def test_rank_csv_has_the_equity_columns(run: Any, tmp_path: Path) -> None:
    pool, criteria = _pool_and_criteria(tmp_path)
    result = run("rank", pool, "-c", criteria, "--format", "csv")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0].endswith(",reasons,equity_rule,displaced,displaced_by,displaced_by_rule")
    by_code = {line.split(",")[2]: line for line in lines[1:]}
    assert by_code["12.04"].endswith(",reserved:tertinggal,33.01,,")
    assert by_code["81.71"].endswith(",min_per_wilayah:timur,35.71,,")
    assert by_code["33.01"].endswith(",,,12.04,reserved:tertinggal")
    assert by_code["35.71"].endswith(",,,81.71,min_per_wilayah:timur")
    assert by_code["51.71"].endswith(",,,,")


@pytest.mark.parametrize("fmt", ["table", "markdown", "html"])
def test_rank_reports_say_who_got_a_place_by_a_rule_and_who_lost_it(
    run: Any, tmp_path: Path, fmt: str
) -> None:
    pool, criteria = _pool_and_criteria(tmp_path)
    out = tmp_path / f"out.{fmt}"
    result = run("rank", pool, "-c", criteria, "--format", fmt, "-o", out)
    assert result.exit_code == 0, result.output
    text = " ".join(out.read_text(encoding="utf-8").split())
    assert "Equity rules (2 place(s) given by a rule)" in text
    assert (
        "2018: places kota 2, kabupaten 2, each kind ranked on its own; 1 place(s) reserved "
        "for daerah tertinggal (Perpres 63/2020); at least timur 1 per wilayah; "
        "cut-off by kind: kota 95.00, kabupaten 90.00." in text
    )
    assert (
        "2018: Kabupaten Nias (12.04), rank 7, score 65.00, got a place by reserved places for "
        "daerah tertinggal; Kabupaten Cilacap (33.01), rank 4, score 80.00, lost it." in text
    )
    assert (
        "2018: Kota Ambon (81.71), rank 9, score 55.00, got a place by minimum for wilayah "
        "timur; Kota Kediri (35.71), rank 3, score 85.00, lost it." in text
    )
    if fmt != "table":  # the table's note column wraps
        assert "placed by rule: minimum for wilayah timur, in place of Kota Kediri (35.71)" in text
        assert "gave way in 2018 to Kabupaten Nias (12.04) (reserved places for daerah" in text


def test_rank_in_indonesian_names_the_rules_in_indonesian(run: Any, tmp_path: Path) -> None:
    pool, criteria = _pool_and_criteria(tmp_path)
    result = run("rank", pool, "-c", criteria, "--format", "markdown", "--lang", "id")
    assert result.exit_code == 0, result.output
    assert "mendapat tempat karena kuota khusus daerah tertinggal" in result.stdout


def test_cohorts_from_the_command_line_have_no_rules(run: Any, tmp_path: Path) -> None:
    pool, criteria = _pool_and_criteria(tmp_path)
    plain = tmp_path / "plain.yaml"
    plain.write_text(
        criteria.read_text(encoding="utf-8").replace(EQUITY_COHORT, "  - {year: 2018, size: 4}\n"),
        encoding="utf-8",
    )
    with_rules = run("rank", pool, "-c", criteria, "--cohorts", "2018:4", "--format", "csv")
    without = run("rank", pool, "-c", plain, "--format", "csv")
    assert with_rules.exit_code == without.exit_code == 0
    assert with_rules.stdout == without.stdout
    assert "equity_rule" not in without.stdout


@pytest.mark.parametrize(
    "args",
    [
        ["sensitivity", "{pool}", "--runs", "10", "--format", "json"],
        ["explain", "{one}", "--pool", "{pool}", "--format", "json"],
        ["rank", "{pool}", "--max-per-province", "1", "--format", "json"],
    ],
)
def test_commands_honour_equity_rules_with_a_cap_sensitivity_and_explain(
    run: Any, tmp_path: Path, args: list[str]
) -> None:
    pool, criteria = _pool_and_criteria(tmp_path)
    one = tmp_path / "one.yaml"
    one.write_text(pool.read_text(encoding="utf-8").split("---\n")[0], encoding="utf-8")
    filled = [a.format(pool=pool, one=one) for a in args]
    result = run(*filled, "-c", criteria)
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    if args[0] == "rank":
        # Cap 1, one ranking: Kota Bogor (32), Kediri (35), Cilacap (33), Denpasar (51),
        # Kabupaten Bogor (32) passed over. By kind: kota Bogor, Kediri; kabupaten Cilacap
        # and Nias (12), who takes Denpasar's place. Nias is in: reserved met. Timur: Ambon
        # for the lowest kota, Kediri.
        assert data["cohorts"][0]["selected"] == ["32.71", "33.01", "12.04", "81.71"]
        assert data["equity"]["moves"] == [
            {
                "year": 2018,
                "rule": "places",
                "group": "kabupaten",
                "entrant": "12.04",
                "displaced": "51.71",
            },
            {
                "year": 2018,
                "rule": "min_per_wilayah",
                "group": "timur",
                "entrant": "81.71",
                "displaced": "35.71",
            },
        ]


def test_explain_without_a_pool_still_works_with_equity_criteria(run: Any, tmp_path: Path) -> None:
    pool, criteria = _pool_and_criteria(tmp_path)
    one = tmp_path / "one.yaml"
    one.write_text(pool.read_text(encoding="utf-8").split("---\n")[0], encoding="utf-8")
    assert run("explain", one, "-c", criteria).exit_code == 0


def test_sensitivity_and_explain_fill_as_rank_does_with_equity_rules() -> None:
    from smartcity_assess.core.explain import explain
    from smartcity_assess.core.sensitivity import Settings, analyse

    criteria = _criteria(
        [{"year": 2020, "size": 2, "reserved": {"group": "tertinggal", "places": 1}}]
    )
    cards = _cards(criteria)
    ranking = rank(criteria, cards, criteria.cohorts, members=MEMBERS)
    assert _selected(ranking) == {2020: ["32.71", "12.04"]}  # Nias for Kabupaten Bogor
    # No noise: every run is the nominal ranking, Nias in by its reserved place each time.
    runs = analyse(criteria, ranking, Settings(runs=3, seed=1, weight_noise=0.0), criteria.cohorts)
    chances = {r.code: r.p_selected for r in runs.regions}
    assert chances["12.04"] == 1.0 and chances["32.01"] == 0.0
    pool = [card.submission for card in cards]
    # Kabupaten Kupang (53.01, tertinggal, 60) is out: Nias holds the reserved place.
    kupang = next(s for s in pool if s.code == "53.01")
    explanation = explain(criteria, kupang, pool, criteria.cohorts, members=MEMBERS)
    assert explanation.region is not None and explanation.region.cohort is None
    assert explanation.reached


def test_the_criteria_view_shows_each_cohorts_rules(run: Any, tmp_path: Path) -> None:
    _, criteria = _pool_and_criteria(tmp_path)
    result = run("criteria", criteria, "--format", "markdown")
    assert result.exit_code == 0, result.output
    assert "2018: 4 (kota 2, kabupaten 2; tertinggal 1; timur ≥ 1)" in result.stdout
    data = json.loads(run("criteria", criteria, "--format", "json").stdout)
    assert data["cohorts"] == [
        {
            "year": 2018,
            "size": 4,
            "places": {"kota": 2, "kabupaten": 2},
            "reserved": {"group": "tertinggal", "places": 1},
            "min_per_wilayah": {"barat": 0, "tengah": 0, "timur": 1},
        }
    ]


def test_compare_names_a_change_of_equity_rules(run: Any, tmp_path: Path) -> None:
    pool, criteria = _pool_and_criteria(tmp_path)
    plain = tmp_path / "plain.yaml"
    plain.write_text(
        criteria.read_text(encoding="utf-8").replace(EQUITY_COHORT, "  - {year: 2018, size: 4}\n"),
        encoding="utf-8",
    )
    old, new = tmp_path / "old.json", tmp_path / "new.json"
    assert run("rank", pool, "-c", plain, "--format", "json", "-o", old).exit_code == 0
    assert run("rank", pool, "-c", criteria, "--format", "json", "-o", new).exit_code == 0
    result = run("compare", old, new, "--format", "markdown")
    assert result.exit_code == 0, result.output
    assert (
        '| cohorts | 2018:4 | 2018:4 {"min_per_wilayah": {"barat": 0, "tengah": 0, "timur": 1}, '
        '"places": {"kabupaten": 2, "kota": 2}, "reserved": {"group": "tertinggal", "places": 1}} |'
    ) in result.stdout


def test_every_province_of_the_registry_has_a_wilayah() -> None:
    found = {code[:2]: wilayah_of(code) for code in registry()}
    assert None not in found.values()
    assert sorted(p for p, w in found.items() if w == "timur") == [
        *("81", "82", "91", "92", "93", "94", "95", "96")
    ]
    assert [found[p] for p in ("31", "51", "61", "63", "71")] == [
        *("barat", "tengah", "barat", "tengah", "tengah")
    ]
