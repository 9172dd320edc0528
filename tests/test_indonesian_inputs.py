"""Inputs as regional offices write them (issue 17): ';'-separated CSV, decimal commas,
ya/tidak and benar/salah, read by one rule for CSV cells and YAML strings (reading/cells.py),
and the forms that could mean two things refused at file:line:col."""

from __future__ import annotations

import json
import math
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from smartcity_assess.reading.cells import (
    BOOLEAN_PATTERN,
    NUMBER_PATTERN,
    RefusedText,
    boolean_text,
    number_text,
)
from smartcity_assess.reading.sources import SourceFile, csv_delimiter, parse_csv

Run = Callable[..., Any]

HEADER = [
    "code", "name", "province", "kind", "year",
    "leadership.head_commitment", "leadership.deputy_involvement",
    "budget.ict_budget_share", "budget.smart_city_budget_line",
    "policy.egov_regulation", "policy.data_policy",
    "planning.rpjmd_smart_city", "internet.coverage_4g_population",
    "it_staff.it_graduate_staff", "applications.public_service_apps",
    "applications.open_data_portal", "infrastructure.data_centre",
]  # fmt: skip
PLAIN = [
    ["32.12", "Kabupaten Indramayu", "Jawa Barat", "kabupaten", "2018", "signed_mou", "true",
     "1.4", "false", "enacted", "true", "mentioned", "82.5", "52", "21", "false", "dedicated"],
    ["32.73", "Kota Bandung", "Jawa Barat", "kota", "2018", "statement", "false",
     "2.25", "true", "enacted", "false", "none", "97", "120", "40", "true", "server_room"],
]  # fmt: skip
INDONESIAN = [
    ["32.12", "Kabupaten Indramayu", "Jawa Barat", "kabupaten", "2018", "signed_mou", "BENAR",
     "1,4", "Tidak", "enacted", "ya", "mentioned", "82,5", "52", "21", "SALAH", "dedicated"],
    ["32.73", "Kota Bandung", "Jawa Barat", "kota", "2018", "statement", "salah",
     "2,25", "YA", "enacted", "tidak", "none", "97", "120", "40", "benar", "server_room"],
]  # fmt: skip


def _yaml(header: list[str], row: list[str]) -> str:
    """One row as a YAML submission, every value written as YAML writes it plainly."""
    cells = dict(zip(header, row, strict=True))
    lines = [
        "schema_version: 1",
        "region:",
        f'  code: "{cells["code"]}"',
        f"  name: {cells['name']}",
        f"  province: {cells['province']}",
        f"  kind: {cells['kind']}",
        f"year: {cells['year']}",
        "values:",
    ]
    factors: dict[str, list[str]] = {}
    for column in header[5:]:
        factor, indicator = column.split(".")
        factors.setdefault(factor, []).append(f"    {indicator}: {cells[column]}")
    for factor, indicators in factors.items():
        lines += [f"  {factor}:", *indicators]
    return "\n".join(lines) + "\n"


def _scores(run: Run, *paths: Path) -> Any:
    result = run("score", *paths, "--format", "json")
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    report.pop("inputs", None)  # the files' names and checksums differ, nothing else
    return report


def test_a_semicolon_csv_in_indonesian_scores_as_the_plain_yaml(run: Run, tmp_path: Path) -> None:
    semicolons = tmp_path / "pool.csv"
    semicolons.write_text(
        "\n".join(";".join(row) for row in [HEADER, *INDONESIAN]) + "\n", encoding="utf-8"
    )
    documents = tmp_path / "pool.yaml"
    documents.write_text("---\n".join(_yaml(HEADER, row) for row in PLAIN), encoding="utf-8")
    commas = tmp_path / "commas.csv"
    quoted = [[f'"{c}"' if "," in c else c for c in row] for row in INDONESIAN]
    commas.write_text("\n".join(",".join(row) for row in [HEADER, *quoted]) + "\n")
    from_yaml = _scores(run, documents)
    assert len(from_yaml["regions"]) == 2
    assert _scores(run, semicolons) == from_yaml
    assert _scores(run, commas) == from_yaml  # '"1,4"' quoted in a ',' CSV: the same rule


