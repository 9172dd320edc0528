"""Fuzzing ``assess validate`` with mutated valid submissions, at byte level and at
structure level. Whatever comes in, it ends with exit 0, 1 or 2 and never a traceback.

Bounded (200 examples in all, a few seconds); set FUZZ_EXAMPLES to run more, e.g.
``FUZZ_EXAMPLES=5000 pytest tests/test_fuzz.py``.
"""

from __future__ import annotations

import copy
import csv
import io
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from smartcity_assess.reading.criteria_file import load_criteria
from smartcity_assess.reading.submissions import csv_columns

from .conftest import EXAMPLES

Run = Callable[..., Any]
EXAMPLES_EACH = int(os.environ.get("FUZZ_EXAMPLES", "50"))
FUZZ = settings(
    max_examples=EXAMPLES_EACH,
    deadline=None,
    # The same examples on every ordinary run (no flaky CI); new ones when asked for more.
    derandomize="FUZZ_EXAMPLES" not in os.environ,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

SEED_YAML = (EXAMPLES / "indramayu-2018.yaml").read_bytes()
SEED_DATA: dict[str, Any] = yaml.safe_load(SEED_YAML)


def _seed_csv() -> bytes:
    """Indramayu's submission as a CSV header and one row."""
    region, values = SEED_DATA["region"], SEED_DATA["values"]
    columns = list(csv_columns(load_criteria().model))
    row: list[str] = []
    for column in columns:
        if column in region:
            cell = region[column]
        elif column == "year":
            cell = SEED_DATA["year"]
        elif column == "submitted":
            cell = "2018-03-01"
        else:
            factor, indicator = column.split(".")
            cell = values.get(factor, {}).get(indicator, "")
        row.append(str(cell).lower() if isinstance(cell, bool) else str(cell))
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows([columns, row])
    return out.getvalue().encode()


SEED_CSV = _seed_csv()

# Scalars and fragments that have surprised YAML readers (and this one).
NASTY = [
    "yes", "no", "on", "off", "~", "null", "", ".nan", "-.inf", "1.0e+400", "0x1F", "0o17",
    "017", "1:30", "1_000", "32.10", "9" * 400, "!!python/object:os.system {}",
    "!!python/name:os.system", "!custom x", "!!int abc", "!!bool maybe", "!!float 1:2",
    "&a x", "*a", "*undefined", "<<: {a: 1}", "[", "{", "]", "? [a, b]", "'unterminated",
    '"\\u0000"', "|", ">-", "- - - 1", "[" * 200, "{a: " * 70, "2018-05-08", "\t", "#",
    "%YAML 1.1", "---", "...", "\ufeff", "é", "\u202e", "\x85",
]  # fmt: skip


@st.composite
def byte_mutations(draw: st.DrawFn, seed: bytes) -> bytes:
    """1 to 5 flips, insertions, deletions or a truncation of ``seed``."""
    data = bytearray(seed)
    for _ in range(draw(st.integers(1, 5))):
        kind = draw(st.sampled_from(["flip", "insert", "delete", "truncate", "repeat"]))
        at = draw(st.integers(0, max(len(data) - 1, 0)))
        if kind == "flip" and data:
            data[at] ^= 1 << draw(st.integers(0, 7))
        elif kind == "insert":
            data[at:at] = draw(st.binary(min_size=1, max_size=8))
        elif kind == "delete":
            del data[at : at + draw(st.integers(1, 64))]
        elif kind == "truncate":
            del data[at:]
        else:
            data[at:at] = data[at : at + draw(st.integers(1, 200))] * draw(st.integers(1, 20))
    return bytes(data)


def _paths(node: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [prefix] if prefix else []
    if isinstance(node, dict):
        for key, value in node.items():
            found += _paths(value, (*prefix, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            found += _paths(value, (*prefix, index))
    return found


ODD_VALUES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**30), max_value=10**30),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=20),
    st.sampled_from(NASTY),
    st.lists(st.integers(), max_size=3),
    st.dictionaries(st.text(max_size=5), st.integers(), max_size=3),
)


