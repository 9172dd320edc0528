"""Reading bytes safely: size limits, encodings, YAML with source positions, CSV.

Nothing else in the package knows about YAML. The YAML is composed once by libyaml
(when available) into a node tree, which carries line/column marks; values are then
built from that tree by a small, strict constructor that refuses tags, duplicate keys,
merge keys, excessive nesting and alias expansion bombs. The node tree is kept with
each document so that a problem's ``loc`` can be resolved to ``line:column`` on demand,
and only when there is a problem.
"""

from __future__ import annotations

import contextlib
import csv
import errno
import hashlib
import io
import os
import re
import sys
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar, Protocol

import yaml

from smartcity_assess.errors import ProblemsError
from smartcity_assess.i18n import Msg
from smartcity_assess.problems import Finding, Loc, Problem, problem, shown

if TYPE_CHECKING:
    from _csv import Reader as _CsvReader

try:  # the C composer is an order of magnitude faster; fall back to pure Python
    _Base: type[yaml.SafeLoader] | type[yaml.CSafeLoader] = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - depends on how PyYAML was built
    _Base = yaml.SafeLoader

YAML_MAX_BYTES = 1024 * 1024
"""Default size limit of one YAML file. A real submission is a few kilobytes."""
CSV_MAX_BYTES = 100 * 1024 * 1024
"""Default size limit of one CSV file or Excel workbook (100,000 rows of a large criteria
fit easily)."""
MAX_DEPTH = 64
"""Deepest nesting accepted; real files need fewer than ten levels."""
MAX_NODES = 200_000
"""Most values one document may expand to, aliases included (guards 'billion laughs')."""
MAX_NUMBER_CHARS = 100
"""Longest number literal read. Python's int() is quadratic in the digits, and YAML 1.1
sexagesimal ``1:2:3`` literals multiply big integers; no real value needs more."""

WORKBOOK_SUFFIXES = (".xlsx",)
"""Excel workbooks, read (with the optional ``xlsx`` extra) as a CSV table is."""
SUBMISSION_SUFFIXES = (".yaml", ".yml", ".csv", *WORKBOOK_SUFFIXES)

_STR = "tag:yaml.org,2002:str"
_PLAIN_TAGS = {
    _STR,
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:timestamp",
    "tag:yaml.org,2002:map",
    "tag:yaml.org,2002:seq",
}
_AMBIGUOUS = "tag:smartcity-assess:ambiguous"
"""The tag of a plain scalar that YAML 1.1 and YAML 1.2 read as different values."""
_SCALARS = yaml.constructor.SafeConstructor()

# --- plain scalars: what YAML 1.1 and YAML 1.2 (core schema) read alike ---------------------
#
# PyYAML resolves plain scalars by YAML 1.1 (010 is octal 8, 6:40 is 400, yes is true);
# editors and JSON Schema validators resolve them by the YAML 1.2 core schema (010 is 10,
# 6:40 and yes are text). A scalar is read only when both read it as the same value: the
# forms below. Any other scalar that either version reads as a number or a boolean is
# refused (``ambiguous-value``), saying how to write it; everything else is text.
_NULL = re.compile(r"~|null|Null|NULL|")
_BOOL = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
_INT = re.compile(r"[-+]?(?:0+|[1-9][0-9]*)|0x[0-9a-fA-F]+")
_FLOAT = re.compile(
    r"[-+]?[0-9]+\.[0-9]*(?:[eE][-+][0-9]+)?|\.[0-9]+(?:[eE][-+][0-9]+)?"
    r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN)"
)
_WORDS_11 = {
    **dict.fromkeys(("y", "Y", "yes", "Yes", "YES", "on", "On", "ON"), True),
    **dict.fromkeys(("n", "N", "no", "No", "NO", "off", "Off", "OFF"), False),
}
"""YAML 1.1's other booleans (PyYAML leaves out y and n; the 1.1 specification has them)."""
_INT_12 = re.compile(r"[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+")
_FLOAT_12 = re.compile(r"[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?")
_NUMBER_11 = re.compile(
    r"[-+]?0b[0-1_]+|[-+]?0[0-7_]+|[-+]?(?:0|[1-9][0-9_]*)|[-+]?0x[0-9a-fA-F_]+"
    r"|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?"
    r"|[-+]?[0-9][0-9_]*\.[0-9_]*(?:[eE][-+][0-9]+)?|\.[0-9][0-9_]*(?:[eE][-+][0-9]+)?"
)
"""YAML 1.1's numbers as PyYAML resolves them (its int and float patterns)."""
_NUMBER_START = "-+0123456789."


