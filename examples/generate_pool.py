#!/usr/bin/env python3
"""Generate a seeded pool of SYNTHETIC submissions for trying out `assess rank`.

The pool mixes real region codes with made-up values:
  * every known 2019 and 2018 cohort member (examples/known-cohorts.csv), except 32.12 Indramayu,
    which has its own hand-written example (examples/indramayu-2018.yaml);
  * about ten of the 2017 members (already selected in 2017, so they exercise `--exclude`);
  * a random fill from the registry, weighted toward larger populations and toward kota.

Each region gets a latent readiness (kota, larger population, Java-Bali and cohort membership raise
it; noise blurs it). Every indicator value is derived generically from the criteria file, so the
script keeps working when the criteria change. The output is byte-identical for a given seed.

Needs the package installed (`pip install .`): the method itself (normalisation, gates, factor
minimums) comes from `smartcity_assess`, so the generator's idea of "eligible" cannot drift from
what `assess` computes. Usage:
    python examples/generate_pool.py [--size 160] [--seed 2018] [--out DIR] [--criteria PATH]
"""

from __future__ import annotations

import argparse
import csv
import math
import random
import re
import sys
from pathlib import Path
from typing import Any

import yaml

from smartcity_assess.core import scoring
from smartcity_assess.core.criteria import Criteria, Indicator
from smartcity_assess.core.submission import Submission
from smartcity_assess.reading.registry import code_in, current_code, registry_for

ROOT = Path(__file__).resolve().parents[1]
REGISTRY = ROOT / "src" / "smartcity_assess" / "data" / "kabupaten-kota.csv"
KNOWN_COHORTS = ROOT / "examples" / "known-cohorts.csv"
DEFAULT_CRITERIA = ROOT / "criteria" / "gerakan-100-smart-city.yaml"
DEFAULT_OUT = ROOT / "examples" / "pool-2018"

YEAR = 2018
OWN_EXAMPLE = {"32.12"}  # Indramayu: examples/indramayu-2018.yaml
MEMBERS_2017 = 10
# DKI Jakarta's kota/kabupaten are administrative, not autonomous regions; the programme assessed
# autonomous kabupaten/kota, so the random fill leaves them out.
FILL_EXCLUDED_PROVINCES = {"31"}
# Share of the pool, lowest readiness first, that misses a gate or a factor minimum (ineligible).
# Everyone else is nudged over the gates and minimums, so eligibility does not hinge on noise.
WEAK_SHARE = 0.15
# Probability that a region leaves out one optional (not required, not gated) indicator.
OMIT_PROBABILITY = 0.10

# Rough regional adjustment of readiness by province code (connectivity and capacity gradients).
PROVINCE_ADJUSTMENT = {
    "31": 0.08,
    "32": 0.06,
    "33": 0.05,
    "34": 0.07,
    "35": 0.06,
    "36": 0.06,
    "51": 0.06,
    "52": -0.03,
    "53": -0.09,
    "81": -0.08,
    "82": -0.08,
    "91": -0.13,
    "92": -0.10,
    "93": -0.14,
    "94": -0.13,
    "95": -0.15,
    "96": -0.10,
}
ISLAND_ADJUSTMENT = {"1": 0.0, "2": 0.0, "6": 0.0, "7": -0.03}
COHORT_ADJUSTMENT = {2017: 0.25, 2018: 0.18, 2019: 0.02}

# Strings YAML 1.1 would not read back as a plain string.
YAML11_SPECIAL = {
    "y",
    "n",
    "yes",
    "no",
    "true",
    "false",
    "on",
    "off",
    "null",
    "~",
    "",
}
# Plain scalars we allow: letters first, then letters, digits, spaces, dots, dashes, underscores.
PLAIN_TEXT = re.compile(r"^[A-Za-z][A-Za-z0-9 ._-]*[A-Za-z0-9]$|^[A-Za-z]$")


