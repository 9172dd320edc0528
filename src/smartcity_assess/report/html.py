"""``--format html``: one self-contained page per report, to print on A4 or to share.

The page has its CSS inline and its charts as inline SVG (see ``charts``); it loads
nothing, runs no script and works offline. Templates are jinja2 files in ``templates/``
(autoescaped; only our own SVG is inserted unescaped). Every heading goes through the
message catalogue; criteria labels come from the criteria file.

jinja2 and matplotlib are the optional ``report`` extra: they are imported when a page is
made, never when this module is imported, and their absence is a usage error (exit 2)
that says how to install them.

This module lays out the views of ``views`` and the result objects for the templates; it
computes nothing. Two hooks: ``rank_page(..., sensitivity=...)`` adds rank intervals and
selection probabilities with the borderline regions highlighted (``assess sensitivity
--format html`` uses it), and the score page lists the cheapest single improvements of
each region's explanation against the bands (``ScoreResult.explanations``).
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING, Any

from smartcity_assess import __version__
from smartcity_assess.core.criteria import Criteria, LoadedCriteria
from smartcity_assess.errors import UsageError
from smartcity_assess.i18n import Lang, t
from smartcity_assess.report import charts
from smartcity_assess.report.analysis import (
    cutoff_sections,
    fix_text,
    interval_text,
    oat_table,
    pool_lines,
    position_line,
    settings_line,
    shown_steps,
    signed,
)
from smartcity_assess.report.common import (
    TOOL,
    fixed,
    group_lines,
    indicator_name,
    num,
    type_text,
    value_text,
)
from smartcity_assess.report.compare_report import (
    SHA_SHOWN,
    change_header,
    change_rows,
    cohort_heading,
    correlation_line,
    criteria_status,
    move_header,
    move_rows,
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
from smartcity_assess.report.views import RankView, card_view, explain_view, history_view

if TYPE_CHECKING:
    from jinja2 import Environment

    from smartcity_assess.core.explain import Explanation
    from smartcity_assess.core.scoring import ScoreCard
    from smartcity_assess.core.sensitivity import Sensitivity

WEAKEST_SHOWN = 5
STEPS_SHOWN = 6


def require_report_extra() -> None:
    """Raise the install hint (exit 2) unless jinja2 and matplotlib can be imported."""
    try:
        import jinja2  # noqa: F401
        import matplotlib  # noqa: F401
    except ImportError as exc:
        raise UsageError("usage-html-extra", detail=str(exc)) from None


def _environment(lang: Lang) -> Environment:
    import jinja2

    env = jinja2.Environment(
        loader=jinja2.PackageLoader("smartcity_assess.report", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.globals["_"] = functools.partial(t, lang)
    return env


def _page(template: str, lang: Lang, **context: Any) -> str:
    require_report_extra()
    return _environment(lang).get_template(template).render(lang=lang, tool=TOOL, **context)


def _criteria_context(loaded: LoadedCriteria, lang: Lang) -> dict[str, Any]:
    model = loaded.model
    return {
        "criteria": {
            "id": model.id,
            "version": model.version,
            "title": model.title.get(lang),
            "description": " ".join(model.description.get(lang).split())
            if model.description
            else "",
            "source": " ".join(model.source.get(lang).split()),
        },
        "made_by": t(
            lang,
            "html-made-by",
            tool=TOOL,
            tool_version=__version__,
            id=model.id,
            version=model.version,
            sha=loaded.sha256[:SHA_SHOWN],
        ),
    }


class _Charts:
    """Numbers the charts of one page, so that their SVG ids never collide."""

    def __init__(self) -> None:
        self.count = 0

    def inline(self, svg: str, label: str) -> str:
        self.count += 1
        return charts.inline_svg(svg, f"chart{self.count}", label)


# --- rank ------------------------------------------------------------------------------------


def _ranking_chart(view: RankView, pics: _Charts) -> str | None:
    ranking, model, lang = view.result.ranking, view.result.criteria.model, view.lang
    index = {cohort.year: i for i, cohort in enumerate(ranking.cohorts)}
    bars = [
        charts.RankBar(
            rank=r.rank,
            score=r.card.total,
            group=None if r.cohort is None else index[r.cohort],
            cutoff_tie=row.tie == "at-cutoff",
            name=row.label,
            score_text=row.score,
        )
        for r, row in zip(ranking.regions, view.rows, strict=True)
        if r.rank is not None
    ]
    if not bars:
        return None
    cutoffs = []
    for i, cohort in enumerate(ranking.cohorts):
        members = ranking.in_cohort(cohort.year)
        if members and cohort.cutoff_score is not None:
            cutoffs.append(
                charts.CutoffLine(
                    after_rank=max(m.rank or 0 for m in members),
                    label=t(
                        lang,
                        "chart-cutoff",
                        year=cohort.year,
                        score=fixed(cohort.cutoff_score, model.precision, lang),
                    ),
                    group=i,
                )
            )
    svg = charts.ranking_chart(
        bars,
        cutoffs,
        [t(lang, "chart-cohort", year=c.year) for c in ranking.cohorts],
        scale=model.scale,
        not_selected=t(lang, "chart-not-selected"),
        tie_label=t(lang, "chart-cutoff-tie"),
        score_axis=t(lang, "chart-score-axis", scale=num(model.scale, "g", lang)),
        rank_axis=t(lang, "chart-rank-axis"),
        lang=lang,
    )
    return pics.inline(svg, t(lang, "html-ranking-chart"))


def _sensitivity_context(
    analysis: Sensitivity, model: Criteria, lang: Lang, pics: _Charts
) -> dict[str, Any]:
    """The sensitivity section: settings, pool lines, the rank-interval chart and the
    borderline regions."""
    ranking = analysis.ranking
    intervals = [
        charts.Interval(
            rank=r.nominal_rank,
            low=r.rank_p5,
            high=r.rank_p95,
            middle=r.median_rank if r.median_rank is not None else r.nominal_rank,
            highlight=r.borderline,
        )
        for r in analysis.regions
        if r.nominal_rank is not None and r.rank_p5 is not None and r.rank_p95 is not None
    ]
    cut_ranks = ranking.cut_ranks()
    chart = None
    if intervals:
        chart = pics.inline(
            charts.interval_chart(
                intervals,
                cut_ranks,
                highlight_label=t(lang, "chart-borderline"),
                other_label=t(lang, "chart-firm"),
                rank_axis=t(lang, "chart-rank-axis"),
                interval_axis=t(lang, "chart-rank-interval"),
            ),
            t(lang, "html-sensitivity-heading"),
        )
    borderline = [
        {
            "rank": "" if r.nominal_rank is None else r.nominal_rank,
            "code": r.code,
            "name": r.card.submission.name,
            "median": "" if r.median_rank is None else r.median_rank,
            "interval": interval_text(r),
            "p_selected": num(r.p_selected, ".0%", lang),
            "p_cohort": ", ".join(f"{year}: {num(p, '.0%', lang)}" for year, p in r.p_cohort),
        }
        for r in analysis.borderline
    ]
    return {
        "settings": settings_line(analysis, model, lang),
        "lines": pool_lines(analysis, lang),
        "chart": chart,
        "caption": t(
            lang,
            "html-sensitivity-caption",
            runs=analysis.settings.runs,
            seed=analysis.settings.seed,
        ),
        "oat": oat_table(analysis, model, lang),
        "borderline_heading": t(lang, "html-borderline-heading", count=len(borderline)),
        "borderline": borderline,
        "cutoffs": cutoff_sections(analysis, model, lang),
    }


def rank_page(result: RankResult, lang: Lang, sensitivity: Sensitivity | None = None) -> str:
    """The rank report; with ``sensitivity``, also rank intervals and selection
    probabilities, borderline regions highlighted in every table."""
    require_report_extra()
    view = RankView(result, lang)
    model = result.criteria.model
    pics = _Charts()
    chart = _ranking_chart(view, pics)
    sens = _sensitivity_context(sensitivity, model, lang, pics) if sensitivity else None
    robust = {
        r.code: {
            "borderline": r.borderline,
            "interval": interval_text(r),
            "p_selected": num(r.p_selected, ".0%", lang),
        }
        for r in (sensitivity.regions if sensitivity else ())
    }
    cohorts: list[dict[str, Any]] = [
        {
            "id": f"cohort-{cohort.year}",
            "heading": cohort.heading,
            "colour": charts.colour(i),
            "rows": cohort.rows,
        }
        for i, cohort in enumerate(view.cohorts)
    ]
    toc = [{"id": "ranking-chart", "label": t(lang, "html-ranking-chart")}] if chart else []
    if sens:
        toc.append({"id": "sensitivity", "label": t(lang, "html-sensitivity-heading")})
    toc += [{"id": c["id"], "label": c["heading"]} for c in cohorts]
    if view.not_selected:
        toc.append({"id": "not-selected", "label": view.not_selected_heading})
    toc += [
        {"id": "ineligible", "label": view.ineligible_heading},
        {"id": "ties", "label": view.ties_heading},
    ]
    if view.equity_heading:
        toc.append({"id": "equity", "label": view.equity_heading})
    if view.overrides_heading:
        toc.append({"id": "overrides", "label": view.overrides_heading})
    if view.verification_heading:
        toc.append({"id": "verification", "label": view.verification_heading})
    if view.excluded:
        toc.append({"id": "excluded", "label": view.excluded_heading})
    toc.append({"id": "criteria-note", "label": t(lang, "html-about-criteria")})
    return _page(
        "rank.html.j2",
        lang,
        title=view.title,
        subtitle="",
        warnings=[*view.skipped, *view.replaced, *view.cutoff_warnings, *view.cohort_warnings],
        view=view,
        toc=toc,
        chart=chart,
        sensitivity=sens,
        robust=robust,
        cohorts=cohorts,
        **_criteria_context(result.criteria, lang),
    )


# --- score -----------------------------------------------------------------------------------


def _gate_text(model: Criteria, address: str, lang: Lang) -> str:
    """An indicator's gate as a requirement: '≥ Signed MoU', 'yes', '≥ 1.5 % of APBD'."""
    _, indicator = model.addresses[address]
    gate = indicator.gate
    if indicator.type == "boolean":
        return t(lang, "yes")
    if indicator.type == "level":
        return f"≥ {indicator.level_label(str(gate), lang)}"
    unit = indicator.unit.get(lang) if indicator.unit else ""
    sign = "≤" if indicator.lower_is_better else "≥"
    if isinstance(gate, int | float):
        return f"{sign} {num(gate, 'g', lang)} {unit}".strip()
    return str(gate)


