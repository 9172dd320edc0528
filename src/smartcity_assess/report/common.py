"""What several formats share: provenance, a scorecard as plain data, numbers, indicator
values and names as a reader says them, the criteria note."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from smartcity_assess import __version__
from smartcity_assess.core.criteria import Cohort, Criteria, Indicator, LoadedCriteria
from smartcity_assess.core.rounding import decimal_text, round_key
from smartcity_assess.core.verification import DEFAULT_BASIS, Effect, effect
from smartcity_assess.i18n import Lang, Msg, number_text, t

if TYPE_CHECKING:
    from smartcity_assess.core.overrides import ZoneCutoff
    from smartcity_assess.core.scoring import ScoreCard
    from smartcity_assess.core.submission import Value
    from smartcity_assess.reading.submissions import Replaced, Skipped

TOOL = "smartcity-assess"


def provenance(criteria: LoadedCriteria) -> dict[str, Any]:
    model = criteria.model
    return {
        "tool": {"name": TOOL, "version": __version__},
        "criteria": {"id": model.id, "version": model.version, "sha256": criteria.sha256},
    }


def fixed(value: float, precision: int, lang: Lang) -> str:
    """A number as the user sees it, rounded as every score is (``round_key``: half up,
    on the decimal value); ``-0.00`` never appears. ``lang`` writes the decimal mark
    (``number_text``): JSON and CSV pass ``"en"``."""
    return number_text(decimal_text(round_key(value, precision), precision), lang)


def zone_cutoffs_text(cutoffs: Sequence[ZoneCutoff], precision: int, lang: Lang) -> str:
    """The cut-offs the panel's override zone is measured from (those before the
    overrides), as every report states them next to the zone: ``2018 62.33``, with places
    per kind ``2018 kabupaten 62.33, kota 60.10``, cohorts joined by ``; ``."""

    def score(value: float | None) -> str:
        return "-" if value is None else fixed(value, precision, lang)

    return "; ".join(
        f"{c.year} "
        + (
            ", ".join(f"{kind} {score(v)}" for kind, v in c.by_kind)
            if c.by_kind
            else score(c.score)
        )
        for c in cutoffs
    )


def num(value: float, spec: str, lang: Lang) -> str:
    """``format(value, spec)`` (``g``, ``.1%``, ``,``...) with the decimal mark of ``lang``:
    every other number a human format shows."""
    return number_text(format(value, spec), lang)


def render(message: Msg, lang: Lang) -> str:
    return t(lang, message.key, **dict(message.params))


def band_label(card: ScoreCard, lang: Lang) -> str | None:
    return card.band.label.get(lang) if card.band else None


def reasons(card: ScoreCard, lang: Lang) -> list[dict[str, str]]:
    return [
        {"code": r.key.removeprefix("reason-"), "message": render(r, lang)} for r in card.reasons
    ]


def card_data(card: ScoreCard, lang: Lang) -> dict[str, Any]:
    """The SPEC section 6 fields of one scored region (score's and explain's JSON; a
    ranking's are ``json_report.ranked_lines``)."""
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
        "weakest": card.weakest_addresses(),
        **verification_data(effect(card)),
    }


def verification_data(found: Effect | None) -> dict[str, Any]:
    """``{"verification": ...}`` of a card whose submission carries verification (the
    claims scored the same way, and each value looked at); empty otherwise, so a plain
    submission's JSON is as it always was (docs/verification.md)."""
    if found is None:
        return {}
    values = []
    for item in found.values:
        check = item.check
        evidence = None if check is None else check.evidence
        values.append(
            {
                "address": item.address,
                "claimed": item.claimed,
                "verified": None if check is None else check.verified,
                "status": None if check is None else check.status,
                "verified_by": None if check is None else check.verified_by,
                "note": None if check is None else check.note,
                "evidence": None
                if evidence is None
                else {"document": evidence.document, "link": evidence.link, "page": evidence.page},
                "scored": item.used,
                "points_claimed": item.points_claimed,
                "points": item.points,
                "contribution_claimed": item.contribution_claimed,
                "contribution": item.contribution,
            }
        )
    return {
        "verification": {
            "basis": found.basis,
            "score_claimed": found.total_claimed,
            "score": found.total,
            "eligible_claimed": found.eligible_claimed,
            "moved": found.moved,
            "values": values,
        }
    }