def clip(x: float, lo: float, hi: float) -> float:
    return lo if x < lo else hi if x > hi else x


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        return [{k: (v or "").strip() for k, v in row.items()} for row in csv.DictReader(fh)]


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def yaml_str(text: str) -> str:
    """A scalar that reads back as exactly this string under YAML 1.1 and 1.2."""
    if PLAIN_TEXT.match(text) and "  " not in text and text.lower() not in YAML11_SPECIAL:
        return text
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


# ------------------------------------------------------------------------------------- selection
def choose_regions(
    registry: dict[str, dict[str, str]], known: list[dict[str, str]], size: int, rng: random.Random
) -> list[tuple[str, int | None]]:
    """Codes of the pool, each with its known cohort year (or None), sorted by code."""
    cohort_of: dict[str, int] = {}
    for row in known:
        if row["code"] in registry:
            cohort_of.setdefault(row["code"], int(row["year"]))
    chosen: dict[str, int | None] = {}
    for code in sorted(cohort_of):
        if code in OWN_EXAMPLE:
            continue
        if cohort_of[code] in (2018, 2019):
            chosen[code] = cohort_of[code]
    members_2017 = sorted(c for c, y in cohort_of.items() if y == 2017 and c not in OWN_EXAMPLE)
    for code in sorted(rng.sample(members_2017, min(MEMBERS_2017, len(members_2017)))):
        chosen[code] = 2017
    if len(chosen) > size:
        raise SystemExit(f"--size {size} is smaller than the {len(chosen)} known cohort members")

    # Weighted sampling without replacement (Efraimidis-Spirakis): key = u ** (1 / w), keep the top.
    keyed: list[tuple[float, str]] = []
    for code in sorted(registry):
        row = registry[code]
        if code in chosen or code in OWN_EXAMPLE or code in cohort_of:
            continue
        if row["province_code"] in FILL_EXCLUDED_PROVINCES:
            continue
        weight = (int(row["population"]) / 100_000) ** 0.8 * (2.5 if row["kind"] == "kota" else 1.0)
        u = rng.random()
        keyed.append((u ** (1.0 / weight), code))
    keyed.sort(reverse=True)
    needed = size - len(chosen)
    if needed > len(keyed):
        available = len(chosen) + len(keyed)
        raise SystemExit(f"--size {size} is larger than the {available} regions available")
    for _, code in keyed[:needed]:
        chosen[code] = None
    return sorted(chosen.items())


def readiness(row: dict[str, str], cohort: int | None, rng: random.Random) -> float:
    population = max(int(row["population"]), 1)
    size_effect = clip(math.log10(population / 250_000) / 1.2, -1.0, 1.0)
    province = row["province_code"]
    r = 0.50
    r += 0.10 * size_effect
    r += 0.12 if row["kind"] == "kota" else 0.0
    r += PROVINCE_ADJUSTMENT.get(province, ISLAND_ADJUSTMENT.get(province[:1], 0.0))
    r += COHORT_ADJUSTMENT.get(cohort, 0.0) if cohort is not None else 0.0
    r += rng.gauss(0.0, 0.11)
    return clip(r, 0.03, 0.97)


# ---------------------------------------------------------------------------------------- values
def decimals_for(ind: dict[str, Any]) -> int:
    """How many decimals a number indicator is reported with, guessed from its definition."""
    goal = ind["goalposts"]
    worst, best = float(goal["worst"]), float(goal["best"])
    unit = ind.get("unit", "")
    unit_text = " ".join(unit.values()) if isinstance(unit, dict) else str(unit)
    span = abs(best - worst)
    if "%" in unit_text:
        return 1
    if span <= 10 and not (worst.is_integer() and best.is_integer()):
        return 2
    if " per " in f" {unit_text} " or unit_text.startswith("per "):
        return 1
    if worst.is_integer() and best.is_integer():
        return 0
    return 2


