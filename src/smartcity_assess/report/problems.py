"""How problems are printed: ``path:line:col: error[code]: message`` and friends."""

from __future__ import annotations

import json
import os
from collections.abc import Callable

from smartcity_assess.i18n import Lang
from smartcity_assess.problems import Problem


def text_line(p: Problem, lang: Lang) -> str:
    return f"{p.where}: {p.severity}[{p.code}]: {p.message(lang)}"


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
        message = p.message(lang)
        if p.cell:
            # A workbook has no lines for GitHub to mark: the cell leads the message.
            message = f"{p.cell}: {message}"
        elif p.line:
            props += [f"line={p.line}", f"col={p.column}"]
        props.append(f"title={_escape_property(p.code)}")
        lines.append(f"::{p.severity} {','.join(props)}::{_escape_data(message)}\n")
    return "".join(lines)


def as_json(problems: list[Problem], lang: Lang) -> str:
    data = {
        "schema_version": 1,
        "problems": [_problem_data(p, lang) for p in problems],
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def _problem_data(p: Problem, lang: Lang) -> dict[str, object]:
    data: dict[str, object] = {
        "code": p.code,
        "severity": p.severity,
        "path": p.path,
        "line": p.line or None,
        "column": p.column or None,
    }
    if p.cell:
        # In a workbook, line and column are the cell's row and column number.
        data["sheet"] = p.sheet
        data["cell"] = p.cell.rpartition("!")[2]
    return {**data, "loc": p.address or None, "message": p.message(lang)}


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
