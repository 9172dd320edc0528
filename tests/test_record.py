"""``assess decision-record``: the round's decision record (berita acara), HTML and JSON."""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable
from typing import Any

import pytest

from .conftest import CRITERIA_DIR, EXAMPLES

POOL = EXAMPLES / "pool-2018"
OVERRIDES = EXAMPLES / "pool-2018-overrides.yaml"
ROUND = ("--cohorts", "2018:50", "--overrides", OVERRIDES, "--override-zone", "1")
PANEL = ("--panel", "Dewi Lestari, ketua panel", "--panel", "Budi Santoso, anggota")
Run = Callable[..., Any]


def record(run: Run, *args: Any) -> Any:
    return run("decision-record", POOL, *ROUND, *PANEL, "--date", "2018-03-12", *args)


def test_record_json_is_the_rank_and_is_golden(
    run: Run, golden: Callable[[str, str], None]
) -> None:
    result = record(run, "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    ranked = run("rank", POOL, *ROUND, "--format", "json")
    assert ranked.exit_code == 0, ranked.output
    rank = json.loads(ranked.stdout)

    assert data["command"] == "decision-record" and data["date"] == "2018-03-12"
    assert [[r["code"] for r in c["selected"]] for c in data["cohorts"]] == [
        c["selected"] for c in rank["cohorts"]
    ]
    bundled = CRITERIA_DIR / "gerakan-100-smart-city.yaml"
    assert data["criteria"]["sha256"] == hashlib.sha256(bundled.read_bytes()).hexdigest()
    assert data["criteria"] == rank["criteria"]
    assert data["inputs"] == rank["inputs"]
    assert data["panel"] == [
        {"name": "Dewi Lestari", "role": "ketua panel"},
        {"name": "Budi Santoso", "role": "anggota"},
    ]
    assert [(o["code"], o["decision"]) for o in data["overrides"]] == [
        ("32.78", "in"),
        ("53.02", "defer"),
    ]
    assert all(o["reason"] and o["assessors"] for o in data["overrides"])
    assert data["overrides"] == rank["overrides"]
    assert "reconstruction" in data["disclaimer"]["en"][0]
    assert "rekonstruksi" in data["disclaimer"]["id"][0]
    # Scores as shown (two decimals), and the regions nearest the cut-off around it.
    (near,) = data["near_cutoffs"]
    assert near["cutoff_score"] == data["cohorts"][0]["cutoff_score"] == "66.17"
    assert len(near["regions"]) == 5
    assert all(re.fullmatch(r"-?\d+\.\d\d", r["difference"]) for r in near["regions"])
    golden("record-pool-2018.json", result.stdout)


@pytest.mark.parametrize("fmt", ["json", "html"])
def test_record_is_byte_identical_twice(run: Run, fmt: str) -> None:
    pytest.importorskip("jinja2")
    first = record(run, "--format", fmt)
    second = record(run, "--format", fmt)
    assert first.exit_code == 0, first.output
    assert first.stdout == second.stdout


def test_record_html_has_both_languages_and_a_signature_per_member(run: Run) -> None:
    pytest.importorskip("jinja2")
    pytest.importorskip("matplotlib")
    result = record(run)
    assert result.exit_code == 0, result.output
    html = result.stdout
    assert html.index("Berita acara:") < html.index("Decision record:")
    for heading in ("Kriteria", "Criteria", "Panel penilai", "Tanda tangan", "Signatures"):
        assert heading in html
    assert html.count('<div class="signature">') == 2
    assert "Dewi Lestari" in html and "anggota" in html
    assert "@page { size: A4" in html
    assert "66,17" in html  # Indonesian numbers: decimal comma
    assert "Signed data-sharing agreement" in html
    english = run("decision-record", POOL, *ROUND, *PANEL, "--lang", "en")
    assert english.exit_code == 0, english.output
    assert "Decision record:" in english.stdout and "Berita acara:" not in english.stdout
    assert "66.17" in english.stdout


def test_record_needs_a_panel(run: Run) -> None:
    result = run("decision-record", POOL, *ROUND, "--format", "json")
    assert result.exit_code == 2
    assert "Missing option '--panel'" in result.output
    assert result.stdout == ""


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (("--panel", "Dewi Lestari"), "give a name, then a comma and the role"),
        (("--panel", ", ketua"), "give a name, then a comma and the role"),
        (("--panel", "Dewi, ketua", "--date", "12/03/2018"), "write YYYY-MM-DD"),
    ],
)
def test_record_refuses_a_bad_panel_or_date(run: Run, args: tuple[str, ...], said: str) -> None:
    result = run("decision-record", POOL, *ROUND, "--format", "json", *args)
    assert result.exit_code == 2
    assert said in result.stderr and "Traceback" not in result.output
    assert result.stdout == ""


