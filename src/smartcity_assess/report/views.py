"""What the formats show of a ranking, a scorecard and an explanation, worked out once:
each region's cells as text, the sections with their headings, the ties, the warnings,
every sentence already in the report's language. The table, Markdown, HTML and CSV formats only lay
it out; nothing here knows how."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING

from smartcity_assess.core.criteria import Cohort, Criteria
from smartcity_assess.core.ranking import DECIDED_BY_CODE, CapMove, RankedRegion, Tie
from smartcity_assess.core.rounding import decimal_text
from smartcity_assess.core.verification import (
    Effect,
    PoolEffect,
    checked_regions,
    effect,
    pool_effect,
)
from smartcity_assess.i18n import Lang, number_text, t
from smartcity_assess.report.analysis import (
    MENU_LENGTH,
    explain_title,
    factor_name,
    failed_line,
    fix_text,
    highlight_name,
    highlights_basis,
    optional,
    path_heading,
    path_note,
    path_result,
    position_line,
    shown_steps,
    signed,
)
from smartcity_assess.report.common import (
    band_label,
    criteria_note,
    fixed,
    indicator_name,
    num,
    render,
    replaced_lines,
    skipped_lines,
    value_text,
    zone_cutoffs_text,
)

if TYPE_CHECKING:
    from smartcity_assess.core.equity import Move, Unmet
    from smartcity_assess.core.explain import Step
    from smartcity_assess.core.history import RoundStanding
    from smartcity_assess.core.programme import Exclusion
    from smartcity_assess.core.scoring import ScoreCard
    from smartcity_assess.report.interface import ExplainResult, HistoryResult, RankResult


NOT_SELECTED = "not-selected"
"""The section of eligible regions that no cohort took."""
INELIGIBLE = "ineligible"
"""The section of regions that cannot be ranked."""


def section_of(region: RankedRegion) -> int | str:
    """Where a report shows a ranked region: its cohort's year, ``NOT_SELECTED`` or
    ``INELIGIBLE``."""
    if region.cohort is not None:
        return region.cohort
    return NOT_SELECTED if region.rank is not None else INELIGIBLE


def optional_text(value: int | None) -> str:
    return "" if value is None else str(value)


@dataclass(slots=True)
class RegionRow:
    """One region as the cells of a report; the ranking's cells are empty outside one."""

    card: ScoreCard
    """For what is drawn rather than written (factor bars, charts)."""
    code: str
    name: str
    province: str
    kind: str
    year: str
    score: str
    band: str
    """Empty when the criteria have no band for the score."""
    eligible: bool
    coverage: str
    factors: list[str]
    """Each factor's score, in criteria order."""
    reasons: list[str]
    rank: str = ""
    cohort: str = ""
    gap: str = ""
    deferred_from: str = ""
    left_out_by_cap: bool = False
    tie: str = ""
    """``at-cutoff`` for a tie broken at a cohort's cut-off, ``broken`` for any other."""
    note: str = ""
    """'TIE AT CUT-OFF', 'tie', 'deferred from 2017', 'left out by the province cap':
    what a reader must not miss."""
    equity_rule: str = ""
    """``reserved:tertinggal`` or ``min_per_wilayah:timur``: the equity rule that gave it
    its place; empty when its rank did (or there are no equity rules)."""
    displaced: str = ""
    """The code of the region it took the place of, by ``equity_rule``."""
    cap_in_place_of: str = ""
    """For a region in only because the province cap passed over a region above it: that
    region's code (``Ranking.cap_moves``); empty otherwise."""
    deferred_in: str = ""
    """The years of the earlier rounds of a programme whose panel deferred it (``2017`` or
    ``2017; 2018``); empty otherwise."""
    displaced_by: str = ""
    """For a region an equity rule put out: the code of the region that took its place
    (several, for several cohorts, joined by ``; ``)."""
    displaced_by_rule: str = ""
    """The rule of each ``displaced_by``, in the same order."""
    override: str = ""
    """The panel's decision on it (``in``, ``out``, ``defer``); empty for none."""
    override_reason: str = ""
    """The reason the panel gave for ``override``."""
    moved_by_override: str = ""
    """For another region the panel's decisions moved: ``2018 -> none`` (cohort before and
    after); empty when they did not."""
    score_claimed: str = ""
    """The score under the region's claims (docs/verification.md); empty when no region
    of the pool carries verification."""
    score_change: str = ""
    """The score minus ``score_claimed``, both as shown, signed."""
    values_moved: str = ""
    """How many values scored other than claimed."""

    @property
    def label(self) -> str:
        return f"{self.name} ({self.code})"


def region_row(
    card: ScoreCard,
    criteria: Criteria,
    lang: Lang,
    *,
    left_out_by_cap: bool = False,
    numbers: Lang | None = None,
    **ranked: str,
) -> RegionRow:
    """A scored region's row; ``ranked`` gives its place in a ranking (rank, cohort, gap,
    deferred_from, tie, note). ``numbers`` writes the numbers (default ``lang``; CSV
    passes ``"en"``: its numbers are for tools)."""
    mark = lang if numbers is None else numbers
    p = criteria.precision
    s = card.submission
    return RegionRow(
        card=card,
        code=card.code,
        name=s.name,
        province=s.province,
        kind=s.kind,
        year=optional_text(s.year),
        score=number_text(decimal_text(card.total_key, p), mark),
        band=band_label(card, lang) or "",
        eligible=card.eligible,
        coverage=fixed(card.coverage, 4, mark),
        factors=[number_text(decimal_text(key, p), mark) for key in card.factor_keys],
        reasons=[render(r, lang) for r in card.reasons],
        left_out_by_cap=left_out_by_cap,
        **ranked,
    )


