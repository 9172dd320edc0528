"""``--format html``: one self-contained, deterministic, bilingual page for ``score``,
``rank``, ``criteria``, ``compare``, ``sensitivity`` and ``explain``; without the ``report``
extra, a usage error with the install hint while every other format still works.

The page in a real browser is tests/test_html_browser.py."""

from __future__ import annotations

import builtins
import html
import re
import shutil
import sys
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from smartcity_assess.i18n import CATALOGUE
from smartcity_assess.report.charts import inline_svg

from .conftest import EXAMPLES, TESTS

pytest.importorskip("matplotlib")
pytest.importorskip("jinja2")

POOL = EXAMPLES / "pool-2018"
INDRAMAYU = EXAMPLES / "indramayu-2018.yaml"
BATANG = POOL / "33-25-kabupaten-batang.yaml"
LAMPUNG_BARAT = POOL / "18-04-kabupaten-lampung-barat.yaml"
RANK_DATA = TESTS / "data" / "rank"
TEMPLATES = (
    Path(__file__).resolve().parents[1] / "src" / "smartcity_assess" / "report" / "templates"
)
Run = Callable[..., Any]

EXTERNAL = re.compile(r"""\b(?:src|href)\s*=\s*["']?\s*(?:[a-z][a-z0-9+.-]*:|//)""", re.I)
"""A src or href with a scheme (http:, https:, file:, data:, ...) or protocol-relative."""


class _Page(HTMLParser):
    """Headings, section ids, and every src/href of an HTML page."""

    def __init__(self) -> None:
        super().__init__()
        self.ids: list[str] = []
        self.links: list[str] = []
        self.headings: list[str] = []
        self.cells: list[str] = []
        self._open: str | None = None
        self._text = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name in ("src", "href") and value is not None:
                self.links.append(value)
            if name == "id" and tag in ("section", "article") and value:
                self.ids.append(value)
        if tag in ("h1", "h2", "h3", "th", "figcaption"):
            self._open, self._text = tag, ""

    def handle_endtag(self, tag: str) -> None:
        if tag == self._open:
            text = " ".join(self._text.split())
            (self.cells if tag == "th" else self.headings).append(text)
            self._open = None

    def handle_data(self, data: str) -> None:
        if self._open:
            self._text += data


def parse(page: str) -> _Page:
    parser = _Page()
    parser.feed(page)
    return parser


def _html(run: Run, tmp_path: Path, *args: Any, name: str = "out.html") -> str:
    target = tmp_path / name
    result = run(*args, "--format", "html", "-o", target)
    assert result.exit_code == 0, result.output
    return target.read_text(encoding="utf-8")


def test_rank_page_is_self_contained_with_every_section(run: Run, tmp_path: Path) -> None:
    page = _html(run, tmp_path, "rank", POOL)
    assert page.startswith('<!DOCTYPE html>\n<html lang="en">')
    found = parse(page)
    assert not [link for link in found.links if not link.startswith("#")], found.links
    assert not EXTERNAL.search(page)
    assert "http" not in page.lower()  # not even an xmlns or a DOCTYPE URL
    assert "<script" not in page.lower() and "@import" not in page
    assert all(url.startswith("#") for url in re.findall(r"url\(([^)]*)\)", page))
    for section in (
        "summary",
        "ranking-chart",
        "cohorts",
        "cohort-2017",
        "cohort-2018",
        "cohort-2019",
        "not-selected",
        "ineligible",
        "ties",
        "criteria-note",
    ):
        assert section in found.ids
    assert page.count("<svg") == 1
    for year, cutoff in (("2017", "76.47"), ("2018", "61.21"), ("2019", "54.80")):
        assert f"cut-off {year}: {cutoff}" in page  # the cut-off lines are labelled
    assert "Not eligible: 24" in found.headings
    assert "reconstruction" in page  # the honesty note of the bundled criteria
    # Every anchor of the table of contents has its target.
    for link in found.links:
        assert link[1:] in found.ids or f'id="{link[1:]}"' in page


def test_rank_page_prints_on_a4(run: Run, tmp_path: Path) -> None:
    page = _html(run, tmp_path, "rank", POOL)
    assert "@page { size: A4; margin: 15mm; }" in page
    assert "@media print" in page
    assert "page-break-inside: avoid" in page and "break-inside: avoid" in page


