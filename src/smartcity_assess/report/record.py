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

from smartcity_assess.core.ranking import RankedRegion
from smartcity_assess.core.rounding import decimal_text, round_key
from smartcity_assess.i18n import Lang, number_text, t
from smartcity_assess.report.common import criteria_note, fixed, provenance
from smartcity_assess.report.interface import RankResult
from smartcity_assess.report.json_report import assessor_files, dump, overrides_data
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
    same way), in rank order, each with the difference and its cohort after the overrides."""
    cut = round_key(cutoff, precision)
    eligible = [r for r in result.ranking.regions if r.rank is not None]
    near = sorted(eligible, key=lambda r: (abs(r.card.total_key - cut), r.rank))[:NEAREST]
    return [
        {
            **_region(r, precision),
            "difference": decimal_text(r.card.total_key - cut, precision),
            "cohort": r.cohort,
        }
        for r in sorted(near, key=lambda r: r.rank or 0)
    ]


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
        "cohorts": [
            {
                "year": c.year,
                "size": c.size,
                "cutoff_score": _shown(c.cutoff_score, p),
                "selected": [_region(by_code[code], p) for code in c.selected],
            }
            for c in ranking.cohorts
        ],
        "override_zone": None if outcome is None else outcome.zone,
        "overrides": overrides.get("overrides", []),
        "moved_by_overrides": overrides.get("moved_by_overrides", []),
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
        **_verification(result),
        "near_cutoffs": [
            {
                "year": c.year,
                "cutoff_score": _shown(c.cutoff_score, p),
                "regions": _nearest(result, c.cutoff_score, p),
            }
            for c in ranking.cohorts
            if c.cutoff_score is not None
        ],
    }


def _verification(result: RankResult) -> dict[str, Any]:
    """``{"verification": ...}`` when some region of the pool carries verification: the
    basis, how many regions carry it, and each region whose score it moved, as the rank
    reports list them (``RankView.verification_rows``); empty otherwise, so a record of
    a pool without verification is as it was."""
    view = RankView(result, "en")
    found = view.verification
    if found is None:
        return {}
    return {
        "verification": {
            "basis": result.criteria.model.value_basis,
            "checked": len(found.moved),
            "regions": [
                {
                    "rank": int(r.rank) if r.rank else None,
                    "code": r.code,
                    "name": r.name,
                    "cohort": int(r.cohort) if r.cohort else None,
                    "score_claimed": r.score_claimed,
                    "score": r.score,
                    "change": r.change,
                    "values_moved": int(r.values_moved),
                }
                for r in view.verification_rows
            ],
        }
    }


def _verification_texts(data: dict[str, Any], lang: Lang) -> dict[str, Any]:
    """The verification section's texts in ``lang``; empty without verification."""
    found = data.get("verification")
    if found is None:
        return {}
    rows = found["regions"]
    note = t(lang, "verview-note", basis=found["basis"], checked=found["checked"])
    return {
        "verification_heading": t(lang, "verview-heading", count=len(rows)),
        "verification_note": note if rows else f"{t(lang, 'verview-none')} {note}",
        "verification_rows": [
            {
                **r,
                "rank": "-" if r["rank"] is None else r["rank"],
                "cohort": _cohort_text(r["cohort"], lang),
                **{k: number_text(r[k], lang) for k in ("score_claimed", "score", "change")},
            }
            for r in rows
        ],
    }


def record_json(record: RecordResult) -> str:
    return dump(record_data(record))


def _cohort_text(year: int | None, lang: Lang) -> str:
    return t(lang, "override-none") if year is None else str(year)


def _language(record: RecordResult, data: dict[str, Any], lang: Lang) -> dict[str, Any]:
    """Every text of the HTML record in ``lang``: numbers with its decimal mark."""
    view = RankView(record.rank, lang)
    cards = record.rank.ranking.cards_by_code

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
        if data["override_zone"] is None
        else t(lang, "record-overrides", zone=n(f"{data['override_zone']:g}")),
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
        "ties": [tie.line for tie in view.ties],
        "near": [
            {
                "heading": t(lang, "record-near", year=c["year"], cutoff=n(c["cutoff_score"])),
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
        **_verification_texts(data, lang),
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
