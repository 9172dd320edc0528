"""A panel of assessors (issue 15): interview indicators, assessor files, aggregation,
agreement (Krippendorff's alpha), ``--assessors`` and ``assess agreement``."""

from __future__ import annotations

import json
import math
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from pydantic import ValidationError

from smartcity_assess.core.criteria import Criteria, PanelRules, rules
from smartcity_assess.core.panel import (
    Rating,
    aggregate,
    agreement,
    krippendorff_alpha,
    sample_sd,
    spread_half_widths,
    with_panel,
)
from smartcity_assess.errors import InvalidInput
from smartcity_assess.reading.criteria_file import load_criteria
from smartcity_assess.reading.panel import read_panel

from .conftest import EXAMPLES, make_criteria
from .test_hostile import HOSTILE, PROBLEM_LINE, no_traceback

Run = Callable[..., Any]
PANEL_CRITERIA = EXAMPLES / "gerakan-100-smart-city-panel.yaml"
PANEL = EXAMPLES / "panel-2018"
POOL = EXAMPLES / "pool-2018"


@pytest.fixture(scope="module")
def criteria() -> Criteria:
    return load_criteria(PANEL_CRITERIA).model


# --- aggregation, by hand -----------------------------------------------------------------


def test_median_mean_and_trimmed_mean_by_hand() -> None:
    """Values 1, 2, 2, 3, 5, 9 (n = 6):

    - median: the two middle values are 2 and 3, so (2 + 3) / 2 = 2.5;
    - mean: (1 + 2 + 2 + 3 + 5 + 9) / 6 = 22 / 6 = 3.666...;
    - trimmed mean, trim 0.2: floor(0.2 x 6) = 1 value cut from each end (1 and 9),
      leaving 2, 2, 3, 5: 12 / 4 = 3.0;
    - trimmed mean, trim 0.1: floor(0.6) = 0 cut: the mean, 3.666...;
    - odd n, median of 4, 1, 3: sorted 1, 3, 4, the middle one is 3.
    """
    values = [9, 2, 1, 3, 2, 5]
    assert aggregate(values, PanelRules(aggregate="median")) == 2.5
    assert aggregate(values, PanelRules(aggregate="mean")) == pytest.approx(22 / 6)
    assert aggregate(values, PanelRules(aggregate="trimmed-mean")) == 3.0  # default trim 0.2
    assert aggregate(values, PanelRules(aggregate="trimmed-mean", trim=0.1)) == pytest.approx(
        22 / 6
    )
    assert aggregate([4, 1, 3], PanelRules()) == 3
    with pytest.raises(ValueError):
        aggregate([], PanelRules())


def test_sample_sd_by_hand() -> None:
    """3, 2, 2: mean 7/3; deviations 2/3, -1/3, -1/3; squares 4/9 + 1/9 + 1/9 = 6/9;
    over n - 1 = 2: 1/3; SD = sqrt(1/3) = 0.57735."""
    assert sample_sd([3, 2, 2]) == pytest.approx(math.sqrt(1 / 3))
    assert sample_sd([4]) is None


# --- Krippendorff's alpha -----------------------------------------------------------------


def test_interval_alpha_by_hand() -> None:
    """Three regions, two assessors each: {1, 2}, {3, 3}, {2, 4}; n = 6 pairable values.

    Observed disagreement, interval metric (v - v')^2, each unit's ordered pairs over
    m_u - 1 = 1: unit 1: 2 x (1-2)^2 = 2; unit 2: 0; unit 3: 2 x (2-4)^2 = 8.
    D_o = (2 + 0 + 8) / n = 10/6.
    Expected disagreement over all n(n-1) ordered pairs of 1, 2, 3, 3, 2, 4: the sum over
    unordered pairs is n x sum of squared deviations from the mean 2.5 = 6 x 5.5 = 33,
    so 66 ordered; D_e = 66 / (6 x 5) = 2.2.
    alpha = 1 - D_o / D_e = 1 - (10/6) / 2.2 = 1 - 25/33 = 8/33 = 0.242424.
    """
    assert krippendorff_alpha([[1, 2], [3, 3], [2, 4]], "interval") == round(8 / 33, 6)


