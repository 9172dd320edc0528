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
from smartcity_assess.errors import CriteriaInvalid
from smartcity_assess.reading.criteria_file import load_criteria
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
    bad_lang = run("schema", "criteria", "--lang", "fr")
    assert bad_lang.exit_code == 2 and "fr" in bad_lang.output and bad_lang.stdout == ""
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
    levels, checked = head["anyOf"]  # the plain value, or a claim with its verification
    assert levels["enum"] == ["none", "statement", "signed_mou", "leads_programme"]
    assert checked["$ref"] == "#/$defs/Checked_leadership_head_commitment"
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


# --- byte-stable output ------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["en", "id"])
@pytest.mark.parametrize("kind", ["submission", "criteria"])
def test_the_schemas_are_byte_stable(
    run: Run, golden: Callable[[str, str], None], kind: str, lang: str
) -> None:
    result = run("schema", kind, *(["--lang", lang] if lang != "en" else []))
    assert result.exit_code == 0, result.output
    golden(f"schema-{kind}.{lang}.json", result.stdout)


# --- the schemas in Indonesian (--lang id) ------------------------------------------------------


def _shape(node: Any) -> Any:
    """``node`` without its help texts: string ``title`` and ``description`` keys removed (a
    property named title or description holds a schema, not a string, and stays)."""
    if isinstance(node, dict):
        return {
            key: _shape(value)
            for key, value in node.items()
            if not (key in ("title", "description") and isinstance(value, str))
        }
    if isinstance(node, list):
        return [_shape(item) for item in node]
    return node


def _texts(node: Any) -> list[str]:
    if isinstance(node, dict):
        own = [v for k, v in node.items() if k in ("title", "description") and isinstance(v, str)]
        return own + [text for value in node.values() for text in _texts(value)]
    if isinstance(node, list):
        return [text for item in node for text in _texts(item)]
    return []


@pytest.mark.parametrize(
    "args",
    [("submission",), ("submission", "-c", "spbe-2020"), ("criteria",)],
    ids=["submission", "submission-spbe", "criteria"],
)
def test_lang_id_changes_the_texts_and_nothing_else(run: Run, args: tuple[str, ...]) -> None:
    english, indonesian = run("schema", *args), run("schema", *args, "--lang", "id")
    assert english.exit_code == 0 and indonesian.exit_code == 0, indonesian.output
    assert indonesian.stdout != english.stdout
    en, id_ = json.loads(english.stdout), json.loads(indonesian.stdout)
    Validator.check_schema(id_)
    assert _shape(id_) == _shape(en)  # the same keys, types, enums, bounds, if/then
    assert len(_texts(id_)) == len(_texts(en))
    # ASSESS_LANG chooses the language as it does for every command
    assert run("schema", *args, env={"ASSESS_LANG": "id"}).stdout == indonesian.stdout
    assert run("schema", *args, "--lang", "en", env={"ASSESS_LANG": "id"}).stdout == (
        english.stdout
    )


def test_the_indonesian_submission_schema_speaks_indonesian(bundled: LoadedCriteria) -> None:
    criteria = bundled.model
    schema = submission_schema(criteria, "id")
    assert schema["title"] == "Pengajuan untuk gerakan-100-smart-city 2018.1"
    assert criteria.title.id and criteria.title.id in schema["description"]
    assert schema["properties"]["schema_version"]["description"] == (
        "Versi format berkas ini; selalu 1."
    )
    assert schema["properties"]["year"]["description"] == "Putaran penilaian (boleh kosong)."
    defs = schema["$defs"]
    region = defs["RegionModel"]
    assert (region["title"], region["properties"]["province"]["title"]) == ("Wilayah", "Provinsi")
    assert defs["Values"]["description"] == "Satu pemetaan per faktor, satu nilai per indikator."
    factor = criteria.factors[0]
    indicator = next(i for i in factor.indicators if i.gate is not None and i.type == "level")
    assert factor.name is not None and factor.name.id is not None
    leadership = defs[defs["Values"]["properties"][factor.id]["$ref"].split("/")[-1]]
    assert leadership["title"] == factor.name.id != factor.name.en
    assert leadership["description"].endswith(
        "20,00% dari total. Skor faktor di bawah 40 (dari 100) membuat wilayah tidak memenuhi "
        "syarat."
    )
    help_ = leadership["properties"][indicator.id]
    assert indicator.name is not None and indicator.description is not None
    assert help_["title"] == indicator.name.id
    assert help_["description"].startswith(f"{indicator.description.id}\n\nWajib. Salah satu, ")
    assert "Syarat minimum: sekurang-kurangnya 'statement'; jika tidak" in help_["description"]
    level = (indicator.levels or [])[-1]
    assert level.label is not None and f"{level.id} ({level.label.id})" in help_["description"]
    number = defs["Values_budget"]["properties"]["ict_budget_share"]["description"]
    assert "Angka dalam % dari APBD. Sah: 0 sampai 100. Dinilai dari 0,5 (terburuk)" in number


