"""The pre-commit hook in ``.pre-commit-hooks.yaml`` runs a real command of the app."""

from __future__ import annotations

import re
import shlex
import tomllib
from collections.abc import Callable
from typing import Any

import yaml

from .conftest import EXAMPLES, ROOT

Run = Callable[..., Any]


def hooks() -> dict[str, dict[str, Any]]:
    data = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert isinstance(data, list)
    return {hook["id"]: hook for hook in data}


def test_assess_validate_hook_is_declared() -> None:
    hook = hooks()["assess-validate"]
    assert hook["language"] == "python"
    assert hook["pass_filenames"] is True
    assert hook["entry"] == "assess validate"
    files = re.compile(hook["files"])
    for name in ("submissions/32-12.yaml", "a.yml", "pool/2018.csv"):
        assert files.search(name), name
    for name in ("README.md", "schema.json", "notes.yaml.bak"):
        assert not files.search(name), name


def test_the_entry_is_a_command_of_the_installed_script(run: Run) -> None:
    program, *command = shlex.split(hooks()["assess-validate"]["entry"])
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert pyproject["project"]["scripts"][program] == "smartcity_assess.cli:main"
    result = run(*command, "--help")
    assert result.exit_code == 0, result.output
    assert "Check submissions against the criteria" in result.stdout


def test_the_hook_runs_as_pre_commit_would(run: Run) -> None:
    """pre-commit appends the staged file names to entry + args."""
    hook = hooks()["assess-validate"]
    command = shlex.split(hook["entry"])[1:] + list(hook.get("args", []))
    files = [EXAMPLES / "indramayu-2018.yaml", *sorted((EXAMPLES / "pool-2018").glob("1*.yaml"))]
    assert run(*command, *files).exit_code == 0
    assert run(*command, "--strict", *files).exit_code == 0
    # Every YAML or CSV file staged is read as a submission: a repository with other such
    # files narrows the hook's ``files`` in its config (README), or the commit is refused.
    other = run(*command, EXAMPLES / "indramayu-2018.yaml", EXAMPLES / "known-cohorts.csv")
    assert other.exit_code == 1