def skipped_lines(skipped: Sequence[Skipped], lang: Lang) -> list[str]:
    """The ``--skip-invalid`` warning and one line per submission or file it left out,
    with its error codes (empty when none)."""
    if not skipped:
        return []
    return [
        t(lang, "skipped-warning", count=len(skipped)),
        *(
            t(
                lang,
                "skipped-input",
                where=s.where,
                codes=", ".join(dict.fromkeys(p.code for p in s.errors)),
                count=len(s.errors),
            )
            for s in skipped
        ),
    ]


def replaced_lines(replaced: Sequence[Replaced], lang: Lang) -> list[str]:
    """'Revised submissions: N' and one line per submission a revision replaced (empty
    when none)."""
    if not replaced:
        return []
    return [
        t(lang, "replaced-heading", count=len(replaced)),
        *(
            t(
                lang,
                "replaced-line",
                code=r.code,
                where=f"{r.path}:{r.line}",
                submitted=r.submitted,
                by=f"{r.by_path}:{r.by_line}",
                by_submitted=r.by_submitted,
            )
            for r in replaced
        ),
    ]


def replaced_data(replaced: Sequence[Replaced]) -> list[dict[str, Any]]:
    """The submissions a revision replaced, for JSON."""
    return [
        {
            "code": r.code,
            "path": r.path,
            "line": r.line,
            "submitted": r.submitted,
            "by": {"path": r.by_path, "line": r.by_line, "submitted": r.by_submitted},
        }
        for r in replaced
    ]


def skipped_data(skipped: Sequence[Skipped], lang: Lang) -> list[dict[str, Any]]:
    """What ``--skip-invalid`` left out, for JSON: where, and each error."""
    return [
        {
            "path": s.path,
            "line": s.line,
            "problems": [
                {"code": p.code, "line": p.line, "column": p.column, "message": p.message(lang)}
                for p in s.errors
            ],
        }
        for s in skipped
    ]


def criteria_note(criteria: Criteria, lang: Lang) -> str:
    return t(
        lang,
        "reconstruction-note",
        id=criteria.id,
        version=criteria.version,
        source=" ".join(criteria.source.get(lang).split()),
    )


def indicator_name(criteria: Criteria, address: str, lang: Lang) -> str:
    factor, indicator = criteria.addresses[address]
    return f"{factor.label(lang)}: {indicator.label(lang)}"


def value_text(criteria: Criteria, address: str, value: Value | float | None, lang: Lang) -> str:
    """A value as a reader of the report says it: a level's label, yes/no, 2.5 % of APBD."""
    if value is None:
        return t(lang, "absent")
    _, indicator = criteria.addresses[address]
    if indicator.type == "level":
        return indicator.level_label(str(value), lang)
    if indicator.type == "boolean":
        return t(lang, "yes" if value is True else "no")
    unit = indicator.unit.get(lang) if indicator.unit else ""
    number = float(value) if isinstance(value, int | float) else 0.0
    return f"{num(number, 'g', lang)} {unit}".strip()


# --- the method, as ``assess criteria`` shows it (issue 14) ---------------------------------


def goalposts_text(indicator: Indicator, lang: Lang) -> str:
    """``worst → best unit`` of a number indicator; empty for the other types."""
    goalposts = indicator.goalposts
    if goalposts is None:
        return ""
    unit = indicator.unit.get(lang) if indicator.unit else ""
    worst, best = num(goalposts.worst, "g", lang), num(goalposts.best, "g", lang)
    return f"{worst} → {best} {unit}".strip()


def type_text(indicator: Indicator, lang: Lang) -> str:
    """``level``, ``boolean`` or ``number``, as the report's language says it; an
    interview item says that the panel scores it (``number, interview``)."""
    kind = t(lang, f"indicator-type-{indicator.type}")
    return t(lang, "indicator-interview", type=kind) if indicator.interview else kind


def gate_text(indicator: Indicator, lang: Lang) -> str:
    """An indicator's gate: in English as the criteria file writes it (``statement``,
    ``true``, ``2.5``); in Indonesian the level's label, ``ya``, or ``2,5``. Empty without."""
    gate = indicator.gate
    if gate is None:
        return ""
    if lang == "id":
        if isinstance(gate, bool):
            return t(lang, "yes" if gate else "no")
        if isinstance(gate, str):
            return indicator.level_label(gate, lang)
        return num(gate, "g", lang)
    return str(gate).lower()


