"""Regional submissions: models specialised to the criteria, and every rule about them.

The pydantic model of a submission is built from the criteria, one field per factor and
indicator, so that unknown ids, wrong types, unknown levels and out-of-range numbers are
all caught by one validation pass (and the same model gives the JSON Schema).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from itertools import compress, pairwise, repeat
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, create_model

from smartcity_assess.criteria import Criteria, Indicator, SchemaVersion
from smartcity_assess.errors import ProblemsError
from smartcity_assess.i18n import Msg
from smartcity_assess.loading import (
    CsvDocument,
    CsvRow,
    CsvTable,
    Document,
    SourceFile,
    decode_text,
    discover,
    parse_csv,
    parse_yaml,
    read_source,
)
from smartcity_assess.problems import Loc, Problem, problem, shown
from smartcity_assess.registry import kind_for_code, registry, same_name, same_province
from smartcity_assess.validation import describe, problem_from_error, suggestion
from smartcity_assess.workers import can_fork, forked_map, worker_count

CODE_PATTERN = re.compile(r"^\d{2}\.\d{2}(?:\.\d{2}(?:\.\d{4})?)?$", re.ASCII)
"""Kemendagri code of a kabupaten/kota, ``PP.RR``; a programme below that level may use the
codes of its sub-units, ``PP.RR.SS`` (kecamatan) or ``PP.RR.SS.DDDD`` (desa/kelurahan).
ASCII digits only, matched whole (``fullmatch``: ``$`` alone would let a final line break
through); the text is also the JSON Schema's pattern."""


def regency_code(code: str) -> str:
    """The kabupaten/kota a code belongs to: ``32.12`` for ``32.12.05.2001``."""
    return code[:5]


SHORT_CODE = re.compile(r"^\d{2}\.\d$")
Value = bool | str | float


class RegionModel(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)
    code: str
    name: str
    province: str | None = None
    kind: Literal["kabupaten", "kota"]


class ValueColumns:
    """The values of many submissions, one list per indicator address with None where a
    value is absent: what a CSV read a column at a time gives. Each row's submission
    sees its values through a ``RowValues``, so a large table is held as columns, not
    as a dictionary per region, and scoring takes the columns as they are.

    A row that was read the full way (it had something to report) has no ``RowValues``,
    and its cells may hold a marker of the quick reading rather than a value: read only
    the rows that ``RowValues`` point at."""

    __slots__ = ("columns", "rows")

    def __init__(self, columns: dict[str, list[Value | None]], rows: int) -> None:
        self.columns = columns
        self.rows = rows


class RowValues(Mapping[str, Value]):
    """One row of a ``ValueColumns``: its values by address, absent ones left out (the
    same mapping a dictionary of them would be)."""

    __slots__ = ("row", "table")

    def __init__(self, table: ValueColumns, row: int) -> None:
        self.table = table
        self.row = row

    def __getitem__(self, address: str) -> Value:
        value = self.table.columns[address][self.row]
        if value is None:
            raise KeyError(address)
        return value

    def __iter__(self) -> Iterator[str]:
        row = self.row
        return (a for a, column in self.table.columns.items() if column[row] is not None)

    def __len__(self) -> int:
        row = self.row
        return sum(column[row] is not None for column in self.table.columns.values())

    def __repr__(self) -> str:
        return repr(dict(self))


@dataclass(frozen=True, slots=True)
class Submission:
    """One region's validated submission: values by indicator address, absent ones left out."""

    code: str
    name: str
    province: str
    kind: str
    year: int | None
    values: Mapping[str, Value]
    evidence: dict[str, str] = field(default_factory=dict)
    path: str = ""
    document: int = 1


