"""``--format markdown``: for ``$GITHUB_STEP_SUMMARY`` or a memo."""

from __future__ import annotations

from smartcity_assess.criteria import Criteria
from smartcity_assess.i18n import Lang, t
from smartcity_assess.ranking import RankedRegion
from smartcity_assess.report.common import (
    band_label,
    cohort_heading,
    cohort_warnings,
    cutoff_tie_warning,
    decided_text,
    fixed,
    rank_summary,
    ranks_text,
    region_note,
    render,
    skipped_lines,
    tie_marks,
    tie_regions,
)
from smartcity_assess.report.interface import (
    CriteriaResult,
    RankResult,
    Reporter,
    ReportOptions,
    ScoreResult,
    register,
)
from smartcity_assess.scoring import IndicatorScore, ScoreCard


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _row(cells: list[str]) -> str:
    return "| " + " | ".join(_cell(c) for c in cells) + " |"


def _table(header: list[str], rows: list[list[str]], align: str) -> list[str]:
    rule = "|" + "|".join(":---" if a == "l" else "---:" for a in align) + "|"
    return [_row(header), rule, *(_row(r) for r in rows)]


def indicator_label(criteria: Criteria, item: IndicatorScore, lang: Lang) -> str:
    factor, indicator = criteria.addresses[item.address]
    return f"{factor.label(lang)}: {indicator.label(lang)}"


def value_text(criteria: Criteria, item: IndicatorScore, lang: Lang) -> str:
    if item.value is None:
        return t(lang, "absent")
    _, indicator = criteria.addresses[item.address]
    if indicator.type == "level":
        return indicator.level_label(str(item.value), lang)
    if indicator.type == "boolean":
        return t(lang, "yes" if item.value else "no")
    unit = indicator.unit.get(lang) if indicator.unit else ""
    return f"{item.value:g} {unit}".strip()


def criteria_note(criteria: Criteria, lang: Lang) -> str:
    return t(
        lang,
        "reconstruction-note",
        id=criteria.id,
        version=criteria.version,
        source=" ".join(criteria.source.get(lang).split()),
    )


def scorecard_lines(card: ScoreCard, criteria: Criteria, lang: Lang) -> list[str]:
    p = criteria.precision
    s = card.submission
    lines = [f"## {t(lang, 'scorecard-title', name=s.name, code=s.code)}", ""]
    status = t(lang, "yes" if card.eligible else "no")
    lines += _table(
        [t(lang, "total"), t(lang, "band"), t(lang, "eligible"), t(lang, "coverage")],
        [
            [
                f"{fixed(card.total, p)} / {criteria.scale:g}",
                band_label(card, lang) or "-",
                status,
                f"{card.coverage:.0%}",
            ]
        ],
        "rllr",
    )
    if card.reasons:
        lines += ["", f"**{t(lang, 'reasons')}**", ""]
        lines += [f"- {render(r, lang)}" for r in card.reasons]
    rows = []
    by_id = {f.id: f for f in criteria.factors}
    for factor in card.factors:
        rows.append(
            [
                by_id[factor.id].label(lang),
                fixed(factor.score, p),
                f"{factor.weight:.1%}",
                fixed(factor.contribution, p),
            ]
        )
    lines += [""]
    lines += _table(
        [t(lang, "factor"), t(lang, "score"), t(lang, "weight"), t(lang, "contribution")],
        rows,
        "lrrr",
    )
    if criteria.aggregation == "geometric":
        lines += ["", f"_{t(lang, 'geometric-note')}_"]
    weakest = card.weakest()
    if weakest:
        lines += ["", f"**{t(lang, 'weakest')}**", ""]
        lines += _table(
            [t(lang, "indicator"), t(lang, "value"), t(lang, "points-lost")],
            [
                [
                    indicator_label(criteria, i, lang),
                    value_text(criteria, i, lang),
                    fixed(i.points_lost, p),
                ]
                for i in weakest
            ],
            "llr",
        )
    return lines


def _warning(lang: Lang, lines: list[str]) -> list[str]:
    """A quoted, bold warning: it stands out in a memo and in a GitHub step summary."""
    first, *rest = lines
    return [f"> **{t(lang, 'warning')}: {first}**", *(f"> - {line}" for line in rest), ""]


def _rank_warnings(result: RankResult, lang: Lang) -> list[str]:
    model, ranking = result.criteria.model, result.ranking
    lines: list[str] = []
    skipped = skipped_lines(result.skipped, lang)
    if skipped:
        lines += _warning(lang, skipped)
    for tie in ranking.cutoff_ties:
        lines += _warning(lang, [cutoff_tie_warning(tie, ranking, model, lang)])
    for warning in cohort_warnings(ranking, lang):
        lines += [f"> {t(lang, 'warning')}: {warning}", ""]
    return lines


