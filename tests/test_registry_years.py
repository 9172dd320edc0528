"""The regions of the round's year (issue 16): the registry as at 1 January of a year, the
2022 Papua split as data (data/region-changes.csv), a submission checked against its year's
registry, province caps counting the year's provinces, and exclusions across the split."""

from __future__ import annotations

import csv
import json
from collections.abc import Callable
from datetime import date
from importlib import resources
from pathlib import Path
from typing import Any

import pytest

from smartcity_assess.reading.registry import (
    aliases,
    code_in,
    current_code,
    parse_changes,
    region_changes,
    registry,
    registry_as_of,
    registry_for,
)

Run = Callable[..., Any]
RANK_CRITERIA = Path(__file__).parent / "data" / "rank" / "criteria.yaml"
CHANGES = resources.files("smartcity_assess").joinpath("data/region-changes.csv")


def _changes_rows() -> list[dict[str, str]]:
    text = CHANGES.read_text(encoding="utf-8")
    return list(csv.DictReader(line for line in text.splitlines() if not line.startswith("#")))


def _provinces(regions: dict[str, Any]) -> set[str]:
    return {code[:2] for code in regions}


# --- the registry by year --------------------------------------------------------------------


def test_before_the_split_34_provinces_after_it_38_and_514_regions_throughout() -> None:
    for year in (2017, 2018, 2019, 2020, 2021, 2022):
        regions = registry_for(year)
        assert len(regions) == 514, year
        assert len(_provinces(regions)) == 34, year
        assert len({r.province for r in regions.values()}) == 34, year
        assert not _provinces(regions) & {"93", "94", "95", "96"}
    for year in (2023, 2024, 2025):
        assert len(registry_for(year)) == 514
        assert len(_provinces(registry_for(year))) == 38
    # Any year a criteria file or --cohorts may give has a registry.
    assert len(_provinces(registry_for(0))) == 34 and registry_for(99999) is registry()
    # Today's registry is the fast path, the same object.
    assert registry_for(2023) is registry() and registry_for(None) is registry()


def test_the_two_laws_of_2022_take_effect_on_their_own_days() -> None:
    # 25 July 2022: Papua Selatan, Tengah, Pegunungan; 8 December 2022: Papua Barat Daya.
    assert len(_provinces(registry_as_of(date(2022, 7, 24)))) == 34
    between = registry_as_of(date(2022, 9, 1))
    assert len(_provinces(between)) == 37
    assert between["94.04"].province == "Papua Tengah"
    assert between["92.71"].province == "Papua Barat"  # Kota Sorong, not yet Papua Barat Daya
    assert "96.71" not in between
    assert registry_as_of(date(2022, 12, 8)) is registry()


def test_mimika_is_91_09_papua_in_2018_and_94_04_papua_tengah_in_2023() -> None:
    old, new = registry_for(2018)["91.09"], registry_for(2023)["94.04"]
    assert (old.name, old.province, old.kind) == ("Kabupaten Mimika", "Papua", "kabupaten")
    assert (new.name, new.province) == ("Kabupaten Mimika", "Papua Tengah")
    assert "94.04" not in registry_for(2018) and "91.09" not in registry_for(2023)
    assert code_in("94.04", 2018) == "91.09" and code_in("91.09", 2023) == "94.04"
    assert code_in("91.09", 2018) == "91.09" and code_in("91.09", None) == "94.04"
    assert current_code("91.09") == current_code("94.04") == "94.04"
    assert code_in("32.73", 2018) == current_code("32.73") == "32.73"
    assert aliases(["94.04", "32.73"]) == {"91.09", "94.04", "32.73"}


def test_the_change_table_is_a_bijection_between_old_and_new_codes() -> None:
    rows = _changes_rows()
    old = [r["old_code"] for r in rows]
    new = [r["new_code"] for r in rows]
    assert len(rows) == 26 and len(set(old)) == 26 and len(set(new)) == 26
    today = registry()
    assert not set(old) & set(today)  # no old code is a code today
    assert set(new) <= set(today)
    assert {code[:2] for code in new} == {"93", "94", "95", "96"}
    assert {code[:2] for code in old} == {"91", "92"}
    # Every region of the new provinces came from Papua or Papua Barat, and back again.
    assert {c for c in today if c[:2] in {"93", "94", "95", "96"}} == set(new)
    for row in rows:
        assert code_in(code_in(row["new_code"], 2018), 2023) == row["new_code"]
        assert registry_for(2018)[row["old_code"]].name == today[row["new_code"]].name
    assert set(registry_for(2018)) == (set(today) - set(new)) | set(old)
    by_law = {r["basis"]: (r["new_province"], r["effective"]) for r in rows}
    assert by_law == {
        "UU 14/2022": ("Papua Selatan", "2022-07-25"),
        "UU 15/2022": ("Papua Tengah", "2022-07-25"),
        "UU 16/2022": ("Papua Pegunungan", "2022-07-25"),
        "UU 29/2022": ("Papua Barat Daya", "2022-12-08"),
    }
    assert len(region_changes()) == 52  # each change under its old and its new code