def test_alpha_of_krippendorffs_textbook_example() -> None:
    """Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", example C: four
    observers, twelve units, values 1-5 with gaps; the paper gives alpha interval 0.849
    and ordinal 0.815 (nominal 0.743). Unit 12 has one value and is not pairable."""
    a = [1, 2, 3, 3, 2, 1, 4, 1, 2, None, None, None]
    b = [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, None, 3]
    c = [None, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, None]
    d = [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, None]
    units = [[v for v in column if v is not None] for column in zip(a, b, c, d, strict=True)]
    assert round(krippendorff_alpha(units, "interval"), 3) == 0.849
    assert round(krippendorff_alpha(units, "ordinal"), 3) == 0.815


def test_perfect_agreement_and_undefined_alpha(criteria: Criteria) -> None:
    ratings = [
        Rating("A", "32.78", 2018, {"interview.vision": 4, "interview.commitment": 2}),
        Rating("B", "32.78", 2018, {"interview.vision": 4, "interview.commitment": 2}),
        Rating("A", "53.02", 2018, {"interview.vision": 2}),
        Rating("B", "53.02", 2018, {"interview.vision": 2}),
    ]
    panel = agreement(criteria, ratings)
    by_item = {r.address: r for r in panel.reliability}
    assert by_item["interview.vision"].interval == 1.0
    # One region with two equal values: no variation at all, alpha is not defined.
    assert by_item["interview.commitment"].interval is None
    assert by_item["interview.readiness_to_fund"].units == 0
    assert by_item[None].interval == 1.0 and by_item[None].units == 3


# --- the example panel ----------------------------------------------------------------------


def test_the_example_panel_is_aggregated_and_flagged(criteria: Criteria) -> None:
    ratings, warnings = read_panel(criteria, PANEL, pool=None)
    assert warnings == [] and len(ratings) == 18
    panel = agreement(criteria, ratings)
    assert panel.assessors == ("Budi Santoso", "Dewi Lestari", "Rina Wulandari")
    items = {(i.code, i.address): i for i in panel.items}
    # Kabupaten Paser's vision: 4, 4, 2. Median 4; range 2 on a 1-5 scale is 2/4 of the
    # goalpost span = 50 points of the 0-100 score, above the threshold of 25.
    paser = items[("64.01", "interview.vision")]
    assert (paser.value, paser.spread, paser.score_range, paser.flagged) == (4, 2, 50.0, True)
    assert paser.sd == pytest.approx(math.sqrt(4 / 3))  # mean 10/3; (4/9+4/9+16/9)/2
    # A range of one step is 25 points: not above the threshold.
    assert not items[("11.73", "interview.commitment")].flagged
    # Kota Lhokseumawe's readiness to fund: one assessor of the two needed, no value.
    short = items[("11.73", "interview.readiness_to_fund")]
    assert short.n == 1 and short.value is None and not short.flagged
    assert [(i.code, i.address) for i in panel.flagged] == [("64.01", "interview.vision")]
    assert [(i.code, i.address) for i in panel.short] == [("11.73", "interview.readiness_to_fund")]
    values = panel.values()
    assert "interview.readiness_to_fund" not in values["11.73"]
    assert values["32.78"] == {
        "interview.vision": 5,
        "interview.commitment": 5,
        "interview.readiness_to_fund": 4,
    }


def test_aggregate_follows_the_criteria(criteria: Criteria) -> None:
    mean = criteria.model_copy(update={"panel": PanelRules(aggregate="mean", min_assessors=1)})
    ratings, _ = read_panel(criteria, PANEL, pool=None)
    items = {(i.code, i.address): i for i in agreement(mean, ratings).items}
    assert items[("64.01", "interview.vision")].value == pytest.approx(10 / 3)
    assert items[("11.73", "interview.readiness_to_fund")].value == 4  # one is enough now


def test_spread_gives_the_standard_error(criteria: Criteria) -> None:
    """Half-width from the spread: SD / sqrt(n); Paser's vision 4, 4, 2: SD = sqrt(4/3),
    n = 3, so sqrt(4/3) / sqrt(3) = 2/3. Items where all agree (SD 0) get none."""
    ratings, _ = read_panel(criteria, PANEL, pool=None)
    spread = spread_half_widths(agreement(criteria, ratings), criteria)
    assert spread[("64.01", "interview.vision")] == pytest.approx(2 / 3)
    assert ("32.78", "interview.readiness_to_fund") not in spread  # 4, 4, 4
    assert ("11.73", "interview.readiness_to_fund") not in spread  # no value


