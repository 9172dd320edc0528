"""The worked panel round (examples/panel-round-2018/README.md), end to end: every command of
the README run as written, from a folder whose ``examples`` is the project's, and each figure
the README states checked against what the commands wrote; the decision record printed to
PDF by Chromium (A4, the overrides and the signature lines in its text)."""

from __future__ import annotations

import importlib.util
import json
import re
import shlex
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from typer.testing import CliRunner

from smartcity_assess.cli import app

from .conftest import EXAMPLES

HERE = EXAMPLES / "panel-round-2018"
README = HERE / "README.md"
MEMBERS = [("Dewi Lestari", "ketua panel"), ("Budi Santoso", "anggota"), ("Rina Wijaya", "anggota")]


def readme_commands() -> list[list[str]]:
    """Each line of the README's ``sh`` blocks, as the words after ``assess``."""
    text = README.read_text(encoding="utf-8")
    commands = []
    for block in re.findall(r"```sh\n(.*?)```", text, flags=re.DOTALL):
        for line in block.splitlines():
            words = shlex.split(line, comments=True)
            if words:
                assert words[0] == "assess", line
                commands.append(words[1:])
    return commands


def words(text: str) -> str:
    """``text`` with every run of white space one space (a wrapped line is one line)."""
    return " ".join(text.split())


