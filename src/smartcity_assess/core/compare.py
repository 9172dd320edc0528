"""``assess compare OLD NEW``: what changed between two rankings.

Two JSON outputs of ``assess rank`` (two rounds, or one round under two criteria versions)
are read into ``RankSnapshot`` objects and compared by ``compare``, a pure function.
``reading.rank_json.read_rank_json`` is the one reader of that format (``rank --exclude``
reads it too).

* who entered and who left each cohort (cohorts are matched by year) and the selected set;
* the largest rank moves among regions ranked in both;
* Spearman's rho and the Iman-Conover top-down correlation over regions ranked in both;
* a criteria diff (weights, goalposts, gates, levels, bands, cohorts, ...) from the
  ``criteria_summary`` that ``assess rank`` embeds in its JSON (``criteria.criteria_summary``
  builds it), or from the criteria files themselves.
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from smartcity_assess.core.verification import DEFAULT_BASIS


@dataclass(frozen=True)
class Standing:
    """Where one ranking put a region."""

    code: str
    name: str
    province: str | None
    score: float
    rank: int | None
    """None when ineligible."""
    cohort: int | None
    eligible: bool


@dataclass(frozen=True)
class CohortRef:
    year: int
    size: int
    selected: tuple[str, ...]
    cutoff_score: float | None


@dataclass(frozen=True)
class RankSnapshot:
    """What ``compare`` needs of one rank JSON."""

    display: str
    sha256: str
    """Of the file's bytes."""
    criteria_id: str
    criteria_version: str
    criteria_sha256: str
    criteria_summary: dict[str, Any] | None
    max_per_province: int | None
    cohorts: tuple[CohortRef, ...]
    regions: tuple[Standing, ...]
    """In the file's order: eligible in rank order, then ineligible."""
    excluded: frozenset[str]

    @property
    def precision(self) -> int:
        summary = self.criteria_summary or {}
        value = summary.get("precision", 2)
        return value if isinstance(value, int) and 0 <= value <= 6 else 2

    @property
    def by_code(self) -> dict[str, Standing]:
        return {r.code: r for r in self.regions}

    @property
    def selected(self) -> list[str]:
        """Every code selected into any cohort, in rank order."""
        return [r.code for r in self.regions if r.cohort is not None]

    def cut_ranks(self) -> list[int]:
        """The rank of the last region selected into each cohort that selected anyone."""
        ranks = []
        by_code = self.by_code
        for cohort in self.cohorts:
            members = [by_code[c].rank for c in cohort.selected if c in by_code]
            known = [rank for rank in members if rank is not None]
            if known:
                ranks.append(max(known))
        return ranks


# --- the comparison --------------------------------------------------------------------------


@dataclass(frozen=True)
class CohortChange:
    """One cohort year, in either ranking or both."""

    year: int
    old_size: int | None
    """None when the old ranking had no cohort of that year."""
    new_size: int | None
    entered: tuple[str, ...]
    """Selected into it in the new ranking but not the old, in new rank order."""
    left: tuple[str, ...]
    """Selected into it in the old ranking but not the new, in old rank order."""
    stayed: int


@dataclass(frozen=True)
class RankMove:
    code: str
    old_rank: int
    new_rank: int

    @property
    def change(self) -> int:
        """Places gained: positive means it moved up."""
        return self.old_rank - self.new_rank


@dataclass(frozen=True)
class CriteriaChange:
    """One difference between the two criteria.

    ``subject`` is ``""`` for the criteria as a whole, a factor id, or an indicator address
    (``factor.indicator``). ``field`` is what changed (``weight``, ``goalposts``, ``gate``,
    ``min_score``, ``levels``, ``bands``, ``cohorts``, ...; ``factor`` or ``indicator`` when
    one was added or removed). ``old``/``new`` are JSON values (None when absent).
    ``old_share``/``new_share`` are the resulting share of the total for a weight change.
    """

    subject: str
    field: str
    old: Any
    new: Any
    name: Mapping[str, str] | None = None
    """The subject's name in each language, when the criteria give one."""
    old_share: float | None = None
    new_share: float | None = None


