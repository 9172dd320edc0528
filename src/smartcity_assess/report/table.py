"""``--format table``: rich output for a terminal or a memo (the default)."""

from __future__ import annotations

import io
from collections.abc import Iterable
from typing import TYPE_CHECKING, Literal

from rich.console import Console, Group, RenderableType
from rich.padding import Padding
from rich.panel import Panel
from rich.table import Table
from rich.text import Text
from rich.tree import Tree

from smartcity_assess.core.criteria import Criteria, Indicator
from smartcity_assess.i18n import Lang, t
from smartcity_assess.report.analysis import (
    borderline_line,
    cutoff_sections,
    interval_text,
    never_ranked,
    oat_table,
    pool_lines,
    region_name,
    sensitivity_summary,
    settings_line,
    short_percent,
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
    CardView,
    RankView,
    RegionRow,
    StepRow,
    VerificationView,
    card_view,
    explain_view,
    history_view,
)

if TYPE_CHECKING:
    from smartcity_assess.core.scoring import ScoreCard
    from smartcity_assess.core.sensitivity import RegionRobustness

BAR_WIDTH = 20


def _titled_table(title: str | Text, *, expand: bool = False) -> Table:
    """A borderless table with a bold title on the left, as every section here has."""
    return Table(
        title=title,
        expand=expand,
        title_justify="left",
        title_style="bold",
        box=None,
        pad_edge=False,
        header_style="bold",
    )


def bar(value: float, scale: float, width: int = BAR_WIDTH) -> Text:
    """A bar of ``width`` cells, eighth-cell resolution, for 0..scale."""
    filled = max(0.0, min(1.0, value / scale)) * width
    full = int(filled)
    eighths = int((filled - full) * 8)
    partial = " ▏▎▍▌▋▊▉"[eighths] if full < width else ""
    text = "█" * full + partial.strip()
    return Text(text.ljust(width), style="green" if value / scale >= 0.5 else "yellow")


def _to_text(renderable: RenderableType, options: ReportOptions) -> str:
    buffer = io.StringIO()
    console = Console(
        file=buffer,
        width=options.width,
        force_terminal=options.color,
        no_color=not options.color,
        color_system="standard" if options.color else None,
        highlight=False,
        emoji=False,
    )
    console.print(renderable)
    return buffer.getvalue()


def _headline(view: CardView, lang: Lang) -> Text:
    """Total, band and eligibility on one line."""
    status = (
        Text(t(lang, "eligible"), style="bold green")
        if view.eligible
        else Text(t(lang, "not-eligible"), style="bold red")
    )
    return Text.assemble(
        (f"{t(lang, 'total')}: ", "bold"),
        (f"{view.total} / {view.scale}", "bold cyan"),
        "   ",
        (f"{t(lang, 'band')}: ", "bold"),
        view.band or "-",
        "   ",
        status,
    )


def scorecard(view: CardView, criteria: Criteria, lang: Lang) -> RenderableType:
    headline = _headline(view, lang)
    headline.append_text(Text.assemble("   ", (f"{t(lang, 'coverage')}: ", "bold"), view.coverage))
    parts: list[RenderableType] = [headline]
    if view.province:
        parts.insert(0, Text(view.meta, style="dim"))
    parts.insert(0, Text(view.criteria))
    if view.reasons:
        reasons = Text(f"{t(lang, 'reasons')}:\n", style="bold red")
        for reason in view.reasons:
            reasons.append(f"  • {reason}\n", style="red")
        parts.append(reasons)

    factors = Table(box=None, pad_edge=False, header_style="bold")
    factors.add_column(t(lang, "factor"))
    factors.add_column(t(lang, "score"), justify="right")
    factors.add_column("", no_wrap=True)
    factors.add_column(t(lang, "weight"), justify="right")
    factors.add_column(t(lang, "contribution"), justify="right")
    for factor in view.factors:
        factors.add_row(
            Text(factor.label, style="red" if factor.below else ""),
            factor.score,
            bar(factor.value, criteria.scale),
            factor.weight,
            factor.contribution,
        )
    parts.append(factors)
    parts += [Text(note, style="italic dim") for note in view.notes]
    if view.weakest:
        table = _titled_table(t(lang, "weakest"))
        table.add_column(t(lang, "indicator"))
        table.add_column(t(lang, "value"))
        table.add_column(t(lang, "points-lost"), justify="right")
        for item in view.weakest:
            table.add_row(item.indicator, item.value, item.points)
        parts.append(table)
    parts += verification_parts(view.verification, lang)
    return Panel(
        Group(*parts),
        title=Text(view.title, style="bold"),
        title_align="left",
        expand=False,
    )


