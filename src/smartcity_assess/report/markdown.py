"""``--format markdown``: for ``$GITHUB_STEP_SUMMARY`` or a memo."""

from __future__ import annotations

from smartcity_assess.i18n import Lang, t
from smartcity_assess.report.analysis import (
    borderline_line,
    cutoff_sections,
    interval_text,
    never_ranked,
    oat_table,
    percent,
    pool_lines,
    region_name,
    settings_line,
    shown_regions,
)
from smartcity_assess.report.common import (
    criteria_note,
    fixed,
    gate_text,
    goalposts_text,
    levels_text,
    method_lines,
    num,
    skipped_lines,
    transform_text,
    type_text,
    valid_text,
)
from smartcity_assess.report.compare_report import (
    change_header,
    change_rows,
    cohort_heading,
    correlation_line,
    criteria_status,
    move_header,
    move_rows,
    movement_header,
    movement_rows,
    region_text,
    side_line,
)
from smartcity_assess.report.interface import (
    CompareResult,
    CriteriaResult,
    ExplainResult,
    HistoryResult,
    RankResult,
    Reporter,
    ReportOptions,
    ScoreResult,
    SensitivityResult,
    register,
)
from smartcity_assess.report.views import (
    INELIGIBLE,
    NOT_SELECTED,
    CardView,
    RankView,
    VerificationView,
    card_view,
    explain_view,
    history_view,
)


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _row(cells: list[str]) -> str:
    return "| " + " | ".join(_cell(c) for c in cells) + " |"


def _table(header: list[str], rows: list[list[str]], align: str) -> list[str]:
    return _table_of(header, [_row(r) for r in rows], align)


def _table_of(header: list[str], lines: list[str], align: str) -> list[str]:
    """A table of rows already made into lines (``_row``)."""
    rule = "|" + "|".join(":---" if a == "l" else "---:" for a in align) + "|"
    return [_row(header), rule, *lines]


def scorecard_lines(view: CardView, lang: Lang) -> list[str]:
    lines = [f"## {view.title}", "", view.criteria, ""]
    lines += _headline(view, lang)
    if view.reasons:
        lines += ["", f"**{t(lang, 'reasons')}**", ""]
        lines += [f"- {reason}" for reason in view.reasons]
    lines += [""]
    lines += _table(
        [t(lang, "factor"), t(lang, "score"), t(lang, "weight"), t(lang, "contribution")],
        [[f.label, f.score, f.weight, f.contribution] for f in view.factors],
        "lrrr",
    )
    for note in view.notes:
        lines += ["", f"_{note}_"]
    if view.weakest:
        lines += ["", f"**{t(lang, 'weakest')}**", ""]
        lines += _table(
            [t(lang, "indicator"), t(lang, "value"), t(lang, "points-lost")],
            [[w.indicator, w.value, w.points] for w in view.weakest],
            "llr",
        )
    return lines + verification_lines(view.verification, lang)


def verification_lines(view: VerificationView | None, lang: Lang) -> list[str]:
    """Where verification moved the score: a table of the values looked at, and the
    total under the claims (nothing without verification)."""
    if view is None:
        return []
    lines = ["", f"**{view.title}**", ""]
    lines += _table(
        [
            t(lang, "ver-indicator"),
            t(lang, "ver-claimed"),
            t(lang, "ver-verified"),
            t(lang, "ver-status"),
            t(lang, "ver-by"),
            t(lang, "ver-points"),
            t(lang, "change"),
            t(lang, "ver-contribution"),
        ],
        [
            [r.indicator, r.claimed, r.verified, r.status, r.by, r.points, r.change, r.contribution]
            for r in view.rows
        ],
        "lllllrrr",
    )
    return [*lines, "", view.total]


def _headline(view: CardView, lang: Lang) -> list[str]:
    return _table(
        [t(lang, "total"), t(lang, "band"), t(lang, "eligible"), t(lang, "coverage")],
        [
            [
                f"{view.total} / {view.scale}",
                view.band or "-",
                t(lang, "yes" if view.eligible else "no"),
                view.coverage,
            ]
        ],
        "rllr",
    )


