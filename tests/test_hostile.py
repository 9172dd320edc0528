"""Hostile and broken input (SPEC section 7): every file in ``tests/data/hostile`` goes
through ``validate``, ``score`` and ``rank``. Each ends with the documented exit code, one
clear message naming the file (``name:LINE:COL:`` where there is a line), and never a
traceback. What each file must give is in ``CASES`` below; the file's first line says
what it is."""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from .conftest import TESTS

HOSTILE = TESTS / "data" / "hostile"
Run = Callable[..., Any]
PROBLEM_LINE = re.compile(
    r"^(?P<path>.+?)(?::(?P<line>\d+):(?P<col>\d+))?: "
    r"(?P<sev>error|warning)\[(?P<code>[a-z0-9-]+)\]: "
)


@dataclass(frozen=True)
class Case:
    """What ``validate`` must give for one file: exit code, the problem codes in output
    order, the position of the first problem (None when the file has no line), and any
    options. ``score`` and ``rank`` exit the same way."""

    exit: int
    codes: tuple[str, ...] = ()
    at: tuple[int, int] | None = None
    options: tuple[str, ...] = ()


ACCEPTED = Case(0)
CASES: dict[str, Case] = {
    # --- YAML: structure that must be refused, never obeyed ---
    "duplicate-key.yaml": Case(1, ("duplicate-key",), (7, 3)),
    "duplicate-indicator.yaml": Case(1, ("duplicate-key",), (25, 5)),
    "python-tag.yaml": Case(1, ("forbidden-tag",), (2, 1)),
    "python-name-tag.yaml": Case(1, ("forbidden-tag",), (6, 9)),
    "custom-tag.yaml": Case(1, ("forbidden-tag",), (4, 9)),
    "merge-key.yaml": Case(1, ("forbidden-tag",), (4, 3)),
    "bad-tagged-scalar.yaml": Case(1, ("yaml-syntax",), (7, 7)),
    "list-key.yaml": Case(1, ("bad-key",), (7, 5)),
    "numeric-keys.yaml": Case(1, ("unknown-key",), (11, 3)),
    "alias-bomb.yaml": Case(1, ("too-complex",), (2, 20)),
    "deep-flow.yaml": Case(1, ("too-complex",), (2, 1008)),
    "deep-block-sequence.yaml": Case(1, ("too-complex",), (3, 1999)),
    "deep-block-mapping.yaml": Case(1, ("too-complex",), (67, 66)),
    "huge-integer.yaml": Case(1, ("too-complex",), (20, 24)),
    "sexagesimal-bomb.yaml": Case(1, ("too-complex",), (7, 7)),
    "size-limit.yaml": Case(1, ("too-large",), None, ("--max-file-size", "400")),
    "syntax-error.yaml": Case(1, ("yaml-syntax",), (11, 9)),
    "tab-indent.yaml": Case(1, ("yaml-syntax",), (12, 1)),
    "undefined-alias.yaml": Case(1, ("yaml-syntax",), (14, 22)),
    "top-level-list.yaml": Case(1, ("wrong-type",), (2, 1)),
    "top-level-scalar.yaml": Case(1, ("wrong-type",), (2, 1)),
    "empty.yaml": Case(1, ("empty",), (1, 1)),
    "whitespace-only.yaml": Case(1, ("empty",), (1, 1)),
    "comment-only.yaml": Case(1, ("empty",), (1, 1)),
    "empty-document.yaml": Case(1, ("empty",), (26, 1)),
    # --- YAML: values that must be refused with a helpful message ---
    "nan.yaml": Case(1, ("not-finite",), (12, 23)),
    "inf.yaml": Case(1, ("not-finite",), (18, 29)),
    "overflow-1e400.yaml": Case(1, ("not-finite",), (12, 23)),
    "big-integer.yaml": Case(1, ("out-of-range",), (12, 23)),
    "schema-version-bool.yaml": Case(1, ("invalid-choice",), (2, 17)),
    "schema-version-text.yaml": Case(1, ("invalid-choice",), (2, 17)),
    # --- YAML: scalars that YAML 1.1 (PyYAML) and YAML 1.2 (editors) read differently ---
    "yaml11-bool-level.yaml": Case(1, ("ambiguous-value",), (14, 22)),
    "yaml11-bool-text.yaml": Case(1, ("ambiguous-value", "ambiguous-value"), (5, 9)),
    "yaml11-bool-boolean.yaml": Case(1, ("ambiguous-value", "ambiguous-value"), (11, 25)),
    "yaml11-octal.yaml": Case(1, ("ambiguous-value",), (12, 23)),
    "yaml11-sexagesimal.yaml": Case(1, ("ambiguous-value",), (20, 24)),
    "yaml11-underscore.yaml": Case(1, ("ambiguous-value",), (22, 26)),
    "yaml12-octal-exponent.yaml": Case(1, ("ambiguous-value", "ambiguous-value"), (12, 23)),
    "yaml-core-alike.yaml": ACCEPTED,
    "ambiguous-number.yaml": Case(1, ("ambiguous-value",), (12, 23)),  # 1.500: thousands?
    "float-code.yaml": Case(1, ("region-code",), (4, 9)),
    "int-code.yaml": Case(1, ("region-code",), (4, 9)),
    "kind-mismatch.yaml": Case(1, ("region-kind",), (6, 9)),
    "unknown-keys.yaml": Case(1, ("unknown-key", "unknown-key"), (8, 1)),
    "wrong-types.yaml": Case(
        1,
        ("invalid-choice", "wrong-type", "wrong-type")
        + ("missing-value",) * 5
        + ("wrong-type",) * 4,
        (2, 17),
    ),
    # --- bytes and encodings ---
    "latin1.yaml": Case(1, ("encoding",), (5, 32)),
    "utf16-bom.yaml": Case(1, ("encoding",), (1, 1)),
    "utf16-no-bom.yaml": Case(1, ("encoding",), (1, 2)),
    "control-character.yaml": Case(1, ("encoding",), (5, 18)),
    "yaml-del-character.yaml": Case(1, ("encoding",), (6, 17)),
    "utf8-bom.yaml": ACCEPTED,
    "crlf.yaml": ACCEPTED,
    # --- valid but suspicious: warnings, exit 0 (1 with validate --strict) ---
    "placeholder.yaml": Case(0, ("placeholder-values",), (8, 1)),
    "goalposts.yaml": Case(0, ("suspicious-goalposts",), (8, 1)),
    # --- CSV ---
    "unknown-column.csv": Case(1, ("missing-value", "unknown-key"), (1, 1)),
    "bad-boolean.csv": Case(1, ("wrong-type",), (2, 7)),
    "missing-code-column.csv": Case(1, ("missing-value",), (1, 1)),
    "ragged-rows.csv": Case(1, ("csv-syntax", "csv-syntax"), (4, 1)),
    "unterminated-quote.csv": Case(1, ("csv-syntax",), (4, 1)),
    "duplicate-column.csv": Case(1, ("duplicate-key",), (1, 7)),
    "nul-byte.csv": Case(1, ("encoding",), (3, 11)),
    "latin1.csv": Case(1, ("encoding",), (2, 30)),
    "utf16.csv": Case(1, ("encoding",), (1, 1)),
    "float-code.csv": Case(1, ("region-code",), (2, 1)),
    "nan-inf.csv": Case(1, ("not-finite", "not-finite"), (2, 8)),
    "unknown-level.csv": Case(1, ("unknown-level",), (2, 9)),
    "duplicate-region.csv": Case(1, ("duplicate-region",), (3, 1)),
    "empty.csv": Case(1, ("empty",), (1, 1)),
    "header-only.csv": Case(0, ("csv-no-rows",), (1, 1)),  # a blank template
    "bom-crlf.csv": ACCEPTED,
    # --- CSV as a spreadsheet set to Indonesian saves it: ';', 82,5, BENAR/Tidak ---
    "semicolon-indonesian.csv": ACCEPTED,
    "thousands.csv": Case(1, ("ambiguous-value", "wrong-type"), (2, 8)),  # 1.234, 1.234.567
    "mixed-separators.csv": Case(1, ("csv-syntax",), (1, 1)),  # a header with ',' and ';'
}


