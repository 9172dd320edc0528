"""``assess criteria`` shows the whole method (issue 14): per indicator its goalposts,
transform, valid range, gate and levels; for the criteria their aggregation, scale,
precision, missing-value rule, minimum coverage, bands, cohorts and province cap."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

Run = Callable[..., Any]


def _show(run: Run, fmt: str, *args: str) -> str:
    result = run("criteria", *args, "--format", fmt)
    assert result.exit_code == 0, result.output
    return " ".join(result.stdout.split())


@pytest.mark.parametrize("fmt", ["table", "markdown"])
def test_gerakan_method_in_english(run: Run, fmt: str) -> None:
    text = _show(run, fmt)
    # internet.public_wifi_density: goalposts 1 -> 50, log, valid min 0
    assert "1 → 50 per 100,000 residents" in text
    assert "log" in text
    # budget.ict_budget_share: valid 0..100, goalposts 0.5 -> 3
    assert "0.5 → 3 % of APBD" in text
    assert "0..100" in text
    # lower is better: villages without signal
    assert "25 → 0 % of villages" in text
    assert "≥ 0" in text
    assert "Aggregation" in text and "arithmetic" in text
    assert "Scale" in text and "0..100" in text
    assert "2 decimal places" in text
    assert "Missing values" in text and "scored 0" in text
    assert "Minimum coverage" in text and "0%" in text
    assert "Max. per province" in text and "no limit" in text
    assert "Bands" in text and "Cohorts" in text
    assert "Goalposts" in text and "Transform" in text and "Valid range" in text
    assert "yes = 1" in text


@pytest.mark.parametrize("fmt", ["table", "markdown"])
def test_gerakan_method_in_indonesian(run: Run, fmt: str) -> None:
    text = _show(run, fmt, "--lang", "id")
    assert "1 → 50 per 100.000 penduduk" in text
    assert "Agregasi" in text and "aritmetik" in text
    assert "2 angka desimal" in text
    assert "diberi skor 0" in text
    assert "Cakupan minimum" in text
    assert "tanpa batas" in text
    assert "Rentang sah" in text
    assert "Transformasi" in text
    assert "ya = 1" in text


@pytest.mark.parametrize("fmt", ["table", "markdown"])
def test_spbe_method(run: Run, fmt: str) -> None:
    # `assess criteria` takes the criteria as its argument (it has no -c option)
    text = _show(run, fmt, "spbe-2020")
    assert "Scale" in text and "0..5" in text
    assert "2 decimal places" in text
    assert "arithmetic" in text
    assert "None = 0 · Initial = 0.2 · Managed = 0.4" in text
    assert "Optimised = 1" in text
    assert "Satisfactory ≥ 4.2" in text
    assert "2020: 10" in text
