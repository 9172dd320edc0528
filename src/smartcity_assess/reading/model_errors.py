"""Turning pydantic errors into problems that point at ``file:line:col``.

Each error's ``loc`` is resolved against the document's node tree to the nearest
existing ancestor; a missing key points at its parent mapping, an unknown key at the
key itself.
"""

from __future__ import annotations

import difflib
import math
from collections.abc import Callable
from typing import Any

from pydantic import ValidationError
from pydantic_core import ErrorDetails

from smartcity_assess.i18n import Msg
from smartcity_assess.problems import Loc, Problem, problem, shown
from smartcity_assess.reading.sources import Document

Suggest = Callable[[Loc], list[str]]

_TYPE_NAMES = {
    "string_type": "type-text",
    "int_type": "type-integer",
    "int_from_float": "type-integer",
    "int_parsing": "type-integer",
    "float_type": "type-number",
    "float_parsing": "type-number",
    "bool_type": "type-boolean",
    "bool_parsing": "type-boolean",
    "dict_type": "type-mapping",
    "model_type": "type-mapping",
    "model_attributes_type": "type-mapping",
    "list_type": "type-list",
    "none_required": "type-null",
}
_BOUNDS = {
    "greater_than": ">",
    "greater_than_equal": ">=",
    "less_than": "<",
    "less_than_equal": "<=",
}


def describe(value: Any) -> Msg:
    """'the number 32.1', 'the text 'abc'' - what the user actually wrote, as read."""
    if value is None:
        return Msg.of("got-null")
    if isinstance(value, bool):
        return Msg.of("got-bool", value=str(value).lower())
    if isinstance(value, int | float):
        return Msg.of("got-number", value=_number(value))
    if isinstance(value, str):
        return Msg.of("got-text", value=shown(value))
    if isinstance(value, list):
        return Msg.of("got-list")
    return Msg.of("got-mapping")


def _number(value: float) -> str:
    if isinstance(value, float) and not math.isfinite(value):
        return {math.inf: ".inf", -math.inf: "-.inf"}.get(value, ".nan")
    return repr(value)


def suggestion(word: str, candidates: list[str]) -> Msg | str:
    """'; did you mean 'x'?' for the closest candidate, or nothing."""
    close = difflib.get_close_matches(word, candidates, n=1, cutoff=0.6)
    return Msg.of("did-you-mean", suggestion=close[0]) if close else ""


def problems_from_validation_error(
    error: ValidationError, document: Document, *, suggest: Suggest
) -> list[Problem]:
    return [problem_from_error(details, document, suggest=suggest) for details in error.errors()]


def problem_from_error(details: ErrorDetails, document: Document, *, suggest: Suggest) -> Problem:
    """One pydantic error as a positioned problem with a message a person can act on."""
    loc: Loc = tuple(details["loc"])
    kind = details["type"]
    value = details.get("input")
    ctx = details.get("ctx") or {}
    code, key = "invalid", "invalid"
    params: dict[str, Any] = {"detail": details["msg"]}
    at_key = False
    if kind == "extra_forbidden":
        name = str(loc[-1])
        code, key = "unknown-key", "unknown-key"
        params = {"key": shown(name), "hint": suggestion(name, suggest(loc[:-1]))}
        at_key = True
    elif kind == "interview_value":
        code, key, params = "interview-value", "interview-value", {"got": describe(value)}
    elif kind == "missing":
        code, key, params = "missing-value", "missing-value", {"key": str(loc[-1])}
    elif kind == "finite_number":
        code, key, params = "not-finite", "not-finite", {"got": describe(value)}
        raw = document.scalar_text(loc)
        if raw is not None and not any(word in raw.lower() for word in ("inf", "nan")):
            # '1.0e+400' is read as .inf: say what was written, then what it became.
            key, params = "not-finite-raw", {"raw": shown(raw), "value": _number(value)}
    elif loc == ("schema_version",) and kind in ("literal_error", "enum"):
        code, key, params = "invalid-choice", "schema-version", {"got": describe(value)}
    elif kind in _TYPE_NAMES:
        expected = Msg.of(_TYPE_NAMES[kind])
        raw = document.scalar_text(loc)
        code = "wrong-type"
        if kind == "string_type" and isinstance(value, int | float) and raw is not None:
            key, params = "quote-version", {"value": _number(value), "raw": raw}
        else:
            key, params = "wrong-type", {"expected": expected, "got": describe(value)}
    elif kind in ("literal_error", "enum"):
        code, key = "invalid-choice", "invalid-choice"
        allowed = str(ctx.get("expected", ""))
        if isinstance(value, list | dict) or value is None:
            code, key = "wrong-type", "wrong-type"
            params = {"expected": Msg.of("one-of", allowed=allowed), "got": describe(value)}
        else:
            params = {"value": shown(str(value)), "allowed": allowed}
    elif kind in _BOUNDS:
        code, key = "out-of-range", "bound"
        limit = next(iter(ctx.values()), "")
        params = {"value": value, "op": _BOUNDS[kind], "limit": limit}
    elif kind == "too_short":
        code, key, params = "invalid", "too-short", {"minimum": ctx.get("min_length", 1)}
    elif kind == "string_pattern_mismatch":
        code, key = "invalid-id", "invalid-id"
        if loc == ("id",):
            key = "invalid-slug"
        elif loc[:1] == ("groups",) and "codes" in loc:
            code, key = "invalid", "group-code-format"
        params = {"value": shown(str(value))}
    line, column = document.position(loc, at_key=at_key)
    return problem(document.path, code, key, line=line, column=column, loc=loc, **params)