def no_traceback(result: Any) -> None:
    assert "Traceback" not in result.stdout + result.stderr
    assert result.exit_code != 3, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)


def problems_in(text: str) -> list[re.Match[str]]:
    return [m for line in text.splitlines() if (m := PROBLEM_LINE.match(line))]


def test_the_corpus_is_complete() -> None:
    files = sorted(p.name for p in HOSTILE.iterdir())
    assert files == sorted(CASES), "every hostile file needs a case, and every case a file"
    assert len(files) >= 30
    assert {Path(name).suffix for name in files} == {".yaml", ".csv"}


@pytest.mark.parametrize("name", sorted(CASES))
def test_validate(run: Run, name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    case = CASES[name]
    monkeypatch.chdir(HOSTILE)  # relative names, as a user types them
    result = run("validate", name, *case.options)
    no_traceback(result)
    assert result.exit_code == case.exit, result.output
    found = problems_in(result.stdout)
    assert len(found) == len(result.stdout.splitlines()), "one problem a line, nothing else"
    assert tuple(m["code"] for m in found) == case.codes
    assert all(m["path"] == name for m in found)
    if case.at is not None:
        line, column = case.at
        assert result.stdout.startswith(f"{name}:{line}:{column}: ")
    elif found:
        assert found[0]["line"] is None and result.stdout.startswith(f"{name}: ")
    if case.exit == 0 and case.codes:
        assert all(m["sev"] == "warning" for m in found)
        assert run("validate", "--strict", name).exit_code == 1
    for m in found:  # every message is one plain line a person can act on
        message = m.string[m.end() :]
        assert message and len(message) < 300


@pytest.mark.parametrize("command", ["score", "rank"])
@pytest.mark.parametrize("name", sorted(CASES))
def test_score_and_rank(run: Run, name: str, command: str, monkeypatch: pytest.MonkeyPatch) -> None:
    case = CASES[name]
    monkeypatch.chdir(HOSTILE)
    result = run(command, name, *case.options)
    no_traceback(result)
    assert result.exit_code == case.exit, result.output
    found = problems_in(result.stderr)
    assert tuple(m["code"] for m in found) == case.codes
    if case.at is not None:
        line, column = case.at
        assert f"{name}:{line}:{column}: " in result.stderr
    if case.exit == 1:
        assert result.stdout == "", "no report from invalid input"


def test_messages_say_what_to_do(run: Run, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(HOSTILE)

    def message(name: str) -> str:
        return run("validate", name).stdout

    assert "first defined at line 5" in message("duplicate-key.yaml")  # both lines
    assert "'!!python/object/apply:os.system' is not allowed" in message("python-tag.yaml")
    assert "alias bomb" in message("alias-bomb.yaml")
    assert "got 1.0e+400 (read as .inf)" in message("overflow-1e400.yaml")
    assert "write false, or quote it if it is text: 'no'" in message("yaml11-bool-level.yaml")
    assert "010 is 8 in YAML 1.1 but 10 in YAML 1.2" in message("yaml11-octal.yaml")
    assert "write 10" in message("yaml11-octal.yaml")
    assert "6:40 is 400 in YAML 1.1 but text in YAML 1.2" in message("yaml11-sexagesimal.yaml")
    assert "0o12 is text in YAML 1.1 but 10 in YAML 1.2" in message("yaml12-octal-exponent.yaml")
    assert "write 1000, or quote it" in message("yaml11-underscore.yaml")
    assert "write true, or quote it if it is text: 'on'" in message("yaml11-bool-boolean.yaml")
    assert 'quote it: code: "32.10"' in message("float-code.yaml")
    assert "got the number 3212" in message("int-code.yaml")
    assert "kota use 71-99" in message("kind-mismatch.yaml")
    assert "did you mean 'year'?" in message("unknown-keys.yaml")
    assert "UTF-16" in message("utf16-bom.yaml") and "UTF-16" in message("utf16-no-bom.yaml")
    assert "byte 0xe9" in message("latin1.yaml")
    assert "the boolean true" in message("schema-version-bool.yaml")
    assert "tab" in message("tab-indent.yaml")
    assert "is also submitted at duplicate-region.csv:2" in message("duplicate-region.csv")
    assert "did you mean 'leadership.head_commitment'" in message("unknown-column.csv")


def test_python_tags_never_run(run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    for command in ("validate", "score", "rank"):
        run(command, HOSTILE / "python-tag.yaml")
    assert not (tmp_path / "PWNED").exists()


def test_several_hostile_files_at_once_report_every_file(run: Run) -> None:
    result = run("validate", HOSTILE)
    no_traceback(result)
    assert result.exit_code == 1
    found = problems_in(result.stdout)
    named = {Path(m["path"]).name for m in found}
    broken = {name for name, case in CASES.items() if case.codes and not case.options}
    assert broken <= named
    # The valid files all submit Indramayu: in one batch, the second and later are errors.
    assert {m["code"] for m in found if Path(m["path"]).name not in broken} == {"duplicate-region"}


# --- made at test time: too big to commit, or not files at all --------------------------------


def test_a_file_over_the_default_size_limit(run: Run, tmp_path: Path) -> None:
    seed = (HOSTILE / "crlf.yaml").read_bytes()  # a valid submission
    big = tmp_path / "big.yaml"
    big.write_bytes(seed + b"# padding\r\n" * (1024 * 1024 // 11 + 1))
    for command in ("validate", "score", "rank"):
        result = run(command, big)
        no_traceback(result)
        assert result.exit_code == 1
        output = result.stdout + result.stderr
        assert f"{big}: error[too-large]: file is {big.stat().st_size} bytes" in output
    assert run("validate", big, "--max-file-size", str(2 * 1024 * 1024)).exit_code == 0


@pytest.mark.parametrize("command", ["validate", "score", "rank"])
def test_missing_paths_symlink_loops_and_directories(
    run: Run, tmp_path: Path, command: str
) -> None:
    valid = HOSTILE / "utf8-bom.yaml"
    loop = tmp_path / "loop.yaml"
    loop.symlink_to(loop)
    folder = tmp_path / "submissions.yaml"  # a directory, named like a file
    folder.mkdir()
    cases = [
        ([tmp_path / "missing.yaml"], "missing.yaml: no such file or directory"),
        ([loop], "loop.yaml: symbolic link loop"),
        ([folder], "no submission files found in"),
        (["--criteria", folder, valid], "submissions.yaml: is a directory, expected a file"),
        (["--criteria", loop, valid], "loop.yaml: symbolic link loop"),
        (["--criteria", tmp_path / "nope.yaml", valid], "nope.yaml: no such file"),
    ]
    if command == "rank":
        cases.append((["--exclude", folder, valid], "is a directory, expected a file"))
    for args, message in cases:
        result = run(command, *args)
        no_traceback(result)
        assert result.exit_code == 2, (args, result.output)
        assert message in result.stderr, (args, result.stderr)


def test_bad_entries_inside_a_folder_are_problems_of_that_file(run: Run, tmp_path: Path) -> None:
    """Found while searching a folder, a symlink loop, a dangling link or a named pipe is
    one problem of that file (exit 1), and the rest of the folder is still read."""
    (tmp_path / "good.yaml").write_bytes((HOSTILE / "crlf.yaml").read_bytes())
    (tmp_path / "loop.yaml").symlink_to(tmp_path / "loop.yaml")
    (tmp_path / "gone.yaml").symlink_to(tmp_path / "deleted.yaml")
    expected = {"loop.yaml": "symbolic link loop", "gone.yaml": "no such file"}
    if hasattr(os, "mkfifo"):
        os.mkfifo(tmp_path / "pipe.yaml")  # nobody writes: must not hang
        expected["pipe.yaml"] = "the file is empty"
    result = run("validate", tmp_path)
    no_traceback(result)
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert len(lines) == len(expected)
    for name, message in expected.items():
        assert any(line.startswith(f"{tmp_path / name}:") and message in line for line in lines)


# --- Excel workbooks, made by tests/hostile_xlsx.py (binaries are not committed) ------------

XLSX_CASES: dict[str, tuple[int, tuple[str, ...], str | None]] = {
    # name: (exit, codes, the first problem's cell)
    "valid.xlsx": (0, (), None),
    "formula.xlsx": (1, ("xlsx-formula",), "Data!J2"),  # refused, not read as its cache
    "merged.xlsx": (1, ("xlsx-merged",), "Data!C2"),
    "date-in-number.xlsx": (1, ("wrong-type",), "Data!J2"),
    "not-zip.xlsx": (1, ("xlsx-syntax",), None),
    "truncated.xlsx": (1, ("xlsx-syntax",), None),
    "zip-bomb.xlsx": (1, ("too-large",), None),
    "huge-sheet.xlsx": (1, ("too-large",), "Data!A20001"),
    "wide-sheet.xlsx": (1, ("too-large",), "Data!XFD2"),
}
XLSX_LINE = re.compile(
    r"^(?P<path>[^:]+)(?::(?P<cell>[^:]+![A-Z]+\d+))?: "
    r"(?P<sev>error|warning)\[(?P<code>[a-z0-9-]+)\]: "
)


@pytest.fixture(scope="session")
def hostile_workbooks(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from .hostile_xlsx import write_all

    folder = tmp_path_factory.mktemp("hostile-xlsx")
    write_all(folder)
    return folder


def test_the_workbook_corpus_is_complete(hostile_workbooks: Path) -> None:
    assert sorted(p.name for p in hostile_workbooks.iterdir()) == sorted(XLSX_CASES)
    bomb = hostile_workbooks / "zip-bomb.xlsx"
    assert bomb.stat().st_size < 1024 * 1024  # small on disk, too big unpacked


@pytest.mark.parametrize("command", ["validate", "score", "rank"])
@pytest.mark.parametrize("name", sorted(XLSX_CASES))
def test_hostile_workbooks(
    run: Run, hostile_workbooks: Path, name: str, command: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    exit_code, codes, cell = XLSX_CASES[name]
    monkeypatch.chdir(hostile_workbooks)
    result = run(command, name)
    no_traceback(result)
    assert result.exit_code == exit_code, result.output
    text = result.stdout if command == "validate" else result.stderr
    found = [m for line in text.splitlines() if (m := XLSX_LINE.match(line))]
    assert tuple(m["code"] for m in found) == codes
    assert all(m["path"] == name for m in found)
    if found:
        assert found[0]["cell"] == cell
        assert all(len(m.string) < 300 for m in found)  # one plain line each
    if exit_code == 1 and command != "validate":
        assert result.stdout == "", "no report from invalid input"


def test_hostile_workbook_messages_say_what_to_do(
    run: Run, hostile_workbooks: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(hostile_workbooks)

    def message(name: str) -> str:
        return run("validate", name).stdout

    assert "Paste Special > Values" in message("formula.xlsx")
    assert "unmerge them" in message("merged.xlsx")
    assert "got the text '2018-03-01'" in message("date-in-number.xlsx")
    assert "a .xlsx file is a zip archive and this one is not" in message("not-zip.xlsx")
    assert "refused unread" in message("zip-bomb.xlsx")
    assert "more than 20000 rows; use a CSV file" in message("huge-sheet.xlsx")
