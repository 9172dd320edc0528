"""``--format table``: rich output for a terminal or a memo (the default)."""

from __future__ import annotations

import io

from rich.console import Console, Group, RenderableType
from rich.padding import Padding
from rich.panel import Panel
from rich.table import Table
from rich.text import Text
from rich.tree import Tree

from smartcity_assess.criteria import Criteria
from smartcity_assess.i18n import Lang, t
from smartcity_assess.ranking import RankedRegion, Ranking, SelectedCohort
from smartcity_assess.report.common import (
    band_label,
    cohort_heading,
    cohort_warnings,
    cutoff_tie_warning,
    fixed,
    rank_summary,
    region_note,
    render,
    skipped_lines,
    tie_line,
    tie_marks,
)
from smartcity_assess.report.interface import (
    CriteriaResult,
    RankResult,
    Reporter,
    ReportOptions,
    ScoreResult,
    register,
)
from smartcity_assess.report.markdown import criteria_note, indicator_label, value_text
from smartcity_assess.scoring import ScoreCard

BAR_WIDTH = 20


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


def scorecard(card: ScoreCard, criteria: Criteria, lang: Lang) -> RenderableType:
    p = criteria.precision
    s = card.submission
    status = (
        Text(t(lang, "eligible"), style="bold green")
        if card.eligible
        else Text(t(lang, "not-eligible"), style="bold red")
    )
    headline = Text.assemble(
        (f"{t(lang, 'total')}: ", "bold"),
        (f"{fixed(card.total, p)} / {criteria.scale:g}", "bold cyan"),
        "   ",
        (f"{t(lang, 'band')}: ", "bold"),
        band_label(card, lang) or "-",
        "   ",
        status,
        "   ",
        (f"{t(lang, 'coverage')}: ", "bold"),
        f"{card.coverage:.0%}",
    )
    parts: list[RenderableType] = [headline]
    if s.province:
        parts.insert(
            0, Text(f"{s.province} · {s.kind}" + (f" · {s.year}" if s.year else ""), style="dim")
        )
    if card.reasons:
        reasons = Text(f"{t(lang, 'reasons')}:\n", style="bold red")
        for r in card.reasons:
            reasons.append(f"  • {render(r, lang)}\n", style="red")
        parts.append(reasons)

    factors = Table(box=None, pad_edge=False, header_style="bold")
    factors.add_column(t(lang, "factor"))
    factors.add_column(t(lang, "score"), justify="right")
    factors.add_column("", no_wrap=True)
    factors.add_column(t(lang, "weight"), justify="right")
    factors.add_column(t(lang, "contribution"), justify="right")
    by_id = {f.id: f for f in criteria.factors}
    for factor in card.factors:
        spec = by_id[factor.id]
        below = spec.min_score is not None and round(factor.score, p) < spec.min_score
        factors.add_row(
            Text(spec.label(lang), style="red" if below else ""),
            fixed(factor.score, p),
            bar(factor.score, criteria.scale),
            f"{factor.weight:.1%}",
            fixed(factor.contribution, p),
        )
    parts.append(factors)
    if criteria.aggregation == "geometric":
        parts.append(Text(t(lang, "geometric-note"), style="italic dim"))
    weakest = card.weakest()
    if weakest:
        table = Table(
            title=t(lang, "weakest"),
            title_justify="left",
            box=None,
            pad_edge=False,
            header_style="bold",
            title_style="bold",
        )
        table.add_column(t(lang, "indicator"))
        table.add_column(t(lang, "value"))
        table.add_column(t(lang, "points-lost"), justify="right")
        for item in weakest:
            table.add_row(
                indicator_label(criteria, item, lang),
                value_text(criteria, item, lang),
                fixed(item.points_lost, p),
            )
        parts.append(table)
    return Panel(
        Group(*parts),
        title=Text(t(lang, "scorecard-title", name=s.name, code=s.code), style="bold"),
        title_align="left",
        expand=False,
    )


SPARK = "▁▂▃▄▅▆▇█"


def factor_bars(card: ScoreCard, criteria: Criteria) -> Text:
    """One small bar per factor, in criteria order: a profile that fits in a table cell.
    A factor below its ``min_score`` is red."""
    bars = Text(no_wrap=True)
    minimum = {f.id: f.min_score for f in criteria.factors}
    for factor in card.factors:
        share = max(0.0, min(1.0, factor.score / criteria.scale))
        floor = minimum[factor.id]
        below = floor is not None and round(factor.score, criteria.precision) < floor
        style = "red" if below else "green" if share >= 0.5 else "yellow"
        bars.append(SPARK[min(len(SPARK) - 1, int(share * len(SPARK)))], style=style)
    return bars


