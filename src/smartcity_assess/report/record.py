"""The round's decision record (*berita acara*) that the panel signs:
``assess decision-record``.

What it holds is worked out once, as data (``record_data``): the criteria and their
SHA-256, the SHA-256 of every file ranked, the panel, each cohort's regions with their
scores as shown, the panel's overrides, the broken ties and the regions nearest each
cut-off. The JSON format writes that data; the HTML format lays it out in Indonesian and
English (Indonesian first) or in one of them, to print on A4 and sign. No clock is read:
the date is the one given, so the same inputs give the same bytes (docs/record.md).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from smartcity_assess.core.panel import ItemAgreement, Panel
from smartcity_assess.core.ranking import RankedRegion
from smartcity_assess.core.rounding import decimal_text, round_key
from smartcity_assess.core.verification import checked_regions, pool_effect
from smartcity_assess.i18n import Lang, number_text, t
from smartcity_assess.report.common import (
    criteria_note,
    fixed,
    indicator_name,
    provenance,
    zone_cutoffs_text,
)
from smartcity_assess.report.interface import RankResult
from smartcity_assess.report.json_report import (
    assessor_files,
    dump,
    move_data,
    overrides_data,
    unmet_data,
)
from smartcity_assess.report.views import RankView

NEAREST = 5
"""How many eligible regions nearest each cut-off score the record lists."""


@dataclass(frozen=True)
class PanelMember:
    name: str
    role: str


@dataclass(frozen=True)
class RecordResult:
    """``assess decision-record``: a ranking and who signs it, when."""

    rank: RankResult
    panel: tuple[PanelMember, ...]
    date: str | None
    """``YYYY-MM-DD`` as given; None leaves the date to be written by hand."""
    bundled: bool
    """The criteria are the bundled reconstruction (the record says so)."""
    langs: tuple[Lang, ...] = ("id", "en")
    """The HTML's languages, in order; the JSON always has both texts."""


def _shown(score: float | None, precision: int) -> str | None:
    """A score as every report shows it, the English way (``"66.79"``)."""
    return None if score is None else fixed(score, precision, "en")


def _region(region: RankedRegion, precision: int) -> dict[str, Any]:
    s = region.card.submission
    return {
        "rank": region.rank,
        "code": region.code,
        "name": s.name,
        "province": s.province,
        "score": decimal_text(region.card.total_key, precision),
    }


def _nearest(result: RankResult, cutoff: float, precision: int) -> list[dict[str, Any]]:
    """The ``NEAREST`` eligible regions whose shown score is nearest ``cutoff`` (shown the
    same way), and every other the panel overrode, in rank order, each with the difference
    and its cohort after the overrides."""
    cut = round_key(cutoff, precision)
    eligible = [r for r in result.ranking.regions if r.rank is not None]
    near = sorted(eligible, key=lambda r: (abs(r.card.total_key - cut), r.rank))[:NEAREST]
    outcome = result.ranking.overrides
    if outcome is not None:
        shown = {r.code for r in near}
        near += [r for r in eligible if r.code in outcome.by_code and r.code not in shown]
    return [
        {
            **_region(r, precision),
            "difference": decimal_text(r.card.total_key - cut, precision),
            "cohort": r.cohort,
        }
        for r in sorted(near, key=lambda r: r.rank or 0)
    ]


def _alpha(value: float | None) -> str | None:
    """Krippendorff's alpha as the record shows it, to 3 decimals; None where undefined."""
    return None if value is None else f"{value + 0.0:.3f}"


def _agreement(panel: Panel | None, names: dict[str, str]) -> dict[str, Any]:
    """``{"agreement": ...}``: what the panel's interview scores came to and how far the
    assessors agree (the figures of ``assess agreement``); empty without ``--assessors``."""
    if panel is None:
        return {}
    rules = panel.rules
    whole = next(r for r in panel.reliability if r.address is None)

    def item(found: ItemAgreement) -> dict[str, Any]:
        return {
            "code": found.code,
            "name": names.get(found.code, ""),
            "item": found.address,
            "values": [{"assessor": name, "value": value} for name, value in found.values],
            "score_range": f"{found.score_range + 0.0:.1f}",
        }

    return {
        "agreement": {
            "aggregate": rules.aggregate,
            "disagreement": rules.disagreement,
            "min_assessors": rules.min_assessors,
            "assessors": list(panel.assessors),
            "regions": len(panel.regions),
            "items": len(panel.items),
            "alpha_interval": _alpha(whole.interval),
            "alpha_ordinal": _alpha(whole.ordinal),
            "flagged": [item(i) for i in panel.flagged],
            "too_few_assessors": [{"code": i.code, "item": i.address} for i in panel.short],
        }
    }


