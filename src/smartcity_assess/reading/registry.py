"""The 514 kabupaten/kota, shipped with the package.

Region codes, names, population and area: cahyadsn/wilayah (MIT), after
Kepmendagri 300.2.2-2138/2025.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Literal

ATTRIBUTION = (
    "Region codes, names, population and area: cahyadsn/wilayah (MIT), "
    "after Kepmendagri 300.2.2-2138/2025."
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