@dataclass(frozen=True)
class TieRow:
    ranks: str
    """``25-26``: the ranks of a tie are always consecutive."""
    score: str
    regions: str
    decided: str
    """The factors (or the code) that decided it, by name, each once."""
    at_cutoff: bool
    line: str
    """All of it as one sentence."""


@dataclass(frozen=True)
class MovedRow:
    """A region whose score verification moved (docs/verification.md), as the formats
    show it: its rank and cohort as scored, its score under its claims and as scored,
    the difference of the two as shown, and how many values scored other than claimed."""

    rank: str
    """Empty for an ineligible region."""
    code: str
    name: str
    label: str
    cohort: str
    score_claimed: str
    score: str
    change: str
    values_moved: str


@dataclass(frozen=True)
class CohortSection:
    year: int
    heading: str
    rows: list[RegionRow]


@dataclass(frozen=True)
class RankView:
    """A ranking as the formats show it. Each part is made when first asked for: the
    summary on stderr after a large JSON ranking does not make a row per region."""

    result: RankResult
    lang: Lang
    numbers: Lang | None = None
    """How the rows write numbers (``region_row``): default ``lang``; CSV's are ``"en"``."""

    @property
    def _criteria(self) -> Criteria:
        return self.result.criteria.model

    def _t(self, key: str, **params: object) -> str:
        return t(self.lang, key, **params)

    @cached_property
    def title(self) -> str:
        return self._t("rank-title", title=self._criteria.title.get(self.lang))

    @cached_property
    def summary(self) -> str:
        ranking = self.result.ranking
        counts = ranking.counts()
        summary = self._t(
            "rank-summary",
            pool=counts["regions"],
            selected=counts["selected"],
            cohorts=len(ranking.cohorts),
            not_selected=counts["not_selected"],
            ineligible=counts["ineligible"],
            excluded=counts["excluded"],
        )
        if not self.result.skipped:
            return summary
        return f"{summary} {self._t('rank-summary-skipped', skipped=len(self.result.skipped))}"

    @cached_property
    def province_cap(self) -> str:
        """The cap's sentence; empty without a cap."""
        cap = self.result.ranking.max_per_province
        return "" if cap is None else self._t("province-cap", cap=cap)

    @cached_property
    def skipped(self) -> list[str]:
        """The ``--skip-invalid`` warning and one line per skipped file (empty when none)."""
        return skipped_lines(self.result.skipped, self.lang)

    @cached_property
    def replaced(self) -> list[str]:
        """'Revised submissions: N' and one line per replaced submission (empty when none)."""
        return replaced_lines(self.result.replaced, self.lang)

    @cached_property
    def cutoff_warnings(self) -> list[str]:
        """One warning per tie that the tie-break decided at a cut-off."""
        rows = (self._tie(tie) for tie in self.result.ranking.ties if tie.at_cutoff)
        return [
            self._t(
                "cutoff-tie-warning",
                regions=row.regions,
                score=row.score,
                ranks=row.ranks,
                decided=row.decided,
            )
            for row in rows
        ]

    @cached_property
    def cohort_warnings(self) -> list[str]:
        """One line for each cohort that could not be filled, saying why."""
        ranking = self.result.ranking
        return [
            self._t(
                "cohort-short-cap" if cohort.capped else "cohort-short",
                year=cohort.year,
                count=len(cohort.selected),
                size=cohort.size,
                cap=ranking.max_per_province,
            )
            for cohort in ranking.cohorts
            if cohort.short
        ] + [
            self._t("equity-unmet", year=u.year, rule=self._rule(u), got=u.got, wanted=u.wanted)
            for u in (ranking.equity.unmet if ranking.equity is not None else ())
        ]

    @cached_property
    def criteria_note(self) -> str:
        return criteria_note(self._criteria, self.lang)

    @cached_property
    def factor_legend(self) -> str:
        factors = ", ".join(f.label(self.lang) for f in self._criteria.factors)
        return self._t(
            "factor-bars", scale=num(self._criteria.scale, "g", self.lang), factors=factors
        )

    # --- the regions -------------------------------------------------------------------

    @cached_property
    def _marks(self) -> dict[str, str]:
        marks: dict[str, str] = {}
        for tie in self.result.ranking.ties:
            for code in tie.codes:
                marks[code] = "at-cutoff" if tie.at_cutoff else "broken"
        return marks

    def _note(self, region: RankedRegion) -> str:
        notes = []
        mark = self._marks.get(region.code)
        if mark is not None:
            notes.append(self._t("cutoff-tie-mark" if mark == "at-cutoff" else "tie-mark"))
        if region.left_out_by_cap:
            notes.append(self._t("left-out-by-cap"))
        elif region.deferred_from is not None:
            key = "deferred-from" if region.cohort is not None else "passed-over-for-cap"
            notes.append(self._t(key, year=region.deferred_from))
        earlier = self.result.ranking.deferred_in_by_code.get(region.code)
        if earlier is not None:
            notes.append(self._t("deferred-in", years=", ".join(map(str, earlier))))
        cap_move = self._let_in.get(region.code)
        if cap_move is not None:
            notes.append(self._t("cap-entered", other=self._label(cap_move.displaced)))
        equity = self.result.ranking.equity
        if equity is not None:
            move = equity.entered.get(region.code)
            if move is not None:
                other = self._label(move.displaced)
                notes.append(self._t("equity-entered", rule=self._rule(move), other=other))
            for move in equity.displaced.get(region.code, []):
                other = self._label(move.entrant)
                notes.append(
                    self._t("equity-displaced", year=move.year, rule=self._rule(move), other=other)
                )
        notes += self._override_notes(region.code)
        return "; ".join(notes)

    # --- the panel's overrides ---------------------------------------------------------

    def _override_notes(self, code: str) -> list[str]:
        outcome = self.result.ranking.overrides
        if outcome is None:
            return []
        applied = outcome.by_code.get(code)
        if applied is not None:
            o = applied.override
            decision = self._t(f"override-decision-{o.decision}")
            return [self._t("override-note", decision=decision, reason=o.reason)]
        moved = outcome.moved_by_code.get(code)
        if moved is not None:
            before, after = map(self._cohort_name, moved)
            return [self._t("override-moved", before=before, after=after)]
        return []

    def _cohort_name(self, year: int | None) -> str:
        return self._t("override-none") if year is None else str(year)

    def _override_cells(self, code: str) -> dict[str, str]:
        outcome = self.result.ranking.overrides
        if outcome is None:
            return {}
        applied = outcome.by_code.get(code)
        if applied is not None:
            o = applied.override
            return {"override": o.decision, "override_reason": o.reason}
        moved = outcome.moved_by_code.get(code)
        if moved is not None:
            before, after = ("none" if y is None else str(y) for y in moved)
            return {"moved_by_override": f"{before} -> {after}"}
        return {}

    @cached_property
    def overrides_heading(self) -> str:
        """The heading of the overrides section; empty without ``--overrides``."""
        outcome = self.result.ranking.overrides
        if outcome is None:
            return ""
        zone = num(outcome.zone, "g", self.lang)
        cutoffs = zone_cutoffs_text(outcome.cutoffs, self._criteria.precision, self.lang)
        return self._t("overrides-heading", count=len(outcome.applied), zone=zone, cutoffs=cutoffs)

    @cached_property
    def overrides_lines(self) -> list[str]:
        """One sentence per override, in the file's order: the region, the decision, its
        cohort before and after, the reason and the assessors."""
        outcome = self.result.ranking.overrides
        if outcome is None:
            return []
        return [
            self._t(
                "override-line",
                region=self._label(a.override.code),
                decision=self._t(f"override-decision-{a.override.decision}"),
                before=self._cohort_name(a.before),
                after=self._cohort_name(a.after),
                reason=a.override.reason,
                assessors=", ".join(a.override.assessors),
            )
            for a in outcome.applied
        ]

    def _label(self, code: str) -> str:
        return f"{self.result.ranking.cards_by_code[code].submission.name} ({code})"

    def _rule(self, move: Move | Unmet) -> str:
        """The rule by name: 'reserved places for daerah tertinggal', 'minimum for timur';
        a declared group by its name in the report's language."""
        declared = self._criteria.groups.get(move.group) if move.rule == "reserved" else None
        if declared is not None:
            return self._t("equity-rule-reserved-group", name=declared.name.get(self.lang))
        return self._t(f"equity-rule-{move.rule}", group=move.group)

    @cached_property
    def _let_in(self) -> dict[str, CapMove]:
        """The province cap's move that let each region in, by its code."""
        return {move.entrant: move for move in self.result.ranking.cap_moves}

    def _cap_cells(self, code: str) -> dict[str, str]:
        cells = {}
        move = self._let_in.get(code)
        if move is not None:
            cells["cap_in_place_of"] = move.displaced
        earlier = self.result.ranking.deferred_in_by_code.get(code)
        if earlier is not None:
            cells["deferred_in"] = "; ".join(map(str, earlier))
        return cells

    def _equity_cells(self, code: str) -> dict[str, str]:
        equity = self.result.ranking.equity
        if equity is None:
            return {}
        cells: dict[str, str] = {}
        move = equity.entered.get(code)
        if move is not None:
            cells["equity_rule"] = f"{move.rule}:{move.group}"
            cells["displaced"] = move.displaced
        lost = equity.displaced.get(code, [])
        if lost:
            cells["displaced_by"] = "; ".join(m.entrant for m in lost)
            cells["displaced_by_rule"] = "; ".join(f"{m.rule}:{m.group}" for m in lost)
        return cells

    @cached_property
    def rule_move_lines(self) -> list[str]:
        """Every place a rule of the fill moved, one sentence each: by cohort, the province
        cap's first, then the equity rules' in the order they made them; then each rule a
        cohort could not meet (the decision record's section of the rules)."""
        ranking = self.result.ranking
        p = self._criteria.precision
        cards = ranking.cards_by_code
        ranks = {r.code: r.rank for r in ranking.eligible}
        cap = self._t("cap-rule", cap=ranking.max_per_province)
        equity = ranking.equity
        moves: list[tuple[int, str, str, str]] = [
            (m.year, cap, m.entrant, m.displaced) for m in ranking.cap_moves
        ]
        moves += [
            (m.year, self._rule(m), m.entrant, m.displaced)
            for m in (() if equity is None else equity.moves)
        ]
        moves.sort(key=lambda move: move[0])  # stable: the cap's first in each cohort
        lines = [
            self._t(
                "equity-move",
                year=year,
                entrant=self._label(entrant),
                entrant_rank=ranks[entrant],
                entrant_score=fixed(cards[entrant].total, p, self.lang),
                rule=rule,
                displaced=self._label(displaced),
                displaced_rank=ranks[displaced],
                displaced_score=fixed(cards[displaced].total, p, self.lang),
            )
            for year, rule, entrant, displaced in moves
        ]
        return lines + [
            self._t("equity-unmet", year=u.year, rule=self._rule(u), got=u.got, wanted=u.wanted)
            for u in (() if equity is None else equity.unmet)
        ]

    @cached_property
    def equity_heading(self) -> str:
        """The heading of the equity section; empty when no cohort has equity rules."""
        equity = self.result.ranking.equity
        return "" if equity is None else self._t("equity-heading", count=len(equity.moves))

    @cached_property
    def equity_lines(self) -> list[str]:
        """Each cohort's equity rules and own cut-offs, then every region a rule gave a
        place to with the region that lost it: one sentence each (empty without rules)."""
        ranking = self.result.ranking
        if ranking.equity is None:
            return []
        p = self._criteria.precision
        lines = []
        for cohort, selected in zip(self._cohort_rules, ranking.cohorts, strict=True):
            rules = []
            if cohort.places is not None:
                rules.append(
                    self._t(
                        "equity-places", kota=cohort.places.kota, kabupaten=cohort.places.kabupaten
                    )
                )
            if cohort.reserved is not None:
                declared = self._criteria.groups.get(cohort.reserved.group)
                rules.append(
                    self._t("equity-reserved", places=cohort.reserved.places)
                    if declared is None
                    else self._t(
                        "equity-reserved-group",
                        places=cohort.reserved.places,
                        name=declared.name.get(self.lang),
                        source=declared.source.get(self.lang),
                        year=declared.year,
                    )
                )
            if cohort.min_per_wilayah is not None:
                minimum = cohort.min_per_wilayah.model_dump()
                wanted = ", ".join(f"{w} {n}" for w, n in minimum.items() if n)
                rules.append(self._t("equity-wilayah", wanted=wanted or "0"))
            if selected.cutoffs:
                cuts = ", ".join(
                    f"{kind} {fixed(score, p, self.lang)}" for kind, score in selected.cutoffs
                )
                rules.append(self._t("equity-cutoffs", cutoffs=cuts))
            if rules:
                lines.append(f"{cohort.year}: {'; '.join(rules)}.")
        cards = ranking.cards_by_code
        ranks = {r.code: r.rank for r in ranking.eligible}
        for move in ranking.equity.moves:
            lines.append(
                self._t(
                    "equity-move",
                    year=move.year,
                    entrant=self._label(move.entrant),
                    entrant_rank=ranks[move.entrant],
                    entrant_score=fixed(cards[move.entrant].total, p, self.lang),
                    rule=self._rule(move),
                    displaced=self._label(move.displaced),
                    displaced_rank=ranks[move.displaced],
                    displaced_score=fixed(cards[move.displaced].total, p, self.lang),
                )
            )
        return lines

    @cached_property
    def _cohort_rules(self) -> list[Cohort]:
        """The cohorts with their rules. Only the criteria's cohorts have rules (those of
        ``--cohorts`` have none), so a ranking with equity filled exactly these."""
        return list(self._criteria.cohorts)

    @cached_property
    def rows(self) -> list[RegionRow]:
        """Every region in the ranking's order: eligible by rank, then ineligible."""
        return list(self.each_row())

    def each_row(self) -> Iterator[RegionRow]:
        """``rows`` one at a time, none kept: a format that writes each row and forgets it
        (CSV) holds one row of a 100,000-region ranking at a time, not all of them."""
        criteria, p = self._criteria, self._criteria.precision
        mark = self.lang if self.numbers is None else self.numbers
        return (
            region_row(
                region.card,
                criteria,
                self.lang,
                rank=optional_text(region.rank),
                cohort=optional_text(region.cohort),
                numbers=mark,
                gap="" if region.gap is None else fixed(region.gap, p, mark),
                deferred_from=optional_text(region.deferred_from),
                left_out_by_cap=region.left_out_by_cap,
                tie=self._marks.get(region.code, ""),
                note=self._note(region),
                **self._cap_cells(region.code),
                **self._equity_cells(region.code),
                **self._override_cells(region.code),
                **self._verification_cells(region.card),
            )
            for region in self.result.ranking.regions
        )

    @cached_property
    def verification(self) -> PoolEffect | None:
        """The pool's scores under its claims; None when no region carries verification."""
        return pool_effect(self._criteria, self.result.ranking.columns.cards)

    def _verification_cells(self, card: ScoreCard) -> dict[str, str]:
        found = self.verification
        if found is None:
            return {}
        p, mark = self._criteria.precision, self.lang if self.numbers is None else self.numbers
        claimed = found.total_key_claimed.get(card.code, card.total_key)
        return {
            "score_claimed": number_text(decimal_text(claimed, p), mark),
            "score_change": signed((card.total_key - claimed) / 10.0**p, p, mark),
            "values_moved": str(found.moved.get(card.code, 0)),
        }

    @cached_property
    def verification_rows(self) -> list[MovedRow]:
        """Each region whose score verification moved, or some of whose values scored
        other than claimed, in the ranking's order (eligible by rank, then ineligible);
        empty without verification. Read from the ranking's columns, as the JSON's
        ``verification`` is: no object per region of a large pool."""
        found = self.verification
        if found is None:
            return []
        p, mark = self._criteria.precision, self.lang if self.numbers is None else self.numbers
        columns = self.result.ranking.columns
        return [
            MovedRow(
                rank=optional_text(region.rank),
                code=region.card.code,
                name=region.card.submission.name,
                label=f"{region.card.submission.name} ({region.card.code})",
                cohort=optional_text(region.cohort),
                score_claimed=number_text(decimal_text(region.total_key_claimed, p), mark),
                score=number_text(decimal_text(region.card.total_key, p), mark),
                change=signed(region.change_key / 10.0**p, p, mark),
                values_moved=str(region.moved),
            )
            for region in checked_regions(found, columns.cards, columns.ranks, columns.cohorts)
            if region.change_key or region.moved
        ]

    @cached_property
    def verification_heading(self) -> str:
        """'Where verification moved a score (N)'; empty when no region of the pool
        carries verification (the same condition as the JSON's and CSV's)."""
        if self.verification is None:
            return ""
        return self._t("verview-heading", count=len(self.verification_rows))

    @cached_property
    def verification_note(self) -> str:
        """The value basis, how many regions carry verification, and that the ranks and
        cohorts are those as scored (the ranking under the claims is not worked out);
        empty without verification."""
        found = self.verification
        if found is None:
            return ""
        note = self._t("verview-note", basis=self._criteria.value_basis, checked=len(found.moved))
        if self.verification_rows:
            return note
        return f"{self._t('verview-none')} {note}"

    @cached_property
    def verification_header(self) -> list[str]:
        """The column names of ``verification_rows`` as the human formats show them."""
        keys = ("rank", "region", "verview-claimed", "verview-scored", "verview-change")
        return [*(self._t(key) for key in keys), self._t("verview-moved")]

    def each_placed_row(self) -> Iterator[tuple[int | str, RegionRow]]:
        """``each_row`` with the section each row is shown in (``section_of``), none
        kept: a format that lays out each row as it comes holds its own text of the
        rows, not a row object per region."""
        return zip(map(section_of, self.result.ranking.regions), self.each_row(), strict=True)

    def _rows_where(self, keep: Callable[[RankedRegion], bool]) -> list[RegionRow]:
        regions = self.result.ranking.regions
        return [row for region, row in zip(regions, self.rows, strict=True) if keep(region)]

    @cached_property
    def cohort_headings(self) -> list[tuple[int, str]]:
        """Each cohort's year and heading, in the criteria's order."""
        p = self._criteria.precision
        headings = []
        for cohort in self.result.ranking.cohorts:
            if cohort.cutoff_score is None:
                heading = self._t("cohort-heading-empty", year=cohort.year, size=cohort.size)
            else:
                heading = self._t(
                    "cohort-heading",
                    year=cohort.year,
                    count=len(cohort.selected),
                    size=cohort.size,
                    cutoff=fixed(cohort.cutoff_score, p, self.lang),
                )
            headings.append((cohort.year, heading))
        return headings

    @cached_property
    def cohorts(self) -> list[CohortSection]:
        selected: dict[int | str, list[RegionRow]] = {}
        for region, row in zip(self.result.ranking.regions, self.rows, strict=True):
            selected.setdefault(section_of(region), []).append(row)
        return [
            CohortSection(year, heading, selected.get(year, []))
            for year, heading in self.cohort_headings
        ]

    @cached_property
    def not_selected(self) -> list[RegionRow]:
        """Eligible regions that no cohort took, in rank order."""
        return self._rows_where(lambda region: section_of(region) == NOT_SELECTED)

    @cached_property
    def not_selected_legend(self) -> str:
        """What 'province full' means, when a region is so marked; else empty."""
        ranking = self.result.ranking
        if not any(ranking.columns.left_out_by_cap):
            return ""
        return self._t("left-out-by-cap-legend", cap=ranking.max_per_province)

    @cached_property
    def not_selected_heading(self) -> str:
        count = self.result.ranking.counts()["not_selected"]
        return self._t("not-selected-heading", count=count)

    @cached_property
    def ineligible(self) -> list[RegionRow]:
        return self._rows_where(lambda region: section_of(region) == INELIGIBLE)

    @cached_property
    def ineligible_heading(self) -> str:
        return self._t("ineligible-heading", count=self.result.ranking.counts()["ineligible"])

    @cached_property
    def ties(self) -> list[TieRow]:
        """Every broken tie, in rank order."""
        return [self._tie(tie) for tie in self.result.ranking.ties]

    def _tie(self, tie: Tie) -> TieRow:
        criteria, cards = self._criteria, self.result.ranking.cards_by_code
        labels = {f.id: f.label(self.lang) for f in criteria.factors}
        names: list[str] = []
        for decider in tie.decided_by:
            name = self._t("decided-by-code") if decider == DECIDED_BY_CODE else labels[decider]
            if name not in names:
                names.append(name)
        ranks = f"{tie.ranks[0]}-{tie.ranks[-1]}"
        score = fixed(tie.score, criteria.precision, self.lang)
        regions = ", ".join(f"{cards[code].submission.name} ({code})" for code in tie.codes)
        decided = ", ".join(names)
        line = self._t("tie-line", ranks=ranks, score=score, regions=regions, decided=decided)
        return TieRow(ranks, score, regions, decided, tie.at_cutoff, line)

    @cached_property
    def ties_heading(self) -> str:
        return self._t("ties-heading", count=len(self.ties))

    @cached_property
    def excluded_rows(self) -> list[ExcludedRow]:
        """Each region left out before ranking, by code, with why (``excluded_row``)."""
        ranking = self.result.ranking
        return [
            excluded_row(card, ranking.exclusion_of(card.code), self.lang)
            for card in ranking.excluded
        ]

    @cached_property
    def excluded(self) -> list[str]:
        """Each excluded region as the text formats list it: 'Kota Bandung (32.73,
        withdrawn in 2017: reason)'; just 'Kota Jambi (15.71)' when left out by
        ``--exclude``, which the heading explains."""
        return [row.label for row in self.excluded_rows]

    @cached_property
    def excluded_heading(self) -> str:
        withdrawn = any(e.status == "withdrawn" for e in self.result.ranking.exclusions)
        key = "excluded-heading-withdrawn" if withdrawn else "excluded-heading"
        return self._t(key, count=len(self.excluded))