def verification_parts(view: VerificationView | None, lang: Lang) -> list[RenderableType]:
    """Where verification moved the score: the values looked at, and the total under the
    claims (nothing without verification)."""
    if view is None:
        return []
    # Who checked and the factor's contribution are in the other formats: a terminal
    # table of eight columns would cut every name.
    table = _titled_table(view.title)
    table.add_column(t(lang, "ver-indicator"), ratio=3)
    table.add_column(t(lang, "ver-claimed"), ratio=2)
    table.add_column(t(lang, "ver-verified"), ratio=2)
    table.add_column(t(lang, "ver-status"))
    table.add_column(t(lang, "ver-points"), justify="right", no_wrap=True)
    table.add_column(t(lang, "change"), justify="right", no_wrap=True)
    for r in view.rows:
        style = "" if r.change.lstrip("+-").strip("0.,") == "" else "yellow"
        table.add_row(
            r.indicator, r.claimed, r.verified, r.status, r.points, Text(r.change, style=style)
        )
    return [table, Text(view.total)]


SPARK = "▁▂▃▄▅▆▇█"


def factor_bars(card: ScoreCard, criteria: Criteria) -> Text:
    """One small bar per factor, in criteria order: a profile that fits in a table cell.
    A factor below its ``min_score`` is red."""
    bars = Text(no_wrap=True)
    for factor in card.factors:
        share = max(0.0, min(1.0, factor.score / criteria.scale))
        style = "red" if factor.below_minimum else "green" if share >= 0.5 else "yellow"
        bars.append(SPARK[min(len(SPARK) - 1, int(share * len(SPARK)))], style=style)
    return bars


def _whole_words(texts: Iterable[str]) -> int:
    """The width of the longest word in ``texts``: a name column at least this wide wraps
    between words and never cuts one (``Kota Tange…`` is two cities)."""
    return max((len(word) for text in texts for word in text.split()), default=1)


def _region_rows(title: str, rows: list[RegionRow], view: RankView, *, gap: bool = False) -> Table:
    """Regions as table rows; the note column only when some region has a note."""
    lang, criteria = view.lang, view.result.criteria.model
    note = any(row.note for row in rows)
    table = _titled_table(title)
    table.add_column("#", justify="right", no_wrap=True)
    table.add_column(t(lang, "code"), no_wrap=True)
    table.add_column(t(lang, "region"), min_width=_whole_words(row.name for row in rows))
    table.add_column(t(lang, "province"), min_width=_whole_words(row.province for row in rows))
    table.add_column(t(lang, "score"), justify="right", no_wrap=True)
    if gap:
        table.add_column(t(lang, "gap"), justify="right", no_wrap=True)
    table.add_column(t(lang, "band"))
    table.add_column(t(lang, "factors"), no_wrap=True)
    if note:
        table.add_column(t(lang, "note"))
    for row in rows:
        cells: list[RenderableType] = [row.rank, row.code, row.name, row.province, row.score]
        if gap:
            cells.append(row.gap)
        cells += [row.band or "-", factor_bars(row.card, criteria)]
        if note:
            style = "bold red" if row.tie == "at-cutoff" else "yellow"
            cells.append(Text(row.note, style=style))
        table.add_row(*cells)
    return table


def _alert(lines: list[str], lang: Lang) -> Panel:
    return Panel(
        Text("\n".join(lines), style="bold red"),
        title=Text(t(lang, "warning"), style="bold red"),
        title_align="left",
        border_style="red",
    )