def _verification(result: RankResult) -> dict[str, Any]:
    """``{"verification": ...}``: each region whose claims were checked, in rank order,
    with its score under its claims and as scored (as shown) and how many values scored
    other than claimed; empty when no submission carries verification
    (docs/verification.md, ``core.verification.checked_regions``)."""
    model, columns = result.criteria.model, result.ranking.columns
    effect = pool_effect(model, columns.cards)
    if effect is None:
        return {}
    found = checked_regions(effect, columns.cards, columns.ranks, columns.cohorts)
    p = model.precision
    regions = [
        {
            "code": region.card.code,
            "name": region.card.submission.name,
            "rank": region.rank,
            "cohort": region.cohort,
            "score_claimed": decimal_text(region.total_key_claimed, p),
            "score": decimal_text(region.card.total_key, p),
            "change": decimal_text(region.change_key, p),
            "values_moved": region.moved,
        }
        for region in found
    ]
    return {"verification": {"basis": model.value_basis, "regions": regions}}


def record_data(record: RecordResult) -> dict[str, Any]:
    """The record as the JSON format writes it (docs/record.md)."""
    result = record.rank
    model, ranking = result.criteria.model, result.ranking
    p = model.precision
    by_code = {r.code: r for r in ranking.regions}
    outcome = ranking.overrides
    overrides = overrides_data(ranking)
    return {
        "schema_version": 1,
        "command": "decision-record",
        **provenance(result.criteria),
        "date": record.date,
        "title": {lang: model.title.get(lang) for lang in ("id", "en")},
        "disclaimer": {
            lang: [
                *([t(lang, "record-reconstruction")] if record.bundled else []),
                criteria_note(model, lang),
            ]
            for lang in ("id", "en")
        },
        "inputs": [{"sha256": sha, "codes": list(codes)} for sha, codes in result.inputs],
        **assessor_files(result.assessor_files),
        "skipped": len(result.skipped),
        "panel": [{"name": m.name, "role": m.role} for m in record.panel],
        **_agreement(
            result.panel,
            {code: card.submission.name for code, card in ranking.cards_by_code.items()},
        ),
        "cohorts": [
            {
                "year": c.year,
                "size": c.size,
                "cutoff_score": _shown(c.cutoff_score, p),
                "selected": [_region(by_code[code], p) for code in c.selected],
            }
            for c in ranking.cohorts
        ],
        **_verification(result),
        "override_zone": None if outcome is None else outcome.zone,
        "override_cutoffs": []
        if outcome is None
        else [
            {
                "year": c.year,
                "cutoff_score": _shown(c.score, p),
                **({"cutoffs": {k: _shown(v, p) for k, v in c.by_kind}} if c.by_kind else {}),
            }
            for c in outcome.cutoffs
        ],
        "overrides": overrides.get("overrides", []),
        "moved_by_overrides": overrides.get("moved_by_overrides", []),
        **rules_data(result),
        "ties": [
            {
                "score": _shown(tie.score, p),
                "codes": list(tie.codes),
                "ranks": list(tie.ranks),
                "decided_by": list(tie.decided_by),
                "at_cutoff": tie.at_cutoff,
            }
            for tie in ranking.ties
        ],
        "near_cutoffs": [
            {
                "year": year,
                "cutoff_score": _shown(cutoff, p),
                **({} if outcome is None else {"before_overrides": True}),
                "regions": _nearest(result, cutoff, p),
            }
            for year, cutoff in (
                ((c.year, c.cutoff_score) for c in ranking.cohorts)
                if outcome is None
                else ((c.year, c.score) for c in outcome.cutoffs)
            )
            if cutoff is not None
        ],
    }


def rules_data(result: RankResult) -> dict[str, Any]:
    """``{"rules": {"moves": [...], "unmet": [...]}}``: every place the fill's rules moved
    (the province cap's, then the equity rules', by cohort) and each rule a cohort could
    not meet (docs/record.md)."""
    ranking = result.ranking
    moves: list[dict[str, Any]] = [
        {
            "year": m.year,
            "rule": "max_per_province",
            "group": m.province,
            "entrant": m.entrant,
            "displaced": m.displaced,
        }
        for m in ranking.cap_moves
    ]
    equity = ranking.equity
    if equity is not None:
        moves += [move_data(m) for m in equity.moves]
    moves.sort(key=lambda move: move["year"])  # stable: the cap's first in each cohort
    unmet = [unmet_data(u) for u in (() if equity is None else equity.unmet)]
    return {"rules": {"moves": moves, "unmet": unmet}}


def record_json(record: RecordResult) -> str:
    return dump(record_data(record))


def _cohort_text(year: int | None, lang: Lang) -> str:
    return t(lang, "override-none") if year is None else str(year)


