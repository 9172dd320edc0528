"""A programme across rounds: the programme file, ``assess round rank``, ``assess round
record`` and ``assess history``, end to end on examples/programme and on small files
that break one rule each (reported at file:line:col, exit 2)."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import re
import shlex
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from .conftest import CRITERIA_DIR, EXAMPLES, ROOT

PROGRAMME = EXAMPLES / "programme" / "programme.yaml"
COHORT_2017 = [
    line.split("#", 1)[0].strip()
    for line in (EXAMPLES / "cohort-2017.txt").read_text(encoding="utf-8").splitlines()
    if line.split("#", 1)[0].strip()
]
WITHDRAWN = "32.73"  # withdrawn in the example's 2017 outcome; it is in the example pool
CRITERIA_SHA = hashlib.sha256(
    (CRITERIA_DIR / "gerakan-100-smart-city.yaml").read_bytes()
).hexdigest()

Run = Callable[..., Any]


def _ok(result: Any) -> Any:
    assert result.exit_code == 0, result.output
    return result


def _selected(data: dict[str, Any]) -> list[str]:
    return [code for cohort in data["cohorts"] for code in cohort["selected"]]


def _programme(rounds: dict[int, list[str]]) -> list[str]:
    return [code for year in sorted(rounds) for code in rounds[year]]


def test_example_rounds_never_reselect_earlier_regions(run: Run) -> None:
    data = yaml.safe_load(PROGRAMME.read_text(encoding="utf-8"))
    selected_2018 = data["rounds"][1]["outcome"]["selected"]
    r2018 = json.loads(_ok(run("round", "rank", PROGRAMME, "2018", "--format", "json")).stdout)
    r2019 = json.loads(_ok(run("round", "rank", PROGRAMME, "2019", "--format", "json")).stdout)
    # The pool holds ten 2017 members: all are excluded, none selected.
    excluded_2018 = {e["code"] for e in r2018["excluded"]}
    assert len(excluded_2018) == 10 and excluded_2018 <= set(COHORT_2017)
    assert not set(_selected(r2018)) & set(COHORT_2017)
    assert len(_selected(r2018)) == 50
    # The recorded 2018 outcome is this ranking's selection (the example was made so).
    assert _selected(r2018) == selected_2018
    assert not set(_selected(r2019)) & (set(COHORT_2017) | set(selected_2018))
    assert {e["code"] for e in r2019["excluded"]} == excluded_2018 | set(selected_2018)
    assert len(_selected(r2019)) == 25


def test_readmit_is_the_explicit_override(run: Run) -> None:
    plain = json.loads(_ok(run("round", "rank", PROGRAMME, "2018", "-f", "json")).stdout)
    readmitted = json.loads(
        _ok(run("round", "rank", PROGRAMME, "2018", "-f", "json", "--readmit", WITHDRAWN)).stdout
    )
    assert WITHDRAWN not in _selected(plain)
    assert WITHDRAWN in _selected(readmitted)
    assert WITHDRAWN not in {e["code"] for e in readmitted["excluded"]}
    refused = run("round", "rank", PROGRAMME, "2018", "--readmit", "35.73")
    assert refused.exit_code == 2
    assert "--readmit 35.73: 35.73 is not excluded from round 2018" in refused.stderr


# A withdrawn region labelled in every format and both languages: tests/test_history.py.


def test_plain_rank_still_says_selected_earlier(run: Run) -> None:
    out = _ok(run("rank", EXAMPLES / "pool-2018", "--exclude", EXAMPLES / "cohort-2017.txt"))
    assert "Excluded (selected in earlier rounds): 10" in out.stdout
    assert "withdrawn" not in out.stdout


def test_round_rank_is_deterministic(run: Run) -> None:
    for fmt in ("json", "csv", "markdown"):
        first = _ok(run("round", "rank", PROGRAMME, "2019", "-f", fmt)).stdout
        again = _ok(run("round", "rank", PROGRAMME, "2019", "-f", fmt)).stdout
        assert first == again
    history = [_ok(run("history", PROGRAMME, WITHDRAWN, "-f", "json")).stdout for _ in range(2)]
    assert history[0] == history[1]


def test_record_prints_the_outcome_block(run: Run, tmp_path: Path) -> None:
    ranking = tmp_path / "round-2018.json"
    _ok(run("round", "rank", PROGRAMME, "2018", "-f", "json", "-o", ranking))
    block = _ok(run("round", "record", PROGRAMME, "2018", "--from", ranking)).stdout
    assert block.startswith("    # Recorded from ")
    recorded = yaml.safe_load(block)["outcome"]
    expected = _selected(json.loads(ranking.read_text(encoding="utf-8")))
    assert recorded == {"selected": expected, "withdrawn": [], "deferred": []}
    assert '        - "35.73"  # Kota Malang\n' in block
    # Pasted into the programme in place of the round's outcome, it is what is there.
    text = PROGRAMME.read_text(encoding="utf-8")
    assert block.split("\n", 1)[1] in text


def test_record_refuses_another_rounds_ranking(run: Run, tmp_path: Path) -> None:
    ranking = tmp_path / "round-2019.json"
    _ok(run("round", "rank", PROGRAMME, "2019", "-f", "json", "-o", ranking))
    result = run("round", "record", PROGRAMME, "2018", "--from", ranking)
    assert result.exit_code == 2
    assert f"{ranking} ranks cohorts 2019:25, not the cohorts of round 2018 (2018:50)" in (
        result.stderr
    )
    missing = run("round", "record", PROGRAMME, "2018", "--from", tmp_path / "none.json")
    assert missing.exit_code == 2 and "--from " in missing.stderr


def test_unknown_round_is_a_usage_error(run: Run) -> None:
    result = run("round", "rank", PROGRAMME, "2020")
    assert result.exit_code == 2
    assert f"{PROGRAMME} has no round 2020 (its rounds: 2017, 2018, 2019)" in result.stderr


def test_history_of_a_withdrawn_region(run: Run) -> None:
    out = _ok(run("history", PROGRAMME, WITHDRAWN, env={"COLUMNS": "200"})).stdout
    lines = [line.rstrip() for line in out.splitlines()]
    assert lines[0] == (
        "History of Kota Bandung (32.73) in Gerakan Menuju 100 Smart City (example)"
    )
    assert lines[1].split() == [
        "round", "applied", "score", "change", "rank", "rank", "change", "outcome", "factor",
        "that", "moved", "most",
    ]  # fmt: skip
    assert lines[2].startswith("2017   yes      86.76       -     6            -  withdrawn")
    assert "withdrawn 2018-02-15: illustrative example, not a real event" in lines[2]
    # The same submission every round: its score does not change, no factor moved.
    for line in lines[3:5]:
        cells = line.split()[2:]
        assert cells == ["86.76", "0.00", "-", "-", "excluded:", "withdrawn", "in", "2017", "-"]


def test_history_json_shows_score_change_and_outcomes(run: Run) -> None:
    data = json.loads(_ok(run("history", PROGRAMME, "35.73", "-f", "json")).stdout)
    assert data["code"] == "35.73" and data["name"] == "Kota Malang"
    rounds = data["rounds"]
    assert [r["year"] for r in rounds] == [2017, 2018, 2019]
    assert [r["outcome"] for r in rounds] == ["not-selected", "selected", "excluded"]
    assert rounds[2]["exclusion"] == {"status": "selected", "round": 2018}
    assert rounds[1]["rank"] == 1 and rounds[1]["cohort"] == 2018
    assert rounds[0]["change"] is None
    # The example reuses one pool: the score is the same each round.
    assert rounds[1]["change"] == 0.0 and rounds[1]["score"] == rounds[0]["score"]
    absent = json.loads(_ok(run("history", PROGRAMME, "11.01", "-f", "json")).stdout)
    assert [r["applied"] for r in absent["rounds"]] == [False, False, False]
    assert [r["score"] for r in absent["rounds"]] == [None, None, None]
    assert [r["outcome"] for r in absent["rounds"]] == ["absent", "absent", "absent"]


def test_history_refuses_a_malformed_code(run: Run) -> None:
    result = run("history", PROGRAMME, "32-73")
    assert result.exit_code == 2
    assert "'32-73' is not a region code PP.RR (such as 32.73)" in result.stderr


def test_help_teaches(run: Run) -> None:
    top = _ok(run("--help")).stdout
    assert "round" in top and "history" in top
    group = _ok(run("round", "--help")).stdout
    assert "rank" in group and "record" in group and "programme file" in group
    ranking = _ok(run("round", "rank", "--help")).stdout
    assert "withdrawn in YEAR" in ranking and "--readmit" in ranking
    assert "paste it" in _ok(run("round", "record", "--help")).stdout


# --- validation ---------------------------------------------------------------------------

GOOD = f"""schema_version: 1
title: Test programme
rounds:
  - year: 2017
    criteria: gerakan-100-smart-city
    sha256: {CRITERIA_SHA}
    cohorts: {{2017: 25}}
    pool: pool
    outcome:
      selected: ["15.71", "14.05"]
      withdrawn:
        - code: "14.05"
          date: 2018-01-01
          reason: moved on
  - year: 2018
    criteria: gerakan-100-smart-city
    cohorts: {{2018: 50}}
    pool: pool
    outcome:
      selected: ["36.71"]