@dataclass(frozen=True)
class ExcludedRow:
    """A region left out of a ranking, and why."""

    code: str
    name: str
    province: str
    kind: str
    year: str
    status: str
    """``selected`` or ``withdrawn``: what an earlier round did with it (``selected`` for
    ``--exclude``, whose files list earlier rounds' cohorts)."""
    round: str
    """The year of the round that selected it or recorded its withdrawal; empty for
    ``--exclude``, which does not say."""
    note: str
    """'selected in 2017', 'withdrawn in 2017: reason', 'selected in an earlier round'."""
    label: str


def excluded_row(card: ScoreCard, why: Exclusion | None, lang: Lang) -> ExcludedRow:
    s = card.submission
    if why is None:
        note = t(lang, "excluded-note-earlier")
        label = f"{s.name} ({card.code})"
    else:
        note = t(lang, f"excluded-note-{why.status}", year=why.year, reason=why.reason)
        label = t(lang, "excluded-label", name=s.name, code=card.code, note=note)
    return ExcludedRow(
        code=card.code,
        name=s.name,
        province=s.province,
        kind=s.kind,
        year=optional_text(s.year),
        status="selected" if why is None else why.status,
        round="" if why is None else str(why.year),
        note=note,
        label=label,
    )


# --- a scorecard -----------------------------------------------------------------------------