def _warning(lang: Lang, lines: list[str]) -> list[str]:
    """A quoted, bold warning: it stands out in a memo and in a GitHub step summary."""
    first, *rest = lines
    return [f"> **{t(lang, 'warning')}: {first}**", *(f"> - {line}" for line in rest), ""]


def rank_lines(result: RankResult, lang: Lang) -> list[str]:
    view = RankView(result, lang)
    lines = [f"# {view.title}", ""]
    if view.skipped:
        lines += _warning(lang, view.skipped)
    if view.replaced:
        first, *rest = view.replaced
        lines += [f"> {first}", *(f"> - {line}" for line in rest), ""]
    for warning in view.cutoff_warnings:
        lines += _warning(lang, [warning])
    for warning in view.cohort_warnings:
        lines += [f"> {t(lang, 'warning')}: {warning}", ""]
    lines += [f"**{t(lang, 'summary')}:** {view.summary}", ""]
    if view.province_cap:
        lines += [view.province_cap, ""]
    header = [
        t(lang, "rank"),
        t(lang, "region"),
        t(lang, "province"),
        t(lang, "score"),
        t(lang, "band"),
        t(lang, "note"),
    ]
    # Each region's line made as its row comes and kept by section, not a row object
    # per region: a ranking of 100,000 regions holds its text, not its rows.
    shown: dict[int | str, list[str]] = {}
    for section, r in view.each_placed_row():
        if section == NOT_SELECTED:
            cells = [r.rank, r.label, r.province, r.score, r.gap, r.note]
        elif section == INELIGIBLE:
            cells = [r.label, r.province, r.score, "; ".join(r.reasons)]
        else:
            note = f"**{r.note}**" if r.tie == "at-cutoff" else r.note
            cells = [r.rank, r.label, r.province, r.score, r.band or "-", note]
        shown.setdefault(section, []).append(_row(cells))
    for year, heading in view.cohort_headings:
        lines += [f"## {heading}", ""]
        if year in shown:
            lines += [*_table_of(header, shown.pop(year), "rllrll"), ""]
    if view.ties:
        lines += [f"## {view.ties_heading}", ""]
        rows = [
            [
                tie.ranks,
                tie.score,
                tie.regions,
                tie.decided,
                f"**{t(lang, 'yes')}**" if tie.at_cutoff else t(lang, "no"),
            ]
            for tie in view.ties
        ]
        tie_header = [
            t(lang, "ranks"),
            t(lang, "score"),
            t(lang, "regions"),
            t(lang, "decided-by"),
            t(lang, "at-cutoff"),
        ]
        lines += [*_table(tie_header, rows, "rrlll"), ""]
    if view.equity_heading:
        lines += [f"## {view.equity_heading}", ""]
        lines += [*(f"- {line}" for line in view.equity_lines), ""]
    if view.overrides_heading:
        lines += [f"## {view.overrides_heading}", ""]
        lines += [*(f"- {line}" for line in view.overrides_lines), ""]
    if view.verification_heading:
        lines += [f"## {view.verification_heading}", ""]
        moved = [
            [r.rank or "-", r.label, r.score_claimed, r.score, r.change, r.values_moved]
            for r in view.verification_rows
        ]
        if moved:
            lines += [*_table(view.verification_header, moved, "rlrrrr"), ""]
        lines += [view.verification_note, ""]
    if NOT_SELECTED in shown:
        lines += [f"## {view.not_selected_heading}", ""]
        gap_header = [*header[:4], t(lang, "gap"), t(lang, "note")]
        lines += [*_table_of(gap_header, shown.pop(NOT_SELECTED), "rllrrl"), ""]
        if view.not_selected_legend:
            lines += [view.not_selected_legend, ""]
    if INELIGIBLE in shown:
        lines += [f"## {view.ineligible_heading}", ""]
        reason_header = [*header[1:4], t(lang, "reasons")]
        lines += [*_table_of(reason_header, shown.pop(INELIGIBLE), "llrl"), ""]
    if view.excluded:
        lines += [f"## {view.excluded_heading}", ""]
        lines += [", ".join(view.excluded), ""]
    lines += [f"> {view.criteria_note}"]
    return lines


