"""Assessor files (``--assessors PATH``): one YAML file per assessor per region.

::

    schema_version: 1
    assessor: Dewi Lestari
    region: "32.12"
    year: 2018
    values:
      leadership:
        vision: 4
        commitment: 3.5

``values`` holds the assessor's value of interview indicators (``source: interview`` in
the criteria) and of number questionnaire indicators (the panel's verification of the
region's claim, ``core.panel.with_panel``), by factor and indicator id as in a
submission; a value outside the indicator's ``valid`` range, of the wrong type, or of a
level or yes/no questionnaire item is an error. A folder is searched recursively for
``*.yaml`` and ``*.yml``; any other file in it is an error (assessor workbooks are not
read). Every problem of every file is reported at once at ``file:line:col`` (exit 1),
and nothing is read when there is one: an assessor scoring a region twice, a region code
that is not one, a region not in the pool (or, without a pool, not in the registry).
"""

from __future__ import annotations

from collections.abc import Collection, Iterator, Sequence
from pathlib import Path
from typing import Annotated, Any

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, ValidationError, create_model
from pydantic_core import ErrorDetails, PydanticCustomError

from smartcity_assess.core.criteria import Criteria, SchemaVersion
from smartcity_assess.core.panel import Rating, pool_problems
from smartcity_assess.errors import InvalidInput, ProblemsError
from smartcity_assess.problems import Loc, Problem, finding, problem, shown
from smartcity_assess.reading.model_errors import describe, problem_from_error
from smartcity_assess.reading.registry import moved, registry_for
from smartcity_assess.reading.sources import (
    YamlDocument,
    discover,
    parse_yaml_whole,
    passed_over,
    placed,
    read_source,
)
from smartcity_assess.reading.submissions import (
    CODE_PATTERN,
    Year,
    _value_type,  # the one rule of what an indicator's value may be
    moved_finding,
    regency_code,
    regions_year,
    round_years,
    year_findings,
)

_STRICT = ConfigDict(extra="forbid", strict=True, frozen=True)
_KEYS = ["schema_version", "criteria", "assessor", "region", "year", "values"]
SUFFIXES = (".yaml", ".yml")


def _refuse_questionnaire(value: Any) -> None:
    if value is not None:
        raise PydanticCustomError("questionnaire_item", "a level or yes/no questionnaire item")


def _name(value: str) -> str:
    if not value.strip():
        raise PydanticCustomError("blank_name", "blank")
    return value.strip()


Name = Annotated[str, Field(max_length=200), AfterValidator(_name)]


_MODELS: dict[int, tuple[Criteria, type[BaseModel]]] = {}


def _model(criteria: Criteria) -> type[BaseModel]:
    """The model of an assessor file for ``criteria``, built once per criteria object
    (kept alive with it, so that its id stays unique)."""
    cached = _MODELS.get(id(criteria))
    if cached is None:
        cached = _MODELS[id(criteria)] = (criteria, _build_model(criteria))
    return cached[1]


def _build_model(criteria: Criteria) -> type[BaseModel]:
    factors: dict[str, Any] = {}
    for fi, factor in enumerate(criteria.factors):
        fields: dict[str, Any] = {}
        for ii, indicator in enumerate(factor.indicators):
            kind = (
                _value_type(indicator)
                if indicator.interview or indicator.type == "number"
                else Annotated[Any, AfterValidator(_refuse_questionnaire)]
            )
            fields[f"i{ii}"] = (kind | None, Field(None, alias=indicator.id))
        model = create_model(f"PanelValues_{factor.id}", __config__=_STRICT, **fields)
        factors[f"f{fi}"] = (model | None, Field(None, alias=factor.id))
    values = create_model("PanelValues", __config__=_STRICT, **factors)
    return create_model(
        "AssessorFile",
        __config__=_STRICT,
        schema_version=(SchemaVersion, ...),
        criteria=(str | None, None),
        assessor=(Name, ...),
        region=(str, ...),
        year=(Year, ...),
        values_=(values, Field(alias="values")),
    )


def _keys_at(criteria: Criteria, loc: Loc) -> list[str]:
    if loc == ():
        return _KEYS
    if loc == ("values",):
        return [f.id for f in criteria.factors]
    if len(loc) == 2 and loc[0] == "values":
        for factor in criteria.factors:
            if factor.id == loc[1]:
                return [i.id for i in factor.indicators]
    return []


def read_panel(
    criteria: Criteria,
    path: Path,
    *,
    pool: Collection[str] | None = None,
    cohorts: Collection[int] | None = None,
    max_bytes: int | None = None,
) -> tuple[list[Rating], list[Problem]]:
    """Every assessor file under ``path`` as ratings, and the warnings; ``InvalidInput``
    with every problem when there is an error. ``pool`` holds the region codes the
    files must be about (None: any region of the registry); ``cohorts`` are the round's
    years (a year far from them is a warning, as in a submission)."""
    if not path.exists():
        raise InvalidInput([problem(str(path), "file", "file-missing")])
    found: list[Problem] = []
    ratings: list[Rating] = []
    first: dict[tuple[str, str], Rating] = {}
    years = round_years(criteria, cohorts)
    for other in passed_over([path]):
        found.append(problem(other.as_posix(), "panel-file-kind"))
    for item, display in discover([path]):
        if Path(display).suffix.lower() not in SUFFIXES:
            found.append(problem(display, "panel-file-kind"))
            continue
        try:
            source = read_source(item, max_bytes=max_bytes, display=display)
            documents, problems = parse_yaml_whole(source)
        except ProblemsError as exc:  # unreadable, too large, not UTF-8
            found.extend(exc.problems)
            continue
        if problems:
            found.extend(problems)
            continue
        if len(documents) != 1:
            found.append(problem(display, "panel-shape", line=1, column=1))
            continue
        rating = _rating(criteria, documents[0], found, years, source.sha256)
        if rating is None:
            continue
        key = (rating.assessor, rating.code)
        if key in first:
            earlier = first[key]
            found.append(
                problem(
                    rating.path,
                    "panel-duplicate",
                    line=rating.line,
                    column=rating.column,
                    assessor=rating.assessor,
                    code=rating.code,
                    other=f"{earlier.path}:{earlier.line}",
                )
            )
            continue
        first[key] = rating
        ratings.append(rating)
    if pool is not None:
        found.extend(pool_problems(ratings, pool))
    else:
        found.extend(_region_problems(ratings, years))
    if any(p.severity == "error" for p in found):
        raise InvalidInput(sorted(found))
    return ratings, sorted(found)


