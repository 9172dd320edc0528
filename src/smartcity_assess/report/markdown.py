"""``--format markdown``: for ``$GITHUB_STEP_SUMMARY`` or a memo."""

from __future__ import annotations

from typing import TYPE_CHECKING

from smartcity_assess.criteria import Criteria
from smartcity_assess.i18n import Lang, t
from smartcity_assess.ranking import RankedRegion
from smartcity_assess.report.analysis import (
    MENU_LENGTH,
    borderline_line,
    explain_title,
    factor_name,
    failed_line,
    fix_text,
    highlight_name,
    highlights_basis,
    indicator_name,
    interval_text,
    never_ranked,
    optional,
    path_heading,
    path_result,
    percent,
    pool_lines,
    position_line,
    region_name,
    settings_line,
    shown_regions,
    shown_steps,
    signed,
)
from smartcity_assess.report.analysis import value_text as step_value_text
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
from smartcity_assess.report.compare_report import compare_markdown
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
    if not all(f.included for f in card.factors):
        lines += ["", f"_{t(lang, 'reweight-note')}_"]
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

    def sensitivity(self, result: SensitivityResult, options: ReportOptions) -> str:
        return "\n".join(sensitivity_lines(result, options.lang)) + "\n"

    def explain(self, result: ExplainResult, options: ReportOptions) -> str:
        return "\n".join(explain_lines(result, options.lang)) + "\n"

    def rank(self, result: RankResult, options: ReportOptions) -> str:
        return "\n".join(rank_lines(result, options.lang)) + "\n"

    def compare(self, result: CompareResult, options: ReportOptions) -> str:
        return compare_markdown(result, options.lang)


# --- sensitivity and explain (issue 5) ---------------------------------------------------------


def sensitivity_lines(result: SensitivityResult, lang: Lang) -> list[str]:
    analysis, model = result.analysis, result.criteria.model
    p = model.precision
    lines = [f"# {t(lang, 'sensitivity-title', title=model.title.get(lang))}", ""]
    skipped = skipped_lines(result.skipped, lang)
    if skipped:
        lines += _warning(lang, skipped)
    lines += [settings_line(analysis, model, lang), ""]
    if analysis.borderline:
        lines += _warning(lang, [borderline_line(analysis, lang)])
    else:
        lines += [borderline_line(analysis, lang), ""]
    lines += [f"## {t(lang, 'robustness-heading')}", ""]
    lines += [f"- {line}" for line in pool_lines(analysis, lang)] + [""]

    noise = f"{analysis.oat_noise:.0%}"
    lines += [f"## {t(lang, 'oat-heading', noise=noise)}", ""]
    up, down = f"+{noise}", f"-{noise}"
    header = [t(lang, "factor"), t(lang, "share")]
    for sign in (up, down):
        header += [f"{sign}: {t(lang, 'in-out')}", t(lang, "cohort"), t(lang, "shift")]
    rows = []
    for factor in analysis.factors:
        row = [factor_name(model, factor.id, lang), percent(factor.share)]
        for effect in (factor.up, factor.down):
            row += [
                str(effect.selection_changes),
                str(effect.cohort_changes),
                optional(effect.mean_rank_shift, 2),
            ]
        rows.append(row)
    lines += [*_table(header, rows, "lrrrrrrr"), "", f"_{t(lang, 'oat-note')}_", ""]

    lines += [f"## {t(lang, 'regions-heading')}", ""]
    header = [t(lang, "rank"), t(lang, "region"), t(lang, "province"), t(lang, "score")]
    header += [t(lang, "p-selected")]
    header += [t(lang, "p-cohort", year=c.year) for c in analysis.cohorts]
    header += [t(lang, "median-rank"), t(lang, "rank-interval"), t(lang, "note")]
    rows = []
    for region in shown_regions(analysis):
        note = f"**{t(lang, 'borderline-mark')}**" if region.borderline else ""
        rows.append(
            [
                "" if region.nominal_rank is None else str(region.nominal_rank),
                region_name(region),
                region.card.submission.province,
                fixed(region.card.total, p),
                percent(region.p_selected),
                *(percent(share) for _, share in region.p_cohort),
                "" if region.median_rank is None else str(region.median_rank),
                interval_text(region),
                note,
            ]
        )
    align = "rllrr" + "r" * len(analysis.cohorts) + "rrl"
    lines += [*_table(header, rows, align), ""]
    never = never_ranked(analysis)
    if never:
        lines += [f"**{t(lang, 'never-ranked', count=len(never))}** "]
        lines += [", ".join(region_name(r) for r in never), ""]
    lines += [f"> {criteria_note(model, lang)}"]
    return lines