def test_the_indonesian_criteria_schema_speaks_indonesian() -> None:
    schema = criteria_schema("id")
    assert schema["title"] == "Berkas kriteria smartcity-assess (schema_version 1)"
    indicator = schema["$defs"]["Indicator"]["properties"]
    assert indicator["weight"]["description"] == "Bobot relatif di dalam faktor; di atas 0."
    assert schema["$defs"]["Text"]["description"] == (
        "Teks: string biasa (bahasa Inggris), atau {en, id} untuk kedua bahasa."
    )
    english = set(_texts(criteria_schema()))
    # every description is Indonesian; only titles that name a key (pydantic's) stay
    assert [d for d in _texts(schema) if d in english and " " in d and "." in d] == []


def test_the_same_documents_are_valid_in_both_languages(bundled: LoadedCriteria) -> None:
    validators = [Validator(submission_schema(bundled.model, lang)) for lang in ("en", "id")]
    for path in AGREEMENT_FILES:
        verdicts = {schema_verdict(validator, path) for validator in validators}
        assert len(verdicts) == 1, path.name


# --- the criteria schema and 'assess criteria' agree ------------------------------------------

GERAKAN = documents(CRITERIA_DIR / "gerakan-100-smart-city.yaml")[0]


def _indicator(data: dict[str, Any], kind: str, *, gated: bool | None = None) -> dict[str, Any]:
    """The first indicator of ``kind`` (with a gate, without one, or either)."""
    found: dict[str, Any] = next(
        indicator
        for factor in data["factors"]
        for indicator in factor["indicators"]
        if indicator["type"] == kind and (gated is None or ("gate" in indicator) == gated)
    )
    return found


def _log(data: dict[str, Any], worst: float, best: float) -> None:
    _indicator(data, "number", gated=False).update(
        transform="log", goalposts={"worst": worst, "best": best}
    )


# Each change breaks one rule of core.criteria.rules, named by its message key.
CRITERIA_REFUSED: dict[str, tuple[Callable[[dict[str, Any]], None], str]] = {
    "factor weight 0": (lambda d: d["factors"][0].update(weight=0), "weight-positive"),
    "negative factor weight": (lambda d: d["factors"][1].update(weight=-2.5), "weight-positive"),
    "indicator weight 0": (
        lambda d: _indicator(d, "boolean").update(weight=0),
        "weight-positive",
    ),
    "cohort size 0": (lambda d: d["cohorts"][0].update(size=0), "cohort-size"),
    "negative cohort size": (lambda d: d["cohorts"][2].update(size=-1), "cohort-size"),
    "one level": (
        lambda d: _indicator(d, "level", gated=False).update(levels=[{"id": "only"}]),
        "levels-too-few",
    ),
    "no levels at all": (
        lambda d: _indicator(d, "level", gated=False).update(levels=[]),
        "levels-too-few",
    ),
    "level indicator without levels": (
        lambda d: _indicator(d, "level", gated=False).pop("levels"),
        "field-required-for-type",
    ),
    "level indicator with levels null": (
        lambda d: _indicator(d, "level", gated=False).update(levels=None),
        "field-required-for-type",
    ),
    "number indicator without goalposts": (
        lambda d: _indicator(d, "number").pop("goalposts"),
        "field-required-for-type",
    ),
    "number indicator with goalposts null": (
        lambda d: _indicator(d, "number").update(goalposts=None),
        "field-required-for-type",
    ),
    "levels on a boolean": (
        lambda d: _indicator(d, "boolean").update(levels=[{"id": "no"}, {"id": "yes"}]),
        "field-for-type",
    ),
    "unit on a boolean": (lambda d: _indicator(d, "boolean").update(unit="x"), "field-for-type"),
    "valid on a level": (
        lambda d: _indicator(d, "level").update(valid={"min": 0}),
        "field-for-type",
    ),
    "goalposts on a level": (
        lambda d: _indicator(d, "level").update(goalposts={"worst": 0, "best": 1}),
        "field-for-type",
    ),
    "levels on a number": (
        lambda d: _indicator(d, "number").update(levels=[{"id": "a"}, {"id": "b"}]),
        "field-for-type",
    ),
    "transform linear on a level": (
        lambda d: _indicator(d, "level").update(transform="linear"),
        "field-for-type",
    ),
    "transform log on a boolean": (
        lambda d: _indicator(d, "boolean").update(transform="log"),
        "field-for-type",
    ),
    "boolean gate false": (lambda d: _indicator(d, "boolean").update(gate=False), "gate-boolean"),
    "boolean gate 1": (lambda d: _indicator(d, "boolean").update(gate=1), "gate-boolean"),
    "boolean gate text": (lambda d: _indicator(d, "boolean").update(gate="true"), "gate-boolean"),
    "level gate a number": (
        lambda d: _indicator(d, "level", gated=True).update(gate=2),
        "gate-level",
    ),
    "level gate true": (
        lambda d: _indicator(d, "level", gated=True).update(gate=True),
        "gate-level",
    ),
    "number gate text": (
        lambda d: _indicator(d, "number", gated=True).update(gate="0.25"),
        "gate-number",
    ),
    "number gate true": (
        lambda d: _indicator(d, "number", gated=True).update(gate=True),
        "gate-number",
    ),
    "log goalposts at 0": (lambda d: _log(d, 0, 10), "goalposts-log"),
    "log goalposts below 0": (lambda d: _log(d, 100, -1), "goalposts-log"),
}

