"""The panel's decisions near the cut-off: overrides applied after the fill (SPEC
section 4, docs/rank.md "Panel overrides").

An override names a region and a decision: ``in`` (it takes a place in the cohort whose
cut-off zone it is in, or an earlier one that reaches it by rank), ``out`` (it is not
selected in this round) or ``defer`` (not selected, marked deferred to the next round).
It is allowed only for a region of the ranked pool whose score, rounded to the
criteria's precision, is within ``zone`` points of some cohort's cut-off score (rounded
the same way) as the ranking by score alone set it; ``in`` only for an eligible region.
The cohorts are then filled again in order: each takes first the regions forced in for
it or an earlier cohort, then the remaining places in rank order from the regions
neither taken nor put out, so a forced region displaces the lowest-ranked region the
cohort would otherwise have taken, and that region waits for the next cohort.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from smartcity_assess.core.criteria import Cohort
from smartcity_assess.core.rounding import decimal_text, round_key
from smartcity_assess.problems import Problem, problem

DECISIONS = ("in", "out", "defer")


@dataclass(frozen=True)
class Override:
    """One decision of the panel, with where the overrides file gives it."""

    code: str
    decision: str
    """``in``, ``out`` or ``defer``."""
    reason: str
    assessors: tuple[str, ...]
    path: str = ""
    line: int = 0
    column: int = 0


@dataclass(frozen=True)
class Applied:
    """An override and what it did."""

    override: Override
    before: int | None
    """The cohort the ranking by score gave the region; None for none."""
    after: int | None
    """The cohort it is in after the overrides; None for none."""


@dataclass(frozen=True)
class OverrideOutcome:
    applied: tuple[Applied, ...]
    """In the order of the overrides file."""
    moved: tuple[tuple[str, int | None, int | None], ...]
    """Every other region whose cohort the overrides changed: (code, before, after), in
    rank order."""
    zone: float
    """The zone, in points, around each cut-off score."""

    @property
    def by_code(self) -> dict[str, Applied]:
        return {a.override.code: a for a in self.applied}

    @property
    def moved_by_code(self) -> dict[str, tuple[int | None, int | None]]:
        return {code: (before, after) for code, before, after in self.moved}


def override_problems(
    overrides: Sequence[Override],
    scores: dict[str, tuple[int, bool]],
    cutoff_keys: Sequence[int | None],
    precision: int,
    zone: float,
) -> list[Problem]:
    """Every override not allowed: a region not in the ranked pool, one outside the zone
    of every cut-off, an ineligible region forced ``in``. ``scores`` gives each ranked
    region's rounded total key and eligibility; ``cutoff_keys`` each cohort's cut-off
    key (None for a cohort that took nobody)."""
    zone_key = round_key(zone, precision)
    found = []
    for o in overrides:
        if o.code not in scores:
            found.append(
                problem(
                    o.path, "override-unknown-region", line=o.line, column=o.column, code=o.code
                )
            )
            continue
        key, eligible = scores[o.code]
        if o.decision == "in" and not eligible:
            found.append(
                problem(o.path, "override-ineligible", line=o.line, column=o.column, code=o.code)
            )
            continue
        cuts = [c for c in cutoff_keys if c is not None]
        if not any(abs(key - c) <= zone_key for c in cuts):
            nearest = min(cuts, key=lambda c: (abs(key - c), c)) if cuts else None
            found.append(
                problem(
                    o.path,
                    "override-outside-zone",
                    code=o.code,
                    score=decimal_text(key, precision),
                    cutoff="-" if nearest is None else decimal_text(nearest, precision),
                    zone=f"{zone:g}",
                    line=o.line,
                    column=o.column,
                )
            )
    return found


def refill(
    cohorts: Sequence[Cohort],
    codes: Sequence[str],
    keys: Sequence[int],
    before: Sequence[int],
    overrides: Sequence[Override],
    cutoff_keys: Sequence[int | None],
    zone_key: int,
) -> list[int]:
    """The cohort index (-1 for none) of each eligible region in rank order (``codes``,
    with rounded total ``keys`` and the cohort ``before`` the overrides) after the
    overrides, which are allowed (``override_problems`` found nothing)."""
    position = {code: i for i, code in enumerate(codes)}
    removed = {position[o.code] for o in overrides if o.decision != "in" and o.code in position}
    target: dict[int, int] = {}
    for o in overrides:
        if o.decision != "in":
            continue
        i = position[o.code]
        if before[i] >= 0:
            target[i] = before[i]
        else:
            target[i] = next(
                k
                for k, c in enumerate(cutoff_keys)
                if c is not None and abs(keys[i] - c) <= zone_key
            )
    after = [-1] * len(codes)
    for k, cohort in enumerate(cohorts):
        # More regions forced in than places: the lowest-ranked wait for the next cohort
        # (one that no cohort takes is a problem of the caller's, ``override-no-place``).
        forced = sorted(i for i, t in target.items() if t <= k and after[i] < 0)[: cohort.size]
        room = cohort.size - len(forced)
        for i in forced:
            after[i] = k
        for i in range(len(codes)):
            if room <= 0:
                break
            if after[i] < 0 and i not in removed:
                after[i] = k
                room -= 1
    return after