def _gates(card: ScoreCard, model: Criteria, lang: Lang) -> list[dict[str, Any]]:
    p = model.precision
    gates: list[dict[str, Any]] = []
    by_id = {f.id: f for f in card.factors}
    for factor in model.factors:
        scored = by_id[factor.id]
        if factor.min_score is not None:
            gates.append(
                {
                    "requirement": t(lang, "html-min-score-of", factor=factor.label(lang)),
                    "required": f"≥ {num(factor.min_score, 'g', lang)}",
                    "actual": fixed(scored.score, p, lang),
                    "passed": not scored.below_minimum,
                }
            )
        for item in scored.indicators:
            if item.gate_passed is not None:
                gates.append(
                    {
                        "requirement": indicator_name(model, item.address, lang),
                        "required": _gate_text(model, item.address, lang),
                        "actual": value_text(model, item.address, item.value, lang),
                        "passed": item.gate_passed,
                    }
                )
    if model.min_coverage > 0:
        gates.append(
            {
                "requirement": t(lang, "coverage"),
                "required": f"≥ {num(model.min_coverage, '.0%', lang)}",
                "actual": num(card.coverage, ".0%", lang),
                "passed": not card.coverage_short,
            }
        )
    return gates


def _improvements(
    explanation: Explanation, model: Criteria, lang: Lang
) -> tuple[str, list[dict[str, str]]]:
    """Where the region stands against the bands and its cheapest single steps (the
    same numbers as ``assess explain FILE``)."""
    steps = [
        {
            "indicator": indicator_name(model, step.address, lang),
            "before": value_text(model, step.address, step.before, lang),
            "after": value_text(model, step.address, step.after, lang),
            "gain": signed(step.gain, model.precision, lang),
            "fixes": fix_text(step, lang),
        }
        for step in shown_steps(explanation)[:STEPS_SHOWN]
    ]
    # Without bands there is no next band to reach: the steps alone say enough.
    position = position_line(explanation, model, lang) if model.bands else ""
    return position, steps


