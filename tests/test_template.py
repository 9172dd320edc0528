"""``assess template``: a blank submission that fails only where it is blank, and passes filled."""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

from smartcity_assess.core.criteria import Criteria, Indicator, LoadedCriteria
from smartcity_assess.core.scoring import score
from smartcity_assess.reading.submissions import read_batch
from smartcity_assess.report.schema import submission_schema
from smartcity_assess.report.template import csv_columns, csv_template, yaml_template

from .conftest import CRITERIA_DIR, make_criteria

Run = Callable[..., Any]
SPBE = CRITERIA_DIR / "spbe-2020.yaml"
REGION = {"code": '"32.12"', "name": "Kabupaten Indramayu", "kind": "kabupaten"}
REGION_CSV = {"code": "32.12", "name": "Kabupaten Indramayu", "kind": "kabupaten"}
KEY = re.compile(r'( *)("?[a-z][a-z0-9_]*"?):')


def good_value(indicator: Indicator) -> Any:
    """A valid value: the best level, true, or the best goalpost kept inside ``valid``."""
    if indicator.type == "boolean":
        return True
    if indicator.type == "level":
        return (indicator.levels or [])[-1].id
    assert indicator.goalposts is not None
    value = indicator.goalposts.best
    if indicator.valid is not None and indicator.valid.max is not None:
        value = min(value, indicator.valid.max)
    if indicator.valid is not None and indicator.valid.min is not None:
        value = max(value, indicator.valid.min)
    return value


def keys(template: str) -> dict[str, int]:
    """``region.code`` / ``values.factor.indicator`` -> its 1-based line in the template."""
    found: dict[str, int] = {}
    parents: list[str] = []
    for number, line in enumerate(template.splitlines(), start=1):
        match = KEY.fullmatch(line)
        if match is None:
            continue
        depth = len(match[1]) // 2
        parents = [*parents[:depth], match[2].strip('"')]
        found[".".join(parents)] = number
    return found


def fill(template: str, criteria: Criteria, *, only_required: bool = False) -> str:
    """The template with its blanks filled in, as a person would: after each colon."""
    where = {line: address for address, line in keys(template).items()}
    lines = template.splitlines()
    for number, address in where.items():
        parts = address.split(".")
        text: str | None = None
        if parts[0] == "region" and len(parts) == 2:
            text = REGION.get(parts[1])
        elif address == "year":
            text = "2018"
        elif parts[0] == "values" and len(parts) == 3:
            indicator = criteria.addresses[f"{parts[1]}.{parts[2]}"][1]
            if indicator.required or not only_required:
                text = json.dumps(good_value(indicator))  # JSON scalars are YAML scalars
        if text is not None:
            lines[number - 1] += f" {text}"
    return "\n".join(lines) + "\n"


@pytest.fixture(scope="module")
def english(bundled: LoadedCriteria) -> str:
    return yaml_template(bundled.model)


def test_the_english_template_is_golden(run: Run, golden: Callable[[str, str], None]) -> None:
    result = run("template")
    assert result.exit_code == 0, result.output
    golden("template.en.yaml", result.stdout)


def test_the_template_lists_every_factor_and_indicator_empty(
    english: str, bundled: LoadedCriteria
) -> None:
    criteria = bundled.model
    assert english.startswith("# yaml-language-server: $schema=submission.schema.json\n")
    assert "#   assess schema > submission.schema.json\n" in english
    data = yaml.safe_load(english)
    assert data["schema_version"] == 1 and data["criteria"] == criteria.id
    assert data["region"] == {"code": None, "name": None, "province": None, "kind": None}
    assert data["year"] is None
    assert {f: set(v) for f, v in data["values"].items()} == {
        f.id: {i.id for i in f.indicators} for f in criteria.factors
    }
    assert all(v is None for f in data["values"].values() for v in f.values())
    assert "evidence" not in data  # commented out: an example only
    assert "# evidence:\n#   leadership.head_commitment: " in english
    for _, indicator in criteria.indicators():
        assert f"# {indicator.label('en')}\n" in english
    assert "#   signed_mou       Signed commitment letter or MoU\n" in english
    assert "# Gate: at least 'statement', else the region is not eligible.\n" in english
    assert max(len(line) for line in english.splitlines()) <= 100


def test_blank_template_fails_only_on_the_blank_required_values(
    run: Run, english: str, bundled: LoadedCriteria
) -> None:
    result = run("validate", "-", "--format", "json", input=english)
    assert result.exit_code == 1
    problems = json.loads(result.stdout)["problems"]
    required = {f"values.{f.id}.{i.id}" for f, i in bundled.model.indicators() if i.required}
    assert {p["loc"] for p in problems} == {"region.code", "region.name", "region.kind"} | required
    assert {p["code"] for p in problems} == {"missing-value"}
    lines = keys(english)
    for p in problems:
        assert p["path"] == "-" and p["line"] == lines[p["loc"]], p
        assert p["message"] == f"missing required value '{p['loc'].split('.')[-1]}'"


