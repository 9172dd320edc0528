"""The criteria file: what is measured, how it is weighted, how candidates are selected.

The models check types and single values; ``rules`` checks what spans several fields
(duplicate ids, gates against levels, band order) and reports each problem at its exact
place in the file.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING, Annotated, Any, Literal, TypeVar

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Discriminator,
    Field,
    StringConstraints,
    Tag,
)
from pydantic_core import PydanticCustomError

from smartcity_assess.core.verification import DEFAULT_BASIS, ValueBasis
from smartcity_assess.i18n import Lang
from smartcity_assess.problems import Finding, Loc, finding

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

DEFAULT_CRITERIA = "gerakan-100-smart-city"
Share = TypeVar("Share", float, "npt.NDArray[np.float64]")
FINITE = Field(allow_inf_nan=False)


def _text_from_str(value: Any) -> Any:
    return {"en": value} if isinstance(value, str) else value


class Text(BaseModel):
    """A text in English and, optionally, Indonesian (English is the fallback)."""

    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)
    en: str
    id: str | None = None

    def get(self, lang: Lang) -> str:
        return (self.id or self.en) if lang == "id" else self.en


LocalText = Annotated[Text, BeforeValidator(_text_from_str)]
Id = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]*$")]
Slug = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$")]
Number = Annotated[float, FINITE]


def _not_a_boolean(value: Any) -> Any:
    # pydantic compares literals by equality, and True == 1: 'schema_version: yes' passed.
    if isinstance(value, bool):
        raise PydanticCustomError("literal_error", "Input should be 1", {"expected": "1"})
    return value


SchemaVersion = Annotated[Literal[1], BeforeValidator(_not_a_boolean)]
"""``schema_version: 1``; the same type in criteria and submissions."""


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)


class Level(_Model):
    id: Id
    label: LocalText | None = None
    score: Annotated[float, Field(ge=0, le=1, allow_inf_nan=False)] | None = None


class Range(_Model):
    min: Number | None = None
    max: Number | None = None


class Goalposts(_Model):
    worst: Number
    best: Number


class RelativeUncertainty(_Model):
    # ``uncertainty: {relative: r}``: the value is known to within r x its own size.
    # (A comment, not a docstring: the criteria schema would show it, in English only.)

    relative: Number


def _uncertainty_kind(value: Any) -> str:
    return "relative" if isinstance(value, dict | RelativeUncertainty) else "absolute"


Uncertainty = Annotated[
    Annotated[Number, Tag("absolute")] | Annotated[RelativeUncertainty, Tag("relative")],
    Discriminator(_uncertainty_kind),
]
"""One branch is tried, chosen by the value's shape, so a mistake gets one message."""

IndicatorType = Literal["boolean", "level", "number"]
IndicatorSource = Literal["questionnaire", "interview"]
"""Who gives an indicator's value: the region's questionnaire (its submission), or the
panel of assessors after the interview (``reading.panel``; a submission may not)."""

TYPED_FIELDS = ("levels", "unit", "valid", "goalposts", "uncertainty")
"""Indicator fields that belong to some types only; ``transform`` belongs to number."""
OWN_FIELDS: dict[str, frozenset[str]] = {
    "boolean": frozenset(),
    "level": frozenset({"levels"}),
    "number": frozenset({"unit", "valid", "goalposts", "uncertainty"}),
}
"""Of ``TYPED_FIELDS``, those an indicator of each type may set (``field-for-type``)."""
REQUIRED_FIELD: dict[str, str] = {"level": "levels", "number": "goalposts"}
"""The field an indicator of the type must set (``field-required-for-type``)."""