def _anchored(*patterns: re.Pattern[str]) -> re.Pattern[str]:
    return re.compile("^(?:" + "|".join(f"(?:{p.pattern})" for p in patterns) + ")$")


class _Loader(_Base):  # type: ignore[valid-type,misc]  # one of PyYAML's two loaders
    """libyaml's parser and composer, with plain scalars resolved as described above."""

    yaml_implicit_resolvers: ClassVar[dict[Any, Any]] = {}


for _tag, _pattern, _first in (
    ("tag:yaml.org,2002:null", _anchored(_NULL), ["~", "n", "N", ""]),
    ("tag:yaml.org,2002:bool", re.compile("^(?:" + "|".join(_BOOL) + ")$"), list("tTfF")),
    ("tag:yaml.org,2002:int", _anchored(_INT), list(_NUMBER_START[:-1])),
    ("tag:yaml.org,2002:float", _anchored(_FLOAT), list(_NUMBER_START)),
    (_AMBIGUOUS, _anchored(_INT_12, _FLOAT_12, _NUMBER_11), list(_NUMBER_START)),
    (_AMBIGUOUS, re.compile("^(?:" + "|".join(_WORDS_11) + ")$"), list("yYnNoO")),
    ("tag:yaml.org,2002:merge", re.compile(r"^(?:<<)$"), ["<"]),  # refused, never merged
):
    _Loader.add_implicit_resolver(_tag, _pattern, _first)


def _int(node: yaml.ScalarNode) -> int:
    text = str(node.value)
    if not _INT.fullmatch(text):
        raise ValueError(text)  # ``!!int 010``: as ambiguous as the plain scalar
    return int(text, 16 if "x" in text else 10)


def _float(node: yaml.ScalarNode) -> float:
    if _FLOAT.fullmatch(node.value):
        return float(_SCALARS.construct_yaml_float(node))
    return float(_int(node))  # ``!!float 1``


def _ambiguity(text: str) -> tuple[Any, dict[str, Any]]:
    """An ambiguous scalar as YAML 1.2 reads it, and the problem's parameters: how YAML
    1.1 and 1.2 read it, and what to write instead (YAML 1.2's number, else YAML 1.1's
    value or the text quoted)."""
    read_11: bool | int | float | None = _WORDS_11.get(text)
    if read_11 is None and _NUMBER_11.fullmatch(text):
        read_11 = yaml.safe_load(text)  # PyYAML is YAML 1.1; the text is short (checked)
    read_12: int | float | None = None
    if _INT_12.fullmatch(text):
        read_12 = int(text[2:], 8) if text.startswith("0o") else int(text, 0 if "x" in text else 10)
    elif _FLOAT_12.fullmatch(text):
        read_12 = float(text)

    def said(value: bool | int | float | None) -> Msg | str:
        if value is None:
            return Msg.of("read-as-text")
        return str(value).lower() if isinstance(value, bool) else repr(value)

    fix: Msg | str = said(read_12)
    if read_12 is None:
        fix = Msg.of("write-or-quote", value=said(read_11), text=text)
    said_12 = {"yaml11": said(read_11), "yaml12": said(read_12), "fix": fix}
    return (text if read_12 is None else read_12), {"value": text, **said_12}


@dataclass(frozen=True)
class SourceFile:
    """The raw bytes of one input, with the name a user recognises."""

    display: str
    raw: bytes

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.raw).hexdigest()

    @property
    def suffix(self) -> str:
        return Path(self.display).suffix.lower()


