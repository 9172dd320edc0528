"""``--format json``: versioned, byte-identical for identical inputs (SPEC section 6)."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from smartcity_assess.compare import criteria_summary
from smartcity_assess.report.analysis import explain_data, sensitivity_data
from smartcity_assess.report.common import card_data, provenance, rank_counts, ranked_data
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

_ENCODE = json.JSONEncoder(ensure_ascii=False, allow_nan=False, separators=(", ", ": ")).encode


@dataclass(frozen=True)
class Entries:
    """A top-level list whose entries are made one at a time, as they are written: a large
    pool never holds every region's dictionary at once."""

    items: Sequence[Any]
    entry: Callable[[Any], dict[str, Any]]


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
            _entries(lines, key, (value.entry(item) for item in value.items), comma)
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
    lines.append(f"  {_ENCODE(key)}: [")
    first = len(lines)
    lines.extend(f"    {_ENCODE(item)}," for item in entries)
    if len(lines) > first:
        lines[-1] = lines[-1][:-1]  # no comma after the last entry
    lines.append(f"  ]{comma}")


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
                "regions": Entries(ranking.regions, lambda r: ranked_data(r, model, options.lang)),
            }
        )

    def compare(self, result: CompareResult, options: ReportOptions) -> str:
        return dump(compare_json(result))
