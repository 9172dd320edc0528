"""The panel's override zone and the cut-off it is measured from, stated together in every
format (docs/rank.md "Panel overrides"): in the worked round (examples/panel-round-2018) the
panel lets Kota Kediri (61.66) in and defers Kota Jayapura (62.33, 50th by merit), so the
cohort's cut-off after the overrides (Wonosobo, 63.12) is not the one the zone is measured
from. Every report must state the cut-off before the overrides next to the zone, and each
override's score must lie within the zone of the cut-off stated."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path
from typing import Any

import pytest

from .conftest import EXAMPLES

HERE = EXAMPLES / "panel-round-2018"
ROUND = [
    HERE / "pool",
    "-c",
    HERE / "criteria.yaml",
    "--cohorts",
    "2018:50",
    "--exclude",
    EXAMPLES / "cohort-2017.txt",
    "--assessors",
    HERE / "assessors",
    "--overrides",
    HERE / "overrides.yaml",
]
RECORD = ["--panel", "Dewi Lestari, ketua panel", "--date", "2018-03-12"]
ZONE = 1.0
STATED = {
    "en": re.compile(
        r"zone:? 1 point(?:\(s\)|s) around the cut-off before the overrides, 2018 (\d+[.,]\d+)"
    ),
    "id": re.compile(r"zona:? 1 poin di sekitar batas sebelum keputusan panel, 2018 (\d+[.,]\d+)"),
}


def stated(text: str, lang: str = "en") -> list[float]:
    """Every cut-off the text states next to the zone, as a number."""
    found = STATED[lang].findall(" ".join(html.unescape(text).split()))
    return [float(n.replace(",", ".")) for n in found]


def ranked_json(run: Any) -> dict[str, Any]:
    result = run("rank", *ROUND, "-f", "json")
    assert result.exit_code == 0, result.output
    data: dict[str, Any] = json.loads(result.stdout)
    return data


def check(cutoffs: list[float], scores: dict[str, float]) -> None:
    """One cut-off stated, the one before the overrides, and each override within the zone
    of it, as the numbers are shown (2 decimals)."""
    assert cutoffs and set(cutoffs) == {62.33}, cutoffs
    for code, score in scores.items():
        assert abs(round(score, 2) - cutoffs[0]) <= ZONE + 1e-9, (code, score, cutoffs)


@pytest.fixture
def scores(run: Any) -> dict[str, float]:
    """The score of each overridden region, and a check that the cohort's own cut-off after
    the overrides differs (else this file would not test anything)."""
    data = ranked_json(run)
    (cohort,) = data["cohorts"]
    assert round(cohort["cutoff_score"], 2) == 63.12  # Wonosobo, after the overrides
    by_code = {r["code"]: r["score"] for r in data["regions"]}
    overridden = {o["code"]: by_code[o["code"]] for o in data["overrides"]}
    assert abs(round(overridden["35.71"], 2) - 63.12) > ZONE  # Kediri: outside of 63.12
    return overridden


def test_the_rank_json_states_the_cutoff_before_the_overrides(
    run: Any, scores: dict[str, float]
) -> None:
    data = ranked_json(run)
    assert data["override_zone"] == ZONE
    (cut,) = data["override_cutoffs"]
    assert cut["year"] == 2018
    check([round(cut["cutoff_score"], 2)], scores)


@pytest.mark.parametrize("fmt", ["table", "markdown", "html"])
@pytest.mark.parametrize("lang", ["en", "id"])
def test_every_text_format_states_it_next_to_the_zone(
    run: Any, scores: dict[str, float], fmt: str, lang: str
) -> None:
    result = run("rank", *ROUND, "-f", fmt, "--lang", lang)
    assert result.exit_code == 0, result.output
    check(stated(result.stdout, lang), scores)


def test_the_xlsx_states_it_next_to_the_zone(
    run: Any, scores: dict[str, float], tmp_path: Path
) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    out = tmp_path / "ranking.xlsx"
    result = run("rank", *ROUND, "-f", "xlsx", "-o", out)
    assert result.exit_code == 0, result.output
    book = openpyxl.load_workbook(out)
    cells = [str(c) for sheet in book for row in sheet.iter_rows(values_only=True) for c in row]
    check(stated("\n".join(cells)), scores)


def test_the_record_states_it_in_both_languages(
    run: Any, scores: dict[str, float], tmp_path: Path
) -> None:
    page = tmp_path / "record.html"
    result = run("decision-record", *ROUND, *RECORD, "-o", page)
    assert result.exit_code == 0, result.output
    text = page.read_text(encoding="utf-8")
    check(stated(text, "en"), scores)
    check(stated(text, "id"), scores)
    words = " ".join(html.unescape(text).split())
    # The near-cut-off list is measured from the same cut-off, and says so.
    assert "Regions nearest the 2018 cut-off before the panel's overrides (62.33)" in words
    assert "Daerah terdekat dengan batas angkatan 2018 sebelum keputusan panel (62,33)" in words

    data = tmp_path / "record.json"
    result = run("decision-record", *ROUND, *RECORD, "-f", "json", "-o", data)
    assert result.exit_code == 0, result.output
    record = json.loads(data.read_text(encoding="utf-8"))
    assert record["override_zone"] == ZONE
    assert record["override_cutoffs"] == [{"year": 2018, "cutoff_score": "62.33"}]
    check([float(record["override_cutoffs"][0]["cutoff_score"])], scores)
    (near,) = record["near_cutoffs"]
    assert (near["cutoff_score"], near["before_overrides"]) == ("62.33", True)
    assert "35.71" in [r["code"] for r in near["regions"]]  # Kediri, borderline on merit
