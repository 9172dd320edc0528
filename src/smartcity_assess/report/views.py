"""What the formats show of a ranking and of a scorecard, worked out once: each region's
cells as text, the sections with their headings, the ties, the warnings, every sentence
already in the report's language. The table, Markdown, HTML and CSV formats only lay
it out; nothing here knows how."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING

from smartcity_assess.core.criteria import Criteria
from smartcity_assess.core.ranking import DECIDED_BY_CODE, RankedRegion, Tie
from smartcity_assess.core.rounding import decimal_text
from smartcity_assess.i18n import Lang, t
from smartcity_assess.report.common import (
    band_label,
    criteria_note,
    fixed,
    indicator_name,
    render,
    skipped_lines,
    value_text,
)

if TYPE_CHECKING:
    from smartcity_assess.core.scoring import ScoreCard
    from smartcity_assess.report.interface import RankResult


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

    @property
    def label(self) -> str:
        return f"{self.name} ({self.code})"


def region_row(
    card: ScoreCard,
    criteria: Criteria,
    lang: Lang,
    *,
    left_out_by_cap: bool = False,
    **ranked: str,
) -> RegionRow:
    """A scored region's row; ``ranked`` gives its place in a ranking (rank, cohort, gap,
    deferred_from, tie, note)."""
    p = criteria.precision
    s = card.submission
    return RegionRow(
        card=card,
        code=card.code,
        name=s.name,
        province=s.province,
        kind=s.kind,
        year=optional_text(s.year),
        score=decimal_text(card.total_key, p),
        band=band_label(card, lang) or "",
        eligible=card.eligible,
        coverage=fixed(card.coverage, 4),
        factors=[decimal_text(key, p) for key in card.factor_keys],
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
        ]

    @cached_property
    def criteria_note(self) -> str:
        return criteria_note(self._criteria, self.lang)

    @cached_property
    def factor_legend(self) -> str:
        factors = ", ".join(f.label(self.lang) for f in self._criteria.factors)
        return self._t("factor-bars", scale=f"{self._criteria.scale:g}", factors=factors)

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
        return "; ".join(notes)

    @cached_property
    def rows(self) -> list[RegionRow]:
        """Every region in the ranking's order: eligible by rank, then ineligible."""
        return list(self.each_row())

    def each_row(self) -> Iterator[RegionRow]:
        """``rows`` one at a time, none kept: a format that writes each row and forgets it
        (CSV) holds one row of a 100,000-region ranking at a time, not all of them."""
        criteria, p = self._criteria, self._criteria.precision
        return (
            region_row(
                region.card,
                criteria,
                self.lang,
                rank=optional_text(region.rank),
                cohort=optional_text(region.cohort),
                gap="" if region.gap is None else fixed(region.gap, p),
                deferred_from=optional_text(region.deferred_from),
                left_out_by_cap=region.left_out_by_cap,
                tie=self._marks.get(region.code, ""),
                note=self._note(region),
            )
            for region in self.result.ranking.regions
        )

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
                    cutoff=fixed(cohort.cutoff_score, p),
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
        score = fixed(tie.score, criteria.precision)
        regions = ", ".join(f"{cards[code].submission.name} ({code})" for code in tie.codes)
        decided = ", ".join(names)
        line = self._t("tie-line", ranks=ranks, score=score, regions=regions, decided=decided)
        return TieRow(ranks, score, regions, decided, tie.at_cutoff, line)

    @cached_property
    def ties_heading(self) -> str:
        return self._t("ties-heading", count=len(self.ties))

    @cached_property
    def excluded(self) -> list[str]:
        return [f"{c.submission.name} ({c.code})" for c in self.result.ranking.excluded]

    @cached_property
    def excluded_heading(self) -> str:
        return self._t("excluded-heading", count=len(self.excluded))


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
                score=fixed(f.score, p),
                minimum="" if minimum is None else f"{minimum:g}",
                below=f.below_minimum,
                weight=f"{f.weight:.1%}",
                contribution=fixed(f.contribution, p),
                value=f.score,
            )
        )
    return CardView(
        card=card,
        title=t(lang, "scorecard-title", name=s.name, code=s.code),
        criteria=criteria.title.get(lang),
        province=s.province,
        meta=" · ".join(str(x) for x in (s.province, s.kind, s.year) if x),
        total=fixed(card.total, p),
        scale=f"{criteria.scale:g}",
        band=band_label(card, lang) or "",
        eligible=card.eligible,
        coverage=f"{card.coverage:.0%}",
        reasons=[render(r, lang) for r in card.reasons],
        factors=factors,
        notes=notes,
        weakest=[
            WeakRow(
                indicator=indicator_name(criteria, item.address, lang),
                value=value_text(criteria, item.address, item.value, lang),
                points=fixed(item.points_lost, p),
            )
            for item in card.weakest(weakest)
        ],
    )