class Indicator(_Model):
    id: Id
    name: LocalText | None = None
    description: LocalText | None = None
    type: IndicatorType
    weight: Number = 1.0
    required: bool = False
    gate: bool | str | Number | None = None
    levels: list[Level] | None = None
    unit: LocalText | None = None
    valid: Range | None = None
    goalposts: Goalposts | None = None
    transform: Literal["linear", "log"] = "linear"
    uncertainty: Uncertainty | None = None
    """Number indicators: how far off a submitted value may be, for ``assess
    sensitivity``: a number is absolute, in the indicator's unit (the value lies in
    [x - u, x + u]); ``{relative: r}`` is a share of the value ([x - r|x|, x + r|x|])."""
    rationale: LocalText | None = None
    source: IndicatorSource = "questionnaire"

    def label(self, lang: Lang) -> str:
        return self.name.get(lang) if self.name else self.id

    @property
    def interview(self) -> bool:
        """Whether only the panel of assessors scores it (``source: interview``)."""
        return self.source == "interview"

    def half_width(self, value: Share) -> Share:
        """How far ``value`` (a number or an array of them) may be off: the declared
        ``uncertainty`` (absolute, or relative to ``|value|``); 0 without one."""
        u = self.uncertainty
        if isinstance(u, RelativeUncertainty):
            return u.relative * abs(value)
        return 0.0 * value + (0.0 if u is None else float(u))

    @cached_property
    def level_scores(self) -> dict[str, float]:
        """Each level's score: explicit, or its position/(n-1) from worst to best."""
        levels = self.levels or []
        last = max(len(levels) - 1, 1)
        return {
            level.id: level.score if level.score is not None else i / last
            for i, level in enumerate(levels)
        }

    def level_label(self, level_id: str, lang: Lang) -> str:
        for level in self.levels or []:
            if level.id == level_id and level.label is not None:
                return level.label.get(lang)
        return level_id

    @property
    def lower_is_better(self) -> bool:
        return self.goalposts is not None and self.goalposts.worst > self.goalposts.best


class Factor(_Model):
    id: Id
    name: LocalText | None = None
    description: LocalText | None = None
    weight: Number
    min_score: Number | None = None
    indicators: Annotated[list[Indicator], Field(min_length=1)]

    def label(self, lang: Lang) -> str:
        return self.name.get(lang) if self.name else self.id

    @cached_property
    def indicator_weight_sum(self) -> float:
        return sum(indicator.weight for indicator in self.indicators)


class Band(_Model):
    min: Number
    label: LocalText


Count = Annotated[int, Field(ge=0)]
WILAYAH = ("barat", "tengah", "timur")
"""Western, central and eastern Indonesia, in this order (``equity.wilayah_of``)."""


class KindPlaces(_Model):
    # A cohort's places split between kota and kabupaten, each filled by its own ranking.
    # (Comments, not docstrings: a docstring would become the English-only description of
    # the criteria schema; report/schema.py gives the fields their descriptions.)

    kota: Count
    kabupaten: Count


class Reserved(_Model):
    # Places kept for a group: its best eligible regions get them even below the cut-off.

    group: Literal["tertinggal"]
    places: Annotated[int, Field(ge=1)]


class WilayahMinimum(_Model):
    # At least this many regions of each wilayah (western, central, eastern Indonesia).

    barat: Count = 0
    tengah: Count = 0
    timur: Count = 0


class Cohort(_Model):
    year: int
    size: int
    places: KindPlaces | None = None
    reserved: Reserved | None = None
    min_per_wilayah: WilayahMinimum | None = None

    @property
    def has_equity(self) -> bool:
        """Whether any equity rule (``places``, ``reserved``, ``min_per_wilayah``) applies."""
        return not (self.places is None and self.reserved is None and self.min_per_wilayah is None)


class OverrideZone(_Model):
    # How near a cut-off the panel may decide (``rank --overrides``): within ``points`` of
    # a cohort's cut-off score, both rounded as shown. (A comment, not a docstring: the
    # criteria schema would show a docstring as an English description in every language.)
    points: Annotated[float, Field(ge=0, le=1_000_000_000, allow_inf_nan=False)]


Aggregate = Literal["median", "mean", "trimmed-mean"]
DEFAULT_TRIM = 0.2


class PanelRules(_Model):
    # How the assessors' values of one item of one region become its value, and when they
    # disagree (``assess agreement``). (Comments, not docstrings: see ``OverrideZone``.)
    # ``disagreement``: the largest spread (max - min) of the assessors' values, in points
    # of the indicator's 0-100 score scale, that is not flagged.
    aggregate: Aggregate = "median"
    trim: Annotated[float, Field(ge=0, lt=0.5, allow_inf_nan=False)] | None = None
    disagreement: Annotated[float, Field(ge=0, le=100, allow_inf_nan=False)] = 25.0
    min_assessors: Annotated[int, Field(ge=1, le=1000)] = 2

    @property
    def trim_share(self) -> float:
        """The share cut from each end by ``trimmed-mean`` (``trim``, else 0.2)."""
        return DEFAULT_TRIM if self.trim is None else self.trim


