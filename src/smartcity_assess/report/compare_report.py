"""What every format of ``assess compare`` shows: its sentences and table rows as text in
the report's language, and its JSON data. Each format's ``compare`` lays them out."""

from __future__ import annotations

import json
from typing import Any

from smartcity_assess import __version__
from smartcity_assess.core.compare import (
    CohortChange,
    Comparison,
    CriteriaChange,
    RankSnapshot,
    Standing,
)
from smartcity_assess.i18n import Lang, t
from smartcity_assess.report.common import TOOL
from smartcity_assess.report.interface import CompareResult

SHA_SHOWN = 12
"""How many hex digits of a sha256 the human formats show."""


# --- text pieces shared by the formats -------------------------------------------------------


def standing_text(snapshot: RankSnapshot, code: str, lang: Lang) -> str:
    """Where one ranking put a region, in words: 'rank 12, cohort 2018', 'not eligible'."""
    region = snapshot.by_code.get(code)
    return _standing(region, code in snapshot.excluded, lang)


def _standing(region: Standing | None, excluded: bool, lang: Lang) -> str:
    if region is None:
        return t(lang, "compare-excluded" if excluded else "compare-absent")
    if region.rank is None:
        return t(lang, "compare-ineligible")
    if region.cohort is not None:
        return t(lang, "compare-in-cohort", rank=region.rank, year=region.cohort)
    return t(lang, "compare-not-selected", rank=region.rank)


def cohorts_text(snapshot: RankSnapshot, lang: Lang) -> str:
    """The cohorts a ranking used, and its province cap if it had one."""
    text = ", ".join(f"{c.year}:{c.size}" for c in snapshot.cohorts) or "-"
    cap = snapshot.max_per_province
    return text if cap is None else text + t(lang, "compare-cap", cap=cap)


def side_line(snapshot: RankSnapshot, side: str, lang: Lang) -> str:
    return t(
        lang,
        "compare-side",
        side=t(lang, side),
        path=snapshot.display,
        id=snapshot.criteria_id,
        version=snapshot.criteria_version,
        sha=snapshot.criteria_sha256[:SHA_SHOWN],
        cohorts=cohorts_text(snapshot, lang),
        regions=len(snapshot.regions),
        selected=len(snapshot.selected),
    )


def correlation_line(comparison: Comparison, lang: Lang) -> str:
    if comparison.spearman is None or comparison.top_down is None:
        return t(lang, "compare-correlation-none")
    return t(
        lang,
        "compare-correlation",
        count=comparison.common,
        spearman=f"{comparison.spearman:.3f}",
        top_down=f"{comparison.top_down:.3f}",
    )


def criteria_status(comparison: Comparison, lang: Lang) -> str | None:
    """One line when there is no change table to show; None when there is."""
    if comparison.criteria_changes is None:
        return t(
            lang,
            "compare-criteria-unknown",
            old=comparison.old.criteria_sha256[:SHA_SHOWN],
            new=comparison.new.criteria_sha256[:SHA_SHOWN],
        )
    if comparison.criteria_changes:
        return None
    if comparison.criteria_changed:
        return t(lang, "compare-criteria-cosmetic")
    return t(lang, "compare-criteria-same")


def subject_text(change: CriteriaChange, lang: Lang) -> str:
    if not change.subject:
        return t(lang, "compare-whole-criteria")
    name = change.name.get(lang) if change.name else None
    return f"{name} ({change.subject})" if name else change.subject


def field_text(change: CriteriaChange, lang: Lang) -> str:
    return t(lang, f"cf-{change.field}")


def setting_text(value: Any, lang: Lang) -> str:
    """A criteria value as a reader would write it; '-' for nothing."""
    if value is None:
        return "-"
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, int | float):
        return f"{value:g}"
    if isinstance(value, str):
        return value
    if isinstance(value, dict) and set(value) == {"worst", "best"}:
        return f"{_num(value['worst'])} .. {_num(value['best'])}"
    if isinstance(value, dict) and set(value) == {"en", "id"}:
        return str(value["id"] if lang == "id" else value["en"])
    if isinstance(value, list):
        return ", ".join(_item_text(item, lang) for item in value) or "-"
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def _num(value: Any) -> str:
    return f"{value:g}" if isinstance(value, int | float) else str(value)


def _item_text(item: Any, lang: Lang) -> str:
    if isinstance(item, dict):
        if "year" in item and "size" in item:  # a cohort, with its equity rules if any
            rules = {key: value for key, value in item.items() if key not in ("year", "size")}
            text = f"{item['year']}:{item['size']}"
            return (
                f"{text} {json.dumps(rules, ensure_ascii=False, sort_keys=True)}" if rules else text
            )
        if "min" in item and "label" in item:  # a band
            return f"{setting_text(item['label'], lang)} ≥ {_num(item['min'])}"
        if "id" in item and "score" in item:  # a level
            return f"{item['id']}={_num(item['score'])}"
    return setting_text(item, lang)


def change_values(change: CriteriaChange, lang: Lang) -> tuple[str, str]:
    """Old and new as text; a weight also shows the share of the total it gives."""
    old, new = setting_text(change.old, lang), setting_text(change.new, lang)
    if change.old_share is not None and change.old is not None:
        old = t(lang, "compare-share", value=old, share=f"{change.old_share:.1%}")
    if change.new_share is not None and change.new is not None:
        new = t(lang, "compare-share", value=new, share=f"{change.new_share:.1%}")
    return old, new


def region_text(comparison: Comparison, code: str) -> str:
    return f"{comparison.names.get(code, code)} ({code})"


