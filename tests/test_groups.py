"""Groups declared in the criteria (docs/criteria.md, "Groups"): reserved places for any
documented list of regions, filled by the same rule as the shipped daerah tertinggal; their
validation at file:line:col; the reports that name them in both languages."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from smartcity_assess.cli.common import pool_selection
from smartcity_assess.core.criteria import Criteria
from smartcity_assess.core.ranking import rank
from smartcity_assess.errors import CriteriaInvalid
from smartcity_assess.reading.criteria_file import load_criteria

from .test_equity import (
    MEMBERS,
    NUMBER,
    TERTINGGAL,
    _cards,
    _moves,
    _pool_and_criteria,
    _selected,
)

# Kota Ambon (81.71, rank 9) and Kota Jayapura (91.71, rank 10) of the twelve of
# test_equity.POOL: two kota, which the daerah tertinggal (kabupaten) cannot be.
ISLANDS = {
    "name": {"en": "outer islands (test)", "id": "pulau terluar (uji)"},
    "source": {"en": "a test list", "id": "daftar uji"},
    "year": 2017,
    "codes": ["81.71", "91.71"],
}


def _criteria(cohorts: list[dict[str, Any]], groups: dict[str, Any]) -> Criteria:
    return Criteria.model_validate(
        {
            "schema_version": 1,
            "id": "groups-test",
            "version": "1",
            "title": "Groups test",
            "source": "test",
            "cohorts": cohorts,
            "groups": groups,
            "factors": [{"id": "f", "weight": 1, "indicators": [{"id": "v", **NUMBER}]}],
        }
    )


def test_a_declared_groups_reserved_places_change_the_cohort() -> None:
    """One cohort of 4, 2 reserved for the islands. By rank: Kota Bogor, Kabupaten Bogor,
    Kota Kediri, Cilacap. The best island, Ambon, comes in for the lowest region taken by
    rank (Cilacap); the next, Jayapura, for the next lowest (Kediri)."""
    criteria = _criteria(
        [{"year": 2020, "size": 4, "reserved": {"group": "islands", "places": 2}}],
        {"islands": ISLANDS},
    )
    members = {"islands": frozenset(ISLANDS["codes"])}
    ranking = rank(criteria, _cards(criteria), criteria.cohorts, members=members)
    assert _selected(ranking) == {2020: ["32.71", "32.01", "81.71", "91.71"]}
    assert _moves(ranking) == [
        ("reserved", "islands", "81.71", "33.01"),
        ("reserved", "islands", "91.71", "35.71"),
    ]
    # Without the rule the cohort is the plain ranking.
    plain = _criteria([{"year": 2020, "size": 4}], {"islands": ISLANDS})
    assert _selected(rank(plain, _cards(plain), plain.cohorts, members=members)) == {
        2020: ["32.71", "32.01", "35.71", "33.01"]
    }


def test_a_declared_group_of_the_tertinggal_fills_as_the_shipped_one() -> None:
    """One membership rule: a group listing the same codes moves the same regions."""
    cohort = {"year": 2020, "size": 4}
    shipped = _criteria([{**cohort, "reserved": {"group": "tertinggal", "places": 2}}], {})
    declared = _criteria(
        [{**cohort, "reserved": {"group": "same", "places": 2}}],
        {"same": {**ISLANDS, "codes": sorted(TERTINGGAL)}},
    )
    by_shipped = rank(shipped, _cards(shipped), shipped.cohorts, members=MEMBERS)
    by_declared = rank(declared, _cards(declared), declared.cohorts, members={"same": TERTINGGAL})
    assert _selected(by_shipped) == _selected(by_declared)
    assert [(r, e, d) for r, _, e, d in _moves(by_shipped)] == [
        (r, e, d) for r, _, e, d in _moves(by_declared)
    ]
    assert {g for _, g, _, _ in _moves(by_declared)} == {"same"}
    assert _moves(by_shipped)  # the rule did move someone


def test_a_group_matches_a_region_under_any_code_it_has_had(tmp_path: Path) -> None:
    """Jayawijaya is 95.01 today and 91.02 in 2018; the group lists 91.02 only, and the
    selection's codes are the aliases of both."""
    path = tmp_path / "c.yaml"
    path.write_text(
        CRITERIA.format(
            cohort="  - {year: 2018, size: 3, reserved: {group: g, places: 1}}",
            groups=GROUP.format(codes='["91.02"]'),
        ),
        encoding="utf-8",
    )
    model = load_criteria(path).model
    selection = pool_selection(model, None, None, None)
    assert selection.members == {"g": frozenset({"91.02", "95.01"})}


