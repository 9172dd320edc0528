"""The panel verifies questionnaire claims (issue 15, docs/panel.md#questionnaire-items):
an assessor file may give a number questionnaire item, the panel's aggregate becomes the
claim's verified value through ``verification.with_checks``, a claim already checked in
the submission is refused at the assessor's value, and too few assessors leave the claim
standing."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from smartcity_assess.core.criteria import PanelRules
from smartcity_assess.core.panel import ItemAgreement, panel_check, same_value
from smartcity_assess.core.verification import Check, Evidence

from .conftest import EXAMPLES
from .test_hostile import PROBLEM_LINE, no_traceback

Run = Callable[..., Any]
PLAIN = EXAMPLES / "indramayu-2018.yaml"
VERIFIED = EXAMPLES / "indramayu-2018-verified.yaml"
PANEL_CRITERIA = EXAMPLES / "gerakan-100-smart-city-panel.yaml"
ASSESSORS = ("Budi", "Dewi", "Rina")


def _assessor(folder: Path, name: str, code: str, values: str) -> Path:
    path = folder / name.lower() / f"{code.replace('.', '-')}.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(
        f'schema_version: 1\nassessor: {name}\nregion: "{code}"\nyear: 2018\nvalues:\n{values}',
        encoding="utf-8",
    )
    return path


def _budget(folder: Path, code: str, shares: tuple[float, ...]) -> Path:
    """One file per assessor (Budi, Dewi, Rina, in that order) giving the budget share."""
    for name, share in zip(ASSESSORS, shares, strict=False):
        _assessor(folder, name, code, f"  budget:\n    ict_budget_share: {share}\n")
    return folder


def _pool(tmp_path: Path) -> Path:
    """Indramayu (32.12) as claimed, and Cirebon (32.09) with the same values but a
    claimed ICT budget share of 1.6 instead of 1.4: on its claims Cirebon ranks first."""
    pool = tmp_path / "pool"
    pool.mkdir()
    text = PLAIN.read_text(encoding="utf-8")
    (pool / "indramayu.yaml").write_text(text, encoding="utf-8")
    cirebon = (
        text.replace('code: "32.12"', 'code: "32.09"')
        .replace("name: Kabupaten Indramayu", "name: Kabupaten Cirebon")
        .replace("    ict_budget_share: 1.4\n", "    ict_budget_share: 1.6\n")
    )
    assert cirebon.count("ict_budget_share: 1.6") == 1
    (pool / "cirebon.yaml").write_text(cirebon, encoding="utf-8")
    return pool


def _item(values: tuple[float, ...], aggregate: float | None) -> ItemAgreement:
    given = tuple(zip(ASSESSORS, values, strict=False))
    return ItemAgreement(
        "32.12", "budget.ict_budget_share", given, aggregate, min(values), max(values),
        None, 0.0, False, "questionnaire",
    )  # fmt: skip


# --- the rule, by hand --------------------------------------------------------------------


def test_the_aggregate_checks_the_claim_by_hand() -> None:
    """Claim 1.4. The mean of 1.1, 1.4 and 1.7 is 4.2 / 3, which in floating point is
    1.4000000000000001: the same number up to rounding, so *verified*, and the claim
    itself scores. The median of 0.8, 0.9 and 1.0 is 0.9: *corrected* to 0.9."""
    rules = PanelRules(aggregate="mean")
    mean = (1.1 + 1.4 + 1.7) / 3
    assert mean != 1.4 and same_value(mean, 1.4)
    check = panel_check(_item((1.1, 1.4, 1.7), mean), 1.4, None, rules)
    assert check is not None
    assert (check.status, check.claimed, check.verified) == ("verified", 1.4, None)
    assert check.scored("verified-else-claimed") == 1.4
    assert check.verified_by == "panel: Budi, Dewi, Rina"
    assert check.note == "panel mean of 1.1, 1.4, 1.7"
    corrected = panel_check(_item((0.8, 0.9, 1.0), 0.9), 1.4, None, PanelRules())
    assert corrected is not None
    assert (corrected.status, corrected.verified) == ("corrected", 0.9)
    assert corrected.scored("verified-else-claimed") == 0.9
    assert corrected.scored("claimed") == 1.4
    # A real difference, however small, is a correction.
    assert not same_value(1.4001, 1.4)
    # No claim: the panel's value is a correction of nothing.
    found = panel_check(_item((2.0, 2.0), 2.0), None, None, PanelRules())
    assert found is not None and (found.status, found.claimed, found.verified) == (
        "corrected",
        None,
        2.0,
    )
    # Too few assessors: the claim stands, not checked; and with no claim, no check at all.
    short = panel_check(_item((0.5,), None), 1.4, None, PanelRules())
    assert short is not None
    assert (short.status, short.claimed, short.verified, short.verified_by) == (
        "not-checked",
        1.4,
        None,
        None,
    )
    assert short.note == "panel: too few assessors (1): Budi (0.5)"
    assert panel_check(_item((0.5,), None), None, None, PanelRules()) is None
    # A claim the submission left unchecked keeps its evidence under the panel's check.
    evidence = Evidence("APBD 2018", page=12)
    kept = panel_check(_item((0.8, 0.9), 0.85), 1.4, Check(1.4, evidence=evidence), PanelRules())
    assert kept is not None and kept.evidence == evidence and kept.status == "corrected"


def test_score_reports_the_panels_check(run: Run, tmp_path: Path) -> None:
    """Indramayu claims 1.4; Budi 1.4, Dewi 1.0, Rina 1.2: the median is 1.2, so the
    claim is corrected to 1.2 and the score falls."""
    panel = _budget(tmp_path / "panel", "32.12", (1.4, 1.0, 1.2))
    plain = run("score", PLAIN, "-f", "json")
    checked = run("score", PLAIN, "-f", "json", "--assessors", panel)
    assert plain.exit_code == checked.exit_code == 0, checked.output
    region = json.loads(checked.stdout)["regions"][0]
    v = region["verification"]
    assert [(x["address"], x["claimed"], x["verified"], x["status"]) for x in v["values"]] == [
        ("budget.ict_budget_share", 1.4, 1.2, "corrected")
    ]
    assert v["values"][0]["verified_by"] == "panel: Budi, Dewi, Rina"
    assert v["values"][0]["note"] == "panel median of 1.4, 1, 1.2"
    assert v["score_claimed"] == json.loads(plain.stdout)["regions"][0]["score"]
    assert region["score"] < v["score_claimed"] and v["moved"] == 1
    # The same three values with the claim among them at the middle: verified, unmoved.
    same = _budget(tmp_path / "same", "32.12", (1.4, 1.0, 1.6))
    kept = json.loads(run("score", PLAIN, "-f", "json", "--assessors", same).stdout)
    values = kept["regions"][0]["verification"]["values"]
    assert [(x["status"], x["scored"]) for x in values] == [("verified", 1.4)]
    assert kept["regions"][0]["score"] == json.loads(plain.stdout)["regions"][0]["score"]


def test_the_panels_correction_changes_a_rank(run: Run, tmp_path: Path) -> None:
    """Cirebon's claim of 1.6 puts it first; the panel (0.8, 0.9, 1.0: median 0.9)
    corrects it below Indramayu's 1.4, which the panel verifies (1.4, 1.3, 1.5)."""
    pool = _pool(tmp_path)
    panel = tmp_path / "panel"
    _budget(panel, "32.09", (0.8, 0.9, 1.0))
    _budget(panel, "32.12", (1.4, 1.3, 1.5))
    before = run("rank", pool, "-f", "json")
    after = run("rank", pool, "-f", "json", "--assessors", panel)
    assert before.exit_code == after.exit_code == 0, after.output
    assert [r["code"] for r in json.loads(before.stdout)["regions"]] == ["32.09", "32.12"]
    data = json.loads(after.stdout)
    assert [r["code"] for r in data["regions"]] == ["32.12", "32.09"]
    moved = {r["code"]: r for r in data["verification"]["regions"]}
    assert moved["32.09"]["values_moved"] == 1 and moved["32.09"]["rank"] == 2
    assert moved["32.09"]["change"] < 0
    assert moved["32.12"]["values_moved"] == 0 and moved["32.12"]["change"] == 0
    csv = run("rank", pool, "-f", "csv", "--assessors", panel).stdout.splitlines()
    assert csv[0].endswith(",score_claimed,score_change,values_moved")
    assert ",32.12," in csv[1] and csv[1].endswith(",0.00,0")
    assert ",32.09," in csv[2] and csv[2].endswith(",1")
    explained = run(
        "explain", pool / "cirebon.yaml", "--pool", pool, "--assessors", panel, "-f", "markdown"
    )
    assert explained.exit_code == 0, explained.output
    assert "panel: Budi, Dewi, Rina" in explained.stdout