def number_value(ind: dict[str, Any], x: float, rng: random.Random) -> int | float:
    goal = ind["goalposts"]
    worst, best = float(goal["worst"]), float(goal["best"])
    # Position between the goalposts (0 = worst, 1 = best); now and then a little beyond either.
    t = clip(x + rng.gauss(0.0, 0.07), -0.2, 1.2)
    if ind.get("transform", "linear") == "log":
        value = math.exp(math.log(worst) + t * (math.log(best) - math.log(worst)))
    else:
        value = worst + t * (best - worst)
    valid = ind.get("valid") or {}
    if "min" in valid:
        value = max(value, float(valid["min"]))
    if "max" in valid:
        value = min(value, float(valid["max"]))
    places = decimals_for(ind)
    if places == 0:
        out: int | float = round(value)
    else:
        out = round(value, places)
    # Rounding must never leave the valid range.
    if "min" in valid and out < valid["min"]:
        out = valid["min"]
    if "max" in valid and out > valid["max"]:
        out = valid["max"]
    return out


def indicator_value(ind: dict[str, Any], x: float, rng: random.Random) -> Any:
    kind = ind["type"]
    if kind == "boolean":
        return rng.random() < clip(0.05 + 0.9 * x, 0.0, 1.0)
    if kind == "level":
        levels = ind["levels"]
        n = len(levels)
        index = round(x * (n - 1) + rng.gauss(0.0, 0.3))
        return levels[int(clip(index, 0, n - 1))]["id"]
    if kind == "number":
        return number_value(ind, x, rng)
    raise SystemExit(f"unknown indicator type {kind!r}")


# The method itself (normalisation, gates, factor minimums) comes from the package, so the
# generator's idea of "eligible" can never drift from what `assess` computes.
_MODELS: dict[int, tuple[dict[str, Any], Criteria]] = {}


def model_of(criteria: dict[str, Any]) -> Criteria:
    cached = _MODELS.get(id(criteria))
    if cached is None:
        cached = _MODELS[id(criteria)] = (criteria, Criteria.model_validate(criteria))
    return cached[1]


def _spec(criteria: dict[str, Any], factor_id: str, ind: dict[str, Any]) -> Indicator:
    return model_of(criteria).addresses[f"{factor_id}.{ind['id']}"][1]


def passes_gate(criteria: dict[str, Any], factor_id: str, ind: dict[str, Any], value: Any) -> bool:
    return scoring.passes_gate(_spec(criteria, factor_id, ind), value) is not False


def gate_value(ind: dict[str, Any]) -> Any:
    """The least good value that still passes the indicator's gate."""
    return True if ind["type"] == "boolean" else ind["gate"]


def failing_value(
    criteria: dict[str, Any], factor_id: str, ind: dict[str, Any], rng: random.Random
) -> Any:
    """A value that misses the indicator's gate, or None if no valid value does."""
    if ind["type"] == "boolean":
        return False
    if ind["type"] == "level":
        k = [level["id"] for level in ind["levels"]].index(ind["gate"])
        return ind["levels"][rng.randrange(k)]["id"] if k > 0 else None
    worst, best = float(ind["goalposts"]["worst"]), float(ind["goalposts"]["best"])
    step = abs(best - worst) * 0.1 * rng.uniform(0.2, 1.0)
    value = float(ind["gate"]) + (-step if best > worst else step)
    valid = ind.get("valid") or {}
    value = clip(value, float(valid.get("min", -math.inf)), float(valid.get("max", math.inf)))
    places = decimals_for(ind)
    out: int | float = round(value) if places == 0 else round(value, places)
    return None if passes_gate(criteria, factor_id, ind, out) else out