def _profile_chart(card: ScoreCard, model: Criteria, lang: Lang, pics: _Charts) -> str:
    p = model.precision
    specs = {f.id: f for f in model.factors}
    bars = [
        charts.ProfileBar(
            label=specs[f.id].label(lang),
            score=f.score,
            minimum=specs[f.id].min_score,
            below_minimum=f.below_minimum,
        )
        for f in card.factors
    ]
    svg = charts.profile_chart(
        bars,
        [(band.min, band.label.get(lang)) for band in model.bands],
        scale=model.scale,
        score_axis=t(lang, "chart-factor-axis", scale=num(model.scale, "g", lang)),
        minimum_label=t(lang, "chart-minimum"),
        precision=p,
        lang=lang,
    )
    return pics.inline(svg, t(lang, "html-factor-profile"))


def _score_region(
    card: ScoreCard, explanation: Explanation, model: Criteria, lang: Lang, pics: _Charts
) -> dict[str, Any]:
    view = card_view(card, model, lang, weakest=WEAKEST_SHOWN)
    position, steps = _improvements(explanation, model, lang)
    return {
        "id": f"region-{card.code}",
        "title": view.title,
        "meta": view.meta,
        "total": view.total,
        "scale": view.scale,
        "band": view.band or "-",
        "eligible": view.eligible,
        "coverage": view.coverage,
        "reasons": view.reasons,
        "chart": _profile_chart(card, model, lang, pics),
        "factors": view.factors,
        "gates": _gates(card, model, lang),
        "position": position,
        "steps": steps,
        "weakest": view.weakest,
        "verification": view.verification,
    }