def _region_table(title: str, lang: Lang, *, gap: bool = False, note: bool) -> Table:
    table = Table(
        title=title,
        title_justify="left",
        title_style="bold",
        box=None,
        pad_edge=False,
        header_style="bold",
    )
    table.add_column("#", justify="right", no_wrap=True)
    table.add_column(t(lang, "code"), no_wrap=True)
    table.add_column(t(lang, "region"))
    table.add_column(t(lang, "province"))
    table.add_column(t(lang, "score"), justify="right", no_wrap=True)
    if gap:
        table.add_column(t(lang, "gap"), justify="right", no_wrap=True)
    table.add_column(t(lang, "band"))
    table.add_column(t(lang, "factors"), no_wrap=True)
    if note:
        table.add_column(t(lang, "note"))
    return table


def _add_region(
    table: Table,
    region: RankedRegion,
    criteria: Criteria,
    lang: Lang,
    marks: dict[str, str],
    *,
    gap: bool = False,
    note: bool,
) -> None:
    p = criteria.precision
    card = region.card
    cells: list[RenderableType] = [
        "" if region.rank is None else str(region.rank),
        card.code,
        card.submission.name,
        card.submission.province,
        fixed(card.total, p),
    ]
    if gap:
        cells.append("" if region.gap is None else fixed(region.gap, p))
    cells += [band_label(card, lang) or "-", factor_bars(card, criteria)]
    if note:
        style = "bold red" if marks.get(region.code) == "at-cutoff" else "yellow"
        cells.append(Text(region_note(region, marks, lang), style=style))
    table.add_row(*cells)


def _region_rows(
    title: str,
    regions: list[RankedRegion],
    criteria: Criteria,
    lang: Lang,
    marks: dict[str, str],
    *,
    gap: bool = False,
) -> Table:
    """Regions as table rows; the note column only when some region has a note."""
    note = any(region_note(r, marks, lang) for r in regions)
    table = _region_table(title, lang, gap=gap, note=note)
    for region in regions:
        _add_region(table, region, criteria, lang, marks, gap=gap, note=note)
    return table


def _cohort_table(
    cohort: SelectedCohort, ranking: Ranking, criteria: Criteria, lang: Lang
) -> RenderableType:
    heading = cohort_heading(cohort, criteria, lang)
    members = ranking.in_cohort(cohort.year)
    if not members:
        return Text(heading, style="bold")
    return _region_rows(heading, members, criteria, lang, tie_marks(ranking))


def _alert(lines: list[str], lang: Lang) -> Panel:
    return Panel(
        Text("\n".join(lines), style="bold red"),
        title=Text(t(lang, "warning"), style="bold red"),
        title_align="left",
        border_style="red",
    )


def rank_view(result: RankResult, lang: Lang) -> RenderableType:
    model, ranking = result.criteria.model, result.ranking
    marks = tie_marks(ranking)
    parts: list[RenderableType] = []
    skipped = skipped_lines(result.skipped, lang)
    if skipped:
        parts.append(_alert(skipped, lang))
    parts.append(Text(t(lang, "rank-title", title=model.title.get(lang)), style="bold"))
    parts += [
        _alert([cutoff_tie_warning(tie, ranking, model, lang)], lang) for tie in ranking.cutoff_ties
    ]
    if ranking.max_per_province is not None:
        parts.append(Text(t(lang, "province-cap", cap=ranking.max_per_province), style="dim"))
    for cohort in ranking.cohorts:
        parts += [Text(""), _cohort_table(cohort, ranking, model, lang)]
    waiting = ranking.not_selected
    if waiting:
        title = t(lang, "not-selected-heading", count=len(waiting))
        parts += [Text(""), _region_rows(title, waiting, model, lang, marks, gap=True)]
    if ranking.ineligible:
        parts += [Text(""), _ineligible_table(ranking, model, lang)]
    if ranking.ties:
        parts += [Text(""), *_ties(ranking, model, lang)]
    if ranking.excluded:
        parts += [Text(""), _excluded(ranking, lang)]
    parts += [Text(""), *(Text(w, style="yellow") for w in cohort_warnings(ranking, lang))]
    parts.append(Text(rank_summary(ranking, lang), style="bold"))
    factors = ", ".join(f.label(lang) for f in model.factors)
    parts.append(Text(t(lang, "factor-bars", scale=f"{model.scale:g}", factors=factors), "dim"))
    parts.append(Text(criteria_note(model, lang), style="dim"))
    return Group(*parts)