def rank_view(result: RankResult, lang: Lang) -> RenderableType:
    view = RankView(result, lang)
    parts: list[RenderableType] = []
    if view.skipped:
        parts.append(_alert(view.skipped, lang))
    if view.replaced:
        parts.append(Text("\n".join(view.replaced), style="yellow"))
    parts.append(Text(view.title, style="bold"))
    parts += [_alert([warning], lang) for warning in view.cutoff_warnings]
    if view.province_cap:
        parts.append(Text(view.province_cap, style="dim"))
    for cohort in view.cohorts:
        if cohort.rows:
            parts += [Text(""), _region_rows(cohort.heading, cohort.rows, view)]
        else:
            parts += [Text(""), Text(cohort.heading, style="bold")]
    if view.not_selected:
        table = _region_rows(view.not_selected_heading, view.not_selected, view, gap=True)
        parts += [Text(""), table]
        if view.not_selected_legend:
            parts.append(Text(view.not_selected_legend, style="dim"))
    if view.ineligible:
        parts += [Text(""), _ineligible_table(view)]
    if view.ties:
        parts += [Text(""), Text(view.ties_heading, style="bold")]
        for tie in view.ties:
            text = Text(f"• {tie.line}")
            if tie.at_cutoff:
                text.stylize("bold red")
            parts.append(Padding(text, (0, 0, 0, 2)))
    if view.equity_heading:
        parts += [Text(""), Text(view.equity_heading, style="bold")]
        parts += [Padding(Text(f"• {line}"), (0, 0, 0, 2)) for line in view.equity_lines]
    if view.overrides_heading:
        parts += [Text(""), Text(view.overrides_heading, style="bold")]
        parts += [Padding(Text(f"• {line}"), (0, 0, 0, 2)) for line in view.overrides_lines]
    if view.verification_heading:
        parts += [Text(""), *_verification_section(view)]
    if view.excluded:
        text = Text(view.excluded_heading + "\n", style="bold")
        text.append(", ".join(view.excluded), style="not bold")
        parts += [Text(""), text]
    parts += [Text(""), *(Text(w, style="yellow") for w in view.cohort_warnings)]
    parts.append(Text(view.summary, style="bold"))
    parts.append(Text(view.factor_legend, "dim"))
    parts.append(Text(view.criteria_note, style="dim"))
    return Group(*parts)


def _verification_section(view: RankView) -> list[RenderableType]:
    """Where verification moved a score: a row per region, then the note (the basis,
    and that rank and cohort are those as scored)."""
    note = Text(view.verification_note, style="dim")
    if not view.verification_rows:
        return [Text(view.verification_heading, style="bold"), note]
    table = _titled_table(view.verification_heading)
    rank, region, *numbers = view.verification_header
    table.add_column(rank, justify="right", no_wrap=True)
    table.add_column(region, min_width=_whole_words(r.label for r in view.verification_rows))
    for name in numbers:
        table.add_column(name, justify="right", no_wrap=True)
    for r in view.verification_rows:
        table.add_row(r.rank or "-", r.label, r.score_claimed, r.score, r.change, r.values_moved)
    return [table, note]


def _ineligible_table(view: RankView) -> Table:
    lang = view.lang
    table = _titled_table(view.ineligible_heading)
    table.add_column(t(lang, "code"), no_wrap=True)
    table.add_column(t(lang, "region"), min_width=_whole_words(r.name for r in view.ineligible))
    table.add_column(
        t(lang, "province"), min_width=_whole_words(r.province for r in view.ineligible)
    )
    table.add_column(t(lang, "score"), justify="right", no_wrap=True)
    table.add_column(t(lang, "reasons"), style="red", ratio=2, overflow="fold")
    for row in view.ineligible:
        table.add_row(row.code, row.name, row.province, row.score, "\n".join(row.reasons))
    return table


def _indicator_method(ind: Indicator, lang: Lang) -> str:
    """How an indicator's answer becomes 0..1: goalposts, transform and valid range for a
    number, each answer's score for a level or yes/no."""
    if ind.type != "number":
        return f"{t(lang, 'levels')}: {levels_text(ind, lang)}"
    parts = [
        f"{t(lang, 'goalposts')}: {goalposts_text(ind, lang)}",
        f"{t(lang, 'transform')}: {transform_text(ind, lang)}",
    ]
    if valid := valid_text(ind, lang):
        parts.append(f"{t(lang, 'valid-range')}: {valid}")
    return "; ".join(parts)


