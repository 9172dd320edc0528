"""Claimed and verified values (docs/verification.md): the form of a checked value and
each of its rules at file:line:col, the criteria's ``value_basis``, the reports of what
verification moved, and verification changing a rank."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from smartcity_assess.core.criteria import Criteria, LoadedCriteria
from smartcity_assess.core.scoring import score, score_pool
from smartcity_assess.core.submission import Submission, Value
from smartcity_assess.core.verification import (
    VALUE_BASES,
    Check,
    ValueBasis,
    as_claimed,
    effect,
    scored_values,
    with_checks,
)
from smartcity_assess.problems import Problem
from smartcity_assess.reading.submissions import read_batch

from .conftest import CRITERIA_DIR, EXAMPLES, make_criteria

Run = Callable[..., Any]
Golden = Callable[[str, str], None]
VERIFIED = EXAMPLES / "indramayu-2018-verified.yaml"
PLAIN = EXAMPLES / "indramayu-2018.yaml"


def with_basis(criteria: Criteria, basis: ValueBasis) -> Criteria:
    return criteria.model_copy(update={"value_basis": basis})


def read_one(criteria: Criteria, path: Path) -> tuple[Submission | None, list[Problem]]:
    batch = read_batch(criteria, [path])
    return (batch.submissions[0] if batch.submissions else None), batch.problems


# --- the rules, each once, at its place -------------------------------------------------------


def _place(text: str, line_text: str, token: str, after: str = "") -> tuple[int, int]:
    """1-based (line, column) of ``token`` on the first line that contains ``line_text``
    after the first line that contains ``after``; an empty ``token`` is the line's end
    (where YAML puts an empty value)."""
    lines = text.splitlines()
    start = next(n for n, line in enumerate(lines) if after in line)
    for number, line in enumerate(lines[start:], start=start + 1):
        if line_text in line:
            return number, (line.index(token) if token else len(line)) + 1
    raise AssertionError(f"{line_text!r} not in the text")


BASE = VERIFIED.read_text(encoding="utf-8")

# (what is replaced, by what, the line and token the one problem is at, its code and key)
MISTAKES = [
    (
        "      verified: 17\n",
        "",
        None,  # corrected without a verified value: at the status
        ("public_service_apps:", "      status: corrected", "corrected"),
        "verification",
        "corrected-without-verified",
    ),
    (
        "      verified: 17\n",
        "      verified: 21\n",
        None,
        ("      verified: 21", "      verified: 21", "21"),
        "verification",
        "corrected-same",
    ),
    (
        "      claimed: signed_mou\n",
        "      claimed: signed_mou\n      verified: statement\n",
        None,
        ("verified: statement", "verified: statement", "statement"),
        "verification",
        "verified-differs",
    ),
    (
        "      claimed: planned\n",
        "      claimed: planned\n      verified: none\n",
        None,
        ("verified: none", "verified: none", "none"),
        "verification",
        "verified-not-allowed",
    ),
    (
        "      claimed: true\n      status: not-checked\n",
        "      claimed: true\n      verified: true\n      status: not-checked\n",
        None,
        ("verified: true", "verified: true", "true"),
        "verification",
        "verified-not-allowed",
    ),
    (
        "      status: rejected\n      verified_by: Tim Verifikasi\n",
        "      status: rejected\n",
        None,
        ("status: rejected", "status: rejected", "rejected"),
        "verification",
        "verified-by-missing",
    ),
    (
        "      verified: 17\n",
        "      verified: 17\n      verifed_by: X\n",
        None,
        ("verifed_by: X", "verifed_by: X", "verifed_by"),
        "unknown-key",
        "unknown-key",
    ),
    (
        "      verified: 1.1\n",
        "      verified: 101\n",
        None,  # the verified value meets the claim's rule: the same valid range
        ("verified: 101", "verified: 101", "101"),
        "out-of-range",
        "out-of-range",
    ),
    (
        "      claimed: planned\n",
        "      claimed: plannd\n",
        None,
        ("claimed: plannd", "claimed: plannd", "plannd"),
        "unknown-level",
        "unknown-level",
    ),
    (
        "      claimed: 21\n",
        "      claimed:\n",
        None,  # a blank claim is a missing one
        ("public_service_apps:", "      claimed:", ""),
        "missing-value",
        "missing-value",
    ),
    (
        '      status: corrected\n      verified_by: Tim Verifikasi\n      note: "4',
        '      status: korrected\n      verified_by: Tim Verifikasi\n      note: "4',
        None,
        ("status: korrected", "status: korrected", "korrected"),
        "invalid-choice",
        "invalid-choice",
    ),
    (
        "      claimed: 1.4\n",
        "      claimed: 1.234\n",
        None,  # the claim is read as a plain value is: a thousands separator is refused
        ("claimed: 1.234", "claimed: 1.234", "1.234"),
        "ambiguous-value",
        "ambiguous-number",
    ),
]


@pytest.mark.parametrize(
    ("old", "new", "_", "where", "code", "key"),
    MISTAKES,
    ids=[f"{m[5]}-{i}" for i, m in enumerate(MISTAKES)],
)
def test_each_rule_is_reported_once_at_its_place(
    bundled: LoadedCriteria,
    tmp_path: Path,
    old: str,
    new: str,
    _: None,
    where: tuple[str, str, str],
    code: str,
    key: str,
) -> None:
    assert BASE.count(old) == 1, old
    text = BASE.replace(old, new)
    path = tmp_path / "region.yaml"
    path.write_text(text, encoding="utf-8")
    submission, found = read_one(bundled.model, path)
    errors = [p for p in found if p.severity == "error"]
    assert submission is None
    line, column = _place(text, where[1], where[2], where[0])
    assert [(p.line, p.column, p.code, p.key) for p in errors] == [(line, column, code, key)]


def test_evidence_in_both_places_is_refused_at_the_value(
    bundled: LoadedCriteria, tmp_path: Path
) -> None:
    text = BASE.replace(
        "\nevidence:\n", '\nevidence:\n  budget.ict_budget_share: "APBD 2018 (illustrative)"\n'
    )
    path = tmp_path / "region.yaml"
    path.write_text(text, encoding="utf-8")
    _, found = read_one(bundled.model, path)
    top_line, _ = _place(text, '  budget.ict_budget_share: "APBD', "budget")
    line, column = _place(text, "      evidence:", "evidence", "ict_budget_share:")
    assert [(p.line, p.column, p.key, dict(p.params)["at"]) for p in found] == [
        (line, column, "evidence-twice", top_line)
    ]


def test_a_mapping_without_a_key_of_a_checked_value_is_a_wrong_plain_value(
    bundled: LoadedCriteria, tmp_path: Path
) -> None:
    # {value: 1.4} is not a claim written with its verification: as before, a mapping
    # where a number belongs, one error.
    path = tmp_path / "region.yaml"
    path.write_text(
        PLAIN.read_text().replace("ict_budget_share: 1.4", "ict_budget_share: {value: 1.4}")
    )
    _, found = read_one(bundled.model, path)
    assert [(p.code, p.key) for p in found if p.severity == "error"] == [
        ("wrong-type", "wrong-type")
    ]


def test_a_verification_column_of_a_csv_is_refused_at_its_header(run: Run, tmp_path: Path) -> None:
    header = run("template", "--format", "csv").stdout.splitlines()[0]
    path = tmp_path / "pool.csv"
    path.write_text(header + ",budget.ict_budget_share.verified\n", encoding="utf-8")
    result = run("validate", "--format", "json", path)
    assert result.exit_code == 1
    problems = json.loads(result.stdout)["problems"]
    column = len(header.split(",")) + 1
    assert [(p["line"], p["column"], p["code"]) for p in problems if p["severity"] == "error"] == [
        (1, column, "verification")
    ]
    errors = [p for p in problems if p["severity"] == "error"]
    assert "read from YAML submissions only" in errors[0]["message"]


# --- which value scores -----------------------------------------------------------------------

CHECKS = {
    "verified": Check(claimed=2.0, status="verified", verified_by="A"),
    "corrected": Check(claimed=2.0, status="corrected", verified=1.0, verified_by="A"),
    "rejected": Check(claimed=2.0, status="rejected", verified_by="A"),
    "not-checked": Check(claimed=2.0),
}
# status -> basis -> the value that scores (None: missing)
EXPECTED: dict[str, dict[str, float | None]] = {
    "verified": {"verified-else-claimed": 2.0, "claimed": 2.0, "verified-only": 2.0},
    "corrected": {"verified-else-claimed": 1.0, "claimed": 2.0, "verified-only": 1.0},
    "rejected": {"verified-else-claimed": None, "claimed": 2.0, "verified-only": None},
    "not-checked": {"verified-else-claimed": 2.0, "claimed": 2.0, "verified-only": None},
}


@pytest.mark.parametrize("basis", VALUE_BASES)
@pytest.mark.parametrize("status", list(CHECKS))
def test_the_value_that_scores(status: str, basis: ValueBasis) -> None:
    claims: dict[str, Value] = {"b.share": 2.0, "a.flag": True}
    values, verification = scored_values(basis, claims, {"b.share": CHECKS[status]})
    assert values.get("b.share") == EXPECTED[status][basis]
    # a value without a check scores as claimed, except under verified-only
    assert values.get("a.flag") == (None if basis == "verified-only" else True)
    assert verification is not None and verification.claims == claims


def test_plain_claims_stay_the_same_object_under_a_basis_that_takes_them() -> None:
    claims: dict[str, Value] = {"b.share": 2.0}
    assert scored_values("verified-else-claimed", claims, {}) == (claims, None)
    assert scored_values("claimed", claims, {})[0] is claims
    values, verification = scored_values("verified-only", claims, {})
    assert values == {} and verification is not None and verification.claims is claims


def test_verified_only_scores_a_plain_submission_as_empty(bundled: LoadedCriteria) -> None:
    strict = with_basis(bundled.model, "verified-only")
    submission, _ = read_one(strict, PLAIN)
    assert submission is not None and dict(submission.values) == {}
    card = score(strict, submission)
    assert card.total == 0.0 and not card.eligible  # missing values fail the gates
    empty, _ = read_one(bundled.model, PLAIN)
    assert empty is not None
    assert score(strict, as_claimed(submission)).total == score(bundled.model, empty).total


def test_the_criteria_basis_reads_the_example(bundled: LoadedCriteria) -> None:
    totals = {}
    for basis in VALUE_BASES:
        submission, problems = read_one(with_basis(bundled.model, basis), VERIFIED)
        assert submission is not None and not [p for p in problems if p.severity == "error"]
        totals[basis] = round(score(with_basis(bundled.model, basis), submission).total, 2)
    plain, _ = read_one(bundled.model, PLAIN)
    assert plain is not None
    assert totals["claimed"] == round(score(bundled.model, plain).total, 2) == 66.79
    assert totals["verified-else-claimed"] == 65.40
    assert totals["verified-only"] < totals["verified-else-claimed"]


def test_with_checks_is_the_entry_point_for_values_verified_later() -> None:
    criteria = make_criteria()
    claims: dict[str, Value] = {"a.flag": True, "a.stage": "full", "b.share": 8.0}
    plain = Submission("32.12", "R", "P", "kabupaten", 2020, claims)
    checked = with_checks(
        plain, {"a.stage": Check("full", "corrected", "some", "panel")}, "verified-else-claimed"
    )
    assert checked.values["a.stage"] == "some" and checked.values["b.share"] == 8.0
    again = with_checks(checked, {"b.share": Check(8.0, "rejected", None, "panel")}, "claimed")
    assert dict(again.values) == claims  # under 'claimed' no check changes a value
    found = effect(score(criteria, checked))
    assert found is not None and [v.address for v in found.values] == ["a.stage"]
    assert found.total < found.total_claimed


# --- properties -------------------------------------------------------------------------------

LEVELS = ["none", "some", "full"]
VALUE = {
    "a.flag": st.booleans(),
    "a.stage": st.sampled_from(LEVELS),
    "b.share": st.floats(0, 100, allow_nan=False),
    "b.gap": st.floats(0, 100, allow_nan=False),
}


@st.composite
def claims_and_checks(draw: st.DrawFn) -> tuple[dict[str, Value], dict[str, Check]]:
    claims: dict[str, Value] = {}
    checks: dict[str, Check] = {}
    for address, values in VALUE.items():
        if draw(st.booleans()):
            claims[address] = draw(values)
            if draw(st.booleans()):
                status = draw(st.sampled_from(["verified", "corrected", "rejected", "not-checked"]))
                verified = draw(values) if status == "corrected" else None
                checks[address] = Check(claims[address], status, verified, "A")  # type: ignore[arg-type]
    return claims, checks


@settings(max_examples=60, deadline=None)
@given(claims_and_checks(), st.sampled_from(["zero", "reweight"]))
def test_under_claimed_the_result_is_the_plain_submissions(
    drawn: tuple[dict[str, Value], dict[str, Check]], missing: str
) -> None:
    claims, checks = drawn
    criteria = make_criteria(missing=missing, value_basis="claimed")
    values, verification = scored_values("claimed", claims, checks)
    checked = Submission("32.12", "R", "P", "kabupaten", 2020, values, verification=verification)
    plain = Submission("32.12", "R", "P", "kabupaten", 2020, claims)
    a, b = score_pool(criteria, [checked, plain])
    assert (a.total, a.eligible, a.factor_keys) == (b.total, b.eligible, b.factor_keys)


@settings(max_examples=60, deadline=None)
@given(claims_and_checks(), st.sampled_from(VALUE_BASES), st.booleans())
def test_every_claim_verified_as_it_is_changes_nothing(
    drawn: tuple[dict[str, Value], dict[str, Check]], basis: ValueBasis, restate: bool
) -> None:
    claims, _ = drawn
    criteria = make_criteria(value_basis=basis)
    checks = {a: Check(v, "verified", v if restate else None, "A") for a, v in claims.items()}
    values, verification = scored_values(basis, claims, checks)
    checked = Submission("32.12", "R", "P", "kabupaten", 2020, values, verification=verification)
    plain = Submission("32.12", "R", "P", "kabupaten", 2020, claims)
    a, b = score_pool(criteria, [checked, plain])
    assert (a.total, a.eligible, a.factor_keys) == (b.total, b.eligible, b.factor_keys)
    found = effect(a)
    if claims:  # with no value, nothing is checked and there is nothing to show
        assert found is not None and found.moved == 0 and found.total == found.total_claimed


# --- the CLI and its reports ------------------------------------------------------------------


def test_validate_and_score_the_verified_example(run: Run) -> None:
    assert run("validate", VERIFIED).exit_code == 0
    result = run("score", VERIFIED, "-f", "json")
    assert result.exit_code == 0, result.output
    region = json.loads(result.stdout)["regions"][0]
    verification = region["verification"]
    assert verification["basis"] == "verified-else-claimed"
    assert (round(verification["score_claimed"], 2), round(region["score"], 2)) == (66.79, 65.40)
    moved = [v["address"] for v in verification["values"] if v["scored"] != v["claimed"]]
    assert moved == [
        "budget.ict_budget_share",
        "applications.public_service_apps",
        "infrastructure.command_centre",
    ]
    assert verification["moved"] == 3
    plain = json.loads(run("score", PLAIN, "-f", "json").stdout)["regions"][0]
    assert "verification" not in plain


@pytest.mark.parametrize(
    ("command", "fmt", "name"),
    [
        ("score", "json", "score-verified.json"),
        ("score", "markdown", "score-verified.md"),
        ("score", "table", "score-verified.txt"),
        ("explain", "json", "explain-verified.json"),
        ("explain", "markdown", "explain-verified.md"),
    ],
)
def test_verified_reports_are_byte_stable(
    run: Run, golden: Golden, monkeypatch: pytest.MonkeyPatch, command: str, fmt: str, name: str
) -> None:
    monkeypatch.chdir(EXAMPLES.parent)
    result = run(command, "examples/indramayu-2018-verified.yaml", "-f", fmt)
    assert result.exit_code == 0, result.output
    golden(name, result.stdout)


def test_the_indonesian_report_names_the_statuses(run: Run) -> None:
    result = run("score", VERIFIED, "-f", "markdown", "--lang", "id")
    assert result.exit_code == 0
    assert "| dikoreksi |" in result.stdout and "| ditolak |" in result.stdout
    assert "Total menurut klaim 66,79, sebagaimana dinilai 65,40 (-1,39)." in result.stdout


# --- verification changes a rank --------------------------------------------------------------

CIREBON = """\
schema_version: 1
region: {code: "32.09", name: Kabupaten Cirebon, province: Jawa Barat, kind: kabupaten}
year: 2018
"""


def _pool(tmp_path: Path) -> Path:
    """Indramayu as claimed (plain), and Cirebon claiming slightly more budget than
    Indramayu but corrected far below it: its claim puts it first, its check second."""
    pool = tmp_path / "pool"
    pool.mkdir()
    (pool / "indramayu.yaml").write_text(PLAIN.read_text(encoding="utf-8"), encoding="utf-8")
    body = PLAIN.read_text(encoding="utf-8")
    body = body[body.index("values:\n") : body.index("evidence:\n")]
    body = body.replace(
        "    ict_budget_share: 1.4\n",
        "    ict_budget_share:\n"
        "      claimed: 1.6\n"
        "      verified: 0.9\n"
        "      status: corrected\n"
        "      verified_by: Tim Verifikasi\n",
    )
    (pool / "cirebon.yaml").write_text(CIREBON + body, encoding="utf-8")
    return pool


def _criteria_file(tmp_path: Path, basis: str) -> Path:
    text = (CRITERIA_DIR / "gerakan-100-smart-city.yaml").read_text(encoding="utf-8")
    text = text.replace("\nmissing: ", f"\nvalue_basis: {basis}\nmissing: ", 1)
    assert f"value_basis: {basis}" in text
    path = tmp_path / f"criteria-{basis}.yaml"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("basis", "order"),
    [("claimed", ["32.09", "32.12"]), ("verified-else-claimed", ["32.12", "32.09"])],
)
def test_verified_values_change_a_rank(
    run: Run, tmp_path: Path, basis: str, order: list[str]
) -> None:
    pool = _pool(tmp_path)
    result = run("rank", pool, "-c", _criteria_file(tmp_path, basis), "-f", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert [r["code"] for r in data["regions"]] == order
    # written only when it is not the default: a plain ranking's JSON is as before
    assert data["criteria_summary"].get("value_basis", "verified-else-claimed") == basis
    cirebon = data["verification"]["regions"]
    assert [r["code"] for r in cirebon] == ["32.09"]
    assert cirebon[0]["values_moved"] == (0 if basis == "claimed" else 1)
    assert cirebon[0]["rank"] == order.index("32.09") + 1


def test_the_rank_csv_shows_who_moved(run: Run, golden: Golden, tmp_path: Path) -> None:
    result = run("rank", _pool(tmp_path), "-f", "csv")
    assert result.exit_code == 0, result.output
    golden("rank-verified.csv", result.stdout)
    header, first, second = result.stdout.splitlines()[:3]
    assert header.endswith(",score_claimed,score_change,values_moved")
    assert first.startswith("1,") and ",32.12," in first and first.endswith(",0.00,0")
    assert ",32.09," in second and second.endswith(",1")
    plain = run("rank", PLAIN, "-f", "csv").stdout
    assert "score_claimed" not in plain


def test_the_bundled_criteria_keep_their_default(bundled: LoadedCriteria) -> None:
    assert bundled.model.value_basis == "verified-else-claimed"
    assert "value_basis" not in (CRITERIA_DIR / "gerakan-100-smart-city.yaml").read_text()


def test_a_verification_column_of_a_workbook_is_refused_at_its_cell(
    run: Run, tmp_path: Path
) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    header = run("template", "--format", "csv").stdout.splitlines()[0].split(",")
    book = openpyxl.Workbook()
    book.active.append([*header, "applications.public_service_apps.status"])
    path = tmp_path / "pool.xlsx"
    book.save(path)
    result = run("validate", "--format", "json", path)
    assert result.exit_code == 1
    errors = [p for p in json.loads(result.stdout)["problems"] if p["severity"] == "error"]
    assert [p["code"] for p in errors] == ["verification"]
    assert errors[0]["column"] == len(header) + 1


@pytest.mark.parametrize("command", ["score", "explain"])
def test_the_html_pages_show_the_verification_table(run: Run, command: str) -> None:
    pytest.importorskip("jinja2")
    pytest.importorskip("matplotlib")
    result = run(command, VERIFIED, "-f", "html")
    assert result.exit_code == 0, result.output
    page = result.stdout
    assert '<section class="verification">' in page
    assert "Verification (verified-else-claimed)" in page
    assert "<td>corrected</td>" in page and "<td>rejected</td>" in page
    assert "Total under the claims 66.79, as scored 65.40 (-1.39)." in page
    plain = run(command, PLAIN, "-f", "html").stdout
    assert '<section class="verification">' not in plain