@st.composite
def structure_mutations(draw: st.DrawFn) -> bytes:
    """Indramayu's submission with keys dropped or renamed and values swapped for values of
    other types, dumped again, and then perhaps a raw YAML fragment (a tag, an anchor, an
    alias, a YAML 1.1 scalar) written over one line's value."""
    data = copy.deepcopy(SEED_DATA)
    for _ in range(draw(st.integers(1, 4))):
        path = draw(st.sampled_from(_paths(data)))
        parent: Any = data
        for part in path[:-1]:
            parent = parent[part]
        last = path[-1]
        kind = draw(st.sampled_from(["drop", "rename", "swap"]))
        if kind == "drop" and isinstance(parent, dict):
            del parent[last]
        elif kind == "rename" and isinstance(parent, dict):
            parent[draw(st.one_of(st.text(max_size=12), st.sampled_from(NASTY)))] = parent.pop(last)
        else:
            parent[last] = draw(ODD_VALUES)
        if not _paths(data):
            break
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    lines = text.splitlines()
    for _ in range(draw(st.integers(0, 3))):
        number = draw(st.integers(0, len(lines) - 1))
        head, colon, _ = lines[number].partition(": ")
        fragment = draw(st.sampled_from(NASTY))
        lines[number] = f"{head}: {fragment}" if colon else f"{lines[number]} {fragment}"
    return ("\n".join(lines) + "\n").encode("utf-8", "surrogatepass")


@st.composite
def csv_structure_mutations(draw: st.DrawFn) -> bytes:
    """The CSV with columns dropped or renamed, cells swapped, and rows made ragged."""
    header, row = (list(r) for r in csv.reader(io.StringIO(SEED_CSV.decode())))
    for _ in range(draw(st.integers(1, 4))):
        at = draw(st.integers(0, len(header) - 1))
        kind = draw(st.sampled_from(["drop", "rename", "swap", "extra", "blank"]))
        if kind == "drop" and len(header) > 1:
            del header[at], row[at]
        elif kind == "rename":
            header[at] = draw(st.one_of(st.text(max_size=12), st.sampled_from(NASTY)))
        elif kind == "swap":
            row[at] = draw(st.one_of(st.text(max_size=12), st.sampled_from(NASTY)))
        elif kind == "extra":
            row.append(draw(st.text(max_size=5)))
        else:
            row[at] = ""
    out = io.StringIO()
    rows = [header, row] * draw(st.integers(1, 2))  # a repeated row: the same region twice
    csv.writer(out, lineterminator=draw(st.sampled_from(["\n", "\r\n"]))).writerows(rows)
    return out.getvalue().encode("utf-8", "surrogatepass")


@pytest.fixture(scope="module")
def workdir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("fuzz")


def check(run: Run, path: Path, data: bytes) -> None:
    path.write_bytes(data)
    result = run("validate", "--format", "json", path)
    assert result.exit_code in (0, 1, 2), result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    assert "Traceback" not in result.stdout + result.stderr
    assert "internal error" not in result.stderr


@FUZZ
@given(data=byte_mutations(SEED_YAML))
def test_yaml_bytes(run: Run, workdir: Path, data: bytes) -> None:
    check(run, workdir / "bytes.yaml", data)


@FUZZ
@given(data=byte_mutations(SEED_CSV))
def test_csv_bytes(run: Run, workdir: Path, data: bytes) -> None:
    check(run, workdir / "bytes.csv", data)


@FUZZ
@given(data=structure_mutations())
def test_yaml_structure(run: Run, workdir: Path, data: bytes) -> None:
    check(run, workdir / "structure.yaml", data)


@FUZZ
@given(data=csv_structure_mutations())
def test_csv_structure(run: Run, workdir: Path, data: bytes) -> None:
    check(run, workdir / "structure.csv", data)


def test_the_seeds_are_valid(run: Run, workdir: Path) -> None:
    for name, data in [("seed.yaml", SEED_YAML), ("seed.csv", SEED_CSV)]:
        (workdir / name).write_bytes(data)
        assert run("validate", workdir / name).exit_code == 0
