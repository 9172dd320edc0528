"""The commands end to end through typer's CliRunner: exit codes, stdout, stderr."""

from __future__ import annotations

import itertools
import json
import math
import os
import re
import shutil
import stat
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from .conftest import CRITERIA_DIR, EXAMPLES, TESTS

INDRAMAYU = EXAMPLES / "indramayu-2018.yaml"
SEVERAL = TESTS / "data" / "validate" / "several-mistakes.yaml"
Run = Callable[..., Any]


def no_traceback(result: Any) -> None:
    assert "Traceback" not in result.output
    assert "Traceback" not in (result.stderr or "")


def test_score_table_is_the_golden_memo(run: Run, golden: Callable[[str, str], None]) -> None:
    result = run("score", INDRAMAYU)
    assert result.exit_code == 0, result.output
    golden("score-indramayu.txt", result.stdout)
    result_id = run("score", INDRAMAYU, "--lang", "id")
    assert "kesiapan smart city (kriteria rekonstruksi)" in result_id.stdout
    assert "Faktor" in result_id.stdout
    golden("score-indramayu.id.txt", result_id.stdout)


@pytest.mark.parametrize("fmt", ["json", "csv", "markdown"])
def test_score_machine_formats_are_golden(
    run: Run, golden: Callable[[str, str], None], fmt: str
) -> None:
    result = run("score", INDRAMAYU, "--format", fmt)
    assert result.exit_code == 0
    # The input path is part of the provenance; make it independent of the checkout.
    text = result.stdout.replace(str(INDRAMAYU), "examples/indramayu-2018.yaml")
    golden(f"score-indramayu.{fmt}", text)


def test_score_json_fields_and_contributions(run: Run) -> None:
    result = run("score", INDRAMAYU, "--format", "json")
    data = json.loads(result.stdout)
    assert data["schema_version"] == 1
    assert data["tool"]["name"] == "smartcity-assess"
    assert data["criteria"]["id"] == "gerakan-100-smart-city"
    assert len(data["criteria"]["sha256"]) == 64
    assert data["inputs"][0]["sha256"] and data["inputs"][0]["path"].endswith("indramayu-2018.yaml")
    (region,) = data["regions"]
    for key in (
        "code",
        "name",
        "province",
        "kind",
        "score",
        "band",
        "eligible",
        "reasons",
        "coverage",
        "factors",
    ):
        assert key in region
    assert region["code"] == "32.12" and region["eligible"] is True
    assert math.isclose(
        region["score"], sum(f["contribution"] for f in region["factors"]), abs_tol=1e-9
    )
    assert math.isclose(sum(f["weight"] for f in region["factors"]), 1.0)


