"""Regional submissions: models specialised to the criteria, and every rule about them.

The pydantic model of a submission is built from the criteria, one field per factor and
indicator, so that unknown ids, wrong types, unknown levels and out-of-range numbers are
all caught by one validation pass (and the same model gives the JSON Schema).
"""

from __future__ import annotations

import functools
import itertools
import re
from collections import defaultdict
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from itertools import repeat
from operator import is_not
from pathlib import Path
from typing import Annotated, Any, Literal, TypeVar, cast

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Discriminator,
    Field,
    Tag,
    TypeAdapter,
    ValidationError,
    WithJsonSchema,
    create_model,
)
from pydantic_core import ErrorDetails, PydanticCustomError

from smartcity_assess.core.criteria import Criteria, Factor, Indicator, SchemaVersion
from smartcity_assess.core.submission import RowValues, Submission, Value, ValueColumns
from smartcity_assess.core.verification import (
    NO_CHECKS,
    Check,
    Evidence,
    Status,
    claimed_values,
    scored_values,
)
from smartcity_assess.errors import ProblemsError
from smartcity_assess.i18n import Msg
from smartcity_assess.problems import (
    Finding,
    Loc,
    Problem,
    finding,
    problem,
    sheet_reference,
    shown,
)
from smartcity_assess.reading.cells import (
    AMBIGUOUS_NUMBER,
    BOOLEAN_WORDS,
    CSV_ONLY_WORDS,
    RefusedText,
    ambiguous_number,
    boolean_text,
    number_text,
)
from smartcity_assess.reading.model_errors import describe, problem_from_error, suggestion
from smartcity_assess.reading.registry import (
    RegionChange,
    kind_for_code,
    moved,
    registry_for,
    same_name,
    same_province,
)
from smartcity_assess.reading.sources import (
    WORKBOOK_SUFFIXES,
    CsvDocument,
    CsvRow,
    CsvStream,
    CsvTable,
    Document,
    SourceFile,
    discover,
    parse_yaml,
    placed,
    read_source,
    stream_csv,
)

CODE_PATTERN = re.compile(r"^\d{2}\.\d{2}(?:\.\d{2}(?:\.\d{4})?)?$", re.ASCII)
"""Kemendagri code of a kabupaten/kota, ``PP.RR``; a programme below that level may use the
codes of its sub-units, ``PP.RR.SS`` (kecamatan) or ``PP.RR.SS.DDDD`` (desa/kelurahan).
ASCII digits only, matched whole (``fullmatch``: ``$`` alone would let a final line break
through); the text is also the JSON Schema's pattern."""


def regency_code(code: str) -> str:
    """The kabupaten/kota a code belongs to: ``32.12`` for ``32.12.05.2001``."""
    return code[:5]


SHORT_CODE = re.compile(r"^\d{2}\.\d$")


class RegionModel(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)
    code: str
    name: str
    province: str | None = None
    kind: Literal["kabupaten", "kota"]


@dataclass(frozen=True)
class Skipped:
    """What ``--skip-invalid`` leaves out, with its errors: one submission (a YAML document
    or a CSV row; ``line`` is that of its first error), or a whole file (``line`` None)
    when an error is not in one submission (unreadable, a YAML syntax error, a CSV
    header problem)."""

    path: str
    line: int | None
    errors: tuple[Problem, ...]

    @property
    def where(self) -> str:
        """``path``, ``path:line``, or ``path:Sheet!12:12`` (a workbook's row)."""
        if self.line is None:
            return self.path
        return _where(self.path, self.errors[0].sheet if self.errors else "", self.line)


@dataclass(frozen=True, order=True)
class Replaced:
    """A submission a later one of the same region replaced (by its ``submitted`` date):
    where each of the two is, and its date."""

    code: str
    path: str
    line: int
    submitted: str
    by_path: str
    by_line: int
    by_submitted: str


@dataclass
class Batch:
    """What reading a set of inputs gave: the valid submissions, every problem, each
    file's checksum, and what an invalid input leaves out (``skipped``)."""

    submissions: list[Submission] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    inputs: list[tuple[str, str]] = field(default_factory=list)  # (path, sha256)
    skipped: list[Skipped] = field(default_factory=list)
    replaced: list[Replaced] = field(default_factory=list)

    @property
    def file_count(self) -> int:
        """Files read, those that could not be read at all included."""
        read = {path for path, _ in self.inputs}
        return len(read | {s.path for s in self.skipped})

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "warning"]

    def contents(self) -> list[tuple[str, tuple[str, ...]]]:
        """``(sha256, region codes)`` of each file with a valid submission, sorted: what
        was read, independent of the files' names and order."""
        codes: dict[str, list[str]] = {}
        for s in self.submissions:
            codes.setdefault(s.path, []).append(s.code)
        return sorted(
            (sha, tuple(sorted(codes[path]))) for path, sha in self.inputs if path in codes
        )


# --- the model specialised to the criteria ------------------------------------------------


def _value_type(indicator: Indicator) -> Any:
    if indicator.type == "boolean":
        return bool
    if indicator.type == "level":
        return Literal[tuple(indicator.level_scores)]
    bounds: dict[str, float] = {}
    if indicator.valid is not None:
        if indicator.valid.min is not None:
            bounds["ge"] = indicator.valid.min
        if indicator.valid.max is not None:
            bounds["le"] = indicator.valid.max
    return Annotated[float, Field(allow_inf_nan=False, **bounds)]  # type: ignore[call-overload]


def _refuse_interview(value: Any) -> None:
    if value is not None:
        raise PydanticCustomError("interview_value", "scored by the panel of assessors")


InterviewOnly = Annotated[Any, AfterValidator(_refuse_interview), WithJsonSchema({"type": "null"})]
"""The field of an interview indicator (``source: interview``): the panel of assessors
gives its value (``reading.panel``), a submission may leave it empty only."""


def _field_type(indicator: Indicator) -> Any:
    """The type of an indicator's field: its value, or None where it may be absent."""
    if indicator.interview:
        return InterviewOnly
    kind = _value_type(indicator)
    return kind if indicator.required else kind | None


class EvidenceModel(BaseModel):
    # Where a claim can be checked (``evidence:`` of one value, docs/verification.md). (A
    # comment, not a docstring: the submission schema would show it in English only.)

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)
    document: str
    link: str | None = None
    page: Annotated[int, Field(ge=1)] | str | None = None


CHECK_KEYS = ("claimed", "evidence", "verified", "status", "verified_by", "note")
"""The keys of a value written as a claim with its verification, in the order documented."""
VALUE_KEYS = ("claimed", "verified")
"""The keys of a checked value that hold a value of the indicator."""
_PLAIN, _CHECKED = "value", "checked"
"""The tags of an indicator field's two forms; dropped from an error's place
(``_model_problems``), so a plain value's errors are where they always were."""


