"""The bundled registry of the 514 kabupaten/kota, and matching a submission's names to it."""

from __future__ import annotations

import csv
import io
from importlib import resources

import pytest

from smartcity_assess.reading.registry import parse_registry, registry, same_name


def _data() -> str:
    return (
        resources.files("smartcity_assess")
        .joinpath("data/kabupaten-kota.csv")
        .read_text(encoding="utf-8")
    )


def test_no_cell_of_the_data_file_has_stray_spaces() -> None:
    rows = list(csv.reader(io.StringIO(_data(), newline="")))
    assert len(rows) == 515
    stray = [
        (line, cell)
        for line, row in enumerate(rows, start=1)
        for cell in row
        if cell != " ".join(cell.split())
    ]
    assert stray == []
    assert registry()["31.72"].name == "Kota Administrasi Jakarta Utara"


def test_the_loader_normalises_the_spacing_of_every_text() -> None:
    text = (
        "code,name,kind,province_code,province,population,area_km2\n"
        "31.72, Kota Administrasi  Jakarta Utara ,kota,31,Daerah Khusus  Ibukota Jakarta ,1,2\n"
    )
    (region,) = parse_registry(text).values()
    assert (region.name, region.province) == (
        "Kota Administrasi Jakarta Utara",
        "Daerah Khusus Ibukota Jakarta",
    )


@pytest.mark.parametrize(
    "given",
    ["Kabupaten Labuhan Batu", "Labuhan Batu", "kabupaten labuhanbatu", "KABUPATEN  LABUHANBATU"],
)
def test_names_match_ignoring_case_and_spaces(given: str) -> None:
    assert same_name(given, registry()["12.10"].name)


@pytest.mark.parametrize(
    "given",
    ["Kabupaten Labuhanbatu Selatan", "Kota Labuhanbatu", "Kabupaten Labuhan", "Batu Bara"],
)
def test_a_really_different_name_still_does_not_match(given: str) -> None:
    assert not same_name(given, registry()["12.10"].name)