def test_svg_ids_are_unique_and_every_reference_resolves(run: Run, tmp_path: Path) -> None:
    two_regions = sorted(POOL.glob("*.yaml"))[:2]
    pages = [
        _html(run, tmp_path, "compare", *_two_rank_files(run, tmp_path), name="c.html"),
        _html(run, tmp_path, "score", *two_regions, name="s.html"),
    ]
    assert pages[1].count("<svg") == 2
    for page in pages:
        ids = re.findall(r'\bid="([^"]+)"', page)
        assert len(ids) == len(set(ids))
        references = set(re.findall(r'(?:href="#|url\(#)([^")]+)', page))
        assert references and references <= set(ids)


def _two_rank_files(run: Run, tmp_path: Path) -> tuple[Path, Path]:
    first = tmp_path / "a.json"
    second = tmp_path / "b.json"
    assert run("rank", POOL, "--format", "json", "-o", first).exit_code == 0
    assert (
        run("rank", POOL, "--cohorts", "2018:40", "--format", "json", "-o", second).exit_code == 0
    )
    return first, second


def test_rank_page_is_byte_identical_for_identical_input(run: Run, tmp_path: Path) -> None:
    first = _html(run, tmp_path, "rank", POOL, name="a.html")
    second = _html(run, tmp_path, "rank", POOL, name="b.html")
    assert first == second


def test_a_tie_at_the_cutoff_is_flagged(run: Run, tmp_path: Path) -> None:
    page = _html(
        run, tmp_path, "rank", RANK_DATA / "tie-at-25.yaml", "-c", RANK_DATA / "criteria.yaml"
    )
    assert 'role="alert"' in page and "TIE BROKEN AT A COHORT CUT-OFF" in page
    assert page.count('<tr class="at-cutoff" data-code="32.0') == 2  # both tied regions
    assert re.search(r'<tr class="at-cutoff">\s*<td class="num">25-26</td>', page)


def test_indonesian_page_has_no_english_heading(run: Run, tmp_path: Path) -> None:
    english = parse(_html(run, tmp_path, "rank", POOL, name="en.html"))
    indonesian_page = _html(run, tmp_path, "rank", POOL, "--lang", "id", name="id.html")
    indonesian = parse(indonesian_page)
    assert indonesian_page.startswith('<!DOCTYPE html>\n<html lang="id">')
    same_in_both = {en for en, id_ in CATALOGUE.values() if en == id_}
    for texts_en, texts_id in (
        (english.headings, indonesian.headings),
        (english.cells, indonesian.cells),
    ):
        shared = set(texts_en) & set(texts_id)
        assert shared <= same_in_both, shared
    assert "Grafik peringkat" in indonesian.headings
    assert "batas 2017: 76.47" in indonesian_page  # the chart is translated too


def test_score_page(run: Run, tmp_path: Path) -> None:
    page = _html(run, tmp_path, "score", INDRAMAYU)
    found = parse(page)
    assert "region-32.12" in found.ids and "criteria-note" in found.ids
    assert page.count("<svg") == 1
    assert "Kabupaten Indramayu (32.12)" in found.headings
    for heading in ("Factor profile", "Gates and minimum scores", "Cheapest improvements"):
        assert heading in found.headings
    assert "Weakest indicators" in found.headings
    # The band thresholds are drawn and labelled; each gate has a result.
    for band in ("Ready", "Nearly ready", "Developing"):
        assert f">{band}</text>" in page
    assert page.count('class="pass"') >= 5
    assert "minimum score of Leadership commitment" in page
    assert not EXTERNAL.search(page)


def test_score_page_in_indonesian(run: Run, tmp_path: Path) -> None:
    page = _html(run, tmp_path, "score", INDRAMAYU, "--lang", "id")
    found = parse(page)
    for heading in ("Profil faktor", "Syarat minimum dan skor minimum", "Perbaikan termurah"):
        assert heading in found.headings
    assert ">Hampir siap</text>" in page  # band labels from the criteria file
    english = parse(_html(run, tmp_path, "score", INDRAMAYU, name="en.html"))
    same_in_both = {en for en, id_ in CATALOGUE.values() if en == id_}
    same_in_both.add("Kabupaten Indramayu (32.12)")  # the region, named as it is named
    shared = set(english.headings + english.cells) & set(found.headings + found.cells)
    assert shared <= same_in_both, shared


def test_criteria_page(run: Run, tmp_path: Path) -> None:
    page = _html(run, tmp_path, "criteria")
    assert page.count("<svg") == 1 and "Leadership commitment" in page
    assert "[leadership.head_commitment]" in page