@dataclass(frozen=True)
class Comparison:
    old: RankSnapshot
    new: RankSnapshot
    cohorts: tuple[CohortChange, ...]
    entered: tuple[str, ...]
    """Selected (into any cohort) in the new ranking but not the old, in new rank order."""
    left: tuple[str, ...]
    """Selected in the old ranking but not the new, in old rank order."""
    moves: tuple[RankMove, ...]
    """Every region ranked in both, largest move first (then by code)."""
    common: int
    """Regions ranked (eligible) in both: what the correlations are computed over."""
    spearman: float | None
    top_down: float | None
    """None when fewer than two regions are ranked in both."""
    criteria_changed: bool
    """The criteria files differ (their sha256)."""
    criteria_changes: tuple[CriteriaChange, ...] | None
    """None when a summary is missing, so what changed cannot be said."""

    @property
    def names(self) -> dict[str, str]:
        """Region names, the new ranking's where both have one."""
        return {r.code: r.name for r in (*self.old.regions, *self.new.regions)}

    def top_moves(self, count: int) -> list[RankMove]:
        return [m for m in self.moves if m.change != 0][:count]


def compare(old: RankSnapshot, new: RankSnapshot) -> Comparison:
    """Compare two rankings (pure)."""
    old_by, new_by = old.by_code, new.by_code
    cohorts = _cohort_changes(old, new)
    old_selected, new_selected = old.selected, new.selected
    entered = tuple(code for code in new_selected if code not in set(old_selected))
    left = tuple(code for code in old_selected if code not in set(new_selected))

    both = [
        code
        for code, region in old_by.items()
        if region.rank is not None and code in new_by and new_by[code].rank is not None
    ]
    moves = [RankMove(code, _rank(old_by[code]), _rank(new_by[code])) for code in both]
    moves.sort(key=lambda m: (-abs(m.change), m.code))
    old_order = sorted(both, key=lambda code: _rank(old_by[code]))
    new_order = sorted(both, key=lambda code: _rank(new_by[code]))

    criteria_changed = old.criteria_sha256 != new.criteria_sha256
    changes: tuple[CriteriaChange, ...] | None
    if old.criteria_summary is not None and new.criteria_summary is not None:
        changes = tuple(criteria_diff(old.criteria_summary, new.criteria_summary))
    elif not criteria_changed:
        changes = ()
    else:
        changes = None
    return Comparison(
        old=old,
        new=new,
        cohorts=cohorts,
        entered=entered,
        left=left,
        moves=tuple(moves),
        common=len(both),
        spearman=_rounded(spearman(old_order, new_order)),
        top_down=_rounded(top_down(old_order, new_order)),
        criteria_changed=criteria_changed,
        criteria_changes=changes,
    )


CORRELATION_DECIMALS = 6
"""Correlations are reported to this many decimals, so that float noise in the last digits
(1.0 that comes out as 0.9999999999999993) never shows."""


def _rounded(value: float | None) -> float | None:
    return None if value is None else round(value, CORRELATION_DECIMALS)


def _rank(region: Standing) -> int:
    assert region.rank is not None
    return region.rank


def _cohort_changes(old: RankSnapshot, new: RankSnapshot) -> tuple[CohortChange, ...]:
    old_cohorts = {c.year: c for c in old.cohorts}
    new_cohorts = {c.year: c for c in new.cohorts}
    changes = []
    for year in sorted(old_cohorts.keys() | new_cohorts.keys()):
        before, after = old_cohorts.get(year), new_cohorts.get(year)
        old_codes = before.selected if before else ()
        new_codes = after.selected if after else ()
        changes.append(
            CohortChange(
                year=year,
                old_size=before.size if before else None,
                new_size=after.size if after else None,
                entered=tuple(c for c in new_codes if c not in set(old_codes)),
                left=tuple(c for c in old_codes if c not in set(new_codes)),
                stayed=len(set(old_codes) & set(new_codes)),
            )
        )
    return tuple(changes)


# --- rank correlations -----------------------------------------------------------------------


def _positions(order: Sequence[str]) -> dict[str, int]:
    return {code: i for i, code in enumerate(order, start=1)}


def spearman(old_order: Sequence[str], new_order: Sequence[str]) -> float | None:
    """Spearman's rho of two orderings of the same items (no ties):
    ``1 - 6 * sum(d^2) / (n * (n^2 - 1))``, d the difference of an item's positions."""
    n = len(old_order)
    if n < 2:
        return None
    new_pos = _positions(new_order)
    d2 = sum((i - new_pos[code]) ** 2 for code, i in _positions(old_order).items())
    return 1.0 - 6.0 * d2 / (n * (n * n - 1))


def savage_scores(n: int) -> list[float]:
    """``S_i = sum_{j=i..n} 1/j`` for i = 1..n (index 0 is S_1)."""
    scores = [0.0] * n
    running = 0.0
    for i in range(n, 0, -1):
        running += 1.0 / i
        scores[i - 1] = running
    return scores


