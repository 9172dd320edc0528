"""Where verification moved a score in ``assess rank``'s table, Markdown, HTML and xlsx, and
in the decision record (docs/verification.md): one section from the one view, in both
languages, byte-stable; a pool without verification gives the reports it always gave."""

from __future__ import annotations

import io
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from .conftest import EXAMPLES
from .test_verification import PLAIN, _criteria_file, _pool

Run = Callable[..., Any]
Golden = Callable[[str, str], None]
PANEL = ("--panel", "Dewi Lestari, ketua panel", "--date", "2018-03-12")

KUNINGAN = """\
schema_version: 1
region: {code: "32.08", name: Kabupaten Kuningan, province: Jawa Barat, kind: kabupaten}
year: 2018
"""


def _pool_with_ineligible(tmp_path: Path) -> Path:
    """``_pool``, and Kuningan whose commitment claim was rejected: missing, it fails the
    gate, so verification made it ineligible (no rank)."""
    pool = _pool(tmp_path)
    body = PLAIN.read_text(encoding="utf-8")
    body = body[body.index("values:\n") : body.index("evidence:\n")]
    old = "    head_commitment: signed_mou\n"
    assert old in body
    body = body.replace(
        old,
        "    head_commitment:\n"
        "      claimed: signed_mou\n"
        "      status: rejected\n"
        "      verified_by: Tim Verifikasi\n",
    )
    (pool / "kuningan.yaml").write_text(KUNINGAN + body, encoding="utf-8")
    return pool


@pytest.mark.parametrize("lang", ["en", "id"])
@pytest.mark.parametrize("fmt", ["table", "markdown"])
def test_the_rank_reports_show_where_verification_moved_a_score(
    run: Run, golden: Golden, tmp_path: Path, fmt: str, lang: str
) -> None:
    result = run("rank", _pool_with_ineligible(tmp_path), "-f", fmt, "--lang", lang)
    assert result.exit_code == 0, result.output
    golden(f"rank-verified.{lang}.{fmt}", result.stdout)
    heading = {
        "en": "Where verification moved a score (2)",
        "id": "Tempat verifikasi mengubah skor (2)",
    }[lang]
    assert heading in result.stdout
    # the same inputs give the same bytes
    again = run("rank", tmp_path / "pool", "-f", fmt, "--lang", lang)
    assert again.stdout == result.stdout


def test_the_markdown_rows_are_the_jsons_numbers(run: Run, tmp_path: Path) -> None:
    """The section lists exactly the JSON's regions whose score or values moved, with
    its numbers, in rank order, the ineligible region last without a rank."""
    pool = _pool_with_ineligible(tmp_path)
    data = json.loads(run("rank", pool, "-f", "json").stdout)["verification"]
    text = run("rank", pool, "-f", "markdown").stdout
    section = text[text.index("## Where verification moved a score") :]
    table = section.split("\n\n")[1].splitlines()
    rows = table[2:]  # after the header and the rule
    expected = []
    for r in data["regions"]:
        if r["change"] == 0 and r["values_moved"] == 0:
            continue
        rank = "-" if r["rank"] is None else str(r["rank"])
        cells = [rank, r["code"], f"{r['score_claimed']:.2f}", f"{r['score']:.2f}"]
        cells += [f"{r['change']:+.2f}", str(r["values_moved"])]
        expected.append(cells)
    got = []
    for row in rows:
        cells = [c.strip() for c in row.strip("|").split("|")]
        got.append([cells[0], cells[1][-6:-1], *cells[2:]])
    assert got == expected
    assert [g[0] for g in got] == ["2", "-"]


def test_the_indonesian_markdown_writes_decimal_commas(run: Run, tmp_path: Path) -> None:
    text = run("rank", _pool(tmp_path), "-f", "markdown", "--lang", "id").stdout
    assert "| 2 | Kabupaten Cirebon (32.09) | 67,27 | 65,59 | -1,68 | 1 |" in text
    assert "Dasar nilai: verified-else-claimed; 1 wilayah memuat verifikasi." in text


def test_a_pool_whose_verification_moved_nothing_says_so(run: Run, tmp_path: Path) -> None:
    """Under ``value_basis: claimed`` the checks move nothing: the section is there (the
    pool carries verification, as the JSON's and CSV's), with no rows and one sentence."""
    pool, criteria = _pool(tmp_path), _criteria_file(tmp_path, "claimed")
    for lang, none in [
        ("en", "Verification moved no region's score."),
        ("id", "Verifikasi tidak mengubah skor wilayah mana pun."),
    ]:
        result = run("rank", pool, "-c", criteria, "-f", "markdown", "--lang", lang)
        assert result.exit_code == 0, result.output
        heading = "Where verification moved a score (0)" if lang == "en" else "skor (0)"
        assert heading in result.stdout
        assert none in result.stdout
        assert "Score as claimed" not in result.stdout
        table = run("rank", pool, "-c", criteria, "--lang", lang, "-f", "table").stdout
        assert none in " ".join(table.split())