@dataclass(frozen=True)
class FactorRow:
    label: str
    score: str
    minimum: str
    """The factor's ``min_score``; empty when it has none."""
    below: bool
    weight: str
    contribution: str
    value: float
    """The score itself, for a bar or a chart."""


@dataclass(frozen=True)
class WeakRow:
    indicator: str
    value: str
    points: str


@dataclass(frozen=True)
class CheckedRow:
    """One value verification looked at (docs/verification.md): the claim, what was
    found, and the points it brings under the claim and as scored."""

    indicator: str
    claimed: str
    verified: str
    """``-`` when no verified value was given."""
    status: str
    by: str
    points: str
    """``6.00 → 3.60``: scale x effective weight x v, under the claim, then as scored."""
    change: str
    """The difference of the two, signed (``-2.40``)."""
    contribution: str
    """The factor's contribution under the claims, then as scored."""


@dataclass(frozen=True)
class VerificationView:
    """Where verification moved a card's score, and by how much."""

    title: str
    rows: list[CheckedRow]
    total: str
    """The total under the claims, as scored, and the difference (as shown)."""


def verification_view(
    found: Effect | None, criteria: Criteria, lang: Lang
) -> VerificationView | None:
    """``effect`` as the formats show it; None without verification."""
    if found is None:
        return None
    p = criteria.precision
    rows = []
    for item in found.values:
        check = item.check
        verified = None if check is None else check.verified
        rows.append(
            CheckedRow(
                indicator=indicator_name(criteria, item.address, lang),
                claimed=value_text(criteria, item.address, item.claimed, lang),
                verified="-"
                if verified is None
                else value_text(criteria, item.address, verified, lang),
                status=t(lang, f"ver-status-{'unchecked' if check is None else check.status}"),
                by="-" if check is None or check.verified_by is None else check.verified_by,
                points=f"{fixed(item.points_claimed, p, lang)} → {fixed(item.points, p, lang)}",
                change=signed(item.points - item.points_claimed, p, lang),
                contribution=(
                    f"{fixed(item.contribution_claimed, p, lang)} → "
                    f"{fixed(item.contribution, p, lang)}"
                ),
            )
        )
    scale = 10.0**p
    change = (found.total_key - found.total_key_claimed) / scale
    return VerificationView(
        title=t(lang, "ver-title", basis=found.basis),
        rows=rows,
        total=t(
            lang,
            "ver-total",
            claimed=fixed(found.total_claimed, p, lang),
            total=fixed(found.total, p, lang),
            change=signed(change, p, lang),
        ),
    )


