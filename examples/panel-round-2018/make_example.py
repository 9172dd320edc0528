#!/usr/bin/env python3
"""Write the worked example of a panel round (examples/panel-round-2018/README.md).

Everything here is ILLUSTRATIVE: the questionnaire values are the SYNTHETIC pool of
examples/pool-2018 (examples/generate_pool.py), and the checks, the interview scores and the
overrides are made up to show the process. Nothing is a real assessment.

The script writes, next to itself:

* ``criteria.yaml``: examples/gerakan-100-smart-city-panel.yaml with the round's settings
  (``value_basis``, the override zone, a declared uncertainty of the ICT budget share);
* ``pool/unchecked.csv``: the questionnaires of every region of examples/pool-2018 whose claims
  nobody checked, one region a row (a CSV table keeps the example small);
* ``pool/checked/*.yaml``: the regions whose claims were checked, each value as claimed with
  its evidence and what the check found (docs/verification.md);
* ``assessors/<assessor>/<code>.yaml``: the three assessors' interview scores of the shortlist.

The output is byte-identical on every run; tests/test_worked_panel_round.py checks that the
files in the repository are what this script writes. Usage:
    python examples/panel-round-2018/make_example.py [--check]
"""

from __future__ import annotations

import argparse
import csv
import io
import sys
from pathlib import Path
from typing import Any

import yaml

HERE = Path(__file__).resolve().parent
EXAMPLES = HERE.parent
POOL = EXAMPLES / "pool-2018"
PANEL_CRITERIA = EXAMPLES / "gerakan-100-smart-city-panel.yaml"
VERIFIER = "Tim Verifikasi Kominfo"

# The checks, region by region: indicator address -> what the check found. Each is a claim of
# the region's questionnaire (examples/pool-2018) with its evidence; "verified" holds, "corrected"
# gives the value found, "rejected" leaves the indicator without a value (docs/verification.md).
Check = dict[str, Any]
CHECKS: dict[str, dict[str, Check]] = {
    "53.02": {  # Kabupaten Timor Tengah Selatan: both claims hold
        "budget.ict_budget_share": {
            "status": "verified",
            "evidence": {"document": "APBD TTS 2018, DPA Diskominfo", "page": 14},
        },
        "internet.coverage_4g_population": {
            "status": "verified",
            "evidence": {"document": "Laporan cakupan BTS 2017 (operator)", "page": 3},
        },
    },
    "35.71": {  # Kota Kediri: ICT spending of other agencies counted twice
        "budget.ict_budget_share": {
            "status": "corrected",
            "verified": 1.5,
            "evidence": {"document": "APBD Kota Kediri 2018, DPA seluruh OPD", "page": "22-25"},
            "note": "Belanja TIK OPD lain terhitung dua kali / other agencies' ICT counted twice",
        },
    },
    "12.71": {  # Kota Medan: the claim understated the staff the audit found
        "it_staff.it_graduate_staff": {
            "status": "corrected",
            "verified": 85,
            "evidence": {"document": "Data kepegawaian BKD Kota Medan, Des 2017", "page": 7},
            "note": "Staf lulusan TI di luar Diskominfo tidak diklaim / graduates outside "
            "Diskominfo left out of the claim",
        },
    },
    "18.71": {  # Kota Bandar Lampung: the command centre was not operating at the visit
        "infrastructure.command_centre": {
            "status": "rejected",
            "evidence": {"document": "Foto ruang command center (tanpa SK operasional)"},
            "note": "Belum beroperasi saat kunjungan / not operating at the site visit",
        },
        "budget.ict_budget_share": {
            "status": "verified",
            "evidence": {"document": "APBD Kota Bandar Lampung 2018", "page": 9},
        },
    },
    "51.07": {  # Kabupaten Karangasem: the broadband contract covers fewer offices
        "infrastructure.office_network_share": {
            "status": "corrected",
            "verified": 35.0,
            "evidence": {"document": "Kontrak jaringan intra-pemerintah 2018", "page": 2},
            "note": "Kontrak mencakup 35% kantor / the contract covers 35% of offices",
        },
    },
    "35.09": {  # Kabupaten Jember: checked, holds
        "applications.public_service_apps": {
            "status": "verified",
            "evidence": {"document": "Katalog aplikasi Pemkab Jember 2018", "page": 1},
        },
    },
    "64.74": {  # Kota Bontang: not yet checked when the panel met
        "budget.ict_budget_share": {
            "status": "not-checked",
            "evidence": {"document": "APBD Kota Bontang 2018", "page": 11},
        },
    },
}

