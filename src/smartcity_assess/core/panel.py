"""A panel of assessors (issue 15): their values of the interview items, aggregated per
item per region by the criteria's ``panel`` rules, and how far they agree. Pure: no I/O.

Each assessor scores a region's interview indicators (``source: interview``) in a file
of their own (``reading.panel``). Per item per region the values become one value
(median, mean or trimmed mean), which takes the item's place in the region's submission
(``with_panel``): scoring, ranking and sensitivity then read it as any other value, by
their one path. An item with fewer than ``min_assessors`` values gets no value: it is
absent, as a value a region did not give is, and the agreement report says why.

An assessor may also score a number questionnaire item: the aggregate then checks the
region's claim (``panel_check``: verified when it is the claim up to rounding, corrected
otherwise; too few assessors leave the claim standing, not checked), and comes in
through ``verification.with_checks``, so the criteria's ``value_basis`` decides what
scores. A claim the submission has checked already is refused (``verified_twice``).

Agreement, per item per region: the values' minimum, maximum, range and sample standard
deviation; the range on the item's 0-100 score scale (the normalised value x 100, as
scoring normalises it) is flagged when above ``disagreement``. For the panel as a whole:
Krippendorff's alpha (the ``krippendorff`` package), per item over the regions, and over
every item at once on the 0-1 score scale, interval and ordinal.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import cached_property
from typing import Literal

from smartcity_assess.core.criteria import Criteria, PanelRules
from smartcity_assess.core.rounding import round_key
from smartcity_assess.core.submission import Submission, Value
from smartcity_assess.core.verification import Check, with_checks
from smartcity_assess.problems import Problem, problem


@dataclass(frozen=True)
class Rating:
    """One assessor's values for one region (one assessor file)."""

    assessor: str
    code: str
    year: int
    values: Mapping[str, float]
    """Item values by indicator address: interview items, and number questionnaire items
    the assessor verified."""
    path: str = ""
    sha256: str = ""
    line: int = 0
    """Where the file names its region (``region:``), for problems about the region."""
    column: int = 0
    positions: Mapping[str, tuple[int, int]] = field(default_factory=dict)
    """(line, column) of each value in the file, by address (for ``verified_twice``)."""


def aggregate(values: Sequence[float], rules: PanelRules) -> float:
    """The values as one, per ``rules.aggregate``:

    - ``median``: the middle value, or the mean of the two middle ones;
    - ``mean``: the arithmetic mean;
    - ``trimmed-mean``: the mean after cutting floor(trim x n) values from each end of the
      sorted values (trim 0.2 of 5 values cuts 1 from each end; of 3 or 4 values, none).
    """
    ordered = sorted(values)
    n = len(ordered)
    if n == 0:
        raise ValueError("no values to aggregate")
    if rules.aggregate == "median":
        middle = n // 2
        return ordered[middle] if n % 2 else (ordered[middle - 1] + ordered[middle]) / 2.0
    if rules.aggregate == "trimmed-mean":
        cut = math.floor(rules.trim_share * n)
        ordered = ordered[cut : n - cut]
    return math.fsum(ordered) / len(ordered)


def sample_sd(values: Sequence[float]) -> float | None:
    """The sample standard deviation (n - 1); None for fewer than two values."""
    n = len(values)
    if n < 2:
        return None
    mean = math.fsum(values) / n
    return math.sqrt(math.fsum((v - mean) ** 2 for v in values) / (n - 1))


@dataclass(frozen=True)
class ItemAgreement:
    """One interview item of one region: every assessor's value and how far they agree."""

    code: str
    address: str
    values: tuple[tuple[str, float], ...]
    """(assessor, value), by assessor."""
    value: float | None
    """The aggregate; None when fewer than ``min_assessors`` scored the item."""
    low: float
    high: float
    sd: float | None
    score_range: float
    """(max - min) on the item's 0-100 score scale."""
    flagged: bool
    """Whether ``score_range`` is above the criteria's ``panel.disagreement``."""
    source: Literal["interview", "questionnaire"] = "interview"
    """``questionnaire``: the panel verifies the region's claim of the item (its
    aggregate becomes the verified value, ``with_panel``)."""

    @property
    def n(self) -> int:
        return len(self.values)

    @property
    def spread(self) -> float:
        """max - min, in the item's own units."""
        return self.high - self.low

    @property
    def standard_error(self) -> float | None:
        """SD / sqrt(n): how far the aggregate may be off (``spread_half_widths``)."""
        return None if self.sd is None else self.sd / math.sqrt(self.n)