@dataclass(frozen=True)
class CardView:
    """One scorecard as the formats show it."""

    card: ScoreCard
    title: str
    """The region: its name and code."""
    criteria: str
    """The criteria's own title: what the card scores."""
    province: str
    meta: str
    """Province, kind and year, as far as they are known."""
    total: str
    scale: str
    band: str
    """Empty when the criteria have no band for the score."""
    eligible: bool
    coverage: str
    reasons: list[str]
    factors: list[FactorRow]
    notes: list[str]
    """How to read the factors: geometric aggregation, factors left out."""
    weakest: list[WeakRow]
    verification: VerificationView | None = None
    """Where verification moved the score; None when the submission carries none."""


def card_view(card: ScoreCard, criteria: Criteria, lang: Lang, *, weakest: int = 3) -> CardView:
    """``card`` as the formats show it, with its ``weakest`` indicators."""
    p = criteria.precision
    s = card.submission
    specs = {f.id: f for f in criteria.factors}
    notes = []
    if criteria.aggregation == "geometric":
        notes.append(t(lang, "geometric-note"))
    if not all(f.included for f in card.factors):
        notes.append(t(lang, "reweight-note"))
    factors = []
    for f in card.factors:
        minimum = specs[f.id].min_score
        factors.append(
            FactorRow(
                label=specs[f.id].label(lang),
                score=fixed(f.score, p, lang),
                minimum="" if minimum is None else num(minimum, "g", lang),
                below=f.below_minimum,
                weight=num(f.weight, ".1%", lang),
                contribution=fixed(f.contribution, p, lang),
                value=f.score,
            )
        )
    return CardView(
        card=card,
        title=t(lang, "scorecard-title", name=s.name, code=s.code),
        criteria=criteria.title.get(lang),
        province=s.province,
        meta=" · ".join(str(x) for x in (s.province, s.kind, s.year) if x),
        total=fixed(card.total, p, lang),
        scale=num(criteria.scale, "g", lang),
        band=band_label(card, lang) or "",
        eligible=card.eligible,
        coverage=num(card.coverage, ".0%", lang),
        reasons=[render(r, lang) for r in card.reasons],
        factors=factors,
        notes=notes,
        weakest=[
            WeakRow(
                indicator=indicator_name(criteria, item.address, lang),
                value=value_text(criteria, item.address, item.value, lang),
                points=fixed(item.points_lost, p, lang),
            )
            for item in card.weakest(weakest)
        ],
        verification=verification_view(effect(card), criteria, lang),
    )