def test_a_change_table_inconsistent_with_the_registry_is_refused() -> None:
    text = CHANGES.read_text(encoding="utf-8")
    header = "old_code,new_code,name,old_province_code,old_province,new_province_code"
    assert header in text
    broken = text.replace(
        "91.09,94.04,Kabupaten Mimika,", "91.71,94.04,Kabupaten Mimika,"
    )  # 91.71 is a code today (Kota Jayapura)
    with pytest.raises(ValueError, match="not consistent"):
        parse_changes(broken, registry())


# --- submissions against their year's registry -----------------------------------------------


def _document(code: str, name: str, province: str, year: int | None, value: int = 50) -> str:
    year_line = "" if year is None else f"year: {year}\n"
    return (
        "schema_version: 1\n"
        f'region: {{code: "{code}", name: "{name}", province: "{province}", kind: kabupaten}}\n'
        f"{year_line}values: {{first: {{x: {value}}}, second: {{y: {value}}}}}\n"
    )


def test_a_2018_submission_with_todays_code_names_the_2018_code(run: Run, tmp_path: Path) -> None:
    path = tmp_path / "mimika.yaml"
    path.write_text(_document("94.04", "Kabupaten Mimika", "Papua Tengah", 2018), "utf-8")
    result = run("validate", path, "-c", RANK_CRITERIA)
    assert result.exit_code == 1
    assert (
        f"{path}:2:16: error[registry-year]: region code 94.04 was not yet in use in 2018: "
        "Kabupaten Mimika was 91.09 (Papua) until 2022-07-25, when UU 15/2022 made it 94.04 "
        "(Papua Tengah)"
    ) in result.stdout


def test_a_2023_submission_with_the_old_code_names_todays(run: Run, tmp_path: Path) -> None:
    path = tmp_path / "mimika.yaml"
    path.write_text(_document("91.09", "Kabupaten Mimika", "Papua", 2023), "utf-8")
    result = run("validate", path, "-c", RANK_CRITERIA, "--lang", "id")
    assert result.exit_code == 1
    assert (
        f"{path}:2:16: error[registry-year]: kode wilayah 91.09 tidak dipakai lagi pada 2023: "
        "Kabupaten Mimika menjadi 94.04 (Papua Tengah) sejak 2022-07-25 (UU 15/2022); "
        "91.09 (Papua) adalah kodenya sebelum itu"
    ) in result.stdout


