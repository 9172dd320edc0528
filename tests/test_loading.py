"""The safe reader: positions, hostile YAML, encodings, size limits."""

from __future__ import annotations

import datetime
import shutil
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from smartcity_assess.errors import ProblemsError
from smartcity_assess.reading.sources import SourceFile, discover, parse_yaml, read_source

from .yaml12 import load_all_12


def parse(text: str | bytes) -> tuple[list, list]:
    raw = text.encode() if isinstance(text, str) else text
    return parse_yaml(SourceFile("f.yaml", raw))


def codes(problems: list) -> list[str]:
    return [p.code for p in problems]


def test_positions_resolve_to_value_key_and_nearest_ancestor() -> None:
    docs, problems = parse("a:\n  b: 1\n  c:\n    - u\n    - v\n")
    assert problems == []
    doc = docs[0]
    assert doc.position(("a", "b")) == (2, 6)
    assert doc.position(("a", "b"), at_key=True) == (2, 3)
    assert doc.position(("a", "c", 1)) == (5, 7)
    assert doc.position(("a", "missing")) == (2, 3)  # the parent mapping
    assert doc.scalar_text(("a", "b")) == "1"


def test_duplicate_keys_are_reported_with_both_lines() -> None:
    _, problems = parse("a: 1\nb: 2\na: 3\n")
    assert codes(problems) == ["duplicate-key"]
    assert problems[0].line == 3
    assert "first defined at line 1" in problems[0].message()


@pytest.mark.parametrize(
    "text",
    [
        "a: !!python/object:os.system {}\n",
        "a: !!python/name:os.system\n",
        "a: !custom 1\n",
        "a: !!binary aGVsbG8=\n",
    ],
)
def test_tags_are_refused(text: str) -> None:
    docs, problems = parse(text)
    assert docs == []
    assert codes(problems) == ["forbidden-tag"]


def test_merge_keys_are_refused() -> None:
    _, problems = parse("base: &b {x: 1}\nother:\n  <<: *b\n")
    assert codes(problems) == ["forbidden-tag"]


def test_alias_bomb_stops_early() -> None:
    lines = ['a: &a ["x","x","x","x","x","x","x","x","x"]']
    for prev, name in zip("abcdefgh", "bcdefghi", strict=True):
        lines.append(f"{name}: &{name} [" + ",".join([f"*{prev}"] * 9) + "]")
    docs, problems = parse("\n".join(lines) + "\n")
    assert docs == []
    assert codes(problems) == ["too-complex"]


def test_deep_nesting_is_refused() -> None:
    _, problems = parse("a: " + "[" * 10_000 + "]" * 10_000 + "\n")
    assert codes(problems) in (["yaml-syntax"], ["too-complex"])
    _, problems = parse("a: " + "[" * 100 + "]" * 100 + "\n")
    assert codes(problems) == ["too-complex"]


def test_bom_and_crlf_are_accepted() -> None:
    docs, problems = parse(b"\xef\xbb\xbfa: 1\r\nb: x\r\n")
    assert problems == []
    assert docs[0].data == {"a": 1, "b": "x"}
    assert docs[0].position(("b",)) == (2, 4)


def test_non_utf8_is_reported_at_its_byte() -> None:
    with pytest.raises(ProblemsError) as info:
        parse(b"a: 1\nb: caf\xe9\n")
    (p,) = info.value.problems
    assert (p.code, p.line, p.column) == ("encoding", 2, 7)


@pytest.mark.parametrize("text", ["", "   \n", "# only a comment\n"])
def test_empty_file(text: str) -> None:
    docs, problems = parse(text)
    assert docs == [] and codes(problems) == ["empty"]


def test_empty_document_among_others_and_document_index() -> None:
    docs, problems = parse("a: 1\n---\n---\nb: 2\n")
    assert [d.index for d in docs] == [1, 3]
    assert codes(problems) == ["empty"]


def test_syntax_error_has_a_position() -> None:
    _, problems = parse("a: [1, 2\nb: 3\n")
    assert codes(problems) == ["yaml-syntax"]
    assert problems[0].line >= 1


def test_special_floats_are_read_for_validation_to_refuse() -> None:
    docs, _ = parse("a: .nan\nb: .inf\nc: 1.0e+400\n")
    a, b, c = docs[0].data.values()
    assert a != a and b == float("inf") and c == float("inf")


def test_size_limit(tmp_path: Path) -> None:
    path = tmp_path / "big.yaml"
    path.write_bytes(b"a: 1\n" * 100)
    with pytest.raises(ProblemsError) as info:
        read_source(path, max_bytes=50)
    assert codes(info.value.problems) == ["too-large"]


def test_missing_directory_and_loop(tmp_path: Path) -> None:
    (tmp_path / "loop").symlink_to(tmp_path / "loop")
    for target, code in [
        (tmp_path / "nope.yaml", "file"),
        (tmp_path, "file"),
        (tmp_path / "loop", "file"),
    ]:
        with pytest.raises(ProblemsError) as info:
            read_source(target)
        assert codes(info.value.problems) == [code]
        assert info.value.problems[0].path == str(target)


