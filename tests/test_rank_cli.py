"""``assess rank`` end to end: cohorts from the example pool, byte-identical machine output,
ties at a cut-off in every format, the two-round worked example, the province cap, invalid
input with and without ``--skip-invalid``."""

from __future__ import annotations

import csv
import io
import json
import os
import random
import shutil
import subprocess
import sys
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from rich.console import Console

from smartcity_assess.cli.common import FileProgress
from smartcity_assess.report.interface import all_formats

from .conftest import EXAMPLES, TESTS

POOL = EXAMPLES / "pool-2018"
COHORT_2017 = EXAMPLES / "cohort-2017.txt"
RANK_DATA = TESTS / "data" / "rank"
TINY_CRITERIA = RANK_DATA / "criteria.yaml"
TIE_AT_25 = RANK_DATA / "tie-at-25.yaml"
Run = Callable[..., Any]


def rank_json(result: Any) -> dict[str, Any]:
    assert result.exit_code == 0, result.output
    data: dict[str, Any] = json.loads(result.stdout)
    return data


def no_traceback(result: Any) -> None:
    assert "Traceback" not in result.output


def known_codes(year: int) -> set[str]:
    with (EXAMPLES / "known-cohorts.csv").open(encoding="utf-8") as handle:
        return {row["code"] for row in csv.DictReader(handle) if row["year"] == str(year)}


# --- (1) the example pool fills 25 + 50 + 25 --------------------------------------------------


def test_the_example_pool_fills_the_criteria_cohorts(run: Run) -> None:
    data = rank_json(run("rank", POOL, "--format", "json"))
    assert data["schema_version"] == 1 and data["command"] == "rank"
    assert [(c["year"], c["size"], len(c["selected"])) for c in data["cohorts"]] == [
        (2017, 25, 25),
        (2018, 50, 50),
        (2019, 25, 25),
    ]
    selected = [code for c in data["cohorts"] for code in c["selected"]]
    assert len(selected) == len(set(selected)) == 100
    regions = {r["code"]: r for r in data["regions"]}
    assert len(regions) == 160
    assert all(regions[code]["eligible"] for code in selected)
    for cohort in data["cohorts"]:
        assert all(regions[code]["cohort"] == cohort["year"] for code in cohort["selected"])
        assert cohort["cutoff_score"] == regions[cohort["selected"][-1]]["score"]
    ranked = [r for r in data["regions"] if r["rank"] is not None]
    assert [r["rank"] for r in ranked] == list(range(1, len(ranked) + 1))
    assert data["regions"][: len(ranked)] == ranked  # eligible first
    assert all(not r["eligible"] and r["cohort"] is None for r in data["regions"][len(ranked) :])
    last_cutoff = data["cohorts"][-1]["cutoff_score"]
    for region in ranked[100:]:
        assert region["cohort"] is None
        # The gap between the scores as shown, at the criteria's 2 decimals.
        shown = round(last_cutoff, 2) - round(region["score"], 2)
        assert region["gap"] == pytest.approx(shown, abs=1e-9)
        assert abs(region["gap"] - (last_cutoff - region["score"])) <= 0.01
    assert data["summary"]["not_selected"] == len(ranked) - 100
    # No input paths: each input by checksum and the codes it holds, sorted.
    assert "path" not in json.dumps(data["inputs"])
    assert [i["sha256"] for i in data["inputs"]] == sorted(i["sha256"] for i in data["inputs"])


def test_the_table_shows_cohorts_and_a_summary(run: Run) -> None:
    result = run("rank", POOL)
    assert result.exit_code == 0
    out = result.stdout
    for heading in ("Cohort 2017: 25 of 25", "Cohort 2018: 50 of 50", "Cohort 2019: 25 of 25"):
        assert heading in out
    assert "Eligible but not selected: 36" in out and "Not eligible: 24" in out
    assert "160 region(s) ranked: 100 selected into 3 cohort(s)" in out
    assert "\x1b[" not in out
    # Not a terminal (a file, a pipe, this runner): the summary also goes to stderr, so
    # nobody who redirects the table misses a warning. On a terminal it is shown once.
    assert "region(s) ranked" in result.stderr


# --- (2) byte-identical machine output --------------------------------------------------------