def draw_factor(
    factor: dict[str, Any], x: float, rng: random.Random, omitted: tuple[str, str] | None
) -> dict[str, Any]:
    # A factor-level offset gives each region its own profile of strengths and weaknesses.
    offset = rng.gauss(0.0, 0.07)
    values: dict[str, Any] = {}
    for ind in factor["indicators"]:
        xi = clip(x + offset + rng.gauss(0.0, 0.12), 0.0, 1.0)
        value = indicator_value(ind, xi, rng)
        if (factor["id"], ind["id"]) != omitted:
            values[ind["id"]] = value
    return values


def _card(criteria: dict[str, Any], values: dict[str, dict[str, Any]]) -> scoring.ScoreCard:
    flat = {f"{fid}.{iid}": v for fid, vals in values.items() for iid, v in vals.items()}
    region = Submission(
        code="00.00", name="", province="", kind="kabupaten", year=None, values=flat
    )
    return scoring.score(model_of(criteria), region)


def below_minimum(factor: dict[str, Any], values: dict[str, Any], criteria: dict[str, Any]) -> bool:
    """True if the factor score, as shown, is below its min_score (judged by the package)."""
    if "min_score" not in factor:
        return False
    card = _card(criteria, {factor["id"]: values})
    return next(f for f in card.factors if f.id == factor["id"]).below_minimum


def eligible(criteria: dict[str, Any], values: dict[str, dict[str, Any]]) -> bool:
    return _card(criteria, values).eligible


def lift_over_gates(
    criteria: dict[str, Any],
    values: dict[str, dict[str, Any]],
    r: float,
    rng: random.Random,
    omitted: tuple[str, str] | None,
) -> None:
    """Raise gated values to their gate, and redraw factors below min_score a little better."""
    for factor in criteria["factors"]:
        boost = 0.0
        for _ in range(40):
            vals = values[factor["id"]]
            for ind in factor["indicators"]:
                if ind["id"] in vals and not passes_gate(
                    criteria, factor["id"], ind, vals[ind["id"]]
                ):
                    vals[ind["id"]] = gate_value(ind)
            if not below_minimum(factor, vals, criteria):
                break
            boost += 0.05
            values[factor["id"]] = draw_factor(factor, min(r + boost, 1.0), rng, omitted)


def push_under_a_gate(
    criteria: dict[str, Any],
    values: dict[str, dict[str, Any]],
    r: float,
    rng: random.Random,
    omitted: tuple[str, str] | None,
) -> None:
    """Make the region miss one gate or factor minimum, chosen at random (if there are any)."""
    targets: list[tuple[dict[str, Any], dict[str, Any] | None]] = []
    for factor in criteria["factors"]:
        for ind in factor["indicators"]:
            if "gate" in ind and ind["id"] in values[factor["id"]]:
                targets.append((factor, ind))
        if "min_score" in factor:
            targets.append((factor, None))
    rng.shuffle(targets)
    for factor, ind in targets:
        if ind is not None:
            bad = failing_value(criteria, factor["id"], ind, rng)
            if bad is not None:
                values[factor["id"]][ind["id"]] = bad
                return
            continue
        drop = 0.0
        for _ in range(40):
            drop += 0.05
            vals = draw_factor(factor, max(r - drop, 0.0), rng, omitted)
            if below_minimum(factor, vals, criteria):
                values[factor["id"]] = vals
                return


def make_values(
    criteria: dict[str, Any], r: float, weak: bool, rng: random.Random
) -> dict[str, dict[str, Any]]:
    """Values for one region. Only `weak` regions miss a gate or a factor minimum, and they do."""
    optional = [
        (f["id"], i["id"])
        for f in criteria["factors"]
        for i in f["indicators"]
        if not i.get("required", False) and "gate" not in i
    ]
    omitted: tuple[str, str] | None = None
    if optional and rng.random() < OMIT_PROBABILITY:
        omitted = optional[rng.randrange(len(optional))]

    values = {f["id"]: draw_factor(f, r, rng, omitted) for f in criteria["factors"]}
    if not weak:
        lift_over_gates(criteria, values, r, rng, omitted)
    elif eligible(criteria, values):
        push_under_a_gate(criteria, values, r, rng, omitted)
    return values