@dataclass
class Batch:
    """What reading a set of inputs gave: submissions, problems, and each file's checksum."""

    submissions: list[Submission] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    inputs: list[tuple[str, str]] = field(default_factory=list)  # (path, sha256)
    invalid_paths: list[str] = field(default_factory=list)

    @property
    def file_count(self) -> int:
        """Files read, those that could not be read at all included."""
        read = {path for path, _ in self.inputs}
        return len(read) + len([p for p in self.invalid_paths if p not in read])

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "warning"]

    def valid_submissions(self) -> list[Submission]:
        """The submissions of files without any error (what ``--skip-invalid`` keeps:
        a file is skipped whole, never half-read)."""
        invalid = set(self.invalid_paths)
        return [s for s in self.submissions if s.path not in invalid]

    def skipped(self) -> list[tuple[str, int]]:
        """``(path, number of errors)`` of each invalid file, by path."""
        counts = dict.fromkeys(self.invalid_paths, 0)
        for p in self.errors:
            if p.path in counts:
                counts[p.path] += 1
        return sorted(counts.items())

    def contents(self) -> list[tuple[str, tuple[str, ...]]]:
        """``(sha256, region codes)`` of each file without errors, sorted: what was read,
        independent of the files' names and order."""
        invalid = set(self.invalid_paths)
        codes: dict[str, list[str]] = {}
        for s in self.submissions:
            codes.setdefault(s.path, []).append(s.code)
        return sorted(
            (sha, tuple(sorted(codes.get(path, []))))
            for path, sha in self.inputs
            if path not in invalid
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


_STRICT = ConfigDict(extra="forbid", strict=True, frozen=True)


_MODELS: dict[int, tuple[Criteria, type[BaseModel]]] = {}


def submission_model(criteria: Criteria) -> type[BaseModel]:
    """The pydantic model of a submission for ``criteria`` (aliases are the real ids).

    Built once per criteria object; the cache keeps the criteria alive so its id stays
    unique.
    """
    cached = _MODELS.get(id(criteria))
    if cached is None:
        cached = _MODELS[id(criteria)] = (criteria, _build_model(criteria))
    return cached[1]


def _build_model(criteria: Criteria) -> type[BaseModel]:
    factor_fields: dict[str, Any] = {}
    any_required = False
    for fi, factor in enumerate(criteria.factors):
        fields: dict[str, Any] = {}
        for ii, indicator in enumerate(factor.indicators):
            kind = _value_type(indicator)
            description = indicator.description.en if indicator.description else None
            if indicator.required:
                spec = Field(alias=indicator.id, description=description)
            else:
                kind = kind | None
                spec = Field(None, alias=indicator.id, description=description)
            fields[f"i{ii}"] = (kind, spec)
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
        year=(Annotated[int, Field(ge=1900, le=2200)] | None, None),
        values_=(values if any_required else values | None, values_spec),
        evidence=(dict[str, str], {}),
    )


def _keys_at(criteria: Criteria, loc: Loc) -> list[str]:
    if loc == ():
        return ["schema_version", "criteria", "region", "year", "values", "evidence"]
    if loc == ("region",):
        return list(RegionModel.model_fields)
    if loc == ("values",):
        return [f.id for f in criteria.factors]
    if len(loc) == 2 and loc[0] == "values":
        for factor in criteria.factors:
            if factor.id == loc[1]:
                return [i.id for i in factor.indicators]
    return []


# --- validating one document ------------------------------------------------------------------


def _positioned(document: Document, code: str, key: str, loc: Loc, /, **params: Any) -> Problem:
    line, column = document.position(loc)
    return problem(document.path, code, key, line=line, column=column, loc=loc, **params)


def _model_problems(
    criteria: Criteria, document: Document, error: ValidationError
) -> Iterator[Problem]:
    for details in error.errors():
        loc: Loc = tuple(details["loc"])
        blank = details["type"] != "missing" and details.get("input", 0) is None
        if blank and _required_at(criteria, loc):
            # An empty value (``key:`` in YAML) is an absent one, not one of the wrong
            # type: a blank template reports each required value as missing, in place.
            yield _positioned(document, "missing-value", "missing-value", loc, key=loc[-1])
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
        if loc[:1] == ("values",) and len(loc) == 3:
            indicator = criteria.addresses.get(f"{loc[1]}.{loc[2]}", (None, None))[1]
            if indicator is not None and found.code == "invalid-choice":
                allowed = ", ".join(indicator.level_scores)
                value = details.get("input")
                raw = document.scalar_text(loc)
                if isinstance(value, bool) and raw is not None:
                    yield _positioned(
                        document,
                        "unknown-level",
                        "yaml11-bool",
                        loc,
                        expected=Msg.of("one-of", allowed=allowed),
                        got=describe(value),
                        raw=raw,
                    )
                else:
                    yield _positioned(
                        document,
                        "unknown-level",
                        "unknown-level",
                        loc,
                        value=shown(str(value)),
                        allowed=allowed,
                    )
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