def score_page(result: ScoreResult, lang: Lang) -> str:
    require_report_extra()
    model = result.criteria.model
    pics = _Charts()
    regions = [
        _score_region(card, explanation, model, lang, pics)
        for card, explanation in zip(result.cards, result.explanations, strict=True)
    ]
    return _page(
        "score.html.j2",
        lang,
        title=model.title.get(lang),
        subtitle="",
        regions=regions,
        geometric_note=t(lang, "geometric-note") if model.aggregation == "geometric" else "",
        **_criteria_context(result.criteria, lang),
    )


# --- explain -------------------------------------------------------------------------------


def explain_page(result: ExplainResult, lang: Lang) -> str:
    """One region's explanation: the view the Markdown format lays out, and its factor
    profile as on the score page."""
    require_report_extra()
    view = explain_view(result, lang)
    model = result.criteria.model
    return _page(
        "explain.html.j2",
        lang,
        title=view.title,
        subtitle=model.title.get(lang),
        view=view,
        chart=_profile_chart(result.explanation.card, model, lang, _Charts()),
        **_criteria_context(result.criteria, lang),
    )


# --- criteria --------------------------------------------------------------------------------


def criteria_page(result: CriteriaResult, lang: Lang) -> str:
    require_report_extra()
    model = result.criteria.model
    pics = _Charts()
    svg = charts.share_chart(
        [f.label(lang) for f in model.factors],
        [model.factor_share(f) for f in model.factors],
        axis=t(lang, "chart-share-axis"),
        lang=lang,
    )
    rows: list[dict[str, Any]] = []
    for factor in model.factors:
        rows.append(
            {
                "factor": True,
                "id": factor.id,
                "label": factor.label(lang),
                "weight": num(model.factor_share(factor), ".2%", lang),
                "gate": "" if factor.min_score is None else f"≥ {num(factor.min_score, 'g', lang)}",
            }
        )
        for ind in factor.indicators:
            rows.append(
                {
                    "factor": False,
                    "id": f"{factor.id}.{ind.id}",
                    "label": ind.label(lang),
                    "type": type_text(ind, lang),
                    "required": ind.required,
                    "weight": num(model.effective_weight(factor, ind), ".2%", lang),
                    "gate": ""
                    if ind.gate is None
                    else _gate_text(model, f"{factor.id}.{ind.id}", lang),
                }
            )
    return _page(
        "criteria.html.j2",
        lang,
        title=f"{model.title.get(lang)}",
        subtitle=f"{model.id} {model.version}",
        chart=pics.inline(svg, t(lang, "html-criteria-shares")),
        rows=rows,
        bands=", ".join(f"{b.label.get(lang)} ≥ {num(b.min, 'g', lang)}" for b in model.bands)
        or "-",
        cohorts=", ".join(f"{c.year}: {c.size}" for c in model.cohorts) or "-",
        groups="; ".join(group_lines(model, lang)),
        **_criteria_context(result.criteria, lang),
    )


