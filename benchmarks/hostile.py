"""Do hostile files end quickly and in little memory? (issue 4: < 2 s and < 200 MB each)

    python benchmarks/hostile.py           # the full sizes, 5 rounds
    python benchmarks/hostile.py --quick   # small sizes, 2 rounds (CI: proves it still works)

Each case runs `assess validate FILE` as a fresh `python -m smartcity_assess` process, and so
does the floor, `python -c pass`, interleaved round by round so that machine noise hits all
alike. Wall time is the median over the rounds; peak RSS is the largest of the rounds, read
per process with os.wait4 (RUSAGE_CHILDREN would report the largest child so far, not this
one). A valid submission is measured too: it is the tool's own start-up cost, which every
hostile case pays before reading a byte.

Exits 1 if a case misses its target, or exits with a code other than the documented one.
"""

from __future__ import annotations

import argparse
import itertools
import os
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
VALID = ROOT / "examples" / "indramayu-2018.yaml"
TARGET_SECONDS = 2.0
TARGET_MB = 200.0


@dataclass(frozen=True)
class Case:
    name: str
    path: Path
    exit: int
    options: tuple[str, ...] = ()
    target: bool = True  # held to the < 2 s, < 200 MB target


def alias_bomb(levels: int) -> str:
    """'Billion laughs': each level is nine aliases of the one before (9**levels values)."""
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    names = [chr(ord("a") + i) for i in range(levels)]
    for previous, name in itertools.pairwise(names):
        lines.append(f"{name}: &{name} [" + ",".join([f"*{previous}"] * 9) + "]")
    return "\n".join(lines) + "\n"


def make_cases(folder: Path, quick: bool) -> list[Case]:
    depth = 1_000 if quick else 10_000
    files = {
        "alias-bomb.yaml": alias_bomb(6 if quick else 9),
        "deep-flow.yaml": "values: " + "[" * depth + "]" * depth + "\n",
        "deep-flow-mappings.yaml": "values: " + "{a: " * depth + "1" + "}" * depth + "\n",
        "deep-block-sequence.yaml": "values:\n" + "- " * depth + "1\n",
    }
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    # One more space of indentation per level: 10,000 levels are 50 MB, so this file only
    # gets past the default 1 MiB limit when that is raised. Written line by line: a 50 MB
    # string here would be counted in every child's peak RSS (fork copies this process).
    block_mapping = folder / "deep-block-mapping.yaml"
    with block_mapping.open("w", encoding="utf-8") as handle:
        for i in range(depth - 1):
            handle.write(" " * i + f"k{i}:\n")
        handle.write(" " * (depth - 1) + "k: 1\n")
    raised = str(block_mapping.stat().st_size + 1)
    sys.path.insert(0, str(ROOT))
    from tests.hostile_xlsx import write_all  # needs the xlsx extra (openpyxl)

    books = folder / "xlsx"
    write_all(books)
    from smartcity_assess.reading.workbook import MAX_ROWS, MAX_UNCOMPRESSED

    workbooks = [
        Case(
            f"xlsx zip bomb, {MAX_UNCOMPRESSED / 2**20:.0f}+ MiB unpacked",
            books / "zip-bomb.xlsx",
            1,
        ),
        Case(f"xlsx sheet of {MAX_ROWS + 1:,} rows", books / "huge-sheet.xlsx", 1),
        Case("xlsx value in column XFD", books / "wide-sheet.xlsx", 1),
        Case("xlsx formula", books / "formula.xlsx", 1),
        Case("xlsx merged cells", books / "merged.xlsx", 1),
        Case("xlsx that is not a zip", books / "not-zip.xlsx", 1),
    ]
    return [
        Case("valid submission (start-up cost)", VALID, 0),
        Case(f"alias bomb, 9^{6 if quick else 9} values", folder / "alias-bomb.yaml", 1),
        Case(f"{depth:,}-deep flow sequences", folder / "deep-flow.yaml", 1),
        Case(f"{depth:,}-deep flow mappings", folder / "deep-flow-mappings.yaml", 1),
        Case(f"{depth:,}-deep block sequences", folder / "deep-block-sequence.yaml", 1),
        Case(
            f"{depth:,}-deep block mappings, default limit",
            block_mapping,
            1,
        ),
        Case(
            f"{depth:,}-deep block mappings, {int(raised) / 1e6:.1f} MB let in",
            block_mapping,
            1,
            ("--max-file-size", raised),
            target=False,  # the size limit is what keeps such a file out
        ),
        *workbooks,
    ]


def measure(argv: list[str]) -> tuple[float, float, int]:
    """Wall seconds, peak RSS in MB and exit code of one fresh process."""
    start = time.perf_counter()
    process = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)  # reaped here, not by Popen
    # ru_maxrss is in kilobytes on Linux, in bytes on macOS.
    scale = 1024 * 1024 if sys.platform == "darwin" else 1024
    return elapsed, usage.ru_maxrss / scale, process.returncode


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="small sizes, two rounds")
    parser.add_argument("--rounds", type=int, default=None)
    args = parser.parse_args()
    rounds = args.rounds or (2 if args.quick else 5)
    with tempfile.TemporaryDirectory(prefix="assess-hostile-") as tmp:
        cases = make_cases(Path(tmp), args.quick)
        floor = [sys.executable, "-c", "pass"]
        tool = [sys.executable, "-m", "smartcity_assess", "validate"]
        commands = {"python -c pass": floor} | {
            c.name: [*tool, *c.options, str(c.path)] for c in cases
        }
        times: dict[str, list[float]] = {name: [] for name in commands}
        peaks: dict[str, float] = dict.fromkeys(commands, 0.0)
        exits: dict[str, set[int]] = {name: set() for name in commands}
        for _ in range(rounds):
            for name, argv in commands.items():
                seconds, mb, code = measure(argv)
                times[name].append(seconds)
                peaks[name] = max(peaks[name], mb)
                exits[name].add(code)

    base_time = statistics.median(times["python -c pass"])
    base_mb = peaks["python -c pass"]
    failed = False
    print(
        f"python {sys.version.split()[0]}, {rounds} round(s); "
        f"targets < {TARGET_SECONDS} s, < {TARGET_MB:.0f} MB"
    )
    print(f"{'case':<46} {'wall s':>7} {'x pass':>7} {'peak MB':>8} {'x pass':>7} {'exit':>5}  ok")
    for name in commands:
        case = next((c for c in cases if c.name == name), None)
        wall, mb = statistics.median(times[name]), peaks[name]
        ok = "-"
        if case is not None:
            in_target = wall < TARGET_SECONDS and mb < TARGET_MB
            passed = exits[name] == {case.exit} and (in_target or not case.target)
            ok = ("yes" if passed else "NO") + ("" if case.target else " (no target)")
            failed = failed or not passed
        exit_text = ",".join(str(code) for code in sorted(exits[name]))
        print(
            f"{name:<46} {wall:>7.3f} {wall / base_time:>7.1f} {mb:>8.1f} "
            f"{mb / base_mb:>7.1f} {exit_text:>5}  {ok}"
        )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
