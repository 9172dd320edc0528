"""``--format json``: versioned, byte-identical for identical inputs (SPEC section 6)."""

from __future__ import annotations

import json
import math
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from smartcity_assess import __version__
from smartcity_assess.core.criteria import cohort_summary, criteria_summary
from smartcity_assess.core.equity import Move, Unmet
from smartcity_assess.core.rounding import decimal_text
from smartcity_assess.core.verification import DEFAULT_BASIS, checked_regions, pool_effect
from smartcity_assess.report.analysis import explain_data, sensitivity_data
from smartcity_assess.report.common import (
    TOOL,
    card_data,
    provenance,
    render,
    replaced_data,
    skipped_data,
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
from smartcity_assess.report.views import excluded_row, outcome_text

if TYPE_CHECKING:
    from smartcity_assess.core.criteria import Criteria
    from smartcity_assess.core.history import RoundStanding
    from smartcity_assess.core.programme import Exclusion
    from smartcity_assess.core.ranking import RankedColumns, Ranking
    from smartcity_assess.core.scoring import Floats, Ints, ScoreCard
    from smartcity_assess.i18n import Lang, Msg

_ENCODE = json.JSONEncoder(ensure_ascii=False, allow_nan=False, separators=(", ", ": ")).encode
_STRING = json.encoder.encode_basestring  # what _ENCODE does with a str (ensure_ascii=False)


@dataclass(frozen=True)
class Entries:
    """A top-level list whose entries come already written as the lines of the layout,
    each indented by four spaces and followed by a comma (taken off the last): a large
    ranking is written a column at a time (``ranked_lines``), not a dictionary per region."""

    lines: list[str]


def dump(data: dict[str, Any]) -> str:
    """The documented JSON layout: one top-level key a line, and each entry of a top-level
    list of objects (``regions``, ``cohorts``, ...) on a line of its own.

    A changed region is then a changed line in a diff, and each line goes through the
    C encoder (``indent`` would force the pure-Python one, which took half of a
    514-region ``rank``). No sort_keys: field order is part of the format.
    """
    return "\n".join(_layout(data))


def _layout(data: dict[str, Any]) -> Iterator[str]:
    """The lines of ``dump``, without their line breaks (the last one, empty, puts a
    line break after the closing brace without copying a large report again)."""
    yield "{"
    last = len(data) - 1
    for i, (key, value) in enumerate(data.items()):
        comma = "," if i < last else ""
        if isinstance(value, Entries):
            lines = value.lines
        elif isinstance(value, list) and value and all(isinstance(v, dict) for v in value):
            lines = [f"    {_ENCODE(v)}," for v in value]
        else:
            yield f"  {_ENCODE(key)}: {_ENCODE(value)}{comma}"
            continue
        if not lines:
            yield f"  {_ENCODE(key)}: []{comma}"
            continue
        yield f"  {_ENCODE(key)}: ["
        yield from lines[:-1]
        yield lines[-1].removesuffix(",")
        yield f"  ]{comma}"
    yield "}"
    yield ""


def _scalar(value: Any) -> str:
    """One JSON scalar exactly as ``_ENCODE`` writes it."""
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if type(value) is str:
        return _STRING(value)
    if type(value) is float and math.isfinite(value):
        return float.__repr__(value)
    if type(value) is int:
        return int.__repr__(value)
    return _ENCODE(value)


def ranked_lines(
    ranked: RankedColumns,
    criteria: Criteria,
    lang: Lang,
    *,
    prefix: str = "",
    suffix: str = "",
) -> list[str]:
    """Each region of a ranking as a line of JSON: ``card_data`` without indicator
    detail, with ``rank``, ``cohort``, ``gap``, ``deferred_from`` and ``left_out_by_cap``
    after ``score``.

    Written a column at a time, not as a dictionary per region for ``_ENCODE``: each
    field of every region is turned into text at once, and one template per line puts
    them together (with ``prefix`` and ``suffix``, the indentation and comma of the
    layout). A 100,000-region ranking spent most of its time writing JSON. The bytes
    are the encoder's (tests/test_scoring.py holds them to it)."""
    from smartcity_assess.core.scoring import band_indexes, card_columns, card_reasons

    if not ranked:
        return []
    cards = ranked.cards
    submissions = [card.submission for card in cards]
    table = card_columns(cards)
    bands = [_scalar(band.label.get(lang)) for band in criteria.bands]
    columns: list[list[str]] = [
        [_STRING(s.code) for s in submissions],
        _strings([s.name for s in submissions]),
        _strings([s.province for s in submissions]),
        _strings([s.kind for s in submissions]),
        _optional_ints([s.year for s in submissions]),
        _floats(table.total),
        _optional_ints(ranked.ranks),
        _optional_ints(ranked.cohorts),
        ["null" if gap is None else _scalar(gap) for gap in ranked.gaps],
        _optional_ints(ranked.deferred_from),
        [_BOOLEAN[out] for out in ranked.left_out_by_cap],
        list(map([*bands, "null"].__getitem__, band_indexes(criteria, table.total_key).tolist())),
        [_BOOLEAN[card.eligible] for card in cards],
        [_reasons(found, lang) for found in card_reasons(cards)],
        _floats(table.coverage),
    ]
    factors = []
    for f, factor in enumerate(criteria.factors):
        factors.append(
            f'{{"id": {_literal(_STRING(factor.id))}, "score": %s, "weight": %s, '
            '"contribution": %s, "included": %s}'
        )
        columns.append(_floats(table.score[:, f]))
        columns.append(_floats(table.weight[:, f]))
        columns.append(_floats(table.contribution[:, f]))
        columns.append([_BOOLEAN[used] for used in table.included[:, f].tolist()])
    columns.append(_weakest(criteria, table.weakest))
    template = (
        f'{_literal(prefix)}{{"code": %s, "name": %s, "province": %s, "kind": %s, '
        '"year": %s, "score": %s, "rank": %s, "cohort": %s, "gap": %s, '
        '"deferred_from": %s, "left_out_by_cap": %s, "band": %s, '
        '"eligible": %s, "reasons": %s, "coverage": %s, '
        f'"factors": [{", ".join(factors)}], "weakest": [%s]}}{_literal(suffix)}'
    )
    return list(map(template.__mod__, zip(*columns, strict=True)))


def _reasons(found: tuple[Msg, ...], lang: Lang) -> str:
    """``report.common.reasons`` as the encoder writes it."""
    if not found:
        return "[]"
    entries = [
        f'{{"code": {_STRING(r.key.removeprefix("reason-"))}, '
        f'"message": {_STRING(render(r, lang))}}}'
        for r in found
    ]
    return f"[{', '.join(entries)}]"


def _weakest(criteria: Criteria, weakest: Ints) -> list[str]:
    """The ``weakest`` addresses of each card, as the text inside the brackets; each
    distinct choice of indicators is written once."""
    quoted = [_STRING(address) for address in criteria.addresses]
    width = len(quoted) + 1  # a column, or none (-1), as one digit of a number

    def written(key: int) -> str:
        digits = []
        for _ in range(weakest.shape[1]):
            key, digit = divmod(key, width)
            digits.append(digit - 1)
        return ", ".join(quoted[c] for c in reversed(digits) if c >= 0)

    keys = weakest[:, 0] + 1
    for c in range(1, weakest.shape[1]):
        keys = keys * width + weakest[:, c] + 1
    return _each_distinct(keys, lambda unique: list(map(written, unique.tolist())))


_BOOLEAN = {True: "true", False: "false"}


def _literal(text: str) -> str:
    """Constant text for a ``%`` template."""
    return text.replace("%", "%%")


def _floats(values: Floats) -> list[str]:
    """Floats as the encoder writes them (it refuses nan and infinity, so this does too).

    Each distinct value is written once: a pool repeats most factor scores and weights,
    and ``repr`` of a float is the costliest step of a ranking's JSON. Values are told
    apart by their bits, so -0.0 stays -0.0."""
    import numpy as np

    if not np.isfinite(values).all():
        return list(map(_scalar, values.tolist()))
    return _each_distinct(
        values.view(np.int64),
        lambda bits: list(map(float.__repr__, bits.view(np.float64).tolist())),
    )


def _each_distinct(keys: Ints, written: Callable[[Ints], list[str]]) -> list[str]:
    """The text of each of ``keys``, where ``written`` gives the texts of the distinct
    keys (sorted) at once: each is written once."""
    import numpy as np

    unique, inverse = np.unique(keys, return_inverse=True)
    text = written(unique)
    return list(map(text.__getitem__, inverse.tolist()))


def _strings(values: list[str]) -> list[str]:
    """Strings as the encoder writes them, each distinct one escaped once."""
    written = {value: _STRING(value) for value in set(values)}
    return list(map(written.__getitem__, values))


def _optional_ints(values: Sequence[int | None]) -> list[str]:
    return [
        "null" if v is None else int.__repr__(v) if type(v) is int else _scalar(v) for v in values
    ]


@register
class JsonReporter(Reporter):
    name = "json"

    def score(self, result: ScoreResult, options: ReportOptions) -> str:
        return dump(
            {
                "schema_version": 1,
                "command": "score",
                **provenance(result.criteria),
                "inputs": [{"path": path, "sha256": sha} for path, sha in result.inputs],
                "regions": [card_data(card, options.lang) for card in result.cards],
            }
        )

    def criteria(self, result: CriteriaResult, options: ReportOptions) -> str:
        model = result.criteria.model
        factors = []
        for factor in model.factors:
            factors.append(
                {
                    "id": factor.id,
                    "name": factor.label(options.lang),
                    "weight": factor.weight,
                    "share": model.factor_share(factor),
                    "min_score": factor.min_score,
                    "indicators": [
                        {
                            "id": ind.id,
                            "name": ind.label(options.lang),
                            "type": ind.type,
                            "weight": ind.weight,
                            "effective_weight": model.effective_weight(factor, ind),
                            "required": ind.required,
                            "gate": ind.gate,
                        }
                        for ind in factor.indicators
                    ],
                }
            )
        return dump(
            {
                "schema_version": 1,
                "command": "criteria",
                **provenance(result.criteria),
                "title": model.title.get(options.lang),
                "source": model.source.get(options.lang),
                "scale": model.scale,
                "precision": model.precision,
                "aggregation": model.aggregation,
                "missing": model.missing,
                **(
                    {} if model.value_basis == DEFAULT_BASIS else {"value_basis": model.value_basis}
                ),
                "min_coverage": model.min_coverage,
                "bands": [{"min": b.min, "label": b.label.get(options.lang)} for b in model.bands],
                "cohorts": [cohort_summary(c) for c in model.cohorts],
                "max_per_province": model.selection.max_per_province,
                # Only when declared: criteria without groups give the same JSON as before.
                **(
                    {}
                    if not model.groups
                    else {
                        "groups": {
                            name: {
                                "name": group.name.get(options.lang),
                                "source": group.source.get(options.lang),
                                "year": group.year,
                                "codes": list(group.codes),
                            }
                            for name, group in model.groups.items()
                        }
                    }
                ),
                "factors": factors,
            }
        )

    def sensitivity(self, result: SensitivityResult, options: ReportOptions) -> str:
        # Every float in the analysis is already rounded (sensitivity.DECIMALS).
        return dump(
            {
                "schema_version": 1,
                "command": "sensitivity",
                **provenance(result.criteria),
                **sensitivity_data(result, options.lang),
            }
        )

    def explain(self, result: ExplainResult, options: ReportOptions) -> str:
        return dump(
            {
                "schema_version": 1,
                "command": "explain",
                **provenance(result.criteria),
                **explain_data(result, options.lang),
            }
        )

    def rank(self, result: RankResult, options: ReportOptions) -> str:
        model, ranking = result.criteria.model, result.ranking
        return dump(
            {
                "schema_version": 1,
                "command": "rank",
                **provenance(result.criteria),
                "skipped": skipped_data(result.skipped, options.lang),
                # Only when a revision replaced a submission: a report without one is as before.
                **({"replaced": replaced_data(result.replaced)} if result.replaced else {}),
                "inputs": [{"sha256": sha, "codes": list(codes)} for sha, codes in result.inputs],
                # Only with --assessors: a ranking without a panel is as before.
                **assessor_files(result.assessor_files),
                "criteria_summary": criteria_summary(model),
                "max_per_province": ranking.max_per_province,
                "summary": {**ranking.counts(), "skipped": len(result.skipped)},
                "cohorts": [
                    {
                        "year": cohort.year,
                        "size": cohort.size,
                        "selected": list(cohort.selected),
                        "cutoff_score": cohort.cutoff_score,
                        **({"cutoffs": dict(cohort.cutoffs)} if cohort.cutoffs else {}),
                    }
                    for cohort in ranking.cohorts
                ],
                "ties": [
                    {
                        "score": tie.score,
                        "codes": list(tie.codes),
                        "ranks": list(tie.ranks),
                        "cohorts": list(tie.cohorts),
                        "decided_by": list(tie.decided_by),
                        "at_cutoff": tie.at_cutoff,
                    }
                    for tie in ranking.ties
                ],
                **cap_data(ranking),
                # Only in a programme's round with regions deferred in an earlier one.
                **(
                    {
                        "deferred_earlier": [
                            {"code": code, "rounds": list(years)}
                            for code, years in ranking.deferred_in
                        ]
                    }
                    if ranking.deferred_in
                    else {}
                ),
                **equity_data(ranking),
                **overrides_data(ranking),
                **pool_verification_data(ranking, model),
                "excluded": [
                    excluded_data(c, ranking.exclusion_of(c.code), options.lang)
                    for c in ranking.excluded
                ],
                "regions": Entries(
                    ranked_lines(ranking.columns, model, options.lang, prefix="    ", suffix=",")
                ),
            }
        )

    def compare(self, result: CompareResult, options: ReportOptions) -> str:
        from smartcity_assess.report.compare_report import compare_json

        return dump(compare_json(result))

    def history(self, result: HistoryResult, options: ReportOptions) -> str:
        h = result.history
        return dump(
            {
                "schema_version": 1,
                "command": "history",
                "tool": {"name": TOOL, "version": __version__},
                "programme": {"title": h.title, "sha256": result.programme_sha256},
                "code": h.code,
                "name": h.name,
                "rounds": [_history_round(r, options.lang) for r in h.rounds],
            }
        )


def _history_round(r: RoundStanding, lang: Lang) -> dict[str, Any]:
    """One round of ``assess history`` (docs/programme.md): what it was made from (the
    criteria; the pool's files, one checksum of them and how many regions it ranked), the
    region's score (unrounded), changes (between the numbers as shown), rank, outcome."""
    moved = r.moved_most
    return {
        "year": r.year,
        "criteria": provenance(r.criteria)["criteria"],
        "pool": {"files": len(r.inputs), "sha256": r.pool_sha256, "ranked": r.pool},
        "applied": r.applied,
        "score": r.score,
        "change": r.change,
        "eligible": None if r.card is None else r.card.eligible,
        "rank": r.rank,
        "rank_change": r.rank_change,
        "cohort": r.cohort,
        "outcome": r.outcome,
        "exclusion": None
        if r.exclusion is None
        else {"status": r.exclusion.status, "round": r.exclusion.year},
        "date": r.date or None,
        "reason": r.reason or None,
        "moved_most": None
        if moved is None
        else {
            "factor": moved.id,
            "before": moved.before,
            "after": moved.after,
            "change": moved.change,
        },
        "note": outcome_text(r, lang),
    }


def pool_verification_data(ranking: Ranking, criteria: Criteria) -> dict[str, Any]:
    """``{"verification": ...}`` when some region of the pool carries verification: the
    basis, and each such region in rank order with its score under its claims, the
    difference as shown, and how many values scored other than claimed; empty
    otherwise (docs/verification.md)."""
    columns = ranking.columns  # not ``ranking.regions``: no object per region of a large pool
    effect = pool_effect(criteria, columns.cards)
    if effect is None:
        return {}
    found = checked_regions(effect, columns.cards, columns.ranks, columns.cohorts)
    p = criteria.precision
    regions = [
        {
            "code": region.card.code,
            "rank": region.rank,
            "cohort": region.cohort,
            "score_claimed": region.total_claimed,
            "score": region.card.total,
            "change": float(decimal_text(region.change_key, p)),
            "values_moved": region.moved,
        }
        for region in found
    ]
    return {"verification": {"basis": criteria.value_basis, "regions": regions}}


def cap_data(ranking: Ranking) -> dict[str, Any]:
    """``{"cap_moves": [...]}``: each region the province cap let in (in only because a
    region above it was passed over for the cap) and the region whose place it took;
    nothing at all without a cap (docs/json.md)."""
    if ranking.max_per_province is None:
        return {}
    return {
        "cap_moves": [
            {"year": m.year, "entrant": m.entrant, "displaced": m.displaced}
            for m in ranking.cap_moves
        ]
    }


def equity_data(ranking: Ranking) -> dict[str, Any]:
    """``{"equity": ...}``: who got a place by an equity rule and who lost it, and the
    rules not met; nothing at all when no cohort has equity rules (docs/json.md)."""
    equity = ranking.equity
    if equity is None:
        return {}
    return {
        "equity": {
            "moves": [move_data(m) for m in equity.moves],
            "unmet": [unmet_data(u) for u in equity.unmet],
        }
    }


def move_data(move: Move) -> dict[str, Any]:
    """One place an equity rule moved: who got it, by which rule and group, and who lost it."""
    return {
        "year": move.year,
        "rule": move.rule,
        "group": move.group,
        "entrant": move.entrant,
        "displaced": move.displaced,
    }


def unmet_data(unmet: Unmet) -> dict[str, Any]:
    """One rule a cohort could not meet: how many places it wanted and how many it got."""
    return {
        "year": unmet.year,
        "rule": unmet.rule,
        "group": unmet.group,
        "wanted": unmet.wanted,
        "got": unmet.got,
    }


def overrides_data(ranking: Ranking) -> dict[str, Any]:
    """``{"overrides": [...]}``: each of the panel's overrides, in the file's order, with
    the region's cohort before and after them, and ``{"moved_by_overrides": [...]}``: every
    other region whose cohort they changed; nothing at all without ``--overrides``
    (docs/json.md)."""
    outcome = ranking.overrides
    if outcome is None:
        return {}
    return {
        "override_zone": outcome.zone,
        "override_cutoffs": [
            {
                "year": c.year,
                "cutoff_score": c.score,
                **({"cutoffs": dict(c.by_kind)} if c.by_kind else {}),
            }
            for c in outcome.cutoffs
        ],
        "overrides": [
            {
                "code": a.override.code,
                "decision": a.override.decision,
                "reason": a.override.reason,
                "assessors": list(a.override.assessors),
                "cohort_before": a.before,
                "cohort_after": a.after,
            }
            for a in outcome.applied
        ],
        "moved_by_overrides": [
            {"code": code, "cohort_before": before, "cohort_after": after}
            for code, before, after in outcome.moved
        ],
    }


def excluded_data(card: ScoreCard, why: Exclusion | None, lang: Lang) -> dict[str, Any]:
    """An excluded region: who, ``status`` (``selected`` or ``withdrawn``), the ``round``
    that selected it or recorded the withdrawal (null for ``--exclude``), the withdrawal's
    ``date`` and ``reason`` (only for one), and the ``note`` people read."""
    row = excluded_row(card, why, lang)
    withdrawal = {}
    if why is not None and why.status == "withdrawn":
        withdrawal = {"date": why.date, "reason": why.reason}
    return {
        "code": row.code,
        "name": row.name,
        "province": row.province,
        "status": row.status,
        "round": None if why is None else why.year,
        **withdrawal,
        "note": row.note,
    }


def assessor_files(files: Sequence[tuple[str, str, str]]) -> dict[str, Any]:
    """``{"assessor_files": [...]}`` (sha256, assessor, region of each) when there is a
    panel, else nothing."""
    if not files:
        return {}
    return {
        "assessor_files": [
            {"sha256": sha, "assessor": name, "region": code} for sha, name, code in files
        ]
    }