class Round:
    """What the README's commands printed (by command) and wrote (in ``folder``)."""

    def __init__(self, folder: Path, outputs: list[Any]) -> None:
        self.folder = folder
        self.outputs = outputs

    def json(self, name: str) -> Any:
        return json.loads((self.folder / name).read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def done(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Round]:
    """The README's commands, run once for the module as a user would run them."""
    folder = tmp_path_factory.mktemp("panel-round")
    (folder / "examples").symlink_to(EXAMPLES)
    runner = CliRunner()
    outputs = []
    with pytest.MonkeyPatch.context() as patch:
        for name in ("NO_COLOR", "FORCE_COLOR", "ASSESS_LANG", "GITHUB_ACTIONS"):
            patch.delenv(name, raising=False)
        patch.setenv("COLUMNS", "100")
        patch.chdir(folder)
        for command in readme_commands():
            result = runner.invoke(app, command)
            assert result.exit_code == 0, (command, result.output)
            outputs.append(result)
    yield Round(folder, outputs)


def test_the_readme_walks_the_round_in_order() -> None:
    steps = [c[0] for c in readme_commands()]
    assert steps == [
        "validate",
        "agreement",
        "rank",
        "rank",
        "sensitivity",
        "decision-record",
        "decision-record",
    ]


def test_the_example_files_are_what_its_script_writes() -> None:
    spec = importlib.util.spec_from_file_location("make_example", HERE / "make_example.py")
    assert spec is not None and spec.loader is not None
    script = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(script)
    wanted = script.files()
    for path, text in wanted.items():
        assert path.read_text(encoding="utf-8") == text, path
    written = {p for p in (HERE / "pool").rglob("*") if p.is_file()}
    written |= {p for p in (HERE / "assessors").rglob("*") if p.is_file()}
    assert written | {HERE / "criteria.yaml"} == set(wanted)
    assert len([p for p in wanted if "assessors" in p.parts]) == 51  # 3 assessors x 17


def test_the_pool_is_valid(done: Round) -> None:
    validate = done.outputs[0]
    assert "8 file(s), 160 region(s): no problems" in validate.output


def test_the_agreement_is_as_the_readme_says(done: Round) -> None:
    table = words(done.outputs[1].stdout)
    assert re.search(r"all items 51 153 0\.572 0\.566", table), table[-1500:]
    assert "51 item(s) scored; 3 flagged for disagreement; 0 with too few" in table
    flagged = re.findall(
        r"(\d\d\.\d\d) ([A-Za-z ]+?) (\d) (\d) (\d) [\d.]+ [\d.]+ 50\.0 disagree", table
    )
    assert sorted(flagged) == [
        ("33.07", "Vision for a smart city", "2", "4", "4"),  # A1 Budi, A2 Dewi, A3 Rina
        ("91.71", "Personal commitment", "4", "4", "2"),
        ("91.71", "Readiness to fund", "2", "2", "4"),
    ]
    # With --pool, the table names the regions (its code column stays narrow).
    assert "33.07 = Kabupaten Wonosobo" in table and "91.71 = Kota Jayapura" in table


def test_verification_moved_the_scores_the_readme_names(done: Round) -> None:
    ranking = done.json("panel-round-2018.json")
    moved = {
        r["code"]: (round(r["score_claimed"], 2), round(r["score"], 2), r["change"])
        for r in ranking["verification"]["regions"]
    }
    assert ranking["verification"]["basis"] == "verified-else-claimed"
    assert moved == {
        "12.71": (67.49, 67.86, 0.37),
        "18.71": (64.26, 63.89, -0.37),
        "35.71": (62.21, 61.66, -0.55),
        "51.07": (56.9, 56.76, -0.14),
        "53.02": (61.07, 61.07, 0.0),
        "35.09": (67.07, 67.07, 0.0),
        "64.74": (63.78, 63.78, 0.0),
    }


def test_the_two_overrides_are_applied_and_shown(done: Round) -> None:
    ranking = done.json("panel-round-2018.json")
    by_code = {r["code"]: r for r in ranking["regions"]}
    assert ranking["override_zone"] == 1.0  # from the criteria
    assert [(o["code"], o["decision"]) for o in ranking["overrides"]] == [
        ("35.71", "in"),
        ("91.71", "defer"),
    ]
    # The cut-off before the overrides, as the README states it.
    assert (by_code["91.71"]["rank"], round(by_code["91.71"]["score"], 2)) == (50, 62.33)
    assert (by_code["33.75"]["rank"], round(by_code["33.75"]["score"], 2)) == (51, 62.22)
    assert (by_code["35.71"]["rank"], round(by_code["35.71"]["score"], 2)) == (55, 61.66)
    (cohort,) = ranking["cohorts"]
    above = [r["code"] for r in ranking["regions"] if r["rank"] is not None and r["rank"] < 50]
    assert sorted(cohort["selected"]) == sorted([*above, "35.71"])
    assert by_code["91.71"]["cohort"] is None and by_code["33.75"]["cohort"] is None
    table = words(done.outputs[2].stdout)
    assert (
        "Panel overrides (2; zone 1 point(s) around the cut-off before the overrides, "
        "2018 62.33)" in table
    )
    assert "Kota Kediri (35.71): in, cohort not selected -> 2018" in table
    assert "Kota Jayapura (91.71): deferred to the next round, cohort 2018 -> not selected" in (
        table
    )


def test_an_override_without_a_reason_is_refused(tmp_path: Path) -> None:
    """The example's file with one reason taken out: exit 1 at the entry, nothing ranked."""
    lines = (HERE / "overrides.yaml").read_text(encoding="utf-8").splitlines()
    entry = lines.index('- code: "91.71"')
    reason = lines.index("  reason: >-", entry)
    end = reason + 1
    while lines[end].startswith("    "):
        end += 1
    del lines[reason:end]  # the reason and its folded text
    broken = tmp_path / "overrides.yaml"
    broken.write_text("\n".join(lines) + "\n", encoding="utf-8")
    line = entry + 1
    result = CliRunner().invoke(
        app,
        [
            "rank",
            str(HERE / "pool"),
            "-c",
            str(HERE / "criteria.yaml"),
            "--cohorts",
            "2018:50",
            "--assessors",
            str(HERE / "assessors"),
            "--overrides",
            str(broken),
        ],
    )
    assert result.exit_code == 1, result.output
    assert f"{broken}:{line}:" in result.stderr and "reason" in result.stderr
    assert result.stdout == ""


def test_the_last_place_under_uncertain_values(done: Round) -> None:
    report = words(done.outputs[4].stdout)
    assert (
        "2018, last place (rank 50): Kota Jayapura (91.71) leads Kota Pekalongan (33.75) by 0.11."
        in report
    )
    assert "Personal commitment 4 -> 3.959316" in report
    assert "Kota Jayapura (91.71) 52.5%" in report
    assert "Kota Pekalongan (33.75) 48.2%" in report
    assert "under the declared uncertainty and the panel's spread (1000 runs)" in report.lower()


def test_the_record_lists_panel_agreement_verification_overrides_and_cohort(done: Round) -> None:
    record = done.json("berita-acara-2018.json")
    ranking = done.json("panel-round-2018.json")
    assert record["date"] == "2018-03-12"
    assert [(m["name"], m["role"]) for m in record["panel"]] == MEMBERS
    agreement = record["agreement"]
    assert (agreement["alpha_interval"], agreement["alpha_ordinal"]) == ("0.572", "0.566")
    assert agreement["assessors"] == ["Budi Santoso", "Dewi Lestari", "Rina Wijaya"]
    assert (agreement["regions"], agreement["items"]) == (17, 51)
    assert [(f["code"], f["item"]) for f in agreement["flagged"]] == [
        ("33.07", "interview.vision"),
        ("91.71", "interview.commitment"),
        ("91.71", "interview.readiness_to_fund"),
    ]
    changes = {r["code"]: r["change"] for r in record["verification"]["regions"]}
    assert changes == {
        "12.71": "0.37",
        "18.71": "-0.37",
        "35.71": "-0.55",
        "51.07": "-0.14",
        "53.02": "0.00",
        "35.09": "0.00",
        "64.74": "0.00",
    }
    assert record["overrides"] == ranking["overrides"]
    assert [o["reason"] for o in record["overrides"]][1].startswith("The assessors disagree")
    (cohort,) = record["cohorts"]
    assert [r["code"] for r in cohort["selected"]] == ranking["cohorts"][0]["selected"]
    assert "35.71" in [r["code"] for r in cohort["selected"]]
    assert len(record["assessor_files"]) == 51


def test_the_record_html_has_both_sections_in_both_languages(done: Round) -> None:
    page = (done.folder / "berita-acara-2018.html").read_text(encoding="utf-8")
    text = words(re.sub(r"<[^>]+>", " ", page))
    for heading in ("Kesepakatan panel / Panel agreement", "Verifikasi / Verification"):
        assert heading in text
    assert "Alpha Krippendorff atas semua butir: 0,572 (interval), 0,566 (ordinal)" in text
    assert "Krippendorff&#39;s alpha over all items: 0.572 (interval), 0.566 (ordinal)" in text
    assert "Kota Kediri (35.71) 62,21 61,66 -0,55 1 2018" in text


# --- the record printed by a real browser ---------------------------------------------------


@pytest.fixture(scope="module")
def printed(done: Round) -> Path:
    """The record printed to PDF by headless Chromium (as tests/test_html_browser.py does)."""
    from .test_html_browser import FLAGS, TIMEOUT, chromium_binary

    binary = chromium_binary()
    record = done.folder / "berita-acara-2018.html"
    pdf = done.folder / "berita-acara-2018.pdf"
    argv = [
        binary,
        *(f for f in FLAGS if f != "--remote-debugging-pipe"),
        f"--user-data-dir={done.folder / 'profile'}",
        "--no-pdf-header-footer",
        f"--print-to-pdf={pdf}",
        record.as_uri(),
    ]
    ran = subprocess.run(argv, capture_output=True, timeout=TIMEOUT, check=False)
    assert ran.returncode == 0, ran.stderr[-2000:]
    return pdf


def test_the_record_prints_on_a4(printed: Path) -> None:
    document = printed.read_bytes()
    assert document.startswith(b"%PDF")
    pages = len(re.findall(rb"/Type\s*/Page[^s]", document))
    assert 3 <= pages <= 14, pages
    sizes = {
        tuple(round(float(x)) for x in box.split())
        for box in re.findall(rb"/MediaBox\s*\[\s*0\s+0\s+([\d.]+\s+[\d.]+)\s*\]", document)
    }
    assert sizes == {(595, 842)}  # A4 in points


def test_the_printed_record_holds_the_overrides_and_the_signature_lines(printed: Path) -> None:
    pdftotext = shutil.which("pdftotext")
    if pdftotext is None:
        pytest.skip("pdftotext is not installed (Debian: apt-get install poppler-utils)")
    ran = subprocess.run(
        [pdftotext, str(printed), "-"], capture_output=True, check=True, timeout=60
    )
    text = words(ran.stdout.decode("utf-8"))
    # The overrides, each with its whole reason and its assessors.
    for entry in yaml.safe_load((HERE / "overrides.yaml").read_text(encoding="utf-8")):
        assert words(entry["reason"]) in text, entry["reason"]
        assert ", ".join(entry["assessors"]) in text
    assert "Kota Kediri (35.71)" in text and "Kota Jayapura (91.71)" in text
    # The signature lines: the heading, then each member's name and role, in order.
    signatures = text[text.index("Tanda tangan / Signatures") :]
    at = 0
    for name, role in MEMBERS:
        at = signatures.index(name, at)
        assert signatures[at : at + 200].find(role) > 0, (name, role)
    assert signatures.count("Tanda tangan / Signature") >= len(MEMBERS)


def test_the_score_as_claimed_is_the_score_under_value_basis_claimed(
    done: Round, tmp_path: Path
) -> None:
    """What verification moved is its own doing: each checked region's score as claimed
    (the interview included) is its score when the same round is ranked with criteria that
    score the claims (``value_basis: claimed``)."""
    text = (HERE / "criteria.yaml").read_text(encoding="utf-8")
    claimed = tmp_path / "criteria.yaml"
    claimed.write_text(
        text.replace("value_basis: verified-else-claimed", "value_basis: claimed"), "utf-8"
    )
    result = CliRunner().invoke(
        app,
        [
            "rank",
            str(HERE / "pool"),
            "-c",
            str(claimed),
            "--cohorts",
            "2018:50",
            "--exclude",
            str(EXAMPLES / "cohort-2017.txt"),
            "--assessors",
            str(HERE / "assessors"),
            "-f",
            "json",
        ],
    )
    assert result.exit_code == 0, result.output
    as_claimed = {r["code"]: r["score"] for r in json.loads(result.stdout)["regions"]}
    checked = done.json("panel-round-2018.json")["verification"]["regions"]
    assert len(checked) == 7
    for region in checked:
        assert region["score_claimed"] == pytest.approx(as_claimed[region["code"]], abs=1e-9)
