"""How fast is `assess rank`, against the parsing floor and against what an analyst would write?

    python benchmarks/run.py            # 514 files, 10,000 files, a 100,000-row CSV
    python benchmarks/run.py --quick    # 50 files and a 300-row CSV (CI: proves it still works)

Every measured command runs as a fresh `python` process, interleaved round by round, so that
machine noise hits all of them alike. The table gives median wall time, the ratio to the floor
measured in the same run, and peak RSS. The script asserts that the pandas + scikit-criteria
peer ranks the regions as `assess` does (ties at the criteria's precision aside), and exits 1
if it does not.

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
    criteria = yaml.load(CRITERIA.read_bytes(), Loader=yaml.CSafeLoader)
    addresses = [f"{f['id']}.{i['id']}" for f in criteria["factors"] for i in f["indicators"]]
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["code", "name", "province", "kind", "year", *addresses])
        for row, values in pool:
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
CSV_FLOOR = """
import csv, sys
with open(sys.argv[1], encoding='utf-8', newline='') as f:
    rows = list(csv.reader(f))
"""


def measure(command: list[str]) -> tuple[float, float]:
    """Wall seconds and peak RSS (MB) of one fresh process."""
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    stderr = process.stderr.read().decode() if process.stderr else ""
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"command failed: {' '.join(command)}\n{stderr}")
    return elapsed, usage.ru_maxrss / 1024


def run_group(name: str, commands: dict[str, list[str]], floor: str, rounds: int) -> list[str]:
    times: dict[str, list[float]] = {label: [] for label in commands}
    rss: dict[str, float] = dict.fromkeys(commands, 0.0)
    for _ in range(rounds):
        for label, command in commands.items():
            seconds, peak = measure(command)
            times[label].append(seconds)
            rss[label] = max(rss[label], peak)
    base = statistics.median(times[floor])
    lines = []
    for label in commands:
        median = statistics.median(times[label])
        lines.append(
            f"| {name} | {label} | {median:8.3f} | {median / base:6.2f}x | {rss[label]:7.1f} |"
        )
    return lines


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


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="tiny sizes, one round (for CI)")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--files", default="514,10000", help="YAML pool sizes, comma-separated")
    parser.add_argument("--rows", type=int, default=100_000, help="CSV pool size")
    args = parser.parse_args()
    sizes = [50] if args.quick else [int(s) for s in args.files.split(",")]
    rows = 300 if args.quick else args.rows
    rounds = 1 if args.quick else args.rounds
    python = sys.executable
    assess = [python, "-m", "smartcity_assess"]
    report = ["| pool | command | median s | vs floor | max RSS MB |", "|---|---|---:|---:|---:|"]
    failures: list[str] = []
    with tempfile.TemporaryDirectory(prefix="assess-bench-") as tmp:
        work = Path(tmp)
        checks: list[tuple[str, Path, Path]] = []  # (pool, our rank JSON, the peer's)
        for size in sizes:
            pool = make_pool(size, args.seed)
            folder = work / f"yaml-{size}"
            write_yaml_files(pool, folder, args.seed)
            same = work / f"yaml-{size}.csv"  # the same pool as a table, for the peer
            write_csv(pool, same)
            out, peer_out = work / f"rank-{size}.json", work / f"peer-{size}.json"
            report += run_group(
                f"{size} YAML files",
                {
                    "YAML floor (CSafeLoader)": [python, "-c", YAML_FLOOR, str(folder)],
                    "assess rank --format json": [
                        *assess,
                        "rank",
                        str(folder),
                        "--format",
                        "json",
                        "-o",
                        str(out),
                    ],
                    "peer (same pool as CSV)": [
                        python,
                        str(PEER),
                        str(same),
                        str(CRITERIA),
                        str(peer_out),
                    ],
                },
                "YAML floor (CSafeLoader)",
                rounds,
            )
            checks.append((f"{size} YAML files", out, peer_out))
        table = work / "pool.csv"
        write_csv(make_pool(rows, args.seed), table)
        ours, theirs = work / "rank-csv.json", work / "peer.json"
        report += run_group(
            f"{rows} CSV rows",
            {
                "CSV floor (csv module)": [python, "-c", CSV_FLOOR, str(table)],
                "assess rank --format json": [
                    *assess,
                    "rank",
                    str(table),
                    "--format",
                    "json",
                    "-o",
                    str(ours),
                ],
                "peer: pandas + scikit-criteria": [
                    python,
                    str(PEER),
                    str(table),
                    str(CRITERIA),
                    str(theirs),
                ],
            },
            "CSV floor (csv module)",
            rounds,
        )
        checks.append((f"{rows} CSV rows", ours, theirs))
        agreement = []
        for name, ours_json, peer_json in checks:
            agrees, pairs = ranking_agrees(ours_json, peer_json, precision=2)
            agreement.append(f"{name}: {agrees} ({pairs} neighbouring pairs compared)")
            if not agrees:
                failures.append(f"the peer's ranking differs from assess on {name}")
    print("\n".join(report))
    print("\npeer ranking agrees with assess (ties at the shown precision aside):")
    print("\n".join(f"  {line}" for line in agreement))
    if failures:
        print("FAILED: " + "; ".join(failures), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
