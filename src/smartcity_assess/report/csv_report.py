"""``--format csv``: one row per region (or per indicator for ``criteria``)."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from itertools import chain

from smartcity_assess.i18n import t
from smartcity_assess.report.common import fixed
from smartcity_assess.report.compare_report import compare_json
from smartcity_assess.report.interface import (
    CompareResult,
    CriteriaResult,
    HistoryResult,
    RankResult,
    Reporter,
    ReportOptions,
    ScoreResult,
    register,
)
from smartcity_assess.report.views import (
    RankView,
    RegionRow,
    optional_text,
    outcome_text,
    region_row,
)


def _table(header: list[str], rows: Iterable[list[str]]) -> str:
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
        header = [*_CARD, "coverage", *(f"factor.{f.id}" for f in model.factors), "reasons"]
        rows = []
        for card in result.cards:
            row = region_row(card, model, options.lang, numbers="en")
            rows.append([*_card_cells(row), row.coverage, *row.factors, "; ".join(row.reasons)])
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
                fixed(model.effective_weight(factor, ind), 6, "en"),
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
        view = RankView(result, options.lang, numbers="en")
        factors = [f"factor.{f.id}" for f in result.criteria.model.factors]
        header = ["rank", "cohort", *_CARD, "gap", "deferred_from", "left_out_by_cap", "tie"]
        header.append("coverage")
        header += [*factors, "reasons"]
        equity = result.ranking.equity is not None
        if equity:
            header += list(EQUITY_COLUMNS)
        overridden = result.ranking.overrides is not None
        if overridden:
            header += list(_OVERRIDE)
        verified = view.verification is not None
        if verified:
            header += list(_VERIFIED)
        excluded = bool(result.ranking.excluded)
        if excluded:
            header += list(_EXCLUDED)
        rows = (
            [
                row.rank,
                row.cohort,
                *_card_cells(row),
                row.gap,
                row.deferred_from,
                _bool(row.left_out_by_cap),
                row.tie,
                row.coverage,
                *row.factors,
                "; ".join(row.reasons),
                *([getattr(row, name) for name in EQUITY_COLUMNS] if equity else []),
                *([getattr(row, name) for name in _OVERRIDE] if overridden else []),
                *([getattr(row, name) for name in _VERIFIED] if verified else []),
                *(["", "", ""] if excluded else []),
            ]
            for row in view.each_row()
        )
        comments = "".join("# " + " ".join(line.splitlines()) + "\n" for line in view.skipped)
        return comments + _table(header, chain(rows, _excluded_rows(view, len(header))))

    def compare(self, result: CompareResult, options: ReportOptions) -> str:
        """One row per region in either ranking (the new ranking's order, then the rest)."""
        data = compare_json(result)
        header = [
            "code",
            "name",
            "old_rank",
            "new_rank",
            "change",
            "old_cohort",
            "new_cohort",
            "old_score",
            "new_score",
            "old_eligible",
            "new_eligible",
        ]
        precision = result.comparison.new.precision
        rows = []
        for region in data["regions"]:
            old, new = region["old"], region["new"]
            rows.append(
                [
                    region["code"],
                    region["name"],
                    optional_text(old.get("rank")),
                    optional_text(new.get("rank")),
                    optional_text(region["change"]),
                    optional_text(old.get("cohort")),
                    optional_text(new.get("cohort")),
                    "" if "score" not in old else fixed(old["score"], precision, "en"),
                    "" if "score" not in new else fixed(new["score"], precision, "en"),
                    _bool(old.get("eligible")),
                    _bool(new.get("eligible")),
                ]
            )
        return _table(header, rows)

    def history(self, result: HistoryResult, options: ReportOptions) -> str:
        """One row per round (docs/programme.md): numbers for tools (``.`` decimal mark,
        the score rounded as shown), codes, and the outcome as people read it."""
        header = [
            "year",
            "applied",
            "score",
            "change",
            "eligible",
            "rank",
            "rank_change",
            "cohort",
            "outcome",
            "excluded",
            "excluded_round",
            "date",
            "reason",
            "moved_most",
            "moved_most_change",
            "note",
            "criteria_id",
            "criteria_version",
            "criteria_sha256",
            "pool_files",
            "pool_sha256",
        ]
        rows = []
        for r in result.history.rounds:
            p, moved, ex = r.precision, r.moved_most, r.exclusion
            rows.append(
                [
                    str(r.year),
                    _bool(r.applied),
                    "" if r.score is None else fixed(r.score, p, "en"),
                    "" if r.change is None else fixed(r.change, p, "en"),
                    _bool(None if r.card is None else r.card.eligible),
                    optional_text(r.rank),
                    optional_text(r.rank_change),
                    optional_text(r.cohort),
                    r.outcome,
                    "" if ex is None else ex.status,
                    "" if ex is None else str(ex.year),
                    r.date,
                    r.reason,
                    "" if moved is None else moved.id,
                    "" if moved is None else fixed(moved.change, p, "en"),
                    outcome_text(r, options.lang),
                    r.criteria.model.id,
                    r.criteria.model.version,
                    r.criteria.sha256,
                    str(len(r.inputs)),
                    r.pool_sha256,
                ]
            )
        return _table(header, rows)


EQUITY_COLUMNS = ("equity_rule", "displaced", "displaced_by", "displaced_by_rule")
"""The columns of a ranking with equity rules (``RegionRow``), last; none without."""
_OVERRIDE = ("override", "override_reason", "moved_by_override")
"""The columns of a ranking with the panel's overrides (``RegionRow``), last; none
without."""
_VERIFIED = ("score_claimed", "score_change", "values_moved")
"""The columns of a ranking of a pool with verified values (``RegionRow``), last; none
without (docs/verification.md)."""
_EXCLUDED = ("excluded", "excluded_round", "excluded_note")
"""The columns of a ranking that left regions out (``--exclude``, earlier rounds of a
programme), last; none without. Ranked rows leave them empty."""
_CARD = ["code", "name", "province", "kind", "year", "score", "band", "eligible"]


def _card_cells(row: RegionRow) -> list[str]:
    eligible = "true" if row.eligible else "false"
    return [row.code, row.name, row.province, row.kind, row.year, row.score, row.band, eligible]


def _excluded_rows(view: RankView, width: int) -> list[list[str]]:
    """Each excluded region as a row after the ranked ones: its identity in the card's
    columns, the three ``_EXCLUDED`` columns last, every other cell empty (it has no rank,
    and its scores are not part of this ranking)."""
    rows = []
    for ex in view.excluded_rows:
        cells = ["", "", ex.code, ex.name, ex.province, ex.kind, ex.year]
        cells += [""] * (width - len(cells) - len(_EXCLUDED))
        rows.append([*cells, ex.status, ex.round, ex.note])
    return rows


def _bool(value: bool | None) -> str:
    return "" if value is None else str(value).lower()