def test_yaml_takes_the_indonesian_words_and_a_decimal_comma(run: Run, tmp_path: Path) -> None:
    plain = tmp_path / "plain.yaml"
    plain.write_text("---\n".join(_yaml(HEADER, row) for row in PLAIN), encoding="utf-8")
    words = tmp_path / "words.yaml"
    # ya, BENAR and 78,5 are text to YAML 1.1 and 1.2 alike: read by the rule of a cell.
    # A decimal comma in a flow mapping would end the value, so there it is quoted.
    words.write_text(
        "---\n".join(_yaml(HEADER, row) for row in INDONESIAN).replace(
            "ict_budget_share: 1,4", 'ict_budget_share: "1,4"'
        ),
        encoding="utf-8",
    )
    assert 'ict_budget_share: "1,4"' in words.read_text()
    assert "ict_budget_share: 2,25" in words.read_text()
    assert _scores(run, words) == _scores(run, plain)


AMBIGUOUS_MESSAGE = (
    "error[ambiguous-value]: {where}1.234 is ambiguous: a thousands separator (1234) or a "
    "decimal one? Thousands separators are not accepted: write 1234 for the thousands, or "
    "1.2340 for the decimal"
)


def test_an_ambiguous_number_is_refused_in_csv_and_yaml(run: Run, tmp_path: Path) -> None:
    rows = [list(PLAIN[0])]
    rows[0][HEADER.index("budget.ict_budget_share")] = "1.234"
    table = tmp_path / "pool.csv"
    table.write_text("\n".join(";".join(row) for row in [HEADER, *rows]) + "\n")
    document = tmp_path / "region.yaml"
    document.write_text(_yaml(HEADER, rows[0]))
    column = HEADER.index("budget.ict_budget_share") + 1
    for path, where, prefix in [
        (table, f"2:{column}", "column 'budget.ict_budget_share': "),
        (document, "13:23", ""),
    ]:
        result = run("validate", path)
        assert result.exit_code == 1
        assert result.stdout == f"{path}:{where}: " + AMBIGUOUS_MESSAGE.format(where=prefix) + "\n"
    indonesian = run("validate", document, "--lang", "id")
    assert "1.234 ambigu: pemisah ribuan (1234) atau pemisah desimal?" in indonesian.stdout


@pytest.mark.parametrize(
    ("written", "code", "message"),
    [
        ("1,234", "ambiguous-value", "1,234 is ambiguous: a thousands separator (1234)"),
        ("-100.000", "ambiguous-value", "write -100000 for the thousands, or -100.0000 for"),
        (
            "1.234.567",
            "wrong-type",
            "'1.234.567' uses thousands separators, which are not accepted; write 1234567",
        ),
        ("1.234,5", "wrong-type", "write 1234.5 or 1234,5"),
        ("1.2.3", "wrong-type", "write the number with no thousands separators and at most one"),
        ("1,4 %", "wrong-type", "expected a number, got the text '1,4 %'"),
    ],
)
def test_numbers_refused_say_how_to_write_them(
    run: Run, tmp_path: Path, written: str, code: str, message: str
) -> None:
    rows = [list(PLAIN[0])]
    rows[0][HEADER.index("budget.ict_budget_share")] = written
    table = tmp_path / "pool.csv"
    table.write_text("\n".join(";".join(row) for row in [HEADER, *rows]) + "\n")
    result = run("validate", table)
    assert result.exit_code == 1
    assert f"pool.csv:2:8: error[{code}]: column 'budget.ict_budget_share': " in result.stdout
    assert message in result.stdout


@pytest.mark.parametrize("written", ["0.125", "0,125", "1234.567", "1.2345", "12.5", "78,5"])
def test_numbers_that_are_not_ambiguous_are_read(written: str) -> None:
    assert number_text(written) == float(written.replace(",", "."))


def test_yaml_still_refuses_yes_and_says_which_words_it_takes(run: Run, tmp_path: Path) -> None:
    text = _yaml(HEADER, PLAIN[0])
    words = "error[wrong-type]: expected true or false (or ya/tidak, benar/salah), got the text"
    for written, expected in [
        ("yes", "error[ambiguous-value]: yes is true in YAML 1.1 but text in YAML 1.2"),
        ("'yes'", f"{words} 'yes'"),
        ("iya", f"{words} 'iya'"),
    ]:
        path = tmp_path / "region.yaml"
        path.write_text(text.replace("deputy_involvement: true", f"deputy_involvement: {written}"))
        result = run("validate", path)
        assert result.exit_code == 1
        assert result.stdout.startswith(f"{path}:11:25: {expected}"), result.stdout


