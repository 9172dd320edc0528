"""A YAML 1.2 (core schema) loader for tests: a file as editors and JSON Schema
validators read it (010 is 10, 6:40 and yes are text), independent of the tool's own
reader. Built on PyYAML's pure-Python SafeLoader with the core schema's resolvers
(YAML 1.2.2, section 10.3.2)."""

from __future__ import annotations

import math
import re
from typing import Any, ClassVar

import yaml


class Yaml12Loader(yaml.SafeLoader):
    yaml_implicit_resolvers: ClassVar[dict[Any, Any]] = {}


def _int(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> int:
    text = str(loader.construct_scalar(node))
    if text.startswith(("0o", "0x")):
        return int(text[2:], 8 if text[1] == "o" else 16)
    return int(text, 10)


def _float(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> float:
    text = str(loader.construct_scalar(node)).lower()
    if text.endswith(".inf"):
        return -math.inf if text.startswith("-") else math.inf
    return math.nan if text == ".nan" else float(text)


_DIGITS = list("-+0123456789")
for _tag, _pattern, _first in (
    ("null", r"~|null|Null|NULL|", ["~", "n", "N", ""]),
    ("bool", r"true|True|TRUE|false|False|FALSE", list("tTfF")),
    ("int", r"[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+", _DIGITS),
    (
        "float",
        r"[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"
        r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN)",
        [*_DIGITS, "."],
    ),
):
    Yaml12Loader.add_implicit_resolver(
        f"tag:yaml.org,2002:{_tag}", re.compile(f"^(?:{_pattern})$"), _first
    )
Yaml12Loader.add_constructor("tag:yaml.org,2002:int", _int)
Yaml12Loader.add_constructor("tag:yaml.org,2002:float", _float)


def load_all_12(raw: bytes) -> list[Any]:
    """Every document of ``raw`` (bytes: a byte-order mark picks UTF-8 or UTF-16)."""
    return list(yaml.load_all(raw, Loader=Yaml12Loader))


def _mapping(loader: yaml.SafeLoader, node: yaml.MappingNode) -> dict[str, Any]:
    """A mapping as JSON has it (keys are text); a duplicate key is an error in YAML 1.2."""
    result: dict[str, Any] = {}
    for key_node, value_node in node.value:
        key = str(loader.construct_object(key_node, deep=True))
        if key in result:
            raise yaml.constructor.ConstructorError(None, None, f"duplicate key {key}")
        result[key] = loader.construct_object(value_node, deep=True)
    return result


Yaml12Loader.add_constructor("tag:yaml.org,2002:map", _mapping)
