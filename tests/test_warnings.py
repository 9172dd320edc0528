"""Valid but suspicious submissions are warnings: exit 0, or 1 with ``validate --strict``."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from smartcity_assess.core.criteria import Criteria, LoadedCriteria
from smartcity_assess.problems import Problem
from smartcity_assess.reading.sources import SourceFile, parse_yaml
from smartcity_assess.reading.submissions import read_batch, validate_document

from .conftest import EXAMPLES, TESTS, make_criteria

Run = Callable[..., Any]

# The eight required values of the bundled criteria; the four numbers on their goalposts
# (ict_budget_share best 3.0, coverage_4g_population worst 40, it_graduate_staff worst 5,
# public_service_apps best 50), the levels in the middle.
ON_GOALPOSTS = """\
schema_version: 1
region: {{code: "{code}", name: {name}, kind: {kind}}}
values:
  leadership: {{head_commitment: {level}}}
  budget: {{ict_budget_share: {share}}}
  policy: {{egov_regulation: {level2}}}
  planning: {{rpjmd_smart_city: {level3}}}
  internet: {{coverage_4g_population: 40}}
  it_staff: {{it_graduate_staff: 5}}
  applications: {{public_service_apps: 50}}
  infrastructure: {{data_centre: {level4}}}
"""


def document(
    *,
    share: str = "3.0",
    levels: tuple[str, str, str, str] = ("signed_mou", "enacted", "mentioned", "dedicated"),
    code: str = "32.12",
    name: str = "Kabupaten Indramayu",
    kind: str = "kabupaten",
) -> str:
    level, level2, level3, level4 = levels
    return ON_GOALPOSTS.format(
        share=share,
        level=level,
        level2=level2,
        level3=level3,
        level4=level4,
        code=code,
        name=name,
        kind=kind,
    )


def warnings_of(criteria: Criteria, text: str) -> list[Problem]:
    documents, problems = parse_yaml(SourceFile("f.yaml", text.encode()))
    assert problems == []
    found: list[Problem] = []
    for doc in documents:
        submission, document_problems = validate_document(criteria, doc)
        assert submission is not None, document_problems
        found += document_problems
    assert all(p.severity == "warning" for p in found)
    return found


def test_every_number_on_a_goalpost(bundled: LoadedCriteria) -> None:
    (warning,) = warnings_of(bundled.model, document())
    assert warning.code == "suspicious-goalposts"
    assert (warning.line, warning.column, warning.loc) == (3, 1, ("values",))  # the values key
    assert "all 4 number values lie exactly on a goalpost" in warning.message()
    assert "semua 4 nilai angka" in warning.message("id")


def test_one_measured_number_is_enough(bundled: LoadedCriteria) -> None:
    assert warnings_of(bundled.model, document(share="2.95")) == []


def test_a_few_numbers_on_goalposts_can_be_real() -> None:
    tiny = make_criteria()  # two number indicators only
    text = (
        "schema_version: 1\nregion: {code: '32.12', name: Kabupaten Indramayu, kind: kabupaten}\n"
        "values:\n  a: {flag: true}\n  b: {share: 10, gap: 50}\n"
    )
    assert warnings_of(tiny, text) == []


def test_one_warning_per_document(bundled: LoadedCriteria) -> None:
    second = document(code="32.73", name="Kota Bandung", kind="kota")
    found = warnings_of(bundled.model, document() + "---\n" + second)
    assert [(p.code, p.line) for p in found] == [
        ("suspicious-goalposts", 3),
        ("suspicious-goalposts", 15),  # 11 lines a document, then '---'
    ]


def test_every_choice_at_its_lowest_looks_like_a_blank_template(bundled: LoadedCriteria) -> None:
    lowest = ("none", "none", "none", "none")
    found = warnings_of(bundled.model, document(share="1.7", levels=lowest))
    assert [p.code for p in found] == ["placeholder-values"]
    assert "all 4 yes/no and level values are at their lowest" in found[0].message()
    one_higher = ("statement", "none", "none", "none")
    assert warnings_of(bundled.model, document(share="1.7", levels=one_higher)) == []


def test_warnings_exit_0_unless_strict(run: Run, tmp_path: Path) -> None:
    path = tmp_path / "copied.yaml"
    path.write_text(document())
    result = run("validate", path)
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith(f"{path}:3:1: warning[suspicious-goalposts]: ")
    assert "0 error(s), 1 warning(s)" in result.stderr
    assert run("validate", "--strict", path).exit_code == 1
    data = json.loads(run("validate", "--format", "json", path).stdout)
    assert [(p["code"], p["severity"], p["loc"]) for p in data["problems"]] == [
        ("suspicious-goalposts", "warning", "values")
    ]
    scored = run("score", path)
    assert scored.exit_code == 0 and "warning[suspicious-goalposts]" in scored.stderr


def test_real_looking_submissions_raise_no_warning(bundled: LoadedCriteria) -> None:
    batch = read_batch(bundled.model, [EXAMPLES / "pool-2018", EXAMPLES / "indramayu-2018.yaml"])
    assert len(batch.submissions) == 161
    assert batch.problems == []


INDRAMAYU = (EXAMPLES / "indramayu-2018.yaml").read_text(encoding="utf-8")


def _in_year(tmp_path: Path, year: int) -> Path:
    path = tmp_path / f"indramayu-{year}.yaml"
    path.write_text(INDRAMAYU.replace("year: 2018", f"year: {year}"), encoding="utf-8")
    return path


def test_a_year_far_from_the_round_is_a_warning(run: Run, tmp_path: Path) -> None:
    path = _in_year(tmp_path, 2031)
    result = run("validate", path)
    assert result.exit_code == 0, result.output
    line = INDRAMAYU.splitlines().index("year: 2018") + 1
    assert result.stdout == (
        f"{path}:{line}:7: warning[year-far]: year 2031 is more than 1 year from the round's "
        "year(s) 2017, 2018, 2019: a submission for another round?\n"
    )
    assert run("validate", "--strict", path).exit_code == 1
    scored = run("score", path, "--format", "json")
    assert scored.exit_code == 0 and "warning[year-far]" in scored.stderr
    assert "lebih dari 1 tahun" in run("validate", path, "--lang", "id").stdout


def test_the_round_is_the_cohorts_in_use(run: Run, tmp_path: Path) -> None:
    path = _in_year(tmp_path, 2016)
    # One year from the criteria's first cohort (2017): no warning.
    assert run("validate", path).stdout == ""
    ranked = run("rank", path, "--cohorts", "2018:50", "--format", "json")
    assert ranked.exit_code == 0
    assert "warning[year-far]: year 2016 is more than 1 year from the round's year(s) 2018" in (
        ranked.stderr
    )
    assert "warning[year-far]" not in run("rank", path, "--format", "json").stderr


def test_a_csv_row_far_from_the_round_is_a_warning_at_its_year_cell(
    run: Run, tmp_path: Path
) -> None:
    lines = (TESTS / "data" / "rank" / "pool-2018-mixed.csv").read_text().splitlines()
    header = lines[0].split(",")
    row = lines[1].split(",")
    row[header.index("year")] = "2031"
    path = tmp_path / "pool.csv"
    path.write_text("\n".join([lines[0], ",".join(row), lines[2]]) + "\n", encoding="utf-8")
    result = run("validate", path)
    assert result.exit_code == 0
    column = header.index("year") + 1
    assert result.stdout.startswith(
        f"{path}:2:{column}: warning[year-far]: column 'year': year 2031 is more than 1 year"
    )
    assert result.stdout.count("\n") == 1