# --- an explanation (assess explain) ---------------------------------------------------------


@dataclass(frozen=True)
class ExplainFactorRow:
    """A factor's contribution against the median of the selected regions."""

    label: str
    score: str
    contribution: str
    median: str
    """``-`` when no region was selected."""
    difference: str
    """Signed (``+0.73``, ``-2.50``); ``-`` without a median."""
    ahead: bool | None
    """Whether the region is at or above the median; None without one."""


@dataclass(frozen=True)
class HighlightList:
    """The strengths or the weaknesses: what they are measured against in the heading."""

    kind: str
    """``strengths`` or ``weaknesses``."""
    heading: str
    items: list[tuple[str, str]]
    """Each factor or indicator by name, and its signed points."""


@dataclass(frozen=True)
class StepRow:
    """One change to one indicator: alone (the menu) or as a step of the path."""

    indicator: str
    before: str
    after: str
    gain: str
    fixes: str
    """The eligibility rule the step satisfies; empty when none."""
    number: str = ""
    """The step's place in the path (``1``, ``2``, ...); empty in the menu."""
    total: str = ""
    """The region's total after this step of the path; empty in the menu."""
    rank: str = ""
    cohort: str = ""
    band: str = ""
    """After this step of the path: rank and cohort (a pool), or the band (``-`` for
    none) against the bands."""