def top_down(old_order: Sequence[str], new_order: Sequence[str]) -> float | None:
    """The Iman-Conover (1987) top-down correlation: Pearson's correlation of Savage scores,
    ``(sum_i S(R_i) S(Q_i) - n) / (n - S_1)``, R and Q an item's positions in the two
    orderings. Like Spearman it is 1 for the same order, but a swap near the top costs far
    more than one near the bottom. Its least value, for the reverse order, is -1 only for
    two items and tends to 1 - pi^2/6 (about -0.645) for many."""
    n = len(old_order)
    if n < 2:
        return None
    savage = savage_scores(n)
    new_pos = _positions(new_order)
    total = math.fsum(
        savage[i - 1] * savage[new_pos[code] - 1] for code, i in _positions(old_order).items()
    )
    return (total - n) / (n - savage[0])


# --- the criteria diff -----------------------------------------------------------------------


def _by_id(items: Any) -> dict[str, dict[str, Any]]:
    if not isinstance(items, list):
        return {}
    return {
        item["id"]: item
        for item in items
        if isinstance(item, dict) and isinstance(item.get("id"), str)
    }


def _weight_shares(items: Mapping[str, dict[str, Any]]) -> dict[str, float]:
    weights = {key: item.get("weight") for key, item in items.items()}
    numbers = {k: float(w) for k, w in weights.items() if isinstance(w, int | float)}
    total = sum(numbers.values())
    return {k: w / total for k, w in numbers.items()} if total > 0 else {}


_TOP_FIELDS = (
    "scale",
    "precision",
    "aggregation",
    "missing",
    "min_coverage",
    "bands",
    "cohorts",
    "max_per_province",
    "value_basis",
    "override_zone",
    "panel",
    "groups",
)
_UNSAID: dict[str, Any] = {"value_basis": DEFAULT_BASIS}
"""What a summary that leaves a field out means by it (a summary names ``value_basis``
only when it is not the default); a field not here means none."""

_INDICATOR_FIELDS = (
    "type",
    "weight",
    "required",
    "gate",
    "goalposts",
    "transform",
    "levels",
    "source",
    "uncertainty",
)


def criteria_diff(old: Mapping[str, Any], new: Mapping[str, Any]) -> Iterator[CriteriaChange]:
    """Every difference between two criteria summaries, in the new criteria's order
    (what was removed comes after what is still there)."""
    for key in _TOP_FIELDS:
        before, after = old.get(key, _UNSAID.get(key)), new.get(key, _UNSAID.get(key))
        if before != after:
            yield CriteriaChange("", key, before, after)
    old_factors, new_factors = _by_id(old.get("factors")), _by_id(new.get("factors"))
    old_shares, new_shares = _weight_shares(old_factors), _weight_shares(new_factors)
    for fid, after in new_factors.items():
        name = after.get("name")
        before = old_factors.get(fid)
        if before is None:
            yield CriteriaChange(fid, "factor", None, after.get("weight"), name)
            continue
        if before.get("weight") != after.get("weight"):
            yield CriteriaChange(
                fid,
                "weight",
                before.get("weight"),
                after.get("weight"),
                name,
                old_shares.get(fid),
                new_shares.get(fid),
            )
        if before.get("min_score") != after.get("min_score"):
            yield CriteriaChange(
                fid, "min_score", before.get("min_score"), after.get("min_score"), name
            )
        yield from _indicator_diff(fid, before, after, old_shares, new_shares)
    for fid, before in old_factors.items():
        if fid not in new_factors:
            yield CriteriaChange(fid, "factor", before.get("weight"), None, before.get("name"))


def _indicator_diff(
    fid: str,
    before: Mapping[str, Any],
    after: Mapping[str, Any],
    old_shares: Mapping[str, float],
    new_shares: Mapping[str, float],
) -> Iterator[CriteriaChange]:
    old_inds, new_inds = _by_id(before.get("indicators")), _by_id(after.get("indicators"))
    old_within, new_within = _weight_shares(old_inds), _weight_shares(new_inds)
    for iid, ind in new_inds.items():
        address, name = f"{fid}.{iid}", ind.get("name")
        previous = old_inds.get(iid)
        if previous is None:
            yield CriteriaChange(address, "indicator", None, ind.get("type"), name)
            continue
        for key in _INDICATOR_FIELDS:
            if previous.get(key) == ind.get(key):
                continue
            old_share = new_share = None
            if key == "weight":
                old_share = old_shares.get(fid, 0.0) * old_within.get(iid, 0.0)
                new_share = new_shares.get(fid, 0.0) * new_within.get(iid, 0.0)
            yield CriteriaChange(
                address, key, previous.get(key), ind.get(key), name, old_share, new_share
            )
    for iid, previous in old_inds.items():
        if iid not in new_inds:
            yield CriteriaChange(
                f"{fid}.{iid}", "indicator", previous.get("type"), None, previous.get("name")
            )