"""


def _check(run: Run, tmp_path: Path, text: str, marker: str, expected: str) -> None:
    """The programme ``text`` is refused (exit 2) with one problem: ``expected``, at the
    line and column where ``marker`` starts."""
    path = tmp_path / "programme.yaml"
    path.write_text(text, encoding="utf-8")
    before = text[: text.index(marker)]
    line, column = before.count("\n") + 1, len(before) - (before.rfind("\n") + 1) + 1
    result = run("round", "rank", path, "2018")
    assert result.exit_code == 2, result.output
    stderr = " ".join(result.stderr.split())  # a long path may wrap the summary
    assert f"{path}:{line}:{column}: error[{expected}]" in stderr, stderr
    assert "Traceback" not in result.output
    assert f"the programme file {path} is invalid (1 problem(s))" in stderr


def test_good_programme_is_accepted(run: Run, tmp_path: Path) -> None:
    path = tmp_path / "programme.yaml"
    path.write_text(GOOD, encoding="utf-8")
    (tmp_path / "pool").symlink_to(EXAMPLES / "pool-2018")
    data = json.loads(_ok(run("round", "rank", path, "2018", "-f", "json")).stdout)
    found = {e["code"]: (e["status"], e["round"]) for e in data["excluded"]}
    assert found == {"14.05": ("withdrawn", 2017)}


@pytest.mark.parametrize(
    ("old", "new", "marker", "code"),
    [
        ("  - year: 2018", "  - year: 2016", "2016", "programme-year-order"),
        (
            "criteria: gerakan-100-smart-city\n    cohorts: {2018",
            "criteria: gerakan-100\n    cohorts: {2018",
            "gerakan-100\n",
            "programme-criteria-unknown",
        ),
        (CRITERIA_SHA, "f" * 64, "f" * 64, "programme-sha256-mismatch"),
        ('selected: ["36.71"]', 'selected: ["99.99"]', '"99.99"', "programme-unknown-code"),
        ('selected: ["36.71"]', 'selected: ["15.71"]', '"15.71"]\n', "programme-selected-twice"),
        (
            'selected: ["36.71"]',
            'selected: ["36.71", "36.71"]',
            '"36.71"]',
            "programme-code-repeated",
        ),
        ('code: "14.05"', 'code: "15.72"', '"15.72"', "programme-withdrawn-unselected"),
        (
            '    pool: pool\n    outcome:\n      selected: ["36',
            '    pool: pool\n    poll: x\n    outcome:\n      selected: ["36',
            "poll",
            "unknown-key",
        ),
        ('selected: ["36.71"]', "selected: [36.71]", "36.71]", "wrong-type"),
        ("{2018: 50}", "{2017: 50}", "50}", "programme-cohort-year"),
    ],
)
def test_each_rule_is_reported_at_its_place(
    run: Run, tmp_path: Path, old: str, new: str, marker: str, code: str
) -> None:
    assert old in GOOD
    text = GOOD.replace(old, new, 1) if old != CRITERIA_SHA else GOOD.replace(old, new)
    _check(run, tmp_path, text, marker, code)


def test_sha256_mismatch_names_both_hashes(run: Run, tmp_path: Path) -> None:
    path = tmp_path / "programme.yaml"
    path.write_text(GOOD.replace(CRITERIA_SHA, "f" * 64), encoding="utf-8")
    result = run("history", path, "15.71")
    assert result.exit_code == 2
    stderr = " ".join(result.stderr.split())
    assert f"has sha256 {CRITERIA_SHA}, but the programme file pins {'f' * 64}" in stderr


def test_a_programme_that_is_not_a_mapping(run: Run, tmp_path: Path) -> None:
    path = tmp_path / "programme.yaml"
    path.write_text("- 1\n- 2\n", encoding="utf-8")
    result = run("round", "rank", path, "2018")
    assert result.exit_code == 2
    assert f"{path}:1:1: error[programme-not-mapping]" in result.stderr
    missing = run("history", tmp_path / "none.yaml", "15.71")
    assert missing.exit_code == 2 and "cannot read the programme file" in missing.stderr


def test_a_deferred_region_stays_a_candidate(run: Run, tmp_path: Path) -> None:
    path = tmp_path / "programme.yaml"
    text = GOOD.replace(
        "          reason: moved on\n", '          reason: moved on\n      deferred: ["35.73"]\n'
    )
    path.write_text(text, encoding="utf-8")
    (tmp_path / "pool").symlink_to(EXAMPLES / "pool-2018")
    data = json.loads(_ok(run("round", "rank", path, "2018", "-f", "json")).stdout)
    assert "35.73" in _selected(data)
    assert "35.73" not in {e["code"] for e in data["excluded"]}
    rows = json.loads(_ok(run("history", path, "35.73", "-f", "json")).stdout)["rounds"]
    assert [r["outcome"] for r in rows] == ["deferred", "not-selected"]


def test_a_region_deferred_earlier_is_labelled_so_when_ranked_again(
    run: Run, tmp_path: Path
) -> None:
    """The 2017 panel deferred Kota Malang (35.73): the 2018 round says so in its note
    (both languages), JSON ``deferred_earlier`` and CSV ``deferred_in``; a round with no
    region deferred earlier has none of them."""
    path = tmp_path / "programme.yaml"
    text = GOOD.replace(
        "          reason: moved on\n", '          reason: moved on\n      deferred: ["35.73"]\n'
    )
    path.write_text(text, encoding="utf-8")
    (tmp_path / "pool").symlink_to(EXAMPLES / "pool-2018")
    data = json.loads(_ok(run("round", "rank", path, "2018", "-f", "json")).stdout)
    assert data["deferred_earlier"] == [{"code": "35.73", "rounds": [2017]}]
    for lang, note in (("en", "deferred in 2017"), ("id", "ditunda pada 2017")):
        page = _ok(run("round", "rank", path, "2018", "-f", "markdown", "--lang", lang)).stdout
        (line,) = [line for line in page.splitlines() if "(35.73)" in line]
        assert line.endswith(f"| {note} |"), line
        assert page.count(note) == 1
    rows = list(
        csv.DictReader(io.StringIO(_ok(run("round", "rank", path, "2018", "-f", "csv")).stdout))
    )
    assert {row["code"]: row["deferred_in"] for row in rows if row["deferred_in"]} == {
        "35.73": "2017"
    }
    plain = tmp_path / "plain.yaml"
    plain.write_text(GOOD, encoding="utf-8")
    data = json.loads(_ok(run("round", "rank", plain, "2018", "-f", "json")).stdout)
    assert "deferred_earlier" not in data
    header = _ok(run("round", "rank", plain, "2018", "-f", "csv")).stdout.splitlines()[0]
    assert "deferred_in" not in header


def _readme_programme_commands() -> list[list[str]]:
    """The programme-file commands of the README's worked example, as written there (each
    line of its ``sh`` block that runs ``assess round`` or ``assess history``)."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```sh\n(.*?)```", text, flags=re.DOTALL)
    block = next(b for b in blocks if "assess round rank examples/programme/" in b)
    commands = []
    for line in block.splitlines():
        words = shlex.split(line, comments=True)
        if words:
            assert words[0] == "assess", line
            commands.append(words[1:])
    return commands