def test_discover_is_sorted_and_recursive(tmp_path: Path) -> None:
    for name in ["b/2.yaml", "a/1.yml", "c.csv", "notes.txt", "b/.hidden.yaml", ".git/x.yaml"]:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x: 1\n")
    found = [Path(display).relative_to(tmp_path).as_posix() for _, display in discover([tmp_path])]
    assert found == ["a/1.yml", "b/2.yaml", "c.csv"]


# --- issue 4: more hostile input, at the loader ------------------------------------------------


def test_keys_are_read_as_the_text_written() -> None:
    docs, problems = parse("no: 1\n1: 2\nnull: 3\n1.50: 4\n")
    assert problems == []
    assert docs[0].data == {"no": 1, "1": 2, "null": 3, "1.50": 4}
    assert docs[0].position(("1.50",), at_key=True) == (4, 1)
    _, problems = parse("1: a\n'1': b\n")  # the same key, written two ways
    assert codes(problems) == ["duplicate-key"]


@pytest.mark.parametrize(
    "text", ["a: !!int abc\n", "a: !!float x\n", "a: !!bool maybe\n", "a: !!int ''\n"]
)
def test_a_standard_tag_on_text_that_does_not_fit(text: str) -> None:
    docs, problems = parse(text)
    assert docs == []
    assert [(p.code, p.key, p.line, p.column) for p in problems] == [
        ("yaml-syntax", "bad-tagged-scalar", 1, 4)
    ]


@pytest.mark.parametrize("number", ["9" * 101, "1" + ":59" * 50, "0x" + "f" * 99, "1." + "0" * 99])
def test_number_literals_are_bounded(number: str) -> None:
    docs, problems = parse(f"a: {number}\n")
    assert docs == [] and codes(problems) == ["too-complex"]
    assert f"{len(number)} characters" in problems[0].message()
    docs, problems = parse("a: " + "9" * 100 + "\n")  # at the limit: read
    assert problems == [] and docs[0].data == {"a": int("9" * 100)}


def test_utf16_nul_and_control_characters() -> None:
    for raw, key, where in [
        ("a: 1\n".encode("utf-16"), "encoding-utf16", (1, 1)),
        ("a: 1\n".encode("utf-16-le"), "nul-byte", (1, 2)),
        (b"a: 1\nb: x\x1by\n", "control-character", (2, 5)),
    ]:
        with pytest.raises(ProblemsError) as info:
            parse(raw)
        (p,) = info.value.problems
        assert (p.code, p.key, (p.line, p.column)) == ("encoding", key, where)


def test_characters_yaml_refuses_are_placed_by_character_not_byte() -> None:
    _, problems = parse("a: ééé\nb: x\x7fy\n")  # libyaml counts bytes; é is two
    assert [(p.code, p.line, p.column) for p in problems] == [("encoding", 2, 5)]
    assert "U+007F" in problems[0].message()


def test_libyaml_depth_limit_and_tabs_get_our_messages() -> None:
    _, problems = parse("a: " + "[" * 2000 + "]" * 2000 + "\n")
    assert [(p.code, p.key) for p in problems] == [("too-complex", "too-deep")]
    _, problems = parse("a:\n\tb: 1\n")
    assert [(p.key, p.line, p.column) for p in problems] == [("yaml-tab", 2, 1)]


def test_a_named_pipe_nobody_writes_to_reads_as_empty(tmp_path: Path) -> None:
    import os

    if not hasattr(os, "mkfifo"):
        pytest.skip("no named pipes here")
    os.mkfifo(tmp_path / "pipe.yaml")
    assert read_source(tmp_path / "pipe.yaml").raw == b""  # and does not hang


def test_a_batch_reads_every_file_and_reports_a_region_submitted_twice(tmp_path: Path) -> None:
    from smartcity_assess.reading.criteria_file import load_criteria
    from smartcity_assess.reading.submissions import read_batch

    from .conftest import EXAMPLES

    pool = tmp_path / "pool"
    shutil.copytree(EXAMPLES / "pool-2018", pool)
    (pool / "zz-broken.yaml").write_text("schema_version: 1\nregion: {code: 32.10}\n")
    (pool / "zz-again.yaml").write_text((EXAMPLES / "indramayu-2018.yaml").read_text())
    (pool / "zz-twice.yaml").write_text((EXAMPLES / "indramayu-2018.yaml").read_text())
    criteria = load_criteria().model
    batch = read_batch(criteria, [pool])
    assert len(batch.inputs) == 163 and len(batch.submissions) == 161
    assert [(s.path, s.line) for s in batch.skipped] == [
        (str(pool / "zz-broken.yaml"), 1),
        (str(pool / "zz-twice.yaml"), 8),
    ]
    twice = [p for p in batch.problems if p.code == "duplicate-region"]
    assert [(p.path, p.line) for p in twice] == [(str(pool / "zz-twice.yaml"), 8)]
    assert batch.problems == sorted(batch.problems)


