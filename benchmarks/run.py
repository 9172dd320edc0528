"""How fast is `assess`, against the floors it stands on and against what an analyst would write?

    python benchmarks/run.py            # start-up, 514 and 10,000 files, a 100,000-row CSV
    python benchmarks/run.py --quick    # tiny sizes, one round (CI: proves it still works)

Every measured command runs as a fresh `python` process, interleaved round by round, so that
machine noise hits all of them alike; each target is a ratio of medians measured in the same
run:

- start-up: `assess score examples/indramayu-2018.yaml -f json` against a Python that only
  imports typer, pydantic, yaml and rich.console (limit 1.3x);
- per-file cost: (rank of N files - rank of 1 file) against (the YAML floor over N files -
  over 1 file), the floor being a fresh Python reading each file with CSafeLoader (limit 1.5x);
- a 100,000-row CSV: `rank -f json`, `-f csv` and `-f markdown` against the pandas + scikit-criteria
  peer, in wall time and in CPU time (user + sys; limit 1.5x each), and peak RSS (limit 1 GB
  for JSON, 600 MB for CSV and Markdown); CSV and Markdown against JSON in wall time (limit
  1.0x: no slower).

The script asserts that the peer ranks the regions as `assess` does (ties at the criteria's
precision aside), and exits 1 if it does not. A missed target is printed, not an exit code:
these machines are noisy, and the figures are for people to read.

Pools use real kabupaten/kota codes; beyond 514 regions the codes are recycled with a
Kemendagri sub-unit suffix (``32.12.01.0001``), as a village-level programme would have.
"""

from __future__ import annotations

import argparse
import csv
import importlib.util
import itertools
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[1]
CRITERIA = ROOT / "criteria" / "gerakan-100-smart-city.yaml"
PEER = Path(__file__).resolve().parent / "peer.py"


def _generator() -> Any:
    """examples/generate_pool.py, the seeded generator of plausible synthetic values."""
    spec = importlib.util.spec_from_file_location(
        "generate_pool", ROOT / "examples" / "generate_pool.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def regions(count: int, seed: int) -> list[dict[str, str]]:
    """``count`` regions: every real code once, then recycled with a sub-unit suffix."""
    gen = _generator()
    rows = gen.read_csv(gen.REGISTRY)
    rng = random.Random(seed)
    out: list[dict[str, str]] = []
    copy = 0
    while len(out) < count:
        batch = list(rows)
        rng.shuffle(batch)
        for row in batch[: count - len(out)]:
            if copy == 0:
                out.append(dict(row))
            else:
                unit = dict(row)
                unit["code"] = f"{row['code']}.{copy // 10000 + 1:02d}.{copy % 10000:04d}"
                unit["name"] = f"{row['name']} (unit {copy})"
                out.append(unit)
        copy += 1
    return out


def make_pool(count: int, seed: int) -> list[tuple[dict[str, str], dict[str, dict[str, Any]]]]:
    gen = _generator()
    criteria = yaml.load(CRITERIA.read_bytes(), Loader=yaml.CSafeLoader)
    pool = []
    for row in regions(count, seed):
        rng = random.Random(f"{seed}:{row['code']}")
        latent = gen.readiness(row, None, rng)
        weak = rng.random() < gen.WEAK_SHARE
        pool.append((row, gen.make_values(criteria, latent, weak, rng)))
    return pool


def write_yaml_files(pool: list[Any], folder: Path, seed: int) -> None:
    gen = _generator()
    folder.mkdir(parents=True, exist_ok=True)
    for i, (row, values) in enumerate(pool):
        text = gen.render(seed, "gerakan-100-smart-city", row, values)
        (folder / f"{i:06d}.yaml").write_text(text, encoding="utf-8")


def write_csv(pool: list[Any], path: Path) -> None:
    gen = _generator()
    criteria = yaml.load(CRITERIA.read_bytes(), Loader=yaml.CSafeLoader)
    addresses = [f"{f['id']}.{i['id']}" for f in criteria["factors"] for i in f["indicators"]]
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["code", "name", "province", "kind", "year", *addresses])
        for today, values in pool:
            row = gen.in_year(today)  # the code and province of 2018 (the 2022 Papua split)
            cells = []
            for address in addresses:
                factor, indicator = address.split(".")
                value = values.get(factor, {}).get(indicator)
                cells.append(
                    ""
                    if value is None
                    else str(value).lower()
                    if isinstance(value, bool)
                    else str(value)
                )
            writer.writerow(
                [row["code"], row["name"], row["province"], row["kind"], "2018", *cells]
            )