def transform_text(indicator: Indicator, lang: Lang) -> str:
    """``linear`` or ``log`` for a number indicator; empty for the other types."""
    return t(lang, f"transform-{indicator.transform}") if indicator.type == "number" else ""


def valid_text(indicator: Indicator, lang: Lang) -> str:
    """``min..max``, ``≥ min`` or ``≤ max``; empty when the indicator sets no range."""
    valid = indicator.valid
    low = None if valid is None or valid.min is None else num(valid.min, "g", lang)
    high = None if valid is None or valid.max is None else num(valid.max, "g", lang)
    if high is None:
        return "" if low is None else f"≥ {low}"
    return f"≤ {high}" if low is None else f"{low}..{high}"


def levels_text(indicator: Indicator, lang: Lang) -> str:
    """Each answer and its score, worst first: ``None = 0 · Initial = 0.2``, ``yes = 1 · no =
    0``; empty for a number indicator."""
    if indicator.type == "boolean":
        return f"{t(lang, 'yes')} = 1 · {t(lang, 'no')} = 0"
    scores = indicator.level_scores
    return " · ".join(
        f"{indicator.level_label(key, lang)} = {num(scores[key], '.4g', lang)}" for key in scores
    )


def method_lines(criteria: Criteria, lang: Lang) -> list[tuple[str, str]]:
    """(label, value) for each rule of the criteria as a whole, bands and cohorts last."""
    cap = criteria.selection.max_per_province
    return [
        (t(lang, "method-aggregation"), t(lang, f"aggregation-{criteria.aggregation}")),
        (t(lang, "method-scale"), f"0..{num(criteria.scale, 'g', lang)}"),
        (t(lang, "method-precision"), t(lang, "precision-places", count=criteria.precision)),
        (t(lang, "method-missing"), t(lang, f"missing-{criteria.missing}")),
        # Only when set otherwise: criteria that do not mention verification read as before.
        *(
            []
            if criteria.value_basis == DEFAULT_BASIS
            else [(t(lang, "method-value-basis"), criteria.value_basis)]
        ),
        (t(lang, "method-min-coverage"), f"{num(criteria.min_coverage * 100, 'g', lang)}%"),
        (t(lang, "method-max-per-province"), t(lang, "no-limit") if cap is None else str(cap)),
        (
            t(lang, "bands"),
            ", ".join(f"{b.label.get(lang)} ≥ {num(b.min, 'g', lang)}" for b in criteria.bands)
            or t(lang, "none"),
        ),
        (
            t(lang, "cohorts"),
            ", ".join(f"{c.year}: {c.size}{_equity_note(c)}" for c in criteria.cohorts)
            or t(lang, "none"),
        ),
        # Only when declared: criteria without groups read as before.
        *(
            [(t(lang, "crit-groups"), "; ".join(group_lines(criteria, lang)))]
            if criteria.groups
            else []
        ),
    ]


def group_lines(criteria: Criteria, lang: Lang) -> list[str]:
    """Each declared group: its id, name, source, year and how many regions it lists."""
    return [
        t(
            lang,
            "crit-group",
            id=name,
            name=group.name.get(lang),
            source=group.source.get(lang),
            year=group.year,
            count=len(group.codes),
        )
        for name, group in criteria.groups.items()
    ]


def _equity_note(cohort: Cohort) -> str:
    """`` (kota 10, kabupaten 15; tertinggal 3; timur 5)``: a cohort's equity rules as
    written; empty without any."""
    parts = []
    if cohort.places is not None:
        parts.append(f"kota {cohort.places.kota}, kabupaten {cohort.places.kabupaten}")
    if cohort.reserved is not None:
        parts.append(f"{cohort.reserved.group} {cohort.reserved.places}")
    if cohort.min_per_wilayah is not None:
        wanted = cohort.min_per_wilayah.model_dump()
        parts.append(", ".join(f"{w} ≥ {n}" for w, n in wanted.items() if n) or "wilayah ≥ 0")
    return f" ({'; '.join(parts)})" if parts else ""