def _region_problems(ratings: Sequence[Rating], years: Collection[int]) -> Iterator[Problem]:
    """Each rating's region against the regions of its year (``regions_year``), as a
    submission's is: a code of another year only is the error that names the code of its
    year (``moved_finding``); a code of no region at all is ``panel-unknown-region``."""
    for r in ratings:
        year = regions_year(r.year, years)
        change = moved(regency_code(r.code), year)
        if change is not None:
            yield moved_finding(r.code, year, change).at(r.path, r.line, r.column)
        elif registry_for(year).get(regency_code(r.code)) is None:
            yield problem(r.path, "panel-unknown-region", line=r.line, column=r.column, code=r.code)


def _rating(
    criteria: Criteria,
    document: YamlDocument,
    found: list[Problem],
    years: Collection[int],
    sha256: str,
) -> Rating | None:
    data = document.data
    if not isinstance(data, dict):
        found.append(
            problem(
                document.path, "wrong-type", "not-mapping", line=1, column=1, got=describe(data)
            )
        )
        return None
    before = len(found)
    parsed: BaseModel | None = None
    try:
        parsed = _model(criteria).model_validate(data)
    except ValidationError as exc:
        for details in exc.errors():
            loc: Loc = tuple(details["loc"])
            kind = details["type"]
            if kind in ("questionnaire_item", "blank_name"):
                line, column = document.position(loc)
                key = "panel-questionnaire" if kind == "questionnaire_item" else "panel-no-assessor"
                found.append(
                    problem(
                        document.path,
                        key,
                        line=line,
                        column=column,
                        loc=loc,
                        address=_dotted(loc),
                        type=_type_of(criteria, _dotted(loc)),
                    )
                )
                continue
            found.append(_value_problem(criteria, document, details, loc))
    code = data.get("region")
    if isinstance(code, str) and not CODE_PATTERN.fullmatch(code):
        found.extend(
            placed(document, [finding("region-code", "panel-bad-code", ("region",), got=code[:40])])
        )
    given = data.get("criteria")
    if isinstance(given, str) and given != criteria.id:
        line, column = document.position(("criteria",))
        found.append(
            problem(
                document.path,
                "criteria-mismatch",
                "panel-criteria-mismatch",
                line=line,
                column=column,
                given=given[:40],
                expected=criteria.id,
            )
        )
    found.extend(placed(document, year_findings(data.get("year"), years)))
    if parsed is None or any(p.severity == "error" for p in found[before:]):
        return None
    values: dict[str, float] = {}
    positions: dict[str, tuple[int, int]] = {}
    values_model = parsed.values_  # type: ignore[attr-defined]
    for fi, factor in enumerate(criteria.factors):
        factor_values = getattr(values_model, f"f{fi}", None)
        if factor_values is None:
            continue
        for ii, indicator in enumerate(factor.indicators):
            value = getattr(factor_values, f"i{ii}")
            if value is not None:
                values[f"{factor.id}.{indicator.id}"] = float(value)
                at = ("values", factor.id, indicator.id)
                positions[f"{factor.id}.{indicator.id}"] = document.position(at)
    line, column = document.position(("region",))
    return Rating(
        assessor=parsed.assessor,  # type: ignore[attr-defined]
        code=parsed.region,  # type: ignore[attr-defined]
        year=parsed.year,  # type: ignore[attr-defined]
        values=values,
        path=document.path,
        sha256=sha256,
        line=line,
        column=column,
        positions=positions,
    )


def _value_problem(
    criteria: Criteria, document: YamlDocument, details: ErrorDetails, loc: Loc
) -> Problem:
    """A pydantic error as a problem; a value outside its indicator's ``valid`` range says
    the range, as in a submission."""
    found = problem_from_error(details, document, suggest=lambda at: _keys_at(criteria, at))
    pair = criteria.addresses.get(_dotted(loc)) if len(loc) == 3 else None
    valid = None if pair is None else pair[1].valid
    if found.code == "out-of-range" and valid is not None:
        line, column = document.position(loc)
        raw = document.scalar_text(loc) or str(details.get("input"))
        return problem(
            document.path,
            "out-of-range",
            line=line,
            column=column,
            loc=loc,
            value=shown(raw),
            low=_bound(valid.min),
            high=_bound(valid.max),
        )
    return found


def _type_of(criteria: Criteria, address: str) -> str:
    pair = criteria.addresses.get(address)
    return "" if pair is None else pair[1].type


def _bound(value: float | None) -> str:
    if value is None:
        return ""
    return str(int(value)) if float(value).is_integer() else repr(value)


def _dotted(loc: Loc) -> str:
    return ".".join(str(part) for part in loc[1:]) if loc[:1] == ("values",) else str(loc[-1])