def _row_codes(table: str) -> set[str]:
    """The region codes of a ranking table's rows: the first cell (the ineligible table) or
    the second, after the rank."""
    return set(re.findall(r"(?m)^\s*(?:\d+\s+)?(\d{2}\.\d{2})\s", table))


def test_readme_worked_example_runs_as_written(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """2017 -> 2018 -> 2019 as the README's programme-file commands, run exactly as written
    (from a folder where ``examples`` is the project's): no region selected in 2017 is in
    the 2018 or 2019 ranking unless --readmit names it, and the recorded outcome is what
    ``round record`` prints."""
    commands = _readme_programme_commands()
    assert [c[:2] for c in commands] == [
        ["round", "rank"],
        ["round", "record"],
        ["round", "rank"],
        ["round", "rank"],
        ["history", "examples/programme/programme.yaml"],
    ]
    (tmp_path / "examples").symlink_to(EXAMPLES)
    monkeypatch.chdir(tmp_path)
    outputs = [_ok(run(*c, env={"COLUMNS": "300"})).stdout for c in commands]
    cohort_2017 = set(COHORT_2017)
    recorded = yaml.safe_load(PROGRAMME.read_text(encoding="utf-8"))["rounds"]
    # 2018: the JSON the first command wrote.
    r2018 = json.loads((tmp_path / "round-2018.json").read_text(encoding="utf-8"))
    assert len(_selected(r2018)) == 50 and not cohort_2017 & set(_selected(r2018))
    assert {e["code"] for e in r2018["excluded"]} <= cohort_2017
    # Pasting what 'round record' prints changes nothing: it is the recorded outcome.
    assert yaml.safe_load(outputs[1])["outcome"]["selected"] == _selected(r2018)
    assert recorded[1]["outcome"]["selected"] == _selected(r2018)
    # 2019 (a table): a 2017 or 2018 region appears only in the Excluded section.
    earlier = cohort_2017 | set(_selected(r2018))
    ranked, _, excluded = outputs[2].partition("Excluded (selected or withdrawn")
    assert len(_row_codes(ranked)) == 100  # every ranked region, and no other
    assert excluded and not _row_codes(ranked) & earlier
    assert "Kota Bandung (32.73, withdrawn in 2017: illustrative example" in excluded
    # The explicit override: 32.73 is ranked (and, with its score, selected).
    readmitted, _, excluded = outputs[3].partition("Excluded (selected or withdrawn")
    assert _row_codes(readmitted) & earlier == {WITHDRAWN}
    assert "(32.73," not in excluded
    assert "excluded: withdrawn in 2017" in outputs[4]