def test_with_panel_adds_the_values_and_nothing_else(criteria: Criteria) -> None:
    from smartcity_assess.reading.submissions import read_batch

    batch = read_batch(criteria, [POOL / "32-78-kota-tasikmalaya.yaml"])
    ratings, _ = read_panel(criteria, PANEL, pool=None)
    (merged,) = with_panel(batch.submissions, agreement(criteria, ratings), criteria)
    (original,) = batch.submissions
    added = {k: v for k, v in merged.values.items() if k not in original.values}
    assert added == {
        "interview.vision": 5,
        "interview.commitment": 5,
        "interview.readiness_to_fund": 4,
    }
    assert all(merged.values[k] == v for k, v in original.values.items())


# --- criteria -----------------------------------------------------------------------------


def _with_indicator(**fields: Any) -> Criteria:
    base = make_criteria()
    data = base.model_dump(mode="json", exclude_defaults=True)
    data["factors"][1]["indicators"][0].update(fields)
    return Criteria.model_validate(data)


def test_criteria_rules_of_interview_items() -> None:
    def keys(criteria: Criteria) -> list[str]:
        return [f.key for f in rules(criteria)]

    assert keys(_with_indicator(source="interview")) == []
    assert keys(_with_indicator(source="interview", required=True)) == ["interview-required"]
    boolean = make_criteria().model_dump(mode="json", exclude_defaults=True)
    boolean["factors"][0]["indicators"][0]["source"] = "interview"
    assert keys(Criteria.model_validate(boolean)) == ["interview-number"]
    assert keys(make_criteria(panel={"aggregate": "median", "trim": 0.1})) == ["panel-trim"]
    with pytest.raises(ValidationError):
        make_criteria(panel={"trim": 0.5, "aggregate": "trimmed-mean"})
    with pytest.raises(ValidationError):
        _with_indicator(source="panel")


def test_the_criteria_schema_takes_the_panel_criteria(criteria: Criteria) -> None:
    import jsonschema
    import yaml

    from smartcity_assess.report.schema import criteria_schema

    data = yaml.safe_load(PANEL_CRITERIA.read_text(encoding="utf-8"))
    jsonschema.validate(data, criteria_schema())
    data["factors"][-1]["indicators"][0]["type"] = "boolean"
    for name in ("unit", "valid", "goalposts", "rationale"):
        data["factors"][-1]["indicators"][0].pop(name)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(data, criteria_schema())


# --- files: every problem at file:line:col --------------------------------------------------


def _write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


GOOD = """schema_version: 1
assessor: Dewi
region: "32.78"
year: 2018
values:
  interview:
    vision: 4
"""


def test_every_problem_of_an_assessor_file_at_its_place(run: Run, tmp_path: Path) -> None:
    _write(
        tmp_path,
        "a.yaml",
        """schema_version: 1
assessor: "  "
region: "32.7"
year: 2018
values:
  interview:
    vision: 6
    commitment: "4"
  leadership:
    head_commitment: none
  bogus: 1
""",
    )
    result = run("agreement", tmp_path / "a.yaml", "-c", PANEL_CRITERIA)
    no_traceback(result)
    assert result.exit_code == 1 and result.stdout == ""
    name = str(tmp_path / "a.yaml")
    assert result.stderr.splitlines() == [
        f"{name}:2:11: error[panel-no-assessor]: the assessor's name is blank",
        f"{name}:3:9: error[region-code]: '32.7' is not a region code (PP.RR, e.g. "
        '"32.12", in quotes)',
        f"{name}:7:13: error[out-of-range]: 6 is outside the valid range 1..5",
        f"{name}:8:17: error[wrong-type]: expected a number, got the text '4'",
        f"{name}:10:22: error[panel-questionnaire]: 'leadership.head_commitment' is a "
        "questionnaire item of type level: an assessor file verifies number items only (the "
        "panel's values are aggregated as numbers); check a level or yes/no claim in the "
        "submission (docs/verification.md)",
        f"{name}:11:3: error[unknown-key]: unknown key 'bogus'",
    ]