@dataclass(frozen=True)
class Reliability:
    """Krippendorff's alpha over a set of units (regions, or region x item), interval
    and ordinal; None where it is not defined (fewer than two pairable values, or no
    variation at all)."""

    address: str | None
    """The item; None for every item at once (on the 0-1 score scale)."""
    units: int
    """Units with at least two values (the pairable ones)."""
    values: int
    """Values in those units."""
    interval: float | None
    ordinal: float | None


@dataclass(frozen=True)
class Panel:
    rules: PanelRules
    assessors: tuple[str, ...]
    """Every assessor, sorted."""
    regions: tuple[str, ...]
    """Every region scored, sorted by code."""
    items: tuple[ItemAgreement, ...]
    """By region code, then item in criteria order."""
    reliability: tuple[Reliability, ...]
    """Per item in criteria order, then the whole panel (``address`` None)."""
    files: tuple[tuple[str, str, str], ...] = ()
    """(sha256, assessor, region code) of each assessor file, sorted: what the panel's
    values came from, without paths (reports stay byte-stable when files move)."""

    @property
    def flagged(self) -> tuple[ItemAgreement, ...]:
        return tuple(item for item in self.items if item.flagged)

    @property
    def short(self) -> tuple[ItemAgreement, ...]:
        """Items too few assessors scored: no value, absent in scoring."""
        return tuple(item for item in self.items if item.value is None)

    def values(self) -> dict[str, dict[str, float]]:
        """Region code -> address -> the aggregate of an interview item (items with one
        only). Questionnaire items are verifications, not values (``with_panel``)."""
        found: dict[str, dict[str, float]] = {}
        for item in self.items:
            if item.value is not None and item.source == "interview":
                found.setdefault(item.code, {})[item.address] = item.value
        return found

    @cached_property
    def checked(self) -> dict[str, list[ItemAgreement]]:
        """Region code -> the questionnaire items the panel scored, in criteria order
        (worked out once: ``with_panel`` looks up every submission in it)."""
        found: dict[str, list[ItemAgreement]] = {}
        for item in self.items:
            if item.source == "questionnaire":
                found.setdefault(item.code, []).append(item)
        return found


def panel_addresses(criteria: Criteria) -> list[str]:
    """The addresses an assessor file may give, in file order: the interview indicators,
    and the number questionnaire indicators (whose claims the panel verifies; a level or
    yes/no claim is not aggregated)."""
    return [
        a
        for a, (_, indicator) in criteria.addresses.items()
        if indicator.interview or indicator.type == "number"
    ]


def agreement(criteria: Criteria, ratings: Sequence[Rating]) -> Panel:
    """The panel's values per item per region, aggregated and compared (``ratings``
    valid: at most one per assessor and region, values only for interview items)."""
    from smartcity_assess.core.scoring import normalise  # loads numpy

    rules = criteria.panel
    addresses = panel_addresses(criteria)
    by_region: dict[str, list[Rating]] = {}
    for rating in ratings:
        by_region.setdefault(rating.code, []).append(rating)
    items: list[ItemAgreement] = []
    for code in sorted(by_region):
        group = sorted(by_region[code], key=lambda r: r.assessor)
        for address in addresses:
            given = tuple((r.assessor, r.values[address]) for r in group if address in r.values)
            if not given:
                continue
            indicator = criteria.addresses[address][1]
            values = [v for _, v in given]
            scores = [normalise(indicator, v) * 100.0 for v in values]
            score_range = max(scores) - min(scores)
            items.append(
                ItemAgreement(
                    code=code,
                    address=address,
                    values=given,
                    value=aggregate(values, rules) if len(given) >= rules.min_assessors else None,
                    low=min(values),
                    high=max(values),
                    sd=sample_sd(values),
                    score_range=score_range,
                    # Compared as shown (at the criteria's precision), so that float
                    # noise (25.000000000000004 for 1.2 and 2.2 on a 1-5 item) never flags.
                    flagged=len(given) > 1
                    and round_key(score_range, criteria.precision)
                    > round_key(rules.disagreement, criteria.precision),
                    source="interview" if indicator.interview else "questionnaire",
                )
            )
    scored_items = {i.address for i in items}
    reliability = [
        _reliability(address, [[v for _, v in i.values] for i in items if i.address == address])
        for address in addresses
        if address in scored_items or criteria.addresses[address][1].interview
    ]
    scored = [[normalise(criteria.addresses[i.address][1], v) for _, v in i.values] for i in items]
    reliability.append(_reliability(None, scored))
    return Panel(
        rules=rules,
        assessors=tuple(sorted({r.assessor for r in ratings})),
        regions=tuple(sorted(by_region)),
        items=tuple(items),
        reliability=tuple(reliability),
        files=tuple(sorted((r.sha256, r.assessor, r.code) for r in ratings)),
    )


