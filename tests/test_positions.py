"""Every problem at the right ``line:column``: ten distinct mistakes in a YAML file, the
same ten in a CSV file, and a mistake in the third document of a multi-document file."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest

from .conftest import TESTS

POSITIONS = TESTS / "data" / "positions"
Run = Callable[..., Any]
Golden = Callable[[str, str], None]

# (line, column, code, loc) of each mistake, in the order of the numbered comments.
YAML_MISTAKES = [
    (4, 9, "region-code", "region.code"),  # 1 code: 32.10, at the value
    (6, 3, "unknown-key", "region.provnce"),  # 2 at the key itself
    (11, 22, "unknown-level", "values.leadership.head_commitment"),  # 3
    (12, 25, "wrong-type", "values.leadership.deputy_involvement"),  # 4
    (13, 25, "ambiguous-value", "values.leadership.smart_city_council"),  # 5 no: false or 'no'?
    (14, 23, "wrong-type", "values.leadership.opd_focal_points"),  # 6 "1.234.567"
    (16, 23, "out-of-range", "values.budget.ict_budget_share"),  # 7
    (17, 27, "not-finite", "values.budget.ict_spend_per_capita"),  # 8
    (28, 5, "unknown-key", "values.applications.open_data"),  # 9 at the key
    (29, 19, "missing-value", "values.infrastructure.data_centre"),  # 10 at the parent {...}
]
# The same ten in CSV: header problems on line 1, cell problems on the row's line, each
# at the column of its cell (column numbers count cells, not characters).
CSV_MISTAKES = [
    (1, 3, "unknown-key"),  # 2 column 'provnce'
    (1, 17, "unknown-key"),  # 9 column 'applications.open_data'
    (2, 1, "region-code"),  # 1 '32.1'
    (2, 6, "unknown-level"),  # 3
    (2, 7, "wrong-type"),  # 4
    (2, 8, "unknown-level"),  # 5
    (2, 9, "wrong-type"),  # 6
    (2, 10, "out-of-range"),  # 7
    (2, 11, "not-finite"),  # 8
    (2, 18, "missing-value"),  # 10 the empty required cell
]


@pytest.fixture
def here(monkeypatch: pytest.MonkeyPatch) -> None:
    """Run from the data folder, so paths in the output (and goldens) are relative."""
    monkeypatch.chdir(POSITIONS)


def problems(run: Run, name: str) -> list[dict[str, Any]]:
    result = run("validate", "--format", "json", name)
    assert result.exit_code == 1, result.output
    found: list[dict[str, Any]] = json.loads(result.stdout)["problems"]
    return found


@pytest.mark.usefixtures("here")
@pytest.mark.parametrize("name", ["ten-mistakes.yaml", "ten-mistakes.csv", "multi-document.yaml"])
def test_text_output_is_golden(run: Run, golden: Golden, name: str) -> None:
    result = run("validate", "--format", "text", name)
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    golden(f"validate-{name}.txt", result.stdout)


@pytest.mark.usefixtures("here")
def test_ten_yaml_mistakes_each_at_its_place(run: Run) -> None:
    found = problems(run, "ten-mistakes.yaml")
    assert [(p["line"], p["column"], p["code"], p["loc"]) for p in found] == YAML_MISTAKES
    assert all(p["path"] == "ten-mistakes.yaml" and p["severity"] == "error" for p in found)
    # The lines the numbered comments are on, read from the file itself.
    lines = (POSITIONS / "ten-mistakes.yaml").read_text().splitlines()
    for number, p in enumerate(found, start=1):
        assert f"# {number} " in lines[p["line"] - 1]


@pytest.mark.usefixtures("here")
def test_a_few_positions_by_hand(run: Run) -> None:
    lines = (POSITIONS / "ten-mistakes.yaml").read_text().splitlines()

    def at(p: dict[str, Any]) -> str:
        return lines[p["line"] - 1][p["column"] - 1 :]

    by_loc = {p["loc"]: p for p in problems(run, "ten-mistakes.yaml")}
    assert at(by_loc["region.code"]).startswith("32.10")
    assert at(by_loc["region.provnce"]).startswith("provnce:")
    assert at(by_loc["values.leadership.smart_city_council"]).startswith("no ")
    assert at(by_loc["values.budget.ict_spend_per_capita"]).startswith(".nan")
    assert at(by_loc["values.infrastructure.data_centre"]).startswith("{command_centre")


@pytest.mark.usefixtures("here")
def test_the_same_ten_mistakes_in_csv(run: Run) -> None:
    found = problems(run, "ten-mistakes.csv")
    assert [(p["line"], p["column"], p["code"]) for p in found] == CSV_MISTAKES
    # A CSV cell is text, so 'no' is simply an unknown level there (ambiguous only in YAML).
    in_yaml = [c if c != "ambiguous-value" else "unknown-level" for *_, c, _ in YAML_MISTAKES]
    assert sorted(p["code"] for p in found) == sorted(in_yaml)
    header = (POSITIONS / "ten-mistakes.csv").read_text().splitlines()[0].split(",")
    # Each cell problem names its column, and the column number points at it.
    for p in found:
        if p["line"] == 2:
            assert p["message"].startswith(f"column '{header[p['column'] - 1]}': ")
        else:
            assert f"'{header[p['column'] - 1]}'" in p["message"]


@pytest.mark.usefixtures("here")
def test_a_mistake_in_the_third_document_points_into_it(run: Run) -> None:
    (p,) = problems(run, "multi-document.yaml")
    lines = (POSITIONS / "multi-document.yaml").read_text().splitlines()
    separators = [number for number, line in enumerate(lines, start=1) if line == "---"]
    assert len(separators) == 2 and p["line"] > separators[1]
    assert (p["line"], p["column"], p["code"]) == (39, 33, "unknown-level")
    assert lines[p["line"] - 1][p["column"] - 1 :].startswith("server_rom")
