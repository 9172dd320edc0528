"""The panel's decisions near the cut-off (``rank --overrides FILE.yaml``).

An overrides file is a YAML list; each entry is a mapping with ``code`` (a region code),
``decision`` (``in``, ``out`` or ``defer``), ``reason`` (non-empty text) and
``assessors`` (a non-empty list of names)::

    - code: "32.12"
      decision: in
      reason: Strong digital-services plan presented to the panel.
      assessors: [Dewi, Budi]

Every problem of the file is reported at once at ``file:line:col`` (exit 1, like any
invalid input file). Whether each override is allowed (the region is in the pool, near
a cut-off, eligible for ``in``) is decided by ``core.overrides`` against the ranking.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from smartcity_assess.core.overrides import DECISIONS, Override
from smartcity_assess.errors import InvalidInput
from smartcity_assess.problems import Problem, problem
from smartcity_assess.reading.sources import YamlDocument, parse_yaml_whole, read_source
from smartcity_assess.reading.submissions import CODE_PATTERN

_KEYS = ("code", "decision", "reason", "assessors")


def read_overrides(path: Path) -> tuple[Override, ...]:
    """The overrides of the file at ``path``, in file order; ``InvalidInput`` with every
    problem of the file when it has any."""
    source = read_source(path)
    documents, problems = parse_yaml_whole(source)
    if problems:
        raise InvalidInput(problems)
    name = source.display
    if len(documents) != 1:
        raise InvalidInput([problem(name, "overrides-shape", line=1, column=1)])
    document = documents[0]
    if not isinstance(document.data, list):
        raise InvalidInput([problem(name, "overrides-shape", line=1, column=1)])
    found: list[Problem] = []
    overrides: list[Override] = []
    first_at: dict[str, tuple[int, int]] = {}
    for index, entry in enumerate(document.data):
        override = _entry(document, index, entry, found)
        if override is None:
            continue
        if override.code in first_at:
            line, _ = first_at[override.code]
            found.append(
                _at(document, (index, "code"), "override-duplicate", code=override.code, line=line)
            )
            continue
        first_at[override.code] = (override.line, override.column)
        overrides.append(override)
    if found:
        raise InvalidInput(sorted(found))
    return tuple(overrides)


def _at(
    document: YamlDocument,
    loc: tuple[str | int, ...],
    kind: str,
    *,
    at_key: bool = False,
    **params: Any,
) -> Problem:
    line, column = document.position(loc, at_key=at_key)
    # ``line`` in params is the earlier entry's line (duplicates); keep it apart.
    first = params.pop("line", None)
    if first is not None:
        params["first"] = first
    return problem(document.path, kind, line=line, column=column, loc=loc, **params)


def _entry(
    document: YamlDocument, index: int, entry: object, found: list[Problem]
) -> Override | None:
    if not isinstance(entry, dict):
        found.append(_at(document, (index,), "override-not-mapping", index=index + 1))
        return None
    before = len(found)
    for key in entry:
        if key not in _KEYS:
            name = str(key)[:40]
            found.append(_at(document, (index, key), "override-unknown-key", at_key=True, key=name))
    missing = [key for key in _KEYS if key not in entry]
    for key in missing:
        found.append(_at(document, (index,), "override-missing", key=key))
    code, decision = entry.get("code"), entry.get("decision")
    reason, assessors = entry.get("reason"), entry.get("assessors")
    if "code" in entry and not (isinstance(code, str) and CODE_PATTERN.fullmatch(code)):
        found.append(_at(document, (index, "code"), "override-bad-code", value=str(code)[:40]))
    if "decision" in entry and decision not in DECISIONS:
        found.append(
            _at(document, (index, "decision"), "override-bad-decision", value=str(decision)[:40])
        )
    if "reason" in entry and not (isinstance(reason, str) and reason.strip()):
        found.append(_at(document, (index, "reason"), "override-no-reason"))
    if "assessors" in entry and not (
        isinstance(assessors, list)
        and assessors
        and all(isinstance(a, str) and a.strip() for a in assessors)
    ):
        found.append(_at(document, (index, "assessors"), "override-no-assessors"))
    if len(found) > before:
        return None
    line, column = document.position((index,))
    assert isinstance(code, str) and isinstance(reason, str) and isinstance(assessors, list)
    return Override(
        code=code,
        decision=str(decision),
        reason=reason.strip(),
        assessors=tuple(a.strip() for a in assessors),
        path=document.path,
        line=line,
        column=column,
        assessor_positions=tuple(
            document.position((index, "assessors", n)) for n in range(len(assessors))
        ),
    )