def _renamed_copies(target: Path) -> list[Path]:
    """The pool under other names, in another order."""
    target.mkdir()
    rng = random.Random(7)
    files = sorted(POOL.glob("*.yaml"))
    names = [f"{rng.getrandbits(64):016x}.yml" for _ in files]
    copies = []
    for source, name in zip(files, names, strict=True):
        shutil.copyfile(source, target / name)
        copies.append(target / name)
    rng.shuffle(copies)
    return copies


@pytest.mark.parametrize("fmt", ["json", "csv"])
def test_renamed_shuffled_files_another_directory_and_width_change_nothing(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fmt: str
) -> None:
    baseline = run("rank", POOL, "--format", fmt)
    assert baseline.exit_code == 0
    copies = _renamed_copies(tmp_path / "copies")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    shuffled = run("rank", *copies, "--format", fmt, env={"COLUMNS": "37"})
    assert shuffled.exit_code == 0
    assert shuffled.stdout == baseline.stdout
    as_folder = run("rank", tmp_path / "copies", "--format", fmt, env={"COLUMNS": "250"})
    assert as_folder.stdout == baseline.stdout


def test_json_does_not_depend_on_the_hash_seed(run: Run, tmp_path: Path) -> None:
    baseline = run("rank", POOL, "--format", "json").stdout
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR")}
    outputs = []
    for seed in ("1", "4242"):
        done = subprocess.run(
            [sys.executable, "-m", "smartcity_assess", "rank", str(POOL), "--format", "json"],
            env={**env, "PYTHONHASHSEED": seed},
            cwd=tmp_path,
            capture_output=True,
            check=False,
        )
        assert done.returncode == 0, done.stderr
        outputs.append(done.stdout.decode("utf-8"))
    assert outputs == [baseline, baseline]


@pytest.mark.parametrize("lang", ["en", "id"])
def test_rank_json_has_a_line_per_region_and_the_same_utf8_in_a_file(
    run: Run, tmp_path: Path, lang: str
) -> None:
    """Names JSON must escape or that are not ASCII go out as UTF-8; a file gets the
    bytes stdout gets; each region is a line of its own that reads as its entry."""
    pool = tmp_path / "pool"
    shutil.copytree(POOL, pool)
    batang = pool / "33-25-kabupaten-batang.yaml"
    odd = 'Kabupaten "Batang" \\ 100% Pandangé'
    text = batang.read_text(encoding="utf-8")
    batang.write_text(text.replace("name: Kabupaten Batang", f"name: '{odd}'"), encoding="utf-8")
    out = tmp_path / "rank.json"
    shown = run("rank", pool, "--format", "json", "--lang", lang)
    written = run("rank", pool, "--format", "json", "--lang", lang, "--output", out)
    assert shown.exit_code == written.exit_code == 0, shown.output
    raw = out.read_bytes()
    assert raw == shown.stdout_bytes
    data = json.loads(raw.decode("utf-8"))
    assert odd in {region["name"] for region in data["regions"]}
    lines = raw.decode("utf-8").splitlines()
    start = lines.index('  "regions": [') + 1
    assert lines[start + len(data["regions"]) :] == ["  ]", "}"]
    entries = [json.loads(line.strip().removesuffix(",")) for line in lines[start:-2]]
    assert entries == data["regions"]


# --- (3) ties judged at the precision, flagged at a cut-off -----------------------------------


def test_a_tie_on_the_25th_place_is_documented_in_json(run: Run) -> None:
    data = rank_json(run("rank", TIE_AT_25, "-c", TINY_CRITERIA, "--format", "json"))
    (tie,) = data["ties"]
    # 32.01 has the higher raw total, but only beyond 2 decimals: the first factor decides.
    scores = {r["code"]: r["score"] for r in data["regions"]}
    assert scores["32.01"] > scores["32.02"]
    assert tie == {
        "score": 50.0,
        "codes": ["32.02", "32.01"],
        "ranks": [25, 26],
        "cohorts": [2017, 2018],
        "decided_by": ["first"],
        "at_cutoff": True,
    }
    assert data["cohorts"][0]["selected"][-1] == "32.02"
    assert data["cohorts"][1]["selected"][0] == "32.01"


