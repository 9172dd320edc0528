"""Claimed and verified values: what a region claimed, what verification made of it, and
which of the two scores (the criteria's ``value_basis``; docs/verification.md).

``scored_values`` is the one place a submission's values to score are worked out from
its claims and their checks; a reader calls it when it builds a ``Submission``, and
``with_checks`` adds checks to a submission already read (the entry point for verified
values that come from elsewhere, such as a panel of assessors). Scoring itself never
sees a claim: it scores ``Submission.values``. ``effect`` and ``pool_effect`` score
the claims the same way, to show where verification moved a score.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from operator import attrgetter
from types import MappingProxyType
from typing import TYPE_CHECKING, Literal, get_args

from smartcity_assess.core.submission import Submission, Value

if TYPE_CHECKING:
    from smartcity_assess.core.criteria import Criteria
    from smartcity_assess.core.scoring import ScoreCard

Status = Literal["verified", "corrected", "rejected", "not-checked"]
STATUSES: tuple[Status, ...] = get_args(Status)
ValueBasis = Literal["verified-else-claimed", "claimed", "verified-only"]
VALUE_BASES: tuple[ValueBasis, ...] = get_args(ValueBasis)
DEFAULT_BASIS: ValueBasis = "verified-else-claimed"
"""A value without a check scores as claimed, so a plain submission scores as it always has."""

NO_CHECKS: Mapping[str, Check] = MappingProxyType({})


@dataclass(frozen=True, slots=True)
class Evidence:
    """Where a claim can be checked: a document, and optionally a link and a page."""

    document: str
    link: str | None = None
    page: int | str | None = None


@dataclass(frozen=True, slots=True)
class Check:
    """One claimed value and what verification made of it.

    ``verified`` is the value the verifier found: given for ``corrected`` (it differs
    from the claim), optional for ``verified`` (then equal to the claim), never for
    ``rejected`` or ``not-checked`` (the reader's rules, docs/verification.md).
    ``claimed`` is None when the region claimed nothing (a value only a verifier gave).
    """

    claimed: Value | None
    status: Status = "not-checked"
    verified: Value | None = None
    verified_by: str | None = None
    note: str | None = None
    evidence: Evidence | None = None
    at: str = ""
    """Where the check was written, ``file:line:col`` (a YAML submission's value); empty
    for a check made elsewhere. For messages only: two checks of one value are refused
    naming it (``core.panel.verified_twice``)."""

    def scored(self, basis: ValueBasis) -> Value | None:
        """The value that scores under ``basis``; None counts as missing."""
        if basis == "claimed":
            return self.claimed
        if self.status in ("verified", "corrected"):
            return self.claimed if self.verified is None else self.verified
        if self.status == "rejected":
            return None  # the claim is not accepted, and nothing took its place
        return self.claimed if basis == "verified-else-claimed" else None


@dataclass(frozen=True, slots=True)
class Verification:
    """What a submission claimed and the checks of its claims, beside the values that
    score (``Submission.values``)."""

    basis: ValueBasis
    claims: Mapping[str, Value]
    """Every value as claimed: what scores under ``value_basis: claimed``."""
    checks: Mapping[str, Check]


def scored_values(
    basis: ValueBasis, claims: Mapping[str, Value], checks: Mapping[str, Check]
) -> tuple[Mapping[str, Value], Verification | None]:
    """The values to score under ``basis`` and, when they are not simply the claims,
    the claims and checks to keep beside them. A value with no check counts as claimed
    (``verified-else-claimed``, ``claimed``) or as missing (``verified-only``); one with
    a check scores as ``Check.scored`` says. Without checks and under a basis that takes
    unchecked claims, ``claims`` itself is returned (a CSV row's values stay a row)."""
    if not checks:
        if basis != "verified-only":
            return claims, None
        return {}, Verification(basis, claims, NO_CHECKS)
    values: dict[str, Value] = {}
    for address in [*claims, *(a for a in checks if a not in claims)]:
        check = checks.get(address)
        if check is None:
            used = None if basis == "verified-only" else claims[address]
        else:
            used = check.scored(basis)
        if used is not None:
            values[address] = used
    return values, Verification(basis, claims, checks)


def claimed_values(submission: Submission) -> Mapping[str, Value]:
    """The submission's values as claimed."""
    v = submission.verification
    return submission.values if v is None else v.claims


def with_checks(
    submission: Submission, checks: Mapping[str, Check], basis: ValueBasis
) -> Submission:
    """``submission`` with ``checks`` added (replacing any earlier check of the same
    address) and its values worked out again under ``basis``: the entry point for
    verified values found after a submission was read (a panel's aggregated values).
    A check's ``claimed`` should be the submission's claim of that address."""
    earlier = submission.verification
    claims = claimed_values(submission)
    merged = checks if earlier is None else {**earlier.checks, **checks}
    claims = {**claims, **{a: c.claimed for a, c in checks.items() if c.claimed is not None}}
    values, verification = scored_values(basis, claims, merged)
    return replace(submission, values=values, verification=verification)


def as_claimed(submission: Submission) -> Submission:
    """``submission`` scored on its claims (``value_basis: claimed``)."""
    if submission.verification is None:
        return submission
    return replace(submission, values=submission.verification.claims, verification=None)


# --- what verification moved --------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class CheckedValue:
    """One value verification looked at or dropped, and its points either way."""

    address: str
    claimed: Value | None
    check: Check | None
    """None: a value with no check, dropped under ``verified-only``."""
    used: Value | None
    """The value that scored; None: it counted as missing."""
    points_claimed: float
    """scale x effective weight x v under the claim (``IndicatorScore.points``)."""
    points: float
    contribution_claimed: float
    """The indicator's factor's contribution under the claims."""
    contribution: float

    @property
    def moved(self) -> bool:
        """Whether the value that scored is not the claim."""
        return self.used != self.claimed


@dataclass(frozen=True, slots=True)
class Effect:
    """Where verification moved one region's score, and by how much."""

    basis: ValueBasis
    values: tuple[CheckedValue, ...]
    total_claimed: float
    total: float
    total_key_claimed: int
    """Each total as shown (``ScoreCard.total_key``)."""
    total_key: int
    eligible_claimed: bool

    @property
    def moved(self) -> int:
        """How many values scored other than claimed."""
        return sum(v.moved for v in self.values)


def effect(card: ScoreCard) -> Effect | None:
    """How the card's score differs from the score of its claims; None when the
    submission carries no verification. Each value with a check, and each value
    that did not score as claimed, is listed in criteria order."""
    from smartcity_assess.core.scoring import score

    submission, criteria = card.submission, card.criteria
    v = submission.verification
    if v is None:
        return None
    claimed_card = score(criteria, as_claimed(submission))
    now = {i.address: (i, f) for f in card.factors for i in f.indicators}
    before = {i.address: (i, f) for f in claimed_card.factors for i in f.indicators}
    found: list[CheckedValue] = []
    moved = set(values_moved(criteria, submission))
    for address in criteria.addresses:
        check = v.checks.get(address)
        claimed = v.claims.get(address)
        used = submission.values.get(address)
        if check is None and address not in moved:
            continue
        (item, factor), (item_before, factor_before) = now[address], before[address]
        found.append(
            CheckedValue(
                address,
                claimed,
                check,
                used,
                item_before.points,
                item.points,
                factor_before.contribution,
                factor.contribution,
            )
        )
    return Effect(
        v.basis,
        tuple(found),
        claimed_card.total,
        card.total,
        claimed_card.total_key,
        card.total_key,
        claimed_card.eligible,
    )


@dataclass(frozen=True, slots=True)
class PoolEffect:
    """A pool's totals under its claims, for the regions that carry verification."""

    total_claimed: Mapping[str, float]
    """By region code."""
    total_key_claimed: Mapping[str, int]
    moved: Mapping[str, int]
    """How many values scored other than claimed, by region code."""


@dataclass(frozen=True, slots=True)
class CheckedRegion:
    """A region of a ranked pool that carries verification: its card, rank and cohort as
    scored, and its total under its claims."""

    card: ScoreCard
    rank: int | None
    cohort: int | None
    total_claimed: float
    total_key_claimed: int
    """As shown (``ScoreCard.total_key``)."""
    moved: int
    """How many values scored other than claimed."""

    @property
    def change_key(self) -> int:
        """Score as scored minus score as claimed, both as shown (in 10**-precision)."""
        return self.card.total_key - self.total_key_claimed


def checked_regions(
    found: PoolEffect,
    cards: Sequence[ScoreCard],
    ranks: Sequence[int | None],
    cohorts: Sequence[int | None],
) -> list[CheckedRegion]:
    """Each region of a ranked pool (``cards`` with their ``ranks`` and ``cohorts``, in
    the ranking's order) that carries verification, in that order, with what
    ``pool_effect`` found for it: what every report of a ranking lists as verification's
    effect."""
    return [
        CheckedRegion(
            card,
            rank,
            cohort,
            found.total_claimed[card.code],
            found.total_key_claimed[card.code],
            found.moved[card.code],
        )
        for card, rank, cohort in zip(cards, ranks, cohorts, strict=True)
        if card.code in found.total_key_claimed
    ]


_submission_of = attrgetter("submission")


def values_moved(criteria: Criteria, submission: Submission) -> list[str]:
    """The addresses, in criteria order, whose value that scores is not the claim (a
    correction, a rejection, a value dropped under ``verified-only``, a panel's value):
    what every report counts as "values moved"."""
    v = submission.verification
    if v is None:
        return []
    values, claims = submission.values, v.claims
    return [a for a in criteria.addresses if claims.get(a) != values.get(a)]


def pool_effect(criteria: Criteria, cards: Sequence[ScoreCard]) -> PoolEffect | None:
    """Each verified region's total under its claims (scored as a pool, the same way as
    the cards); None when no card's submission carries verification."""
    from smartcity_assess.core.scoring import score_pool

    checked = [s for s in map(_submission_of, cards) if s.verification is not None]
    if not checked:
        return None
    claimed = score_pool(criteria, [as_claimed(s) for s in checked])
    return PoolEffect(
        {c.code: c.total for c in claimed},
        {c.code: c.total_key for c in claimed},
        {s.code: len(values_moved(criteria, s)) for s in checked},
    )