class Selection(_Model):
    max_per_province: Annotated[int, Field(ge=1)] | None = None
    override_zone: OverrideZone | None = None


MAX_SCALE = 1_000_000_000
"""Scores are compared as integers, score x 10**precision; with ``precision`` at most 6
they stay below 2**53, where every integer is exact as a float."""


class Criteria(_Model):
    schema_version: SchemaVersion
    id: Slug
    version: str
    questionnaire: Slug | None = None
    """The id of the criteria whose submissions these read too: the same questionnaire,
    with items added that the panel scores (``source: interview``)."""
    title: LocalText
    description: LocalText | None = None
    source: LocalText
    scale: Annotated[float, Field(gt=0, le=MAX_SCALE, allow_inf_nan=False)] = 100.0
    precision: Annotated[int, Field(ge=0, le=6)] = 2
    aggregation: Literal["arithmetic", "geometric"] = "arithmetic"
    missing: Literal["zero", "reweight"] = "zero"
    value_basis: ValueBasis = DEFAULT_BASIS
    min_coverage: Annotated[float, Field(ge=0, le=1, allow_inf_nan=False)] = 0.0
    bands: list[Band] = []
    cohorts: list[Cohort] = []
    selection: Selection = Selection()
    panel: PanelRules = PanelRules()
    factors: Annotated[list[Factor], Field(min_length=1)]

    @cached_property
    def factor_weight_sum(self) -> float:
        return sum(factor.weight for factor in self.factors)

    def reads(self, criteria_id: str) -> bool:
        """Whether a submission made for ``criteria_id`` is one for these criteria."""
        return criteria_id in (self.id, self.questionnaire)

    def factor_share(self, factor: Factor) -> float:
        """W / sum(W): the factor's share of the total."""
        return factor.weight / self.factor_weight_sum

    def effective_weight(self, factor: Factor, indicator: Indicator) -> float:
        """``indicator_share`` under the criteria's own factor weights."""
        return indicator_share(self.factor_share(factor), factor, indicator)

    def indicators(self) -> Iterator[tuple[Factor, Indicator]]:
        for factor in self.factors:
            for indicator in factor.indicators:
                yield factor, indicator

    @cached_property
    def addresses(self) -> dict[str, tuple[Factor, Indicator]]:
        """``factor.indicator`` -> the pair, in file order."""
        return {f"{f.id}.{i.id}": (f, i) for f, i in self.indicators()}

    @cached_property
    def questionnaire_addresses(self) -> dict[str, tuple[Factor, Indicator]]:
        """``addresses`` without the interview items: what a submission (and its
        template) gives."""
        return {a: pair for a, pair in self.addresses.items() if not pair[1].interview}

    @cached_property
    def factors_by_weight(self) -> list[Factor]:
        """Factors by weight, highest first; equal weights keep file order (tie-breaks)."""
        return sorted(self.factors, key=lambda f: -f.weight)

    @cached_property
    def weight_order(self) -> list[int]:
        """The positions of ``factors_by_weight`` in ``factors``."""
        position = {f.id: i for i, f in enumerate(self.factors)}
        return [position[f.id] for f in self.factors_by_weight]


def indicator_share(factor_share: Share, factor: Factor, indicator: Indicator) -> Share:
    """(W / sum W) x (w / sum w in the factor), the indicator's share of the total, from
    the factor's share W / sum W: a number, or an array (``scoring.effective_weights``)."""
    return factor_share * indicator.weight / factor.indicator_weight_sum


@dataclass(frozen=True)
class LoadedCriteria:
    """A criteria model with where it came from (for provenance in reports)."""

    model: Criteria
    path: str
    sha256: str


# --- rules that span fields ------------------------------------------------------------------


def _found(loc: Loc, key: str, /, **params: Any) -> Finding:
    """A criteria rule's finding: a repeated id, or criteria that are invalid."""
    code = "duplicate-id" if key == "duplicate-id" else "invalid-criteria"
    return finding(code, key, loc, **params)


def _duplicates(ids: list[str], loc: Loc, what: str) -> Iterator[Finding]:
    seen: dict[str, int] = {}
    for i, item in enumerate(ids):
        if item in seen:
            other = ".".join(str(p) for p in (*loc, seen[item], what))
            yield _found((*loc, i, what), "duplicate-id", id=item, other=other)
        else:
            seen[item] = i