def test_the_tertinggal_selection_is_unchanged_without_declared_groups(tmp_path: Path) -> None:
    path = tmp_path / "c.yaml"
    path.write_text(
        CRITERIA.format(
            cohort="  - {year: 2018, size: 3, reserved: {group: tertinggal, places: 1}}",
            groups="",
        ),
        encoding="utf-8",
    )
    selection = pool_selection(load_criteria(path).model, None, None, None)
    assert set(selection.members) == {"tertinggal"}
    assert {"95.01", "91.02"} <= selection.members["tertinggal"]


CRITERIA = """\
schema_version: 1
id: c
version: "1"
title: t
source: s
cohorts:
{cohort}
{groups}factors:
  - id: f
    weight: 1
    indicators:
      - {{id: v, type: number, required: true, goalposts: {{worst: 0, best: 100}}}}
"""
GROUP = """\
groups:
  g:
    name: {{en: a group, id: sebuah kelompok}}
    source: a list
    year: 2020
    codes: {codes}
"""
COHORT = "  - {year: 2018, size: 3, reserved: {group: g, places: 1}}"


@pytest.mark.parametrize(
    ("cohort", "groups", "where", "en", "id_"),
    [
        (
            COHORT,
            GROUP.format(codes='["81.71", "99.99"]'),
            "c.yaml:13:22",
            "region code 99.99 is no kabupaten or kota of the registry, in any year",
            "kode wilayah 99.99 bukan kabupaten atau kota dalam registri",
        ),
        (
            COHORT,
            GROUP.format(codes='["81.71", "91.71", "81.71"]'),
            "c.yaml:13:31",
            "region code 81.71 is listed twice in the group (first at groups.g.codes.0)",
            "kode wilayah 81.71 tercantum dua kali dalam kelompok",
        ),
        (
            COHORT,
            GROUP.format(codes="[]"),
            "c.yaml:13:12",
            "group 'g' lists no region codes",
            "kelompok 'g' tidak mencantumkan kode wilayah",
        ),
        (
            COHORT,
            GROUP.format(codes='["8171"]'),
            "c.yaml:13:13",
            "'8171' is not a region code: write PP.RR in quotes",
            "'8171' bukan kode wilayah",
        ),
        (
            COHORT,
            GROUP.format(codes="[81.71]"),
            "c.yaml:13:13",
            'expected text, got the number 81.71; quote it: "81.71"',
            "81.71",
        ),
        (
            "  - {year: 2018, size: 3, reserved: {group: h, places: 1}}",
            GROUP.format(codes='["81.71"]'),
            "c.yaml:7:45",
            "reserved places for group 'h', which is neither shipped nor declared in 'groups'; "
            "known groups: 'tertinggal', 'g'",
            "kuota khusus untuk kelompok 'h'",
        ),
        (
            "  - {year: 2018, size: 3, reserved: {group: tertinggal, places: 1}}",
            GROUP.replace("  g:", "  tertinggal:").format(codes='["81.71"]'),
            "c.yaml:10:5",
            "group 'tertinggal' is shipped with the package",
            "kelompok 'tertinggal' sudah disertakan",
        ),
        (
            "  - {year: 2018, size: 3, reserved: {group: g, places: 4}}",
            GROUP.format(codes='["81.71"]'),
            "c.yaml:7:56",
            "4 reserved places cannot fit in a cohort of 3",
            "4 kuota khusus tidak muat dalam angkatan berukuran 3",
        ),
    ],
)
def test_group_mistakes_are_refused_in_place_in_both_languages(
    run: Any, tmp_path: Path, cohort: str, groups: str, where: str, en: str, id_: str
) -> None:
    path = tmp_path / "c.yaml"
    path.write_text(CRITERIA.format(cohort=cohort, groups=groups), encoding="utf-8")
    with pytest.raises(CriteriaInvalid):
        load_criteria(path)
    for lang, message in (("en", en), ("id", id_)):
        result = run("criteria", path, "--lang", lang)
        assert result.exit_code == 1, result.output
        line = next(x for x in result.stderr.splitlines() if where in x)
        assert message in line, result.stderr
        assert "Traceback" not in result.output