@register
class MarkdownReporter(Reporter):
    name = "markdown"

    def score(self, result: ScoreResult, options: ReportOptions) -> str:
        model, lang = result.criteria.model, options.lang
        lines: list[str] = []
        for card in result.cards:
            lines += [*scorecard_lines(card_view(card, model, lang), lang), ""]
        lines += [f"> {criteria_note(model, options.lang)}"]
        return "\n".join(lines) + "\n"

    def criteria(self, result: CriteriaResult, options: ReportOptions) -> str:
        model, lang = result.criteria.model, options.lang
        lines = [f"## {model.title.get(lang)} ({model.id} {model.version})", ""]
        lines += [f"### {t(lang, 'method-heading')}", ""]
        lines += [f"- **{label}**: {_cell(value)}" for label, value in method_lines(model, lang)]
        lines += [""]
        rows = []
        for factor in model.factors:
            rows.append(
                [
                    f"**{factor.label(lang)}**",
                    "",
                    num(model.factor_share(factor), ".2%", lang),
                    "" if factor.min_score is None else num(factor.min_score, "g", lang),
                    "",
                    "",
                    "",
                    "",
                ]
            )
            for ind in factor.indicators:
                rows.append(
                    [
                        f"`{factor.id}.{ind.id}` {ind.label(lang)}",
                        type_text(ind, lang),
                        num(model.effective_weight(factor, ind), ".2%", lang),
                        gate_text(ind, lang),
                        goalposts_text(ind, lang),
                        transform_text(ind, lang),
                        valid_text(ind, lang),
                        "" if ind.type == "number" else levels_text(ind, lang),
                    ]
                )
        header = [
            t(lang, "indicator"),
            t(lang, "type"),
            t(lang, "effective-weight"),
            t(lang, "gate"),
            t(lang, "goalposts"),
            t(lang, "transform"),
            t(lang, "valid-range"),
            t(lang, "levels"),
        ]
        lines += _table(header, rows, "llrlllll")
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

    def history(self, result: HistoryResult, options: ReportOptions) -> str:
        view = history_view(result, options.lang)
        rows = [
            [
                row.year,
                row.applied,
                row.score,
                row.change,
                row.rank,
                row.rank_change,
                row.outcome,
                row.moved_most,
            ]
            for row in view.rows
        ]
        lines = [f"# {view.title}", "", *_table(view.header, rows, "llrrrrll"), ""]
        lines += [view.legend, "", f"## {view.rounds_heading}", ""]
        lines += [*(f"- {line}" for line in view.rounds), ""]
        return "\n".join(lines)


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

    oat = oat_table(analysis, model, lang)
    lines += [f"## {oat.heading}", "", *_table(oat.header, oat.rows, "lrrrrrrr"), ""]
    lines += [f"_{oat.note}_", ""]

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
                fixed(region.card.total, p, lang),
                percent(region.p_selected, lang),
                *(percent(share, lang) for _, share in region.p_cohort),
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
    sections = cutoff_sections(analysis, model, lang)
    if sections:
        lines += [f"## {t(lang, 'values-heading')}", ""]
    for section in sections:
        lines += [f"**{section.headline}** {section.decisive}", ""]
        if section.rows:
            lines += [*_table(section.header, section.rows, "llrrrrr"), ""]
        lines += [f"_{section.odds}_", ""]
    lines += [f"> {criteria_note(model, lang)}"]
    return lines


