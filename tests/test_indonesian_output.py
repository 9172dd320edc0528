"""``--lang id`` leaves nothing untranslated (issue 17): every command, in every human format,
on the bundled criteria and the examples, is read for raw criteria ids in its prose, for words
that only the English side of the tool uses, and for numbers with a decimal point.

What may stay as it is: region codes (``35.78``), names of regions and provinces, file paths,
the criteria's id and version, the tool's version, and ids shown as ids (in ``[...]``, in
backticks, in HTML ``<code>``): the criteria view names each indicator's address on purpose.
"""

from __future__ import annotations

import json
import re
import string
from collections.abc import Callable, Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
import yaml

from smartcity_assess import __version__
from smartcity_assess.core.criteria import Criteria, Text
from smartcity_assess.i18n import CATALOGUE, number_text
from smartcity_assess.reading.criteria_file import load_criteria

from .conftest import CRITERIA_DIR, EXAMPLES

Run = Callable[..., Any]

POOL = EXAMPLES / "pool-2018"
INDRAMAYU = EXAMPLES / "indramayu-2018.yaml"
BUNDLED = sorted(CRITERIA_DIR.glob("*.yaml"))
HUMAN = ("table", "markdown", "html")


# --- what counts as English --------------------------------------------------------------------


def _words(text: str) -> set[str]:
    """Lower-case words of two letters or more; placeholders ({name}) are not words."""
    text = re.sub(r"\{[^}]*\}", " ", text)
    return {w.lower() for w in re.findall(r"[A-Za-z][A-Za-z'-]*[A-Za-z]", text)}


def _texts(criteria: Criteria) -> Iterator[Text]:
    yield criteria.title
    yield criteria.source
    if criteria.description:
        yield criteria.description
    for band in criteria.bands:
        yield band.label
    for factor in criteria.factors:
        yield from (x for x in (factor.name, factor.description) if x is not None)
        for ind in factor.indicators:
            texts = (ind.name, ind.description, ind.unit, ind.rationale)
            yield from (x for x in texts if x is not None)
            yield from (lv.label for lv in ind.levels or () if lv.label is not None)


MODELS = [load_criteria(path).model for path in BUNDLED]


def _english_only() -> set[str]:
    """Words the tool writes in English (its catalogue, the criteria's English texts) that
    its Indonesian never uses: seeing one in an Indonesian report means something was left
    untranslated."""
    english: set[str] = set()
    indonesian: set[str] = set()
    for en, idn in CATALOGUE.values():
        english |= _words(en)
        indonesian |= _words(idn)
    for model in MODELS:
        for text in _texts(model):
            english |= _words(text.en)
            indonesian |= _words(text.id or "")
    return english - indonesian


ENGLISH_ONLY = _english_only()


def _region_names() -> tuple[set[str], set[str]]:
    """The examples' region codes, and the words of their names and provinces."""
    codes: set[str] = set()
    words: set[str] = set()
    for path in [INDRAMAYU, *POOL.glob("*.yaml")]:
        data = yaml.safe_load(path.read_text("utf-8"))
        region = data.get("region", data)
        codes.add(str(region["code"]))
        words |= _words(f"{region.get('name', '')} {region.get('province', '')}")
    return codes, words


CODES, PLACE_WORDS = _region_names()


def _ids() -> tuple[set[str], set[str]]:
    """Every address (``policy.egov_regulation``) and every id with an underscore (a level,
    an indicator, a factor): never part of a sentence."""
    addresses: set[str] = set()
    ids: set[str] = set()
    for model in MODELS:
        for factor, ind in model.indicators():
            addresses.add(f"{factor.id}.{ind.id}")
            ids |= {factor.id, ind.id, *(lv.id for lv in ind.levels or ())}
    return addresses, {i for i in ids if "_" in i}


ADDRESSES, UNDERSCORE_IDS = _ids()
FACTOR_AND_INDICATOR_IDS = {
    item for model in MODELS for f, i in model.indicators() for item in (f.id, i.id)
}
# Numbers the Indonesian criteria texts write with a thousands point ("per 100.000 penduduk").
GROUPED = {
    n for model in MODELS for text in _texts(model) for n in re.findall(r"\d+\.\d+", text.id or "")
}


# --- reading the outputs -----------------------------------------------------------------------