def _check_model(factor: Factor, indicator: Indicator) -> type[BaseModel]:
    """A value with its verification: the claim, and the verified value, each of the
    indicator's own type (``_value_type``: one rule for a value, wherever it is)."""
    kind = _value_type(indicator)
    return create_model(
        f"Checked_{factor.id}_{indicator.id}",
        __config__=_STRICT,
        claimed=(kind, ...),
        evidence=(EvidenceModel | None, None),
        verified=(kind | None, None),
        status=(Status, "not-checked"),
        verified_by=(str | None, None),
        note=(str | None, None),
    )


def _form(value: Any) -> str:
    """A mapping with a key of a checked value is one; any other value, a mapping with
    none of those keys included, is read (and refused) as a plain value."""
    if isinstance(value, dict) and any(key in CHECK_KEYS for key in value):
        return _CHECKED
    return _PLAIN


def _value_field_type(factor: Factor, indicator: Indicator) -> Any:
    """An indicator's field in a YAML document: a plain value (``_field_type``) or a
    mapping with the claim and its verification (``_check_model``), told apart by shape
    so that a mistake in either gets the messages of that form only."""
    return Annotated[
        Annotated[_field_type(indicator), Tag(_PLAIN)]
        | Annotated[_check_model(factor, indicator), Tag(_CHECKED)],
        Discriminator(_form),
    ]


Year = Annotated[int, Field(ge=1900, le=2200)]

SUBMITTED_PATTERN = r"^\d{4}-\d{2}-\d{2}$"


def _iso_date(text: str) -> str:
    """``text`` if it is a real calendar date written ``YYYY-MM-DD``."""
    if not re.fullmatch(SUBMITTED_PATTERN, text, re.ASCII):
        raise ValueError("not a YYYY-MM-DD date")
    date.fromisoformat(text)  # 2024-02-30: ValueError
    return text


Submitted = Annotated[
    str,
    AfterValidator(_iso_date),
    WithJsonSchema({"type": "string", "format": "date", "pattern": SUBMITTED_PATTERN}),
]
"""A submission's ``submitted`` date: ISO ``YYYY-MM-DD``, a real day."""

_STRICT = ConfigDict(extra="forbid", strict=True, frozen=True)


T = TypeVar("T")
_BUILT: dict[tuple[Callable[[Criteria], Any], int], tuple[Criteria, Any]] = {}


def _once(criteria: Criteria, build: Callable[[Criteria], T]) -> T:
    """``build(criteria)``, worked out once per criteria object (the cache keeps the
    criteria alive, so that its id stays unique)."""
    key = (build, id(criteria))
    cached = _BUILT.get(key)
    if cached is None:
        cached = _BUILT[key] = (criteria, build(criteria))
    return cast(T, cached[1])


def submission_model(criteria: Criteria) -> type[BaseModel]:
    """The pydantic model of a submission for ``criteria`` (aliases are the real ids)."""
    return _once(criteria, _build_model)


def _build_model(criteria: Criteria) -> type[BaseModel]:
    factor_fields: dict[str, Any] = {}
    any_required = False
    for fi, factor in enumerate(criteria.factors):
        fields: dict[str, Any] = {}
        for ii, indicator in enumerate(factor.indicators):
            description = indicator.description.en if indicator.description else None
            if indicator.required:
                spec = Field(alias=indicator.id, description=description)
            else:
                spec = Field(None, alias=indicator.id, description=description)
            fields[f"i{ii}"] = (_value_field_type(factor, indicator), spec)
        values_model = create_model(f"Values_{factor.id}", __config__=_STRICT, **fields)
        required = any(ind.required for ind in factor.indicators)
        any_required = any_required or required
        if required:
            factor_fields[f"f{fi}"] = (values_model, Field(alias=factor.id))
        else:
            factor_fields[f"f{fi}"] = (values_model | None, Field(None, alias=factor.id))
    values = create_model("Values", __config__=_STRICT, **factor_fields)
    values_spec = Field(alias="values") if any_required else Field(None, alias="values")
    return create_model(
        "Submission",
        __config__=_STRICT,
        schema_version=(SchemaVersion, ...),
        criteria=(str | None, None),
        region=(RegionModel, ...),
        year=(Year | None, None),
        submitted=(Submitted | None, None),
        values_=(values if any_required else values | None, values_spec),
        evidence=(dict[str, str], {}),
    )


def column_validators(criteria: Criteria) -> dict[Loc, TypeAdapter[Any]]:
    """For each field a CSV column fills, the validator of a whole column of it: the
    field's own type in the submission model, as a list (so a table is validated a
    column at a time, by the same rules as a YAML document)."""
    return _once(criteria, _build_column_validators)


def _build_column_validators(criteria: Criteria) -> dict[Loc, TypeAdapter[Any]]:
    types: dict[Loc, Any] = {
        ("region", name): RegionModel.model_fields[name].rebuild_annotation()
        for name in ("code", "name", "province", "kind")
    }
    types[("year",)] = Year | None
    types[("submitted",)] = Submitted | None
    for factor, indicator in criteria.addresses.values():
        types[("values", factor.id, indicator.id)] = _field_type(indicator)
    return {loc: _column_validator(kind) for loc, kind in types.items()}


def _column_validator(kind: Any) -> TypeAdapter[Any]:
    return TypeAdapter(list[kind], config=ConfigDict(strict=True))


def _keys_at(criteria: Criteria, loc: Loc) -> list[str]:
    if loc == ():
        return ["schema_version", "criteria", "region", "year", "submitted", "values", "evidence"]
    if loc == ("region",):
        return list(RegionModel.model_fields)
    if loc == ("values",):
        return [f.id for f in criteria.factors]
    if len(loc) == 2 and loc[0] == "values":
        for factor in criteria.factors:
            if factor.id == loc[1]:
                return [i.id for i in factor.indicators]
    if len(loc) == 3 and loc[0] == "values":
        return list(CHECK_KEYS)
    if len(loc) == 4 and loc[0] == "values" and loc[3] == "evidence":
        return list(EvidenceModel.model_fields)
    return []


# --- validating one document ------------------------------------------------------------------


def _positioned(document: Document, code: str, key: str, loc: Loc, /, **params: Any) -> Problem:
    return placed(document, [finding(code, key, loc, **params)])[0]