class Document(Protocol):
    """What validation needs of a parsed document, whatever format it came from."""

    path: str
    index: int
    data: Any
    refused: tuple[Problem, ...]
    """Problems found while reading the document that did not stop it being read (a
    scalar YAML 1.1 and 1.2 read differently): the document is invalid, and a problem
    the model finds at the same place is theirs, not another one."""

    def position(self, loc: Loc, *, at_key: bool = False) -> tuple[int, int]: ...

    def scalar_text(self, loc: Loc) -> str | None: ...

    def release(self) -> None: ...


def placed(document: Document, findings: Iterable[Finding]) -> list[Problem]:
    """Each finding as a problem at its place in ``document``."""
    return [found.at(document.path, *document.position(found.loc)) for found in findings]


@dataclass
class YamlDocument:
    """One YAML document: its plain data, and the node tree that knows positions."""

    path: str
    index: int
    data: Any
    node: yaml.Node | None = field(repr=False)
    refused: tuple[Problem, ...] = ()

    def position(self, loc: Loc, *, at_key: bool = False) -> tuple[int, int]:
        """1-based ``(line, column)`` of ``loc``, or of its nearest existing ancestor."""
        if self.node is None:
            return (1, 1)
        target = _locate(self.node, loc, at_key=at_key)
        return (target.start_mark.line + 1, target.start_mark.column + 1)

    def scalar_text(self, loc: Loc) -> str | None:
        """The source text of the scalar at ``loc`` exactly as written (``32.10``)."""
        if self.node is None:
            return None
        target = _locate(self.node, loc, at_key=False)
        if isinstance(target, yaml.ScalarNode) and _path_exists(self.node, loc):
            return str(target.value)
        return None

    def release(self) -> None:
        """Drop the node tree once positions are no longer needed (saves memory)."""
        self.node = None


# --- bytes -----------------------------------------------------------------------------


def read_source(
    path: Path, *, max_bytes: int | None = None, display: str | None = None
) -> SourceFile:
    """Read ``path`` (``-`` is standard input) within a size limit.

    Raises ``ProblemsError`` with one problem naming the file on any failure.
    """
    name = display if display is not None else str(path)
    limit = max_bytes if max_bytes is not None else _default_limit(name)
    if str(path) == "-":
        data = sys.stdin.buffer.read(limit + 1)
        _check_size(name, len(data), limit)
        return SourceFile(name, data)
    try:
        st = path.stat()
        if path.is_dir():
            raise _fail(name, "file", "file-is-dir")
        _check_size(name, st.st_size, limit)
        with _open_for_reading(path) as handle:
            # Read at most limit + 1 bytes, whatever stat said: special files lie.
            data = handle.read(limit + 1)
    except FileNotFoundError:
        raise _fail(name, "file", "file-missing") from None
    except IsADirectoryError:
        raise _fail(name, "file", "file-is-dir") from None
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise _fail(name, "file", "file-loop") from None
        raise _fail(name, "file", "file-unreadable", reason=exc.strerror or str(exc)) from None
    _check_size(name, len(data), limit)
    return SourceFile(name, data)


def _open_for_reading(path: Path) -> io.BufferedReader:
    """Open ``path`` for reading without ever blocking on the open itself.

    Opening a named pipe waits until something writes to it, possibly forever; opened
    non-blocking, a pipe nobody writes to reads as empty (and is reported as such),
    while a pipe with a writer (``<(...)`` in a shell) still works.
    """
    nonblocking = getattr(os, "O_NONBLOCK", 0)
    fd = os.open(path, os.O_RDONLY | nonblocking)
    try:
        if nonblocking:
            os.set_blocking(fd, True)
        return open(fd, "rb")  # the caller closes it
    except BaseException:
        os.close(fd)
        raise


def _default_limit(name: str) -> int:
    return CSV_MAX_BYTES if name.lower().endswith((".csv", *WORKBOOK_SUFFIXES)) else YAML_MAX_BYTES


def _check_size(name: str, size: int, limit: int) -> None:
    if size > limit:
        raise _fail(name, "too-large", size=size, limit=limit)


def _fail(name: str, code: str, key: str | None = None, **params: Any) -> ProblemsError:
    return ProblemsError([problem(name, code, key, **params)])


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
"""C0 control characters other than tab, LF and CR: never part of a text file."""
_CONTROL_BYTES = bytes([*range(0x09), 0x0B, 0x0C, *range(0x0E, 0x20)])