YAML_FLOOR = """
import pathlib, sys, yaml
for p in sorted(pathlib.Path(sys.argv[1]).rglob('*.yaml')):
    yaml.load(p.read_bytes(), Loader=yaml.CSafeLoader)
"""
IMPORT_FLOOR = "import typer, pydantic, yaml, rich.console"


class Measured:
    """Every round's wall time, CPU time (user + sys) and peak RSS of one command."""

    def __init__(self) -> None:
        self.wall: list[float] = []
        self.cpu: list[float] = []
        self.rss_mb = 0.0

    @property
    def median(self) -> float:
        return statistics.median(self.wall)

    @property
    def median_cpu(self) -> float:
        return statistics.median(self.cpu)


def measure(command: list[str], into: Measured) -> None:
    """One fresh process: its wall time, its CPU time and that of any child it waited
    for, and its peak RSS."""
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    stderr = process.stderr.read().decode() if process.stderr else ""
    _, status, usage = os.wait4(process.pid, 0)
    into.wall.append(time.perf_counter() - start)
    into.cpu.append(usage.ru_utime + usage.ru_stime)
    into.rss_mb = max(into.rss_mb, usage.ru_maxrss / 1024)
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"command failed: {' '.join(command)}\n{stderr}")


def interleaved(commands: dict[str, list[str]], rounds: int) -> dict[str, Measured]:
    """Each command once per round, in turn, so that machine noise hits all of them alike."""
    results = {label: Measured() for label in commands}
    for _ in range(rounds):
        for label, command in commands.items():
            measure(command, results[label])
    return results


def ranking_agrees(ours_json: Path, peer_json: Path, precision: int) -> tuple[bool, int]:
    """Our order of regions by score and the peer's agree for every pair whose scores differ
    at the criteria's precision; returns (agrees, pairs compared)."""
    ours = {
        r["code"]: round(r["score"], precision)
        for r in json.loads(ours_json.read_text())["regions"]
    }
    peer = json.loads(peer_json.read_text())
    peer_scores = {code: round(score, precision) for code, score in peer["scores"].items()}
    assert set(ours) == set(peer_scores), "the peer and assess saw different regions"
    peer_order = sorted(peer_scores, key=lambda c: -peer_scores[c])
    compared = 0
    for first, second in itertools.pairwise(peer_order):
        if ours[first] == ours[second] or peer_scores[first] == peer_scores[second]:
            continue  # a tie at the shown precision: either order is right
        compared += 1
        if ours[first] < ours[second]:
            return False, compared
    return True, compared