def _rule_problems(criteria: Criteria, document: Document) -> Iterator[Problem]:
    """Rules that span fields; they read the raw data defensively, so they run even
    when the model found other problems (every problem is reported in one run)."""
    data: dict[str, Any] = document.data
    given = data.get("criteria")
    if isinstance(given, str) and given != criteria.id:
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
    if not isinstance(region, dict):
        return
    code = region.get("code")
    if not isinstance(code, str) or not CODE_PATTERN.fullmatch(code):
        if isinstance(code, str):
            # '32.1': a spreadsheet took 32.10 for a number and dropped the zero.
            key = "region-code-short" if SHORT_CODE.match(code) else "region-code"
            yield _positioned(document, "region-code", key, ("region", "code"), got=describe(code))
        return
    expected_kind = kind_for_code(code)
    kind = region.get("kind")
    if expected_kind is None:
        yield _positioned(
            document, "region-code", "region-code", ("region", "code"), got=describe(code)
        )
    elif kind in ("kabupaten", "kota") and kind != expected_kind:
        yield _positioned(
            document,
            "region-kind",
            "region-kind",
            ("region", "kind"),
            kind=kind,
            code=code,
            expected=expected_kind,
            rule=Msg.of("region-kind-rule"),
        )
    known = registry().get(regency_code(code))
    is_sub_unit = len(code) > 5
    name, province = region.get("name"), region.get("province")
    if known is None:
        yield _warning(document, "registry-unknown", ("region", "code"), code=code)
        if province is None:
            yield _positioned(
                document, "missing-value", "province-required", ("region",), code=code
            )
        return
    if isinstance(name, str) and not is_sub_unit and not same_name(name, known.name):
        yield _warning(
            document,
            "registry-name",
            ("region", "name"),
            given=shown(name),
            code=code,
            expected=known.name,
        )
    if isinstance(province, str) and not same_province(province, known.province):
        yield _warning(
            document,
            "registry-province",
            ("region", "province"),
            given=shown(province),
            code=code,
            expected=known.province,
        )


def _warning(document: Document, code: str, loc: Loc, /, **params: Any) -> Problem:
    line, column = document.position(loc)
    return problem(
        document.path, code, code, line=line, column=column, severity="warning", loc=loc, **params
    )


def validate_document(
    criteria: Criteria, document: Document
) -> tuple[Submission | None, list[Problem]]:
    """A ``Submission`` (None if there is any error) and every problem in the document."""
    if not isinstance(document.data, dict):
        return None, [
            _positioned(document, "wrong-type", "not-mapping", (), got=describe(document.data))
        ]
    model = submission_model(criteria)
    problems: list[Problem] = []
    parsed: BaseModel | None = None
    try:
        parsed = model.model_validate(document.data)
    except ValidationError as exc:
        problems.extend(_model_problems(criteria, document, exc))
    problems.extend(_rule_problems(criteria, document))
    if isinstance(document, CsvDocument):
        problems = _cell_problems(document, problems)
    if parsed is None or any(p.severity == "error" for p in problems):
        return None, problems
    submission = _submission(criteria, parsed, document)
    problems.extend(suspicious_values(criteria, submission, document))
    return submission, problems


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


def suspicious_values(
    criteria: Criteria, submission: Submission, document: Document
) -> Iterator[Problem]:
    """Warnings about values that are valid but look copied or left blank: every number
    exactly on a goalpost, or every yes/no false and every level the lowest one (with at
    least ``SUSPICIOUS_MIN_VALUES`` of them)."""
    given = dict.fromkeys(_SUSPICIONS, 0)
    odd = dict.fromkeys(_SUSPICIONS, 0)
    for address, value in submission.values.items():
        found = _suspicion(criteria.addresses[address][1])
        if found is not None:
            given[found[0]] += 1
            odd[found[0]] += value in found[1]
    line, column = document.position(("values",), at_key=True)
    for code in _SUSPICIONS:
        if given[code] >= SUSPICIOUS_MIN_VALUES and odd[code] == given[code]:
            yield problem(
                document.path,
                code,
                line=line,
                column=column,
                severity="warning",
                loc=("values",),
                count=given[code],
            )