# The panel's interview of the shortlist: the eligible regions within 2 points of the
# questionnaire's cut-off. Per region: each assessor's (vision, commitment, readiness_to_fund),
# 1 (absent) to 5 (convincing, with evidence).
ASSESSORS = {"dewi": "Dewi Lestari", "budi": "Budi Santoso", "rina": "Rina Wijaya"}
INTERVIEWS: dict[str, dict[str, tuple[int, int, int]]] = {
    "53.02": {"dewi": (3, 3, 2), "budi": (3, 2, 2), "rina": (2, 3, 2)},
    "64.01": {"dewi": (4, 4, 3), "budi": (4, 3, 3), "rina": (3, 4, 3)},
    "11.73": {"dewi": (3, 2, 4), "budi": (3, 3, 4), "rina": (4, 3, 3)},
    "32.78": {"dewi": (5, 5, 4), "budi": (4, 5, 4), "rina": (5, 4, 4)},
    "35.71": {"dewi": (3, 3, 3), "budi": (4, 3, 3), "rina": (3, 3, 2)},
    "12.71": {"dewi": (4, 4, 4), "budi": (4, 3, 4), "rina": (4, 4, 3)},
    "35.18": {"dewi": (2, 3, 2), "budi": (3, 3, 2), "rina": (2, 2, 3)},
    "33.07": {"dewi": (4, 3, 3), "budi": (2, 3, 3), "rina": (4, 4, 3)},
    "18.71": {"dewi": (3, 4, 3), "budi": (3, 4, 4), "rina": (3, 3, 3)},
    "35.09": {"dewi": (4, 4, 4), "budi": (4, 4, 5), "rina": (5, 4, 4)},
    "51.07": {"dewi": (3, 2, 2), "budi": (3, 3, 2), "rina": (4, 2, 2)},
    "64.74": {"dewi": (4, 3, 4), "budi": (3, 3, 4), "rina": (4, 4, 4)},
    "91.71": {"dewi": (3, 4, 2), "budi": (3, 4, 2), "rina": (3, 2, 4)},
    "33.22": {"dewi": (2, 2, 3), "budi": (3, 2, 3), "rina": (2, 3, 3)},
    "21.71": {"dewi": (4, 4, 4), "budi": (4, 5, 4), "rina": (3, 4, 4)},
    "82.71": {"dewi": (2, 2, 2), "budi": (2, 3, 2), "rina": (3, 2, 2)},
    "33.71": {"dewi": (3, 3, 3), "budi": (3, 4, 3), "rina": (3, 3, 4)},
}
ITEMS = ("vision", "commitment", "readiness_to_fund")

CRITERIA_EDITS = (
    # (old text, new text): each must occur exactly once in the panel criteria.
    (
        "# Gerakan Menuju 100 Smart City, with the panel's interview: readiness criteria "
        "(RECONSTRUCTION)\n",
        "# Gerakan Menuju 100 Smart City, with the panel's interview: readiness criteria "
        "(RECONSTRUCTION)\n"
        "# The criteria of the worked panel round (examples/panel-round-2018/README.md),\n"
        "# written by make_example.py from examples/gerakan-100-smart-city-panel.yaml: the same\n"
        "# method, plus the round's settings (value_basis, the override zone, an uncertain\n"
        "# budget share).\n",
    ),
    ('version: "2018.1"\n', 'version: "2018.1-round"\n'),
    (
        "missing: reweight        # a region the panel did not interview is judged on its "
        "questionnaire\n",
        "missing: reweight        # a region the panel did not interview is judged on its "
        "questionnaire\n"
        "value_basis: verified-else-claimed  # a checked value scores as verified; a rejected "
        "claim counts as missing\n",
    ),
    (
        "selection:\n  max_per_province: null\n",
        "selection:\n  max_per_province: null\n"
        "  override_zone: {points: 1.0}  # the panel may decide for regions within 1 point of a "
        "cut-off\n",
    ),
    (
        "        goalposts: {worst: 0.5, best: 3.0}\n",
        "        goalposts: {worst: 0.5, best: 3.0}\n"
        "        uncertainty: 0.02  # the share may be 0.02 points off (assess sensitivity)\n",
    ),
)


def criteria_text() -> str:
    text = PANEL_CRITERIA.read_text(encoding="utf-8")
    for old, new in CRITERIA_EDITS:
        if text.count(old) != 1:
            raise SystemExit(f"{PANEL_CRITERIA}: expected {old!r} exactly once")
        text = text.replace(old, new)
    return text