# --- the separator --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("code,name\n32.12;x\n", (",", 1)),
        ("code;name\n32.12;1,5\n", (";", 1)),
        ("\n;;\n code;name\n", (";", 3)),  # a row of separators alone is blank
        ('""\ncode;name\n', (";", 2)),  # so is a row of one empty quoted cell
        ('"code,x";name\n', (";", 1)),  # inside quotes, a ',' is part of a name
        ('code,"a;b"\n', (",", 1)),
        ("code\n32.12\n", (",", 1)),  # one column: either reads it
        ("code,name;kind\n", (None, 1)),
    ],
)
def test_the_separator_is_told_by_the_header(text: str, expected: tuple[str | None, int]) -> None:
    assert csv_delimiter(text) == expected


def test_a_header_with_both_separators_is_refused(run: Run, tmp_path: Path) -> None:
    path = tmp_path / "pool.csv"
    path.write_text("\n\ncode;name,kind\n32.12;Kabupaten Indramayu;kabupaten\n")
    result = run("validate", path)
    assert result.exit_code == 1
    assert result.stdout == (
        f"{path}:3:1: error[csv-syntax]: the header has both ',' and ';' outside quotes, so "
        "the separator cannot be told; separate the columns with one of them only (a name "
        "holding the other needs quotes)\n"
    )


def test_a_semicolon_table_keeps_quoted_cells_and_positions() -> None:
    text = 'code;name\n32.12;"Kabupaten; Indramayu"\n\n32.73;"Kota\nBandung"\n'
    table, problems = parse_csv(SourceFile("f.csv", text.encode()))
    assert problems == [] and table is not None
    assert [(row.line, row.cells) for row in table.rows] == [
        (2, ("32.12", "Kabupaten; Indramayu")),
        (4, ("32.73", "Kota\nBandung")),
    ]


# --- one rule, and the schema's patterns are that rule -----------------------------------------


@given(st.floats(allow_nan=False, allow_infinity=False))
def test_a_float_written_with_a_decimal_comma_reads_back(value: float) -> None:
    text = repr(value).replace(".", ",")
    read = number_text(text)
    if isinstance(read, RefusedText):  # '1,234': could be 1234; so is '1.234'
        assert read.code == "ambiguous-value" and isinstance(number_text(repr(value)), RefusedText)
        assert number_text(read.params["decimal"]) == value
    else:
        assert read == value
        assert number_text(repr(value)) == value


@given(st.text(alphabet="0123456789.,+-eEnaif ", max_size=9))
def test_the_schema_pattern_takes_exactly_the_numbers_the_rule_reads(text: str) -> None:
    read = number_text(text)
    finite = isinstance(read, float) and math.isfinite(read)
    spelled_out = any(word in text.lower() for word in ("nan", "inf"))
    assert bool(re.search(NUMBER_PATTERN, text)) == (isinstance(read, float) and not spelled_out)
    if finite and not spelled_out:
        assert read == float(text.replace(",", "."))


@given(st.text(alphabet="yaYAtidkTIDKbenrBENRslhSLHufUFoO\u212a10 ", max_size=6))
def test_the_schema_pattern_takes_exactly_the_words_the_rule_reads(text: str) -> None:
    read = boolean_text(text)
    assert bool(re.search(BOOLEAN_PATTERN, text)) == isinstance(read, bool)
    if isinstance(read, bool):
        assert text.lower() in (("true", "ya", "benar") if read else ("false", "tidak", "salah"))
    assert boolean_text(text, csv=True) == (
        read if text.lower() not in ("yes", "no", "1", "0") else text.lower() in ("yes", "1")
    )


def test_a_decimal_comma_in_a_flow_mapping_is_told_to_be_quoted(run: Run, tmp_path: Path) -> None:
    text = _yaml(HEADER, PLAIN[0]).replace(
        "  budget:\n    ict_budget_share: 1.4\n    smart_city_budget_line: false\n",
        "  budget: {ict_budget_share: 1,4, smart_city_budget_line: false}\n",
    )
    assert "{ict_budget_share: 1,4," in text
    path = tmp_path / "flow.yaml"
    path.write_text(text)
    result = run("validate", path)
    assert result.exit_code == 1
    assert result.stdout == (
        f"{path}:12:32: error[unknown-key]: unknown key '4'; inside {{ }} a comma separates "
        'values: quote a decimal comma ("78,5") or write a point (78.5)\n'
    )
    path.write_text(text.replace("1,4,", '"1,4",'))
    assert run("validate", path).exit_code == 0
