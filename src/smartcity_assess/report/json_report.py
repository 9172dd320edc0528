"""``--format json``: versioned, byte-identical for identical inputs (SPEC section 6)."""

from __future__ import annotations

import json
import math
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from smartcity_assess.compare import criteria_summary
from smartcity_assess.report.analysis import explain_data, sensitivity_data
from smartcity_assess.report.common import (
    card_data,
    provenance,
    rank_counts,
    reasons,
)
from smartcity_assess.report.compare_report import compare_json
from smartcity_assess.report.interface import (
    CompareResult,
    CriteriaResult,
    ExplainResult,
    RankResult,
    Reporter,
    ReportOptions,
    ScoreResult,
    SensitivityResult,
    register,
)

if TYPE_CHECKING:
    from smartcity_assess.criteria import Criteria
    from smartcity_assess.i18n import Lang
    from smartcity_assess.ranking import RankedRegion

_ENCODE = json.JSONEncoder(ensure_ascii=False, allow_nan=False, separators=(", ", ": ")).encode
_STRING = json.encoder.encode_basestring  # what _ENCODE does with a str (ensure_ascii=False)


@dataclass(frozen=True)
class Entries:
    """A top-level list whose entries are written one at a time, each by ``line`` as one
    line of JSON: a large pool never holds every region's dictionary at once."""

    items: Sequence[Any]
    line: Callable[[Any], str]


def dump(data: dict[str, Any]) -> str:
    """The documented JSON layout: one top-level key a line, and each entry of a top-level
    list of objects (``regions``, ``cohorts``, ...) on a line of its own.

    A changed region is then a changed line in a diff, and each line goes through the
    C encoder (``indent`` would force the pure-Python one, which took half of a
    514-region ``rank``). No sort_keys: field order is part of the format.
    """
    lines = ["{"]
    last = len(data) - 1
    for i, (key, value) in enumerate(data.items()):
        comma = "," if i < last else ""
        if isinstance(value, Entries) and value.items:
            _lines(lines, key, map(value.line, value.items), comma)
        elif isinstance(value, list) and value and all(isinstance(v, dict) for v in value):
            _entries(lines, key, value, comma)
        elif isinstance(value, Entries):
            lines.append(f"  {_ENCODE(key)}: []{comma}")
        else:
            lines.append(f"  {_ENCODE(key)}: {_ENCODE(value)}{comma}")
    lines.append("}")
    return "\n".join(lines) + "\n"


def _entries(lines: list[str], key: str, entries: Iterable[dict[str, Any]], comma: str) -> None:
    """One line per entry; entries made lazily are encoded as they come."""
    _lines(lines, key, map(_ENCODE, entries), comma)


def _lines(lines: list[str], key: str, encoded: Iterable[str], comma: str) -> None:
    lines.append(f"  {_ENCODE(key)}: [")
    first = len(lines)
    lines.extend(f"    {item}," for item in encoded)
    if len(lines) > first:
        lines[-1] = lines[-1][:-1]  # no comma after the last entry
    lines.append(f"  ]{comma}")


def _scalar(value: Any) -> str:
    """One JSON scalar exactly as ``_ENCODE`` writes it."""
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if type(value) is str:
        return _STRING(value)
    if type(value) is float and math.isfinite(value):
        return float.__repr__(value)
    if type(value) is int:
        return int.__repr__(value)
    return _ENCODE(value)


def ranked_line(region: RankedRegion, criteria: Criteria, lang: Lang) -> str:
    """One region of a ranking as a line of JSON: ``card_data`` without indicator detail,
    with ``rank``, ``cohort``, ``gap`` and ``deferred_from`` after ``score``.

    Written directly rather than as a dictionary for ``_ENCODE``: a 100,000-region
    ranking spends most of its time writing JSON, and this is about four times faster.
    The bytes are the encoder's (tests/test_scoring.py holds them to it)."""
    card = region.card
    s = card.submission
    band = card.band
    factors = ", ".join(
        f'{{"id": {_STRING(id)}, "score": {_scalar(score)}, "weight": {_scalar(weight)}, '
        f'"contribution": {_scalar(part)}, "included": {"true" if used else "false"}}}'
        for id, score, weight, part, used in card.factor_rows()
    )
    reasons_json = _ENCODE(reasons(card, lang)) if not card.eligible else "[]"
    weakest = ", ".join(map(_STRING, card.weakest_addresses()))
    return (
        f'{{"code": {_STRING(s.code)}, "name": {_STRING(s.name)}, '
        f'"province": {_STRING(s.province)}, "kind": {_STRING(s.kind)}, '
        f'"year": {_scalar(s.year)}, "score": {_scalar(card.total)}, '
        f'"rank": {_scalar(region.rank)}, "cohort": {_scalar(region.cohort)}, '
        f'"gap": {_scalar(region.gap)}, "deferred_from": {_scalar(region.deferred_from)}, '
        f'"band": {_scalar(band.label.get(lang) if band else None)}, '
        f'"eligible": {"true" if card.eligible else "false"}, "reasons": {reasons_json}, '
        f'"coverage": {_scalar(card.coverage)}, "factors": [{factors}], '
        f'"weakest": [{weakest}]}}'
    )


