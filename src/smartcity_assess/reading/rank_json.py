"""Reading a JSON output of ``assess rank``: the one reader of that format, for
``assess compare`` and ``rank --exclude``. Every problem is reported with its place."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, ValidationError

from smartcity_assess.core.compare import CohortRef, RankSnapshot, Standing
from smartcity_assess.errors import ProblemsError, UsageError
from smartcity_assess.i18n import Msg
from smartcity_assess.reading.sources import CSV_MAX_BYTES, decode_text, read_source
from smartcity_assess.reading.submissions import CODE_PATTERN


def _code(value: str) -> str:
    if not CODE_PATTERN.fullmatch(value):
        raise ValueError("not a region code")
    return value


Code = Annotated[str, AfterValidator(_code)]


class _Strict(BaseModel):
    # Unknown keys are ignored: later versions of rank JSON may add fields.
    model_config = ConfigDict(extra="ignore", strict=True, frozen=True)


class _CriteriaRef(_Strict):
    id: str
    version: str
    sha256: str


class _Cohort(_Strict):
    year: int
    size: int
    selected: list[Code]
    cutoff_score: float | None


class _Region(_Strict):
    code: Code
    name: str
    province: str | None = None
    score: Annotated[float, Field(allow_inf_nan=False)]
    rank: int | None
    cohort: int | None
    eligible: bool


class _Excluded(_Strict):
    code: Code


class _RankFile(_Strict):
    schema_version: Literal[1]
    command: Literal["rank"]
    criteria: _CriteriaRef
    criteria_summary: dict[str, Any] | None = None
    max_per_province: int | None = None
    cohorts: list[_Cohort]
    excluded: list[_Excluded] = []
    regions: list[_Region]


def _where(loc: tuple[int | str, ...]) -> str:
    text = ""
    for part in loc:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text or "(top level)"


def _reject_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a number JSON allows")


def snapshot_from_data(
    data: Any, display: str, sha256: str = "", usage: str = "usage-compare-file"
) -> RankSnapshot:
    """Check the shape of a parsed rank JSON and keep what ``compare`` needs.

    A wrong shape is a ``UsageError`` ``usage`` naming the first place that is wrong.
    """
    try:
        parsed = _RankFile.model_validate(data)
    except ValidationError as exc:
        reason = Msg.of("rank-json-shape", where=_where(tuple(exc.errors()[0]["loc"])))
        raise UsageError(usage, path=display, reason=reason) from None
    regions = tuple(
        Standing(
            code=r.code,
            name=r.name,
            province=r.province,
            score=r.score,
            rank=r.rank,
            cohort=r.cohort,
            eligible=r.eligible,
        )
        for r in parsed.regions
    )
    codes = [r.code for r in regions]
    if len(set(codes)) != len(codes):
        duplicate = next(code for code in codes if codes.count(code) > 1)
        reason = Msg.of("rank-json-duplicate", code=duplicate)
        raise UsageError(usage, path=display, reason=reason)
    return RankSnapshot(
        display=display,
        sha256=sha256,
        criteria_id=parsed.criteria.id,
        criteria_version=parsed.criteria.version,
        criteria_sha256=parsed.criteria.sha256,
        criteria_summary=parsed.criteria_summary,
        max_per_province=parsed.max_per_province,
        cohorts=tuple(
            CohortRef(c.year, c.size, tuple(c.selected), c.cutoff_score) for c in parsed.cohorts
        ),
        regions=regions,
        excluded=frozenset(e.code for e in parsed.excluded),
    )


def read_rank_json(path: Path, usage: str = "usage-compare-file") -> RankSnapshot:
    """Read one JSON output of ``assess rank``. Anything unusable is a ``UsageError``
    ``usage`` (``usage-compare-file``, ``usage-exclude``) naming the file and why."""
    try:
        source = read_source(path, max_bytes=CSV_MAX_BYTES)
        text = decode_text(source)
    except ProblemsError as exc:
        first = exc.problems[0]
        reason = Msg(first.key or first.code, first.params)
        raise UsageError(usage, path=str(path), reason=reason) from None
    if not text.strip():
        raise UsageError(usage, path=source.display, reason=Msg.of("empty"))
    try:
        data = json.loads(text, parse_constant=_reject_constant)
    except (ValueError, RecursionError) as exc:
        reason = Msg.of("json-syntax", detail=str(exc))
        raise UsageError(usage, path=source.display, reason=reason) from None
    return snapshot_from_data(data, source.display, source.sha256, usage)