def test_a_tie_at_the_cutoff_is_flagged_in_the_table(run: Run) -> None:
    result = run("rank", TIE_AT_25, "-c", TINY_CRITERIA)
    assert result.exit_code == 0
    out = result.stdout
    warning = out.index("TIE BROKEN AT A COHORT CUT-OFF")
    assert warning < out.index("Cohort 2017")  # above the cohorts, where it cannot be missed
    assert "Kabupaten Sukabumi (32.02), Kabupaten Bogor (32.01)" in " ".join(out.split())
    assert out.count("TIE AT CUT-OFF") == 2  # next to each of the two regions


def test_a_tie_at_the_cutoff_is_flagged_in_markdown_and_csv(run: Run) -> None:
    markdown = run("rank", TIE_AT_25, "-c", TINY_CRITERIA, "--format", "markdown")
    assert markdown.exit_code == 0
    assert "> **Warning: TIE BROKEN AT A COHORT CUT-OFF: Kabupaten Sukabumi (32.02)" in (
        markdown.stdout
    )
    assert (
        "| 25-26 | 50.00 | Kabupaten Sukabumi (32.02), Kabupaten Bogor (32.01) | First factor"
        in (markdown.stdout)
    )
    assert "TIE BROKEN AT A COHORT CUT-OFF" in markdown.stderr  # and on stderr, for a CI log
    table = run("rank", TIE_AT_25, "-c", TINY_CRITERIA, "--format", "csv")
    rows = {row["code"]: row for row in csv.DictReader(io.StringIO(table.stdout))}
    assert rows["32.02"]["tie"] == rows["32.01"]["tie"] == "at-cutoff"
    assert (rows["32.02"]["rank"], rows["32.02"]["cohort"]) == ("25", "2017")
    assert (rows["32.01"]["rank"], rows["32.01"]["cohort"]) == ("26", "2018")
    assert rows["32.03"]["tie"] == ""


def test_indonesian_headings_and_labels(run: Run) -> None:
    result = run("rank", TIE_AT_25, "-c", TINY_CRITERIA, "--lang", "id")
    out = " ".join(result.stdout.split())
    assert "Peringkat: Kriteria uji peringkat" in out
    assert "Angkatan 2017: 25 dari 25 terpilih" in out
    assert "NILAI SAMA DIPUTUS DI BATAS ANGKATAN" in out
    assert "Tidak memenuhi syarat: 2" in out and "Tinggi" in out
    markdown = run("rank", TIE_AT_25, "-c", TINY_CRITERIA, "--lang", "id", "-f", "markdown")
    assert "| Peringkat | Wilayah | Provinsi | Skor | Kategori | Catatan |" in markdown.stdout


def test_every_format_can_show_a_ranking(run: Run) -> None:
    for fmt in all_formats():
        result = run("rank", TIE_AT_25, "-c", TINY_CRITERIA, "--format", fmt)
        assert result.exit_code == 0, (fmt, result.output)
        assert "32.02" in result.stdout


# --- (4) two rounds, exclusions, the province cap ---------------------------------------------


def test_the_two_round_worked_example(run: Run, tmp_path: Path) -> None:
    first_round = tmp_path / "round-2018.json"
    result = run(
        "rank",
        POOL,
        "--exclude",
        COHORT_2017,
        "--cohorts",
        "2018:50",
        "--format",
        "json",
        "--output",
        first_round,
    )
    assert result.exit_code == 0 and result.stdout == ""
    assert "150 region(s) ranked: 50 selected into 1 cohort(s)" in result.stderr
    data_2018 = json.loads(first_round.read_text(encoding="utf-8"))
    (cohort_2018,) = data_2018["cohorts"]
    assert (cohort_2018["year"], len(cohort_2018["selected"])) == (2018, 50)
    members_2017 = known_codes(2017)
    excluded = {r["code"] for r in data_2018["excluded"]}
    assert excluded and excluded <= members_2017
    assert not members_2017 & {r["code"] for r in data_2018["regions"]}

    data_2019 = rank_json(
        run(
            "rank",
            POOL,
            "--exclude",
            first_round,
            "--exclude",
            COHORT_2017,
            "--cohorts",
            "2019:25",
            "--format",
            "json",
        )
    )
    (cohort_2019,) = data_2019["cohorts"]
    assert (cohort_2019["year"], len(cohort_2019["selected"])) == (2019, 25)
    assert not set(cohort_2019["selected"]) & set(cohort_2018["selected"])
    assert not set(cohort_2019["selected"]) & members_2017
    assert {r["code"] for r in data_2019["excluded"]} == excluded | set(cohort_2018["selected"])
    # The 2019 round ranks what was left exactly as the first round ranked it after place 50.
    left_over = [r["code"] for r in data_2018["regions"] if r["rank"] and r["rank"] > 50]
    assert cohort_2019["selected"] == left_over[:25]