class _Visible(HTMLParser):
    """The text a reader sees (and hovers over) on a page; code, styles and scripts out."""

    SKIP = frozenset({"style", "script", "code", "defs"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skipping = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.SKIP:
            self._skipping += 1
        for name, value in attrs:
            if name in ("title", "alt", "aria-label") and value:
                self.parts.append(value)

    def handle_endtag(self, tag: str) -> None:
        if tag in self.SKIP and self._skipping:
            self._skipping -= 1

    def handle_data(self, data: str) -> None:
        if not self._skipping:
            self.parts.append(data)


def _prose(text: str, fmt: str) -> str:
    """What the reader reads as language: ids shown as ids, paths and versions taken out."""
    if fmt == "html":
        page = _Visible()
        page.feed(text)
        text = "\n".join(page.parts)
    text = re.sub(r"`[^`\n]*`", " ", text)  # Markdown code
    text = re.sub(r"\[[a-z0-9_.]+\]", " ", text)  # [factor.indicator] in the criteria tree
    text = re.sub(r"\(([a-z0-9_.]+)\)", _named_id, text)  # Name (factor.indicator)
    text = re.sub(r"error\[[a-z-]+\]:", " ", text)  # validate's path:line:col: error[code]:
    text = re.sub(r"\S*/\S*\.(?:json|yaml|csv)\b", " ", text)  # file paths
    text = re.sub(r"\bsha256 [0-9a-f]+", " ", text)
    text = text.replace(__version__, " ")
    for model in MODELS:
        text = re.sub(rf"(?<![\w.]){re.escape(model.version)}(?!\w|\.\d)", " ", text)
        text = text.replace(model.id, " ")
    for number in GROUPED:
        text = text.replace(number, " ")
    return text


def _named_id(match: re.Match[str]) -> str:
    """A factor's or an indicator's id in brackets after its name is the id shown as an id
    (the criteria diff of compare, the template's headings); anything else in brackets stays."""
    return " " if match.group(1) in ADDRESSES | FACTOR_AND_INDICATOR_IDS else match.group(0)


def problems(text: str, fmt: str) -> list[str]:
    prose = _prose(text, fmt)
    found: list[str] = []
    for address in sorted(ADDRESSES):
        if re.search(rf"(?<![\w.]){re.escape(address)}(?![\w])", prose):
            found.append(f"raw address {address}")
    tokens = set(re.findall(r"[A-Za-z][A-Za-z0-9_'-]*[A-Za-z0-9]", prose))
    found += [f"raw id {t}" for t in sorted(tokens & UNDERSCORE_IDS)]
    english = {w for w in _words(prose) if w in ENGLISH_ONLY and w not in PLACE_WORDS}
    found += [f"English word {w!r}" for w in sorted(english)]
    numbers = prose
    for code in CODES:
        numbers = numbers.replace(code, " ")
    found += [f"decimal point in {m!r}" for m in sorted(set(re.findall(r"\d+\.\d+", numbers)))]
    return found


def _excerpt(text: str, word: str) -> str:
    at = text.find(word)
    return text[max(0, at - 60) : at + 60].replace("\n", " ")


# --- the commands ------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def rounds(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """Two rank JSONs of the pool: the bundled criteria, and leadership weighted 35, not 20."""
    from typer.testing import CliRunner

    from smartcity_assess.cli import app

    folder = tmp_path_factory.mktemp("rounds")
    text = (CRITERIA_DIR / "gerakan-100-smart-city.yaml").read_text("utf-8")
    assert text.count("\n    weight: 20\n") == 1
    criteria = folder / "reweighted.yaml"
    criteria.write_text(text.replace("\n    weight: 20\n", "\n    weight: 35\n"), "utf-8")
    old, new = folder / "old.json", folder / "new.json"
    runner = CliRunner()
    for args in ((POOL, "-o", old), (POOL, "-c", criteria, "-o", new)):
        result = runner.invoke(app, ["rank", *map(str, args), "-f", "json"])
        assert result.exit_code == 0, result.output
    return old, new


SURABAYA = next(POOL.glob("35-78-*.yaml"))
COMMANDS: dict[str, tuple[Any, ...]] = {
    "score": ("score", INDRAMAYU, *sorted(POOL.glob("1[1-3]-*.yaml"))),
    "rank": ("rank", POOL, "--max-per-province", "2"),
    "explain": ("explain", SURABAYA, "--pool", POOL, "--max-per-province", "2"),
    "explain-bands": ("explain", INDRAMAYU),
    "sensitivity": ("sensitivity", POOL, "--runs", "40", "--seed", "3"),
    "compare": ("compare",),
    **{f"criteria-{p.stem}": ("criteria", p) for p in BUNDLED},
}


CASES = [(name, fmt) for name in COMMANDS for fmt in HUMAN]


@pytest.mark.parametrize(("name", "fmt"), CASES, ids=[f"{n}-{f}" for n, f in CASES])
def test_every_human_format_is_all_indonesian(
    run: Run, rounds: tuple[Path, Path], name: str, fmt: str
) -> None:
    if fmt == "html":
        pytest.importorskip("matplotlib")
        pytest.importorskip("jinja2")
    args = COMMANDS[name] + (rounds if name == "compare" else ())
    result = run(*args, "--format", fmt, "--lang", "id", "--no-color")
    assert result.exit_code in (0, 1), result.output
    assert result.stdout.strip()
    found = problems(result.stdout, fmt)
    prose = _prose(result.stdout, fmt)
    assert found == [], [(f, _excerpt(prose, f.split()[-1].strip("'"))) for f in found]


@pytest.mark.parametrize("criteria", BUNDLED, ids=[p.stem for p in BUNDLED])
def test_the_template_comments_are_indonesian(run: Run, criteria: Path) -> None:
    """The template's comments are prose; its keys and example values are YAML, as a user
    types them (2.5, not 2,5), so only the comments are read."""
    result = run("template", "-c", criteria, "--lang", "id")
    assert result.exit_code == 0, result.output
    comments = "\n".join(
        line.strip().lstrip("#")
        for line in result.stdout.splitlines()
        if line.strip().startswith("#")
        and not line.strip().startswith("#   ")  # a level's id and label; an example command
        and not re.fullmatch(r"#\s*[a-z_]+:", line.strip())  # a key to uncomment (evidence:)
        and "yaml-language-server" not in line
    )
    comments = re.sub(r"'[a-z0-9_]+'", " ", comments)  # a gate, as the user types the level
    assert problems(comments, "text") == []


def test_validate_messages_are_indonesian(run: Run, tmp_path: Path) -> None:
    text = INDRAMAYU.read_text("utf-8")
    broken = tmp_path / "broken.yaml"
    broken.write_text(
        text.replace("year: 2018", "year: 2018\ncolour: blue").replace(
            "head_commitment: signed_mou", "head_commitment: signed"
        ),
        "utf-8",
    )
    assert broken.read_text("utf-8") != text
    result = run("validate", broken, "--lang", "id", "--format", "text")
    assert result.exit_code == 1
    messages = result.output.splitlines()
    assert len(messages) >= 2
    # The wrong level and the allowed ones are quoted from the file, as a user wrote them.
    prose = re.sub(r"'[^']*'|allowed: .*|diizinkan: .*", " ", "\n".join(messages))
    assert problems(prose, "text") == []


# --- the check itself --------------------------------------------------------------------------


def test_the_check_finds_what_it_looks_for() -> None:
    """Each kind of untranslated text is found; the allowed kinds are not."""
    english = "Kebijakan: policy.egov_regulation is none, but the gate requires signed_mou"
    found = problems(english, "text")
    assert "raw address policy.egov_regulation" in found
    assert "raw id signed_mou" in found
    assert "English word 'requires'" in found
    assert problems("Total: 66.79 / 100", "markdown") == ["decimal point in '66.79'"]
    allowed = (
        "Kota Surabaya (35.78), `budget.ict_budget_share` [policy] gerakan-100-smart-city 2018.1"
    )
    assert problems(allowed, "markdown") == []
    assert problems("<p>Skor <code>policy.egov_regulation</code></p>", "html") == []
    assert problems("<svg><title>Total 66.79</title></svg>", "html") != []


def test_every_bundled_text_has_an_indonesian_version() -> None:
    missing = [
        (model.id, text.en[:40]) for model in MODELS for text in _texts(model) if not text.id
    ]
    assert missing == []


def test_numbers_read_with_a_decimal_comma_only_in_indonesian() -> None:
    assert number_text("66.79", "id") == "66,79"
    assert number_text("12,000.5", "id") == "12.000,5"
    assert number_text("66.79", "en") == "66.79"
    assert set(string.digits) <= set(number_text(string.digits, "id"))


@pytest.mark.parametrize("kind", ["submission", "criteria"])
def test_the_schema_descriptions_are_indonesian(run: Run, kind: str) -> None:
    """What an editor shows on hover: every title and description of the schema."""
    result = run("schema", kind, "--lang", "id")
    assert result.exit_code == 0, result.output
    texts: list[str] = []

    def collect(node: Any) -> None:
        if isinstance(node, dict):
            for key, value in node.items():
                # A title is the key itself (aggregation, bands); the description says it.
                if key in ("description", "markdownDescription") and isinstance(value, str):
                    texts.append(value)
                else:
                    collect(value)
        elif isinstance(node, list):
            for item in node:
                collect(item)

    collect(json.loads(result.stdout))
    assert len(texts) > 10
    # Ids and commands are quoted, as a user types them ('assess validate', 'signed_mou'); a
    # level is offered as the value to type with its label: signed_mou (Surat ...).
    prose = re.sub(r"'[^']*'", " ", "\n".join(texts))
    levels = {lv.id for model in MODELS for _, i in model.indicators() for lv in i.levels or ()}
    prose = re.sub(r"\b([a-z0-9_]+) \(", lambda m: " (" if m[1] in levels else m[0], prose)
    assert problems(prose, "text") == []
