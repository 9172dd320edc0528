"""``assess schema``: JSON Schema (draft 2020-12) from the models, specialised to the criteria."""

from __future__ import annotations

import copy
import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

from smartcity_assess.core.criteria import LoadedCriteria
from smartcity_assess.reading.submissions import CODE_PATTERN
from smartcity_assess.report.schema import DIALECT, criteria_schema, schema_text, submission_schema

from .conftest import CRITERIA_DIR, EXAMPLES, TESTS, make_criteria
from .yaml12 import load_all_12

Run = Callable[..., Any]
Validator = jsonschema.Draft202012Validator
SUBMISSIONS = [EXAMPLES / "indramayu-2018.yaml", *sorted((EXAMPLES / "pool-2018").glob("*.yaml"))]
CRITERIA_FILES = sorted(CRITERIA_DIR.glob("*.yaml"))


def documents(path: Path) -> list[Any]:
    return list(yaml.safe_load_all(path.read_text(encoding="utf-8")))


@pytest.fixture(scope="module")
def indramayu() -> dict[str, Any]:
    data = yaml.safe_load((EXAMPLES / "indramayu-2018.yaml").read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


@pytest.fixture(scope="module")
def validator(bundled: LoadedCriteria) -> jsonschema.Draft202012Validator:
    schema = submission_schema(bundled.model)
    Validator.check_schema(schema)
    return Validator(schema)


def test_the_command_prints_the_core_schema_deterministically(
    run: Run, bundled: LoadedCriteria
) -> None:
    first, second = run("schema"), run("schema", "submission")
    assert first.exit_code == 0 and second.exit_code == 0
    assert first.stdout == second.stdout == schema_text(submission_schema(bundled.model))
    schema = json.loads(first.stdout)
    assert list(schema)[:4] == ["$schema", "$id", "title", "description"]
    assert schema["$schema"] == DIALECT
    assert schema["$id"] == "urn:smartcity-assess:submission:gerakan-100-smart-city:2018.1"
    assert "gerakan-100-smart-city" in schema["title"] and "2018.1" in schema["title"]
    assert first.stdout.endswith("}\n") and '\n  "$schema"' in first.stdout  # indent 2


def test_both_schemas_are_valid_draft_2020_12(run: Run) -> None:
    for kind in ("submission", "criteria"):
        result = run("schema", kind)
        assert result.exit_code == 0, result.output
        Validator.check_schema(json.loads(result.stdout))


def test_output_file_and_other_criteria(run: Run, tmp_path: Path) -> None:
    target = tmp_path / "spbe.schema.json"
    result = run("schema", "-c", CRITERIA_DIR / "spbe-2020.yaml", "-o", target)
    assert result.exit_code == 0 and result.stdout == ""
    schema = json.loads(target.read_text(encoding="utf-8"))
    assert schema["$id"] == "urn:smartcity-assess:submission:spbe-2020:2020.1"
    assert "kebijakan" in schema["$defs"]["Values"]["properties"]


def test_unknown_kind_and_bad_criteria_are_usage_errors(run: Run, tmp_path: Path) -> None:
    assert run("schema", "bogus").exit_code == 2
    result = run("schema", "-c", tmp_path / "missing.yaml")
    assert result.exit_code == 2 and "Traceback" not in result.output


@pytest.mark.parametrize("path", SUBMISSIONS, ids=lambda p: p.name)
def test_every_example_submission_is_valid(
    validator: jsonschema.Draft202012Validator, path: Path
) -> None:
    for document in documents(path):
        errors = [e.message for e in validator.iter_errors(document)]
        assert errors == [], f"{path.name}: {errors}"


def test_the_schema_names_real_ids_levels_and_bounds(bundled: LoadedCriteria) -> None:
    criteria = bundled.model
    schema = submission_schema(criteria)
    defs = schema["$defs"]
    values = defs["Values"]
    assert values["additionalProperties"] is False
    assert list(values["properties"]) == [f.id for f in criteria.factors]
    leadership = defs[values["properties"]["leadership"]["$ref"].split("/")[-1]]
    assert leadership["title"] == "Leadership commitment"
    assert leadership["additionalProperties"] is False
    head = leadership["properties"]["head_commitment"]
    assert head["enum"] == ["none", "statement", "signed_mou", "leads_programme"]
    assert head["title"] == "Commitment of the regent/mayor"
    assert "Required." in head["description"] and "at least 'statement'" in head["description"]
    assert "head_commitment" in leadership["required"]
    share = leadership["properties"]["opd_focal_points"]
    number = next(s for s in share["anyOf"] if s.get("type") == "number")
    assert (number["minimum"], number["maximum"]) == (0, 100)
    region = defs["RegionModel"]["properties"]
    assert region["code"]["pattern"] == CODE_PATTERN.pattern
    assert re.match(region["code"]["pattern"], "32.12") and not re.match(
        region["code"]["pattern"], "32.1"
    )
    assert region["kind"]["enum"] == ["kabupaten", "kota"]
    assert schema["properties"]["evidence"]["propertyNames"]["enum"] == list(criteria.addresses)


def _set(data: dict[str, Any], path: str, value: Any) -> None:
    *parents, last = path.split(".")
    for part in parents:
        data = data[part]
    data[last] = value


def _drop(data: dict[str, Any], path: str) -> None:
    *parents, last = path.split(".")
    for part in parents:
        data = data[part]
    del data[last]


MISTAKES: dict[str, Callable[[dict[str, Any]], None]] = {
    "unknown indicator id": lambda d: _set(d, "values.leadership.head_commitmen", "statement"),
    "unknown factor id": lambda d: _set(d, "values.leadershp", {}),
    "bad level id": lambda d: _set(d, "values.leadership.head_commitment", "signed"),
    "out-of-range number": lambda d: _set(d, "values.budget.ict_budget_share", 140.0),
    "negative count": lambda d: _set(d, "values.it_staff.it_graduate_staff", -1),
    "string for a number": lambda d: _set(d, "values.budget.ict_budget_share", "1.4 %"),
    "ambiguous number": lambda d: _set(d, "values.budget.ict_budget_share", "1.234"),
    "thousands separators": lambda d: _set(d, "values.it_staff.it_graduate_staff", "1.234.567"),
    "string for a boolean": lambda d: _set(d, "values.leadership.deputy_involvement", "yes"),
    "other words for a boolean": lambda d: _set(d, "values.leadership.deputy_involvement", "iya"),
    "unquoted region code": lambda d: _set(d, "region.code", 32.12),
    "region code not PP.RR": lambda d: _set(d, "region.code", "3212"),
    "unknown kind": lambda d: _set(d, "region.kind", "provinsi"),
    "missing required value": lambda d: _drop(d, "values.leadership.head_commitment"),
    "blank required value": lambda d: _set(d, "values.budget.ict_budget_share", None),
    "missing region name": lambda d: _drop(d, "region.name"),
    "unknown top-level key": lambda d: _set(d, "valuez", {}),
    "other criteria": lambda d: _set(d, "criteria", "spbe-2020"),
    "evidence for an unknown indicator": lambda d: d["evidence"].update({"budget.nope": "x"}),
    "wrong schema_version": lambda d: _set(d, "schema_version", 2),
}


@pytest.mark.parametrize("mistake", MISTAKES)
def test_the_schema_and_the_validator_reject_the_same_mistakes(
    run: Run,
    tmp_path: Path,
    validator: jsonschema.Draft202012Validator,
    indramayu: dict[str, Any],
    mistake: str,
) -> None:
    data = copy.deepcopy(indramayu)
    MISTAKES[mistake](data)
    assert list(validator.iter_errors(data)), f"the schema accepted: {mistake}"
    path = tmp_path / "mistake.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    assert run("validate", path).exit_code == 1, f"the validator accepted: {mistake}"


TEXT_FORMS: dict[str, tuple[str, Any]] = {
    # written as text, read by the rule of a CSV cell (reading/cells.py): both accept
    "decimal comma": ("values.budget.ict_budget_share", "1,4"),
    "decimal point as text": ("values.budget.ict_budget_share", "1.4"),
    "a three-decimal number below one": ("values.budget.ict_budget_share", "0,125"),
    "ya": ("values.leadership.deputy_involvement", "ya"),
    "BENAR": ("values.leadership.deputy_involvement", "BENAR"),
    "Tidak": ("values.applications.open_data_portal", "Tidak"),
    "salah": ("values.applications.open_data_portal", "salah"),
    "a quoted true": ("values.applications.open_data_portal", "True"),
}


@pytest.mark.parametrize("form", TEXT_FORMS)
def test_the_schema_and_the_validator_accept_the_same_text_forms(
    run: Run,
    tmp_path: Path,
    validator: jsonschema.Draft202012Validator,
    indramayu: dict[str, Any],
    form: str,
) -> None:
    data = copy.deepcopy(indramayu)
    _set(data, *TEXT_FORMS[form])
    assert [e.message for e in validator.iter_errors(data)] == []
    path = tmp_path / "text.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    result = run("validate", path)
    assert result.exit_code == 0, result.output


def test_optional_values_may_be_null_or_absent(
    validator: jsonschema.Draft202012Validator, indramayu: dict[str, Any]
) -> None:
    data = copy.deepcopy(indramayu)
    data["values"]["leadership"]["deputy_involvement"] = None
    del data["values"]["budget"]["fiscal_capacity"]
    data["region"]["province"] = None
    data["year"] = None
    del data["criteria"], data["evidence"]
    assert [e.message for e in validator.iter_errors(data)] == []


def test_integers_are_numbers(
    validator: jsonschema.Draft202012Validator, indramayu: dict[str, Any]
) -> None:
    data = copy.deepcopy(indramayu)
    data["values"]["budget"]["ict_budget_share"] = 2  # YAML reads 2 as an int
    assert [e.message for e in validator.iter_errors(data)] == []


# --- criteria ---------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def criteria_validator() -> jsonschema.Draft202012Validator:
    schema = criteria_schema()
    Validator.check_schema(schema)
    return Validator(schema)


@pytest.mark.parametrize("path", CRITERIA_FILES, ids=lambda p: p.name)
def test_the_criteria_schema_accepts_the_bundled_criteria(
    criteria_validator: jsonschema.Draft202012Validator, path: Path
) -> None:
    (data,) = documents(path)
    assert [e.message for e in criteria_validator.iter_errors(data)] == []


def test_the_criteria_schema_command(run: Run) -> None:
    result = run("schema", "criteria")
    assert result.exit_code == 0
    assert result.stdout == schema_text(criteria_schema())
    assert json.loads(result.stdout)["$schema"] == DIALECT


def test_the_criteria_schema_rejects_unknown_keys_and_bad_text(
    criteria_validator: jsonschema.Draft202012Validator,
) -> None:
    (data,) = documents(CRITERIA_DIR / "gerakan-100-smart-city.yaml")
    cases: list[Callable[[dict[str, Any]], None]] = [
        lambda d: d.update(weights={}),
        lambda d: d["factors"][0]["indicators"][0].update(minimum=1),
        lambda d: d.update(title={"en": "T", "fr": "T"}),
        lambda d: d.update(title=3),
        lambda d: d.update(aggregation="harmonic"),
        lambda d: d["factors"][0].update(id="Leadership"),
    ]
    for change in cases:
        broken = copy.deepcopy(data)
        change(broken)
        assert list(criteria_validator.iter_errors(broken))


def test_criteria_text_is_a_string_or_en_id(
    criteria_validator: jsonschema.Draft202012Validator,
) -> None:
    (data,) = documents(CRITERIA_DIR / "gerakan-100-smart-city.yaml")
    for title in ("Plain", {"en": "English"}, {"en": "English", "id": "Indonesia"}):
        changed = copy.deepcopy(data)
        changed["title"] = title
        assert [e.message for e in criteria_validator.iter_errors(changed)] == []


def test_criteria_without_required_values(run: Run) -> None:
    """Then ``values`` and every factor may be left out or null, as the model allows."""
    criteria = make_criteria()
    schema = submission_schema(criteria)
    Validator.check_schema(schema)
    validator = Validator(schema)
    region = {"code": "32.12", "name": "Kabupaten Indramayu", "kind": "kabupaten"}
    for values in ({}, {"a": None}, {"a": {"flag": None}}, {"b": {"gap": 1e6, "share": 0}}):
        data = {"schema_version": 1, "region": region, "values": values}
        assert [e.message for e in validator.iter_errors(data)] == [], values
    assert [e.message for e in validator.iter_errors({"schema_version": 1, "region": region})] == []
    bad = {"schema_version": 1, "region": region, "values": {"a": {"stage": "most"}}}
    assert list(validator.iter_errors(bad))
    stage = schema["$defs"]["Values_a"]["properties"]["stage"]
    assert (
        stage["title"] == "stage"
        and "One of, worst to best: none, some, full." in (stage["description"])
    )


# --- the schema and 'assess validate' agree on every file ------------------------------------

HOSTILE = TESTS / "data" / "hostile"
AGREEMENT_FILES = sorted(
    [*EXAMPLES.rglob("*.yaml"), *(p for p in HOSTILE.glob("*.yaml") if p.name != "size-limit.yaml")]
)  # size-limit.yaml is refused only under --max-file-size 400
DISAGREEMENTS = {
    # validate refuses, and a JSON Schema cannot say so (docs/editor-support.md):
    "nan.yaml": "JSON has no NaN; a validator compares NaN with bounds as passing",
    "utf16-bom.yaml": "the schema sees values, not bytes: assess reads UTF-8 only",
    # a scalar YAML 1.1 reads otherwise: the schema sees the value YAML 1.2 reads, not how it
    # was written (010 is 10, 0o12 is 10, 1e1 is 10.0, yes is the text 'yes')
    "yaml11-octal.yaml": "010",
    "yaml12-octal-exponent.yaml": "0o12, 1e1",
    "yaml11-bool-text.yaml": "name: yes",
    # a number that could hold a thousands separator: the schema sees the number YAML reads
    "ambiguous-number.yaml": "1.500",
}


def schema_verdict(validator: jsonschema.Draft202012Validator, path: Path) -> bool:
    """Valid by the schema, the file read as editors read it (YAML 1.2); one that a YAML
    1.2 reader cannot read is not valid."""
    try:
        documents = load_all_12(path.read_bytes()) or [None]
    except (yaml.YAMLError, ValueError, RecursionError):  # '!!int abc' is a ValueError
        return False
    return all(validator.is_valid(document) for document in documents)


def test_the_schema_and_validate_agree_on_every_example_and_hostile_file(
    run: Run, validator: jsonschema.Draft202012Validator
) -> None:
    # One file a run: the same region in two files is a problem of the pair, not of a file.
    invalid = {path.name for path in AGREEMENT_FILES if run("validate", path).exit_code != 0}
    disagree = {
        path.name
        for path in AGREEMENT_FILES
        if schema_verdict(validator, path) != (path.name not in invalid)
    }
    assert disagree == set(DISAGREEMENTS)
    assert invalid >= set(DISAGREEMENTS), "each disagreement is validate refusing more"