# Changes both accept: the schema does not refuse more than the loader.
CRITERIA_ACCEPTED: dict[str, Callable[[dict[str, Any]], None]] = {
    "null fields of other types": lambda d: _indicator(d, "boolean").update(
        levels=None, unit=None, valid=None, goalposts=None
    ),
    "null unit and valid on a level": lambda d: _indicator(d, "level").update(
        unit=None, valid=None, goalposts=None
    ),
    "boolean gate true": lambda d: _indicator(d, "boolean").update(gate=True),
    "level gate null": lambda d: _indicator(d, "level", gated=True).update(gate=None),
    "number gate 0 and an integer": lambda d: _indicator(d, "number", gated=True).update(gate=0),
    "transform linear on a number": lambda d: _indicator(d, "number").update(transform="linear"),
    "two levels": lambda d: _indicator(d, "level", gated=False).update(
        levels=[{"id": "no"}, {"id": "yes"}]
    ),
    "small weights": lambda d: (
        d["factors"][0].update(weight=0.001),
        _indicator(d, "number").update(weight=1e-9),
    ),
    "cohort of one": lambda d: d["cohorts"][0].update(size=1),
    "log goalposts, lower is better": lambda d: _log(d, 500, 0.5),
    "no cohorts": lambda d: d.update(cohorts=[]),
}


def _loader_keys(tmp_path: Path, data: dict[str, Any]) -> list[str]:
    """The message keys of what ``load_criteria`` refuses in ``data`` ([] when it loads)."""
    path = tmp_path / "criteria.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    try:
        load_criteria(path)
    except CriteriaInvalid as exc:
        return [p.key for p in exc.problems]
    return []


@pytest.mark.parametrize("case", CRITERIA_REFUSED)
def test_the_criteria_schema_refuses_what_the_loader_refuses(
    tmp_path: Path, criteria_validator: jsonschema.Draft202012Validator, case: str
) -> None:
    change, key = CRITERIA_REFUSED[case]
    data = copy.deepcopy(GERAKAN)
    change(data)
    assert key in _loader_keys(tmp_path, data), f"the loader accepted: {case}"
    assert not criteria_validator.is_valid(data), f"the schema accepted: {case}"


@pytest.mark.parametrize("case", CRITERIA_ACCEPTED)
def test_the_criteria_schema_accepts_what_the_loader_accepts(
    tmp_path: Path, criteria_validator: jsonschema.Draft202012Validator, case: str
) -> None:
    data = copy.deepcopy(GERAKAN)
    CRITERIA_ACCEPTED[case](data)
    assert _loader_keys(tmp_path, data) == [], f"the loader refused: {case}"
    errors = [e.message for e in criteria_validator.iter_errors(data)]
    assert errors == [], f"the schema refused: {case}"


def test_assess_criteria_and_the_schema_agree_on_every_criteria_file(
    run: Run, criteria_validator: jsonschema.Draft202012Validator
) -> None:
    files = [*CRITERIA_FILES, *sorted((TESTS / "data").rglob("criteria*.yaml"))]
    assert len(files) >= 4
    for path in files:
        (data,) = documents(path)
        assert run("criteria", path).exit_code == 0, path
        assert [e.message for e in criteria_validator.iter_errors(data)] == [], path


def test_assess_criteria_and_the_schema_place_a_refusal_alike(
    run: Run, tmp_path: Path, criteria_validator: jsonschema.Draft202012Validator
) -> None:
    data = copy.deepcopy(GERAKAN)
    flag = _indicator(data, "boolean")
    flag.update(gate=False)
    path = tmp_path / "criteria.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    result = run("criteria", path)
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert "error[invalid-criteria]: a boolean gate can only be true" in result.output
    (error,) = criteria_validator.iter_errors(data)
    fi, ii = next(
        (fi, f["indicators"].index(flag))
        for fi, f in enumerate(data["factors"])
        if flag in f["indicators"]
    )
    assert list(error.absolute_path) == ["factors", fi, "indicators", ii, "gate"]