# 2018, 2 kota and 2 kabupaten: kota Bogor, Kediri; kabupaten Bogor, Cilacap. The group
# (Ambon, Jayapura: kota) keeps 1 place: Ambon (rank 9) for the lowest kota, Kediri.
GROUP_COHORT = (
    "  - {year: 2018, size: 4, places: {kota: 2, kabupaten: 2}, "
    "reserved: {group: islands, places: 1}}\n"
    "groups:\n"
    "  islands:\n"
    "    name: {en: outer islands (test), id: pulau terluar (uji)}\n"
    "    source: {en: a test list, id: daftar uji}\n"
    "    year: 2017\n"
    '    codes: ["81.71", "91.71"]\n'
)


def test_rank_names_a_declared_group_in_both_languages(run: Any, tmp_path: Path) -> None:
    pool, criteria = _pool_and_criteria(tmp_path, GROUP_COHORT)
    result = run("rank", pool, "-c", criteria, "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["equity"]["moves"] == [
        {
            "year": 2018,
            "rule": "reserved",
            "group": "islands",
            "entrant": "81.71",
            "displaced": "35.71",
        }
    ]
    english = run("rank", pool, "-c", criteria, "--format", "markdown")
    assert english.exit_code == 0, english.output
    assert (
        "1 place(s) reserved for outer islands (test) (a test list, 2017); cut-off by kind"
        in english.stdout
    )
    assert "placed by rule: reserved places for outer islands (test), in place of" in (
        english.stdout
    )
    indonesian = run("rank", pool, "-c", criteria, "--format", "markdown", "--lang", "id")
    assert indonesian.exit_code == 0, indonesian.output
    assert "1 tempat khusus pulau terluar (uji) (daftar uji, 2017)" in indonesian.stdout
    assert "karena kuota khusus pulau terluar (uji)" in indonesian.stdout
    assert "daerah tertinggal" not in english.stdout + indonesian.stdout


def test_criteria_shows_the_groups_in_both_languages(run: Any) -> None:
    example = Path(__file__).parents[1] / "examples" / "gerakan-100-smart-city-border.yaml"
    english = run("criteria", example)
    assert english.exit_code == 0, english.output
    assert "Groups: perbatasan_kalbar: border kabupaten of Kalimantan Barat (ILLUSTRATIVE)" in (
        " ".join(english.stdout.split())
    )
    indonesian = run("criteria", example, "--lang", "id", "--format", "json")
    assert indonesian.exit_code == 0, indonesian.output
    group = json.loads(indonesian.stdout)["groups"]["perbatasan_kalbar"]
    assert group["name"] == "kabupaten perbatasan Kalimantan Barat (ILUSTRASI)"
    assert group["codes"] == ["61.01", "61.07", "61.03", "61.05", "61.06"]
    html = run("criteria", example, "--lang", "id", "--format", "html")
    assert html.exit_code == 0, html.output
    assert "Kelompok:</strong> perbatasan_kalbar: kabupaten perbatasan" in html.stdout


def test_the_illustrative_example_puts_a_border_kabupaten_in(run: Any) -> None:
    """Sanggau (rank 44) is in 2018 by rank; the second reserved place goes to Sambas
    (rank 113), for the lowest region taken by rank, Kuningan (rank 75)."""
    root = Path(__file__).parents[1] / "examples"
    result = run(
        "rank", root / "pool-2018", "-c", root / "gerakan-100-smart-city-border.yaml", "-f", "json"
    )
    assert result.exit_code == 0, result.output
    moves = json.loads(result.stdout)["equity"]["moves"]
    assert moves == [
        {
            "year": 2018,
            "rule": "reserved",
            "group": "perbatasan_kalbar",
            "entrant": "61.01",
            "displaced": "32.08",
        }
    ]