@register
class TableReporter(Reporter):
    name = "table"

    def score(self, result: ScoreResult, options: ReportOptions) -> str:
        model, lang = result.criteria.model, options.lang
        cards: list[RenderableType] = [
            scorecard(card_view(card, model, lang), model, lang) for card in result.cards
        ]
        note = Text(criteria_note(model, options.lang), style="dim")
        return _to_text(Group(*cards, note), options)

    def criteria(self, result: CriteriaResult, options: ReportOptions) -> str:
        model, lang = result.criteria.model, options.lang
        tree = Tree(Text(f"{model.title.get(lang)}  ({model.id} {model.version})", style="bold"))
        for factor in model.factors:
            gate = (
                f"  {t(lang, 'factor-minimum', score=num(factor.min_score, 'g', lang))}"
                if factor.min_score is not None
                else ""
            )
            branch = tree.add(
                Text.assemble(
                    (factor.label(lang), "bold"),
                    f"  {num(model.factor_share(factor), '.2%', lang)}",
                    (gate, "red"),
                    (f"  [{factor.id}]", "dim"),
                )
            )
            for ind in factor.indicators:
                flags = []
                if ind.required:
                    flags.append(t(lang, "required"))
                if ind.gate is not None:
                    flags.append(f"{t(lang, 'gate').lower()} {gate_text(ind, lang)}")
                leaf = branch.add(
                    Text.assemble(
                        f"{ind.label(lang)}  ",
                        (num(model.effective_weight(factor, ind), ".2%", lang), "cyan"),
                        (f"  {type_text(ind, lang)}", "dim"),
                        (f"  ({', '.join(flags)})" if flags else "", "yellow"),
                        (f"  [{factor.id}.{ind.id}]", "dim"),
                    )
                )
                leaf.add(Text(_indicator_method(ind, lang), style="dim"))
        footer = Text()
        for label, value in method_lines(model, lang):
            footer.append(f"{label}: ", style="bold")
            footer.append(f"{value}\n")
        footer.append(criteria_note(model, lang), style="dim")
        return _to_text(Group(tree, footer), options)

    def sensitivity(self, result: SensitivityResult, options: ReportOptions) -> str:
        return _to_text(sensitivity_view(result, options.lang, options.width), options)

    def explain(self, result: ExplainResult, options: ReportOptions) -> str:
        return _to_text(explain_report(result, options.lang), options)

    def rank(self, result: RankResult, options: ReportOptions) -> str:
        return _to_text(rank_view(result, options.lang), options)

    def compare(self, result: CompareResult, options: ReportOptions) -> str:
        return _to_text(compare_view(result, options.lang), options)

    def history(self, result: HistoryResult, options: ReportOptions) -> str:
        view = history_view(result, options.lang)
        table = _titled_table(view.title)
        for i, name in enumerate(view.header):
            table.add_column(name, justify="right" if 2 <= i <= 5 else "left")
        styles = {"selected": "green", "withdrawn": "red", "excluded": "dim"}
        for row in view.rows:
            cells = [row.year, row.applied, row.score, row.change, row.rank, row.rank_change]
            outcome = Text(row.outcome, style=styles.get(row.status, ""))
            table.add_row(*cells, outcome, row.moved_most)
        parts: list[RenderableType] = [table, Text(""), Text(view.legend, style="dim")]
        parts += [Text(""), Text(view.rounds_heading, style="bold")]
        parts += [Padding(Text(f"• {line}", style="dim"), (0, 0, 0, 2)) for line in view.rounds]
        return _to_text(Group(*parts), options)


# --- sensitivity and explain (issue 5) ---------------------------------------------------------

INTERVAL_WIDTH = (12, 30)
"""The narrowest and widest rank-interval bar; it takes what the terminal leaves."""