def test_record_without_a_date_leaves_a_blank(run: Run) -> None:
    result = run("decision-record", POOL, *ROUND, *PANEL, "--format", "json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["date"] is None


def test_record_without_overrides_says_so(run: Run) -> None:
    pytest.importorskip("jinja2")
    pytest.importorskip("matplotlib")
    result = run("decision-record", POOL, "--panel", "Dewi Lestari, ketua panel")
    assert result.exit_code == 0, result.output
    assert "Keputusan panel</span>" in result.stdout
    assert "Panel tidak membuat keputusan." in result.stdout
    assert "The panel made no overrides." in result.stdout
    data = json.loads(run("decision-record", POOL, "--panel", "A, b", "-f", "json").stdout)
    assert data["override_zone"] is None and data["overrides"] == []
    assert [c["year"] for c in data["cohorts"]] == [2017, 2018, 2019]
    assert [c["year"] for c in data["near_cutoffs"]] == [2017, 2018, 2019]


# --- capnote: the rules that moved places ---------------------------------------------------


def _ruled_record(run: Run, tmp_path: Any, *args: Any) -> Any:
    """The worked example of docs/rank.md as a record: test_equity's twelve regions, one
    cohort of 4 (kota 2, kabupaten 2, 1 reserved, at least 1 timur) and a cap of 1."""
    from .test_equity import _pool_and_criteria

    pool, criteria = _pool_and_criteria(tmp_path)
    text = criteria.read_text(encoding="utf-8")
    criteria.write_text(text + "selection: {max_per_province: 1}\n", encoding="utf-8")
    return run(
        "decision-record",
        pool,
        "-c",
        criteria,
        *PANEL,
        "--date",
        "2018-03-12",
        *args,
    )


def test_the_record_lists_every_place_a_rule_moved(run: Run, tmp_path: Any) -> None:
    """By hand: Kabupaten Bogor (rank 2) is passed over for the cap, so Nias (rank 7) is in
    without the cap's pass; Nias is also in by the kind split in place of Denpasar (rank 5),
    and Kota Ambon (rank 9) by the timur minimum in place of Kota Kediri (rank 3)."""
    result = _ruled_record(run, tmp_path, "--format", "json")
    assert result.exit_code == 0, result.output
    rules = json.loads(result.stdout)["rules"]
    assert rules == {
        "moves": [
            {
                "year": 2018,
                "rule": "max_per_province",
                "group": "32",
                "entrant": "12.04",
                "displaced": "32.01",
            },
            {
                "year": 2018,
                "rule": "places",
                "group": "kabupaten",
                "entrant": "12.04",
                "displaced": "51.71",
            },
            {
                "year": 2018,
                "rule": "min_per_wilayah",
                "group": "timur",
                "entrant": "81.71",
                "displaced": "35.71",
            },
        ],
        "unmet": [],
    }
    pytest.importorskip("jinja2")
    page = _ruled_record(run, tmp_path)
    assert page.exit_code == 0, page.output
    text = " ".join(page.stdout.split())
    assert 'Aturan yang memindahkan tempat</span><span class="sep"> / </span>' in text
    assert (
        "2018: Kabupaten Nias (12.04), rank 7, score 65.00, got a place by the province cap "
        "(at most 1 per province); Kabupaten Bogor (32.01), rank 2, score 90.00, lost it."
    ) in text
    assert (
        "2018: Kabupaten Nias (12.04), peringkat 7, nilai 65,00, mendapat tempat karena "
        "batas provinsi (paling banyak 1 per provinsi); Kabupaten Bogor (32.01), peringkat 2, "
        "nilai 90,00"
    ) in text
    assert "2018: Kota Ambon (81.71), rank 9, score 55.00, got a place by minimum for" in text


def test_a_record_without_moves_says_so(run: Run) -> None:
    pytest.importorskip("jinja2")
    result = record(run, "--lang", "en")
    assert result.exit_code == 0, result.output
    assert "No rule of the fill moved a place" in result.stdout
