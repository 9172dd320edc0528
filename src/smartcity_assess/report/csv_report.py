"""``--format csv``: one row per region (or per indicator for ``criteria``)."""

from __future__ import annotations

import csv
import io

from smartcity_assess.i18n import t
from smartcity_assess.report.common import band_label, fixed, render, skipped_lines, tie_marks
from smartcity_assess.report.compare_report import compare_csv
from smartcity_assess.report.interface import (
    CompareResult,
    CriteriaResult,
    RankResult,
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

    def rank(self, result: RankResult, options: ReportOptions) -> str:
        """One row per region in rank order. ``tie`` is ``at-cutoff`` for a tie broken at a
        cohort cut-off and ``broken`` for any other broken tie. Skipped files, if any, come
        first as ``#`` comment lines (``pandas.read_csv(..., comment="#")`` reads past them).
        """
        model, ranking = result.criteria.model, result.ranking
        p = model.precision
        marks = tie_marks(ranking)
        header = [
            "rank",
            "cohort",
            "code",
            "name",
            "province",
            "kind",
            "year",
            "score",
            "band",
            "eligible",
            "gap",
            "deferred_from",
            "tie",
            "coverage",
            *(f"factor.{f.id}" for f in model.factors),
            "reasons",
        ]
        rows = []
        for region in ranking.regions:
            card, s = region.card, region.card.submission
            rows.append(
                [
                    _optional(region.rank),
                    _optional(region.cohort),
                    card.code,
                    s.name,
                    s.province,
                    s.kind,
                    _optional(s.year),
                    fixed(card.total, p),
                    band_label(card, options.lang) or "",
                    "true" if card.eligible else "false",
                    "" if region.gap is None else fixed(region.gap, p),
                    _optional(region.deferred_from),
                    marks.get(card.code, ""),
                    fixed(card.coverage, 4),
                    *(fixed(f.score, p) for f in card.factors),
                    "; ".join(render(r, options.lang) for r in card.reasons),
                ]
            )
        skipped = skipped_lines(result.skipped, options.lang)
        comments = "".join("# " + " ".join(line.splitlines()) + "\n" for line in skipped)
        return comments + _table(header, rows)

    def compare(self, result: CompareResult, options: ReportOptions) -> str:
        return compare_csv(result)


def _optional(value: int | None) -> str:
    return "" if value is None else str(value)