@pytest.mark.parametrize("tag", ["!!map", "!!seq"])
def test_a_scalar_tagged_as_a_collection_is_reported_not_read_as_null(tag: str) -> None:
    documents, problems = parse_yaml(SourceFile("f.yaml", f"region: {tag} x\n".encode()))
    assert documents == []
    assert [(p.code, p.key, p.line, p.column) for p in problems] == [
        ("yaml-syntax", "bad-tagged-scalar", 1, 9)
    ]


# --- plain scalars: read only when YAML 1.1 and YAML 1.2 read them alike ----------------------

ALIKE = {
    "10": 10, "-3": -3, "+4": 4, "0": 0, "0x1A": 26, "2.5": 2.5, ".5": 0.5, "1.": 1.0,
    "1.0e+3": 1000.0, "~": None, "null": None, "Null": None, "NULL": None, "": None,
    "true": True, "True": True, "FALSE": False, "2018-05-01": "2018-05-01", "abc": "abc",
}  # fmt: skip
AMBIGUOUS = {
    # written: (YAML 1.1 reads, YAML 1.2 reads, what to write)
    "010": ("8", "10", "10"),
    "-010": ("-8", "-10", "-10"),
    "09": ("text", "9", "9"),
    "0o12": ("text", "10", "10"),
    "0b101": ("5", "text", "5, or quote it if it is text: '0b101'"),
    "1_000": ("1000", "text", "1000, or quote it if it is text: '1_000'"),
    "6:40": ("400", "text", "400, or quote it if it is text: '6:40'"),
    "1e3": ("text", "1000.0", "1000.0"),
    "-.5": ("text", "-0.5", "-0.5"),
    "yes": ("true", "text", "true, or quote it if it is text: 'yes'"),
    "Off": ("false", "text", "false, or quote it if it is text: 'Off'"),
    "n": ("false", "text", "false, or quote it if it is text: 'n'"),
}


@pytest.mark.parametrize("text", sorted(ALIKE))
def test_scalars_both_yaml_versions_read_alike_are_read(text: str) -> None:
    docs, problems = parse(f"a: {text}\n")
    assert problems == [] and docs[0].refused == ()
    assert docs[0].data["a"] == ALIKE[text] and type(docs[0].data["a"]) is type(ALIKE[text])
    assert yaml.safe_load(f"a: {text}")["a"] in (ALIKE[text], datetime.date(2018, 5, 1))
    assert load_all_12(f"a: {text}".encode()) == [{"a": ALIKE[text]}]


@pytest.mark.parametrize("text", sorted(AMBIGUOUS))
def test_scalars_the_yaml_versions_read_differently_are_refused(text: str) -> None:
    docs, problems = parse(f"x: 1\na: {text}\n")
    assert problems == []  # the rest of the document is still read and validated
    (refused,) = docs[0].refused
    assert (refused.code, refused.line, refused.column) == ("ambiguous-value", 2, 4)
    yaml11, yaml12, fix = AMBIGUOUS[text]
    assert refused.message() == (
        f"{text} is {yaml11} in YAML 1.1 but {yaml12} in YAML 1.2 (as editors read it); write {fix}"
    )
    assert "YAML 1.2" in refused.message("id") and "tulis" in refused.message("id")
    assert docs[0].data["a"] == load_all_12(f"a: {text}".encode())[0]["a"]


def test_keys_stay_text_and_explicit_tags_meet_the_same_rule() -> None:
    docs, problems = parse("yes: 1\n010: 2\na: !!float 1\nb: !!int 0x1A\n")
    assert problems == [] and docs[0].data == {"yes": 1, "010": 2, "a": 1.0, "b": 26}
    for text in ("!!int 010", "!!bool yes", "!!float 1_0"):
        assert codes(parse(f"a: {text}\n")[1]) == ["yaml-syntax"], text


@settings(max_examples=300, deadline=None, derandomize=True)
@given(st.text(alphabet="0123456789.+-_:eExobaAfyYnNtrulsO~", max_size=8))
def test_any_scalar_read_is_read_the_same_by_yaml_1_1_and_yaml_1_2(text: str) -> None:
    try:
        yaml11 = yaml.safe_load(f"a: {text}\n")
        yaml12 = load_all_12(f"a: {text}\n".encode())[0]
    except yaml.YAMLError:
        return  # not a plain scalar at all ('-', ':x')
    docs, problems = parse(f"a: {text}\n")
    if problems or not docs or docs[0].refused:
        return
    value = docs[0].data["a"]
    assert value == yaml12["a"] or (value != value and yaml12["a"] != yaml12["a"])
    assert value == yaml11["a"] or (value != value and yaml11["a"] != yaml11["a"])