def test_each_years_code_and_province_is_accepted_in_its_year(run: Run, tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text(_document("91.09", "Kabupaten Mimika", "Papua", 2018), "utf-8")
    (tmp_path / "b.yaml").write_text(
        _document("94.04", "Kabupaten Mimika", "Papua Tengah", 2023), "utf-8"
    )
    result = run("validate", tmp_path, "-c", RANK_CRITERIA)
    assert result.exit_code == 0, result.output
    assert "registry" not in result.output  # no registry warning (year-far aside)
    # The province is the year's: Papua Tengah did not exist in 2018.
    (tmp_path / "b.yaml").unlink()
    (tmp_path / "a.yaml").write_text(
        _document("91.09", "Kabupaten Mimika", "Papua Tengah", 2018), "utf-8"
    )
    result = run("validate", tmp_path, "-c", RANK_CRITERIA)
    assert "warning[registry-province]" in result.stdout
    assert "expected 'Papua'" in result.stdout


def test_a_csv_row_is_checked_against_its_years_registry(run: Run, tmp_path: Path) -> None:
    path = tmp_path / "pool.csv"
    path.write_text(
        "code,name,province,kind,year,first.x,second.y\n"
        "94.04,Kabupaten Mimika,Papua Tengah,kabupaten,2023,50,50\n"
        "94.04,Kabupaten Mimika,Papua Tengah,kabupaten,2018,50,50\n",
        "utf-8",
    )
    result = run("validate", path, "-c", RANK_CRITERIA)
    assert result.exit_code == 1
    errors = [line for line in result.stdout.splitlines() if "error[registry-year]" in line]
    assert len(errors) == 1 and errors[0].startswith(f"{path}:3:1: ")


def test_without_a_year_a_submission_takes_the_rounds(run: Run, tmp_path: Path) -> None:
    path = tmp_path / "mimika.yaml"
    path.write_text(_document("94.04", "Kabupaten Mimika", "Papua Tengah", None), "utf-8")
    refused = run("rank", path, "-c", RANK_CRITERIA, "--cohorts", "2018:1", "-f", "json")
    assert refused.exit_code == 1 and "not yet in use in 2018" in refused.stderr
    accepted = run("rank", path, "-c", RANK_CRITERIA, "--cohorts", "2024:1", "-f", "json")
    assert accepted.exit_code == 0, accepted.output


# --- the province cap and exclusions count the round's year ----------------------------------

# Three regions that were one province (Papua, 91) before the split and are three since,
# above Kota Bandung; a cap of one per province.
PAPUA = [
    ("Kabupaten Mimika", 90),
    ("Kabupaten Merauke", 85),
    ("Kabupaten Jayawijaya", 80),
]
TODAY = {"Kabupaten Mimika": "94.04", "Kabupaten Merauke": "93.01", "Kabupaten Jayawijaya": "95.01"}


def _pool(tmp_path: Path, year: int) -> Path:
    regions = registry_for(year)
    documents = []
    for name, value in PAPUA:
        region = regions[code_in(TODAY[name], year)]
        documents.append(_document(region.code, name, region.province, year, value))
    documents.append(
        _document("32.73", "Kota Bandung", "Jawa Barat", year, 60).replace("kabupaten", "kota")
    )
    pool = tmp_path / f"pool-{year}.yaml"
    pool.write_text("---\n".join(documents), encoding="utf-8")
    return pool


def _rank(run: Run, pool: Path, year: int, *extra: Any) -> dict[str, Any]:
    args = ("rank", pool, "-c", RANK_CRITERIA, "--cohorts", f"{year}:3", "-f", "json", *extra)
    result = run(*args)
    assert result.exit_code == 0, result.output
    data: dict[str, Any] = json.loads(result.stdout)
    return data


def test_a_2018_cap_counts_papua_as_one_province(run: Run, tmp_path: Path) -> None:
    ranked = _rank(run, _pool(tmp_path, 2018), 2018, "--max-per-province", "1")
    # Mimika (91.09) fills Papua's one place; Merauke and Jayawijaya are passed over.
    assert ranked["cohorts"][0]["selected"] == ["91.09", "32.73"]
    # In 2023 the same three regions are three provinces, each within the cap.
    ranked = _rank(run, _pool(tmp_path, 2023), 2023, "--max-per-province", "1")
    assert ranked["cohorts"][0]["selected"] == ["94.04", "93.01", "95.01"]


@pytest.mark.parametrize("listed", ["91.09", "94.04"])
def test_an_exclusion_names_a_region_by_either_code(run: Run, tmp_path: Path, listed: str) -> None:
    exclude = tmp_path / "cohort-2017.txt"
    exclude.write_text(f"{listed}  # Kabupaten Mimika\n", encoding="utf-8")
    for year, code in ((2018, "91.09"), (2023, "94.04")):
        ranked = _rank(run, _pool(tmp_path, year), year, "--exclude", exclude)
        assert [e["code"] for e in ranked["excluded"]] == [code]
        assert code not in ranked["cohorts"][0]["selected"]


def _programme(tmp_path: Path, selected_2017: str, selected_2023: str = "32.73") -> Path:
    """A programme of a 2017 round (its outcome selecting ``selected_2017``) and a 2023 round
    (selecting ``selected_2023``); both rounds' pools hold Mimika with that year's code."""
    for year in (2017, 2023):
        folder = tmp_path / f"pool-{year}"
        folder.mkdir()
        _pool(tmp_path, year).rename(folder / "pool.yaml")
    text = f"""schema_version: 1
title: Across the split
rounds:
  - year: 2017
    criteria: {RANK_CRITERIA}
    cohorts: {{2017: 3}}
    pool: pool-2017
    outcome:
      selected: ["{selected_2017}"]
  - year: 2023
    criteria: {RANK_CRITERIA}
    cohorts: {{2023: 3}}
    pool: pool-2023
    outcome:
      selected: ["{selected_2023}"]
"""
    path = tmp_path / "programme.yaml"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize("listed", ["91.09", "94.04"])
def test_a_programme_excludes_an_earlier_selection_across_the_split(
    run: Run, tmp_path: Path, listed: str
) -> None:
    path = _programme(tmp_path, listed)
    result = run("round", "rank", path, "2023", "-f", "json")
    assert result.exit_code == 0, result.output
    ranked = json.loads(result.stdout)
    assert [e["code"] for e in ranked["excluded"]] == ["94.04"]
    history = run("history", path, "94.04", "-f", "json")
    assert history.exit_code == 0, history.output
    rows = json.loads(history.stdout)["rounds"]
    assert [(r["year"], r["outcome"]) for r in rows] == [(2017, "selected"), (2023, "excluded")]
    assert json.loads(run("history", path, "91.09", "-f", "json").stdout)["rounds"] == rows


def test_a_region_selected_under_both_codes_is_selected_twice(run: Run, tmp_path: Path) -> None:
    path = _programme(tmp_path, "91.09", selected_2023="94.04")
    result = run("round", "rank", path, "2023")
    assert result.exit_code == 2
    text = path.read_text(encoding="utf-8")
    before = text[: text.index('"94.04"')]
    line, column = before.count("\n") + 1, len(before) - (before.rfind("\n") + 1) + 1
    assert f"{path}:{line}:{column}: error[programme-selected-twice]" in result.stderr


@pytest.mark.parametrize("readmit", ["91.09", "94.04"])
def test_readmit_takes_either_code(run: Run, tmp_path: Path, readmit: str) -> None:
    path = _programme(tmp_path, "91.09")
    result = run("round", "rank", path, "2023", "-f", "json", "--readmit", readmit)
    assert result.exit_code == 0, result.output
    ranked = json.loads(result.stdout)
    assert ranked["excluded"] == []
    assert "94.04" in ranked["cohorts"][0]["selected"]
