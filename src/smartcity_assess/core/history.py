"""One region across the rounds of a programme (``assess history``): pure, from each
round's ranking to what the region did in it and how it moved since the round before.

Each round is ranked as ``assess round rank`` ranks it (the caller does the reading);
here only the region's part of each ranking is read, and compared with the last round
in which it was scored (score, and the factor whose contribution moved most) and the
last in which it was ranked (rank). Changes are between the numbers as shown: each
rounded to the round's precision first, as a ranking's ``gap`` is.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from smartcity_assess.core.rounding import round_key

if TYPE_CHECKING:
    from smartcity_assess.core.criteria import LoadedCriteria
    from smartcity_assess.core.programme import Exclusion, Programme, Round
    from smartcity_assess.core.ranking import Ranking
    from smartcity_assess.core.scoring import ScoreCard

Outcome = Literal[
    "selected",
    "withdrawn",
    "deferred",
    "not-selected",
    "ineligible",
    "excluded",
    "absent",
    "pending",
]
"""What a round did with the region: its recorded outcome (``selected``, ``withdrawn``,
``deferred``); else, from the ranking, ``not-selected`` (eligible, no cohort took it),
``ineligible``, ``excluded`` (selected or withdrawn in an earlier round), ``absent`` (not
in the pool); ``pending`` when the round has no outcome yet and the region is ranked."""


@dataclass(frozen=True)
class RoundRanking:
    """One round as ``assess round rank`` ranked it."""

    round: Round
    criteria: LoadedCriteria
    ranking: Ranking
    inputs: tuple[str, ...]
    """The sha256 of each file of the round's pool, sorted."""
    code: str
    """The region's code in the round's year (a code can change: the 2022 Papua split)."""


@dataclass(frozen=True)
class FactorMove:
    """The factor whose contribution to the total changed most since the last round in
    which the region was scored, and by how much (points, rounded as shown)."""

    id: str
    before: float
    after: float
    change: float


@dataclass(frozen=True)
class RoundStanding:
    """The region in one round."""

    year: int
    criteria: LoadedCriteria
    inputs: tuple[str, ...]
    pool: int
    """How many regions the round ranked (excluded ones not counted)."""
    applied: bool
    """Its submission is in the round's pool (ranked or excluded)."""
    card: ScoreCard | None
    precision: int
    rank: int | None
    cohort: int | None
    outcome: Outcome
    change: float | None
    """The score's change since the last round it was scored in; None for the first."""
    rank_change: int | None
    """Places gained (positive) or lost since the last round it was ranked in."""
    moved_most: FactorMove | None
    """None in the first round it was scored in, or when no factor (of those in both
    rounds' criteria) changed."""
    exclusion: Exclusion | None = None
    """Why the round left it out (``outcome`` ``excluded``)."""
    date: str = ""
    reason: str = ""
    """The withdrawal's date and reason (``outcome`` ``withdrawn``)."""

    @property
    def score(self) -> float | None:
        return None if self.card is None else self.card.total

    @property
    def pool_sha256(self) -> str:
        """One checksum of the round's pool: the sha256 of its files' sha256s, sorted,
        each followed by a newline (``sha256sum FILES | cut -c1-64 | sort | sha256sum``)."""
        return hashlib.sha256(
            "".join(f"{sha}\n" for sha in sorted(self.inputs)).encode()
        ).hexdigest()


@dataclass(frozen=True)
class History:
    code: str
    name: str
    """The region's name as its submissions give it (the registry's when it never applied)."""
    title: str
    """The programme's title."""
    rounds: tuple[RoundStanding, ...]


def region_history(
    programme: Programme, code: str, name: str, rounds: Sequence[RoundRanking]
) -> History:
    """The history of region ``code`` over ``rounds`` (in the programme's order);
    ``name`` is used when no submission of the region names it."""
    standings: list[RoundStanding] = []
    scored: RoundStanding | None = None
    ranked: RoundStanding | None = None
    for entry in rounds:
        standing = _standing(entry, entry.code, scored, ranked)
        standings.append(standing)
        if standing.card is not None:
            scored = standing
            name = standing.card.submission.name
        if standing.rank is not None:
            ranked = standing
    return History(code=code, name=name, title=programme.title, rounds=tuple(standings))


def _standing(
    entry: RoundRanking, code: str, scored: RoundStanding | None, ranked: RoundStanding | None
) -> RoundStanding:
    ranking, round_ = entry.ranking, entry.round
    precision = entry.criteria.model.precision
    region = next((r for r in ranking.regions if r.code == code), None)
    card = region.card if region is not None else None
    excluded = None
    if card is None:
        card = next((c for c in ranking.excluded if c.code == code), None)
        excluded = card
    rank = None if region is None else region.rank
    outcome, date, reason = _outcome(round_, code)
    exclusion = ranking.exclusion_of(code) if excluded is not None else None
    if outcome in ("none", "pending"):
        if card is None:
            outcome = "absent"
        elif excluded is not None:
            outcome = "excluded"
        elif rank is None:
            outcome = "ineligible"
        elif outcome == "none":
            outcome = "not-selected"
    change = moved = None
    if card is not None and scored is not None and scored.card is not None:
        change = _points(card.total_key - round_key(scored.card.total, precision), precision)
        moved = _moved_most(scored.card, card, precision)
    rank_change = None
    if rank is not None and ranked is not None and ranked.rank is not None:
        rank_change = ranked.rank - rank
    return RoundStanding(
        year=round_.year,
        criteria=entry.criteria,
        inputs=entry.inputs,
        pool=len(ranking.columns),
        applied=card is not None,
        card=card,
        precision=precision,
        rank=rank,
        cohort=None if region is None else region.cohort,
        outcome=outcome,  # type: ignore[arg-type]
        change=change,
        rank_change=rank_change,
        moved_most=moved,
        exclusion=exclusion,
        date=date,
        reason=reason,
    )


def _outcome(round_: Round, code: str) -> tuple[str, str, str]:
    status, detail = round_.standing_of(code)
    return status, detail.get("date", ""), detail.get("reason", "")


def _points(key: int, precision: int) -> float:
    return float(key / 10**precision)


def _moved_most(before: ScoreCard, after: ScoreCard, precision: int) -> FactorMove | None:
    """The factor (in both cards) whose contribution, rounded as shown, changed most; the
    first in ``after``'s order among equal changes; None when none changed."""
    earlier = {f.id: f.contribution for f in before.factors}
    best: FactorMove | None = None
    best_key = 0
    for factor in after.factors:
        if factor.id not in earlier:
            continue
        old = round_key(earlier[factor.id], precision)
        new = round_key(factor.contribution, precision)
        if abs(new - old) > max(best_key, 0):
            best_key = abs(new - old)
            best = FactorMove(
                id=factor.id,
                before=earlier[factor.id],
                after=factor.contribution,
                change=_points(new - old, precision),
            )
    return best
