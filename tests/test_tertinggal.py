"""The shipped list of daerah tertinggal 2020-2024 (Perpres 63/2020): all 62 kabupaten,
each a kabupaten of the registry, by the province the Perpres lists it under."""

from __future__ import annotations

from collections import Counter
from importlib import resources

from smartcity_assess.reading.registry import registry, tertinggal

# How many kabupaten the Lampiran lists under each province (2020 provinces).
PER_PROVINCE = {
    "Sumatera Utara": 4,
    "Sumatera Barat": 1,
    "Sumatera Selatan": 1,
    "Lampung": 1,
    "Nusa Tenggara Barat": 1,
    "Nusa Tenggara Timur": 13,
    "Sulawesi Tengah": 3,
    "Maluku": 6,
    "Maluku Utara": 2,
    "Papua Barat": 8,
    "Papua": 22,
}


def _rows() -> list[list[str]]:
    text = (
        resources.files("smartcity_assess")
        .joinpath("data/daerah-tertinggal-2020-2024.csv")
        .read_text(encoding="utf-8")
    )
    lines = [line for line in text.splitlines() if not line.startswith("#")]
    return [line.split(",") for line in lines[1:]]


def test_the_list_has_all_62_kabupaten_of_the_perpres() -> None:
    rows = _rows()
    assert len(rows) == 62 == len(tertinggal()) == sum(PER_PROVINCE.values())
    assert Counter(province for _, _, province in rows) == PER_PROVINCE
    known = registry()
    for code, name, _ in rows:
        assert known[code].name == name and known[code].kind == "kabupaten"
    # Items 18-22 of Papua, the last added (the file's header gives their source).
    last = {"95.06", "94.05", "94.06", "94.07", "94.08"}
    assert last <= tertinggal()
    assert {known[c].name for c in last} == {
        "Kabupaten Yalimo",
        "Kabupaten Puncak",
        "Kabupaten Dogiyai",
        "Kabupaten Intan Jaya",
        "Kabupaten Deiyai",
    }