def _model_problems(
    criteria: Criteria, document: Document, errors: Iterable[ErrorDetails]
) -> Iterator[Problem]:
    for details in errors:
        loc: Loc = tuple(details["loc"])
        if loc[:1] == ("values",) and len(loc) > 3 and loc[3] in (_PLAIN, _CHECKED):
            loc = loc[:3] + loc[4:]  # the form's tag: not a place in the document
            details = {**details, "loc": loc}
        refused = details.get("input")
        if isinstance(refused, RefusedText):  # '1.234', '1.234.567': said by its rule
            yield _positioned(document, refused.code, refused.key, loc, **refused.params)
            continue
        blank = details["type"] != "missing" and details.get("input", 0) is None
        if blank and _required_at(criteria, loc):
            # An empty value (``key:`` in YAML) is an absent one, not one of the wrong
            # type: a blank template reports each required value as missing, in place.
            yield _positioned(document, "missing-value", "missing-value", loc, key=loc[-1])
            continue
        if loc == ("submitted",) and details["type"] == "value_error":
            text = document.scalar_text(loc) or str(details.get("input"))
            yield _positioned(document, "invalid-date", "invalid-date", loc, got=shown(text))
            continue
        found = problem_from_error(details, document, suggest=lambda at: _keys_at(criteria, at))
        if loc == ("region", "code") and found.code in ("wrong-type", "invalid-id", "invalid"):
            value = details.get("input")
            raw = document.scalar_text(loc)
            if isinstance(value, int | float) and not isinstance(value, bool) and raw is not None:
                # 32.10 read as 32.1 is fixed by quoting it; 3212 is not a code at all.
                if CODE_PATTERN.fullmatch(raw):
                    yield _positioned(
                        document, "region-code", "region-code-unquoted", loc, got=value, raw=raw
                    )
                else:
                    yield _positioned(
                        document, "region-code", "region-code-number", loc, got=shown(raw)
                    )
            else:
                yield _positioned(document, "region-code", "region-code", loc, got=describe(value))
            continue
        if found.key == "unknown-key" and loc[:1] == ("values",) and str(loc[-1]).isdigit():
            # {share: 1,4} is share: 1 and a key '4': the comma ended the value
            yield replace(
                found, params=(("key", shown(str(loc[-1]))), ("hint", Msg.of("flow-comma")))
            )
            continue
        if loc[:1] == ("values",) and (len(loc) == 3 or (len(loc) == 4 and loc[3] in VALUE_KEYS)):
            indicator = criteria.addresses.get(f"{loc[1]}.{loc[2]}", (None, None))[1]
            if indicator is not None and found.code == "invalid-choice":
                allowed = ", ".join(indicator.level_scores)
                value = document.scalar_text(loc) or str(details.get("input"))
                yield _positioned(
                    document,
                    "unknown-level",
                    "unknown-level",
                    loc,
                    value=shown(value),
                    allowed=allowed,
                )
                continue
            value = details.get("input")
            boolean = indicator is not None and indicator.type == "boolean"
            if boolean and found.key == "wrong-type" and not isinstance(value, list | dict):
                # 'yes' quoted, 'maybe': say which words are read as yes and no
                words = Msg.of("type-boolean-words")
                yield replace(found, params=(("expected", words), ("got", describe(value))))
                continue
            if indicator is not None and found.code == "out-of-range" and indicator.valid:
                yield _positioned(
                    document,
                    "out-of-range",
                    "out-of-range",
                    loc,
                    value=shown(document.scalar_text(loc) or str(details.get("input"))),
                    low=_bound(indicator.valid.min),
                    high=_bound(indicator.valid.max),
                )
                continue
        yield found


def _required_at(criteria: Criteria, loc: Loc) -> bool:
    """Whether the submission model needs a value at ``loc`` (null there = missing)."""
    if loc in (("schema_version",), ("region",)):
        return True
    if len(loc) == 2 and loc[0] == "region":
        region_field = RegionModel.model_fields.get(str(loc[1]))
        return region_field is not None and region_field.is_required()
    if loc[:1] == ("values",) and len(loc) == 4:
        return loc[3] == "claimed"  # a checked value's claim
    if loc[:1] == ("values",) and len(loc) <= 3:
        wanted = tuple(str(part) for part in loc[1:])
        return any(
            i.required for f, i in criteria.indicators() if (f.id, i.id)[: len(wanted)] == wanted
        )
    return False


def _bound(value: float | None) -> str:
    if value is None:
        return ""
    return str(int(value)) if float(value).is_integer() else repr(value)


def _rule_problems(
    criteria: Criteria, document: Document, years: Collection[int]
) -> Iterator[Problem]:
    """Rules that span fields; they read the raw data defensively, so they run even
    when the model found other problems (every problem is reported in one run)."""
    data: dict[str, Any] = document.data
    given = data.get("criteria")
    if isinstance(given, str) and not criteria.reads(given):
        yield _positioned(
            document,
            "criteria-mismatch",
            "criteria-mismatch",
            ("criteria",),
            given=shown(given),
            expected=criteria.id,
        )
    evidence = data.get("evidence")
    if isinstance(evidence, dict):
        addresses = list(criteria.addresses)
        for address in evidence:
            if isinstance(address, str) and address not in criteria.addresses:
                yield _positioned(
                    document,
                    "unknown-key",
                    "unknown-address",
                    ("evidence", address),
                    address=shown(address),
                    hint=suggestion(address, addresses),
                )
    region = data.get("region")
    if isinstance(region, dict):
        fields = (region.get(name) for name in ("code", "name", "province", "kind"))
        yield from placed(document, region_findings(*fields, regions_year(data.get("year"), years)))


CHECKED_STATUSES: frozenset[str] = frozenset({"verified", "corrected", "rejected"})
"""The statuses that say someone checked the claim: they name who (``verified_by``)."""


def _check_problems(criteria: Criteria, document: Document, read: Any) -> Iterator[Problem]:
    """The rules of a value written with its verification (docs/verification.md), each
    at the key it is about. Like ``_rule_problems`` they read the data defensively (as
    ``_read_text`` gave it, so ``'1,4'`` and ``1.4`` are the same claim): a key of the
    wrong type is the model's to report."""
    values = read.get("values") if isinstance(read, dict) else None
    evidence = read.get("evidence") if isinstance(read, dict) else None
    for factor_id, given in values.items() if isinstance(values, dict) else ():
        for indicator_id, checked in given.items() if isinstance(given, dict) else ():
            address = f"{factor_id}.{indicator_id}"
            if address not in criteria.addresses or _form(checked) != _CHECKED:
                continue
            loc: Loc = ("values", factor_id, indicator_id)
            yield from _check_rules(document, loc, checked)
            if isinstance(evidence, dict) and address in evidence and "evidence" in checked:
                other, _ = document.position(("evidence", address), at_key=True)
                line, column = document.position((*loc, "evidence"), at_key=True)
                yield problem(
                    document.path,
                    "verification",
                    "evidence-twice",
                    line=line,
                    column=column,
                    loc=(*loc, "evidence"),
                    address=address,
                    at=other,
                )


def _check_rules(document: Document, loc: Loc, checked: dict[Any, Any]) -> Iterator[Problem]:
    status = checked.get("status", "not-checked")
    if not isinstance(status, str):
        return
    claimed, verified = checked.get("claimed"), checked.get("verified")
    comparable = all(
        value is None or type(value) in (bool, int, float, str) for value in (claimed, verified)
    )
    if status == "corrected" and verified is None:
        yield _positioned(document, "verification", "corrected-without-verified", (*loc, "status"))
    elif status == "corrected" and comparable and verified == claimed:
        yield _positioned(
            document, "verification", "corrected-same", (*loc, "verified"), value=_plain(verified)
        )
    elif status == "verified" and comparable and verified is not None and verified != claimed:
        yield _positioned(
            document,
            "verification",
            "verified-differs",
            (*loc, "verified"),
            value=_plain(verified),
            claimed=_plain(claimed),
        )
    elif status in ("rejected", "not-checked") and verified is not None:
        yield _positioned(
            document, "verification", "verified-not-allowed", (*loc, "verified"), status=status
        )
    by = checked.get("verified_by")
    if status in CHECKED_STATUSES and (by is None or (isinstance(by, str) and not by.strip())):
        yield _positioned(
            document, "verification", "verified-by-missing", (*loc, "status"), status=status
        )