def _ties(ranking: Ranking, criteria: Criteria, lang: Lang) -> list[RenderableType]:
    """Every broken tie, one bullet each; those at a cut-off in bold red."""
    lines: list[RenderableType] = [
        Text(t(lang, "ties-heading", count=len(ranking.ties)), style="bold")
    ]
    for tie in ranking.ties:
        text = Text(f"• {tie_line(tie, ranking, criteria, lang)}")
        if tie.at_cutoff:
            text.stylize("bold red")
        lines.append(Padding(text, (0, 0, 0, 2)))
    return lines


def _excluded(ranking: Ranking, lang: Lang) -> Text:
    text = Text(t(lang, "excluded-heading", count=len(ranking.excluded)) + "\n", style="bold")
    text.append(
        ", ".join(f"{c.submission.name} ({c.code})" for c in ranking.excluded), style="not bold"
    )
    return text


def _ineligible_table(ranking: Ranking, criteria: Criteria, lang: Lang) -> Table:
    regions = ranking.ineligible
    table = Table(
        title=t(lang, "ineligible-heading", count=len(regions)),
        title_justify="left",
        title_style="bold",
        box=None,
        pad_edge=False,
        header_style="bold",
    )
    table.add_column(t(lang, "code"), no_wrap=True)
    table.add_column(t(lang, "region"))
    table.add_column(t(lang, "province"))
    table.add_column(t(lang, "score"), justify="right", no_wrap=True)
    table.add_column(t(lang, "reasons"), style="red", ratio=2, overflow="fold")
    for region in regions:
        card = region.card
        table.add_row(
            card.code,
            card.submission.name,
            card.submission.province,
            fixed(card.total, criteria.precision),
            "\n".join(render(reason, lang) for reason in card.reasons),
        )
    return table


@register
class TableReporter(Reporter):
    name = "table"

    def score(self, result: ScoreResult, options: ReportOptions) -> str:
        model = result.criteria.model
        cards: list[RenderableType] = [scorecard(c, model, options.lang) for c in result.cards]
        note = Text(criteria_note(model, options.lang), style="dim")
        return _to_text(Group(*cards, note), options)

    def criteria(self, result: CriteriaResult, options: ReportOptions) -> str:
        model, lang = result.criteria.model, options.lang
        tree = Tree(Text(f"{model.title.get(lang)}  ({model.id} {model.version})", style="bold"))
        for factor in model.factors:
            gate = f"  min {factor.min_score:g}" if factor.min_score is not None else ""
            branch = tree.add(
                Text.assemble(
                    (factor.label(lang), "bold"),
                    f"  {model.factor_share(factor):.2%}",
                    (gate, "red"),
                    (f"  [{factor.id}]", "dim"),
                )
            )
            for ind in factor.indicators:
                flags = []
                if ind.required:
                    flags.append(t(lang, "required"))
                if ind.gate is not None:
                    flags.append(f"{t(lang, 'gate').lower()} {str(ind.gate).lower()}")
                branch.add(
                    Text.assemble(
                        f"{ind.label(lang)}  ",
                        (f"{model.effective_weight(factor, ind):.2%}", "cyan"),
                        (f"  {ind.type}", "dim"),
                        (f"  ({', '.join(flags)})" if flags else "", "yellow"),
                        (f"  [{factor.id}.{ind.id}]", "dim"),
                    )
                )
        bands = ", ".join(f"{b.label.get(lang)} ≥ {b.min:g}" for b in model.bands)
        cohorts = ", ".join(f"{c.year}: {c.size}" for c in model.cohorts)
        footer = Text.assemble(
            (f"{t(lang, 'bands')}: ", "bold"),
            bands,
            "\n",
            (f"{t(lang, 'cohorts')}: ", "bold"),
            cohorts,
            "\n",
            (criteria_note(model, lang), "dim"),
        )
        return _to_text(Group(tree, footer), options)

    def rank(self, result: RankResult, options: ReportOptions) -> str:
        return _to_text(rank_view(result, options.lang), options)
