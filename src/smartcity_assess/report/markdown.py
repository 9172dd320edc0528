"""``--format markdown``: for ``$GITHUB_STEP_SUMMARY`` or a memo."""

from __future__ import annotations

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
