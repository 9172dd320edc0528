"""Reading a programme file: YAML parsed with positions, validated by the model in
``core.programme``, then checked against what lies outside it (criteria files and their
sha256, the region registry). Every problem is reported at ``file:line:col``.

A round's outcome may name a region by its code of any year (91.09 or 94.04 for Kabupaten
Mimika); the loaded programme holds each code as it is in the round's year (``code_in``),
and rounds are compared by the region's code today (``current_code``)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from smartcity_assess.core.programme import (
    Exclusion,
    Outcome,
    Programme,
    Round,
    Withdrawal,
    programme_rules,
)
from smartcity_assess.errors import ProblemsError, ProgrammeInvalid, UsageError
from smartcity_assess.i18n import Msg
from smartcity_assess.problems import Loc, Problem, problem
from smartcity_assess.reading.criteria_file import bundled_criteria_ids, bundled_criteria_path
from smartcity_assess.reading.model_errors import problems_from_validation_error
from smartcity_assess.reading.registry import aliases, code_in, current_code, registry_for
from smartcity_assess.reading.sources import YamlDocument, parse_yaml_whole, placed, read_source


@dataclass(frozen=True)
class LoadedProgramme:
    model: Programme
    path: str
    folder: Path
    """The programme file's folder: criteria and pool paths are relative to it."""
    sha256: str = ""
    """Of the programme file's bytes (a report's provenance)."""

    def criteria_path(self, round_: Round) -> Path:
        """The round's criteria file: a bundled id, else a path relative to the programme."""
        return _criteria_path(self.folder, round_.criteria)

    def pool_path(self, round_: Round) -> Path:
        return self.folder / round_.pool

    def assessors_path(self, round_: Round) -> Path | None:
        """The round's panel (assessor files), or None when it names none."""
        return None if round_.assessors is None else self.folder / round_.assessors

    def exclusions(self, year: int, readmit: Sequence[str] = ()) -> dict[str, Exclusion]:
        """What the round of ``year`` leaves out (``Programme.exclusions``), held under every
        code its region has had (an earlier round's code matches the region in a round
        after the 2022 Papua split) and labelled by that code; the regions of ``readmit``
        (a code of any year each) are ranked again. A usage error (exit 2) for a code of
        ``readmit`` that no earlier round left out."""
        why = self.model.exclusions(year)
        for code in readmit:
            if not aliases([code]) & why.keys():
                raise UsageError("usage-programme-readmit", code=code, year=year)
        readmitted = aliases(readmit)
        return {
            alias: replace(exclusion, code=alias)
            for exclusion in why.values()
            for alias in aliases([exclusion.code])
            if alias not in readmitted
        }

    def deferrals(self, year: int) -> dict[str, tuple[int, ...]]:
        """The regions the panel deferred before the round of ``year``
        (``Programme.deferrals``), each under every code its region has had, with the years
        of those rounds in order."""
        found: dict[str, tuple[int, ...]] = {}
        for code, years in self.model.deferrals(year).items():
            for alias in aliases([code]):
                found[alias] = tuple(sorted({*found.get(alias, ()), *years}))
        return found

    def round_for(self, year: int) -> Round:
        """The round of ``year``; a usage error (exit 2) listing the rounds when none."""
        found = self.model.round_for(year)
        if found is None:
            years = ", ".join(str(r.year) for r in self.model.rounds)
            raise UsageError("usage-programme-year", path=self.path, year=year, years=years)
        return found


def _criteria_path(folder: Path, criteria: str) -> Path:
    local = folder / criteria
    if not local.exists() and criteria in bundled_criteria_ids():
        return bundled_criteria_path(criteria)
    return local