class Report:
    """The targets' table: each row a ratio measured in one interleaved run."""

    def __init__(self) -> None:
        self.lines = [
            "| target | ours | baseline | ratio | limit | met |",
            "|---|---:|---:|---:|---:|:---:|",
        ]
        self.missed: list[str] = []

    def ratio(self, name: str, ours: float, base: float, limit: float, unit: str = "s") -> None:
        ratio = ours / base if base > 0 else float("inf")
        met = ratio <= limit
        self.lines.append(
            f"| {name} | {ours:.3f} {unit} | {base:.3f} {unit} | {ratio:.2f}x | "
            f"{limit:.2f}x | {'yes' if met else 'NO'} |"
        )
        if not met:
            self.missed.append(name)

    def bound(self, name: str, value: float, limit: float, unit: str) -> None:
        met = value <= limit
        self.lines.append(
            f"| {name} | {value:.0f} {unit} | | | {limit:.0f} {unit} | {'yes' if met else 'NO'} |"
        )
        if not met:
            self.missed.append(name)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="tiny sizes, one round (for CI)")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--files", default="514,10000", help="YAML pool sizes, comma-separated")
    parser.add_argument("--rows", type=int, default=100_000, help="CSV pool size")
    args = parser.parse_args()
    sizes = [20] if args.quick else [int(s) for s in args.files.split(",")]
    rows = 300 if args.quick else args.rows
    rounds = 1 if args.quick else args.rounds
    python = sys.executable
    assess = [python, "-m", "smartcity_assess"]
    report = Report()
    failures: list[str] = []
    with tempfile.TemporaryDirectory(prefix="assess-bench-") as tmp:
        work = Path(tmp)

        # Start-up: one small command against importing the libraries it is built on.
        example = ROOT / "examples" / "indramayu-2018.yaml"
        startup = interleaved(
            {
                "floor": [python, "-c", IMPORT_FLOOR],
                "score": [*assess, "score", str(example), "-f", "json"],
            },
            rounds * 2,
        )
        report.ratio(
            "start-up: score one file -f json / import typer, pydantic, yaml, rich.console",
            startup["score"].median,
            startup["floor"].median,
            1.3,
        )

        # The cost of each further file: (rank N - rank 1) / (floor N - floor 1).
        checks: list[tuple[str, Path, Path]] = []  # (pool, our rank JSON, the peer's)
        one = work / "yaml-1"
        for size in sizes:
            pool = make_pool(size, args.seed)
            folder = work / f"yaml-{size}"
            write_yaml_files(pool, folder, args.seed)
            if not one.exists():
                write_yaml_files(pool[:1], one, args.seed)
            out = work / f"rank-{size}.json"
            measured = interleaved(
                {
                    "floor 1": [python, "-c", YAML_FLOOR, str(one)],
                    "floor N": [python, "-c", YAML_FLOOR, str(folder)],
                    "rank 1": [*assess, "rank", str(one), "-f", "json", "-o", str(work / "1")],
                    "rank N": [*assess, "rank", str(folder), "-f", "json", "-o", str(out)],
                },
                rounds,
            )
            report.ratio(
                f"per-file cost at {size} YAML files: (rank N - rank 1) / (floor N - floor 1)",
                measured["rank N"].median - measured["rank 1"].median,
                measured["floor N"].median - measured["floor 1"].median,
                1.5,
            )
            same = work / f"yaml-{size}.csv"  # the same pool as a table, for the peer
            write_csv(pool, same)
            peer_out = work / f"peer-{size}.json"
            subprocess.run([python, str(PEER), str(same), str(CRITERIA), str(peer_out)], check=True)
            checks.append((f"{size} YAML files", out, peer_out))

        # A large CSV pool against what an analyst would write, in wall and CPU time.
        table = work / "pool.csv"
        write_csv(make_pool(rows, args.seed), table)
        ours, theirs = work / "rank-csv.json", work / "peer.json"
        measured = interleaved(
            {
                "peer": [python, str(PEER), str(table), str(CRITERIA), str(theirs)],
                "json": [*assess, "rank", str(table), "-f", "json", "-o", str(ours)],
                "csv": [*assess, "rank", str(table), "-f", "csv", "-o", str(work / "r.csv")],
                "markdown": [
                    *assess,
                    "rank",
                    str(table),
                    "-f",
                    "markdown",
                    "-o",
                    str(work / "r.md"),
                ],
            },
            rounds,
        )
        peer = measured["peer"]
        for fmt in ("json", "csv", "markdown"):
            report.ratio(
                f"{rows} CSV rows, rank -f {fmt}: wall / peer's wall",
                measured[fmt].median,
                peer.median,
                1.5,
            )
            report.ratio(
                f"{rows} CSV rows, rank -f {fmt}: CPU (user + sys) / peer's CPU",
                measured[fmt].median_cpu,
                peer.median_cpu,
                1.5,
            )
            # Issue 18: CSV and Markdown under 600 MB and no slower than JSON; JSON under 1 GB.
            limit = 1024 if fmt == "json" else 600
            report.bound(
                f"{rows} CSV rows, rank -f {fmt}: peak RSS", measured[fmt].rss_mb, limit, "MB"
            )
            if fmt != "json":
                report.ratio(
                    f"{rows} CSV rows, rank -f {fmt}: wall / rank -f json's wall",
                    measured[fmt].median,
                    measured["json"].median,
                    1.0,
                )
        checks.append((f"{rows} CSV rows", ours, theirs))

        agreement = []
        for name, ours_json, peer_json in checks:
            agrees, pairs = ranking_agrees(ours_json, peer_json, precision=2)
            agreement.append(f"{name}: {agrees} ({pairs} neighbouring pairs compared)")
            if not agrees:
                failures.append(f"the peer's ranking differs from assess on {name}")
    print(f"medians of {rounds} interleaved rounds ({rounds * 2} for start-up)\n")
    print("\n".join(report.lines))
    print("\npeer ranking agrees with assess (ties at the shown precision aside):")
    print("\n".join(f"  {line}" for line in agreement))
    if report.missed and not args.quick:
        print("\ntargets missed: " + "; ".join(report.missed))
    if failures:
        print("FAILED: " + "; ".join(failures), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