def _reliability(address: str | None, units: Iterable[Sequence[float]]) -> Reliability:
    pairable = [list(u) for u in units if len(u) >= 2]
    count = sum(len(u) for u in pairable)
    interval = ordinal = None
    if pairable and len({v for u in pairable for v in u}) > 1:
        interval = krippendorff_alpha(pairable, "interval")
        ordinal = krippendorff_alpha(pairable, "ordinal")
    return Reliability(address, len(pairable), count, interval, ordinal)


def krippendorff_alpha(
    units: Sequence[Sequence[float]], level: Literal["interval", "ordinal"]
) -> float:
    """Krippendorff's alpha of ``units`` (each the values its raters gave; at least one
    unit with two values, and two distinct values in all) at ``level`` of measurement,
    by the ``krippendorff`` package: raters are columns of a units x raters table, a
    unit's missing raters nan (which raters gave which value does not change alpha)."""
    import krippendorff
    import numpy as np

    width = max(len(u) for u in units)
    table = np.full((width, len(units)), np.nan)
    for j, unit in enumerate(units):
        table[: len(unit), j] = unit
    alpha = float(krippendorff.alpha(reliability_data=table, level_of_measurement=level))
    return round(alpha, 6) + 0.0


def spread_half_widths(panel: Panel, criteria: Criteria) -> dict[tuple[str, str], float]:
    """(code, address) -> how far the panel's value may be off, for value-uncertainty
    sensitivity: the standard error of the assessors' mean, SD / sqrt(n), for every
    aggregated item whose indicator declares no ``uncertainty`` of its own (and whose
    assessors did not all agree)."""
    found: dict[tuple[str, str], float] = {}
    for item in panel.items:
        indicator = criteria.addresses[item.address][1]
        error = item.standard_error
        interview = item.source == "interview"
        if interview and item.value is not None and indicator.uncertainty is None and error:
            found[(item.code, item.address)] = error
    return found


def with_panel(
    submissions: Sequence[Submission], panel: Panel, criteria: Criteria
) -> list[Submission]:
    """Each submission with its region's aggregated interview values in place, and its
    claims of the questionnaire items the panel scored checked by the panel
    (``panel_checks``, through ``verification.with_checks``). Refuse first what
    ``verified_twice`` finds: a check here replaces the submission's."""
    values = panel.values()
    merged = []
    for submission in submissions:
        checks = panel_checks(submission, panel)
        if checks:
            submission = with_checks(submission, checks, criteria.value_basis)
        own = values.get(submission.code)
        if own:
            combined: dict[str, Value] = dict(submission.values)
            combined.update(own)
            checked = submission.verification
            if checked is None:
                submission = replace(submission, values=combined)
            else:
                # The panel's values are neither claimed nor checked: the score under the
                # claims takes them too, so that what verification moved is its own doing.
                claims = {**checked.claims, **own}
                submission = replace(
                    submission, values=combined, verification=replace(checked, claims=claims)
                )
        merged.append(submission)
    return merged


def panel_checks(submission: Submission, panel: Panel) -> dict[str, Check]:
    """The panel's checks of the submission's claims, by address (``panel_check`` of
    each questionnaire item the panel scored for its region)."""
    items = panel.checked.get(submission.code, [])
    v = submission.verification
    claims = submission.values if v is None else v.claims
    earlier = {} if v is None else v.checks
    return {
        i.address: check
        for i in items
        if (check := panel_check(i, claims.get(i.address), earlier.get(i.address), panel.rules))
    }