def rank_interval_bar(region: RegionRobustness, ranks: int, cutoff: int | None, width: int) -> Text:
    """Ranks 1..``ranks`` across ``width`` cells: ━ from the 5th to the 95th percentile
    rank, ● at the median, │ after the last selected rank, · elsewhere."""

    def cell(rank: int) -> int:
        return min(width - 1, max(0, (rank - 1) * width // max(ranks, 1)))

    cells = ["·"] * width
    if cutoff is not None and cutoff < ranks:
        cells[cell(cutoff + 1)] = "│"
    if region.rank_p5 is None or region.rank_p95 is None or region.median_rank is None:
        return Text("".join(cells), style="dim")
    style = (
        "green" if region.p_selected >= 0.95 else "red" if region.p_selected <= 0.05 else "yellow"
    )
    low, high = cell(region.rank_p5), cell(region.rank_p95)
    for i in range(low, high + 1):
        cells[i] = "━"
    cells[cell(region.median_rank)] = "●"
    text = Text(no_wrap=True)
    for i, char in enumerate(cells):
        text.append(char, style=style if low <= i <= high else "dim")
    return text


def short_name(name: str) -> str:
    """``Kabupaten Indramayu`` as ``Kab. Indramayu``, the usual short form."""
    return "Kab. " + name[len("Kabupaten ") :] if name.startswith("Kabupaten ") else name


def sensitivity_view(result: SensitivityResult, lang: Lang, width: int) -> RenderableType:
    analysis, model = result.analysis, result.criteria.model
    p = model.precision
    parts: list[RenderableType] = []
    skipped = skipped_lines(result.skipped, lang)
    if skipped:
        parts.append(_alert(skipped, lang))
    parts.append(Text(t(lang, "sensitivity-title", title=model.title.get(lang)), style="bold"))
    parts.append(Text(settings_line(analysis, model, lang), style="dim"))
    if analysis.borderline:
        parts.append(_alert([borderline_line(analysis, lang)], lang))
    else:
        parts.append(Text(borderline_line(analysis, lang), style="green"))

    parts += [Text(""), Text(t(lang, "robustness-heading"), style="bold")]
    parts += [Padding(Text(f"• {line}"), (0, 0, 0, 2)) for line in pool_lines(analysis, lang)]

    oat = oat_table(analysis, model, lang)
    oat_view = _titled_table(oat.heading)
    for index, heading in enumerate(oat.header):
        oat_view.add_column(heading, justify="left" if index == 0 else "right")
    for row in oat.rows:
        oat_view.add_row(*row)
    parts += [Text(""), oat_view, Text(oat.note, style="dim")]

    shown = shown_regions(analysis)
    ranks = max([len(analysis.ranking.eligible), *(r.worst_rank or 0 for r in shown)], default=1)
    cutoff = max(analysis.ranking.cut_ranks(), default=None)  # past the count, with a cap
    table = _titled_table(t(lang, "regions-heading"))
    mark = t(lang, "borderline-mark")
    # Numbers never squeeze; the bar takes what is left, up to its widest, then the name.
    fixed_width = 3 + 5 + 6 + 4 + 4 * len(analysis.cohorts) + 7 + len(mark)
    gaps = 2 * (8 + len(analysis.cohorts))
    spare = width - fixed_width - gaps
    bar_width = max(INTERVAL_WIDTH[0], min(INTERVAL_WIDTH[1], spare - 24))
    name_width = max(12, spare - bar_width)
    table.add_column("#", justify="right", no_wrap=True, min_width=3)
    table.add_column(t(lang, "code"), no_wrap=True, min_width=5)
    names = [short_name(region.card.submission.name) for region in shown]
    words = _whole_words(names)  # wrapped between words, never cut
    table.add_column(t(lang, "region"), min_width=min(words, name_width), max_width=name_width)
    table.add_column(t(lang, "score"), justify="right", no_wrap=True, min_width=6)
    table.add_column(t(lang, "selected-short"), justify="right", no_wrap=True, min_width=4)
    for cohort in analysis.cohorts:
        table.add_column(str(cohort.year), justify="right", no_wrap=True, min_width=4)
    table.add_column("5-95%", justify="right", no_wrap=True, min_width=7)
    table.add_column("", no_wrap=True, min_width=bar_width, max_width=bar_width)
    table.add_column("", no_wrap=True, min_width=len(mark))
    for index, region in enumerate(shown):
        table.add_row(
            "" if region.nominal_rank is None else str(region.nominal_rank),
            region.code,
            names[index],
            fixed(region.card.total, p, lang),
            short_percent(region.p_selected, lang),
            *(short_percent(share, lang) for _, share in region.p_cohort),
            interval_text(region),
            rank_interval_bar(region, ranks, cutoff, bar_width),
            Text(mark, style="bold yellow") if region.borderline else "",
        )
    parts += [Text(""), table, Text(t(lang, "probability-legend"), style="dim")]
    legend = t(lang, "interval-legend", n=ranks, cutoff=cutoff or 0)
    parts.append(Text(legend, style="dim"))
    never = never_ranked(analysis)
    if never:
        text = Text(t(lang, "never-ranked", count=len(never)) + "\n", style="bold")
        text.append(", ".join(region_name(r) for r in never), style="not bold")
        parts += [Text(""), text]
    sections = cutoff_sections(analysis, model, lang)
    if sections:
        parts += [Text(""), Text(t(lang, "values-heading"), style="bold")]
    for section in sections:
        parts += [Text(""), Text(section.headline), Text(section.decisive)]
        if section.rows:
            changes = _titled_table("")
            for index, heading in enumerate(section.header):
                # Names and headings wrap between words; no word or number is cut.
                words = _whole_words([heading, *(row[index] for row in section.rows)])
                justify: Literal["left", "right"] = "left" if index < 2 else "right"
                changes.add_column(heading, justify=justify, min_width=words)
            for row in section.rows:
                changes.add_row(*row)
            parts.append(changes)
        parts.append(Text(section.odds, style="dim"))
    parts += [Text(""), Text(sensitivity_summary(analysis, lang), style="bold")]
    parts.append(Text(criteria_note(model, lang), style="dim"))
    return Group(*parts)


def _step_name(step: StepRow, lang: Lang) -> Text:
    """The indicator's name, and what the step fixes (if anything) under it in yellow."""
    text = Text(step.indicator)
    if step.fixes:
        text.append(f"\n↳ {t(lang, 'fixes').lower()}: {step.fixes}", style="yellow")
    return text


def explain_report(result: ExplainResult, lang: Lang) -> RenderableType:
    view = explain_view(result, lang)
    parts: list[RenderableType] = []
    if view.skipped:
        parts.append(_alert(view.skipped, lang))
    parts.append(_headline(view.card, lang))
    parts.append(Text(view.position, style="bold"))
    if view.failed:
        failed = Text(view.failed_heading, style="bold red")
        for line in view.failed:
            failed.append(f"\n  • {line}", style="red")
        parts.append(failed)
    if view.factors:
        factors = _titled_table(view.factors_heading)
        factors.add_column(t(lang, "factor"))
        factors.add_column(t(lang, "score"), justify="right")
        factors.add_column(t(lang, "contribution"), justify="right")
        factors.add_column(t(lang, "median-selected"), justify="right")
        factors.add_column(t(lang, "difference"), justify="right")
        for f in view.factors:
            style = "" if f.ahead is None else "green" if f.ahead else "red"
            factors.add_row(f.label, f.score, f.contribution, f.median, Text(f.difference, style))
        parts += [Text(""), factors]
    checked = verification_parts(view.card.verification, lang)
    if checked:
        parts += [Text(""), *checked]
    for highlights in view.highlights:
        style = "green" if highlights.kind == "strengths" else "red"
        text = Text(highlights.heading, style="bold")
        for name, points in highlights.items:
            text.append(f"\n  • {name}: ", style="not bold")
            text.append(points, style=style)
        parts += [Text(""), text]
    if not view.done:
        cohort_target = view.cohort_target
        path = _titled_table(view.path_heading, expand=True)
        # Headers of number columns may wrap (they are long in Indonesian); the numbers not.
        path.add_column("#", justify="right", no_wrap=True)
        path.add_column(t(lang, "indicator"), ratio=4)
        path.add_column(t(lang, "from"), ratio=2)
        path.add_column(t(lang, "to"), ratio=2)
        path.add_column(t(lang, "gain"), justify="right", min_width=6)
        path.add_column(t(lang, "total-after"), justify="right", min_width=6)
        if cohort_target:
            path.add_column(t(lang, "rank-after"), justify="right", min_width=4)
            path.add_column(t(lang, "cohort"), justify="right", min_width=4)
        else:
            path.add_column(t(lang, "band"), ratio=1)
        for step in view.path:
            cells: list[RenderableType] = [
                step.number,
                _step_name(step, lang),
                step.before,
                step.after,
                step.gain,
                step.total,
            ]
            cells += [step.rank, step.cohort] if cohort_target else [step.band]
            path.add_row(*cells)
        parts += [Text(""), path] if view.path else [Text(""), Text(view.path_heading, "bold")]
        parts.append(Text(view.path_result, style="bold green" if view.reached else "bold red"))
        parts.append(Text(view.path_note, style="dim"))
    if view.steps:
        menu = _titled_table(view.steps_heading, expand=True)
        menu.add_column(t(lang, "indicator"), ratio=3)
        menu.add_column(t(lang, "from"), ratio=2)
        menu.add_column(t(lang, "to"), ratio=2)
        menu.add_column(t(lang, "gain"), justify="right", min_width=6)
        for step in view.steps:
            menu.add_row(_step_name(step, lang), step.before, step.after, step.gain)
        parts += [Text(""), menu]
        if view.steps_more:
            parts.append(Text(view.steps_more, "dim"))
    parts += [Text(""), Text(view.criteria_note, style="dim")]
    return Panel(
        Group(*parts),
        title=Text(view.title, style="bold"),
        title_align="left",
    )


# --- compare ---------------------------------------------------------------------------------


def _filled_table(title: str, header: list[str], rows: list[list[str]], right: int = 0) -> Table:
    """A titled table of ``rows`` of text, its first ``right`` columns right-aligned."""
    table = _titled_table(title)
    for i, name in enumerate(header):
        table.add_column(name, justify="right" if i < right else "left")
    for row in rows:
        table.add_row(*row)
    return table


def compare_view(result: CompareResult, lang: Lang) -> RenderableType:
    c = result.comparison
    parts: list[RenderableType] = [
        Text(t(lang, "compare-title"), style="bold"),
        Text(side_line(c.old, "compare-old", lang), style="dim"),
        Text(side_line(c.new, "compare-new", lang), style="dim"),
        Text(""),
        Text(correlation_line(c, lang), style="bold"),
        Text(t(lang, "compare-correlation-help"), style="dim"),
        Text(""),
    ]
    status = criteria_status(c, lang)
    title = t(lang, "compare-criteria-heading")
    if status is not None:
        parts += [Text(title, style="bold"), Text(status)]
    else:
        parts.append(_filled_table(title, change_header(lang), change_rows(c, lang)))
    for change in c.cohorts:
        parts += [Text(""), Text(cohort_heading(change, lang), style="bold")]
        for key, codes in (("compare-entered", change.entered), ("compare-left", change.left)):
            if codes:
                style = "green" if key == "compare-entered" else "red"
                table = _filled_table("", movement_header(lang), movement_rows(c, codes, lang))
                parts += [Text(f"{t(lang, key)}:", style=style), table]
    parts += [
        Text(""),
        Text(
            t(lang, "compare-selected-heading", entered=len(c.entered), left=len(c.left)),
            style="bold",
        ),
    ]
    for key, codes in (("compare-entered", c.entered), ("compare-left", c.left)):
        if codes:
            parts.append(Text(f"{t(lang, key)}: " + ", ".join(region_text(c, x) for x in codes)))
    parts.append(Text(""))
    rows = move_rows(c, result.top, lang)
    title = t(lang, "compare-moves-heading", count=result.top)
    if rows:
        parts.append(_filled_table(title, move_header(lang), rows, right=3))
    else:
        parts += [Text(title, style="bold"), Text(t(lang, "compare-no-moves"))]
    return Group(*parts)
