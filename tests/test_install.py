"""The documented installs, run as written in fresh virtualenvs: the README's Quick start
(``pip install .`` in a clone), the GitHub Actions workflow with its install step (from a
Git URL, here a local repository), and the wheel and sdist with LICENSE and NOTICE.

The fresh virtualenvs see the test environment's dependencies through a ``.pth`` file (a
folder of links to them, smartcity-assess and pip left out), so only the build backend is
downloaded (or taken from pip's cache). Marked ``install``: ``-m "not install"`` skips them.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import sysconfig
import tarfile
import zipfile
from pathlib import Path
from typing import Any

import pytest
import yaml

from .conftest import EXAMPLES, ROOT
from .test_workflow import WORKFLOW, _run_step, steps

pytestmark = pytest.mark.install

SHIPPED = [
    *("src", "criteria", "examples", "tests"),
    *("README.md", "pyproject.toml", "LICENSE", "NOTICE"),
]
"""What a clone holds that an install or the Quick start needs."""

NOT_DEPENDENCIES = re.compile(r"^(smartcity_assess|_?_?editable|pip|.*\.pth$)", re.I)


@pytest.fixture(scope="session")
def dependencies(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder of links to everything installed here but smartcity-assess and pip."""
    folder = tmp_path_factory.mktemp("dependencies")
    for key in ("purelib", "platlib"):
        for entry in Path(sysconfig.get_paths()[key]).iterdir():
            if not NOT_DEPENDENCIES.match(entry.name) and not (folder / entry.name).exists():
                (folder / entry.name).symlink_to(entry)
    return folder


def fresh_venv(where: Path, dependencies: Path) -> Path:
    """A new virtualenv (with pip) that sees ``dependencies``; returns its bin folder."""
    subprocess.run([sys.executable, "-m", "venv", str(where)], check=True, timeout=300)
    (site,) = where.glob("lib/python3*/site-packages")
    (site / "test-dependencies.pth").write_text(f"{dependencies}\n", encoding="utf-8")
    return where / "bin"


def clean_env(bin_dir: Path | None = None, **extra: str) -> dict[str, str]:
    """This environment without what points at this checkout or this virtualenv."""
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("PYTHONPATH", "VIRTUAL_ENV", "NO_COLOR", "FORCE_COLOR", "PYTHONHOME")
        and not k.startswith("PIP_")
    }
    here = Path(sys.executable).parent
    path = [p for p in env.get("PATH", "").split(os.pathsep) if Path(p) != here]
    if bin_dir is not None:
        path.insert(0, str(bin_dir))
    env.update(PATH=os.pathsep.join(path), PIP_DISABLE_PIP_VERSION_CHECK="1", **extra)
    return env


def clone(where: Path) -> Path:
    """A copy of what the repository holds that installs need."""
    for name in SHIPPED:
        source = ROOT / name
        if source.is_dir():
            skip = shutil.ignore_patterns("__pycache__", ".hypothesis")
            shutil.copytree(source, where / name, ignore=skip)
        else:
            shutil.copy2(source, where / name)
    return where


def quick_start_lines() -> list[str]:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"```sh\n(.*?)\n```", section, re.S)


