"""``--format table``: rich output for a terminal or a memo (the default)."""

from __future__ import annotations

import io

from rich.console import Console, Group, RenderableType
from rich.panel import Panel
from rich.table import Table
from rich.text import Text
from rich.tree import Tree

from smartcity_assess.criteria import Criteria
from smartcity_assess.i18n import Lang, t
from smartcity_assess.report.common import band_label, fixed, render
from smartcity_assess.report.interface import (
    CriteriaResult,
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