@register
class JsonReporter(Reporter):
    name = "json"

    def score(self, result: ScoreResult, options: ReportOptions) -> str:
        model = result.criteria.model
        return dump(
            {
                "schema_version": 1,
                "command": "score",
                **provenance(result.criteria),
                "inputs": [{"path": path, "sha256": sha} for path, sha in result.inputs],
                "regions": [card_data(card, model, options.lang) for card in result.cards],
            }
        )

    def criteria(self, result: CriteriaResult, options: ReportOptions) -> str:
        model = result.criteria.model
        factors = []
        for factor in model.factors:
            factors.append(
                {
                    "id": factor.id,
                    "name": factor.label(options.lang),
                    "weight": factor.weight,
                    "share": model.factor_share(factor),
                    "min_score": factor.min_score,
                    "indicators": [
                        {
                            "id": ind.id,
                            "name": ind.label(options.lang),
                            "type": ind.type,
                            "weight": ind.weight,
                            "effective_weight": model.effective_weight(factor, ind),
                            "required": ind.required,
                            "gate": ind.gate,
                        }
                        for ind in factor.indicators
                    ],
                }
            )
        return dump(
            {
                "schema_version": 1,
                "command": "criteria",
                **provenance(result.criteria),
                "title": model.title.get(options.lang),
                "source": model.source.get(options.lang),
                "scale": model.scale,
                "precision": model.precision,
                "aggregation": model.aggregation,
                "missing": model.missing,
                "min_coverage": model.min_coverage,
                "bands": [{"min": b.min, "label": b.label.get(options.lang)} for b in model.bands],
                "cohorts": [{"year": c.year, "size": c.size} for c in model.cohorts],
                "max_per_province": model.selection.max_per_province,
                "factors": factors,
            }
        )

    def sensitivity(self, result: SensitivityResult, options: ReportOptions) -> str:
        # Every float in the analysis is already rounded (sensitivity.DECIMALS).
        return dump(
            {
                "schema_version": 1,
                "command": "sensitivity",
                **provenance(result.criteria),
                **sensitivity_data(result, options.lang),
            }
        )

    def explain(self, result: ExplainResult, options: ReportOptions) -> str:
        return dump(
            {
                "schema_version": 1,
                "command": "explain",
                **provenance(result.criteria),
                **explain_data(result, options.lang),
            }
        )

    def rank(self, result: RankResult, options: ReportOptions) -> str:
        model, ranking = result.criteria.model, result.ranking
        return dump(
            {
                "schema_version": 1,
                "command": "rank",
                **provenance(result.criteria),
                "skipped": [{"path": path, "problems": n} for path, n in result.skipped],
                "inputs": [{"sha256": sha, "codes": list(codes)} for sha, codes in result.inputs],
                "criteria_summary": criteria_summary(model),
                "max_per_province": ranking.max_per_province,
                "summary": rank_counts(ranking),
                "cohorts": [
                    {
                        "year": cohort.year,
                        "size": cohort.size,
                        "selected": list(cohort.selected),
                        "cutoff_score": cohort.cutoff_score,
                    }
                    for cohort in ranking.cohorts
                ],
                "ties": [
                    {
                        "score": tie.score,
                        "codes": list(tie.codes),
                        "ranks": list(tie.ranks),
                        "cohorts": list(tie.cohorts),
                        "decided_by": list(tie.decided_by),
                        "at_cutoff": tie.at_cutoff,
                    }
                    for tie in ranking.ties
                ],
                "excluded": [
                    {"code": c.code, "name": c.submission.name, "province": c.submission.province}
                    for c in ranking.excluded
                ],
                "regions": Entries(ranking.regions, lambda r: ranked_line(r, model, options.lang)),
            }
        )

    def compare(self, result: CompareResult, options: ReportOptions) -> str:
        return dump(compare_json(result))