def test_the_quick_start_runs_as_written(tmp_path: Path, dependencies: Path) -> None:
    install, tests = quick_start_lines()[:2]
    assert install == (
        "python3 -m venv .venv && . .venv/bin/activate && pip install . && "
        "assess score examples/indramayu-2018.yaml"
    )
    repo = clone(tmp_path / "smartcity-assess")
    # The line makes .venv itself; made first here only to add the dependencies' .pth.
    fresh_venv(repo / ".venv", dependencies)
    python3 = tmp_path / "bin" / "python3"
    python3.parent.mkdir()
    python3.symlink_to(sys.executable)  # `python3` of the line: this Python's version
    done = subprocess.run(
        ["bash", "--norc", "-ec", install],
        cwd=repo,
        env=clean_env(python3.parent),
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Kabupaten Indramayu" in done.stdout and "Successfully installed" in done.stdout
    installed = repo / ".venv" / "bin" / "assess"
    where = subprocess.run(
        [str(installed.parent / "python"), "-c", "import smartcity_assess as s; print(s.__file__)"],
        env=clean_env(),
        capture_output=True,
        text=True,
        check=True,
    )
    assert where.stdout.startswith(str(repo / ".venv"))  # the installed copy, not src/
    # The README's HTML extra and its test line install as written too (the suite itself
    # is not run again here: --collect-only).
    extra = re.search(r"`(pip install '\.\[report\]')`", (ROOT / "README.md").read_text())
    assert extra is not None
    tests = tests.replace("python3 -m venv .venv && ", "").replace(" -n auto", " --collect-only")
    for line in (f". .venv/bin/activate && {extra.group(1)}", tests):
        done = subprocess.run(
            ["bash", "--norc", "-ec", line],
            cwd=repo,
            env=clean_env(python3.parent),
            capture_output=True,
            text=True,
            timeout=600,
        )
        assert done.returncode == 0, (line, done.stdout[-2000:], done.stderr[-2000:])


def git_repository(where: Path, tag: str) -> Path:
    """A clone as a Git repository with one commit, tagged."""
    clone(where)
    env = clean_env(
        GIT_AUTHOR_NAME="t",
        GIT_AUTHOR_EMAIL="t@example.invalid",
        GIT_COMMITTER_NAME="t",
        GIT_COMMITTER_EMAIL="t@example.invalid",
    )
    for command in (
        ["init", "-q"],
        ["add", "-A"],
        ["commit", "-q", "-m", "release"],
        ["tag", tag],
    ):
        subprocess.run(["git", "-C", str(where), *command], env=env, check=True, timeout=60)
    return where


def test_every_workflow_step_runs_with_the_install(tmp_path: Path, dependencies: Path) -> None:
    workflow: dict[str, Any] = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    (job,) = workflow["jobs"].values()
    source = job["env"]["ASSESS_FROM"]
    placeholder = "https://github.com/OWNER/smartcity-assess"
    url, tag = re.fullmatch(r"git\+(.+)@([^@/]+)", source).groups()  # type: ignore[union-attr]
    assert url == placeholder  # what the docs tell the reader to replace
    repo = git_repository(tmp_path / "upstream", tag)
    bin_dir = fresh_venv(tmp_path / "runner-python", dependencies)
    workspace = tmp_path / "work"
    shutil.copytree(EXAMPLES / "pool-2018", workspace / "submissions")
    env = clean_env(
        bin_dir,
        # file://localhost/...: the pip of Python 3.11's ensurepip refuses a direct
        # reference to a URL without a host (file:///...); Git takes both.
        ASSESS_FROM=source.replace(url, f"file://localhost{repo.as_posix()}"),
        GITHUB_ACTIONS="true",
        GITHUB_STEP_SUMMARY=str(tmp_path / "summary.md"),
        ASSESS_LANG="en",
    )
    ran = []
    for step in steps(workflow):
        if "run" in step:
            done = _run_step(step, workspace, env)
            assert done.returncode == 0, (step["name"], done.stdout[-3000:], done.stderr[-3000:])
            ran.append(step["name"])
    assert ran[0] == "Install assess with the HTML report extra" and len(ran) == 4
    assert shutil.which("assess", path=env["PATH"]) == str(bin_dir / "assess")
    summary = (tmp_path / "summary.md").read_text(encoding="utf-8")
    assert "## Cohort 2018: 50 of 50 selected" in summary
    report = workspace / "report"
    assert (report / "ranking.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert (report / "ranking.json").is_file()


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The wheel and the sdist, built by hatchling (fetched into a folder of its own)."""
    folder = tmp_path_factory.mktemp("build")
    backend = folder / "hatchling"
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "-q", "--target", str(backend), "hatchling>=1.27"],
        env=clean_env(),
        check=True,
        timeout=600,
    )
    out = folder / "dist"
    build = (
        f"import sys; sys.path.insert(0, {str(backend)!r}); import hatchling.build as b; "
        f"print(b.build_wheel({str(out)!r})); print(b.build_sdist({str(out)!r}))"
    )
    done = subprocess.run(
        [sys.executable, "-c", build],
        cwd=clone(folder / "checkout"),
        env=clean_env(),
        capture_output=True,
        text=True,
        check=True,
        timeout=300,
    )
    wheel, sdist = done.stdout.split()
    return out / wheel, out / sdist


def test_the_wheel_and_the_sdist_hold_license_and_notice(built: tuple[Path, Path]) -> None:
    wheel, sdist = built
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        info = "smartcity_assess-0.1.0.dist-info"
        assert {f"{info}/licenses/LICENSE", f"{info}/licenses/NOTICE"} <= names
        assert "smartcity_assess/data/kabupaten-kota.csv" in names
        metadata = archive.read(f"{info}/METADATA").decode()
        notice = archive.read(f"{info}/licenses/NOTICE").decode()
    assert "License-Expression: MIT" in metadata
    assert "License-File: LICENSE" in metadata and "License-File: NOTICE" in metadata
    assert "cahyadsn/wilayah" in notice and "Copyright (c) 2017 Cahya DSN" in notice
    with tarfile.open(sdist) as archive:
        names = {name.split("/", 1)[1] for name in archive.getnames() if "/" in name}
    assert {"LICENSE", "NOTICE", "src/smartcity_assess/data/kabupaten-kota.csv"} <= names
    assert (ROOT / "LICENSE").read_text(encoding="utf-8").startswith("MIT License")
