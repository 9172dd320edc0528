"""What do the safety checks and position tracking cost on valid files? (issue 4)

    python benchmarks/loading_overhead.py           # the 160 files of examples/pool-2018, 21 rounds
    python benchmarks/loading_overhead.py --quick   # 20 files, 3 rounds (CI: proves it still works)

In one process, round by round and in a rotating order (so that machine noise and cache
warmth hit all alike), three ways of reading every file of the pool:

  (a) plain  ``yaml.load(path.read_bytes(), Loader=yaml.CSafeLoader)``: the floor, and no
      protection at all (duplicate keys kept silently, tags obeyed, no limits);
  (b) ours   ``loading.read_source`` + ``loading.parse_yaml``: size limit, UTF-8 and control
      character checks, libyaml's composer, then our strict builder (tags, duplicate keys,
      merge keys, depth, alias expansion, number length) keeping the node tree for
      positions;
  (c) (b) + ``submission.validate_document``: the pydantic model and the cross-field rules.

Prints the median time of each over the rounds, and the ratios (b)/(a) and (c)/(a).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

import yaml

from smartcity_assess.reading.criteria_file import load_criteria
from smartcity_assess.reading.sources import parse_yaml, read_source
from smartcity_assess.reading.submissions import submission_model, validate_document

ROOT = Path(__file__).resolve().parents[1]
POOL = ROOT / "examples" / "pool-2018"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="20 files, 3 rounds")
    parser.add_argument("--rounds", type=int, default=None)
    args = parser.parse_args()
    files = sorted(POOL.glob("*.yaml"))
    if args.quick:
        files = files[:20]
    rounds = args.rounds or (3 if args.quick else 21)
    criteria = load_criteria().model
    submission_model(criteria)  # built once per process; not part of reading a file

    def plain() -> None:
        for path in files:
            yaml.load(path.read_bytes(), Loader=yaml.CSafeLoader)

    def ours() -> None:
        for path in files:
            parse_yaml(read_source(path))

    def ours_validated() -> None:
        for path in files:
            documents, problems = parse_yaml(read_source(path))
            assert not problems
            for document in documents:
                submission, found = validate_document(criteria, document)
                assert submission is not None and not found, found

    variants: dict[str, Callable[[], None]] = {
        "(a) yaml.load, CSafeLoader": plain,
        "(b) read_source + parse_yaml": ours,
        "(c) (b) + validate_document": ours_validated,
    }
    names = list(variants)
    times: dict[str, list[float]] = {name: [] for name in names}
    for name in names:  # warm-up: imports, caches, the page cache
        variants[name]()
    for round_number in range(rounds):
        shift = round_number % len(names)
        for name in names[shift:] + names[:shift]:
            start = time.perf_counter()
            variants[name]()
            times[name].append(time.perf_counter() - start)

    medians = {name: statistics.median(values) for name, values in times.items()}
    base = medians[names[0]]
    print(f"python {sys.version.split()[0]}, {len(files)} files, {rounds} rounds (median)")
    print(f"{'variant':<32} {'all files ms':>12} {'per file µs':>12} {'x (a)':>6}")
    for name in names:
        total = medians[name]
        print(
            f"{name:<32} {total * 1e3:>12.1f} {total / len(files) * 1e6:>12.0f} "
            f"{total / base:>6.2f}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