def test_validate_has_no_html(run: Run) -> None:
    result = run("validate", INDRAMAYU, "--format", "html")
    assert result.exit_code == 2
    assert "Traceback" not in result.output


def test_hostile_region_names_are_escaped(run: Run, tmp_path: Path) -> None:
    text = INDRAMAYU.read_text(encoding="utf-8")
    hostile = tmp_path / "hostile.yaml"
    name = '<script>alert("x")</script> $\\frac{1}{2}$ & <b>'
    hostile.write_text(
        re.sub(r"(?m)^  name: .*$", lambda _: "  name: '" + name.replace("'", "''") + "'", text),
        encoding="utf-8",
    )
    for command in ("score", "rank"):
        page = _html(run, tmp_path, command, hostile, name=f"{command}.html")
        assert "<script" not in page and "<b>" not in page
        assert "&lt;script&gt;" in page
        assert "$\\frac{1}{2}$" in page
    chart = page[page.index("<svg") : page.index("</svg>")]
    assert "$\\frac{1}{2}$" in chart  # in the rank chart's labels: a $ is text, not mathtext
    assert "&lt;script&gt;" in chart


def test_templates_use_only_catalogued_keys() -> None:
    keys = set()
    for template in TEMPLATES.glob("*.j2"):
        keys |= set(re.findall(r"""_\(\s*["']([a-z0-9-]+)["']""", template.read_text("utf-8")))
    assert len(keys) > 30
    assert keys - set(CATALOGUE) == set()


def test_inline_svg_prefixes_ids_and_drops_urls() -> None:
    svg = (
        '<?xml version="1.0"?>\n<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" '
        '"http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">\n'
        '<svg xmlns:xlink="http://www.w3.org/1999/xlink" width="10pt" height="5pt" '
        'viewBox="0 0 10 5" xmlns="http://www.w3.org/2000/svg"><defs><path id="m1"/></defs>'
        '<g clip-path="url(#p1)"><use xlink:href="#m1"/></g><clipPath id="p1"/></svg>'
    )
    out = inline_svg(svg, "chart3", 'A "label" <x>')
    assert "http" not in out and "xlink" not in out and "width=" not in out
    assert 'id="chart3-m1"' in out and 'href="#chart3-m1"' in out
    assert "url(#chart3-p1)" in out and 'id="chart3-p1"' in out
    assert out.startswith(
        '<svg class="chart" role="img" aria-label="A &quot;label&quot; &lt;x&gt;"'
    )


# --- without the report extra -----------------------------------------------------------------


@pytest.fixture
def no_report_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    """As if ``pip install smartcity-assess`` had been run without ``[report]``: importing
    jinja2 or matplotlib (or anything under them) fails."""
    real_import = builtins.__import__

    def fake_import(name: str, *args: Any, **kwargs: Any) -> Any:
        if name.split(".")[0] in ("jinja2", "matplotlib", "markupsafe"):
            raise ModuleNotFoundError(f"No module named '{name}'", name=name)
        return real_import(name, *args, **kwargs)

    for module in list(sys.modules):
        if module.split(".")[0] in ("jinja2", "matplotlib", "markupsafe"):
            monkeypatch.delitem(sys.modules, module)
    monkeypatch.setattr(builtins, "__import__", fake_import)


@pytest.mark.usefixtures("no_report_extra")
@pytest.mark.parametrize(
    "command",
    [
        ("rank", POOL),
        ("score", INDRAMAYU),
        ("criteria",),
        ("explain", BATANG),
        ("explain", BATANG, "--pool", POOL),
    ],
)
def test_html_without_the_extra_is_a_usage_error_with_the_install_hint(
    run: Run, tmp_path: Path, command: tuple[Any, ...]
) -> None:
    target = tmp_path / "out.html"
    result = run(*command, "--format", "html", "-o", target)
    assert result.exit_code == 2, result.output
    message = " ".join(result.stderr.split())
    assert "pip install 'smartcity-assess[report]'" in message
    assert "No module named" in message
    assert "Traceback" not in result.output
    assert not target.exists()


@pytest.mark.usefixtures("no_report_extra")
@pytest.mark.parametrize("fmt", ["table", "json", "csv", "markdown"])
def test_every_other_format_works_without_the_extra(run: Run, fmt: str) -> None:
    for command in (("score", INDRAMAYU), ("rank", POOL), ("criteria",)):
        result = run(*command, "--format", fmt)
        assert result.exit_code == 0, (command, result.output)
    if fmt != "csv":  # explain has no CSV
        assert run("explain", BATANG, "--pool", POOL, "--format", fmt).exit_code == 0
    assert run("validate", POOL).exit_code == 0
    assert "matplotlib" not in sys.modules and "jinja2" not in sys.modules


