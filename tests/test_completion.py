"""Shell completion (typer's, through click's ``_ASSESS_COMPLETE`` protocol): the options
exist, bash and zsh complete commands and options, and a malformed request is one line."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

SHIM = "import sys; sys.argv[0] = 'assess'; from smartcity_assess.cli import main; main()"


@pytest.fixture
def bin_dir(tmp_path: Path) -> Path:
    """A folder holding an ``assess`` that is this checkout run by this interpreter."""
    folder = tmp_path / "bin"
    folder.mkdir()
    script = folder / "assess"
    script.write_text(f'#!/bin/sh\nexec "{sys.executable}" -c "{SHIM}" "$@"\n')
    script.chmod(0o755)
    return folder


def assess(
    bin_dir: Path, *args: str, shell: str = "", **env: str
) -> subprocess.CompletedProcess[str]:
    """``assess ARGS`` (or, with ``shell``, that shell with ARGS) with ``env`` added."""
    environ = {k: v for k, v in os.environ.items() if not k.startswith(("COMP_", "_ASSESS"))}
    environ.update(PATH=f"{bin_dir}{os.pathsep}{environ['PATH']}", **env)
    return subprocess.run(
        [shell or "assess", *args],
        env=environ,
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )


def complete_bash(bin_dir: Path, line: str) -> list[str]:
    words = line.split(" ")
    done = assess(
        bin_dir,
        _ASSESS_COMPLETE="complete_bash",
        COMP_WORDS=line,
        COMP_CWORD=str(len(words) - 1),
    )
    assert done.returncode == 0 and done.stderr == "", done.stderr
    return done.stdout.split()


def test_bash_completes_commands_and_options(bin_dir: Path) -> None:
    assert complete_bash(bin_dir, "assess ra") == ["rank"]  # not 'plain,rank'
    assert complete_bash(bin_dir, "assess s") == ["score", "sensitivity", "schema"]
    assert complete_bash(bin_dir, "assess rank --max") == ["--max-per-province", "--max-file-size"]
    assert "--list" in complete_bash(bin_dir, "assess criteria --")
    assert complete_bash(bin_dir, "assess rank --format m") == ["markdown"]


def test_zsh_completes_commands_and_options(bin_dir: Path) -> None:
    done = assess(bin_dir, _ASSESS_COMPLETE="complete_zsh", _TYPER_COMPLETE_ARGS="assess ra")
    assert done.returncode == 0 and done.stdout.startswith("_arguments")
    assert '"rank":"Rank a pool' in done.stdout and '"score"' not in done.stdout
    done = assess(bin_dir, _ASSESS_COMPLETE="complete_zsh", _TYPER_COMPLETE_ARGS="assess rank --co")
    assert '"--cohorts":' in done.stdout


def test_the_bash_script_completes_in_bash(bin_dir: Path) -> None:
    """What a user gets: the script that --show-completion prints in bash, sourced in bash.

    typer finds the shell among the parent processes, so the option runs under bash (and
    not as bash's last command, which bash would exec in its own place): asked from a
    process tree without a shell (as under pytest-xdist) it could not tell."""
    script = assess(bin_dir, "-c", "assess --show-completion; exit $?", shell="bash")
    assert script.returncode == 0 and "_ASSESS_COMPLETE=complete_bash" in script.stdout
    run = (
        f"{script.stdout}\nCOMP_WORDS=(assess val); COMP_CWORD=1; _assess_completion assess; "
        'echo "${COMPREPLY[@]}"'
    )
    environ = {**os.environ, "PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}"}
    done = subprocess.run(
        ["bash", "--norc", "-c", run], env=environ, capture_output=True, text=True, timeout=60
    )
    assert done.stdout.split() == ["validate"], done.stderr


@pytest.mark.parametrize(
    ("shell", "needle"),
    [
        ("bash", "complete -o default -F _assess_completion assess"),
        ("zsh", "compdef _assess_completion assess"),
    ],
)
def test_show_and_install_completion_for_the_shell_it_runs_in(
    bin_dir: Path, tmp_path: Path, shell: str, needle: str
) -> None:
    """typer detects the shell from the parent processes (shellingham): run the options
    under a bash named as the shell (its process name is what is looked at)."""
    (bin_dir / shell).symlink_to(shutil.which("bash") or "/bin/bash")
    home = tmp_path / "home"
    home.mkdir()

    def under_shell(option: str) -> subprocess.CompletedProcess[str]:
        return assess(bin_dir, "-c", f"assess {option}; exit $?", HOME=str(home), shell=shell)

    shown = under_shell("--show-completion")
    assert shown.returncode == 0 and needle in shown.stdout, shown.stderr
    assert "_ASSESS_COMPLETE=complete_" + shell in shown.stdout
    installed = under_shell("--install-completion")
    assert installed.returncode == 0, installed.stderr
    assert f"{shell} completion installed in" in installed.stdout
    rc = (home / f".{shell}rc").read_text(encoding="utf-8")
    assert ".bash_completions/assess.sh" in rc if shell == "bash" else "compinit" in rc


@pytest.mark.parametrize(
    "env",
    [
        {"_ASSESS_COMPLETE": "complete_bash"},
        {"_ASSESS_COMPLETE": "complete_bash", "COMP_WORDS": "assess ra"},
        {"_ASSESS_COMPLETE": "complete_bash", "COMP_WORDS": "assess ra", "COMP_CWORD": "x"},
    ],
)
def test_a_malformed_request_is_one_line_and_exit_2(bin_dir: Path, env: dict[str, str]) -> None:
    done = assess(bin_dir, **env)
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert done.stderr.startswith("error: malformed shell-completion request")
    assert done.stderr.count("\n") == 1 and done.stdout == ""