@dataclass(frozen=True)
class ExplainView:
    """One region's explanation as the formats show it: every sentence and cell written
    once, in the report's language. Parts that do not apply are empty."""

    title: str
    skipped: list[str]
    """The ``--skip-invalid`` warning and one line per skipped pool file."""
    card: CardView
    """The headline (total, band, eligibility, coverage)."""
    position: str
    failed_heading: str
    failed: list[str]
    factors_heading: str
    """Empty without a median to compare with (no pool, or nobody selected)."""
    factors: list[ExplainFactorRow]
    highlights: list[HighlightList]
    """Strengths, then weaknesses; a kind with nothing in it is left out."""
    done: bool
    """The region already reaches the target: no path is shown."""
    cohort_target: bool
    """Against a pool's cut-off (rank and cohort after each step) or the bands (band)."""
    path_heading: str
    path: list[StepRow]
    reached: bool
    path_result: str
    path_note: str
    steps_heading: str
    steps: list[StepRow]
    """The first ``MENU_LENGTH`` single steps worth taking."""
    steps_more: str
    """How many more single steps there are; empty when none."""
    criteria_note: str


def explain_view(result: ExplainResult, lang: Lang) -> ExplainView:
    """``result`` as the table, Markdown and HTML formats show it."""
    e, model = result.explanation, result.criteria.model
    p = model.precision

    def step_row(step: Step, **after: str) -> StepRow:
        return StepRow(
            indicator=indicator_name(model, step.address, lang),
            before=value_text(model, step.address, step.before, lang),
            after=value_text(model, step.address, step.after, lang),
            gain=signed(step.gain, p, lang),
            fixes=fix_text(step, lang),
            **after,
        )

    factors = []
    if any(f.median_contribution is not None for f in e.factors):
        factors = [
            ExplainFactorRow(
                label=factor_name(model, f.id, lang),
                score=fixed(f.score, p, lang),
                contribution=fixed(f.contribution, p, lang),
                median=optional(f.median_contribution, lang, p),
                difference="-" if f.difference is None else signed(f.difference, p, lang),
                ahead=None if f.difference is None else f.difference >= 0,
            )
            for f in e.factors
        ]
    basis = highlights_basis(e, lang)
    highlights = [
        HighlightList(
            kind=key,
            heading=f"{t(lang, key)} ({basis})",
            items=[(highlight_name(model, h, lang), signed(h.points, p, lang)) for h in items],
        )
        for key, items in (("strengths", e.strengths), ("weaknesses", e.weaknesses))
        if items
    ]
    cohort_target = e.target == "cohort"
    path = [
        step_row(
            item.step,
            number=str(number),
            total=fixed(item.total, p, lang),
            rank=optional_text(item.rank) if cohort_target else "",
            cohort=optional_text(item.cohort) if cohort_target else "",
            band="" if cohort_target else item.band.label.get(lang) if item.band else "-",
        )
        for number, item in enumerate(e.path, start=1)
    ]
    steps = shown_steps(e)
    more = len(steps) - MENU_LENGTH
    return ExplainView(
        title=explain_title(e, lang),
        skipped=skipped_lines(result.skipped, lang),
        card=card_view(e.card, model, lang),
        position=position_line(e, model, lang),
        failed_heading=t(lang, "failed-heading", count=len(e.failed)) if e.failed else "",
        failed=[failed_line(model, gate, lang) for gate in e.failed],
        factors_heading=t(lang, "explain-factors-heading") if factors else "",
        factors=factors,
        highlights=highlights,
        done=e.done,
        cohort_target=cohort_target,
        path_heading="" if e.done else path_heading(e, lang),
        path=path,
        reached=e.reached,
        path_result="" if e.done else path_result(e, model, lang),
        path_note="" if e.done else path_note(e, lang),
        steps_heading=t(lang, "steps-heading") if steps else "",
        steps=[step_row(s) for s in steps[:MENU_LENGTH]],
        steps_more=t(lang, "steps-more", count=more) if more > 0 else "",
        criteria_note=criteria_note(model, lang),
    )


