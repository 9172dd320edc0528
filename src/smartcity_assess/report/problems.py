"""How problems are printed: ``path:line:col: error[code]: message`` and friends."""

from __future__ import annotations

import json
import os
from collections.abc import Callable

from smartcity_assess.i18n import Lang
from smartcity_assess.problems import Problem


def text_line(p: Problem, lang: Lang) -> str:
    where = f"{p.path}:{p.line}:{p.column}" if p.line else p.path
    return f"{where}: {p.severity}[{p.code}]: {p.message(lang)}"


def as_text(problems: list[Problem], lang: Lang) -> str:
    return "".join(text_line(p, lang) + "\n" for p in problems)


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def as_github(problems: list[Problem], lang: Lang) -> str:
    """GitHub Actions workflow commands, one annotation per problem."""
    lines = []
    for p in problems:
        props = [f"file={_escape_property(p.path)}"]
        if p.line:
            props += [f"line={p.line}", f"col={p.column}"]
        props.append(f"title={_escape_property(p.code)}")
        lines.append(f"::{p.severity} {','.join(props)}::{_escape_data(p.message(lang))}\n")
    return "".join(lines)


def as_json(problems: list[Problem], lang: Lang) -> str:
    data = {
        "schema_version": 1,
        "problems": [
            {
                "code": p.code,
                "severity": p.severity,
                "path": p.path,
                "line": p.line or None,
                "column": p.column or None,
                "loc": p.address or None,
                "message": p.message(lang),
            }
            for p in problems
        ],
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


PROBLEM_FORMATS: dict[str, Callable[[list[Problem], Lang], str]] = {
    "text": as_text,
    "json": as_json,
    "github": as_github,
}


def resolve_problem_format(name: str) -> str:
    """``auto`` is github inside GitHub Actions and text elsewhere (as yamllint does)."""
    if name == "auto":
        return "github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text"
    return name
