"""The panel's decisions near the cut-off (SPEC section 4, docs/rank.md "Panel
overrides").

An override names a region and a decision: ``in`` (it takes a place in the cohort whose
cut-off zone it is in, or an earlier one that reaches it by rank), ``out`` (it is not
selected in this round) or ``defer`` (not selected, marked deferred to the next round).
It is allowed only for a region of the ranked pool whose score, rounded to the
criteria's precision, is within ``zone`` points of some cohort's cut-off score (rounded
the same way; with places per kind, the cut-off of the region's kind) as the ranking
without overrides set it; ``in`` only for an eligible region. The cohorts are then
filled again by the one fill (``core.fill``) with the regions forced in taking their
places first and those put out left out, so a forced region displaces the lowest-ranked
region the cohort would otherwise have taken, and that region waits for the next cohort.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

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
    assessor_positions: tuple[tuple[int, int], ...] = ()
    """(line, column) of each of ``assessors`` in the file (``unknown_assessors``)."""


@dataclass(frozen=True)
class Applied:
    """An override and what it did."""

    override: Override
    before: int | None
    """The cohort the ranking by score gave the region; None for none."""
    after: int | None
    """The cohort it is in after the overrides; None for none."""


@dataclass(frozen=True)
class ZoneCutoff:
    """A cohort's cut-off as the ranking by merit set it, before the panel's overrides:
    the score the override zone is measured from."""

    year: int
    score: float | None
    """The score of the last region selected by rank; None when nobody was."""
    by_kind: tuple[tuple[str, float], ...] = ()
    """With places per kind, each kind's own cut-off before the overrides; empty
    otherwise."""


@dataclass(frozen=True)
class OverrideOutcome:
    applied: tuple[Applied, ...]
    """In the order of the overrides file."""
    moved: tuple[tuple[str, int | None, int | None], ...]
    """Every other region whose cohort the overrides changed: (code, before, after), in
    rank order."""
    zone: float
    """The zone, in points, around each cut-off score."""
    cutoffs: tuple[ZoneCutoff, ...] = ()
    """Each cohort's cut-off before the overrides, in cohort order: what ``zone`` is
    measured from (the cut-offs the ranking reports are those after the overrides)."""

    @property
    def by_code(self) -> dict[str, Applied]:
        return {a.override.code: a for a in self.applied}

    @property
    def moved_by_code(self) -> dict[str, tuple[int | None, int | None]]:
        return {code: (before, after) for code, before, after in self.moved}


def override_problems(
    overrides: Sequence[Override],
    scores: dict[str, tuple[int, bool]],
    cutoff_keys: Mapping[str, Sequence[int | None]],
    precision: int,
    zone: float,
) -> list[Problem]:
    """Every override not allowed: a region not in the ranked pool, one outside the zone
    of every cut-off, an ineligible region forced ``in``. ``scores`` gives each ranked
    region's rounded total key and eligibility; ``cutoff_keys`` by region code, each
    cohort's cut-off key for it (None for a cohort that took nobody of its group)."""
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
        cuts = [c for c in cutoff_keys[o.code] if c is not None]
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


def forced_targets(
    overrides: Sequence[Override],
    position: Mapping[str, int],
    keys: Sequence[int],
    before: Sequence[int],
    cutoff_keys: Mapping[str, Sequence[int | None]],
    zone_key: int,
) -> dict[int, int]:
    """The cohort index each region forced ``in`` takes its place in, by its position in
    rank order (``position``; rounded total ``keys``): the cohort it was in ``before``
    the overrides, else the first whose cut-off (``cutoff_keys``) is within the zone.
    The overrides are allowed (``override_problems`` found nothing)."""
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
                for k, c in enumerate(cutoff_keys[o.code])
                if c is not None and abs(keys[i] - c) <= zone_key
            )
    return target


def unknown_assessors(overrides: Sequence[Override], known: Sequence[str]) -> list[Problem]:
    """A name among an override's ``assessors`` that is none of the panel's assessors
    (``known``, from ``--assessors``): a warning at the name, listing the known ones. Not
    an error: a panel member who scored no region may sign a decision; a typo would
    otherwise pass into the signed record."""
    names = set(known)
    found: list[Problem] = []
    for override in overrides:
        for index, name in enumerate(override.assessors):
            if name in names:
                continue
            line, column = (
                override.assessor_positions[index]
                if index < len(override.assessor_positions)
                else (override.line, override.column)
            )
            found.append(
                problem(
                    override.path,
                    "override-unknown-assessor",
                    severity="warning",
                    line=line,
                    column=column,
                    name=name,
                    code=override.code,
                    known=", ".join(sorted(names)),
                )
            )
    return found