def same_value(aggregate: float, claim: float) -> bool:
    """Whether the panel's aggregate is the claim: the same number up to floating-point
    rounding (relative difference at most 1e-9), so that the mean of 1.1, 1.4 and 1.7
    verifies a claim of 1.4. Any real difference, however small, is a correction."""
    return math.isclose(aggregate, claim, rel_tol=1e-9, abs_tol=1e-12)


def panel_check(
    item: ItemAgreement, claimed: Value | None, earlier: Check | None, rules: PanelRules
) -> Check | None:
    """The panel's check of one questionnaire claim: ``verified`` when its aggregate is
    the claim (``same_value``), ``corrected`` when it is not (or the region claimed
    nothing), each ``verified_by`` the panel; with too few assessors, the claim stands
    (``not-checked``, the note saying why), and None when there is no claim either.
    The claim's own evidence is kept."""
    names = ", ".join(name for name, _ in item.values)
    shown = ", ".join(f"{v:g}" for _, v in item.values)
    evidence = None if earlier is None else earlier.evidence
    if item.value is None:
        if claimed is None:
            return None
        note = f"panel: too few assessors ({item.n}): {names} ({shown})"
        return Check(claimed, "not-checked", note=note, evidence=evidence)
    note = f"panel {rules.aggregate} of {shown}"
    by = f"panel: {names}"
    number = isinstance(claimed, int | float) and not isinstance(claimed, bool)
    if number and same_value(item.value, float(claimed)):  # type: ignore[arg-type]
        return Check(claimed, "verified", verified_by=by, note=note, evidence=evidence)
    return Check(claimed, "corrected", item.value, verified_by=by, note=note, evidence=evidence)


def verified_twice(submissions: Sequence[Submission], ratings: Sequence[Rating]) -> list[Problem]:
    """An assessor's value of a questionnaire item whose claim the region's submission
    already has checked (verified, corrected or rejected): an error at the assessor's
    value, naming the submission's check. A claim is verified once: which of two checks
    holds is for the analyst to settle, not for the order of the inputs."""
    checks = {s.code: s.verification.checks for s in submissions if s.verification is not None}
    found: list[Problem] = []
    for rating in ratings:
        own = checks.get(rating.code, {})
        for address in rating.values:
            check = own.get(address)
            if check is None or check.status == "not-checked":
                continue
            line, column = rating.positions.get(address, (rating.line, rating.column))
            found.append(
                problem(
                    rating.path,
                    "panel-verified-twice",
                    line=line,
                    column=column,
                    address=address,
                    code=rating.code,
                    status=check.status,
                    by=check.verified_by or "",
                    other=check.at or "?",
                )
            )
    return found


def short_problems(panel: Panel, ratings: Sequence[Rating]) -> list[Problem]:
    """An interview item of a region that fewer than ``min_assessors`` assessors scored:
    a warning at the value of the first of them (by name), since the region is scored
    without the item (the criteria's ``missing`` rule). A questionnaire item so scored
    says so in its check's note instead (``panel_check``)."""
    files = {(r.code, r.assessor): r for r in ratings}
    found: list[Problem] = []
    for item in panel.short:
        if item.source != "interview":
            continue
        rating = files[(item.code, item.values[0][0])]
        line, column = rating.positions.get(item.address, (rating.line, rating.column))
        found.append(
            problem(
                rating.path,
                "panel-too-few",
                severity="warning",
                line=line,
                column=column,
                code=item.code,
                address=item.address,
                n=item.n,
                least=panel.rules.min_assessors,
                names=", ".join(name for name, _ in item.values),
            )
        )
    return found


def pool_problems(ratings: Sequence[Rating], pool: Iterable[str]) -> list[Problem]:
    """An assessor file for a region not in the pool: an error at its ``region``."""
    codes = set(pool)
    return [
        problem(r.path, "panel-not-in-pool", line=r.line, column=r.column, code=r.code)
        for r in ratings
        if r.code not in codes
    ]