def test_twice_the_same_region_not_in_the_pool_and_other_files(run: Run, tmp_path: Path) -> None:
    _write(tmp_path, "dewi/a.yaml", GOOD)
    _write(tmp_path, "dewi/b.yaml", GOOD.replace("vision: 4", "vision: 3"))
    _write(tmp_path, "dewi/c.yaml", GOOD.replace('"32.78"', '"11.11"'))  # in pool
    _write(tmp_path, "dewi/d.yaml", GOOD.replace('"32.78"', '"31.71"'))  # not in the pool
    _write(tmp_path, "dewi/notes.txt", "not an assessor file")
    _write(tmp_path, "dewi/sheet.csv", "a,b\n")
    result = run("agreement", tmp_path, "-c", PANEL_CRITERIA, "--pool", POOL)
    no_traceback(result)
    assert result.exit_code == 1 and result.stdout == ""
    lines = result.stderr.splitlines()
    assert [PROBLEM_LINE.match(line)["code"] for line in lines] == [  # type: ignore[index]
        "panel-duplicate",
        "panel-not-in-pool",
        "panel-file-kind",
        "panel-file-kind",
    ]
    assert lines[0] == (
        f"{tmp_path}/dewi/b.yaml:3:9: error[panel-duplicate]: assessor 'Dewi' scores region "
        f"32.78 twice (first at {tmp_path}/dewi/a.yaml:3)"
    )
    assert lines[1].startswith(f"{tmp_path}/dewi/d.yaml:3:9: error[panel-not-in-pool]: ")


def test_without_a_pool_the_region_must_be_in_the_registry(run: Run, tmp_path: Path) -> None:
    _write(tmp_path, "a.yaml", GOOD.replace('"32.78"', '"32.99"'))
    result = run("agreement", tmp_path, "-c", PANEL_CRITERIA)
    assert result.exit_code == 1
    assert result.stderr == (
        f"{tmp_path}/a.yaml:3:9: error[panel-unknown-region]: region 32.99 is not in the "
        "registry of kabupaten/kota\n"
    )


@pytest.mark.parametrize(("code", "ok"), [("91.09", True), ("94.04", False)])
def test_an_assessor_file_s_region_is_one_of_its_year(
    run: Run, tmp_path: Path, code: str, ok: bool
) -> None:
    """In 2018 Kabupaten Mimika was 91.09 (Papua); 94.04 (Papua Tengah) came in 2022. An
    assessor file of 2018 is checked against the regions of 2018, as a submission is."""
    _write(tmp_path, "a.yaml", GOOD.replace('"32.78"', f'"{code}"'))
    result = run("agreement", tmp_path, "-c", PANEL_CRITERIA)
    if ok:
        assert result.exit_code == 0, result.output
    else:
        assert result.exit_code == 1
        assert result.stderr.startswith(f"{tmp_path}/a.yaml:3:9: error[")
        assert "91.09" in result.stderr and "2018" in result.stderr


def test_a_submission_may_not_give_an_interview_value(run: Run, tmp_path: Path) -> None:
    text = (POOL / "32-78-kota-tasikmalaya.yaml").read_text(encoding="utf-8")
    path = _write(tmp_path, "s.yaml", text + "  interview:\n    vision: 5\n")
    line = len(text.splitlines()) + 2
    result = run("validate", path, "-c", PANEL_CRITERIA)
    assert result.exit_code == 1
    assert result.stdout.startswith(
        f"{path}:{line}:13: error[interview-value]: this item is scored by the panel of "
        "assessors (source: interview): a submission leaves it empty, but it has the number 5"
    )
    # The CSV path validates the same field: one rule.
    rank = run("rank", path, "-c", PANEL_CRITERIA)
    assert rank.exit_code == 1 and "error[interview-value]" in rank.stderr


def test_assessors_need_an_item_the_panel_can_score(run: Run, tmp_path: Path) -> None:
    # The bundled criteria have number questionnaire items, but no interview factor.
    result = run("rank", POOL, "--assessors", PANEL)
    assert result.exit_code == 1
    assert "error[unknown-key]: unknown key 'interview'" in result.stderr
    number = (
        "type: number, required: true, goalposts: {worst: 0, best: 100}, valid: {min: 0, max: 100}"
    )
    text = (Path(__file__).parent / "data/rank/criteria.yaml").read_text(encoding="utf-8")
    assert text.count(number) == 2
    (tmp_path / "c.yaml").write_text(text.replace(number, "type: boolean"), encoding="utf-8")
    result = run("agreement", PANEL, "-c", tmp_path / "c.yaml")
    assert result.exit_code == 2
    assert "--assessors needs criteria with an item the panel can score" in result.stderr