def test_score_from_another_directory(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    assert run("score", INDRAMAYU).exit_code == 0


def test_validate_reports_every_mistake(run: Run, golden: Callable[[str, str], None]) -> None:
    result = run("validate", SEVERAL, "--format", "text")
    assert result.exit_code == 1
    text = result.stdout.replace(str(SEVERAL), "several-mistakes.yaml")
    golden("validate-several-mistakes.txt", text)
    codes = [line.split("[")[1].split("]")[0] for line in text.splitlines()]
    for code in ("unknown-key", "region-code", "unknown-level", "out-of-range", "missing-value"):
        assert code in codes
    assert 'quote it: code: "32.10"' in text
    assert "did you mean 'province'" in text
    no_traceback(result)


def test_validate_github_and_json(run: Run) -> None:
    result = run("validate", SEVERAL, "--format", "github")
    assert result.exit_code == 1
    assert result.stdout.startswith(f"::error file={SEVERAL},line=4,col=9,title=region-code::")
    auto = run("validate", SEVERAL, env={"GITHUB_ACTIONS": "true"})
    assert auto.stdout == result.stdout
    data = json.loads(run("validate", SEVERAL, "--format", "json").stdout)
    first = data["problems"][0]
    assert set(first) == {"code", "severity", "path", "line", "column", "loc", "message"}
    assert first["loc"] == "region.code"


def test_validate_valid_pool(run: Run) -> None:
    result = run("validate", EXAMPLES / "pool-2018")
    assert result.exit_code == 0
    assert result.stdout == ""
    assert "160 file(s), 160 region(s): no problems" in result.stderr


def test_registry_mismatch_is_a_warning_and_strict_fails(run: Run, tmp_path: Path) -> None:
    path = tmp_path / "x.yaml"
    path.write_text(
        INDRAMAYU.read_text().replace("name: Kabupaten Indramayu", "name: Kota Cirebon")
    )
    result = run("validate", path)
    assert result.exit_code == 0
    assert "warning[registry-name]" in result.stdout and "'Kabupaten Indramayu'" in result.stdout
    assert run("validate", path, "--strict").exit_code == 1


def test_duplicate_region_in_a_batch(run: Run, tmp_path: Path) -> None:
    text = INDRAMAYU.read_text()
    (tmp_path / "a.yaml").write_text(text + "---\n" + text)
    result = run("validate", tmp_path)
    assert result.exit_code == 1
    assert "error[duplicate-region]" in result.stdout
    assert "a.yaml:" in result.stdout.split("duplicate-region]")[1]


@pytest.mark.parametrize(
    ("args", "code", "needle"),
    [
        (["score", "missing.yaml"], 2, "missing.yaml: no such file"),
        (["validate", "nowhere/"], 2, "nowhere"),
        (
            ["score", str(INDRAMAYU), "--criteria", "missing-criteria.yaml"],
            2,
            "missing-criteria.yaml",
        ),
        (["score", str(INDRAMAYU), "--criteria", str(SEVERAL)], 2, "is invalid"),
        (["score", str(INDRAMAYU), "--format", "pdf"], 2, "pdf"),
        (["score", str(INDRAMAYU), "--lang", "fr"], 2, "fr"),
        (["score", str(INDRAMAYU), "--bogus"], 2, "bogus"),
        (["score", str(SEVERAL)], 1, "error[region-code]"),
        (["criteria", "missing.yaml"], 2, "missing.yaml"),
        (["criteria", str(SEVERAL)], 1, "error[unknown-key]"),
    ],
)
def test_user_mistakes_exit_cleanly(run: Run, args: list[str], code: int, needle: str) -> None:
    result = run(*args)
    assert result.exit_code == code, result.output
    assert needle in result.output
    no_traceback(result)


def test_criteria_command(run: Run, golden: Callable[[str, str], None]) -> None:
    result = run("criteria", "--format", "csv")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert len(lines) - 1 >= 24
    total = sum(float(line.split(",")[5]) for line in lines[1:])
    assert math.isclose(total, 1.0, abs_tol=1e-5)
    table = run("criteria")
    assert table.exit_code == 0 and "Leadership commitment" in table.stdout
    golden("criteria.md", run("criteria", "--format", "markdown").stdout)
    spbe = run("criteria", CRITERIA_DIR / "spbe-2020.yaml", "--format", "json")
    assert spbe.exit_code == 0
    assert len(json.loads(spbe.stdout)["factors"]) == 4


def test_output_is_written_atomically_and_only_on_success(run: Run, tmp_path: Path) -> None:
    out = tmp_path / "report.json"
    assert run("score", INDRAMAYU, "-f", "json", "-o", out).exit_code == 0
    assert json.loads(out.read_text())["regions"][0]["code"] == "32.12"
    assert [p.name for p in tmp_path.iterdir()] == ["report.json"]
    bad = tmp_path / "bad.json"
    assert run("score", SEVERAL, "-f", "json", "-o", bad).exit_code == 1
    assert not bad.exists()


def test_stdin_is_accepted(run: Run) -> None:
    result = run("validate", "-", input=INDRAMAYU.read_text())
    assert result.exit_code == 0, result.output


def test_colour_only_on_a_terminal_and_never_when_refused(run: Run) -> None:
    # FORCE_COLOR makes rich treat the output as a terminal, as a real one would be.
    forced = run("score", INDRAMAYU, env={"FORCE_COLOR": "1"})
    assert "\x1b[" in forced.stdout
    assert "\x1b[" not in run("score", INDRAMAYU, "--no-color", env={"FORCE_COLOR": "1"}).stdout
    refused = run("score", INDRAMAYU, env={"FORCE_COLOR": "1", "NO_COLOR": "1"})
    assert "\x1b[" not in refused.stdout
    assert "\x1b[" not in run("score", INDRAMAYU, "-f", "json", env={"FORCE_COLOR": "1"}).stdout
    assert "\x1b[" not in run("score", INDRAMAYU).stdout  # not a terminal


def test_output_file_gets_the_ordinary_mode(run: Run, tmp_path: Path) -> None:
    out = tmp_path / "report.md"
    old = os.umask(0o022)
    try:
        assert run("score", INDRAMAYU, "-f", "markdown", "-o", out).exit_code == 0
    finally:
        os.umask(old)
    assert stat.S_IMODE(out.stat().st_mode) == 0o644
    out.chmod(0o640)  # replacing a file keeps its mode
    assert run("score", INDRAMAYU, "-f", "markdown", "-o", out).exit_code == 0
    assert stat.S_IMODE(out.stat().st_mode) == 0o640


def test_output_to_a_fifo_writes_into_it(run: Run, tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()))
    reader.start()
    result = run("score", INDRAMAYU, "-f", "csv", "-o", fifo)
    reader.join(timeout=10)
    assert result.exit_code == 0
    assert stat.S_ISFIFO(fifo.stat().st_mode)  # still a pipe, not replaced by a file
    assert received and received[0].startswith(b"code,name")