# --- sensitivity ------------------------------------------------------------------------------


def test_sensitivity_page_highlights_the_borderline_regions(bundled: Any) -> None:
    pytest.importorskip("numpy")
    from smartcity_assess.core.ranking import rank
    from smartcity_assess.core.scoring import score
    from smartcity_assess.core.sensitivity import Settings, analyse
    from smartcity_assess.reading.submissions import read_batch
    from smartcity_assess.report.interface import ReportOptions, SensitivityResult, reporter_for

    model = bundled.model
    batch = read_batch(model, [POOL])
    ranking = rank(model, [score(model, s) for s in batch.submissions], model.cohorts)
    analysis = analyse(model, ranking, Settings(runs=60, seed=3), model.cohorts)
    assert analysis.borderline  # the premise: someone is borderline
    result = SensitivityResult(bundled, analysis, batch.contents())
    page = reporter_for("html").sensitivity(result, ReportOptions(lang="en"))
    found = parse(page)
    assert "sensitivity" in found.ids and "cohort-2019" in found.ids
    assert page.count("<svg") == 2  # the ranking and the rank intervals
    assert f"Borderline regions: {len(analysis.borderline)}" in found.headings
    for region in analysis.borderline:
        assert re.search(
            rf'<tr class="[^"]*borderline[^"]*" data-code="{re.escape(region.code)}"', page
        )
    assert not EXTERNAL.search(page)


def test_sensitivity_command_writes_html(run: Run, tmp_path: Path) -> None:
    pytest.importorskip("numpy")
    page = _html(run, tmp_path, "sensitivity", POOL, "--runs", "40", "--seed", "2")
    found = parse(page)
    assert "sensitivity" in found.ids and "ranking-chart" in found.ids
    assert page.count("<svg") == 2
    assert not EXTERNAL.search(page)
    # The one-at-a-time table, as the terminal and Markdown show it: a row per factor.
    assert any(h.startswith("Which factor weight matters most") for h in found.headings)
    section = page[page.index('id="one-at-a-time"') : page.index('id="borderline"')]
    assert section.count("<tr>") == 1 + 8  # the heading row and the eight factors
    assert "Leadership commitment" in section and "+25%: in/out" in section


def test_every_bar_of_the_ranking_chart_names_its_region(run: Run, tmp_path: Path) -> None:
    # 136 bars: too many to write the names beside them, so each bar carries a tooltip.
    page = _html(run, tmp_path, "rank", POOL)
    tips = re.findall(r'<g id="chart1-rank-bar-(\d+)"><title>([^<]*)</title>', page)
    assert [int(rank) for rank, _ in tips] == list(range(1, 137))
    assert tips[11][1] == "12. Kabupaten Magelang (33.08): 80.23"


# --- explain ----------------------------------------------------------------------------------


def _html_rows(page: str, section: str) -> list[list[str]]:
    """The body rows of the tables in ``<section id="section">``, as cell texts."""
    start = page.index(f'<section id="{section}"')
    body = page[start : page.index("</section>", start)]
    return [
        [html.unescape(cell) for cell in re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)]
        for row in re.findall(r"<tr[^>]*>(.*?)</tr>", body, re.S)
        if "<td" in row
    ]


def _markdown_rows(text: str, heading: str) -> list[list[str]]:
    """The body rows of the table under the Markdown heading that starts with ``heading``."""
    lines = text.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith(f"## {heading}"))
    rows = []
    for line in lines[start + 1 :]:
        if line.startswith("## "):
            break
        if line.startswith("| "):
            rows.append([cell.strip().replace("\\|", "|") for cell in line[2:-2].split(" | ")])
    return rows[1:]  # the header; the rule row does not start with "| "