def _plain(value: Any) -> str:
    """A value as a user would write it (``true``, ``signed_mou``, ``1.4``)."""
    if isinstance(value, bool):
        return str(value).lower()
    return shown(str(value))


YEAR_SLACK = 1
"""How many years a submission's year may be from the round's: data of the year before a
round (or after) is usual, more than this looks like a submission for another round."""


def round_years(criteria: Criteria, cohorts: Iterable[int] | None = None) -> frozenset[int]:
    """The years of the round: the cohorts being filled, else the criteria's."""
    return frozenset(cohorts if cohorts is not None else (c.year for c in criteria.cohorts))


def year_findings(year: Any, years: Collection[int]) -> tuple[Finding, ...]:
    """A warning when ``year`` is more than ``YEAR_SLACK`` from every year of the round."""
    if not isinstance(year, int) or not years or min(abs(year - y) for y in years) <= YEAR_SLACK:
        return ()
    shown_years = ", ".join(map(str, sorted(years)))
    return (
        finding(
            "year-far", "year-far", ("year",), severity="warning", year=year, years=shown_years
        ),
    )


def regions_year(year: Any, years: Collection[int]) -> int | None:
    """The year whose regions (``registry_for``) a submission is checked against: its own
    ``year`` (the round it is for), else the first year of the round (``years``), else
    today's (None)."""
    if isinstance(year, int) and not isinstance(year, bool) and 1900 <= year <= 2200:
        return year
    return min(years) if years else None


@functools.lru_cache(maxsize=4096)
def region_findings(
    code: Any, name: Any, province: Any, kind: Any, year: int | None = None
) -> tuple[Finding, ...]:
    """What the region's fields say against each other and against the registry of
    ``year`` (``regions_year``; today's when None): the code's form, the kind its number
    implies, and the registry's name and province. A code that is a region's code in
    another year only is an error naming the code of ``year``. Fields of the wrong type
    are the model's to report; pools repeat regions, so the answer for each is kept."""
    if not isinstance(code, str):
        return ()
    if not CODE_PATTERN.fullmatch(code):
        # '32.1': a spreadsheet took 32.10 for a number and dropped the zero.
        key = "region-code-short" if SHORT_CODE.match(code) else "region-code"
        return (finding("region-code", key, ("region", "code"), got=describe(code)),)
    found: list[Finding] = []
    expected_kind = kind_for_code(code)
    if expected_kind is None:
        found.append(finding("region-code", "region-code", ("region", "code"), got=describe(code)))
    elif kind in ("kabupaten", "kota") and kind != expected_kind:
        found.append(
            finding(
                "region-kind",
                "region-kind",
                ("region", "kind"),
                kind=kind,
                code=code,
                expected=expected_kind,
                rule=Msg.of("region-kind-rule"),
            )
        )
    change = moved(regency_code(code), year)
    if change is not None:
        found.append(moved_finding(code, year, change))
        return tuple(found)
    known = registry_for(year).get(regency_code(code))
    if known is None:
        found.append(
            finding(
                "registry-unknown",
                "registry-unknown",
                ("region", "code"),
                severity="warning",
                code=code,
            )
        )
        if province is None:
            found.append(finding("missing-value", "province-required", ("region",), code=code))
        return tuple(found)
    is_sub_unit = len(code) > 5
    if isinstance(name, str) and not is_sub_unit and not same_name(name, known.name):
        found.append(
            finding(
                "registry-name",
                "registry-name",
                ("region", "name"),
                severity="warning",
                given=shown(name),
                code=code,
                expected=known.name,
            )
        )
    if isinstance(province, str) and not same_province(province, known.province):
        found.append(
            finding(
                "registry-province",
                "registry-province",
                ("region", "province"),
                severity="warning",
                given=shown(province),
                code=code,
                expected=known.province,
            )
        )
    return tuple(found)


def moved_finding(code: str, year: int | None, change: RegionChange) -> Finding:
    """The error for a code that is the region's code in another year than ``year``."""
    before = code == change.new_code
    return finding(
        "registry-year",
        "registry-year-before" if before else "registry-year-after",
        ("region", "code"),
        code=code,
        year=Msg.of("registry-year-today") if year is None else str(year),
        name=change.name,
        old_code=change.old_code,
        old_province=change.old_province,
        new_code=change.new_code,
        new_province=change.new_province,
        effective=change.effective.isoformat(),
        basis=change.basis,
    )


def validate_document(
    criteria: Criteria, document: Document, years: Collection[int] | None = None
) -> tuple[Submission | None, list[Problem]]:
    """A ``Submission`` (None if there is any error) and every problem in the document;
    ``years`` are the round's (``round_years``; by default the criteria's cohorts)."""
    if not isinstance(document.data, dict):
        return None, [
            _positioned(document, "wrong-type", "not-mapping", (), got=describe(document.data))
        ]
    model = submission_model(criteria)
    problems: list[Problem] = []
    parsed: BaseModel | None = None
    read = _read_text(criteria, document)
    try:
        parsed = model.model_validate(read)
    except ValidationError as exc:
        problems.extend(_model_problems(criteria, document, exc.errors()))
    round_ = round_years(criteria) if years is None else years
    problems.extend(_rule_problems(criteria, document, round_))
    problems.extend(_check_problems(criteria, document, read))
    if document.refused:
        refused = {(p.line, p.column) for p in document.refused}
        problems = [*document.refused, *(p for p in problems if (p.line, p.column) not in refused)]
    if parsed is None or any(p.severity == "error" for p in problems):
        return None, problems
    submission = _submission(criteria, parsed, document, round_)
    claims = claimed_values(submission)
    values = {address: [claims.get(address)] for address in criteria.addresses}
    problems.extend(_suspicion_problems(document, suspicious_rows(criteria, values).get(0, ())))
    far = year_findings(submission.year, round_)
    problems.extend(placed(document, far))
    return submission, problems


def _read_text(criteria: Criteria, document: Document) -> Any:
    """The document's data with each yes/no and number written as text read by the rule
    a CSV cell is read by (``cells``): ``ya``, ``'78,5'``. A number YAML read from
    ``1.234`` is refused as ambiguous, as the same cell of a CSV is. The data are copied
    only where something changes."""
    data: dict[str, Any] = document.data
    values = data.get("values")
    if not isinstance(values, dict):
        return data
    read_values: dict[str, Any] = {}
    for factor_id, given in values.items():
        read: dict[str, Any] | None = None
        for indicator_id, value in given.items() if isinstance(given, dict) else ():
            found = criteria.addresses.get(f"{factor_id}.{indicator_id}")
            loc = ("values", factor_id, indicator_id)
            if found is None:
                new = value
            elif _form(value) == _CHECKED:  # a claim with its verification
                new = _checked_text(found[1], value, document, loc)
            else:
                new = _text_value(found[1], value, document, loc)
            if new is not value:
                read = dict(given) if read is None else read
                read[indicator_id] = new
        if read is not None:
            read_values[factor_id] = read
    if not read_values:
        return data
    return {**data, "values": {**values, **read_values}}