def _pool_files() -> dict[str, Path]:
    found = {}
    for path in sorted(POOL.glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        found[data["region"]["code"]] = path
    return found


def _scalar(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _checked_block(indent: str, key: str, claimed: Any, check: Check) -> str:
    """The YAML of one checked value, at ``indent``."""
    inner = indent + "  "
    lines = [f"{indent}{key}:", f"{inner}claimed: {_scalar(claimed)}"]
    evidence = check["evidence"]
    parts = [f'document: "{evidence["document"]}"']
    if "page" in evidence:
        page = evidence["page"]
        parts.append(f"page: {page}" if isinstance(page, int) else f'page: "{page}"')
    lines.append(f"{inner}evidence: {{{', '.join(parts)}}}")
    if "verified" in check:
        lines.append(f"{inner}verified: {_scalar(check['verified'])}")
    lines.append(f"{inner}status: {check['status']}")
    if check["status"] != "not-checked":
        lines.append(f"{inner}verified_by: {VERIFIER}")
    if "note" in check:
        lines.append(f'{inner}note: "{check["note"]}"')
    return "\n".join(lines)


def checked_text(path: Path, checks: dict[str, Check]) -> str:
    """The region's submission, each checked value written with its claim and check."""
    lines = path.read_text(encoding="utf-8").splitlines()
    assert lines[0].startswith("# SYNTHETIC")
    lines[0] = (
        "# ILLUSTRATIVE: the SYNTHETIC questionnaire of examples/pool-2018 with made-up checks, "
        "written by\n# examples/panel-round-2018/make_example.py; not a real submission."
    )
    factor = ""
    done = set()
    for i, line in enumerate(lines):
        if line.startswith("  ") and not line.startswith("    ") and line.endswith(":"):
            factor = line.strip()[:-1]
        elif line.startswith("    "):
            key, _, value = line.strip().partition(": ")
            address = f"{factor}.{key}"
            if address in checks:
                claimed = yaml.safe_load(value)
                lines[i] = _checked_block("    ", key, claimed, checks[address])
                done.add(address)
    missing = set(checks) - done
    if missing:
        raise SystemExit(f"{path}: no value to check at {sorted(missing)}")
    return "\n".join(lines) + "\n"


def unchecked_csv(files: dict[str, Path]) -> str:
    rows = []
    addresses: list[str] = []
    for code in sorted(files):
        if code in CHECKS:
            continue
        data = yaml.safe_load(files[code].read_text(encoding="utf-8"))
        region = data["region"]
        row = {
            "code": region["code"],
            "name": region["name"],
            "province": region["province"],
            "kind": region["kind"],
            "year": str(data["year"]),
        }
        for factor, values in data["values"].items():
            for key, value in values.items():
                address = f"{factor}.{key}"
                if address not in addresses:
                    addresses.append(address)
                row[address] = _scalar(value)
        rows.append(row)
    out = io.StringIO()
    writer = csv.DictWriter(
        out, ["code", "name", "province", "kind", "year", *addresses], lineterminator="\n"
    )
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()


def assessor_text(assessor: str, code: str, scores: tuple[int, int, int]) -> str:
    values = "\n".join(f"    {item}: {score}" for item, score in zip(ITEMS, scores, strict=True))
    return (
        "# ILLUSTRATIVE: made-up interview scores for the worked panel round, written by\n"
        "# examples/panel-round-2018/make_example.py; not a real assessment.\n"
        "schema_version: 1\n"
        "criteria: gerakan-100-smart-city-panel\n"
        f"assessor: {ASSESSORS[assessor]}\n"
        f'region: "{code}"\n'
        "year: 2018\n"
        "values:\n"
        "  interview:\n"
        f"{values}\n"
    )


def files() -> dict[Path, str]:
    """Every file the example holds that this script writes, by path."""
    pool = _pool_files()
    out: dict[Path, str] = {HERE / "criteria.yaml": criteria_text()}
    out[HERE / "pool" / "unchecked.csv"] = unchecked_csv(pool)
    for code, checks in CHECKS.items():
        out[HERE / "pool" / "checked" / pool[code].name] = checked_text(pool[code], checks)
    for code, scores in INTERVIEWS.items():
        for assessor, values in scores.items():
            name = f"{code.replace('.', '-')}.yaml"
            out[HERE / "assessors" / assessor / name] = assessor_text(assessor, code, values)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument(
        "--check", action="store_true", help="exit 1 if a file differs from what it would be"
    )
    args = parser.parse_args(argv)
    wanted = files()
    if args.check:
        stale = [p for p, text in wanted.items() if not p.is_file() or p.read_text("utf-8") != text]
        for path in stale:
            print(f"{path.relative_to(EXAMPLES.parent)}: out of date", file=sys.stderr)
        return 1 if stale else 0
    for path, text in wanted.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8", newline="\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