def test_blank_required_value_is_missing_in_text_too(run: Run, english: str) -> None:
    result = run("validate", "-", input=english)
    lines = keys(english)
    line = lines["values.leadership.head_commitment"]
    column = len("    head_commitment:") + 1
    assert (
        f"-:{line}:{column}: error[missing-value]: missing required value 'head_commitment'"
        in result.stdout
    )
    assert "unknown level" not in result.stdout and "null" not in result.stdout


@pytest.mark.parametrize("only_required", [False, True], ids=["all", "required-only"])
def test_the_filled_template_passes(
    run: Run, english: str, bundled: LoadedCriteria, only_required: bool, tmp_path: Path
) -> None:
    filled = fill(english, bundled.model, only_required=only_required)
    result = run("validate", "-", input=filled)
    assert result.exit_code == 0, result.output
    # Values copied from the goalposts are exactly what the suspicious-goalposts warning
    # is for; anything else (an error above all) would be a template defect.
    codes = {line.split("[")[1].split("]")[0] for line in result.stdout.splitlines()}
    assert codes <= {"suspicious-goalposts"}
    assert "0 error(s)" in result.stderr or "no problems" in result.stderr
    schema = submission_schema(bundled.model)
    assert [
        e.message
        for e in jsonschema.Draft202012Validator(schema).iter_errors(yaml.safe_load(filled))
    ] == []
    path = tmp_path / "filled.yaml"
    path.write_text(filled, encoding="utf-8")
    (submission,) = read_batch(bundled.model, [path]).submissions
    card = score(bundled.model, submission)
    assert card.eligible
    if not only_required:
        assert card.total == pytest.approx(100)  # every value at its best


def test_the_filled_template_with_evidence_passes(
    run: Run, english: str, bundled: LoadedCriteria
) -> None:
    filled = fill(english, bundled.model).replace("# evidence:\n#   ", "evidence:\n  ")
    result = run("validate", "-", input=filled)
    assert result.exit_code == 0, result.output


def test_spbe_template_fills_and_passes(run: Run, spbe: LoadedCriteria, tmp_path: Path) -> None:
    result = run("template", "--criteria", SPBE)
    assert result.exit_code == 0
    assert f"#   assess schema --criteria {SPBE} > submission.schema.json" in result.stdout
    path = tmp_path / "spbe-submission.yaml"
    path.write_text(fill(result.stdout, spbe.model), encoding="utf-8")
    check = run("validate", "-c", SPBE, path)
    assert check.exit_code == 0, check.output


def test_indonesian_comments_same_data(run: Run, english: str, bundled: LoadedCriteria) -> None:
    result = run("template", "--lang", "id")
    assert result.exit_code == 0
    text = result.stdout
    assert yaml.safe_load(text) == yaml.safe_load(english)
    assert "# Komitmen bupati/wali kota\n" in text
    assert "Wajib." in text and "Salah satu id tingkat berikut" in text
    assert "Surat pernyataan komitmen atau nota kesepahaman ditandatangani" in text
    assert run("validate", "-", input=fill(text, bundled.model)).exit_code == 0
    assert run("template", "--lang", "fr").exit_code == 2


def test_schema_url_and_output_file(run: Run, tmp_path: Path) -> None:
    url = "https://example.org/schemas/gerakan-2018.1.json"
    target = tmp_path / "blank.yaml"
    result = run("template", "--schema-url", url, "-o", target)
    assert result.exit_code == 0 and result.stdout == ""
    text = target.read_text(encoding="utf-8")
    assert text.startswith(f"# yaml-language-server: $schema={url}\n")
    assert "assess schema" not in text  # a published schema: nothing to make
    local = run("template", "--schema-url", "../schemas/submission.json").stdout
    assert "#   assess schema > ../schemas/submission.json\n" in local


def test_ids_that_yaml_would_misread_are_quoted(run: Run, tmp_path: Path) -> None:
    criteria = make_criteria(
        id="2020",
        factors=[
            {
                "id": "no",
                "weight": 1,
                "indicators": [
                    {"id": "on", "type": "boolean", "required": True},
                    {"id": "null", "type": "level", "levels": [{"id": "yes"}, {"id": "off"}]},
                ],
            }
        ],
    )
    text = yaml_template(criteria)
    assert 'criteria: "2020"\n' in text and '  "no":\n' in text and '    "on":\n' in text
    data = yaml.safe_load(fill(text, criteria))
    assert data["criteria"] == "2020"
    assert data["values"] == {"no": {"on": True, "null": "off"}}


# --- CSV ---------------------------------------------------------------------------------------