def _checked_text(
    indicator: Indicator, checked: dict[Any, Any], document: Document, loc: Loc
) -> dict[Any, Any]:
    """A checked value's claim and verified value read as ``_text_value`` reads a plain one."""
    read = {
        key: _text_value(indicator, checked[key], document, (*loc, key))
        for key in VALUE_KEYS
        if key in checked
    }
    if all(read[key] is checked[key] for key in read):
        return checked
    return {**checked, **read}


def _text_value(indicator: Indicator, value: Any, document: Document, loc: Loc) -> Any:
    if isinstance(value, str):
        if indicator.type == "boolean":
            return boolean_text(value)
        if indicator.type == "number":
            return number_text(value)
    elif type(value) is float and 1 <= abs(value) < 1000 and indicator.type == "number":
        raw = document.scalar_text(loc)
        if raw is not None and AMBIGUOUS_NUMBER.match(raw):
            return ambiguous_number(raw)
    return value


SUSPICIOUS_MIN_VALUES = 3
"""Fewer values than this on a goalpost, or at the bottom, can well be real."""


_SUSPICIONS = ("suspicious-goalposts", "placeholder-values")


def _suspicion(indicator: Indicator) -> tuple[str, tuple[Value, ...]] | None:
    """The warning a value of ``indicator`` counts towards, and the values that look
    copied or left blank: a number on a goalpost, a no, the lowest level."""
    if indicator.type == "number":
        goalposts = indicator.goalposts
        return None if goalposts is None else (_SUSPICIONS[0], (goalposts.worst, goalposts.best))
    if indicator.type == "boolean":
        return _SUSPICIONS[1], (False,)
    return _SUSPICIONS[1], (next(iter(indicator.level_scores)),)


def _suspicion_groups(criteria: Criteria) -> dict[str, list[tuple[str, frozenset[Value]]]]:
    """For each warning, in order, the addresses that count towards it and their odd values."""
    groups: dict[str, list[tuple[str, frozenset[Value]]]] = {code: [] for code in _SUSPICIONS}
    for address, (_, indicator) in criteria.addresses.items():
        found = _suspicion(indicator)
        if found is not None:
            groups[found[0]].append((address, frozenset(found[1])))
    return groups


def suspicious_rows(
    criteria: Criteria, columns: Mapping[str, Sequence[Value | None]]
) -> dict[int, tuple[tuple[str, int], ...]]:
    """The rows whose values are valid but look copied or left blank, with the warning
    and the count of values it is about: every number exactly on a goalpost, or every
    yes/no false and every level the lowest one (with at least
    ``SUSPICIOUS_MIN_VALUES`` of them). ``columns`` holds values by indicator address,
    None where absent; one row for a YAML document, one per line for a CSV table."""
    flagged: dict[int, list[tuple[str, int]]] = {}
    for code, addresses in _once(criteria, _suspicion_groups).items():
        group = [(columns[a], values) for a, values in addresses if a in columns]
        if len(group) < SUSPICIOUS_MIN_VALUES:
            continue
        # Per row, the values given and those that look odd, counted a column at a time
        # (C loops: a table of 100,000 rows has few rows to look at twice).
        given = map(sum, zip(*(map(is_not, c, repeat(None)) for c, _ in group), strict=True))
        odd = map(sum, zip(*(map(values.__contains__, c) for c, values in group), strict=True))
        for r, (count, odd_count) in enumerate(zip(given, odd, strict=True)):
            if count >= SUSPICIOUS_MIN_VALUES and odd_count == count:
                flagged.setdefault(r, []).append((code, count))
    return {r: tuple(found) for r, found in flagged.items()}


def _suspicion_problems(
    document: Document, flagged: Iterable[tuple[str, int]]
) -> Iterator[Problem]:
    line, column = document.position(("values",), at_key=True)
    for code, count in flagged:
        yield problem(
            document.path,
            code,
            line=line,
            column=column,
            severity="warning",
            loc=("values",),
            count=count,
        )


def _province(code: str, given: str | None, year: int | None) -> str:
    """The province given, else the registry's of ``year`` (else none)."""
    if given:
        return given
    known = registry_for(year).get(regency_code(code))
    return known.province if known else ""


def _submission(
    criteria: Criteria, parsed: BaseModel, document: Document, years: Collection[int]
) -> Submission:
    region: RegionModel = parsed.region  # type: ignore[attr-defined]
    claims: dict[str, Value] = {}
    checks: dict[str, Check] = {}
    values_model = parsed.values_  # type: ignore[attr-defined]
    for fi, factor in enumerate(criteria.factors):
        factor_values = getattr(values_model, f"f{fi}", None) if values_model else None
        if factor_values is None:
            continue
        for ii, indicator in enumerate(factor.indicators):
            value = getattr(factor_values, f"i{ii}")
            address = f"{factor.id}.{indicator.id}"
            if isinstance(value, BaseModel):
                line, column = document.position(("values", factor.id, indicator.id), at_key=True)
                checks[address] = _check(value, f"{document.path}:{line}:{column}")
                value = checks[address].claimed
            if value is not None:
                claims[address] = value
    values, verification = scored_values(criteria.value_basis, claims, checks or NO_CHECKS)
    return Submission(
        code=region.code,
        name=region.name,
        province=_province(
            region.code,
            region.province,
            regions_year(parsed.year, years),  # type: ignore[attr-defined]
        ),
        kind=region.kind,
        year=parsed.year,  # type: ignore[attr-defined]
        submitted=parsed.submitted,  # type: ignore[attr-defined]
        values=values,
        evidence=dict(parsed.evidence),  # type: ignore[attr-defined]
        path=document.path,
        document=document.index,
        verification=verification,
    )


def _check(checked: Any, at: str) -> Check:
    """A checked value as the core takes it (``_check_model``), written at ``at``."""
    evidence = checked.evidence
    return Check(
        claimed=checked.claimed,
        status=checked.status,
        verified=checked.verified,
        verified_by=checked.verified_by,
        note=checked.note,
        evidence=None
        if evidence is None
        else Evidence(evidence.document, evidence.link, evidence.page),
        at=at,
    )


# --- CSV submissions ---------------------------------------------------------------------------

REGION_COLUMNS: dict[str, Loc] = {
    "code": ("region", "code"),
    "name": ("region", "name"),
    "province": ("region", "province"),
    "kind": ("region", "kind"),
    "year": ("year",),
}
"""The columns of a CSV submission besides one per indicator address (SPEC section 2)."""

OPTIONAL_COLUMNS: dict[str, Loc] = {"submitted": ("submitted",)}
"""Columns a CSV submission may have that a template leaves out: ``submitted``, the date
that lets a revised submission replace an earlier one."""

_INTEGER = re.compile(r"^[+-]?\d{1,9}$", re.ASCII)