def load_programme(path: Path) -> LoadedProgramme:
    """Read and validate the programme file ``path``; ``ProgrammeInvalid`` (exit 2)
    carries every problem, a file that cannot be read is a ``UsageError``."""
    try:
        source = read_source(path)
    except ProblemsError as exc:
        first = exc.problems[0]
        raise UsageError(
            "usage-programme-file", path=str(path), reason=Msg(first.key, first.params)
        ) from None
    try:
        documents, problems = parse_yaml_whole(source)
    except ProblemsError as exc:
        raise ProgrammeInvalid(exc.problems) from None
    if problems:
        raise ProgrammeInvalid(problems)
    if len(documents) != 1 or not isinstance(documents[0].data, dict):
        raise ProgrammeInvalid([problem(source.display, "programme-not-mapping", line=1, column=1)])
    document = documents[0]
    try:
        model = Programme.model_validate(document.data)
    except ValidationError as exc:
        raise ProgrammeInvalid(
            sorted(problems_from_validation_error(exc, document, suggest=_programme_keys))
        ) from None
    folder = path.parent
    model = _in_round_years(model)
    found = placed(document, programme_rules(model, identity=current_code))
    found += _outside_problems(model, document, folder)
    if found:
        raise ProgrammeInvalid(sorted(found))
    return LoadedProgramme(model=model, path=source.display, folder=folder, sha256=source.sha256)


def _in_round_years(model: Programme) -> Programme:
    """``model`` with every outcome code as it is in its round's year (``code_in``)."""
    rounds = []
    for round_ in model.rounds:
        outcome = round_.outcome
        if outcome is not None:

            def year_code(code: str, year: int = round_.year) -> str:
                return code_in(code, year)

            outcome = outcome.model_copy(
                update={
                    "selected": [year_code(c) for c in outcome.selected],
                    "deferred": [year_code(c) for c in outcome.deferred],
                    "withdrawn": [
                        w.model_copy(update={"code": year_code(w.code)}) for w in outcome.withdrawn
                    ],
                }
            )
        rounds.append(round_.model_copy(update={"outcome": outcome}))
    return model.model_copy(update={"rounds": rounds})


def _programme_keys(loc: Loc) -> list[str]:
    """Every key the programme file may use at ``loc`` (for 'did you mean')."""
    model: type[Programme | Round | Outcome | Withdrawal] = Programme
    if "withdrawn" in loc:
        model = Withdrawal
    elif "outcome" in loc:
        model = Outcome
    elif "rounds" in loc:
        model = Round
    return sorted(model.model_fields)


def _outside_problems(model: Programme, document: YamlDocument, folder: Path) -> list[Problem]:
    """Criteria that cannot be found or whose sha256 differs; region codes that the
    registry does not know."""
    found: list[Problem] = []

    def at(loc: Loc, kind: str, **params: Any) -> None:
        line, column = document.position(loc)
        found.append(problem(document.path, kind, line=line, column=column, loc=loc, **params))

    for i, round_ in enumerate(model.rounds):
        known = registry_for(round_.year)
        target = _criteria_path(folder, round_.criteria)
        if not target.is_file():
            ids = ", ".join(bundled_criteria_ids())
            at(
                ("rounds", i, "criteria"),
                "programme-criteria-unknown",
                value=round_.criteria,
                ids=ids,
            )
        elif round_.sha256 is not None:
            actual = read_source(target).sha256
            if actual != round_.sha256:
                at(
                    ("rounds", i, "sha256"),
                    "programme-sha256-mismatch",
                    path=str(target),
                    expected=round_.sha256,
                    actual=actual,
                )
        if round_.outcome is None:
            continue
        parts: tuple[tuple[str, tuple[str, ...], tuple[str, ...]], ...] = (
            ("selected", tuple(round_.outcome.selected), ()),
            ("withdrawn", tuple(w.code for w in round_.outcome.withdrawn), ("code",)),
            ("deferred", tuple(round_.outcome.deferred), ()),
        )
        for part, codes, tail in parts:
            for j, code in enumerate(codes):
                if code not in known:
                    at(
                        ("rounds", i, "outcome", part, j, *tail),
                        "programme-unknown-code",
                        code=code,
                    )
    return found
