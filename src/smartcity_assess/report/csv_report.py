"""``--format csv``: one row per region (or per indicator for ``criteria``)."""

from __future__ import annotations

import csv
import io

from smartcity_assess.i18n import t
from smartcity_assess.report.common import band_label, fixed, render
from smartcity_assess.report.interface import (
    CriteriaResult,
    Reporter,
    ReportOptions,
    ScoreResult,
    register,
)


def _table(header: list[str], rows: list[list[str]]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue()


@register
class CsvReporter(Reporter):
    name = "csv"

    def score(self, result: ScoreResult, options: ReportOptions) -> str:
        model = result.criteria.model
        p = model.precision
        header = (
            ["code", "name", "province", "kind", "year", "score", "band", "eligible", "coverage"]
            + [f"factor.{f.id}" for f in model.factors]
            + ["reasons"]
        )
        rows = [
            [
                card.code,
                card.submission.name,
                card.submission.province,
                card.submission.kind,
                "" if card.submission.year is None else str(card.submission.year),
                fixed(card.total, p),
                band_label(card, options.lang) or "",
                "true" if card.eligible else "false",
                fixed(card.coverage, 4),
                *(fixed(f.score, p) for f in card.factors),
                "; ".join(render(r, options.lang) for r in card.reasons),
            ]
            for card in result.cards
        ]
        return _table(header, rows)

    def criteria(self, result: CriteriaResult, options: ReportOptions) -> str:
        model = result.criteria.model
        header = [
            "address",
            "factor",
            "indicator",
            "type",
            "weight",
            "effective_weight",
            "required",
            "gate",
        ]
        rows = [
            [
                f"{factor.id}.{ind.id}",
                factor.label(options.lang),
                ind.label(options.lang),
                ind.type,
                f"{ind.weight:g}",
                fixed(model.effective_weight(factor, ind), 6),
                t(options.lang, "yes" if ind.required else "no"),
                "" if ind.gate is None else str(ind.gate).lower(),
            ]
            for factor, ind in model.indicators()
        ]
        return _table(header, rows)