@pytest.mark.parametrize("fmt", ["table", "markdown", "html", "xlsx"])
def test_a_pool_without_verification_has_no_section(run: Run, tmp_path: Path, fmt: str) -> None:
    if fmt in ("html", "xlsx"):
        pytest.importorskip("jinja2" if fmt == "html" else "openpyxl")
    out = tmp_path / f"plain.{fmt}"
    result = run("rank", EXAMPLES / "pool-2018", "-f", fmt, "-o", out)
    assert result.exit_code == 0, result.output
    if fmt == "xlsx":
        openpyxl = pytest.importorskip("openpyxl")
        book = openpyxl.load_workbook(out)
        assert book.sheetnames == ["Ranking", "About"]
        return
    text = out.read_text(encoding="utf-8")
    assert "verification moved" not in text
    assert 'id="verification"' not in text


@pytest.mark.parametrize(
    ("lang", "heading", "row"),
    [
        (
            "en",
            "Where verification moved a score (2)",
            '<td class="num">2</td>\n<td>Kabupaten Cirebon (32.09)</td>\n'
            '<td class="num">67.27</td>\n<td class="num">65.59</td>\n'
            '<td class="num">-1.68</td>\n<td class="num">1</td>',
        ),
        (
            "id",
            "Tempat verifikasi mengubah skor (2)",
            '<td class="num">2</td>\n<td>Kabupaten Cirebon (32.09)</td>\n'
            '<td class="num">67,27</td>\n<td class="num">65,59</td>\n'
            '<td class="num">-1,68</td>\n<td class="num">1</td>',
        ),
    ],
)
def test_the_rank_html_shows_where_verification_moved_a_score(
    run: Run, tmp_path: Path, lang: str, heading: str, row: str
) -> None:
    pytest.importorskip("jinja2")
    pytest.importorskip("matplotlib")
    pool = _pool_with_ineligible(tmp_path)
    result = run("rank", pool, "-f", "html", "--lang", lang)
    assert result.exit_code == 0, result.output
    page = result.stdout
    section = page[page.index('<section id="verification">') :]
    section = section[: section.index("</section>")]
    assert f"<h2>{heading}</h2>" in section
    assert row in section
    assert '<td class="num">-</td>\n<td>Kabupaten Kuningan (32.08)</td>' in section
    assert f'href="#verification">{heading}</a>' in page
    assert run("rank", pool, "-f", "html", "--lang", lang).stdout == page


def test_the_rank_workbook_has_a_verification_sheet(run: Run, tmp_path: Path) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    pool = _pool_with_ineligible(tmp_path)
    for lang, name in [("en", "Verification"), ("id", "Verifikasi")]:
        result = run("rank", pool, "-f", "xlsx", "--lang", lang, "-o", tmp_path / "r.xlsx")
        assert result.exit_code == 0, result.output
        data = (tmp_path / "r.xlsx").read_bytes()
        book = openpyxl.load_workbook(io.BytesIO(data))
        assert book.sheetnames[-1] == name
        rows = list(book[name].iter_rows(values_only=True))
        assert rows[0] == (
            "rank",
            "code",
            "name",
            "score_claimed",
            "score",
            "score_change",
            "values_moved",
        )
        assert rows[1] == (2, "32.09", "Kabupaten Cirebon", 67.27, 65.59, -1.68, 1)
        assert rows[2][:3] == (None, "32.08", "Kabupaten Kuningan")
        assert rows[2][5] < 0 and rows[2][6] == 1
        about = [r[0] for r in book[book.sheetnames[1]].iter_rows(values_only=True)]
        start = "Where verification" if lang == "en" else "Tempat verifikasi"
        assert any(str(line).startswith(start) for line in about)
        again = run("rank", pool, "-f", "xlsx", "--lang", lang, "-o", tmp_path / "r.xlsx")
        assert again.exit_code == 0
        assert (tmp_path / "r.xlsx").read_bytes() == data


def test_the_decision_record_lists_the_regions_the_rank_reports_list(
    run: Run, tmp_path: Path
) -> None:
    """Whoever signs sees what the rank reports show: the record's regions that
    verification moved are the rank section's, with the same numbers."""
    pool = _pool_with_ineligible(tmp_path)
    result = run("decision-record", pool, *PANEL, "-f", "json")
    assert result.exit_code == 0, result.output
    found = json.loads(result.stdout)["verification"]
    listed = [
        [
            "-" if r["rank"] is None else str(r["rank"]),
            f"{r['name']} ({r['code']})",
            r["score_claimed"],
            r["score"],
            r["change"] if r["change"].startswith("-") else f"+{r['change']}",
            str(r["values_moved"]),
        ]
        for r in found["regions"]
        if r["values_moved"]
    ]
    text = run("rank", pool, "-f", "markdown").stdout
    section = text[text.index("## Where verification moved a score") :]
    rows = section.split("\n\n")[1].splitlines()[2:]
    assert listed == [[c.strip() for c in row.strip("|").split("|")] for row in rows]
    assert len(listed) == 2