# --- compare ---------------------------------------------------------------------------------


def compare_page(result: CompareResult, lang: Lang) -> str:
    require_report_extra()
    c = result.comparison
    pics = _Charts()
    chart = None
    if c.common:
        entered, left = set(c.entered), set(c.left)
        pairs = [
            charts.RankPair(
                old=m.old_rank,
                new=m.new_rank,
                kind="entered" if m.code in entered else "left" if m.code in left else "same",
            )
            for m in c.moves
        ]
        svg = charts.rank_scatter(
            pairs,
            c.old.cut_ranks(),
            c.new.cut_ranks(),
            old_axis=t(lang, "compare-old-rank"),
            new_axis=t(lang, "compare-new-rank"),
            legend={
                "entered": t(lang, "chart-entered"),
                "left": t(lang, "chart-left"),
                "same": t(lang, "chart-same"),
            },
        )
        chart = pics.inline(svg, t(lang, "compare-chart-heading"))
    return _page(
        "compare.html.j2",
        lang,
        title=t(lang, "compare-title"),
        subtitle="",
        sides=[side_line(c.old, "compare-old", lang), side_line(c.new, "compare-new", lang)],
        correlation=correlation_line(c, lang),
        criteria_status=criteria_status(c, lang),
        change_header=change_header(lang),
        changes=change_rows(c, lang),
        chart=chart,
        cohorts=[
            {
                "year": ch.year,
                "heading": cohort_heading(ch, lang),
                "entered": movement_rows(c, ch.entered, lang),
                "left": movement_rows(c, ch.left, lang),
            }
            for ch in c.cohorts
        ],
        selected_heading=t(
            lang, "compare-selected-heading", entered=len(c.entered), left=len(c.left)
        ),
        entered=[region_text(c, code) for code in c.entered],
        left=[region_text(c, code) for code in c.left],
        moves_heading=t(lang, "compare-moves-heading", count=result.top),
        move_header=move_header(lang),
        moves=move_rows(c, result.top, lang),
        made_by=t(lang, "html-made-by-tool", tool=TOOL, tool_version=__version__),
    )


def history_page(result: HistoryResult, lang: Lang) -> str:
    view = history_view(result, lang)
    return _page(
        "history.html.j2",
        lang,
        title=view.title,
        subtitle="",
        view=view,
        made_by=t(lang, "html-made-by-tool", tool=TOOL, tool_version=__version__),
    )


@register
class HtmlReporter(Reporter):
    name = "html"

    def score(self, result: ScoreResult, options: ReportOptions) -> str:
        return score_page(result, options.lang)

    def rank(self, result: RankResult, options: ReportOptions) -> str:
        return rank_page(result, options.lang)

    def criteria(self, result: CriteriaResult, options: ReportOptions) -> str:
        return criteria_page(result, options.lang)

    def sensitivity(self, result: SensitivityResult, options: ReportOptions) -> str:
        rank = RankResult(result.criteria, result.analysis.ranking, result.inputs, result.skipped)
        return rank_page(rank, options.lang, sensitivity=result.analysis)

    def explain(self, result: ExplainResult, options: ReportOptions) -> str:
        return explain_page(result, options.lang)

    def compare(self, result: CompareResult, options: ReportOptions) -> str:
        return compare_page(result, options.lang)

    def history(self, result: HistoryResult, options: ReportOptions) -> str:
        return history_page(result, options.lang)