def explain_lines(result: ExplainResult, lang: Lang) -> list[str]:
    e, model = result.explanation, result.criteria.model
    p = model.precision
    card = e.card
    lines = [f"# {explain_title(e, lang)}", ""]
    skipped = skipped_lines(result.skipped, lang)
    if skipped:
        lines += _warning(lang, skipped)
    lines += _table(
        [t(lang, "total"), t(lang, "band"), t(lang, "eligible"), t(lang, "coverage")],
        [
            [
                f"{fixed(card.total, p)} / {model.scale:g}",
                band_label(card, lang) or "-",
                t(lang, "yes" if card.eligible else "no"),
                f"{card.coverage:.0%}",
            ]
        ],
        "rllr",
    )
    lines += ["", f"**{position_line(e, model, lang)}**", ""]
    if e.failed:
        lines += [f"## {t(lang, 'failed-heading', count=len(e.failed))}", ""]
        lines += [f"- {failed_line(model, gate, lang)}" for gate in e.failed] + [""]
    if any(f.median_contribution is not None for f in e.factors):
        lines += [f"## {t(lang, 'explain-factors-heading')}", ""]
        rows = [
            [
                factor_name(model, f.id, lang),
                fixed(f.score, p),
                fixed(f.contribution, p),
                optional(f.median_contribution, p),
                "-" if f.difference is None else signed(f.difference, p),
            ]
            for f in e.factors
        ]
        header = [
            t(lang, "factor"),
            t(lang, "score"),
            t(lang, "contribution"),
            t(lang, "median-selected"),
            t(lang, "difference"),
        ]
        lines += [*_table(header, rows, "lrrrr"), ""]
    basis = highlights_basis(e, lang)
    for key, items in (("strengths", e.strengths), ("weaknesses", e.weaknesses)):
        if items:
            lines += [f"## {t(lang, key)} ({basis})", ""]
            lines += [
                f"- {highlight_name(model, h, lang)}: {signed(h.points, p)}" for h in items
            ] + [""]
    if not e.done:
        lines += [f"## {path_heading(e, lang)}", ""]
        if e.path:
            cohort_target = e.target == "cohort"
            header = ["#", t(lang, "indicator"), t(lang, "from"), t(lang, "to"), t(lang, "gain")]
            header += [t(lang, "total-after")]
            header += (
                [t(lang, "rank-after"), t(lang, "cohort")] if cohort_target else [t(lang, "band")]
            )
            header += [t(lang, "fixes")]
            rows = []
            for number, item in enumerate(e.path, start=1):
                step = item.step
                row = [
                    str(number),
                    indicator_name(model, step.address, lang),
                    step_value_text(model, step.address, step.before, lang),
                    step_value_text(model, step.address, step.after, lang),
                    signed(step.gain, p),
                    fixed(item.total, p),
                ]
                if cohort_target:
                    row += [
                        "" if item.rank is None else str(item.rank),
                        "" if item.cohort is None else str(item.cohort),
                    ]
                else:
                    row += [item.band.label.get(lang) if item.band else "-"]
                rows.append([*row, fix_text(step, lang)])
            align = "rlllrr" + ("rr" if cohort_target else "l") + "l"
            lines += [*_table(header, rows, align), ""]
        lines += [f"**{path_result(e, model, lang)}**", "", f"_{t(lang, 'cheapest-note')}_", ""]
    steps = shown_steps(e)
    if steps:
        lines += [f"## {t(lang, 'steps-heading')}", ""]
        rows = [
            [
                indicator_name(model, s.address, lang),
                step_value_text(model, s.address, s.before, lang),
                step_value_text(model, s.address, s.after, lang),
                signed(s.gain, p),
                fix_text(s, lang),
            ]
            for s in steps[:MENU_LENGTH]
        ]
        header = [t(lang, "indicator"), t(lang, "from"), t(lang, "to"), t(lang, "gain")]
        lines += [*_table([*header, t(lang, "fixes")], rows, "lllrl"), ""]
        if len(steps) > MENU_LENGTH:
            lines += [f"_{t(lang, 'steps-more', count=len(steps) - MENU_LENGTH)}_", ""]
    lines += [f"> {criteria_note(model, lang)}"]
    return lines