# --- a region's history across a programme's rounds (assess history) --------------------------


@dataclass(frozen=True)
class HistoryRow:
    """One round of a region's history, as cells in the report's language."""

    year: str
    applied: str
    score: str
    change: str
    """Signed, since the last round it was scored in; ``-`` for the first."""
    rank: str
    rank_change: str
    """Places gained (``+3``) or lost (``-2``) since the last round it was ranked in."""
    outcome: str
    moved_most: str
    """'Digital services +3.20': the factor whose contribution changed most."""
    status: str
    """The outcome's code (``selected``, ``withdrawn``, ...), for a format to style by."""


@dataclass(frozen=True)
class HistoryView:
    title: str
    header: list[str]
    rows: list[HistoryRow]
    rounds_heading: str
    rounds: list[str]
    """Each round's criteria (id, version, sha256) and pool: what the row was made from."""
    legend: str


def history_view(result: HistoryResult, lang: Lang) -> HistoryView:
    """``result`` as the table, Markdown and HTML formats show it."""
    h = result.history
    none = t(lang, "history-none")
    rows = []
    for r in h.rounds:
        model, p = r.criteria.model, r.precision
        moved = none
        if r.moved_most is not None:
            label = factor_name(model, r.moved_most.id, lang)
            moved = f"{label} {signed(r.moved_most.change, p, lang)}"
        rows.append(
            HistoryRow(
                year=str(r.year),
                applied=t(lang, "history-yes" if r.applied else "history-no"),
                score=none if r.score is None else fixed(r.score, p, lang),
                change=none if r.change is None else signed(r.change, p, lang),
                rank=none if r.rank is None else str(r.rank),
                rank_change=none if r.rank_change is None else _signed_int(r.rank_change),
                outcome=outcome_text(r, lang),
                moved_most=moved,
                status=r.outcome,
            )
        )
    return HistoryView(
        title=t(lang, "history-title", name=h.name, code=h.code, title=h.title),
        header=t(lang, "history-head").split("|"),
        rows=rows,
        rounds_heading=t(lang, "history-rounds-heading"),
        rounds=[
            t(
                lang,
                "history-round-source",
                year=r.year,
                id=r.criteria.model.id,
                version=r.criteria.model.version,
                sha=r.criteria.sha256[:12],
                pool=r.pool,
                files=len(r.inputs),
            )
            for r in h.rounds
        ],
        legend=t(lang, "history-legend"),
    )


def outcome_text(r: RoundStanding, lang: Lang) -> str:
    """What the round did with the region, in a few words: 'selected (2018)', 'withdrawn
    2018-02-15: reason', 'excluded: selected in 2017'..."""
    if r.outcome == "selected":
        return t(lang, "history-selected", cohort=r.cohort or r.year)
    if r.outcome == "withdrawn":
        return t(lang, "history-withdrawn", date=r.date, reason=r.reason)
    if r.outcome == "excluded":
        if r.exclusion is None:
            return t(lang, "history-excluded")
        return t(lang, f"history-excluded-{r.exclusion.status}", year=r.exclusion.year)
    return t(lang, f"history-{r.outcome}")


def _signed_int(value: int) -> str:
    return f"{value:+d}" if value else "0"
