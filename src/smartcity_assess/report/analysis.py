"""What the formats share for ``sensitivity`` and ``explain``: plain data for JSON and the
sentences the table and markdown formats both print. No numbers are computed here beyond
formatting; numpy is never imported (the results carry plain Python values)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from smartcity_assess.core.criteria import Criteria
from smartcity_assess.i18n import Lang, Msg, number_text, t
from smartcity_assess.report.common import fixed, indicator_name, num, skipped_data, value_text

if TYPE_CHECKING:
    from smartcity_assess.core.explain import (
        Explanation,
        FailedGate,
        FullProvince,
        Highlight,
        Step,
    )
    from smartcity_assess.core.ranking import RankedRegion
    from smartcity_assess.core.sensitivity import RegionRobustness, Sensitivity, Spread
    from smartcity_assess.core.value_uncertainty import ValueChange
    from smartcity_assess.report.interface import ExplainResult, SensitivityResult


def percent(value: float, lang: Lang) -> str:
    """A probability or share as the user reads it: 97.3% (97,3% in Indonesian)."""
    return num(value, ".1%", lang)


def short_percent(value: float, lang: Lang) -> str:
    """A probability in at most four characters: 0%, <1%, 37%, >99%, 100%."""
    if value <= 0.0:
        return "0%"
    if value >= 1.0:
        return "100%"
    if value < 0.01:
        return "<1%"
    if value > 0.99:
        return ">99%"
    return num(value, ".0%", lang)


def signed(value: float, precision: int, lang: Lang) -> str:
    text = fixed(value, precision, "en")
    text = text if text.startswith("-") or float(text) == 0 else f"+{text}"
    return number_text(text, lang)


def optional(value: float | None, lang: Lang, precision: int = 3) -> str:
    return "-" if value is None else num(value, f".{precision}f", lang)


# --- sensitivity -------------------------------------------------------------------------------


@dataclass(frozen=True)
class OatTable:
    """The one-at-a-time table (each factor's weight moved up and down alone) as every
    format shows it: heading, column headings, a row of cells per factor, the note."""

    heading: str
    header: list[str]
    rows: list[list[str]]
    note: str


def oat_table(analysis: Sensitivity, criteria: Criteria, lang: Lang) -> OatTable:
    noise = num(analysis.oat_noise, ".0%", lang)
    header = [t(lang, "factor"), t(lang, "share")]
    for sign in (f"+{noise}", f"-{noise}"):
        header += [f"{sign}: {t(lang, 'in-out')}", t(lang, "cohort"), t(lang, "shift")]
    rows = []
    for factor in analysis.factors:
        row = [factor_name(criteria, factor.id, lang), percent(factor.share, lang)]
        for effect in (factor.up, factor.down):
            row += [
                str(effect.selection_changes),
                str(effect.cohort_changes),
                optional(effect.mean_rank_shift, lang, 2),
            ]
        rows.append(row)
    return OatTable(t(lang, "oat-heading", noise=noise), header, rows, t(lang, "oat-note"))


def settings_line(analysis: Sensitivity, criteria: Criteria, lang: Lang) -> str:
    s = analysis.settings
    aggregation = (
        t(lang, "aggregation-varied")
        if s.vary_aggregation
        else t(lang, "aggregation-fixed", method=Msg.of(f"aggregation-name-{criteria.aggregation}"))
    )
    goalposts = (
        t(lang, "goalposts-varied", noise=num(s.goalpost_noise, ".0%", lang))
        if s.goalpost_noise > 0
        else t(lang, "goalposts-fixed")
    )
    return t(
        lang,
        "sensitivity-settings",
        runs=s.runs,
        seed=s.seed,
        noise=num(s.weight_noise, ".0%", lang),
        aggregation=aggregation,
        goalposts=goalposts,
    )


def _spread_params(spread: Spread, lang: Lang) -> dict[str, str]:
    return {
        "mean": optional(spread.mean, lang),
        "low": optional(spread.p5, lang),
        "high": optional(spread.p95, lang),
    }


def pool_lines(analysis: Sensitivity, lang: Lang) -> list[str]:
    pool = analysis.pool
    return [
        t(
            lang,
            "same-selection",
            share=percent(pool.same_selection, lang),
            cohorts=percent(pool.same_cohorts, lang),
        ),
        t(lang, "mean-rank-shift", shift=optional(pool.mean_abs_rank_shift, lang, 2)),
        t(lang, "spearman-line", **_spread_params(pool.spearman, lang)),
        t(lang, "weighted-spearman-line", **_spread_params(pool.weighted_spearman, lang)),
    ]


def region_name(region: RegionRobustness) -> str:
    return f"{region.card.submission.name} ({region.code})"


def borderline_line(analysis: Sensitivity, lang: Lang) -> str:
    borderline = analysis.borderline
    if not borderline:
        return t(lang, "borderline-none")
    return t(
        lang,
        "borderline-warning",
        count=len(borderline),
        regions=", ".join(f"{region_name(r)} {percent(r.p_selected, lang)}" for r in borderline),
    )


def interval_text(region: RegionRobustness) -> str:
    if region.rank_p5 is None or region.rank_p95 is None:
        return "-"
    if region.rank_p5 == region.rank_p95:
        return str(region.rank_p5)
    return f"{region.rank_p5}-{region.rank_p95}"


def shown_regions(analysis: Sensitivity) -> list[RegionRobustness]:
    """The regions ranked in at least one run (the others are never selected)."""
    return [r for r in analysis.regions if r.p_eligible > 0]


def never_ranked(analysis: Sensitivity) -> list[RegionRobustness]:
    return [r for r in analysis.regions if r.p_eligible == 0]


def selected_count(analysis: Sensitivity) -> int:
    return len(analysis.ranking.selected)


def sensitivity_summary(analysis: Sensitivity, lang: Lang) -> str:
    return t(
        lang,
        "sensitivity-summary",
        runs=analysis.settings.runs,
        borderline=len(analysis.borderline),
        share=percent(analysis.pool.same_selection, lang),
    )


@dataclass(frozen=True)
class CutoffSection:
    """One cohort's last place under uncertain values, as every format shows it: the
    headline, the decisive change, the smallest changes as a table, the odds."""

    headline: str
    decisive: str
    header: list[str]
    rows: list[list[str]]
    odds: str


CHANGES_SHOWN = 3
"""The smallest changes each cut-off lists in table and markdown (JSON lists all)."""


def cutoff_sections(analysis: Sensitivity, criteria: Criteria, lang: Lang) -> list[CutoffSection]:
    values = analysis.values
    if values is None:
        return []
    names = {r.code: r.card.submission.name for r in analysis.regions}
    p = criteria.precision

    def who(code: str) -> str:
        return f"{names[code]} ({code})"

    def times(change: ValueChange) -> str:
        return "-" if change.in_uncertainty is None else num(change.in_uncertainty, ".2f", lang)

    header = [
        t(lang, "region"),
        t(lang, "indicator"),
        t(lang, "value"),
        t(lang, "swap-at"),
        t(lang, "change"),
        t(lang, "of-span"),
        t(lang, "x-uncertainty"),
    ]
    sections = []
    for cut in values.cutoffs:
        if cut.first_out is None or cut.gap is None:
            headline = t(lang, "cutoff-alone", year=cut.year, rank=cut.rank, last=who(cut.last_in))
        else:
            headline = t(
                lang,
                "cutoff-headline",
                year=cut.year,
                rank=cut.rank,
                last=who(cut.last_in),
                first=who(cut.first_out),
                gap=fixed(cut.gap, p, lang),
            )
        decisive = cut.decisive
        if decisive is None:
            line = t(lang, "cutoff-no-change")
        else:
            line = t(
                lang,
                "cutoff-decisive",
                region=who(decisive.code),
                indicator=indicator_name(criteria, decisive.address, lang),
                value=_number(decisive.value, lang),
                to=_number(decisive.to, lang),
                change=_signed_number(decisive.change, lang),
                span=percent(decisive.span_share, lang),
            )
            if decisive.in_uncertainty is not None:
                key = (
                    "cutoff-in-uncertainty-spread"
                    if decisive.from_spread
                    else "cutoff-in-uncertainty"
                )
                line += " " + t(lang, key, times=times(decisive))
        rows = [
            [
                who(c.code),
                indicator_name(criteria, c.address, lang),
                _number(c.value, lang),
                _number(c.to, lang),
                _signed_number(c.change, lang),
                percent(c.span_share, lang),
                times(c),
            ]
            for c in cut.changes[:CHANGES_SHOWN]
        ]
        if values.runs:
            odds = t(
                lang,
                "cutoff-odds-panel" if values.from_spread else "cutoff-odds",
                runs=values.runs,
                year=cut.year,
                regions=", ".join(
                    f"{who(o.code)} {percent(o.p_in or 0.0, lang)}" for o in cut.regions
                ),
            )
        else:
            odds = t(lang, "cutoff-no-uncertainty")
        sections.append(CutoffSection(headline, line, header, rows, odds))
    return sections


def _number(value: float, lang: Lang) -> str:
    """A value as entered: 2.4, 2.421196, 11 (never 1e-05 or 2.4000000001), in ``lang``."""
    text = f"{value:.6f}".rstrip("0").rstrip(".")
    return number_text("0" if text in ("-0", "") else text, lang)


def _signed_number(value: float, lang: Lang) -> str:
    text = _number(value, lang)
    return text if text.startswith("-") or text == "0" else f"+{text}"


def values_data(analysis: Sensitivity) -> dict[str, Any] | None:
    """The ``values`` key of the sensitivity JSON (docs/sensitivity.md)."""
    values = analysis.values
    if values is None:
        return None
    return {
        "uncertain": list(values.uncertain),
        # Only with a panel (sensitivity --assessors): a report without one is as before.
        **({"from_panel": list(values.from_spread)} if values.from_spread else {}),
        "runs": values.runs,
        "cutoffs": [
            {
                "year": cut.year,
                "rank": cut.rank,
                "last_in": cut.last_in,
                "first_out": cut.first_out,
                "gap": cut.gap,
                "changes": [
                    {
                        "code": c.code,
                        "address": c.address,
                        "direction": c.direction,
                        "value": c.value,
                        "to": c.to,
                        "change": c.change,
                        "span_share": c.span_share,
                        "uncertainty": c.uncertainty,
                        "in_uncertainty": c.in_uncertainty,
                    }
                    for c in cut.changes
                ],
                "regions": [
                    {"code": o.code, "rank": o.rank, "cohort": o.cohort, "p_in": o.p_in}
                    for o in cut.regions
                ],
            }
            for cut in values.cutoffs
        ],
    }


def sensitivity_data(result: SensitivityResult, lang: Lang) -> dict[str, Any]:
    """The JSON body after provenance (documented in docs/sensitivity.md)."""
    analysis, model = result.analysis, result.criteria.model
    s = analysis.settings
    pool = analysis.pool

    def spread(value: Spread) -> dict[str, float | None]:
        return {"mean": value.mean, "p5": value.p5, "p95": value.p95}

    return {
        "skipped": skipped_data(result.skipped, lang),
        "inputs": [{"sha256": sha, "codes": list(codes)} for sha, codes in result.inputs],
        "settings": {
            "runs": s.runs,
            "seed": s.seed,
            "weight_model": "uniform-multiplicative",
            "weight_noise": s.weight_noise,
            "vary_aggregation": s.vary_aggregation,
            "aggregation": model.aggregation,
            "goalpost_noise": s.goalpost_noise,
            "cohorts": [{"year": c.year, "size": c.size} for c in analysis.cohorts],
            "max_per_province": analysis.ranking.max_per_province,
        },
        "summary": {
            "regions": len(analysis.regions),
            "eligible": len(analysis.ranking.eligible),
            "selected": selected_count(analysis),
            "borderline": len(analysis.borderline),
            "mean_abs_rank_shift": pool.mean_abs_rank_shift,
            "same_selection": pool.same_selection,
            "same_cohorts": pool.same_cohorts,
            "spearman": spread(pool.spearman),
            "weighted_spearman": spread(pool.weighted_spearman),
        },
        "borderline": [r.code for r in analysis.borderline],
        "factors": [
            {
                "id": f.id,
                "share": f.share,
                **{
                    direction: {
                        "share": effect.share,
                        "selection_changes": effect.selection_changes,
                        "cohort_changes": effect.cohort_changes,
                        "mean_rank_shift": effect.mean_rank_shift,
                    }
                    for direction, effect in (("up", f.up), ("down", f.down))
                },
            }
            for f in analysis.factors
        ],
        "regions": [
            {
                "code": r.code,
                "name": r.card.submission.name,
                "province": r.card.submission.province,
                "score": round(r.card.total, 6),
                "eligible": r.card.eligible,
                "rank": r.nominal_rank,
                "cohort": r.nominal_cohort,
                "median_rank": r.median_rank,
                "rank_p5": r.rank_p5,
                "rank_p95": r.rank_p95,
                "best_rank": r.best_rank,
                "worst_rank": r.worst_rank,
                "mean_rank_shift": r.mean_rank_shift,
                "p_eligible": r.p_eligible,
                "p_selected": r.p_selected,
                "p_cohort": [{"year": year, "p": p} for year, p in r.p_cohort],
                "borderline": r.borderline,
            }
            for r in analysis.regions
        ],
        "values": values_data(analysis),
    }


# --- explain -----------------------------------------------------------------------------------


def factor_name(criteria: Criteria, factor_id: str, lang: Lang) -> str:
    return next(f.label(lang) for f in criteria.factors if f.id == factor_id)


def highlight_name(criteria: Criteria, item: Highlight, lang: Lang) -> str:
    if item.kind == "factor":
        return factor_name(criteria, item.id, lang)
    return indicator_name(criteria, item.id, lang)


def failed_line(criteria: Criteria, gate: FailedGate, lang: Lang) -> str:
    p = criteria.precision
    if gate.kind == "gate":
        return t(
            lang,
            "failed-gate",
            target=indicator_name(criteria, gate.target, lang),
            value=value_text(criteria, gate.target, gate.value, lang),
            required=value_text(criteria, gate.target, gate.required, lang),
        )
    assert isinstance(gate.value, float) and isinstance(gate.required, float)
    if gate.kind == "factor-min":
        return t(
            lang,
            "failed-factor",
            target=factor_name(criteria, gate.target, lang),
            value=fixed(gate.value, p, lang),
            required=num(gate.required, "g", lang),
        )
    return t(
        lang,
        "failed-coverage",
        value=num(gate.value, ".0%", lang),
        required=num(gate.required, ".0%", lang),
    )


def fix_text(step: Step, lang: Lang) -> str:
    return "" if step.fixes is None else t(lang, f"fix-{step.fixes}")


def explain_title(explanation: Explanation, lang: Lang) -> str:
    s = explanation.card.submission
    key = "explain-title" if explanation.target == "cohort" else "explain-title-bands"
    return t(lang, key, name=s.name, code=s.code)


def position_line(explanation: Explanation, criteria: Criteria, lang: Lang) -> str:
    """Where the region stands: rank and cohort, or the gap to the cut-off or next band."""
    p = criteria.precision
    card = explanation.card
    score = fixed(card.total, p, lang)
    if explanation.target == "band":
        band = card.band.label.get(lang) if card.band else "-"
        target, short = explanation.next_band, explanation.gap
        if target is None or short is None:
            return t(lang, "explain-top-band", score=score, band=band)
        return t(
            lang,
            "explain-band",
            score=score,
            band=band,
            next=target.label.get(lang),
            min=num(target.min, "g", lang),
            gap=fixed(short, p, lang),
        )
    region, ranking = explanation.region, explanation.ranking
    assert region is not None and ranking is not None
    cutoff = explanation.cutoff_score
    if cutoff is None:
        return t(lang, "explain-no-cutoff")
    if region.cohort is not None:
        return t(
            lang,
            "explain-selected",
            rank=region.rank,
            eligible=len(ranking.eligible),
            year=region.cohort,
        )
    full = explanation.full_province
    if full is not None:  # left out by the province cap, not by its score: no gap
        return t(
            lang,
            "explain-province-full",
            rank=region.rank,
            eligible=len(ranking.eligible),
            cap=full.cap,
            holders=", ".join(_holder(h, p, lang) for h in full.holders),
            score=fixed(full.weakest.card.total, p, lang),
            weakest=full.weakest.card.submission.name,
        )
    assert explanation.gap is not None  # not selected, and not for the cap
    gap = fixed(explanation.gap, p, lang)  # the ranking's gap: the numbers shown add up
    if region.rank is None:
        return t(lang, "explain-ineligible", gap=gap, cutoff=fixed(cutoff, p, lang))
    return t(
        lang,
        "explain-not-selected",
        rank=region.rank,
        eligible=len(ranking.eligible),
        gap=gap,
        cutoff=fixed(cutoff, p, lang),
    )


def _holder(region: RankedRegion, precision: int, lang: Lang) -> str:
    s = region.card.submission
    score = fixed(region.card.total, precision, lang)
    return t(lang, "explain-holder", name=s.name, code=s.code, year=region.cohort, score=score)


def path_heading(explanation: Explanation, lang: Lang) -> str:
    count = len(explanation.path)
    if explanation.target == "cohort":
        return t(lang, "path-heading-cohort", count=count)
    target = explanation.next_band
    name = target.label.get(lang) if target is not None else t(lang, "eligible").lower()
    return t(lang, "path-heading-band", target=name, count=count)


def path_result(explanation: Explanation, criteria: Criteria, lang: Lang) -> str:
    """What the path achieves, or that nothing reaches the target."""
    if explanation.done:
        return t(lang, "path-nothing")
    if not explanation.reached:
        return t(lang, "path-unreachable" if explanation.search.exact else "path-not-found")
    last = explanation.path[-1]
    score = fixed(last.total, criteria.precision, lang)
    count = len(explanation.path)
    if explanation.target == "cohort":
        return t(lang, "path-cohort", count=count, score=score, rank=last.rank, year=last.cohort)
    band = last.band.label.get(lang) if last.band else "-"
    return t(lang, "path-band", count=count, score=score, band=band)


def path_note(explanation: Explanation, lang: Lang) -> str:
    """What "fewest" means, or, when the search stopped at its limit, what it proved."""
    from smartcity_assess.core.explain import SEARCH_LIMIT

    search = explanation.search
    if search.exact:
        return t(lang, "cheapest-note")
    return t(
        lang, "path-not-proven", limit=num(SEARCH_LIMIT, ",", lang), fewest=search.fewest_possible
    )


def highlights_basis(explanation: Explanation, lang: Lang) -> str:
    against = explanation.target == "cohort" and any(
        f.median_contribution is not None for f in explanation.factors
    )
    return t(lang, "highlights-basis-median" if against else "highlights-basis-alone")


MENU_LENGTH = 10
"""How many single steps the table and markdown formats list (JSON lists them all)."""


def shown_steps(explanation: Explanation) -> list[Step]:
    """The single steps worth listing: those that fix a gate or gain anything."""
    return [s for s in explanation.steps if s.fixes is not None or s.gain > 0]


def province_data(full: FullProvince) -> dict[str, Any]:
    return {
        "province": full.province,
        "max_per_province": full.cap,
        "holders": [
            {
                "code": h.code,
                "name": h.card.submission.name,
                "score": h.card.total,
                "rank": h.rank,
                "cohort": h.cohort,
            }
            for h in full.holders
        ],
        "displace_above": full.weakest.card.total,
    }


def explain_data(result: ExplainResult, lang: Lang) -> dict[str, Any]:
    """The JSON body after provenance (documented in docs/sensitivity.md)."""
    from smartcity_assess.report.common import card_data

    e = result.explanation
    region, full = e.region, e.full_province
    card = card_data(e.card, lang)
    position: dict[str, Any] = {
        "rank": None if region is None else region.rank,
        "cohort": None if region is None else region.cohort,
        "eligible_regions": None if e.ranking is None else len(e.ranking.eligible),
        "cutoff_score": e.cutoff_score,
        "gap": e.gap,
        "province_full": None if full is None else province_data(full),
        "band": card["band"],
        "next_band": None
        if e.next_band is None
        else {"label": e.next_band.label.get(lang), "min": e.next_band.min},
    }

    def step(item: Step) -> dict[str, Any]:
        return {
            "address": item.address,
            "kind": item.kind,
            "from": item.before,
            "to": item.after,
            "gain": item.gain,
            "fixes": item.fixes,
        }

    return {
        "input": {"path": result.input[0], "sha256": result.input[1]},
        "pool": None
        if result.pool_inputs is None
        else {
            "skipped": skipped_data(result.skipped, lang),
            "inputs": [{"sha256": sha, "codes": list(codes)} for sha, codes in result.pool_inputs],
            "regions": 0 if e.ranking is None else len(e.ranking.regions),
        },
        "target": e.target,
        "region": {k: card[k] for k in ("code", "name", "province", "kind", "year", "score")}
        | {k: card[k] for k in ("band", "eligible", "reasons", "coverage")},
        **{k: card[k] for k in ("verification",) if k in card},
        "position": position,
        "factors": [
            {
                "id": f.id,
                "score": f.score,
                "contribution": f.contribution,
                "median_contribution": f.median_contribution,
                "difference": f.difference,
            }
            for f in e.factors
        ],
        "strengths": [{"kind": h.kind, "id": h.id, "points": h.points} for h in e.strengths],
        "weaknesses": [{"kind": h.kind, "id": h.id, "points": h.points} for h in e.weaknesses],
        "failed_gates": [
            {"kind": g.kind, "target": g.target, "value": g.value, "required": g.required}
            for g in e.failed
        ],
        "steps": [step(s) for s in e.steps],
        "path": {
            "reached": e.reached,
            "fewest": e.search.exact,
            "fewest_possible": e.search.fewest_possible,
            "sets_scored": e.search.sets,
            "steps": [
                step(p.step)
                | {
                    "total": p.total,
                    "eligible": p.eligible,
                    "rank": p.rank,
                    "cohort": p.cohort,
                    "band": None if p.band is None else p.band.label.get(lang),
                }
                for p in e.path
            ],
        },
    }