def render_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        text = repr(value)
        return text if "e" not in text else f"{value:f}"
    return yaml_str(str(value))


def in_year(row: dict[str, str]) -> dict[str, str]:
    """``row``, a region of the registry of today, with its code and province of YEAR
    (``registry_for``: Kabupaten Mimika is 91.09, Papua, in 2018, not 94.04, Papua Tengah)."""
    regency, unit = row["code"][:5], row["code"][5:]  # a benchmark pool's sub-unit codes too
    region = registry_for(YEAR)[code_in(regency, YEAR)]
    return {**row, "code": region.code + unit, "province": region.province}


def render(
    seed: int, criteria_id: str, row: dict[str, str], values: dict[str, dict[str, Any]]
) -> str:
    """The submission of YEAR for ``row`` (a region of today's registry)."""
    row = in_year(row)
    lines = [
        f"# SYNTHETIC example data generated by examples/generate_pool.py (seed {seed}); "
        "not a real submission.",
        "schema_version: 1",
        f"criteria: {yaml_str(criteria_id)}",
        "region:",
        f'  code: "{row["code"]}"',
        f"  name: {yaml_str(row['name'])}",
        f"  province: {yaml_str(row['province'])}",
        f"  kind: {row['kind']}",
        f"year: {YEAR}",
        "values:",
    ]
    for fid, indicators in values.items():
        if not indicators:
            continue
        lines.append(f"  {fid}:")
        for iid, value in indicators.items():
            lines.append(f"    {iid}: {render_value(value)}")
    return "\n".join(lines) + "\n"


# ------------------------------------------------------------------------------------------ main
def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Generate a seeded pool of synthetic submissions.")
    parser.add_argument("--size", type=int, default=160, help="number of regions (default 160)")
    parser.add_argument("--seed", type=int, default=2018, help="random seed (default 2018)")
    parser.add_argument(
        "--out", type=Path, default=DEFAULT_OUT, help="output folder (default examples/pool-2018)"
    )
    parser.add_argument(
        "--criteria",
        type=Path,
        default=DEFAULT_CRITERIA,
        help="criteria file (default criteria/gerakan-100-smart-city.yaml)",
    )
    args = parser.parse_args(argv)
    if args.size < 1:
        parser.error("--size must be at least 1")

    with args.criteria.open(encoding="utf-8") as fh:
        criteria = yaml.safe_load(fh)
    registry = {row["code"]: row for row in read_csv(REGISTRY)}
    # Regions are drawn by their code today (known-cohorts.csv gives each year's code) and
    # written with their code and province of YEAR (``in_year``).
    known = [{**row, "code": current_code(row["code"])} for row in read_csv(KNOWN_COHORTS)]

    rng = random.Random(args.seed)
    pool = choose_regions(registry, known, args.size, rng)

    args.out.mkdir(parents=True, exist_ok=True)
    for old in sorted(args.out.glob("*.yaml")):
        old.unlink()
    # One generator per region, seeded by text (hashed with SHA-512, independent of
    # PYTHONHASHSEED), so a region's values do not depend on which other regions were drawn.
    region_rngs = {code: random.Random(f"{args.seed}:{code}") for code, _ in pool}
    latent = {code: readiness(registry[code], cohort, region_rngs[code]) for code, cohort in pool}
    by_readiness = sorted(latent, key=lambda code: (latent[code], code))
    weak = set(by_readiness[: round(len(pool) * WEAK_SHARE)])
    for code, _ in pool:
        row = registry[code]
        values = make_values(criteria, latent[code], code in weak, region_rngs[code])
        name = f"{in_year(row)['code'].replace('.', '-')}-{slug(row['name'])}.yaml"
        text = render(args.seed, str(criteria["id"]), row, values)
        (args.out / name).write_text(text, encoding="utf-8", newline="\n")
    print(f"wrote {len(pool)} files to {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