def decode_text(source: SourceFile) -> str:
    """UTF-8 text of ``source``; a UTF-8 BOM is accepted, anything else non-UTF-8 is not,
    and neither are control characters (a NUL byte usually means UTF-16)."""
    raw = source.raw
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    elif raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise ProblemsError(
            [problem(source.display, "encoding", "encoding-utf16", line=1, column=1)]
        )
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = raw[: exc.start]
        line = before.count(b"\n") + 1
        column = exc.start - (before.rfind(b"\n") + 1) + 1
        raise ProblemsError(
            [problem(source.display, "encoding", line=line, column=column, byte=raw[exc.start])]
        ) from None
    # One C pass over the bytes (a control character is one byte in UTF-8, never part of
    # a longer sequence); the regular expression then finds where it is.
    control = _CONTROL.search(text) if len(raw.translate(None, _CONTROL_BYTES)) < len(raw) else None
    if control is not None:
        line, column = text_position(text, control.start())
        char = ord(control.group())
        key = "nul-byte" if char == 0 else "control-character"
        raise ProblemsError(
            [problem(source.display, "encoding", key, line=line, column=column, char=char)]
        )
    # CRLF and lone CR are normalised so positions and CSV cells never carry '\r'.
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text


def text_position(text: str, offset: int) -> tuple[int, int]:
    """1-based ``(line, column)`` of the character at ``offset`` in ``text``."""
    line_start = text.rfind("\n", 0, offset) + 1
    return text.count("\n", 0, offset) + 1, offset - line_start + 1


# --- YAML ------------------------------------------------------------------------------


def parse_yaml(source: SourceFile) -> tuple[list[YamlDocument], list[Problem]]:
    """All documents of a YAML file, and every problem found while reading them.

    A document with a structural problem (duplicate key, tag, too deep) is reported and
    left out of the returned documents: validating a half-read document would only add
    confusing follow-on errors.
    """
    text = decode_text(source)
    name = source.display
    if not text.strip():
        return [], [problem(name, "empty", line=1, column=1)]
    loader = _Loader(text)
    documents: list[YamlDocument] = []
    problems: list[Problem] = []
    try:
        index = 0
        while loader.check_node():
            node = loader.get_node()
            index += 1
            if node is None or _is_null(node):
                problems.append(
                    problem(
                        name, "empty", "empty-document", line=_line(node), column=1, index=index
                    )
                )
                continue
            builder = _Builder(name)
            with contextlib.suppress(_Abort):
                data = builder.build(node, 0)
            refused = [
                problem(
                    name,
                    "ambiguous-value",
                    line=_line(scalar),
                    column=scalar.start_mark.column + 1,
                    loc=_loc_of(node, scalar),
                    **params,
                )
                for scalar, params in builder.ambiguous
            ]
            if builder.problems:
                problems.extend(sorted([*builder.problems, *refused]))
                continue
            documents.append(YamlDocument(name, index, data, node, tuple(refused)))
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        detail = exc.problem or exc.context or "malformed YAML"
        if "maximum nesting depth" in detail:  # libyaml's own guard, at 1000 levels
            problems.append(
                problem(name, "too-complex", "too-deep", line=line, column=column, limit=MAX_DEPTH)
            )
        elif _char_at(text, line, column) == "\t":  # libyaml: 'cannot start any token'
            problems.append(problem(name, "yaml-syntax", "yaml-tab", line=line, column=column))
        else:
            problems.append(problem(name, "yaml-syntax", line=line, column=column, detail=detail))
    except yaml.reader.ReaderError as exc:  # characters YAML does not allow (DEL, C1, ...)
        # libyaml gives a byte offset, the Python reader a character offset; the reader
        # stops at the first such character, so look for that instead.
        offset = text.find(chr(exc.character)) if isinstance(exc.character, int) else -1
        line, column = text_position(text, offset) if offset >= 0 else (1, 1)
        char = exc.character if isinstance(exc.character, int) else 0
        problems.append(
            problem(name, "encoding", "yaml-character", line=line, column=column, char=char)
        )
    except yaml.YAMLError as exc:  # pragma: no cover - every YAMLError above carries a place
        problems.append(problem(name, "yaml-syntax", line=1, column=1, detail=str(exc)))
    except RecursionError:  # pragma: no cover - only the pure-Python composer recurses
        problems.append(problem(name, "too-complex", "too-deep", line=1, column=1, limit=MAX_DEPTH))
    finally:
        loader.dispose()
    if not documents and not problems:  # only comments or directives
        problems.append(problem(name, "empty", "no-documents", line=1, column=1))
    return documents, problems


