"""The safe reader: positions, hostile YAML, encodings, size limits."""

from __future__ import annotations

from pathlib import Path

import pytest

from smartcity_assess.errors import ProblemsError
from smartcity_assess.loading import SourceFile, discover, parse_yaml, read_source


def parse(text: str | bytes) -> tuple[list, list]:
    raw = text.encode() if isinstance(text, str) else text
    return parse_yaml(SourceFile("f.yaml", raw))


def codes(problems: list) -> list[str]:
    return [p.code for p in problems]


def test_positions_resolve_to_value_key_and_nearest_ancestor() -> None:
    docs, problems = parse("a:\n  b: 1\n  c:\n    - x\n    - y\n")
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
    for name in ["b/2.yaml", "a/1.yml", "c.csv", "notes.txt", "b/.hidden.yaml"]:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x: 1\n")
    found = [Path(display).relative_to(tmp_path).as_posix() for _, display in discover([tmp_path])]
    assert found == ["a/1.yml", "b/2.yaml", "c.csv"]