def test_explain_page_with_a_pool_shows_what_markdown_shows(run: Run, tmp_path: Path) -> None:
    page = _html(run, tmp_path, "explain", LAMPUNG_BARAT, "--pool", POOL)
    markdown = run("explain", LAMPUNG_BARAT, "--pool", POOL, "--format", "markdown")
    assert markdown.exit_code == 0
    found = parse(page)
    assert page.startswith('<!DOCTYPE html>\n<html lang="en">')
    assert all(link.startswith("#") for link in found.links)  # the chart's own ids
    assert not EXTERNAL.search(page) and "<script" not in page.lower()
    assert page.count("<svg") == 1  # the factor profile
    assert found.headings[0] == "What separates Kabupaten Lampung Barat (18.04) from the cut-off"
    for section in (
        "summary",
        "failed",
        "profile",
        "factors",
        "weaknesses",  # it has no strengths against the median: no such section
        "path",
        "steps",
        "criteria-note",
    ):
        assert section in found.ids, section
    # The same view as the Markdown report: its position line and every cell of its tables.
    position = re.search(r"^\*\*(.*)\*\*$", markdown.stdout, re.M)
    assert position is not None and f"<strong>{html.escape(position[1])}</strong>" in page
    for section, heading in (
        ("factors", "Factor contributions"),
        ("path", "Fewest steps"),
        ("steps", "Single steps"),
    ):
        rows = _markdown_rows(markdown.stdout, heading)
        assert rows and _html_rows(page, section) == rows, section
    failed = page[page.index('<section id="failed"') : page.index('<section id="profile"')]
    assert "<strong>Eligibility rules failed: 1</strong>" in failed
    listed = markdown.stdout.split("## Eligibility rules failed")[1].split("##")[0]
    rules = re.findall(r"^- (.*)$", listed, re.M)
    assert len(rules) == 1
    assert [html.unescape(x) for x in re.findall(r"<li>(.*)</li>", failed)] == rules
    # Each difference from the median is coloured by its sign.
    factors = page[page.index('<section id="factors"') : page.index('<section id="weaknesses"')]
    signs = re.findall(r'<td class="num (pass|fail)">([-+])', factors)
    assert len(signs) == 8 and all((c == "pass") == (sign == "+") for c, sign in signs)


def test_explain_page_against_the_bands_in_indonesian(run: Run, tmp_path: Path) -> None:
    page = _html(run, tmp_path, "explain", BATANG, "--lang", "id", name="id.html")
    found = parse(page)
    assert page.startswith('<!DOCTYPE html>\n<html lang="id">')
    assert (
        found.headings[0] == "Apa yang memisahkan Kabupaten Batang (33.25) dari kategori berikutnya"
    )
    assert "factors" not in found.ids  # no pool: no median to compare with
    assert {"summary", "profile", "strengths", "weaknesses", "steps"} <= set(found.ids)
    assert "Profil faktor" in found.headings
    english = parse(_html(run, tmp_path, "explain", BATANG, name="en.html"))
    same_in_both = {en for en, id_ in CATALOGUE.values() if en == id_} | {"#"}
    shared = set(english.headings + english.cells) & set(found.headings + found.cells)
    assert shared <= same_in_both, shared


def test_explain_page_is_byte_identical_for_identical_input(run: Run, tmp_path: Path) -> None:
    args = ("explain", BATANG, "--pool", POOL)
    assert _html(run, tmp_path, *args, name="a.html") == _html(run, tmp_path, *args, name="b.html")


def test_explain_page_names_the_skipped_pool_files(run: Run, tmp_path: Path) -> None:
    pool = tmp_path / "pool"
    shutil.copytree(POOL, pool)
    (pool / "broken.yaml").write_text("region: [\n", encoding="utf-8")
    page = _html(run, tmp_path, "explain", BATANG, "--pool", pool, "--skip-invalid")
    warnings = page[page.index('<section id="warnings"') : page.index('<section id="summary"')]
    assert "broken.yaml" in warnings


def test_up_to_forty_bars_each_has_its_score_written_beside_it(run: Run, tmp_path: Path) -> None:
    # 28 ranked regions: each bar is named on the axis and its score is written as text,
    # not left to be read off the bar's length.
    page = _html(
        run, tmp_path, "rank", RANK_DATA / "tie-at-25.yaml", "-c", RANK_DATA / "criteria.yaml"
    )
    chart = page[page.index("<svg") : page.index("</svg>")]
    tips = re.findall(r'<g id="chart1-rank-bar-\d+"><title>\d+\. [^<]*: ([^<]*)</title>', chart)
    assert len(tips) == 28 and tips[0] == "90.00" and tips[24:26] == ["50.00", "50.00"]
    texts = re.findall(r"<text[^>]*>([^<]*)</text>", chart)
    after_names = texts[texts.index("Rank") + 1 :]
    assert after_names[: len(tips)] == tips