def test_exclusion_files_in_csv_form(run: Run, tmp_path: Path) -> None:
    codes = tmp_path / "codes.csv"
    codes.write_text("year,code\n2017,32.73\n2017,36.74\n", encoding="utf-8")
    data = rank_json(run("rank", POOL, "--exclude", codes, "--format", "json"))
    assert [r["code"] for r in data["excluded"]] == ["32.73", "36.74"]


def test_max_per_province_defers_regions_to_the_next_cohort(run: Run) -> None:
    data = rank_json(run("rank", POOL, "--max-per-province", "2", "--format", "json"))
    assert data["max_per_province"] == 2
    for cohort in data["cohorts"]:
        provinces = Counter(code[:2] for code in cohort["selected"])
        assert max(provinces.values()) <= 2, (cohort["year"], provinces)
    ranks = {r["code"]: r["rank"] for r in data["regions"]}
    cohorts = {c["year"]: c for c in data["cohorts"]}
    moved = [r for r in data["regions"] if r["deferred_from"] is not None and r["cohort"]]
    assert moved, "some region should have moved on to a later cohort"
    for region in moved:
        assert region["cohort"] > region["deferred_from"]
        passed_over = cohorts[region["deferred_from"]]
        if len(passed_over["selected"]) == passed_over["size"]:
            # Lower-ranked regions took the places its province could not.
            assert region["rank"] < ranks[passed_over["selected"][-1]]


def test_max_per_province_in_the_table(run: Run) -> None:
    result = run("rank", TIE_AT_25, "-c", TINY_CRITERIA, "--max-per-province", "20")
    out = " ".join(result.stdout.split())
    # 27 eligible regions of province 32 and one of 33: 2017 takes 20 + 1.
    assert "At most 20 region(s) per province in a cohort" in out
    assert "Cohort 2017: 21 of 25 selected" in out
    assert (
        "cohort 2017 has 21 of 25: the eligible regions left are all in provinces at the cap"
        in (out)
    )
    # Five passed over in 2017 are taken by 2018; two wait below 2018's cut-off, with a gap.
    assert out.count("deferred from 2017") == 5
    assert out.count("passed over in 2017 for the province cap") == 2
    assert "province full" not in out


def test_a_region_left_out_by_the_cap_says_so_in_every_format(run: Run) -> None:
    args = ("rank", POOL, "--max-per-province", "3")
    data = json.loads(run(*args, "-f", "json").stdout)
    out = [r for r in data["regions"] if r["left_out_by_cap"]]
    cutoff = data["cohorts"][-1]["cutoff_score"]
    assert out and all(r["gap"] is None and r["cohort"] is None for r in out)
    assert all(r["score"] >= cutoff for r in out)
    below = [r for r in data["regions"] if r["rank"] and r["cohort"] is None and r["gap"]]
    assert below and all(r["gap"] > 0 for r in below)  # no negative gap anywhere
    rows = list(csv.DictReader(io.StringIO(run(*args, "-f", "csv").stdout)))
    assert {r["code"] for r in rows if r["left_out_by_cap"] == "true"} == {r["code"] for r in out}
    assert all(not r["gap"].startswith("-") for r in rows)
    for fmt in ("table", "markdown", "html"):
        text = " ".join(run(*args, "-f", fmt).stdout.split())
        assert "province full: left out by the province cap (at most 3" in text, fmt
        assert "deferred from" not in text.split("Eligible but not selected")[-1], fmt
    text = " ".join(run(*args, "--lang", "id").stdout.split())
    assert "provinsi penuh: tidak terpilih karena batas provinsi" in text


def test_at_80_columns_names_wrap_between_words_and_are_never_cut(run: Run) -> None:
    regions = json.loads(run("rank", POOL, "-f", "json").stdout)["regions"]
    names = {w for r in regions for w in r["name"].split()} - {"Kabupaten"}  # or "Kab."
    provinces = {w for r in regions for w in r["province"].split()}
    for args, words in (
        (("rank", POOL, "--max-per-province", "3"), names | provinces),
        (("sensitivity", POOL, "--runs", "20"), names),  # it shows no province
    ):
        result = run(*args, env={"COLUMNS": "80"})
        assert result.exit_code == 0, result.output
        assert "…" not in result.stdout, args
        missing = words - set(result.stdout.split())
        assert not missing, (args, sorted(missing)[:5])