def _language(record: RecordResult, data: dict[str, Any], lang: Lang) -> dict[str, Any]:
    """Every text of the HTML record in ``lang``: numbers with its decimal mark."""
    view = RankView(record.rank, lang)
    cards = record.rank.ranking.cards_by_code
    outcome = record.rank.ranking.overrides

    def label(code: str) -> str:
        return f"{cards[code].submission.name} ({code})"

    def n(text: str | None) -> str:
        return "-" if text is None else number_text(text, lang)

    decisions = {d: t(lang, f"override-decision-{d}") for d in ("in", "out", "defer")}
    return {
        "lang": lang,
        "title": t(lang, "record-title", title=data["title"][lang]),
        "disclaimer": data["disclaimer"][lang],
        "cohorts": [
            {
                "year": c["year"],
                "heading": t(
                    lang,
                    "record-cohort",
                    year=c["year"],
                    count=len(c["selected"]),
                    size=c["size"],
                    cutoff=n(c["cutoff_score"]),
                ),
                "rows": [{**r, "score": n(r["score"])} for r in c["selected"]],
            }
            for c in data["cohorts"]
        ],
        "overrides_heading": t(lang, "record-overrides-none")
        if outcome is None
        else t(
            lang,
            "record-overrides",
            zone=n(f"{data['override_zone']:g}"),
            cutoffs=zone_cutoffs_text(outcome.cutoffs, record.rank.criteria.model.precision, lang),
        ),
        "overrides": [
            {
                **o,
                "label": label(o["code"]),
                "decision": decisions[o["decision"]],
                "moved": f"{_cohort_text(o['cohort_before'], lang)} -> "
                f"{_cohort_text(o['cohort_after'], lang)}",
                "assessors": ", ".join(o["assessors"]),
            }
            for o in data["overrides"]
        ],
        "moved": [
            label(m["code"])
            + f": {_cohort_text(m['cohort_before'], lang)} -> "
            + _cohort_text(m["cohort_after"], lang)
            for m in data["moved_by_overrides"]
        ],
        "rules": view.rule_move_lines,
        "ties": [tie.line for tie in view.ties],
        "near": [
            {
                "heading": t(
                    lang,
                    "record-near-before" if c.get("before_overrides") else "record-near",
                    year=c["year"],
                    cutoff=n(c["cutoff_score"]),
                ),
                "rows": [
                    {
                        **r,
                        "score": n(r["score"]),
                        "difference": n(r["difference"]),
                        "cohort": _cohort_text(r["cohort"], lang),
                    }
                    for r in c["regions"]
                ],
            }
            for c in data["near_cutoffs"]
        ],
        "summary": view.summary,
        "agreement": _agreement_text(record, data, lang),
        "verification": _verification_text(data, lang),
    }


def _verification_text(data: dict[str, Any], lang: Lang) -> dict[str, Any]:
    """The verification section in ``lang``: its sentence and the regions it moved."""
    found = data.get("verification")
    if found is None:
        return {}
    moved = [r for r in found["regions"] if r["values_moved"]]
    return {
        "line": t(
            lang,
            "record-verification-line",
            checked=len(found["regions"]),
            basis=t(lang, f"record-basis-{found['basis']}"),
            moved=len(moved),
        ),
        "rows": [
            {
                **r,
                "score_claimed": number_text(r["score_claimed"], lang),
                "score": number_text(r["score"], lang),
                "change": number_text(
                    r["change"] if r["change"].startswith("-") else f"+{r['change']}", lang
                ),
                "cohort": _cohort_text(r["cohort"], lang),
                "rank": "-" if r["rank"] is None else r["rank"],
            }
            for r in moved
        ],
    }


def _agreement_text(record: RecordResult, data: dict[str, Any], lang: Lang) -> dict[str, Any]:
    """The panel agreement section in ``lang``: its sentences and the flagged items."""
    found = data.get("agreement")
    if found is None:
        return {}
    model = record.rank.criteria.model

    def n(text: str | None) -> str:
        return "-" if text is None else number_text(text, lang)

    aggregate = t(lang, f"ag-aggregate-{found['aggregate']}", trim=n(f"{model.panel.trim_share:g}"))
    return {
        "line": t(
            lang,
            "record-agreement-line",
            assessors=len(found["assessors"]),
            items=found["items"],
            regions=found["regions"],
            aggregate=aggregate,
            interval=n(found["alpha_interval"]),
            ordinal=n(found["alpha_ordinal"]),
        ),
        "flagged_line": t(
            lang,
            "record-flagged",
            threshold=n(f"{found['disagreement']:g}"),
            count=len(found["flagged"]),
        ),
        "too_few_line": t(lang, "record-too-few", count=len(found["too_few_assessors"]))
        if found["too_few_assessors"]
        else "",
        "flagged": [
            {
                "region": f"{f['name']} ({f['code']})",
                "item": indicator_name(model, f["item"], lang),
                "given": "; ".join(
                    v["assessor"] + " " + n(format(v["value"], "g")) for v in f["values"]
                ),
                "score_range": n(f["score_range"]),
            }
            for f in found["flagged"]
        ],
    }


def record_page(record: RecordResult) -> str:
    """The record as a self-contained HTML page to print on A4 (needs the 'report' extra)."""
    from smartcity_assess.report.html import _page

    data = record_data(record)
    first = record.langs[0]
    return _page(
        "record.html.j2",
        first,
        title=t(first, "record-title", title=data["title"][first]),
        data=data,
        langs=[_language(record, data, lang) for lang in record.langs],
        both=len(record.langs) > 1,
        date=record.date,
        tr=t,
    )