def _submission(criteria: Criteria, parsed: BaseModel, document: Document) -> Submission:
    region: RegionModel = parsed.region  # type: ignore[attr-defined]
    values: dict[str, Value] = {}
    values_model = parsed.values_  # type: ignore[attr-defined]
    for fi, factor in enumerate(criteria.factors):
        factor_values = getattr(values_model, f"f{fi}", None) if values_model else None
        if factor_values is None:
            continue
        for ii, indicator in enumerate(factor.indicators):
            value = getattr(factor_values, f"i{ii}")
            if value is not None:
                values[f"{factor.id}.{indicator.id}"] = value
    known = registry().get(regency_code(region.code))
    province = region.province or (known.province if known else "")
    return Submission(
        code=region.code,
        name=region.name,
        province=province,
        kind=region.kind,
        year=parsed.year,  # type: ignore[attr-defined]
        values=values,
        evidence=dict(parsed.evidence),  # type: ignore[attr-defined]
        path=document.path,
        document=document.index,
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

_TRUE_WORDS = frozenset({"true", "yes", "ya", "1"})
_FALSE_WORDS = frozenset({"false", "no", "tidak", "0"})
_INTEGER = re.compile(r"^[+-]?\d{1,9}$", re.ASCII)
_NUMBER = re.compile(
    r"^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$|^[+-]?(nan|inf|infinity)$", re.IGNORECASE | re.ASCII
)
"""A number cell: decimal digits with an optional exponent, or nan/inf (which the model
refuses by name). Python's float() also takes '1_000' and non-ASCII digits; a CSV does not."""


def csv_columns(criteria: Criteria) -> dict[str, Loc]:
    """Every column a CSV submission may have, and where its value goes in a document."""
    indicators = {address: ("values", f.id, i.id) for address, (f, i) in criteria.addresses.items()}
    return {**REGION_COLUMNS, **indicators}


def _required_columns(criteria: Criteria) -> list[str]:
    required = [address for address, (_, i) in criteria.addresses.items() if i.required]
    return ["code", "name", "kind", *required]


def _csv_header(criteria: Criteria, table: CsvTable) -> tuple[dict[Loc, int], list[Problem]]:
    """Where each known column's values go, and the header's problems."""
    known = csv_columns(criteria)
    columns: dict[Loc, int] = {}
    problems: list[Problem] = []
    for column, name in enumerate(table.header, start=1):
        loc = known.get(name)
        if loc is not None:
            columns.setdefault(loc, column)  # a repeated column is reported by parse_csv
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


def _row_document(
    criteria: Criteria, table: CsvTable, row: CsvRow, columns: dict[Loc, int]
) -> CsvDocument:
    region: dict[str, Any] = {}
    values: dict[str, dict[str, Any]] = {factor.id: {} for factor in criteria.factors}
    data: dict[str, Any] = {"schema_version": 1, "region": region, "values": values}
    cells: dict[Loc, str] = {}
    for loc, column in columns.items():
        text = row.cells[column - 1]
        if not text:
            continue  # an empty cell is an absent value
        cells[loc] = text
        if loc[0] == "region":
            region[str(loc[1])] = text
        elif loc == ("year",):
            data["year"] = int(text) if _INTEGER.match(text) else text
        else:
            factor_id, indicator_id = str(loc[1]), str(loc[2])
            indicator = criteria.addresses[f"{factor_id}.{indicator_id}"][1]
            values[factor_id][indicator_id] = _cell_value(indicator, text)
    return CsvDocument(
        path=table.path,
        index=row.line,
        data=data,
        line=row.line,
        columns=columns,
        header=table.header,
        cells=cells,
    )


def _cell_value(indicator: Indicator, text: str) -> Any:
    """A cell typed for its indicator. Text that does not fit is passed on as text, so
    the model reports it exactly as it would in YAML ('expected a number, got ...')."""
    if indicator.type == "boolean":
        folded = text.casefold()
        if folded in _TRUE_WORDS:
            return True
        if folded in _FALSE_WORDS:
            return False
        return text
    if indicator.type == "number":
        # nan and inf are refused by the model (not-finite); 1e999 becomes inf, refused too.
        return float(text) if _NUMBER.match(text) else text
    return text


def _cell_problems(document: CsvDocument, problems: list[Problem]) -> list[Problem]:
    """Name the column of each problem in a CSV row. A required value missing because
    its whole column is missing was reported once, at the header, and is dropped here."""
    named: list[Problem] = []
    for found in problems:
        name = document.column_name(found.loc)
        if name is None:
            if found.key != "missing-value":
                named.append(found)
            continue
        detail = Msg(found.key, found.params)
        named.append(replace(found, key="in-column", params=(("detail", detail), ("name", name))))
    return named


def _no_rows(table: CsvTable, problems: list[Problem]) -> list[Problem]:
    if table.rows or problems:
        return []
    # Only a header: a blank template, valid but submitting nothing (so say so).
    return [
        problem(table.path, "csv-no-rows", line=table.header_line, column=1, severity="warning")
    ]


Positioned = tuple[Submission, int, int]
"""A valid submission with the line and column of its region code."""


def read_csv(
    criteria: Criteria, source: SourceFile, *, columnar: bool = True, split: bool = True
) -> tuple[list[Positioned], list[Problem]]:
    """The valid submissions of a CSV file and every problem in it.

    Rows are first read a column at a time (``_quick_rows``); only the rows that have
    something to report, or that it is unsure of, are validated one by one as documents.
    ``columnar=False`` validates every row one by one (the reference the tests hold the
    quick reading to). A large file is read in parts, one per core, by forked workers
    (``split=False`` reads it here, in one piece; the result is the same).
    """
    parts = _csv_parts(source) if columnar and split else None
    if parts is not None:
        found = _read_parts(criteria, source, parts)
        if found is not None:
            return found
    reading = _read_csv_part(criteria, source, columnar=columnar)
    return reading.valid(), reading.problems


@dataclass
class _CsvReading:
    """What reading a CSV file (or a part of one) gave, as plain data a worker can send
    back: the rows taken a column at a time as columns, the rows read one by one as
    they came out, every problem, and how many rows there were."""

    quick: _QuickRows | None
    others: list[Positioned]
    problems: list[Problem]
    rows: int

    def valid(self) -> list[Positioned]:
        """Every valid submission, in row order."""
        found = [*(self.quick.positioned() if self.quick else ()), *self.others]
        found.sort(key=_line_of)  # two runs, each in line order: one merge
        return found

    @property
    def stopped(self) -> bool:
        """It ended at a CSV syntax error, after which a whole file is not read."""
        return any(p.code == "csv-syntax" and p.key == "csv-syntax" for p in self.problems)


def _line_of(found: Positioned) -> int:
    return found[1]


def _read_csv_part(
    criteria: Criteria,
    source: SourceFile,
    *,
    columnar: bool = True,
    row_offset: int = 0,
    part: int | None = None,
) -> _CsvReading:
    """``read_csv`` of a whole file; or of the header and a run of its lines,
    ``row_offset`` lines on, which is part number ``part``. What is said of the header
    is said by the first part, and a file without rows is never split."""
    table, problems = parse_csv(source, row_offset=row_offset)
    if table is None:
        return _CsvReading(None, [], problems, 0)
    columns, header_problems = _csv_header(criteria, table)
    if part is None:
        problems = problems + header_problems + _no_rows(table, problems)
    elif part == 0:
        problems = problems + header_problems
    else:  # the header's own problems (an empty or repeated column) are the first part's
        problems = [p for p in problems if p.line != table.header_line]
    quick = None
    taken = [False] * len(table.rows)
    if columnar and ("region", "code") in columns:
        quick = _quick_rows(criteria, table, columns)
        taken = quick.taken()
    others: list[Positioned] = []
    for row, done in zip(table.rows, taken, strict=True):
        if done:
            continue
        document = _row_document(criteria, table, row, columns)
        submission, found = validate_document(criteria, document)
        problems.extend(found)
        if submission is not None:
            others.append((submission, *document.position(("region", "code"))))
    return _CsvReading(quick, others, problems, len(table.rows))


# --- a large CSV file in parts -----------------------------------------------------------------

SPLIT_FROM = 1 << 22
"""CSV files of at least this many bytes (4 MiB, some 20,000 rows) are read in parts."""


def _csv_parts(source: SourceFile) -> list[tuple[int, int]] | None:
    """Where to cut a large CSV file: one ``(start, end)`` byte range of whole lines
    after the header for each core. None when it is small, when only this process can
    read, or when a line need not be a row: a quoted cell may hold a line break, and a
    header not on the first line (after a line ``parse_csv`` skips as blank) or a
    carriage return would shift the count."""
    raw = source.raw
    if len(raw) < SPLIT_FROM or not can_fork() or b'"' in raw or b"\r" in raw:
        return None
    body = raw.find(b"\n") + 1
    try:
        first = raw[:body].decode("utf-8-sig")
    except UnicodeDecodeError:
        return None  # reported, with its place, by the reading in one piece
    if body == 0 or not any(map(str.strip, first.split(","))):
        return None  # what parse_csv skips as blank (",,,", a BOM, white space) is no header
    # One part per worker, each of at least SPLIT_FROM / 2 bytes.
    count = max(1, min(worker_count(), len(raw) // max(1, SPLIT_FROM // 2)))
    cuts = [body]
    for k in range(1, count):
        at = raw.find(b"\n", max(cuts[-1], body + (len(raw) - body) * k // count)) + 1
        if at == 0:
            break
        cuts.append(at)
    cuts.append(len(raw))
    parts = [(start, end) for start, end in pairwise(cuts) if start < end]
    return parts if len(parts) > 1 else None


def _read_parts(
    criteria: Criteria, source: SourceFile, parts: list[tuple[int, int]]
) -> tuple[list[Positioned], list[Problem]] | None:
    """``read_csv`` of a large file, its parts read by forked workers; None when the
    file must be read in one piece after all: a part met a CSV syntax error (a whole
    file stops there) or the file has no rows."""
    raw, display = source.raw, source.display
    header = raw[: parts[0][0]]
    decode_text(source)  # an encoding problem is reported for the whole file, here

    def read(number: int) -> _CsvReading:
        start, end = parts[number]
        offset = raw.count(b"\n", 0, start) - 1  # lines before the part, less the header
        chunk = SourceFile(display, header + raw[start:end])
        return _read_csv_part(criteria, chunk, row_offset=offset, part=number)

    readings = list(forked_map(read, range(len(parts))))
    if any(reading.stopped for reading in readings) or not any(r.rows for r in readings):
        return None
    # The parts come in order, so their rows do too.
    valid = [found for reading in readings for found in reading.valid()]
    return valid, [p for reading in readings for p in reading.problems]


# --- CSV submissions, a column at a time ---------------------------------------------------------

_BAD = object()
"""A cell the quick reading cannot take as it stands: its row is read the full way."""
_BOOLEAN_CELLS: dict[str, bool | None] = {
    **dict.fromkeys(_TRUE_WORDS, True),
    **dict.fromkeys(_FALSE_WORDS, False),
    "": None,
}
_LARGEST = 1.7976931348623157e308
_NUMBER_CHARACTERS = b"0123456789.+-eE\n"


def _plain_numbers(cells: tuple[str, ...]) -> list[float | None] | None:
    """A column of plain decimal numbers and empty cells as floats (None for empty), or
    None if any cell is anything else.

    Made of digits, signs, points and exponents only (one C pass over the column's
    bytes), a cell is one ``float()`` takes exactly when ``_NUMBER`` matches it: the
    other spellings ``float()`` accepts need '_', white space or letters (inf, nan)."""
    joined = "\n".join(cells)
    if joined.count("\n") != len(cells) - 1 or not joined.isascii():
        return None  # a quoted line break in a cell, or a character outside ASCII
    if joined.encode("ascii").translate(None, _NUMBER_CHARACTERS):
        return None
    try:
        if "" not in cells:
            return list(map(float, cells))
        return [float(c) if c else None for c in cells]
    except ValueError:
        return None


def _quick_column(indicator: Indicator, cells: tuple[str, ...]) -> list[Any]:
    """Each cell's value as the full reading would give it, None for an empty cell, or
    ``_BAD`` for anything the full reading must look at (and report, or accept).

    The common cases run as C loops (``map`` over a dictionary or ``float``); a column
    with anything unusual in it is looked at cell by cell."""
    if indicator.type == "boolean":
        return list(map(_BOOLEAN_CELLS.get, map(str.casefold, cells), repeat(_BAD)))
    if indicator.type == "level":
        levels: dict[str, str | None] = {level: level for level in indicator.level_scores}
        levels[""] = None
        return list(map(levels.get, cells, repeat(_BAD)))
    valid = indicator.valid
    low = -_LARGEST if valid is None or valid.min is None else max(valid.min, -_LARGEST)
    high = _LARGEST if valid is None or valid.max is None else min(valid.max, _LARGEST)
    numbers: list[Any] | None = _plain_numbers(cells)
    # Plain decimals are never nan; 1e999 (inf) is out of range, as is a value beyond
    # the bounds, and both are looked at one by one below.
    if numbers and None not in numbers and low <= min(numbers) and max(numbers) <= high:
        return numbers
    if numbers is None:
        numbers = [float(c) if c and _NUMBER.match(c) else (None if not c else _BAD) for c in cells]
    # nan and inf (1e999) fail both comparisons; so does anything out of range.
    return [v if v is None or v is _BAD or low <= v <= high else _BAD for v in numbers]


@dataclass
class _QuickRows:
    """The rows of a CSV table that the column-at-a-time reading took, as columns:
    which rows, their lines and region fields, and their values (``ValueColumns``).
    Plain data, cheap to send back from a worker; ``positioned`` makes the
    submissions."""

    path: str
    values: ValueColumns
    code_column: int
    rows: list[int] = field(default_factory=list)
    """Which of the table's rows were taken."""
    lines: list[int] = field(default_factory=list)
    codes: list[str] = field(default_factory=list)
    names: list[str] = field(default_factory=list)
    provinces: list[str] = field(default_factory=list)
    kinds: list[str] = field(default_factory=list)
    years: list[int | None] = field(default_factory=list)

    def taken(self) -> list[bool]:
        """For each of the table's rows, whether it was taken."""
        found = [False] * self.values.rows
        for row in self.rows:
            found[row] = True
        return found

    def positioned(self) -> Iterator[Positioned]:
        """Each taken row's submission, with the line and column of its code."""
        fields = zip(
            self.rows,
            self.lines,
            self.codes,
            self.names,
            self.provinces,
            self.kinds,
            self.years,
            strict=True,
        )
        for row, line, code, name, province, kind, year in fields:
            submission = Submission(
                code=code,
                name=name,
                province=province,
                kind=kind,
                year=year,
                values=RowValues(self.values, row),
                path=self.path,
                document=line,
            )
            yield submission, line, self.code_column


def _quick_rows(criteria: Criteria, table: CsvTable, columns: dict[Loc, int]) -> _QuickRows:
    """The rows of a CSV submission read a column at a time: every row but those that
    have anything to report (an error or a warning) or anything unusual, which the full
    reading then handles one row at a time, as before. A row taken here is one the full
    reading would accept without a word and turn into the very same submission (tests
    hold the two readings to that), so messages stay exactly those of the row-by-row
    reading.
    """
    rows = len(table.rows)
    none_taken = _QuickRows(table.path, ValueColumns({}, rows), columns[("region", "code")])
    if not rows:
        return none_taken
    by_column = list(zip(*(row.cells for row in table.rows), strict=True))

    def cells(loc: Loc) -> tuple[str, ...]:
        column = columns.get(loc)
        return by_column[column - 1] if column is not None else ("",) * rows

    ok = [True] * rows
    values: list[tuple[str, list[Any]]] = []
    for address, loc in csv_columns(criteria).items():
        if loc[0] != "values":
            continue
        indicator = criteria.addresses[address][1]
        if loc not in columns and indicator.required:
            return none_taken  # reported once, at the header
        if loc in columns:
            values.append((address, _quick_column(indicator, cells(loc))))
            _mark_missing(values[-1][1], indicator.required, ok)
    years = _quick_years(cells(("year",)), ok)
    codes, names, kinds = (
        cells(("region", "code")),
        cells(("region", "name")),
        cells(("region", "kind")),
    )
    provinces = _quick_regions(codes, names, cells(("region", "province")), kinds, ok)
    _mark_suspicious(criteria, values, ok)

    # A row not taken here may hold _BAD cells; no RowValues ever reads them.
    return _QuickRows(
        table.path,
        ValueColumns(dict(values), rows),
        columns[("region", "code")],
        rows=list(compress(range(rows), ok)),
        lines=list(compress([row.line for row in table.rows], ok)),
        codes=list(compress(codes, ok)),
        names=list(compress(names, ok)),
        provinces=list(compress(provinces, ok)),
        kinds=list(compress(kinds, ok)),
        years=list(compress(years, ok)),
    )


def _mark_missing(column: list[Any], required: bool, ok: list[bool]) -> None:
    """Leave to the full reading each row whose cell could not be taken, or is empty
    where a value is required."""
    # list.count runs in C; most columns have nothing to look at twice.
    if column.count(_BAD) or (required and column.count(None)):
        for r, value in enumerate(column):
            if value is _BAD or (value is None and required):
                ok[r] = False


def _quick_years(cells: tuple[str, ...], ok: list[bool]) -> list[int | None]:
    """Each row's year (None when empty); a row whose year the model would refuse is
    left to the full reading."""
    years: list[int | None] = []
    for r, text in enumerate(cells):
        if text and _INTEGER.match(text) and 1900 <= int(text) <= 2200:
            years.append(int(text))
        else:
            years.append(None)
            ok[r] = ok[r] and not text
    return years


def _quick_regions(
    codes: tuple[str, ...],
    names: tuple[str, ...],
    provinces: tuple[str, ...],
    kinds: tuple[str, ...],
    ok: list[bool],
) -> list[str]:
    """Each row's province (as given, or the registry's); a row that ``_rule_problems``
    would say anything about (an unknown or malformed code, a kind that does not fit it,
    a name or province unlike the registry's) is left to the full reading."""
    known = registry()
    same_names: dict[tuple[str, str], bool] = {}  # pools repeat names and provinces
    same_provinces: dict[tuple[str, str], bool] = {}
    found: list[str] = []
    for r, (code, name, province, kind) in enumerate(
        zip(codes, names, provinces, kinds, strict=True)
    ):
        region = known.get(code[:5]) if CODE_PATTERN.fullmatch(code) else None
        if region is None or not name or kind != kind_for_code(code):
            ok[r] = False
            found.append("")
            continue
        if len(code) == 5 and (code, name) not in same_names:
            same_names[(code, name)] = same_name(name, region.name)
        if province and (region.code, province) not in same_provinces:
            same_provinces[(region.code, province)] = same_province(province, region.province)
        if (len(code) == 5 and not same_names[(code, name)]) or (
            province and not same_provinces[(region.code, province)]
        ):
            ok[r] = False
        found.append(province or region.province)
    return found


def _mark_suspicious(
    criteria: Criteria, values: list[tuple[str, list[Any]]], ok: list[bool]
) -> None:
    """Leave to the full reading every row that ``suspicious_values`` would warn about."""
    groups: dict[str, list[tuple[list[Any], tuple[Value, ...]]]] = {}
    for address, column in values:
        found = _suspicion(criteria.addresses[address][1])
        if found is not None:
            groups.setdefault(found[0], []).append((column, found[1]))
    for group in groups.values():
        if len(group) < SUSPICIOUS_MIN_VALUES:
            continue
        # Rows whose every value so far looks suspicious; few survive the first column.
        suspects = [r for r, keep in enumerate(ok) if keep]
        for column, odd in group:
            suspects = [r for r in suspects if column[r] is None or column[r] in odd]
            if not suspects:
                break
        for r in suspects:
            if sum(column[r] is not None for column, _ in group) >= SUSPICIOUS_MIN_VALUES:
                ok[r] = False


# --- reading a batch ---------------------------------------------------------------------------


ProgressCallback = Callable[[int, int], None]
"""Called with (files done, files in all) after each file."""


@dataclass
class _FileResult:
    """What reading one input file gave; plain data, so a worker process can return it."""

    display: str
    sha256: str | None
    problems: list[Problem]
    submissions: list[Positioned]


def _read_file(
    criteria: Criteria, path: Path, display: str, max_bytes: int | None, *, split: bool = True
) -> _FileResult:
    """One input file read and validated (``split``: a large CSV file may be read in
    parts by workers, which a worker itself cannot start)."""
    problems: list[Problem] = []
    documents: Iterable[Document] = []
    sha256: str | None = None
    valid: list[Positioned] = []
    try:
        source: SourceFile = read_source(path, max_bytes=max_bytes, display=display)
        sha256 = source.sha256
        if source.suffix == ".csv":
            valid, problems = read_csv(criteria, source, split=split)
        else:
            documents, problems = parse_yaml(source)
    except ProblemsError as exc:
        problems = exc.problems
    for document in documents:
        submission, found = validate_document(criteria, document)
        problems.extend(found)
        if submission is not None:
            line, column = document.position(("region", "code"))
            valid.append((submission, line, column))
        document.release()
    return _FileResult(display, sha256, problems, valid)


PARALLEL_FROM = 256
"""Pools of at least this many files are read by one worker process per core."""


def _results(
    criteria: Criteria,
    found: list[tuple[Path, str]],
    max_bytes: int | None,
    parallel: bool,
) -> Iterator[_FileResult]:
    """Each file's result, in input order, from this process or from forked workers
    (which inherit the criteria)."""
    if not parallel:
        for path, display in found:
            yield _read_file(criteria, path, display, max_bytes)
        return

    def read(item: tuple[Path, str]) -> _FileResult:
        return _read_file(criteria, *item, max_bytes, split=False)

    yield from forked_map(read, found, chunksize=32)


def read_batch(
    criteria: Criteria,
    paths: Iterable[Path],
    *,
    max_bytes: int | None = None,
    progress: ProgressCallback | None = None,
    parallel: bool | None = None,
) -> Batch:
    """Read and validate every input under ``paths``; nothing is raised for bad files,
    every problem lands in ``Batch.problems`` (so all of them are reported at once).

    ``*.csv`` files are read as CSV submissions, everything else as YAML. Large pools are
    read in parallel (``parallel=None`` decides by size); the result is the same either way.
    """
    batch = Batch()
    first_seen: dict[str, tuple[str, int]] = {}  # region code -> where it was first submitted
    found = list(discover(paths))
    use_workers = len(found) >= PARALLEL_FROM and can_fork() if parallel is None else parallel
    results = _results(criteria, found, max_bytes, use_workers)
    for done, result in enumerate(results, start=1):
        if result.sha256 is not None:
            batch.inputs.append((result.display, result.sha256))
        file_problems = result.problems
        for submission, line, column in result.submissions:
            earlier = first_seen.get(submission.code)
            if earlier is not None:
                file_problems.append(
                    problem(
                        result.display,
                        "duplicate-region",
                        "duplicate-region",
                        line=line,
                        column=column,
                        loc=("region", "code"),
                        code=submission.code,
                        other=f"{earlier[0]}:{earlier[1]}",
                    )
                )
                continue
            first_seen[submission.code] = (result.display, line)
            batch.submissions.append(submission)
        if any(p.severity == "error" for p in file_problems):
            batch.invalid_paths.append(result.display)
        batch.problems.extend(file_problems)
        if progress is not None:
            progress(done, len(found))
    batch.problems.sort()
    return batch