def _region_rows(
    regions: list[RankedRegion], criteria: Criteria, lang: Lang, marks: dict[str, str]
) -> list[list[str]]:
    p = criteria.precision
    rows = []
    for region in regions:
        note = region_note(region, marks, lang)
        if marks.get(region.code) == "at-cutoff":
            note = f"**{note}**"
        rows.append(
            [
                str(region.rank),
                f"{region.card.submission.name} ({region.code})",
                region.card.submission.province,
                fixed(region.card.total, p),
                band_label(region.card, lang) or "-",
                note,
            ]
        )
    return rows


def rank_lines(result: RankResult, lang: Lang) -> list[str]:
    model, ranking = result.criteria.model, result.ranking
    p = model.precision
    marks = tie_marks(ranking)
    lines = [f"# {t(lang, 'rank-title', title=model.title.get(lang))}", ""]
    lines += _rank_warnings(result, lang)
    lines += [f"**{t(lang, 'summary')}:** {rank_summary(ranking, lang)}", ""]
    if ranking.max_per_province is not None:
        lines += [t(lang, "province-cap", cap=ranking.max_per_province), ""]
    header = [
        t(lang, "rank"),
        t(lang, "region"),
        t(lang, "province"),
        t(lang, "score"),
        t(lang, "band"),
        t(lang, "note"),
    ]
    for cohort in ranking.cohorts:
        lines += [f"## {cohort_heading(cohort, model, lang)}", ""]
        members = ranking.in_cohort(cohort.year)
        if members:
            lines += [*_table(header, _region_rows(members, model, lang, marks), "rllrll"), ""]
    if ranking.ties:
        lines += [f"## {t(lang, 'ties-heading', count=len(ranking.ties))}", ""]
        rows = [
            [
                ranks_text(tie),
                fixed(tie.score, p),
                tie_regions(tie, ranking),
                decided_text(tie, model, lang),
                f"**{t(lang, 'yes')}**" if tie.at_cutoff else t(lang, "no"),
            ]
            for tie in ranking.ties
        ]
        tie_header = [
            t(lang, "ranks"),
            t(lang, "score"),
            t(lang, "regions"),
            t(lang, "decided-by"),
            t(lang, "at-cutoff"),
        ]
        lines += [*_table(tie_header, rows, "rrlll"), ""]
    waiting = ranking.not_selected
    if waiting:
        lines += [f"## {t(lang, 'not-selected-heading', count=len(waiting))}", ""]
        rows = [
            [
                str(r.rank),
                f"{r.card.submission.name} ({r.code})",
                r.card.submission.province,
                fixed(r.card.total, p),
                "" if r.gap is None else fixed(r.gap, p),
                region_note(r, marks, lang),
            ]
            for r in waiting
        ]
        gap_header = [*header[:4], t(lang, "gap"), t(lang, "note")]
        lines += [*_table(gap_header, rows, "rllrrl"), ""]
    ineligible = ranking.ineligible
    if ineligible:
        lines += [f"## {t(lang, 'ineligible-heading', count=len(ineligible))}", ""]
        rows = [
            [
                f"{r.card.submission.name} ({r.code})",
                r.card.submission.province,
                fixed(r.card.total, p),
                "; ".join(render(reason, lang) for reason in r.card.reasons),
            ]
            for r in ineligible
        ]
        reason_header = [*header[1:4], t(lang, "reasons")]
        lines += [*_table(reason_header, rows, "llrl"), ""]
    if ranking.excluded:
        lines += [f"## {t(lang, 'excluded-heading', count=len(ranking.excluded))}", ""]
        lines += [", ".join(f"{c.submission.name} ({c.code})" for c in ranking.excluded), ""]
    lines += [f"> {criteria_note(model, lang)}"]
    return lines


@register
class MarkdownReporter(Reporter):
    name = "markdown"

    def score(self, result: ScoreResult, options: ReportOptions) -> str:
        model = result.criteria.model
        lines: list[str] = []
        for card in result.cards:
            lines += [*scorecard_lines(card, model, options.lang), ""]
        lines += [f"> {criteria_note(model, options.lang)}"]
        return "\n".join(lines) + "\n"

    def criteria(self, result: CriteriaResult, options: ReportOptions) -> str:
        model, lang = result.criteria.model, options.lang
        lines = [f"## {model.title.get(lang)} ({model.id} {model.version})", ""]
        rows = []
        for factor in model.factors:
            rows.append(
                [
                    f"**{factor.label(lang)}**",
                    "",
                    f"{model.factor_share(factor):.2%}",
                    "" if factor.min_score is None else f"{factor.min_score:g}",
                ]
            )
            for ind in factor.indicators:
                rows.append(
                    [
                        f"`{factor.id}.{ind.id}` {ind.label(lang)}",
                        ind.type,
                        f"{model.effective_weight(factor, ind):.2%}",
                        "" if ind.gate is None else str(ind.gate).lower(),
                    ]
                )
        lines += _table(
            [t(lang, "indicator"), t(lang, "type"), t(lang, "effective-weight"), t(lang, "gate")],
            rows,
            "llrl",
        )
        lines += ["", f"> {criteria_note(model, lang)}"]
        return "\n".join(lines) + "\n"

    def rank(self, result: RankResult, options: ReportOptions) -> str:
        return "\n".join(rank_lines(result, options.lang)) + "\n"