# --- (5) invalid input ------------------------------------------------------------------------


@pytest.fixture(scope="module")
def pool_with_a_broken_file(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    folder = tmp_path_factory.mktemp("pool-120")
    for source in sorted(POOL.glob("*.yaml"))[:120]:
        shutil.copyfile(source, folder / source.name)
    broken = folder / "99-broken.yaml"
    broken.write_text(
        "schema_version: 1\nregion:\n  code: 32.12\n  name: Kabupaten Indramayu\n"
        "  kind: kabupaten\nvalues: {}\n",
        encoding="utf-8",
    )
    return folder, broken


def test_a_broken_file_stops_the_ranking(run: Run, pool_with_a_broken_file: Any) -> None:
    folder, broken = pool_with_a_broken_file
    result = run("rank", folder, "--format", "json")
    assert result.exit_code == 1
    assert result.stdout == ""  # no cohort, no partial report
    assert f"{broken.as_posix()}:3:9: error[region-code]: region code was read as the number" in (
        result.stderr
    )
    assert f"{broken.as_posix()}:6:9: error[missing-value]" in result.stderr
    no_traceback(result)
    table = run("rank", folder)
    assert table.exit_code == 1 and "Cohort" not in table.stdout


def test_skip_invalid_ranks_the_rest_and_names_the_skipped_file_first(
    run: Run, pool_with_a_broken_file: Any
) -> None:
    folder, broken = pool_with_a_broken_file
    data = rank_json(run("rank", folder, "--skip-invalid", "--format", "json"))
    assert list(data)[:5] == ["schema_version", "command", "tool", "criteria", "skipped"]
    ((skipped),) = data["skipped"]
    assert (skipped["path"], skipped["line"], len(skipped["problems"])) == (
        broken.as_posix(),
        3,
        9,
    )
    assert skipped["problems"][0] == {
        "code": "region-code",
        "line": 3,
        "column": 9,
        "message": skipped["problems"][0]["message"],
    }
    assert data["summary"]["regions"] == 120
    assert len(data["inputs"]) == 120
    table = run("rank", folder, "--skip-invalid")
    assert table.exit_code == 0
    assert table.stdout.index("SKIPPED 1 invalid submission(s)") < table.stdout.index("Cohort 2017")
    assert broken.name in table.stdout.split("Cohort 2017")[0]
    assert "error[region-code]" in table.stderr  # the problems are still listed
    markdown = run("rank", folder, "--skip-invalid", "--format", "markdown").stdout
    assert markdown.index("SKIPPED 1 invalid submission(s)") < markdown.index("## Cohort 2017")
    csv_text = run("rank", folder, "--skip-invalid", "--format", "csv").stdout
    assert csv_text.startswith("# SKIPPED 1 invalid submission(s)")
    assert f"# {broken.as_posix()}:3: region-code, missing-value (9 error(s))\nrank,cohort," in (
        csv_text
    )


# --- usage errors -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--cohorts", "2018=50"], "invalid --cohorts item '2018=50': write YEAR:SIZE"),
        (["--cohorts", "2018:0"], "invalid --cohorts item '2018:0': the size must be at least 1"),
        (["--exclude", "no-such-file.txt"], "--exclude no-such-file.txt: no such file"),
        (["--max-per-province", "0"], "--max-per-province"),
    ],
)
def test_usage_errors_exit_2(run: Run, args: list[str], message: str) -> None:
    result = run("rank", TIE_AT_25, "-c", TINY_CRITERIA, *args)
    assert result.exit_code == 2
    assert message in " ".join(result.stderr.split())
    assert result.stdout == ""
    no_traceback(result)


@pytest.mark.parametrize(
    ("name", "text", "message"),
    [
        ("codes.txt", "# 2017\n32.73\n3273\n", "line 3: '3273' is not a region code PP.RR"),
        ("codes.csv", "kode\n32.73\n", "needs a 'code' column"),
        ("old.json", '{"command": "score", "regions": []}', "not a JSON output of 'assess rank'"),
        ("old.json", "{", "not valid JSON"),
    ],
)
def test_unusable_exclusion_files_exit_2(
    run: Run, tmp_path: Path, name: str, text: str, message: str
) -> None:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    result = run("rank", TIE_AT_25, "-c", TINY_CRITERIA, "--exclude", path)
    assert result.exit_code == 2
    assert message in " ".join(result.stderr.split())