def parse_yaml_whole(source: SourceFile) -> tuple[list[YamlDocument], list[Problem]]:
    """``parse_yaml`` for a file that is read whole or not at all (criteria, a programme,
    overrides): every problem, each document's refused scalars among them, sorted."""
    documents, problems = parse_yaml(source)
    return documents, sorted([*problems, *(p for d in documents for p in d.refused)])


def _char_at(text: str, line: int, column: int) -> str:
    """The character at a 1-based position, or '' (only used on the error path)."""
    lines = text.split("\n")
    if 1 <= line <= len(lines) and 1 <= column <= len(lines[line - 1]):
        return lines[line - 1][column - 1]
    return ""


def _is_null(node: yaml.Node) -> bool:
    return isinstance(node, yaml.ScalarNode) and node.tag.endswith(":null")


def _line(node: yaml.Node | None) -> int:
    return node.start_mark.line + 1 if node is not None else 1


class _Abort(Exception):
    """Stop building a document: it is too deep or too large to continue safely."""


class _Builder:
    """Builds plain Python values from a node tree, refusing anything unusual."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.problems: list[Problem] = []
        self.ambiguous: list[tuple[yaml.Node, dict[str, Any]]] = []
        """Ambiguous scalars, each built as YAML 1.2 reads it: the rest is still read."""
        self.count = 0

    def _report(self, node: yaml.Node, code: str, key: str | None = None, /, **params: Any) -> None:
        mark = node.start_mark
        self.problems.append(
            problem(self.path, code, key, line=mark.line + 1, column=mark.column + 1, **params)
        )

    def build(self, node: yaml.Node, depth: int) -> Any:
        self.count += 1
        if self.count > MAX_NODES:
            self._report(node, "too-complex", "too-many-nodes", limit=MAX_NODES)
            raise _Abort
        if depth > MAX_DEPTH:
            self._report(node, "too-complex", "too-deep", limit=MAX_DEPTH)
            raise _Abort
        tag = node.tag
        if type(node) is yaml.ScalarNode and tag == _STR:
            return node.value  # most values: text as written
        if tag == _AMBIGUOUS:
            if len(node.value) > MAX_NUMBER_CHARS:
                self._number_too_long(node)
                return None
            value, params = _ambiguity(node.value)
            self.ambiguous.append((node, params))
            return value
        if tag not in _PLAIN_TAGS:
            if tag == "tag:yaml.org,2002:merge":
                self._report(node, "forbidden-tag", "merge-key")
            else:
                self._report(node, "forbidden-tag", tag=tag.replace("tag:yaml.org,2002:", "!!"))
            return None
        if isinstance(node, yaml.ScalarNode):
            return self._scalar(node)
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, depth + 1) for item in node.value]
        return self._mapping(node, depth)

    def _number_too_long(self, node: yaml.Node) -> None:
        length = len(node.value)
        self._report(node, "too-complex", "number-too-long", length=length, limit=MAX_NUMBER_CHARS)

    def _scalar(self, node: yaml.ScalarNode) -> Any:
        tag = node.tag
        if tag.endswith((":int", ":float")) and len(node.value) > MAX_NUMBER_CHARS:
            self._number_too_long(node)
            return None
        try:
            return _scalar(node)
        except (ValueError, KeyError, IndexError, OverflowError):
            # Only an explicit tag gets here (``!!int abc``): resolved scalars always fit.
            self._report(
                node,
                "yaml-syntax",
                "bad-tagged-scalar",
                value=shown(node.value),
                tag=tag.replace("tag:yaml.org,2002:", "!!"),
            )
            return None

    def _mapping(self, node: yaml.Node, depth: int) -> dict[Any, Any]:
        result: dict[Any, Any] = {}
        first_line: dict[Any, int] = {}
        for key_node, value_node in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                self._report(key_node, "forbidden-tag", "merge-key")
                continue
            if not isinstance(key_node, yaml.ScalarNode):
                kind = "a list" if isinstance(key_node, yaml.SequenceNode) else "a mapping"
                self._report(key_node, "bad-key", kind=kind)
                continue
            if key_node.tag not in _PLAIN_TAGS and key_node.tag != _AMBIGUOUS:
                self.build(key_node, depth + 1)  # reports the tag
                continue
            # Keys are ids, so they are read as the text written: ``no:`` is the key
            # 'no' (not False), ``1:`` is '1', and ``1:`` and ``'1':`` are the same key.
            key = str(key_node.value)
            self.count += 1
            if key in first_line:
                self._report(key_node, "duplicate-key", key=shown(key), first_line=first_line[key])
                continue
            first_line[key] = key_node.start_mark.line + 1
            result[key] = self.build(value_node, depth + 1)
        return result


def _scalar(node: yaml.ScalarNode) -> Any:
    return _CONSTRUCT[node.tag](node)


_CONSTRUCT: dict[str, Callable[[yaml.ScalarNode], Any]] = {
    # Dates stay text: submissions and criteria never need date objects.
    _STR: lambda node: str(node.value),
    "tag:yaml.org,2002:timestamp": lambda node: str(node.value),
    "tag:yaml.org,2002:int": _int,
    "tag:yaml.org,2002:float": _float,
    "tag:yaml.org,2002:bool": lambda node: _BOOL[node.value],
    "tag:yaml.org,2002:null": lambda node: None,
}
"""How a scalar of each plain tag becomes a value."""


def _children(node: yaml.Node, part: str | int, *, at_key: bool) -> yaml.Node | None:
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            if isinstance(key_node, yaml.ScalarNode) and key_node.value == str(part):
                return key_node if at_key else value_node
        return None
    if (
        isinstance(node, yaml.SequenceNode)
        and isinstance(part, int)
        and 0 <= part < len(node.value)
    ):
        return node.value[part]  # type: ignore[no-any-return]
    return None


def _locate(root: yaml.Node, loc: Loc, *, at_key: bool) -> yaml.Node:
    """The node at ``loc``, or the nearest ancestor that exists.

    Parts that name no key (pydantic's union tags such as ``'number'``) are skipped
    when the part after them does exist at the same level.
    """
    node = root
    parts = list(loc)
    i = 0
    while i < len(parts):
        last = i == len(parts) - 1
        child = _children(node, parts[i], at_key=at_key and last)
        if child is None:
            if not last and _children(node, parts[i + 1], at_key=False) is not None:
                i += 1
                continue
            return node
        node = child
        i += 1
    return node


def _loc_of(root: yaml.Node, target: yaml.Node) -> Loc:
    """Where ``target`` is in the tree under ``root`` (only on the error path)."""
    if root is target:
        return ()
    children: list[tuple[str | int, yaml.Node]] = []
    if isinstance(root, yaml.MappingNode):
        children = [(str(key.value), value) for key, value in root.value]
    elif isinstance(root, yaml.SequenceNode):
        children = list(enumerate(root.value))
    for part, child in children:
        found = _loc_of(child, target)
        if found or child is target:
            return (part, *found)
    return ()


def _path_exists(root: yaml.Node, loc: Loc) -> bool:
    node: yaml.Node | None = root
    for part in loc:
        node = _children(node, part, at_key=False) if node is not None else None
    return node is not None


def yaml_scalar(text: str) -> str:
    """``text`` written as a YAML scalar: plain if it reads back as the same string, else
    double-quoted (an id like ``no`` or ``2020`` would otherwise read as a boolean or a
    number)."""
    try:
        plain = yaml.load(text, Loader=_Loader)
    except yaml.YAMLError:
        plain = None
    return text if plain == text else '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


# --- CSV ---------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class CsvRow:
    """One data row: the line it starts on (1-based) and its cells, stripped."""

    line: int
    cells: tuple[str, ...]


@dataclass(frozen=True)
class CsvTable:
    """A CSV file read as a header and rows; blank rows are left out."""

    path: str
    header: tuple[str, ...]
    header_line: int
    rows: tuple[CsvRow, ...]


@dataclass(frozen=True)
class CsvStream:
    """A CSV file's header, read at once, and its rows, read as ``rows`` is iterated (once):
    a reader that keeps what it needs of each row need not hold every cell of a large
    file at the same time."""

    path: str
    header: tuple[str, ...]
    header_line: int
    rows: Iterator[CsvRow]


@dataclass
class CsvDocument:
    """One CSV row seen as a document.

    ``data`` has the shape of a YAML submission; ``columns`` maps each ``loc`` that a
    column fills to its 1-based column number, so a problem at ``loc`` points at the
    cell that caused it, on the row's line.
    """

    path: str
    index: int
    data: Any
    line: int
    columns: Mapping[Loc, int] = field(repr=False)
    header: tuple[str, ...] = field(repr=False)
    cells: Mapping[Loc, str] = field(repr=False)
    refused: tuple[Problem, ...] = ()

    def column_of(self, loc: Loc) -> int | None:
        """The column of ``loc`` or of its nearest ancestor; for a ``loc`` that no column
        fills (``region``), the first column inside it; None when nothing matches."""
        for size in range(len(loc), -1, -1):
            prefix = loc[:size]
            exact = self.columns.get(prefix)
            if exact is not None:
                return exact
            inside = [column for at, column in self.columns.items() if at[:size] == prefix]
            if inside:
                return min(inside)
        return None

    def column_name(self, loc: Loc) -> str | None:
        """The header of the column holding ``loc`` itself (or an ancestor of it)."""
        for size in range(len(loc), 0, -1):
            column = self.columns.get(loc[:size])
            if column is not None:
                return self.header[column - 1]
        return None

    def position(self, loc: Loc, *, at_key: bool = False) -> tuple[int, int]:
        return (self.line, self.column_of(loc) or 1)

    def scalar_text(self, loc: Loc) -> str | None:
        return self.cells.get(loc)

    def release(self) -> None:
        """Nothing to drop: a row is small."""


def parse_csv(source: SourceFile) -> tuple[CsvTable | None, list[Problem]]:
    """The header and rows of a CSV file, and every structural problem found.

    A row with more or fewer cells than the header is reported and left out. The table
    is None only when there is no header to read.
    """
    stream, problems = stream_csv(source)
    if stream is None:
        return None, problems
    rows = tuple(stream.rows)  # the rows' problems are added to ``problems`` as they are read
    return CsvTable(stream.path, stream.header, stream.header_line, rows), problems


def stream_csv(source: SourceFile) -> tuple[CsvStream | None, list[Problem]]:
    """``parse_csv`` a row at a time: the header is read now, each row as ``rows`` is
    iterated. The structural problems of the rows are added to the list returned as their
    rows are reached, so it is complete once ``rows`` is exhausted."""
    text = decode_text(source)
    name = source.display
    if not text.strip():
        return None, [problem(name, "empty", line=1, column=1)]
    delimiter, line = csv_delimiter(text)
    if delimiter is None:
        return None, [problem(name, "csv-syntax", "csv-delimiter", line=line, column=1)]
    # The text's lines as the reader asks for them, rather than a StringIO: that would
    # copy the whole text at four bytes a character for as long as the rows are read.
    reader = csv.reader(_lines(text), strict=True, delimiter=delimiter)
    problems: list[Problem] = []
    rows = _csv_rows(name, reader, problems)
    for row in rows:
        header = row.cells
        problems.extend(_header_problems(name, header, row.line))
        return CsvStream(
            name, header, row.line, _csv_rows(name, reader, problems, header)
        ), problems
    return None, problems or [problem(name, "empty", line=1, column=1)]


def _lines(text: str) -> Iterator[str]:
    """``text`` a line at a time, each with its line break (decoded text breaks lines
    with LF alone, so this is what ``io.StringIO(text, newline="")`` would give)."""
    start, end = 0, len(text)
    while start < end:
        stop = text.find("\n", start) + 1 or end
        yield text[start:stop]
        start = stop


def _csv_rows(
    name: str,
    reader: _CsvReader,
    problems: list[Problem],
    header: tuple[str, ...] | None = None,
) -> Iterator[CsvRow]:
    """The non-blank rows of ``reader``, stripped, until a syntax error (reported, and the
    end of the rows). With a ``header``, a row of another width is reported and left out."""
    while True:
        line = reader.line_num + 1
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            at = reader.line_num
            problems.append(problem(name, "csv-syntax", line=at, column=1, detail=str(exc)))
            return
        stripped = tuple(map(str.strip, cells))
        if not any(stripped):
            continue
        if header is not None and len(stripped) != len(header):
            problems.append(
                problem(
                    name,
                    "csv-syntax",
                    "csv-row-width",
                    line=line,
                    column=1,
                    cells=len(stripped),
                    columns=len(header),
                )
            )
        else:
            yield CsvRow(line, stripped)


_CSV_LINE = re.compile(r'(?:"[^"]*(?:"|$)|[^"\n])*')
"""One line of a CSV file, a line break inside double quotes included."""
_CSV_QUOTED = re.compile(r'"[^"]*(?:"|$)')


def csv_delimiter(text: str) -> tuple[str | None, int]:
    """The column separator of a CSV file, told by its header, and the header's line.

    The header is the first line with a character other than white space, ',', ';' and
    '"' (the rows before it, of empty cells, are blank rows the reader skips too). The
    separator is ';' when the header has a ';' and no ',' outside double quotes, else ','
    (a header of one column has neither). It is None when the header has both: the file
    is refused rather than split by a guess. Spreadsheets set to Indonesian write ';',
    since the comma is their decimal separator.
    """
    position, line = 0, 1
    while position < len(text):
        found = _CSV_LINE.match(text, position)
        assert found is not None  # the pattern matches the empty string
        header = found.group()
        if header.strip(' \t\n,;"'):
            bare = _CSV_QUOTED.sub("", header)
            if "," in bare and ";" in bare:
                return None, line
            return (";" if ";" in bare else ","), line
        line += header.count("\n") + 1
        position = found.end() + 1
    return ",", line


def _header_problems(name: str, header: tuple[str, ...], line: int) -> Iterator[Problem]:
    first: dict[str, int] = {}
    for column, cell in enumerate(header, start=1):
        if not cell:
            yield problem(name, "csv-syntax", "csv-empty-column", line=line, column=column)
        elif cell in first:
            yield problem(
                name,
                "duplicate-key",
                "duplicate-column",
                line=line,
                column=column,
                key=cell,
                other=first[cell],
            )
        else:
            first[cell] = column


# --- discovering inputs ---------------------------------------------------------------------


def discover(paths: Iterable[Path]) -> Iterator[tuple[Path, str]]:
    """Every input file under ``paths`` as ``(path, display name)``, in a stable order.

    Folders are searched recursively for ``*.yaml``, ``*.yml``, ``*.csv`` and ``*.xlsx``,
    hidden files and folders (``.name``) left out; files named explicitly are taken
    whatever their suffix. Symbolic-link loops are not followed.
    """
    for path in paths:
        if str(path) != "-" and path.is_dir():
            found, _ = _walk(path)
            for item in found:
                yield item, item.as_posix()
        else:
            yield path, str(path)


def passed_over(paths: Iterable[Path]) -> Iterator[Path]:
    """The files in the folders among ``paths`` that ``discover`` does not read, hidden
    ones apart: a spreadsheet or a note dropped into a folder of submissions."""
    for path in paths:
        if str(path) != "-" and path.is_dir():
            yield from _walk(path)[1]


def _walk(folder: Path) -> tuple[list[Path], list[Path]]:
    """The submission files under ``folder`` and the other files, each sorted."""
    found: list[Path] = []
    others: list[Path] = []
    for root, dirs, files in os.walk(folder, followlinks=False):
        dirs[:] = sorted(name for name in dirs if not name.startswith("."))
        for name in files:
            if not name.startswith("."):
                read = name.lower().endswith(SUBMISSION_SUFFIXES)
                (found if read else others).append(Path(root, name))
    return sorted(found, key=Path.as_posix), sorted(others, key=Path.as_posix)
