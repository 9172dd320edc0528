"""The 514 kabupaten/kota, shipped with the package, as they are today and as they were
in each year since 2017.

Region codes, names, population and area: cahyadsn/wilayah (MIT), after
Kepmendagri 300.2.2-2138/2025. The codes and provinces before the 2022 Papua split:
``data/region-changes.csv`` (its header names the sources).

``registry()`` is today's registry. ``registry_for(year)`` is the registry of a round of
``year``: the regions as at 1 January of that year, so a 2018 round has 34 provinces and
Kabupaten Mimika as 91.09 (Papua), a 2023 round 38 provinces and Mimika as 94.04 (Papua
Tengah). A region's identity across years is its code today (``current_code``); ``aliases``
are all the codes it has had.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date
from functools import cache
from importlib import resources
from typing import Literal, NamedTuple

ATTRIBUTION = (
    "Region codes, names, population and area: cahyadsn/wilayah (MIT), "
    "after Kepmendagri 300.2.2-2138/2025; codes before the 2022 Papua split: "
    "Permendagri 72/2019 (kodewilayah/explorer)."
)

Kind = Literal["kabupaten", "kota"]


@dataclass(frozen=True)
class Region:
    code: str
    name: str
    kind: Kind
    province: str
    population: int


KIND_NUMBERS: dict[Kind, range] = {"kabupaten": range(1, 70), "kota": range(71, 100)}
"""The kind each region number RR (of a code PP.RR) belongs to; 00 and 70 are neither."""


def kind_for_code(code: str) -> Kind | None:
    """``kota`` for RR 71..99, ``kabupaten`` for 01..69, ``None`` for anything else."""
    number = int(code[3:5])
    return next((kind for kind, numbers in KIND_NUMBERS.items() if number in numbers), None)


@cache
def registry() -> dict[str, Region]:
    return parse_registry(
        resources.files("smartcity_assess")
        .joinpath("data/kabupaten-kota.csv")
        .read_text(encoding="utf-8")
    )


class RegionChange(NamedTuple):
    """A region's code and province before and after a change (``data/region-changes.csv``).
    A NamedTuple, not a dataclass: it is defined at import, which the start-up benchmark
    measures, and a dataclass costs about a millisecond more to define."""

    old_code: str
    new_code: str
    name: str
    old_province: str
    new_province: str
    effective: date
    """The first day of the new code."""
    basis: str
    """The law that made the change."""


@cache
def region_changes() -> dict[str, RegionChange]:
    """The changes shipped with the package, by old code and by new code (each change
    under both)."""
    text = (
        resources.files("smartcity_assess")
        .joinpath("data/region-changes.csv")
        .read_text(encoding="utf-8")
    )
    return parse_changes(text, registry())


def parse_changes(text: str, today: dict[str, Region]) -> dict[str, RegionChange]:
    """The changes of a region-changes CSV (``#`` comment lines first), each under its old
    and its new code. A new code not in ``today``, an old code that is a code today, a
    kind that changes, or a region changed twice is a broken package."""
    lines = [line for line in text.splitlines() if not line.startswith("#")]
    found: dict[str, RegionChange] = {}
    for row in csv.DictReader(lines):
        change = RegionChange(
            old_code=row["old_code"],
            new_code=row["new_code"],
            name=row["name"],
            old_province=row["old_province"],
            new_province=row["new_province"],
            effective=date.fromisoformat(row["effective"]),
            basis=row["basis"],
        )
        new = today.get(change.new_code)
        if (
            new is None
            or change.old_code in today
            or change.old_code in found
            or change.new_code in found
            or kind_for_code(change.old_code) != new.kind
            or (new.name, new.province) != (change.name, change.new_province)
        ):
            raise ValueError(f"region change not consistent with the registry: {row}")
        found[change.old_code] = found[change.new_code] = change
    return found


def as_of(year: int) -> date:
    """The day whose regions a round of ``year`` uses: 1 January of that year. A year that
    ``date`` cannot hold (a criteria file's cohort of year 0) is its nearest one: the
    regions are the same for every year before 2022, and for every year after it."""
    return date(min(max(year, date.min.year), date.max.year), 1, 1)


def registry_for(year: int | None) -> dict[str, Region]:
    """The registry of a round of ``year`` (today's when None): the regions as at 1 January
    of that year (``as_of``)."""
    if year is None:
        return registry()
    return registry_as_of(as_of(year))


@cache
def registry_as_of(day: date) -> dict[str, Region]:
    """The regions as they were on ``day``: today's, with each change that took effect
    after ``day`` undone (the old code and province, today's name and population).
    Today's registry itself when no change is undone."""
    today = registry()
    undone = {c.new_code: c for c in region_changes().values() if c.effective > day}
    if not undone:
        return today
    regions: dict[str, Region] = {}
    for code, region in today.items():
        change = undone.get(code)
        if change is None:
            regions[code] = region
        else:
            regions[change.old_code] = replace(
                region, code=change.old_code, province=change.old_province
            )
    return dict(sorted(regions.items()))


def current_code(code: str) -> str:
    """The region's code today, its identity across years: 94.04 for 91.09 (Kabupaten
    Mimika before the 2022 split); any other code unchanged."""
    change = region_changes().get(code)
    return code if change is None else change.new_code


def code_in(code: str, year: int | None) -> str:
    """The code the region of ``code`` (a code of any year) has in a round of ``year``
    (today's when None); a code the registry does not know is returned unchanged."""
    change = region_changes().get(code)
    if change is None:
        return code
    if year is None or as_of(year) >= change.effective:
        return change.new_code
    return change.old_code


def aliases(codes: Iterable[str]) -> frozenset[str]:
    """Every code the regions of ``codes`` have had: what a list of regions (exclusions,
    daerah tertinggal) matches, whichever year's code a submission carries."""
    changes = region_changes()
    found: set[str] = set()
    for code in codes:
        change = changes.get(code)
        found.update((code,) if change is None else (change.old_code, change.new_code))
    return frozenset(found)


def moved(code: str, year: int | None) -> RegionChange | None:
    """The change that explains why ``code`` is not a region code in a round of ``year``
    although it is one in another year; None when it is one in that year, or in none."""
    change = region_changes().get(code)
    if change is None or code_in(code, year) == code:
        return None
    return change


def _spaced(text: str) -> str:
    """``text`` with single spaces between its words and none around them."""
    return " ".join(text.split())


def parse_registry(text: str) -> dict[str, Region]:
    """The regions of the registry's CSV, every cell's spacing normalised (so a stray
    space in the data can never show in a report or a comparison)."""
    regions: dict[str, Region] = {}
    for raw in csv.DictReader(io.StringIO(text)):
        row = {key: _spaced(value) for key, value in raw.items()}
        kind: Kind = "kota" if row["kind"] == "kota" else "kabupaten"
        regions[row["code"]] = Region(
            code=row["code"],
            name=row["name"],
            kind=kind,
            province=row["province"],
            population=int(row["population"] or 0),
        )
    return regions


def _split_name(name: str) -> tuple[str | None, str]:
    """``('kota', 'bandung')`` from 'Kota Bandung'; the prefix is None when absent. The
    rest has no spaces at all: 'Labuhan Batu' and 'Labuhanbatu' are one name."""
    folded = _spaced(name).casefold()
    for prefix, kind in (
        ("kabupaten ", "kabupaten"),
        ("kab. ", "kabupaten"),
        ("kab ", "kabupaten"),
        ("kota ", "kota"),
    ):
        if folded.startswith(prefix):
            return kind, folded[len(prefix) :].replace(" ", "")
    return None, folded.replace(" ", "")


def same_name(given: str, expected: str) -> bool:
    """Equal ignoring case and spaces; the kabupaten/kota prefix may be left out, not changed."""
    given_kind, given_bare = _split_name(given)
    expected_kind, expected_bare = _split_name(expected)
    return given_bare == expected_bare and given_kind in (None, expected_kind)


def same_province(given: str, expected: str) -> bool:
    return _spaced(given).casefold() == expected.casefold()


@cache
def tertinggal() -> frozenset[str]:
    """The codes of the daerah tertinggal 2020-2024 (Perpres 63/2020) shipped with the
    package: all 62, their sources in the file's header. Every code is in the registry."""
    text = (
        resources.files("smartcity_assess")
        .joinpath("data/daerah-tertinggal-2020-2024.csv")
        .read_text(encoding="utf-8")
    )
    return parse_tertinggal(text, registry())


def parse_tertinggal(text: str, known: dict[str, Region]) -> frozenset[str]:
    """The codes of a list of daerah tertinggal: CSV with a ``code`` column after ``#``
    comment lines. A code not in ``known`` or not a kabupaten is a broken package."""
    lines = [line for line in text.splitlines() if not line.startswith("#")]
    codes = frozenset(row["code"].strip() for row in csv.DictReader(lines))
    wrong = sorted(c for c in codes if c not in known or known[c].kind != "kabupaten")
    if wrong:
        raise ValueError(f"daerah tertinggal not kabupaten of the registry: {wrong}")
    return codes