def test_python_dash_m(tmp_path: Path) -> None:
    import subprocess
    import sys

    done = subprocess.run(
        [sys.executable, "-m", "smartcity_assess", "--version"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0 and "smartcity-assess" in done.stdout


def test_examples_copy_scores_identically(run: Run, tmp_path: Path) -> None:
    copy = tmp_path / "copy.yaml"
    shutil.copy(INDRAMAYU, copy)
    a = run("score", INDRAMAYU, "-f", "csv").stdout
    b = run("score", copy, "-f", "csv").stdout
    assert a == b


@pytest.mark.parametrize(("threshold", "code"), [("66.79", 0), ("66.8", 1), ("90", 1), ("0", 0)])
def test_fail_under_compares_the_score_as_shown(run: Run, threshold: str, code: int) -> None:
    # Indramayu's total shows as 66.79: the boundary is judged on the rounded number.
    result = run("score", INDRAMAYU, "--format", "json", "--fail-under", threshold)
    assert result.exit_code == code
    assert json.loads(result.stdout)["regions"][0]["code"] == "32.12"  # report still written
    assert ("below --fail-under" in result.stderr) == (code == 1)


@pytest.mark.parametrize(
    ("code", "kind", "expected"),
    [
        ("32.12.05", "kabupaten", ""),  # a kecamatan of Indramayu
        ("32.12.05.2001", "kabupaten", ""),  # a desa: no name check against the regency
        ("32.12.05.2001", "kota", "error[region-kind]"),  # RR 12 is a kabupaten
        ("32.12.5", "kabupaten", "error[region-code]"),
        ("99.98.01.0001", "kota", "warning[registry-unknown]"),
    ],
)
def test_sub_unit_codes(run: Run, tmp_path: Path, code: str, kind: str, expected: str) -> None:
    text = INDRAMAYU.read_text(encoding="utf-8")
    text = text.replace('code: "32.12"', f'code: "{code}"').replace(
        "kind: kabupaten", f"kind: {kind}"
    )
    path = tmp_path / "unit.yaml"
    path.write_text(text.replace("name: Kabupaten Indramayu", "name: Desa Contoh"), "utf-8")
    result = run("validate", path)
    if expected:
        assert expected in result.stdout
    else:
        assert result.exit_code == 0 and result.stdout == "", result.stdout


def test_the_console_script_exits_with_the_command_s_code_and_complete_output(
    tmp_path: Path, run: Callable[..., Any]
) -> None:
    """``main()`` ends the process without tearing the interpreter down: what it wrote
    must be whole, and its exit code the command's."""
    import subprocess
    import sys

    pool = Path(__file__).resolve().parents[1] / "examples" / "pool-2018"
    out = tmp_path / "rank.json"
    done = subprocess.run(
        [sys.executable, "-m", "smartcity_assess", "rank", str(pool), "-f", "json", "-o", str(out)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    in_process = run("rank", pool, "-f", "json")
    assert out.read_text(encoding="utf-8") == in_process.stdout
    assert "region(s) ranked" in done.stderr
    missing = subprocess.run(
        [sys.executable, "-m", "smartcity_assess", "rank", str(tmp_path / "nowhere")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert missing.returncode == 2 and "no such file or directory" in missing.stderr


def test_the_console_script_runs_under_the_profiler(tmp_path: Path) -> None:
    """The process ends as any Python program does, so ``python -m cProfile`` can print
    its profile after the command."""
    import subprocess
    import sys

    out = tmp_path / "r.csv"
    profiler = [sys.executable, "-m", "cProfile", "-s", "cumulative", "-m", "smartcity_assess"]
    done = subprocess.run(
        [*profiler, "rank", str(EXAMPLES / "pool-2018"), "-f", "csv", "-o", str(out)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "function calls" in done.stdout and "cumulative" in done.stdout
    assert out.read_text(encoding="utf-8").startswith("rank,")


def test_a_reader_that_goes_away_ends_the_command_quietly_with_141(tmp_path: Path) -> None:
    """``assess rank ... | head``: a closed stdout is not an internal error."""
    import subprocess
    import sys

    from smartcity_assess.reading.criteria_file import load_criteria

    model = load_criteria(None).model
    values: dict[str, str] = {}
    for address, (_, indicator) in model.addresses.items():
        if indicator.type == "boolean":
            values[address] = "true"
        elif indicator.type == "level":
            values[address] = next(iter(indicator.level_scores))
        elif indicator.goalposts is not None:
            values[address] = str(indicator.goalposts.best)
    lines = [",".join(["code", "name", "province", "kind", "year", *values])]
    for i in range(4000):  # several megabytes of JSON: more than a pipe holds
        cells = [f"32.12.01.{i:04d}", f"Desa {i}", "Jawa Barat", "kabupaten", "2018"]
        lines.append(",".join(cells + list(values.values())))
    pool = tmp_path / "pool.csv"
    pool.write_text("\n".join(lines) + "\n", encoding="utf-8")
    errors = tmp_path / "stderr.txt"
    with errors.open("wb") as stderr_file:
        process = subprocess.Popen(
            [sys.executable, "-m", "smartcity_assess", "rank", str(pool), "-f", "json"],
            stdout=subprocess.PIPE,
            stderr=stderr_file,
        )
        assert process.stdout is not None
        assert process.stdout.read(10) == b'{\n  "schem'
        process.stdout.close()
        code = process.wait(timeout=60)
    stderr = errors.read_text(encoding="utf-8")
    assert code == 141, stderr
    assert "internal error" not in stderr and "Traceback" not in stderr


def _spbe_submission(tmp_path: Path) -> Path:
    import yaml

    criteria = yaml.safe_load((CRITERIA_DIR / "spbe-2020.yaml").read_text(encoding="utf-8"))
    values = {f["id"]: {i["id"]: "l3" for i in f["indicators"]} for f in criteria["factors"]}
    document = {
        "schema_version": 1,
        "criteria": "spbe-2020",
        "region": {
            "code": "32.12",
            "name": "Kabupaten Indramayu",
            "province": "Jawa Barat",
            "kind": "kabupaten",
        },
        "values": values,
    }
    path = tmp_path / "spbe.yaml"
    path.write_text(yaml.safe_dump(document), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("lang", "title"),
    [
        ("en", "SPBE index (e-government evaluation), PermenPAN-RB 59/2020"),
        ("id", "Indeks SPBE (evaluasi Sistem Pemerintahan Berbasis Elektronik)"),
    ],
)
@pytest.mark.parametrize("fmt", ["table", "markdown"])
def test_score_is_titled_by_its_criteria(
    run: Run, tmp_path: Path, lang: str, title: str, fmt: str
) -> None:
    path = _spbe_submission(tmp_path)
    result = run("score", "-c", CRITERIA_DIR / "spbe-2020.yaml", path, "--lang", lang, "-f", fmt)
    assert result.exit_code == 0, result.output
    assert title in result.stdout
    assert "Kabupaten Indramayu (32.12)" in result.stdout
    assert "smart city" not in result.stdout.lower().replace("-", " ")


@pytest.mark.parametrize("command", ["explain", "sensitivity"])
def test_the_formats_a_command_lists_in_its_help_are_those_it_has(run: Any, command: str) -> None:
    from smartcity_assess.report.interface import Reporter, all_formats

    result = run(command, "--help")
    assert result.exit_code == 0
    listed = re.search(r"Formats: ([a-z, ]+)\.", " ".join(result.stdout.split()))
    assert listed is not None
    able = {
        name
        for name, cls in all_formats().items()
        if getattr(cls, command) is not getattr(Reporter, command)
    }
    assert set(listed[1].split(", ")) == able


def _commands() -> list[tuple[str, ...]]:
    import click
    import typer

    from smartcity_assess.cli import app

    root = typer.main.get_command(app)
    assert isinstance(root, click.Group)
    found: list[tuple[str, ...]] = []
    for name, command in sorted(root.commands.items()):
        if isinstance(command, click.Group):
            found += [(name, sub) for sub in sorted(command.commands)]
        else:
            found.append((name,))
    return found


@pytest.mark.parametrize("command", _commands(), ids=" ".join)
def test_help_text_fills_an_80_column_terminal(
    run: Any, monkeypatch: pytest.MonkeyPatch, command: tuple[str, ...]
) -> None:
    """A command's description is wrapped by the terminal, not by its docstring's line
    breaks: no description line ends where the next line's first word would still fit."""
    monkeypatch.setenv("COLUMNS", "80")
    result = run(*command, "--help")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    start = next(i for i, line in enumerate(lines) if line.strip().startswith("Usage:")) + 1
    end = next(i for i, line in enumerate(lines) if line.startswith("╭"))
    description = [line.strip() for line in lines[start:end]]
    assert sum(bool(line) for line in description) >= 1
    for line, following in itertools.pairwise(description):
        if line and following:
            assert len(line) + 1 + len(following.split()[0]) > 78, (line, following)
