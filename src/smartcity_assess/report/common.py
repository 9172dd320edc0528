"""What several formats share: provenance, a scorecard as plain data, number formatting."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from smartcity_assess import __version__
from smartcity_assess.criteria import Criteria, LoadedCriteria
from smartcity_assess.i18n import Lang, Msg, t
from smartcity_assess.ranking import DECIDED_BY_CODE, RankedRegion, Ranking, SelectedCohort, Tie

if TYPE_CHECKING:
    from smartcity_assess.scoring import ScoreCard

TOOL = "smartcity-assess"


def provenance(criteria: LoadedCriteria) -> dict[str, Any]:
    model = criteria.model
    return {
        "tool": {"name": TOOL, "version": __version__},
        "criteria": {"id": model.id, "version": model.version, "sha256": criteria.sha256},
    }


def fixed(value: float, precision: int) -> str:
    """A score as the user sees it; ``-0.00`` never appears."""
    text = f"{value:.{precision}f}"
    return text[1:] if text.startswith("-") and float(text) == 0 else text


def render(message: Msg, lang: Lang) -> str:
    return t(lang, message.key, **dict(message.params))


def band_label(card: ScoreCard, lang: Lang) -> str | None:
    return card.band.label.get(lang) if card.band else None


def reasons(card: ScoreCard, lang: Lang) -> list[dict[str, str]]:
    return [
        {"code": r.key.removeprefix("reason-"), "message": render(r, lang)} for r in card.reasons
    ]


def card_data(
    card: ScoreCard, criteria: Criteria, lang: Lang, *, indicators: bool = True
) -> dict[str, Any]:
    """The SPEC section 6 fields of one scored region (score's JSON; rank adds more).

    ``indicators=False`` leaves out each factor's indicator detail: a pool's ranking
    names the factors, and ``assess score`` or ``explain`` give one region in full.
    """
    s = card.submission
    return {
        "code": s.code,
        "name": s.name,
        "province": s.province,
        "kind": s.kind,
        "year": s.year,
        "score": card.total,
        "band": band_label(card, lang),
        "eligible": card.eligible,
        "reasons": reasons(card, lang),
        "coverage": card.coverage,
        "factors": _factors_data(card)
        if not indicators
        else [
            {
                "id": f.id,
                "score": f.score,
                "weight": f.weight,
                "contribution": f.contribution,
                "included": f.included,
                "indicators": [
                    {
                        "id": i.id,
                        "value": i.value,
                        "normalised": i.normalised,
                        "effective_weight": i.effective_weight,
                        "points_lost": i.points_lost,
                        "gate_passed": i.gate_passed,
                    }
                    for i in f.indicators
                ],
            }
            for f in card.factors
        ],
        "weakest": card.weakest_addresses(),
    }


def _factors_data(card: ScoreCard) -> list[dict[str, Any]]:
    """Each factor's numbers without its indicators, read straight from the pool's arrays."""
    return [
        {"id": id, "score": score, "weight": weight, "contribution": part, "included": used}
        for id, score, weight, part, used in card.factor_rows()
    ]


# --- rank ----------------------------------------------------------------------------------


def rank_summary(ranking: Ranking, lang: Lang) -> str:
    counts = ranking.counts()
    return t(
        lang,
        "rank-summary",
        pool=counts["regions"],
        selected=counts["selected"],
        cohorts=len(ranking.cohorts),
        not_selected=counts["not_selected"],
        ineligible=counts["ineligible"],
        excluded=counts["excluded"],
    )


def region_label(card: ScoreCard) -> str:
    return f"{card.submission.name} ({card.code})"


def ranks_text(tie: Tie) -> str:
    """``25-26``: the ranks of a tie are always consecutive."""
    return f"{tie.ranks[0]}-{tie.ranks[-1]}"


def decided_text(tie: Tie, criteria: Criteria, lang: Lang) -> str:
    """The factors (or the code) that decided a tie, by name, each once."""
    labels = {f.id: f.label(lang) for f in criteria.factors}
    names: list[str] = []
    for decider in tie.decided_by:
        name = t(lang, "decided-by-code") if decider == DECIDED_BY_CODE else labels[decider]
        if name not in names:
            names.append(name)
    return ", ".join(names)


def tie_line(tie: Tie, ranking: Ranking, criteria: Criteria, lang: Lang) -> str:
    return t(
        lang,
        "tie-line",
        ranks=ranks_text(tie),
        score=fixed(tie.score, criteria.precision),
        regions=tie_regions(tie, ranking),
        decided=decided_text(tie, criteria, lang),
    )


def tie_regions(tie: Tie, ranking: Ranking) -> str:
    cards = ranking.cards_by_code
    return ", ".join(region_label(cards[code]) for code in tie.codes)


def cutoff_tie_warning(tie: Tie, ranking: Ranking, criteria: Criteria, lang: Lang) -> str:
    return t(
        lang,
        "cutoff-tie-warning",
        regions=tie_regions(tie, ranking),
        score=fixed(tie.score, criteria.precision),
        ranks=ranks_text(tie),
        decided=decided_text(tie, criteria, lang),
    )


def tie_marks(ranking: Ranking) -> dict[str, str]:
    """``code -> "at-cutoff" | "broken"`` for every region in a tie that was broken."""
    marks: dict[str, str] = {}
    for tie in ranking.ties:
        for code in tie.codes:
            marks[code] = "at-cutoff" if tie.at_cutoff else "broken"
    return marks


def cohort_heading(cohort: SelectedCohort, criteria: Criteria, lang: Lang) -> str:
    if cohort.cutoff_score is None:
        return t(lang, "cohort-heading-empty", year=cohort.year, size=cohort.size)
    return t(
        lang,
        "cohort-heading",
        year=cohort.year,
        count=len(cohort.selected),
        size=cohort.size,
        cutoff=fixed(cohort.cutoff_score, criteria.precision),
    )


def cohort_warnings(ranking: Ranking, lang: Lang) -> list[str]:
    """One line for each cohort that could not be filled, saying why."""
    return [
        t(
            lang,
            "cohort-short-cap" if cohort.capped else "cohort-short",
            year=cohort.year,
            count=len(cohort.selected),
            size=cohort.size,
            cap=ranking.max_per_province,
        )
        for cohort in ranking.cohorts
        if cohort.short
    ]


def skipped_lines(skipped: list[tuple[str, int]], lang: Lang) -> list[str]:
    """The ``--skip-invalid`` warning and one line per skipped file (empty when none)."""
    if not skipped:
        return []
    return [
        t(lang, "skipped-warning", count=len(skipped)),
        *(t(lang, "skipped-file", path=path, count=count) for path, count in skipped),
    ]


def region_note(region: RankedRegion, marks: dict[str, str], lang: Lang) -> str:
    """'TIE AT CUT-OFF', 'tie', 'deferred from 2017': what a reader must not miss."""
    notes = []
    mark = marks.get(region.code)
    if mark is not None:
        notes.append(t(lang, "cutoff-tie-mark" if mark == "at-cutoff" else "tie-mark"))
    if region.deferred_from is not None:
        notes.append(t(lang, "deferred-from", year=region.deferred_from))
    return "; ".join(notes)