# --- progress ---------------------------------------------------------------------------------


def test_the_progress_bar_shows_only_on_a_terminal_for_many_files() -> None:
    plain = io.StringIO()
    with FileProgress(Console(file=plain, force_terminal=False), "Reading") as progress:
        for done in range(1, 101):
            progress(done, 100)
    assert plain.getvalue() == ""
    few = io.StringIO()
    with FileProgress(Console(file=few, force_terminal=True), "Reading") as progress:
        for done in range(1, 11):
            progress(done, 10)
    assert few.getvalue() == ""
    many = io.StringIO()
    with FileProgress(Console(file=many, force_terminal=True), "Reading") as progress:
        for done in range(1, 101):
            progress(done, 100)
    assert "Reading" in many.getvalue()


MIXED_CSV = TESTS / "data" / "rank" / "pool-2018-mixed.csv"
"""The 2018 pool as one table (lines 2-161), then eight rows with mistakes: 164 only
has a name the registry does not know (a warning), the other seven have errors."""


def test_skip_invalid_skips_the_bad_rows_of_a_csv_and_ranks_the_rest(run: Run) -> None:
    result = run("rank", MIXED_CSV, "--skip-invalid", "--format", "json")
    data = rank_json(result)
    skipped = data["skipped"]
    assert [(s["path"], s["line"]) for s in skipped] == [
        (MIXED_CSV.as_posix(), line) for line in (162, 163, 165, 166, 167, 168, 169)
    ]
    assert [p["code"] for p in skipped[5]["problems"]] == [
        "unknown-level",
        "wrong-type",
        "out-of-range",
    ]
    assert skipped[3]["problems"][0]["message"].startswith("region 11.71 is also submitted")
    summary = data["summary"]
    assert (summary["regions"], summary["skipped"]) == (161, 7)
    # Nothing is lost: every row of the table is ranked, excluded or skipped.
    assert summary["regions"] + summary["excluded"] + summary["skipped"] == 168
    assert [len(i["codes"]) for i in data["inputs"]] == [161]
    # Each skipped row is named on stderr, with its problems.
    path = MIXED_CSV.as_posix()
    assert f"{path}:168: unknown-level, wrong-type, out-of-range (3 error(s))" in result.stderr
    assert "7 submission(s) skipped as invalid (--skip-invalid)" in result.stderr
    table = run("rank", MIXED_CSV, "--skip-invalid").stdout
    assert f"{path}:162: wrong-type (1 error(s))" in table.split("Cohort 2017")[0]
    assert "7 submission(s) skipped as invalid" in table


def test_skip_invalid_skips_one_yaml_document_and_keeps_the_others(
    run: Run, tmp_path: Path
) -> None:
    documents = [
        (POOL / name).read_text(encoding="utf-8")
        for name in ("32-73-kota-bandung.yaml", "35-73-kota-malang.yaml")
    ]
    broken = documents[1].replace('code: "35.73"', "code: 35.73", 1)
    assert broken != documents[1]
    path = tmp_path / "three.yaml"
    path.write_text("---\n".join([documents[0], broken, documents[1]]), encoding="utf-8")
    data = rank_json(run("rank", path, "--skip-invalid", "--format", "json"))
    assert data["summary"]["regions"] == 2
    (skipped,) = data["skipped"]
    assert skipped["line"] > documents[0].count("\n")
    assert [p["code"] for p in skipped["problems"]] == ["region-code"]


def test_a_csv_with_a_bad_header_is_still_skipped_whole(run: Run, tmp_path: Path) -> None:
    lines = MIXED_CSV.read_text(encoding="utf-8").splitlines(keepends=True)
    path = tmp_path / "pool.csv"
    path.write_text(lines[0].replace("year", "tahun") + "".join(lines[1:5]), encoding="utf-8")
    result = run("rank", path, "--skip-invalid", "--format", "json")
    data = rank_json(result)
    (skipped,) = data["skipped"]
    assert skipped["line"] is None
    assert [p["code"] for p in skipped["problems"]] == ["unknown-key"]
    assert (data["summary"]["regions"], data["inputs"]) == (0, [])
