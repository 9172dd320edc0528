"""Shared fixtures: paths, a CLI runner with a pinned terminal, golden files."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from smartcity_assess.cli import app
from smartcity_assess.core.criteria import Criteria, LoadedCriteria
from smartcity_assess.core.ranking import RankedColumns, RankedRegion
from smartcity_assess.reading.criteria_file import load_criteria

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
CRITERIA_DIR = ROOT / "criteria"
TESTS = Path(__file__).resolve().parent
GOLDEN = TESTS / "golden"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-goldens",
        action="store_true",
        help="Rewrite tests/golden/* from the current output instead of comparing.",
    )


@pytest.fixture
def run(monkeypatch: pytest.MonkeyPatch) -> Callable[..., Any]:
    """Invoke ``assess`` in-process with a pinned, colourless 100-column terminal."""
    for name in ("NO_COLOR", "FORCE_COLOR", "ASSESS_LANG", "GITHUB_ACTIONS"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("COLUMNS", "100")
    runner = CliRunner()

    def invoke(*args: str, input: str | None = None, env: dict[str, str] | None = None) -> Any:
        return runner.invoke(app, [str(a) for a in args], input=input, env=env)

    return invoke


@pytest.fixture
def golden(request: pytest.FixtureRequest) -> Callable[[str, str], None]:
    """Compare text with ``tests/golden/NAME``, or rewrite it with ``--update-goldens``."""
    update = bool(request.config.getoption("--update-goldens"))

    def check(name: str, text: str) -> None:
        path = GOLDEN / name
        if update:
            path.write_text(text, encoding="utf-8")
            return
        assert path.exists(), f"missing golden file {path}; run pytest --update-goldens"
        assert text == path.read_text(encoding="utf-8")

    return check


@pytest.fixture(scope="session")
def bundled() -> LoadedCriteria:
    return load_criteria()


@pytest.fixture(scope="session")
def spbe() -> LoadedCriteria:
    return load_criteria(CRITERIA_DIR / "spbe-2020.yaml")


def make_criteria(**overrides: Any) -> Criteria:
    """A small criteria with one indicator of each type; ``overrides`` replace top keys."""
    data: dict[str, Any] = {
        "schema_version": 1,
        "id": "tiny",
        "version": "1",
        "title": "Tiny",
        "source": "test",
        "scale": 100,
        "precision": 2,
        "bands": [{"min": 50, "label": "High"}, {"min": 0, "label": "Low"}],
        "cohorts": [{"year": 2020, "size": 2}],
        "factors": [
            {
                "id": "a",
                "weight": 3,
                "indicators": [
                    {"id": "flag", "type": "boolean"},
                    {
                        "id": "stage",
                        "type": "level",
                        "weight": 2,
                        "levels": [{"id": "none"}, {"id": "some"}, {"id": "full"}],
                    },
                ],
            },
            {
                "id": "b",
                "weight": 1,
                "indicators": [
                    {
                        "id": "share",
                        "type": "number",
                        "goalposts": {"worst": 0, "best": 10},
                        "valid": {"min": 0, "max": 100},
                    },
                    {"id": "gap", "type": "number", "goalposts": {"worst": 50, "best": 5}},
                ],
            },
        ],
    }
    data.update(overrides)
    return Criteria.model_validate(data)


def columns_of(regions: Iterable[RankedRegion]) -> RankedColumns:
    """``RankedColumns`` of ranked regions made some other way (cards scored apart)."""
    found = [(r.card, r.rank, r.cohort, r.gap, r.deferred_from, r.left_out_by_cap) for r in regions]
    cards, ranks, cohorts, gaps, deferred, out = zip(*found, strict=True) if found else ((),) * 6
    return RankedColumns(cards, ranks, cohorts, gaps, deferred, out)
