"""How long do 10,000 sensitivity runs take, against one plain `assess rank` of the same pool?

    python benchmarks/sensitivity.py              # 514 regions, 10,000 runs, 3 rounds
    python benchmarks/sensitivity.py --rounds 5 --runs 20000

The pool is one synthetic submission per kabupaten/kota (all 514 in
src/smartcity_assess/data/kabupaten-kota.csv), with values drawn by the functions of
examples/generate_pool.py (its own command picks a 2018-like subset of 160, so it is used as
a library here, with one seeded generator per region). Both commands run as fresh
`python -m smartcity_assess` processes, interleaved round by round so that machine noise
hits both alike, and write JSON to a file. The script prints the median wall time of each
and their ratio, and exits 1 if the ratio is not under the target (20x): the runs must be
array operations, not 10,000 calls of the scalar scorer.
"""

from __future__ import annotations

import argparse
import importlib.util
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
GENERATOR = ROOT / "examples" / "generate_pool.py"
REGIONS = 514
TARGET = 20.0


def _generator() -> Any:
    spec = importlib.util.spec_from_file_location("generate_pool", GENERATOR)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def write_pool(folder: Path, seed: int) -> int:
    """One YAML submission per kabupaten/kota of the registry; returns how many."""
    gen = _generator()
    criteria = yaml.safe_load(Path(gen.DEFAULT_CRITERIA).read_text(encoding="utf-8"))
    folder.mkdir(parents=True)
    rows = gen.read_csv(gen.REGISTRY)
    for row in rows:
        rng = random.Random(f"{seed}:{row['code']}")
        latent = gen.readiness(row, None, rng)
        values = gen.make_values(criteria, latent, rng.random() < gen.WEAK_SHARE, rng)
        text = gen.render(seed, str(criteria["id"]), row, values)
        (folder / f"{row['code'].replace('.', '-')}.yaml").write_text(text, encoding="utf-8")
    return len(rows)


def timed(command: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--runs", type=int, default=10_000, help="sensitivity runs (10000)")
    parser.add_argument("--rounds", type=int, default=3, help="interleaved rounds (3)")
    parser.add_argument("--seed", type=int, default=2018, help="seed of the generated pool")
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory(prefix="assess-bench-") as temp:
        pool = Path(temp) / "pool"
        count = write_pool(pool, args.seed)
        assert count == REGIONS, f"expected {REGIONS} regions, got {count}"
        python = [sys.executable, "-m", "smartcity_assess"]
        rank = [*python, "rank", str(pool), "-f", "json", "-o", str(Path(temp) / "rank.json")]
        sensitivity = [
            *python,
            "sensitivity",
            str(pool),
            "--runs",
            str(args.runs),
            "--seed",
            "0",
            "-f",
            "json",
            "-o",
            str(Path(temp) / "sensitivity.json"),
        ]
        timed(rank)  # warm the file cache and the bytecode
        rank_times: list[float] = []
        sensitivity_times: list[float] = []
        for _ in range(args.rounds):
            rank_times.append(timed(rank))
            sensitivity_times.append(timed(sensitivity))

    rank_median = statistics.median(rank_times)
    sensitivity_median = statistics.median(sensitivity_times)
    ratio = sensitivity_median / rank_median
    rounds = ", ".join(f"{t:.2f}" for t in rank_times)
    print(f"pool: {REGIONS} regions (generated, seed {args.seed}); {args.rounds} rounds")
    print(f"assess rank:                  median {rank_median:6.2f} s  ({rounds})")
    rounds = ", ".join(f"{t:.2f}" for t in sensitivity_times)
    print(f"assess sensitivity --runs {args.runs}: median {sensitivity_median:6.2f} s  ({rounds})")
    print(f"ratio: {ratio:.2f}x (target: under {TARGET:.0f}x)")
    return 0 if ratio < TARGET else 1


if __name__ == "__main__":
    sys.exit(main())