def csv_columns(criteria: Criteria) -> dict[str, Loc]:
    """Every column a CSV submission may have, and where its value goes in a document."""
    indicators = {address: ("values", f.id, i.id) for address, (f, i) in criteria.addresses.items()}
    return {**REGION_COLUMNS, **OPTIONAL_COLUMNS, **indicators}


def _required_columns(criteria: Criteria) -> list[str]:
    required = [address for address, (_, i) in criteria.addresses.items() if i.required]
    return ["code", "name", "kind", *required]


def _csv_header(
    criteria: Criteria, table: CsvTable | CsvStream
) -> tuple[dict[Loc, int], list[Problem]]:
    """Where each known column's values go, and the header's problems."""
    known = csv_columns(criteria)
    columns: dict[Loc, int] = {}
    problems: list[Problem] = []
    for column, name in enumerate(table.header, start=1):
        loc = known.get(name)
        if loc is not None:
            columns.setdefault(loc, column)  # a repeated column is reported by parse_csv
        elif name and _verification_column(criteria, name):
            problems.append(
                problem(
                    table.path,
                    "verification",
                    "verification-csv",
                    line=table.header_line,
                    column=column,
                    name=shown(name),
                )
            )
        elif name:
            problems.append(
                problem(
                    table.path,
                    "unknown-key",
                    "unknown-column",
                    line=table.header_line,
                    column=column,
                    name=shown(name),
                    hint=suggestion(name, list(known)),
                )
            )
    for name in _required_columns(criteria):
        if known[name] not in columns:
            problems.append(
                problem(
                    table.path,
                    "missing-value",
                    "missing-column",
                    line=table.header_line,
                    column=1,
                    name=name,
                )
            )
    return columns, problems


def _verification_column(criteria: Criteria, name: str) -> bool:
    """Whether a column names a key of a checked value (``budget.ict_budget_share.status``):
    verification is read from YAML only, so such a column is refused, never ignored."""
    address, _, key = name.rpartition(".")
    return key in CHECK_KEYS and address in criteria.addresses


def _typed_column(loc: Loc, indicator: Indicator | None, cells: tuple[str, ...]) -> list[Any]:
    """A column's cells typed for what they fill: None for an empty cell (an absent
    value), a boolean for a yes/no word, a float for a decimal number, an int for a
    year. Text that does not fit is passed on as text, so that the model reports it
    exactly as it would in YAML ('expected a number, got the text ...')."""
    if loc == ("year",):
        return [int(c) if _INTEGER.match(c) else (c or None) for c in cells]
    if indicator is None or indicator.type == "level":
        # One string object per distinct text: a pool repeats its levels, kinds and
        # provinces, and a cell of its own for each would be held as long as the pool.
        distinct: dict[str, str | None] = {"": None}
        return list(map(distinct.setdefault, cells, cells))
    if indicator.type == "boolean":
        words: dict[str, bool | None] = {**BOOLEAN_WORDS, **CSV_ONLY_WORDS, "": None}
        return list(map(words.get, cells, cells))
    numbers = _decimal_column(cells)
    if numbers is not None:
        return numbers
    # nan and inf are refused by the model (not-finite); 1e999 becomes inf, refused too.
    return [number_text(c) if c else None for c in cells]


_DECIMAL_CHARACTERS = b"0123456789.,+-eE\n"
_AMBIGUOUS_CELL = re.compile(AMBIGUOUS_NUMBER.pattern, re.MULTILINE)


def _decimal_column(cells: tuple[str, ...]) -> list[float | None] | None:
    """The column as floats (None for an empty cell) when every cell is a plain decimal
    that ``number_text`` reads as a number, else None. A cell made of digits, signs,
    points, commas and exponent marks only is one ``float()`` takes, its comma made a
    point, exactly when ``NUMBER`` matches it or it is ambiguous (the other spellings
    ``float()`` accepts need '_', white space or letters), so the whole column is
    checked in a few passes over its text instead of a match per cell."""
    joined = "\n".join(cells)
    if not joined.isascii() or joined.count("\n") != len(cells) - 1:
        return None  # a character outside ASCII, or a quoted line break in a cell
    if joined.encode("ascii").translate(None, _DECIMAL_CHARACTERS):
        return None
    if _AMBIGUOUS_CELL.search(joined):
        return None  # '1.234': refused cell by cell
    if "," in joined:
        cells = tuple(joined.replace(",", ".").split("\n"))
    try:
        if "" not in cells:
            return list(map(float, cells))
        return [float(c) if c else None for c in cells]
    except ValueError:  # '1e', '1.2.3', '1,2.3': left to the cell-by-cell reading
        return None


def _row_document(table: CsvTable | CsvStream, row: CsvRow, columns: dict[Loc, int]) -> CsvDocument:
    """A row seen as a document, to put its problems at their cells."""
    cells = {loc: _cell_text(row.cells[column - 1]) for loc, column in columns.items()}
    return CsvDocument(
        path=table.path,
        index=row.line,
        data=None,
        line=row.line,
        columns=columns,
        header=table.header,
        cells={loc: text for loc, text in cells.items() if text},
    )


def _cell_text(cell: object) -> str:
    """A cell as its text: a CSV cell is text; a workbook's may be a number or a boolean."""
    if isinstance(cell, str):
        return cell
    if cell is None:
        return ""
    if isinstance(cell, bool):
        return str(cell).lower()
    return repr(cell)


def _typed_cells(loc: Loc, indicator: Indicator | None, cells: Sequence[object]) -> list[Any]:
    """A column typed as ``_typed_column`` does. A workbook's cells may already be
    numbers or booleans (its text cells are typed as a CSV's are, by the same rules):
    a number fills a number (a year when it is whole) and names a level as its text (a
    list in a spreadsheet turns the level '2' into the number 2); anything else is left
    as it is, for the model to report as it would in YAML."""
    if all(type(cell) is str for cell in cells):
        return _typed_column(loc, indicator, cast(tuple[str, ...], tuple(cells)))
    at = [i for i, cell in enumerate(cells) if isinstance(cell, str)]
    texts = _typed_column(loc, indicator, tuple(cast(str, cells[i]) for i in at))
    typed: list[Any] = [_typed_value(loc, indicator, cell) for cell in cells]
    for i, value in zip(at, texts, strict=True):
        typed[i] = value
    return typed


def _typed_value(loc: Loc, indicator: Indicator | None, value: object) -> Any:
    if not isinstance(value, int | float) or isinstance(value, bool):
        return value
    if loc == ("year",):
        return int(value) if float(value).is_integer() else value
    if indicator is not None and indicator.type == "number":
        try:
            return float(value)
        except OverflowError:  # an integer beyond a float: not a finite number
            return float("inf")
    if indicator is not None and indicator.type == "level":
        return str(int(value)) if float(value).is_integer() else repr(value)
    return value


def _cell_problems(document: CsvDocument, problems: list[Problem]) -> list[Problem]:
    """Name the column of each problem in a CSV row."""
    named: list[Problem] = []
    for found in problems:
        name = document.column_name(found.loc)
        if name is None:
            named.append(found)
            continue
        detail = Msg(found.key, found.params)
        named.append(replace(found, key="in-column", params=(("detail", detail), ("name", name))))
    return named