def _indicator_rules(indicator: Indicator, loc: Loc) -> Iterator[Finding]:
    kind = indicator.type
    if indicator.weight <= 0:
        yield _found((*loc, "weight"), "weight-positive", value=indicator.weight)
    own = OWN_FIELDS[kind]
    for name in TYPED_FIELDS:
        if name not in own and getattr(indicator, name) is not None:
            yield _found((*loc, name), "field-for-type", field=name, type=kind)
    if kind != "number" and "transform" in indicator.model_fields_set:
        yield _found((*loc, "transform"), "field-for-type", field="transform", type=kind)
    if indicator.interview and kind != "number":
        yield _found((*loc, "source"), "interview-number", type=kind)
    if indicator.interview and indicator.required:
        yield _found((*loc, "required"), "interview-required")
    gate = indicator.gate
    if kind == "level":
        levels = indicator.levels
        if levels is None:
            yield _found(loc, "field-required-for-type", field=REQUIRED_FIELD[kind], type=kind)
            return
        if len(levels) < 2:
            yield _found((*loc, "levels"), "levels-too-few")
        yield from _duplicates([lv.id for lv in levels], (*loc, "levels"), "id")
        previous = -1.0
        for i, (level_id, score) in enumerate(indicator.level_scores.items()):
            if score < previous:
                yield _found((*loc, "levels", i, "score"), "levels-order", level=level_id)
            previous = score
        if gate is not None and (not isinstance(gate, str) or gate not in indicator.level_scores):
            allowed = ", ".join(indicator.level_scores)
            yield _found((*loc, "gate"), "gate-level", gate=gate, allowed=allowed)
    elif kind == "boolean":
        if gate is not None and gate is not True:
            yield _found((*loc, "gate"), "gate-boolean")
    else:
        goalposts = indicator.goalposts
        if goalposts is None:
            yield _found(loc, "field-required-for-type", field=REQUIRED_FIELD[kind], type=kind)
        elif goalposts.worst == goalposts.best:
            yield _found((*loc, "goalposts"), "goalposts-equal", value=goalposts.worst)
        elif indicator.transform == "log" and min(goalposts.worst, goalposts.best) <= 0:
            yield _found((*loc, "goalposts"), "goalposts-log")
        valid = indicator.valid
        if valid and valid.min is not None and valid.max is not None and valid.min > valid.max:
            yield _found((*loc, "valid"), "valid-order")
        if gate is not None and (isinstance(gate, bool) or not isinstance(gate, int | float)):
            yield _found((*loc, "gate"), "gate-number")
        u = indicator.uncertainty
        if isinstance(u, RelativeUncertainty) and u.relative <= 0:
            yield _found(
                (*loc, "uncertainty", "relative"), "uncertainty-positive", value=u.relative
            )
        elif u is not None and not isinstance(u, RelativeUncertainty) and u <= 0:
            yield _found((*loc, "uncertainty"), "uncertainty-positive", value=u)


def rules(criteria: Criteria) -> Iterator[Finding]:
    yield from _duplicates([f.id for f in criteria.factors], ("factors",), "id")
    for fi, factor in enumerate(criteria.factors):
        loc: Loc = ("factors", fi)
        if factor.weight <= 0:
            yield _found((*loc, "weight"), "weight-positive", value=factor.weight)
        if factor.min_score is not None and factor.min_score > criteria.scale:
            yield _found(
                (*loc, "min_score"), "above-scale", value=factor.min_score, scale=criteria.scale
            )
        yield from _duplicates([i.id for i in factor.indicators], (*loc, "indicators"), "id")
        for ii, indicator in enumerate(factor.indicators):
            yield from _indicator_rules(indicator, (*loc, "indicators", ii))
    for i in range(1, len(criteria.bands)):
        previous, current = criteria.bands[i - 1].min, criteria.bands[i].min
        if current >= previous:
            yield _found(("bands", i, "min"), "bands-order", value=current, previous=previous)
    years: set[int] = set()
    for i, cohort in enumerate(criteria.cohorts):
        if cohort.size < 1:
            yield _found(("cohorts", i, "size"), "cohort-size", value=cohort.size)
        if cohort.year in years:
            yield _found(("cohorts", i, "year"), "cohort-year", year=cohort.year)
        years.add(cohort.year)
        yield from _equity_rules(cohort, ("cohorts", i))
    panel = criteria.panel
    if panel.trim is not None and panel.aggregate != "trimmed-mean":
        yield _found(("panel", "trim"), "panel-trim", aggregate=panel.aggregate)