def test_csv_template_is_the_header_row(run: Run, bundled: LoadedCriteria) -> None:
    result = run("template", "--format", "csv")
    assert result.exit_code == 0
    assert result.stdout == csv_template(bundled.model)
    (header,) = list(csv.reader(io.StringIO(result.stdout)))
    assert header[:5] == ["code", "name", "province", "kind", "year"]
    assert header[5:] == list(bundled.model.addresses) == csv_columns(bundled.model)[5:]


def _csv_row(criteria: Criteria, *, blank: bool) -> list[str]:
    row = {**REGION_CSV, "province": "Jawa Barat", "year": "2018"} if not blank else {}
    for address, (_, indicator) in criteria.addresses.items():
        value = good_value(indicator)
        text = str(value).lower() if isinstance(value, bool) else str(value)
        row[address] = "" if blank else text
    return [row.get(column, "") for column in csv_columns(criteria)]


def _write_csv(path: Path, header_text: str, row: list[str]) -> None:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerow(row)
    path.write_text(header_text + buffer.getvalue(), encoding="utf-8")


def test_csv_template_filled_passes(run: Run, bundled: LoadedCriteria, tmp_path: Path) -> None:
    header = run("template", "-f", "csv").stdout
    path = tmp_path / "pool.csv"
    path.write_text(header, encoding="utf-8")
    assert run("validate", path).exit_code == 0  # a header alone: no regions, nothing wrong
    _write_csv(path, header, _csv_row(bundled.model, blank=False))
    result = run("validate", path)
    assert result.exit_code == 0, result.output
    # Best-goalpost values draw the suspicious-goalposts warning, and nothing else.
    assert {line.split("[")[1].split("]")[0] for line in result.stdout.splitlines()} <= {
        "suspicious-goalposts"
    }
    assert "0 error(s)" in result.stderr or "no problems" in result.stderr


def test_csv_template_with_a_blank_row_fails_on_required_cells(
    run: Run, bundled: LoadedCriteria, tmp_path: Path
) -> None:
    header = run("template", "-f", "csv").stdout
    path = tmp_path / "blank.csv"
    blank = _csv_row(bundled.model, blank=True)
    _write_csv(path, header, blank)
    assert run("validate", path).exit_code == 0  # an empty row is skipped, as spreadsheets add them
    blank[csv_columns(bundled.model).index("year")] = "2018"
    _write_csv(path, header, blank)
    result = run("validate", path, "--format", "json")
    assert result.exit_code == 1
    problems = json.loads(result.stdout)["problems"]
    required = {f"values.{f.id}.{i.id}" for f, i in bundled.model.indicators() if i.required}
    assert {p["loc"] for p in problems} == {"region.code", "region.name", "region.kind"} | required
    assert {p["code"] for p in problems} == {"missing-value"}
    assert {p["line"] for p in problems} == {2}


def test_wording_follows_the_criteria() -> None:
    criteria = make_criteria(
        missing="reweight",
        factors=[
            {
                "id": "a",
                "weight": 1,
                "min_score": 30,
                "indicators": [
                    {"id": "flag", "type": "boolean", "gate": True},
                    {
                        "id": "gap",
                        "type": "number",
                        "required": True,
                        "valid": {"max": 500},
                        "goalposts": {"worst": 50, "best": 5},
                        "gate": 40,
                    },
                    {"id": "raw", "type": "number", "goalposts": {"worst": 1, "best": 2.5}},
                ],
            }
        ],
    )
    text = yaml_template(criteria)
    assert "# Optional: leave empty if unknown (an empty value is left out of the score)." in text
    assert "# Gate: must be true, else the region is not eligible." in text
    assert "# A number. Valid: at most 500.\n" in text
    assert "# Scored from 50 (worst) to 5 (best); values beyond are capped. Lower is" in text
    assert "  # == a: 100.00% of the total ==\n" in text and "  a:\n    # Optional" in text
    assert "# Gate: at most 40, else the region is not eligible." in text
    assert "# A number.\n    # Scored from 1 (worst) to 2.5 (best)" in text
    assert "# A factor score below 30 (of 100) makes the region not eligible." in text
    indonesian = yaml_template(criteria, lang="id")
    assert "(nilai kosong tidak ikut dihitung)" in indonesian
    assert "Makin rendah makin" in indonesian


@pytest.mark.parametrize("lang", ["en", "id"])
def test_the_template_is_one_region_per_file(run: Run, lang: str) -> None:
    """Editors check a file's first document only (the schema line covers no other), so
    the template never invites a second region after '---': one file, one region."""
    text = re.sub(r"\n# ?", " ", run("template", "--lang", lang).stdout)  # comments unwrapped
    assert "---" not in text
    assert ("One region per file" if lang == "en" else "Satu wilayah per berkas") in text
    assert "assess template --format csv" in text