def _no_rows(table: CsvTable | CsvStream, rows: int, problems: list[Problem]) -> list[Problem]:
    if rows or problems:
        return []
    # Only a header: a blank template, valid but submitting nothing (so say so).
    return [
        problem(table.path, "csv-no-rows", line=table.header_line, column=1, severity="warning")
    ]


Positioned = tuple[Submission, int, int]
"""A valid submission with the line and column of its region code."""


@dataclass
class FileRead:
    """What one file gave: its valid submissions, every problem in it, and the errors of
    each submission (document or row) left out; an error in none of those is the file's."""

    submissions: list[Positioned] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    rejected: list[tuple[Problem, ...]] = field(default_factory=list)
    sha256: str | None = None
    sheet: str = ""
    """The worksheet the submissions were read from, in a workbook."""


def _errors(problems: Iterable[Problem]) -> tuple[Problem, ...]:
    return tuple(p for p in problems if p.severity == "error")


CSV_BLOCK_ROWS = 4096
"""Rows of a CSV table read, typed and checked together: each block's cells are dropped
once its values are typed, so a large table is never held as text whole (100,000 rows
of the bundled criteria are nearly four million cells)."""


def read_csv(
    criteria: Criteria, source: SourceFile, years: Collection[int] | None = None
) -> FileRead:
    """The valid submissions of a CSV file, every problem in it, and its rows left out;
    ``years`` are as in ``validate_document``.

    The table is read a block of rows at a time (``CSV_BLOCK_ROWS``), and each block a
    column at a time: each column is typed, then validated in one call by the validator
    of its field in the submission model (``column_validators``), so a CSV value meets
    exactly the rules a YAML one does. The rules that span fields (``region_findings``)
    and the warnings about values (``suspicious_rows``) are the ones a YAML document goes
    through too. Only the typed values are kept, as columns of the whole table.
    """
    table, problems = stream_csv(source)
    if table is None:
        return FileRead(problems=problems)
    return read_table(criteria, table, problems, years)


def read_table(
    criteria: Criteria,
    table: CsvTable | CsvStream,
    problems: list[Problem],
    years: Collection[int] | None = None,
    *,
    typed_cells: bool = False,
) -> FileRead:
    """``read_csv`` of a table already read (by ``parse_csv``, or from a workbook's
    sheet) or being read (``stream_csv``), with the problems found while reading it (a
    stream's list is complete once its rows are). ``typed_cells``: the cells may be
    numbers and booleans besides text (a workbook's)."""
    columns, header_problems = _csv_header(criteria, table)
    typed: dict[Loc, list[Any]] = {loc: [] for loc in column_validators(criteria)}
    values = ValueColumns(
        {address: typed[("values", f.id, i.id)] for address, (f, i) in criteria.addresses.items()},
        0,
    )
    years = round_years(criteria) if years is None else years
    # A required column that is missing was said once, at the header; no row is whole.
    known = csv_columns(criteria)
    complete = all(known[name] in columns for name in _required_columns(criteria))
    block = _CsvBlock(criteria, table, columns, years, complete, values, typed_cells)
    table_rows = iter(table.rows)
    while rows := tuple(itertools.islice(table_rows, CSV_BLOCK_ROWS)):
        block.read(rows, typed)
    values.rows = len(typed[("year",)])
    # ``problems`` is now complete: a row with the wrong number of cells is left out by
    # the reader, a row of its own.
    rejected = [(p,) for p in problems if p.key == "csv-row-width"] + block.rejected
    problems = problems + header_problems + _no_rows(table, values.rows, problems) + block.problems
    return FileRead(block.valid, problems, rejected)


@dataclass
class _CsvBlock:
    """``read_csv``'s reading of each block of rows, and what it found in all of them."""

    criteria: Criteria
    table: CsvTable | CsvStream
    columns: dict[Loc, int]
    years: Collection[int]
    complete: bool
    values: ValueColumns
    typed_cells: bool
    valid: list[Positioned] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    rejected: list[tuple[Problem, ...]] = field(default_factory=list)

    def read(self, rows: tuple[CsvRow, ...], typed: dict[Loc, list[Any]]) -> None:
        """Type and check ``rows``, add their values to ``typed`` (the whole table's
        columns), and keep their submissions and problems."""
        criteria, columns = self.criteria, self.columns
        first = len(typed[("year",)])  # the table's row number of rows[0]
        by_column = list(zip(*(row.cells for row in rows), strict=True))
        block: dict[Loc, list[Any]] = {}
        errors: dict[int, list[ErrorDetails]] = {}
        for loc, validator in column_validators(criteria).items():
            column = columns.get(loc)
            if column is None:
                block[loc] = [None] * len(rows)  # absent, or missing and said once at the header
            else:
                address = f"{loc[1]}.{loc[2]}" if loc[0] == "values" else None
                indicator = None if address is None else criteria.addresses[address][1]
                cells = by_column[column - 1]
                block[loc] = (
                    _typed_cells(loc, indicator, cells)
                    if self.typed_cells
                    else _typed_column(loc, indicator, cells)
                )
                try:
                    validator.validate_python(block[loc])
                except ValidationError as exc:
                    for details in exc.errors():
                        errors.setdefault(int(details["loc"][0]), []).append(
                            {**details, "loc": loc}
                        )
            typed[loc] += block[loc]
        del by_column
        region = [block[("region", part)] for part in ("code", "name", "province", "kind")]
        suspicious = suspicious_rows(
            criteria,
            {
                address: block[("values", f.id, i.id)]
                for address, (f, i) in criteria.addresses.items()
            },
        )
        row_years = block[("year",)]
        code_column = columns.get(("region", "code"), 1)
        basis = criteria.value_basis
        for r, (row, code, name, province, kind) in enumerate(zip(rows, *region, strict=True)):
            regions = regions_year(row_years[r], self.years)
            findings = region_findings(code, name, province, kind, regions)
            flagged = suspicious.get(r, ())
            far = year_findings(row_years[r], self.years)
            if r in errors or findings or flagged or far:
                document = _row_document(self.table, row, columns)
                found = [
                    *_model_problems(criteria, document, errors.get(r, [])),
                    *placed(document, findings),
                ]
                found = _cell_problems(document, found)
                self.problems.extend(found)
                if _errors(found):
                    self.rejected.append(_errors(found))
                    continue
                self.problems.extend(_suspicion_problems(document, flagged))
                self.problems.extend(_cell_problems(document, placed(document, far)))
            if self.complete:
                # A table holds claims only (docs/verification.md): none is checked.
                values, verification = scored_values(
                    basis, RowValues(self.values, first + r), NO_CHECKS
                )
                submission = Submission(
                    code=code,
                    name=name,
                    province=_province(code, province, regions),
                    kind=kind,
                    year=row_years[r],
                    submitted=block[("submitted",)][r],
                    values=values,
                    path=self.table.path,
                    document=row.line,
                    verification=verification,
                )
                self.valid.append((submission, row.line, code_column))