def _equity_rules(cohort: Cohort, loc: Loc) -> Iterator[Finding]:
    """What makes a cohort's equity rules impossible to honour together."""
    size = cohort.size
    if cohort.places is not None:
        total = cohort.places.kota + cohort.places.kabupaten
        if total != size:
            yield _found((*loc, "places"), "places-sum", total=total, size=size)
    if cohort.reserved is not None:
        # Daerah tertinggal are kabupaten (Perpres 63/2020, Pasal 1).
        room = size if cohort.places is None else min(size, cohort.places.kabupaten)
        if cohort.reserved.places > room:
            yield _found(
                (*loc, "reserved", "places"),
                "reserved-too-many",
                places=cohort.reserved.places,
                room=room,
            )
    if cohort.min_per_wilayah is not None:
        minimum = cohort.min_per_wilayah
        total = minimum.barat + minimum.tengah + minimum.timur
        if total > size:
            yield _found((*loc, "min_per_wilayah"), "wilayah-too-many", total=total, size=size)


# --- the criteria summary embedded in rank JSON ---------------------------------------------


def _text(text: Text | None) -> dict[str, str] | None:
    return None if text is None else {"en": text.en, "id": text.id or text.en}


def criteria_summary(criteria: Criteria) -> dict[str, Any]:
    """What of the criteria decides a ranking, as plain JSON data (names in both languages).

    ``assess rank --format json`` embeds it as ``criteria_summary`` so that ``compare`` can
    say what changed between two criteria versions without the criteria files.
    """
    factors = []
    for factor in criteria.factors:
        indicators = []
        for ind in factor.indicators:
            goalposts = ind.goalposts
            indicators.append(
                {
                    "id": ind.id,
                    "name": _text(ind.name),
                    "type": ind.type,
                    "weight": ind.weight,
                    "required": ind.required,
                    "gate": ind.gate,
                    "levels": (
                        [{"id": key, "score": value} for key, value in ind.level_scores.items()]
                        if ind.type == "level"
                        else None
                    ),
                    "goalposts": (
                        None
                        if goalposts is None
                        else {"worst": goalposts.worst, "best": goalposts.best}
                    ),
                    "transform": ind.transform if ind.type == "number" else None,
                    # Only where set, so that criteria without them summarise as before.
                    **({"source": ind.source} if ind.source != "questionnaire" else {}),
                    **(
                        {}
                        if ind.uncertainty is None
                        else {"uncertainty": _plain_rule(ind.uncertainty)}
                    ),
                }
            )
        factors.append(
            {
                "id": factor.id,
                "name": _text(factor.name),
                "weight": factor.weight,
                "min_score": factor.min_score,
                "indicators": indicators,
            }
        )
    return {
        "scale": criteria.scale,
        "precision": criteria.precision,
        "aggregation": criteria.aggregation,
        "missing": criteria.missing,
        **({} if criteria.value_basis == DEFAULT_BASIS else {"value_basis": criteria.value_basis}),
        "min_coverage": criteria.min_coverage,
        "bands": [{"min": band.min, "label": _text(band.label)} for band in criteria.bands],
        "cohorts": [cohort_summary(c) for c in criteria.cohorts],
        "max_per_province": criteria.selection.max_per_province,
        **(
            {}
            if criteria.selection.override_zone is None
            else {"override_zone": criteria.selection.override_zone.points}
        ),
        **({} if criteria.panel == PanelRules() else {"panel": criteria.panel.model_dump()}),
        "factors": factors,
    }


def _plain_rule(rule: BaseModel | float) -> Any:
    """A rule (a model, or a bare number) as plain JSON data."""
    return rule.model_dump() if isinstance(rule, BaseModel) else rule


def cohort_summary(cohort: Cohort) -> dict[str, Any]:
    """A cohort as plain JSON data: year and size, and its equity rules when it has any
    (so criteria without them give the same JSON as before there were any)."""
    summary: dict[str, Any] = {"year": cohort.year, "size": cohort.size}
    for name in ("places", "reserved", "min_per_wilayah"):
        rule = getattr(cohort, name)
        if rule is not None:
            summary[name] = rule.model_dump()
    return summary
