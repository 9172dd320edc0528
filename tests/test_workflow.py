"""The documented GitHub Actions workflow (docs/workflows/assess.yml): its structure, and
its ``run`` steps executed for real, in bash as a runner would, against the example pool
(a good run fills the job summary and makes the artifacts; a bad submission fails the
validation step with annotations)."""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from .conftest import EXAMPLES, ROOT

WORKFLOW = ROOT / "docs" / "workflows" / "assess.yml"
GUIDE = ROOT / "docs" / "github-actions.md"


@pytest.fixture(scope="module")
def workflow() -> dict[Any, Any]:
    data = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def steps(workflow: dict[Any, Any]) -> list[dict[str, Any]]:
    (job,) = workflow["jobs"].values()
    result: list[dict[str, Any]] = job["steps"]
    return result


def assess_lines(workflow: dict[Any, Any]) -> list[list[str]]:
    """Every ``assess ...`` command line in the run steps, as argv."""
    lines = []
    for step in steps(workflow):
        for line in step.get("run", "").splitlines():
            words = shlex.split(line, comments=True)
            if words and words[0] == "assess":
                lines.append(words)
    return lines


def test_structure(workflow: dict[Any, Any]) -> None:
    # PyYAML reads the key `on` as the boolean True (YAML 1.1); GitHub reads it as "on".
    triggers = workflow.get("on", workflow.get(True))
    assert isinstance(triggers, dict) and {"push", "pull_request"} <= set(triggers)
    assert workflow["permissions"] == {"contents": "read"}
    (job,) = workflow["jobs"].values()
    assert job["runs-on"].startswith("ubuntu-")
    for step in job["steps"]:
        assert isinstance(step.get("name"), str)
        assert ("uses" in step) != ("run" in step), step  # exactly one of them
        if "uses" in step:
            assert re.fullmatch(r"[\w.-]+/[\w.-]+@v\d+", step["uses"]), step["uses"]
    uses = [s["uses"].split("@")[0] for s in job["steps"] if "uses" in s]
    assert uses == ["actions/checkout", "actions/setup-python", "actions/upload-artifact"]
    upload = next(s for s in job["steps"] if s.get("uses", "").startswith("actions/upload"))
    assert set(upload["with"]["path"].split()) == {"report/ranking.html", "report/ranking.json"}
    assert upload["with"]["if-no-files-found"] == "error"


def test_it_validates_with_annotations_ranks_three_ways_and_fills_the_summary(
    workflow: dict[Any, Any],
) -> None:
    lines = assess_lines(workflow)
    assert lines[0][:4] == ["assess", "validate", "--format", "github"]
    formats = [words[words.index("--format") + 1] for words in lines if words[1] == "rank"]
    assert formats == ["json", "markdown", "html"]
    runs = " ".join(s.get("run", "") for s in steps(workflow))
    assert '>> "$GITHUB_STEP_SUMMARY"' in runs
    names = [s["name"] for s in steps(workflow)]
    assert names.index("Validate the submissions") < names.index("Rank")


def test_every_assess_line_is_a_real_invocation(workflow: dict[Any, Any], run: Any) -> None:
    for words in assess_lines(workflow):
        result = run(*words[1:], "--help")
        assert result.exit_code == 0, (words, result.output)


def test_the_guide_shows_the_workflow_file() -> None:
    guide = GUIDE.read_text(encoding="utf-8")
    assert "docs/workflows/assess.yml" in guide
    assert WORKFLOW.read_text(encoding="utf-8").strip() in guide  # quoted in full, not drifted


# --- the run steps, for real ------------------------------------------------------------------


def _runner(tmp_path: Path) -> tuple[Path, dict[str, str]]:
    """A workspace with the example pool as submissions/, and an environment in which
    ``assess`` is this checkout run by this interpreter."""
    workspace = tmp_path / "repo"
    shutil.copytree(EXAMPLES / "pool-2018", workspace / "submissions")
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    shim = bin_dir / "assess"
    shim.write_text(f'#!/bin/sh\nexec "{sys.executable}" -m smartcity_assess "$@"\n')
    shim.chmod(0o755)
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR")}
    env.update(
        PATH=f"{bin_dir}{os.pathsep}{env.get('PATH', '')}",
        GITHUB_ACTIONS="true",
        GITHUB_STEP_SUMMARY=str(tmp_path / "summary.md"),
        ASSESS_LANG="en",
    )
    return workspace, env


def _run_step(step: dict[str, Any], workspace: Path, env: dict[str, str]) -> Any:
    # What a runner does with a `run:` step on ubuntu (shell: bash).
    return subprocess.run(
        ["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", step["run"]],
        cwd=workspace,
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )


def _is_install(step: dict[str, Any]) -> bool:
    return "pip install" in step.get("run", "")


def test_the_run_steps_succeed_on_valid_submissions(
    workflow: dict[Any, Any], tmp_path: Path
) -> None:
    pytest.importorskip("matplotlib")
    pytest.importorskip("jinja2")
    workspace, env = _runner(tmp_path)
    for step in steps(workflow):
        if "run" not in step or _is_install(step):
            continue
        done = _run_step(step, workspace, env)
        assert done.returncode == 0, (step["name"], done.stdout, done.stderr)
    report = workspace / "report"
    assert (report / "ranking.json").read_text(encoding="utf-8").startswith("{")
    assert (report / "ranking.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    summary = (tmp_path / "summary.md").read_text(encoding="utf-8")
    assert summary.startswith("# Ranking: ") and "## Cohort 2018: 50 of 50 selected" in summary
    upload = next(s for s in steps(workflow) if s.get("uses", "").startswith("actions/upload"))
    for path in upload["with"]["path"].split():
        assert (workspace / path).is_file()


def test_an_invalid_submission_fails_the_validation_step_with_annotations(
    workflow: dict[Any, Any], tmp_path: Path
) -> None:
    workspace, env = _runner(tmp_path)
    (workspace / "submissions" / "broken.yaml").write_text(
        "schema_version: 1\nregion: {code: 32.10, name: Kabupaten Majalengka, kind: kabupaten}\n"
        "values: {}\n",
        encoding="utf-8",
    )
    validate = next(s for s in steps(workflow) if s["name"] == "Validate the submissions")
    done = _run_step(validate, workspace, env)
    assert done.returncode == 1
    assert re.search(
        r"^::error file=submissions/broken\.yaml,line=2,col=\d+,title=region-code::",
        done.stdout,
        re.M,
    )
    # Even if the validation step were skipped, ranking would refuse the invalid pool.
    rank = next(s for s in steps(workflow) if s["name"] == "Rank")
    assert _run_step(rank, workspace, env).returncode == 1
