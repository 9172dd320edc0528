"""``--format json``: versioned, byte-identical for identical inputs (SPEC section 6)."""

from __future__ import annotations

import json
from typing import Any

from smartcity_assess.report.common import card_data, provenance
from smartcity_assess.report.interface import (
    CriteriaResult,
    Reporter,
    ReportOptions,
    ScoreResult,
    register,
)


def dump(data: dict[str, Any]) -> str:
    # No sort_keys: field order is part of the documented format, and dicts keep it.
    return json.dumps(data, ensure_ascii=False, indent=2, allow_nan=False) + "\n"


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