def test_a_claim_checked_twice_is_refused_at_the_assessors_value(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The submission's check of ict_budget_share (corrected by Tim Verifikasi) and the
    panel's: neither silently wins. The error is at the assessor's value and names the
    submission's line; every assessor's is reported."""
    panel = _budget(tmp_path / "panel", "32.12", (1.4, 1.0))
    monkeypatch.chdir(EXAMPLES.parent)
    result = run("score", "examples/indramayu-2018-verified.yaml", "--assessors", panel)
    no_traceback(result)
    assert result.exit_code == 1 and result.stdout == ""
    assert result.stderr.splitlines() == [
        f"{panel}/{name}/32-12.yaml:7:23: error[panel-verified-twice]: the claim of "
        "'budget.ict_budget_share' of region 32.12 is already checked in its submission "
        "(corrected by Tim Verifikasi, at examples/indramayu-2018-verified.yaml:28:5): a "
        "claim is verified once; remove that check or this value"
        for name in ("budi", "dewi")
    ]
    # A claim the submission left unchecked, the panel may check.
    for name in ("Budi", "Dewi"):
        _assessor(tmp_path / "other", name, "32.12", "  policy:\n    spbe_index: 2.46\n")
    fine = run("score", "examples/indramayu-2018-verified.yaml", "-f", "json",
               "--assessors", tmp_path / "other")  # fmt: skip
    assert fine.exit_code == 0, fine.output
    values = json.loads(fine.stdout)["regions"][0]["verification"]["values"]
    spbe = next(v for v in values if v["address"] == "policy.spbe_index")
    assert (spbe["status"], spbe["verified_by"]) == ("verified", "panel: Budi, Dewi")
    # agreement --pool refuses it too, at the same place.
    twice = run("agreement", panel, "--pool", "examples/indramayu-2018-verified.yaml")
    assert twice.exit_code == 1 and "error[panel-verified-twice]" in twice.stderr


def test_too_few_assessors_leave_the_claim_standing(run: Run, tmp_path: Path) -> None:
    panel = _budget(tmp_path / "panel", "32.12", (0.2,))
    plain = run("score", PLAIN, "-f", "json")
    one = run("score", PLAIN, "-f", "json", "--assessors", panel)
    assert one.exit_code == 0, one.output
    region = json.loads(one.stdout)["regions"][0]
    assert region["score"] == json.loads(plain.stdout)["regions"][0]["score"]
    (value,) = region["verification"]["values"]
    assert (value["status"], value["scored"], value["verified"]) == ("not-checked", 1.4, None)
    assert value["note"] == "panel: too few assessors (1): Budi (0.2)"
    agreed = run("agreement", panel, "--pool", PLAIN, "-f", "json")
    assert agreed.exit_code == 0, agreed.output
    (item,) = json.loads(agreed.stdout)["items"]
    assert (item["source"], item["claimed"], item["status"], item["too_few_assessors"]) == (
        "questionnaire",
        1.4,
        "not-checked",
        True,
    )
    assert agreed.stderr.endswith(
        "1 with too few assessors (no value: scored as missing). 1 questionnaire item(s) "
        "with too few assessors: the claim stands (not checked).\n"
    )


def test_agreement_covers_questionnaire_items(
    run: Run, tmp_path: Path, golden: Callable[[str, str], None]
) -> None:
    """Two regions, three assessors: alpha per questionnaire item, flags on its score
    scale, and with --pool the claim and the status the panel gives it."""
    pool = _pool(tmp_path)
    panel = tmp_path / "panel"
    _budget(panel, "32.09", (0.8, 0.9, 1.0))
    _budget(panel, "32.12", (1.4, 1.3, 3.5))
    result = run("agreement", panel, "--pool", pool, "-f", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert [(i["region"], i["claimed"], i["value"], i["status"]) for i in data["items"]] == [
        ("32.09", 1.6, 0.9, "corrected"),
        ("32.12", 1.4, 1.4, "verified"),
    ]
    assert [r["item"] for r in data["reliability"]] == [
        "budget.ict_budget_share",
        None,
    ]  # the interview-free criteria: only the item scored, and all items
    assert data["reliability"][0]["units"] == 2 and data["reliability"][0]["values"] == 6
    assert data["reliability"][0]["alpha_interval"] is not None
    flagged = [i["flagged"] for i in data["items"]]
    # 3.5 - 1.3 on goalposts of the bundled criteria: over 25 points of the score scale
    assert flagged == [False, True]
    table = run("agreement", panel, "--pool", pool)
    assert "disagree; verified" in table.stdout and "corrected" in table.stdout
    csv = run("agreement", panel, "--pool", pool, "-f", "csv").stdout.splitlines()
    assert csv[1].startswith("32.09,budget.ict_budget_share,questionnaire,1.6,corrected,3,")
    for fmt in ("json", "markdown", "table"):
        report = run("agreement", panel, "--pool", pool, "-f", fmt)
        golden(f"agreement-questionnaire.en.{fmt}", report.stdout)
    no_pool = json.loads(run("agreement", panel, "-f", "json").stdout)
    assert [(i["claimed"], i["status"]) for i in no_pool["items"]] == [(None, None)] * 2


@pytest.mark.parametrize(
    ("value", "code"),
    [
        (".nan", "not-finite"),
        ('"1.4"', "wrong-type"),
        ("-3", "out-of-range"),
        ("1e400", "ambiguous-value"),
        ("[1, 2]", "wrong-type"),
        ("{claimed: 1.4}", "wrong-type"),
        ("!!python/object:os.system 1", "forbidden-tag"),
    ],
)
def test_hostile_questionnaire_values_are_clean_errors(
    run: Run, tmp_path: Path, value: str, code: str
) -> None:
    path = _assessor(tmp_path, "Budi", "32.12", f"  budget:\n    ict_budget_share: {value}\n")
    result = run("agreement", path)
    no_traceback(result)
    assert result.exit_code == 1 and result.stdout == ""
    lines = result.stderr.splitlines()
    matches = [PROBLEM_LINE.match(line) for line in lines]
    assert all(matches) and {m["path"] for m in matches if m} == {str(path)}
    assert code in {m["code"] for m in matches if m}, result.stderr


def test_a_verified_submission_keeps_the_interview_values_in_its_claims(
    run: Run, tmp_path: Path
) -> None:
    """Interview values are no claims, but score under every basis: the claimed score of a
    verified submission includes them, and verification lists only its own checks."""
    panel = tmp_path / "panel"
    five = "  interview:\n    vision: 5\n    commitment: 5\n    readiness_to_fund: 5\n"
    for name in ASSESSORS[:2]:
        _assessor(panel, name, "32.12", five)
    result = run("score", VERIFIED, "-c", PANEL_CRITERIA, "-f", "json", "--assessors", panel)
    assert result.exit_code == 0, result.output
    v = json.loads(result.stdout)["regions"][0]["verification"]
    assert not [x for x in v["values"] if x["address"].startswith("interview.")]
    plain = run("score", VERIFIED, "-c", PANEL_CRITERIA, "-f", "json")
    alone = json.loads(plain.stdout)["regions"][0]["verification"]
    # The panel's 5s lift the claimed score and the scored one alike.
    assert v["score_claimed"] > alone["score_claimed"] and v["moved"] == alone["moved"]