@pytest.mark.parametrize("name", sorted(p.name for p in HOSTILE.iterdir() if p.suffix == ".yaml"))
def test_hostile_yaml_as_an_assessor_file(
    run: Run, name: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every hostile YAML of the corpus, given as an assessor file: exit 1, every line a
    problem naming the file, never a traceback."""
    monkeypatch.chdir(HOSTILE)
    result = run("agreement", name, "-c", PANEL_CRITERIA, "--max-file-size", "400000")
    no_traceback(result)
    assert result.exit_code == 1, result.output
    lines = result.stderr.splitlines()
    assert lines and all((m := PROBLEM_LINE.match(line)) and m["path"] == name for line in lines), (
        result.stderr
    )


# --- the CLI: reports, goldens, and the panel changing a rank ------------------------------


@pytest.mark.parametrize(
    ("fmt", "lang"),
    [
        ("table", "en"),
        ("table", "id"),
        ("json", "en"),
        ("csv", "en"),
        ("markdown", "en"),
        ("markdown", "id"),
    ],
)
def test_agreement_report_goldens(
    run: Run, golden: Callable[[str, str], None], fmt: str, lang: str
) -> None:
    result = run(
        "agreement", PANEL, "-c", PANEL_CRITERIA, "--pool", POOL, "-f", fmt, "--lang", lang
    )
    assert result.exit_code == 0, result.output
    golden(f"agreement-panel-2018.{lang}.{fmt}", result.stdout)
    assert result.stderr.endswith(
        "1 flagged for disagreement; 1 with too few assessors (no value: scored as missing).\n"
        if lang == "en"
        else "1 ditandai tidak sepakat; 1 dengan penilai terlalu sedikit (tanpa nilai: "
        "dinilai sebagai kosong).\n"
    )


def test_agreement_json_is_byte_stable_whatever_the_folder(run: Run, tmp_path: Path) -> None:
    for path in PANEL.rglob("*.yaml"):
        # Files renamed and regrouped: the report names them by sha256, not by path.
        _write(tmp_path, f"x/{path.parent.name}-{path.name}", path.read_text(encoding="utf-8"))
    one = run("agreement", PANEL, "-c", PANEL_CRITERIA, "-f", "json")
    two = run("agreement", tmp_path, "-c", PANEL_CRITERIA, "-f", "json")
    assert one.exit_code == two.exit_code == 0
    assert one.stdout == two.stdout
    data = json.loads(one.stdout)
    assert data["summary"] == {"items": 18, "flagged": 1, "too_few_assessors": 1}
    assert len(data["files"]) == 18


def _cohort(run: Run, *extra: Any) -> dict[str, Any]:
    result = run("rank", POOL, "-c", PANEL_CRITERIA, "--cohorts", "2018:50", "-f", "json", *extra)
    assert result.exit_code == 0, result.output
    return {r["code"]: r for r in json.loads(result.stdout)["regions"]}


def test_the_panel_changes_the_ranking(run: Run) -> None:
    without = _cohort(run)
    with_ = _cohort(run, "--assessors", PANEL)
    assert (
        len(
            json.loads(
                run("rank", POOL, "-c", PANEL_CRITERIA, "--assessors", PANEL, "-f", "json").stdout
            )["assessor_files"]
        )
        == 18
    )
    # Kabupaten Timor Tengah Selatan: 50th on its questionnaire; the panel's 2, 2, 2
    # (25 of 100) on the heaviest factor puts it out of the cohort.
    assert without["53.02"]["rank"] == 50 and without["53.02"]["cohort"] == 2018
    assert with_["53.02"]["cohort"] is None and with_["53.02"]["rank"] > 50
    # Kota Tasikmalaya: out at 53; the panel's 5, 5, 4 puts it in.
    assert without["32.78"]["cohort"] is None and with_["32.78"]["cohort"] == 2018
    # A region the panel did not interview keeps its score (missing: reweight).
    assert with_["36.74"]["score"] == without["36.74"]["score"]


def test_score_and_explain_take_the_panel(run: Run, tmp_path: Path) -> None:
    region = POOL / "32-78-kota-tasikmalaya.yaml"
    plain = run("score", region, "-c", PANEL_CRITERIA, "-f", "json")
    panel = run("score", region, "-c", PANEL_CRITERIA, "-f", "json", "--assessors", PANEL)
    assert plain.exit_code == 0 and panel.exit_code == 1  # the panel scores regions not given
    assert "error[panel-not-in-pool]" in panel.stderr
    one = next(PANEL.glob("*/32-78.yaml"))
    alone = run("score", region, "-c", PANEL_CRITERIA, "-f", "json", "--assessors", one)
    # One assessor of the two needed: no interview value, scored on the questionnaire.
    assert alone.stdout == plain.stdout
    for path in PANEL.glob("*/32-78.yaml"):
        _write(tmp_path, f"{path.parent.name}.yaml", path.read_text(encoding="utf-8"))
    scored = run("score", region, "-c", PANEL_CRITERIA, "-f", "json", "--assessors", tmp_path)
    assert scored.exit_code == 0, scored.output
    total = json.loads(scored.stdout)["regions"][0]["score"]
    assert total > json.loads(plain.stdout)["regions"][0]["score"]
    explained = run(
        "explain", region, "--pool", POOL, "-c", PANEL_CRITERIA, "--cohorts", "2018:50",
        "--assessors", PANEL, "-f", "json",
    )  # fmt: skip
    assert explained.exit_code == 0, explained.output
    assert json.loads(explained.stdout)["position"]["cohort"] == 2018


def test_sensitivity_takes_value_uncertainty_from_the_spread(run: Run) -> None:
    args = ("sensitivity", POOL, "-c", PANEL_CRITERIA, "--cohorts", "2018:50", "--runs", "50")
    plain = run(*args, "-f", "json")
    panel = run(*args, "-f", "json", "--assessors", PANEL)
    assert plain.exit_code == panel.exit_code == 0, panel.output
    assert json.loads(plain.stdout)["values"]["uncertain"] == []
    assert "from_panel" not in json.loads(plain.stdout)["values"]
    items = ["interview.vision", "interview.commitment", "interview.readiness_to_fund"]
    assert json.loads(panel.stdout)["values"]["uncertain"] == items
    assert json.loads(panel.stdout)["values"]["from_panel"] == items
    markdown = run(*args, "-f", "markdown", "--assessors", PANEL)
    assert "Under the declared uncertainty and the panel's spread (50 runs)" in markdown.stdout


def test_value_uncertainty_moves_only_the_panel_values(criteria: Criteria) -> None:
    """The half-widths matrix: the panel's spread where a value has one, 0 elsewhere."""
    from smartcity_assess.core.ranking import rank
    from smartcity_assess.core.scoring import score_pool
    from smartcity_assess.core.sensitivity import pool_matrix
    from smartcity_assess.core.value_uncertainty import half_widths
    from smartcity_assess.reading.submissions import read_batch

    batch = read_batch(criteria, [POOL])
    ratings, _ = read_panel(criteria, PANEL, pool=None)
    panel = agreement(criteria, ratings)
    cards = score_pool(criteria, with_panel(batch.submissions, panel, criteria))
    ranking = rank(criteria, cards, list(criteria.cohorts[1:2]), None, frozenset())
    matrix = pool_matrix(criteria, [r.card for r in ranking.regions])
    widths = np.nan_to_num(half_widths(matrix, spread_half_widths(panel, criteria)))
    row = [r.code for r in ranking.regions].index("64.01")
    column = [matrix.pool.addresses[c] for c in matrix.pool.number_columns].index(
        "interview.vision"
    )
    assert widths[row, column] == pytest.approx(2 / 3)
    assert np.count_nonzero(widths) == len(spread_half_widths(panel, criteria))


def test_decision_record_takes_the_panel(run: Run) -> None:
    base = ("decision-record", POOL, "-c", PANEL_CRITERIA, "--cohorts", "2018:50")
    base += ("--date", "2018-03-12", "--panel", "Dewi Lestari, ketua")
    plain = run(*base, "-f", "json")
    panel = run(*base, "-f", "json", "--assessors", PANEL)
    assert plain.exit_code == panel.exit_code == 0, panel.output
    assert "assessor_files" not in json.loads(plain.stdout)
    files = json.loads(panel.stdout)["assessor_files"]
    assert len(files) == 18 and files == sorted(files, key=lambda f: f["sha256"])
    assert {f["assessor"] for f in files} == {"Budi Santoso", "Dewi Lestari", "Rina Wulandari"}
    html = run(*base, "--assessors", PANEL)  # HTML, the default format
    assert html.exit_code == 0, html.output
    assert '<section id="assessor-files">' in html.stdout
    assert files[0]["sha256"] in html.stdout


def test_invalid_assessor_files_stop_rank(run: Run, tmp_path: Path) -> None:
    _write(tmp_path, "a.yaml", GOOD.replace("vision: 4", "vision: .nan"))
    result = run("rank", POOL, "-c", PANEL_CRITERIA, "--assessors", tmp_path)
    no_traceback(result)
    assert result.exit_code == 1 and result.stdout == ""
    assert f"{tmp_path}/a.yaml:7:13: error[not-finite]" in result.stderr


def test_read_panel_raises_with_every_problem(criteria: Criteria, tmp_path: Path) -> None:
    _write(tmp_path, "a.yaml", "- a list\n")
    _write(tmp_path, "b.yaml", GOOD + "---\n" + GOOD)
    with pytest.raises(InvalidInput) as caught:
        read_panel(criteria, tmp_path)
    assert [(p.code, p.line) for p in caught.value.problems] == [
        ("wrong-type", 1),
        ("panel-shape", 1),
    ]


def test_templates_leave_the_interview_items_out(run: Run, tmp_path: Path) -> None:
    yaml_template = run("template", "-c", PANEL_CRITERIA)
    csv_template = run("template", "-c", PANEL_CRITERIA, "-f", "csv")
    assert yaml_template.exit_code == csv_template.exit_code == 0
    assert "  interview:" not in yaml_template.stdout and "vision:" not in yaml_template.stdout
    assert "interview." not in csv_template.stdout
    bundled = run("template", "-f", "csv")
    assert csv_template.stdout == bundled.stdout  # the same questionnaire
    form = tmp_path / "form.xlsx"
    assert run("template", "-c", PANEL_CRITERIA, "-f", "xlsx", "-o", form).exit_code == 0
    from openpyxl import load_workbook

    cells = {c.value for sheet in load_workbook(form) for row in sheet.iter_rows() for c in row}
    assert "interview.vision" not in cells and "infrastructure.internet_bandwidth" in cells


def test_a_programme_round_can_name_its_panel(run: Run, tmp_path: Path) -> None:
    programme = _write(
        tmp_path,
        "programme.yaml",
        f"""schema_version: 1
title: Panel round
rounds:
  - year: 2018
    criteria: {PANEL_CRITERIA}
    cohorts: {{2018: 50}}
    pool: {POOL}
    assessors: {PANEL}
""",
    )
    by_round = run("round", "rank", programme, "2018", "-f", "json")
    direct = run(
        "rank", POOL, "-c", PANEL_CRITERIA, "--cohorts", "2018:50", "--assessors", PANEL,
        "-f", "json",
    )  # fmt: skip
    assert by_round.exit_code == direct.exit_code == 0, by_round.output
    ranked = json.loads(by_round.stdout)
    assert ranked["assessor_files"] == json.loads(direct.stdout)["assessor_files"]
    assert ranked["regions"] == json.loads(direct.stdout)["regions"]


def test_the_criteria_view_marks_the_interview_items(run: Run) -> None:
    shown = run("criteria", PANEL_CRITERIA, "-f", "markdown", "--lang", "id")
    assert shown.exit_code == 0, shown.output
    assert "angka, wawancara (dinilai panel)" in shown.stdout
    assert run("criteria", "-f", "markdown").stdout.count("interview") == 0


def test_a_missing_or_empty_panel_is_a_usage_error(run: Run, tmp_path: Path) -> None:
    missing = run("rank", POOL, "-c", PANEL_CRITERIA, "--assessors", tmp_path / "nope")
    assert missing.exit_code == 2 and "no such file or directory" in missing.stderr
    _write(tmp_path, "empty/notes.txt", "nothing here")
    empty = run("agreement", tmp_path / "empty", "-c", PANEL_CRITERIA)
    assert empty.exit_code == 2
    assert "empty holds no assessor file (*.yaml, *.yml)" in empty.stderr


@pytest.mark.parametrize("low", [1.0, 1.2, 1.4, 2.2, 3.4])
def test_a_spread_equal_to_the_threshold_is_never_flagged(criteria: Criteria, low: float) -> None:
    """A one-point spread on a 1-5 item is 25 points of the 0-100 scale, the default
    threshold: never flagged, wherever it sits (1.2 and 2.2 differ by 25.000000000000004
    in floats, which once flagged it)."""
    assert criteria.panel.disagreement == 25
    ratings = [
        Rating("A", "32.78", 2018, {"interview.vision": low}),
        Rating("B", "32.78", 2018, {"interview.vision": low + 1}),
    ]
    (item,) = agreement(criteria, ratings).items
    assert not item.flagged