def explain_lines(result: ExplainResult, lang: Lang) -> list[str]:
    view = explain_view(result, lang)
    lines = [f"# {view.title}", ""]
    if view.skipped:
        lines += _warning(lang, view.skipped)
    lines += _headline(view.card, lang)
    lines += ["", f"**{view.position}**", ""]
    if view.failed:
        lines += [f"## {view.failed_heading}", ""]
        lines += [f"- {line}" for line in view.failed] + [""]
    if view.factors:
        lines += [f"## {view.factors_heading}", ""]
        rows = [[f.label, f.score, f.contribution, f.median, f.difference] for f in view.factors]
        header = [
            t(lang, "factor"),
            t(lang, "score"),
            t(lang, "contribution"),
            t(lang, "median-selected"),
            t(lang, "difference"),
        ]
        lines += [*_table(header, rows, "lrrrr"), ""]
    checked = verification_lines(view.card.verification, lang)
    if checked:
        lines += [*checked[1:], ""]
    for highlights in view.highlights:
        lines += [f"## {highlights.heading}", ""]
        lines += [f"- {name}: {points}" for name, points in highlights.items] + [""]
    if not view.done:
        lines += [f"## {view.path_heading}", ""]
        if view.path:
            cohort_target = view.cohort_target
            header = ["#", t(lang, "indicator"), t(lang, "from"), t(lang, "to"), t(lang, "gain")]
            header += [t(lang, "total-after")]
            header += (
                [t(lang, "rank-after"), t(lang, "cohort")] if cohort_target else [t(lang, "band")]
            )
            header += [t(lang, "fixes")]
            rows = [
                [
                    s.number,
                    s.indicator,
                    s.before,
                    s.after,
                    s.gain,
                    s.total,
                    *([s.rank, s.cohort] if cohort_target else [s.band]),
                    s.fixes,
                ]
                for s in view.path
            ]
            align = "rlllrr" + ("rr" if cohort_target else "l") + "l"
            lines += [*_table(header, rows, align), ""]
        lines += [f"**{view.path_result}**", "", f"_{view.path_note}_", ""]
    if view.steps:
        lines += [f"## {view.steps_heading}", ""]
        rows = [[s.indicator, s.before, s.after, s.gain, s.fixes] for s in view.steps]
        header = [t(lang, "indicator"), t(lang, "from"), t(lang, "to"), t(lang, "gain")]
        lines += [*_table([*header, t(lang, "fixes")], rows, "lllrl"), ""]
        if view.steps_more:
            lines += [f"_{view.steps_more}_", ""]
    lines += [f"> {view.criteria_note}"]
    return lines


# --- compare ---------------------------------------------------------------------------------


def compare_markdown(result: CompareResult, lang: Lang) -> str:
    c = result.comparison
    lines = [f"# {t(lang, 'compare-title')}", ""]
    lines += [f"- {side_line(c.old, 'compare-old', lang)}"]
    lines += [f"- {side_line(c.new, 'compare-new', lang)}", ""]
    lines += [f"## {t(lang, 'compare-correlation-heading')}", ""]
    lines += [correlation_line(c, lang), "", f"_{t(lang, 'compare-correlation-help')}_", ""]
    lines += [f"## {t(lang, 'compare-criteria-heading')}", ""]
    status = criteria_status(c, lang)
    if status is not None:
        lines += [status, ""]
    else:
        lines += [*_table(change_header(lang), change_rows(c, lang), "llll"), ""]
    lines += [f"## {t(lang, 'compare-cohorts-heading')}", ""]
    for change in c.cohorts:
        lines += [f"### {cohort_heading(change, lang)}", ""]
        for key, codes in (("compare-entered", change.entered), ("compare-left", change.left)):
            if codes:
                lines += [f"**{t(lang, key)}**", ""]
                lines += [*_table(movement_header(lang), movement_rows(c, codes, lang), "lll")]
                lines += [""]
    lines += [
        f"## {t(lang, 'compare-selected-heading', entered=len(c.entered), left=len(c.left))}",
        "",
    ]
    for key, codes in (("compare-entered", c.entered), ("compare-left", c.left)):
        if codes:
            lines += [f"**{t(lang, key)}:** " + ", ".join(region_text(c, x) for x in codes), ""]
    lines += [f"## {t(lang, 'compare-moves-heading', count=result.top)}", ""]
    rows = move_rows(c, result.top, lang)
    if rows:
        lines += [*_table(move_header(lang), rows, "rrrll"), ""]
    else:
        lines += [t(lang, "compare-no-moves"), ""]
    return "\n".join(lines).rstrip("\n") + "\n"