def places_text(change: int) -> str:
    return f"+{change}" if change > 0 else str(change)


def cohort_heading(change: CohortChange, lang: Lang) -> str:
    if change.old_size is None:
        return t(lang, "compare-cohort-only-new", year=change.year, count=len(change.entered))
    if change.new_size is None:
        return t(lang, "compare-cohort-only-old", year=change.year, count=len(change.left))
    return t(
        lang,
        "compare-cohort-heading",
        year=change.year,
        entered=len(change.entered),
        left=len(change.left),
        stayed=change.stayed,
    )


def movement_rows(comparison: Comparison, codes: tuple[str, ...], lang: Lang) -> list[list[str]]:
    """Region, where it was before, where it is now."""
    return [
        [
            region_text(comparison, code),
            standing_text(comparison.old, code, lang),
            standing_text(comparison.new, code, lang),
        ]
        for code in codes
    ]


def move_rows(comparison: Comparison, top: int, lang: Lang) -> list[list[str]]:
    return [
        [
            str(move.old_rank),
            str(move.new_rank),
            places_text(move.change),
            region_text(comparison, move.code),
            cohort_move_text(comparison, move.code),
        ]
        for move in comparison.top_moves(top)
    ]


def cohort_move_text(comparison: Comparison, code: str) -> str:
    """``2018``, or ``2018 → 2019`` when the cohort changed; ``-`` for none."""
    before = comparison.old.by_code.get(code)
    after = comparison.new.by_code.get(code)
    old = "-" if before is None or before.cohort is None else str(before.cohort)
    new = "-" if after is None or after.cohort is None else str(after.cohort)
    return old if old == new else f"{old} → {new}"


def move_header(lang: Lang) -> list[str]:
    return [
        t(lang, "compare-old-rank"),
        t(lang, "compare-new-rank"),
        t(lang, "compare-places"),
        t(lang, "region"),
        t(lang, "cohort"),
    ]


def change_rows(comparison: Comparison, lang: Lang) -> list[list[str]]:
    return [
        [subject_text(c, lang), field_text(c, lang), *change_values(c, lang)]
        for c in comparison.criteria_changes or ()
    ]


def change_header(lang: Lang) -> list[str]:
    return [
        t(lang, "compare-subject"),
        t(lang, "compare-change"),
        t(lang, "compare-old"),
        t(lang, "compare-new"),
    ]


def movement_header(lang: Lang) -> list[str]:
    return [t(lang, "region"), t(lang, "compare-before"), t(lang, "compare-after")]


# --- json ------------------------------------------------------------------------------------


def _snapshot_data(snapshot: RankSnapshot) -> dict[str, Any]:
    return {
        "sha256": snapshot.sha256,
        "criteria": {
            "id": snapshot.criteria_id,
            "version": snapshot.criteria_version,
            "sha256": snapshot.criteria_sha256,
        },
        "cohorts": [{"year": c.year, "size": c.size} for c in snapshot.cohorts],
        "max_per_province": snapshot.max_per_province,
        "regions": len(snapshot.regions),
        "selected": len(snapshot.selected),
    }


def _region_state(snapshot: RankSnapshot, code: str) -> dict[str, Any]:
    region = snapshot.by_code.get(code)
    if region is None:
        return {"present": False, "excluded": code in snapshot.excluded}
    return {
        "present": True,
        "rank": region.rank,
        "cohort": region.cohort,
        "eligible": region.eligible,
        "score": region.score,
    }


def compare_json(result: CompareResult) -> dict[str, Any]:
    """The comparison as documented JSON: no paths (only sha256s), so it is byte-identical
    wherever the files are."""
    c = result.comparison
    old_by, new_by = c.old.by_code, c.new.by_code
    codes = [r.code for r in c.new.regions] + [
        r.code for r in c.old.regions if r.code not in new_by
    ]
    names = c.names
    return {
        "schema_version": 1,
        "command": "compare",
        "tool": {"name": TOOL, "version": __version__},
        "old": _snapshot_data(c.old),
        "new": _snapshot_data(c.new),
        "correlation": {"regions": c.common, "spearman": c.spearman, "top_down": c.top_down},
        "criteria_changed": c.criteria_changed,
        "criteria_changes": (
            None
            if c.criteria_changes is None
            else [
                {
                    "subject": ch.subject,
                    "field": ch.field,
                    "old": ch.old,
                    "new": ch.new,
                    "old_share": ch.old_share,
                    "new_share": ch.new_share,
                }
                for ch in c.criteria_changes
            ]
        ),
        "selected": {"entered": list(c.entered), "left": list(c.left)},
        "cohorts": [
            {
                "year": ch.year,
                "old_size": ch.old_size,
                "new_size": ch.new_size,
                "entered": list(ch.entered),
                "left": list(ch.left),
                "stayed": ch.stayed,
            }
            for ch in c.cohorts
        ],
        "moves": [
            {
                "code": m.code,
                "name": names.get(m.code, m.code),
                "old_rank": m.old_rank,
                "new_rank": m.new_rank,
                "change": m.change,
            }
            for m in c.top_moves(result.top)
        ],
        "regions": [
            {
                "code": code,
                "name": names[code],
                "old": _region_state(c.old, code),
                "new": _region_state(c.new, code),
                "change": _places(old_by.get(code), new_by.get(code)),
            }
            for code in codes
        ],
    }


def _places(old: Standing | None, new: Standing | None) -> int | None:
    if old is None or new is None or old.rank is None or new.rank is None:
        return None
    return old.rank - new.rank
