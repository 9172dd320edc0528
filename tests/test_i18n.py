"""The message catalogue: every key in both languages, with the same placeholders, and
every key the code asks for present."""

from __future__ import annotations

import re
import string
from pathlib import Path

import pytest

from smartcity_assess.i18n import CATALOGUE, Msg, t

SRC = Path(__file__).resolve().parents[1] / "src" / "smartcity_assess"


def _fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


@pytest.mark.parametrize("key", sorted(CATALOGUE))
def test_every_key_has_both_languages_with_the_same_placeholders(key: str) -> None:
    en, id_ = CATALOGUE[key]
    assert en.strip() and id_.strip()
    assert _fields(en) == _fields(id_)


# Literal keys handed to the catalogue: t(lang, "key"), Msg.of("key"), UsageError("key").
_USES = re.compile(
    r"""(?:\bt\(\s*[a-z_.]+,\s*|Msg\.of\(\s*|UsageError\(\s*)"([a-z0-9][a-z0-9-]*)\"""",
)


def test_every_key_the_code_uses_exists() -> None:
    used: dict[str, str] = {}
    for path in sorted(SRC.rglob("*.py")):
        for match in _USES.finditer(path.read_text(encoding="utf-8")):
            used.setdefault(match.group(1), path.name)
    assert len(used) > 20  # the scan itself works
    missing = {key: where for key, where in used.items() if key not in CATALOGUE}
    assert missing == {}


def test_nested_messages_render_in_the_same_language() -> None:
    message = t(
        "id", "wrong-type", expected=Msg.of("type-number"), got=Msg.of("got-text", value="x")
    )
    assert message == "diharapkan angka, didapat teks 'x'"


def _headings(markdown: str) -> list[str]:
    """Heading lines and table header rows: what a reader scans for."""
    lines = markdown.splitlines()
    heads = [line for line in lines if line.startswith("#")]
    heads += [lines[i - 1] for i, line in enumerate(lines) if line.startswith(("|:", "|-"))]
    return heads


def test_indonesian_rank_report_has_no_english_heading(run) -> None:  # type: ignore[no-untyped-def]
    from .conftest import EXAMPLES

    args = ("rank", EXAMPLES / "pool-2018", "--format", "markdown")
    english = set(_headings(run(*args).stdout))
    indonesian = _headings(run(*args, "--lang", "id").stdout)
    assert indonesian and english
    assert [h for h in indonesian if h in english] == []
    words = {"Cohort", "Rank", "Region", "Province", "Score", "Band", "Eligible", "Ties"}
    assert [h for h in indonesian if any(w in h.split() for w in words)] == []
