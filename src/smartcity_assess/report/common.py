"""What several formats share: provenance, a scorecard as plain data, number formatting."""

from __future__ import annotations

from typing import Any

from smartcity_assess import __version__
from smartcity_assess.criteria import Criteria, LoadedCriteria
from smartcity_assess.i18n import Lang, Msg, t
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


def card_data(card: ScoreCard, criteria: Criteria, lang: Lang) -> dict[str, Any]:
    """The SPEC section 6 fields of one scored region (score's JSON; rank adds more)."""
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
        "factors": [
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
        "weakest": [i.address for i in card.weakest()],
    }