# --- reading a batch ---------------------------------------------------------------------------


ProgressCallback = Callable[[int, int], None]
"""Called with (files done, files in all) after each file."""


def _read_file(
    criteria: Criteria, path: Path, display: str, max_bytes: int | None, years: frozenset[int]
) -> FileRead:
    """One input file read and validated."""
    try:
        source: SourceFile = read_source(path, max_bytes=max_bytes, display=display)
    except ProblemsError as exc:
        return FileRead(problems=exc.problems)
    try:
        if source.suffix == ".csv":
            read = read_csv(criteria, source, years)
        elif source.suffix in WORKBOOK_SUFFIXES:
            from smartcity_assess.reading.workbook import read_workbook  # needs openpyxl

            read = read_workbook(criteria, source, years)
        else:
            read = _read_yaml(criteria, source, years)
    except ProblemsError as exc:  # not text
        read = FileRead(problems=exc.problems)
    read.sha256 = source.sha256
    return read


def _read_yaml(criteria: Criteria, source: SourceFile, years: frozenset[int]) -> FileRead:
    documents, problems = parse_yaml(source)
    read = FileRead(problems=problems)
    for document in documents:
        submission, found = validate_document(criteria, document, years)
        read.problems.extend(found)
        if submission is not None:
            line, column = document.position(("region", "code"))
            read.submissions.append((submission, line, column))
        else:
            read.rejected.append(_errors(found))
        document.release()
    return read


def read_batch(
    criteria: Criteria,
    paths: Iterable[Path],
    *,
    max_bytes: int | None = None,
    progress: ProgressCallback | None = None,
    cohorts: Iterable[int] | None = None,
) -> Batch:
    """Read and validate every input under ``paths``; nothing is raised for bad files,
    every problem lands in ``Batch.problems`` (so all of them are reported at once).

    ``*.csv`` files are read as CSV submissions, ``*.xlsx`` workbooks as CSV tables (the
    ``xlsx`` extra), everything else as YAML. ``cohorts``
    are the years of the cohorts to fill (by default the criteria's): a submission's year
    far from all of them is a warning.
    """
    years = round_years(criteria, cohorts)
    batch = Batch()
    found = list(discover(paths))
    reads: list[tuple[str, FileRead]] = []
    for done, (path, display) in enumerate(found, start=1):
        reads.append((display, _read_file(criteria, path, display, max_bytes, years)))
        if progress is not None:
            progress(done, len(found))
    verdicts = _copies(reads)
    for display, read in reads:
        _add_file(batch, display, read, verdicts)
    batch.problems.sort()
    batch.skipped.sort(key=lambda s: (s.path, s.line or 0))
    batch.replaced.sort()
    return batch


def _where(display: str, sheet: str, line: int) -> str:
    """Where a submission is: ``file:line``, or ``file:Sheet!12:12`` in a workbook."""
    return f"{display}:{sheet_reference(sheet)}!{line}:{line}" if sheet else f"{display}:{line}"


@dataclass(frozen=True)
class _Copy:
    """One of a pool's submissions of a region, where it is."""

    display: str
    sheet: str
    line: int
    column: int
    submission: Submission

    def problem(self, code: str, key: str, **params: Any) -> Problem:
        severity: Literal["error", "warning"] = (
            "warning" if code == "revised-submission" else "error"
        )
        found = problem(
            self.display,
            code,
            key,
            line=self.line,
            column=self.column,
            severity=severity,
            loc=("region", "code"),
            code=self.submission.code,
            **params,
        )
        return replace(found, sheet=self.sheet) if self.sheet else found


_Verdict = tuple[Problem, Replaced | None]
"""What becomes of a copy that is not used: its problem (an error for a duplicate, a
warning for a replaced one) and, when replaced, the record the report lists."""


def _copies(reads: Sequence[tuple[str, FileRead]]) -> dict[int, _Verdict]:
    """The verdict on each submission of a region the pool holds more than once, by
    ``id`` of the submission (those not named are used). When every copy carries a
    ``submitted`` date and one date is later than all the others, that copy is used and
    each other one is replaced (a warning at it, naming the newer copy), whatever the
    order of the files; otherwise the first copy read is used and each later one is the
    ``duplicate-region`` error. A file with an error in none of its submissions is left
    out whole, and holds no copy."""
    by_code: dict[str, list[_Copy]] = defaultdict(list)
    for display, read in reads:
        if _whole_errors(read):
            continue
        for submission, line, column in read.submissions:
            by_code[submission.code].append(_Copy(display, read.sheet, line, column, submission))
    verdicts: dict[int, _Verdict] = {}
    for copies in by_code.values():
        if len(copies) < 2:
            continue
        dates = [c.submission.submitted for c in copies]
        latest = max((d for d in dates if d is not None), default=None)
        if latest is not None and None not in dates and dates.count(latest) == 1:
            newer = copies[dates.index(latest)]
            for old in copies:
                if old is newer:
                    continue
                warning = old.problem(
                    "revised-submission",
                    "revised-submission",
                    submitted=old.submission.submitted,
                    other=_where(newer.display, newer.sheet, newer.line),
                    newer=latest,
                )
                record = Replaced(
                    old.submission.code,
                    old.display,
                    old.line,
                    old.submission.submitted or "",
                    newer.display,
                    newer.line,
                    latest,
                )
                verdicts[id(old.submission)] = (warning, record)
            continue
        first = copies[0]
        for later in copies[1:]:
            twice = later.problem(
                "duplicate-region",
                "duplicate-region",
                other=_where(first.display, first.sheet, first.line),
            )
            verdicts[id(later.submission)] = (twice, None)
    return verdicts


def _whole_errors(read: FileRead) -> list[Problem]:
    """The file's errors in none of its submissions (they leave the whole file out)."""
    in_submissions = {p for errors in read.rejected for p in errors}
    return [p for p in _errors(read.problems) if p not in in_submissions]


def _add_file(batch: Batch, display: str, read: FileRead, verdicts: Mapping[int, _Verdict]) -> None:
    """One file's submissions, problems and what it leaves out, added to ``batch``. An
    error in none of its submissions leaves the whole file out; otherwise only the
    submissions with errors are, a region submitted twice included (``_copies``), and
    a replaced one is listed in ``batch.replaced``."""
    if read.sha256 is not None:
        batch.inputs.append((display, read.sha256))
    batch.problems.extend(read.problems)
    whole = _whole_errors(read)
    kept: list[Submission] = []
    for submission, _, _ in read.submissions:
        verdict = verdicts.get(id(submission))
        if verdict is None:
            kept.append(submission)
            continue
        found, record = verdict
        batch.problems.append(found)
        if record is None:
            read.rejected.append((found,))
        elif not whole:
            batch.replaced.append(record)
    if whole:
        batch.skipped.append(Skipped(display, None, tuple(sorted(_errors(read.problems)))))
        return
    batch.submissions.extend(kept)
    for errors in map(sorted, read.rejected):
        batch.skipped.append(Skipped(display, errors[0].line, tuple(errors)))
